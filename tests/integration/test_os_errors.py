"""Operating-system errors end in a plain message and an exit code, never a traceback.

The errors are injected (a full disk, a busy folder, permission denied...) where the command
meets the operating system; the command line turns each into a sentence in one place
(`notesite.cli.Main`).
"""

from __future__ import annotations

import errno
import os
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from notesite import safewrite, write
from notesite.build import build
from notesite.cli import main
from notesite.errors import describe
from support import TODAY, RepoFactory


def run(*args: str, today: bool = True) -> Result:
    result = CliRunner().invoke(main, [*args, *(["--today", TODAY.isoformat()] if today else [])])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result


def read_tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.fixture
def site(tmp_repo: RepoFactory, tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A repository with its site built: (root, out, the site's files)."""
    root, out = tmp_repo(), tmp_path / "site"
    assert build(root, out, TODAY, search=False).ok
    return root, out, read_tree(out)


def failing_after(calls: int, err: int) -> Callable[..., Any]:
    """An os.open that creates `calls` files, then fails with `err` (the disk fills up)."""
    real, count = os.open, [0]

    def fake(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT:
            count[0] += 1
            if count[0] > calls:
                raise OSError(err, os.strerror(err), os.fsdecode(path))
        return real(path, flags, *args, **kwargs)

    return fake


def built_cleanly(out: Path, before: dict[str, bytes]) -> None:
    assert read_tree(out) == before
    work = out.parent / f".notesite-{out.name}"
    assert sorted(p.name for p in work.iterdir()) == [".gitignore", "lock"]


@pytest.mark.parametrize(
    ("err", "said"),
    [
        (errno.ENOSPC, "the disk is full; free some space and try again"),
        (errno.EDQUOT, "the disk quota is used up"),
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EIO, "the disk reported an input/output error"),
    ],
)
def test_a_failed_site_write_says_why_and_keeps_the_old_site(
    site: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch, err: int, said: str
) -> None:
    root, out, before = site
    (root / "data/notes/p-0001/2026-11-02-mentor-call.md").write_text(
        (root / "data/notes/p-0001/2026-11-02-mentor-call.md").read_text().replace("Called", "Rang")
    )
    monkeypatch.setattr(write.os, "open", failing_after(4, err))  # the lock, then 3 files
    result = run("build", "--root", str(root), "--out", str(out), "--no-search")
    assert result.exit_code == 1, result.output
    assert f"Error: cannot write the site into {out}: {said}" in result.output
    assert "(the previous site was left as it was)" in result.output
    monkeypatch.undo()
    built_cleanly(out, before)


def test_a_busy_output_folder(
    site: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out, before = site

    def busy(a: Path, b: Path) -> None:
        raise OSError(errno.EBUSY, "Device or resource busy", str(a), None, str(b))

    monkeypatch.setattr(write, "exchange", busy)
    result = run("build", "--root", str(root), "--out", str(out), "--no-search")
    assert result.exit_code == 1
    assert "it is busy (used by another program, or a mount point)" in result.output
    built_cleanly(out, before)


def test_no_room_for_the_work_folder(
    site: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out, before = site

    def full(*args: Any, **kwargs: Any) -> str:
        raise OSError(errno.ENOSPC, "No space left on device", str(out.parent / ".notesite-x"))

    monkeypatch.setattr(write.tempfile, "mkdtemp", full)
    result = run("build", "--root", str(root), "--out", str(out))  # search: a scratch folder
    assert result.exit_code == 1
    assert ".notesite-x: the disk is full" in result.output
    monkeypatch.undo()
    built_cleanly(out, before)


def test_a_build_uses_no_temporary_folder(
    tmp_repo: RepoFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """So a full $TMPDIR cannot stop a build, and no note's text is left there."""
    empty = tmp_path / "tmpdir"
    empty.mkdir()
    monkeypatch.setenv("TMPDIR", str(empty))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    assert build(tmp_repo(), tmp_path / "site", TODAY).ok
    assert list(empty.iterdir()) == []


def test_an_error_in_the_temporary_folder_says_so() -> None:
    where = os.path.join(tempfile.gettempdir(), "notesite-review-x", "a")
    said = describe(OSError(errno.ENOSPC, "No space left on device", where))
    assert said == f"{where} (in the temporary folder, $TMPDIR): the disk is full; free some " + (
        "space and try again"
    )


def test_handoff_on_a_full_disk(
    tmp_repo: RepoFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = tmp_repo(), tmp_path / "packet.html"
    monkeypatch.setattr(safewrite.os, "open", failing_after(0, errno.ENOSPC))
    result = run("handoff", "pm-a", "--root", str(root), "--out", str(out))
    assert result.exit_code == 1
    assert f"Error: {out.with_suffix('.css')}: the disk is full" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [root.name]  # nothing half written


def test_new_note_without_permission(
    tmp_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_repo()
    monkeypatch.setattr(safewrite.os, "open", failing_after(0, errno.EACCES))
    result = run("new", "note", "p-0001", "--type", "support", "--root", str(root))
    assert result.exit_code == 1
    note = root / "data/notes/p-0001" / f"{TODAY}-support.md"
    assert f"Error: {note}: permission denied; check who may write there" in result.output
    assert not list((root / "data/notes/p-0001").glob(".*.tmp"))


def test_schema_below_a_file(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()  # a repository being started: --root must name one
    (tmp_path / "notes.txt").write_text("mine")
    out = tmp_path / "notes.txt" / "s"
    result = run("schema", "--root", str(tmp_path), "--out", str(out), today=False)
    assert result.exit_code == 1
    assert "notes.txt is a file, not a folder" in result.output


def test_handoff_below_a_file(tmp_repo: RepoFactory, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    out = tmp_path / "notes.txt" / "packet.html"
    result = run("handoff", "pm-a", "--root", str(tmp_repo()), "--out", str(out))
    assert result.exit_code == 1
    assert "notes.txt is a file, not a folder" in result.output


def test_any_command_reports_an_os_error_plainly(
    tmp_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import notesite.validate

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EIO, "Input/output error", "data/pairs")

    monkeypatch.setattr(notesite.validate, "check_repository", broken)
    result = run("tracker", "--root", str(tmp_repo()))
    assert result.exit_code == 1
    assert result.output == "Error: data/pairs: the disk reported an input/output error\n"


def test_serve_on_a_busy_port(tmp_repo: RepoFactory) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--root", str(tmp_repo()), "--port", str(port), "--no-search")
    assert result.exit_code == 2
    assert f"Error: port {port} is in use; try --port {port + 1}" in result.output


def test_serve_with_out_below_a_file(tmp_repo: RepoFactory, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    out = tmp_path / "notes.txt" / "site"
    result = run("serve", "--root", str(tmp_repo()), "--out", str(out), "--port", "0")
    assert result.exit_code == 2
    assert "notes.txt is a file, not a folder; choose another --out" in result.output
