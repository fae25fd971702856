"""What the operations commands print and write.

Printable text, spreadsheet-safe CSV cells, and files created beside their target and
renamed into place, never through a link."""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from notesite.commands import CommandError

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


def write_files(base: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write each file (a name inside `base`) safely and return their paths, sorted.

    Each is written to a new temporary file in `base` and renamed onto its name, so nobody
    reads half a report; a symbolic link where a file would go, or `base` itself being a
    file, is refused before anything is written.
    """
    if base.exists() and not base.is_dir():
        raise CommandError(f"{base} is a file, not a folder; choose a folder for --out")
    for name in files:
        target = base / name
        if "/" in name or target.is_symlink():
            raise CommandError(
                f"{target} is a symbolic link; notesite never writes through one "
                "(remove the link, or choose another folder)"
            )
    base.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in sorted(files.items()):
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=base)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o666 & ~_umask())  # as a plain file would be (mkstemp: 0o600)
            os.replace(tmp, base / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(base / name)
    return written


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
