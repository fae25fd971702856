"""The project's pre-commit hook, run by pre-commit itself on a repository made by `init`.

Offline: the hook is the one in `.pre-commit-hooks.yaml`, declared as a `repo: local` hook
with `language: system` running this interpreter's notesite, so pre-commit installs nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from notesite.cli import main
from support import TODAY

PROJECT = Path(__file__).resolve().parents[2]
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")

if not PRE_COMMIT.is_file():
    if os.environ.get("CI"):
        pytest.fail("pre-commit is not installed (it is in the `test` extra)")
    pytest.skip("pre-commit is not installed: pip install -e '.[test]'", allow_module_level=True)


def _hook() -> dict[str, object]:
    """The project's hook as a local, system-language hook running this notesite."""
    hooks = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "notesite-validate"]
    assert hook["language"] == "python" and hook["entry"] == "notesite validate"
    assert hook["files"] == r"^(data/|notesite\.yaml$)" and hook["pass_filenames"] is True
    return {**hook, "language": "system", "entry": f"{sys.executable} -m notesite validate"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "program"
    result = CliRunner().invoke(main, ["init", str(root), "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    config = {"repos": [{"repo": "local", "hooks": [_hook()]}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    return root


def _env(tmp: Path) -> dict[str, str]:
    epoch = int(datetime.combine(TODAY, time(12), tzinfo=UTC).timestamp())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    return {
        **env,
        "SOURCE_DATE_EPOCH": str(epoch),  # the hook's "today"
        "PRE_COMMIT_HOME": str(tmp / "pre-commit-home"),
        "HOME": str(tmp),
    }


def _git(root: Path, *args: str) -> None:
    git = shutil.which("git")
    assert git, "git is needed"
    subprocess.run([git, *args], cwd=root, check=True, env=_env(root.parent))


def _pre_commit(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "run", *args],
        cwd=root,
        env=_env(root.parent),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_hook_passes_on_a_new_repository(repo: Path) -> None:
    result = _pre_commit(repo, "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "notesite validate" in result.stdout and "Passed" in result.stdout


def _note(repo: Path) -> str:
    (note,) = (repo / "data/notes/p-0001").glob("*-support.md")  # the example note
    return note.relative_to(repo).as_posix()


def test_hook_fails_on_a_broken_note_and_says_why(repo: Path) -> None:
    note = repo / _note(repo)
    note.write_text(note.read_text().replace("[mentee-touch-point,", "[mentee-touchpoint,"))
    _git(repo, "add", note)
    result = _pre_commit(repo, "--all-files")
    assert result.returncode == 1
    assert "Failed" in result.stdout
    assert f"{_note(repo)}:9:8: error NS403" in result.stdout
    assert "did you mean `mentee-touch-point`?" in result.stdout


def test_hook_ignores_commits_that_touch_no_notes(repo: Path) -> None:
    (repo / _note(repo)).write_text("not a note\n")
    _git(repo, "add", "-A")
    result = _pre_commit(repo, "--files", "README.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(no files to check)Skipped" in result.stdout
