"""The one Markdown engine notes go through: safe by construction.

markdown-it-py's `commonmark` preset passes raw HTML through, so HTML is switched off (it
shows as text); links are kept only when relative or http(s)/mailto; images are never
shown (the site publishes no files from data/, so even a relative image would be a broken
request) but named as text; table alignment becomes a class because the site's
Content-Security-Policy forbids inline styles.

Nothing a PM writes may vanish silently. markdown-it drops everything after a block nested
deeper than `maxNesting` (quotes in quotes, lists in lists); here the limit is raised to
MAX_NESTING and `parse_note` says where text would be dropped beyond it (the note is then
refused), where a table row has more cells than its header (the extra ones would be
dropped), and it lists the link reference definitions (`[label]: url "title"`, which
include the template prompts `[//]: # (...)`), which are never shown.

Why markdown-it-py and not a faster engine (issue 10, measured on the benchmark's notes with
`python benchmarks/engines.py .bench/program-10000`): the Rust and C engines are 15-150x
faster per note, but none keeps these properties as published. markdown-it-pyrs 0.4 passes
raw HTML through with no switch, renders task boxes enabled and alignment as inline styles,
and has no wheel for CPython 3.13. cmarkgfm's safe mode deletes raw HTML instead of showing
it, and its bindings expose no syntax tree (only whole-document renderers), so HTML cannot
be turned into text, nor headings, definitions or dropped table cells found with their lines.
pyromark's renderer passes HTML and `javascript:` links through; its events with offsets
would need a renderer written here. markdown-it-py is about a quarter of `validate` and of
`build`, so even a free engine would gain at most that.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block.table import escapedSplit, getLine
from markdown_it.rules_block.table import table as gfm_table
from markdown_it.token import Token

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}


def is_safe_link(url: str) -> bool:
    url = url.strip()
    if url.startswith("//") or url.startswith("\\"):
        return False  # protocol-relative: leaves the site
    m = _SCHEME.match(url)
    return m is None or m.group(1).lower() in _SAFE_SCHEMES


def _image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env)
    title = str(token.attrGet("title") or "")
    address = f'{src} "{title}"' if title else src
    shown = f"{alt} ({address})" if alt and address else alt or address
    return f'<span class="refused">[image not shown: {_escape(shown)}]</span>'


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _align_classes(state: Any) -> None:
    for token in state.tokens:
        style = token.attrGet("style") if token.type in ("th_open", "td_open") else None
        if style:
            token.attrs.pop("style", None)
            token.attrSet("class", "align-" + str(style).split(":")[-1].strip())


@contextmanager
def _quiet_markdown_it() -> Iterator[None]:
    """markdown-it-py calls LOGGER.debug() on every rule attempt (1.6 million calls for
    10,000 notes, ~8% of a build). Nobody needs those messages, so while notesite parses, its
    loggers' debug() is a no-op; afterwards they are as they were (the program's logging,
    in a process that imports notesite, is left alone)."""
    global _QUIET_DEPTH
    loggers = _markdown_it_loggers()
    _QUIET_DEPTH += 1
    for logger in loggers:
        logger.debug = _no_op  # type: ignore[method-assign]
    try:
        yield
    finally:
        _QUIET_DEPTH -= 1
        if not _QUIET_DEPTH:
            for logger in loggers:
                vars(logger).pop("debug", None)


_QUIET_DEPTH = 0


@lru_cache(maxsize=1)
def _markdown_it_loggers() -> tuple[logging.Logger, ...]:
    """markdown-it-py's loggers (made when its modules are imported, before any parse)."""
    names = list(logging.Logger.manager.loggerDict)
    return tuple(logging.getLogger(n) for n in names if n.startswith("markdown_it"))


def _no_op(*_args: object, **_kwargs: object) -> None:
    return None


# Levels of quotes and lists inside each other (a list counts two: list and item). Email
# threads pasted with their `>` quoting reach 10 or more; past this, a note is refused
# (parsing deeper nests Python calls about three per level).
MAX_NESTING = 60


def _watch_nesting(md: MarkdownIt) -> None:
    """Record in env["too_deep"] the first line markdown-it would drop for nesting."""
    tokenize = md.block.tokenize

    def guarded(state: Any, start: int, end: int) -> None:
        if state.level >= state.md.options.maxNesting:
            line = state.skipEmptyLines(start)  # what tokenize() would look at, and skip
            if line < end and state.sCount[line] >= state.blkIndent:
                state.env["too_deep"] = min(line, state.env.get("too_deep", line))
        tokenize(state, start, end)

    md.block.tokenize = guarded  # type: ignore[method-assign,assignment]


def _watch_tables(md: MarkdownIt) -> None:
    """Record in env["cut_cells"] the first table row with more cells than its header:
    markdown-it drops the extra cells. The row is split exactly as the table rule does."""

    def table(state: Any, start: int, end: int, silent: bool) -> bool:
        first = len(state.tokens)
        found = gfm_table(state, start, end, silent)
        if found and not silent:
            new = state.tokens[first:]
            width = sum(1 for t in new if t.type == "th_open")
            rows = [t.map[0] for t in new if t.type == "tr_open" and t.map and t.map[0] > start]
            for row in rows:
                if any(c.strip() for c in _cells(state, row)[width:]):
                    state.env["cut_cells"] = min(row, state.env.get("cut_cells", row))
        return found

    md.block.ruler.at("table", table)


def _cells(state: Any, line: int) -> list[str]:
    columns: list[str] = escapedSplit(mdTrim(getLine(state, line)))
    if columns and columns[0] == "":
        columns.pop(0)
    if columns and columns[-1] == "":
        columns.pop()
    return columns


@lru_cache(maxsize=1)
def engine() -> MarkdownIt:
    md = MarkdownIt(
        "commonmark",
        {"html": False, "linkify": False, "typographer": False, "maxNesting": MAX_NESTING},
    )
    md.enable(["table", "strikethrough"])
    md.disable(["html_block", "html_inline"])  # off anyway with html=False; skip trying them
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    md.add_render_rule("image", _image)
    md.core.ruler.push("align_classes", _align_classes)
    _watch_nesting(md)
    _watch_tables(md)
    return md


@lru_cache(maxsize=1)
def block_engine() -> MarkdownIt:
    """The same rules without inline parsing: enough to find sections and count words."""
    md = MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING})
    md.enable(["table"])
    md.disable(["html_block"])
    md.core.ruler.disable(["inline", "text_join"])
    # As `engine`: a definition with an unsafe link is not a definition but text, so both
    # parses find the same definitions (NS412) and count the same words.
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    _watch_nesting(md)
    _watch_tables(md)
    return md


def parse(text: str, *, inline: bool = True) -> list[Token]:
    """Tokens of `text`; `inline=False` (validation only) skips inline parsing, ~30% faster."""
    return parse_note(text, inline=inline).tokens


@dataclass(frozen=True, slots=True)
class Definition:
    """A link reference definition, `[label]: url "title"`: never shown itself."""

    label: str  # as markdown-it normalises it: upper case, spaces collapsed
    url: str
    title: str
    line: int  # 0-based first line in the text parsed
    end: int  # 0-based line after it


@dataclass(frozen=True, slots=True)
class Parsed:
    tokens: list[Token]
    too_deep: int | None  # 0-based first line dropped for nesting deeper than MAX_NESTING
    cut_cells: int | None  # 0-based first table row with cells beyond its header's
    definitions: tuple[Definition, ...]  # in the order written


def parse_note(text: str, *, inline: bool = True) -> Parsed:
    """Tokens of `text` and what they leave out (see the module's docstring)."""
    env: dict[str, Any] = {}
    md = engine() if inline else block_engine()
    with _quiet_markdown_it():
        tokens = md.parse(text, env)
    found = [
        Definition(label, r["href"], r["title"], r["map"][0], r["map"][1])
        for label, r in env.get("references", {}).items()
    ] + [
        Definition(r["label"], r["href"], r["title"], r["map"][0], r["map"][1])
        for r in env.get("duplicate_refs", [])
    ]
    definitions = tuple(sorted(found, key=lambda d: d.line))
    return Parsed(tokens, env.get("too_deep"), env.get("cut_cells"), definitions)


def render(tokens: list[Token], *, shift: int = 0) -> str:
    """HTML of `tokens`; headings move down `shift` levels to sit under the page's own."""
    if shift:
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                level = min(6, int(token.tag[1]) + shift)
                token.tag = f"h{level}"
    return str(engine().renderer.render(tokens, engine().options, {}))
