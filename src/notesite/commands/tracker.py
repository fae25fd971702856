"""`notesite tracker`: the Note Tracker as a plain-text table, for a terminal or an email.

The same facts as the site's tracker page (SPEC §9): active pairs at `watch` or `stale`,
grouped by their PM, the longest without support first.
"""

from __future__ import annotations

from notesite.derive.facts import Facts, PairFacts
from notesite.derive.measures import TRACKED
from notesite.derive.tables import tracker_groups
from notesite.printable import printable
from notesite.program import Program

HEADER = (
    "pair",
    "mentee",
    "mentor",
    "school",
    "days",
    "mentor days",
    "mentee days",
    "level",
    "last note",
)
NUMBERS = (4, 5, 6)  # right-aligned: days since support, since mentor and mentee contact


def pm_ids(program: Program) -> set[str]:
    """The ids `--pm` accepts: every PM on the roster and every pair's current PM."""
    return {m.id for m in program.pms} | {p.pm for p in program.pairs.values()}


def _days(n: int | None) -> str:
    return "none" if n is None else str(n)


def row(p: PairFacts) -> tuple[str, ...]:
    """The table's cells; names and schools come from files, so they are made printable."""
    last = p.last_support.isoformat() if p.last_support else "none"
    pair = p.pair
    names = (pair.mentee.name, pair.mentor.name, pair.school)
    return (
        pair.id,
        *(printable(n, one_line=True) for n in names),
        str(p.days),
        _days(p.days_mentor),
        _days(p.days_mentee),
        p.level,
        last,
    )


def _counts(pairs: tuple[PairFacts, ...] | list[PairFacts]) -> str:
    return ", ".join(f"{sum(1 for p in pairs if p.level == lv)} {lv}" for lv in TRACKED)


def format_tracker(facts: Facts, pm: str | None = None) -> str:
    """The whole report: a heading, then one table per PM (or a sentence saying none)."""
    tracker = facts.program.settings.tracker
    found = tracker_groups(facts, pm)
    everyone = [p for g in found for p in g.pairs]
    lines = [
        f"Note Tracker, {facts.today.isoformat()}: {_counts(everyone)}",
        f"(watch: no support for more than {tracker.watch_after_days} days; "
        f"stale: more than {tracker.stale_after_days} days)",
        "(mentor days, mentee days: since a support note reached the mentor, the mentee)",
    ]
    if not found:
        whose = f"of {pm} " if pm else ""
        lines += ["", f"No active pair {whose}is at watch or stale."]
        return "\n".join(lines) + "\n"
    rows = [row(p) for p in everyone]
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    for group in found:
        title = printable(group.title, one_line=True)
        lines += ["", f"{title}: {_counts(group.pairs)}", _line(HEADER, widths)]
        lines += [_line(row(p), widths) for p in group.pairs]
    return "\n".join(lines) + "\n"


def _line(cells: tuple[str, ...], widths: list[int]) -> str:
    parts = [
        cell.rjust(width) if i in NUMBERS else cell.ljust(width)
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
    ]
    return ("  " + "  ".join(parts)).rstrip()
