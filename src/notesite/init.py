"""`notesite init`: a ready-to-use notes repository for a new program.

It writes the settings (every one spelled out with its default), one valid example of each
data file, the editor schemas, the CI workflow, the pre-commit configuration and a README
for PMs. The examples are dated relative to "today", so they validate with no diagnostics
and build a site on the day they are made. Templates are the files in `init_files/`; a
`@NAME@` in them is replaced by the value of NAME below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from notesite import __version__
from notesite.safewrite import write_files
from notesite.schema import schema_files
from notesite.settings import Settings

# Where an organisation gets notesite's source (for the pinned pre-commit hook and the
# optional pinned install): a placeholder the generated files tell the reader to replace.
SOURCE_PLACEHOLDER = "https://github.com/YOUR-ORG/notesite"

# (path in the new repository, template in init_files/); paths may hold @NAME@ too.
FILES: tuple[tuple[str, str], ...] = (
    ("README.md", "README.md"),
    (".gitignore", "gitignore"),
    ("notesite.yaml", "notesite.yaml"),
    ("data/staff.yaml", "staff.yaml"),
    ("data/pairs/p-0001.yaml", "pair.yaml"),
    ("data/notes/p-0001/@NOTE_DATE@-support.md", "note.md"),
    ("data/ratings/@YEAR@/pm-jrivera.yaml", "rating.yaml"),
    ("data/focus/pm-jrivera/@FOCUS_DATE@.yaml", "focus.yaml"),
    ("data/participation/@YEAR@.csv", "participation.csv"),
    (".github/workflows/notesite.yml", "workflow.yml"),
    (".pre-commit-config.yaml", "pre-commit-config.yaml"),
    (".vscode/settings.json", "vscode-settings.json"),
    (".vscode/extensions.json", "vscode-extensions.json"),
)
SCHEMAS = "schemas"
_TOKEN = re.compile(r"@([A-Z][A-Z0-9_]*)@")
IGNORED = frozenset({".git"})  # a fresh `git clone` of an empty repository is still empty


class InitError(Exception):
    """The repository cannot be created there (a file, or a folder with files in it)."""


@dataclass(frozen=True)
class Created:
    root: Path
    files: tuple[Path, ...]  # every file written, sorted


def values(today: date, settings: Settings) -> dict[str, str]:
    """What each @NAME@ stands for: example dates a few days or weeks before `today`."""

    def ago(days: int) -> str:
        return (today - timedelta(days=days)).isoformat()

    return {
        "MATCHED_ON": ago(60),
        "NOTE_DATE": ago(7),
        "LOGGED": ago(6),
        "FOCUS_DATE": ago(9),
        "NEXT_CHECK_IN": ago(2),
        "YEAR": settings.year_of(today),
        "RATED_ON": today.isoformat(),
        "WEEK1": ago(21),
        "WEEK2": ago(14),
        "WEEK3": ago(7),
        "VERSION": __version__,
        "SOURCE": SOURCE_PLACEHOLDER,
    }


def fill(text: str, names: dict[str, str]) -> str:
    """`text` with each @NAME@ replaced; a name without a value is a bug in a template."""
    return _TOKEN.sub(lambda m: names[m.group(1)], text)


def template(name: str) -> str:
    return resources.files("notesite").joinpath("init_files", name).read_text(encoding="utf-8")


def check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise InitError(f"{target} is a file; choose a new or empty folder")
    if target.is_dir():
        present = sorted(p.name for p in target.iterdir() if p.name not in IGNORED)
        if present:
            shown = ", ".join(present[:5]) + (", …" if len(present) > 5 else "")
            raise InitError(
                f"{target} is not empty (it holds {shown}); choose a new or empty folder, "
                "so nothing of yours is overwritten"
            )


def init_repository(target: Path, today: date) -> Created:
    """Write a new notes repository into `target`, which must be missing or empty.

    Every file is created then renamed and never replaces one (nor writes through a link)."""
    check_target(target)
    settings = Settings()  # the template's notesite.yaml spells out exactly these
    names = values(today, settings)
    files = {fill(rel, names): fill(template(name), names).encode() for rel, name in FILES}
    files |= {f"{SCHEMAS}/{name}": data for name, data in schema_files(settings).items()}
    return Created(target, tuple(sorted(write_files(target, files, replace=False))))
