"""`notesite review` on real git repositories: a branch compared with its merge base.

The branch of the shared scenario adds, edits and deletes notes, adds a major safety note
escalated late, reassigns one pair, closes another, and adds a rating and a focus list.
"""

from __future__ import annotations

import json
import os
import subprocess
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
    FOCUS,
    FOCUS_FILE,
    NOTE,
    PAIR,
    RATING,
    RATING_FILE,
    STAFF,
    make_repo,
    note_text,
    write_files,
)

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
UNSET = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GITHUB_STEP_SUMMARY")

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
    SAFETY: note_text(
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


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def make_git_repo(root: Path, branch: Mapping[str, str | bytes | None] | None = None) -> Path:
    """The base scenario committed on main, then `branch` committed on branch `change`."""
    make_repo(root, BASE)
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


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as mp:
        for name in UNSET:
            mp.delenv(name, raising=False)
        yield make_git_repo(tmp_path_factory.mktemp("review") / "repo", BRANCH)


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


def test_notes_dated_long_before_the_change_are_documented_late(payload: dict[str, Any]) -> None:
    late = payload["late_documentation"]
    assert late["log_within_days"] == 7
    assert [(n["id"], n["days"], n["change"]) for n in late["notes"]] == [
        ("p-0001/2026-11-02-mentor-call", 20, "changed"),
        ("p-0001/2026-11-10-safety", 12, "added"),
    ]  # the note of 2026-11-18 is 4 days old: in time


def test_pairs_reassigned_and_closed(payload: dict[str, Any]) -> None:
    assert payload["pairs"] == [
        {
            "id": "p-0002",
            "change": "changed",
            "pm": {"before": "pm-a", "after": "pm-c"},
            "status": {"before": "active", "after": "active"},
            "details": ["reassigned from pm-a to pm-c", "also changed: pm_history"],
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
            "subject": "pm-a, 2025-26",
            "details": ["score 2.54 (rated by dir-b on 2026-04-20)"],
        }
    ]
    assert payload["focus"] == [
        {
            "file": FOCUS_FILE,
            "kind": "focus",
            "change": "added",
            "subject": "pm-a, 2026-11-02",
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
    assert [(d["file"], d["code"]) for d in validation["diagnostics"]] == [
        (SAFETY, "NS801")  # escalated late: a warning
    ]
    assert [f["file"] for f in payload["files"]] == sorted(f["file"] for f in payload["files"])


# --- Markdown and text -----------------------------------------------------------------------


def test_markdown_is_the_default_and_puts_safety_first(scenario: Path) -> None:
    result = review(scenario)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("## notesite review\n")
    headings = [line for line in out.splitlines() if line.startswith("### ")]
    assert headings[0] == "### Safety notes added"
    assert headings[-1] == "### Validation"
    for expected in (
        "| `p-0001/2026-11-10-safety` | p-0001 | pm-a | major | dir-b | 2026-11-14 | 4 days |"
        " ESCALATED LATE (allowed: 1 day) |",
        "| `p-0001` | pm-a | 1 | 1 | 1 |",
        "### Notes rewritten after they were merged",
        "| `p-0001/2026-11-02-mentor-call` | p-0001 | pm-a | minutes: 30 → 45;",
        "### Documented late",
        "| `p-0002` | changed | pm-a → pm-c | active | reassigned from pm-a to pm-c;",
        "closed on 2026-11-20 (moved)",
        "score 2.54",
        "| `p-0002` | pm-c | stale | ok |",
        "**0 errors, 1 warning in 7 added or changed files.**",
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
        "0 errors, 1 warning in 7 added or changed files."
    )
    assert lines.index("Safety notes added") < lines.index("Notes per pair")
    assert any(line.startswith("p-0002  pm-c  stale   ok") for line in lines)
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
    assert "closed on 2026-11-20 (moved \\| &lt;b&gt;left&lt;/b&gt;) |" in out
    assert "closed on 2026-11-20 (moved | <b>left</b>)" in review(root, "--format", "text").stdout


def test_an_unwritable_step_summary_is_a_usage_error(scenario: Path, tmp_path: Path) -> None:
    result = review(scenario, env={"GITHUB_STEP_SUMMARY": str(tmp_path)})  # a folder
    assert result.exit_code == 2
    assert "cannot write GITHUB_STEP_SUMMARY" in result.output
