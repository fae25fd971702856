"""Scheduled touch points (SPEC §9's mentor calls, §14's touch points) and days since contact.

A touch point counts a pair's notes of one type whose `contact` reaches someone (the mentor,
the mentee or the pair), due by each of its month-days in a program year. The rules are
SPEC §9's for mentor calls, applied to every touch point:

- a due date is **owed** when it falls after the pair's `matched_on`; the j-th owed due date
  asks for j touch points, so the j-th note (oldest first) is the one that meets it;
- a pair is **behind** when it is active and, for the latest owed due date today is past (the
  j-th), it has fewer than j notes: one that missed a date and has since caught up is not;
- a note is **made late** when it met the j-th owed due date but is dated after it. Late
  notes are counted for every pair, whatever its status.

Every status is worded here, once (`Due.state`, `TouchPointFacts.shortfall`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from notesite.derive.measures import Status, support_notes
from notesite.program import Note
from notesite.settings import Settings, TouchPoint
from notesite.text import longdate, shortdate

Who = Literal["mentor", "mentee", "pair"]
DueStatus = Literal["not-owed", "owed", "missed", "done", "made-late", "upcoming"]


def reaches(contact: Iterable[str], who: str) -> bool:
    """Whether a note's `contact` reaches `who`: `pair` counts for the mentor and the mentee
    both; a touch point `with: pair` needs `pair`, or the mentor and the mentee both."""
    found = set(contact)
    if who == "pair":
        return "pair" in found or {"mentor", "mentee"} <= found
    return who in found or "pair" in found


def counts(note: Note, point: TouchPoint) -> bool:
    """Whether a note counts for a touch point. The mentor calls count every note of kind
    mentor-call, whoever it reached, as SPEC §9 does."""
    if point.type == "mentor-call":
        return note.kind == "mentor-call"
    return note.type == point.type and reaches(note.contact, point.with_)


def days_since_contact(notes: Iterable[Note], who: Who, today: date) -> int | None:
    """today − the latest support note whose contact reaches `who`; None when there is none."""
    last = max((n.date for n in support_notes(notes) if reaches(n.contact, who)), default=None)
    return (today - last).days if last is not None else None


@dataclass(frozen=True, slots=True)
class Due:
    """One due date of a touch point in the current program year."""

    number: int  # k: the k-th due date of the year
    due: date
    needed: int  # touch points owed by this date (0: not owed, it is on or before the match)
    passed: bool  # today is past it
    note: Note | None  # the note that meets it (the `needed`-th of the year), if any yet
    active: bool  # the pair is active and the year is the current one: it can still catch up

    @property
    def owed(self) -> bool:
        return self.needed > 0

    @property
    def status(self) -> DueStatus:
        if not self.owed:
            return "not-owed"
        if self.note is None:
            if not self.passed:
                return "upcoming"
            return "owed" if self.active else "missed"  # a past year, or a pair not active
        return "made-late" if self.note.date > self.due else "done"

    @property
    def state(self) -> Status:
        """The due date as every page and packet words it."""
        status = self.status
        if status == "done":
            assert self.note is not None
            return Status("done", f"done ({shortdate(self.note.date)})")
        if status == "made-late":
            assert self.note is not None
            return Status("made-late", f"made late ({shortdate(self.note.date)})")
        return {
            "not-owed": Status("not-owed", "not owed (matched after it)"),
            "owed": Status("owed", "owed", flagged=True),
            "missed": Status("missed", "missed"),
            "upcoming": Status("upcoming", "upcoming"),
        }[status]


@dataclass(frozen=True)
class TouchPointFacts:
    """A pair's touch point in the current program year: its notes and due dates."""

    point: TouchPoint
    notes: tuple[Note, ...]  # the year's notes that count, oldest first
    dues: tuple[Due, ...]
    active: bool

    @property
    def id(self) -> str:
        return self.point.id

    @property
    def label(self) -> str:
        return self.point.label

    @property
    def this_year(self) -> int:
        return len(self.notes)

    @property
    def latest_owed(self) -> Due | None:
        """The latest owed due date today is past."""
        return next((d for d in reversed(self.dues) if d.owed and d.passed), None)

    @property
    def behind(self) -> bool:
        latest = self.latest_owed
        return self.active and latest is not None and latest.note is None

    @property
    def late(self) -> tuple[Due, ...]:
        """The due dates met by a note dated after them (counted for every pair)."""
        return tuple(d for d in self.dues if d.status == "made-late")

    @property
    def next_due(self) -> Due | None:
        """The next owed due date not met yet and not passed."""
        return next((d for d in self.dues if d.status == "upcoming"), None)

    @property
    def shortfall(self) -> str:
        """What the pair is behind on, in words (call only when `behind`)."""
        latest = self.latest_owed
        assert latest is not None
        return (
            f"{self.label} behind: {latest.needed} due by {longdate(latest.due)}, "
            f"{self.this_year} logged so far"
        )

    @property
    def upcoming(self) -> str:
        """The next due date in words (call only when `next_due` is not None)."""
        nxt = self.next_due
        assert nxt is not None
        return (
            f"{self.label}: next due by {longdate(nxt.due)} ({nxt.needed} due this year by "
            f"then, {self.this_year} logged so far)"
        )


def touch_point(
    point: TouchPoint,
    notes: Sequence[Note],
    year: str,
    settings: Settings,
    today: date,
    matched_on: date,
    active: bool,
) -> TouchPointFacts:
    """A pair's touch point in program year `year` as of `today`; `notes` are the pair's
    notes oldest first. Due dates on or before the match are not owed; an unmet due date of a
    past year, or of a pair that is not active, is missed (never owed)."""
    active = active and year == settings.year_of(today)
    counted = tuple(
        n
        for n in notes
        if counts(n, point) and settings.year_of(n.date) == year and n.date <= today
    )
    dues = []
    owed = 0
    for k, due in enumerate(sorted(settings.in_year(year, md) for md in point.due), start=1):
        needed = 0
        if due > matched_on:
            owed += 1
            needed = owed
        note = counted[needed - 1] if 0 < needed <= len(counted) else None
        dues.append(Due(k, due, needed, today > due, note, active))
    return TouchPointFacts(point, counted, tuple(dues), active)


def touch_points(
    notes: Sequence[Note],
    settings: Settings,
    today: date,
    matched_on: date,
    active: bool,
    year: str | None = None,
) -> tuple[TouchPointFacts, ...]:
    """Every scheduled touch point of a pair in program year `year` (default: the one
    containing `today`); a past year's unmet due dates are missed, never owed."""
    year = year or settings.year_of(today)
    return tuple(
        touch_point(p, notes, year, settings, today, matched_on, active) for p in settings.scheduled
    )


@dataclass(frozen=True, slots=True)
class MadeLate:
    """A touch point made after its due date, in a program year."""

    year: str
    label: str  # the touch point's
    due: Due  # its note is the one made late

    @property
    def note(self) -> Note:
        assert self.due.note is not None
        return self.due.note

    @property
    def words(self) -> str:
        """`Mentor calls 1 due by 15 Oct 2026: made late (27 Oct)`."""
        due = self.due
        return f"{self.label} {due.number} due by {longdate(due.due)}: {due.state.words}"


def made_late(
    notes: Sequence[Note], settings: Settings, today: date, matched_on: date, years: Iterable[str]
) -> tuple[MadeLate, ...]:
    """Every touch point made late in `years`, newest year first, in due-date order."""
    out = []
    for year in sorted(years, reverse=True):
        for tp in touch_points(notes, settings, today, matched_on, False, year):
            out += [MadeLate(year, tp.label, d) for d in tp.late]
    return tuple(out)
