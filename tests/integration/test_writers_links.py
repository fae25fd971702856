"""Every command that writes files for people refuses a symbolic link planted where it writes.

`handoff`, `schema`, `new note`, `init` and `demo` each get a link to a file outside, a dangling
link and (where they write below a folder) a linked folder. Each must end with a plain message
naming the link and exit 1, write nothing through it, and leave no temporary file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from notesite.cli import main
from support import TODAY, RepoFactory

PRECIOUS = b"someone's file: must not change\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, [*args])


def refused(result: Result, link: Path) -> None:
    """A plain refusal naming the link: exit 1, no traceback."""
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    assert "Traceback" not in result.output
    assert f"{link} is a symbolic link" in result.output


def no_temporary_files(*folders: Path) -> None:
    for folder in folders:
        assert not [p for p in folder.rglob("*.tmp")], list(folder.rglob("*.tmp"))


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "victim.txt"
    path.parent.mkdir()
    path.write_bytes(PRECIOUS)
    return path


def plant(link: Path, kind: str, outside: Path) -> Path:
    """A link at `link`: to the outside file, or to a file that does not exist."""
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside if kind == "to-a-file" else outside.parent / "missing.txt")
    return link


KINDS = ["to-a-file", "dangling"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("which", ["page", "stylesheet"])
def test_handoff(
    tmp_repo: RepoFactory, tmp_path: Path, outside: Path, kind: str, which: str
) -> None:
    root, out = tmp_repo(), tmp_path / "packets"
    link = plant(out / f"handoff-pm-a.{'html' if which == 'page' else 'css'}", kind, outside)
    result = run("handoff", "pm-a", "--root", str(root), "--today", TODAY.isoformat(), "--out",
                 str(out / "handoff-pm-a.html"))  # fmt: skip
    refused(result, link)
    assert outside.read_bytes() == PRECIOUS
    assert not (outside.parent / "missing.txt").exists()
    assert sorted(p.name for p in out.iterdir()) == [link.name]  # the other file not written
    no_temporary_files(out)


@pytest.mark.parametrize("kind", KINDS)
def test_schema(tmp_repo: RepoFactory, tmp_path: Path, outside: Path, kind: str) -> None:
    root, out = tmp_repo(), tmp_path / "schemas"
    link = plant(out / "note.schema.json", kind, outside)
    result = run("schema", "--root", str(root), "--out", str(out))
    refused(result, link)
    assert outside.read_bytes() == PRECIOUS
    assert not (outside.parent / "missing.txt").exists()
    assert sorted(p.name for p in out.iterdir()) == ["note.schema.json"]
    no_temporary_files(out)


def new_note(root: Path) -> Result:
    return run("new", "note", "p-0001", "--type", "support", "--no-interactive", "--root",
               str(root), "--today", TODAY.isoformat())  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_new_note_at_a_link(tmp_repo: RepoFactory, outside: Path, kind: str) -> None:
    root = tmp_repo()
    link = plant(root / "data/notes/p-0001" / f"{TODAY}-support.md", kind, outside)
    result = new_note(root)
    refused(result, link)
    assert outside.read_bytes() == PRECIOUS
    assert not (outside.parent / "missing.txt").exists()
    assert not (root / "data/notes/p-0001" / f"{TODAY}-support-2.md").exists()
    no_temporary_files(root)


def test_new_note_in_a_linked_notes_folder(tmp_repo: RepoFactory, tmp_path: Path) -> None:
    root = tmp_repo({"data/notes/p-0001/2026-11-02-mentor-call.md": None})
    folder = root / "data/notes/p-0001"
    folder.rmdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder.symlink_to(elsewhere)
    refused(new_note(root), folder)
    assert list(elsewhere.iterdir()) == []


def test_new_note_still_writes_normally(tmp_repo: RepoFactory) -> None:
    root = tmp_repo()
    result = new_note(root)
    assert result.exit_code == 0, result.output
    assert (root / "data/notes/p-0001" / f"{TODAY}-support.md").is_file()
    no_temporary_files(root)


def test_init_into_a_dangling_link(tmp_path: Path) -> None:
    link = tmp_path / "program"
    link.symlink_to(tmp_path / "nowhere")
    result = run("init", str(link), "--today", TODAY.isoformat())
    assert result.exit_code in (1, 2), result.output
    assert "symbolic link" in result.output and "Traceback" not in result.output
    assert not os.path.lexists(tmp_path / "nowhere")


def test_init_into_a_linked_folder_writes_there(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "program").symlink_to(real)  # the folder the person chose: allowed
    result = run("init", str(tmp_path / "program"), "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert (real / "data" / "staff.yaml").is_file()
    no_temporary_files(real)


def test_demo_through_a_linked_data_folder(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "demo", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "data").symlink_to(elsewhere)
    result = run("demo", str(out), "--pairs", "2")
    refused(result, out / "data")
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("kind", KINDS)
def test_demo_settings_file_is_a_link(tmp_path: Path, outside: Path, kind: str) -> None:
    out = tmp_path / "demo"
    link = plant(out / "notesite.yaml", kind, outside)
    refused(run("demo", str(out), "--pairs", "2"), link)
    assert outside.read_bytes() == PRECIOUS
    assert not (out / "data").exists()
