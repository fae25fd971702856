"""The benchmark's generated programs: made once into .bench/, reused while their inputs hold.

A program of N notes is `notesite demo` (N/10 pairs, at most 9,999, about 10 notes each;
20 each at 200,000) lengthened by `longnotes` to a median of about 250 words, then checked
with `notesite validate`: it must have no errors. Its key (a hash of the sizes, the seeds, the
benchmark's generator sources and notesite's demo sources) is stored beside it; a program whose
key differs is made again, so a change to either generator can never leave a stale program in
use. The same holds for the Hugo content made from it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import hugosite
import longnotes

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-22"
SEED = 11
NOTESITE = [sys.executable, "-m", "notesite"]
MAX_PAIRS = 9999  # pair ids have four digits
KEY_FILE = ".bench-key.json"


@dataclass(frozen=True)
class Program:
    folder: Path
    notes: int
    pairs: int
    median_words: float
    warnings: int
    key: str  # what it was made from (see the module's docstring)
    seconds: float  # how long making it took (0 when reused)


def _sources_hash(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def _demo_sources() -> Path:
    spec = importlib.util.find_spec("notesite.demo")
    if spec is None or spec.origin is None:
        sys.exit("notesite is not installed in this Python (run `make .venv/.installed`)")
    origin = Path(spec.origin)
    return origin.parent if origin.name == "__init__.py" else origin


def shape(notes: int) -> tuple[int, float]:
    """(pairs, notes per pair) for a program of about `notes` notes."""
    pairs = min(MAX_PAIRS, max(1, round(notes / 10)))
    return pairs, notes / pairs


def _stored(folder: Path, key: str) -> dict[str, object] | None:
    try:
        found = json.loads((folder / KEY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) and found.get("key") == key else None


def ensure_program(size: int, cache: Path) -> Program:
    """The program of about `size` notes, made now unless a valid one is already there."""
    pairs, per_pair = shape(size)
    source = _sources_hash(HERE / "longnotes.py", HERE / "notetext.py", _demo_sources())
    key = f"{size}:{pairs}:{per_pair}:{SEED}:{TODAY}:{source}"
    folder = cache / f"program-{size}"
    found = _stored(folder, key)
    if found is not None:
        return Program(folder=folder, key=key, seconds=0, **found["program"])
    start = time.perf_counter()
    shutil.rmtree(folder, ignore_errors=True)
    print(f"  generating {size} notes into {folder} ...", flush=True)
    subprocess.run(
        [
            *NOTESITE,
            "demo",
            str(folder),
            "--pairs",
            str(pairs),
            "--seed",
            str(SEED),
            "--notes-per-pair",
            str(per_pair),
            "--today",
            TODAY,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    made = longnotes.lengthen(folder, SEED)
    warnings = _check(folder)
    info = {
        "notes": made.notes,
        "pairs": len(list((folder / "data" / "pairs").glob("*.yaml"))),
        "median_words": made.median_after,
        "warnings": warnings,
    }
    program = Program(folder=folder, key=key, seconds=time.perf_counter() - start, **info)
    (folder / KEY_FILE).write_text(json.dumps({"key": key, "program": info}), encoding="utf-8")
    print(
        f"  made {made.notes} notes in {program.seconds:.0f} s: median {made.median_before:g}"
        f" -> {made.median_after:g} words, {warnings} warnings, no errors",
        flush=True,
    )
    return program


def _check(folder: Path) -> int:
    """The program's warning count; exits when `notesite validate` finds any error."""
    done = subprocess.run(
        [*NOTESITE, "validate", "--root", str(folder), "--today", TODAY, "--format", "json"],
        capture_output=True,
        text=True,
    )
    try:
        report = json.loads(done.stdout)
    except ValueError:
        sys.exit(f"notesite validate failed on {folder}:\n{done.stderr[-2000:]}")
    if report["errors"]:
        first = [d for d in report["diagnostics"] if d["severity"] == "error"][:5]
        sys.exit(f"the generated program {folder} has {report['errors']} errors, e.g. {first}")
    return int(report["warnings"])


def ensure_hugo_site(program: Program, cache: Path, *, index_pair_pages: bool) -> tuple[Path, int]:
    """(Hugo site folder, pages) for the program; content made again only when it changed."""
    site = cache / program.folder.name.replace("program-", "hugo-")
    key = f"{program.key}:{_sources_hash(HERE / 'hugosite.py')}"
    found = _stored(site, key)
    if found is None:
        shutil.rmtree(site, ignore_errors=True)
        site.mkdir(parents=True)
        start = time.perf_counter()
        pages = hugosite.write_content(program.folder, site)
        print(f"  wrote Hugo content ({pages} pages) in {time.perf_counter() - start:.0f} s")
        (site / KEY_FILE).write_text(json.dumps({"key": key, "pages": pages}), encoding="utf-8")
    else:
        pages = int(str(found["pages"]))
    hugosite.write_theme(site, index_pair_pages=index_pair_pages)
    return site, pages


def edit_note(program: Program, round_: int) -> tuple[Path, str, str]:
    """Edit one note (the middle one) for the rebuild figures: (path, original text, marker).

    The Data section gains a sentence naming the round, so every round is a real change; the
    caller writes the original text back when done.
    """
    path, original, edited, marker = edited_note(program, round_)
    path.write_text(edited, encoding="utf-8", newline="\n")
    return path, original, marker


def edited_note(program: Program, round_: int) -> tuple[Path, str, str, str]:
    """`edit_note`'s change, not yet saved: (path, original text, edited text, marker)."""
    notes = sorted((program.folder / "data" / "notes").glob("*/*.md"))
    path = notes[len(notes) // 2]
    original = path.read_text(encoding="utf-8")
    marker = f"Edit number {round_} for the benchmark"
    edited = original.replace("## Data\n\n", f"## Data\n\n{marker}, written after class. ", 1)
    return path, original, edited, marker
