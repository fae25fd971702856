"""PM practice (SPEC §14): the rules behind NS820, NS821 and NS822, and handed-over pairs.

Pure functions of the validated records and "today", so that `validate` (which reports them
as warnings at a file and line) and the pages (which show them) read one decision each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from notesite.models import FocusList, Pair, StaffMember
from notesite.program import Note
from notesite.settings import Settings
from notesite.text import longdate, plural

SAFETY_REVIEW_DAYS = 7  # a safety note this close (before or after) answers the question
REVIEWED_KINDS = ("support", "mentor-call", "out-of-program")  # not safety, not summary


# --- NS820: should this be a safety note? ---------------------------------------------------


@lru_cache(maxsize=8)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    words = [p.strip() for p in phrases if p.strip()]
    if not words:
        return None
    alternatives = "|".join(
        r"\s+".join(re.escape(w) for w in p.split())
        for p in sorted(set(words), key=lambda p: (-len(p), p))
    )
    # Whole words: no letter, digit, underscore or dash may touch the phrase.
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=8)
def _first_words(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple({p.split()[0].casefold() for p in phrases if p.strip()})


def find_phrases(text: str, phrases: tuple[str, ...]) -> list[tuple[str, int]]:
    """Each phrase of `phrases` found in `text` (whole words, any case), as it is written in
    the settings, with the offset of its first occurrence; in order of appearance."""
    pattern = _phrase_pattern(phrases)
    if pattern is None:
        return []
    # Most notes contain no phrase: a substring test of each phrase's first word is far
    # cheaper than the regex. casefold() folds at least as much as re.IGNORECASE ("ſ" → "s"),
    # so a note it skips cannot match.
    folded = text.casefold()
    if not any(first in folded for first in _first_words(phrases)):
        return []
    by_words = {_words(p): p for p in phrases}
    found: dict[str, int] = {}
    for m in pattern.finditer(text):
        phrase = by_words.get(_words(m.group(0))) or _which(phrases, m.group(0))
        found.setdefault(phrase, m.start())
    return list(found.items())


def _words(phrase: str) -> str:
    return " ".join(phrase.casefold().split())


def _which(phrases: tuple[str, ...], matched: str) -> str:
    """The phrase a match came from when folding alone cannot tell (rare letters such as the
    Kelvin sign, which re.IGNORECASE equates with "k")."""
    for p in phrases:
        one = _phrase_pattern((p,))
        if one is not None and one.fullmatch(matched):
            return p
    return matched  # unreachable: the match came from one of the phrases


@dataclass(frozen=True)
class SafetyReview:
    """A note that is not a safety note but reads like one, with no safety note near it."""

    note: Note
    tags: tuple[str, ...]  # the review tags it carries
    phrases: tuple[str, ...]  # the review phrases it contains, as the settings write them

    @property
    def what(self) -> str:
        """`is tagged risky-behavior and says "self-harm"`."""
        parts = []
        if self.tags:
            parts.append("is tagged " + ", ".join(self.tags))
        if self.phrases:
            parts.append("says " + ", ".join(f'"{p}"' for p in self.phrases))
        return " and ".join(parts)

    @property
    def words(self) -> str:
        return (
            f"this {self.note.kind} note {self.what}, and pair {self.note.pair} has no "
            f"safety note within {SAFETY_REVIEW_DAYS} days of {longdate(self.note.date)}: "
            "should this be a safety note?"
        )


def safety_review(notes: Sequence[Note], settings: Settings) -> list[SafetyReview]:
    """A pair's notes that ask "should this be a safety note?" (SPEC §14): not a safety note
    (nor a summary, which looks back over the whole year), tagged with one of
    `safety.review_tags` or containing one of `safety.review_phrases`, and no safety note of
    the pair dated within SAFETY_REVIEW_DAYS days of it, before or after."""
    safety = [n.date for n in notes if n.kind == "safety"]
    review = settings.review_tags
    out = []
    for n in notes:
        if n.kind not in REVIEWED_KINDS:
            continue
        tags = tuple(t for t in n.tags if t in review)
        phrases = tuple(p for p, _ in n.phrases)
        if not tags and not phrases:
            continue
        if any(abs((day - n.date).days) <= SAFETY_REVIEW_DAYS for day in safety):
            continue
        out.append(SafetyReview(n, tags, phrases))
    return out


# --- NS821: a PM without a recent focus list ------------------------------------------------


@dataclass(frozen=True)
class FocusCadence:
    """A PM with active pairs whose latest focus list is older than `focus.cadence_days`."""

    staff: str
    latest: FocusList | None
    days: int | None  # since the latest list; None without one
    limit: int  # focus.cadence_days

    @property
    def words(self) -> str:
        if self.latest is None or self.days is None:
            return f"no focus list yet (one is due every {plural(self.limit, 'day')})"
        return (
            f"no focus list in the last {plural(self.limit, 'day')}: the latest is of "
            f"{longdate(self.latest.date)}, {plural(self.days, 'day')} ago"
        )


def focus_overdue(
    member: StaffMember,
    pairs: Iterable[Pair],
    lists: Iterable[FocusList],
    settings: Settings,
    today: date,
) -> FocusCadence | None:
    """The PM's overdue focus list, or None: an active PM with at least one active pair and
    no focus list dated in the last `focus.cadence_days` days (exactly that many days ago is
    still in time)."""
    if member.role != "pm" or not member.active:
        return None
    if not any(p.pm == member.id and p.status == "active" for p in pairs):
        return None
    mine = [f for f in lists if f.staff == member.id and f.date <= today]
    latest = max(mine, key=lambda f: f.date, default=None)
    limit = settings.focus.cadence_days
    days = (today - latest.date).days if latest is not None else None
    if days is not None and days <= limit:
        return None
    return FocusCadence(member.id, latest, days, limit)


# --- NS822: a follow-up dated before the meeting --------------------------------------------


def early_follow_ups(notes: Iterable[Note], by_id: Mapping[str, Note]) -> list[tuple[Note, Note]]:
    """(follow-up, request) where the follow-up is dated before the meeting's `planned_for`
    but not before the request itself (that is NS807)."""
    out = []
    for n in notes:
        request = by_id.get(n.follow_up_of) if n.follow_up_of else None
        if request is None or request.meeting is None or request.pair != n.pair:
            continue
        if request.date <= n.date < request.meeting.planned_for:
            out.append((n, request))
    return out


# --- Handoffs -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HandedOver:
    """A pair that left a PM through its `pm_history`."""

    pair: Pair
    on: date  # the last day of the PM's period
    to: str  # the PM who took over (the next period's, else the pair's current PM)


def handed_over(pairs: Iterable[Pair], pm: str, today: date, days: int) -> list[HandedOver]:
    """Pairs whose `pm_history` has a period of `pm` that ended in the last `days` days
    (`today − days` included), and that `pm` does not support now; by pair id."""
    out = []
    for pair in sorted(pairs, key=lambda p: p.id):
        if pair.pm == pm:
            continue
        history = pair.pm_history
        ends = [(i, p.to) for i, p in enumerate(history) if p.pm == pm]
        if not ends:
            continue
        i, to = max(ends, key=lambda e: e[1])
        if (today - to).days > days:
            continue
        nxt = history[i + 1].pm if i + 1 < len(history) else pair.pm
        out.append(HandedOver(pair, to, nxt))
    return out
