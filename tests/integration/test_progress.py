"""`notesite build` tells a person at a terminal how it is going, and stays quiet elsewhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from notesite.build import build
from notesite.cli import main
from support import NOTE, TODAY, RepoFactory, note_text

STAGE = re.compile(r"^[A-Z][^\n]* in \d+\.\d s$")  # "Checked 10,183 notes in 3.1 s"
MAIN = ("Checked", "Rendered", "Wrote")  # every build has these; others (search) may come too


def main_stages(lines: list[str]) -> list[str]:
    return [line.split(" in ")[0] for line in lines if line.split()[0] in MAIN]


def test_build_reports_each_stage_to_the_progress_callback(
    tmp_repo: RepoFactory, tmp_path: Path
) -> None:
    lines: list[str] = []
    result = build(tmp_repo(), tmp_path / "site", TODAY, progress=lines.append)
    assert result.ok
    assert main_stages(lines) == [
        "Checked 1 note",
        f"Rendered {sum(1 for _ in (tmp_path / 'site').rglob('*.html'))} pages",
        f"Wrote {result.files} files",
    ]
    assert all(STAGE.match(line) for line in lines), lines


def test_a_refused_build_reports_only_the_check(tmp_repo: RepoFactory, tmp_path: Path) -> None:
    lines: list[str] = []
    root = tmp_repo(files={NOTE: note_text(tags=["nope"])})
    assert not build(root, tmp_path / "site", TODAY, progress=lines.append).ok
    assert len(lines) == 1 and lines[0].startswith("Checked ")


def test_no_progress_when_standard_error_is_not_a_terminal(
    tmp_repo: RepoFactory, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(
        main, ["build", "--root", str(tmp_repo()), "--out", str(out), "--today", "2026-11-22"]
    )
    assert result.exit_code == 0, result.output
    assert not [line for line in result.stderr.splitlines() if STAGE.match(line)]
    assert result.stdout.startswith("Built ")


def _build_on_a_terminal(root: Path, out: Path, env: dict[str, str]) -> tuple[str, str]:
    """Run `notesite build` with standard error on a pseudo-terminal: (stdout, stderr)."""
    import pty  # POSIX only

    primary, secondary = pty.openpty()
    args = ["build", "--root", str(root), "--out", str(out), "--today", TODAY.isoformat()]
    with subprocess.Popen(
        [sys.executable, "-m", "notesite", *args],
        stdout=subprocess.PIPE,
        stderr=secondary,
        env=env,
    ) as proc:
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the terminal closed: the process is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        stdout = proc.stdout.read().decode() if proc.stdout else ""
        assert proc.wait(timeout=60) == 0
    os.close(primary)
    return stdout, b"".join(chunks).decode().replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_stage_lines_on_a_terminal(tmp_repo: RepoFactory, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    stdout, stderr = _build_on_a_terminal(tmp_repo(), tmp_path / "site", env)
    lines = stderr.splitlines()
    assert [line.split()[0] for line in main_stages(lines)] == list(MAIN), stderr
    assert all(STAGE.match(line) for line in lines), lines
    assert stdout.startswith("Built ")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_no_stage_lines_in_ci_even_on_a_terminal(tmp_repo: RepoFactory, tmp_path: Path) -> None:
    env = {**os.environ, "CI": "true"}
    stdout, stderr = _build_on_a_terminal(tmp_repo(), tmp_path / "site", env)
    assert not [line for line in stderr.splitlines() if STAGE.match(line)], stderr
    assert stdout.startswith("Built ")
