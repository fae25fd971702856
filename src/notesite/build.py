"""The whole pipeline, readable top to bottom: load+validate → derive → render → write."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from notesite import collector
from notesite.derive.facts import Facts, derive
from notesite.diagnostics import Diagnostic
from notesite.render import site_files
from notesite.render.search import SearchUnavailable, search_files
from notesite.text import noun
from notesite.validate import NoteCache, check_repository
from notesite.validate.cache import SiteEntry
from notesite.write import FileId, Output, site_folder

Progress = Callable[[str], None]  # receives one short line per finished stage
CACHE_FOLDER = ".notesite-cache"


def default_cache(out: Path) -> Path:
    """Where `build` keeps its cache unless told: `.notesite-cache/` beside the site folder."""
    return site_folder(out).parent / CACHE_FOLDER


@dataclass(frozen=True)
class BuildResult:
    diagnostics: list[Diagnostic]
    errors: int
    files: int  # files written; 0 when the build was refused
    search_problem: str | None = None  # why the site was built without search, if it was
    cache_problem: str | None = None  # why the cache could not be kept, if so (costs time only)
    # What the site was made from (serve's early pages start from it)
    facts: Facts | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.files > 0


def build(
    root: Path,
    out: Path,
    today: date,
    *,
    strict: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    search: bool | Mapping[str, bytes] = True,
    cache: NoteCache | None = None,
) -> BuildResult:
    """Build the site; refuse (writing nothing) when the repository has errors.

    `progress`, when given, is told each stage and its time ("Checked 10,183 notes in 3.1 s").
    `search`: index the notes for search.html. When Pagefind cannot run, the site is built
    without search and `search_problem` says why. `cache` carries each note's result from
    one build to the next (in memory for `serve`, in a folder for `build --cache`), so only
    changed notes are parsed again; see validate/cache.py. With a cache folder, unchanged
    search shards are kept in its `search/` folder too (render/search_store.py).
    `search` may also be search files made before (serve's background indexer): they are
    published as they are, so serve shows changed pages before search is indexed again.
    """
    stage = _Stages(progress)
    with (
        collector.paused(),
        Output(out, root) as output,
    ):  # locked: a second build of `out` stops with a message
        checked = check_repository(root, today, render=True, jobs=jobs, cache=cache)
        stage.done(f"Checked {_count(len(checked.program.notes), 'note')}")
        if cache is not None:
            cache.save()
        kept = cache.problem if cache is not None else None
        if checked.errors or (strict and checked.warnings):
            return BuildResult(checked.diagnostics, checked.errors, 0, cache_problem=kept)
        facts = derive(checked.program, today)
        if isinstance(search, bool):
            store = _search_store(cache)
            index, problem = _search(facts, output.scratch(), store) if search else ({}, None)
        else:
            index, problem = dict(search), None
        if search is True:
            notes = _count(len(facts.program.notes), "note")
            stage.done("Search index failed" if problem else f"Indexed {notes} for search")
        record = cache.site_record(output.target) if cache is not None else None
        held = _held(output, record)
        known = {rel: record[rel][0] for rel in held} if record is not None else None
        tokens = cache.note_tokens() if cache is not None else None
        made = site_files(facts, jobs=jobs, search=bool(index), known=known, tokens=tokens)
        files = {**made.files, **index}
        pages = sum(1 for f in files if f.endswith(".html"))
        stage.done(f"Rendered {_count(pages, 'page')}" + _kept(made.unchanged, "page"))
        keep, hashes = _unchanged(files, made.unchanged, record, held)
        new = {rel: content for rel, content in files.items() if rel not in keep}
        ids = output.publish(new, keep)
        stage.done(f"Wrote {_count(len(new), 'file')}" + _kept(keep, "file"))
        if cache is not None:
            entries = {rel: (made.digests.get(rel, ""), hashes[rel], ids[rel]) for rel in hashes}
            cache.keep_site(output.target, entries)
            kept = cache.problem
    return BuildResult(checked.diagnostics, 0, len(hashes), problem, kept, facts)


def _held(output: Output, record: dict[str, SiteEntry] | None) -> set[str]:
    """The files of the site now that are still as the last build recorded them."""
    if not record:
        return set()
    return output.held({rel: entry[2] for rel, entry in record.items()})


def _unchanged(
    files: dict[str, bytes],
    pages: frozenset[str],
    record: dict[str, SiteEntry] | None,
    held: set[str],
) -> tuple[dict[str, FileId], dict[str, str]]:
    """The files to keep from the site now (by their ids), and every file's hash: the pages
    not rendered again, and files rendered again to the same bytes."""
    hashes = {rel: _hash(content) for rel, content in files.items()}
    keep: dict[str, FileId] = {}
    if record is None:
        return keep, hashes
    for rel in pages:
        hashes[rel] = record[rel][1]
    for rel in held:
        if rel in pages or hashes.get(rel) == record[rel][1]:
            keep[rel] = record[rel][2]
    return keep, hashes


def _hash(content: bytes) -> str:
    return hashlib.blake2b(content, digest_size=16).hexdigest()


def _kept(paths: Collection[str], word: str) -> str:
    return f" ({_count(len(paths), word)} unchanged)" if paths else ""


def _search_store(cache: NoteCache | None) -> Path | None:
    """Where unchanged search shards are kept between builds: inside the build cache's folder."""
    folder = cache.folder if cache is not None else None
    return folder / "search" if folder is not None else None


def _search(
    facts: Facts, scratch: Path, store: Path | None = None
) -> tuple[dict[str, bytes], str | None]:
    """The search index's files, or none and why (a site without search beats no site)."""
    try:
        return search_files(facts, scratch, store=store), None
    except SearchUnavailable as exc:
        return {}, str(exc)


class _Stages:
    """Times the stages of a build for `progress`; does nothing without one."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.started = time.perf_counter()

    def done(self, what: str) -> None:
        now = time.perf_counter()
        if self.progress is not None:
            self.progress(f"{what} in {now - self.started:.1f} s")
        self.started = now


def _count(n: int, word: str) -> str:
    return f"{n:,} {noun(n, word)}"
