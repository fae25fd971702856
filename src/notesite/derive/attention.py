"""The home page's "needs attention" counts and the lists they link to (SPEC §14).

Each list is made once here and read by the home page (its count), and by the follow-ups and
safety pages (its items, newest program year first). A count covers what a Program Director
can still act on: for late notes, late escalations, open requests, touch points made late and
notes that may need a safety note, the current program year only (older items stay visible
under their year on the list); for states that are true now (behind on a touch point, a
participation concern) the current state; a missing summary until it is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from notesite.derive.facts import Facts
from notesite.derive.measures import YearGroup, by_year
from notesite.text import noun

T = TypeVar("T")
Scope = Literal["year", "now", "all"]


@dataclass(frozen=True)
class Attention(Generic[T]):
    """One list: its anchor on its page, the words of its count, its items by program year."""

    key: str  # the list's id on its page, e.g. "late-notes"; a year's group is key-<year>
    page: str  # e.g. "follow-ups.html"
    one: str  # the count's words: one ...
    many: str  # ... and many
    scope: Scope
    year: str  # the current program year
    groups: tuple[YearGroup[T], ...]  # newest year first

    @property
    def href(self) -> str:
        return f"{self.page}#{self.key}"

    @property
    def count(self) -> int:
        """What the home page counts: this program year's items, or all of them."""
        if self.scope == "year":
            return sum(len(g.items) for g in self.groups if g.year == self.year)
        return self.total

    @property
    def total(self) -> int:
        return sum(len(g.items) for g in self.groups)

    @property
    def label(self) -> str:
        return noun(self.count, self.one, self.many)


@dataclass(frozen=True)
class Lists:
    """Every needs-attention list, each made once."""

    safety_flagged: Attention[Any]
    safety_review: Attention[Any]
    open_requests: Attention[Any]
    behind: Attention[Any]
    made_late: Attention[Any]
    summaries: Attention[Any]
    concerns: Attention[Any]
    late_notes: Attention[Any]

    @property
    def home(self) -> tuple[Attention[Any], ...]:
        """In the order the home page shows them."""
        return (
            self.safety_flagged,
            self.safety_review,
            self.open_requests,
            self.behind,
            self.made_late,
            self.summaries,
            self.concerns,
            self.late_notes,
        )


def lists(facts: Facts) -> Lists:
    s = facts.program.settings
    year = facts.year

    def make(
        key: str, page: str, one: str, many: str, scope: Scope, groups: tuple[YearGroup[Any], ...]
    ) -> Attention[Any]:
        return Attention(key, page, one, many, scope, year, groups)

    def now(items: Iterable[T]) -> tuple[YearGroup[T], ...]:
        found = tuple(items)
        return (YearGroup(year, found),) if found else ()

    return Lists(
        safety_flagged=make(
            "flagged",
            "safety.html",
            "major safety note unescalated or escalated late",
            "major safety notes unescalated or escalated late",
            "year",
            by_year(facts.safety_flagged, lambda n: s.year_of(n.note.date)),
        ),
        safety_review=make(
            "review",
            "safety.html",
            "note that may need a safety note",
            "notes that may need a safety note",
            "year",
            by_year(facts.safety_review, lambda r: s.year_of(r.note.date)),
        ),
        open_requests=make(
            "open-requests",
            "follow-ups.html",
            "open out-of-program request",
            "open out-of-program requests",
            "year",
            by_year(facts.open_requests, lambda r: s.year_of(r.note.date)),
        ),
        behind=make(
            "behind",
            "follow-ups.html",
            "pair behind on a touch point",
            "pairs behind on a touch point",
            "now",
            now(facts.behind),
        ),
        made_late=make(
            "made-late",
            "follow-ups.html",
            "touch point made late",
            "touch points made late",
            "year",
            by_year(facts.made_late, lambda x: x[1].year),
        ),
        summaries=make(
            "summaries",
            "follow-ups.html",
            "end-of-year summary missing",
            "end-of-year summaries missing",
            "all",
            by_year(sorted(facts.summaries_missing, key=lambda x: x[0].id), lambda x: x[1]),
        ),
        concerns=make(
            "participation",
            "follow-ups.html",
            "mentor participation concern",
            "mentor participation concerns",
            "now",
            now(facts.concerns),
        ),
        late_notes=make(
            "late-notes",
            "follow-ups.html",
            "note logged late",
            "notes logged late",
            "year",
            by_year(facts.late_notes, lambda n: s.year_of(n.note.date)),
        ),
    )
