"""Cross-file rules: every id a file names must exist, and notes must fall in their match."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from datetime import date
from typing import Any

from notesite.derive.measures import focus_window_end
from notesite.diagnostics import Diagnostic, diag, did_you_mean
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
    out: list[Diagnostic] = []
    for note in notes:

        def at(
            field: str, name: str, message: str, hint: str | None = None, n: Note = note
        ) -> Diagnostic:
            return diag(name, n.file, n.lines.get(field), message, hint=hint)

        if not refs.has_staff(note.author):
            out.append(
                at(
                    "author",
                    "unknown-staff",
                    f"no staff member has the id `{note.author}`",
                    did_you_mean(note.author, refs.staff) or "add them to data/staff.yaml",
                )
            )
        if note.escalated_to and set(note.escalated_to) == {note.author}:
            out.append(
                at(
                    "escalated_to",
                    "escalated-to-author",
                    "the concern is escalated only to the note's own author",
                    "escalate to your Program Director (or whoever the safety policy names)",
                )
            )
        for person in note.escalated_to:
            if not refs.has_staff(person):
                out.append(
                    at(
                        "escalated_to",
                        "unknown-staff",
                        f"`escalated_to` names `{person}`, who is not on the staff roster",
                        did_you_mean(person, refs.staff),
                    )
                )
        pair = refs.pairs.get(note.pair)
        if pair is None and not refs.has_pair(note.pair):
            out.append(
                at(
                    "pair",
                    "unknown-pair",
                    f"no pair has the id `{note.pair}`",
                    did_you_mean(note.pair, refs.pairs),
                )
            )
        elif pair is None:
            pass  # the pair's own file is invalid and says so
        elif note.date < pair.matched_on:
            out.append(
                at(
                    "date",
                    "outside-match",
                    f"the note is dated {note.date}, before the pair was matched "
                    f"({pair.matched_on})",
                    "check the date, or the pair",
                )
            )
        elif pair.closed_on is not None and note.date > pair.closed_on:
            out.append(
                at(
                    "date",
                    "outside-match",
                    f"the note is dated {note.date}, after the match closed ({pair.closed_on})",
                    "check the date, or the pair",
                )
            )
        if note.follow_up_of is not None:
            request = by_id.get(note.follow_up_of)
            if request is None:
                out.append(
                    at(
                        "follow_up_of",
                        "unknown-note",
                        f"`follow_up_of` names `{note.follow_up_of}`, which is not a note",
                        did_you_mean(note.follow_up_of, by_id)
                        or "use the request's id: <pair>/<file name without .md>",
                    )
                )
            elif request.pair != note.pair:
                out.append(
                    at(
                        "follow_up_of",
                        "unknown-note",
                        f"`{note.follow_up_of}` is a note of pair {request.pair}, not of "
                        f"{note.pair}",
                        "name this pair's out-of-program request",
                    )
                )
            elif request.date > note.date:
                out.append(
                    at(
                        "follow_up_of",
                        "follow-up-before-request",
                        f"this follow-up is dated {note.date}, before its request ({request.date})",
                        "check the date",
                    )
                )
            elif request.meeting is None:
                out.append(
                    at(
                        "follow_up_of",
                        "unknown-note",
                        f"`{note.follow_up_of}` is not an out-of-program request",
                        "name the note that holds the `meeting:` request",
                    )
                )
    return out


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
    refs: References, rows: Iterable[tuple[str, ParticipationRow]]
) -> list[Diagnostic]:
    out = []
    for file, row in rows:
        if not refs.has_pair(row.pair):
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
        if pair is not None and (
            row.week < pair.matched_on or (pair.closed_on is not None and row.week > pair.closed_on)
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
    return out
