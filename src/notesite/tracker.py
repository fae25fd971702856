"""`notesite tracker`: the Note Tracker as a plain-text table, for a terminal or an email.

The same facts as the site's tracker page (SPEC §9): active pairs at `watch` or `stale`,
grouped by their PM, the longest without support first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from notesite.derive.facts import Facts, PairFacts
from notesite.program import Program

LEVELS = ("stale", "watch")
HEADER = ("pair", "mentee", "mentor", "school", "days", "level", "last note")


@dataclass(frozen=True)
class Group:
    pm: str
    name: str | None  # None when the PM is not on the staff roster
    pairs: tuple[PairFacts, ...]  # most days first

    @property
    def title(self) -> str:
        return f"{self.name} ({self.pm})" if self.name else self.pm


def pm_ids(program: Program) -> set[str]:
    """The ids `--pm` accepts: every PM on the roster and every pair's current PM."""
    return {m.id for m in program.pms} | {p.pm for p in program.pairs.values()}


def groups(facts: Facts, pm: str | None = None) -> list[Group]:
    """The tracker's pairs by PM (PMs sorted by id), each PM's longest without support first."""
    by_pm: dict[str, list[PairFacts]] = defaultdict(list)
    for level in LEVELS:
        for p in facts.at_level(level):
            if pm is None or p.pair.pm == pm:
                by_pm[p.pair.pm].append(p)
    staff = facts.program.staff
    return [
        Group(
            pm=key,
            name=staff[key].name if key in staff else None,
            pairs=tuple(sorted(found, key=lambda p: (-p.days, p.id))),
        )
        for key, found in sorted(by_pm.items())
    ]


def row(p: PairFacts) -> tuple[str, ...]:
    last = p.last_support.isoformat() if p.last_support else "none"
    pair = p.pair
    return (pair.id, pair.mentee.name, pair.mentor.name, pair.school, str(p.days), p.level, last)


def _counts(pairs: tuple[PairFacts, ...] | list[PairFacts]) -> str:
    return ", ".join(f"{sum(1 for p in pairs if p.level == lv)} {lv}" for lv in LEVELS)


def format_tracker(facts: Facts, pm: str | None = None) -> str:
    """The whole report: a heading, then one table per PM (or a sentence saying none)."""
    tracker = facts.program.settings.tracker
    found = groups(facts, pm)
    everyone = [p for g in found for p in g.pairs]
    lines = [
        f"Note Tracker, {facts.today.isoformat()}: {_counts(everyone)}",
        f"(watch: no support for more than {tracker.watch_after_days} days; "
        f"stale: more than {tracker.stale_after_days} days)",
    ]
    if not found:
        whose = f"of {pm} " if pm else ""
        lines += ["", f"No active pair {whose}is at watch or stale."]
        return "\n".join(lines) + "\n"
    rows = [row(p) for p in everyone]
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    for group in found:
        lines += ["", f"{group.title}: {_counts(group.pairs)}", _line(HEADER, widths)]
        lines += [_line(row(p), widths) for p in group.pairs]
    return "\n".join(lines) + "\n"


def _line(cells: tuple[str, ...], widths: list[int]) -> str:
    days = HEADER.index("days")
    parts = [
        cell.rjust(width) if i == days else cell.ljust(width)
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
    ]
    return ("  " + "  ".join(parts)).rstrip()
