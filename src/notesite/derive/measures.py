"""The measures of SPEC §9, as pure functions of the validated program and "today".

Each definition is one small function so that its edges can be unit-tested by hand;
`facts.derive()` gathers them into immutable per-note, per-pair and per-staff facts for the
pages, packets, reports and JSON. Each status (tracker level, escalation, focus follow-up)
is computed here and worded here, once: a `Status` carries its words. Mentor calls and the
other scheduled touch points are in `touch_points.py`.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Generic, TypeVar

from notesite.models import FocusEntry, FocusList, Pair, ParticipationRow, Rating
from notesite.program import Note, Program
from notesite.settings import (
    EscalationStatus,
    FocusStatus,
    Settings,
    TrackerLevel,
)
from notesite.text import longdate, month_key, month_range, plural, shortdate

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


T = TypeVar("T")


@dataclass(frozen=True)
class YearGroup(Generic[T]):
    """Items of one program year (pages list them newest year first)."""

    year: str
    items: tuple[T, ...]


def by_year(items: Iterable[T], year_of: Callable[[T], str]) -> tuple[YearGroup[T], ...]:
    """Items grouped by program year, newest year first, each group in the given order."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(year_of(item), []).append(item)
    return tuple(YearGroup(y, tuple(v)) for y, v in sorted(groups.items(), reverse=True))


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


@dataclass(frozen=True, slots=True)
class MissedRun:
    """The mentor's latest done/missed weeks that were missed in a row (excused weeks skipped).

    Its words name the weeks, so excused weeks or a summer between two misses are not hidden
    behind "the last 3 weeks"."""

    weeks: tuple[date, ...]  # the missed weeks, oldest first
    excused: int  # excused weeks skipped from the latest week back to the first miss

    @property
    def count(self) -> int:
        return len(self.weeks)

    @property
    def words(self) -> str:
        """`missed 2 weeks in a row (not counting 1 excused week): 6 Oct and 20 Oct 2026`."""
        if not self.weeks:
            return "no missed week at the end of the record"
        skipped = f" (not counting {plural(self.excused, 'excused week')})" if self.excused else ""
        first, last = self.weeks[0], self.weeks[-1]
        if len(self.weeks) == 1:
            when = longdate(first)
        elif len(self.weeks) <= 3:
            head = ", ".join(_day_of(w, last) for w in self.weeks[:-1])
            when = f"{head} and {longdate(last)}"
        else:
            when = f"{_day_of(first, last)} to {longdate(last)}"
        return f"missed {plural(len(self.weeks), 'week')} in a row{skipped}: {when}"


def _day_of(day: date, last: date) -> str:
    """`6 Oct`, or `6 Oct 2025` when the year differs from `last`'s."""
    return shortdate(day) if day.year == last.year else longdate(day)


def missed_run(rows: Sequence[ParticipationRow]) -> MissedRun:
    """The run of missed weeks the mentor's record ends in (excused weeks skipped)."""
    weeks: list[date] = []
    excused = 0  # excused weeks seen since the latest week, up to the oldest miss so far
    seen = 0
    for row in reversed(rows):
        if row.mentor == "excused":
            seen += 1
            continue
        if row.mentor != "missed":
            break
        weeks.append(row.week)
        excused = seen
    return MissedRun(tuple(reversed(weeks)), excused if weeks else 0)


def missed_weeks(rows: Sequence[ParticipationRow]) -> int:
    """How many of the mentor's latest done/missed weeks were missed in a row (excused skipped)."""
    return missed_run(rows).count


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
    "minor-escalated": Status("minor-escalated", "escalated (minor: no deadline)"),
}


def escalation_status(note: Note, settings: Settings) -> EscalationStatus:
    """A safety note's escalation: a major concern must be escalated within
    `safety.escalate_within_days`; a minor one has no deadline, so it is never "on time"
    or "late", only escalated or not."""
    if unescalated(note):
        return "unescalated"
    if note.severity != "major":
        return "minor-escalated" if note.escalated_on is not None else "minor"
    return "late" if escalated_late(note, settings) else "on-time"


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
    """Approved requests whose meeting has passed and that no note follows up; a declined
    request (`approved: false`) needs no follow-up, so it is never open."""
    followed = {n.follow_up_of for n in notes if n.follow_up_of}
    return [
        n
        for n in notes
        if n.meeting is not None
        and n.meeting.approved
        and n.meeting.planned_for < today
        and n.id not in followed
    ]


def upcoming_meetings(notes: Sequence[Note], today: date) -> list[Note]:
    """Approved requests whose meeting is today or later, soonest first."""
    found = [
        n for n in notes if n.meeting and n.meeting.approved and n.meeting.planned_for >= today
    ]
    return sorted(found, key=lambda n: (n.meeting.planned_for if n.meeting else today, n.id))


# --- Staff -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Month:
    """A PM's documented support in one calendar month, against the monthly benchmark."""

    month: str  # YYYY-MM
    minutes: int
    meets: bool  # minutes / 60 >= monthly_support_hours
    current: bool = False  # the month of today: not over, so it has not fallen short yet
    not_applicable: str | None = None  # why the benchmark does not apply to it, if it does not

    @property
    def hours(self) -> float:
        return round2(self.minutes / 60)

    @property
    def counted(self) -> bool:
        """Whether the month counts in "N of M months meet the benchmark": applicable, over."""
        return self.not_applicable is None and not self.current

    @property
    def state(self) -> Status:
        """The month against the benchmark: meets, below, in progress or not applicable."""
        if self.not_applicable is not None:
            return Status("not-applicable", f"not applicable ({self.not_applicable})")
        if self.meets:
            return Status("meets", "meets")
        if self.current:
            return Status("in-progress", "in progress")
        return Status("below", "below", flagged=True)


def meets_benchmark(minutes: int, settings: Settings) -> bool:
    """minutes / 60 >= the benchmark, exactly: 8.3 h * 60 is 498.00000000000006 in floats."""
    return Fraction(minutes, 60) >= Fraction(repr(settings.monthly_support_hours))


def class_months(program: Program, year: str) -> frozenset[str] | None:
    """The calendar months (`YYYY-MM`) in which program year `year` holds classes at any
    school, from the class calendars (SPEC §13, `data/calendar/<year>.yaml`); None when no
    school has a calendar for that year."""
    return program.classes.months.get(year)


def benchmark_months(program: Program, years: Iterable[str]) -> frozenset[str]:
    """The months the hours benchmark applies to in `years`: each year's class months, or,
    without a calendar, every month from `program_year_start` through `summary_due`."""
    s = program.settings
    out: set[str] = set()
    for year in years:
        months = class_months(program, year)
        if months is None:
            months = frozenset(month_range(s.year_start(year), s.in_year(year, s.summary_due)))
        out |= months
    return frozenset(out)


def month_of(
    key: str,
    minutes: int,
    settings: Settings,
    today: date,
    first: str | None,
    applicable: frozenset[str] | None,
) -> Month:
    """One month's Month: `first` is the month of the PM's first note (None: no note yet);
    `applicable` the months the benchmark applies to (None: every month)."""
    why = None
    if first is None or key < first:
        why = "before the first note"
    elif applicable is not None and key not in applicable:
        why = "no classes"
    return Month(key, minutes, meets_benchmark(minutes, settings), key == month_key(today), why)


def monthly_hours(
    notes: Sequence[Note],
    settings: Settings,
    today: date,
    applicable: frozenset[str] | None = None,
) -> list[Month]:
    """Every calendar month from the first to the last note, empty months included; the
    month of `today` is `current`, months outside `applicable` are not applicable."""
    if not notes:
        return []
    minutes: dict[str, int] = defaultdict(int)
    for n in notes:
        minutes[month_key(n.date)] += n.minutes
    days = [n.date for n in notes]
    first = month_key(min(days))
    return [
        month_of(m, minutes[m], settings, today, first, applicable)
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
