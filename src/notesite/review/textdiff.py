"""How a note's text changed, in time proportional to its size.

`difflib.SequenceMatcher` is quadratic in the lines it compares (and worse with
`autojunk=False` on repeated lines), so one rewritten 64 KiB note could take minutes. Here the
lines both versions share at the start and the end are set aside first (most edits touch a
few lines), the rest is diffed line by line only while it is small, and a large rewrite is
compared as two bags of lines: what is only in the old text was removed, what is only in the
new text was added (a line moved within the note is then not counted).
"""

from __future__ import annotations

import difflib
from collections import Counter

from notesite.review.model import TextDiff

MAX_CELLS = 250_000  # lines before × lines after, beyond which lines are compared as bags
SHOWN = 12  # changed lines kept for display
WIDTH = 160  # characters kept of each shown line


def text_diff(before: str, after: str, shown: int = SHOWN) -> TextDiff:
    a, b = lines_of(before), lines_of(after)
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    old, new = a[start : len(a) - end], b[start : len(b) - end]
    small = len(old) * len(new) <= MAX_CELLS
    changed = _by_diff(old, new) if small else _by_bags(old, new)
    removed = sum(1 for sign, _ in changed if sign == "-")
    lines = tuple(f"{sign} {_clip(line)}" for sign, line in changed[:shown])
    return TextDiff(len(changed) - removed, removed, lines, max(0, len(changed) - shown))


def lines_of(text: str) -> list[str]:
    """A note's lines: split at `\n` only (its line ends are normalised when it is read), so
    a U+2028 or a form feed inside a line stays in that line, as git shows it."""
    lines = text.split("\n")
    return lines[:-1] if lines[-1] == "" else lines


def _by_diff(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=True)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            out += [("-", line) for line in old[i1:i2]]
            out += [("+", line) for line in new[j1:j2]]
    return out


def _by_bags(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    left, right = Counter(old) - Counter(new), Counter(new) - Counter(old)
    out: list[tuple[str, str]] = []
    for sign, lines, extra in (("-", old, left), ("+", new, right)):
        for line in lines:
            if extra[line] > 0:
                extra[line] -= 1
                out.append((sign, line))
    return out


def _clip(line: str) -> str:
    return line if len(line) <= WIDTH else line[: WIDTH - 1] + "…"
