"""The git side of a review: find BASE and copy its files out. git is only read."""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
from pathlib import Path

from notesite.changes import SHALLOW, git_env, is_shallow
from notesite.review.model import DEFAULT_BRANCHES, Base, ReviewError, _GitFailed

# --- git -----------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=root,
            env=git_env(),
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
                f"e.g. `main` or `origin/main`{_if_shallow(root)}"
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
                f"HEAD and `{branch}` share no history{_if_shallow(root)}; pass BASE, the "
                "revision to compare with"
            ) from None
        return Base(f"the merge base of HEAD and {branch}", merge_base, given=False)
    raise ReviewError(
        f"there is no branch `main` or `origin/main` to compare with{_if_shallow(root)}; "
        "pass BASE, e.g. `notesite review origin/develop`"
    )


def _if_shallow(root: Path) -> str:
    """A shallow clone lacks the history a review needs: say so (CI's default checkout)."""
    return f" ({SHALLOW})" if is_shallow(root) else ""


def _git_bytes(top: Path, *args: str) -> bytes:
    """git's raw output: file names and contents are bytes, not text."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=top, env=git_env(), capture_output=True, check=False
        )
    except FileNotFoundError:
        raise ReviewError("git is not installed; `notesite review` needs it") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitFailed(lines[-1] if lines else "")
    return done.stdout


def _blobs(listing: bytes) -> list[tuple[str, tuple[str, ...]]]:
    """(object id, path parts) of the regular files in `ls-tree -r -z` output."""
    blobs = []
    for entry in listing.split(b"\0"):
        meta, tab, name = entry.partition(b"\t")
        fields = meta.split(b" ")
        if not tab or len(fields) != 3 or fields[1] != b"blob" or fields[0] not in _FILE_MODES:
            continue  # symbolic links (120000) and submodules are not files
        parts = tuple(os.fsdecode(p) for p in name.split(b"/"))
        if all(p not in ("", ".", "..") for p in parts):
            blobs.append((fields[2].decode("ascii"), parts))
    return blobs


_FILE_MODES = (b"100644", b"100755")


def materialise(root: Path, commit: str, dest: Path) -> None:
    """Copy `data/` and `notesite.yaml` of the notes repository at `commit` into `dest`.

    The files are read as git stores them (`ls-tree`, then `cat-file --batch`), so no
    `.gitattributes` can hide or alter one: `git archive` would leave out `export-ignore`
    paths, a checkout would apply filters and line-end conversion. `root` may be a folder
    inside the git work tree: the same folder is taken at `commit`. Only regular files are
    copied; symbolic links and submodules are skipped. Contents are streamed, one at a time.
    """
    # As bytes: a folder name that is not UTF-8 must reach git as it is, or the folder is
    # not found at BASE and every note looks new (a deleted one: not listed at all).
    prefix = os.fsdecode(_git_bytes(root, "rev-parse", "--show-prefix").rstrip(b"\n"))
    top = Path(os.fsdecode(_git_bytes(root, "rev-parse", "--show-toplevel").rstrip(b"\n")))
    tree = f"{commit}:{prefix}"
    try:
        _git_bytes(top, "cat-file", "-e", tree)
    except _GitFailed:
        return  # the folder did not exist at BASE: every file is new
    try:
        listing = _git_bytes(top, "ls-tree", "-r", "-z", tree, "--", *_WANTED)
    except _GitFailed as exc:
        raise ReviewError(f"git could not list the files at `{commit[:12]}`: {exc}") from None
    blobs = _blobs(listing)
    if blobs:
        try:
            _copy_blobs(top, blobs, dest)
        except (OSError, ValueError) as exc:
            raise ReviewError(f"git could not read the files at `{commit[:12]}`: {exc}") from None


_WANTED = ("data", "notesite.yaml")


def _copy_blobs(top: Path, blobs: list[tuple[str, tuple[str, ...]]], dest: Path) -> None:
    with subprocess.Popen(
        ["git", "cat-file", "--batch"],
        cwd=top,
        env=git_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as git:
        feed, answer = git.stdin, git.stdout
        if feed is None or answer is None:  # pragma: no cover - both pipes were asked for
            raise ValueError("no pipe to git")

        def write() -> None:  # a thread, so that neither pipe can fill up and block git
            with contextlib.suppress(OSError), feed:
                for oid, _ in blobs:
                    feed.write(f"{oid}\n".encode("ascii"))

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        try:
            for oid, parts in blobs:
                header = answer.readline().split()  # <oid> blob <size>
                if len(header) != 3 or header[0].decode("ascii", "replace") != oid:
                    raise ValueError(f"unexpected answer for `{'/'.join(parts)}`")
                content = answer.read(int(header[2]))
                answer.read(1)  # the newline after each content
                target = dest.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
        finally:
            answer.close()
            writer.join()
