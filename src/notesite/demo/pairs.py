"""The demo's mentor–mentee pairs: match dates, statuses, PM assignments and handoffs."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from notesite.demo.calendar import Calendar, nearest_weekday
from notesite.demo.people import (
    ACTIVITIES,
    CITIES,
    COLLEGES,
    FIELDS,
    GUARDIANS,
    INTERESTS,
    MENTEE_NAMES,
    SCHOOLS,
    SUBJECTS,
    Roster,
    School,
    unique_names,
)

#: closure key -> (closure_reason written to the pair file, sentence for the closing note)
CLOSURES = {
    "graduated": (
        "Mentee graduated",
        "{mentee} graduated from {school} this month, and the match completes the program.",
    ),
    "moved": (
        "Mentee's family moved out of state",
        "{mentee}'s family moves out of state at the end of {month}, so {mentee} leaves {school}.",
    ),
    "relocated": (
        "Mentor relocated for work",
        "{mentor} has accepted a job in {city} and is moving before the end of {month}.",
    ),
    "transferred": (
        "Mentee transferred to a school outside the program",
        "{mentee} is transferring to a school that does not offer the program.",
    ),
    "schedule": (
        "Mentor withdrew: new work schedule conflicts with class",
        "{mentor}'s new schedule in {field} conflicts with every class time the program offers.",
    ),
}
PAUSES = (
    "{mentor} is starting a six-week work assignment abroad and cannot attend class until it ends.",
    "{mentee} is on medical leave from school for several weeks after a planned surgery.",
    "{mentor} is starting parental leave and asked to pause the match rather than close it.",
)


@dataclass(frozen=True)
class Handoff:
    pm: str
    start: date
    end: date


@dataclass(frozen=True)
class Story:
    """Facts that recur across a pair's notes so its history reads as one story."""

    interest: str
    activity: str
    field: str
    city: str
    guardian: str
    subjects: tuple[str, str]
    colleges: tuple[str, str]
    closure: str = ""  # key of CLOSURES
    pause: int = 0  # index into PAUSES


@dataclass(frozen=True)
class Pair:
    id: str
    mentor_id: str
    mentor_name: str
    mentee_id: str
    mentee_name: str
    grade: int
    cohort: str
    school: School
    matched_on: date
    story: Story
    current_year: bool  # matched in the current program year
    pm: str = ""
    history: tuple[Handoff, ...] = ()
    status: str = "active"
    closed_on: date | None = None
    paused_since: date | None = None

    @property
    def mentee_first(self) -> str:
        return self.mentee_name.split()[0]

    @property
    def mentor_first(self) -> str:
        return self.mentor_name.split()[0]

    def end(self, today: date) -> date:
        """Last day the pair can have notes or class weeks."""
        return self.closed_on or self.paused_since or today

    def pm_on(self, d: date) -> str:
        for h in self.history:
            if h.start <= d <= h.end:
                return h.pm
        return self.pm


def _story(rng: random.Random) -> Story:
    s1, s2 = rng.sample(SUBJECTS, 2)
    c1, c2 = rng.sample(COLLEGES, 2)
    return Story(
        rng.choice(INTERESTS),
        rng.choice(ACTIVITIES),
        rng.choice(FIELDS),
        rng.choice(CITIES),
        rng.choice(GUARDIANS),
        (s1, s2),
        (c1, c2),
        pause=rng.randrange(len(PAUSES)),
    )


def _matched_on(rng: random.Random, cal: Calendar, current: bool) -> date:
    if current:
        lo, hi = (
            cal.cur_start + timedelta(days=7),
            min(cal.cur_start + timedelta(days=30), cal.today - timedelta(days=21)),
        )
    elif rng.random() < 0.7:
        lo, hi = cal.prev_start + timedelta(days=9), cal.prev_start + timedelta(days=60)
    else:
        lo, hi = cal.prev_start + timedelta(days=61), date(cal.prev_start.year + 1, 3, 31)
    d = lo + timedelta(days=rng.randint(0, (hi - lo).days))
    return nearest_weekday(d, lo, hi)


def _new_pair(
    rng: random.Random, i: int, cal: Calendar, mentor: str, schools: tuple[School, ...]
) -> Pair:
    can_current = cal.cur_start + timedelta(days=7) <= cal.today - timedelta(days=21)
    current = can_current and rng.random() < 0.3
    if current:
        grade = rng.choices((9, 10, 11, 12), (55, 25, 12, 8))[0]
        cohort = cal.cur_start.year + 13 - grade
    else:
        grade = rng.choices((9, 10, 11, 12), (42, 33, 19, 6))[0]
        cohort = cal.prev_start.year + 13 - grade
        grade = min(grade + 1, 12)  # now one grade up (graduates are closed below)
    initial = rng.choice("ABCDEFGHJKLMNOPRSTVW")
    return Pair(
        id=f"p-{i:04d}",
        mentor_id=f"mr-{i:04d}",
        mentor_name=mentor,
        mentee_id=f"me-{i:04d}",
        mentee_name=f"{rng.choice(MENTEE_NAMES)} {initial}.",
        grade=grade,
        cohort=str(cohort),
        school=rng.choice(schools),
        matched_on=_matched_on(rng, cal, current),
        story=_story(rng),
        current_year=current,
    )


def _close(p: Pair, on: date, key: str, grade: int) -> Pair:
    story = replace(p.story, closure=key)
    return replace(p, status="closed", closed_on=on, story=story, grade=grade)


def _window(rng: random.Random, lo: date, hi: date) -> date | None:
    if hi < lo:
        return None
    return nearest_weekday(lo + timedelta(days=rng.randint(0, (hi - lo).days)), lo, hi)


def _close_date(rng: random.Random, p: Pair, cal: Calendar) -> tuple[date, int] | None:
    """(closed_on, grade then): last spring for most earlier matches, else this fall."""
    june = date(cal.cur_start.year, 6, 1)
    if not p.current_year and rng.random() < 0.6:
        on = _window(rng, p.matched_on + timedelta(days=60), june - timedelta(days=3))
        if on is not None:
            return on, p.grade - 1
    lo = max(cal.cur_start + timedelta(days=21), p.matched_on + timedelta(days=30))
    on = _window(rng, lo, cal.today - timedelta(days=7))
    return None if on is None else (on, p.grade)


def _statuses(rng: random.Random, pairs: list[Pair], cal: Calendar) -> list[Pair]:
    """Graduates close in June; a few others close or pause; the rest stay active."""
    june = date(cal.cur_start.year, 6, 1)
    for i, p in enumerate(pairs):
        if not p.current_year and int(p.cohort) == cal.cur_start.year:
            day = june + timedelta(days=rng.randint(8, 16))
            last = nearest_weekday(day, june, june + timedelta(days=18))
            pairs[i] = _close(p, last, "graduated", 12)
    few = max(min(2, len(pairs) // 10), round(0.05 * len(pairs)))
    open_ = [i for i, p in enumerate(pairs) if p.status == "active"]
    for i in sorted(rng.sample(open_, min(few, len(open_)))):
        key = rng.choice(("moved", "relocated", "transferred", "schedule"))
        closing = _close_date(rng, pairs[i], cal)
        if closing is not None:
            pairs[i] = _close(pairs[i], closing[0], key, closing[1])
    settled = cal.today - timedelta(days=45)
    open_ = [i for i, p in enumerate(pairs) if p.status == "active" and p.matched_on <= settled]
    for i in sorted(rng.sample(open_, min(few, len(open_)))):
        p = pairs[i]
        lo = max(cal.cur_start + timedelta(days=14), p.matched_on + timedelta(days=21))
        on = _window(rng, lo, cal.today - timedelta(days=10))
        if on is not None:
            pairs[i] = replace(p, status="paused", paused_since=on)
    return pairs


def _assign_pms(rng: random.Random, pairs: list[Pair], roster: Roster) -> list[Pair]:
    """Spread pairs evenly; new hires take extra new matches."""
    hires = [new for _, new in roster.replacements]
    prev = [i for i, p in enumerate(pairs) if not p.current_year]
    cur = [i for i, p in enumerate(pairs) if p.current_year]
    rng.shuffle(prev)
    rng.shuffle(cur)
    now_pool = list(roster.pms_now) + hires
    for j, i in enumerate(prev):
        pairs[i] = replace(pairs[i], pm=roster.pms_prev[j % len(roster.pms_prev)])
    for j, i in enumerate(cur):
        pairs[i] = replace(pairs[i], pm=now_pool[j % len(now_pool)])
    return pairs


def _handoffs(rng: random.Random, pairs: list[Pair], roster: Roster, cal: Calendar) -> list[Pair]:
    """The departed PM's open pairs go to their replacement; a few are rebalanced in September."""
    left_on = cal.departure()
    successor = dict(roster.replacements)
    for i, p in enumerate(pairs):
        if p.pm in successor and not (p.closed_on and p.closed_on <= left_on):
            pairs[i] = replace(
                p, pm=successor[p.pm], history=(Handoff(p.pm, p.matched_on, left_on),)
            )
    cands = [
        i
        for i, p in enumerate(pairs)
        if not p.current_year
        and not p.history
        and p.pm not in successor
        and not (p.closed_on and p.closed_on < cal.cur_start)
    ]
    n_moves = max(min(2, len(pairs) // 12), round(0.05 * len(pairs)))
    for i in sorted(rng.sample(cands, min(n_moves, len(cands)))):
        p = pairs[i]
        others = [pm for pm in roster.pms_now if pm != p.pm]
        hand = Handoff(p.pm, p.matched_on, cal.cur_start - timedelta(days=1))
        pairs[i] = replace(p, pm=rng.choice(others), history=(hand,))
    return pairs


def build_pairs(rng: random.Random, n: int, roster: Roster, cal: Calendar) -> list[Pair]:
    """`n` pairs ordered by id; every random choice comes from `rng`."""
    n_schools = min(len(SCHOOLS), max(2, -(-n // 16)))
    mentors = unique_names(rng, n)
    pairs = [_new_pair(rng, i + 1, cal, mentors[i], SCHOOLS[:n_schools]) for i in range(n)]
    pairs = _statuses(rng, pairs, cal)
    pairs = _assign_pms(rng, pairs, roster)
    return _handoffs(rng, pairs, roster, cal)
