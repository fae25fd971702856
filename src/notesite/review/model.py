"""What a review finds: immutable records the formats print."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date

from notesite.diagnostics import Diagnostic


@dataclass(frozen=True)
class Base:
    rev: str  # what was compared with: BASE as given, or "the merge base of HEAD and main"
    commit: str  # its full commit id
    given: bool = True  # BASE was given (shown as typed), not found as the merge base


@dataclass(frozen=True)
class NoteRef:
    """A note as the summary shows it; only id, file and pair when it cannot be read."""

    id: str
    file: str
    pair: str
    author: str | None = None
    type: str | None = None
    date: dt.date | None = None
    logged: dt.date | None = None

    @property
    def readable(self) -> bool:
        return self.author is not None


@dataclass(frozen=True)
class SafetyAdded:
    note: NoteRef
    severity: str | None
    escalated_to: tuple[str, ...]
    escalated_on: date | None
    lag: int | None  # escalation lag in days
    status: str  # on-time | late | unescalated | minor | invalid


@dataclass(frozen=True)
class SafetyChange:
    """A change to the safety record (SPEC §15): `review` lists these first and exits 1."""

    before: NoteRef  # the note at BASE
    after: NoteRef | None  # the same record now (renamed: under its new id); None: removed
    kinds: tuple[str, ...]  # see SAFETY_KINDS, in that order
    details: tuple[str, ...]  # "severity: major → minor", "renamed to p-0001/2026-11-12-safety"


SAFETY_KINDS = (
    "removed",
    "renamed",
    "unreadable",  # its front matter can no longer be read
    "type-changed",  # to or from a safety type
    "re-dated",  # `date` or `logged`
    "severity-lowered",
    "escalation-removed",
    "escalation-changed",  # escalated_to or escalated_on changed, or added afterwards
    "author-changed",
)


@dataclass(frozen=True)
class TextDiff:
    """How a note's text changed: counts, and the first changed lines ("+ ..." / "- ...")."""

    added: int
    removed: int
    lines: tuple[str, ...]
    more: int  # changed lines left out of `lines`


@dataclass(frozen=True)
class Rewrite:
    """A note that existed at BASE and whose file differs now: a record was edited."""

    note: NoteRef
    details: tuple[str, ...]  # "minutes: 30 → 45", "text: 2 lines added, 1 removed"
    text: TextDiff | None = None
    renamed_from: str | None = None  # the note's id at BASE, when its file was renamed


@dataclass(frozen=True)
class Renamed:
    """A note whose file moved (found by its content): one record, not one removed and one added."""

    before: NoteRef
    after: NoteRef


@dataclass(frozen=True)
class Late:
    """A note added by the change and logged late (SPEC §9: logged − date > log_within_days)."""

    note: NoteRef
    lag: int  # logged − date, in days


@dataclass(frozen=True)
class Count:
    key: str  # a pair id or an author's staff id ("" when the note cannot be read)
    pm: str | None  # the pair's PM, when counting by pair
    added: int
    changed: int
    removed: int


@dataclass(frozen=True)
class PairChange:
    id: str
    change: str  # added | changed | removed
    pm_before: str | None
    pm_after: str | None
    status_before: str | None
    status_after: str | None
    details: tuple[str, ...]


@dataclass(frozen=True)
class RecordChange:
    """A rating, focus list or other file (roster, settings, participation) that changed."""

    file: str
    kind: str  # rating | focus | settings | staff | participation
    change: str  # added | changed | removed
    subject: str  # "pm-a, 2025-26" for a rating, "pm-a, 2026-11-02" for a focus list
    details: tuple[str, ...]


@dataclass(frozen=True)
class TrackerMove:
    pair: str
    pm: str | None
    before: str | None  # None: the pair is not in that tree (or does not validate there)
    after: str | None

    @property
    def leaves_stale(self) -> bool:
        return self.before == "stale" and self.after != "stale"


@dataclass(frozen=True)
class Review:
    base: Base
    today: date
    log_within_days: int
    escalate_within_days: int
    files: dict[str, str]  # rel → added | changed | removed, sorted
    notes_added: tuple[NoteRef, ...]
    notes_changed: tuple[NoteRef, ...]
    notes_removed: tuple[NoteRef, ...]
    notes_renamed: tuple[Renamed, ...]
    by_pair: tuple[Count, ...]
    by_author: tuple[Count, ...]
    safety_changes: tuple[SafetyChange, ...]
    safety: tuple[SafetyAdded, ...]
    rewrites: tuple[Rewrite, ...]
    late: tuple[Late, ...]
    pairs: tuple[PairChange, ...]
    ratings: tuple[RecordChange, ...]
    focus: tuple[RecordChange, ...]
    other_files: tuple[RecordChange, ...]
    tracker: tuple[TrackerMove, ...]
    diagnostics: tuple[Diagnostic, ...]  # of the added and changed files
    elsewhere: tuple[Diagnostic, ...]  # new problems in files the change did not touch
    names: dict[str, str]  # staff id → name (the roster now, else at BASE)

    def person(self, staff: str | None) -> str | None:
        """ "Jo Rivera (pm-jrivera)"; the bare id when the roster does not name them."""
        return person(self.names, staff)

    @property
    def checked_files(self) -> int:
        return sum(1 for c in self.files.values() if c != "removed")

    @property
    def errors(self) -> int:
        return sum(1 for x in (*self.diagnostics, *self.elsewhere) if x.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) + len(self.elsewhere) - self.errors

    def exit_code(self, strict: bool = False) -> int:
        """1 on a safety record change or an error (with `strict`, a warning); else 0."""
        return 1 if self.safety_changes or self.errors or (strict and self.warnings) else 0


def person(names: dict[str, str], staff: str | None) -> str | None:
    if staff is None:
        return None
    name = names.get(staff)
    return f"{name} ({staff})" if name else staff
