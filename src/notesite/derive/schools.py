"""A partner school's month (SPEC §13): its active pairs' weekly statuses and completion rates.

A second audience reads this: the school's staff. So it is built from the pair files (the
mentee's name and grade, the mentor's first name), the participation rows and the class
calendar only, one school at a time; notes, safety, focus lists and ratings are never read.

- **Active pairs**: the school's pairs whose status is active and that were matched by the
  month's last day.
- **Classes held**: the school's class days in the month up to today (from its calendar;
  without one, the weeks its pairs' participation rows name).
- **Completion rate**: done ÷ (done + missed); excused weeks and weeks not yet recorded are
  left out; none when there is no done or missed week. The **change** is this month's rate
  minus the previous month's, in percentage points, over the same pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from notesite.models import Pair, ParticipationRow
from notesite.program import Program
from notesite.text import month_key, slug

NOT_MATCHED = ""  # a class before the pair's match
PENDING = "pending"  # a class without a participation row


@dataclass(frozen=True, slots=True)
class Rate:
    done: int
    missed: int

    @property
    def value(self) -> Fraction | None:
        total = self.done + self.missed
        return Fraction(self.done, total) if total else None

    @property
    def percent(self) -> int | None:
        """The rate in whole percent, rounded half-up (2 of 3 is 67%)."""
        v = self.value
        return None if v is None else _half_up(v * 100)

    @property
    def decimal(self) -> float | None:
        """The rate as a fraction rounded half-up to 2 decimals, for the CSV."""
        v = self.value
        return None if v is None else float(_round(v, "0.01"))


def _round(value: Fraction, step: str) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(step), rounding=ROUND_HALF_UP)


def _half_up(value: Fraction) -> int:
    return int(_round(value, "1"))


def rate(statuses: Iterable[str]) -> Rate:
    found = list(statuses)
    return Rate(found.count("done"), found.count("missed"))


def change(now: Rate, before: Rate) -> int | None:
    """This month's rate minus the previous month's, in whole percentage points."""
    a, b = now.value, before.value
    return None if a is None or b is None else _half_up((a - b) * 100)


def month_bounds(first: date) -> tuple[date, date]:
    """The first and last day of `first`'s month."""
    start = first.replace(day=1)
    after = (start + timedelta(days=32)).replace(day=1)
    return start, after - timedelta(days=1)


@dataclass(frozen=True)
class PairMonth:
    pair: Pair
    mentee: tuple[str, ...]  # the mentee's status per class (NOT_MATCHED before the match)
    mentor: tuple[str, ...]
    mentee_rate: Rate
    mentor_rate: Rate
    mentee_before: Rate  # the previous month
    mentor_before: Rate

    @property
    def mentor_first_name(self) -> str:
        words = self.pair.mentor.name.split()
        return words[0] if words else ""

    @property
    def mentee_change(self) -> int | None:
        return change(self.mentee_rate, self.mentee_before)

    @property
    def mentor_change(self) -> int | None:
        return change(self.mentor_rate, self.mentor_before)


@dataclass(frozen=True)
class WeekRates:
    """The school's completion in one class week (for the chart)."""

    cls: date
    mentee: Rate
    mentor: Rate
    this_month: bool


@dataclass(frozen=True)
class SchoolMonth:
    school: str
    slug: str  # for file names
    month: str  # YYYY-MM
    first: date  # the month's first day
    today: date
    classes: tuple[date, ...]  # held in the month, up to today
    days_off: tuple[date, ...]  # the calendar's days off in the month
    from_calendar: bool  # False: no calendar for the month, classes are the rows' weeks
    pairs: tuple[PairMonth, ...]  # by mentee name
    previous_classes: tuple[date, ...]
    weeks: tuple[WeekRates, ...]  # the previous month's classes, then this month's

    @property
    def so_far(self) -> bool:
        """The month is not over on `today`."""
        return self.today < month_bounds(self.first)[1]

    def total(self, who: str, before: bool = False) -> Rate:
        rates = [getattr(p, f"{who}_before" if before else f"{who}_rate") for p in self.pairs]
        return Rate(sum(r.done for r in rates), sum(r.missed for r in rates))

    def total_change(self, who: str) -> int | None:
        return change(self.total(who), self.total(who, before=True))


def active_pairs(program: Program, last_day: date) -> dict[str, list[Pair]]:
    """Each school's active pairs matched by `last_day`, by mentee name then id."""
    by_school: dict[str, list[Pair]] = defaultdict(list)
    for pair in program.pairs.values():
        if pair.status == "active" and pair.matched_on <= last_day:
            by_school[pair.school].append(pair)
    return {
        school: sorted(pairs, key=lambda p: (p.mentee.name.lower(), p.id))
        for school, pairs in sorted(by_school.items())
    }


def school_months(program: Program, first: date, today: date) -> list[SchoolMonth]:
    """The month of every school with active pairs, in school order (file names unique)."""
    _, end = month_bounds(first)
    out = []
    taken: set[str] = set()
    for school, pairs in active_pairs(program, end).items():
        name = slug(school) or "school"
        while name in taken:
            name += "-x"
        taken.add(name)
        out.append(school_month(program, school, pairs, first, today, name))
    return out


def school_month(
    program: Program, school: str, pairs: Sequence[Pair], first: date, today: date, name: str
) -> SchoolMonth:
    start, end = month_bounds(first)
    before_start, _ = month_bounds(start - timedelta(days=1))
    rows = {p.id: {r.week: r for r in program.participation_by_pair.get(p.id, ())} for p in pairs}
    classes, from_calendar = _classes(program, school, rows, start, min(end, today))
    previous, _ = _classes(program, school, rows, before_start, start - timedelta(days=1))
    year = program.settings.year_of(start)
    cal = next((c for c in program.calendars if c.program_year == year), None)
    off = cal.schools[school].except_ if cal is not None and school in cal.schools else ()
    months = []
    for p in pairs:
        now = [_statuses(p, rows[p.id], c) for c in classes]
        then = [_statuses(p, rows[p.id], c) for c in previous]
        months.append(
            PairMonth(
                p,
                tuple(a for a, _ in now),
                tuple(b for _, b in now),
                rate(a for a, _ in now),
                rate(b for _, b in now),
                rate(a for a, _ in then),
                rate(b for _, b in then),
            )
        )
    weeks = [
        WeekRates(
            c,
            rate(_statuses(p, rows[p.id], c)[0] for p in pairs),
            rate(_statuses(p, rows[p.id], c)[1] for p in pairs),
            c >= start,
        )
        for c in [*previous, *classes]
    ]
    return SchoolMonth(
        school=school,
        slug=name,
        month=month_key(start),
        first=start,
        today=today,
        classes=tuple(classes),
        days_off=tuple(d for d in sorted(off) if start <= d <= end),
        from_calendar=from_calendar,
        pairs=tuple(months),
        previous_classes=tuple(previous),
        weeks=tuple(weeks),
    )


def _classes(
    program: Program,
    school: str,
    rows: dict[str, dict[date, ParticipationRow]],
    lo: date,
    hi: date,
) -> tuple[list[date], bool]:
    """The class days from `lo` to `hi`: the calendar's, else the rows' weeks."""
    years = {program.settings.year_of(lo), program.settings.year_of(hi)}
    if any(program.classes.has(school, y) for y in years):
        return program.classes.in_range(school, lo, hi), True
    weeks = {w for found in rows.values() for w in found if lo <= w <= hi}
    return sorted(weeks), False


def _statuses(pair: Pair, rows: dict[date, ParticipationRow], cls: date) -> tuple[str, str]:
    """(mentee, mentor) status of one class."""
    if cls < pair.matched_on:
        return NOT_MATCHED, NOT_MATCHED
    row = rows.get(cls)
    return (row.mentee, row.mentor) if row is not None else (PENDING, PENDING)
