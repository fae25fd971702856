"""`notesite schema`: JSON Schemas from the validator's own models accept valid files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml
from click.testing import CliRunner

from notesite.cli import main
from support import BASE_NOTE, PAIR, STAFF, RepoFactory
from support import CALENDAR as SUPPORT_CALENDAR


def _schemas(root: Path, out: Path) -> dict[str, dict[str, object]]:
    result = CliRunner().invoke(main, ["schema", "--root", str(root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return {
        p.name.removesuffix(".schema.json"): json.loads(p.read_text())
        for p in out.glob("*.schema.json")
    }


def _front(text: str) -> object:
    return yaml.safe_load(text.split("---\n")[1])


def _check(schema: dict[str, object], data: object) -> None:
    # YAML gives dates as date objects; JSON Schema sees them as strings.
    jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)


def test_schemas_accept_valid_files_and_reject_a_typo(
    tmp_repo: RepoFactory, tmp_path: Path
) -> None:
    root = tmp_repo()
    schemas = _schemas(root, tmp_path / "schemas")
    assert set(schemas) == {"note", "pair", "staff", "rating", "focus", "settings", "calendar"}
    _check(schemas["pair"], yaml.safe_load((root / PAIR).read_text()))
    _check(schemas["staff"], yaml.safe_load((root / STAFF).read_text()))
    front = _front((root / BASE_NOTE).read_text())
    _check(schemas["note"], front)
    assert isinstance(front, dict)
    for bad in ({**front, "tags": ["mentor-touchpoint"]}, {**front, "minuts": 3}):
        try:
            _check(schemas["note"], bad)
        except jsonschema.ValidationError:
            continue
        raise AssertionError(f"the note schema accepted {bad}")


def test_note_schema_lists_the_programs_own_tags(tmp_repo: RepoFactory, tmp_path: Path) -> None:
    root = tmp_repo({"notesite.yaml": "tags:\n  - {slug: wellbeing, label: Wellbeing}\n"})
    note = _schemas(root, tmp_path / "s")["note"]
    properties = note["properties"]
    assert isinstance(properties, dict)
    assert properties["tags"]["items"]["enum"] == ["Wellbeing", "wellbeing"]


CALENDAR = SUPPORT_CALENDAR + "    extra: [2026-12-17]\n"


def test_calendar_schema_accepts_a_calendar_and_rejects_a_misspelt_weekday(
    tmp_repo: RepoFactory, tmp_path: Path
) -> None:
    schema = _schemas(tmp_repo(), tmp_path / "schemas")["calendar"]
    calendar = yaml.safe_load(CALENDAR)
    _check(schema, calendar)
    school = calendar["schools"]["Harbor High School"]
    for bad in ({**school, "weekly": "Tuesdays"}, {**school, "exept": []}):
        try:
            _check(schema, {**calendar, "schools": {"Harbor High School": bad}})
        except jsonschema.ValidationError:
            continue
        raise AssertionError(f"the calendar schema accepted {bad}")
