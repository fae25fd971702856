"""The validated program: immutable records and the indexes every later stage queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from notesite.class_calendar import Calendars, ClassCalendar
from notesite.models import FocusList, Meeting, Pair, ParticipationRow, Rating, StaffMember
from notesite.settings import Contact, NoteKind, SafetySeverity, Settings


class NotRendered(RuntimeError):
    """A page was asked of a Program checked without render=True."""


@dataclass(frozen=True, slots=True)
class Section:
    key: str  # data | assessment | plan | other heading text, lower-case
    title: str
    html: str


@dataclass(frozen=True, slots=True)
class Note:
    """One pair support note, flattened for speed (there may be 100,000 of them)."""

    id: str  # path under data/notes without .md
    file: str
    pair: str
    type: str
    kind: NoteKind
    author: str
    date: dt.date
    logged: dt.date
    minutes: int
    contact: tuple[Contact, ...]
    tags: tuple[str, ...]
    program_year: str | None = None
    severity: SafetySeverity | None = None
    escalated_to: tuple[str, ...] = ()
    escalated_on: dt.date | None = None
    meeting: Meeting | None = None
    follow_up_of: str | None = None
    lines: dict[str, int] = field(default_factory=dict, compare=False)
    # Filled only by check_repository(render=True); empty otherwise, whatever the note says.
    # Read them through a Program whose `rendered` is true (`Program.require_rendered`).
    sections: tuple[Section, ...] = ()
    text: str = ""  # plain body text, for search (also only with render=True)
    phrases: tuple[tuple[str, int], ...] = ()  # safety.review_phrases in the body, with line


@dataclass(frozen=True)
class Program:
    settings: Settings
    staff: dict[str, StaffMember]
    pairs: dict[str, Pair]
    notes: tuple[Note, ...]
    ratings: tuple[Rating, ...] = ()
    focus: tuple[FocusList, ...] = ()
    participation: tuple[ParticipationRow, ...] = ()
    calendars: tuple[ClassCalendar, ...] = ()  # by program year
    rendered: bool = False  # the notes carry their sections and text (render=True)
    classes: Calendars = field(init=False, repr=False)  # the class days of the calendars
    notes_by_pair: dict[str, tuple[Note, ...]] = field(init=False, repr=False)
    notes_by_author: dict[str, tuple[Note, ...]] = field(init=False, repr=False)
    participation_by_pair: dict[str, tuple[ParticipationRow, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_pair: dict[str, list[Note]] = defaultdict(list)
        by_author: dict[str, list[Note]] = defaultdict(list)
        for note in self.notes:
            by_pair[note.pair].append(note)
            by_author[note.author].append(note)
        rows: dict[str, list[ParticipationRow]] = defaultdict(list)
        for row in self.participation:
            rows[row.pair].append(row)
        order = lambda n: (n.date, n.id)  # noqa: E731
        object.__setattr__(
            self, "notes_by_pair", {k: tuple(sorted(v, key=order)) for k, v in by_pair.items()}
        )
        object.__setattr__(
            self, "notes_by_author", {k: tuple(sorted(v, key=order)) for k, v in by_author.items()}
        )
        object.__setattr__(self, "classes", Calendars.of(self.calendars))
        object.__setattr__(
            self,
            "participation_by_pair",
            {k: tuple(sorted(v, key=lambda r: r.week)) for k, v in rows.items()},
        )

    def require_rendered(self, what: str) -> None:
        """Stop a page made from notes without their sections (issue 9): they would show
        empty notes, silently. Only a programming error reaches this, never bad input."""
        if not self.rendered:
            raise NotRendered(
                f"{what} needs the notes' sections: check the repository with "
                "check_repository(..., render=True)"
            )

    def pair_notes(self, pair: str) -> tuple[Note, ...]:
        """A pair's notes, oldest first."""
        return self.notes_by_pair.get(pair, ())

    def authored(self, staff: str) -> tuple[Note, ...]:
        return self.notes_by_author.get(staff, ())

    @property
    def pms(self) -> list[StaffMember]:
        return [s for _, s in sorted(self.staff.items()) if s.role == "pm"]
