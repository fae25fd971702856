"""Print a `Review`: Markdown for a pull-request comment, plain text, or JSON for tools.

Markdown and text show the same sections, built once by `sections()`: safety notes added
always come first, validation always comes last. JSON has every row (no `max_rows`), keys
sorted, dates `YYYY-MM-DD`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from notesite.diagnostics import Diagnostic, count, format_text
from notesite.review import Count, Late, NoteRef, PairChange, RecordChange, Review, SafetyAdded

NONE = "—"


@dataclass(frozen=True)
class Section:
    title: str
    intro: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    code: frozenset[int] = frozenset()  # columns shown as `code` in Markdown
    empty: str | None = None  # shown when there are no rows; None: the section is left out


# --- sections shared by Markdown and text --------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _days(n: int | None) -> str:
    return NONE if n is None else _plural(n, "day")


def headline(r: Review) -> str:
    pairs = len(r.by_pair)
    notes = (
        f"{_plural(len(r.notes_added), 'note')} added, {len(r.notes_changed)} changed, "
        f"{len(r.notes_removed)} removed in {_plural(pairs, 'pair')}"
    )
    safety = f"{_plural(len(r.safety), 'safety note')} added"
    return f"{notes}; {safety}; {_checked(r)}."


def _checked(r: Review) -> str:
    """The validation result: "1 error, 0 warnings in 3 added or changed files"."""
    errors, warnings = count(r.diagnostics)
    out = (
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in "
        f"{_plural(r.checked_files, 'added or changed file')}"
    )
    if r.elsewhere:
        errors, warnings = count(r.elsewhere)
        out += (
            f", and {_plural(errors, 'error')}, {_plural(warnings, 'warning')} new in files "
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


def _who(ref: NoteRef) -> str:
    return ref.author or "(cannot be read)"


def _counts(counts: Sequence[Count], pm: bool) -> list[tuple[str, ...]]:
    return [
        (c.key or "(cannot be read)", *([c.pm or NONE] if pm else []), *_three(c)) for c in counts
    ]


def _three(c: Count) -> tuple[str, str, str]:
    return str(c.added), str(c.changed), str(c.removed)


def _records(items: Sequence[RecordChange]) -> list[tuple[str, ...]]:
    return [(x.subject, x.file, x.change, "; ".join(x.details) or NONE) for x in items]


def _safety_row(s: SafetyAdded, allowed: int) -> tuple[str, ...]:
    to, on = ", ".join(s.escalated_to) or NONE, str(s.escalated_on or NONE)
    who = (s.note.id, s.note.pair, _who(s.note))
    return (*who, s.severity or NONE, to, on, _days(s.lag), _status(s, allowed))


def _late_row(x: Late) -> tuple[str, ...]:
    n = x.note
    return (n.id, _who(n), str(n.date), str(n.logged or NONE), str(x.days), x.change)


def _pair_row(p: PairChange) -> tuple[str, ...]:
    pm, status = _move(p.pm_before, p.pm_after), _move(p.status_before, p.status_after)
    return (p.id, p.change, pm, status, "; ".join(p.details) or NONE)


def sections(r: Review) -> list[Section]:
    """Every section in order, empty ones included (the formats leave those out)."""
    listed = [("added", n) for n in r.notes_added] + [("removed", n) for n in r.notes_removed]
    allowed = r.escalate_within_days
    late_intro = f"Notes dated more than {_days(r.log_within_days)} before {r.today}."
    return [
        Section(
            "Safety notes added",
            f"A major concern must be escalated within {_days(allowed)} of the concern.",
            ("Note", "Pair", "Author", "Severity", "Escalated to", "Escalated on", "Lag", "Status"),
            [_safety_row(s, allowed) for s in r.safety],
            frozenset({0}),
            empty="No safety notes were added.",
        ),
        Section(
            "Notes per pair",
            "",
            ("Pair", "PM", "Added", "Changed", "Removed"),
            _counts(r.by_pair, pm=True),
            frozenset({0}),
        ),
        Section(
            "Notes per author",
            "",
            ("Author", "Added", "Changed", "Removed"),
            _counts(r.by_author, pm=False),
        ),
        Section(
            "Notes added and removed",
            "",
            ("Change", "Note", "Type", "Date", "Author"),
            [(c, n.id, n.type or NONE, str(n.date or NONE), _who(n)) for c, n in listed],
            frozenset({1}),
        ),
        Section(
            "Notes rewritten after they were merged",
            "Notes are records: these existed at the base revision and were edited.",
            ("Note", "Pair", "Author", "What changed"),
            [(w.note.id, w.note.pair, _who(w.note), "; ".join(w.details)) for w in r.rewrites],
            frozenset({0}),
        ),
        Section(
            "Documented late",
            late_intro,
            ("Note", "Author", "Date", "Logged", "Days ago", "Change"),
            [_late_row(x) for x in r.late],
            frozenset({0}),
        ),
        Section(
            "Pairs",
            "",
            ("Pair", "Change", "PM", "Status", "Details"),
            [_pair_row(p) for p in r.pairs],
            frozenset({0}),
        ),
        Section(
            "Ratings",
            "",
            ("Rating", "File", "Change", "Details"),
            _records(r.ratings),
            frozenset({1}),
        ),
        Section(
            "Focus lists",
            "",
            ("Focus list", "File", "Change", "Details"),
            _records(r.focus),
            frozenset({1}),
        ),
        Section(
            "Other files",
            "",
            ("File", "Change"),
            [(x.file, x.change) for x in r.other_files],
            frozenset({0}),
        ),
        Section(
            "Note Tracker",
            "Pairs whose tracker level changes, both sides as of the same day; "
            "pairs leaving stale first.",
            ("Pair", "PM", "Before", "After"),
            [(m.pair, m.pm or NONE, m.before or NONE, m.after or NONE) for m in r.tracker],
            frozenset({0}),
        ),
    ]


def _move(before: str | None, after: str | None) -> str:
    if before == after:
        return before or NONE
    return f"{before or NONE} → {after or NONE}"


def _validation(r: Review) -> tuple[str, list[tuple[str, list[Diagnostic]]]]:
    blocks = [("In the added and changed files", list(r.diagnostics))]
    if r.elsewhere:
        blocks.append(("New in files the change did not touch", list(r.elsewhere)))
    return _checked(r) + ".", blocks


def _limit(rows: list[Any], max_rows: int) -> tuple[list[Any], int]:
    if max_rows and len(rows) > max_rows:
        return rows[:max_rows], len(rows) - max_rows
    return rows, 0


MORE = "… and {n} more (`notesite review --format json` lists them all)"


# --- Markdown ------------------------------------------------------------------------------


def _cell(text: str, code: bool) -> str:
    text = " ".join(text.split())
    if code:
        fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
        pad = " " if text.startswith("`") or text.endswith("`") else ""
        text = f"{fence}{pad}{text}{pad}{fence}"
    else:
        text = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
        text = text.replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|")


def _fenced(text: str) -> str:
    fence = "`" * max(3, max((len(m) for m in re.findall(r"`{3,}", text)), default=0) + 1)
    return f"{fence}text\n{text}{fence}"


def format_markdown(r: Review, max_rows: int = 50) -> str:
    out = [
        "## notesite review",
        "",
        f"Compared with {_cell(r.base.rev, False)} (commit `{r.base.commit[:12]}`) "
        f"as of {r.today}: {headline(r)}",
    ]
    for s in sections(r):
        if not s.rows and s.empty is None:
            continue
        out += ["", f"### {s.title}", ""]
        if s.intro:
            out += [s.intro.replace("|", "\\|"), ""]
        if not s.rows:
            out.append(s.empty or "")
            continue
        rows, more = _limit(s.rows, max_rows)
        out.append("| " + " | ".join(s.headers) + " |")
        out.append("|" + " --- |" * len(s.headers))
        out += [
            "| " + " | ".join(_cell(c, i in s.code) for i, c in enumerate(row)) + " |"
            for row in rows
        ]
        if more:
            out += ["", MORE.format(n=more)]
    summary, blocks = _validation(r)
    out += ["", "### Validation", "", f"**{summary}**"]
    for title, diagnostics in blocks:
        if diagnostics:
            shown, more = _limit(diagnostics, max_rows)
            out += ["", f"{title}:", "", _fenced(_diagnostic_text(shown, more))]
    return "\n".join(out) + "\n"


def _diagnostic_text(diagnostics: list[Diagnostic], more: int) -> str:
    text = format_text(diagnostics).splitlines(keepends=True)[:-1]  # drop its own count line
    if more:
        text.append(MORE.format(n=more).replace("`", "") + "\n")
    return "".join(text)


# --- text ----------------------------------------------------------------------------------


def format_text_review(r: Review, max_rows: int = 50) -> str:
    out = [
        f"notesite review: compared with {r.base.rev} (commit {r.base.commit[:12]}) "
        f"as of {r.today}",
        headline(r),
    ]
    for s in sections(r):
        if not s.rows and s.empty is None:
            continue
        out += ["", s.title, "-" * len(s.title)]
        if s.intro:
            out.append(s.intro.replace("`", ""))
        if not s.rows:
            out.append(s.empty or "")
            continue
        rows, more = _limit(s.rows, max_rows)
        table = [s.headers, *rows]
        widths = [max(len(row[i]) for row in table) for i in range(len(s.headers))]
        out += [
            "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            for row in table
        ]
        if more:
            out.append(MORE.format(n=more).replace("`", ""))
    summary, blocks = _validation(r)
    out += ["", "Validation", "----------", summary]
    for title, diagnostics in blocks:
        if diagnostics:
            shown, more = _limit(diagnostics, max_rows)
            out += ["", f"{title}:", _diagnostic_text(shown, more).rstrip("\n")]
    return "\n".join(out) + "\n"


# --- JSON ----------------------------------------------------------------------------------


def _ref(n: NoteRef) -> dict[str, Any]:
    return {
        "id": n.id,
        "file": n.file,
        "pair": n.pair,
        "author": n.author,
        "type": n.type,
        "date": n.date and n.date.isoformat(),
        "logged": n.logged and n.logged.isoformat(),
        "readable": n.readable,
    }


def _diag(x: Diagnostic) -> dict[str, Any]:
    return {k: (str(v) if k == "severity" else v) for k, v in asdict(x).items()}


def _count(c: Count, key: str) -> dict[str, Any]:
    out = {key: c.key or None, "added": c.added, "changed": c.changed, "removed": c.removed}
    return out | ({"pm": c.pm} if key == "pair" else {})


def to_json(r: Review) -> dict[str, Any]:
    return {
        "base": {"rev": r.base.rev, "commit": r.base.commit},
        "today": r.today.isoformat(),
        "files": [{"file": f, "change": c} for f, c in r.files.items()],
        "safety_added": [
            {
                "note": _ref(s.note),
                "severity": s.severity,
                "escalated_to": list(s.escalated_to),
                "escalated_on": s.escalated_on and s.escalated_on.isoformat(),
                "escalation_lag_days": s.lag,
                "status": s.status,
            }
            for s in r.safety
        ],
        "notes": {
            "added": [_ref(n) for n in r.notes_added],
            "changed": [_ref(n) for n in r.notes_changed],
            "removed": [_ref(n) for n in r.notes_removed],
            "by_pair": [_count(c, "pair") for c in r.by_pair],
            "by_author": [_count(c, "author") for c in r.by_author],
        },
        "rewrites": [_ref(w.note) | {"details": list(w.details)} for w in r.rewrites],
        "late_documentation": {
            "log_within_days": r.log_within_days,
            "notes": [_ref(x.note) | {"days": x.days, "change": x.change} for x in r.late],
        },
        "pairs": [
            {
                "id": p.id,
                "change": p.change,
                "pm": {"before": p.pm_before, "after": p.pm_after},
                "status": {"before": p.status_before, "after": p.status_after},
                "details": list(p.details),
            }
            for p in r.pairs
        ],
        "ratings": [asdict(x) for x in r.ratings],
        "focus": [asdict(x) for x in r.focus],
        "other_files": [asdict(x) for x in r.other_files],
        "tracker": [
            {"pair": m.pair, "pm": m.pm, "before": m.before, "after": m.after} for m in r.tracker
        ],
        "validation": {
            "files": r.checked_files,
            "errors": r.errors,
            "warnings": r.warnings,
            "diagnostics": [_diag(x) for x in r.diagnostics],
            "elsewhere": [_diag(x) for x in r.elsewhere],
        },
    }


def format_json(r: Review, max_rows: int = 0) -> str:
    del max_rows  # JSON always lists everything
    return json.dumps(to_json(r), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


FORMATS = {"markdown": format_markdown, "text": format_text_review, "json": format_json}


def append_step_summary(path: Path, markdown: str) -> None:
    """Append to GitHub's job summary file ($GITHUB_STEP_SUMMARY); raises OSError."""
    with path.open("a", encoding="utf-8") as f:
        f.write(markdown)
