"""Participation CSVs: one row per pair per week of class."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from notesite.diagnostics import Diagnostic, diag
from notesite.load.files import SourceFile, read_text
from notesite.models import ID_PATTERN, ParticipationRow
from notesite.settings import is_year_label

HEADER = ["pair", "week", "mentor", "mentee"]
VALUES = ("done", "missed", "excused")
_ID = re.compile(ID_PATTERN)
MAX_REPORTED = 50  # past this, one summary line: a broken export must not flood the PR


def load_participation(
    root: Path, source: SourceFile, today: date
) -> tuple[list[ParticipationRow], list[Diagnostic]]:
    rel = source.rel
    if not is_year_label(source.parts[0]):
        return [], [
            diag(
                "bad-file-name",
                rel,
                None,
                f"`{source.parts[0]}.csv` should be named after a program year",
                hint="name it like 2025-26.csv",
            )
        ]
    text, problem = read_text(root, source)
    if text is None:
        return [], [problem] if problem else []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
    except csv.Error:
        header = ["(unreadable)"]
    if [h.strip().lower() for h in header] != HEADER:
        found = _short(",".join(header))
        return [], [
            diag(
                "csv-header",
                rel,
                1,
                f"the first line should be `{','.join(HEADER)}`, not `{found}`",
                hint="export the participation file with exactly these four columns",
            )
        ]
    rows: list[ParticipationRow] = []
    out: list[Diagnostic] = []
    seen: dict[tuple[str, date], int] = {}
    while True:
        number = reader.line_num + 1  # where this row starts (a quoted cell may span lines)
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            out.append(
                diag(
                    "csv-row",
                    rel,
                    number,
                    f"this row cannot be read ({exc}); the rest of the file is skipped",
                    hint='look for a stray double quote (") that is never closed',
                )
            )
            break
        if not cells or not "".join(cells).strip():
            continue
        row, message = _row(cells, number, today)
        if row is None:
            out.append(
                diag(
                    "csv-row",
                    rel,
                    number,
                    message,
                    hint="each row is: pair id, week date (YYYY-MM-DD), mentor and mentee "
                    "each done, missed or excused",
                )
            )
            continue
        key = (row.pair, row.week)
        if key in seen:
            out.append(
                diag(
                    "csv-duplicate",
                    rel,
                    number,
                    f"{row.pair} week {row.week} is already recorded on line {seen[key]}",
                    hint="keep one row per pair and week",
                )
            )
            continue
        seen[key] = number
        rows.append(row)
    if len(out) > MAX_REPORTED:
        more = len(out) - MAX_REPORTED
        out = out[:MAX_REPORTED]
        out.append(diag("csv-row", rel, None, f"... and {more} more problems in this file"))
    return rows, out


def _row(cells: list[str], line: int, today: date) -> tuple[ParticipationRow | None, str]:
    if len(cells) != 4:
        columns = "1 column" if len(cells) == 1 else f"{len(cells)} columns"
        return None, f"this row has {columns}; it needs 4 (pair, week, mentor, mentee)"
    pair, week_text, mentor, mentee = (c.strip() for c in cells)
    if not _ID.match(pair):
        return None, f"`{_short(pair)}` is not a pair id"
    try:
        week = date.fromisoformat(week_text)
    except ValueError:
        return None, f"`{_short(week_text)}` is not a date written YYYY-MM-DD"
    if week > today:
        return None, f"the week {week} is in the future (today is {today})"
    for who, value in (("mentor", mentor), ("mentee", mentee)):
        if value not in VALUES:
            return None, f"the {who} value `{_short(value)}` should be done, missed or excused"
    return ParticipationRow(pair, week, mentor, mentee, line), ""


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", "\\n")  # a quoted cell may hold a line break
    return text if len(text) <= limit else text[: limit - 3] + "..."
