"""Participation operations (SPEC §13): class weeks, reminders and escalations, for a date D.

Pure functions of the validated program and one date. Over the active pairs whose school has
a class calendar:

- A pair's **class weeks** are its school's class days from the match on. A week runs from
  its class to the day before the next class of the same calendar; the last class of a
  program year has no next class (summer is not a week), so its week lasts 7 days. The
  mentor's status for a week is the participation row of (pair, class) — done, missed or
  excused — or `pending` when there is no row yet.
- An **email** is due on D = c + 3 for the current week's class c, a **text** on D = c' − 1
  for its next class c', when the week is pending or missed; either is **personalised**
  when the week before it (the previous class of the same calendar) was missed. Pairs with
  an open escalation get no reminders.
- An **escalation** starts the day after the class whose miss made the run of
  `escalate_after_missed` misses (excused weeks skipped, as in §8), and ends on the class
  day of the mentor's next done week. It is **on the focus list** when a focus list of the
  pair's PM dated from the start to `focus_within_days` after it names the pair.

The §8 concern (`measures.participation_concern`) is the same run seen from today: a pair
has a concern exactly when its latest escalation is still open (a test proves it).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property
from typing import Literal

from notesite.class_calendar import Calendars
from notesite.models import FocusList, Pair, ParticipationRow
from notesite.program import Program
from notesite.settings import Settings

Kind = Literal["email", "text"]
KINDS: tuple[Kind, ...] = ("email", "text")
EMAIL_AFTER = 3  # days after the class
TEXT_BEFORE = 1  # days before the next class
LAST_WEEK_DAYS = 7  # the length of the week of a year's last class
PENDING = "pending"  # a class week without a participation row yet
CHASED = (PENDING, "missed")  # the statuses a reminder chases


@dataclass(frozen=True, slots=True)
class Week:
    """One class week of a pair: its class, the classes around it, and the mentor's status."""

    cls: date  # the class day c
    end: date  # the week's last day
    next: date | None  # the next class of the same calendar
    previous: date | None  # the class before, of the same calendar and after the match
    mentor: str  # done | missed | excused | pending
    mentee: str
    previous_mentor: str | None  # the mentor's status of `previous`


@dataclass(frozen=True, slots=True)
class Reminder:
    pair: str
    kind: Kind
    on: date  # the day it is due
    cls: date  # the class of the week it is about
    next: date | None  # the next class (a text is sent the day before it)
    status: str  # pending | missed: the week's status when it is due
    personalised: bool  # the week before was missed


@dataclass(frozen=True, slots=True)
class Escalation:
    """A run of missed weeks (§8) seen as an event: when it started and when it ended."""

    pair: str
    run_week: date  # the class whose miss completed the run
    line: int  # the participation row of `run_week`
    start: date  # the day after `run_week`
    end: date | None  # the class day of the next done week; None while open

    def open_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class EscalationFacts:
    """An escalation with what the Operations Coordinator and the PM need to act on it."""

    escalation: Escalation
    pm: str  # the pair's PM when it started
    manager: str | None  # the PM's manager (staff id)
    due: date  # the last day it may reach a focus list in time
    focus_on: date | None  # the focus list that named the pair in time
    focus_late: date | None  # the first focus list that named it after `due`
    open: bool  # open on the date the facts are for
    overdue: bool  # not on a focus list in time, and `due` has passed

    @property
    def pair(self) -> str:
        return self.escalation.pair

    @property
    def start(self) -> date:
        return self.escalation.start

    @property
    def on_focus_list(self) -> bool:
        return self.focus_on is not None

    @property
    def focus_state(self) -> str:
        """`on-list`, `waiting` (the window is still open) or `missed` (NS823)."""
        if self.focus_on is not None:
            return "on-list"
        return "missed" if self.overdue else "waiting"


# --- Weeks ---------------------------------------------------------------------------------


def class_weeks(
    classes: Calendars,
    school: str,
    matched_on: date,
    rows: Mapping[date, ParticipationRow],
    until: date,
) -> list[Week]:
    """The pair's class weeks from its match to `until` (a week counts from its class)."""
    weeks: list[Week] = []
    day = timedelta(days=1)
    for _, days in classes.by_school.get(school, ()):
        mine = days[bisect.bisect_left(days, matched_on) : bisect.bisect_right(days, until) + 1]
        before: str | None = None  # the mentor's status of the previous class of the calendar
        for i, c in enumerate(mine):
            if c > until:
                break
            nxt = mine[i + 1] if i + 1 < len(mine) else None
            row = rows.get(c)
            mentor, mentee = (row.mentor, row.mentee) if row else (PENDING, PENDING)
            end = nxt - day if nxt else c + (LAST_WEEK_DAYS - 1) * day
            weeks.append(Week(c, end, nxt, mine[i - 1] if i else None, mentor, mentee, before))
            before = mentor
    weeks.sort(key=lambda w: w.cls)
    return weeks


def current_week(
    weeks: Sequence[Week], day: date, starts: Sequence[date] | None = None
) -> Week | None:
    """The week `day` falls in: the latest class on or before it, while its week lasts.
    (`starts`: the weeks' class days, when the caller asks many times.)"""
    i = bisect.bisect_right(starts if starts is not None else [w.cls for w in weeks], day) - 1
    if i < 0 or weeks[i].end < day:
        return None
    return weeks[i]


# --- Reminders -----------------------------------------------------------------------------


def due_on(
    pair: str,
    weeks: Sequence[Week],
    day: date,
    escalated: bool,
    starts: Sequence[date] | None = None,
) -> list[Reminder]:
    """The reminders due for one pair on `day` (email before text)."""
    week = current_week(weeks, day, starts)
    if week is None or escalated or week.mentor not in CHASED:
        return []
    personalised = week.previous_mentor == "missed"
    out = []
    if day == week.cls + timedelta(days=EMAIL_AFTER):
        out.append(Reminder(pair, "email", day, week.cls, week.next, week.mentor, personalised))
    if week.next is not None and day == week.next - timedelta(days=TEXT_BEFORE):
        out.append(Reminder(pair, "text", day, week.cls, week.next, week.mentor, personalised))
    return out


def history(
    pair: str, weeks: Sequence[Week], escalations: Sequence[Escalation], until: date
) -> list[Reminder]:
    """Every reminder the data implies up to `until`: `due_on` on each email and text day.

    A week recorded done needed none (the data does not say when in the week it was done).
    """
    days = sorted(
        {w.cls + timedelta(days=EMAIL_AFTER) for w in weeks}
        | {w.next - timedelta(days=TEXT_BEFORE) for w in weeks if w.next is not None}
    )
    starts = [w.cls for w in weeks]
    out = []
    for day in days:
        if day > until:
            break
        week = current_week(weeks, day, starts)
        if week is None or week.mentor not in CHASED:
            continue  # `due_on` finds no reminder whatever the escalations (most days)
        escalated = any(e.open_on(day) for e in escalations)
        out += due_on(pair, weeks, day, escalated, starts)
    return out


# --- Escalations ---------------------------------------------------------------------------


def escalations(rows: Sequence[ParticipationRow], after_missed: int) -> list[Escalation]:
    """Each run of `after_missed` missed weeks in a row (excused skipped) and its end.

    `rows` are one pair's, in week order. A run keeps going while the mentor misses; it ends
    with the next done week.
    """
    out: list[Escalation] = []
    run = 0
    current: Escalation | None = None
    for row in rows:
        if row.mentor == "excused":
            continue
        if row.mentor == "missed":
            run += 1
            if run == after_missed and current is None:
                current = Escalation(row.pair, row.week, row.line, row.week + timedelta(1), None)
            continue
        run = 0
        if current is not None:
            out.append(replace(current, end=row.week))
            current = None
    if current is not None:
        out.append(current)
    return out


def pm_on(pair: Pair, day: date) -> str:
    """The pair's PM on `day`: the PM history's period holding it, else the current PM."""
    for period in pair.pm_history:
        if period.from_ <= day <= period.to:
            return period.pm
    return pair.pm


def on_focus_lists(
    escalation: Escalation,
    pair: Pair,
    lists: Iterable[FocusList],
    settings: Settings,
) -> tuple[date, date | None, date | None]:
    """(due, the list naming the pair in time, the first naming it later)."""
    due = escalation.start + timedelta(days=settings.participation.focus_within_days)
    pms = {pm_on(pair, escalation.start)}
    in_time: date | None = None
    late: date | None = None
    for focus in sorted(lists, key=lambda f: f.date):
        if focus.date < escalation.start or focus.staff not in pms | {pm_on(pair, focus.date)}:
            continue
        if not any(e.pair == pair.id for e in focus.pairs):
            continue
        if focus.date <= due:
            in_time = in_time or focus.date
        elif late is None:
            late = focus.date
    return due, in_time, late


# --- The whole program --------------------------------------------------------------------


@dataclass(frozen=True)
class PairOperations:
    pair: Pair
    weeks: tuple[Week, ...]  # up to the date
    reminders: tuple[Reminder, ...]  # every reminder due up to the date, in date order
    escalations: tuple[EscalationFacts, ...]  # started by the date, oldest first

    @property
    def id(self) -> str:
        return self.pair.id

    @property
    def week(self) -> Week | None:
        """The last week up to the date."""
        return self.weeks[-1] if self.weeks else None


@dataclass(frozen=True)
class Operations:
    """The operations facts of one date, for the reminders page, the command and the JSON."""

    date: date
    pairs: dict[str, PairOperations]  # active pairs whose school has a calendar, by id
    emails: tuple[Reminder, ...]  # due on `date`, by pair
    texts: tuple[Reminder, ...]
    open: tuple[EscalationFacts, ...]  # open on `date`, by start then pair
    ended: tuple[EscalationFacts, ...]  # ended in the 7 days up to `date`: reminders resume
    uncovered: tuple[tuple[str, int], ...]  # schools with active pairs but no calendar: count

    @property
    def reminders(self) -> list[Reminder]:
        """Today's reminders sorted by pair then kind (email before text), as the JSON has them."""
        return sorted([*self.emails, *self.texts], key=lambda r: (r.pair, KINDS.index(r.kind)))

    def of_pm(self, pm: str) -> list[EscalationFacts]:
        """Escalations of the PM's pairs (by the PM when they started), newest first."""
        return list(self._by_pm.get(pm, ()))

    @cached_property
    def _by_pm(self) -> dict[str, list[EscalationFacts]]:
        """Every PM's escalations, grouped once (a page per PM asks for them)."""
        found: dict[str, list[EscalationFacts]] = {}
        for p in self.pairs.values():
            for e in p.escalations:
                found.setdefault(e.pm, []).append(e)
        return {
            pm: sorted(es, key=lambda e: (e.start, e.pair), reverse=True)
            for pm, es in found.items()
        }


def operations(program: Program, day: date) -> Operations:
    """Every operations fact of `program` on `day`."""
    s = program.settings
    classes = program.classes
    naming = focus_by_pair(program.focus)
    pairs: dict[str, PairOperations] = {}
    uncovered: dict[str, int] = {}
    for pid, pair in sorted(program.pairs.items()):
        if pair.status != "active":
            continue
        if not classes.has(pair.school, s.year_of(day)):
            uncovered[pair.school] = uncovered.get(pair.school, 0) + 1
        if pair.school not in classes.schools:
            continue
        pairs[pid] = _pair(program, pair, day, naming.get(pid, []))
    emails = [r for p in pairs.values() for r in p.reminders if r.on == day and r.kind == "email"]
    texts = [r for p in pairs.values() for r in p.reminders if r.on == day and r.kind == "text"]
    every = [e for p in pairs.values() for e in p.escalations]
    week_ago = day - timedelta(days=6)
    ended = [
        e for e in every if e.escalation.end is not None and week_ago <= e.escalation.end <= day
    ]
    return Operations(
        date=day,
        pairs=pairs,
        emails=tuple(emails),
        texts=tuple(texts),
        open=tuple(sorted((e for e in every if e.open), key=lambda e: (e.start, e.pair))),
        ended=tuple(sorted(ended, key=lambda e: (e.escalation.end or day, e.pair))),
        uncovered=tuple(sorted(uncovered.items())),
    )


def focus_by_pair(lists: Iterable[FocusList]) -> dict[str, list[FocusList]]:
    """The focus lists naming each pair, oldest first."""
    out: dict[str, list[FocusList]] = {}
    for focus in sorted(lists, key=lambda f: (f.date, f.staff)):
        for pid in dict.fromkeys(e.pair for e in focus.pairs):
            out.setdefault(pid, []).append(focus)
    return out


def pair_escalations(
    program: Program, pair: Pair, day: date, lists: Sequence[FocusList]
) -> list[EscalationFacts]:
    """The pair's escalations started by `day` (in years its school has a calendar), as
    known on `day`; `lists` are the focus lists naming the pair."""
    s = program.settings
    rows = program.participation_by_pair.get(pair.id, ())
    out = []
    for run in escalations(rows, s.participation.escalate_after_missed):
        if run.start > day or not program.classes.has(pair.school, s.year_of(run.run_week)):
            continue
        # what is known on `day`: a done week after it has not ended the escalation yet
        e = replace(run, end=None) if run.end is not None and run.end > day else run
        pm = pm_on(pair, e.start)
        known = [f for f in lists if f.date <= day]  # a later list is not known on `day`
        due, focus_on, focus_late = on_focus_lists(e, pair, known, s)
        member = program.staff.get(pm)
        out.append(
            EscalationFacts(
                escalation=e,
                pm=pm,
                manager=member.manager if member else None,
                due=due,
                focus_on=focus_on,
                focus_late=focus_late,
                open=e.open_on(day),
                overdue=focus_on is None and day > due,
            )
        )
    return out


def overdue_escalations(program: Program, day: date) -> list[EscalationFacts]:
    """Escalations of active pairs that started in the program year of `day` and did not
    reach a focus list in time (NS823), by pair then start."""
    year = program.settings.year_of(day)
    naming = focus_by_pair(program.focus)
    return [
        e
        for pid, pair in sorted(program.pairs.items())
        if pair.status == "active" and pair.school in program.classes.schools
        for e in pair_escalations(program, pair, day, naming.get(pid, []))
        if e.overdue and program.settings.year_of(e.start) == year
    ]


def _pair(program: Program, pair: Pair, day: date, lists: Sequence[FocusList]) -> PairOperations:
    rows = program.participation_by_pair.get(pair.id, ())
    weeks = class_weeks(
        program.classes, pair.school, pair.matched_on, {r.week: r for r in rows}, day
    )
    facts = pair_escalations(program, pair, day, lists)
    reminders = history(pair.id, weeks, [f.escalation for f in facts], day)
    return PairOperations(pair, tuple(weeks), tuple(reminders), tuple(facts))
