"""Diagnostics as data, and the three ways to print them (text, GitHub annotations, JSON).

Every stage reports problems by appending `Diagnostic` values instead of raising, so that a
Program Manager sees every problem of every file in one run.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from notesite.codes import BY_NAME, CODES, Severity
from notesite.text import plural


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    file: str
    line: int | None
    column: int | None
    message: str
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line or 0, self.column or 0, self.code, self.message)


def diag(
    name: str,
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


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A "did you mean" hint for a misspelt key, tag or id, or None when nothing is close."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(word.lower(), options, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return None


def count(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    return errors, len(diagnostics) - errors


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    """Compiler-style lines a person reads: `file:line:col: error NS123: message`."""
    lines = []
    for d in diagnostics:
        where = d.file
        if d.line is not None:
            where += f":{d.line}"
            if d.column is not None:
                where += f":{d.column}"
        lines.append(f"{where}: {d.severity} {d.code}: {d.message}")
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    errors, warnings = count(diagnostics)
    files = len({d.file for d in diagnostics})
    if diagnostics:
        where = plural(files, "file")
        lines.append(f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {where}.")
    else:
        lines.append("No problems found.")
    return "\n".join(lines) + "\n"


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands, which annotate the offending line of a pull request."""
    out = []
    for d in diagnostics:
        props = [f"file={_gh_escape(d.file, prop=True)}"]
        if d.line is not None:
            props.append(f"line={d.line}")
            if d.column is not None:
                props.append(f"col={d.column}")
        props.append(f"title={_gh_escape(d.code + ' ' + CODES[d.code].name, prop=True)}")
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        out.append(f"::{d.severity} {','.join(props)}::{_gh_escape(message)}")
    errors, warnings = count(diagnostics)
    out.append(f"notesite: {plural(errors, 'error')}, {plural(warnings, 'warning')}.")
    return "\n".join(out) + "\n"


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    errors, warnings = count(diagnostics)
    payload = {
        "diagnostics": [
            {k: (str(v) if k == "severity" else v) for k, v in asdict(d).items()}
            for d in diagnostics
        ],
        "errors": errors,
        "warnings": warnings,
    }
    return json.dumps(payload, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
