"""Program calendar for the demo: program years, school breaks, class weeks.

Every date the generator produces comes from here, relative to one injected "today",
so the demo never reads the wall clock.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta

from notesite.settings import Settings

#: The settings the demo does not override: its program years, thresholds and rubric are the
#: defaults, read from here rather than written again.
DEFAULTS = Settings()


def _month_day(value: str) -> tuple[int, int]:
    month, day = value.split("-")
    return int(month), int(day)


YEAR_START = _month_day(DEFAULTS.program_year_start)
SUMMARY_DUE = _month_day(DEFAULTS.summary_due)
#: The demo's `mentor_calls.due` override (month, day); the first falls in October so that
#: pairs can already be behind in late November.
MENTOR_CALL_DUE = ((10, 15), (1, 31), (4, 30))
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ONE_DAY = timedelta(days=1)


def year_start(d: date) -> date:
    """The first day of the program year containing `d`."""
    start = date(d.year, *YEAR_START)
    return start if d >= start else date(d.year - 1, *YEAR_START)


def year_label(start: date) -> str:
    """`2025-26` for the year starting 2025-09-01."""
    return f"{start.year}-{(start.year + 1) % 100:02d}"


def in_year(start: date, month_day: tuple[int, int]) -> date:
    """The date of `month_day` inside the program year starting at `start`."""
    year = start.year if month_day >= YEAR_START else start.year + 1
    return date(year, *month_day)


def in_session(d: date) -> bool:
    """False during summer and winter break, when there are no classes."""
    md = (d.month, d.day)
    summer = (6, 20) <= md <= (9, 7)
    winter = md >= (12, 22) or md <= (1, 2)
    return not (summer or winter)


def prose(d: date) -> str:
    """A date as a person writes it in a note body: `November 29`."""
    return f"{MONTHS[d.month - 1]} {d.day}"


def nearest_weekday(d: date, lo: date, hi: date) -> date:
    """`d` moved to the closest weekday inside [lo, hi] (itself if none is closer)."""
    for step in (0, -1, 1, -2, 2, -3, 3):
        cand = d + timedelta(days=step)
        if lo <= cand <= hi and cand.weekday() < 5:
            return cand
    return min(max(d, lo), hi)


@dataclass(frozen=True)
class Calendar:
    """The demo's time frame: the previous and the current program year up to today."""

    today: date
    cur_start: date = field(init=False)
    prev_start: date = field(init=False)
    session_days: tuple[date, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        cur = year_start(self.today)
        prev = date(cur.year - 1, *YEAR_START)
        days = []
        d = prev
        while d <= self.today:
            if d.weekday() < 5 and in_session(d):
                days.append(d)
            d += ONE_DAY
        object.__setattr__(self, "cur_start", cur)
        object.__setattr__(self, "prev_start", prev)
        object.__setattr__(self, "session_days", tuple(days))

    def days(self, lo: date, hi: date) -> tuple[date, ...]:
        """School days (weekdays in session) in [lo, hi]."""
        i = bisect.bisect_left(self.session_days, lo)
        j = bisect.bisect_right(self.session_days, hi)
        return self.session_days[i:j]

    def year_starts(self) -> tuple[date, date]:
        return (self.prev_start, self.cur_start)

    def due_dates(self, start: date) -> tuple[date, ...]:
        return tuple(in_year(start, md) for md in MENTOR_CALL_DUE)

    def departure(self) -> date:
        """Last day of the PM who left over the summer before the current year."""
        return self.cur_start - timedelta(days=32)
