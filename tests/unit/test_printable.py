"""printable(): text from files made safe for a terminal and a CI log."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notesite.printable import printable
from strategies import FAST


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Harbor High", "Harbor High"),
        ("café 東京高校 🙂", "café 東京高校 🙂"),
        ("\x1b[2JNo problems found.", "?No problems found."),  # clear screen: replaced whole
        ("\x1b[31mred\x1b[0m", "?red?"),
        ("\x1b]0;title\x07x", "?x"),  # window title (OSC)
        ("\x1b]8;;https://e.example\x1b\\link\x1b]8;;\x1b\\", "?link?"),  # hyperlink
        ("a\x1bcb", "a?b"),  # ESC c: reset the terminal
        ("a\x9b2Jb", "a?b"),  # the one-byte C1 CSI
        ("a\x85b\x90c\x7fd", "a?b?c?d"),  # NEL, DCS, DEL
        ("a\x00b\x07c\x08d\rE", "a?b?c?d?E"),  # NUL, bell, backspace, carriage return
        ("pay \u202eKCATTA\u202c now", "pay KCATTA now"),  # right-to-left override: removed
        ("\u2066x\u2069\u200f\u061c", "x"),  # isolates and marks
        ("one\u2028two\u2029three", "one two three"),
        ("a\x0bNo problems found.", "a?No problems found."),  # vertical tab: a new line on a tty
        ("a\x0cb", "a?b"),  # form feed
    ],
)
def test_controls_and_escapes_are_replaced_or_removed(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_lines_stay_lines_but_cannot_be_workflow_commands() -> None:
    text = "ok\n::add-mask::secret\n  ::warning file=x::forged\nsay ##[error]x\nkeep a::b"
    assert printable(text).splitlines() == [
        "ok",
        ": :add-mask::secret",
        "  : :warning file=x::forged",
        "say # #[error]x",
        "keep a::b",
    ]
    assert printable("::error::wanted", commands=True) == "::error::wanted"


def test_one_line_values_cannot_start_a_line() -> None:
    assert printable("a\nNo problems found.\tb", one_line=True) == "a\\nNo problems found. b"
    assert "\n" not in printable("x\n\n::add-mask::y", one_line=True)


_PIECES = ["\x1b[", "\x1b]", "\x9b", "\u202e", "\u2028", "::", "##[", "\n", "\x1b", " "]
_HOSTILE = st.lists(
    st.one_of(st.text(st.characters(codec="utf-8"), max_size=4), st.sampled_from(_PIECES))
).map("".join)


@FAST
@given(_HOSTILE)
def test_no_control_character_and_no_command_survives(text: str) -> None:
    for one_line in (False, True):
        out = printable(text, one_line=one_line)
        assert printable(out, one_line=one_line) == out  # nothing left to remove
        for ch in out:
            assert ch in "\n\t" or unicodedata.category(ch) != "Cc", repr(ch)
            assert ch not in "\u061c\u200e\u200f\u2028\u2029"
            assert not "\u202a" <= ch <= "\u202e" and not "\u2066" <= ch <= "\u2069"
        for line in out.split("\n"):
            assert not line.lstrip().startswith("::") and "##[" not in line
        if one_line:
            assert "\n" not in out
