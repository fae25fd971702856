"""Plan each pair's notes: which type, on which day, about what.

The plan honours the pair's Situation: every support note falls on or before its cutoff (so
the tracker level comes out as chosen), notes stay inside the match period, and the required
mentor calls, summaries, safety and out-of-program cases are placed first.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from notesite.demo.calendar import SUMMARY_DUE, Calendar, in_year, nearest_weekday, year_label
from notesite.demo.pairs import Pair
from notesite.demo.scenario import Situation
from notesite.demo.text_support import SUPPORT_TOPICS

TYPE_ORDER = {"mentor-call": 0, "support": 1, "safety": 2, "out-of-program": 3, "summary": 4}


@dataclass(frozen=True)
class Draft:
    key: int
    day: date
    type: str
    topic: str
    program_year: str | None = None
    severity: str | None = None
    escalation_lag: int | None = None  # days to escalation; None: no escalation fields
    meeting: tuple[date, date, bool] | None = None  # requested_on, planned_for, approved
    follow_up_of: int | None = None  # key of the request draft
    late_due: date | None = None  # a mentor call held after this due date


def _days(d: int) -> timedelta:
    return timedelta(days=d)


class _Planner:
    """Collects drafts for one pair; lives only inside `plan_pair`."""

    def __init__(self, rng: random.Random, pair: Pair, sit: Situation, cal: Calendar) -> None:
        self.rng, self.pair, self.sit, self.cal = rng, pair, sit, cal
        self.drafts: list[Draft] = []

    def add(self, d: date, type_: str, topic: str, **kw: Any) -> int:
        key = len(self.drafts)
        self.drafts.append(replace(Draft(key, d, type_, topic), **kw))
        return key

    def day_in(self, lo: date, hi: date) -> date | None:
        """A random school day in [lo, hi], or a weekday near lo when no school day fits."""
        days = self.cal.days(lo, hi)
        if days:
            return self.rng.choice(days)
        return nearest_weekday(lo, lo, hi) if lo <= hi else None

    def grade_on(self, d: date) -> int:
        p = self.pair
        stayed = p.closed_on is None or p.closed_on >= self.cal.cur_start
        return (
            max(9, p.grade - 1)
            if d < self.cal.cur_start and stayed and not p.current_year
            else p.grade
        )

    def topic_for(self, d: date) -> str:
        grade = self.grade_on(d)
        fits = [
            t
            for t in SUPPORT_TOPICS
            if (not t.months or d.month in t.months) and (not t.grades or grade in t.grades)
        ]
        return self.rng.choice(fits).slug


def _milestones(pl: _Planner) -> None:
    """The match event, and the last support note on the cutoff (closing or pausing the match)."""
    p, cut = pl.pair, pl.sit.cutoff
    pl.add(
        nearest_weekday(p.matched_on + _days(pl.rng.randint(0, 7)), p.matched_on, cut),
        "support",
        "kickoff",
    )
    topic = {"closed": "closure", "paused": "pause"}.get(p.status) or pl.topic_for(cut)
    pl.add(cut, "support", topic)


def _mentor_calls(pl: _Planner) -> None:
    p, cal, cut = pl.pair, pl.cal, pl.sit.cutoff
    for ys in cal.year_starts():
        dues = cal.due_dates(ys)
        start = ys + _days(7)
        for k, due in enumerate(dues):
            lo, hi = max(start, p.matched_on + _days(3)), min(due, cut)
            start = due + _days(1)
            if due >= cal.today:
                if lo <= hi and pl.rng.random() < 0.2:
                    pl.add(pl.day_in(lo, hi) or hi, "mentor-call", f"mentor-call-{k + 1}")
                continue
            skip = pl.sit.behind and ys == cal.cur_start and k == 0
            if skip or lo > hi:
                nxt = dues[k + 1] if k + 1 < len(dues) else due + _days(45)
                late = pl.day_in(due + _days(3), min(nxt, cut, cal.today))
                if late and p.matched_on < due and pl.rng.random() < 0.5:
                    pl.add(late, "mentor-call", f"mentor-call-{k + 1}", late_due=due)
                continue
            if ys == cal.prev_start and pl.rng.random() < 0.06:
                continue  # an occasional missed call last year
            # PMs hold most calls in the weeks just before they are due
            pl.add(
                pl.day_in(max(lo, hi - _days(45)), hi) or hi, "mentor-call", f"mentor-call-{k + 1}"
            )


def _summaries(pl: _Planner) -> None:
    p, cal = pl.pair, pl.cal
    for ys in cal.year_starts():
        due = in_year(ys, SUMMARY_DUE)
        if cal.today <= due or p.matched_on >= due or p.end(cal.today) <= due:
            continue
        if pl.sit.missing_summary and ys == cal.prev_start:
            continue
        lo = max(p.matched_on + _days(1), date(due.year, 6, 1))
        d = pl.day_in(lo, due - _days(1)) or due - _days(1)
        pl.add(d, "summary", "summary", program_year=year_label(ys))


def _safety(pl: _Planner) -> None:
    p, rng, sit = pl.pair, pl.rng, pl.sit
    lo, hi = p.matched_on + _days(14), min(sit.cutoff - _days(1), pl.cal.today - _days(10))
    wanted: list[tuple[str, int | None]] = []
    if "late-escalation" in sit.specials:
        wanted.append(("major", rng.randint(3, 6)))
    if "major-on-time" in sit.specials:
        wanted.append(("major", 0))
    if "minor-unescalated" in sit.specials:
        wanted.append(("minor", None))
    if rng.random() < 0.15 and (hi - lo).days > 45:
        if rng.random() < 0.35:
            wanted.append(("major", rng.choices((0, 1, 2, 4), (55, 35, 6, 4))[0]))
        else:
            wanted.append(("minor", rng.choice((None, None, 0, 1))))
    for severity, lag in wanted:
        d = pl.day_in(lo, hi)
        if d is not None:
            pl.add(d, "safety", severity, severity=severity, escalation_lag=lag)


def _request(
    pl: _Planner, lo: date, hi: date, gap: tuple[int, int], approved: bool
) -> tuple[int, date] | None:
    r = pl.day_in(lo, hi)
    if r is None:
        return None
    requested = max(pl.pair.matched_on, r - _days(pl.rng.randint(0, 3)))
    planned = r + _days(pl.rng.randint(*gap))
    topic = "oop-approved" if approved else "oop-declined"
    return pl.add(r, "out-of-program", topic, meeting=(requested, planned, approved)), planned


def _out_of_program(pl: _Planner) -> None:
    """Requests: approved ones are followed up after the meeting; a declined one needs no
    follow-up (`approved: false` closes it). The `open-request` special leaves an approved
    one without a follow-up, and adds one whose meeting is still to come."""
    p, rng, cut = pl.pair, pl.rng, pl.sit.cutoff
    if "open-request" in pl.sit.specials:
        _request(pl, p.matched_on + _days(20), min(cut, pl.cal.today - _days(20)), (7, 12), True)
        _request(pl, cut - _days(6), cut, (24, 30), True)  # meets after today: upcoming
    if rng.random() < 0.14:
        approved = rng.random() < 0.8
        made = _request(pl, p.matched_on + _days(14), cut - _days(25), (6, 16), approved)
        if made is not None and approved:
            key, planned = made
            d = nearest_weekday(planned + _days(rng.randint(1, 5)), planned, cut)
            pl.add(d, "out-of-program", "oop-follow-up", follow_up_of=key)


def _fill(pl: _Planner, target: int) -> None:
    p, cut = pl.pair, pl.sit.cutoff
    days = pl.cal.days(p.matched_on + _days(1), cut - _days(1))
    if not days:
        return
    n = target - len(pl.drafts)
    for i in range(n):  # one note per equal slice of the match, so gaps stay realistic
        d = pl.rng.choice(days[i * len(days) // n : (i + 1) * len(days) // n] or days)
        pl.add(d, "support", pl.topic_for(d))
    if "double-day" in pl.sit.specials:
        d = pl.rng.choice(days)
        pl.add(d, "support", pl.topic_for(d))
        pl.add(d, "support", pl.topic_for(d))


def plan_pair(
    rng: random.Random, pair: Pair, sit: Situation, cal: Calendar, target: int
) -> list[tuple[str, Draft]]:
    """(note id, draft) pairs in file-name order; `target` is the wished-for note count."""
    pl = _Planner(rng, pair, sit, cal)
    _milestones(pl)
    _mentor_calls(pl)
    _summaries(pl)
    _safety(pl)
    _out_of_program(pl)
    _fill(pl, target)
    ordered = sorted(pl.drafts, key=lambda d: (d.day, TYPE_ORDER[d.type], d.key))
    seen: dict[tuple[date, str], int] = {}
    out = []
    for d in ordered:
        n = seen[(d.day, d.type)] = seen.get((d.day, d.type), 0) + 1
        suffix = f"-{n}" if n > 1 else ""
        out.append((f"{pair.id}/{d.day.isoformat()}-{d.type}{suffix}", d))
    return out
