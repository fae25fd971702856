"""Per-note time of the Markdown engines weighed in issue 10, on the benchmark's own notes.

    python benchmarks/engines.py .bench/program-10000 [--notes 2000]

Times notesite's engine (markdown-it-py: the block-only parse `validate` does, and the full
parse + render `build` does) and, when installed, markdown-it-pyrs, cmarkgfm and pyromark
rendering the same note bodies. Only prints: the candidates are not dependencies of notesite
(install them in a scratch venv to compare). Median µs per note over the sample.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from notesite import markdown
from notesite.load.notefile import Split, split_front_matter


def _bodies(folder: Path, limit: int) -> list[str]:
    files = sorted((folder / "data" / "notes").rglob("*.md"))
    step = max(1, len(files) // limit)
    out = []
    for path in files[::step][:limit]:
        split = split_front_matter(path.read_text(encoding="utf-8"))
        if isinstance(split, Split):
            out.append(split.body)
    return out


def _time(run: Callable[[str], object], bodies: list[str], rounds: int = 3) -> float:
    """Median over notes of the best of `rounds` runs, in µs."""
    per_note = []
    for body in bodies:
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            run(body)
            best = min(best, time.perf_counter() - start)
        per_note.append(best * 1e6)
    return statistics.median(per_note)


def _candidates() -> dict[str, Callable[[str], object]]:
    found: dict[str, Callable[[str], object]] = {}
    try:
        pyrs = importlib.import_module("markdown_it_pyrs")
        md = pyrs.MarkdownIt("commonmark").enable_many(["table", "strikethrough", "tasklist"])
        found["markdown-it-pyrs render"] = md.render
        found["markdown-it-pyrs tree"] = md.tree
    except ImportError:
        pass
    try:
        cmark = importlib.import_module("cmarkgfm")
        found["cmarkgfm render (GFM, safe)"] = cmark.github_flavored_markdown_to_html
    except ImportError:
        pass
    try:
        pyromark = importlib.import_module("pyromark")
        found["pyromark html"] = pyromark.html
        found["pyromark events_with_range"] = pyromark.events_with_range
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("program", type=Path, help="a program folder (holds data/notes)")
    parser.add_argument("--notes", type=int, default=2000, help="notes sampled")
    args = parser.parse_args()
    bodies = _bodies(args.program, args.notes)
    words = statistics.median(len(b.split()) for b in bodies)
    print(f"{len(bodies)} notes, median {words:g} words; median µs per note")
    rows: dict[str, Callable[[str], object]] = {
        "markdown-it-py validate (block parse)": lambda b: markdown.parse_note(b, inline=False),
        "markdown-it-py build (parse + render)": lambda b: markdown.render(markdown.parse(b)),
        **_candidates(),
    }
    for name, run in rows.items():
        print(f"  {name:40} {_time(run, bodies):8.1f}")


if __name__ == "__main__":
    main()
