"""`notesite report schools`: each partner school's month, as a printable page and a CSV.

A second audience: the school's staff. Everything comes from `derive/schools.py`, which
reads only the pair files, participation rows and class calendar of one school at a time.
The page is standalone: its stylesheet is inline and allowed by hash alone in its
Content-Security-Policy, it makes no request and has no script, and it prints in black and
white (the chart's bars are labelled and patterned).
"""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import date, timedelta
from pathlib import Path

from notesite.commands import CommandError
from notesite.commands.output import csv_text
from notesite.derive.schools import Rate, SchoolMonth, month_bounds, school_months
from notesite.program import Program
from notesite.render import html
from notesite.render.school_chart import weekly_completion
from notesite.safewrite import write_files

CSV_WORDS = {"pending": "not recorded", "": "not matched"}
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def parse_month(value: str, today: date) -> date:
    """The first day of `--month YYYY-MM`; a month after today's is refused."""
    m = MONTH.match(value)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise CommandError(f"{value!r} is not a month written YYYY-MM, like 2026-11")
    first = date(int(m.group(1)), int(m.group(2)), 1)
    if first > today:
        raise CommandError(f"{value} has not started yet (today is {today})")
    return first


def month_name(first: date) -> str:
    return f"{MONTH_NAMES[first.month - 1]} {first.year}"


def stylesheet() -> str:
    return (html.TEMPLATES / "school_report.css").read_text(encoding="utf-8")


def style_hash(css: str) -> str:
    """The CSP source that allows exactly this inline stylesheet."""
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def page(s: SchoolMonth, program_name: str) -> bytes:
    css = stylesheet()
    previous = month_bounds(s.first - timedelta(days=1))[0]
    template = html.environment().get_template("school_report.html")
    return template.render(
        s=s,
        program=program_name,
        month_name=month_name(s.first),
        previous_name=month_name(previous),
        chart=weekly_completion(s.weeks, s.school),
        css=css,
        style_hash=style_hash(css),
    ).encode("utf-8")


def _value(rate: Rate) -> object:
    return "" if rate.decimal is None else f"{rate.decimal:.2f}"


def _change(n: int | None) -> object:
    return "" if n is None else n


def table(s: SchoolMonth) -> bytes:
    """One row per pair (and one for the whole school): statuses per class, rates, change."""
    header = ["school", "month", "mentee", "grade", "mentor_first_name"]
    for c in s.classes:
        header += [f"{c} mentee", f"{c} mentor"]
    header += [
        "mentee_rate",
        "mentor_rate",
        "mentee_rate_previous_month",
        "mentor_rate_previous_month",
        "mentee_change_points",
        "mentor_change_points",
    ]
    rows: list[list[object]] = []
    for p in s.pairs:
        weeks = [CSV_WORDS.get(v, v) for pair in zip(p.mentee, p.mentor, strict=True) for v in pair]
        rows.append(
            [
                s.school,
                s.month,
                p.pair.mentee.name,
                p.pair.mentee.grade or "",
                p.mentor_first_name,
                *weeks,
                _value(p.mentee_rate),
                _value(p.mentor_rate),
                _value(p.mentee_before),
                _value(p.mentor_before),
                _change(p.mentee_change),
                _change(p.mentor_change),
            ]
        )
    rows.append(
        [
            s.school,
            s.month,
            "all pairs",
            "",
            "",
            *[""] * (2 * len(s.classes)),
            _value(s.total("mentee")),
            _value(s.total("mentor")),
            _value(s.total("mentee", before=True)),
            _value(s.total("mentor", before=True)),
            _change(s.total_change("mentee")),
            _change(s.total_change("mentor")),
        ]
    )
    return csv_text(header, rows).encode("utf-8")


def reports(program: Program, first: date, today: date) -> dict[str, bytes]:
    """Every file of the month's reports, by file name: `<school>-<YYYY-MM>.html` and `.csv`."""
    files = {}
    for s in school_months(program, first, today):
        files[f"{s.slug}-{s.month}.html"] = page(s, program.settings.program)
        files[f"{s.slug}-{s.month}.csv"] = table(s)
    return files


def write_reports(program: Program, first: date, today: date, out: Path, root: Path) -> list[Path]:
    """Write the reports into `out` (never inside the notes' data/ folder)."""
    data = (root / "data").resolve()
    if out.resolve() == data or out.resolve().is_relative_to(data):
        raise CommandError(
            f"{out} is inside the notes repository's data/ folder; choose another --out"
        )
    files = reports(program, first, today)
    return write_files(out, files) if files else []
