"""The search store keeps a shard's files under its key and gives them back only whole and
unaltered: anything else is a miss, so the build indexes that shard again."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from notesite.render import search_store as store

KEY = "ab" * 32
FILES = {
    "pagefind.js": b"js",
    "pagefind-entry.json": b"{}",
    "pagefind.en_0123456789.pf_meta": b"meta",
    "fragment/en_abc.pf_fragment": b"frag",
    "index/en_def.pf_index": b"index",
}


@pytest.fixture
def kept(tmp_path: Path) -> Path:
    assert store.save(tmp_path, KEY, FILES)
    return tmp_path


def test_what_is_saved_loads_back_the_same(kept: Path) -> None:
    assert store.load(kept, KEY) == FILES
    assert store.load(kept, "cd" * 32) is None  # another key: a miss
    assert not [n for n in os.listdir(kept) if n.startswith(".tmp-")]  # renamed, not left


def test_saving_again_keeps_the_entry(kept: Path) -> None:
    assert store.save(kept, KEY, FILES)
    assert store.load(kept, KEY) == FILES


@pytest.mark.parametrize(
    "damage",
    [
        "altered byte",
        "truncated",
        "missing file",
        "extra file",
        "no manifest",
        "manifest not json",
        "manifest of another key",
        "manifest of another version",
        "link instead of a file",
        "foreign name in manifest",
    ],
)
def test_a_damaged_entry_is_a_miss_and_is_replaced(kept: Path, damage: str) -> None:
    entry = kept / KEY
    manifest = json.loads((entry / store.MANIFEST).read_bytes())
    if damage == "altered byte":
        (entry / "index/en_def.pf_index").write_bytes(b"indeX")
    elif damage == "truncated":
        (entry / "index/en_def.pf_index").write_bytes(b"ind")
    elif damage == "missing file":
        (entry / "fragment/en_abc.pf_fragment").unlink()
    elif damage == "extra file":
        (entry / "fragment/en_xyz.pf_fragment").write_bytes(b"more")
    elif damage == "no manifest":
        (entry / store.MANIFEST).unlink()
    elif damage == "manifest not json":
        (entry / store.MANIFEST).write_bytes(b"{not json")
    elif damage in ("manifest of another key", "manifest of another version"):
        manifest["key" if "key" in damage else "version"] = "cd" * 32 if "key" in damage else 0
        (entry / store.MANIFEST).write_text(json.dumps(manifest))
    elif damage == "link instead of a file":
        target = kept / "elsewhere"
        target.write_bytes(b"js")
        (entry / "pagefind.js").unlink()
        (entry / "pagefind.js").symlink_to(target)
    elif damage == "foreign name in manifest":
        (entry / "evil.js").write_bytes(b"alert(1)")
        manifest["files"]["evil.js"] = {"sha256": store._sha256(b"alert(1)"), "size": 8}
        (entry / store.MANIFEST).write_text(json.dumps(manifest))
    assert store.load(kept, KEY) is None
    assert store.save(kept, KEY, FILES)  # the broken entry is replaced by a good one
    assert store.load(kept, KEY) == FILES


def test_names_outside_a_pagefind_bundle_are_not_kept(tmp_path: Path) -> None:
    assert not store.save(tmp_path, KEY, {**FILES, "../escape.js": b"x"})
    assert not store.save(tmp_path, "not-a-key", FILES)
    assert os.listdir(tmp_path) == [] or not any(p.name == KEY for p in tmp_path.iterdir())


def test_a_store_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_bytes(b"")
    assert not store.save(blocked, KEY, FILES)  # a file where the folder should be
    assert store.load(blocked, KEY) is None


def test_prune_keeps_the_named_entries_and_removes_the_rest(kept: Path) -> None:
    other = "cd" * 32
    store.save(kept, other, FILES)
    (kept / ".tmp-stale").mkdir()
    (kept / "someone-elses.txt").write_bytes(b"mine")
    store.prune(kept, [other])
    assert sorted(os.listdir(kept)) == [other, "someone-elses.txt"]
