"""Docs that cannot drift: every command and option of the CLI is documented."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from notesite.cli import main

DOCS = Path(__file__).resolve().parents[2] / "docs" / "commands.md"
FENCE = re.compile(r"^(`{3,}).*?^\1$", re.MULTILINE | re.DOTALL)


def _prose() -> str:
    """docs/commands.md without its code blocks: an example's output may hold a line like
    `## notesite review` (review's Markdown), which is no heading of the page."""
    return FENCE.sub("", DOCS.read_text(encoding="utf-8"))


def _commands(group: click.Group, prefix: str = "notesite") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found += _commands(command, full)
        else:
            found.append((full, command))
    return found


COMMANDS = _commands(main)


def _section(text: str, heading: str) -> str:
    """The section under `## heading`, to the next heading outside a code block."""
    code = [m.span() for m in FENCE.finditer(text)]
    start = text.index(f"\n## {heading}\n")
    end = start
    while (end := text.find("\n## ", end + 1)) != -1:
        if not any(a <= end < b for a, b in code):
            break
    return text[start : end if end != -1 else len(text)]


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_and_option_is_documented(name: str, command: click.Command) -> None:
    assert f"\n## {name}\n" in _prose(), f"docs/commands.md has no section for `{name}`"
    text = DOCS.read_text(encoding="utf-8")
    section = _section(text, name)
    for param in command.params:
        if isinstance(param, click.Option):
            long = max(param.opts, key=len)
            assert long in section, f"`{name}` documents no `{long}`"
        else:
            word = (param.name or "").upper().removesuffix("S")
            assert word in section, f"`{name}` documents no {param.name}"


def test_docs_name_no_command_that_does_not_exist() -> None:
    headings = [line[3:].strip() for line in _prose().splitlines() if line.startswith("## ")]
    assert sorted(headings) == sorted({n for n, _ in COMMANDS}), "a command is missing or twice"


def test_an_example_heading_in_a_code_block_is_not_a_heading() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert text.count("\n## notesite review\n") == 2  # the section, and review's own output
    assert _prose().count("\n## notesite review\n") == 1
