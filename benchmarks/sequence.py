"""An incremental build against one from scratch, at the benchmark's sizes (issue 10).

A seeded random order of every kind of edit the suite's property test makes (a note edited,
added, deleted and renamed; a pair's PM, a staff name, a setting, a rating, a focus list and a
participation row changed; the next day) is applied to a copy of a generated program. After
each edit `build --cache` runs on the same site and cache; after the last, `build --no-cache`
runs into an empty folder, and the two sites must hold the same files, byte for byte. The suite
checks the same property after every edit of hypothesis-chosen sequences on a small program
(tests/integration/test_build_cache.py); this is its run at scale, where the cache's shards,
the kept pages, the search shards and the hard links meet a real program's numbers. A build
from scratch at 100k takes minutes, so here the sites are compared once, at the end.

The copy is made of hard links (quick, and no space); every edit writes a new file and renames
it over the old name, so the generated program itself is never changed.
"""

from __future__ import annotations

import datetime
import os
import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

# The kinds of tests/integration/test_build_cache.py's KINDS, written as words (a second
# column of them would repeat that list; test_benchmarks.py keeps the two equal).
_WORDS = "edit add delete rename pm staff-name setting rating focus participation today"
KINDS = tuple(_WORDS.split())


@dataclass(frozen=True)
class Compared:
    files: int  # in the incremental site
    different: list[str]  # paths missing from one site or with other bytes (the first 20)

    @property
    def identical(self) -> bool:
        return not self.different


def copy_program(program: Path, to: Path) -> None:
    """`to` becomes a hard-linked copy of `program` (files shared until an edit replaces one)."""
    shutil.rmtree(to, ignore_errors=True)
    shutil.copytree(program, to, copy_function=os.link)


def order(seed: int) -> list[str]:
    """Every kind once, in an order the seed chooses."""
    kinds = list(KINDS)
    random.Random(seed).shuffle(kinds)
    return kinds


def _write(path: Path, text: str) -> None:
    """Write a new file and rename it over `path`: the hard-linked original stays as it was."""
    tmp = path.with_name(f".{path.name}.bench-tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, path)


def _notes(root: Path, pattern: str = "*.md") -> list[Path]:
    return sorted((root / "data" / "notes").glob(f"*/{pattern}"))


def apply(root: Path, kind: str, rng: random.Random, today: str) -> tuple[str, str]:
    """Make one edit of `kind` to the program at `root`: (what was done, the day to build for)."""
    if kind == "today":
        day = datetime.date.fromisoformat(today) + datetime.timedelta(days=1)
        return f"the next day, {day.isoformat()}", day.isoformat()
    return EDITS[kind](root, rng), today


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _edit(root: Path, rng: random.Random) -> str:
    path = rng.choice(_notes(root))
    text = path.read_text(encoding="utf-8")
    _write(path, text.replace("## Data\n\n", "## Data\n\nWritten again after a call. ", 1))
    return f"edited {_rel(root, path)}"


def _add(root: Path, rng: random.Random) -> str:
    """A copy of a support note one day later (its dates moved with it), where no note is."""
    notes = _notes(root, "*-support.md")
    for path in rng.sample(notes, min(50, len(notes))):
        day = datetime.date.fromisoformat(path.name[:10]) + datetime.timedelta(days=1)
        new = path.with_name(f"{day.isoformat()}-support.md")
        if new.exists() or any(path.parent.glob(f"{day.isoformat()}-*")):
            continue
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^date: .*$", f"date: {day.isoformat()}", text, count=1)
        text = re.sub(r"(?m)^logged: .*$", f"logged: {day.isoformat()}", text, count=1)
        _write(new, text)
        return f"added {_rel(root, new)}"
    raise RuntimeError("no support note has a free next day")


def _delete(root: Path, rng: random.Random) -> str:
    path = rng.choice(_notes(root, "*-support.md"))  # a request or call may be referred to
    path.unlink()
    return f"deleted {_rel(root, path)}"


def _rename(root: Path, rng: random.Random) -> str:
    path = rng.choice(_notes(root, "*-support.md"))
    new = path.with_name(path.name.replace("-support.md", "-support-2.md"))
    path.rename(new)
    return f"renamed {_rel(root, path)} to {new.name}"


def _pm(root: Path, rng: random.Random) -> str:
    staff = yaml.safe_load((root / "data" / "staff.yaml").read_text(encoding="utf-8"))
    pms = [s["id"] for s in staff if s.get("role") == "pm" and s.get("active", True)]
    path = rng.choice(sorted((root / "data" / "pairs").glob("p-*.yaml")))
    text = path.read_text(encoding="utf-8")
    old = re.search(r"(?m)^pm: (.*)$", text)
    assert old is not None, path
    new = rng.choice([pm for pm in pms if pm != old.group(1)])
    _write(path, text.replace(old.group(0), f"pm: {new}", 1))
    return f"{_rel(root, path)}: pm {old.group(1)} → {new}"


def _staff_name(root: Path, rng: random.Random) -> str:
    path = root / "data" / "staff.yaml"
    text = path.read_text(encoding="utf-8")
    names = re.findall(r'(?m)^  name: "([^"]+)"$', text)
    name = rng.choice(names)
    _write(path, text.replace(f'  name: "{name}"', f'  name: "{name}-Vale"', 1))
    return f"staff: {name} → {name}-Vale"


def _setting(root: Path, rng: random.Random) -> str:
    path = root / "notesite.yaml"
    text = path.read_text(encoding="utf-8")
    days = rng.choice([5, 6, 8, 10])
    found = re.search(r"(?m)^log_within_days: .*$", text)
    text = text.replace(found.group(0), "") if found else text
    _write(path, text.rstrip("\n") + f"\nlog_within_days: {days}\n")
    return f"notesite.yaml: log_within_days: {days}"


def _rating(root: Path, rng: random.Random) -> str:
    """One score of a rubric rating changed (the first, a criterion's or a sub-skill's)."""
    path = rng.choice(sorted((root / "data" / "ratings").glob("*/*.yaml")))
    text = path.read_text(encoding="utf-8")
    start = text.index("\nratings:\n")
    old = re.compile(r"([a-z-]+): ([1-4])(?=[,}\n])").search(text, start)
    if old is None:
        raise RuntimeError(f"{path}: no rating to change")
    score = 2 if old.group(2) != "2" else 3
    text = text[: old.start()] + f"{old.group(1)}: {score}" + text[old.end() :]
    _write(path, text)
    return f"{_rel(root, path)}: {old.group(1)} {old.group(2)} → {score}"


def _focus(root: Path, rng: random.Random) -> str:
    path = rng.choice(sorted((root / "data" / "focus").glob("*/*.yaml")))
    text = path.read_text(encoding="utf-8")
    entries = [m.start() for m in re.finditer(r"(?m)^  - pair: ", text)]
    if len(entries) > 1:  # the last pair taken off the list
        _write(path, text[: entries[-1]])
        return f"{_rel(root, path)}: its last pair taken off"
    _write(path, text.replace('rationale: "', 'rationale: "Again: ', 1))
    return f"{_rel(root, path)}: a rationale reworded"


def _participation(root: Path, rng: random.Random) -> str:
    path = sorted((root / "data" / "participation").glob("*.csv"))[-1]
    lines = path.read_text(encoding="utf-8").split("\n")
    rows = [i for i, line in enumerate(lines) if line.endswith(",done,done")]
    i = rng.choice(rows)
    lines[i] = lines[i][: -len(",done,done")] + ",missed,done"
    _write(path, "\n".join(lines))
    return f"{_rel(root, path)} line {i + 1}: the mentor missed"


EDITS: dict[str, Callable[[Path, random.Random], str]] = {
    "edit": _edit,
    "add": _add,
    "delete": _delete,
    "rename": _rename,
    "pm": _pm,
    "staff-name": _staff_name,
    "setting": _setting,
    "rating": _rating,
    "focus": _focus,
    "participation": _participation,
}  # and "today", which changes no file


def compare(a: Path, b: Path) -> Compared:
    """The files of site `a` against site `b`: every path in either, byte for byte."""

    def tree(folder: Path) -> dict[str, Path]:
        return {_rel(folder, p): p for p in folder.rglob("*") if p.is_file()}

    left, right = tree(a), tree(b)
    different = sorted(set(left) ^ set(right))
    for rel in sorted(set(left) & set(right)):
        if left[rel].read_bytes() != right[rel].read_bytes():
            different.append(rel)
    return Compared(len(left), sorted(different)[:20])
