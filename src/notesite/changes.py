"""Which files a change touches, for `notesite validate --changed-since REF`.

The change is everything between the merge base of REF and HEAD and the files as they are
now: the branch's commits, what is staged or edited but not committed, and new files git
does not ignore. A renamed file counts under its new name; a deleted file has no problems
of its own (the problems it causes elsewhere, a note naming a deleted pair, are errors and
errors are always shown). git is only read.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from notesite.errors import UsageProblem


class ChangesError(UsageProblem):
    """REF cannot be compared with (not a revision, no git, no shared history)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, param="--changed-since")


def _git(root: Path, *args: str) -> str | None:
    """git's output run in `root`, or None when git says no."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=root,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except FileNotFoundError:
        raise ChangesError("git is not installed; --changed-since needs it") from None
    return done.stdout if done.returncode == 0 else None


def changed_files(root: Path, ref: str) -> set[str]:
    """Paths relative to `root` (POSIX) that the change since `ref` adds, edits or renames."""
    if _git(root, "rev-parse", "--is-inside-work-tree") != "true\n":
        raise ChangesError(f"{root} is not in a git repository, so nothing can be compared")
    commit = None if ref.startswith("-") or not ref.strip() else _commit(root, ref)
    if commit is None:
        raise ChangesError(
            f"`{ref}` is not a git revision here; give a branch, tag or commit, e.g. "
            "origin/main (in CI, check out the whole history: fetch-depth: 0)"
        )
    head = _commit(root, "HEAD")
    base = commit
    if head is not None:
        merge_base = _git(root, "merge-base", commit, head)
        if merge_base is None:
            raise ChangesError(
                f"`{ref}` and HEAD share no history (in CI, check out the whole history: "
                "fetch-depth: 0)"
            )
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
