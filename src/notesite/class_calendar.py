"""The class calendar (SPEC §13): when each school holds the mentees' class, per program year.

`data/calendar/<year>.yaml` names, per school, a weekday and the first and last class, with
days off (`except`) and extra class days. The models check shape only (like `models.py`);
`validate/calendar.py` checks the dates against the year and the schools against the pairs.
`Calendars` answers what the rest of notesite asks: is this a class day, which class comes
before or after a day.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from notesite.models import Day, Text, YearLabel

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class SchoolClasses(BaseModel):
    """One school's classes in one program year."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    weekly: Weekday = Field(description="the weekday of the weekly class")
    from_: Day = Field(alias="from", description="the first class")
    to: Day = Field(description="the last class (inclusive)")
    except_: tuple[Day, ...] = Field(
        (), alias="except", description="class days on which there is no class"
    )
    extra: tuple[Day, ...] = Field((), description="class days besides the weekly ones")

    def weekly_days(self) -> list[date]:
        """Every `weekly` day from `from` to `to`, days off included."""
        first = self.from_ + timedelta(
            days=(WEEKDAYS.index(self.weekly) - self.from_.weekday()) % 7
        )
        return [first + timedelta(days=7 * k) for k in range((self.to - first).days // 7 + 1)]

    def days(self) -> tuple[date, ...]:
        """The class days: the weekly ones without the days off, and the extra ones, in order."""
        off = set(self.except_)
        return tuple(sorted({d for d in self.weekly_days() if d not in off} | set(self.extra)))


class ClassCalendar(BaseModel):
    """`data/calendar/<year>.yaml`: the class days of each school in one program year."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    program_year: YearLabel
    schools: dict[Text, SchoolClasses] = Field(min_length=1)


@dataclass(frozen=True)
class Calendars:
    """Every school's class days, by program year, from all calendar files.

    A class week lasts until the next class of the same calendar; the last class of a
    program year has no next class (summer is not a week), so its week lasts 7 days.
    """

    days: dict[tuple[str, str], tuple[date, ...]] = field(default_factory=dict)
    by_school: dict[str, tuple[tuple[str, tuple[date, ...]], ...]] = field(
        init=False, repr=False, compare=False
    )  # school -> ((year, class days), ...) by year
    months: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    # year -> the calendar months (`YYYY-MM`) with a class at any school: asked per pair and
    # per PM (the hours benchmark), 3,300 times at 100,000 notes, so found once

    def __post_init__(self) -> None:
        index: dict[str, list[tuple[str, tuple[date, ...]]]] = {}
        months: dict[str, set[str]] = {}
        for (school, year), found in sorted(self.days.items()):
            index.setdefault(school, []).append((year, found))
            months.setdefault(year, set()).update(f"{d.year:04d}-{d.month:02d}" for d in found)
        object.__setattr__(self, "by_school", {k: tuple(v) for k, v in index.items()})
        object.__setattr__(self, "months", {y: frozenset(m) for y, m in months.items() if m})

    @classmethod
    def of(cls, calendars: Iterable[ClassCalendar]) -> Calendars:
        return cls(
            {
                (school, cal.program_year): classes.days()
                for cal in calendars
                for school, classes in cal.schools.items()
            }
        )

    @property
    def schools(self) -> set[str]:
        return set(self.by_school)

    def has(self, school: str, year: str) -> bool:
        return (school, year) in self.days

    def year_days(self, school: str, year: str) -> tuple[date, ...]:
        return self.days.get((school, year), ())

    def is_class_day(self, school: str, year: str, day: date) -> bool:
        found = self.year_days(school, year)
        i = bisect.bisect_left(found, day)
        return i < len(found) and found[i] == day

    def in_range(self, school: str, lo: date, hi: date) -> list[date]:
        """The school's class days from `lo` to `hi`, both included, over every year."""
        out: list[date] = []
        for _, found in self.by_school.get(school, ()):
            out += found[bisect.bisect_left(found, lo) : bisect.bisect_right(found, hi)]
        return sorted(out)
