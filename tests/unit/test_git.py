"""notesite.git, the one git wrapper: every way git can fail reaches a person as a GitError
(a usage problem, exit 2) that says what to do, whichever command asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from notesite import git
from notesite.errors import UsageProblem


def test_git_missing_is_one_plain_error_for_both_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    for ask in (
        lambda: git.changed_files(tmp_path, "main"),
        lambda: git.resolve_base(tmp_path, None),
    ):
        with pytest.raises(git.GitError, match="git is not installed") as caught:
            ask()
        assert isinstance(caught.value, UsageProblem) and caught.value.exit_code == 2


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    with pytest.raises(git.GitError, match="is not in a git repository") as caught:
        git.changed_files(tmp_path, "main")
    assert caught.value.param == "--changed-since"
    with pytest.raises(git.GitError, match="`notesite review` compares a git revision"):
        git.resolve_base(tmp_path, "main")


def test_an_option_is_never_taken_for_a_revision(tmp_path: Path) -> None:
    assert git._commit(tmp_path, "--output=/tmp/x") is None
    assert git._commit(tmp_path, "  ") is None
