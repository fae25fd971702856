"""The program's tables: the Note Tracker by PM, the rubric by year, the tags by month.

The rubric comes with the notes' evidence. One function each, read by the pages, the packets
and the `tracker` command alike.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from notesite.derive import measures as m
from notesite.derive.facts import Facts, PairFacts, RatingFacts
from notesite.text import month_key, month_range

# --- The program at a glance ----------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    """The home page's counts (its needs-attention lists: `attention.py`)."""

    pairs: int
    pms: int
    notes: int
    notes_this_month: int
    levels: dict[m.Level, int]  # every level, in LEVELS order
    on_tracker: int


def overview(facts: Facts) -> Overview:
    return Overview(
        pairs=len(facts.pairs),
        pms=len(facts.staff),
        notes=len(facts.program.notes),
        notes_this_month=len(facts.notes_this_month),
        levels=facts.level_counts,
        on_tracker=facts.on_tracker,
    )


# --- Note Tracker ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TrackerGroup:
    pm: str
    name: str | None  # None when the PM is not on the staff roster
    pairs: tuple[PairFacts, ...]  # most days without support first

    @property
    def title(self) -> str:
        return f"{self.name} ({self.pm})" if self.name else self.pm


def longest_first(pairs: list[PairFacts] | tuple[PairFacts, ...]) -> tuple[PairFacts, ...]:
    """Most days without support first; pair id among equals."""
    return tuple(sorted(pairs, key=lambda p: (-p.days, p.id)))


def tracker_groups(facts: Facts, pm: str | None = None) -> list[TrackerGroup]:
    """The Note Tracker (SPEC §9): active pairs at watch or stale, by PM (sorted by id),
    each PM's longest without support first. `pm`: only that PM's group."""
    by_pm: dict[str, list[PairFacts]] = defaultdict(list)
    mine = facts.staff[pm].pairs if pm in facts.staff else None  # a PM's own: by id too
    for p in facts.pairs.values() if mine is None else mine:
        if p.level in m.TRACKED and (pm is None or p.pair.pm == pm):
            by_pm[p.pair.pm].append(p)
    staff = facts.program.staff
    return [
        TrackerGroup(key, staff[key].name if key in staff else None, longest_first(found))
        for key, found in sorted(by_pm.items())
    ]


# --- Rubric ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """What a PM's notes of one program year show about the rubric's measurable indicators."""

    notes: int
    timely: int  # logged within log_within_days
    focus: int  # focus-list entries whose window has ended
    followed: int  # ... of which followed up
    major: int  # major safety notes
    escalated: int
    late: int  # escalated late


@dataclass(frozen=True)
class RubricYear:
    year: str
    ratings: tuple[RatingFacts, ...]  # by staff id
    means: dict[str, float]  # the organisation's mean per category (of unrounded values)
    score: float  # the mean score
    evidence: dict[str, Evidence]  # by staff id

    @property
    def commented(self) -> tuple[RatingFacts, ...]:
        return tuple(r for r in self.ratings if r.rating.comments)


def rubric_years(facts: Facts) -> list[RubricYear]:
    """Per program year, newest first: its ratings, the means per category and of the score
    (means of the unrounded values, like the score itself) and each PM's evidence."""
    by_year: dict[str, list[RatingFacts]] = defaultdict(list)
    for r in facts.ratings:
        by_year[r.rating.program_year].append(r)
    out = []
    for year, ratings in sorted(by_year.items(), reverse=True):
        means = {
            c: sum(r.categories[c] for r in ratings) / len(ratings)
            for c in facts.program.settings.categories
        }
        score = sum(r.score for r in ratings) / len(ratings)
        ordered = tuple(sorted(ratings, key=lambda r: r.rating.staff))
        evidence = {r.rating.staff: rubric_evidence(facts, r.rating.staff, year) for r in ordered}
        out.append(RubricYear(year, ordered, means, score, evidence))
    return out


def rubric_evidence(facts: Facts, staff: str, year: str) -> Evidence:
    """What a PM's notes of one program year show about the rubric's measurable indicators."""
    s = facts.program.settings
    notes = [n for n in facts.program.authored(staff) if s.year_of(n.date) == year]
    st = facts.staff.get(staff)
    focus = [f for f in (st.focus if st else ()) if f.ended and s.year_of(f.list.date) == year]
    major = [n for n in notes if n.kind == "safety" and n.severity == "major"]
    return Evidence(
        notes=len(notes),
        timely=sum(1 for n in notes if not m.logged_late(n, s)),
        focus=len(focus),
        followed=sum(1 for f in focus if f.followed_up),
        major=len(major),
        escalated=sum(1 for n in major if n.escalated_on is not None),
        late=sum(1 for n in major if m.escalated_late(n, s)),
    )


# --- Tags by month ---------------------------------------------------------------------------

HEAT_LEVELS = 4  # cells shade from heat-1 to heat-4 by their share of the busiest cell


@dataclass(frozen=True)
class TagRow:
    slug: str
    label: str
    counts: tuple[int, ...]  # per month
    heat: tuple[int, ...]  # per month: 0 for none, else 1..HEAT_LEVELS
    total: int

    @property
    def cells(self) -> list[tuple[int, int]]:
        """(count, heat) per month."""
        return list(zip(self.counts, self.heat, strict=True))


@dataclass(frozen=True)
class TagYearRow:
    """One tag in one program year: its total, then its months newest first."""

    slug: str
    label: str
    total: int
    cells: tuple[tuple[int, int], ...]  # (count, heat) per month, newest first


@dataclass(frozen=True)
class TagYear:
    """The tag counts of one program year, newest month first: the page shows the newest
    month and the year's total beside the category, so they are never scrolled out of view."""

    year: str
    months: tuple[str, ...]  # newest first
    rows: tuple[TagYearRow, ...]


@dataclass(frozen=True)
class TagTable:
    months: tuple[str, ...]  # every month from the first note's to the last's, empty ones too
    rows: tuple[TagRow, ...]  # one per tag, in the settings' order
    years: tuple[TagYear, ...] = ()  # the same counts by program year, newest first


def tag_table(facts: Facts) -> TagTable:
    """Per tag, the count of notes in each month (a note may carry several tags)."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for n in facts.program.notes:
        for t in n.tags:
            counts[(t, month_key(n.date))] += 1
    days = [n.date for n in facts.program.notes]
    months = tuple(month_range(min(days), max(days))) if days else ()
    table = [
        (tag, tuple(counts[(tag.slug, mo)] for mo in months)) for tag in facts.program.settings.tags
    ]
    top = max((v for _, values in table for v in values), default=0)
    rows = tuple(
        TagRow(
            tag.slug,
            tag.label,
            values,
            tuple(math.ceil(v * HEAT_LEVELS / top) if v else 0 for v in values),
            sum(values),
        )
        for tag, values in table
    )
    return TagTable(months, rows, _tag_years(months, rows, facts))


def _tag_years(
    months: tuple[str, ...], rows: tuple[TagRow, ...], facts: Facts
) -> tuple[TagYear, ...]:
    s = facts.program.settings
    index: dict[str, list[int]] = defaultdict(list)  # year -> month positions
    for i, mo in enumerate(months):
        index[s.year_of(date(int(mo[:4]), int(mo[5:]), 1))].append(i)
    out = []
    for year, positions in sorted(index.items(), reverse=True):
        newest = positions[::-1]
        out.append(
            TagYear(
                year,
                tuple(months[i] for i in newest),
                tuple(
                    TagYearRow(
                        r.slug,
                        r.label,
                        sum(r.counts[i] for i in newest),
                        tuple((r.counts[i], r.heat[i]) for i in newest),
                    )
                    for r in rows
                ),
            )
        )
    return tuple(out)
