"""Generate a fictional but realistic notes repository: the demo mentoring program.

`generate(out)` writes the committed demo (48 pairs, "today" 2026-11-22); larger `pairs`
values make load-test programs. Output depends only on the arguments: every random choice
comes from `random.Random` seeded from `seed`, everything is sorted, no clock is read.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from notesite.demo.calendar import Calendar
from notesite.demo.classes import calendar_yaml, calendars
from notesite.demo.focus import focus_lists
from notesite.demo.notes import NoteMeta, render_note
from notesite.demo.pairs import Pair, build_pairs
from notesite.demo.people import build_roster
from notesite.demo.records import (
    pair_yaml,
    participation_csv,
    participation_rows,
    ratings,
    settings_yaml,
    staff_yaml,
)
from notesite.demo.scenario import assign
from notesite.demo.schedule import plan_pair
from notesite.derive.operations import escalations
from notesite.models import ParticipationRow
from notesite.safewrite import write_files

__all__ = ["GenerateResult", "generate"]

DEFAULT_NOTES_PER_PAIR = 10.0
ESCALATE_AFTER = 2  # participation.escalate_after_missed: the demo keeps the default


@dataclass(frozen=True)
class GenerateResult:
    pairs: int
    notes: int
    staff: int
    ratings: int
    focus_lists: int
    participation_rows: int


def _targets(
    rng: random.Random, pairs: list[Pair], cal: Calendar, per_pair: float
) -> dict[str, int]:
    """Wished-for note counts, proportional to each pair's school days in the program."""
    weights = [len(cal.days(p.matched_on, p.end(cal.today))) + 5 for p in pairs]
    scale = per_pair * len(pairs) / sum(weights)
    return {
        p.id: round(w * scale * rng.uniform(0.8, 1.2)) for p, w in zip(pairs, weights, strict=True)
    }


def _refuse_existing(out: Path) -> None:
    data = out / "data"
    if data.exists() and (not data.is_dir() or any(data.iterdir())):
        raise FileExistsError(f"{data} already exists and is not empty; choose an empty folder")


def _write(out: Path, files: dict[str, str]) -> None:
    write_files(out, {rel: text.encode() for rel, text in files.items()})


def generate(
    out: Path,
    *,
    pairs: int = 48,
    seed: int = 7,
    today: date = date(2026, 11, 22),
    notes_per_pair: float | None = None,
) -> GenerateResult:
    """Write a complete notes repository under `out`; refuses a non-empty `out/data`.

    `notes_per_pair` is the wished-for average (default 10); the notes every match needs
    (match event, last support, mentor calls, summaries) set a floor under it.
    """
    if not 1 <= pairs <= 9999:
        raise ValueError("pairs must be between 1 and 9999")
    if notes_per_pair is not None and notes_per_pair < 0:
        raise ValueError("notes_per_pair must not be negative")
    _refuse_existing(out)
    cal = Calendar(today)
    rng = random.Random(seed)
    roster = build_roster(rng, pairs, cal)
    plist = build_pairs(rng, pairs, roster, cal)
    sits = assign(rng, plist, cal)
    targets = _targets(
        rng, plist, cal, DEFAULT_NOTES_PER_PAIR if notes_per_pair is None else notes_per_pair
    )
    files = {"notesite.yaml": settings_yaml(), "data/staff.yaml": staff_yaml(roster)}
    notes: dict[str, list[NoteMeta]] = {}
    for p in plist:
        files[f"data/pairs/{p.id}.yaml"] = pair_yaml(p)
        prng = random.Random(f"{seed}:{p.id}:notes")
        planned = plan_pair(prng, p, sits[p.id], cal, targets[p.id])
        by_key = {d.key: (note_id, d) for note_id, d in planned}
        notes[p.id] = []
        for note_id, draft in planned:
            meta, text = render_note(prng, p, note_id, draft, by_key, roster, cal)
            notes[p.id].append(meta)
            files[f"data/notes/{note_id}.md"] = text
    rated = ratings(random.Random(f"{seed}:ratings"), roster, cal)
    classes = calendars((p.school for p in plist), cal.year_starts())
    files |= {f"data/calendar/{year}.yaml": calendar_yaml(c) for year, c in classes.items()}
    rows = participation_rows(seed, plist, sits, cal, classes)
    weeks: dict[str, list[tuple[date, str]]] = {p.id: [] for p in plist}
    for week, pair_id, mentor, _ in rows:
        weeks[pair_id].append((week, mentor))
    escalated = {
        p.id: escalations(
            [ParticipationRow(p.id, w, m, "done", 0) for w, m in weeks[p.id]], ESCALATE_AFTER
        )
        for p in plist
    }
    focus = focus_lists(seed, plist, sits, notes, weeks, roster, cal, escalated)
    files |= rated | participation_csv(rows) | focus
    _write(out, files)
    return GenerateResult(
        pairs=len(plist),
        notes=sum(len(v) for v in notes.values()),
        staff=len(roster.staff),
        ratings=len(rated),
        focus_lists=len(focus),
        participation_rows=len(rows),
    )
