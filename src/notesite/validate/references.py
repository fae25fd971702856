"""Cross-file rules: every id a file names must exist, and notes must fall in their match."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from datetime import date
from typing import Any

from notesite.codes import CodeName
from notesite.derive.measures import focus_window_end
from notesite.diagnostics import Diagnostic, Limiter, diag, did_you_mean
from notesite.models import FocusList, Pair, ParticipationRow, Rating, StaffMember
from notesite.program import Note
from notesite.settings import Settings
from notesite.validate.common import Located


class References:
    """The valid staff and pairs, and the ids whose files (or entries) are themselves invalid:
    those already have their own diagnostics, so references to them are not reported."""

    def __init__(
        self,
        staff: dict[str, StaffMember],
        pairs: dict[str, Pair],
        invalid_staff: AbstractSet[str] | None = frozenset(),
        invalid_pairs: AbstractSet[str] = frozenset(),
    ) -> None:
        self.staff = staff
        self.pairs = pairs
        self.invalid_staff = invalid_staff
        self.invalid_pairs = invalid_pairs

    def has_staff(self, value: str) -> bool:
        """True unless `value` is certainly not a staff id."""
        return self.invalid_staff is None or value in self.staff or value in self.invalid_staff

    def has_pair(self, value: str) -> bool:
        return value in self.pairs or value in self.invalid_pairs

    def staff_ref(
        self, rec: Located[Any], value: str, *path: str | int, role: str = ""
    ) -> list[Diagnostic]:
        if self.has_staff(value):
            return []
        return [
            rec.at(
                "unknown-staff",
                *path,
                message=f"no staff member has the id `{value}`{role}",
                hint=did_you_mean(value, self.staff) or "add them to data/staff.yaml",
            )
        ]

    def pair_ref(self, rec: Located[Any], value: str, *path: str | int) -> list[Diagnostic]:
        if self.has_pair(value):
            return []
        return [
            rec.at(
                "unknown-pair",
                *path,
                message=f"no pair has the id `{value}`",
                hint=did_you_mean(value, self.pairs)
                or f"add data/pairs/{value}.yaml, or fix the id",
            )
        ]


def check_staff(refs: References, staff: Iterable[Located[StaffMember]]) -> list[Diagnostic]:
    out = []
    for rec in staff:
        if rec.item.manager is not None:
            out += refs.staff_ref(rec, rec.item.manager, "manager")
    return out


def check_pairs(refs: References, pairs: Iterable[Located[Pair]]) -> list[Diagnostic]:
    out = []
    for rec in pairs:
        pair = rec.item
        found = refs.staff_ref(rec, pair.pm, "pm")
        out += found
        member = refs.staff.get(pair.pm)
        if member is not None and member.role != "pm":
            out.append(
                rec.at("not-a-pm", "pm", message=f"`{pair.pm}` is a {member.role}, not a PM")
            )
        if member is not None and not member.active and pair.status == "active":
            out.append(
                rec.at(
                    "inactive-pm",
                    "pm",
                    message=f"this active pair's PM `{pair.pm}` is no longer active",
                    hint="assign a current PM and move the old one to `pm_history`",
                )
            )
        for i, period in enumerate(pair.pm_history):
            out += refs.staff_ref(rec, period.pm, "pm_history", i, "pm")
    return out


def check_notes(
    refs: References, notes: Iterable[Note], by_id: dict[str, Note]
) -> list[Diagnostic]:
    """Each note's references: its author and escalation staff, its pair, its request."""
    out: list[Diagnostic] = []
    for note in notes:
        out += _note_staff(refs, note)
        out += _note_pair(refs, note)
        if note.follow_up_of is not None:
            out += _note_follow_up(note, note.follow_up_of, by_id)
    return out


def _at(
    note: Note, field: str, name: CodeName, message: str, hint: str | None = None
) -> Diagnostic:
    return diag(name, note.file, note.lines.get(field), message, hint=hint)


def _note_staff(refs: References, note: Note) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if not refs.has_staff(note.author):
        out.append(
            _at(
                note,
                "author",
                "unknown-staff",
                f"no staff member has the id `{note.author}`",
                did_you_mean(note.author, refs.staff) or "add them to data/staff.yaml",
            )
        )
    if note.escalated_to and set(note.escalated_to) == {note.author}:
        out.append(
            _at(
                note,
                "escalated_to",
                "escalated-to-author",
                "the concern is escalated only to the note's own author",
                "escalate to your Program Director (or whoever the safety policy names)",
            )
        )
    out += [
        _at(
            note,
            "escalated_to",
            "unknown-staff",
            f"`escalated_to` names `{person}`, who is not on the staff roster",
            did_you_mean(person, refs.staff),
        )
        for person in note.escalated_to
        if not refs.has_staff(person)
    ]
    return out


def _note_pair(refs: References, note: Note) -> list[Diagnostic]:
    pair = refs.pairs.get(note.pair)
    if pair is None and not refs.has_pair(note.pair):
        return [
            _at(
                note,
                "pair",
                "unknown-pair",
                f"no pair has the id `{note.pair}`",
                did_you_mean(note.pair, refs.pairs),
            )
        ]
    if pair is None:
        return []  # the pair's own file is invalid and says so
    if note.date < pair.matched_on:
        problem = f"before the pair was matched ({pair.matched_on})"
    elif pair.closed_on is not None and note.date > pair.closed_on:
        problem = f"after the match closed ({pair.closed_on})"
    else:
        return []
    return [
        _at(
            note,
            "date",
            "outside-match",
            f"the note is dated {note.date}, {problem}",
            "check the date, or the pair",
        )
    ]


def _note_follow_up(note: Note, of: str, by_id: dict[str, Note]) -> list[Diagnostic]:
    request = by_id.get(of)
    if request is None:
        return [
            _at(
                note,
                "follow_up_of",
                "unknown-note",
                f"`follow_up_of` names `{of}`, which is not a note",
                did_you_mean(of, by_id) or "use the request's id: <pair>/<file name without .md>",
            )
        ]
    if request.pair != note.pair:
        return [
            _at(
                note,
                "follow_up_of",
                "unknown-note",
                f"`{of}` is a note of pair {request.pair}, not of {note.pair}",
                "name this pair's out-of-program request",
            )
        ]
    if request.date > note.date:
        return [
            _at(
                note,
                "follow_up_of",
                "follow-up-before-request",
                f"this follow-up is dated {note.date}, before its request ({request.date})",
                "check the date",
            )
        ]
    if request.meeting is None:
        return [
            _at(
                note,
                "follow_up_of",
                "unknown-note",
                f"`{of}` is not an out-of-program request",
                "name the note that holds the `meeting:` request",
            )
        ]
    return []


def check_ratings(refs: References, ratings: Iterable[Located[Rating]]) -> list[Diagnostic]:
    out = []
    seen: dict[tuple[str, str], str] = {}
    for rec in ratings:
        out += refs.staff_ref(rec, rec.item.staff, "staff")
        out += refs.staff_ref(rec, rec.item.rater, "rater")
        key = (rec.item.staff, rec.item.program_year)
        if key in seen:
            out.append(
                rec.at(
                    "duplicate-id",
                    "staff",
                    message=f"{key[0]} is already rated for {key[1]} in {seen[key]}",
                )
            )
        seen[key] = rec.file
    return out


def check_focus(
    refs: References, lists: Iterable[Located[FocusList]], settings: Settings, today: date
) -> list[Diagnostic]:
    """Focus lists name known pairs, and (NS803) no pair that was closed by the list's date,
    nor a paused one while the list is current (its follow-up window not over: pauses are not
    dated, so an older list may have named the pair while it was active)."""
    out = []
    for rec in lists:
        out += refs.staff_ref(rec, rec.item.staff, "staff")
        member = refs.staff.get(rec.item.staff)
        if member is not None and member.role != "pm":
            out.append(
                rec.at(
                    "not-a-pm",
                    "staff",
                    message=f"`{member.id}` is a {member.role}; focus lists are a PM's",
                )
            )
        for i, entry in enumerate(rec.item.pairs):
            found = refs.pair_ref(rec, entry.pair, "pairs", i, "pair")
            out += found
            pair = refs.pairs.get(entry.pair)
            problem = _inactive_on_list(pair, rec.item, settings, today) if pair else None
            if problem:
                out.append(
                    rec.at(
                        "focus-inactive-pair",
                        "pairs",
                        i,
                        "pair",
                        message=problem,
                        hint="take the pair off the list, or check its status in "
                        f"data/pairs/{entry.pair}.yaml",
                    )
                )
    return out


def _inactive_on_list(pair: Pair, focus: FocusList, settings: Settings, today: date) -> str:
    if pair.closed_on is not None and focus.date > pair.closed_on:
        return (
            f"{pair.id} was closed on {pair.closed_on}, before this focus list; "
            "a focus list is for active pairs"
        )
    if pair.status == "paused" and focus_window_end(focus, settings) >= today:
        return f"{pair.id} is paused; a focus list is for active pairs"
    return ""


def check_participation(
    refs: References, files: Iterable[tuple[str, Iterable[ParticipationRow]]]
) -> list[Diagnostic]:
    """Each row's pair must exist and the week fall in its match (rows of each file)."""
    out = []
    limit = Limiter()  # a file of unknown pairs: CAP shown, the rest counted
    for file, rows in files:
        for row in rows:
            if not refs.has_pair(row.pair):
                if limit.room("unknown-pair", file):
                    out.append(
                        diag(
                            "unknown-pair",
                            file,
                            row.line,
                            f"no pair has the id `{row.pair}`",
                            hint=did_you_mean(row.pair, refs.pairs),
                        )
                    )
                continue
            pair = refs.pairs.get(row.pair)
            if (
                pair is not None
                and (
                    row.week < pair.matched_on
                    or (pair.closed_on is not None and row.week > pair.closed_on)
                )
                and limit.room("participation-outside-match", file)
            ):
                out.append(
                    diag(
                        "participation-outside-match",
                        file,
                        row.line,
                        f"{row.pair} week {row.week} is outside its match "
                        f"({pair.matched_on} to {pair.closed_on or 'now'})",
                        hint="check the pair id and the week: until it is corrected, the row still "
                        "counts in the pair's participation (and its concern)",
                    )
                )
    return out + limit.summaries()
