"""Which files a change touches, for `notesite validate --changed-since REF`.

The change is everything between the merge base of REF and HEAD and the files as they are
now: the branch's commits, what is staged or edited but not committed, and new files git
does not ignore. A renamed file counts under its new name; a deleted file has no problems
of its own (the problems it causes elsewhere, a note naming a deleted pair, are errors and
errors are always shown). git is only read.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from notesite.errors import UsageProblem


class ChangesError(UsageProblem):
    """REF cannot be compared with (not a revision, no git, no shared history)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, param="--changed-since")


def git_env() -> dict[str, str]:
    """The environment notesite runs git in: objects as they were committed. A replace ref
    (`git replace`, refs/replace/*, which a clone can fetch like any other ref) would
    otherwise make git show another object in place of any blob, tree or commit: the
    base's safety note replaced by its weakened text would look unchanged to `review`."""
    return {**os.environ, "GIT_NO_REPLACE_OBJECTS": "1"}


def _git(root: Path, *args: str) -> str | None:
    """git's output run in `root`, or None when git says no."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=root,
            env=git_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except FileNotFoundError:
        raise ChangesError("git is not installed; --changed-since needs it") from None
    return done.stdout if done.returncode == 0 else None


SHALLOW = (
    "this clone is shallow: it holds only the latest commits (in CI, check out the whole "
    "history with `fetch-depth: 0`)"
)


def is_shallow(root: Path) -> bool:
    """Whether the clone `root` is in lacks history (CI's default checkout: one commit)."""
    return _git(root, "rev-parse", "--is-shallow-repository") == "true\n"


def _history_hint(root: Path) -> str:
    return SHALLOW if is_shallow(root) else "in CI, check out the whole history: fetch-depth: 0"


def changed_files(root: Path, ref: str) -> set[str]:
    """Paths relative to `root` (POSIX) that the change since `ref` adds, edits or renames."""
    if _git(root, "rev-parse", "--is-inside-work-tree") != "true\n":
        raise ChangesError(f"{root} is not in a git repository, so nothing can be compared")
    commit = None if ref.startswith("-") or not ref.strip() else _commit(root, ref)
    if commit is None:
        raise ChangesError(
            f"`{ref}` is not a git revision here; give a branch, tag or commit, e.g. "
            f"origin/main ({_history_hint(root)})"
        )
    head = _commit(root, "HEAD")
    base = commit
    if head is not None:
        merge_base = _git(root, "merge-base", commit, head)
        if merge_base is None:
            raise ChangesError(f"`{ref}` and HEAD share no history ({_history_hint(root)})")
        base = merge_base.strip()
    # --relative: paths relative to the notes repository, which may be a git subfolder.
    diff = _git(root, "diff", "--name-only", "-z", "--relative", "-M", "--no-ext-diff", base)
    new = _git(root, "ls-files", "-z", "--others", "--exclude-standard")
    if diff is None or new is None:
        raise ChangesError(f"git cannot compare the files with `{ref}`")
    return {p for p in (diff + new).split("\0") if p}


def _commit(root: Path, rev: str) -> str | None:
    out = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    return out.strip() if out else None
