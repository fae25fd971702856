"""Printable packets for one PM: the weekly check-in with their manager, and the handoff.

Pure functions of the derived facts (which carry "today"): what goes into a packet, which
pairs to suggest for the next focus list and why, in words. The templates only lay them out.

- **Check-in packet**: the latest focus list and each entry's follow-up, pairs at watch or
  stale, what was logged since the last check-in, new safety notes, participation concerns,
  recent late notes, hours against the benchmark, and suggested focus-list pairs.
- **Handoff packet**: for each of the PM's pairs, what an incoming PM needs first: the last
  contact, the latest plan, pending follow-ups, safety and focus-list history, participation;
  and the pairs handed over to another PM in the last `handoff_days` days (SPEC §14).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from notesite.derive import measures as d
from notesite.derive.facts import Facts, NoteFacts, PairFacts, StaffFacts
from notesite.derive.practice import HandedOver
from notesite.derive.tables import tracker_groups
from notesite.models import FocusList, ParticipationRow
from notesite.program import Note
from notesite.text import longdate, month_key, plural

WINDOW_DAYS = 7  # "since the last check-in" when the PM has no focus list yet
RECENT_DAYS = 30  # a safety note or a late note this recent counts as recent
TREND_WEEKS = 8  # participation weeks shown in a handoff

# Reasons to suggest a pair for the next focus list, most important first.
PRIORITY = ("safety", "stale", "participation", "out-of-program", "touch-points", "watch")
STATUS_ORDER = {"active": 0, "paused": 1, "closed": 2}


def _days(n: int) -> str:
    return plural(n, "day")


def _concern(p: PairFacts) -> str:
    return f"mentor participation concern: {p.missed.words}"


# --- Check-in packet ------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    code: str  # one of PRIORITY
    text: str  # the reason in words

    @property
    def rank(self) -> int:
        return PRIORITY.index(self.code)


@dataclass(frozen=True)
class Suggestion:
    p: PairFacts
    reasons: tuple[Reason, ...]  # most important first
    on_current_list: bool  # already on the PM's latest focus list


@dataclass(frozen=True)
class FocusLine:
    item: d.FocusItem  # an entry of the latest focus list
    last_support: date | None  # its pair's last support note, if any


@dataclass(frozen=True)
class CheckIn:
    st: StaffFacts
    today: date
    since: date  # notes logged on or after this day are "since the last check-in"
    last_list: FocusList | None  # the PM's latest focus list
    focus: tuple[FocusLine, ...]  # its entries
    tracker: tuple[PairFacts, ...]  # active pairs at watch or stale, most days first
    notes: tuple[NoteFacts, ...]  # logged since, newest first
    safety: tuple[NoteFacts, ...]  # the safety notes among them
    concerns: tuple[PairFacts, ...]  # active pairs with a mentor participation concern
    late: tuple[NoteFacts, ...]  # the PM's notes logged late, logged in the last RECENT_DAYS
    this_month: d.Month  # so far
    last_month: d.Month
    suggestions: tuple[Suggestion, ...]

    @property
    def followed_up(self) -> int:
        return sum(1 for f in self.focus if f.item.followed_up)


def latest_list(facts: Facts, pm: str) -> FocusList | None:
    lists = [f.list for f in facts.staff[pm].focus if f.list.date <= facts.today]
    return max(lists, key=lambda f: f.date, default=None)


def window_start(facts: Facts, pm: str) -> date:
    """The last check-in (the latest focus list's date), else a week before today."""
    last = latest_list(facts, pm)
    return last.date if last is not None else facts.today - timedelta(days=WINDOW_DAYS)


def notes_since(facts: Facts, pm: str, since: date) -> list[NoteFacts]:
    """Notes logged on or after `since` (up to today) about the PM's pairs or by the PM."""
    st = facts.staff[pm]
    ids = {n.id for p in st.pairs for n in p.notes} | {n.id for n in st.notes}
    mine = [facts.notes[i] for i in ids]
    return sorted(
        (n for n in mine if since <= n.note.logged <= facts.today),
        key=lambda n: (n.note.logged, n.note.date, n.id),
        reverse=True,
    )


def month_hours(notes: Sequence[Note], day: date, facts: Facts) -> d.Month:
    """The documented minutes of the calendar month of `day` against the benchmark: the
    staff page's month when it lists it, else the same rules for a month outside its range."""
    key = month_key(day)
    program = facts.program
    minutes = sum(n.minutes for n in notes if month_key(n.date) == key)
    first = month_key(min(n.date for n in notes)) if notes else None
    applicable = d.benchmark_months(program, [program.settings.year_of(day)])
    return d.month_of(key, minutes, program.settings, facts.today, first, applicable)


def check_in(facts: Facts, pm: str) -> CheckIn:
    """Everything the check-in packet of `pm` shows, as of `facts.today`."""
    st = facts.staff[pm]
    today = facts.today
    last = latest_list(facts, pm)
    since = window_start(facts, pm)
    notes = notes_since(facts, pm, since)
    recent = today - timedelta(days=RECENT_DAYS)
    previous = today.replace(day=1) - timedelta(days=1)
    active = [p for p in st.pairs if p.is_active]
    entries = [f for f in st.focus if last is not None and f.list is last]
    return CheckIn(
        st=st,
        today=today,
        since=since,
        last_list=last,
        focus=tuple(FocusLine(f, _last_support(facts, f.entry.pair)) for f in entries),
        tracker=next((g.pairs for g in tracker_groups(facts, pm)), ()),
        notes=tuple(notes),
        safety=tuple(n for n in notes if n.escalation is not None),
        concerns=tuple(p for p in active if p.concern),
        late=tuple(n for n in reversed(st.late) if n.note.logged >= recent),
        this_month=month_hours(st.notes, today, facts),
        last_month=month_hours(st.notes, previous, facts),
        suggestions=tuple(suggestions(facts, pm)),
    )


def _last_support(facts: Facts, pair: str) -> date | None:
    p = facts.pairs.get(pair)
    return p.last_support if p is not None else None


def reasons(p: PairFacts, facts: Facts) -> list[Reason]:
    """Why an active pair belongs on the next focus list, most important first (PRIORITY)."""
    if not p.is_active:
        return []
    found = [
        _safety_reason(p, facts),
        _stale_reason(p, facts),
        _watch_reason(p, facts),
        _participation_reason(p),
        _request_reason(p),
        _touch_reason(p),
    ]
    return sorted((r for r in found if r is not None), key=lambda r: r.rank)


def suggestions(facts: Facts, pm: str) -> list[Suggestion]:
    """The PM's active pairs with a reason, ordered by their most important reason, then by
    the next one (a pair with more of the top reasons first), then longest without support."""
    last = latest_list(facts, pm)
    current = {e.pair for e in last.pairs} if last is not None else set()
    found = []
    for p in facts.staff[pm].pairs:
        why = reasons(p, facts)
        if why:
            found.append(Suggestion(p, tuple(why), p.id in current))

    def order(s: Suggestion) -> tuple[tuple[bool, ...], int, str]:
        codes = {r.code for r in s.reasons}
        return (tuple(code not in codes for code in PRIORITY), -s.p.days, s.p.id)

    return sorted(found, key=order)


def recent_safety(p: PairFacts, today: date) -> list[NoteFacts]:
    """The pair's safety notes dated in the last RECENT_DAYS days, newest first."""
    return [
        n
        for n in reversed(p.notes)
        if n.escalation is not None and (today - n.note.date).days <= RECENT_DAYS
    ]


def _safety_reason(p: PairFacts, facts: Facts) -> Reason | None:
    notes = recent_safety(p, facts.today)
    if not notes:
        return None
    major = [n for n in notes if n.note.severity == "major"]
    latest = major[0] if major else notes[0]
    text = f"{latest.note.severity} safety note of {longdate(latest.note.date)}"
    escalation = latest.escalation
    if escalation is not None and escalation.state.flagged:
        text += f", {escalation.state.words}"
        if escalation.lag is not None:
            text += f" ({_days(escalation.lag)} after)"
    if len(notes) > 1:
        text += f" ({len(notes)} safety notes in the last {RECENT_DAYS} days)"
    return Reason("safety", text)


def _stale_reason(p: PairFacts, facts: Facts) -> Reason | None:
    if p.level != "stale":
        return None
    limit = facts.program.settings.tracker.stale_after_days
    return Reason("stale", f"stale: {p.since}, more than {limit}")


def _watch_reason(p: PairFacts, facts: Facts) -> Reason | None:
    if p.level != "watch":
        return None
    limit = facts.program.settings.tracker.watch_after_days
    return Reason("watch", f"watch: {p.since}, more than {limit}")


def _participation_reason(p: PairFacts) -> Reason | None:
    return Reason("participation", _concern(p)) if p.concern else None


def _request_reason(p: PairFacts) -> Reason | None:
    if not p.open_requests:
        return None
    planned = ", ".join(longdate(n.meeting.planned_for) for n in p.open_requests if n.meeting)
    return Reason(
        "out-of-program", f"open out-of-program request: meeting of {planned} not followed up"
    )


def _touch_reason(p: PairFacts) -> Reason | None:
    if not p.behind:
        return None
    return Reason("touch-points", "; ".join(t.shortfall for t in p.behind_on))


# --- Handoff packet -------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUp:
    text: str
    note: Note | None = None  # the note it is about, when there is one


@dataclass(frozen=True)
class HandoffPair:
    p: PairFacts
    follow_ups: tuple[FollowUp, ...]
    safety: tuple[NoteFacts, ...]  # every safety note of the pair, newest first
    focus: tuple[d.FocusItem, ...]  # every focus-list entry naming the pair, newest first
    weeks: tuple[ParticipationRow, ...]  # the last TREND_WEEKS weeks, oldest first
    mentor: Counter[str]  # of those weeks: done, missed, excused
    mentee: Counter[str]

    @property
    def id(self) -> str:
        return self.p.id

    @property
    def last(self) -> Note | None:
        """The latest note of any type: the last contact."""
        return self.p.latest


@dataclass(frozen=True)
class Handed:
    """A pair handed over to another PM, with what the handoff packet shows of it."""

    hp: HandoffPair
    on: date  # the last day the packet's PM supported it
    to: str  # the PM who took over


@dataclass(frozen=True)
class Handoff:
    st: StaffFacts
    today: date
    active: tuple[HandoffPair, ...]  # by id
    inactive: tuple[HandoffPair, ...]  # paused, then closed; by id within each
    handed: tuple[tuple[str, tuple[Handed, ...]], ...]  # by the PM who took over, by id
    handoff_days: int

    @property
    def handed_count(self) -> int:
        return sum(len(items) for _, items in self.handed)


def handoff(facts: Facts, pm: str) -> Handoff:
    """Everything the handoff packet of `pm` shows, as of `facts.today`."""
    st = facts.staff[pm]
    ordered = sorted(st.pairs, key=lambda p: (STATUS_ORDER[p.pair.status], p.id))
    pairs = [handoff_pair(p, facts) for p in ordered]
    return Handoff(
        st=st,
        today=facts.today,
        active=tuple(h for h in pairs if h.p.is_active),
        inactive=tuple(h for h in pairs if not h.p.is_active),
        handed=_handed(facts, st.handed_over),
        handoff_days=facts.program.settings.handoff_days,
    )


def _handed(
    facts: Facts, found: Sequence[HandedOver]
) -> tuple[tuple[str, tuple[Handed, ...]], ...]:
    by_pm: dict[str, list[Handed]] = {}
    for h in found:
        entry = Handed(handoff_pair(facts.pairs[h.pair.id], facts), h.on, h.to)
        by_pm.setdefault(h.to, []).append(entry)
    return tuple((to, tuple(items)) for to, items in sorted(by_pm.items()))


def handoff_pair(p: PairFacts, facts: Facts) -> HandoffPair:
    weeks = p.participation[-TREND_WEEKS:]
    return HandoffPair(
        p=p,
        follow_ups=tuple(follow_ups(p, facts)),
        safety=tuple(n for n in reversed(p.notes) if n.escalation is not None),
        focus=tuple(p.focus_newest_first),
        weeks=weeks,
        mentor=participation_counts(weeks, "mentor"),
        mentee=participation_counts(weeks, "mentee"),
    )


def follow_ups(p: PairFacts, facts: Facts) -> list[FollowUp]:
    """What is pending for the pair, in words: support overdue, open requests, missing
    summaries, mentor calls behind or next due, a participation concern, open focus entries."""
    s = facts.program.settings
    out = []
    if p.level in d.TRACKED:
        out.append(FollowUp(f"{p.level}: {p.since}"))
    for n in p.open_requests:
        assert n.meeting is not None  # an open request is a request
        out.append(
            FollowUp(
                f"out-of-program meeting planned for {longdate(n.meeting.planned_for)}: "
                "no follow-up note yet",
                n,
            )
        )
    for year in p.summaries_missing:
        due = s.in_year(year, s.summary_due)
        out.append(FollowUp(f"end-of-year summary for {year} missing (due {longdate(due)})"))
    out += _touch_follow_ups(p)
    if p.concern:
        out.append(FollowUp(_concern(p)))
    for f in p.focus:
        if f.status == "open":
            out.append(FollowUp(f"on the focus list of {longdate(f.list.date)}: {f.state.words}"))
    return out


def _touch_follow_ups(p: PairFacts) -> list[FollowUp]:
    """Each touch point behind, and its next due date (active pairs only)."""
    if not p.is_active:
        return []
    out = []
    for t in p.touch:
        if t.behind:
            out.append(FollowUp(t.shortfall))
        if t.next_due is not None:
            out.append(FollowUp(t.upcoming))
    return out


def participation_counts(rows: Sequence[ParticipationRow], who: str) -> Counter[str]:
    """How many weeks of `rows` the mentor (or mentee) was done, missed, excused."""
    counts = Counter({"done": 0, "missed": 0, "excused": 0})
    for row in rows:
        counts[getattr(row, who)] += 1
    return counts
