"""Page digests (render/digest.py): equal values, equal digests, in every process; any change
that could show on the page, another digest."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path

import pytest
from markupsafe import Markup
from pydantic import BaseModel

from notesite.models import ParticipationRow
from notesite.render.digest import Digests, Undigestable, page_digests


@dataclass(frozen=True)
class Row:
    name: str
    count: int
    tags: tuple[str, ...] = ()


class Model(BaseModel):
    name: str
    size: int

    @cached_property
    def shout(self) -> str:
        return self.name.upper()


_ROW = ParticipationRow("p-0001", date(2026, 9, 8), "done", "missed", 12)


def _of(value: object) -> str:
    return Digests().of(value)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (1, True),
        (1, 1.0),
        (1, "1"),
        (0, None),
        ("", None),
        ("a & b", Markup("a & b")),  # one is escaped on the page, the other is not
        ((1, 2), [1, 2]),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}),  # templates show a dict in its order
        (("ab", "c"), ("a", "bc")),
        ("x" * 40, "x" * 41),  # long strings are hashed: still told apart
        (date(2026, 1, 2), "2026-01-02"),
        (date(2026, 1, 2), datetime(2026, 1, 2)),
        (Row("a", 1), Row("a", 2)),
        (Row("a", 1, ("t",)), Row("a", 1, ("u",))),
        (Model(name="a", size=1), Model(name="a", size=2)),
        ({"a"}, ["a"]),
        (0.1, 0.1000000001),
        *(  # a pair's participation rows, digested as one token: every field counts
            ((_ROW,), (replace(_ROW, **{field: value}),))
            for field, value in [
                ("pair", "p-0002"),
                ("week", date(2026, 9, 15)),
                ("mentor", "missed"),
                ("mentee", "excused"),
                ("line", 13),
            ]
        ),
        ((_ROW, _ROW), (_ROW,)),
        ((_ROW,), (_ROW, "x")),
        ((_ROW,), [_ROW]),
        ((_ROW,), _ROW),
    ],
)
def test_values_that_can_show_differently_have_different_digests(a: object, b: object) -> None:
    assert _of(a) != _of(b)


def test_equal_values_have_equal_digests_whatever_their_identity() -> None:
    assert _of(Row("a" * 50, 1, ("x",))) == _of(Row("".join(["a"] * 50), 1, ("x",)))
    assert _of({"b", "a", "c"}) == _of({"c", "a", "b"})  # sets are sorted
    assert _of(frozenset({1, 2})) == _of(frozenset({2, 1}))
    rows = (_ROW, replace(_ROW, line=13))
    assert _of(rows) == _of(tuple(replace(r) for r in rows))


def test_a_cached_property_filled_later_does_not_change_a_models_digest() -> None:
    """pydantic keeps cached properties in __dict__; the digest reads the fields."""
    model = Model(name="a", size=1)
    before = _of(model)
    assert model.shout == "A"
    assert _of(model) == before


def test_an_object_is_digested_once_and_a_shared_one_counts_in_every_page() -> None:
    shared = Row("shared", 1)
    d = Digests()
    first, second = d.of([shared]), d.of([shared, shared])
    assert first != second
    assert d.of([replace(shared, count=2)]) != first


def test_a_known_token_stands_for_the_object() -> None:
    row = Row("a", 1)
    known = {id(row): (row, b"N1")}
    assert Digests(known=known).of(row) != Digests().of(row)
    assert Digests(known=known).of(row) == Digests(known=dict(known)).of(row)


def test_the_salt_changes_every_digest() -> None:
    assert Digests(b"1").of("x") != Digests(b"2").of("x")


def test_a_function_cannot_be_digested_and_its_page_is_always_rendered() -> None:
    with pytest.raises(Undigestable, match="function"):
        _of({"f": lambda: 1})

    from notesite.render.html import TEMPLATES, Page

    pages = [Page("a.html", "home.html", "A", {"x": 1}), Page("b.html", "b.html", "B", {"f": _of})]
    assert list(page_digests(pages, {}, TEMPLATES)) == ["a.html"]


SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from unit.test_page_digest import Model, Row
from notesite.render.digest import Digests
print(Digests(b"s").of({{"rows": [Row("a", 1, ("x", "y"))], "set": {{"p", "q", "r", "s"}},
    "m": Model(name="n", size=3), "f": 2.5}}))
"""


def test_digests_are_the_same_in_every_process() -> None:
    """Set order follows string hashing, which differs per process: the digest must not."""
    tests = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", SCRIPT.format(tests=tests)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        found.add(run.stdout.strip())
    assert len(found) == 1 and len(found.pop()) == 32


def test_every_page_of_the_demo_site_can_be_digested(tmp_path: Path) -> None:
    """A value a digest does not know would make its page render on every build."""
    from notesite.derive.facts import derive
    from notesite.render import html, pages
    from notesite.validate import check_repository
    from site_program import TODAY, site_repository

    root = site_repository(tmp_path / "demo")
    facts = derive(check_repository(root, TODAY, render=True).program, TODAY)
    every = list(pages.pages(facts))
    digests = page_digests(every, pages.common(facts, search=True), html.TEMPLATES)
    assert set(digests) == {p.path for p in every}
    assert len(set(digests.values())) == len(every)
