"""Make text taken from files inert in `review`'s output (SPEC §15).

A note's text, a tag, a name or a file name is printed by `review` into a terminal, a CI job
log and a pull-request comment. There it must stay text: it must not start a line (so no
`::error ...::` or `::add-mask::` workflow command), carry escape sequences, or become a
link, an image, a mention or HTML in the Markdown. Every value from a file goes through
`plain` (text), `code` (Markdown) or `json_text` (JSON) on its way out; `inert_lines` is a
last check over a whole output.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that move the cursor, end a line or change how text is shown or read: the C0
# and C1 controls and DEL, Unicode's line and paragraph separators, and format characters
# (bidirectional overrides, zero-width joiners, the BOM), lone surrogates (bytes that were
# not UTF-8 in a file name) and code points Unicode has not assigned.
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"})
# GitHub's runner treats a line as a command when it starts with `::` (after spaces), or
# when `##[` appears anywhere in it (the older syntax). Every `:` after a `:` and every `[`
# after `##` gets a backslash, so neither can form (`:::` -> `:\:\:`).
_COMMANDS = re.compile(r"(?<=:):|(?<=##)\[")


def _visible(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    if unicodedata.category(ch) not in _INVISIBLE:
        return ch
    point = ord(ch)
    if point < 0x100:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


def plain(text: str) -> str:
    """`text` on one line, every invisible or line-ending character shown as an escape
    (`\\n`, `\\x1b`, `\\u2028`), and `::` / `##[` broken (`:\\:`, `##\\[`) so that no
    workflow command can form, whatever the text is printed next to."""
    if text.isprintable() and ":" not in text and "#" not in text:
        return text  # the common case: nothing to do
    shown = "".join(_visible(ch) for ch in text)
    return _COMMANDS.sub(lambda m: "\\" + m.group(), shown)


def code(text: str, *, cell: bool = True) -> str:
    """`text` as a Markdown code span: shown as typed, never a link, image, mention, emoji
    or HTML. `cell`: inside a table, where `|` would end the cell."""
    shown = plain(text)
    if not shown:
        return ""
    fence = "`" * (max((len(m) for m in re.findall(r"`+", shown)), default=0) + 1)
    pad = " " if shown[0] in "` " or shown[-1] in "` " else ""
    out = f"{fence}{pad}{shown}{pad}{fence}"
    return out.replace("|", "\\|") if cell else out


def fence(lines: list[str], info: str = "text") -> str:
    """`lines` (each already `plain`) as a fenced code block that no line of it can close."""
    text = "".join(f"{line}\n" for line in lines)
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{info}\n{text}{ticks}"


_JSON_CANDIDATE = re.compile(r"[^\x20-\x7e\n]|##\[")


def _json_escape(m: re.Match[str]) -> str:
    found = m.group()
    if found == "##[":
        return "##\\u005b"
    if unicodedata.category(found) not in _INVISIBLE:
        return found
    units = found.encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{int.from_bytes(units[i : i + 2]):04x}" for i in range(0, len(units), 2))


def json_text(serialised: str) -> str:
    """JSON (from `json.dumps(..., ensure_ascii=False)`) with the characters a terminal or
    CI log would act on written as `\\uXXXX` escapes: the same JSON value, inert to print.
    (`json.dumps` escapes the C0 controls itself; `[` after `##` is always inside a string.)"""
    return _JSON_CANDIDATE.sub(_json_escape, serialised)


def inert_lines(output: str) -> str:
    """The last line of defence over a whole output: no line may start a workflow command.
    Everything from files is already escaped, so this changes nothing unless that failed."""
    lines = output.split("\n")
    for i, line in enumerate(lines):
        if line.lstrip().startswith("::") or "##[" in line:
            lines[i] = plain(line)
    return "\n".join(lines)
