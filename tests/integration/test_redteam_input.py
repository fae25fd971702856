"""Red team, class 3: input that is valid text but hostile, or just invisible.

A value can look right and be wrong: a zero-width space inside `support`, a bidi mark
after a tag, a no-break space after `##`, a Cyrillic letter in an id, an empty line or a
second BOM before `---`. Printed, the message looked absurd ("`support` is not a note
type; did you mean `support`?") or pointed nowhere. The hint must name the character.
"""

from __future__ import annotations

import pytest

from support import BODY, NOTE, RepoFactory, check, note_text

WRONG = [
    pytest.param(
        note_text(tags=["mentor-touch-point\u202e"]),
        "NS403",
        "U+202E RIGHT-TO-LEFT OVERRIDE",
        "retype it as `mentor-touch-point`",
        id="tag-with-a-bidi-override",
    ),
    pytest.param(
        note_text(type="support\u200b"),
        "NS408",
        "U+200B ZERO WIDTH SPACE",
        "retype it as `support`",
        id="type-with-a-zero-width-space",
    ),
    pytest.param(
        note_text(author="pm-a\u200b"),
        "NS202",
        "U+200B ZERO WIDTH SPACE",
        "retype it as `pm-a`",
        id="author-with-a-zero-width-space",
    ),
    pytest.param(
        note_text(contact=["mentor\u2060"]),
        "NS202",
        "U+2060 WORD JOINER",
        "retype it as `mentor`",
        id="contact-with-a-word-joiner",
    ),
    pytest.param(
        note_text(author="pm-\u0430"),
        "NS202",
        "`\u0430` (U+0430 CYRILLIC SMALL LETTER A) is not a plain letter",
        "",
        id="author-with-a-cyrillic-a",
    ),
    pytest.param(
        note_text(pair="p\u20100001"),
        "NS202",
        "U+2010 HYPHEN",
        "",
        id="pair-with-a-typographic-hyphen",
    ),
    pytest.param(
        note_text(BODY.replace("## Plan", "## Pl\u200ban")),
        "NS400",
        "U+200B ZERO WIDTH SPACE",
        "retype it as `## Plan`",
        id="heading-with-a-zero-width-space",
    ),
    pytest.param(
        note_text(BODY.replace("## Plan", "##\u00a0Plan")),
        "NS400",
        "U+00A0 NO-BREAK SPACE) that looks like a space",
        "retype it as `## Plan`",
        id="heading-with-a-no-break-space",
    ),
    pytest.param(
        note_text(BODY.replace("## Assessment", "\u200b## Assessment")),
        "NS400",
        "U+200B ZERO WIDTH SPACE",
        "retype it as `## Assessment`",
        id="heading-after-a-zero-width-space",
    ),
    pytest.param(
        "\ufeff\ufeff" + note_text(),
        "NS111",
        "U+FEFF ZERO WIDTH NO-BREAK SPACE",
        "retype it as `---`",
        id="a-second-bom",
    ),
    pytest.param(
        "\n\n" + note_text(),
        "NS111",
        "delete the 2 empty lines above `---`",
        "",
        id="empty-lines-first",
    ),
    pytest.param(
        "  " + note_text(),
        "NS111",
        "remove the spaces before `---`",
        "",
        id="spaces-before-the-dashes",
    ),
]


@pytest.mark.parametrize(("text", "code", "named", "fix"), WRONG)
def test_an_invisible_or_foreign_character_is_named(
    tmp_repo: RepoFactory, text: str, code: str, named: str, fix: str
) -> None:
    root = tmp_repo({NOTE: text})
    found = [d for d in check(root) if d.code == code and d.file == NOTE]
    assert found, check(root)
    hints = " ".join(d.hint or "" for d in found)
    assert named in hints and fix in hints, [(d.message, d.hint) for d in found]
    assert not any("did you mean" in (d.hint or "") for d in found)


def test_a_type_with_an_invisible_character_suggests_no_file_name(tmp_repo: RepoFactory) -> None:
    """NS203 said "name the file 2026-10-03-support\u200b.md": a name with the character in."""
    root = tmp_repo({NOTE: note_text(type="support\u200b")})
    [mismatch] = [d for d in check(root) if d.code == "NS203"]
    assert "\u200b" not in (mismatch.hint or "") and "U+200B" in (mismatch.hint or "")


def test_names_with_joiners_people_use_are_no_problem(tmp_repo: RepoFactory) -> None:
    """A zero-width non-joiner belongs in Persian names, a joiner in emoji: text values
    (names, schools) keep them; only ids, tags, types and headings are words to match."""
    from support import BASE_FILES, PAIR

    pair = BASE_FILES[PAIR].replace("Dana W.", "Mehr\u200cnaz \U0001f469\u200d\U0001f393")
    assert check(tmp_repo({"data/pairs/p-0001.yaml": pair})) == []
