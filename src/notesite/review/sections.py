"""The sections of a review, built once for both Markdown and text.

Safety record changes always come first, then the safety notes added; validation always
comes last. Cells hold raw values; the formats make them inert (`escape`): every column is
taken to hold text from files except the ones a section names as `generated`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from notesite.diagnostics import Diagnostic, count, format_text
from notesite.review.escape import plain
from notesite.review.model import Count, Late, PairChange, RecordChange, Review, SafetyAdded

NONE = "—"
MORE = "… and {n} more (`notesite review --format json` lists them all)"


@dataclass(frozen=True)
class Block:
    """Lines shown under a table, as code: the changed text of one note."""

    subject: str  # a note id
    lines: tuple[str, ...]
    more: int


@dataclass(frozen=True)
class Section:
    title: str
    intro: str  # Markdown written here, never from files
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    generated: frozenset[int] = frozenset()  # columns notesite words itself (counts, statuses)
    empty: str | None = None  # shown when there are no rows; None: the section is left out
    blocks: list[Block] = field(default_factory=list)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _days(n: int | None) -> str:
    return NONE if n is None else plural(n, "day")


def headline(r: Review) -> str:
    renamed = f", {len(r.notes_renamed)} renamed" if r.notes_renamed else ""
    notes = (
        f"{plural(len(r.notes_added), 'note')} added, {len(r.notes_changed)} changed, "
        f"{len(r.notes_removed)} removed{renamed} in {plural(len(r.by_pair), 'pair')}"
    )
    first = ""
    if r.safety_changes:
        first = f"{plural(len(r.safety_changes), 'safety record change')} (the check fails); "
    safety = f"{plural(len(r.safety), 'safety note')} added"
    return f"{first}{notes}; {safety}; {checked(r)}."


def checked(r: Review) -> str:
    """The validation result: "1 error, 0 warnings in 3 added or changed files"."""
    errors, warnings = count(r.diagnostics)
    out = (
        f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in "
        f"{plural(r.checked_files, 'added or changed file')}"
    )
    if r.elsewhere:
        errors, warnings = count(r.elsewhere)
        out += (
            f", and {plural(errors, 'error')}, {plural(warnings, 'warning')} new in files "
            "the change did not touch"
        )
    return out


def _status(s: SafetyAdded, allowed: int) -> str:
    return {
        "on-time": "escalated in time",
        "late": f"ESCALATED LATE (allowed: {_days(allowed)})",
        "unescalated": "NOT ESCALATED",
        "minor": "minor: escalation not required",
        "invalid": "DOES NOT VALIDATE (see Validation)",
    }[s.status]


def _who(r: Review, staff: str | None) -> str:
    return r.person(staff) or "(cannot be read)"


def _counts(r: Review, counts: Sequence[Count], pm: bool) -> list[tuple[str, ...]]:
    return [
        (
            c.key if pm else _who(r, c.key or None),
            *([r.person(c.pm) or NONE] if pm else []),
            str(c.added),
            str(c.changed),
            str(c.removed),
        )
        for c in counts
    ]


def _records(items: Sequence[RecordChange]) -> list[tuple[str, ...]]:
    return [(x.subject, x.file, x.change, "; ".join(x.details) or NONE) for x in items]


def _safety_row(r: Review, s: SafetyAdded) -> tuple[str, ...]:
    to = ", ".join(_who(r, x) for x in s.escalated_to) or NONE
    who = (s.note.id, s.note.pair, _who(r, s.note.author))
    on, allowed = str(s.escalated_on or NONE), r.escalate_within_days
    return (*who, s.severity or NONE, to, on, _days(s.lag), _status(s, allowed))


def _late_row(r: Review, x: Late) -> tuple[str, ...]:
    n = x.note
    return (n.id, _who(r, n.author), str(n.date), str(n.logged or NONE), _days(x.lag))


def _pair_row(r: Review, p: PairChange) -> tuple[str, ...]:
    pm = _move(r.person(p.pm_before), r.person(p.pm_after))
    return (p.id, p.change, pm, _move(p.status_before, p.status_after), "; ".join(p.details))


def _move(before: str | None, after: str | None) -> str:
    if before == after:
        return before or NONE
    return f"{before or NONE} → {after or NONE}"


_KIND_WORDS = {"re-dated": "re-dated", "unreadable": "cannot be read"}
SAFETY_INTRO = (
    "Notes are records. These safety notes of the base revision were removed, renamed, "
    "re-dated, lowered in severity, or had their escalation or author changed, or a note's "
    "type changed to or from safety. While this list is not empty the check fails (exit 1); "
    "a Program Director may still merge deliberately."
)


def sections(r: Review) -> list[Section]:
    """Every section in order, empty ones included (the formats leave those out)."""
    return [
        Section(
            "Safety record changes",
            SAFETY_INTRO,
            ("Note", "Pair", "Author", "Change", "Details"),
            [
                (
                    c.before.id,
                    c.before.pair,
                    _who(r, c.before.author),
                    ", ".join(_KIND_WORDS.get(k, k.replace("-", " ")) for k in c.kinds),
                    "; ".join(c.details),
                )
                for c in r.safety_changes
            ],
            frozenset({3}),
            empty="No safety note was removed, renamed, re-dated or weakened.",
        ),
        Section(
            "Safety notes added",
            f"A major concern must be escalated within {_days(r.escalate_within_days)} of "
            "the concern.",
            ("Note", "Pair", "Author", "Severity", "Escalated to", "Escalated on", "Lag", "Status"),
            [_safety_row(r, s) for s in r.safety],
            frozenset({5, 6, 7}),
            empty="No safety notes were added.",
        ),
        Section(
            "Notes per pair",
            "",
            ("Pair", "PM", "Added", "Changed", "Removed"),
            _counts(r, r.by_pair, pm=True),
            frozenset({2, 3, 4}),
        ),
        Section(
            "Notes per author",
            "",
            ("Author", "Added", "Changed", "Removed"),
            _counts(r, r.by_author, pm=False),
            frozenset({1, 2, 3}),
        ),
        Section(
            "Notes added, removed and renamed",
            "",
            ("Change", "Note", "Type", "Date", "Author"),
            [
                *(
                    (c, n.id, n.type or NONE, str(n.date or NONE), _who(r, n.author))
                    for c, n in (
                        *(("added", n) for n in r.notes_added),
                        *(("removed", n) for n in r.notes_removed),
                    )
                ),
                *(
                    (
                        "renamed",
                        f"{x.before.id} → {x.after.id}",
                        x.after.type or NONE,
                        str(x.after.date or NONE),
                        _who(r, x.after.author),
                    )
                    for x in r.notes_renamed
                ),
            ],
            frozenset({0, 3}),
        ),
        Section(
            "Notes rewritten after they were merged",
            "Notes are records: these existed at the base revision and were edited or renamed.",
            ("Note", "Pair", "Author", "What changed"),
            [
                (w.note.id, w.note.pair, _who(r, w.note.author), "; ".join(w.details))
                for w in r.rewrites
            ],
            blocks=[Block(w.note.id, w.text.lines, w.text.more) for w in r.rewrites if w.text],
        ),
        Section(
            "Documented late",
            f"Notes this change adds that were logged more than {_days(r.log_within_days)} "
            "after the support (logged − date). Edits of older notes are rewrites, above.",
            ("Note", "Author", "Date", "Logged", "Lag"),
            [_late_row(r, x) for x in r.late],
            frozenset({2, 3, 4}),
        ),
        Section(
            "Pairs",
            "",
            ("Pair", "Change", "PM", "Status", "Details"),
            [_pair_row(r, p) for p in r.pairs],
            frozenset({1, 3}),  # statuses are validated words
        ),
        Section(
            "Ratings",
            "",
            ("Rating", "File", "Change", "Details"),
            _records(r.ratings),
            frozenset({2}),
        ),
        Section(
            "Focus lists",
            "",
            ("Focus list", "File", "Change", "Details"),
            _records(r.focus),
            frozenset({2}),
        ),
        Section(
            "Other files",
            "",
            ("File", "Change", "Details"),
            [(x.file, x.change, "; ".join(x.details) or NONE) for x in r.other_files],
            frozenset({1}),
        ),
        Section(
            "Note Tracker",
            "Pairs whose tracker level changes, both sides as of the same day; "
            "pairs leaving stale first.",
            ("Pair", "PM", "Before", "After"),
            [
                (m.pair, r.person(m.pm) or NONE, m.before or NONE, m.after or NONE)
                for m in r.tracker
            ],
            frozenset({2, 3}),
        ),
    ]


def validation(r: Review) -> tuple[str, list[tuple[str, list[Diagnostic]]]]:
    blocks = [("In the added and changed files", list(r.diagnostics))]
    if r.elsewhere:
        blocks.append(("New in files the change did not touch", list(r.elsewhere)))
    return checked(r) + ".", blocks


def limit(rows: list[Any], max_rows: int) -> tuple[list[Any], int]:
    if max_rows and len(rows) > max_rows:
        return rows[:max_rows], len(rows) - max_rows
    return rows, 0


def diagnostic_lines(diagnostics: list[Diagnostic], more: int) -> list[str]:
    """`validate`'s text lines, with everything taken from files made `plain`."""
    inert = [
        replace(
            x,
            file=plain(x.file),
            message=plain(x.message),
            hint=None if x.hint is None else plain(x.hint),
        )
        for x in diagnostics
    ]
    lines = format_text(inert).splitlines()[:-1]  # drop its own count line
    if more:
        lines.append(MORE.format(n=more).replace("`", ""))
    return lines
