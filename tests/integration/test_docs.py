"""Docs that cannot drift: docs/rules.md documents exactly the codes of the registry, and
docs/formats.md every setting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from notesite.codes import CODES
from notesite.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "docs" / "rules.md"
FORMATS = ROOT / "docs" / "formats.md"
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


WHOLE = {"rubric"}  # documented as a whole, by its example


def _settings_keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every setting as written in notesite.yaml: `tracker.watch_after_days` (not `tracker`
    alone), and for a list of records empty by default (`touch_points`), the keys of its
    records (`with`)."""
    keys = []
    for name, field in model.model_fields.items():
        key = prefix + (field.alias or name)
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and key not in WHOLE:
            keys += _settings_keys(annotation, key + ".")  # a group of settings
            continue
        keys.append(key)
        for arg in getattr(annotation, "__args__", ()):
            if isinstance(arg, type) and issubclass(arg, BaseModel) and field.default == ():
                keys += [f.alias or n for n, f in arg.model_fields.items()]
    return keys


def _settings_section() -> str:
    """docs/formats.md's section on notesite.yaml, where every setting is explained."""
    text = FORMATS.read_text(encoding="utf-8")
    start = text.index("## `notesite.yaml`")
    return text[start : text.index("\n## ", start + 1)]


@pytest.mark.parametrize("key", _settings_keys(Settings))
def test_every_setting_is_documented_in_formats_md(key: str) -> None:
    assert f"`{key}`" in _settings_section(), (
        f"docs/formats.md's notesite.yaml section has no `{key}`"
    )
