"""Docs that cannot drift: every command and option of the CLI is documented."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from notesite.cli import main

DOCS = Path(__file__).resolve().parents[2] / "docs" / "commands.md"


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
    start = text.index(f"## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_and_option_is_documented(name: str, command: click.Command) -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert f"## {name}\n" in text, f"docs/commands.md has no section for `{name}`"
    section = _section(text, name)
    for param in command.params:
        if isinstance(param, click.Option):
            long = max(param.opts, key=len)
            assert long in section, f"`{name}` documents no `{long}`"
        else:
            word = (param.name or "").upper().removesuffix("S")
            assert word in section, f"`{name}` documents no {param.name}"


def test_docs_name_no_command_that_does_not_exist() -> None:
    text = DOCS.read_text(encoding="utf-8")
    documented = {line[3:].strip() for line in text.splitlines() if line.startswith("## ")}
    assert documented == {n for n, _ in COMMANDS}
