"""YAML and CSV text for settings, staff, pairs, ratings and participation (hand-formatted).

Hand-formatting keeps the files the way a person would write them (block mappings, short
flow lists, unquoted dates) and can never produce anchors or aliases.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from notesite.class_calendar import ClassCalendar
from notesite.demo.calendar import (
    DEFAULTS,
    MENTOR_CALL_DUE,
    Calendar,
    in_year,
    nearest_weekday,
    year_label,
    year_start,
)
from notesite.demo.classes import class_days
from notesite.demo.pairs import CLOSURES, Pair
from notesite.demo.people import Roster, Staff
from notesite.demo.scenario import Situation

PROGRAM = "Harborview Mentoring Partnership"
RUBRIC = tuple(
    (c.slug, tuple(i.slug for i in c.indicators)) for c in DEFAULTS.rubric.categories
)  # the default rubric: categories and their indicators
COMMENTS = (
    "{name} keeps a focus list that is specific and updated after every check-in.",
    "Safety concerns were escalated promptly and documented clearly this year.",
    "Notes are thorough, but too many were logged over a week late; aim for same-week logging.",
    "{name} uses what school partners share to shape support, and the counselors notice.",
    "Coaching conversations with mentors could lean more on the curriculum.",
    "{name} asks for help early when a match gets complicated, which is exactly right.",
    "Match histories are read before support starts, and it shows in first contacts.",
)
Rows = list[tuple[date, str, str, str]]


def q(text: str) -> str:
    """A double-quoted YAML scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def settings_yaml() -> str:
    """Only what differs from the defaults: name, hours benchmark, mentor-call due dates, a
    mentee touch point, and the tags that ask for a safety note."""
    due = ", ".join(f'"{m:02d}-{d:02d}"' for m, d in MENTOR_CALL_DUE)
    return (
        f"program: {q(PROGRAM)}\n"
        "# The demo's PMs carry about 12 pairs each, so its benchmark is scaled down from 20.\n"
        "monthly_support_hours: 8\n"
        f"mentor_calls:\n  due: [{due}]\n"
        "# Besides the mentor calls, each mentee is reached by a support note by these dates.\n"
        "touch_points:\n"
        "  - id: mentee-check-ins\n"
        '    label: "Mentee check-ins"\n'
        "    with: mentee\n"
        "    type: support\n"
        '    due: ["10-31", "01-31", "04-30"]\n'
        "safety:\n"
        "  # Social-services notes here are about housing and food help, documented as support;\n"
        "  # risky behavior may be a safety concern, so those notes ask for a safety note.\n"
        "  review_tags: [risky-behavior]\n"
    )


def staff_yaml(roster: Roster) -> str:
    order = {"director": 0, "coordinator": 1, "pm": 2}
    lines = []
    for s in sorted(roster.staff, key=lambda s: (order[s.role], s.id)):
        lines += [f"- id: {s.id}", f"  name: {q(s.name)}", f"  role: {s.role}"]
        if s.manager:
            lines.append(f"  manager: {s.manager}")
        if not s.active:
            lines.append("  active: false")
    return "\n".join(lines) + "\n"


def pair_yaml(p: Pair) -> str:
    lines = [
        f"id: {p.id}",
        f"mentor: {{id: {p.mentor_id}, name: {q(p.mentor_name)}}}",
        f"mentee: {{id: {p.mentee_id}, name: {q(p.mentee_name)}, grade: {p.grade}}}",
        f"school: {q(p.school.name)}",
        f"cohort: {q(p.cohort)}",
        f"pm: {p.pm}",
    ]
    if p.history:
        lines.append("pm_history:")
        lines += [f"  - {{pm: {h.pm}, from: {h.start}, to: {h.end}}}" for h in p.history]
    lines += [f"matched_on: {p.matched_on}", f"status: {p.status}"]
    if p.closed_on:
        lines += [f"closed_on: {p.closed_on}", f"closure_reason: {q(CLOSURES[p.story.closure][0])}"]
    return "\n".join(lines) + "\n"


def _rating_lines(rng: random.Random, base: float) -> list[str]:
    def value() -> int:
        return max(1, min(3, round(rng.gauss(base, 0.6))))

    lines = ["ratings:"]
    for category, indicators in RUBRIC:
        if rng.random() < 0.5:
            lines.append(f"  {category}: {value()}")
        else:
            inner = ", ".join(f"{i}: {value()}" for i in indicators)
            lines.append(f"  {category}: {{{inner}}}")
    return lines


def ratings(rng: random.Random, roster: Roster, cal: Calendar) -> dict[str, str]:
    """One rubric rating per PM per program year whose rating season (Apr 15–Jun 12) is over."""
    out = {}
    for start in cal.year_starts():
        lo, hi = in_year(start, (4, 15)), in_year(start, (6, 12))
        if hi >= cal.today:
            continue
        label = year_label(start)
        pms = roster.pms_prev if start == cal.prev_start else roster.pms_now
        for pm in sorted(pms):
            staff: Staff = roster.by_id[pm]
            rated_on = nearest_weekday(lo + timedelta(days=rng.randint(0, (hi - lo).days)), lo, hi)
            comments = " ".join(
                c.format(name=staff.first) for c in rng.sample(COMMENTS, rng.randint(1, 2))
            )
            lines = [
                f"staff: {pm}",
                f"rater: {staff.manager}",
                f"program_year: {label}",
                f"rated_on: {rated_on}",
                *_rating_lines(rng, rng.uniform(1.9, 2.8)),
                f"comments: {q(comments)}",
            ]
            out[f"data/ratings/{label}/{pm}.yaml"] = "\n".join(lines) + "\n"
    return out


def _values(rng: random.Random, n: int, concern: bool) -> list[str]:
    """Mentor values for n weeks; a concern pair ends in missed weeks, others end on done."""
    vals = rng.choices(("done", "missed", "excused"), (86, 8, 6), k=n)
    if concern:
        for i in range(max(0, n - rng.randint(2, 3)), n):
            vals[i] = "missed"
    else:
        last = [i for i, v in enumerate(vals) if v != "excused"]
        if last and vals[last[-1]] == "missed":
            vals[last[-1]] = "done"
    return vals


LAPSE = 0.15  # active pairs whose mentor missed last week's lesson (reminders say so)


def _lapse(values: list[str]) -> None:
    """The last completed week missed, the one before it done: a miss, not a concern."""
    weeks = [i for i, v in enumerate(values) if v != "excused"]
    if weeks:
        values[weeks[-1]] = "missed"
    if len(weeks) > 1:
        values[weeks[-2]] = "done"


def _coming_back(
    seed: int, pairs: Sequence[Pair], sits: Mapping[str, Situation], cal: Calendar
) -> str | None:
    """One active pair whose mentor missed the two weeks before this one and has done this
    week's lesson: its escalation ended this week (the reminders page says: resume)."""
    found = sorted(
        p.id
        for p in pairs
        if p.status == "active"
        and not sits[p.id].concern
        and p.matched_on <= cal.today - timedelta(days=60)
    )
    return random.Random(f"{seed}:coming-back").choice(found) if found else None


def participation_rows(
    seed: int,
    pairs: Sequence[Pair],
    sits: Mapping[str, Situation],
    cal: Calendar,
    calendars: Mapping[str, ClassCalendar],
) -> Rows:
    """One row per pair per class day of its school's calendar, from its match to its end
    (or today). The week of today's latest class is still under way: a mentor who has not
    done its lesson yet has no row (pending), and about a third of those who did are not
    exported yet; a concern pair's run of misses is in the weeks before it."""
    rows: Rows = []
    back = _coming_back(seed, pairs, sits, cal)
    for p in pairs:
        rng = random.Random(f"{seed}:{p.id}:participation")
        weeks = class_days(calendars, p.school.name, p.matched_on, p.end(cal.today))
        under_way = p.status == "active" and bool(weeks)
        done = weeks[:-1] if under_way else weeks
        mentor = _values(rng, len(done), sits[p.id].concern)
        mentee = rng.choices(("done", "missed", "excused"), (84, 10, 6), k=len(weeks))
        if under_way and not sits[p.id].concern and rng.random() < LAPSE:
            _lapse(mentor)
        if p.id == back:
            mentor[-2:] = ["missed", "missed"]
        if under_way:
            last = rng.choices(("done", "missed", "excused"), (70, 24, 6))[0]
            exported = last == "excused" or (last == "done" and rng.random() < 0.65)
            if p.id == back:
                last, exported = "done", True
            mentor.append(last)
            if not exported:
                weeks, mentee, mentor = weeks[:-1], mentee[:-1], mentor[:-1]
        rows += zip(weeks, [p.id] * len(weeks), mentor, mentee, strict=True)
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def participation_csv(rows: Rows) -> dict[str, str]:
    """`data/participation/<year>.csv` texts, one per program year present."""
    files: dict[str, list[str]] = {}
    for week, pair, mentor, mentee in rows:
        label = year_label(year_start(week))
        files.setdefault(label, ["pair,week,mentor,mentee"]).append(
            f"{pair},{week},{mentor},{mentee}"
        )
    return {
        f"data/participation/{label}.csv": "\n".join(lines) + "\n" for label, lines in files.items()
    }
