"""Gather the derived facts of every pair and PM once, for the pages and the JSON alike.

Computed once per build and then only read, so a page and `api/*.json` can never disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from notesite.derive import measures as d
from notesite.models import Pair, ParticipationRow, Rating, StaffMember
from notesite.program import Note, Program


@dataclass(frozen=True)
class PairFacts:
    pair: Pair
    notes: tuple[Note, ...]  # oldest first
    last_support: date | None
    last_note: Note | None  # the latest support note
    days: int
    level: d.Level
    calls: tuple[Note, ...]
    schedule: tuple[d.CallDue, ...]
    behind: bool
    summaries_missing: tuple[str, ...]
    participation: tuple[ParticipationRow, ...]
    concern: bool
    focus: tuple[d.FocusItem, ...]
    open_requests: tuple[Note, ...]

    @property
    def id(self) -> str:
        return self.pair.id


@dataclass(frozen=True)
class RatingFacts:
    rating: Rating
    categories: dict[str, float]  # unrounded
    score: float  # unrounded


@dataclass(frozen=True)
class StaffFacts:
    member: StaffMember
    pairs: tuple[PairFacts, ...]
    notes: tuple[Note, ...]  # authored, oldest first
    late: tuple[Note, ...]
    median_lag: float | None
    months: tuple[d.Month, ...]
    focus: tuple[d.FocusItem, ...]
    ratings: tuple[RatingFacts, ...]

    @property
    def level_counts(self) -> Counter[d.Level]:
        return Counter(p.level for p in self.pairs)

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
    safety: tuple[Note, ...]  # newest first
    open_requests: tuple[Note, ...]
    late_notes: tuple[Note, ...]

    def at_level(self, level: d.Level) -> list[PairFacts]:
        return [p for p in self.pairs.values() if p.level == level]

    @property
    def behind(self) -> list[PairFacts]:
        return [p for p in self.pairs.values() if p.behind]

    @property
    def concerns(self) -> list[PairFacts]:
        return [p for p in self.pairs.values() if p.concern]

    @property
    def safety_flagged(self) -> list[Note]:
        s = self.program.settings
        return [n for n in self.safety if d.unescalated(n) or d.escalated_late(n, s)]

    @property
    def notes_this_month(self) -> list[Note]:
        return [
            n
            for n in self.program.notes
            if (n.date.year, n.date.month) == (self.today.year, self.today.month)
        ]

    @property
    def summaries_missing(self) -> list[tuple[PairFacts, str]]:
        return [(p, y) for p in self.pairs.values() for y in p.summaries_missing]


def derive(program: Program, today: date) -> Facts:
    s = program.settings
    year = s.year_of(today)
    items = d.focus_items(program.focus, program, today)
    pairs = {
        pid: _pair(program, pair, today, year, items) for pid, pair in sorted(program.pairs.items())
    }
    ratings = tuple(_rating(r) for r in program.ratings)
    staff = {m.id: _staff(program, m, pairs, items, ratings) for m in program.pms}
    notes = sorted(program.notes, key=lambda n: (n.date, n.id), reverse=True)
    return Facts(
        program=program,
        today=today,
        year=year,
        pairs=pairs,
        staff=staff,
        ratings=ratings,
        safety=tuple(n for n in notes if n.kind == "safety"),
        open_requests=tuple(sorted(d.open_requests(program.notes, today), key=lambda n: n.id)),
        late_notes=tuple(n for n in notes if d.logged_late(n, s)),
    )


def _pair(
    program: Program, pair: Pair, today: date, year: str, items: list[d.FocusItem]
) -> PairFacts:
    s = program.settings
    notes = program.pair_notes(pair.id)
    support = d.support_notes(notes)
    days = d.days_since_support(pair, notes, today)
    calls = d.mentor_calls(notes, year, s)
    schedule = d.calls_due(calls, year, s, today, pair.matched_on)
    rows = program.participation_by_pair.get(pair.id, ())
    return PairFacts(
        pair=pair,
        notes=notes,
        last_support=d.last_support(notes),
        last_note=support[-1] if support else None,
        days=days,
        level=d.tracker_level(pair, days, s),
        calls=tuple(calls),
        schedule=tuple(schedule),
        behind=d.behind_on_calls(pair, schedule),
        summaries_missing=tuple(d.summaries_missing(pair, notes, s, today)),
        participation=rows,
        concern=d.participation_concern(rows, s),
        focus=tuple(i for i in items if i.entry.pair == pair.id),
        open_requests=tuple(d.open_requests(notes, today)),
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
) -> StaffFacts:
    s = program.settings
    notes = program.authored(member.id)
    return StaffFacts(
        member=member,
        pairs=tuple(p for p in pairs.values() if p.pair.pm == member.id),
        notes=notes,
        late=tuple(n for n in notes if d.logged_late(n, s)),
        median_lag=d.median_lag(notes),
        months=tuple(d.monthly_hours(notes, s)),
        focus=tuple(i for i in items if i.list.staff == member.id),
        ratings=tuple(r for r in ratings if r.rating.staff == member.id),
    )
