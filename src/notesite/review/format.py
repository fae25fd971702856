"""Print a `Review`: Markdown for a pull-request comment, plain text, or JSON for tools.

Markdown and text show the same sections (`sections`): safety record changes always come
first, validation always last. Nothing taken from a file can act on what shows the output
(SPEC §15): in Markdown it is code (never a link, image, mention or HTML), in text it is one
line with invisible characters shown as escapes, and in both `::` and `##[` are broken so no
line can become a GitHub workflow command (`escape`).
"""

from __future__ import annotations

import re
from pathlib import Path

from notesite.review.escape import code, fence, inert_lines, plain
from notesite.review.jsonout import format_json
from notesite.review.model import Review
from notesite.review.sections import (
    MORE,
    NONE,
    Block,
    Section,
    diagnostic_lines,
    headline,
    limit,
    sections,
    validation,
)

__all__ = ["FORMATS", "append_step_summary", "format_json", "format_markdown", "format_text_review"]

# --- Markdown ------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>!|&#~])")


def _md_text(text: str) -> str:
    """Words notesite wrote itself, with every Markdown character escaped all the same."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text))


def _md_cell(value: str, generated: bool) -> str:
    if not value or value == NONE:
        return NONE
    return _md_text(value) if generated else code(value)


def _md_table(s: Section, max_rows: int) -> list[str]:
    rows, more = limit(s.rows, max_rows)
    out = ["| " + " | ".join(s.headers) + " |", "|" + " --- |" * len(s.headers)]
    out += [
        "| " + " | ".join(_md_cell(c, i in s.generated) for i, c in enumerate(row)) + " |"
        for row in rows
    ]
    if more:
        out += ["", MORE.format(n=more)]
    blocks, more = limit(s.blocks, max_rows)
    for b in blocks:
        out += ["", f"Text of {code(b.subject, cell=False)}:", "", fence(_block_lines(b), "diff")]
    if more:
        out += ["", MORE.format(n=more)]
    return out


def _block_lines(b: Block) -> list[str]:
    lines = [plain(line) for line in b.lines]
    return lines + ([f"… and {b.more} more changed lines"] if b.more else [])


def _base(r: Review) -> str:
    return code(r.base.rev, cell=False) if r.base.given else _md_text(r.base.rev)


def format_markdown(r: Review, max_rows: int = 50) -> str:
    out = [
        "## notesite review",
        "",
        f"Compared with {_base(r)} (commit `{r.base.commit[:12]}`) "
        f"as of {r.today}: {_md_text(headline(r))}",
    ]
    for s in sections(r):
        if not s.rows and s.empty is None:
            continue
        out += ["", f"### {s.title}", ""]
        if s.intro and s.rows:
            out += [s.intro, ""]
        out += _md_table(s, max_rows) if s.rows else [s.empty or ""]
    summary, blocks = validation(r)
    out += ["", "### Validation", "", f"**{summary}**"]
    for title, diagnostics in blocks:
        if diagnostics:
            shown, more = limit(diagnostics, max_rows)
            out += ["", f"{title}:", "", fence(diagnostic_lines(shown, more))]
    return inert_lines("\n".join(out) + "\n")


# --- text ----------------------------------------------------------------------------------


def _text_table(s: Section, max_rows: int) -> list[str]:
    rows, more = limit(s.rows, max_rows)
    table = [s.headers, *(tuple(plain(c) for c in row) for row in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(s.headers))]
    out = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in table
    ]
    if more:
        out.append(MORE.format(n=more).replace("`", ""))
    blocks, more = limit(s.blocks, max_rows)
    for b in blocks:
        out += ["", f"Text of {plain(b.subject)}:", *(f"    {line}" for line in _block_lines(b))]
    if more:
        out.append(MORE.format(n=more).replace("`", ""))
    return out


def format_text_review(r: Review, max_rows: int = 50) -> str:
    out = [
        f"notesite review: compared with {plain(r.base.rev)} (commit {r.base.commit[:12]}) "
        f"as of {r.today}",
        headline(r),
    ]
    for s in sections(r):
        if not s.rows and s.empty is None:
            continue
        out += ["", s.title, "-" * len(s.title)]
        if s.intro and s.rows:
            out.append(s.intro.replace("`", ""))
        out += _text_table(s, max_rows) if s.rows else [s.empty or ""]
    summary, blocks = validation(r)
    out += ["", "Validation", "----------", summary]
    for title, diagnostics in blocks:
        if diagnostics:
            shown, more = limit(diagnostics, max_rows)
            out += ["", f"{title}:", *diagnostic_lines(shown, more)]
    return inert_lines("\n".join(out) + "\n")


FORMATS = {"markdown": format_markdown, "text": format_text_review, "json": format_json}


def append_step_summary(path: Path, markdown: str) -> None:
    """Append to GitHub's job summary file ($GITHUB_STEP_SUMMARY); raises OSError."""
    with path.open("a", encoding="utf-8") as f:
        f.write(markdown)
