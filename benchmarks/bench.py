"""`make bench`: notesite against Hugo and Hugo + Pagefind on the same generated notes.

    python benchmarks/bench.py [--sizes S,L] [--repeat 3] [--repeat-large 1] [--skip serve,...]

For each size (S = 10,000 notes, L = 100,000, XL = 200,000 or any number) a program is generated
once into .bench/ (`programs`: realistic notes, median about 250 words with lists, no errors) and
converted into a Hugo site (`hugosite`: a page per pair with every note, a page per note). Every
measurement is a real subprocess under `measure.py`, which reports wall time, CPU (user + system of
the whole process tree) and peak memory from the OS. Rounds alternate the tools, so load from
other work on the machine falls on all of them alike. The table goes to stdout and, with every
run's numbers, to .bench/results-<size>.json. Nothing here asserts a time: it measures.
"""

from __future__ import annotations

import argparse
import compileall
import dataclasses
import datetime
import importlib.metadata
import importlib.util
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import programs
import sequence
import servefig
from programs import NOTESITE, TODAY, Program
from report import ROWS, render

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".bench"
MEASURE = str(Path(__file__).resolve().parent / "measure.py")
NAMED = {"S": 10_000, "L": 100_000, "XL": 200_000}
SKIPPABLE = (
    "hugo",
    "pagefind",
    "no-search",
    "build",
    "edited",
    "next-day",
    "validate",
    "validate-cached",
    "serve",
    "serve-ns",
    "sequence",
)


@dataclass
class Size:
    label: str
    notes: int
    runs: dict[str, list[dict[str, float]]] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    facts: dict[str, object] = field(default_factory=dict)  # what was built, for the reader

    def add(self, row: str, run: dict[str, float] | None, problem: str = "") -> None:
        if run is not None:
            self.runs.setdefault(row, []).append(run)
            said = f"{run['wall']:.2f} s, CPU {run['cpu']:.2f} s"
            if "max_rss_kib" in run:
                said += f", peak {run['max_rss_kib'] / 1024:.0f} MiB"
            print(f"    {row}: {said}", flush=True)
        if problem:
            self.problems[row] = problem
            print(f"    {row}: {problem}", flush=True)


def _version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else ""


def pagefind_binary() -> str:
    try:
        from pagefind.service import get_executable

        found = get_executable()
    except (ImportError, OSError):
        return ""
    return str(found) if found else ""


def measure(command: list[str], log: Path) -> tuple[dict[str, float] | None, str]:
    """(run, problem) for one command under measure.py; a failed command is a problem."""
    load = os.getloadavg()[0]
    done = subprocess.run(
        [sys.executable, MEASURE, str(log), "--", *command], capture_output=True, text=True
    )
    try:
        run = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None, f"could not measure: {done.stderr.strip()[-300:]}"
    run["load"] = round(load, 2)
    if run["returncode"] not in (0,):
        tail = log.read_text(encoding="utf-8", errors="replace").strip()[-300:]
        return None, f"exit {run['returncode']} (log {log}): {tail}"
    return run, ""


def _site_size(folder: Path) -> dict[str, float]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    html = sum(1 for p in files if p.suffix == ".html")
    return {
        "files": len(files),
        "html": html,
        "mb": round(sum(p.stat().st_size for p in files) / 1e6, 1),
    }


def _next_day(day: str) -> str:
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()


def _clean(*folders: Path) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.skip = set(args.skip)
        self.hugo = shutil.which("hugo") or ""
        self.pagefind = pagefind_binary()
        build_help = subprocess.run(
            [*NOTESITE, "build", "--help"], capture_output=True, text=True
        ).stdout
        self.has_cache = "--cache " in build_help or "--cache\n" in build_help
        self.machine = {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "notesite": importlib.metadata.version("notesite"),
            "hugo": _version([self.hugo, "version"]) if self.hugo else "not installed",
            "pagefind": _version([self.pagefind, "--version"]) if self.pagefind else "missing",
            "platform": platform.platform(),
        }

    # -- the measurements of one round -------------------------------------------------
    def hugo_round(self, size: Size, site: Path, r: int) -> None:
        public, logs = site.parent / f"{site.name}-public", CACHE / "logs"
        _clean(public, site.parent / f"{site.name}-cache", site / "resources")
        command = [self.hugo, "--source", str(site), "--destination", str(public), "--quiet"]
        command += ["--cacheDir", str(site.parent / f"{site.name}-cache")]
        hugo, problem = measure(command, logs / f"{size.label}-hugo-{r}.log")
        size.add("hugo", hugo, problem)
        if hugo is not None:
            size.facts["hugo_site"] = _site_size(public)
        if hugo is None or "pagefind" in self.skip:
            return
        if not self.pagefind:
            size.problems["pagefind"] = "the pagefind binary is missing (make .venv/.installed)"
            return
        command = [self.pagefind, "--site", str(public), "--force-language", "en", "--silent"]
        found, problem = measure(command, logs / f"{size.label}-pagefind-{r}.log")
        size.add("pagefind", found, problem)
        entry = public / "pagefind" / "pagefind-entry.json"
        if found is not None and entry.is_file():
            languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
            size.facts["pagefind_pages"] = sum(v.get("page_count", 0) for v in languages.values())
        if found is not None:
            both = {k: hugo[k] + found[k] for k in ("wall", "cpu", "user", "sys")}
            for k in ("max_rss_kib", "tree_rss_kib", "load"):
                both[k] = max(hugo[k], found[k])
            size.add("hugo+pagefind", both)

    def build_command(
        self, program: Program, work: Path, *extra: str, today: str = TODAY
    ) -> list[str]:
        command = [*NOTESITE, "build", "--root", str(program.folder), "--out", str(work / "site")]
        command += ["--today", today, *extra]
        if self.has_cache:
            command += ["--cache", str(work / "cache")]
        if self.args.jobs:
            command += ["--jobs", str(self.args.jobs)]
        return command

    def notesite_round(self, size: Size, program: Program, r: int) -> None:
        work, logs = CACHE / f"notesite-{size.notes}", CACHE / "logs"
        for row, extra in (("no-search", ["--no-search"]), ("build", [])):
            if row not in self.skip:
                _clean(work)  # the output and any cache beside it: a cold build
                command = self.build_command(program, work, *extra)
                size.add(row, *measure(command, logs / f"{size.label}-{row}-{r}.log"))
                size.facts[f"notesite_{row}_site"] = _site_size(work / "site")
        if "edited" not in self.skip:
            if not (work / "site" / "index.html").is_file():  # no fresh build to start from
                _clean(work)
                measure(self.build_command(program, work), logs / f"{size.label}-prep-{r}.log")
            path, original, _ = programs.edit_note(program, r)
            try:
                command = self.build_command(program, work)
                size.add("edited", *measure(command, logs / f"{size.label}-edited-{r}.log"))
            finally:
                path.write_text(original, encoding="utf-8", newline="\n")
        if "next-day" not in self.skip and self.has_cache and (work / "site").is_dir():
            # The usual CI build: nothing changed but the day (a cache keyed by "today"
            # would check every note again).
            command = self.build_command(program, work)
            command[command.index(TODAY)] = _next_day(TODAY)
            size.add("next-day", *measure(command, logs / f"{size.label}-next-day-{r}.log"))
        if "validate" not in self.skip:
            command = [*NOTESITE, "validate", "--root", str(program.folder), "--today", TODAY]
            size.add("validate", *measure(command, logs / f"{size.label}-validate-{r}.log"))
        if "validate-cached" not in self.skip and (work / "cache" / "notes").is_dir():
            command = [*NOTESITE, "validate", "--root", str(program.folder), "--today", TODAY]
            command += ["--cache", str(work / "cache")]  # the build's, as a PM's checkout has
            log = logs / f"{size.label}-validate-cached-{r}.log"
            size.add("validate-cached", *measure(command, log))

    def serve_rows(self, size: Size, program: Program, repeat: int) -> None:
        for key, search in (("serve", True), ("serve-ns", False)):
            if key in self.skip:
                continue
            out = CACHE / f"serve-{size.notes}"
            log = CACHE / "logs" / f"{size.label}-{key}.log"
            found = servefig.figures(
                program, out, log, search=search, rounds=repeat, timeout=self.args.serve_timeout
            )
            if found.start is not None:
                size.add(f"{key}-start", found.start)
            for save in found.saves:
                size.add(f"{key}-save", save)
            for kind, runs in found.after.items():
                for run in runs:
                    size.add(f"{key}-{kind}", run)
            if found.problem:
                size.problems[f"{key}-save" if found.start else f"{key}-start"] = found.problem
            _clean(out, *out.parent.glob(f".{out.name}-*"))  # and what an interrupted build left

    def sequence_rows(self, size: Size, program: Program, seed: int) -> None:
        """Every kind of edit in a random order, a `build --cache` after each, then one from
        scratch: the two sites must be the same bytes (see sequence.py)."""
        work, logs = CACHE / f"sequence-{size.notes}", CACHE / "logs"
        if not self.has_cache:
            size.problems["sequence"] = "this notesite has no build cache to compare"
            return
        _clean(work)
        root = work / "program"
        sequence.copy_program(program.folder, root)
        copy = dataclasses.replace(program, folder=root)
        today, done = TODAY, []
        command = self.build_command(copy, work)
        size.add("sequence-first", *measure(command, logs / f"{size.label}-sequence-first.log"))
        rng = random.Random(seed)
        for i, kind in enumerate(sequence.order(seed)):
            what, today = sequence.apply(root, kind, rng, today)
            done.append(what)
            print(f"    edit {i + 1}: {what}", flush=True)
            command = self.build_command(copy, work, today=today)
            log = logs / f"{size.label}-sequence-{i + 1}.log"
            size.add("sequence", *measure(command, log))
        scratch = work / "scratch"
        command = [*NOTESITE, "build", "--root", str(root), "--out", str(scratch / "site")]
        command += ["--today", today, "--no-cache"]
        size.add("sequence-scratch", *measure(command, logs / f"{size.label}-sequence-scratch.log"))
        found = sequence.compare(work / "site", scratch / "site")
        size.facts["sequence"] = {
            "edits": done,
            "files": found.files,
            "identical": found.identical,
            "different": found.different,
        }
        said = "the same bytes" if found.identical else f"DIFFERENT: {', '.join(found.different)}"
        print(f"    incremental site against the one from scratch: {said}", flush=True)
        _clean(work)

    # -- one size ----------------------------------------------------------------------
    def run_size(self, label: str, notes: int) -> None:
        size = Size(label, notes)
        print(f"\n== {label}: {notes:,} notes ==", flush=True)
        program = programs.ensure_program(notes, CACHE)
        site = None
        if "hugo" not in self.skip:
            if self.hugo:
                site, _ = programs.ensure_hugo_site(
                    program, CACHE, index_pair_pages=self.args.pagefind_scope == "all"
                )
            else:
                size.problems["hugo"] = "hugo is not installed (Debian: apt-get install hugo)"
        repeat = self.args.repeat if notes <= 20_000 else self.args.repeat_large
        for r in range(repeat):
            print(f"  round {r + 1} of {repeat} ...", flush=True)
            if site is not None:
                self.hugo_round(size, site, r)
            self.notesite_round(size, program, r)
        self.serve_rows(size, program, repeat)
        if "sequence" not in self.skip:
            self.sequence_rows(size, program, seed=notes)
        result = self.summary(size, program)
        print(render(result), flush=True)
        path = CACHE / f"results-{notes}.json"
        path.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"  (all runs in {path.relative_to(ROOT)})")

    def summary(self, size: Size, program: Program) -> dict[str, object]:
        rows = {}
        for key, label in ROWS:
            runs = size.runs.get(key, [])
            row: dict[str, object] = {"label": label, "runs": runs}
            if runs:
                walls = [r["wall"] for r in runs]
                row |= {
                    "wall_best": min(walls),
                    "wall_median": round(statistics.median(walls), 3),
                    "cpu_median": round(statistics.median(r["cpu"] for r in runs), 3),
                }
                for k in ("max_rss_kib", "tree_rss_kib"):
                    if all(k in r for r in runs):
                        row[k] = max(r[k] for r in runs)
            if key in size.problems:
                row["problem"] = size.problems[key]
            rows[key] = row
        return {
            "size": size.label,
            "notes": program.notes,
            "pairs": program.pairs,
            "median_words": program.median_words,
            "warnings": program.warnings,
            "program_seconds": round(program.seconds, 1),
            "today": TODAY,
            "pagefind_scope": self.args.pagefind_scope,
            "machine": self.machine,
            "command": " ".join(sys.argv),
            "rows": rows,
            "facts": size.facts,
        }


def compile_notesite() -> str:
    """Write the bytecode of notesite's modules, as installing a package does: an editable
    install in a shell with PYTHONDONTWRITEBYTECODE set (this sandbox's) compiles every
    module again in every command, 0.36 s of each `validate` measured here."""
    spec = importlib.util.find_spec("notesite")
    folders = list(spec.submodule_search_locations or []) if spec else []
    done = all(compileall.compile_dir(f, quiet=1) for f in folders)
    where = ", ".join(folders) or "nowhere: notesite not found"
    return f"notesite's bytecode written in {where}" + ("" if done else " (some failed)")


def parse_sizes(text: str) -> list[tuple[str, int]]:
    sizes = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        if part.upper() in NAMED:
            sizes.append((part.upper(), NAMED[part.upper()]))
        elif part.isdigit() and int(part) > 0:
            sizes.append((f"{int(part):,}", int(part)))
        else:
            raise argparse.ArgumentTypeError(f"{part!r}: a size is S, L, XL or a note count")
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default="S,L",
        help="S (10,000 notes), L (100,000), XL (200,000) or note counts (default S,L)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds up to 20,000 notes")
    parser.add_argument("--repeat-large", type=int, default=1, help="rounds above 20,000 notes")
    parser.add_argument(
        "--skip",
        type=lambda s: [p for p in s.split(",") if p],
        default=[],
        help=f"comma-separated, any of: {', '.join(SKIPPABLE)}",
    )
    parser.add_argument(
        "--pagefind-scope",
        choices=("notes", "all"),
        default="notes",
        help="what Pagefind indexes of Hugo's site: the note pages (one record per note, as "
        "notesite's index) or every page, the pair pages too",
    )
    parser.add_argument("--jobs", type=int, default=0, help="pass --jobs N to notesite build")
    parser.add_argument(
        "--serve-timeout", type=float, default=1800, help="seconds to wait for serve (each wait)"
    )
    args = parser.parse_args()
    unknown = set(args.skip) - set(SKIPPABLE)
    if unknown:
        parser.error(f"--skip: unknown {', '.join(sorted(unknown))}; choose from {SKIPPABLE}")
    compiled = compile_notesite()
    bench = Bench(args)
    CACHE.mkdir(exist_ok=True)
    m = bench.machine
    print(
        f"notesite benchmark, {time.strftime('%Y-%m-%d %H:%M')}: {m['cores']} cores, "
        f"Python {m['python']}, notesite {m['notesite']}; {m['hugo']}; {m['pagefind']}\n"
        f"load average now {os.getloadavg()[0]:.1f} (above the core count the figures are noisy)"
        f"\n{compiled}"
    )
    for label, notes in args.sizes:
        bench.run_size(label, notes)


if __name__ == "__main__":
    main()
