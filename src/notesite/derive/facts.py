"""Gather the derived facts of every note, pair and PM once, for the pages and the JSON alike.

Computed once per build and then only read, so a page, a packet, `notesite tracker` and
`api/*.json` can never disagree. Templates read these (and `tables`, `packets`) and decide
nothing: every count and status they print is here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from notesite.derive import measures as d
from notesite.derive import practice
from notesite.derive import touch_points as tp
from notesite.derive.operations import Operations, operations
from notesite.models import FocusList, Pair, ParticipationRow, Rating, StaffMember
from notesite.program import Note, Program, Section
from notesite.text import month_key


@dataclass(frozen=True, slots=True)
class NoteFacts:
    """A note and what it shows: its logging lag, whether that is late, its escalation."""

    note: Note
    lag: int  # days from the support to its logging (measures.logging_lag)
    late: bool  # logged more than log_within_days after the support
    escalation: d.Escalation | None  # safety notes only
    review: practice.SafetyReview | None = None  # "should this be a safety note?" (NS820)

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
    days_mentor: int | None  # since the latest support note reaching the mentor
    days_mentee: int | None  # ... the mentee
    touch: tuple[tp.TouchPointFacts, ...]  # this program year, the mentor calls first
    made_late: tuple[tp.MadeLate, ...]  # touch points made late, every year, newest first
    summaries_missing: tuple[str, ...]
    summaries_written: tuple[str, ...]  # program years with a summary note
    participation: tuple[ParticipationRow, ...]
    missed: d.MissedRun  # the mentor's latest weeks missed in a row
    concern: bool
    focus: tuple[d.FocusItem, ...]  # oldest first, by date
    open_requests: tuple[Note, ...]
    safety_review: tuple[practice.SafetyReview, ...]  # notes asking "a safety note?" (NS820)
    latest: Note | None  # the latest note of any type
    plan: Section | None  # the Plan section of `latest`, when it has one
    history: tuple[d.YearGroup[NoteFacts], ...]  # the notes by program year, newest first

    @property
    def id(self) -> str:
        return self.pair.id

    @property
    def is_active(self) -> bool:
        return self.pair.status == "active"

    @property
    def calls(self) -> tp.TouchPointFacts:
        """The mentor calls (SPEC §9): always the first touch point."""
        return self.touch[0]

    @property
    def behind_on(self) -> tuple[tp.TouchPointFacts, ...]:
        return tuple(t for t in self.touch if t.behind)

    @property
    def behind(self) -> bool:
        """Behind on any touch point (the mentor calls' own: `calls.behind`)."""
        return bool(self.behind_on)

    @property
    def focus_newest_first(self) -> list[d.FocusItem]:
        return list(reversed(self.focus))


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
    late_this_year: int  # of them, dated in the current program year
    median_lag: float | None
    months: tuple[d.Month, ...]
    focus: tuple[d.FocusItem, ...]
    ratings: tuple[RatingFacts, ...]
    focus_due: practice.FocusCadence | None  # no recent focus list (NS821)
    handed_over: tuple[practice.HandedOver, ...]  # pairs that left the PM recently

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
        """Months that count (applicable and over) and meet the benchmark."""
        return sum(1 for mo in self.months if mo.counted and mo.meets)

    @property
    def months_counted(self) -> int:
        return sum(1 for mo in self.months if mo.counted)

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
    open_requests: tuple[RequestFacts, ...]  # by note id
    upcoming: tuple[RequestFacts, ...]  # approved meetings today or later, soonest first
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
    def notes_this_month(self) -> list[NoteFacts]:
        """Notes dated in the calendar month of today, newest first."""
        month = month_key(self.today)
        found = [n for n in self.notes.values() if month_key(n.note.date) == month]
        return sorted(found, key=lambda n: (n.note.date, n.id), reverse=True)

    @property
    def summaries_missing(self) -> list[tuple[PairFacts, str]]:
        return [(p, y) for p in self.pairs.values() for y in p.summaries_missing]

    @property
    def made_late(self) -> list[tuple[PairFacts, tp.MadeLate]]:
        """Touch points made late, every pair and year, newest year first, then by pair."""
        found = [(p, m) for p in self.pairs.values() for m in p.made_late]
        return sorted(found, key=lambda x: (_desc(x[1].year), x[0].id, x[1].due.due))

    @property
    def safety_review(self) -> list[practice.SafetyReview]:
        """Notes asking "should this be a safety note?", newest first."""
        found = [r for p in self.pairs.values() for r in p.safety_review]
        return sorted(found, key=lambda r: (r.note.date, r.note.id), reverse=True)


def _desc(year: str) -> int:
    return -int(year[:4])


@dataclass(frozen=True, slots=True)
class RequestFacts:
    """An out-of-program request and who owns its follow-up: the pair's current PM."""

    note: Note
    pm: str

    @property
    def planned_for(self) -> date:
        assert self.note.meeting is not None
        return self.note.meeting.planned_for


def derive(program: Program, today: date) -> Facts:
    s = program.settings
    year = s.year_of(today)
    items = d.focus_items(program.focus, program, today)
    reviews = {
        r.note.id: r
        for pid in sorted(program.pairs)
        for r in practice.safety_review(program.pair_notes(pid), s)
    }
    by_id = {n.id: _note(n, program, reviews.get(n.id)) for n in program.notes}
    focus_by_pair = _group(items, lambda i: i.entry.pair)  # grouped once: 100,000 notes
    pairs = {
        pid: _pair(program, pair, today, focus_by_pair.get(pid, []), by_id)
        for pid, pair in sorted(program.pairs.items())
    }
    ratings = tuple(_rating(r) for r in program.ratings)
    index = _StaffIndex.of(program, pairs, items, ratings)
    staff = {m.id: _staff(program, m, index, by_id, today) for m in program.pms}
    newest = [
        by_id[n.id] for n in sorted(program.notes, key=lambda n: (n.date, n.id), reverse=True)
    ]

    def owned(notes: list[Note]) -> tuple[RequestFacts, ...]:
        return tuple(RequestFacts(n, program.pairs[n.pair].pm) for n in notes)

    return Facts(
        program=program,
        today=today,
        year=year,
        pairs=pairs,
        staff=staff,
        ratings=ratings,
        notes=by_id,
        safety=tuple(n for n in newest if n.escalation is not None),
        open_requests=owned(sorted(d.open_requests(program.notes, today), key=lambda n: n.id)),
        upcoming=owned(d.upcoming_meetings(program.notes, today)),
        late_notes=tuple(n for n in newest if n.late),
        operations=operations(program, today),
    )


def pair_with_notes(facts: Facts, pid: str, notes: Iterable[Note]) -> PairFacts:
    """What `derive` makes of pair `pid` were its notes `notes`, all else as in `facts`.

    A pair's facts come from the settings, today, the pair, its notes, its participation
    rows and the focus lists naming it (render/digest.pair_tokens digests the same), so
    `serve` can show an edited note's pair page before the whole site is built again
    (preview.py); tests/integration/test_preview.py holds it equal to a full build."""
    full = facts.program
    pair = full.pairs[pid]
    lists = tuple(f for f in full.focus if any(e.pair == pid for e in f.pairs))
    alone = Program(
        settings=full.settings,
        staff=full.staff,
        pairs={pid: pair},
        notes=tuple(n for n in notes if n.pair == pid),
        focus=lists,
        participation=full.participation_by_pair.get(pid, ()),
        calendars=full.calendars,
        rendered=full.rendered,
    )
    items = [i for i in d.focus_items(lists, alone, facts.today) if i.entry.pair == pid]
    reviews = {r.note.id: r for r in practice.safety_review(alone.pair_notes(pid), full.settings)}
    by_id = {n.id: _note(n, alone, reviews.get(n.id)) for n in alone.notes}
    return _pair(alone, pair, facts.today, items, by_id)


def _note(note: Note, program: Program, review: practice.SafetyReview | None) -> NoteFacts:
    s = program.settings
    lag = d.logging_lag(note.date, note.logged)
    return NoteFacts(note, lag, d.late(lag, s), d.escalation(note, s), review)


def _pair(
    program: Program,
    pair: Pair,
    today: date,
    items: list[d.FocusItem],  # the focus items naming this pair
    by_id: dict[str, NoteFacts],
) -> PairFacts:
    s = program.settings
    notes = program.pair_notes(pair.id)
    support = d.support_notes(notes)
    days = d.days_since_support(pair, notes, today)
    last = d.last_support(notes)
    active = pair.status == "active"
    rows = program.participation_by_pair.get(pair.id, ())
    latest = notes[-1] if notes else None
    focus = sorted(items, key=lambda i: (i.list.date, i.list.staff))
    years = d.years_between(pair.matched_on, today, s)
    return PairFacts(
        pair=pair,
        notes=tuple(by_id[n.id] for n in notes),
        last_support=last,
        last_note=by_id[support[-1].id] if support else None,
        days=days,
        level=d.tracker_level(pair, days, s),
        since=d.since_support(days, last),
        days_mentor=tp.days_since_contact(notes, "mentor", today),
        days_mentee=tp.days_since_contact(notes, "mentee", today),
        touch=tp.touch_points(notes, s, today, pair.matched_on, active),
        made_late=tp.made_late(notes, s, today, pair.matched_on, years),
        summaries_missing=tuple(d.summaries_missing(pair, notes, s, today)),
        summaries_written=tuple(n.program_year or "" for n in notes if n.kind == "summary"),
        participation=rows,
        missed=d.missed_run(rows),
        concern=d.participation_concern(rows, s),
        focus=tuple(focus),
        open_requests=tuple(d.open_requests(notes, today)),
        safety_review=tuple(r for n in notes if (r := by_id[n.id].review) is not None),
        latest=latest,
        plan=next((x for x in latest.sections if x.key == "plan"), None) if latest else None,
        history=d.by_year([by_id[n.id] for n in reversed(notes)], lambda n: s.year_of(n.note.date)),
    )


def _applicable(program: Program, notes: tuple[Note, ...], today: date) -> frozenset[str]:
    """The months the hours benchmark applies to, over the years of the PM's notes."""
    s = program.settings
    first = min((n.date for n in notes), default=today)
    return d.benchmark_months(program, d.years_between(first, today, s))


def _rating(rating: Rating) -> RatingFacts:
    categories = {k: d.category_value(v) for k, v in sorted(rating.ratings.items())}
    return RatingFacts(rating, categories, d.quality_score(rating))


K = TypeVar("K")
V = TypeVar("V")


def _group(values: Iterable[V], key: Callable[[V], K]) -> dict[K, list[V]]:
    """`values` by key, each list in the order of `values` (so filtering one list by key
    gives the same list)."""
    found: dict[K, list[V]] = {}
    for v in values:
        found.setdefault(key(v), []).append(v)
    return found


@dataclass(frozen=True)
class _StaffIndex:
    """What each PM's facts are drawn from, grouped by PM once instead of searched for each
    PM (at 100,000 notes, 800 PMs by 10,000 pairs made derive quadratic)."""

    pairs: dict[str, list[PairFacts]]  # by current PM, in id order
    current: dict[str, list[Pair]]  # the pairs each PM supports now
    handed: dict[str, list[Pair]]  # the pairs each PM had in their pm_history
    focus: dict[str, list[d.FocusItem]]
    lists: dict[str, list[FocusList]]
    ratings: dict[str, list[RatingFacts]]

    @classmethod
    def of(
        cls,
        program: Program,
        pairs: dict[str, PairFacts],
        items: list[d.FocusItem],
        ratings: tuple[RatingFacts, ...],
    ) -> _StaffIndex:
        every = list(program.pairs.values())
        handed: dict[str, list[Pair]] = {}
        for pair in every:
            for pm in dict.fromkeys(period.pm for period in pair.pm_history):
                handed.setdefault(pm, []).append(pair)
        return cls(
            pairs=_group(pairs.values(), lambda p: p.pair.pm),
            current=_group(every, lambda p: p.pm),
            handed=handed,
            focus=_group(items, lambda i: i.list.staff),
            lists=_group(program.focus, lambda f: f.staff),
            ratings=_group(ratings, lambda r: r.rating.staff),
        )


def _staff(
    program: Program,
    member: StaffMember,
    index: _StaffIndex,
    by_id: dict[str, NoteFacts],
    today: date,
) -> StaffFacts:
    s = program.settings
    notes = program.authored(member.id)
    mine = [by_id[n.id] for n in notes]
    sid = member.id
    return StaffFacts(
        member=member,
        pairs=tuple(index.pairs.get(sid, ())),
        notes=notes,
        late=tuple(n for n in mine if n.late),
        late_this_year=sum(
            1 for n in mine if n.late and s.year_of(n.note.date) == s.year_of(today)
        ),
        median_lag=d.median_lag([n.lag for n in mine]),
        months=tuple(d.monthly_hours(notes, s, today, _applicable(program, notes, today))),
        focus=tuple(index.focus.get(sid, ())),
        ratings=tuple(index.ratings.get(sid, ())),
        focus_due=practice.focus_overdue(
            member, index.current.get(sid, ()), index.lists.get(sid, ()), s, today
        ),
        handed_over=tuple(
            practice.handed_over(index.handed.get(sid, ()), sid, today, s.handoff_days)
        ),
    )
