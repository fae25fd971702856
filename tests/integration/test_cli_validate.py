"""`notesite validate`: exit codes, formats, --strict, PATH filtering and usage errors."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from notesite.cli import main
from support import BASE_FILES, BASE_FOCUS, FOCUS, FOCUS_FILE, NOTE, PAIR, make_repo, note_text

TAG_NOTE = note_text(tags=["mentor-touchpoint"])  # NS403 on line 9, column 8
LATE_NOTE = note_text(logged=date(2026, 10, 20))  # NS800 on line 6
BAD_PAIR = BASE_FILES[PAIR].replace("grade: 10", "grade: 20")  # NS202 on line 3


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    argv: Sequence[str] = ["validate", "--root", str(root), *args]
    if env is None and not any(a.startswith("--today") for a in args):
        argv = [*argv, "--today", "2026-11-22"]
    result = CliRunner().invoke(main, argv, env=env)
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


def test_a_valid_repository_exits_0(tmp_path: Path) -> None:
    result = run(make_repo(tmp_path / "repo"))
    assert (result.exit_code, result.stdout) == (0, "No problems found.\n")


def test_an_error_exits_1_and_names_file_line_and_column(tmp_path: Path) -> None:
    result = run(make_repo(tmp_path / "repo", {NOTE: TAG_NOTE}))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{NOTE}:9:8: error NS403: `mentor-touchpoint` is not a category tag",
        "    hint: did you mean `mentor-touch-point`?",
        "1 error, 0 warnings in 1 file.",
    ]


def test_warnings_exit_0_unless_strict(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {NOTE: LATE_NOTE})
    plain = run(root)
    assert plain.exit_code == 0
    assert f"{NOTE}:6:1: warning NS800:" in plain.stdout
    assert run(root, "--strict").exit_code == 1


def test_json_names_the_one_broken_file_and_line(tmp_path: Path) -> None:
    result = run(make_repo(tmp_path / "repo", {NOTE: TAG_NOTE}), "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["errors"] == 1 and payload["warnings"] == 0
    assert [(d["file"], d["line"], d["column"], d["code"]) for d in payload["diagnostics"]] == [
        (NOTE, 9, 8, "NS403")
    ]


def test_github_format_annotates_the_line(tmp_path: Path) -> None:
    result = run(make_repo(tmp_path / "repo", {NOTE: TAG_NOTE}), "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file={NOTE},line=9,col=8,title=NS403 unknown-tag::")


def test_paths_filter_what_is_reported(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {NOTE: TAG_NOTE, PAIR: BAD_PAIR})

    def files(*paths: str) -> tuple[int, set[str]]:
        result = run(root, "--format", "json", *paths)
        return result.exit_code, {d["file"] for d in json.loads(result.stdout)["diagnostics"]}

    assert files() == (1, {NOTE, PAIR})
    assert files(str(root / NOTE)) == (1, {NOTE})
    assert files(str(root / "data" / "pairs")) == (1, {PAIR})
    assert files(str(root / "data" / "pairs"), str(root / NOTE)) == (1, {NOTE, PAIR})
    assert files(str(root)) == (1, {NOTE, PAIR})
    assert files(str(root / "data" / "staff.yaml")) == (0, set())


def test_paths_are_relative_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(tmp_path / "repo", {NOTE: TAG_NOTE, PAIR: BAD_PAIR})
    monkeypatch.chdir(root)
    result = CliRunner().invoke(
        main, ["validate", "--today", "2026-11-22", "--format", "json", NOTE]
    )
    assert result.exit_code == 1
    assert {d["file"] for d in json.loads(result.stdout)["diagnostics"]} == {NOTE}


def test_a_path_outside_the_repository_is_a_usage_error(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    result = run(root, str(tmp_path))
    assert result.exit_code == 2
    assert "is not inside" in result.output


def test_a_folder_that_is_not_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run(tmp_path / "empty")
    assert result.exit_code == 2
    assert "is not a notes repository" in result.output
    missing = run(tmp_path / "missing")
    assert missing.exit_code == 2
    assert "is not a folder" in missing.output


@pytest.mark.parametrize("today", ["2026-13-01", "yesterday", "22/11/2026"])
def test_a_bad_today_is_a_usage_error(today: str, tmp_path: Path) -> None:
    result = run(make_repo(tmp_path / "repo"), "--today", today)
    assert result.exit_code == 2
    assert "--today" in result.output and "YYYY-MM-DD" in result.output


# The base repository with its focus list of 2026-11-02 instead of 2026-11-16, so that an
# early "today" finds neither a focus list in the future nor one too old (NS821).
EARLY = {BASE_FOCUS: None, FOCUS_FILE: FOCUS}


def test_today_decides_what_is_in_the_future(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", EARLY)  # its newest note was logged on 2026-11-03
    assert run(root, "--today", "2026-11-03").exit_code == 0
    early = run(root, "--today", "2026-11-02", "--format", "json")
    assert early.exit_code == 1
    assert [(d["line"], d["code"]) for d in json.loads(early.stdout)["diagnostics"]] == [
        (6, "NS404")
    ]


def test_source_date_epoch_is_today_without_the_option(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", EARLY)
    nov_3 = "1793664000"  # 2026-11-03T00:00:00Z
    assert run(root, env={"SOURCE_DATE_EPOCH": nov_3}).exit_code == 0
    assert run(root, env={"SOURCE_DATE_EPOCH": str(int(nov_3) - 1)}).exit_code == 1
    bad = run(root, env={"SOURCE_DATE_EPOCH": "soon"})
    assert bad.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in bad.output


def _build(root: Path) -> None:
    argv = ["build", "--root", str(root), "--today", "2026-11-22", "--no-search"]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, result.output


def test_validate_starts_no_cache_of_its_own(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {NOTE: TAG_NOTE})
    run(root)
    assert not (root / ".notesite-cache").exists()


def test_validate_reuses_the_build_cache_and_reports_exactly_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a build, validate checks only the notes changed since, with the same report in
    every format, and keeps the cache up to date for the next build."""
    from notesite import validate as validate_module

    root = make_repo(tmp_path / "repo", {NOTE: LATE_NOTE})
    _build(root)
    (root / NOTE).write_text(TAG_NOTE, encoding="utf-8")  # now an error; the build's note is gone
    fresh = {fmt: run(root, "--no-cache", "--format", fmt) for fmt in ("text", "json", "github")}
    checked: list[str] = []
    real = validate_module.check_note

    def counting(root_: Path, source, *args, **kw):  # type: ignore[no-untyped-def]
        checked.append(source.rel)
        return real(root_, source, *args, **kw)

    monkeypatch.setattr(validate_module, "check_note", counting)
    for fmt, expected in fresh.items():
        result = run(root, "--format", fmt)
        assert (result.exit_code, result.stdout) == (expected.exit_code, expected.stdout), fmt
        assert result.exit_code == 1 and "NS403" in result.stdout
    assert checked == [NOTE]  # once: the first run kept its result for the next two
    checked.clear()
    run(root, "--cache", str(tmp_path / "elsewhere"))  # a folder with no cache: checked afresh
    assert len(checked) == 2 and not (tmp_path / "elsewhere").exists()


def test_validate_refuses_contradictory_cache_options(tmp_path: Path) -> None:
    result = run(make_repo(tmp_path / "repo"), "--no-cache", "--cache", str(tmp_path / "c"))
    assert result.exit_code == 2 and "contradict" in result.stderr


def test_validate_says_the_same_before_and_after_a_build(tmp_path: Path) -> None:
    """Before a build validate parses notes without rendering them, after it it reuses the
    build's rendered results: both must find the same problems. A link definition with an
    unsafe link is text to the renderer, so the validator must not call it hidden (NS412)."""
    body = "## Data\nThe mentor called.\n\n[old]: ftp://files.example.org/report.pdf\n"
    body += "## Assessment\nFine.\n## Plan\nCall again.\n"
    root = make_repo(tmp_path / "repo", {NOTE: note_text(body)})
    before = run(root)
    _build(root)
    after = run(root)
    assert (before.exit_code, before.stdout) == (after.exit_code, after.stdout)
    assert (before.exit_code, before.stdout) == (0, "No problems found.\n")
