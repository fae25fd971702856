"""Full-text search: one Pagefind record per note, indexed in memory, published with the site.

`records(facts)` turns every note into a record (its text, a title, where it is on its pair's
page, and the PM, school, type and tag filters); `search_files(facts)` has Pagefind index them
and returns its files by site path, so the search index is part of the same atomic write as
the pages. Pagefind's UI bundles are left out: `assets/search.js` is the site's own small UI
(the default UI injects inline styles, which the site's Content-Security-Policy refuses).

The Pagefind binary (from the `pagefind_bin` package) indexes one tiny HTML page per note,
written to a temporary folder, with its command line. Its `--service` protocol (what the
`pagefind` Python package speaks) was measured slower and superlinear: 100,000 notes took
about 230 s through it and 85 s through the command line on two cores.

Sharded (issue 10): Pagefind's memory grows with the whole index (11 GiB at 100,000 notes), so
the notes are split by pair into shards of about `SHARD_NOTES` notes, each its own Pagefind
index, and the search page merges them in the browser (`mergeIndex`). Peak memory is bounded
by the largest shard, and a changed note re-indexes only its pair's shard: a shard's bytes are
a function of its records alone, found again by `shard_key` (in this process, and by any build
cache that keeps `index` results under that key). The number of shards is a power of two and a
pair's shard is a hash of its id, so adding notes moves no pair until the count doubles.
Shard 0 is the primary bundle at `pagefind/` (search.js imports its pagefind.js); shard i is at
`pagefind/shard-i/`, listed in `pagefind/shards.json` for search.js to merge.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import re
import struct
import subprocess
import tempfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from notesite.derive.facts import Facts
from notesite.render import search_store
from notesite.text import longdate, pair_names, school_key, slug, staff_name

FOLDER = "pagefind"  # where the bundle goes in the site; search.js imports it from here
LANGUAGE = "en"
# Chinese and Japanese are written without spaces, and Pagefind splits words at spaces and
# punctuation; it segments them into words only for pages in those languages, in its
# extended build. The site is indexed in one language, so each of their characters is
# indexed as a word of its own (`segment`), and search.js splits a query the same way (and
# joins the characters again in the excerpts it shows). Keep the two ranges in step.
CJK = (
    "\u3005-\u3007"  # 々 〆 〇
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf"  # CJK Extension A
    "\u4e00-\u9fff"  # CJK Unified Ideographs
    "\uf900-\ufaff"  # CJK Compatibility Ideographs
)
_CJK = re.compile(f"([{CJK}])")
# Pagefind's ready-made UIs (the site has its own) and the playground are not published.
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
SILENCE = 300  # seconds without a word from Pagefind before the build gives up on search
# Notes per shard, at most about (measured, benchmarks/bench.py at S: see CHANGELOG): Pagefind
# needs roughly 1 GiB per 10,000 notes, so this keeps the search stage near 0.5 GiB however
# large the program, while a search still fetches from few shards.
SHARD_NOTES = 5_000
MANIFEST = "shards.json"  # in FOLDER: the other shards' folders, for search.js to merge
_REUSED: dict[str, dict[str, bytes]] = {}  # shard_key -> index files, from the last build here


class SearchUnavailable(Exception):
    """Pagefind cannot run here (not installed, or it failed); the site is built without it."""


@dataclass(frozen=True)
class Record:
    """What Pagefind indexes for one note."""

    url: str  # relative to the site root: the note on its pair's page
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]]


def records(facts: Facts) -> list[Record]:
    """One record per note, in note id order (the same input gives the same index)."""
    s = facts.program.settings
    out = []
    for n in sorted(facts.program.notes, key=lambda n: n.id):
        pair = facts.program.pairs[n.pair]
        kind = s.types[n.type].label if n.type in s.types else n.type
        author = staff_name(facts.program.staff, n.author)
        title = f"{pair_names(pair)} · {longdate(n.date)} · {kind}"
        tags = [s.tag_labels.get(t, t) for t in n.tags]
        header = f"{title}. Pair {n.pair}, {pair.school}. By {author}. {', '.join(tags)}."
        out.append(
            Record(
                url=f"pairs/{n.pair}.html#{slug(n.id)}",
                content=segment(f"{header}\n{n.text}"),
                meta={
                    "title": title,
                    "pair": n.pair,
                    "date": n.date.isoformat(),
                    "type": kind,
                    "author": author,
                    "school": pair.school,
                    "tags": ", ".join(tags),
                },
                filters={
                    "pm": [pair.pm],
                    "school": [school_key(pair.school)],
                    "type": [n.type],
                    "tag": list(n.tags),
                },
            )
        )
    return out


def segment(text: str) -> str:
    """Each Chinese or Japanese character as a word of its own: `数学成绩` → `数 学 成 绩`."""
    if not _CJK.search(text):
        return text
    return re.sub(r" {2,}", " ", _CJK.sub(r" \1 ", text)).strip()


def search_files(
    facts: Facts,
    scratch: Path | None = None,
    shard_notes: int | None = None,
    store: Path | None = None,
) -> dict[str, bytes]:
    """The Pagefind bundles for every note, by site path (`pagefind/...`), one per shard.

    Empty when there are no notes (search.html then says there is nothing to search yet).
    Raises SearchUnavailable when Pagefind is not installed or fails. `scratch` is where the
    notes are written for Pagefind (default: the temporary folder); `build` passes a folder
    of the output's work folder, so a killed build's notes are deleted by the next build.
    A shard whose records are the same as in the previous call in this process (`serve`
    rebuilds) is not indexed again: the same records give the same bytes. With `store` (a
    folder, e.g. the build cache's `search/`), shards are also kept there between separate
    builds, verified on every read (`search_store`): an edited note re-indexes one shard.
    """
    recs = records(facts)
    if not recs:
        return {}
    groups = shards(recs, SHARD_NOTES if shard_notes is None else shard_notes)
    out: dict[str, bytes] = {}
    kept: dict[str, dict[str, bytes]] = {}
    for number, group in enumerate(groups):
        key = shard_key(group)
        files = _REUSED.get(key) or (search_store.load(store, key) if store else None)
        if files is None:
            files = index(group, scratch)
            if store is not None:
                search_store.save(store, key, files)
        elif store is not None and not (store / key).exists():  # reused here, not yet kept
            search_store.save(store, key, files)
        kept[key] = files
        folder = FOLDER if number == 0 else f"{FOLDER}/shard-{number}"
        out.update({f"{folder}/{path}": data for path, data in files.items()})
    _REUSED.clear()
    _REUSED.update(kept)
    if store is not None:
        search_store.prune(store, kept)
    others = [f"shard-{n}" for n in range(1, len(groups))]
    out[f"{FOLDER}/{MANIFEST}"] = (json.dumps({"merge": others}) + "\n").encode()
    return dict(sorted(out.items()))


def shards(recs: Sequence[Record], shard_notes: int) -> list[list[Record]]:
    """The records split by pair into a power-of-two number of shards of about `shard_notes`.

    A pair's shard is a hash of its id (not its place in a sorted list), so a new pair or note
    changes one shard, until the number of shards doubles. Empty shards are dropped; the order
    of records inside each is kept (note id order)."""
    count = 1
    while count * max(shard_notes, 1) < len(recs):
        count *= 2
    groups: list[list[Record]] = [[] for _ in range(count)]
    for r in recs:
        groups[int(_digest(r.meta["pair"].encode(), 8), 16) % count].append(r)
    return [g for g in groups if g]


def shard_key(recs: Iterable[Record]) -> str:
    """A hash of everything a shard's index bytes depend on: its records, Pagefind's version
    and this module's settings. Equal keys mean `index` would write equal files."""
    digest = hashlib.sha256(f"{_pagefind_version()}\0{LANGUAGE}\0{SIGNATURE!r}\n".encode())
    for r in recs:
        row = [r.url, r.content, sorted(r.meta.items()), sorted(r.filters.items())]
        digest.update(json.dumps(row, ensure_ascii=False).encode() + b"\n")
    return digest.hexdigest()


def _pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind_bin")
    except PackageNotFoundError:  # index() will say so; the key just matches no other
        return "?"


def executable() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchUnavailable(
            "the pagefind package is not installed (pip install 'pagefind[bin]')"
        ) from None
    try:
        found = get_executable()
    except OSError as exc:  # pagefind_bin is installed but its binary is missing
        raise SearchUnavailable(f"the Pagefind binary is missing: {exc}") from None
    if found is None:
        raise SearchUnavailable("no Pagefind binary found (pip install 'pagefind[bin]')")
    return found


def index(recs: Iterable[Record], scratch: Path | None = None) -> dict[str, bytes]:
    """Index the records with the Pagefind binary and return its files (UI bundles left out).

    The records are written as pages into a temporary folder inside `scratch` (default: the
    system's temporary folder), deleted when indexing ends, however it ends."""
    binary = executable()
    # No pagefind.yml can apply where it runs, and no PAGEFIND_* settings: only ours do.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    with tempfile.TemporaryDirectory(prefix="notesite-search-", dir=scratch) as tmp:
        pages, bundle = Path(tmp) / "records", Path(tmp) / "bundle"
        for number, record in enumerate(recs):
            path = pages / f"{number // 1000}" / f"{number}.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_page(record), encoding="utf-8")
        args = [
            str(binary),
            "--site",
            str(pages),
            "--output-path",
            str(bundle),
            "--force-language",
            LANGUAGE,
            "--silent",
        ]
        try:
            done = subprocess.run(args, cwd=tmp, env=env, capture_output=True, timeout=SILENCE)
        except subprocess.TimeoutExpired:
            raise SearchUnavailable(f"Pagefind said nothing for {SILENCE} seconds") from None
        except OSError as exc:
            raise SearchUnavailable(f"Pagefind cannot start: {exc}") from None
        if done.returncode != 0:
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[-500:]
            raise SearchUnavailable(
                f"Pagefind failed (exit {done.returncode})" + (f" ({said})" if said else "")
            )
        files = {
            p.relative_to(bundle).as_posix(): p.read_bytes()
            for p in sorted(bundle.rglob("*"))
            if p.is_file()
        }
    kept = {p: data for p, data in files.items() if not p.startswith(UNUSED)}
    try:
        return canonical(kept)
    except (ValueError, IndexError, OSError, EOFError):  # a bundle format this code does not know
        return dict(sorted(kept.items()))  # still searchable, but may differ between builds


def _page(record: Record) -> str:
    """One note as a tiny page for Pagefind: its text indexed; meta and filters only tagged.

    `data-pagefind-ignore` keeps the tags out of the words while Pagefind still reads the
    meta and filters inside; the `url` meta is where a result leads (the note on its pair's
    page), not where this temporary page was.
    """
    tags = "".join(
        f'<span data-pagefind-meta="{k}">{html.escape(v)}</span>'
        for k, v in {"url": record.url, **record.meta}.items()
    ) + "".join(
        f'<span data-pagefind-filter="{k}">{html.escape(v)}</span>'
        for k, values in record.filters.items()
        for v in values
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title></title></head>'
        f"<body><main data-pagefind-body><p>{html.escape(record.content)}</p>"
        f"<div data-pagefind-ignore>{tags}</div></main></body></html>\n"
    )


SIGNATURE = b"pagefind_dcd"


def canonical(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle with each filter's values in order and file names derived from the content."""
    out = dict(files)
    renamed: dict[str, str] = {}
    for path in [p for p in files if p.startswith("filter/") and p.endswith(".pf_filter")]:
        body = _unpack(files[path])
        _, (_, (values, _)) = _array(body, 0, 2)
        head, items = _array(body, values, None)
        data = _pack(body[:head] + b"".join(sorted(body[a:b] for a, b in items)))
        old = path.removeprefix("filter/").removesuffix(".pf_filter")
        renamed[old] = f"{old.split('_')[0]}_{_digest(data, 7)}"
        del out[path]
        out[f"filter/{renamed[old]}.pf_filter"] = data
    metas = [p for p in files if p.startswith("pagefind.") and p.endswith(".pf_meta")]
    if not metas and not renamed:
        return dict(sorted(out.items()))  # no notes, no index: nothing that could vary
    (meta_path,) = metas
    body = _unpack(files[meta_path])
    _, parts = _array(body, 0, 6)
    start, end = parts[3]
    _, entries = _array(body, start, None)
    filters = sorted(_pair_of_texts(body, a) for a, _ in entries)
    table = _head(4, len(filters)) + b"".join(
        _head(4, 2) + _text(name) + _text(renamed[old]) for name, old in filters
    )
    meta = _pack(body[:start] + table + body[end:])
    old_hash = meta_path.removeprefix("pagefind.").removesuffix(".pf_meta")
    new_hash = f"{old_hash.split('_')[0]}_{_digest(meta, 10)}"
    del out[meta_path]
    out[f"pagefind.{new_hash}.pf_meta"] = meta
    entry = out["pagefind-entry.json"]
    if entry.count(old_hash.encode()) != 1:
        raise ValueError("unexpected pagefind-entry.json")
    out["pagefind-entry.json"] = entry.replace(old_hash.encode(), new_hash.encode())
    return dict(sorted(out.items()))


def _unpack(data: bytes) -> bytes:
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not a Pagefind data file")
    return raw[len(SIGNATURE) :]


# A gzip member header of our own (RFC 1952: no name, mtime 0, maximum compression, OS
# "unknown"): gzip.compress writes a different OS byte from Python 3.13 on, and the site
# must be byte-identical whichever supported Python builds it.
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"


def _pack(body: bytes) -> bytes:
    data = SIGNATURE + body
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    packed = deflate.compress(data) + deflate.flush()
    trailer = struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    return _GZIP_HEADER + packed + trailer


def _digest(data: bytes, length: int) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def _argument(b: bytes, i: int) -> tuple[int, int, int]:
    """(major type, argument, offset after the head) of the CBOR item at `i`."""
    major, info = b[i] >> 5, b[i] & 31
    if info < 24:
        return major, info, i + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]  # KeyError: indefinite lengths are not expected
    return major, int.from_bytes(b[i + 1 : i + 1 + size], "big"), i + 1 + size


def _end(b: bytes, i: int) -> int:
    """Where the CBOR item starting at `i` ends."""
    major, n, j = _argument(b, i)
    if major in (2, 3):
        return j + n
    if major in (4, 5):
        for _ in range(n * (2 if major == 5 else 1)):
            j = _end(b, j)
    return j  # integers, simple values and floats end with their head


def _array(b: bytes, i: int, length: int | None) -> tuple[int, list[tuple[int, int]]]:
    """(offset after the head, (start, end) of each element) of the CBOR array at `i`."""
    major, n, j = _argument(b, i)
    if major != 4 or (length is not None and n != length):
        raise ValueError("unexpected Pagefind data")
    head, items = j, []
    for _ in range(n):
        items.append((j, _end(b, j)))
        j = items[-1][1]
    return head, items


def _pair_of_texts(b: bytes, i: int) -> tuple[str, str]:
    _, (first, second) = _array(b, i, 2)
    return _read_text(b, first[0]), _read_text(b, second[0])


def _read_text(b: bytes, i: int) -> str:
    major, n, j = _argument(b, i)
    if major != 3:
        raise ValueError("unexpected Pagefind data")
    return b[j : j + n].decode("utf-8")


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise ValueError("too long")


def _text(s: str) -> bytes:
    raw = s.encode("utf-8")
    return _head(3, len(raw)) + raw
