"""Split a note into front matter and body, and find its Data / Assessment / Plan sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from notesite.printable import invisible, invisible_hint, without_invisible

DAP = ("data", "assessment", "plan")
# `## Data` (or Assessment, Plan) can only be the body's: YAML would read it as a comment.
_DAP_HEADING = re.compile(r"##\s+(data|assessment|plan)\s*:?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Split:
    front: str  # the YAML between the `---` lines
    front_line: int  # 1-based line of the first YAML line
    body: str
    body_line: int  # 1-based line where the body starts


def split_front_matter(text: str) -> Split | tuple[int, str, str]:
    """The parts of a note, or (line, message, hint) when the front matter is malformed."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return (
            1,
            "the note does not start with front matter (a line `---`)",
            _before_front(lines)
            or "begin the file with `---`, the fields (pair, type, author...), then `---`",
        )
    for i in range(1, len(lines)):
        if _DAP_HEADING.fullmatch(lines[i].rstrip()):  # the closing `---` is missing above it
            return (
                i + 1,
                f"the front matter is not closed: `{lines[i].strip()}` is inside it",
                f"add a line `---` above `{lines[i].strip()}`, after the last field",
            )
        if lines[i].rstrip() in ("---", "..."):
            return Split("\n".join(lines[1:i]), 2, "\n".join(lines[i + 1 :]), i + 2)
    return (
        1,
        "the front matter is not closed: no second `---` line was found",
        "add a line `---` after the last field, before `## Data`",
    )


def _before_front(lines: list[str]) -> str | None:
    """What comes before a `---` that is there, when something does (the file looks right)."""
    first = lines[0]
    if without_invisible(first).strip() == "---":
        return invisible_hint(first) if invisible(first) else "remove the spaces before `---`"
    blank = 0
    while blank < len(lines) and not lines[blank].strip():
        blank += 1
    if blank and blank < len(lines) and lines[blank].rstrip() == "---":
        which = "the empty line" if blank == 1 else f"the {blank} empty lines"
        return f"delete {which} above `---`: it must be the file's first line"
    return None


@dataclass(frozen=True, slots=True)
class Section:
    title: str  # as written
    line: int  # 1-based line of the heading in the file
    words: int  # words of text under the heading, up to the next level-2 heading
    start: int  # token index of the heading_open
    end: int  # token index one past the section's last token


def sections(tokens: list[Token], body_line: int) -> list[Section]:
    """Level-2 sections of a parsed body, each with its word count."""
    found: list[Section] = []
    heads = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    for n, start in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(tokens)
        title = tokens[start + 1].content.strip()
        words = sum(
            len(t.content.split())
            for i, t in enumerate(tokens[start + 3 : end], start=start + 3)
            if t.type in ("fence", "code_block")
            or (t.type == "inline" and tokens[i - 1].type != "heading_open")  # not a sub-heading
        )
        where = tokens[start].map
        line = body_line + (where[0] if where else 0)
        found.append(Section(title, line, words, start, end))
    return found


def dap_key(title: str) -> str:
    return title.strip().rstrip(":").strip().lower()
