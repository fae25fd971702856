"""NS602 across files: one pair and week recorded in two participation files.

All files form one record (SPEC §8), so a week recorded in `2025-26.csv` and again in
`2026-27.csv` is as much a duplicate as one recorded twice in one file; which one would count
would depend on the order the files are read. The first by file name is kept, and the other
is reported, naming both.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from notesite.diagnostics import Diagnostic, diag
from notesite.models import ParticipationRow


def drop_duplicates(
    rows: Iterable[tuple[str, ParticipationRow]],
) -> tuple[list[tuple[str, ParticipationRow]], list[Diagnostic]]:
    """The rows without repeats of a (pair, week) seen in an earlier file, and the errors."""
    seen: dict[tuple[str, date], tuple[str, int]] = {}
    kept, out = [], []
    for file, row in sorted(rows, key=lambda r: (r[0], r[1].line)):
        key = (row.pair, row.week)
        if key in seen:
            first, line = seen[key]
            out.append(
                diag(
                    "csv-duplicate",
                    file,
                    row.line,
                    f"{row.pair} week {row.week} is already recorded in {first} on line {line}",
                    hint="keep one row per pair and week: remove it from one of the two files",
                )
            )
            continue
        seen[key] = (file, row.line)
        kept.append((file, row))
    return kept, out
