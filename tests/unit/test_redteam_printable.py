"""Red team, class 3: naming the characters a person cannot see (printable.py)."""

from __future__ import annotations

import pytest

from notesite.diagnostics import did_you_mean
from notesite.printable import foreign_character, invisible, invisible_hint, without_invisible


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("support", []),
        ("sup\u200bport", ["\u200b"]),
        ("\u202etag\u202c", ["\u202e", "\u202c"]),
        ("##\u00a0Plan\u3000", ["\u00a0", "\u3000"]),
        ("soft\u00adhyphen\ufeff", ["\u00ad", "\ufeff"]),
        ("tab\tand space", []),  # visible as what they are
    ],
)
def test_invisible_characters_are_found(text: str, found: list[str]) -> None:
    assert invisible(text) == found


def test_the_visible_text_is_what_a_person_reads() -> None:
    assert without_invisible("sup\u200bport\u00a0x\u202e") == "support x"


def test_the_hint_names_each_character_once() -> None:
    hint = invisible_hint("a\u200bb\u200bc\u2060")
    assert hint is not None
    assert hint.count("U+200B ZERO WIDTH SPACE") == 1 and "U+2060 WORD JOINER" in hint
    assert hint.endswith("retype it as `abc`")
    assert invisible_hint("plain") is None


def test_did_you_mean_names_the_character_instead_of_the_same_word() -> None:
    assert did_you_mean("mentor\u200b", ["mentor", "mentee"]) == invisible_hint("mentor\u200b")
    assert did_you_mean("mentr", ["mentor", "mentee"]) == "did you mean `mentor`?"


def test_a_letter_of_another_alphabet_is_named() -> None:
    assert foreign_character("pm-\u0430") == "`\u0430` (U+0430 CYRILLIC SMALL LETTER A)"
    assert foreign_character("pm-a") is None
