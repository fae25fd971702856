"""The write stage: the only code that touches the output folder, and it does so atomically.

Beside the output folder (`site/`, or any `--out`) notesite keeps a work folder named after
it, `.notesite-<name>/` (`.notesite-site/` for `site/`), which git ignores (it holds its own
`.gitignore`):

    lock            held by the build running now; a second build stops with a message
    new-<id>/       a site being written (by the build running now, or left by a killed one)
    old-<id>/       the previous site, only where the file system cannot exchange folders
    scratch-<id>/   a build's temporary files (the notes handed to the search indexer)

A build (`Output`) takes the lock, puts back a site that a killed build left in old-<id>/,
deletes everything else killed builds left, and writes the new site into new-<id>/. Then one
step makes it the site: the kernel exchanges the two folders (`renameat2(RENAME_EXCHANGE)` on
Linux, `renamex_np(RENAME_SWAP)` on macOS), so at every moment `site/` is a whole site, the
old one or the new one, however the build ends; the old site, now in new-<id>/, is deleted.
Where the file system cannot exchange folders, the old site is renamed to old-<id>/ and the
new one into place; a build killed between those two renames leaves no `site/`, and the next
build (or `serve`) puts old-<id>/ back before anything else.

`--out` may be a symbolic link to a folder: the site is written into the folder it points to
(its work folder beside that folder) and the link is left as it is. A folder that is not
empty and was not made by notesite (it has no `.notesite-site` file) is never replaced.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

from notesite.errors import NotesiteError, UsageProblem, plain, shown
from notesite.safewrite import folder_problem, write_file

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: builds are not locked against each other
    fcntl = None  # type: ignore[assignment]

MARKER = ".notesite-site"
GITIGNORE = b"# notesite's work folder for the site beside it (see docs/site.md)\n*\n"
_OURS = re.compile(r"(new|old|scratch)-.+")
_LEGACY = re.compile(r"\.(?P<name>.+)-(?P<kind>new|old)-[a-z0-9_]{8}")  # notesite 0.1's swap
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
# The moments of a write, in order; `_checkpoint` is called at each (tests kill builds there).
STEPS = ("locked", "cleaned", "scratch", "writing", "written", "moved-old", "swapped", "removed")


class OutputError(UsageProblem):
    """The output folder cannot be used (it would destroy something that is not a site)."""


class OutputBusy(NotesiteError):
    """Another build is writing the same output folder."""


def _checkpoint(step: str) -> None:
    """A named moment of the write (one of STEPS); tests replace it to kill a build there."""


def site_folder(out: Path) -> Path:
    """Where the site goes: `out` as an absolute path, or the folder the link `out` names."""
    return Path(os.path.realpath(out) if out.is_symlink() else os.path.abspath(out))


def work_folder(target: Path) -> Path:
    """`.notesite-<name>` beside the site; for a name near the file system's limit of 255
    bytes, its start and a digest of the whole (the same folder for the same site)."""
    name = target.name
    if len(os.fsencode(name)) > _LONG:
        digest = hashlib.blake2b(os.fsencode(name), digest_size=6).hexdigest()
        name = os.fsencode(name)[:_LONG].decode("utf-8", "ignore") + "-" + digest
    return target.parent / f".notesite-{name}"


_LONG = 200  # bytes of a site folder's name kept in its work folder's name


def check_output(out: Path, root: Path) -> Path:
    """The folder the site of `root` may be written to for `--out out`, else OutputError."""
    target = site_folder(out)
    out_r, root_r = target.parent.resolve() / target.name, root.resolve()
    if (
        out_r == root_r
        or root_r.is_relative_to(out_r)
        or (root_r / "data") == out_r
        or out_r.is_relative_to(root_r / "data")
    ):
        raise OutputError(
            f"{shown(out)} would overwrite the notes repository; choose another --out"
        )
    problem = folder_problem(target)
    if problem:
        raise OutputError(f"{shown(problem)}; choose another --out")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        raise OutputError(
            f"{shown(out)} is not empty and was not made by notesite; refusing to replace it "
            "(choose another --out or empty it)"
        )
    work = work_folder(target)
    if os.path.lexists(work) and (work.is_symlink() or not work.is_dir()):
        raise OutputError(
            f"{shown(work)} is in the way: notesite keeps the work folder of {shown(out)} there "
            "(remove it, or choose another --out)"
        )
    return target


class Output:
    """The output folder of one build, locked against other builds while the build runs."""

    def __init__(self, out: Path, root: Path) -> None:
        self.out, self.root = out, root
        self.target = check_output(out, root)
        self.work = work_folder(self.target)
        self._lock: int | None = None
        self._temporary: list[Path] = []

    def __enter__(self) -> Output:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(self.work, self.out)
        try:
            _checkpoint("locked")
            check_output(self.out, self.root)  # again: now no other build can change it
            _recover(self.target, self.work)
            _clean(self.target, self.work)
            _checkpoint("cleaned")
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            for path in self._temporary:
                _remove(path)
        finally:
            self._unlock()

    def scratch(self) -> Path:
        """A private folder for this build's temporary files, deleted when the build ends."""
        path = Path(tempfile.mkdtemp(prefix="scratch-", dir=self.work))
        self._temporary.append(path)
        _checkpoint("scratch")
        return path

    def held(self, recorded: Mapping[str, FileId]) -> set[str]:
        """The site paths whose file in the site now is still the one `recorded` (the same
        inode, size and modification time, a regular file): a build may keep those files
        instead of writing them again. A file edited or replaced since is not held."""
        held = set()
        for rel, known in recorded.items():
            if _safe_rel(rel) and _file_id(self.target / rel) == known:
                held.add(rel)
        return held

    def publish(
        self, files: Mapping[str, bytes], keep: Mapping[str, FileId] | None = None
    ) -> dict[str, FileId]:
        """Make `files` (site path: bytes) and the files of the site now at the paths of
        `keep` the site, in one step; return every file's id in it (for `held` next time).

        Kept files are hard links to the files of the site now (the site that replaces it
        shares them; nothing writes into a file once written), or copies where the file
        system has no links. `keep` gives the ids `held` found: a file changed since fails
        the build, leaving the site as it was.
        """
        try:
            new = Path(tempfile.mkdtemp(prefix="new-", dir=self.work))
            self._temporary.append(new)
            ids = _write_tree(new, files)
            ids.update(_keep_tree(self.target, new, keep or {}))
            os.chmod(new, 0o755)
            _checkpoint("written")
            _swap(new, self.target, self.work)
        except OSError as exc:
            raise NotesiteError(
                f"cannot write the site into {shown(self.out)}: {plain(exc)} "
                "(the previous site was left as it was)"
            ) from exc
        return ids

    def _unlock(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # closing the descriptor releases the lock
            self._lock = None


def _lock(work: Path, out: Path) -> int:
    with contextlib.suppress(FileExistsError):
        work.mkdir()
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(work / "lock", flags, 0o644)
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputBusy(
                f"another build is writing {shown(out)}; try again when it finishes"
            ) from None
    try:
        if not (work / ".gitignore").is_file():
            write_file(work / ".gitignore", GITIGNORE)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _recover(target: Path, work: Path) -> None:
    """Put back the site a build killed between its two renames left aside (never a new one)."""
    if os.path.lexists(target):
        return
    ours = sorted(p for p in work.iterdir() if p.name.startswith("old-") and _is_site(p))
    legacy = sorted(
        (p for p in _legacy(target) if p.name.removeprefix(".").startswith(f"{target.name}-old-")),
        key=lambda p: p.stat().st_mtime_ns,
    )
    found = ours or [p for p in legacy if _is_site(p)]
    if found:
        os.rename(found[-1], target)


def _clean(target: Path, work: Path) -> None:
    """Delete what killed builds left: unfinished sites, replaced sites, temporary files."""
    for path in work.iterdir():
        if _OURS.fullmatch(path.name):
            _remove(path)
    for path in _legacy(target):
        _remove(path)


def _legacy(target: Path) -> list[Path]:
    """Folders notesite 0.1 left beside the site when a build was killed mid-swap."""
    found = []
    for path in target.parent.iterdir():
        m = _LEGACY.fullmatch(path.name)
        if m and m["name"] == target.name and path.is_dir() and not path.is_symlink():
            found.append(path)
    return found


def _is_site(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink() and (path / MARKER).is_file()


FileId = tuple[int, int, int]  # inode, size, modification time (ns) of a file in the site


def _file_id(path: Path) -> FileId | None:
    """The id of a regular file (never through a link), or None."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _safe_rel(rel: str) -> bool:
    parts = rel.split("/")
    return not (rel.startswith("/") or ".." in parts or "" in parts or "." in parts)


def _write_tree(folder: Path, files: Mapping[str, bytes]) -> dict[str, FileId]:
    made = {folder}
    ids: dict[str, FileId] = {}
    for n, (rel, content) in enumerate(sorted({**files, MARKER: _MARKER_TEXT}.items())):
        if not _safe_rel(rel):
            raise ValueError(f"not a path inside the site: {rel!r}")
        path = folder.joinpath(*rel.split("/"))
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        with os.fdopen(os.open(path, _NEW, 0o666), "wb") as fh:
            fh.write(content)
            fh.flush()
            info = os.fstat(fh.fileno())
        ids[rel] = (info.st_ino, info.st_size, info.st_mtime_ns)
        if n == 0:
            _checkpoint("writing")
    return ids


def _keep_tree(site: Path, folder: Path, keep: Mapping[str, FileId]) -> dict[str, FileId]:
    """Link the files of `keep` from the site into the new one (see `Output.publish`)."""
    ids: dict[str, FileId] = {}
    made = {folder}
    for rel, known in sorted(keep.items()):
        if not _safe_rel(rel) or rel == MARKER:
            raise ValueError(f"not a path inside the site: {rel!r}")
        source, path = site.joinpath(*rel.split("/")), folder.joinpath(*rel.split("/"))
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        if _file_id(source) != known:
            raise OSError(errno.ESTALE, _CHANGED, str(source))
        try:
            os.link(source, path, follow_symlinks=False)
        except OSError as exc:
            if exc.errno not in _NO_LINK:
                raise
            _copy(source, path)
        found = _file_id(path)
        if found is None or found[1] != known[1]:
            raise OSError(errno.ESTALE, _CHANGED, str(source))
        ids[rel] = found
    return ids


_CHANGED = "a file of the site changed during the build; build again"
_NO_LINK = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP}


def _copy(source: Path, path: Path) -> None:
    fd = os.open(source, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as src, os.fdopen(os.open(path, _NEW, 0o666), "wb") as dst:
        shutil.copyfileobj(src, dst)


_MARKER_TEXT = b"This folder is generated by notesite build; do not edit.\n"


def _swap(new: Path, target: Path, work: Path) -> None:
    """Make `new` the site at `target` in one step; delete the site it replaces."""
    if not os.path.lexists(target):
        os.rename(new, target)
        _checkpoint("swapped")
        return
    try:
        exchange(new, target)
    except OSError as exc:
        if exc.errno not in _NO_EXCHANGE:
            raise
        _two_renames(new, target, work)
        return
    _checkpoint("swapped")
    _remove(new)  # the old site, since the exchange
    _checkpoint("removed")


def _two_renames(new: Path, target: Path, work: Path) -> None:
    """Without an atomic exchange: the old site aside, the new one in (see the docstring)."""
    old = work / f"old-{time.time_ns():020d}"
    os.rename(target, old)
    _checkpoint("moved-old")
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(old, target)
        raise
    _checkpoint("swapped")
    _remove(old)
    _checkpoint("removed")


def exchange(a: Path, b: Path) -> None:
    """Swap the folders `a` and `b` atomically; OSError (ENOSYS, EINVAL...) where impossible."""
    libc = ctypes.CDLL(None, use_errno=True)
    path, flags = ctypes.c_char_p, ctypes.c_uint
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        at_fdcwd, rename_exchange = -100, 2
        call = libc.renameat2
        call.argtypes = [ctypes.c_int, path, ctypes.c_int, path, flags]
        done = call(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        rename_swap = 2
        call = libc.renamex_np
        call.argtypes = [path, path, flags]
        done = call(os.fsencode(a), os.fsencode(b), rename_swap)
    else:
        raise OSError(errno.ENOSYS, "cannot exchange folders here", str(a), None, str(b))
    if done != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), str(a), None, str(b))


def _remove(path: Path) -> None:
    """Delete a file or a folder tree, never following a link out of it."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
