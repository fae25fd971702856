"""NS602 across files: one pair and week recorded in two participation files.

All files form one record (SPEC §8), so a week recorded in `2025-26.csv` and again in
`2026-27.csv` is as much a duplicate as one recorded twice in one file; which one would count
would depend on the order the files are read. The first by file name is kept, and the other
is reported, naming both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from notesite.diagnostics import Diagnostic, Limiter, diag
from notesite.models import ParticipationRow

Files = list[tuple[str, list[ParticipationRow]]]  # each file's rows, by file


def drop_duplicates(
    files: Iterable[tuple[str, Sequence[ParticipationRow]]],
) -> tuple[Files, list[Diagnostic]]:
    """The files' rows without repeats of a (pair, week) seen in an earlier file, and the
    errors (a repeat within one file is reported when the file is read)."""
    seen: dict[tuple[str, date], tuple[str, int]] = {}
    kept: Files = []
    out: list[Diagnostic] = []
    limit = Limiter()  # two copies of a whole file: CAP shown, the rest counted
    for file, rows in sorted(files, key=lambda f: f[0]):
        keep = []
        for row in sorted(rows, key=lambda r: r.line):
            key = (row.pair, row.week)
            if key not in seen:
                seen[key] = (file, row.line)
                keep.append(row)
                continue
            first, line = seen[key]
            if first != file and limit.room("csv-duplicate", file):
                out.append(
                    diag(
                        "csv-duplicate",
                        file,
                        row.line,
                        f"{row.pair} week {row.week} is already recorded in {first} on line {line}",
                        hint="keep one row per pair and week: remove it from one of the two files",
                    )
                )
        kept.append((file, keep))
    return kept, out + limit.summaries()
