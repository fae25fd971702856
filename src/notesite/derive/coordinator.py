"""What the Operations Coordinator reads (SPEC §13), in words.

Each reminder with the people it concerns, each escalation with its PM, manager and
focus-list state.

Worded once, here, for `notesite reminders`, the reminders page, the pair and PM pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from notesite.derive.operations import EscalationFacts, Reminder
from notesite.program import Program
from notesite.text import longdate


def first_name(name: str) -> str:
    """The first word of a name: `Sam` of `Sam Okafor`, `Dana` of `Dana W.`."""
    words = name.split()
    return words[0] if words else name


def _staff(program: Program, sid: str | None) -> str:
    if sid is None:
        return "none"
    member = program.staff.get(sid)
    return member.name if member else sid


@dataclass(frozen=True)
class Message:
    """One reminder with the people it concerns, ready for a mail merge."""

    reminder: Reminder
    mentor_id: str
    mentor_name: str
    mentee_first_name: str
    school: str
    pm: str
    pm_name: str

    @property
    def mentor_first_name(self) -> str:
        return first_name(self.mentor_name)

    def fields(self) -> dict[str, Any]:
        r = self.reminder
        return {
            "kind": r.kind,
            "send_on": r.on.isoformat(),
            "pair": r.pair,
            "mentor_id": self.mentor_id,
            "mentor_name": self.mentor_name,
            "mentor_first_name": self.mentor_first_name,
            "mentee_first_name": self.mentee_first_name,
            "school": self.school,
            "class_date": r.cls.isoformat(),
            "next_class": r.next.isoformat() if r.next else None,
            "status": r.status,
            "personalised": r.personalised,
            "pm": self.pm,
            "pm_name": self.pm_name,
        }


def messages(program: Program, reminders: list[Reminder]) -> list[Message]:
    out = []
    for r in reminders:
        pair = program.pairs[r.pair]
        out.append(
            Message(
                r,
                pair.mentor.id,
                pair.mentor.name,
                first_name(pair.mentee.name),
                pair.school,
                pair.pm,
                _staff(program, pair.pm),
            )
        )
    return out


def focus_words(e: EscalationFacts) -> str:
    """Where the escalation stands with the PM's focus list, in a few words."""
    if e.focus_on is not None:
        return f"on the focus list of {longdate(e.focus_on)}"
    if not e.overdue:
        return f"not on a focus list yet (due by {longdate(e.due)})"
    late = f"; listed late on {longdate(e.focus_late)}" if e.focus_late else ""
    return f"not on a focus list in time (due by {longdate(e.due)}){late}"


@dataclass(frozen=True)
class EscalationRow:
    """An escalation as the coordinator and the PM see it."""

    facts: EscalationFacts
    mentor_id: str
    mentor_name: str
    school: str
    pm_name: str
    manager_name: str
    focus: str  # focus_words

    @property
    def pair(self) -> str:
        return self.facts.pair

    def fields(self) -> dict[str, Any]:
        e = self.facts
        return {
            "pair": e.pair,
            "start": e.start.isoformat(),
            "end": e.escalation.end.isoformat() if e.escalation.end else None,
            "run_week": e.escalation.run_week.isoformat(),
            "mentor_name": self.mentor_name,
            "school": self.school,
            "pm": e.pm,
            "manager": e.manager,
            "on_focus_list": e.on_focus_list,
            "focus_list": e.focus_on.isoformat() if e.focus_on else None,
            "focus_due": e.due.isoformat(),
            "focus_state": e.focus_state,
        }


def escalation_rows(program: Program, found: list[EscalationFacts]) -> list[EscalationRow]:
    out = []
    for e in found:
        pair = program.pairs[e.pair]
        out.append(
            EscalationRow(
                e,
                pair.mentor.id,
                pair.mentor.name,
                pair.school,
                _staff(program, e.pm),
                _staff(program, e.manager),
                focus_words(e),
            )
        )
    return out
