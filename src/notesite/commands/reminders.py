"""`notesite reminders`: the Operations Coordinator's lists for one day (SPEC §13).

Emails and texts due, one row per message, with what a mail-merge template needs; the open
escalations (no reminders: the PM and the PM's manager follow up) and whether each reached a
focus list; the escalations that ended this week (reminders resume). Text for a terminal,
CSV for a mail merge, JSON for tools.
"""

from __future__ import annotations

import json

from notesite.class_calendar import WEEKDAYS
from notesite.commands.output import csv_text, printable, table
from notesite.derive.coordinator import EscalationRow, Message, escalation_rows, messages
from notesite.derive.operations import Operations
from notesite.program import Program
from notesite.text import longdate, plural

CSV_HEADER = (
    "kind",
    "send_on",
    "pair",
    "mentor_id",
    "mentor_name",
    "mentor_first_name",
    "mentee_first_name",
    "school",
    "class_date",
    "next_class",
    "status",
    "personalised",
    "pm",
    "pm_name",
)
FORMATS = ("text", "csv", "json")
WHY = {
    "email": "the class was 3 days ago and the mentor has not done its lesson",
    "text": "the next class is tomorrow and the mentor has not done this week's lesson",
}


def format_json(program: Program, ops: Operations) -> str:
    """The day's lists for tools: participation.json's keys, each entry with more fields."""
    payload = {
        "date": ops.date.isoformat(),
        "reminders": [m.fields() for m in messages(program, ops.reminders)],
        "escalations": [e.fields() for e in escalation_rows(program, list(ops.open))],
        "ended": [e.fields() for e in escalation_rows(program, list(ops.ended))],
    }
    return json.dumps(payload, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def format_csv(program: Program, ops: Operations) -> str:
    """One row per message, emails first, for a mail merge; `personalised` is yes or no."""
    rows = []
    for kind in ("email", "text"):
        for m in messages(program, [r for r in ops.reminders if r.kind == kind]):
            fields = m.fields()
            fields["personalised"] = "yes" if fields["personalised"] else "no"
            rows.append([fields[k] if fields[k] is not None else "" for k in CSV_HEADER])
    return csv_text(CSV_HEADER, rows)


def format_text(program: Program, ops: Operations) -> str:
    day = ops.date
    lines = [
        f"Reminders for {WEEKDAYS[day.weekday()].title()} {longdate(day)}: "
        f"{plural(len(ops.emails), 'email')}, {plural(len(ops.texts), 'text')}, "
        f"{plural(len(ops.open), 'open escalation')}"
    ]
    for kind, why in WHY.items():
        found = messages(program, [r for r in ops.reminders if r.kind == kind])
        lines += ["", f"{kind.title()}s ({len(found)}): {why}"]
        if found:
            lines += table(
                ("pair", "mentor", "mentee", "school", "class", "status", "personalised", "PM"),
                [_message_row(m) for m in found],
            )
    opened = escalation_rows(program, list(ops.open))
    lines += [
        "",
        f"Open escalations ({len(opened)}): no reminders; flag to the PM and the PM's manager, "
        "who add the pair to the next focus list",
    ]
    if opened:
        lines += table(
            ("pair", "mentor", "school", "started", "PM", "manager", "focus list"),
            [_escalation_row(e) for e in opened],
        )
    ended = escalation_rows(program, list(ops.ended))
    lines += [
        "",
        f"Ended this week ({len(ended)}): the mentor did a week's lesson; resume reminders",
    ]
    if ended:
        rows = [[*_escalation_row(e)[:4], str(e.facts.escalation.end)] for e in ended]
        lines += table(("pair", "mentor", "school", "started", "ended"), rows)
    for school, n in ops.uncovered:
        lines += [
            "",
            f"No reminders for {printable(school)} ({plural(n, 'active pair')}): it has no "
            f"class calendar for {program.settings.year_of(day)} (data/calendar/).",
        ]
    return "\n".join(lines) + "\n"


def _message_row(m: Message) -> list[str]:
    r = m.reminder
    return [
        r.pair,
        f"{m.mentor_name} ({m.mentor_id})",
        m.mentee_first_name,
        m.school,
        r.cls.isoformat(),
        r.status,
        "yes" if r.personalised else "no",
        m.pm_name,
    ]


def _escalation_row(e: EscalationRow) -> list[str]:
    return [
        e.pair,
        f"{e.mentor_name} ({e.mentor_id})",
        e.school,
        e.facts.start.isoformat(),
        f"{e.pm_name} ({e.facts.pm})",
        e.manager_name,
        e.focus,
    ]


def render(program: Program, ops: Operations, fmt: str) -> str:
    return {"text": format_text, "csv": format_csv, "json": format_json}[fmt](program, ops)
