"""Class calendars (SPEC §13): each file on its own, then against the pairs and participation.

Errors: a file not named after a program year, a date outside the year, a first class after
the last, a day off (`except`) that is not a class day, a school no pair attends (with a
"did you mean" from the pairs' schools). Warnings: a participation row whose week is not a
class day of the pair's school, once that school has a calendar for the week's year; and an
escalated pair of this program year that did not reach its PM's focus list in time (NS823).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

from notesite.class_calendar import WEEKDAYS, Calendars, ClassCalendar, SchoolClasses
from notesite.derive.operations import overdue_escalations
from notesite.diagnostics import Diagnostic, diag, did_you_mean
from notesite.load.files import SourceFile
from notesite.models import Pair, ParticipationRow
from notesite.program import Program
from notesite.settings import Settings, is_year_label
from notesite.text import plural
from notesite.validate.common import Located, load_record

MAX_WEEK_WARNINGS = 20  # per file; past this one summary line (a wrong weekday hits every row)


def load_calendar(
    root: Path, source: SourceFile, settings: Settings
) -> tuple[Located[ClassCalendar] | None, list[Diagnostic]]:
    """The calendar when it can be used (its dates inside its year), and its problems."""
    year = source.parts[0]
    if not is_year_label(year):
        return None, [
            diag(
                "bad-file-name",
                source.rel,
                None,
                f"`{year}.yaml` should be named after a program year",
                hint="name it like 2026-27.yaml",
            )
        ]
    rec, out = load_record(root, source, ClassCalendar)
    if rec is None:
        return None, out
    if rec.item.program_year != year:
        out.append(
            rec.at(
                "id-mismatch",
                "program_year",
                message=f"`program_year: {rec.item.program_year}` does not match the file name "
                f"`{year}.yaml`",
                hint=f"name the file {rec.item.program_year}.yaml, or fix the year",
            )
        )
        return None, out
    usable = True
    for school, classes in rec.item.schools.items():
        problems = _dates(rec, school, classes, settings)
        usable = usable and not problems
        out += problems
        if not problems:
            out += _days_off(rec, school, classes)
    return (rec if usable else None), out


def _dates(
    rec: Located[ClassCalendar], school: str, classes: SchoolClasses, settings: Settings
) -> list[Diagnostic]:
    year = rec.item.program_year
    start, end = settings.year_start(year), settings.year_end(year)
    fields: list[tuple[tuple[str | int, ...], date]] = [
        (("from",), classes.from_),
        (("to",), classes.to),
        *((("except", i), d) for i, d in enumerate(classes.except_)),
        *((("extra", i), d) for i, d in enumerate(classes.extra)),
    ]
    out = []
    for path, day in fields:
        if not start <= day <= end:
            out.append(
                rec.at(
                    "calendar-outside-year",
                    "schools",
                    school,
                    *path,
                    message=f"{day} is outside the program year {year} ({start} to {end})",
                    hint=f"move it to the calendar of {settings.year_of(day)}, or fix the date",
                )
            )
    if not out and classes.from_ > classes.to:
        out.append(
            rec.at(
                "invalid-value",
                "schools",
                school,
                "to",
                message=f"the last class ({classes.to}) is before the first ({classes.from_})",
                hint="`from` is the first class of the year, `to` the last",
            )
        )
    return out


def _days_off(rec: Located[ClassCalendar], school: str, classes: SchoolClasses) -> list[Diagnostic]:
    weekly = set(classes.weekly_days())
    out = []
    for i, day in enumerate(classes.except_):
        if day in weekly:
            continue
        if day < classes.from_ or day > classes.to:
            why = f"it is outside the classes of {school} ({classes.from_} to {classes.to})"
        else:
            why = f"it is a {WEEKDAYS[day.weekday()]} and the class is on {classes.weekly}s"
        out.append(
            rec.at(
                "calendar-not-class-day",
                "schools",
                school,
                "except",
                i,
                message=f"{day} is not a class day to take off: {why}",
                hint="list only days the weekly class would otherwise be held "
                f"(the nearest: {_nearest(sorted(weekly), day)})",
            )
        )
    return out


def _nearest(days: list[date], day: date) -> str:
    """The class days just before and after `day`, as a hint."""
    before = [d for d in days if d < day][-1:]
    after = [d for d in days if d > day][:1]
    return " and ".join(str(d) for d in [*before, *after]) or "none"


def check_schools(
    calendars: Iterable[Located[ClassCalendar]],
    pairs: Mapping[str, Pair],
    some_pairs_invalid: bool,
) -> list[Diagnostic]:
    """Every school a calendar names must be a school of some pair (when all pair files could
    be read: an unreadable pair file's school is unknown)."""
    if some_pairs_invalid:
        return []
    known = sorted({p.school for p in pairs.values()})
    out = []
    for rec in calendars:
        for school in rec.item.schools:
            if school not in known:
                out.append(
                    rec.at(
                        "unknown-school",
                        "schools",
                        school,
                        message=f"no pair attends `{school}`",
                        hint=did_you_mean(school, known)
                        or "the name must equal the `school` of its pairs; the schools are: "
                        + (", ".join(known) or "none yet"),
                    )
                )
    return out


def check_weeks(
    rows: Iterable[tuple[str, ParticipationRow]],
    pairs: Mapping[str, Pair],
    classes: Calendars,
    settings: Settings,
) -> list[Diagnostic]:
    """A warning for each row whose week is not a class day of its pair's school, where that
    school has a calendar for the week's program year."""
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    # (school, week) -> whether rows of that school may have that week: a school's pairs
    # share their class days, so 280,000 rows ask about a few thousand (school, week)s
    fine: dict[tuple[str, date], bool] = {}
    for rel, row in rows:
        pair = pairs.get(row.pair)
        if pair is None:
            continue
        key = (pair.school, row.week)
        ok = fine.get(key)
        if ok is None:
            ok = fine[key] = _may_hold(classes, settings, pair.school, row.week)
        if ok:
            continue
        year = settings.year_of(row.week)
        days = list(classes.year_days(pair.school, year))
        by_file[rel].append(
            diag(
                "not-a-class-day",
                rel,
                row.line,
                f"{row.pair} week {row.week} ({WEEKDAYS[row.week.weekday()]}) is not a class day "
                f"of {pair.school} in data/calendar/{year}.yaml",
                hint=f"the week is the date of the mentee's class (the nearest: "
                f"{_nearest(days, row.week)}); fix the date, or add the day to the school's "
                "`extra` days",
            )
        )
    out = []
    for rel, found in sorted(by_file.items()):
        out += found[:MAX_WEEK_WARNINGS]
        if len(found) > MAX_WEEK_WARNINGS:
            more = len(found) - MAX_WEEK_WARNINGS
            out.append(
                diag(
                    "not-a-class-day",
                    rel,
                    None,
                    f"... and {more} more rows whose week is not a class day",
                    hint="when every row is off by the same days, check the school's `weekly` "
                    "day in its calendar",
                )
            )
    return out


def _may_hold(classes: Calendars, settings: Settings, school: str, week: date) -> bool:
    """Whether a row of a pair at `school` may have `week`: a class day of the school, or a
    week of a program year the school has no calendar for."""
    year = settings.year_of(week)
    return not classes.has(school, year) or classes.is_class_day(school, year, week)


def check_escalations(
    program: Program, rows: Iterable[tuple[str, ParticipationRow]], today: date
) -> list[Diagnostic]:
    """NS823: an escalation of this program year whose pair reached no focus list of its PM
    within `participation.focus_within_days`, on the row that completed the run."""
    files = {(row.pair, row.week): rel for rel, row in rows}
    out = []
    for e in overdue_escalations(program, today):
        run = e.escalation
        member = program.staff.get(e.pm)
        who = f"{member.name} ({e.pm})" if member else e.pm
        within = program.settings.participation.focus_within_days
        message = (
            f"{run.pair}'s mentor missed "
            f"{program.settings.participation.escalate_after_missed} weeks in a row "
            f"(the run ended with the class of {run.run_week}), but no focus list of "
            f"{who} named the pair from {run.start} to {e.due}"
        )
        if e.focus_late is not None:
            late = (e.focus_late - e.due).days
            message += f"; it reached the list of {e.focus_late}, {plural(late, 'day')} late"
            hint = f"put escalated pairs on the PM's focus list within {within} days of the start"
        else:
            hint = (
                f"add {run.pair} to {who}'s next focus list in data/focus/{e.pm}/ and reach "
                "out to the mentor"
            )
        out.append(
            diag(
                "escalation-not-on-focus-list",
                files.get((run.pair, run.run_week), "data/participation"),
                run.line,
                message,
                hint=hint,
            )
        )
    return out
