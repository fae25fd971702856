"""The measures of SPEC §9, as pure functions of the validated program and "today".

Each definition is one small function so that its edges can be unit-tested by hand;
`facts.derive()` gathers them into immutable per-note, per-pair and per-staff facts for the
pages, packets, reports and JSON. Each status (tracker level, mentor call, escalation, focus
follow-up) is computed here and worded here, once: a `Status` carries its words.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from notesite.models import FocusEntry, FocusList, Pair, ParticipationRow, Rating
from notesite.program import Note, Program
from notesite.settings import (
    CallStatus,
    EscalationStatus,
    FocusStatus,
    Settings,
    TrackerLevel,
)
from notesite.text import longdate, month_key, month_range, plural

Level = TrackerLevel
LEVELS: tuple[Level, ...] = ("stale", "watch", "ok", "inactive")
TRACKED: tuple[Level, ...] = ("stale", "watch")  # the levels the Note Tracker lists


def round2(value: float) -> float:
    """Round half-up to 2 decimals (Python's round() is half-to-even).

    Works on the shortest decimal that reads back as `value` (its repr), so 2.675, stored as
    2.67499999..., rounds to 2.68 as a person would expect. Callers compute exactly (integers,
    `Fraction`) and convert once, so the float they pass is the one nearest the true value.
    """
    return float(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class Status:
    """A status as every page, packet and report words it."""

    code: str  # stable: for tests, CSS classes and JSON
    words: str
    flagged: bool = False  # a problem: shown flagged


# --- Pairs -------------------------------------------------------------------------------


def support_notes(notes: Iterable[Note]) -> list[Note]:
    return [n for n in notes if n.kind != "summary"]


def last_support(notes: Iterable[Note]) -> date | None:
    return max((n.date for n in support_notes(notes)), default=None)


def days_since_support(pair: Pair, notes: Iterable[Note], today: date) -> int:
    last = last_support(notes)
    return (today - (last if last is not None else pair.matched_on)).days


def tracker_level(pair: Pair, days: int, settings: Settings) -> Level:
    if pair.status != "active":
        return "inactive"
    if days > settings.tracker.stale_after_days:
        return "stale"
    if days > settings.tracker.watch_after_days:
        return "watch"
    return "ok"


def since_support(days: int, last: date | None) -> str:
    """The tracker's days in words: since the last support note, or since the match."""
    since = "the last support note" if last is not None else "the match (no support note yet)"
    return f"{plural(days, 'day')} since {since}"


CALL_STATES: dict[CallStatus, Status] = {
    "not-owed": Status("not-owed", "not owed (matched after it)"),
    "behind": Status("behind", "behind", flagged=True),
    "missed": Status("missed", "missed (pair not active)"),
    "done": Status("done", "done"),
    "done-early": Status("done-early", "done early"),
    "upcoming": Status("upcoming", "upcoming"),
}


@dataclass(frozen=True, slots=True)
class CallDue:
    number: int  # k: the k-th call of the year
    due: date
    done_by_due: int  # calls dated on or before `due`
    passed: bool  # today is past `due`
    required: int  # calls owed by `due`: due dates on or before the match are not owed
    active: bool = True  # the pair is active (an inactive pair is not behind, it missed)

    @property
    def owed(self) -> bool:
        return self.required > 0

    @property
    def behind(self) -> bool:
        return self.passed and self.done_by_due < self.required

    @property
    def status(self) -> CallStatus:
        if not self.owed:
            return "not-owed"
        if self.behind:
            return "behind" if self.active else "missed"
        if self.passed:
            return "done"
        return "done-early" if self.done_by_due >= self.required else "upcoming"

    @property
    def state(self) -> Status:
        return CALL_STATES[self.status]

    @property
    def shortfall(self) -> str:
        """What a due date asked and what was done, in words."""
        return (
            f"{plural(self.required, 'call')} due by {longdate(self.due)}, "
            f"{self.done_by_due} logged by then"
        )


def mentor_calls(notes: Iterable[Note], year: str, settings: Settings) -> list[Note]:
    return [n for n in notes if n.kind == "mentor-call" and settings.year_of(n.date) == year]


def calls_due(
    calls: Sequence[Note],
    year: str,
    settings: Settings,
    today: date,
    matched_on: date | None = None,
    active: bool = True,
) -> list[CallDue]:
    """The year's call schedule. SPEC §9 read literally makes a pair matched after due date k
    behind all year; instead, due dates on or before the match are not owed, and the j-th
    owed due date requires j calls (documented in docs/formats.md)."""
    out = []
    owed = 0
    dues = sorted(settings.in_year(year, md) for md in settings.mentor_calls.due)
    for k, due in enumerate(dues, start=1):
        if matched_on is None or due > matched_on:
            owed += 1
        done = sum(1 for c in calls if c.date <= due)
        required = owed if (matched_on is None or due > matched_on) else 0
        out.append(CallDue(k, due, done, today > due, required, active))
    return out


def behind_on_calls(pair: Pair, schedule: Sequence[CallDue]) -> bool:
    return pair.status == "active" and any(c.behind for c in schedule)


def active_on(pair: Pair, day: date) -> bool:
    """Matched before `day` and not closed by it. Pauses are not dated, so they do not count."""
    return pair.matched_on < day and (pair.closed_on is None or pair.closed_on > day)


def years_between(first: date, today: date, settings: Settings) -> list[str]:
    years = []
    year = settings.year_of(first)
    while settings.year_start(year) <= today:
        years.append(year)
        year = settings.year_of(settings.year_end(year) + timedelta(days=1))
    return years


def summaries_missing(
    pair: Pair, notes: Iterable[Note], settings: Settings, today: date
) -> list[str]:
    """Program years whose summary is due (passed) for this pair but has no summary note."""
    done = {n.program_year for n in notes if n.kind == "summary"}
    missing = []
    for year in years_between(pair.matched_on, today, settings):
        due = settings.in_year(year, settings.summary_due)
        if due < today and active_on(pair, due) and year not in done:
            missing.append(year)
    return missing


def missed_weeks(rows: Sequence[ParticipationRow]) -> int:
    """How many of the mentor's latest done/missed weeks were missed in a row (excused skipped)."""
    run = 0
    for row in reversed(rows):
        if row.mentor == "excused":
            continue
        if row.mentor != "missed":
            break
        run += 1
    return run


def participation_concern(rows: Sequence[ParticipationRow], settings: Settings) -> bool:
    """The mentor's latest done/missed weeks end in enough consecutive misses."""
    return missed_weeks(rows) >= settings.participation.escalate_after_missed


# --- Notes -------------------------------------------------------------------------------


def logging_lag(day: date, logged: date) -> int:
    """Days from the support (its date) to its logging: logged − date. The one definition of
    "late" documentation: more than `log_within_days` (see `late`)."""
    return (logged - day).days


def late(lag: int, settings: Settings) -> bool:
    return lag > settings.log_within_days


def logged_late(note: Note, settings: Settings) -> bool:
    return late(logging_lag(note.date, note.logged), settings)


def escalation_lag(note: Note) -> int | None:
    return (note.escalated_on - note.date).days if note.escalated_on is not None else None


def escalated_late(note: Note, settings: Settings) -> bool:
    lag = escalation_lag(note)
    return (
        note.severity == "major" and lag is not None and lag > settings.safety.escalate_within_days
    )


def unescalated(note: Note) -> bool:
    return note.kind == "safety" and note.severity == "major" and note.escalated_on is None


ESCALATION_STATES: dict[EscalationStatus, Status] = {
    "unescalated": Status("unescalated", "not escalated", flagged=True),
    "late": Status("late", "escalated late", flagged=True),
    "on-time": Status("on-time", "escalated on time"),
    "minor": Status("minor", "not escalated (minor)"),
}


def escalation_status(note: Note, settings: Settings) -> EscalationStatus:
    """A safety note's escalation: a major concern must be escalated within
    `safety.escalate_within_days`; a minor one need not be (when it is, it is on time)."""
    if unescalated(note):
        return "unescalated"
    if escalated_late(note, settings):
        return "late"
    return "on-time" if note.escalated_on is not None else "minor"


@dataclass(frozen=True, slots=True)
class Escalation:
    status: EscalationStatus
    lag: int | None  # days from the concern to the escalation; None when not escalated

    @property
    def state(self) -> Status:
        return ESCALATION_STATES[self.status]


def escalation(note: Note, settings: Settings) -> Escalation | None:
    """The escalation of a safety note; None for other notes."""
    if note.kind != "safety":
        return None
    return Escalation(escalation_status(note, settings), escalation_lag(note))


def open_requests(notes: Sequence[Note], today: date) -> list[Note]:
    followed = {n.follow_up_of for n in notes if n.follow_up_of}
    return [
        n
        for n in notes
        if n.meeting is not None and n.meeting.planned_for < today and n.id not in followed
    ]


# --- Staff -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Month:
    month: str  # YYYY-MM
    minutes: int
    meets: bool
    so_far: bool = False  # the month is not over: it has not fallen short yet

    @property
    def hours(self) -> float:
        return round2(self.minutes / 60)

    @property
    def state(self) -> Status:
        """The month against the monthly benchmark of documented support hours."""
        if self.meets:
            return Status("meets", "meets")
        if self.so_far:
            return Status("below-so-far", "below so far")
        return Status("below", "below", flagged=True)


def meets_benchmark(minutes: int, settings: Settings) -> bool:
    """minutes / 60 >= the benchmark, exactly: 8.3 h * 60 is 498.00000000000006 in floats."""
    return Fraction(minutes, 60) >= Fraction(repr(settings.monthly_support_hours))


def monthly_hours(
    notes: Sequence[Note], settings: Settings, today: date | None = None
) -> list[Month]:
    """Every calendar month from the first to the last note, empty months included; the
    month of `today` is `so_far`."""
    if not notes:
        return []
    minutes: dict[str, int] = defaultdict(int)
    for n in notes:
        minutes[month_key(n.date)] += n.minutes
    days = [n.date for n in notes]
    current = month_key(today) if today is not None else None
    return [
        Month(m, minutes[m], meets_benchmark(minutes[m], settings), so_far=m == current)
        for m in month_range(min(days), max(days))
    ]


def median_lag(lags: Sequence[int]) -> float | None:
    return round2(float(statistics.median(lags))) if lags else None


@dataclass(frozen=True, slots=True)
class FocusItem:
    list: FocusList
    entry: FocusEntry
    window_end: date
    ended: bool  # the follow-up window is over (it ended before today)
    followed_up: bool

    @property
    def status(self) -> FocusStatus:
        if self.followed_up:
            return "followed-up"
        return "not-followed-up" if self.ended else "open"

    @property
    def state(self) -> Status:
        """SPEC §7: followed up by a note dated within the window."""
        if self.status == "followed-up":
            return Status("followed-up", "followed up")
        if self.status == "not-followed-up":
            return Status("not-followed-up", "not followed up", flagged=True)
        return Status("open", f"follow-up due by {longdate(self.window_end)}")


def focus_window_end(focus: FocusList, settings: Settings) -> date:
    return focus.next_check_in or focus.date + timedelta(days=settings.focus.follow_up_days)


def focus_items(lists: Iterable[FocusList], program: Program, today: date) -> list[FocusItem]:
    out = []
    for focus in lists:
        end = focus_window_end(focus, program.settings)
        for entry in focus.pairs:
            followed = any(focus.date <= n.date <= end for n in program.pair_notes(entry.pair))
            out.append(FocusItem(focus, entry, end, end < today, followed))
    return out


# --- Rubric ------------------------------------------------------------------------------


def _category(value: int | dict[str, int]) -> Fraction:
    if isinstance(value, dict):
        return Fraction(sum(value.values()), len(value))
    return Fraction(value)


def category_value(value: int | dict[str, int]) -> float:
    """A category's value: its integer, or the mean of its indicators (unrounded)."""
    return float(_category(value))


def quality_score(rating: Rating) -> float:
    """The Pair Support Quality Score: the mean of the unrounded category values.

    Summed exactly: in floats, (1 + 1 + 8/3 + 11/6) / 4 is 1.6249999999999998, which would
    round to 1.62 instead of 1.63.
    """
    values = [_category(v) for v in rating.ratings.values()]
    return float(sum(values, Fraction(0)) / len(values))
