"""The whole pipeline, readable top to bottom: load+validate → derive → render → write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from notesite.diagnostics import Diagnostic
from notesite.facts import derive
from notesite.render import render_site
from notesite.validate import check_repository
from notesite.write import check_output, write_site


@dataclass(frozen=True)
class BuildResult:
    diagnostics: list[Diagnostic]
    errors: int
    files: int  # files written; 0 when the build was refused

    @property
    def ok(self) -> bool:
        return self.files > 0


def build(
    root: Path, out: Path, today: date, *, strict: bool = False, jobs: int | None = None
) -> BuildResult:
    """Build the site; refuse (writing nothing) when the repository has errors."""
    check_output(out, root)
    checked = check_repository(root, today, render=True, jobs=jobs)
    if checked.errors or (strict and checked.warnings):
        return BuildResult(checked.diagnostics, checked.errors, 0)
    facts = derive(checked.program, today)
    files = render_site(facts, jobs=jobs)
    write_site(out, files)
    return BuildResult(checked.diagnostics, 0, len(files))
