"""YAML syntax errors in a Program Manager's words, on the line where the mistake is.

The YAML reader says where it gave up ("while parsing a flow sequence ... did not find
expected ',' or ']'", three lines further down); a PM needs to hear what is wrong ("the `[`
list on line 7 is not closed with `]`") at the line to fix. Each case below reads the
reader's context and problem (libyaml's wording and PyYAML's own, which differ) and the
line the mark points into. Anything not recognised is still reported, in general words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

QUOTE_HINT = 'put the whole value in quotes, like `key: "..."`'


@dataclass(frozen=True, slots=True)
class Explained:
    line: int  # 0-based, in the text parsed
    column: int  # 0-based
    message: str
    hint: str


def explain(exc: yaml.MarkedYAMLError, text: str, line_offset: int = 0) -> Explained:
    """What went wrong, in plain words, and where (`line_offset`: lines before `text` in its
    file, which the messages count)."""
    lines = text.split("\n")
    problem = exc.problem or ""
    context = exc.context or ""
    at = _at(exc.problem_mark or exc.context_mark, lines, line_offset)
    start = _at(exc.context_mark, lines, line_offset) if exc.context_mark else at
    for case in _CASES:
        found = case(problem, context, at, start)
        if found is not None:
            return found
    return Explained(
        at.line,
        at.column,
        f"line {at.number} cannot be read as YAML ({problem or 'invalid YAML'})",
        "check the indentation, the colons and the quotes on this line and the one above",
    )


@dataclass(frozen=True, slots=True)
class _Mark:
    line: int  # 0-based in the text parsed
    column: int
    text: str  # the whole line
    offset: int = 0

    @property
    def number(self) -> int:
        """The line's number in its file, as messages give it."""
        return self.line + 1 + self.offset

    @property
    def char(self) -> str:
        return self.text[self.column] if self.column < len(self.text) else ""

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))


def _at(mark: Any, lines: list[str], offset: int) -> _Mark:
    if mark is None:
        return _Mark(0, 0, lines[0] if lines else "", offset)
    line = min(mark.line, max(len(lines) - 1, 0))
    text = lines[line] if lines else ""
    column = mark.column if line == mark.line else len(text)
    return _Mark(line, column, text, offset)


def _here(m: _Mark, message: str, hint: str) -> Explained:
    return Explained(m.line, m.column, message, hint)


def _unclosed(problem: str, context: str, at: _Mark, start: _Mark) -> Explained | None:
    """`tags: [a, b` with no `]`, or `{` with no `}`: said at the opening bracket."""
    if "flow sequence" in context or "flow mapping" in context:
        opener, closer = ("[", "]") if "sequence" in context else ("{", "}")
        kind, example = (
            ("list", "tags: [a, b]") if opener == "[" else ("set of fields", "mentor: {id: a}")
        )
        if at.line > start.line:
            return _here(
                start,
                f"the `{opener}` {kind} on line {start.number} is not closed with `{closer}`",
                f"end it with `{closer}` on the same line, like `{example}`",
            )
        return _here(
            at,
            f"the `{opener} ... {closer}` {kind} on line {at.number} cannot be read where "
            f"it has {_shown(at.char)}",
            "separate the items with commas, and put an item holding , : [ ] { } in quotes",
        )
    if "flow node" in context:
        return _here(
            at,
            f"the `[ ... ]` list on line {at.number} has an empty item (two commas in a row, or "
            "a comma before the end)",
            "remove the extra comma",
        )
    return None


def _quote(problem: str, context: str, at: _Mark, start: _Mark) -> Explained | None:
    """An opening quote never closed, or a backslash sequence double quotes do not take."""
    if "quoted scalar" not in context:
        return None
    if "escape" in problem:
        escape = at.text[at.column : at.column + 2] if at.char == "\\" else "\\" + at.char
        return _here(
            at,
            f"`{escape}` on line {at.number} is not allowed inside double quotes",
            "write \\\\ for a backslash, or use single quotes ('...') around the value",
        )
    quote = start.char if start.char in "'\"" else '"'
    return _here(
        start,
        f"the quote {quote} opened on line {start.number} is never closed",
        f"end the value with {quote} on the same line",
    )


def _colon(problem: str, context: str, at: _Mark, start: _Mark) -> Explained | None:
    """`school: Harbor: High`, or a line indented under a key that already has a value."""
    if "mapping values are not allowed" not in problem:
        return None
    if ": " in at.text[: at.column] or at.text[: at.column].rstrip().endswith(":"):
        return _here(
            at,
            f"the value on line {at.number} holds `: `, which YAML reads as the start of "
            "another field",
            QUOTE_HINT,
        )
    return _here(
        _Mark(at.line, at.indent, at.text, at.offset),
        f"line {at.number} is indented more than the line above it, which already has a value",
        "line it up with the key above it (or, if it continues that value, put the value "
        "in quotes)",
    )


def _no_colon(problem: str, context: str, at: _Mark, start: _Mark) -> Explained | None:
    """A line in a set of fields with no `key:` (often a long value wrapped onto it)."""
    if "simple key" not in context and "could not find expected ':'" not in problem:
        return None
    return _here(
        _Mark(start.line, start.indent, start.text, start.offset),
        f"line {start.number} has no `:` after its name; each line is `key: value`",
        "add the colon, or if the line continues the value above, put that value in quotes",
    )


def _block(problem: str, context: str, at: _Mark, start: _Mark) -> Explained | None:
    """What ends a block too soon: text after a closed value, a list item or an indent
    that matches nothing above."""
    mapping = "block mapping" in context and (
        "expected key" in problem or "expected <block end>" in problem
    )
    sequence = "block collection" in context or "'-' indicator" in problem
    if not (mapping or sequence):
        return None
    if at.column > at.indent:  # mid-line: after a closing quote or bracket
        return _here(
            at,
            f"line {at.number} has more text after the end of its value",
            QUOTE_HINT,
        )
    if sequence:
        return _here(
            at,
            f"line {at.number} is lined up with the list above it but does not start with `- `",
            "start it with `- ` to add it to the list, or move it left to start a new key",
        )
    if at.text.lstrip().startswith("-"):
        return _here(
            at,
            f"line {at.number} is a list item (`- `) where a `key: value` line belongs",
            "put the list under its key, indented (`tags:` then `  - a`), or line it up with "
            "the list it belongs to",
        )
    return _here(
        at,
        f"line {at.number} is not lined up with the lines above it",
        "indent it by exactly as many spaces as the other keys at its level",
    )


def _cannot_start(problem: str, context: str, at: _Mark, start: _Mark) -> Explained | None:
    """A value starting with a character YAML keeps for itself: @ ` % & * | > ] }."""
    starts = "cannot start any token" in problem or "node content" in problem
    special = "anchor" in context or "alias" in context or "block scalar" in context
    if not (starts or special):
        return None
    char = at.char if starts else start.char
    where = at if starts else start
    if not char.strip():
        return None
    if char in "|>":
        return _here(
            where,
            f"the `{char}` on line {where.number} must be the last thing on its line",
            f"write the text on the next lines, indented, or {QUOTE_HINT}",
        )
    return _here(
        where, f"a value cannot start with {_shown(char)} (line {where.number})", QUOTE_HINT
    )


def _after_end(problem: str, context: str, at: _Mark, start: _Mark) -> Explained | None:
    """Text after a `...` line, which ends the YAML."""
    if "document start" not in problem:
        return None
    return _here(
        at,
        f"line {at.number} comes after the end of the YAML (a `...` line above it)",
        "remove the `...` line, or what comes after it",
    )


def _shown(char: str) -> str:
    """A character as a PM can read it in a message: "@", or "the end of the line"."""
    return f'"{char}"' if char.strip() else "the end of the line"


_CASES = (_unclosed, _quote, _colon, _no_colon, _block, _cannot_start, _after_end)
