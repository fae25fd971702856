"""Search shards kept between builds: each shard's Pagefind files under its `shard_key`.

`search_files(..., store=folder)` looks a shard up here before indexing it, and keeps what it
indexed, so a separate `notesite build` after one edited note re-indexes one shard. An entry
is a folder named by the key, holding the shard's files as plain files and `manifest.json`
(the sha256 and size of each). It is data, never code to run (no pickle), and it is checked
on every read: a missing, extra, renamed, truncated or altered file, a link, a name that is
not one of Pagefind's, or a manifest that does not parse makes the entry a miss, and the
shard is indexed again (and the entry rewritten). So what the store gives a build is always
byte for byte what indexing would have given it.

An entry is written into a new temporary folder beside the others (each file created with
O_EXCL through `safewrite`), then renamed onto its key in one step: a reader sees a whole
entry or none, and a build stopped half way leaves only a temporary folder, removed by the
next `prune`. Failing to write (a full disk, a read-only folder) is not an error: the build
has its index, it just has to index again next time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from notesite.safewrite import write_files

MANIFEST = "manifest.json"
VERSION = 1  # of the entry layout; an entry of another version is a miss
_KEY = re.compile(r"[0-9a-f]{64}")
_TMP = ".tmp-"
# The files of a Pagefind bundle that `index` keeps (render/search.py), and nothing else: a
# stored name outside these is not trusted into the site.
_NAME = re.compile(
    r"(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.[a-z0-9_-]+\.pagefind"
    r"|pagefind\.[a-z0-9_-]+\.pf_meta"
    r"|(fragment|index|filter)/[A-Za-z0-9_-]+\.pf_(fragment|index|filter))"
)
_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def load(store: Path, key: str) -> dict[str, bytes] | None:
    """The shard's files kept under `key`, or None when there is no whole, intact entry."""
    if not _KEY.fullmatch(key):
        return None
    entry = store / key
    try:
        manifest = json.loads(_read(entry / MANIFEST))
        if not isinstance(manifest, dict) or manifest.get("version") != VERSION:
            return None
        if manifest.get("key") != key or not isinstance(manifest.get("files"), dict):
            return None
        listed: dict[str, object] = manifest["files"]
        if not listed or set(_present(entry)) != {*listed, MANIFEST}:
            return None  # a file missing or one too many
        files: dict[str, bytes] = {}
        for path, about in sorted(listed.items()):
            if not _NAME.fullmatch(path) or not isinstance(about, dict):
                return None
            data = _read(entry / path)
            if about.get("size") != len(data) or about.get("sha256") != _sha256(data):
                return None
            files[path] = data
        return files
    except (OSError, ValueError, UnicodeDecodeError):  # ValueError: JSON that does not parse
        return None


def save(store: Path, key: str, files: Mapping[str, bytes]) -> bool:
    """Keep the shard's files under `key`; False (and nothing half written) when it cannot."""
    if not _KEY.fullmatch(key) or not all(_NAME.fullmatch(p) for p in files):
        return False
    manifest = {
        "version": VERSION,
        "key": key,
        "files": {p: {"sha256": _sha256(d), "size": len(d)} for p, d in sorted(files.items())},
    }
    body = (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()
    tmp = store / f"{_TMP}{secrets.token_hex(8)}"
    try:
        store.mkdir(parents=True, exist_ok=True)
        write_files(tmp, {**files, MANIFEST: body}, replace=False)
        try:
            os.rename(tmp, store / key)
        except OSError:  # an entry already there (another build kept it first), or no room
            if load(store, key) is None:  # a broken one: replace it
                _remove(store / key)
                os.rename(tmp, store / key)
        return True
    except OSError:
        return False
    finally:
        _remove(tmp)


def prune(store: Path, keep: Iterable[str]) -> None:
    """Remove the entries not in `keep` and any temporary folder: the store holds one build's
    shards. Only names this module writes are touched."""
    keep = set(keep)
    try:
        names = os.listdir(store)
    except OSError:
        return
    for name in names:
        if (_KEY.fullmatch(name) and name not in keep) or name.startswith(_TMP):
            _remove(store / name)


def _present(entry: Path) -> list[str]:
    """Every file below `entry`, by POSIX path; a link or anything but files and folders is
    reported as such a name that matches no manifest."""
    out = []
    for folder, dirs, names in os.walk(entry, followlinks=False):
        rel = Path(folder).relative_to(entry)
        for name in [*names, *(d for d in dirs if os.path.islink(os.path.join(folder, d)))]:
            path = (rel / name).as_posix()
            full = os.path.join(folder, name)
            plain = os.path.isfile(full) and not os.path.islink(full)
            out.append(path if plain else f"{path}\0")
    return out


def _read(path: Path) -> bytes:
    fd = os.open(path, _READ)  # a link at the file itself is refused (ELOOP)
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        if path.is_symlink():
            path.unlink()
        else:
            shutil.rmtree(path)
