"""`validate --changed-since REF`: the pull request's own problems first, the verdict whole.

On main, the repository has old warnings (notes logged late). The branch edits one note,
renames another, deletes a pair (breaking a note it does not touch), and leaves an edit
uncommitted and a new file untracked.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from notesite.cli import main
from support import BASE_FILES, PAIR, git, make_repo, note_text

OLD = [f"data/notes/p-0001/2026-09-{d:02d}-support.md" for d in range(1, 13)]  # 12 old warnings
P2 = "data/pairs/p-0002.yaml"
P2_NOTE = "data/notes/p-0002/2026-10-01-support.md"
EDITED = "data/notes/p-0001/2026-10-03-support.md"
RENAMED_FROM = "data/notes/p-0001/2026-10-05-support.md"
RENAMED_TO = "data/notes/p-0001/2026-10-06-support.md"
UNCOMMITTED = "data/notes/p-0001/2026-10-07-support.md"
UNTRACKED = "data/notes/p-0001/2026-10-08-support.md"


def _late(day: str) -> str:
    return note_text(date=day, logged=date(2026, 11, 20))  # NS800: logged late


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    files: dict[str, str | bytes | None] = {f: _late(f[18:28]) for f in OLD}
    files |= {
        P2: BASE_FILES[PAIR].replace("p-0001", "p-0002"),
        P2_NOTE: note_text(pair="p-0002", date="2026-10-01"),
        EDITED: note_text(),
        RENAMED_FROM: note_text(date="2026-10-05"),
        UNCOMMITTED: note_text(date="2026-10-07", logged="2026-10-07"),
    }
    root = make_repo(tmp_path / "repo", files)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "switch", "-q", "-c", "change")
    (root / EDITED).write_text(note_text(tags=["mentor-touchpoint"]) + "\n")  # NS403, line 9
    git(root, "mv", RENAMED_FROM, RENAMED_TO)  # renamed, and now misnamed: NS203
    (root / P2).unlink()  # P2_NOTE, untouched, now names no pair: NS300
    git(root, "commit", "-q", "-am", "change")
    (root / UNCOMMITTED).write_text(_late("2026-10-07"))  # NS800, not committed
    (root / UNTRACKED).write_text(_late("2026-10-08"))  # NS800, a new file
    return root


def run(root: Path, *args: str) -> Result:
    argv = ["validate", "--root", str(root), "--today", "2026-11-22", *args]
    result = CliRunner().invoke(main, argv)
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


def test_only_the_change_is_shown_errors_first_and_the_verdict_is_whole(repo: Path) -> None:
    result = run(repo, "--format", "json", "--changed-since", "main")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    shown = [(d["file"], d["code"]) for d in payload["diagnostics"]]
    assert shown == [
        (EDITED, "NS403"),
        (RENAMED_TO, "NS203"),
        (P2_NOTE, "NS300"),  # an error elsewhere, caused by the change: shown
        (UNCOMMITTED, "NS800"),
        (UNTRACKED, "NS800"),
    ]
    assert (payload["errors"], payload["warnings"]) == (3, 14)  # every file counts


def test_text_says_what_is_not_shown(repo: Path) -> None:
    result = run(repo, "--changed-since", "main")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{EDITED}:9:8: error NS403:")
    assert lines[-2] == "3 errors, 14 warnings in 17 files."
    assert lines[-1] == (
        "Not shown: 12 warnings in files not changed since main "
        "(run `notesite validate` to see them)."
    )
    assert not any(old in result.stdout for old in OLD)


def test_github_annotations_errors_first(repo: Path) -> None:
    result = run(repo, "--format", "github", "--changed-since", "main")
    lines = result.stdout.splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines if line.startswith("::")]
    assert kinds == ["::error"] * 3 + ["::warning"] * 2
    assert lines[-2] == "notesite: 3 errors, 14 warnings."
    assert lines[-1].startswith("Not shown: 12 warnings")


def test_strict_and_warnings_only(repo: Path) -> None:
    git(repo, "switch", "-q", "-f", "main")
    (repo / UNTRACKED).write_text(_late("2026-10-08"))
    assert run(repo, "--changed-since", "main").exit_code == 0
    assert run(repo, "--changed-since", "main", "--strict").exit_code == 1
    # nothing changed but old warnings: still failing with --strict, as without the option
    (repo / UNTRACKED).unlink()
    quiet = run(repo, "--changed-since", "main", "--strict")
    assert quiet.exit_code == 1 and "0 errors, 12 warnings in 12 files." in quiet.stdout


def test_a_notes_repository_in_a_git_subfolder(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "monorepo" / "notes")
    git(tmp_path / "monorepo", "init", "-q", "-b", "main")
    git(tmp_path / "monorepo", "add", "-A")
    git(tmp_path / "monorepo", "commit", "-q", "-m", "base")
    (root / EDITED).write_text(note_text(tags=["mentor-touchpoint"]))
    (tmp_path / "monorepo" / "other.txt").write_text("not notes")
    payload = json.loads(run(root, "--format", "json", "--changed-since", "main").stdout)
    assert [d["file"] for d in payload["diagnostics"]] == [EDITED]  # relative to the notes root


@pytest.mark.parametrize("ref", ["mian", "--output=x", "", "HEAD~5"])
def test_a_ref_that_is_not_a_revision_is_a_usage_error(repo: Path, ref: str) -> None:
    result = run(repo, "--changed-since", ref)
    assert result.exit_code == 2
    assert "--changed-since" in result.output and "is not a git revision" in result.output


def test_outside_git_or_with_paths_is_a_usage_error(tmp_path: Path, repo: Path) -> None:
    plain = make_repo(tmp_path / "plain")
    result = run(plain, "--changed-since", "main")
    assert result.exit_code == 2 and "not in a git repository" in result.output
    both = run(repo, "--changed-since", "main", str(repo / EDITED))
    assert both.exit_code == 2 and "not both" in both.output
