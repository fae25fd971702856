"""The search index in the built site: Pagefind's bundle, one page per note, the same bytes
from the same notes, and a site that still builds (without search) when Pagefind cannot run."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from notesite.build import build
from notesite.derive.facts import derive
from notesite.render import search
from notesite.validate import check_repository
from site_program import TODAY, site_repository
from support import BASE_NOTE, make_repo

OFF = "Search is not available in this copy of the site"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site_repository(tmp_path_factory.mktemp("search") / "repo")


@pytest.fixture(scope="module")
def site(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("search-site") / "site"
    result = build(repo, out, TODAY)
    assert result.ok and result.search_problem is None, result.search_problem
    return out


def notes_in(repo: Path) -> int:
    return len(list((repo / "data" / "notes").rglob("*.md")))


def unpack(path: Path) -> bytes:
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(b"pagefind_dcd")
    return raw[len(b"pagefind_dcd") :]


def test_the_site_has_the_pagefind_bundle_and_an_index(repo: Path, site: Path) -> None:
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-worker.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    en = entry["languages"]["en"]
    assert en["page_count"] == notes_in(repo)  # one search page per note
    assert (bundle / f"pagefind.{en['hash']}.pf_meta").is_file()
    assert (bundle / f"wasm.{en['wasm']}.pagefind").is_file()
    assert list((bundle / "index").glob("*.pf_index"))
    assert len(list((bundle / "filter").glob("*.pf_filter"))) == 4  # pm, school, type, tag
    assert len(list((bundle / "fragment").glob("*.pf_fragment"))) == notes_in(repo)
    assert not list(bundle.glob("pagefind-*ui*")) and not list(bundle.glob("*highlight*"))


def test_each_fragment_links_a_note_on_its_pair_page(repo: Path, site: Path) -> None:
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        fragment = json.loads(unpack(path))
        url = fragment["meta"]["url"]
        page, anchor = url.split("#")
        assert (site / page).is_file(), url
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(f'<article class="note [^"]*" id="{anchor}"', html), url
        assert set(fragment["filters"]) == {"pm", "school", "type", "tag"}
        assert fragment["meta"]["title"] and fragment["meta"]["pair"] == page[6:-5]


def test_the_search_page_is_ready_and_carries_its_script(site: Path) -> None:
    html = (site / "search.html").read_text(encoding="utf-8")
    assert '<script src="assets/search.js" defer></script>' in html
    assert 'id="search-q"' in html and OFF not in html
    for name in ("pm", "school", "type", "tag"):
        assert f'<select id="search-{name}" name="{name}">' in html
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<form class="site-search" action="search.html" method="get"' in home
    pair = next((site / "pairs").glob("p-*.html")).read_text(encoding="utf-8")
    assert 'action="../search.html"' in pair


def test_filter_values_are_ordered_so_the_bytes_repeat(repo: Path) -> None:
    """Pagefind orders filter values by a hash map; `canonical` fixes the order and names."""
    checked = check_repository(repo, TODAY, render=True)
    recs = search.records(derive(checked.program, TODAY))
    assert search.index(recs) == search.index(recs)


def test_no_search_builds_the_site_without_the_index(repo: Path, tmp_path: Path) -> None:
    result = build(repo, tmp_path / "site", TODAY, search=False)
    assert result.ok and result.search_problem is None
    assert not (tmp_path / "site" / "pagefind").exists()
    html = (tmp_path / "site" / "search.html").read_text(encoding="utf-8")
    assert OFF in html and "search.js" not in html and "notesite build --no-search" in html


def _run_build(
    repo: Path, out: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    args = ["build", "--root", str(repo), "--out", str(out), "--today", TODAY.isoformat(), *extra]
    return subprocess.run(
        [sys.executable, "-m", "notesite", *args],
        env={**os.environ, "CI": "", **(env or {})},  # on a PM's computer unless told
        capture_output=True,
        text=True,
    )


def _cli_build(repo: Path, out: Path, *extra: str, env: dict[str, str] | None = None) -> str:
    done = _run_build(repo, out, *extra, env=env)
    assert done.returncode == 0, done.stderr
    assert "Built " in done.stdout
    return done.stderr


def test_in_ci_a_build_without_search_fails(repo: Path, tmp_path: Path) -> None:
    """CI must never publish a site without search by accident; --no-search is deliberate."""
    broken = {"PAGEFIND_BINARY_PATH": "/nonexistent/pagefind", "CI": "true"}
    done = _run_build(repo, tmp_path / "site", env=broken)
    assert done.returncode == 1
    assert "search could not be built" in done.stderr and "--no-search" in done.stderr
    assert _run_build(repo, tmp_path / "site2", "--no-search", env=broken).returncode == 0


@pytest.mark.parametrize(
    "binary", ["/nonexistent/pagefind", "/bin/false"], ids=["missing", "fails"]
)
def test_a_broken_pagefind_warns_and_still_builds(repo: Path, tmp_path: Path, binary: str) -> None:
    stderr = _cli_build(repo, tmp_path / "site", env={"PAGEFIND_BINARY_PATH": binary})
    assert "warning: built without search (Pagefind" in stderr, stderr
    assert OFF in (tmp_path / "site" / "search.html").read_text(encoding="utf-8")
    assert not (tmp_path / "site" / "pagefind").exists()
    assert (tmp_path / "site" / "index.html").is_file()


def test_the_no_search_option(repo: Path, tmp_path: Path) -> None:
    stderr = _cli_build(repo, tmp_path / "site", "--no-search")
    assert "built without search" not in stderr  # deliberate: nothing to warn about
    assert not (tmp_path / "site" / "pagefind").exists()


def test_a_program_with_no_notes_has_nothing_to_search(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {BASE_NOTE: None})
    result = build(root, tmp_path / "site", TODAY)
    assert result.ok and result.search_problem is None, [str(d) for d in result.diagnostics]
    html = (tmp_path / "site" / "search.html").read_text(encoding="utf-8")
    assert "There are no notes yet" in html and "search.js" not in html
    assert not (tmp_path / "site" / "pagefind").exists()


def _fake_pagefind(tmp_path: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    binary = tmp_path / "pagefind"
    binary.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    binary.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))


def test_what_pagefind_said_is_in_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_pagefind(tmp_path, "echo 'cannot map memory' >&2; exit 3", monkeypatch)
    with pytest.raises(search.SearchUnavailable, match="cannot map memory"):
        search.index([search.Record("a.html#x", "words", {"title": "x"}, {})] * 50)


def test_a_silent_pagefind_is_given_up_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_pagefind(tmp_path, "exec sleep 30", monkeypatch)
    monkeypatch.setattr(search, "SILENCE", 0.5)
    with pytest.raises(search.SearchUnavailable, match=r"said nothing for 0\.5 seconds"):
        search.index([search.Record("a.html#x", "words " * 1000, {"title": "x"}, {})] * 200)


def test_shards_are_bundles_merged_by_the_manifest(repo: Path) -> None:
    """Each shard is a whole Pagefind bundle of some pairs; together they hold every note once."""
    checked = check_repository(repo, TODAY, render=True)
    facts = derive(checked.program, TODAY)
    files = search.search_files(facts, shard_notes=4)
    merge = json.loads(files["pagefind/shards.json"])["merge"]
    assert merge == [f"shard-{n}" for n in range(1, len(merge) + 1)] and merge
    counts, pairs = [], []
    for folder in ["pagefind", *(f"pagefind/{m}" for m in merge)]:
        entry = json.loads(files[f"{folder}/pagefind-entry.json"])
        counts.append(entry["languages"]["en"]["page_count"])
        frags = [p for p in files if p.startswith(f"{folder}/fragment/")]
        pairs.append({json.loads(gzip.decompress(files[p])[12:])["meta"]["pair"] for p in frags})
    assert sum(counts) == notes_in(repo)
    assert all(not (a & b) for i, a in enumerate(pairs) for b in pairs[i + 1 :])  # a pair: 1 shard
    assert files == search.search_files(facts, shard_notes=4)  # same notes, same bytes


def test_a_changed_note_reindexes_only_its_shard(repo: Path) -> None:
    checked = check_repository(repo, TODAY, render=True)
    recs = search.records(derive(checked.program, TODAY))
    before = [search.shard_key(g) for g in search.shards(recs, 4)]
    changed = [
        recs[0].__class__(recs[0].url, recs[0].content + " edited", recs[0].meta, recs[0].filters),
        *recs[1:],
    ]
    after = [search.shard_key(g) for g in search.shards(changed, 4)]
    assert len(before) == len(after) > 1
    assert sum(a != b for a, b in zip(before, after, strict=True)) == 1


def test_a_shard_is_a_hash_of_its_pair_so_new_pairs_move_none(repo: Path) -> None:
    checked = check_repository(repo, TODAY, render=True)
    recs = search.records(derive(checked.program, TODAY))
    assert len(search.shards(recs, 1000)) == 1  # few notes: one shard, the layout as before
    size = len(recs) // 2 + 1  # two shards, with room for one more note
    new = search.Record("pairs/p-9999.html#x", "new", {**recs[0].meta, "pair": "p-9999"}, {})
    old_groups = search.shards(recs, size)
    new_groups = search.shards([*recs, new], size)
    assert len(old_groups) == len(new_groups) == 2
    moved = [[r for r in g if r is not new] for g in new_groups]
    assert sorted(map(len, moved)) == sorted(map(len, old_groups))
    assert sum(g != m for g, m in zip(old_groups, moved, strict=True)) == 0


def _indexing(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the shards Pagefind really indexes (the number of notes of each)."""
    calls: list[int] = []
    real = search.index

    def counted(recs: Any, scratch: Path | None = None) -> dict[str, bytes]:
        recs = list(recs)
        calls.append(len(recs))
        return real(recs, scratch)

    monkeypatch.setattr(search, "index", counted)
    return calls


def test_the_store_reuses_shards_across_builds_and_reindexes_one_after_an_edit(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = check_repository(repo, TODAY, render=True)
    facts = derive(checked.program, TODAY)
    kept = tmp_path / "cache" / "search"
    search._REUSED.clear()  # nothing from the tests before
    calls = _indexing(monkeypatch)
    first = search.search_files(facts, shard_notes=4, store=kept)
    shards = len(json.loads(first["pagefind/shards.json"])["merge"]) + 1
    assert len(calls) == shards > 1
    search._REUSED.clear()  # a separate build: nothing in memory, only the store
    calls.clear()
    assert search.search_files(facts, shard_notes=4, store=kept) == first
    assert calls == []  # every shard from the store
    # One note edited: its shard is indexed again, the others come from the store, and the
    # bytes are those of a build without any store.
    note = min(facts.program.notes, key=lambda n: n.id)
    edited = dataclasses.replace(note, text=note.text + "\n\nA quokka visited the library.")
    notes = [edited if n is note else n for n in facts.program.notes]
    facts2 = dataclasses.replace(facts, program=dataclasses.replace(facts.program, notes=notes))
    search._REUSED.clear()
    calls.clear()
    second = search.search_files(facts2, shard_notes=4, store=kept)
    assert len(calls) == 1
    search._REUSED.clear()
    assert second == search.search_files(facts2, shard_notes=4)  # no store: the same bytes
    assert len([n for n in os.listdir(kept) if not n.startswith(".")]) == shards  # pruned


def test_a_corrupt_stored_shard_is_indexed_again(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = check_repository(repo, TODAY, render=True)
    facts = derive(checked.program, TODAY)
    kept = tmp_path / "search"
    first = search.search_files(facts, shard_notes=4, store=kept)
    entry = sorted(kept.iterdir())[0]
    victim = sorted((entry / "fragment").iterdir())[0]
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))  # same size, one byte changed
    search._REUSED.clear()
    calls = _indexing(monkeypatch)
    assert search.search_files(facts, shard_notes=4, store=kept) == first
    assert len(calls) == 1  # that shard only, and its entry is good again
    search._REUSED.clear()
    calls.clear()
    assert search.search_files(facts, shard_notes=4, store=kept) == first and calls == []
