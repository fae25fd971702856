"""Diagnostics as data, the code registry, and the three output formats."""

from __future__ import annotations

import json
import re

import pytest

from notesite.codes import BY_NAME, CODES, Severity
from notesite.diagnostics import (
    Diagnostic,
    Limiter,
    cap,
    count,
    diag,
    did_you_mean,
    format_github,
    format_json,
    format_text,
    sort_diagnostics,
)

TAG = diag(
    "unknown-tag",
    "data/notes/p-0001/2026-10-03-support.md",
    9,
    "`mentor-touchpoint` is not a category tag",
    column=8,
    hint="did you mean `mentor-touch-point`?",
)
LATE = diag("logged-late", "data/notes/p-0001/2026-10-03-support.md", 6, "logged 10 days after")
LINK = diag("symlink", "data/notes/p-0001/x.md", None, "this is a symbolic link")


def test_registry_codes_are_stable_shaped_and_unique() -> None:
    assert all(re.fullmatch(r"NS\d{3}", c) for c in CODES)
    assert len(BY_NAME) == len(CODES)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c.name) for c in CODES.values())
    # Warnings are the NS8xx block, so a code says its severity at a glance.
    for code in CODES.values():
        assert (code.severity is Severity.WARNING) == code.code.startswith("NS8"), code


def test_diag_takes_code_and_severity_from_the_name() -> None:
    assert (TAG.code, TAG.severity) == ("NS403", Severity.ERROR)
    assert (LATE.code, LATE.severity) == ("NS800", Severity.WARNING)
    with pytest.raises(KeyError):
        diag("no-such-rule", "f", 1, "m")


def test_did_you_mean() -> None:
    choices = ["mentor-touch-point", "mentee-touch-point", "academic"]
    assert did_you_mean("mentor-touchpoint", choices) == "did you mean `mentor-touch-point`?"
    assert did_you_mean("ACADEMIC", choices) == "did you mean `academic`?"
    assert did_you_mean("zzz", choices) is None
    assert did_you_mean("x", []) is None


def test_count_and_sort() -> None:
    assert count([TAG, LATE, LINK]) == (2, 1)
    assert count([]) == (0, 0)
    other = diag("unknown-tag", "data/a.md", 1, "m")
    assert sort_diagnostics([TAG, LATE, other, TAG, LINK]) == [other, LATE, TAG, LINK]


def test_text_format() -> None:
    assert format_text([TAG, LATE, LINK]) == (
        "data/notes/p-0001/2026-10-03-support.md:9:8: error NS403: "
        "`mentor-touchpoint` is not a category tag\n"
        "    hint: did you mean `mentor-touch-point`?\n"
        "data/notes/p-0001/2026-10-03-support.md:6: warning NS800: logged 10 days after\n"
        "data/notes/p-0001/x.md: error NS108: this is a symbolic link\n"
        "2 errors, 1 warning in 2 files.\n"
    )
    assert format_text([LATE]) == (
        "data/notes/p-0001/2026-10-03-support.md:6: warning NS800: logged 10 days after\n"
        "0 errors, 1 warning in 1 file.\n"
    )
    assert format_text([]) == "No problems found.\n"


def test_github_format() -> None:
    assert format_github([TAG, LATE, LINK]).splitlines() == [
        "::error file=data/notes/p-0001/2026-10-03-support.md,line=9,col=8,"
        "title=NS403 unknown-tag::`mentor-touchpoint` is not a category tag"
        "%0Adid you mean `mentor-touch-point`?",
        "::warning file=data/notes/p-0001/2026-10-03-support.md,line=6,"
        "title=NS800 logged-late::logged 10 days after",
        "::error file=data/notes/p-0001/x.md,title=NS108 symlink::this is a symbolic link",
        "notesite: 2 errors, 1 warning.",
    ]


def test_github_escapes_data_and_properties() -> None:
    odd = Diagnostic(
        "NS202",
        Severity.ERROR,
        "data/notes/a,b:c%d.md",
        3,
        None,
        "100% sure: a, b\r\nsecond line",
        "fix: it",
    )
    line = format_github([odd]).splitlines()[0]
    assert line == (
        "::error file=data/notes/a%2Cb%3Ac%25d.md,line=3,title=NS202 invalid-value::"
        "100%25 sure: a, b?\\nsecond line%0Afix: it"
    )  # a line break from a file is shown as `\n` (and CR as `?`): one annotation line


def test_json_format() -> None:
    out = format_json([TAG, LINK, LATE])
    payload = json.loads(out)
    assert list(payload) == ["diagnostics", "errors", "omitted", "warnings"]
    assert (payload["errors"], payload["warnings"]) == (2, 1)
    first = payload["diagnostics"][0]
    assert (
        list(first)
        == sorted(first)
        == [
            "code",
            "column",
            "file",
            "hint",
            "line",
            "message",
            "severity",
        ]
    )
    assert first == {
        "code": "NS403",
        "column": 8,
        "file": "data/notes/p-0001/2026-10-03-support.md",
        "hint": "did you mean `mentor-touch-point`?",
        "line": 9,
        "message": "`mentor-touchpoint` is not a category tag",
        "severity": "error",
    }
    second = payload["diagnostics"][1]
    assert (second["line"], second["column"], second["hint"]) == (None, None, None)
    assert [d["code"] for d in payload["diagnostics"]] == ["NS403", "NS108", "NS800"]  # as given
    assert json.loads(format_json([])) == {
        "diagnostics": [],
        "errors": 0,
        "omitted": [],
        "warnings": 0,
    }


def test_json_keeps_non_ascii_text() -> None:
    d = diag("invalid-value", "data/pairs/p-é.yaml", 1, "`name` ne doit pas être vide")
    out = format_json([d])
    assert "être" in out and "\\u" not in out
    assert json.loads(out)["diagnostics"][0]["file"] == "data/pairs/p-é.yaml"


CSV = "data/participation/2025-26.csv"


def _unknown(line: int, file: str = CSV) -> Diagnostic:
    return diag("unknown-pair", file, line, f"no pair has the id `p-{line:04d}`")


def test_cap_shows_twenty_per_file_and_code_then_one_summary() -> None:
    many = [_unknown(n) for n in range(2, 102)] + [_unknown(5, "data/other.csv"), LATE]
    capped = cap(reversed(many))
    assert [d.line for d in capped if d.file == CSV] == [*range(2, 22), None]
    summary = capped[[d.file for d in capped].index(CSV) + 20]
    assert (summary.code, summary.omitted, summary.message) == (
        "NS300",
        80,
        "and 80 more like this",
    )
    assert count(capped) == count(many) == (101, 1)  # the totals are the real ones
    assert cap(capped) == capped  # capping twice changes nothing


def test_limiter_counts_without_building_and_merges_with_cap() -> None:
    limit = Limiter(cap=3)
    made = [_unknown(n) for n in range(10) if limit.room("unknown-pair", CSV)]
    assert len(made) == 3
    summaries = limit.summaries()
    assert [(s.code, s.file, s.omitted) for s in summaries] == [("NS300", CSV, 7)]
    assert count(cap([*made, *summaries], limit=2)) == (10, 0)
    assert [d.omitted for d in cap([*made, *summaries], limit=2)] == [0, 0, 8]


def test_the_three_formats_show_a_summary_and_count_it() -> None:
    shown = cap([_unknown(n) for n in range(2, 200_002)])
    text = format_text(shown).splitlines()
    assert text[-2:] == [
        f"and 199,980 more like this (NS300) in {CSV}",
        "200,000 errors, 0 warnings in 1 file.",
    ]
    github = format_github(shown).splitlines()
    assert len(github) == 22
    assert github[-2] == (
        "::error file=data/participation/2025-26.csv,title=NS300 unknown-pair::"
        f"and 199,980 more like this (NS300) in {CSV}"
    )
    assert github[-1] == "notesite: 200,000 errors, 0 warnings."
    payload = json.loads(format_json(shown))
    assert len(payload["diagnostics"]) == 20 and payload["errors"] == 200_000
    assert payload["omitted"] == [
        {"file": CSV, "code": "NS300", "severity": "error", "count": 199_980}
    ]


def test_formats_total_everything_when_given_more_than_they_show() -> None:
    assert format_text([TAG], [TAG, LATE, LINK]).splitlines()[-1] == (
        "2 errors, 1 warning in 2 files."
    )
    assert format_text([], [LATE]).splitlines() == ["0 errors, 1 warning in 1 file."]
    assert format_github([], [LATE, LINK]).splitlines() == ["notesite: 1 error, 1 warning."]
    assert json.loads(format_json([TAG], [TAG, LATE]))["warnings"] == 1


@pytest.mark.parametrize(
    ("word", "choices", "hint"),
    [
        ("inactive", ["active", "paused", "closed"], None),
        ("unactive", ["active", "paused", "closed"], None),
        ("not-active", ["active", "paused", "closed"], None),
        ("deactivated", ["active", "paused", "closed"], None),
        ("unpaused", ["active", "paused", "closed"], None),
        ("activ", ["active", "paused", "closed"], "did you mean `active`?"),
        ("pasued", ["active", "paused", "closed"], "did you mean `paused`?"),
        ("active", ["inactive"], None),  # nor the other way round
        ("mentor-touchpoint", ["mentor-touch-point"], "did you mean `mentor-touch-point`?"),
    ],
)
def test_did_you_mean_never_points_the_opposite_way(
    word: str, choices: list[str], hint: str | None
) -> None:
    assert did_you_mean(word, choices) == hint


def test_formats_print_file_text_safely() -> None:
    odd = Diagnostic(
        "NS403",
        Severity.ERROR,
        "data/notes/p-0001/\x1b[2J.md",
        9,
        8,
        "`x\nNo problems found.` is not a category tag \u202eevil",
        "::add-mask::secret",
    )
    text = format_text([odd])
    assert "\x1b" not in text and "\u202e" not in text
    assert "No problems found." not in text.splitlines()
    assert all(not line.lstrip().startswith("::") for line in text.splitlines())
    github = format_github([odd]).splitlines()
    assert len(github) == 2 and github[0].startswith("::error file=data/notes/p-0001/?.md,")
    assert "::add-mask::" not in github[0].split("::", 2)[2].replace("%0A", "\n").split("\n")[0]
    out = format_json([odd])
    assert "\x1b" not in out and "\\u001b" in out and "\\u202e" in out
    assert json.loads(out)["diagnostics"][0]["file"] == odd.file  # tools get the real name


def test_code_names_for_mypy_are_the_registry_names() -> None:
    from typing import get_args

    from notesite.codes import CodeName

    assert list(get_args(CodeName)) == [c.name for c in CODES.values()]
