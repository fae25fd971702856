"""What a review finds: immutable records the formats print."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date

from notesite.diagnostics import Diagnostic

DEFAULT_BRANCHES = ("main", "origin/main")


class ReviewError(Exception):
    """A usage problem (not a git repository, an unknown BASE): the CLI exits 2 with it."""


class _GitFailed(Exception):
    pass


@dataclass(frozen=True)
class Base:
    rev: str  # what was compared with: BASE as given, or "the merge base of HEAD and main"
    commit: str  # its full commit id


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
class Rewrite:
    """A note that existed at BASE and whose file differs now: a record was edited."""

    note: NoteRef
    details: tuple[str, ...]  # "minutes: 30 → 45", "body: 2 lines added, 1 removed"


@dataclass(frozen=True)
class Late:
    note: NoteRef
    days: int  # today − the note's date
    change: str  # added | changed


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
    by_pair: tuple[Count, ...]
    by_author: tuple[Count, ...]
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
        return 1 if self.errors or (strict and self.warnings) else 0
