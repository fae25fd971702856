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
