"""Docs that stay true: the example outputs of README.md and docs/commands.md are written by
real runs on the demo program (tools/cogdocs.py, `make cog`) and checked by `make lint`
(`cog --check`). Here: no example is written by hand outside a cog block, and the site's
JSON excerpt is the golden file's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COGGED = ["README.md", "docs/commands.md"]
COG_BLOCK = re.compile(r"\[\[\[cog.*?\[\[\[end\]\]\]", re.S)
RUN = re.compile(r"^ *`{3,}\w*\n *\$ (\S*notesite .*)$", re.M)


@pytest.mark.parametrize("doc", COGGED)
def test_every_example_run_is_generated(doc: str) -> None:
    text = (ROOT / doc).read_text(encoding="utf-8")
    assert COG_BLOCK.search(text), f"{doc} has no generated example"
    by_hand = RUN.findall(COG_BLOCK.sub("", text))
    assert not by_hand, f"{doc}: write these examples as cog blocks (see tools/cogdocs.py)"


def test_the_participation_json_excerpt_is_real() -> None:
    text = (ROOT / "docs" / "site.md").read_text(encoding="utf-8")
    shown = json.loads(
        text.split("<!-- api: participation.json -->\n```json\n", 1)[1].split("```")[0]
    )
    golden = json.loads((ROOT / "tests/golden/demo-api/participation.json").read_text())
    assert shown["date"] == golden["date"]
    assert shown["escalations"] == golden["escalations"]
    assert shown["reminders"] == golden["reminders"][: len(shown["reminders"])]
