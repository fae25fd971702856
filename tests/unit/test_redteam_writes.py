"""Red team, class 2: the safe writer with the names and places people really give it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from notesite.safewrite import write_file


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("é" * 120 + ".html", id="accents-245-bytes"),
        pytest.param("報告" * 41 + ".html", id="cjk-251-bytes"),
        pytest.param("x" * 250 + ".html", id="ascii-255-bytes"),
        pytest.param(os.fsdecode(b"\xff" * 200 + b".html"), id="not-utf8-205-bytes"),
    ],
)
def test_a_long_name_the_file_system_allows_can_be_written(tmp_path: Path, name: str) -> None:
    """The temporary file beside the target took the first 200 characters of its name, up
    to 600 bytes for non-ASCII names: "the name is too long" for a name that is fine."""
    assert len(os.fsencode(name)) <= 255
    target = tmp_path / name
    write_file(target, b"text")
    assert target.read_bytes() == b"text"
    assert os.listdir(tmp_path) == [name]  # no temporary file left


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("s" * 250, id="ascii-250-bytes"),
        pytest.param("é" * 127, id="accents-254-bytes"),
    ],
)
def test_a_site_folder_with_a_long_name_gets_a_work_folder(tmp_path: Path, name: str) -> None:
    """`.notesite-<name>` beside a site whose name has 250 bytes has 260: the build failed
    with "the name is too long" about a folder the person never named."""
    from notesite.write import Output

    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    out = tmp_path / name
    with Output(out, root) as output:
        output.publish({"index.html": b"<!doctype html>"})
    assert (out / "index.html").read_bytes() == b"<!doctype html>"
    work = [p for p in tmp_path.iterdir() if p.name.startswith(".notesite-")]
    assert len(work) == 1 and len(os.fsencode(work[0].name)) <= 255
    with Output(out, root) as output:  # the same work folder again: one, not two
        output.publish({"index.html": b"again"})
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".notesite-")] == work


def test_two_new_notes_at_once_get_two_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`new note` found the first free name, then another `new note` (a colleague, a second
    terminal) took it before the write: the second ended in "it already exists", exit 1.
    It takes the next free name instead, and never overwrites."""
    from datetime import date

    import yaml

    import notesite.commands.new_note as scaffold
    from notesite.models import Pair
    from notesite.settings import Settings
    from support import BASE_FILES, PAIR

    pair = Pair.model_validate(yaml.safe_load(BASE_FILES[PAIR]))
    root = tmp_path / "repo"
    (root / "data" / "notes" / "p-0001").mkdir(parents=True)
    real = scaffold.write_file
    raced = []

    def racing(path: Path, data: bytes, **kwargs: object) -> None:
        if not raced:  # the other writer wins the first name
            raced.append(path)
            path.write_text("the colleague's note")
        real(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scaffold, "write_file", racing)
    day = date(2026, 11, 20)
    made = scaffold.new_note(root, pair, "support", "pm-a", day, day, Settings())
    assert raced[0].read_text() == "the colleague's note"
    assert made.path.name == "2026-11-20-support-2.md"
    assert made.path.read_text() == made.text


@pytest.mark.parametrize("made", [True, False], ids=["empty-folder", "new-folder"])
def test_an_init_stopped_half_way_leaves_the_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, made: bool
) -> None:
    """Ctrl+C or SIGTERM while `init` wrote its 20 files left some of them: running `init`
    again then said the folder "is not empty", and the person had to clean up by hand."""
    from datetime import date

    import notesite.commands.init as init
    import notesite.safewrite as safewrite

    target = tmp_path / "repo"
    if made:
        (target / ".git").mkdir(parents=True)  # a fresh clone: the folder counts as empty
    real = safewrite._put
    calls = []

    def interrupted(*args: object) -> None:
        calls.append(1)
        if len(calls) == 6:
            raise KeyboardInterrupt
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(safewrite, "_put", interrupted)
    source = init.Source("https://example.org/notesite.git", "0" * 40)
    with pytest.raises(KeyboardInterrupt):
        init.init_repository(target, date(2026, 11, 22), source=source, zone="UTC")
    assert len(calls) == 6  # five files had been written
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert left == (["repo", "repo/.git"] if made else [])
    monkeypatch.setattr(safewrite, "_put", real)
    init.init_repository(target, date(2026, 11, 22), source=source, zone="UTC")  # again: fine


def test_a_hard_link_or_a_pipe_at_the_target_is_replaced_not_written_through(
    tmp_path: Path,
) -> None:
    """A hard link to a file elsewhere, planted at the name a packet is written to, must not
    make notesite write into that file; a named pipe there must not block the write."""
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    linked = tmp_path / "out" / "handoff-pm-a.html"
    linked.parent.mkdir()
    os.link(precious, linked)
    pipe = tmp_path / "out" / "handoff-pm-a.css"
    os.mkfifo(pipe)
    from notesite.safewrite import write_files

    write_files(tmp_path / "out", {linked.name: b"<html>", pipe.name: b"css"})
    assert precious.read_text() == "keep me"
    assert linked.read_bytes() == b"<html>" and os.stat(linked).st_nlink == 1
    assert pipe.read_bytes() == b"css"
