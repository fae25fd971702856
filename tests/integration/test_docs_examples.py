"""Docs that stay true: each example marked `<!-- example: notesite ... -->` in docs/*.md and
the README is run on the demo program, and its output must be what the docs show.

`<!-- example (first lines): ... -->` compares the lines shown before a final `...`.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from notesite.cli import main

ROOT = Path(__file__).resolve().parents[2]
MARKER = re.compile(r"<!-- example( \(first lines\))?: (notesite [^>]+?) -->\n```\n(.*?)```", re.S)


def examples() -> list[tuple[str, bool, str, str]]:
    found = []
    for path in [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]:
        for m in MARKER.finditer(path.read_text(encoding="utf-8")):
            found.append((path.name, bool(m.group(1)), m.group(2), m.group(3)))
    return found


EXAMPLES = examples()


def test_there_are_examples() -> None:
    assert {n for n, _, _, _ in EXAMPLES} >= {"commands.md"}


@pytest.mark.parametrize(
    ("doc", "prefix", "command", "shown"), EXAMPLES, ids=[f"{e[0]}: {e[2]}" for e in EXAMPLES]
)
def test_example_output_is_real(
    doc: str,
    prefix: bool,
    command: str,
    shown: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, _, expected = shown.partition("\n")
    assert first == f"$ {command}", f"{doc}: the block should start with `$ {command}`"
    monkeypatch.chdir(tmp_path)  # files an example writes go here
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(main, [*args, "--root", str(ROOT)])
    assert result.exit_code == 0, result.output
    if prefix:
        assert expected.endswith("...\n")
        expected = expected.removesuffix("...\n")
        assert result.output.startswith(expected), result.output
    else:
        assert result.output == expected
