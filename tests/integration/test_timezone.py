"""SPEC §3: "today" is the date in the program's time zone, whatever zone CI runs in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from support import make_repo, note_text

# 20:30 UTC on 22 November is already 07:30 on 23 November in Sydney (UTC+11 then).
EVENING_UTC = int(datetime(2026, 11, 22, 20, 30, tzinfo=UTC).timestamp())
SYDNEY_NOTE = "data/notes/p-0001/2026-11-23-support.md"


def _validate(root: Path, **env: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "notesite", "validate", "--root", str(root), "--format", "json"],
        env={**os.environ, "TZ": "UTC", **env},
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 1), done.stderr
    report: dict[str, object] = json.loads(done.stdout)
    return report


def _repo(tmp_path: Path, settings: str | None) -> Path:
    note = note_text(date="2026-11-23", logged="2026-11-23")
    return make_repo(tmp_path / "repo", {SYDNEY_NOTE: note, "notesite.yaml": settings})


@pytest.mark.parametrize("clock", ["epoch", "system"])
def test_a_note_dated_today_in_sydney_is_accepted_with_the_timezone_set(
    tmp_path: Path, clock: str
) -> None:
    root = _repo(tmp_path, 'timezone: "Australia/Sydney"\n')
    if clock == "epoch":
        report = _validate(root, SOURCE_DATE_EPOCH=str(EVENING_UTC))
    else:  # the real clock: a note dated today in Sydney is never in the future there
        today = datetime.now(tz=ZoneInfo("Australia/Sydney")).date()
        name = f"data/notes/p-0001/{today.isoformat()}-support.md"
        root = make_repo(
            tmp_path / "clock",
            {
                name: note_text(date=today.isoformat(), logged=today.isoformat()),
                "notesite.yaml": 'timezone: "Australia/Sydney"\n',
            },
        )
        report = _validate(root)
    assert report["errors"] == 0, report["diagnostics"]


def test_without_the_timezone_a_utc_runner_calls_it_the_future(tmp_path: Path) -> None:
    root = _repo(tmp_path, None)
    report = _validate(root, SOURCE_DATE_EPOCH=str(EVENING_UTC))
    codes = {(d["code"], d["file"]) for d in report["diagnostics"]}  # type: ignore[attr-defined]
    assert ("NS404", SYDNEY_NOTE) in codes


def test_an_unknown_zone_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {"notesite.yaml": 'timezone: "Australia/Sydny"\n'})
    report = _validate(root)  # today from the clock: the base focus list may be overdue (NS821)
    (problem,) = [d for d in report["diagnostics"] if d["severity"] == "error"]  # type: ignore[attr-defined]
    assert problem["file"] == "notesite.yaml" and problem["line"] == 1
    assert "did you mean `Australia/Sydney`?" in problem["message"] + (problem["hint"] or "")
