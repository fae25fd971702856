"""Keeping unchanged files (write.py `Output.held` and `publish(keep=...)`): hard links to
the site's own files, and only while each file is the one recorded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from notesite.errors import NotesiteError
from notesite.write import Output


def _publish(out: Path, root: Path, files: dict[str, bytes], keep: dict | None = None) -> dict:  # type: ignore[type-arg]
    with Output(out, root) as output:
        ids = output.publish(files, keep)
    assert ".notesite-site" in ids  # the marker, always written
    return {rel: i for rel, i in ids.items() if rel != ".notesite-site"}


def test_a_kept_file_is_the_same_file_and_the_rest_are_new(tmp_path: Path) -> None:
    root, out = tmp_path / "repo", tmp_path / "site"
    root.mkdir()
    ids = _publish(out, root, {"a.html": b"A", "sub/b.html": b"B"})
    assert ids["a.html"][0] == os.stat(out / "a.html").st_ino
    with Output(out, root) as output:
        held = output.held({"a.html": ids["a.html"], "sub/b.html": ids["sub/b.html"]})
        assert held == {"a.html", "sub/b.html"}
        new = output.publish({"c.html": b"C"}, {"sub/b.html": ids["sub/b.html"]})
    assert sorted(p.name for p in out.iterdir()) == [".notesite-site", "c.html", "sub"]
    assert os.stat(out / "sub/b.html").st_ino == ids["sub/b.html"][0]  # linked, not written
    assert os.stat(out / "sub/b.html").st_nlink == 1  # the old site, which shared it, is gone
    assert new["sub/b.html"] == ids["sub/b.html"]


def test_a_file_changed_or_replaced_since_it_was_recorded_is_not_held(tmp_path: Path) -> None:
    root, out = tmp_path / "repo", tmp_path / "site"
    root.mkdir()
    ids = _publish(out, root, {"a.html": b"A", "b.html": b"B", "c.html": b"C", "d.html": b"D"})
    (out / "a.html").write_bytes(b"AA")  # in place
    (out / "b.html").unlink()
    (out / "b.html").write_bytes(b"B")  # a new file with the same bytes
    (out / "c.html").unlink()
    (out / "c.html").symlink_to(out / "d.html")
    with Output(out, root) as output:
        assert output.held({**ids, "../x": ids["d.html"], "/etc/passwd": ids["d.html"]}) == {
            "d.html"
        }


def test_a_file_changed_during_the_build_fails_it_and_leaves_the_site(tmp_path: Path) -> None:
    root, out = tmp_path / "repo", tmp_path / "site"
    root.mkdir()
    ids = _publish(out, root, {"a.html": b"A", "b.html": b"B"})
    with Output(out, root) as output:
        assert output.held(ids) == {"a.html", "b.html"}
        (out / "a.html").write_bytes(b"changed meanwhile")
        with pytest.raises(NotesiteError, match="previous site was left"):
            output.publish({"b.html": b"B2"}, {"a.html": ids["a.html"]})
    assert (out / "b.html").read_bytes() == b"B"
