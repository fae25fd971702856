"""The demo's class calendars: each school's weekly class, with its breaks and holidays.

Written as `data/calendar/<year>.yaml`; the participation data follows them.

Every school has the same breaks (Thanksgiving from Wednesday, winter break, mid-winter
break in February, spring break in April) and one professional day of its own. A school
whose class falls on the Wednesday of Thanksgiving week holds a make-up class on that
Monday instead (an `extra` day). Nothing here draws a random number: the calendars depend
on the year and the schools alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from notesite.class_calendar import WEEKDAYS, ClassCalendar
from notesite.demo.calendar import year_label
from notesite.demo.people import SCHOOLS, School

ONE_DAY = timedelta(days=1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def breaks(start: date) -> list[tuple[date, date]]:
    """The no-class ranges (both days included) of the school year starting at `start`."""
    fall, spring = start.year, start.year + 1
    thanksgiving = _nth_weekday(fall, 11, 3, 4)  # the fourth Thursday of November
    presidents = _nth_weekday(spring, 2, 0, 3)  # the third Monday of February
    april = _nth_weekday(spring, 4, 0, 1)  # the first Monday of April
    return [
        (thanksgiving - ONE_DAY, thanksgiving + ONE_DAY),
        (date(fall, 12, 22), date(spring, 1, 2)),
        (presidents, presidents + 4 * ONE_DAY),
        (april, april + 4 * ONE_DAY),
    ]


def _weekly(weekday: int, lo: date, hi: date) -> list[date]:
    first = lo + timedelta(days=(weekday - lo.weekday()) % 7)
    return [first + timedelta(days=7 * k) for k in range((hi - first).days // 7 + 1)]


def school_classes(school: School, start: date) -> dict[str, object]:
    """The calendar entry of one school for the year starting at `start`."""
    first_day, last_day = date(start.year, 9, 8), date(start.year + 1, 6, 19)
    weekly = _weekly(school.weekday, first_day, last_day)
    off = {d for d in weekly for lo, hi in breaks(start) if lo <= d <= hi}
    index = SCHOOLS.index(school) if school in SCHOOLS else 0
    march = [d for d in weekly if d.month == 3]
    off.add(march[index % len(march)])  # the school's professional day
    thanksgiving = breaks(start)[0][0]  # the Wednesday
    extra = [thanksgiving - 2 * ONE_DAY] if school.weekday == thanksgiving.weekday() else []
    return {
        "weekly": WEEKDAYS[school.weekday],
        "from": weekly[0],
        "to": weekly[-1],
        "except": sorted(off),
        "extra": extra,
    }


def calendars(schools: Iterable[School], starts: Iterable[date]) -> dict[str, ClassCalendar]:
    """The calendar of each program year starting at one of `starts`, by year label."""
    named = sorted(set(schools), key=lambda s: s.name)
    return {
        year_label(start): ClassCalendar.model_validate(
            {
                "program_year": year_label(start),
                "schools": {s.name: school_classes(s, start) for s in named},
            }
        )
        for start in starts
    }


def calendar_yaml(calendar: ClassCalendar) -> str:
    """A calendar file as a person writes it: one block per school, short flow lists."""
    lines = [
        "# When each school holds the mentees' class (SPEC §13): breaks and holidays are the",
        "# `except` days; a class due on Thanksgiving Wednesday moves to that Monday (`extra`).",
        f"program_year: {calendar.program_year}",
        "schools:",
    ]
    for name, classes in calendar.schools.items():
        lines += [
            f"  {name}:",
            f"    weekly: {classes.weekly}",
            f"    from: {classes.from_}",
            f"    to: {classes.to}",
            f"    except: [{', '.join(str(d) for d in classes.except_)}]",
        ]
        if classes.extra:
            lines.append(f"    extra: [{', '.join(str(d) for d in classes.extra)}]")
    return "\n".join(lines) + "\n"


def class_days(
    calendars: Mapping[str, ClassCalendar], school: str, lo: date, hi: date
) -> list[date]:
    """The school's class days from `lo` to `hi` (both included), over every calendar."""
    days = [
        d
        for cal in calendars.values()
        if school in cal.schools
        for d in cal.schools[school].days()
        if lo <= d <= hi
    ]
    return sorted(days)
