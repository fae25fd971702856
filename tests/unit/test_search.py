"""Search records: one per note, linking to the note on its pair's page, with its filters."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from notesite.derive.facts import Facts, derive
from notesite.program import Note
from notesite.render import pages, search
from notesite.settings import Settings
from notesite.text import slug

TODAY = date(2026, 11, 22)
Make = Any  # conftest.Make: the `mk` fixture's record builders


def facts_with(mk: Make, notes: list[Note]) -> Facts:
    pairs = [mk.pair("p-0001", pm="pm-a"), mk.pair("p-0002", pm="pm-b")]
    staff = [mk.staff("pm-a"), mk.staff("pm-b"), mk.staff("dir-b", "director")]
    return derive(mk.program(pairs=pairs, notes=notes, staff=staff), TODAY)


def note(mk: Make, on: str, text: str = "", tags: tuple[str, ...] = (), **kw: object) -> Note:
    n = mk.note(on, **kw)
    return dataclasses.replace(n, text=text, tags=tags or n.tags)


def test_one_record_per_note_in_id_order(mk: Make) -> None:
    notes = [note(mk, "2026-10-03", pair="p-0002"), note(mk, "2026-10-01"), note(mk, "2026-09-01")]
    recs = search.records(facts_with(mk, notes))
    assert [r.url for r in recs] == sorted(r.url for r in recs)
    assert len(recs) == 3
    assert {r.url.split("#")[0] for r in recs} == {"pairs/p-0001.html", "pairs/p-0002.html"}


def test_the_url_is_the_notes_anchor_on_its_pair_page(mk: Make) -> None:
    n = note(mk, "2026-10-03", id="p-0001/2026-10-03-mentor-call-2", type="mentor-call")
    (rec,) = search.records(facts_with(mk, [n]))
    # the same anchor partials/note.html gives the note's <article id="{{ n.id|slug }}">
    assert rec.url == f"pairs/p-0001.html#{slug(n.id)}"
    assert rec.url == "pairs/p-0001.html#p-0001-2026-10-03-mentor-call-2"


def test_filters_are_the_pairs_pm_and_school_the_type_and_every_tag(mk: Make) -> None:
    n = note(
        mk, "2026-10-03", pair="p-0002", author="dir-b", type="safety", tags=("academic", "other")
    )
    (rec,) = search.records(facts_with(mk, [n]))
    assert rec.filters == {
        "pm": ["pm-b"],  # the pair's PM now, as on the Pairs page, not the note's author
        "school": ["harbor-high-school"],
        "type": ["safety"],
        "tag": ["academic", "other"],
    }


def test_every_filter_value_is_offered_on_the_search_page(mk: Make) -> None:
    notes = [
        note(mk, "2026-10-03", pair="p-0002", type="summary", tags=("career",)),
        note(mk, "2026-10-04", tags=("financial", "personal")),
    ]
    facts = facts_with(mk, notes)
    offered = {k: {v for v, _ in values} for k, values in pages.search_filters(facts).items()}
    for rec in search.records(facts):
        for name, values in rec.filters.items():
            assert set(values) <= offered[name], (name, values)


def test_title_meta_and_content(mk: Make) -> None:
    text = "Data The mentee found a robotics internship. Assessment Good. Plan Call."
    n = note(mk, "2026-10-03", type="mentor-call", text=text, tags=("career",))
    (rec,) = search.records(facts_with(mk, [n]))
    assert rec.meta["title"] == "Dana W. & Sam Okafor · 3 Oct 2026 · Mentor call"
    assert rec.meta == {
        "title": rec.meta["title"],
        "pair": "p-0001",
        "date": "2026-10-03",
        "type": "Mentor call",
        "author": "Pm-A",
        "school": "Harbor High School",
        "tags": "Career",
    }
    assert rec.content.endswith(text)  # the note's own words
    for findable in ("Dana W.", "Sam Okafor", "p-0001", "Harbor High School", "Pm-A", "Career"):
        assert findable in rec.content


def test_an_author_not_on_the_roster_shows_as_the_id(mk: Make) -> None:
    (rec,) = search.records(facts_with(mk, [note(mk, "2026-10-03", author="pm-gone")]))
    assert rec.meta["author"] == "pm-gone"


def test_a_programs_own_type_and_tag_labels(mk: Make) -> None:
    settings = Settings.model_validate(
        {
            "note_types": [{"slug": "home-visit", "label": "Home visit", "kind": "support"}],
            "tags": [{"slug": "housing", "label": "Housing"}],
        }
    )
    n = note(mk, "2026-10-03", type="home-visit", tags=("housing",))
    pairs = [mk.pair("p-0001")]
    facts = derive(mk.program(pairs=pairs, notes=[n], settings=settings), TODAY)
    (rec,) = search.records(facts)
    assert (rec.meta["type"], rec.meta["tags"]) == ("Home visit", "Housing")
    assert rec.filters["type"] == ["home-visit"] and rec.filters["tag"] == ["housing"]


@pytest.mark.parametrize("n", [0, 1, 23, 24, 255, 256, 65535, 65536, 2**32])
def test_cbor_heads_read_back(n: int) -> None:
    head = search._head(4, n)
    assert search._argument(head + b"\x00" * 8, 0) == (4, n, len(head))


def test_cbor_items_are_skipped_whole() -> None:
    item = search._head(4, 2) + search._text("pm") + search._head(4, 3) + bytes([1, 2, 0x18, 200])
    assert search._end(item + b"\xff", 0) == len(item)
    assert search._pair_of_texts(search._head(4, 2) + search._text("a") + search._text("é"), 0) == (
        "a",
        "é",
    )


def test_chinese_and_japanese_characters_are_indexed_one_by_one():
    # Pagefind splits words at spaces; the site is indexed as English, so Chinese (no spaces
    # between words) would be one word a phrase. Each character becomes a word of its own.
    assert search.segment("导师说数学成绩下降了。") == "导 师 说 数 学 成 绩 下 降 了 。"
    assert search.segment("Dana 学习 math") == "Dana 学 习 math"
    assert search.segment("ひらがなとカタカナ") == "ひ ら が な と カ タ カ ナ"
    assert search.segment("Plain English, untouched.") == "Plain English, untouched."
    assert search.segment("한국어 띄어쓰기") == "한국어 띄어쓰기"  # Korean has spaces: as written
