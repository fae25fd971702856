"""The git side of a review: find BASE and copy its files out. git is only read."""

from __future__ import annotations

import subprocess
import tarfile
from pathlib import Path, PurePosixPath

from notesite.review.model import DEFAULT_BRANCHES, Base, ReviewError, _GitFailed

# --- git -----------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=root,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except FileNotFoundError:
        raise ReviewError("git is not installed; `notesite review` needs it") from None
    if done.returncode != 0:
        raise _GitFailed(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "")
    return done.stdout


def _commit(root: Path, rev: str) -> str | None:
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except _GitFailed:
        return None


def resolve_base(root: Path, base: str | None) -> Base:
    """The commit to compare with: BASE, else the merge base of HEAD and main (or origin/main)."""
    try:
        inside, why = _git(root, "rev-parse", "--is-inside-work-tree").strip(), ""
    except _GitFailed as exc:
        inside, why = "false", "" if "not a git repository" in str(exc) else f" ({exc})"
    if inside != "true":
        raise ReviewError(
            f"{root} is not in a git repository{why}; "
            "`notesite review` compares a git revision with the files here"
        )
    if base is not None:
        commit = None if base.startswith("-") or not base.strip() else _commit(root, base)
        if commit is None:
            raise ReviewError(
                f"BASE `{base}` is not a git revision; give a branch, tag or commit, "
                "e.g. `main` or `origin/main`"
            )
        return Base(base, commit)
    head = _commit(root, "HEAD")
    if head is None:
        raise ReviewError("the repository has no commit yet; commit first, or pass BASE")
    for branch in DEFAULT_BRANCHES:
        other = _commit(root, branch)
        if other is None:
            continue
        try:
            merge_base = _git(root, "merge-base", head, other).strip()
        except _GitFailed:
            raise ReviewError(
                f"HEAD and `{branch}` share no history; pass BASE, the revision to compare with"
            ) from None
        return Base(f"the merge base of HEAD and {branch}", merge_base)
    raise ReviewError(
        "there is no branch `main` or `origin/main` to compare with; pass BASE, "
        "e.g. `notesite review origin/develop`"
    )


def materialise(root: Path, commit: str, dest: Path) -> None:
    """Copy `data/` and `notesite.yaml` of the notes repository at `commit` into `dest`.

    `root` may be a folder inside the git work tree: the same folder is taken at `commit`.
    Only regular files are copied; symbolic links and anything else in the archive are skipped.
    """
    prefix = _git(root, "rev-parse", "--show-prefix").strip()
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip())  # tree paths: from the top
    tree = f"{commit}:{prefix}"
    try:
        names = _git(top, "ls-tree", "--name-only", "-z", tree).split("\0")
    except _GitFailed:
        return  # the folder did not exist at BASE: every file is new
    wanted = [n for n in ("data", "notesite.yaml") if n in names]
    if not wanted:
        return
    archive = dest.parent / "base.tar"
    try:
        _git(top, "archive", "--format=tar", f"--output={archive}", tree, "--", *wanted)
    except _GitFailed as exc:
        raise ReviewError(f"git could not read the files at `{commit[:12]}`: {exc}") from None
    with tarfile.open(archive, mode="r:") as tar:
        for member in tar:
            parts = PurePosixPath(member.name).parts
            if not member.isfile() or not parts or parts[0] == "/" or ".." in parts:
                continue
            target = dest.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            if source is not None:
                with source:
                    target.write_bytes(source.read())
