"""A note's text: its Data / Assessment / Plan sections, and nothing lost on the way to the site.

Every word a PM writes is either published or the note is refused with the line and the
reason: text nested too deep for the Markdown engine, text inside a template prompt or
another link definition (never shown), and a prompt that would be published as text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from markdown_it.token import Token

from notesite.commands.new_note import PROMPTS, SUMMARY_PROMPTS
from notesite.diagnostics import Diagnostic, diag
from notesite.load.notefile import DAP, Section, Split, dap_key
from notesite.markdown import Parsed
from notesite.printable import invisible, invisible_hint, without_invisible

_PROMPT = re.compile(r"\[//\]:\s*#")  # how a template prompt starts: `[//]: # (`
# A line that is a prompt and nothing more, and what follows its `(...)` if anything.
_PROMPT_LINE = re.compile(r"\[//\]:\s*#\s*(?:\((?:\\.|[^)\\])*\))?\s*(.*)$")
_PROMPTS = {" ".join(t.split()) for t in (*PROMPTS.values(), *SUMMARY_PROMPTS.values())}
_BRACKETS = re.compile(r"\[([^\[\]]+)\]")  # where a note could use a definition: [label]
_MISSPELT = 0.75  # how close a heading must be to a DAP title to be taken for it


@dataclass(frozen=True, slots=True)
class Heading:
    key: str  # dap_key of its title
    title: str
    markup: str  # `##`, `###`, or `=`/`-` for an underlined heading
    line: int  # in the file
    level2: bool


def check_body(rel: str, split: Split, parsed: Parsed, found: list[Section]) -> list[Diagnostic]:
    """The problems of a note's body: its DAP sections and any text that would be lost."""
    # With no body at all, point at the closing `---` rather than past the end of the file.
    anchor = split.body_line if split.body.strip() else split.body_line - 1
    out = _check_dap(rel, found, anchor, _headings(parsed.tokens, split.body_line), split)
    if parsed.too_deep is not None:
        # What follows the deep text is not seen either (a list runs to the end of the note):
        # its headings are there in the file, so they are not reported missing.
        out = [d for d in out if d.code != "NS400"]
        out.append(
            diag(
                "nested-too-deep",
                rel,
                split.body_line + parsed.too_deep,
                "the text from this line on is inside too many quotes (`>`) and lists nested "
                "in each other, so it cannot be shown on the site",
                hint="use fewer levels: remove `>` marks or indents, or keep only the part of "
                "a pasted email thread that matters",
            )
        )
    if parsed.cut_cells is not None:
        out.append(
            diag(
                "hidden-text",
                rel,
                split.body_line + parsed.cut_cells,
                "this table row has more cells than the table's first row, and the extra "
                "cells are not shown",
                hint="add columns to the first row (and to its `---` line), or merge the cells",
            )
        )
    out += _hidden(rel, split, parsed)
    return out


def _headings(tokens: list[Token], body_line: int) -> list[Heading]:
    found = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            title = tokens[i + 1].content
            where = token.map
            line = body_line + (where[0] if where else 0)
            found.append(Heading(dap_key(title), title, token.markup, line, token.tag == "h2"))
    return found


def _check_dap(
    rel: str, found: list[Section], anchor: int, headings: list[Heading], split: Split
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    keys = [dap_key(s.title) for s in found]
    dap = [k for k in keys if k in DAP]
    others = {h.key: h for h in reversed(headings) if not h.level2 and h.key in DAP}
    unknown = [h for h in headings if h.key not in DAP]
    for key in DAP:
        if key in keys:
            continue
        title = key.title()
        if key in others:
            markup, line = others[key].markup, others[key].line
            out.append(
                diag(
                    "dap-missing",
                    rel,
                    line,
                    f"the `## {title}` section is missing: this heading is not a level-2 heading",
                    hint=f"write it with two # signs: `## {title}`"
                    + (f", not `{markup}`" if markup.startswith("#") else ""),
                )
            )
            continue
        misspelt = _closest(key, unknown)
        if misspelt is not None:
            unknown.remove(misspelt)
            written = misspelt.title
            if misspelt.markup.startswith("#"):
                written = f"{misspelt.markup} {written}"
            out.append(
                diag(
                    "dap-missing",
                    rel,
                    misspelt.line,
                    f"the `## {title}` section is missing: this heading says `{written}`",
                    hint=invisible_hint(written) or f"did you mean `## {title}`?",
                )
            )
            continue
        lookalike = _lookalike(split, title)
        if lookalike is not None:  # `##` and a no-break space: not a heading at all
            line, hint = lookalike
            out.append(
                diag(
                    "dap-missing",
                    rel,
                    line,
                    f"the `## {title}` section is missing: this line looks like its heading "
                    "but is not one",
                    hint=hint,
                )
            )
            continue
        out.append(
            diag(
                "dap-missing",
                rel,
                anchor,
                f"the `## {title}` section is missing",
                hint="a note needs the headings ## Data, ## Assessment and ## Plan, "
                "in that order, each followed by text",
            )
        )
    out += _order(rel, found, dap)
    for s in found:
        if dap_key(s.title) in DAP and s.words == 0:
            out.append(
                diag(
                    "dap-empty",
                    rel,
                    s.line,
                    f"the `## {s.title}` section has no text",
                    hint="write at least a sentence under the heading",
                )
            )
    return out


def _lookalike(split: Split, title: str) -> tuple[int, str] | None:
    """The line that looks like the heading `## <title>` but holds a character that makes it
    text (a no-break space after `##`, a zero-width space before it), with the hint."""
    heading = re.compile(rf"#{{1,6}} +{re.escape(title)}\s*:?\s*#*", re.IGNORECASE)
    for i, line in enumerate(split.body.split("\n")):
        if invisible(line) and heading.fullmatch(without_invisible(line).strip()):
            hint = invisible_hint(line.strip())
            if hint is not None:
                return split.body_line + i, hint
    return None


def _closest(key: str, headings: list[Heading]) -> Heading | None:
    """The heading most like the DAP title `key` (`## Assesment`), level 2 first."""
    scored = [
        (difflib.SequenceMatcher(None, key, h.key).ratio(), h.level2, -h.line, h) for h in headings
    ]
    best = max((s for s in scored if s[0] >= _MISSPELT), default=None, key=lambda s: s[:3])
    return best[3] if best else None


def _order(rel: str, found: list[Section], dap: list[str]) -> list[Diagnostic]:
    if len(dap) != len(set(dap)):
        twice = next(k for k in dap if dap.count(k) > 1)
        line = [s.line for s in found if dap_key(s.title) == twice][1]
        return [
            diag(
                "dap-order",
                rel,
                line,
                f"the `## {twice.title()}` heading appears twice",
                hint="merge the two sections into one",
            )
        ]
    if dap != sorted(dap, key=DAP.index):
        expected = sorted(dap, key=DAP.index)
        wrong = next(i for i, k in enumerate(dap) if k != expected[i])
        line = [s.line for s in found if dap_key(s.title) in DAP][wrong]
        return [
            diag(
                "dap-order",
                rel,
                line,
                "the DAP headings are out of order: they must be Data, Assessment, Plan",
                hint="move the sections into the order Data, Assessment, Plan",
            )
        ]
    return []


def _hidden(rel: str, split: Split, parsed: Parsed) -> list[Diagnostic]:
    """Text the site would never show, and template prompts it would show as text."""
    lines = split.body.split("\n")
    defined = {n for d in parsed.definitions for n in range(d.line, d.end)}
    used = {
        _label(m.group(1))
        for n, text in enumerate(lines)
        if n not in defined
        for m in _BRACKETS.finditer(text)
    }
    out = []
    for d in parsed.definitions:
        line = split.body_line + d.line
        if d.label == "//" and d.url == "#":
            if " ".join(d.title.split()) in _PROMPTS:
                continue  # an untouched template prompt: hidden, as it is meant to be
            out.append(
                diag(
                    "hidden-text",
                    rel,
                    line,
                    "the text on this line is inside a template prompt `[//]: # (...)`, "
                    "which is never shown on the site",
                    hint="write your text on a line of its own, without `[//]: # (` and `)` "
                    "around it",
                )
            )
        elif d.label not in used:
            shown = _short(lines[d.line].strip())
            out.append(
                diag(
                    "hidden-text",
                    rel,
                    line,
                    f"`{shown}` is a link definition that no link in the note uses, so it is "
                    "never shown on the site",
                    hint="to show it, write it without the `[...]:` at the start; to make a "
                    "link, write [text](address)",
                )
            )
    for token in parsed.tokens:  # ```js and more words: only `js` reaches the page (a class)
        if token.type == "fence" and token.map and len(token.info.split()) > 1:
            out.append(
                diag(
                    "hidden-text",
                    rel,
                    split.body_line + token.map[0],
                    f"the words after `{token.markup}` on this line "
                    f"(`{_short(token.info.strip())}`) are not shown",
                    hint="write them on the line before the code block",
                )
            )
    return out + _published_prompts(rel, split, parsed.tokens)


def _published_prompts(rel: str, split: Split, tokens: list[Token]) -> list[Diagnostic]:
    out = []
    for token in tokens:
        if token.type != "inline" or not token.map or not _PROMPT.search(token.content):
            continue
        for n, text in enumerate(token.content.split("\n")):
            if not _PROMPT.search(text):
                continue
            alone = _PROMPT_LINE.match(text.strip())
            if alone is not None and alone.group(1):
                message = (
                    "this line has text after its template prompt `[//]: # (...)`, so the "
                    "prompt is published with the text"
                )
                hint = "put your text on a line of its own below the prompt, or delete the prompt"
            else:
                message = (
                    "the template prompt `[//]: # (...)` on this line is joined to other text, "
                    "so it is published as text"
                )
                hint = "put the prompt on a line of its own after an empty line, or delete it"
            line = split.body_line + token.map[0] + n
            out.append(diag("hidden-text", rel, line, message, hint=hint))
    return out


def _label(text: str) -> str:
    """A reference label as markdown-it keys it (case and spacing do not matter)."""
    return " ".join(text.split()).upper()


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
