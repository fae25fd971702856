"""YAML documents kept by their digest: exact round trips, strict decoding, lazy positions."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

import pytest

from notesite.load import yamlcache
from notesite.load.yamlpos import YamlDoc, load_yaml

TEXT = """\
id: p-0001
mentor: {id: mr-0001, name: Sam Okafor}
grade: 10
ratio: 0.5
big: .inf
empty: ~
active: true
matched_on: 2025-09-15
at: 2025-09-15 10:30:00+02:00
naive: 2025-09-15 10:30:00
2026-01-01: a date as a key
7: a number as a key
history:
  - {pm: pm-a, from: 2025-09-15}
  - [nested, [deeper]]
"""


def _roundtrip(data: Any) -> Any:
    return yamlcache.decode(json.loads(json.dumps(yamlcache.encode(data))))


def test_every_kind_of_yaml_value_comes_back_exactly() -> None:
    doc, problems = load_yaml(TEXT)
    assert doc is not None and not problems
    back = _roundtrip(doc.data)
    assert back == doc.data
    # Equal is not enough: 1 == 1.0 == True, so the kinds must match too, keys included.
    assert [type(k) for k in back] == [type(k) for k in doc.data]
    assert [type(v) for v in back.values()] == [type(v) for v in doc.data.values()]
    assert back["at"].utcoffset() == timedelta(hours=2)
    assert type(back[date(2026, 1, 1)]) is str and back[7] == "a number as a key"


def test_floats_json_cannot_write_come_back() -> None:
    back = _roundtrip([math.inf, -math.inf, 0.1, -0.0])
    assert back[:3] == [math.inf, -math.inf, 0.1] and math.copysign(1, back[3]) == -1
    assert math.isnan(_roundtrip(math.nan))


class _Zone(tzinfo):
    """A time zone that is not a fixed offset (YAML only ever makes fixed ones)."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=1)


@pytest.mark.parametrize(
    "value",
    [object(), {1, 2}, (1, 2), b"bytes", frozenset(), datetime(2026, 1, 1, tzinfo=_Zone())],
)
def test_a_value_that_is_not_plain_data_is_not_encoded(value: object) -> None:
    with pytest.raises(ValueError):
        yamlcache.encode(value)


@pytest.mark.parametrize(
    "raw",
    [
        {"x": "1"},  # an unknown tag
        {"d": "2026-02-30"},  # not a date
        {"d": 20260101},  # a date that is not text
        {"m": [["k"]]},  # a mapping entry without a value
        {"m": [[["list", "key"], 1]]},  # a container as a key
        {"m": [[{"m": []}, 1]]},  # a mapping as a key
        {"a": "1", "b": "2"},  # two tags
        1.5,  # a bare float: floats are tagged
        [1, {"t": "yesterday"}],
    ],
)
def test_decoding_refuses_anything_encode_does_not_make(raw: object) -> None:
    with pytest.raises(ValueError):
        yamlcache.decode(raw)


def test_a_kept_document_parses_its_positions_from_its_text_when_asked() -> None:
    doc, _ = load_yaml(TEXT)
    assert doc is not None
    lazy = YamlDoc(doc.data, text=TEXT)
    assert lazy._values is None  # not parsed until a position is wanted
    assert lazy.pos(("history", 0, "from")) == doc.pos(("history", 0, "from"))
    assert lazy.value_pos(("mentor", "name")) == doc.value_pos(("mentor", "name"))
    assert lazy.keys == doc.keys and lazy.values == doc.values and lazy == doc


def test_the_memo_parses_a_text_once_and_a_text_with_problems_every_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parsed: list[str] = []

    def counting(text: str, **kw: Any) -> Any:
        parsed.append(text)
        return load_yaml(text, **kw)

    monkeypatch.setattr(yamlcache, "load_yaml", counting)
    bad = "a: 1\na: 2\n"  # a duplicate key: reported each time it is read
    memo = yamlcache.YamlMemo()
    with yamlcache.using(memo):
        first = yamlcache.parse(TEXT)
        again = yamlcache.parse(TEXT)
        for _ in range(2):
            assert yamlcache.parse(bad)[1]
    assert parsed == [TEXT, bad, bad]
    assert first[0] == again[0] and not again[1]
    memo.turn()  # the next build starts from this one's documents
    assert memo.changed and set(memo.known) == {yamlcache.text_digest(TEXT)} and not memo.used
    memo.changed = False  # as NoteCache.save does once it wrote them
    with yamlcache.using(memo):
        yamlcache.parse(TEXT)
    memo.turn()
    assert parsed == [TEXT, bad, bad] and not memo.changed  # the same documents: nothing to save
    assert yamlcache.parse(TEXT)[0] == first[0] and len(parsed) == 4  # outside: no memo
