"""JSON Schemas for editors, generated from the same models the validator uses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from notesite.class_calendar import ClassCalendar
from notesite.models import FocusList, NoteFront, Pair, Rating, StaffMember
from notesite.safewrite import write_files
from notesite.settings import Settings

SCHEMAS: dict[str, type[BaseModel]] = {
    "note": NoteFront,
    "pair": Pair,
    "staff-member": StaffMember,
    "rating": Rating,
    "focus": FocusList,
    "calendar": ClassCalendar,
    "settings": Settings,
}


def schemas(settings: Settings) -> dict[str, dict[str, Any]]:
    """Each schema by name; the note schema lists the program's own tags and types."""
    out: dict[str, dict[str, Any]] = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema(by_alias=True)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"notesite-{name}.schema.json"
        out[name] = schema
    note = out["note"]["properties"]
    note["type"]["enum"] = sorted(settings.types)
    note["tags"]["items"] = {
        "enum": sorted({*settings.tag_labels, *(t.label for t in settings.tags)})
    }
    staff = out.pop("staff-member")
    out["staff"] = {
        "$schema": staff["$schema"],
        "$id": "notesite-staff.schema.json",
        "title": "Staff roster",
        "type": "array",
        "items": {k: v for k, v in staff.items() if k not in ("$schema", "$id", "$defs")},
        **({"$defs": staff["$defs"]} if "$defs" in staff else {}),
    }
    return out


def schema_files(settings: Settings) -> dict[str, bytes]:
    """Each schema's file: its name (`note.schema.json`) and its bytes."""
    return {
        f"{name}.schema.json": (json.dumps(schema, indent=2, sort_keys=True) + "\n").encode()
        for name, schema in sorted(schemas(settings).items())
    }


def write_schemas(out: Path, settings: Settings) -> list[Path]:
    """Write the schemas into the folder `out` (created then renamed, never through a link)."""
    return write_files(out, schema_files(settings))
