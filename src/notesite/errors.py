"""Problems a person must fix, worded for them, and the plain wording of operating-system errors.

    NotesiteError              exit 1: the command could not do its work
    ├── OutputBusy             write.py: another build holds the output folder's lock
    ├── UnsafePath             safewrite.py: a link or a non-folder is in the way
    └── UsageProblem           exit 2: an option or argument must change (`param` names it)
        ├── OutputError        write.py: --out would destroy what is not a site
        ├── PortInUse          commands/serve.py: --port is taken
        ├── InitError          commands/init.py: the folder, or notesite's source to pin
        ├── ScaffoldError      commands/new_note.py: the type, a tag, or the date
        ├── GitError           git.py: no git, not a git repository, an unknown revision,
        │                      no shared history (`review`'s BASE, `--changed-since REF`)
        └── CommandError       commands/: a request a command cannot carry out (a month
            │                  in the future, an output folder inside the notes)
            └── FocusError     commands/focus.py: an unknown PM or pair, a list already there

Not in the tree: `render.search.SearchUnavailable` is not an error to the user (the build
goes on without search and says so as a warning).

The command line turns these (and any `OSError`) into a message and an exit code in one place,
`notesite.cli.Main`; library code raises them and prints nothing.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


class NotesiteError(Exception):
    """The command could not do its work; the message says why and what to do."""

    exit_code = 1


class UsageProblem(NotesiteError):
    """An option or argument has to change; `param` names it (`--out`, `PM`) when one does."""

    exit_code = 2

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param


# What each error number means for a person, and what they can do about it.
_PLAIN = {
    errno.ENOSPC: "the disk is full; free some space and try again",
    errno.EDQUOT: "the disk quota is used up; free some space and try again",
    errno.EACCES: "permission denied; check who may write there, or choose another place",
    errno.EPERM: "the operation is not permitted there; choose another place",
    errno.EROFS: "the disk is read-only; choose another place",
    errno.EBUSY: "it is busy (used by another program, or a mount point); close it or choose "
    "another place",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.EEXIST: "it already exists",
    errno.ENOENT: "it does not exist",
    errno.ELOOP: "it is a symbolic link (or a loop of them), which notesite does not follow",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EMFILE: "too many files are open; close some programs and try again",
    errno.ENFILE: "too many files are open; close some programs and try again",
    errno.EIO: "the disk reported an input/output error",
    errno.EXDEV: "it is on another disk",
}


def shown(text: object) -> str:
    """`text` safe to print: control characters (escape sequences, new lines) become `?`."""
    return "".join(c if c.isprintable() else "?" for c in str(text))


def plain(exc: OSError) -> str:
    """What an operating-system error means for a person, and what they can do about it."""
    return _PLAIN.get(exc.errno or 0) or shown(exc.strerror or exc or "unknown error").lower()


def describe(exc: OSError) -> str:
    """A plain sentence for an operating-system error: where it happened and what to do."""
    if exc.filename is None:
        return f"the command could not finish: {plain(exc)}"
    where = shown(os.fsdecode(exc.filename))
    if exc.filename2 is not None:
        where += f" (to {shown(os.fsdecode(exc.filename2))})"
    if _in_temporary_folder(os.fsdecode(exc.filename)):
        where += " (in the temporary folder, $TMPDIR)"
    return f"{where}: {plain(exc)}"


def _in_temporary_folder(path: str) -> bool:
    """Whether `path` is in a folder made in $TMPDIR by notesite (or by Python's tempfile)."""
    try:
        rel = Path(path).resolve().relative_to(Path(tempfile.gettempdir()).resolve())
    except (OSError, RuntimeError, ValueError):
        return False
    return bool(rel.parts) and rel.parts[0].startswith(("notesite-", "tmp"))
