"""Small builders for the derive/facts/api unit tests: records made in memory, no files.

Every builder takes dates as `YYYY-MM-DD` strings (or `date`s) and fills in what a test does
not care about, so a test states only the fields its behaviour depends on.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

import pytest

from notesite.models import FocusList, Meeting, Pair, ParticipationRow, Rating, StaffMember
from notesite.program import Note, Program
from notesite.settings import Settings

Day = str | date


def day(value: Day) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


class Make:
    """Builders for records. Note ids are unique per builder (a counter breaks ties)."""

    def __init__(self) -> None:
        self._seq = itertools.count(1)

    def pair(
        self,
        id: str = "p-0001",
        *,
        pm: str = "pm-a",
        matched_on: Day = "2025-09-15",
        status: str = "active",
        closed_on: Day | None = None,
        pm_history: Iterable[tuple[str, Day, Day]] = (),
    ) -> Pair:
        return Pair.model_validate(
            {
                "id": id,
                "mentor": {"id": "mr-" + id, "name": "Sam Okafor"},
                "mentee": {"id": "me-" + id, "name": "Dana W."},
                "school": "Harbor High School",
                "pm": pm,
                "matched_on": day(matched_on),
                "status": status,
                "closed_on": day(closed_on) if closed_on is not None else None,
                "pm_history": [
                    {"pm": who, "from": day(start), "to": day(end)}
                    for who, start, end in pm_history
                ],
            }
        )

    def note(
        self,
        on: Day,
        *,
        pair: str = "p-0001",
        type: str = "support",
        author: str = "pm-a",
        logged: Day | None = None,
        lag: int = 0,
        minutes: int = 30,
        program_year: str | None = None,
        severity: str | None = None,
        escalated_on: Day | None = None,
        meeting: Mapping[str, Any] | None = None,
        follow_up_of: str | None = None,
        id: str | None = None,
        contact: tuple[str, ...] = ("mentor",),
        tags: tuple[str, ...] = ("mentor-touch-point",),
        phrases: tuple[tuple[str, int], ...] = (),
    ) -> Note:
        when = day(on)
        note_id = id or f"{pair}/{when.isoformat()}-{type}-{next(self._seq)}"
        return Note(
            id=note_id,
            file=f"data/notes/{note_id}.md",
            pair=pair,
            type=type,
            kind=type,
            author=author,
            date=when,
            logged=day(logged) if logged is not None else when + timedelta(days=lag),
            minutes=minutes,
            contact=contact,
            tags=tags,
            program_year=program_year,
            severity=severity,
            escalated_to=("dir-b",) if escalated_on is not None else (),
            escalated_on=day(escalated_on) if escalated_on is not None else None,
            meeting=Meeting.model_validate(meeting) if meeting is not None else None,
            follow_up_of=follow_up_of,
            phrases=phrases,
        )

    def request(self, on: Day, planned_for: Day, approved: bool = True, **kw: Any) -> Note:
        """An out-of-program meeting request."""
        meeting = {"requested_on": day(on), "planned_for": day(planned_for), "approved": approved}
        return self.note(on, type="out-of-program", meeting=meeting, **kw)

    def staff(self, id: str, role: str = "pm", active: bool = True) -> StaffMember:
        return StaffMember.model_validate(
            {"id": id, "name": id.title(), "role": role, "active": active}
        )

    def focus(
        self,
        on: Day,
        pairs: Iterable[str],
        *,
        staff: str = "pm-a",
        next_check_in: Day | None = None,
    ) -> FocusList:
        return FocusList.model_validate(
            {
                "staff": staff,
                "date": day(on),
                "next_check_in": day(next_check_in) if next_check_in is not None else None,
                "pairs": [{"pair": p, "rationale": "Mentor missed two weeks"} for p in pairs],
            }
        )

    def weeks(
        self, mentor: str, *, pair: str = "p-0001", start: Day = "2026-09-07"
    ) -> list[ParticipationRow]:
        """Participation rows, one a week from `start`; `mentor` is space-separated values."""
        first = day(start)
        return [
            ParticipationRow(pair, first + timedelta(weeks=i), value, "done", i + 2)
            for i, value in enumerate(mentor.split())
        ]

    def rating(
        self,
        ratings: Mapping[str, int | Mapping[str, int]],
        *,
        staff: str = "pm-a",
        program_year: str = "2025-26",
        rater: str = "dir-b",
    ) -> Rating:
        return Rating.model_validate(
            {
                "staff": staff,
                "rater": rater,
                "program_year": program_year,
                "rated_on": date(2026, 4, 20),
                "ratings": ratings,
            }
        )

    def program(
        self,
        *,
        pairs: Iterable[Pair] = (),
        notes: Iterable[Note] = (),
        staff: Iterable[StaffMember] | None = None,
        ratings: Iterable[Rating] = (),
        focus: Iterable[FocusList] = (),
        participation: Iterable[ParticipationRow] = (),
        settings: Settings | None = None,
    ) -> Program:
        members = (
            list(staff)
            if staff is not None
            else [self.staff("pm-a"), self.staff("dir-b", "director")]
        )
        return Program(
            settings=settings or Settings(),
            staff={m.id: m for m in members},
            pairs={p.id: p for p in pairs},
            notes=tuple(notes),
            ratings=tuple(ratings),
            focus=tuple(focus),
            participation=tuple(participation),
            rendered=True,  # hand-made notes carry the sections they are given
        )


@pytest.fixture
def mk() -> Make:
    return Make()
