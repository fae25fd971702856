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
