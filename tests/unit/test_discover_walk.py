"""discover's walk lists what os.walk lists, and tells links by the directory entry."""

from __future__ import annotations

import os
from pathlib import Path

from notesite.load.files import _walk


def _tree(root: Path) -> None:
    for rel in ["a/b/c.md", "a/d.yaml", "e/f/g.md", ".hidden/x.md", "top.txt"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x\n", encoding="utf-8")
    (root / "a" / "to-folder").symlink_to(root / "e")
    (root / "a" / "to-file.md").symlink_to(root / "a" / "d.yaml")
    (root / "a" / "dangling.md").symlink_to(root / "nowhere")


def test_the_walk_matches_os_walk_and_never_descends_into_a_link(tmp_path: Path) -> None:
    _tree(tmp_path)
    expected = []
    for folder, dirnames, filenames in os.walk(tmp_path):
        dirnames.sort()
        links = {n for n in dirnames + filenames if os.path.islink(os.path.join(folder, n))}
        expected.append((folder, sorted(dirnames), sorted(filenames), links))
    found = []
    for folder, dirnames, filenames, links in _walk(str(tmp_path), lambda exc: None):
        dirnames.sort()
        found.append((folder, sorted(dirnames), sorted(filenames), links))
    assert sorted(found) == sorted(expected)
    a = next(f for f in found if f[0].endswith("/a"))
    assert a[3] == {"to-folder", "to-file.md", "dangling.md"} and "to-folder" in a[1]
    assert not any("to-folder" in f[0] for f in found)  # a link is listed, never walked


def test_a_folder_that_cannot_be_read_is_told_and_skipped(tmp_path: Path) -> None:
    told: list[OSError] = []
    assert list(_walk(str(tmp_path / "missing"), told.append)) == []
    assert told and told[0].filename == str(tmp_path / "missing")
