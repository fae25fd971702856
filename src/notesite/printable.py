"""Text taken from files, made safe to print to a terminal or a CI log.

A file name, a YAML value or a note can hold escape sequences (clear the screen, move the
cursor, change the window title), other control characters (a vertical tab or form feed
starts a new line on most terminals), bidirectional overrides (which make a line read
differently from what it says) and line separators. Printed as they are, they let a file
forge output such as a "No problems found." line, or a GitHub workflow command (a line
starting with `::`). `printable` is applied where output is made: the diagnostic formatters,
the tracker table and the command line's `echo`.
"""

from __future__ import annotations

import re
import unicodedata

# An ESC sequence is replaced whole (CSI `ESC [ ... final`, OSC `ESC ] ... BEL|ST`, and the
# two-character ones), so that no `[2J` is left behind, then every other control character:
# each by a `?`, so that a PM still sees that something is there (`data/notes/p-0001/?.md`
# can be found with that very pattern). Bidirectional marks go; line separators are spaces.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clearing the screen
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window title, hyperlinks
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"  # DCS, PM, APC, SOS strings
    r"|\x1b[ -/]*[0-~]?"  # the rest: ESC c (reset), ESC 7, ESC ( B ...
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the one-byte C1 form of CSI
)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 (but tab, line feed), DEL, C1
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")  # marks, overrides
_SEPARATORS = re.compile("[\u2028\u2029]")  # line and paragraph separators
_COMMAND = re.compile(r"^(\s*):(?=:)", re.MULTILINE)  # `::name` at a line's start (CI)
_LEGACY_COMMAND = "##["  # the older `##[command]` form, anywhere in a line


def printable(text: str, *, one_line: bool = False, commands: bool = False) -> str:
    """`text` without escape sequences, control characters or bidirectional overrides.

    `one_line`: for a value shown inside a line (a message, a table cell): a line feed
    becomes a visible `\\n` and a tab a space, so the value cannot start a line of its own.
    Otherwise lines stay lines, and a line that would start a GitHub workflow command gets
    a space inside its `::` (`: :`), unless `commands` (the `--format github` output, whose
    own commands are wanted and whose values were made one-line already).
    """
    if text.isprintable() and (commands or ("::" not in text and _LEGACY_COMMAND not in text)):
        return text  # the usual case: nothing to do (isprintable is False for "\n" and "\t")
    text = _CONTROLS.sub("?", _ESCAPES.sub("?", text))
    text = _SEPARATORS.sub(" ", _BIDI.sub("", text))
    if one_line:
        text = text.replace("\n", "\\n").replace("\t", " ")
    if not commands:
        text = _COMMAND.sub(r"\1: ", text).replace(_LEGACY_COMMAND, "# #[")
    return text


# --- characters a person cannot see -------------------------------------------------------
# A value can look right and still be wrong: a zero-width space inside `support`, a bidi
# mark after a tag, a no-break space after `##`, a Cyrillic `а` in an id. Printed, such a
# value looks exactly like the one expected ("`support` is not a note type; did you mean
# `support`?"), so messages name the character instead.


def invisible(text: str) -> list[str]:
    """The characters of `text` that show as nothing or as a plain space but are not one:
    format characters (zero-width spaces and joiners, bidirectional marks, the BOM, the soft
    hyphen) and every space other than U+0020, in order of first appearance."""
    found: dict[str, None] = {}
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cf" or (category in ("Zs", "Zl", "Zp") and ch != " "):
            found[ch] = None
    return list(found)


def without_invisible(text: str) -> str:
    """`text` as it looks: format characters removed, other spaces made plain spaces."""
    return "".join(
        "" if unicodedata.category(ch) == "Cf" else " " if ch.isspace() and ch != "\n" else ch
        for ch in text
    )


def char_name(ch: str) -> str:
    """`U+200B ZERO WIDTH SPACE`: a character by its code point and Unicode name."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'without a name')}"


def invisible_hint(text: str) -> str | None:
    """What to do about the invisible characters in `text`, or None when it has none."""
    hidden = invisible(text)
    if not hidden:
        return None
    names = ", ".join(char_name(ch) for ch in hidden[:3])
    which = "an invisible character" if len(hidden) == 1 else "invisible characters"
    visible = without_invisible(text).strip()
    looks = (
        "nothing or a space"
        if len(hidden) > 1
        else ("a space" if hidden[0].isspace() else "nothing")
    )
    return f"it holds {which} ({names}) that looks like {looks}: retype it as `{visible}`"


def foreign_character(text: str) -> str | None:
    """The first character of an id that is not ASCII, named (`а`, U+0430 CYRILLIC SMALL
    LETTER A, looks like `a`; `‐`, U+2010 HYPHEN, looks like `-`), or None."""
    for ch in text:
        if not ch.isascii():
            return f"`{ch}` ({char_name(ch)})"
    return None
