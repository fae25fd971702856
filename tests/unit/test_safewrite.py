"""`safewrite`: every file is created beside its target and renamed; links are never followed."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from notesite import safewrite
from notesite.safewrite import UnsafePath, write_file, write_files


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))


def test_writes_every_file_and_its_folders(tmp_path: Path) -> None:
    written = write_files(tmp_path / "out", {"b/c.txt": b"c", "a.txt": b"a", "b/d/e.txt": b"e"})
    assert written == [tmp_path / "out" / p for p in ("a.txt", "b/c.txt", "b/d/e.txt")]
    assert [(tmp_path / "out" / p).read_bytes() for p in ("a.txt", "b/c.txt", "b/d/e.txt")] == [
        b"a",
        b"c",
        b"e",
    ]
    assert leftovers(tmp_path) == []


def test_replacing_renames_a_new_file_over_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"old")
    reader = target.open("rb")  # someone reading the old file keeps reading the old file
    write_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert reader.read() == b"old"
    reader.close()


def test_never_replaces_when_asked_not_to(tmp_path: Path) -> None:
    target = tmp_path / "note.md"
    target.write_bytes(b"mine")
    with pytest.raises(FileExistsError):
        write_file(target, b"theirs", replace=False)
    assert target.read_bytes() == b"mine"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("replace", [True, False])
def test_a_link_to_a_file_outside_is_refused_and_the_file_untouched(
    tmp_path: Path, replace: bool
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"precious")
    base = tmp_path / "base"
    base.mkdir()
    (base / "page.html").symlink_to(outside)
    with pytest.raises(UnsafePath, match=r"page\.html is a symbolic link"):
        write_files(base, {"page.html": b"<h1>x</h1>"}, replace=replace)
    assert outside.read_bytes() == b"precious"
    assert (base / "page.html").is_symlink()


def test_a_dangling_link_is_refused_and_nothing_appears_where_it_points(tmp_path: Path) -> None:
    base = tmp_path / "base"
    base.mkdir()
    (base / "page.html").symlink_to(tmp_path / "planted.html")
    with pytest.raises(UnsafePath, match="symbolic link"):
        write_file(base / "page.html", b"x", base=base)
    assert not os.path.lexists(tmp_path / "planted.html")


def test_a_linked_folder_below_the_chosen_one_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    base = tmp_path / "repo"
    (base / "data" / "notes").mkdir(parents=True)
    (base / "data" / "notes" / "p-0001").symlink_to(elsewhere)
    with pytest.raises(UnsafePath) as refused:
        write_files(base, {"data/notes/p-0001/n.md": b"x", "data/a.md": b"a"})
    assert str(base / "data" / "notes" / "p-0001") in str(refused.value)
    assert list(elsewhere.iterdir()) == []
    assert not (base / "data" / "a.md").exists()  # refused before writing anything


def test_the_chosen_folder_itself_may_be_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "chosen").symlink_to(real)
    write_files(tmp_path / "chosen", {"s.json": b"{}"})
    assert (real / "s.json").read_bytes() == b"{}"


def test_a_link_swapped_in_after_the_check_is_still_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    base = tmp_path / "base"
    monkeypatch.setattr(safewrite, "_refuse_links", lambda *_: None)  # the race: check passed
    (base / "sub").parent.mkdir()
    (base / "sub").symlink_to(elsewhere)
    with pytest.raises(UnsafePath, match="symbolic link"):
        write_files(base, {"sub/x.txt": b"x"})
    assert list(elsewhere.iterdir()) == []


def test_a_file_where_a_folder_belongs(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"file")
    with pytest.raises(UnsafePath, match="a file, not a folder"):
        write_files(tmp_path, {"a/b.txt": b"x"})
    with pytest.raises(UnsafePath, match=r"cannot be made: .*a is a file, not a folder"):
        write_files(tmp_path / "a" / "deeper", {"b.txt": b"x"})


def test_a_failed_write_leaves_no_temporary_file_and_the_old_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"old")
    real = os.fdopen

    class Full:
        def __init__(self, fd: int, mode: str) -> None:
            self.fh = real(fd, mode)

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safewrite.os, "fdopen", Full)
    with pytest.raises(OSError) as failed:
        write_file(target, b"new")
    assert failed.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []
