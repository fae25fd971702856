"""Docs that stay true: each example marked `<!-- example: notesite ... -->` in docs/*.md and
the README is run on the demo program, and its output must be what the docs show.

`<!-- example (first lines): ... -->` compares the lines shown before a final `...`.
"""

from __future__ import annotations

import html
import json
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


REPORT = re.compile(r"<!-- report: ([a-z0-9-]+) (\d{4}-\d{2}) -->\n```\n(.*?)```", re.S)


def _figures(page: str) -> str:
    """The report page's heading and figures, as docs/commands.md shows them."""
    words = lambda part: " ".join(html.unescape(re.sub(r"<[^>]+>", " ", part)).split())  # noqa: E731
    title = words(page.split("<h1>", 1)[1].split("</h1>", 1)[0])
    figures = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page)
    by = {dt: dd for dt, dd in figures}
    classes = words(page.split('<p class="note">', 1)[1].split("</p>", 1)[0])
    held = classes.removeprefix("Classes held: ").rstrip(".").split(";")[0]
    lines = [title, f"Active pairs {words(by['Active pairs'])} · Classes held "
             f"{words(by['Classes held'])} ({held})"]  # fmt: skip
    for who in ("Mentee", "Mentor"):
        value, change = words(by[f"{who} completion"]).split(" ", 1)
        month, rest = change.split(": ", 1)
        rate, points = rest.split(" (", 1)
        lines.append(f"{who} completion {value} ({month}: {rate}, {points}")
    return "\n".join(lines) + "\n"


def test_the_school_report_excerpt_is_real(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    [(school, month, shown)] = REPORT.findall(text)
    result = CliRunner().invoke(
        main,
        ["report", "schools", "--root", str(ROOT), "--month", month, "--out", str(tmp_path),
         "--today", "2026-11-22"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    page = (tmp_path / f"{school}-{month}.html").read_text(encoding="utf-8")
    rows = (tmp_path / f"{school}-{month}.csv").read_text(encoding="utf-8").splitlines()
    assert shown == _figures(page) + "\n" + "\n".join([rows[0], rows[1], rows[-1]]) + "\n"


def test_the_participation_json_excerpt_is_real() -> None:
    text = (ROOT / "docs" / "site.md").read_text(encoding="utf-8")
    shown = json.loads(
        text.split("<!-- api: participation.json -->\n```json\n", 1)[1].split("```")[0]
    )
    golden = json.loads((ROOT / "tests/golden/demo-api/participation.json").read_text())
    assert shown["date"] == golden["date"]
    assert shown["escalations"] == golden["escalations"]
    assert shown["reminders"] == golden["reminders"][: len(shown["reminders"])]
