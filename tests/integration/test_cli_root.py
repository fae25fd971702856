"""Every command finds its repository from any folder inside it, as git does (SPEC §12).

`--root` overrides the search and is taken relative to the current folder, as typed; PATHs
are too. A PATH that does not exist is a usage error naming it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from notesite.cli import main
from support import BASE_FILES, NOTE, PAIR, RepoFactory, git, note_text

SUB = "data/notes/p-0001"
TODAY = ["--today", "2026-11-22"]


def cli(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


@pytest.fixture
def inside(tmp_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (with a custom tag) whose data/notes/p-0001 is the current folder."""
    tags = "[{slug: mentor-touch-point, label: Touch}, {slug: harbor-only, label: Harbor}]"
    root = tmp_repo({"notesite.yaml": f"tags: {tags}\n"})
    monkeypatch.chdir(root / SUB)
    return root


def test_validate_from_a_subfolder(inside: Path) -> None:
    assert (result := cli("validate", *TODAY)).exit_code == 0, result.output
    assert result.stdout == "No problems found.\n"


def test_paths_from_a_subfolder_are_relative_to_it(inside: Path) -> None:
    (inside / SUB / "2026-10-03-support.md").write_text(note_text(tags=["nope"]))
    (inside / PAIR).write_text(BASE_FILES[PAIR].replace("grade: 10", "grade: 20"))
    result = cli("validate", *TODAY, "--format", "json", "2026-10-03-support.md")
    assert result.exit_code == 1
    assert {d["file"] for d in json.loads(result.stdout)["diagnostics"]} == {NOTE}
    everything = cli("validate", *TODAY, "--format", "json")
    assert {d["file"] for d in json.loads(everything.stdout)["diagnostics"]} == {NOTE, PAIR}


def test_build_tracker_new_note_handoff_and_schema_from_a_subfolder(
    inside: Path, tmp_path: Path
) -> None:
    built = cli("build", *TODAY, "--out", str(tmp_path / "site"), "--no-search")
    assert built.exit_code == 0 and (tmp_path / "site" / "index.html").is_file(), built.output
    assert cli("tracker", *TODAY).stdout.startswith("Note Tracker, 2026-11-22")
    out = tmp_path / "h.html"
    assert cli("handoff", "pm-a", *TODAY, "--out", str(out)).exit_code == 0 and out.is_file()
    new = cli("new", "note", "p-0001", "--type", "support", "--tags", "harbor-only", *TODAY)
    assert (new.exit_code, new.stdout) == (0, "2026-11-22-support.md\n")  # relative to here
    assert (inside / SUB / "2026-11-22-support.md").is_file()
    schema = cli("schema", "--out", str(tmp_path / "schemas"))
    assert schema.exit_code == 0, schema.output
    assert "harbor-only" in (tmp_path / "schemas" / "note.schema.json").read_text()


def test_review_from_a_subfolder(inside: Path) -> None:
    git(inside, "init", "-q", "-b", "main")
    git(inside, "add", "-A")
    git(inside, "commit", "-q", "-m", "base")
    result = cli("review", "--format", "text", *TODAY, "main")
    assert result.exit_code == 0, result.output


def test_serve_from_a_subfolder(inside: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "notesite", "serve", "--port", "0", "--no-search",
         "--out", str(tmp_path / "site"), *TODAY],
        cwd=inside / SUB,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        said = ""
        for line in proc.stdout:
            said += line
            if "Serving" in line or "Error" in line:
                break
        assert re.search(r"Serving http://127\.0\.0\.1:\d+/", said), said
        assert (tmp_path / "site" / "index.html").is_file()
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def test_root_overrides_the_search_relative_to_the_current_folder(
    inside: Path, tmp_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_repo({NOTE: note_text(tags=["nope"])})
    relative = os.path.relpath(other, inside / SUB)
    result = cli("validate", *TODAY, "--root", relative, "--format", "json")
    assert result.exit_code == 1
    assert {d["file"] for d in json.loads(result.stdout)["diagnostics"]} == {NOTE}
    # --root names the repository itself: a folder inside one is not searched upward from.
    assert cli("validate", *TODAY, "--root", ".").exit_code == 2


def test_a_path_that_does_not_exist_is_a_usage_error_naming_it(inside: Path) -> None:
    result = cli("validate", *TODAY, "2026-1-02-mentor-call.md")
    assert result.exit_code == 2
    assert "2026-1-02-mentor-call.md does not exist" in result.output
    assert "No problems found" not in result.output
    os.chdir(inside)
    typed = cli("validate", *TODAY, "--root", "data", "notes/p-0001")  # root-relative, by mistake
    assert typed.exit_code == 2


def test_a_path_relative_to_root_is_hinted(tmp_repo: RepoFactory, tmp_path: Path) -> None:
    root = tmp_repo()
    os.chdir(tmp_path)
    result = cli("validate", *TODAY, "--root", str(root), SUB)
    assert result.exit_code == 2
    assert f"{SUB} does not exist; did you mean {root / SUB}?" in result.output


def test_outside_any_repository_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "nothing" / "here").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "nothing" / "here")
    for args in (["validate"], ["build"], ["tracker"], ["handoff", "pm-a"]):
        result = cli(*args, *TODAY)
        assert result.exit_code == 2 and "not in a notes repository" in result.output, args


def test_the_search_stops_at_the_top_of_a_git_work_tree(
    tmp_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    outer = tmp_repo()  # a notes repository ...
    inner = outer / "tools" / "checkout"  # ... holding another git repository
    (inner / "docs").mkdir(parents=True)
    git(inner, "init", "-q")
    monkeypatch.chdir(inner / "docs")
    assert cli("validate", *TODAY).exit_code == 2
    monkeypatch.chdir(outer / "data" / "notes")
    assert cli("validate", *TODAY).exit_code == 0


def test_a_pair_named_data_is_not_taken_for_a_repository(
    tmp_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_repo({"data/notes/data/2026-10-03-support.md": note_text(pair="data")})
    monkeypatch.chdir(root / "data" / "notes")  # which holds a folder `data`
    result = cli("validate", *TODAY, "--format", "json")
    files = {d["file"] for d in json.loads(result.stdout)["diagnostics"]}
    assert files == {"data/notes/data/2026-10-03-support.md"}  # paths from the real root
