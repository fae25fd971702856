"""The note cache of SPEC §16: what checking each note found, reused while its bytes hold.

A result is reused only for the same file, the same bytes (blake2b), the same settings,
render mode and notesite version, and on a day it holds for: checking a note compares its
dates with "today" (a date in the future is an error), so a result is kept from the latest of
those dates on (`notes.today_matters_until`), or, when that is after today (the note has a
future date), for today only. So the first build of a new day reuses every settled note.

`NoteCache()` keeps results in memory (`serve` between rebuilds); `NoteCache(folder)` also
keeps them in `folder/notes/` between builds (`notesite build`, folder `.notesite-cache/`
beside the output by default), in 64 shard files by the note's folder (a pair's notes share
one), so a build that changed one note writes one shard of a few megabytes, not the whole
cache again.

The files are data, never code: JSON, read back through pydantic with every field checked
against the types of `Note` and `Diagnostic`. Each shard's first line holds the format,
notesite's version, the context and a digest of the rest, so a truncated, corrupt, foreign
or old shard is ignored whole (its notes are checked afresh, and it is written again). Each
entry must also name its own file (a note's `file` and every diagnostic's `file` are the
entry's path) and belong in its shard, so an entry copied from another note is refused. The
files are written atomically and never through a link (`safewrite`).

Reading every note to hash it costs more than checking the cache at 100,000 notes, so each
entry also keeps the note's file id (inode, size, modification and change times, the way git
keeps its index): a file whose id is the same is not read again. An id is kept only for a
file last changed over two seconds before it was read (git's "racily clean" rule, since a
write within a clock tick could leave the times as they were); the change time cannot be set
by hand, and a checkout (CI) makes new inodes, so there every note is read and hashed.

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
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from notesite import __version__
from notesite.diagnostics import Diagnostic
from notesite.errors import NotesiteError
from notesite.load import yamlcache
from notesite.load.files import LIMITS, Kind, SourceFile
from notesite.program import Note
from notesite.safewrite import write_file
from notesite.validate.notes import today_matters_until

NoteResult = tuple[Note | None, list[Diagnostic]]
Context = tuple[str, date, bool]  # settings as JSON, today, render
# The days a result holds on: (True, day) on that day only, (False, day) on it and after.
Days = tuple[bool, date]
FOLDER = "notes"  # the shards: notes/00.json ... notes/3f.json
SHARDS = 64
OLD_FILE = "notes.json"  # the one file of earlier 0.2.0.dev caches, removed once shards are written
FORMAT = "notesite-note-cache-3"
# A note file's id: inode, size, modification and change times (ns); see the module docstring.
FileStat = tuple[int, int, int, int]
SETTLED_NS = 2_000_000_000  # a file changed less long ago than this before its read: no id kept
GITIGNORE = b"# notesite's build cache (see docs/cache.md); safe to delete\n*\n"

YAML_FILE = "yaml.json"  # the data of the YAML files parsed, by the digest of their text
YAML_FORMAT = "notesite-yaml-cache-1"

SITE_FILE = "site.json"
SITE_FORMAT = "notesite-site-record-1"
# A file of the site as the last build left it: the digest of the page's inputs ("" for a
# file that is not a page), a hash of its bytes, its id (inode, size, modification time).
SiteEntry = tuple[str, str, tuple[int, int, int]]
_SITE = TypeAdapter(dict[str, SiteEntry])
_ENTRIES = TypeAdapter(
    list[tuple[str, str, FileStat | None, Days, tuple[Note | None, list[Diagnostic]]]]
)
Stored = tuple[str, str, FileStat | None, Days, NoteResult]  # one entry of a shard
Entry = tuple[str, str, FileStat | None, Days]  # a note's path, its bytes' hash, id, days


def shard_of(rel: str) -> int:
    """The shard a note's entry is kept in: by the note's folder (a pair's notes together)."""
    folder = rel.rpartition("/")[0].encode("utf-8", "surrogatepass")
    return hashlib.blake2b(folder, digest_size=1).digest()[0] % SHARDS


def shard_name(shard: int, lite: bool = False) -> str:
    """A shard's file: `notes/00.json` (notes with their rendered sections, for `build`), or
    `notes/00.lite.json` (the same results without them, for `validate`)."""
    return f"{FOLDER}/{shard:02x}{'.lite' if lite else ''}.json"


def context_digest(context: Context) -> str:
    """One string for everything besides a note's bytes and "today" that its result depends
    on (today is kept with each result: `Days`)."""
    settings, _, render = context
    raw = json.dumps([__version__, settings, render]).encode()
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK  # never through a link


def file_digest(root: Path, source: SourceFile) -> tuple[str, FileStat | None] | None:
    """blake2b of a note's bytes and the file's id (None when it changed too lately to be
    trusted, see the module docstring); None for anything but a regular file (not a link)
    within the note size limit, which is then always checked afresh (check_note reports it).
    Plain descriptors and string paths: this runs for every changed note of every build."""
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
        return h.hexdigest(), _settled(info)
    except OSError:
        return None
    finally:
        os.close(fd)


def _days_held(result: NoteResult, today: date) -> Days:
    """The days `result`, found on `today`, holds on (see the module docstring)."""
    note = result[0]
    if note is None:  # not read far enough to know its dates: this day only
        return (True, today)
    until = today_matters_until(note)
    return (True, today) if until > today else (False, until)


def _holds(days: Days, today: date) -> bool:
    only, day = days
    return today == day if only else today >= day


def _file_id(info: os.stat_result) -> FileStat:
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _settled(info: os.stat_result) -> FileStat | None:
    """The file id of `info`, if the file last changed long enough before now to keep it."""
    if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) <= SETTLED_NS:
        return None
    return _file_id(info)


def _same_file(root: Path, source: SourceFile, known: FileStat) -> bool:
    """Whether the note's file is still a regular file with the id `known`."""
    try:
        info = os.lstat(os.path.join(root, source.rel))
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and _file_id(info) == known


class NoteCache:
    """Results by (file, digest of its bytes), for one context; optionally kept in `folder`."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._context: str | None = None
        self._lite: str | None = None  # with render: the context of the same check without
        self._render = True  # whether the results carry rendered sections (the context's)
        self._results: dict[tuple[str, str], NoteResult] = {}
        self._days: dict[tuple[str, str], Days] = {}  # the days each result holds on
        self._today: date | None = None  # the day of the build under way
        self._ids: dict[str, tuple[str, FileStat | None]] = {}  # by file: digest, file id
        self._found: dict[str, tuple[str, FileStat | None]] = {}  # the same, this build's
        # What each shard file holds now (its entries), or None: missing, damaged or foreign.
        self._disk: dict[int, frozenset[Entry] | None] = {}
        # The shards whose entries may differ from their file's (None: any of them). Looking
        # over all 100,000 entries to find none took 0.75 s of every validate.
        self._dirty: set[int] | None = None
        self._loaded = folder is None
        self.problem: str | None = None  # why the cache folder could not be written, if so
        self._site: tuple[str, dict[str, SiteEntry]] | None = None  # (site folder, its files)
        self._yaml: yamlcache.YamlMemo | None = None  # read from the folder on first use

    def yaml_memo(self) -> yamlcache.YamlMemo:
        """The YAML documents parsed by the last build, for this one (load/yamlcache.py)."""
        if self._yaml is None:
            self._yaml = yamlcache.YamlMemo(self._read_yaml() if self.folder else None)
        return self._yaml

    def split(
        self, root: Path, sources: list[SourceFile], context: Context
    ) -> tuple[dict[str, NoteResult], list[SourceFile], dict[str, tuple[str, str]]]:
        """The cached results by file, the sources to check again, and every source's key."""
        digest, today = context_digest(context), context[1]
        self._today, self._render = today, context[2]
        self._lite = context_digest((context[0], today, False)) if context[2] else None
        if not self._loaded:
            self._loaded = True
            self._context = digest
            self._results, self._days, self._ids, self._disk = self._read(digest)
            self._dirty = set()
            if self._lite is not None and self.folder is not None:  # a cache from before them
                for shard, held in self._disk.items():
                    if held and not (self.folder / shard_name(shard, lite=True)).is_file():
                        self._disk[shard] = None  # written again, with its lite twin
        if digest != self._context:
            self._context, self._results, self._ids, self._disk = digest, {}, {}, {}
            self._days, self._dirty = {}, None
        hits: dict[str, NoteResult] = {}
        misses: list[SourceFile] = []
        keys: dict[str, tuple[str, str]] = {}
        self._found = {}
        for source in sources:
            known = self._ids.get(source.rel)
            if known is not None and known[1] is not None and _same_file(root, source, known[1]):
                found: tuple[str, FileStat | None] | None = known
            else:
                found = file_digest(root, source)
            if found is None:
                misses.append(source)
                continue
            self._found[source.rel] = found
            key = keys[source.rel] = (source.rel, found[0])
            if key in self._results and _holds(self._days[key], today):
                hits[source.rel] = self._results[key]
            else:
                misses.append(source)
        return hits, misses, keys

    def keep(self, keys: dict[str, tuple[str, str]], results: dict[str, NoteResult]) -> None:
        """Remember this build's results, forgetting files that changed or went away."""
        assert self._today is not None, "split comes first"
        old, days = self._results, {}
        for rel, result in results.items():
            key = keys.get(rel)
            if key is not None:
                reused = old.get(key) is result
                days[key] = self._days[key] if reused else _days_held(result, self._today)
        self._results = {keys[rel]: r for rel, r in results.items() if rel in keys}
        self._days = days
        ids = {rel: self._found[rel] for rel in keys if rel in results}
        if self._dirty is not None:
            known = self._ids
            changed = {rel for rel, found in ids.items() if known.get(rel) != found}
            changed |= {
                rel
                for rel, key in keys.items()
                if rel in results and old.get(key) is not results[rel]
            }
            changed |= known.keys() - ids.keys()
            self._dirty |= {shard_of(rel) for rel in changed}
        self._ids = ids

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
        """Write the shards whose entries changed to the folder (if any); a folder that cannot
        be written costs the next build time, never this one: `problem` says why."""
        if self._yaml is not None and self._yaml.changed and self.folder is not None:
            self._save_yaml(self._yaml.known)
            self._yaml.changed = False
        if self.folder is None or self._context is None:
            return
        damaged = {shard for shard, held in self._disk.items() if held is None}
        todo = set(range(SHARDS)) if self._dirty is None else self._dirty | damaged
        shards: dict[int, list[Stored]] = {}
        picked = [item for item in self._results.items() if todo and shard_of(item[0][0]) in todo]
        for (rel, h), result in sorted(picked, key=_by_key):  # the shards to write only
            entry = (rel, h, self._ids[rel][1], self._days[(rel, h)], result)
            shards.setdefault(shard_of(rel), []).append(entry)
        for shard in sorted(todo):
            entries = shards.get(shard, [])
            held = frozenset(e[:4] for e in entries)
            if self._disk.get(shard, frozenset()) == held:
                continue
            name = shard_name(shard, lite=not self._render)
            body = _ENTRIES.dump_json(entries)
            if not self._write(name, {"format": FORMAT, "context": self._context}, body):
                return
            if self._lite is not None:  # the same results for a check without render
                lite = _ENTRIES.dump_json([(*e[:4], _without_sections(e[4])) for e in entries])
                if not self._write(
                    shard_name(shard, lite=True), {"format": FORMAT, "context": self._lite}, lite
                ):
                    return
            self._disk[shard] = held
        self._dirty = set()
        # The single cache file of earlier builds is never read now.
        with contextlib.suppress(OSError):
            if (self.folder / OLD_FILE).is_file():
                os.unlink(self.folder / OLD_FILE)

    def _write(self, name: str, head: dict[str, str], body: bytes) -> bool:
        """Write `name` in the folder: a first line (`head`, notesite's version, a digest of
        the body), then the body; False, and `problem` says why, when it cannot be."""
        assert self.folder is not None
        first = {**head, "notesite": __version__}
        first["digest"] = hashlib.blake2b(body, digest_size=16).hexdigest()
        try:
            if not (self.folder / ".gitignore").is_file():
                write_file(self.folder / ".gitignore", GITIGNORE)
            write_file(
                self.folder / name, json.dumps(first).encode() + b"\n" + body, base=self.folder
            )
        except (NotesiteError, OSError) as exc:
            self.problem = f"cannot write the build cache in {self.folder}: {exc}"
            return False
        return True

    def _save_yaml(self, known: dict[str, Any]) -> None:
        body = json.dumps(
            {key: yamlcache.encode(data) for key, data in sorted(known.items())},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8", "surrogatepass")
        self._write(YAML_FILE, {"format": YAML_FORMAT}, body)

    def _read_yaml(self) -> dict[str, Any] | None:
        """The documents of the folder's YAML file; none from one missing or damaged."""
        assert self.folder is not None
        body = _checked(self.folder / YAML_FILE, {"format": YAML_FORMAT})
        if body is None:
            return None
        try:
            raw = json.loads(body)
            if not isinstance(raw, dict) or not all(map(_is_digest, raw)):
                return None
            return {key: yamlcache.decode(value) for key, value in raw.items()}
        except (ValueError, ArithmeticError, RecursionError):  # float.fromhex can overflow
            return None

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

    def _read(
        self, context: str
    ) -> tuple[
        dict[tuple[str, str], NoteResult],
        dict[tuple[str, str], Days],
        dict[str, tuple[str, FileStat | None]],
        dict[int, frozenset[Entry] | None],
    ]:
        """The entries of the shards for `context`; none from a shard that is missing,
        damaged, planted or written by another version or for another context."""
        assert self.folder is not None
        results: dict[tuple[str, str], NoteResult] = {}
        days: dict[tuple[str, str], Days] = {}
        ids: dict[str, tuple[str, FileStat | None]] = {}
        disk: dict[int, frozenset[Entry] | None] = {}
        for shard in range(SHARDS):
            entries = self._read_shard(shard, context)
            disk[shard] = None if entries is None else frozenset(e[:4] for e in entries)
            for rel, digest, file_id, held, result in entries or []:
                results[(rel, digest)] = result
                days[(rel, digest)] = held
                ids[rel] = (digest, file_id)
        return results, days, ids, disk

    def _read_shard(self, shard: int, context: str) -> list[Stored] | None:
        assert self.folder is not None
        path = self.folder / shard_name(shard, lite=not self._render)
        body = _checked(path, {"format": FORMAT, "context": context})
        if body is None:  # none there holds no entries; anything else is written again
            return None if os.path.lexists(path) else []
        try:
            entries = _ENTRIES.validate_json(body)
        except (ValueError, ValidationError):
            return None
        for rel, _, _, (only, day), (note, diagnostics) in entries:
            if (
                shard_of(rel) != shard
                or (not only and (note is None or day != today_matters_until(note)))
                or (note is not None and note.file != rel)
                or any(d.file != rel for d in diagnostics)
            ):
                return None  # an entry that is not about its own file: nothing here is trusted
        return entries


def _without_sections(result: NoteResult) -> NoteResult:
    """A result as checking the note without render makes it: no sections, no search text
    (everything else, the diagnostics too, is the same; tests/integration/test_note_cache.py)."""
    note, diagnostics = result
    return (replace(note, sections=(), text="") if note is not None else None), diagnostics


def _is_digest(key: str) -> bool:
    return len(key) == 32 and all(c in "0123456789abcdef" for c in key)


def _by_key(item: tuple[tuple[str, str], NoteResult]) -> tuple[str, str]:
    return item[0]


def _checked(path: Path, fields: dict[str, str]) -> bytes | None:
    """The body of the cache file at `path` if its first line is `fields` with this
    notesite's version and the body's digest (as `NoteCache._write` writes it), else None."""
    found = _read_file(path)
    if found is None:
        return None
    head_raw, body = found
    try:
        head = json.loads(head_raw)
    except ValueError:
        return None
    digest = hashlib.blake2b(body, digest_size=16).hexdigest()
    return body if head == {**fields, "notesite": __version__, "digest": digest} else None


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
