"""The one way notesite runs git: read only, objects as committed, one error for people.

Two commands read git: `validate --changed-since REF` (`changed_files`: which files the
branch touches) and `review` (`resolve_base`, then `materialise`: BASE's files copied out).
Every git call goes through `_run`, with the same environment (`GIT_NO_REPLACE_OBJECTS`) and
the same failure path: git missing, a folder outside any repository, an unknown revision,
or histories that do not meet are a `GitError` (a usage problem, exit 2) whose message says
what to do; `GitFailed` is git's own refusal, which never leaves this module unexplained.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
from pathlib import Path

from notesite.errors import UsageProblem

DEFAULT_BRANCHES = ("main", "origin/main")
SHALLOW = (
    "this clone is shallow: it holds only the latest commits (in CI, check out the whole "
    "history with `fetch-depth: 0`)"
)


class GitError(UsageProblem):
    """git cannot answer what the command asks: git is missing, the folder is not in a git
    repository, a revision is unknown, or two revisions share no history."""


class GitFailed(Exception):
    """git refused (its last line of standard error): turned into a GitError by the caller,
    which knows what the person asked for."""


def git_env() -> dict[str, str]:
    """The environment notesite runs git in: objects as they were committed. A replace ref
    (`git replace`, refs/replace/*, which a clone can fetch like any other ref) would
    otherwise make git show another object in place of any blob, tree or commit: the
    base's safety note replaced by its weakened text would look unchanged to `review`."""
    return {**os.environ, "GIT_NO_REPLACE_OBJECTS": "1"}


def _run(root: Path, *args: str) -> bytes:
    """git's raw output (file names and contents are bytes), run in `root`."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=root,
            env=git_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed; install it to compare with a git revision") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitFailed(lines[-1] if lines else "")
    return done.stdout


def _text(root: Path, *args: str) -> str:
    """git's output as text; a name that is not UTF-8 keeps its bytes (surrogateescape)."""
    return _run(root, *args).decode("utf-8", "surrogateescape")


def _answer(root: Path, *args: str) -> str | None:
    """git's output, or None when git says no."""
    try:
        return _text(root, *args)
    except GitFailed:
        return None


def _commit(root: Path, rev: str) -> str | None:
    """The full id of the commit `rev` names, or None; an option-like `rev` names none."""
    if rev.startswith("-") or not rev.strip():
        return None
    out = _answer(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    return out.strip() if out else None


def _merge_base(root: Path, a: str, b: str) -> str | None:
    out = _answer(root, "merge-base", a, b)
    return out.strip() if out else None


def is_shallow(root: Path) -> bool:
    """Whether the clone `root` is in lacks history (CI's default checkout: one commit)."""
    return _answer(root, "rev-parse", "--is-shallow-repository") == "true\n"


def _if_shallow(root: Path) -> str:
    """A shallow clone lacks the history a comparison needs: say so (CI's default checkout)."""
    return f" ({SHALLOW})" if is_shallow(root) else ""


def _in_work_tree(root: Path) -> tuple[bool, str]:
    """Whether `root` is in a git work tree, and git's reason when it is not one of the
    usual ("not a git repository"), in brackets."""
    try:
        return _text(root, "rev-parse", "--is-inside-work-tree") == "true\n", ""
    except GitFailed as exc:
        return False, "" if "not a git repository" in str(exc) else f" ({exc})"


def tracked(root: Path, path: Path) -> bool:
    """Whether git tracks any file at or under `path` in the repository `root` (False when
    `root` is not a git work tree, git is missing, or `path` is outside it)."""
    try:
        rel = path.resolve().relative_to(root.resolve())
    except (OSError, ValueError):
        return False
    try:
        return bool(_run(root, "ls-files", "-z", "--", rel.as_posix() or "."))
    except (GitFailed, GitError):
        return False


# --- validate --changed-since ------------------------------------------------------------


def changed_files(root: Path, ref: str) -> set[str]:
    """Paths relative to `root` (POSIX) that the change since `ref` adds, edits or renames.

    The change is everything between the merge base of REF and HEAD and the files as they
    are now: the branch's commits, what is staged or edited but not committed, and new
    files git does not ignore. A renamed file counts under its new name; a deleted file has
    no problems of its own (the problems it causes elsewhere are errors, always shown).
    """

    def refuse(message: str) -> GitError:
        return GitError(message, param="--changed-since")

    inside, why = _in_work_tree(root)
    if not inside:
        raise refuse(f"{root} is not in a git repository{why}, so nothing can be compared")
    history = _if_shallow(root) or " (in CI, check out the whole history: fetch-depth: 0)"
    commit = _commit(root, ref)
    if commit is None:
        raise refuse(
            f"`{ref}` is not a git revision here; give a branch, tag or commit, e.g. "
            f"origin/main{history}"
        )
    base = commit
    head = _commit(root, "HEAD")
    if head is not None:
        merge_base = _merge_base(root, commit, head)
        if merge_base is None:
            raise refuse(f"`{ref}` and HEAD share no history{history}")
        base = merge_base
    # --relative: paths relative to the notes repository, which may be a git subfolder.
    diff = _answer(root, "diff", "--name-only", "-z", "--relative", "-M", "--no-ext-diff", base)
    new = _answer(root, "ls-files", "-z", "--others", "--exclude-standard")
    if diff is None or new is None:
        raise refuse(f"git cannot compare the files with `{ref}`")
    return {p for p in (diff + new).split("\0") if p}


# --- review: BASE and its files ----------------------------------------------------------


def resolve_base(root: Path, base: str | None) -> tuple[str, str, bool]:
    """What to compare with: (BASE as given or "the merge base of HEAD and main", its
    commit, whether it was given). Without BASE, the merge base of HEAD and main (or
    origin/main)."""
    inside, why = _in_work_tree(root)
    if not inside:
        raise GitError(
            f"{root} is not in a git repository{why}; "
            "`notesite review` compares a git revision with the files here"
        )
    if base is not None:
        commit = _commit(root, base)
        if commit is None:
            raise GitError(
                f"BASE `{base}` is not a git revision; give a branch, tag or commit, "
                f"e.g. `main` or `origin/main`{_if_shallow(root)}"
            )
        return base, commit, True
    head = _commit(root, "HEAD")
    if head is None:
        raise GitError("the repository has no commit yet; commit first, or pass BASE")
    for branch in DEFAULT_BRANCHES:
        other = _commit(root, branch)
        if other is None:
            continue
        merge_base = _merge_base(root, head, other)
        if merge_base is None:
            raise GitError(
                f"HEAD and `{branch}` share no history{_if_shallow(root)}; pass BASE, the "
                "revision to compare with"
            )
        return f"the merge base of HEAD and {branch}", merge_base, False
    raise GitError(
        f"there is no branch `main` or `origin/main` to compare with{_if_shallow(root)}; "
        "pass BASE, e.g. `notesite review origin/develop`"
    )


_WANTED = ("data", "notesite.yaml")
_FILE_MODES = (b"100644", b"100755")


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
    try:
        prefix = os.fsdecode(_run(root, "rev-parse", "--show-prefix").rstrip(b"\n"))
        top = Path(os.fsdecode(_run(root, "rev-parse", "--show-toplevel").rstrip(b"\n")))
    except GitFailed as exc:
        raise GitError(f"git cannot find the repository of {root}: {exc}") from None
    tree = f"{commit}:{prefix}"
    try:
        _run(top, "cat-file", "-e", tree)
    except GitFailed:
        return  # the folder did not exist at BASE: every file is new
    try:
        blobs = _blobs(_run(top, "ls-tree", "-r", "-z", tree, "--", *_WANTED))
        if blobs:
            _copy_blobs(top, blobs, dest)
    except (GitFailed, OSError, ValueError) as exc:
        raise GitError(f"git could not read the files at `{commit[:12]}`: {exc}") from None


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
