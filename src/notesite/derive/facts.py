"""Gather the derived facts of every note, pair and PM once, for the pages and the JSON alike.

Computed once per build and then only read, so a page, a packet, `notesite tracker` and
`api/*.json` can never disagree. Templates read these (and `tables`, `packets`) and decide
nothing: every count and status they print is here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from notesite.derive import measures as d
from notesite.derive.operations import Operations, operations
from notesite.models import Pair, ParticipationRow, Rating, StaffMember
from notesite.program import Note, Program, Section
from notesite.text import month_key


@dataclass(frozen=True, slots=True)
class NoteFacts:
    """A note and what it shows: its logging lag, whether that is late, its escalation."""

    note: Note
    lag: int  # days from the support to its logging (measures.logging_lag)
    late: bool  # logged more than log_within_days after the support
    escalation: d.Escalation | None  # safety notes only

    @property
    def id(self) -> str:
        return self.note.id


@dataclass(frozen=True)
class PairFacts:
    pair: Pair
    notes: tuple[NoteFacts, ...]  # oldest first
    last_support: date | None
    last_note: NoteFacts | None  # the latest support note
    days: int
    level: d.Level
    since: str  # the days in words: "45 days since the last support note"
    calls: tuple[Note, ...]
    schedule: tuple[d.CallDue, ...]
    behind: bool
    summaries_missing: tuple[str, ...]
    summaries_written: tuple[str, ...]  # program years with a summary note
    participation: tuple[ParticipationRow, ...]
    missed_weeks: int  # the mentor's latest weeks missed in a row
    concern: bool
    focus: tuple[d.FocusItem, ...]
    open_requests: tuple[Note, ...]
    latest: Note | None  # the latest note of any type
    plan: Section | None  # the Plan section of `latest`, when it has one

    @property
    def id(self) -> str:
        return self.pair.id

    @property
    def is_active(self) -> bool:
        return self.pair.status == "active"


@dataclass(frozen=True)
class RatingFacts:
    rating: Rating
    categories: dict[str, float]  # unrounded
    score: float  # unrounded


@dataclass(frozen=True)
class StaffFacts:
    member: StaffMember
    pairs: tuple[PairFacts, ...]  # by id
    notes: tuple[Note, ...]  # authored, oldest first
    late: tuple[NoteFacts, ...]  # authored and logged late, oldest first
    median_lag: float | None
    months: tuple[d.Month, ...]
    focus: tuple[d.FocusItem, ...]
    ratings: tuple[RatingFacts, ...]

    @property
    def level_counts(self) -> Counter[d.Level]:
        return Counter(p.level for p in self.pairs)

    @property
    def on_tracker(self) -> int:
        """Pairs on the Note Tracker (active, at watch or stale)."""
        counts = self.level_counts
        return sum(counts[level] for level in d.TRACKED)

    @property
    def active(self) -> int:
        return sum(1 for p in self.pairs if p.is_active)

    @property
    def by_days(self) -> list[PairFacts]:
        """The caseload, most days without support first (by id among equals)."""
        return sorted(self.pairs, key=lambda p: -p.days)

    @property
    def months_meeting(self) -> int:
        return sum(1 for mo in self.months if mo.meets)

    @property
    def focus_lists(self) -> list[tuple[date, list[d.FocusItem]]]:
        """The PM's focus lists, newest first, each with its entries."""
        by_date: dict[date, list[d.FocusItem]] = {}
        for f in sorted(self.focus, key=lambda f: f.list.date):
            by_date.setdefault(f.list.date, []).append(f)
        return sorted(by_date.items(), reverse=True)

    @property
    def focus_ended(self) -> list[d.FocusItem]:
        return [f for f in self.focus if f.ended]

    @property
    def focus_followed_up(self) -> int:
        return sum(1 for f in self.focus_ended if f.followed_up)


@dataclass(frozen=True)
class Facts:
    program: Program
    today: date
    year: str  # the program year containing today
    pairs: dict[str, PairFacts]
    staff: dict[str, StaffFacts]  # PMs only
    ratings: tuple[RatingFacts, ...]
    notes: dict[str, NoteFacts]  # by note id
    safety: tuple[NoteFacts, ...]  # newest first
    open_requests: tuple[Note, ...]
    late_notes: tuple[NoteFacts, ...]  # newest first
    operations: Operations  # reminders and escalations of today (SPEC §13)

    def at_level(self, level: d.Level) -> list[PairFacts]:
        return [p for p in self.pairs.values() if p.level == level]

    @property
    def level_counts(self) -> dict[d.Level, int]:
        """Pairs at each tracker level, every level listed (in LEVELS order)."""
        counts = Counter(p.level for p in self.pairs.values())
        return {level: counts[level] for level in d.LEVELS}

    @property
    def on_tracker(self) -> int:
        return sum(self.level_counts[level] for level in d.TRACKED)

    @property
    def behind(self) -> list[PairFacts]:
        return [p for p in self.pairs.values() if p.behind]

    @property
    def concerns(self) -> list[PairFacts]:
        return [p for p in self.pairs.values() if p.concern]

    @property
    def safety_flagged(self) -> list[NoteFacts]:
        """Major concerns not escalated or escalated late, newest first."""
        return [n for n in self.safety if n.escalation is not None and n.escalation.state.flagged]

    @property
    def notes_this_month(self) -> list[Note]:
        return [n for n in self.program.notes if month_key(n.date) == month_key(self.today)]

    @property
    def summaries_missing(self) -> list[tuple[PairFacts, str]]:
        return [(p, y) for p in self.pairs.values() for y in p.summaries_missing]


def derive(program: Program, today: date) -> Facts:
    s = program.settings
    year = s.year_of(today)
    items = d.focus_items(program.focus, program, today)
    by_id = {n.id: _note(n, program) for n in program.notes}
    pairs = {
        pid: _pair(program, pair, today, year, items, by_id)
        for pid, pair in sorted(program.pairs.items())
    }
    ratings = tuple(_rating(r) for r in program.ratings)
    staff = {m.id: _staff(program, m, pairs, items, ratings, by_id, today) for m in program.pms}
    newest = [
        by_id[n.id] for n in sorted(program.notes, key=lambda n: (n.date, n.id), reverse=True)
    ]
    return Facts(
        program=program,
        today=today,
        year=year,
        pairs=pairs,
        staff=staff,
        ratings=ratings,
        notes=by_id,
        safety=tuple(n for n in newest if n.escalation is not None),
        open_requests=tuple(sorted(d.open_requests(program.notes, today), key=lambda n: n.id)),
        late_notes=tuple(n for n in newest if n.late),
        operations=operations(program, today),
    )


def _note(note: Note, program: Program) -> NoteFacts:
    s = program.settings
    lag = d.logging_lag(note.date, note.logged)
    return NoteFacts(note, lag, d.late(lag, s), d.escalation(note, s))


def _pair(
    program: Program,
    pair: Pair,
    today: date,
    year: str,
    items: list[d.FocusItem],
    by_id: dict[str, NoteFacts],
) -> PairFacts:
    s = program.settings
    notes = program.pair_notes(pair.id)
    support = d.support_notes(notes)
    days = d.days_since_support(pair, notes, today)
    last = d.last_support(notes)
    calls = d.mentor_calls(notes, year, s)
    active = pair.status == "active"
    schedule = d.calls_due(calls, year, s, today, pair.matched_on, active)
    rows = program.participation_by_pair.get(pair.id, ())
    latest = notes[-1] if notes else None
    return PairFacts(
        pair=pair,
        notes=tuple(by_id[n.id] for n in notes),
        last_support=last,
        last_note=by_id[support[-1].id] if support else None,
        days=days,
        level=d.tracker_level(pair, days, s),
        since=d.since_support(days, last),
        calls=tuple(calls),
        schedule=tuple(schedule),
        behind=d.behind_on_calls(pair, schedule),
        summaries_missing=tuple(d.summaries_missing(pair, notes, s, today)),
        summaries_written=tuple(n.program_year or "" for n in notes if n.kind == "summary"),
        participation=rows,
        missed_weeks=d.missed_weeks(rows),
        concern=d.participation_concern(rows, s),
        focus=tuple(i for i in items if i.entry.pair == pair.id),
        open_requests=tuple(d.open_requests(notes, today)),
        latest=latest,
        plan=next((x for x in latest.sections if x.key == "plan"), None) if latest else None,
    )


def _rating(rating: Rating) -> RatingFacts:
    categories = {k: d.category_value(v) for k, v in sorted(rating.ratings.items())}
    return RatingFacts(rating, categories, d.quality_score(rating))


def _staff(
    program: Program,
    member: StaffMember,
    pairs: dict[str, PairFacts],
    items: list[d.FocusItem],
    ratings: tuple[RatingFacts, ...],
    by_id: dict[str, NoteFacts],
    today: date,
) -> StaffFacts:
    s = program.settings
    notes = program.authored(member.id)
    mine = [by_id[n.id] for n in notes]
    return StaffFacts(
        member=member,
        pairs=tuple(p for p in pairs.values() if p.pair.pm == member.id),
        notes=notes,
        late=tuple(n for n in mine if n.late),
        median_lag=d.median_lag([n.lag for n in mine]),
        months=tuple(d.monthly_hours(notes, s, today)),
        focus=tuple(i for i in items if i.list.staff == member.id),
        ratings=tuple(r for r in ratings if r.rating.staff == member.id),
    )
