"""Writing files for people: created beside the target, then renamed over it; never through a link.

Every file notesite writes outside the site (`new note`, `new focus`, `init`, `schema`,
`handoff`, `report schools`, `demo`) goes through `write_files` (tests/unit/test_one_writer.py
finds any other writer). Each file is written to a temporary file in its own folder, opened
with O_EXCL and O_NOFOLLOW, and then renamed onto its name, so a reader (or a crash) never sees
half a file. A symbolic link where notesite would write, at the file or at any folder between
the folder the person chose (`base`) and the file, is refused with a message naming it: a link
planted there could otherwise make notesite overwrite any file its user can write. Folders
are opened one level at a time relative to the one above (`dir_fd`), so a link swapped in
while notesite runs is refused too, never followed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path

from notesite.errors import NotesiteError

_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


class UnsafePath(NotesiteError):
    """A symbolic link, or a file where a folder should be, in the way of a write."""


def link_refused(path: Path) -> UnsafePath:
    return UnsafePath(
        f"{path} is a symbolic link; notesite never writes through one "
        "(remove the link, or choose another place)"
    )


def folder_problem(path: Path) -> str | None:
    """Why `path` cannot be (or become) a folder: it, or the nearest existing folder above it,
    is a file. None when it is a folder or can be made one."""
    for p in (path, *path.parents):
        if os.path.lexists(p):
            if p.is_dir():
                return None
            what = (
                "a symbolic link to a folder that does not exist"
                if p.is_symlink()
                else "a file, not a folder"
            )
            return f"{path} is {what}" if p == path else f"{path} cannot be made: {p} is {what}"
    return None


def write_file(path: Path, data: bytes, *, base: Path | None = None, replace: bool = True) -> None:
    """Write one file safely (see `write_files`); `base` defaults to the file's own folder."""
    base = path.parent if base is None else base
    write_files(base, {path.relative_to(base).as_posix(): data}, replace=replace)


def write_files(base: Path, files: Mapping[str, bytes], *, replace: bool = True) -> list[Path]:
    """Write each file (a POSIX path inside the folder `base`) and return their paths, sorted.

    Missing folders are made. `base` itself may be a link (the person chose it); nothing
    below it may be. With `replace=False` an existing file is never replaced
    (FileExistsError), so two people cannot overwrite each other's note; and the write is
    all or nothing: stopped half way (an error, Ctrl+C, SIGTERM), the files and folders it
    made are deleted again, since each of them is new.
    """
    problem = folder_problem(base)
    if problem:
        raise UnsafePath(problem)
    _refuse_links(base, files)  # before writing any: a refused write leaves nothing half done
    made = [] if os.path.lexists(base) else [base]
    base.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    current: tuple[str, int] | None = None
    try:
        for rel in sorted(files):
            folder, _, name = rel.rpartition("/")
            if current is None or current[0] != folder:
                if current is not None:
                    os.close(current[1])
                    current = None
                current = (folder, _open_folder(base, folder, made))
            _put(current[1], name, files[rel], base / rel, replace)
            written.append(base / rel)
    except BaseException:
        if not replace:
            _undo(written, made)
        raise
    finally:
        if current is not None:
            os.close(current[1])
    return written


def _undo(written: list[Path], made: list[Path]) -> None:
    """Delete new files and then the folders made for them (deepest first, if empty)."""
    for path in written:
        with contextlib.suppress(OSError):
            os.unlink(path)
    for folder in sorted(made, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            os.rmdir(folder)


def _refuse_links(base: Path, files: Mapping[str, bytes]) -> None:
    checked: set[Path] = set()
    for rel in sorted(files):
        path = base
        for name in rel.split("/"):
            path = path / name
            if path not in checked:
                checked.add(path)
                if path.is_symlink():
                    raise link_refused(path)


def _open_folder(base: Path, rel: str, made: list[Path]) -> int:
    """A descriptor of the folder `base/rel`, made where missing (added to `made`), reached
    without links."""
    fd = os.open(base, _FOLDER)
    where = base
    try:
        for name in [p for p in rel.split("/") if p]:
            where = where / name
            with contextlib.suppress(FileExistsError):
                os.mkdir(name, dir_fd=fd)
                made.append(where)
            try:
                inner = os.open(name, _FOLDER | _NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                raise _in_the_way(fd, name, where, exc) from None
            os.close(fd)
            fd = inner
    except BaseException:
        os.close(fd)
        raise
    return fd


def _in_the_way(fd: int, name: str, where: Path, exc: OSError) -> Exception:
    try:
        mode = os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode
    except OSError:
        return exc
    if stat.S_ISLNK(mode):
        return link_refused(where)
    if not stat.S_ISDIR(mode):
        return UnsafePath(f"{where} is a file, not a folder; move it away or choose another place")
    return exc


def _put(fd: int, name: str, data: bytes, path: Path, replace: bool) -> None:
    """Write `name` in the folder `fd`: a temporary file first, then renamed onto it."""
    try:
        mode: int | None = os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None:
        if stat.S_ISLNK(mode):
            raise link_refused(path)
        if stat.S_ISDIR(mode):
            raise UnsafePath(f"{path} is a folder, not a file; choose another name")
        if not replace:
            raise FileExistsError(errno.EEXIST, "File exists", str(path))
    tmp = f".{_prefix(name)}.{secrets.token_hex(4)}.tmp"
    try:
        out = os.open(tmp, _NEW, 0o666, dir_fd=fd)
    except OSError as exc:
        raise _named(exc, path) from exc
    try:
        with os.fdopen(out, "wb") as fh:
            fh.write(data)
        if replace:
            os.replace(tmp, name, src_dir_fd=fd, dst_dir_fd=fd)
        else:
            _link_new(fd, tmp, name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=fd)
        if isinstance(exc, OSError) and not isinstance(exc, FileExistsError):
            raise _named(exc, path) from exc
        raise


def _prefix(name: str, limit: int = 200) -> str:
    """The start of `name` in at most `limit` bytes (a file name has 255 at most, and the
    temporary one adds 14): cut by bytes, not characters, which are up to 4 bytes each."""
    raw = os.fsencode(name)
    if len(raw) <= limit:
        return name
    return raw[:limit].decode("utf-8", "ignore") or "file"


def _named(exc: OSError, path: Path) -> OSError:
    """The error naming the file being written, not its temporary file."""
    return OSError(exc.errno, exc.strerror, str(path))


def _link_new(fd: int, tmp: str, name: str, path: Path) -> None:
    """Give the finished temporary file its name only if the name is free (atomically)."""
    try:
        os.link(tmp, name, src_dir_fd=fd, dst_dir_fd=fd, follow_symlinks=False)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
            raise
        # A file system without hard links: check, then rename (a tiny window, no link).
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        os.replace(tmp, name, src_dir_fd=fd, dst_dir_fd=fd)
        return
    os.unlink(tmp, dir_fd=fd)
