"""Rules that depend on a note's type: the extra front matter each kind requires or forbids.

`summary` names its program year, `safety` its severity (and, when major, its escalation),
`out-of-program` is either a request (`meeting`) or a follow-up (`follow_up_of`).
"""

from __future__ import annotations

from calendar import month_name

from notesite.diagnostics import Diagnostic, did_you_mean
from notesite.models import NoteFront
from notesite.settings import Settings, is_year_label
from notesite.validate.common import Located

_KIND_FIELDS = {
    "summary": {"program_year"},
    "safety": {"severity", "escalated_to", "escalated_on"},
    "out-of-program": {"meeting", "follow_up_of"},
}
_ALL_EXTRA = set().union(*_KIND_FIELDS.values())


def check_type(rec: Located[NoteFront], settings: Settings) -> list[Diagnostic]:
    front = rec.item
    if front.type not in settings.types:
        return [
            rec.at(
                "unknown-type",
                "type",
                message=f"`{front.type}` is not a note type",
                hint=did_you_mean(front.type, settings.types)
                or "use one of: " + ", ".join(settings.types),
            )
        ]
    kind = settings.types[front.type].kind
    out = []
    present = {k for k in _ALL_EXTRA if getattr(front, k) is not None}
    for extra in sorted(present - _KIND_FIELDS.get(kind, set())):
        out.append(
            rec.at(
                "type-field-extra",
                extra,
                message=f"`{extra}` does not belong in a `{front.type}` note",
                hint="remove it, or change the note's type",
            )
        )
    check = _KIND_CHECKS.get(kind)
    if check is not None:
        out += check(rec, settings)
    return out


def _missing(rec: Located[NoteFront], field: str, why: str) -> Diagnostic:
    return rec.at(
        "type-field-missing",
        "type",
        message=f"`{field}` is missing: {why}",
        hint=f"add a line `{field}: ...` to the front matter",
    )


def _summary(rec: Located[NoteFront], settings: Settings) -> list[Diagnostic]:
    year = rec.item.program_year
    if year is None:
        return [_missing(rec, "program_year", "a summary says which program year it sums up")]
    if not is_year_label(year):
        return [
            rec.at(
                "invalid-value",
                "program_year",
                message=f"`{year}` is not a program year label",
                hint="write the year the program year starts and the next, like 2025-26",
            )
        ]
    actual, due = settings.year_of(rec.item.date), settings.summary_due
    if actual != year:
        return [
            rec.at(
                "summary-year",
                "program_year",
                message=f"this summary of {year} is dated {rec.item.date}, which is in "
                f"program year {actual}",
                hint="check `program_year` and `date`: the summary of a program year is due "
                f"by {month_name[int(due[:2])]} {int(due[3:])} of that year",
            )
        ]
    return []


def _safety(rec: Located[NoteFront], settings: Settings) -> list[Diagnostic]:
    f = rec.item
    if f.severity is None:
        return [_missing(rec, "severity", "a safety note is `major` or `minor`")]
    out = []
    if f.severity == "major":
        if not f.escalated_to:
            out.append(_missing(rec, "escalated_to", "a major safety concern must be escalated"))
        if f.escalated_on is None:
            out.append(_missing(rec, "escalated_on", "a major safety concern must be escalated"))
    if f.escalated_on is not None and f.escalated_on < f.date:
        out.append(
            rec.at(
                "invalid-value",
                "escalated_on",
                message="`escalated_on` is before the concern's `date`",
                hint="check both dates",
            )
        )
    return out


def _out_of_program(rec: Located[NoteFront], settings: Settings) -> list[Diagnostic]:
    f = rec.item
    if f.meeting is None and f.follow_up_of is None:
        return [
            _missing(
                rec,
                "meeting",
                "a request needs `meeting: {requested_on, planned_for, "
                "approved}`; a follow-up needs `follow_up_of`",
            )
        ]
    if f.meeting is not None and f.follow_up_of is not None:
        return [
            rec.at(
                "invalid-value",
                "follow_up_of",
                message="a note is either a request (`meeting`) or a follow-up "
                "(`follow_up_of`), not both",
                hint="write the follow-up as its own note",
            )
        ]
    if f.meeting is not None and f.meeting.planned_for < f.meeting.requested_on:
        return [
            rec.at(
                "invalid-value",
                "meeting",
                "planned_for",
                message="the meeting is planned before it was requested",
                hint="check `requested_on` and `planned_for`",
            )
        ]
    return []


_KIND_CHECKS = {"summary": _summary, "safety": _safety, "out-of-program": _out_of_program}
