"""docs/formats.md documents every key of notesite.yaml: a new setting fails here until it is."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from notesite.settings import Settings

FORMATS = Path(__file__).parents[2] / "docs" / "formats.md"


def _settings_table() -> str:
    text = FORMATS.read_text(encoding="utf-8")
    start = text.index("## `notesite.yaml`")
    return text[start : text.index("\n## ", start + 1)]


def _keys(model: type[BaseModel], prefix: str = "") -> list[tuple[str, list[str]]]:
    """Each key with the dotted keys of its fields when it is a group of settings."""
    out = []
    for name, field in model.model_fields.items():
        key = prefix + (field.alias or name)
        sub = field.annotation
        nested = isinstance(sub, type) and issubclass(sub, BaseModel)
        out.append((key, [f"{key}.{k}" for k, _ in _keys(sub)] if nested else []))  # type: ignore[arg-type]
    return out


def test_every_settings_key_is_in_the_formats_table() -> None:
    table = _settings_table()
    missing = [
        key
        for key, parts in _keys(Settings)
        if f"`{key}`" not in table and not (parts and all(f"`{p}`" in table for p in parts))
    ]
    assert not missing, f"docs/formats.md's settings table lacks: {missing}"
