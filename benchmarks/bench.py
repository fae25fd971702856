"""`make bench`: time `notesite validate` and `notesite build` on generated programs.

Programs are generated once into .bench/ (deterministic, so they are reused between runs).
Each command runs as a real subprocess, as a user would run it, several times; the best and
the median wall-clock times are printed. Nothing here asserts a time: it measures.

    python benchmarks/bench.py [--sizes 1000,10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".bench"
TODAY = "2026-11-22"
NOTESITE = [sys.executable, "-m", "notesite"]


def program(notes: int) -> Path:
    """A generated program of about `notes` notes (10 per pair, 20 past 50,000 notes)."""
    folder = CACHE / f"program-{notes}"
    if not (folder / "data").is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        pairs = min(5000, max(1, notes // 10))  # pair ids have four digits
        subprocess.run(
            [
                *NOTESITE,
                "demo",
                str(folder),
                "--pairs",
                str(pairs),
                "--seed",
                "11",
                "--notes-per-pair",
                str(notes / pairs),
                "--today",
                TODAY,
            ],
            check=True,
        )
    return folder


def timed(args: list[str], repeat: int, before: Callable[[], object] | None = None) -> list[float]:
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        result = subprocess.run(args, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            sys.exit(f"{' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return times


def report(label: str, times: list[float]) -> None:
    print(
        f"  {label:<34} best {min(times):6.2f} s   median {statistics.median(times):6.2f} s"
        f"   ({len(times)} runs)"
    )


def touch_one_note(folder: Path) -> None:
    note = sorted((folder / "data" / "notes").glob("*/*.md"))[0]
    text = note.read_text(encoding="utf-8")
    marker = "\nEdited for the rebuild benchmark.\n"
    note.write_text(text.replace(marker, "") if marker in text else text + marker, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="10000,100000", help="comma-separated note counts (default 10000,100000)"
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"notesite benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for size in (int(s) for s in args.sizes.split(",")):
        folder = program(size)
        count = sum(1 for _ in (folder / "data" / "notes").glob("*/*.md"))
        out = CACHE / f"site-{size}"
        repeat = args.repeat if size <= 20000 else 1
        print(f"\n{count} notes, {len(list((folder / 'data' / 'pairs').glob('*.yaml')))} pairs:")
        report(
            "notesite validate",
            timed([*NOTESITE, "validate", "--root", str(folder), "--today", TODAY], repeat),
        )
        build = [*NOTESITE, "build", "--root", str(folder), "--out", str(out), "--today", TODAY]
        fresh = functools.partial(shutil.rmtree, out, ignore_errors=True)
        report("notesite build --no-search (full)", timed([*build, "--no-search"], repeat, fresh))
        report("notesite build (full, with search)", timed(build, repeat, fresh))
        report(
            "notesite build (one note changed)",
            timed(build, repeat, functools.partial(touch_one_note, folder)),
        )
        pages = sum(1 for _ in out.rglob("*.html"))
        size_mb = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
        print(f"  site: {pages} pages, {size_mb:.1f} MB")


if __name__ == "__main__":
    main()
