"""`notesite review` on real git repositories: a branch compared with its merge base.

The branch of the shared scenario adds, edits and deletes notes, adds a major safety note
escalated late, reassigns one pair (without the previous PM's summary: NS824), closes
another, and adds a rating and a focus list. Later tests change the safety record, hide
files from `git archive`, and put hostile text in every place review prints.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from notesite.cli import main
from support import (
    BASE_FILES,
    BASE_NOTE,
    BODY,
    FOCUS,
    FOCUS_FILE,
    GIT_ENV,
    NOTE,
    PAIR,
    RATING,
    RATING_FILE,
    STAFF,
    commit_all,
    git,
    make_repo,
    note_text,
    write_files,
)
from support import GIT_UNSET as UNSET

P2, P3 = "data/pairs/p-0002.yaml", "data/pairs/p-0003.yaml"
OLD_P2 = "data/notes/p-0002/2026-09-01-support.md"  # p-0002 is stale at the base
NEW_P2 = "data/notes/p-0002/2026-11-18-support.md"  # ... and ok on the branch
P3_NOTE = "data/notes/p-0003/2026-11-10-support.md"
SAFETY = "data/notes/p-0001/2026-11-10-safety.md"
OLD_NOTE = "data/notes/p-0001/2026-10-03-support.md"  # NOTE: deleted on the branch


def _pair(pid: str, pm: str = "pm-a", extra: str = "status: active\n") -> str:
    return (
        BASE_FILES[PAIR]
        .replace("p-0001", pid)
        .replace("pm: pm-a", f"pm: {pm}")
        .replace("status: active\n", extra)
    )


BASE: dict[str, str | bytes | None] = {
    STAFF: BASE_FILES[STAFF] + "- id: pm-c\n  name: Cy Lane\n  role: pm\n  manager: dir-b\n",
    P2: _pair("p-0002"),
    P3: _pair("p-0003"),
    NOTE: note_text(),
    OLD_P2: note_text(pair="p-0002", date=date(2026, 9, 1), logged=date(2026, 9, 2)),
    P3_NOTE: note_text(pair="p-0003", date=date(2026, 11, 10), logged=date(2026, 11, 10)),
    # pm-c takes over p-0002 on the branch; a recent focus list of theirs keeps NS821 away.
    "data/focus/pm-c/2026-11-16.yaml": FOCUS.replace("pm-a", "pm-c").replace("11-02", "11-16"),
}
BRANCH: dict[str, str | bytes | None] = {
    NOTE: None,
    NEW_P2: note_text(pair="p-0002", date=date(2026, 11, 18), logged=date(2026, 11, 18)),
    BASE_NOTE: BASE_FILES[BASE_NOTE]
    .replace("minutes: 30", "minutes: 45")
    .replace("Next call in February.", "Next call in January."),
    SAFETY: note_text(  # the same text as the deleted NOTE: still a new safety note, no rename
        type="safety",
        date=date(2026, 11, 10),
        logged=date(2026, 11, 12),
        tags=["risky-behavior"],
        severity="major",
        escalated_to=["dir-b"],
        escalated_on=date(2026, 11, 14),
    ),
    P2: _pair("p-0002", "pm-c") + "pm_history:\n  - {pm: pm-a, from: 2025-09-15, to: 2026-11-15}\n",
    P3: _pair("p-0003", extra="status: closed\nclosed_on: 2026-11-20\nclosure_reason: moved\n"),
    RATING_FILE: RATING,
    FOCUS_FILE: FOCUS,
}


Files = Mapping[str, str | bytes | None]


def make_git_repo(root: Path, branch: Files | None = None, base: Files = BASE) -> Path:
    """`base` (the scenario) committed on main, then `branch` committed on branch `change`."""
    make_repo(root, base)
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "base")
    git(root, "checkout", "-q", "-b", "change")
    if branch is not None:
        write_files(root, branch)
        commit_all(root, "change")
    return root


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in UNSET:
        monkeypatch.delenv(name, raising=False)
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)


def module_repo(
    factory: pytest.TempPathFactory, branch: Files, base: Files = BASE
) -> Iterator[Path]:
    """A git repository shared by a module's tests (made without the runner's git variables)."""
    with pytest.MonkeyPatch.context() as mp:
        for name in UNSET:
            mp.delenv(name, raising=False)
        yield make_git_repo(factory.mktemp("review") / "repo", branch, base)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield from module_repo(tmp_path_factory, BRANCH)


def review(root: Path, *args: str, env: Mapping[str, str] | None = None) -> Result:
    result = CliRunner().invoke(
        main, ["review", "--root", str(root), "--today", "2026-11-22", *args], env=env
    )
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


@pytest.fixture(scope="module")
def payload(scenario: Path) -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as mp:
        for name in UNSET:
            mp.delenv(name, raising=False)
        result = review(scenario, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def ids(notes: list[dict[str, Any]]) -> list[str]:
    return [n["id"] for n in notes]


# --- each section, from the JSON -------------------------------------------------------------


def test_base_defaults_to_the_merge_base_with_main(scenario: Path, payload: dict[str, Any]) -> None:
    assert payload["base"] == {
        "rev": "the merge base of HEAD and main",
        "commit": git(scenario, "rev-parse", "main").strip(),
    }
    assert payload["today"] == "2026-11-22"


def test_safety_note_added_with_severity_and_late_escalation(payload: dict[str, Any]) -> None:
    [safety] = payload["safety_added"]
    assert safety["note"]["id"] == "p-0001/2026-11-10-safety"
    assert safety["note"]["author"] == "pm-a"
    assert (safety["severity"], safety["escalated_to"], safety["escalated_on"]) == (
        "major",
        ["dir-b"],
        "2026-11-14",
    )
    assert (safety["escalation_lag_days"], safety["status"]) == (4, "late")


def test_notes_added_changed_removed_per_pair_and_author(payload: dict[str, Any]) -> None:
    notes = payload["notes"]
    assert ids(notes["added"]) == ["p-0001/2026-11-10-safety", "p-0002/2026-11-18-support"]
    assert ids(notes["changed"]) == ["p-0001/2026-11-02-mentor-call"]
    assert ids(notes["removed"]) == ["p-0001/2026-10-03-support"]
    assert notes["by_pair"] == [
        {"pair": "p-0001", "pm": "pm-a", "added": 1, "changed": 1, "removed": 1},
        {"pair": "p-0002", "pm": "pm-c", "added": 1, "changed": 0, "removed": 0},
    ]
    assert notes["by_author"] == [{"author": "pm-a", "added": 2, "changed": 1, "removed": 1}]


def test_a_merged_note_edited_is_called_out_as_a_rewrite(payload: dict[str, Any]) -> None:
    [rewrite] = payload["rewrites"]
    assert (rewrite["id"], rewrite["pair"], rewrite["author"]) == (
        "p-0001/2026-11-02-mentor-call",
        "p-0001",
        "pm-a",
    )
    assert rewrite["details"] == ["minutes: 30 → 45", "text: 1 line added, 1 removed"]


def test_only_added_notes_logged_late_are_documented_late(payload: dict[str, Any]) -> None:
    late = payload["late_documentation"]
    assert late["log_within_days"] == 7
    # The safety note is dated 12 days before the review but was logged 2 days after the
    # concern; the edited mentor call is 20 days old but it is a rewrite: neither is late.
    assert late["notes"] == []


def test_pairs_reassigned_and_closed(payload: dict[str, Any]) -> None:
    assert payload["pairs"] == [
        {
            "id": "p-0002",
            "change": "changed",
            "pm": {"before": "pm-a", "after": "pm-c"},
            "status": {"before": "active", "after": "active"},
            "details": [
                "reassigned from Alex Park (pm-a) to Cy Lane (pm-c)",
                "also changed: pm_history",
            ],
        },
        {
            "id": "p-0003",
            "change": "changed",
            "pm": {"before": "pm-a", "after": "pm-a"},
            "status": {"before": "active", "after": "closed"},
            "details": ["closed on 2026-11-20 (moved)"],
        },
    ]


def test_rating_and_focus_list_added(payload: dict[str, Any]) -> None:
    assert payload["ratings"] == [
        {
            "file": RATING_FILE,
            "kind": "rating",
            "change": "added",
            "subject": "Alex Park (pm-a), 2025-26",
            "details": ["score 2.54 (rated by Bea Diaz (dir-b) on 2026-04-20)"],
        }
    ]
    assert payload["focus"] == [
        {
            "file": FOCUS_FILE,
            "kind": "focus",
            "change": "added",
            "subject": "Alex Park (pm-a), 2026-11-02",
            "details": ["1 pair: p-0001"],
        }
    ]
    assert payload["other_files"] == []  # the roster did not change


def test_tracker_moves_with_pairs_leaving_stale_first(payload: dict[str, Any]) -> None:
    assert payload["tracker"] == [
        {"pair": "p-0002", "pm": "pm-c", "before": "stale", "after": "ok"},
        {"pair": "p-0001", "pm": "pm-a", "before": "watch", "after": "ok"},  # the safety note
        {"pair": "p-0003", "pm": "pm-a", "before": "ok", "after": "inactive"},
    ]


def test_validation_of_the_changed_files(payload: dict[str, Any]) -> None:
    validation = payload["validation"]
    assert (validation["files"], validation["errors"], validation["elsewhere"]) == (7, 0, [])
    assert [(d["file"], d["line"], d["code"]) for d in validation["diagnostics"]] == [
        (SAFETY, 12, "NS801"),  # escalated late: a warning
        (P2, 5, "NS824"),  # reassigned without pm-a's summary for 2026-27, on the `pm` line
    ]
    [handover] = validation["diagnostics"][1:]
    assert handover["message"] == (
        "p-0002 moves from Alex Park (pm-a) to Cy Lane (pm-c), but pm-a has written no "
        "summary note for p-0002 in 2026-27"
    )
    assert "notesite new note p-0002 --type summary --author pm-a" in handover["hint"]
    assert [f["file"] for f in payload["files"]] == sorted(f["file"] for f in payload["files"])


# --- Markdown and text -----------------------------------------------------------------------


def test_markdown_is_the_default_and_puts_safety_first(scenario: Path) -> None:
    result = review(scenario)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("## notesite review\n")
    headings = [line for line in out.splitlines() if line.startswith("### ")]
    assert headings[:2] == ["### Safety record changes", "### Safety notes added"]
    assert headings[-1] == "### Validation"
    assert "### Documented late" not in headings  # nothing added was logged late
    for expected in (
        "No safety note was removed, renamed, re-dated or weakened.",
        "| `p-0001/2026-11-10-safety` | `p-0001` | `Alex Park (pm-a)` | `major` "
        "| `Bea Diaz (dir-b)` | 2026-11-14 | 4 days | ESCALATED LATE (allowed: 1 day) |",
        "| `p-0001` | `Alex Park (pm-a)` | 1 | 1 | 1 |",
        "### Notes rewritten after they were merged",
        "| `p-0001/2026-11-02-mentor-call` | `p-0001` | `Alex Park (pm-a)` | `minutes: 30 → 45;",
        "Text of `p-0001/2026-11-02-mentor-call`:\n\n```diff\n- Next call in February.\n"
        "+ Next call in January.\n```",
        "| `p-0002` | changed | `Alex Park (pm-a) → Cy Lane (pm-c)` | active "
        "| `reassigned from Alex Park (pm-a) to Cy Lane (pm-c);",
        "`closed on 2026-11-20 (moved)`",
        "score 2.54",
        "| `p-0002` | `Cy Lane (pm-c)` | stale | ok |",
        "**0 errors, 2 warnings in 7 added or changed files.**",
        f"{SAFETY}:",
    ):
        assert expected in out, expected


def test_strict_fails_on_the_warning_of_a_changed_file(scenario: Path) -> None:
    assert review(scenario, "--strict", "--format", "json").exit_code == 1


def test_a_broken_safety_note_is_still_listed_first(tmp_path: Path) -> None:
    broken = str(BRANCH[SAFETY]).replace("severity: major\n", "")  # NS409: severity missing
    root = make_git_repo(tmp_path / "repo", {SAFETY: broken})
    result = review(root, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    [safety] = data["safety_added"]
    assert (safety["note"]["id"], safety["status"]) == ("p-0001/2026-11-10-safety", "invalid")
    assert [d["code"] for d in data["validation"]["diagnostics"]] == ["NS409"]
    assert "DOES NOT VALIDATE" in review(root).stdout


def test_text_format_has_the_same_sections(scenario: Path) -> None:
    result = review(scenario, "--format", "text")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("notesite review: compared with the merge base of HEAD and main")
    assert lines[1] == (
        "2 notes added, 1 changed, 1 removed in 2 pairs; 1 safety note added; "
        "0 errors, 2 warnings in 7 added or changed files."
    )
    order = ["Safety record changes", "Safety notes added", "Notes per pair", "Validation"]
    assert [lines.index(title) for title in order] == sorted(lines.index(t) for t in order)
    assert any(line.startswith("p-0002  Cy Lane (pm-c)    stale   ok") for line in lines)
    assert "|" not in result.stdout


def test_markdown_is_appended_to_the_github_step_summary(scenario: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = review(scenario, "--format", "json", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)  # stdout keeps the asked-for format
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## notesite review\n")
    assert "### Safety notes added" in text


def test_max_rows_shortens_tables_but_not_json(scenario: Path) -> None:
    out = review(scenario, "--max-rows", "1").stdout
    assert "… and 1 more" in out
    assert "… and" not in review(scenario, "--max-rows", "0").stdout


# --- other bases, errors ---------------------------------------------------------------------


def test_explicit_base_and_no_change(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo")
    result = review(root, "main", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["base"]["rev"] == "main"
    assert data["files"] == [] and data["safety_added"] == [] and data["tracker"] == []
    assert "No safety notes were added." in review(root, "main").stdout


def test_uncommitted_changes_are_reviewed_too(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo")
    write_files(root, {NEW_P2: BRANCH[NEW_P2]})  # not committed, not even added
    data = json.loads(review(root, "HEAD", "--format", "json").stdout)
    assert ids(data["notes"]["added"]) == ["p-0002/2026-11-18-support"]
    assert data["tracker"] == [{"pair": "p-0002", "pm": "pm-a", "before": "stale", "after": "ok"}]


def test_a_broken_changed_note_exits_1_and_shows_the_diagnostic(tmp_path: Path) -> None:
    broken = note_text(  # NS403 on line 9, column 8
        pair="p-0002",
        date=date(2026, 11, 18),
        logged=date(2026, 11, 18),
        tags=["mentor-touchpoint"],
    )
    root = make_git_repo(tmp_path / "repo", {NEW_P2: broken})
    result = review(root, "--format", "text")
    assert result.exit_code == 1
    assert f"{NEW_P2}:9:8: error NS403: `mentor-touchpoint` is not a category tag" in (
        result.stdout
    )
    data = json.loads(review(root, "--format", "json").stdout)
    assert data["validation"]["errors"] == 1


def test_a_change_that_breaks_an_untouched_file_is_reported(tmp_path: Path) -> None:
    root = make_git_repo(tmp_path / "repo", {P3: None})  # p-0003's note now names no pair
    text = review(root, "--format", "text").stdout
    assert (
        "0 errors, 0 warnings in 0 added or changed files, and 1 error, 0 warnings new in" in text
    )
    assert f"{P3_NOTE}:2: error NS300: no pair has the id `p-0003`" in text
    result = review(root, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["pairs"][0]["change"] == "removed"
    assert (data["validation"]["errors"], data["validation"]["diagnostics"]) == (1, [])
    assert [(d["file"], d["code"]) for d in data["validation"]["elsewhere"]] == [(P3_NOTE, "NS300")]


def test_a_bad_base_is_a_usage_error(scenario: Path) -> None:
    for base in ("no-such-branch", "--help-me"):
        result = review(scenario, "--", base) if base.startswith("-") else review(scenario, base)
        assert result.exit_code == 2
        assert f"BASE `{base}` is not a git revision" in result.output
        assert "Traceback" not in result.output


def test_a_folder_outside_git_is_a_usage_error(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    result = review(root)
    assert result.exit_code == 2
    assert "is not in a git repository" in result.output
    assert "Traceback" not in result.output


def test_without_main_the_base_must_be_given(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", BASE)
    git(root, "init", "-q", "-b", "trunk")
    commit_all(root, "base")
    result = review(root)
    assert result.exit_code == 2
    assert "no branch `main` or `origin/main`" in result.output and "pass BASE" in result.output


def test_a_notes_repository_in_a_subfolder(tmp_path: Path) -> None:
    top = tmp_path / "top"
    make_repo(top / "notes", BASE)
    git(top, "init", "-q", "-b", "main")
    commit_all(top, "base")
    write_files(top / "notes", {NEW_P2: BRANCH[NEW_P2], NOTE: None})
    data = json.loads(review(top / "notes", "--format", "json").stdout)
    assert ids(data["notes"]["added"]) == ["p-0002/2026-11-18-support"]
    assert ids(data["notes"]["removed"]) == ["p-0001/2026-10-03-support"]


def test_markdown_cells_are_escaped(tmp_path: Path) -> None:
    closed = "status: closed\nclosed_on: 2026-11-20\nclosure_reason: 'moved | <b>left</b>'\n"
    root = make_git_repo(tmp_path / "repo", {P3: _pair("p-0003", extra=closed)})
    out = review(root).stdout
    assert "| `closed on 2026-11-20 (moved \\| <b>left</b>)` |" in out  # code: shown as text
    assert "closed on 2026-11-20 (moved | <b>left</b>)" in review(root, "--format", "text").stdout


def test_an_unwritable_step_summary_is_a_usage_error(scenario: Path, tmp_path: Path) -> None:
    result = review(scenario, env={"GITHUB_STEP_SUMMARY": str(tmp_path)})  # a folder
    assert result.exit_code == 2
    assert "cannot write GITHUB_STEP_SUMMARY" in result.output


# --- the safety record (SPEC §15) --------------------------------------------------------------

S_DEL = "data/notes/p-0001/2026-10-20-safety.md"  # deleted
S_LOW = "data/notes/p-0001/2026-10-25-safety.md"  # major → minor, escalation dropped
S_OLD = "data/notes/p-0002/2026-10-12-safety.md"  # re-dated by renaming it ...
S_NEW = "data/notes/p-0002/2026-10-14-safety.md"  # ... to this
S_AUTH = "data/notes/p-0003/2026-10-30-safety.md"  # author changed
S_TYPE = "data/notes/p-0003/2026-11-01-safety.md"  # no longer a safety note ...
S_TYPE_NOW = "data/notes/p-0003/2026-11-01-support.md"  # ... renamed with its type
N_TO = "data/notes/p-0002/2026-11-05-support.md"  # becomes a safety note ...
N_TO_NOW = "data/notes/p-0002/2026-11-05-safety.md"


def _safety(pair: str, day: date, what: str, **fields: Any) -> str:
    body = (
        f"## Data\nThe mentor reported {what}.\n\n## Assessment\nA concern about {what}.\n\n"
        f"## Plan\nFollow up on {what} with the family.\n"
    )

    def copy() -> date:  # one date object used twice would be dumped as a YAML alias
        return date.fromordinal(day.toordinal())

    major = {"severity": "major", "escalated_to": ["dir-b"], "escalated_on": copy()}
    return note_text(
        body,
        pair=pair,
        type="safety",
        date=day,
        logged=copy(),
        tags=["risky-behavior"],
        **(major | fields),
    )


MINOR: dict[str, Any] = {"severity": "minor", "escalated_to": None, "escalated_on": None}
SAFETY_BASE: dict[str, str | bytes | None] = {
    **BASE,
    S_DEL: _safety("p-0001", date(2026, 10, 20), "a threat made online"),
    S_LOW: _safety("p-0001", date(2026, 10, 25), "a fight at the bus stop"),
    S_OLD: _safety("p-0002", date(2026, 10, 12), "bruises on the mentee's arm"),
    S_AUTH: _safety("p-0003", date(2026, 10, 30), "a missed curfew", **MINOR),
    S_TYPE: _safety("p-0003", date(2026, 11, 1), "a rumour at school", **MINOR),
    N_TO: note_text(pair="p-0002", date=date(2026, 11, 5), logged=date(2026, 11, 5)),
}
SAFETY_EDITS: dict[str, str | bytes | None] = {
    S_DEL: None,
    S_LOW: str(SAFETY_BASE[S_LOW])
    .replace("severity: major", "severity: minor")
    .replace("escalated_to: [dir-b]\n", "")
    .replace("escalated_on: 2026-10-25\n", ""),
    S_OLD: None,
    S_NEW: str(SAFETY_BASE[S_OLD])
    .replace("date: 2026-10-12", "date: 2026-10-14")
    .replace("logged: 2026-10-12", "logged: 2026-10-14")
    .replace("escalated_on: 2026-10-12", "escalated_on: 2026-10-14"),
    S_AUTH: str(SAFETY_BASE[S_AUTH]).replace("author: pm-a", "author: pm-c"),
    S_TYPE: None,
    S_TYPE_NOW: str(SAFETY_BASE[S_TYPE])
    .replace("type: safety", "type: support")
    .replace("severity: minor\n", ""),
    N_TO: None,
    N_TO_NOW: str(SAFETY_BASE[N_TO])
    .replace("type: support", "type: safety")
    .replace("---\n## Data", "severity: minor\n---\n## Data"),
}


RAISED = (  # a minor concern found to be major, escalated a week later
    str(SAFETY_BASE[S_TYPE])
    .replace("severity: minor", "severity: major")
    .replace("---\n## Data", "escalated_to: [dir-b]\nescalated_on: 2026-11-08\n---\n## Data")
)


def make_safety_repo(root: Path, edits: Files) -> Path:
    return make_git_repo(root, edits, SAFETY_BASE)


@pytest.fixture(scope="module")
def safety_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield from module_repo(tmp_path_factory, SAFETY_EDITS, SAFETY_BASE)


def test_the_base_of_the_safety_scenario_validates(tmp_path: Path) -> None:
    from support import check

    assert check(make_repo(tmp_path / "repo", SAFETY_BASE)) == []


def test_every_change_to_the_safety_record_is_listed_and_fails(safety_repo: Path) -> None:
    result = review(safety_repo, "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["validation"]["errors"] == 0  # the files are valid: the record is what fails
    changes = {c["note"]["id"]: (c["changes"], c["details"]) for c in data["safety_changes"]}
    assert changes == {
        "p-0001/2026-10-20-safety": (["removed"], ["its file was deleted"]),
        "p-0001/2026-10-25-safety": (
            ["severity-lowered", "escalation-removed"],
            [
                "severity: major → minor",
                "escalated to: Bea Diaz (dir-b) → (none)",
                "escalated on: 2026-10-25 → (none)",
            ],
        ),
        "p-0002/2026-10-12-safety": (
            ["renamed", "re-dated", "escalation-changed"],
            [
                "renamed to p-0002/2026-10-14-safety",
                "date: 2026-10-12 → 2026-10-14",
                "logged: 2026-10-12 → 2026-10-14",
                "escalated on: 2026-10-12 → 2026-10-14",
            ],
        ),
        "p-0003/2026-10-30-safety": (
            ["author-changed"],
            ["author: Alex Park (pm-a) → Cy Lane (pm-c)"],
        ),
        # Turned into a support note under a new name: the safety note is gone.
        "p-0003/2026-11-01-safety": (["removed"], ["its file was deleted"]),
    }
    [moved] = [c for c in data["safety_changes"] if "re-dated" in c["changes"]]
    assert moved["now"]["id"] == "p-0002/2026-10-14-safety"
    assert all(c["now"] is None for c in data["safety_changes"] if c["changes"] == ["removed"])
    # The renamed note is one record, not a safety note added and another removed; a
    # support note rewritten as a safety note under a new name is a safety note added.
    assert [x["note"]["id"] for x in data["safety_added"]] == ["p-0002/2026-11-05-safety"]
    assert ids(data["notes"]["added"]) == ["p-0002/2026-11-05-safety", "p-0003/2026-11-01-support"]
    assert ids(data["notes"]["removed"]) == [
        "p-0001/2026-10-20-safety",
        "p-0002/2026-11-05-support",
        "p-0003/2026-11-01-safety",
    ]
    assert [(x["before"]["id"], x["after"]["id"]) for x in data["notes"]["renamed"]] == [
        ("p-0002/2026-10-12-safety", "p-0002/2026-10-14-safety"),
    ]
    [rewrite] = [w for w in data["rewrites"] if w["id"] == "p-0002/2026-10-14-safety"]
    assert rewrite["renamed_from"] == "p-0002/2026-10-12-safety"
    assert rewrite["details"][0] == "renamed from p-0002/2026-10-12-safety"


def test_safety_record_changes_come_before_everything_else(safety_repo: Path) -> None:
    result = review(safety_repo)
    assert result.exit_code == 1
    out = result.stdout
    assert "5 safety record changes (the check fails); 2 notes added" in out
    headings = [line for line in out.splitlines() if line.startswith("### ")]
    assert headings[:2] == ["### Safety record changes", "### Safety notes added"]
    assert "While this list is not empty the check fails (exit 1)" in out
    assert (
        "| `p-0001/2026-10-25-safety` | `p-0001` | `Alex Park (pm-a)` | "
        "severity lowered, escalation removed | `severity: major → minor; escalated to: "
        "Bea Diaz (dir-b) → (none); escalated on: 2026-10-25 → (none)` |"
    ) in out
    assert "| `p-0002/2026-10-14-safety` |" not in out.split("### Notes per pair")[0]
    text = review(safety_repo, "--format", "text")
    assert text.exit_code == 1
    lines = text.stdout.splitlines()
    assert lines[1].startswith("5 safety record changes (the check fails); ")
    assert lines[3] == "Safety record changes"
    rows = [re.split(r"\s{2,}", line) for line in lines]
    assert [
        "p-0002/2026-10-12-safety",
        "p-0002",
        "Alex Park (pm-a)",
        "renamed, re-dated, escalation changed",
        "renamed to p-0002/2026-10-14-safety; date: 2026-10-12 → 2026-10-14; logged: "
        "2026-10-12 → 2026-10-14; escalated on: 2026-10-12 → 2026-10-14",
    ] in rows


@pytest.mark.parametrize(
    ("edits", "kinds"),
    [
        pytest.param({S_DEL: None}, ["removed"], id="deleted"),
        pytest.param({S_OLD: None, S_NEW: SAFETY_BASE[S_OLD]}, ["renamed"], id="renamed"),
        pytest.param(
            {S_OLD: None, S_NEW: SAFETY_EDITS[S_NEW]},
            ["renamed", "re-dated", "escalation-changed"],
            id="re-dated",
        ),
        pytest.param(
            {S_LOW: SAFETY_EDITS[S_LOW]}, ["severity-lowered", "escalation-removed"], id="lowered"
        ),
        pytest.param(
            {S_LOW: str(SAFETY_BASE[S_LOW]).replace("[dir-b]", "[pm-c]")},
            ["escalation-changed"],
            id="escalated-to-someone-else",
        ),
        pytest.param(
            {S_TYPE: RAISED}, ["escalation-changed"], id="raised-and-escalated-afterwards"
        ),
        pytest.param({S_AUTH: SAFETY_EDITS[S_AUTH]}, ["author-changed"], id="author"),
        pytest.param(
            {S_TYPE: None, S_TYPE_NOW: SAFETY_EDITS[S_TYPE_NOW]}, ["removed"], id="from-safety"
        ),
        pytest.param(  # in place: the file name no longer fits (an error), still listed
            {S_TYPE: SAFETY_EDITS[S_TYPE_NOW]}, ["type-changed"], id="from-safety-in-place"
        ),
        pytest.param({N_TO: SAFETY_EDITS[N_TO_NOW]}, ["type-changed"], id="to-safety-in-place"),
        pytest.param({S_DEL: "---\npair: [unclosed\n---\n## Data\n"}, ["unreadable"], id="broken"),
    ],
)
def test_each_safety_record_change_alone_fails_the_review(
    tmp_path: Path, edits: dict[str, str | None], kinds: list[str]
) -> None:
    root = make_safety_repo(tmp_path / "repo", edits)
    result = review(root, "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    [change] = data["safety_changes"]
    assert change["changes"] == kinds
    assert data["safety_added"] == []


def test_new_safety_notes_and_edited_text_are_not_safety_record_changes(tmp_path: Path) -> None:
    edits = {
        S_DEL: str(SAFETY_BASE[S_DEL]).replace("a threat made online", "an online threat"),
        "data/notes/p-0001/2026-11-20-safety.md": _safety("p-0001", date(2026, 11, 20), "a dare"),
    }
    root = make_safety_repo(tmp_path / "repo", edits)
    result = review(root, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["safety_changes"] == []
    assert [(x["note"]["id"], x["status"]) for x in data["safety_added"]] == [
        ("p-0001/2026-11-20-safety", "on-time")
    ]
    [rewrite] = data["rewrites"]  # the edited text is shown as a rewrite of a record
    assert (rewrite["id"], rewrite["text"]["added"], rewrite["text"]["removed"]) == (
        "p-0001/2026-10-20-safety",
        3,
        3,
    )


def test_export_ignore_in_gitattributes_hides_nothing(tmp_path: Path) -> None:
    """Both trees are read by git's own view, never by `git archive`."""
    root = make_repo(tmp_path / "repo", SAFETY_BASE)
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "base")
    attributes = "data/** export-ignore\nnotesite.yaml export-ignore\n*.md export-subst\n"
    write_files(root, {".gitattributes": attributes, "notesite.yaml": "program: $Format:%H$\n"})
    commit_all(root, "export settings, merged long ago")
    git(root, "checkout", "-q", "-b", "change")
    write_files(root, {S_DEL: None, S_LOW: SAFETY_EDITS[S_LOW]})
    commit_all(root, "change")
    archived = subprocess.run(["git", "archive", "main"], cwd=root, capture_output=True).stdout
    assert b"2026-10-20-safety" not in archived  # what the old review read: no notes at all
    result = review(root, "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["files"] == [
        {"file": S_DEL, "change": "removed"},
        {"file": S_LOW, "change": "changed"},
    ]  # nothing else: notesite.yaml and every other note are the same on both sides
    assert [(c["note"]["id"], c["changes"][0]) for c in data["safety_changes"]] == [
        ("p-0001/2026-10-20-safety", "removed"),
        ("p-0001/2026-10-25-safety", "severity-lowered"),
    ]


def test_a_renamed_note_is_one_record(tmp_path: Path) -> None:
    moved = "data/notes/p-0001/2026-10-03-support-2.md"
    root = make_git_repo(tmp_path / "repo", {NOTE: None, moved: BASE[NOTE]})
    data = json.loads(review(root, "--format", "json").stdout)
    assert data["notes"]["added"] == [] and data["notes"]["removed"] == []
    [renamed] = data["notes"]["renamed"]
    assert (renamed["before"]["id"], renamed["after"]["id"]) == (
        "p-0001/2026-10-03-support",
        "p-0001/2026-10-03-support-2",
    )
    assert data["notes"]["by_pair"] == [
        {"pair": "p-0001", "pm": "pm-a", "added": 0, "changed": 1, "removed": 0}
    ]
    [rewrite] = data["rewrites"]
    assert rewrite["details"] == ["renamed from p-0001/2026-10-03-support"]
    assert data["safety_changes"] == []  # not a safety note
    out = review(root).stdout
    assert "| renamed | `p-0001/2026-10-03-support → p-0001/2026-10-03-support-2` |" in out


def test_late_documentation_uses_the_sites_definition(tmp_path: Path) -> None:
    """logged − date > log_within_days, for notes the change adds; edits are not judged."""
    late = "data/notes/p-0001/2026-11-05-support.md"  # logged 9 days after the support
    old_but_prompt = "data/notes/p-0001/2026-10-10-support.md"  # 43 days ago, logged next day
    root = make_git_repo(
        tmp_path / "repo",
        {
            late: note_text(date=date(2026, 11, 5), logged=date(2026, 11, 14)),
            old_but_prompt: note_text(date=date(2026, 10, 10), logged=date(2026, 10, 11)),
            NOTE: str(BASE[NOTE]).replace("next week", "in two weeks"),  # 50 days old
        },
    )
    data = json.loads(review(root, "--format", "json").stdout)
    assert [(n["id"], n["lag_days"]) for n in data["late_documentation"]["notes"]] == [
        ("p-0001/2026-11-05-support", 9)
    ]
    codes = [(d["file"], d["code"]) for d in data["validation"]["diagnostics"]]
    assert (late, "NS800") in codes  # the same judgement as `validate`'s logged-late warning
    out = review(root).stdout
    assert "| `p-0001/2026-11-05-support` | `Alex Park (pm-a)` | 2026-11-05 | 2026-11-14 |" in out


HANDOVER = {P2: _pair("p-0002", "pm-c")}


def _summary(year: str, author: str = "pm-a", day: date = date(2026, 11, 15)) -> str:
    body = (
        "## Data\nA year of weekly meetings.\n\n## Assessment\nThe match is strong.\n\n"
        "## Plan\nKeep the same rhythm with the new PM.\n"
    )
    return note_text(
        body,
        pair="p-0002",
        type="summary",
        author=author,
        date=day,
        logged=date.fromordinal(day.toordinal()),  # not the same object: no YAML alias
        program_year=year,
        tags=["relationship"],
    )


SUMMARY = "data/notes/p-0002/2026-11-15-summary.md"


@pytest.mark.parametrize(
    ("files", "warned"),
    [
        pytest.param(HANDOVER, True, id="no-summary"),
        pytest.param({**HANDOVER, SUMMARY: _summary("2026-27")}, False, id="summary-now"),
        pytest.param(
            {**HANDOVER, SUMMARY: _summary("2026-27", author="pm-c")}, True, id="by-new-pm"
        ),
        pytest.param(
            {
                **HANDOVER,
                "data/notes/p-0002/2026-06-20-summary.md": _summary(
                    "2025-26", day=date(2026, 6, 20)
                ),
            },
            True,
            id="last-years-summary",
        ),
        pytest.param({P2: _pair("p-0002", "pm-c", "status: paused\n")}, False, id="paused-pair"),
        pytest.param(
            {P2: _pair("p-0002", extra="status: active\ncohort: 2025\n")}, False, id="same-pm"
        ),
    ],
)
def test_ns824_a_handover_without_the_previous_pms_summary(
    tmp_path: Path, files: dict[str, str | None], warned: bool
) -> None:
    root = make_git_repo(tmp_path / "repo", files)
    data = json.loads(review(root, "--format", "json").stdout)
    found = [
        (d["file"], d["line"]) for d in data["validation"]["diagnostics"] if d["code"] == "NS824"
    ]
    assert found == ([(P2, 5)] if warned else [])


def test_a_60_kb_rewrite_is_diffed_in_bounded_time_and_output(tmp_path: Path) -> None:
    """The old line diff was quadratic (minutes); counts and a capped excerpt remain."""
    before = "".join(f"{'x' if i % 3 else 'y'} the same words, line {i % 7}\n" for i in range(2450))
    after = "".join(f"{'y' if i % 5 else 'x'} the same words, line {i % 11}\n" for i in range(2450))
    assert 60_000 < len(after.encode()) < 64 * 1024
    big = "data/notes/p-0001/2026-10-12-support.md"
    root = make_repo(tmp_path / "repo", {**BASE, big: note_text(BODY + before)})
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "base")
    write_files(root, {big: note_text(BODY + after)})
    data = json.loads(review(root, "HEAD", "--format", "json").stdout)
    [rewrite] = data["rewrites"]
    text = rewrite["text"]
    old_lines, new_lines = before.splitlines(), after.splitlines()
    assert text["removed"] == sum(
        (Counter(old_lines) - Counter(new_lines)).values()
    )  # compared as bags of lines: the exact diff is too costly at this size
    assert text["added"] == sum((Counter(new_lines) - Counter(old_lines)).values())
    assert len(text["lines"]) == 12 and text["more"] == text["added"] + text["removed"] - 12
    markdown = review(root, "HEAD").stdout
    assert f"… and {text['more']} more changed lines" in markdown
    assert len(markdown) < 8_000


# --- nothing from a file can act on the output (SPEC §15) ----------------------------------------

HOSTILE = (
    "Eve [docs](https://evil.example/x) ![pic](https://evil.example/p.png) "
    "<img src=x onerror=alert(1)> @octocat #12 `tick` | pipe\n"
    "::error file=data/staff.yaml,line=1::forged annotation\r\n"
    "::add-mask::hunter2\u2028::stop-commands::tok\u2029 \x1b[2J\x1b[31mred\x85\x9b2J "
    "##[warning]old style\u202egnp.exe"
)
HOSTILE_LINES = [
    "::add-mask::hunter2",
    "  ::stop-commands::tok",
    "::error file=data/staff.yaml,line=1::forged annotation",
    "[docs](https://evil.example/x) ![pic](https://evil.example/p.png) <https://evil.example>",
    "<script>alert(1)</script> <img src=x onerror=alert(1)> www.evil.example a@evil.example",
    "\x1b[2J\x1b[31mscreen cleared by an escape",
    "a line separator\u2028::notice::forged after it",
    "##[error]old-style command @octocat",
    "````",
    "| a | b |",
]
MARKERS = ("evil.example", "octocat", "hunter2", "onerror", "forged", "tagsecret", "stop-commands")
PM_X = "data/notes/p-0001/2026-10-21-safety.md"
ODD_NAME = "data/notes/p-0001/2026-11-05-support\n::error::forged [x](evil.example)\x1b[2J.md"


def _hostile() -> tuple[Files, Files]:
    """A base with a PM whose name is hostile, and a branch that puts hostile text everywhere."""
    staff = (
        BASE[STAFF] + f"- id: pm-x\n  name: {json.dumps(HOSTILE)}\n  role: pm\n  manager: dir-b\n"
    )
    base = {**BASE, STAFF: staff, PM_X: _safety("p-0001", date(2026, 10, 21), "a threat")}
    base[PM_X] = str(base[PM_X]).replace("author: pm-a", "author: pm-x")
    tag = json.dumps("mentor-touch-point\n::add-mask::tagsecret")
    rewritten = (
        BASE_FILES[BASE_NOTE]
        .replace("tags: [mentor-touch-point]", f"tags: [{tag}]")
        .replace("Next call in February.", "\n".join(HOSTILE_LINES))
    )
    closed = f"status: closed\nclosed_on: 2026-11-20\nclosure_reason: {json.dumps(HOSTILE)}\n"
    branch = {
        PM_X: None,
        BASE_NOTE: rewritten,
        P2: _pair("p-0002", "pm-x"),
        P3: _pair("p-0003", extra=closed),
        ODD_NAME: note_text(date=date(2026, 11, 5), logged=date(2026, 11, 5)),
    }
    return base, branch


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    base, branch = _hostile()
    yield from module_repo(tmp_path_factory, branch, base)


def assert_inert(out: str) -> None:
    """No line of `out` is a workflow command; no character moves a terminal's cursor."""
    for line in out.split("\n"):
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line
    for ch in ("\x1b", "\r", "\u2028", "\u2029", "\x85", "\x9b", "\u202e"):
        assert ch not in out, repr(ch)


def test_hostile_text_is_inert_in_markdown(hostile: Path) -> None:
    from markdown_it import MarkdownIt

    result = review(hostile)
    out = result.stdout
    assert_inert(out)
    assert "Eve [docs]" in out and ":\\:add-mask:\\:hunter2" in out  # shown, as code
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    columns = 0
    for token in tokens:
        assert token.type != "html_block", token
        if token.type == "tr_open":
            columns = 0
        columns += token.type in ("th_open", "td_open")
        if token.type == "tr_close":
            assert columns in (4, 5), columns  # no cell broke out of its table
        for child in token.children or []:
            assert child.type not in ("link_open", "image", "html_inline"), child
            if child.type == "text":  # what is not code: no hostile word may be there
                assert not any(m in child.content for m in MARKERS), child.content
    assert any(t.type == "fence" and "hunter2" in t.content for t in tokens)


def test_hostile_text_is_inert_in_text(hostile: Path) -> None:
    result = review(hostile, "--format", "text")
    out = result.stdout
    assert_inert(out)
    for shown in (
        "+ :\\:add-mask:\\:hunter2",
        "+   :\\:stop-commands:\\:tok",
        "\\x1b[2J\\x1b[31mscreen cleared",
        "a line separator\\u2028:\\:notice:\\:forged",
        "##\\[error]old-style command",
        "Eve [docs](https://evil.example/x)",  # a terminal shows text: nothing to escape
        "\\n:\\:error file=data/staff.yaml,line=1:\\:forged annotation\\r\\n",
        "2026-11-05-support\\n:\\:error:\\:forged [x](evil.example)\\x1b[2J.md",
        "mentor-touch-point\\n:\\:add-mask:\\:tagsecret",
    ):
        assert shown in out, shown


def test_hostile_text_is_exact_in_json_and_inert_to_print(hostile: Path) -> None:
    result = review(hostile, "--format", "json")
    assert_inert(result.stdout)
    data = json.loads(result.stdout)
    assert data["people"]["pm-x"] == HOSTILE  # JSON keeps the value exactly
    [change] = data["safety_changes"]
    assert (change["note"]["author"], change["changes"]) == ("pm-x", ["removed"])
    [rewrite] = [w for w in data["rewrites"] if w["id"] == "p-0001/2026-11-02-mentor-call"]
    assert "+ ::add-mask::hunter2" in rewrite["text"]["lines"]
    assert ODD_NAME in [f["file"] for f in data["files"]]


def test_hostile_text_is_inert_in_the_step_summary(hostile: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    review(hostile, "--format", "json", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert_inert(summary.read_text(encoding="utf-8"))


def test_line_ends_a_checkout_converted_are_not_a_change(tmp_path: Path) -> None:
    """git stores `\\n`; with core.autocrlf the working tree has `\\r\\n`: nothing changed."""
    root = make_git_repo(tmp_path / "repo")
    for rel in (NOTE, BASE_NOTE, PAIR):
        path = root / rel
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    data = json.loads(review(root, "main", "--format", "json").stdout)
    assert data["files"] == [] and data["rewrites"] == []
