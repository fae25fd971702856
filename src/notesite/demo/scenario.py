"""Decide, before any note is written, which situation each pair should show today.

Choosing the tracker level, missed mentor calls, missing summaries and the special safety and
out-of-program cases up front is what guarantees the demo surfaces every derived fact.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from notesite.demo.calendar import DEFAULTS, SUMMARY_DUE, Calendar, in_year, nearest_weekday
from notesite.demo.pairs import Pair

SPECIALS = ("late-escalation", "open-request", "minor-unescalated", "major-on-time", "double-day")


@dataclass(frozen=True)
class Situation:
    level: str  # ok | watch | stale | inactive
    cutoff: date  # date of the pair's last support note
    behind: bool = False  # skips the first mentor call of the current year
    missing_summary: bool = False
    concern: bool = False  # mentor participation ends in missed weeks
    specials: tuple[str, ...] = ()


def _pick(rng: random.Random, pool: list[Pair], k: int, taken: set[str]) -> list[Pair]:
    cands = [p for p in pool if p.id not in taken]
    chosen = rng.sample(cands, min(k, len(cands)))
    taken.update(p.id for p in chosen)
    return sorted(chosen, key=lambda p: p.id)


def _cutoff(rng: random.Random, p: Pair, level: str, today: date) -> date:
    """A weekday whose distance from today puts the pair at `level` on the tracker."""
    watch, stale = DEFAULTS.tracker.watch_after_days, DEFAULTS.tracker.stale_after_days
    bounds = {"ok": (0, watch), "watch": (watch + 1, stale), "stale": (stale + 1, 75)}
    bound_lo, bound_hi = bounds[level]
    if level == "ok":  # most ok pairs had support in the last week
        gap = min(rng.randint(0, 13), rng.randint(0, 13))
    else:
        gap = rng.randint(bound_lo + 1, bound_hi - 5)
    lo = max(p.matched_on, today - timedelta(days=bound_hi))
    hi = today - timedelta(days=bound_lo)
    return nearest_weekday(max(today - timedelta(days=gap), lo), lo, hi)


def _levels(rng: random.Random, active: list[Pair], today: date) -> dict[str, str]:
    n = len(active)
    taken: set[str] = set()
    old = [p for p in active if p.matched_on <= today - timedelta(days=80)]
    stale = _pick(rng, old, max(min(5, n // 6), round(0.11 * n)), taken)
    mid = [p for p in active if p.matched_on <= today - timedelta(days=35)]
    watch = _pick(rng, mid, max(min(6, n // 5), round(0.13 * n)), taken)
    levels = {p.id: "ok" for p in active}
    levels.update({p.id: "stale" for p in stale})
    levels.update({p.id: "watch" for p in watch})
    return levels


def _flags(rng: random.Random, active: list[Pair], cal: Calendar) -> dict[str, set[str]]:
    """Which active pairs are behind on calls, miss a summary, or show a participation concern."""
    flags: dict[str, set[str]] = {p.id: set() for p in active}
    first_due = cal.due_dates(cal.cur_start)[0]
    if cal.today > first_due:
        due_pool = [p for p in active if p.matched_on < first_due]
        for p in _pick(rng, due_pool, max(3, round(0.12 * len(active))), set()):
            flags[p.id].add("behind")
    summary_due = in_year(cal.prev_start, SUMMARY_DUE)
    if cal.today > summary_due:
        pool = [p for p in active if p.matched_on < summary_due]
        for p in _pick(rng, pool, max(3, round(0.04 * len(pool))), set()):
            flags[p.id].add("missing_summary")
    pool = [p for p in active if p.matched_on <= cal.today - timedelta(days=35)]
    for p in _pick(rng, pool, max(2, round(0.05 * len(active))), set()):
        flags[p.id].add("concern")
    return flags


def _specials(rng: random.Random, ok_old: list[Pair], n_pairs: int) -> dict[str, list[str]]:
    """Each special case goes to distinct well-established pairs at level ok."""
    out: dict[str, list[str]] = {}
    taken: set[str] = set()
    for name in SPECIALS:
        for p in _pick(rng, ok_old, max(1, n_pairs // 100), taken):
            out.setdefault(p.id, []).append(name)
    return out


def assign(rng: random.Random, pairs: list[Pair], cal: Calendar) -> dict[str, Situation]:
    """One Situation per pair id."""
    active = [p for p in pairs if p.status == "active"]
    levels = _levels(rng, active, cal.today)
    flags = _flags(rng, active, cal)
    ok_old = [
        p
        for p in active
        if levels[p.id] == "ok" and p.matched_on <= cal.today - timedelta(days=120)
    ]
    specials = _specials(rng, ok_old, len(pairs))
    out: dict[str, Situation] = {}
    for p in pairs:
        if p.status != "active":
            out[p.id] = Situation("inactive", p.end(cal.today))
            continue
        f = flags[p.id]
        out[p.id] = Situation(
            level=levels[p.id],
            cutoff=_cutoff(rng, p, levels[p.id], cal.today),
            behind="behind" in f,
            missing_summary="missing_summary" in f,
            concern="concern" in f,
            specials=tuple(specials.get(p.id, ())),
        )
    return out
