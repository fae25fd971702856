"""Text from files made inert for review's output, and the bounded text diff."""

from __future__ import annotations

import json
import unicodedata

import pytest
from markdown_it import MarkdownIt

from notesite.review.escape import code, fence, inert_lines, json_text, plain
from notesite.review.textdiff import MAX_CELLS, text_diff

HOSTILE = [
    "::add-mask::hunter2",
    "  ::stop-commands::tok",
    "x\n::error file=a.md,line=1::forged",
    "a\r::warning::b",
    "a\u2028::notice::b\u2029c\x85d",
    "\x1b[2J\x1b]0;title\x07\x9b31m",
    ":::",
    "::::x",
    "##[group]old",
    "###[x]",
    "[link](https://evil.example) ![img](https://evil.example/i.png)",
    "<img src=x onerror=alert(1)> <https://evil.example>",
    "`a` ``b`` ` c",
    "a | b \\| c \\",
    "\u202egnp.exe \u200b\ufeff",
    "\udcff broken byte",
    "",
    " ",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_is_one_line_without_commands(text: str) -> None:
    shown = plain(text)
    assert shown.isprintable() or shown.strip() == ""
    assert "::" not in shown and "##[" not in shown
    assert inert_lines(shown) == shown


def test_plain_shows_what_it_escapes() -> None:
    assert plain("a\nb\rc\td") == "a\\nb\\rc\\td"
    assert plain("\x1b[2J") == "\\x1b[2J"
    assert plain("x\u2028y") == "x\\u2028y"
    assert plain("::add-mask::s") == ":\\:add-mask:\\:s"
    assert plain(":::") == ":\\:\\:"
    assert plain("##[error]x") == "##\\[error]x"
    assert plain("Jo Rivera (pm-jrivera)") == "Jo Rivera (pm-jrivera)"
    assert plain("José Núñez 12:30") == "José Núñez 12:30"


@pytest.mark.parametrize("text", [t for t in HOSTILE if t.strip()])
def test_code_is_one_code_span_in_a_table_cell(text: str) -> None:
    row = f"| h | h2 |\n| --- | --- |\n| {code(text)} | after |\n"
    tokens = MarkdownIt("commonmark").enable("table").parse(row)
    cells = [t for t in tokens if t.type == "inline"][2:]
    assert len(cells) == 2, [c.content for c in cells]  # the value stayed in its cell
    [span] = cells[0].children or []
    assert span.type == "code_inline"
    assert cells[1].content == "after"


@pytest.mark.parametrize("text", [t for t in HOSTILE if t.strip()])
def test_code_outside_a_table(text: str) -> None:
    tokens = MarkdownIt("commonmark").parse(f"Compared with {code(text, cell=False)} today")
    children = tokens[1].children or []
    assert [c.type for c in children] == ["text", "code_inline", "text"]
    assert children[1].content == plain(text).strip() or children[1].content == plain(text)


def test_fence_cannot_be_closed_from_inside() -> None:
    block = fence(["```", "````", "text"], "diff")
    tokens = MarkdownIt("commonmark").parse(block + "\n\nafter\n")
    assert tokens[0].type == "fence" and tokens[0].content == "```\n````\ntext\n"
    assert tokens[-2].content == "after"


def test_json_text_is_the_same_value_and_inert() -> None:
    value = {"name": "a\x1b[2J\u2028b\x85c\x7f##[x]\udcff\U000e0001"}
    raw = json_text(json.dumps(value, ensure_ascii=False))
    assert json.loads(raw) == value
    for ch in ("\x1b", "\u2028", "\x85", "\x7f", "##["):
        assert ch not in raw
    assert "é" in json_text(json.dumps({"a": "é"}, ensure_ascii=False))  # letters stay


def test_inert_lines_is_a_last_defence() -> None:
    assert inert_lines("ok\n  ::error::x\nsee ##[y]") == "ok\n  :\\:error:\\:x\nsee ##\\[y]"


# --- the text diff ------------------------------------------------------------------------


def test_a_small_edit_is_an_exact_line_diff() -> None:
    diff = text_diff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n")
    assert (diff.added, diff.removed, diff.more) == (2, 1, 0)
    assert diff.lines == ("- b", "+ B", "+ e")


def test_a_line_separator_stays_inside_its_line() -> None:
    diff = text_diff("a\n", "a\u2028b\n")
    assert (diff.added, diff.removed) == (1, 1)


def test_a_large_rewrite_is_compared_as_bags_of_lines() -> None:
    n = int(MAX_CELLS**0.5) + 10
    before = "".join(f"{i % 3}\n" for i in range(n))
    after = "".join(f"{i % 4}\n" for i in range(n))
    diff = text_diff(before, after, shown=5)
    old, new = before.splitlines(), after.splitlines()
    removed = sum(max(0, old.count(x) - new.count(x)) for x in set(old))
    added = sum(max(0, new.count(x) - old.count(x)) for x in set(new))
    assert (diff.added, diff.removed) == (added, removed)
    assert len(diff.lines) == 5 and diff.more == added + removed - 5


def test_shown_lines_are_clipped() -> None:
    diff = text_diff("", "x" * 1000)
    assert diff.lines == ("+ " + "x" * 159 + "…",)


# --- any text at all (property-based) ------------------------------------------------------

hypothesis = pytest.importorskip("hypothesis")  # in the lead's test pins; skipped without it
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ANY_TEXT = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list(":#[]()<>!`|\\\n\r\x1b\u2028\u2029\x85@*_&")),
    ),
    max_size=60,
)


@given(ANY_TEXT)
def test_any_text_made_plain_is_one_inert_line(text: str) -> None:
    shown = plain(text)
    assert "\n" not in shown and "\r" not in shown
    assert all(unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp", "Cs", "Cn") for ch in shown)
    assert "::" not in shown and "##[" not in shown


@given(ANY_TEXT.filter(lambda t: t.strip()))
def test_any_text_as_a_cell_is_one_code_span(text: str) -> None:
    row = f"| h | h2 |\n| --- | --- |\n| {code(text)} | after |\n"
    tokens = MarkdownIt("commonmark").enable("table").parse(row)
    cells = [t for t in tokens if t.type == "inline"][2:]
    assert [c.type for c in cells[0].children or []] == ["code_inline"]
    assert cells[1].content == "after"


@given(st.dictionaries(st.text(max_size=5), ANY_TEXT, max_size=4))
def test_any_json_round_trips(value: dict[str, str]) -> None:
    raw = json_text(json.dumps(value, ensure_ascii=False))
    assert json.loads(raw) == value
    assert "##[" not in raw and not any(line.lstrip().startswith("::") for line in raw.split("\n"))
