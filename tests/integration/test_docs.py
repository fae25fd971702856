"""Docs that cannot drift: docs/rules.md documents exactly the codes of the registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from notesite.codes import CODES

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "docs" / "rules.md"
HEADING = re.compile(r"^## (NS\d{3}) ([a-z0-9-]+)$", re.MULTILINE)


def sections() -> dict[str, tuple[str, str]]:
    """code -> (name, the section's text), in the order of the document."""
    text = RULES.read_text(encoding="utf-8")
    found = list(HEADING.finditer(text))
    out = {}
    for m, end in zip(found, [*found[1:], None], strict=True):
        assert m.group(1) not in out, f"{m.group(1)} is documented twice"
        out[m.group(1)] = (m.group(2), text[m.end() : end.start() if end else len(text)])
    return out


def test_every_code_is_documented_in_order() -> None:
    assert list(sections()) == list(CODES)


@pytest.mark.parametrize("code", list(CODES))
def test_each_section_matches_the_registry(code: str) -> None:
    documented = sections()
    assert code in documented, f"{code} is missing from docs/rules.md"
    name, body = documented[code]
    entry = CODES[code]
    assert name == entry.name
    first = body.strip().splitlines()[0]
    assert first.startswith(f"**{entry.severity.value.title()}** · "), first
    assert "Fix:" in body
    assert "Before" in body and "After" in body and body.count("```") >= 4


def test_docs_mention_only_codes_that_exist() -> None:
    texts = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
    for path in texts:
        if path.exists():
            mentioned = set(re.findall(r"\bNS\d{3}\b", path.read_text(encoding="utf-8")))
            assert sorted(mentioned - set(CODES)) == [], path.name
