"""NS822: an out-of-program follow-up dated before the meeting it follows up (SPEC §14).

A follow-up records how the meeting went, so it is dated on or after the request's
`planned_for`; one dated earlier still closes the request (SPEC §9), which is why it is worth
a warning. One dated before the request itself is NS807 instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from notesite.derive.practice import early_follow_ups
from notesite.diagnostics import Diagnostic, diag
from notesite.program import Note


def check_meeting_follow_ups(notes: Iterable[Note], by_id: Mapping[str, Note]) -> list[Diagnostic]:
    out = []
    for follow_up, request in early_follow_ups(notes, by_id):
        assert request.meeting is not None
        out.append(
            diag(
                "follow-up-before-meeting",
                follow_up.file,
                follow_up.lines.get("follow_up_of"),
                f"this follow-up is dated {follow_up.date}, before the meeting it follows up "
                f"({request.meeting.planned_for}, in {request.id})",
                hint="date the follow-up on or after the meeting; if the meeting moved, "
                "correct `planned_for` in the request",
            )
        )
    return out
