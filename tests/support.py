"""Helpers shared by the tests: a tiny valid notes repository and note builders.

`conftest.py` puts this folder on `sys.path`, so test modules `from support import ...`.
The base repository is minimal and valid (a test asserts it validates with no diagnostics):
one PM `pm-a` managed by the director `dir-b`, one active pair `p-0001` matched on
2025-09-15, one mentor-call note, and a focus list of 2026-11-16 naming the pair (a PM
with active pairs and no recent focus list gets NS821).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from notesite.diagnostics import Diagnostic
from notesite.validate import check_repository

TODAY = date(2026, 11, 22)
RepoFactory = Callable[..., Path]  # the `tmp_repo` fixture: tmp_repo(files={...}) -> root

STAFF = "data/staff.yaml"
PAIR = "data/pairs/p-0001.yaml"
BASE_NOTE = "data/notes/p-0001/2026-11-02-mentor-call.md"
BASE_FOCUS = "data/focus/pm-a/2026-11-16.yaml"  # a recent focus list: no NS821
NOTE = "data/notes/p-0001/2026-10-03-support.md"  # the path most tests write a note to

BODY = """\
## Data
The mentor called to say the mentee missed two sessions.

## Assessment
The mentor is worried but still engaged.

## Plan
Call the mentor again next week.
"""

FRONT: dict[str, Any] = {
    "pair": "p-0001",
    "type": "support",
    "author": "pm-a",
    "date": date(2026, 10, 3),
    "logged": date(2026, 10, 5),
    "minutes": 30,
    "contact": ["mentor"],
    "tags": ["mentor-touch-point"],
}

BASE_FILES: dict[str, str] = {
    STAFF: """\
- id: pm-a
  name: Alex Park
  role: pm
  manager: dir-b
- id: dir-b
  name: Bea Diaz
  role: director
""",
    PAIR: """\
id: p-0001
mentor: {id: mr-0001, name: Sam Okafor}
mentee: {id: me-0001, name: Dana W., grade: 10}
school: Harbor High School
pm: pm-a
matched_on: 2025-09-15
status: active
""",
    BASE_NOTE: """\
---
pair: p-0001
type: mentor-call
author: pm-a
date: 2026-11-02
logged: 2026-11-03
minutes: 30
contact: [mentor]
tags: [mentor-touch-point]
---
## Data
Called the mentor for the first formal check-in of the year.

## Assessment
The match is going well; they meet every week.

## Plan
Next call in February.
""",
    BASE_FOCUS: """\
staff: pm-a
date: 2026-11-16
pairs:
  - pair: p-0001
    rationale: First weeks of the year; keep the weekly meetings going
""",
}


# Valid files of the other kinds, for tests that add one to the base repository.
RATING_FILE = "data/ratings/2025-26/pm-a.yaml"
RATING = """\
staff: pm-a
rater: dir-b
program_year: 2025-26
rated_on: 2026-04-20
ratings:
  focus-list: 2
  reactive-support: {customer-service: 3, safety-escalation: 3, challenging-topics: 2}
  coaching: 3
  use-of-information:
    school-partners: 2
    match-history: 2
    online-communications: 3
    asks-for-help: 3
"""
FOCUS_FILE = "data/focus/pm-a/2026-11-02.yaml"
FOCUS = """\
staff: pm-a
date: 2026-11-02
pairs:
  - pair: p-0001
    rationale: Mentor missed two weeks of platform messages
    goal: Call the mentor
"""
CALENDAR_FILE = "data/calendar/2026-27.yaml"
CALENDAR = """\
program_year: 2026-27
schools:
  Harbor High School:
    weekly: tuesday
    from: 2026-09-15
    to: 2027-06-08
    except: [2026-11-24]
"""
PARTICIPATION_FILE = "data/participation/2025-26.csv"
PARTICIPATION = "pair,week,mentor,mentee\np-0001,2026-10-05,done,missed\n"


def front_matter(**overrides: Any) -> dict[str, Any]:
    """The default support note's fields with `overrides`; a value of None drops the field."""
    fields = {**FRONT, **overrides}
    return {k: v for k, v in fields.items() if v is not None}


def note_text(body: str = BODY, **overrides: Any) -> str:
    """A note file: front matter (see `front_matter`) then `body`.

    The fields are written one per line in FRONT's order, so `pair` is on line 2, `type` on
    line 3, ... `tags` on line 9, and `## Data` on line 11.
    """
    front = yaml.safe_dump(
        front_matter(**overrides), sort_keys=False, default_flow_style=None, allow_unicode=True
    )
    return f"---\n{front}---\n{body}"


def write_files(root: Path, files: Mapping[str, str | bytes | None]) -> None:
    """Write (or, for None, delete) files under `root`, making folders as needed."""
    for rel, content in files.items():
        path = root / rel
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")


def make_repo(root: Path, files: Mapping[str, str | bytes | None] | None = None) -> Path:
    """The base repository under `root`, merged with `files` (None deletes a base file)."""
    root.mkdir(parents=True, exist_ok=True)
    write_files(root, BASE_FILES)
    write_files(root, files or {})
    return root


def check(root: Path, today: date = TODAY) -> list[Diagnostic]:
    return check_repository(root, today).diagnostics


def found(diagnostics: list[Diagnostic], file: str | None = None) -> list[tuple[int | None, str]]:
    """(line, code) of each diagnostic, of one file when given."""
    return [(d.line, d.code) for d in diagnostics if file is None or d.file == file]


# git, for `notesite review`: commits made with a fixed identity and no user or system config.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
GIT_UNSET = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GITHUB_STEP_SUMMARY")


def git(root: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in GIT_UNSET} | GIT_ENV
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
