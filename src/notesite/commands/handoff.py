"""`notesite handoff`: a PM's handoff packet written as a standalone page and its stylesheet."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from notesite.derive.facts import derive
from notesite.diagnostics import Diagnostic, did_you_mean
from notesite.errors import UsageProblem
from notesite.program import Program
from notesite.render import handoff_document, stylesheet
from notesite.safewrite import write_files
from notesite.validate import check_repository


@dataclass(frozen=True)
class Handoff:
    """What `write_handoff` did: the files written, or the diagnostics that refused it."""

    diagnostics: tuple[Diagnostic, ...] = ()
    written: tuple[Path, ...] = ()

    @property
    def refused(self) -> bool:
        return not self.written


def write_handoff(root: Path, pm: str, today: date, out: Path | None) -> Handoff:
    """Write PM's handoff page (and its stylesheet beside it) unless the files have errors."""
    target = handoff_target(out, pm, root)
    checked = check_repository(root, today, render=True)
    if checked.errors:
        return Handoff(diagnostics=tuple(checked.diagnostics))
    _check_pm(checked.program, pm)
    css = target.with_suffix(".css")
    page = handoff_document(derive(checked.program, today), pm, css.name)
    write_files(target.parent, {css.name: stylesheet(), target.name: page})
    return Handoff(written=(target, css))


def _check_pm(program: Program, pm: str) -> None:
    known = sorted(m.id for m in program.pms)
    if pm in known:
        return
    listed = "the PMs are: " + (", ".join(known) or "none yet")
    member = program.staff.get(pm)
    if member is not None:
        problem = f"`{pm}` ({member.name}) is a {member.role}, not a PM; {listed}"
    else:
        problem = f"no PM `{pm}`; " + (did_you_mean(pm, known) or listed)
    raise UsageProblem(problem, param="PM")


def handoff_target(out: Path | None, pm: str, root: Path) -> Path:
    """The page to write: `--out` as given, `handoff-<PM>.html` in it if a folder, or here
    (run inside data/, in the repository's own folder, so it is never read back as a stray)."""
    name = f"handoff-{pm}.html"
    if out is None:
        data = (root / "data").resolve()
        here = Path.cwd().resolve()
        return Path(os.path.relpath(root / name)) if here.is_relative_to(data) else Path(name)
    if out.is_dir():
        return out / name
    if out.suffix.lower() not in (".html", ".htm"):
        raise UsageProblem(
            f"{out} is not an .html file; write, for example, --out {out.with_suffix('.html')}",
            param="--out",
        )
    return out
