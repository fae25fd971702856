"""Participation CSVs: one row per pair per week of class."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from notesite.diagnostics import Diagnostic, Limiter, diag
from notesite.load.files import SourceFile, read_text
from notesite.models import ID_PATTERN, ParticipationRow, check_day
from notesite.settings import is_year_label

HEADER = ["pair", "week", "mentor", "mentee"]
VALUES = ("done", "missed", "excused")
_ID = re.compile(ID_PATTERN)


# Not yet split (issue 9): excepted from C90 until it is, so the check holds elsewhere.
def load_participation(  # noqa: C901
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
    reader = csv.reader(_lines(text))
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
    limit = Limiter()  # an export gone wrong can hold a million bad rows: show CAP of each
    seen: dict[tuple[str, date], int] = {}
    parse = _RowParser(today)
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
        row = parse(cells, number)
        if isinstance(row, str):
            if limit.room("csv-row", rel):
                out.append(diag("csv-row", rel, number, row, hint=_ROW_HINT))
            continue
        key = (row.pair, row.week)
        first = seen.setdefault(key, number)
        if first != number:
            if limit.room("csv-duplicate", rel):
                out.append(
                    diag(
                        "csv-duplicate",
                        rel,
                        number,
                        f"{row.pair} week {row.week} is already recorded on line {first}",
                        hint="keep one row per pair and week",
                    )
                )
            continue
        rows.append(row)
    return rows, out + limit.summaries()


_ROW_HINT = (
    "each row is: pair id, week date (YYYY-MM-DD), mentor and mentee each done, missed or excused"
)


class _RowParser:
    """Reads rows into ParticipationRow, sharing the repeated values (ids, weeks, answers)
    between rows: a large file repeats a few hundred pairs and weeks many thousand times."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.ids: dict[str, str] = {}
        self.weeks: dict[str, date | str] = {}  # the date, or why the text is not one
        self.values = {v: v for v in VALUES}

    def __call__(self, cells: list[str], line: int) -> ParticipationRow | str:
        """The row, or what is wrong with it."""
        if len(cells) != 4:
            columns = "1 column" if len(cells) == 1 else f"{len(cells)} columns"
            return f"this row has {columns}; it needs 4 (pair, week, mentor, mentee)"
        pair_text, week_text, mentor_text, mentee_text = cells
        pair_text, week_text = pair_text.strip(), week_text.strip()
        mentor_text, mentee_text = mentor_text.strip(), mentee_text.strip()
        pair = self.ids.get(pair_text)
        if pair is None:
            if not _ID.match(pair_text):
                return f"`{_short(pair_text)}` is not a pair id"
            pair = self.ids.setdefault(pair_text, pair_text)
        week = self.weeks.get(week_text)
        if week is None:
            week = self.weeks.setdefault(week_text, self._week(week_text))
        if isinstance(week, str):
            return week
        mentor = self.values.get(mentor_text)
        mentee = self.values.get(mentee_text)
        if mentor is None or mentee is None:
            who, value = ("mentor", mentor_text) if mentor is None else ("mentee", mentee_text)
            return f"the {who} value `{_short(value)}` should be done, missed or excused"
        return ParticipationRow(pair, week, mentor, mentee, line)

    def _week(self, text: str) -> date | str:
        try:
            week = date.fromisoformat(text)
        except ValueError:
            return f"`{_short(text)}` is not a date written YYYY-MM-DD"
        if week > self.today:
            return f"the week {week} is in the future (today is {self.today})"
        return check_day(week) or week


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` with their line ends, one at a time (a 64 MiB file is not copied)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        yield text[start:end]
        start = end


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", "\\n")  # a quoted cell may hold a line break
    return text if len(text) <= limit else text[: limit - 3] + "..."
