"""The note cache of SPEC §16: what checking each note found, reused while its bytes hold.

A result is reused only for the same file, the same bytes (blake2b), the same settings,
"today", render mode and notesite version. `NoteCache()` keeps results in memory (`serve`
between rebuilds); `NoteCache(folder)` also keeps them in `folder/notes.json` between
builds (`notesite build`, folder `.notesite-cache/` beside the output by default).

The file is data, never code: JSON, read back through pydantic with every field checked
against the types of `Note` and `Diagnostic`. Its first line holds the format, notesite's
version, the context and a digest of the rest, so a truncated, corrupt, foreign or old file
is ignored whole (everything is checked afresh, and the file is written again). Each entry
must also name its own file (a note's `file` and every diagnostic's `file` are the entry's
path), so an entry copied from another note is refused. The file is written atomically and
never through a link (`safewrite`).

What a digest cannot prove is who wrote the file: someone who can write your cache folder can
write entries that match. Keep the cache where only your builds write it (on CI, a cache
saved by the default branch, which pull requests can read but not replace).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from datetime import date
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from notesite import __version__
from notesite.diagnostics import Diagnostic
from notesite.errors import NotesiteError
from notesite.load.files import LIMITS, Kind, SourceFile
from notesite.program import Note
from notesite.safewrite import write_file

NoteResult = tuple[Note | None, list[Diagnostic]]
Context = tuple[str, date, bool]  # settings as JSON, today, render
FILE = "notes.json"
FORMAT = "notesite-note-cache-1"
GITIGNORE = b"# notesite's build cache (see docs/cache.md); safe to delete\n*\n"

SITE_FILE = "site.json"
SITE_FORMAT = "notesite-site-record-1"
# A file of the site as the last build left it: the digest of the page's inputs ("" for a
# file that is not a page), a hash of its bytes, its id (inode, size, modification time).
SiteEntry = tuple[str, str, tuple[int, int, int]]
_SITE = TypeAdapter(dict[str, SiteEntry])
_ENTRIES = TypeAdapter(list[tuple[str, str, tuple[Note | None, list[Diagnostic]]]])


def context_digest(context: Context) -> str:
    """One string for everything besides a note's bytes that its result depends on."""
    settings, today, render = context
    raw = json.dumps([__version__, settings, today.isoformat(), render]).encode()
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK  # never through a link


def file_digest(root: Path, source: SourceFile) -> str | None:
    """blake2b of a note's bytes; None for anything but a regular file (not a link) within
    the note size limit, which is then always checked afresh (check_note reports it).
    Plain descriptors and string paths: this runs for every note of every build."""
    try:
        fd = os.open(os.path.join(root, source.rel), _READ)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > LIMITS[Kind.NOTE]:
            return None
        h = hashlib.blake2b(digest_size=16)
        while chunk := os.read(fd, max(info.st_size, 1 << 16)):
            h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


class NoteCache:
    """Results by (file, digest of its bytes), for one context; optionally kept in `folder`."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._context: str | None = None
        self._results: dict[tuple[str, str], NoteResult] = {}
        self._loaded = folder is None
        self._dirty = False
        self.problem: str | None = None  # why the cache folder could not be written, if so
        self._site: tuple[str, dict[str, SiteEntry]] | None = None  # (site folder, its files)

    def split(
        self, root: Path, sources: list[SourceFile], context: Context
    ) -> tuple[dict[str, NoteResult], list[SourceFile], dict[str, tuple[str, str]]]:
        """The cached results by file, the sources to check again, and every source's key."""
        digest = context_digest(context)
        if not self._loaded:
            self._loaded = True
            self._context, self._results = digest, self._read(digest)
        if digest != self._context:
            self._context, self._results = digest, {}
        hits: dict[str, NoteResult] = {}
        misses: list[SourceFile] = []
        keys: dict[str, tuple[str, str]] = {}
        for source in sources:
            found = file_digest(root, source)
            if found is None:
                misses.append(source)
                continue
            key = keys[source.rel] = (source.rel, found)
            if key in self._results:
                hits[source.rel] = self._results[key]
            else:
                misses.append(source)
        return hits, misses, keys

    def keep(self, keys: dict[str, tuple[str, str]], results: dict[str, NoteResult]) -> None:
        """Remember this build's results, forgetting files that changed or went away."""
        kept = {keys[rel]: r for rel, r in results.items() if rel in keys}
        self._dirty = self._dirty or kept.keys() != self._results.keys()
        self._results = kept

    def note_tokens(self) -> dict[int, tuple[object, bytes]]:
        """Each kept note object (by id) with a token of what made it: the context and the
        file's path and bytes, which decide a note's result wholly (that is what the cache
        rests on). Page digests start from these instead of walking every note again."""
        context = (self._context or "").encode()

        def token(rel: str, digest: str) -> bytes:
            made = b"\0".join([context, rel.encode("utf-8", "surrogatepass"), digest.encode()])
            return b"N" + hashlib.blake2b(made, digest_size=16).digest()

        return {
            id(note): (note, token(rel, digest))
            for (rel, digest), (note, _) in self._results.items()
            if note is not None
        }

    def save(self) -> None:
        """Write the results to the folder (if any, and if they changed); a folder that cannot
        be written costs the next build time, never this one: `problem` says why."""
        if self.folder is None or not self._dirty or self._context is None:
            return
        entries = [(rel, h, r) for (rel, h), r in sorted(self._results.items(), key=_by_key)]
        body = _ENTRIES.dump_json(entries)
        if self._write(FILE, {"format": FORMAT, "context": self._context}, body):
            self._dirty = False

    def _write(self, name: str, head: dict[str, str], body: bytes) -> bool:
        """Write `name` in the folder: a first line (`head`, notesite's version, a digest of
        the body), then the body; False, and `problem` says why, when it cannot be."""
        assert self.folder is not None
        first = {**head, "notesite": __version__}
        first["digest"] = hashlib.blake2b(body, digest_size=16).hexdigest()
        try:
            if not (self.folder / ".gitignore").is_file():
                write_file(self.folder / ".gitignore", GITIGNORE)
            write_file(self.folder / name, json.dumps(first).encode() + b"\n" + body)
        except (NotesiteError, OSError) as exc:
            self.problem = f"cannot write the build cache in {self.folder}: {exc}"
            return False
        return True

    def site_record(self, site: Path) -> dict[str, SiteEntry]:
        """What the last build recorded of the files it wrote into `site` (nothing for another
        folder, or a record that is missing, damaged or from another notesite version). The
        record is a hint: `Output.held` keeps only files whose id still matches."""
        if self._site is None and self.folder is not None:
            self._site = self._read_site()
        if self._site is None or self._site[0] != str(site):
            return {}
        return self._site[1]

    def keep_site(self, site: Path, entries: dict[str, SiteEntry]) -> None:
        """Record the files just published into `site` (in memory, and in the folder if any)."""
        self._site = (str(site), entries)
        if self.folder is None:
            return
        body = _SITE.dump_json(dict(sorted(entries.items())))
        self._write(SITE_FILE, {"format": SITE_FORMAT, "site": str(site)}, body)

    def _read_site(self) -> tuple[str, dict[str, SiteEntry]] | None:
        assert self.folder is not None
        found = _read_file(self.folder / SITE_FILE)
        if found is None:
            return None
        head_raw, body = found
        try:
            head = json.loads(head_raw)
            if (
                not isinstance(head, dict)
                or head.keys() != {"format", "notesite", "site", "digest"}
                or head["format"] != SITE_FORMAT
                or head["notesite"] != __version__
                or not isinstance(head["site"], str)
                or head["digest"] != hashlib.blake2b(body, digest_size=16).hexdigest()
            ):
                return None
            return head["site"], _SITE.validate_json(body)
        except (ValueError, ValidationError):
            return None

    def _read(self, context: str) -> dict[tuple[str, str], NoteResult]:
        """The entries of the cache file for `context`; none when it is missing, damaged,
        planted or written by another version or for another context."""
        assert self.folder is not None
        found = _read_file(self.folder / FILE)
        if found is None:
            return {}
        head_raw, body = found
        try:
            head = json.loads(head_raw)
            if not isinstance(head, dict) or head != {
                "format": FORMAT,
                "notesite": __version__,
                "context": context,
                "digest": hashlib.blake2b(body, digest_size=16).hexdigest(),
            }:
                return {}
            entries = _ENTRIES.validate_json(body)
        except (ValueError, ValidationError):
            return {}
        results: dict[tuple[str, str], NoteResult] = {}
        for rel, digest, (note, diagnostics) in entries:
            if (note is not None and note.file != rel) or any(d.file != rel for d in diagnostics):
                return {}  # an entry that is not about its own file: nothing here is trusted
            results[(rel, digest)] = (note, diagnostics)
        return results


def _by_key(item: tuple[tuple[str, str], NoteResult]) -> tuple[str, str]:
    return item[0]


def _read_file(path: Path) -> tuple[bytes, bytes] | None:
    """The first line and the rest of a regular file at `path` (never through a link), or
    None. Read apart, so that a large cache is never held twice (whole, and its body)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                with os.fdopen(os.dup(fd), "rb") as fh:
                    head = fh.readline()
                    return head.removesuffix(b"\n"), fh.read()
        finally:
            os.close(fd)
    return None
