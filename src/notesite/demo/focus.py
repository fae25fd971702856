"""Focus lists: the pairs each PM chose at check-in meetings this program year.

Entries are picked after the notes exist, so a rationale can cite real facts (a missed call,
a recent safety note, a long gap) and most entries are followed up by a note in their window.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from notesite.demo.calendar import Calendar, prose
from notesite.demo.notes import NoteMeta
from notesite.demo.pairs import Pair
from notesite.demo.people import Roster
from notesite.demo.records import q
from notesite.demo.scenario import Situation
from notesite.derive.operations import Escalation
from notesite.derive.packets import RECENT_DAYS  # "recent" as the check-in packet counts it

FOCUS_WITHIN = timedelta(days=14)  # participation.focus_within_days, the default

GENERIC = (
    (
        "{mentee} asked for help finding a summer program in {interest}.",
        "Send {mentee} two program options",
    ),
    (
        "The {subject} grade slipped on the last progress report.",
        "Look at the grade portal with {mentee} in class",
    ),
    (
        "{mentor} asked for ideas to keep conversations going.",
        "Share two curriculum prompts with {mentor}",
    ),
    (
        "Messaging has been one-sided; {mentee} replies slowly.",
        "Observe the pair in class and give feedback",
    ),
    ("Pair is doing well; a possible example for the mentor newsletter.", ""),
    (
        "{mentee} mentioned stress about {activity} and school together.",
        "Check in with {mentee} after class",
    ),
)


def _check_ins(rng: random.Random, cal: Calendar, joined: date | None) -> list[date]:
    """Mondays every two to four weeks from the second week of the program year to today."""
    d = max(cal.cur_start + timedelta(days=7), joined or cal.cur_start)
    d += timedelta(days=(7 - d.weekday()) % 7)
    out = []
    while d <= cal.today:
        out.append(d)
        d += timedelta(days=7 * rng.choice((2, 3, 3, 4)))
    return out


def _rationale(
    p: Pair,
    d: date,
    notes: Sequence[NoteMeta],
    weeks: Sequence[tuple[date, str]],
    sit: Situation,
    cal: Calendar,
    rng: random.Random,
) -> tuple[str, str]:
    """(rationale, goal) from the first fact that applies to the pair on day `d`."""
    ctx = {
        "mentee": p.mentee_first,
        "mentor": p.mentor_first,
        "interest": p.story.interest,
        "subject": p.story.subjects[0],
        "activity": p.story.activity,
    }
    before = [n for n in notes if n.day < d]
    due = cal.due_dates(cal.cur_start)[0]
    calls = [n for n in before if n.type == "mentor-call" and n.day >= cal.cur_start]
    recent = [m for w, m in weeks if w < d][-4:]
    if (d - p.matched_on).days <= 28:
        return (
            f"New match since {prose(p.matched_on)}; the first weeks set the tone.",
            "Confirm both have logged in and exchanged messages",
        )
    if sit.behind and d > due and not calls:
        return (
            f"Fall check-in call with {p.mentor_first} not held yet; it was due {prose(due)}.",
            f"Hold the call with {p.mentor_first}",
        )
    safety = [n for n in before if n.type == "safety" and (d - n.day).days <= RECENT_DAYS]
    if safety:
        return (
            f"Follow-up after the safety note of {prose(safety[-1].day)}.",
            f"Check in with {p.mentee_first} and the school counselor",
        )
    if before and (d - before[-1].day).days > 21:
        return (
            f"No support logged since {prose(before[-1].day)}.",
            f"Reach {p.mentor_first} or {p.mentee_first} this week",
        )
    if recent.count("missed") >= 2:
        return (
            f"{p.mentor_first} missed {recent.count('missed')} of the last {len(recent)} classes.",
            f"Agree on an attendance plan with {p.mentor_first}",
        )
    text, goal = rng.choice(GENERIC)
    return text.format_map(ctx), goal.format_map(ctx)


def _pick(
    rng: random.Random,
    caseload: list[Pair],
    notes: Mapping[str, Sequence[NoteMeta]],
    lo: date,
    hi: date,
) -> list[Pair]:
    """2–5 pairs, about four in five of them ones that got a note in [lo, hi]."""
    hit = [p for p in caseload if any(lo <= n.day <= hi for n in notes[p.id])]
    miss = [p for p in caseload if p not in hit]
    chosen: list[Pair] = []
    for _ in range(rng.randint(2, min(5, len(caseload)))):
        pool = hit if (hit and rng.random() < 0.8) or not miss else miss
        chosen.append(pool.pop(rng.randrange(len(pool))))
    return chosen


def escalations_to_list(
    pairs: Sequence[Pair], escalated: Mapping[str, Sequence[Escalation]], cal: Calendar
) -> tuple[dict[str, list[tuple[Pair, Escalation]]], tuple[str, date, date] | None]:
    """The current year's escalations of active pairs, by the PM who should list them, and
    the one left off: the last to start among those whose window has passed (the demo's
    NS823, an escalation that missed the focus list) as (pair, start, window end)."""
    found = [
        (p, e)
        for p in pairs
        if p.status == "active"
        for e in escalated.get(p.id, ())
        if cal.cur_start <= e.start <= cal.today
    ]
    passed = [(p, e) for p, e in found if e.start + FOCUS_WITHIN < cal.today]
    missed = max(passed, key=lambda pe: (pe[1].start, pe[0].id), default=None)
    out: dict[str, list[tuple[Pair, Escalation]]] = {}
    for p, e in sorted(found, key=lambda pe: (pe[1].start, pe[0].id)):
        if (p, e) != missed:
            out.setdefault(p.pm_on(e.start), []).append((p, e))
    left_off = (missed[0].id, missed[1].start, missed[1].start + FOCUS_WITHIN) if missed else None
    return out, left_off


def _escalation_dates(
    dates: list[date], escalations: Sequence[tuple[Pair, Escalation]], today: date
) -> tuple[list[date], dict[date, list[tuple[Pair, Escalation]]]]:
    """Check-in dates with a list naming each escalation in time: the first check-in in its
    window; when there is none and the window has passed, an extra one on the first Monday
    after it started. (While the window is open, the escalation waits for the next one.)"""
    days = set(dates)
    forced: dict[date, list[tuple[Pair, Escalation]]] = {}
    for p, e in escalations:
        due = e.start + FOCUS_WITHIN
        when = next((d for d in sorted(days) if e.start <= d <= due), None)
        if when is None:
            if due >= today:
                continue  # the window is still open: the next check-in will list it
            when = e.start + timedelta(days=(7 - e.start.weekday()) % 7)
            days.add(when)
        forced.setdefault(when, []).append((p, e))
    return sorted(days), forced


def _escalation_entry(p: Pair, e: Escalation) -> list[str]:
    why = (
        f"Escalated by the Operations Coordinator: {p.mentor_first} missed two classes "
        f"in a row (the second on {prose(e.run_week)})."
    )
    goal = f"Call {p.mentor_first} and agree how to catch up on the lessons"
    return [f"  - pair: {p.id}", f"    rationale: {q(why)}", f"    goal: {q(goal)}"]


def focus_lists(
    seed: int,
    pairs: Sequence[Pair],
    sits: Mapping[str, Situation],
    notes: Mapping[str, Sequence[NoteMeta]],
    mentor_weeks: Mapping[str, Sequence[tuple[date, str]]],
    roster: Roster,
    cal: Calendar,
    escalated: Mapping[str, Sequence[Escalation]],
) -> dict[str, str]:
    """`data/focus/<pm>/<date>.yaml` texts for every PM working today; the pairs the
    Operations Coordinator escalated go on their PM's next list (all but one)."""
    out = {}
    to_list, left_off = escalations_to_list(pairs, escalated, cal)
    for pm in sorted(roster.pms_now):
        rng = random.Random(f"{seed}:{pm}:focus")
        dates, forced = _escalation_dates(
            _check_ins(rng, cal, roster.by_id[pm].joined), to_list.get(pm, []), cal.today
        )
        for i, d in enumerate(dates):
            nxt = dates[i + 1] if i + 1 < len(dates) and rng.random() < 0.6 else None
            caseload = [
                p
                for p in pairs
                if p.status == "active"
                and p.pm_on(d) == pm
                and p.matched_on <= d
                and not (left_off and p.id == left_off[0] and left_off[1] <= d <= left_off[2])
            ]
            if len(caseload) < 2:
                continue
            lines = (
                [f"staff: {pm}", f"date: {d}"]
                + ([f"next_check_in: {nxt}"] if nxt else [])
                + ["pairs:"]
            )
            urgent = forced.get(d, [])
            for p, e in urgent:
                lines += _escalation_entry(p, e)
            listed = {p.id for p, _ in urgent}
            for p in _pick(rng, caseload, notes, d, nxt or d + timedelta(days=7)):
                if p.id in listed:
                    continue
                why, goal = _rationale(p, d, notes[p.id], mentor_weeks[p.id], sits[p.id], cal, rng)
                lines += [f"  - pair: {p.id}", f"    rationale: {q(why)}"]
                if goal and rng.random() < 0.75:
                    lines.append(f"    goal: {q(goal)}")
            out[f"data/focus/{pm}/{d}.yaml"] = "\n".join(lines) + "\n"
    return out
