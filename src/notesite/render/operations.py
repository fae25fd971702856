"""What the site shows of participation operations (SPEC §13).

The Operations Coordinator's page, `api/participation.json`, a pair's reminder history and a
PM's escalations.

Every value comes from `derive/operations.py` (the facts of the build's "today") and is
worded in `derive/coordinator.py`; this module only selects and orders them for each page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from notesite.class_calendar import WEEKDAYS
from notesite.derive.coordinator import EscalationRow, Message, escalation_rows, messages
from notesite.derive.facts import Facts
from notesite.derive.operations import KINDS, Reminder


def reminders_page(facts: Facts) -> dict[str, object]:
    """The coordinator's day: today's emails and texts, open and ended escalations."""
    ops, program = facts.operations, facts.program
    this_year = [
        e
        for p in ops.pairs.values()
        for e in p.escalations
        if facts.program.settings.year_of(e.start) == facts.year
    ]
    return {
        "weekday": WEEKDAYS[facts.today.weekday()].title(),
        "emails": messages(program, list(ops.emails)),
        "texts": messages(program, list(ops.texts)),
        "open": escalation_rows(program, list(ops.open)),
        "ended": escalation_rows(program, list(ops.ended)),
        "missed": sum(1 for e in this_year if e.overdue),
        "escalations_this_year": len(this_year),
        "uncovered": ops.uncovered,
        "covered": len(ops.pairs),
    }


def participation_json(facts: Facts) -> dict[str, Any]:
    """`api/participation.json` (SPEC §13): today's reminders by pair then kind, and the
    escalations open today."""
    ops = facts.operations
    return {
        "date": ops.date.isoformat(),
        "reminders": [
            {
                "pair": r.pair,
                "kind": r.kind,
                "class": r.cls.isoformat(),
                "personalised": r.personalised,
            }
            for r in ops.reminders
        ],
        "escalations": [
            {"pair": e.pair, "start": e.start.isoformat(), "on_focus_list": e.on_focus_list}
            for e in sorted(ops.open, key=lambda e: (e.pair, e.start))
        ],
    }


@dataclass(frozen=True)
class HistoryWeek:
    """A class week of the pair that had (or has) a reminder."""

    cls: date
    status: str  # the mentor's status now
    email: Reminder | None
    text: Reminder | None

    @property
    def personalised(self) -> bool:
        return any(r is not None and r.personalised for r in (self.email, self.text))


@dataclass(frozen=True)
class PairHistory:
    weeks: tuple[HistoryWeek, ...]  # this program year, newest first
    escalations: tuple[EscalationRow, ...]  # newest first
    classes: int  # class weeks this program year so far
    today: tuple[Message, ...]  # reminders due today


def pair_history(facts: Facts, pair: str) -> PairHistory | None:
    """The reminders and escalations the data implies for one pair this program year;
    None when the pair is not followed (not active, or its school has no calendar)."""
    found = facts.operations.pairs.get(pair)
    if found is None:
        return None
    year = facts.program.settings.year_of
    weeks = [w for w in found.weeks if year(w.cls) == facts.year]
    by_week: dict[date, dict[str, Reminder]] = {}
    for r in found.reminders:
        by_week.setdefault(r.cls, {})[r.kind] = r
    rows = [
        HistoryWeek(w.cls, w.mentor, by_week[w.cls].get(KINDS[0]), by_week[w.cls].get(KINDS[1]))
        for w in reversed(weeks)
        if w.cls in by_week
    ]
    escalations = list(reversed(found.escalations))
    return PairHistory(
        tuple(rows),
        tuple(escalation_rows(facts.program, escalations)),
        len(weeks),
        tuple(messages(facts.program, [r for r in found.reminders if r.on == facts.today])),
    )


def pm_escalations(facts: Facts, pm: str) -> list[EscalationRow]:
    """The escalations of this program year of the PM's pairs (by the PM when they
    started), newest first; those that missed the focus list are flagged (NS823)."""
    year = facts.program.settings.year_of
    found = [e for e in facts.operations.of_pm(pm) if year(e.start) == facts.year]
    return escalation_rows(facts.program, found)
