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


def test_a_long_roster_is_read_in_one_pass(
    tmp_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each roster entry was given a view of the file made by scanning every position in
    it: 4,000 entries took a minute, a 1 MiB roster hours (CI and `serve` stuck). The
    positions are now gone through once, whatever the number of entries."""
    from typing import Any

    from notesite.load.yamlpos import YamlDoc
    from notesite.validate import records
    from support import BASE_FILES, STAFF

    scans: list[int] = []

    class Counting(dict[Any, Any]):
        def items(self) -> Any:
            scans.append(1)
            return super().items()

    real = records.parse_yaml_file

    def counted(*args: Any) -> Any:
        doc, found = real(*args)
        return YamlDoc(doc.data, Counting(doc.values), Counting(doc.keys)), found

    monkeypatch.setattr(records, "parse_yaml_file", counted)
    people = "".join(f"- {{id: pm-{i}, name: N, role: pim}}\n" for i in range(300))
    diagnostics = check(tmp_repo({STAFF: BASE_FILES[STAFF] + people}))
    assert sum(d.weight for d in diagnostics if d.code == "NS202") == 300
    assert len(scans) <= 2


def test_unknown_keys_by_the_thousand_get_hints_where_shown(
    tmp_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A did-you-mean was worked out for every unknown key, also the ones only counted
    ("and 39,980 more like this"): most of the time spent on such a file."""
    from notesite.diagnostics import CAP, cap
    from notesite.validate import schema
    from support import BASE_FILES, PAIR

    asked: list[str] = []
    real = schema.did_you_mean

    def counted(word: str, choices: object) -> str | None:
        asked.append(word)
        return real(word, choices)  # type: ignore[arg-type]

    monkeypatch.setattr(schema, "did_you_mean", counted)
    keys = "".join(f"schol{i}: x\n" for i in range(500))
    shown = cap(check(tmp_repo({PAIR: BASE_FILES[PAIR] + keys})))
    unknown = [d for d in shown if d.code == "NS201" and not d.omitted]
    assert len(unknown) == CAP and len(asked) == CAP
    assert all(d.hint == "did you mean `school`?" for d in unknown)


SETTINGS_THAT_BROKE_BUILD = [
    pytest.param("program_year_start: 02-29\n", "NS202", "02-29", id="year-starting-on-a-leap-day"),
    pytest.param("monthly_support_hours: .inf\n", "NS202", "at most 744", id="infinite-hours"),
    pytest.param("monthly_support_hours: 1e308\n", "NS202", "at most 744", id="huge-hours"),
    pytest.param(
        "focus: {follow_up_days: 100000000000}\n", "NS202", "at most 365", id="huge-follow-up"
    ),
    pytest.param(
        "tags:\n  - {slug: a, label: Same}\n  - {slug: b, label: same}\n",
        "NS700",
        "the label `Same` twice",
        id="labels-alike",
    ),
]


@pytest.mark.parametrize(("settings", "code", "said"), SETTINGS_THAT_BROKE_BUILD)
def test_settings_that_validated_but_broke_build_are_errors(
    tmp_repo: RepoFactory, settings: str, code: str, said: str
) -> None:
    """Each of these validated, then `build` and `tracker` hung (02-29: without end, taking
    all memory) or ended in a traceback. Now `validate` says why; `build` refuses."""
    from click.testing import CliRunner

    from notesite.cli import main
    from support import FOCUS, FOCUS_FILE, TODAY

    root = tmp_repo({"notesite.yaml": settings, FOCUS_FILE: FOCUS})
    [problem] = [d for d in check(root) if d.file == "notesite.yaml"]
    assert (problem.code, said in problem.message) == (code, True), problem
    for command in (("build", "--no-search"), ("tracker",)):
        result = CliRunner().invoke(
            main, [*command, "--root", str(root), "--today", TODAY.isoformat()]
        )
        assert isinstance(result.exception, SystemExit | None), result.exception


@pytest.mark.parametrize(
    "rel", ["data/staff.yaml", "data/pairs/p-0002.yaml", "data/notes/p-0001/2026-10-04-support.md"]
)
def test_a_folder_named_like_a_file_is_reported_once(tmp_repo: RepoFactory, rel: str) -> None:
    """An (empty) folder named like a note vanished silently; a folder data/staff.yaml was
    "missing: create it"."""
    from support import STAFF

    root = tmp_repo({STAFF: None} if rel == STAFF else {})
    (root / rel).mkdir()
    found = [(d.file, d.code, d.message) for d in check(root)]
    assert found == [(rel, "NS100", "this is a folder, not a file")]


def test_a_socket_is_not_a_regular_file(
    tmp_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A socket where a note belongs was "cannot be read; check the file's permissions"."""
    import socket

    root = tmp_repo()
    folder = root / NOTE.rsplit("/", 1)[0]
    monkeypatch.chdir(folder)  # a socket's path is limited to about 100 bytes
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(NOTE.rsplit("/", 1)[1])
        monkeypatch.chdir(root)
        [problem] = [d for d in check(root) if d.file == NOTE]
        assert "not a regular file" in problem.message
    finally:
        sock.close()


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        pytest.param("045", "write it without the leading zero: 45", id="octal-to-yaml"),
        pytest.param("1:30", "write one number (minutes: 90, not 1:30)", id="base-60-to-yaml"),
        pytest.param("1_0", "write it without the `_`: 10", id="underscores"),
        pytest.param("0x1E", None, id="hexadecimal"),
    ],
)
def test_a_number_yaml_reads_otherwise_is_refused_not_changed(
    tmp_repo: RepoFactory, written: str, hint: str | None
) -> None:
    """YAML 1.1 reads `minutes: 045` as the octal 37, `0x1E` as 30, `1_0` as 10 and `1:30`
    (base 60) as 90: the note said 37 minutes where the PM wrote 45, and validated."""
    root = tmp_repo({NOTE: note_text().replace("minutes: 30", f"minutes: {written}")})
    [problem] = [d for d in check(root) if d.file == NOTE]
    assert problem.code == "NS202" and f"not '{written}'" in problem.message
    assert problem.hint == hint


def test_a_text_value_keeps_its_leading_zero(tmp_repo: RepoFactory) -> None:
    """`cohort: 0123` was the number 83 to YAML, then "should be text"; it is the text."""
    from notesite.validate import check_repository
    from support import BASE_FILES, PAIR, TODAY

    root = tmp_repo({PAIR: BASE_FILES[PAIR] + "cohort: 0123\n"})
    checked = check_repository(root, TODAY)
    assert checked.diagnostics == [] and checked.program.pairs["p-0001"].cohort == "0123"


def test_a_missing_closing_line_is_said_at_the_heading(tmp_repo: RepoFactory) -> None:
    """Without the `---` after the fields, YAML read `## Data` as a comment and the note's
    first sentence as a broken field ("line 11 has no `:`"), then every section "missing"
    (a `---` rule further down closed the front matter instead)."""
    lines = note_text(BODY + "\n---\n\nMore text.\n").split("\n")
    assert lines[9] == "---"
    del lines[9]
    root = tmp_repo({NOTE: "\n".join(lines)})
    found = [(d.line, d.code, d.hint) for d in check(root) if d.file == NOTE]
    assert found == [(10, "NS111", "add a line `---` above `## Data`, after the last field")]
