"""What the operations commands print: printable text, aligned tables, spreadsheet-safe CSV.

Their files are written as every command's are, by `notesite.safewrite`."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def printable(text: str) -> str:
    """`text` with control and format characters replaced by `?`: a name from a file can
    never move the cursor, colour a terminal or start a CI workflow command."""
    return "".join("?" if unicodedata.category(c) in ("Cc", "Cf") else c for c in text)


def cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a `'`
    (a number, such as a negative change, is left as it is)."""
    text = printable(str(value))
    if NUMBER.match(text) or not text.startswith(FORMULA_STARTS):
        return text
    return "'" + text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([cell(v) for v in row] for row in rows)
    return out.getvalue()


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Aligned plain-text lines, indented by two spaces."""
    cells = [[printable(c) for c in r] for r in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    return [
        ("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True))).rstrip()
        for r in cells
    ]
