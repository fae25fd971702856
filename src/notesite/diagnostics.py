"""Diagnostics as data, and the three ways to print them (text, GitHub annotations, JSON).

Every stage reports problems by appending `Diagnostic` values instead of raising, so that a
Program Manager sees every problem of every file in one run. One rule broken in the same
file thousands of times (an exported CSV of unknown pairs) is shown CAP times, then summed
up by one diagnostic whose `omitted` says how many more there are: the totals stay true.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from notesite.codes import BY_NAME, CODES, CodeName, Severity
from notesite.printable import invisible_hint, printable
from notesite.text import plural

CAP = 20  # diagnostics of one rule shown per file; the rest are counted


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    file: str
    line: int | None
    column: int | None
    message: str
    hint: str | None = None
    omitted: int = 0  # >0: not a problem itself but "and N more like this" in `file`

    @property
    def weight(self) -> int:
        """How many problems this stands for: 1, or the number it sums up."""
        return self.omitted or 1

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        # A summary comes after the problems of its file that are shown.
        return (
            self.file,
            1 if self.omitted else 0,
            self.line or 0,
            self.column or 0,
            self.code,
            self.message,
        )


def diag(
    name: CodeName,
    file: str,
    line: int | None,
    message: str,
    *,
    column: int | None = None,
    hint: str | None = None,
) -> Diagnostic:
    """Make a diagnostic from a code's name (see `codes.py`), which fixes code and severity."""
    code = BY_NAME[name]
    return Diagnostic(code.code, code.severity, file, line, column, message, hint)


def omitted(code: str, file: str, more: int) -> Diagnostic:
    """The summary of `more` diagnostics of `code` in `file` that are not shown."""
    c = CODES[code]
    return Diagnostic(
        c.code, c.severity, file, None, None, f"and {more:,} more like this", omitted=more
    )


class Limiter:
    """Stops making diagnostics of one rule in one file once CAP are made; counts the rest.

    For rules checked once per row of a large file: `if limit.room(name, file):` builds the
    message only while it will be shown, so a million bad rows cost a counter, not a
    million messages. `summaries()` gives the "and N more like this" diagnostics.
    """

    def __init__(self, cap: int = CAP) -> None:
        self._cap = cap
        self._counts: dict[tuple[CodeName, str], int] = {}

    def room(self, name: CodeName, file: str) -> bool:
        key = (name, file)
        n = self._counts.get(key, 0) + 1
        self._counts[key] = n
        return n <= self._cap

    def summaries(self) -> list[Diagnostic]:
        return [
            omitted(BY_NAME[name].code, file, n - self._cap)
            for (name, file), n in self._counts.items()
            if n > self._cap
        ]


_NEGATIONS = ("non", "not", "dis", "in", "un", "de", "im", "il", "ir", "no")


def _opposite(word: str, choice: str) -> bool:
    """`inactive` and `active`, `not-paused` and `paused`, `deactivated` and `active`: one
    is (nearly) the other with a negating prefix."""
    a, b = (re.sub(r"[\s_-]", "", w.lower()) for w in (word, choice))
    for x, y in ((a, b), (b, a)):
        for p in _NEGATIONS:
            if x.startswith(p) and difflib.SequenceMatcher(None, x[len(p) :], y).ratio() >= 0.8:
                return True
    return False


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A "did you mean" hint for a misspelt key, tag or id, or None when nothing is close.

    A word that negates a choice (`inactive`, `active`) never suggests it: that would point
    the opposite way.
    """
    hidden = invisible_hint(word)
    if hidden is not None:  # `support` with a zero-width space looks like `support`
        return hidden
    return _closest(word, tuple(sorted(set(choices))))


@functools.lru_cache(maxsize=4096)  # a file repeating one wrong word asks the same thing
def _closest(word: str, options: tuple[str, ...]) -> str | None:
    close = difflib.get_close_matches(word.lower(), options, n=3, cutoff=0.6)
    close = [c for c in close if not _opposite(word, c)]
    if close:
        return f"did you mean `{close[0]}`?"
    return None


def count(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings), counting what each summary stands for."""
    errors = warnings = 0
    for d in diagnostics:
        if d.severity is Severity.ERROR:
            errors += d.weight
        else:
            warnings += d.weight
    return errors, warnings


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def cap(diagnostics: Iterable[Diagnostic], limit: int = CAP) -> list[Diagnostic]:
    """Sorted, at most `limit` shown per file and code, the rest summed up in one summary."""
    shown: list[Diagnostic] = []
    kept: dict[tuple[str, str], int] = {}
    more: dict[tuple[str, str], int] = {}
    for d in sort_diagnostics(diagnostics):
        key = (d.file, d.code)
        if d.omitted:
            more[key] = more.get(key, 0) + d.omitted
        elif kept.get(key, 0) < limit:
            kept[key] = kept.get(key, 0) + 1
            shown.append(d)
        else:
            more[key] = more.get(key, 0) + 1
    shown += [omitted(code, file, n) for (file, code), n in more.items()]
    return sorted(shown, key=Diagnostic.sort_key)


def _clean(d: Diagnostic) -> Diagnostic:
    """The diagnostic with every text made printable on one line (see printable.py)."""
    return replace(
        d,
        file=printable(d.file, one_line=True),
        message=printable(d.message, one_line=True),
        hint=printable(d.hint, one_line=True) if d.hint else d.hint,
    )


def _summary(d: Diagnostic) -> str:
    return f"{d.message} ({d.code}) in {d.file}"


def format_text(
    diagnostics: Sequence[Diagnostic], everything: Sequence[Diagnostic] | None = None
) -> str:
    """Compiler-style lines a person reads: `file:line:col: error NS123: message`.

    `everything`: what the totals line counts, when more was found than is shown.
    """
    lines = []
    for d in map(_clean, diagnostics):
        if d.omitted:
            lines.append(_summary(d))
            continue
        where = d.file
        if d.line is not None:
            where += f":{d.line}"
            if d.column is not None:
                where += f":{d.column}"
        lines.append(f"{where}: {d.severity} {d.code}: {d.message}")
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    lines.append(totals(diagnostics if everything is None else everything))
    return "\n".join(lines) + "\n"


def totals(diagnostics: Sequence[Diagnostic]) -> str:
    """The last line of the text format: `2 errors, 1 warning in 2 files.`"""
    if not diagnostics:
        return "No problems found."
    errors, warnings = count(diagnostics)
    files = len({d.file for d in diagnostics})
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}."


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(
    diagnostics: Sequence[Diagnostic], everything: Sequence[Diagnostic] | None = None
) -> str:
    """GitHub Actions workflow commands, which annotate the offending line of a pull request.

    Every value from a file is made one-line printable and escaped, so none can end the
    command or start another (`::add-mask::`, `::stop-commands::`).
    """
    out = []
    for d in map(_clean, diagnostics):
        props = [f"file={_gh_escape(d.file, prop=True)}"]
        if d.line is not None:
            props.append(f"line={d.line}")
            if d.column is not None:
                props.append(f"col={d.column}")
        props.append(f"title={_gh_escape(d.code + ' ' + CODES[d.code].name, prop=True)}")
        message = _summary(d) if d.omitted else d.message + (f"\n{d.hint}" if d.hint else "")
        out.append(f"::{d.severity} {','.join(props)}::{_gh_escape(message)}")
    errors, warnings = count(diagnostics if everything is None else everything)
    out.append(f"notesite: {plural(errors, 'error')}, {plural(warnings, 'warning')}.")
    return "\n".join(out) + "\n"


# JSON escapes C0 characters itself; these would otherwise reach a terminal raw.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def format_json(
    diagnostics: Sequence[Diagnostic], everything: Sequence[Diagnostic] | None = None
) -> str:
    """`{"diagnostics": [...], "errors": N, "warnings": N, "omitted": [...]}`.

    `errors` and `warnings` count every problem, also those not listed: `omitted` has one
    entry per file and code shown only CAP times, `{"file", "code", "severity", "count"}`
    with `count` the problems not listed. With `everything` (`--changed-since`), the totals
    count it and the lists hold what is shown. The texts are exactly the files' (JSON is
    for tools); characters a terminal would act on are written as `\\uXXXX` escapes.
    """
    errors, warnings = count(diagnostics if everything is None else everything)
    payload = {
        "diagnostics": [
            {
                "code": d.code,
                "severity": str(d.severity),
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "message": d.message,
                "hint": d.hint,
            }
            for d in diagnostics
            if not d.omitted
        ],
        "omitted": [
            {"file": d.file, "code": d.code, "severity": str(d.severity), "count": d.omitted}
            for d in diagnostics
            if d.omitted
        ],
        "errors": errors,
        "warnings": warnings,
    }
    text = json.dumps(payload, sort_keys=True, indent=2, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
