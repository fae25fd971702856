"""The search stage alone, one mode per process, so peak memory is that mode's.

    python benchmarks/search_stage.py PROGRAM MODE [STORE]

MODE: `one` (a single Pagefind index), `shards` (SHARD_NOTES per shard), `store` (shards,
kept in and read from STORE), `edit` (the first note edited, then as `store`). Prints the
seconds `search_files` took, how many shards Pagefind indexed, and the peak resident memory
of Pagefind (the largest child) and of this process. PROGRAM is a generated program, e.g.
.bench/program-10000 after `make bench BENCH_ARGS="--sizes S"`.
"""

from __future__ import annotations

import dataclasses
import datetime
import resource
import sys
import time
from pathlib import Path
from typing import Any

from notesite.derive.facts import derive
from notesite.render import search
from notesite.validate import check_repository

TODAY = datetime.date(2026, 11, 22)  # benchmarks/programs.py


def main() -> None:
    program, mode = Path(sys.argv[1]), sys.argv[2]
    store = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    facts = derive(check_repository(program, TODAY, render=True).program, TODAY)
    if mode == "edit":
        note = min(facts.program.notes, key=lambda n: n.id)
        edited = dataclasses.replace(note, text=note.text + "\n\nEdited once more.")
        notes = [edited if n is note else n for n in facts.program.notes]
        facts = dataclasses.replace(facts, program=dataclasses.replace(facts.program, notes=notes))
    indexed: list[int] = []
    real = search.index

    def counted(recs: Any, scratch: Path | None = None) -> dict[str, bytes]:
        indexed.append(1)
        return real(recs, scratch)

    search.index = counted  # type: ignore[assignment]
    start = time.perf_counter()
    files = search.search_files(
        facts,
        shard_notes=10**9 if mode == "one" else None,
        store=store if mode in ("store", "edit") else None,
    )
    seconds = time.perf_counter() - start
    pagefind = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    python = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{mode}: notes={len(facts.program.notes)} shards_indexed={len(indexed)} "
        f"files={len(files)} search_s={seconds:.1f} pagefind_peak_MiB={pagefind:.0f} "
        f"python_peak_MiB={python:.0f}"
    )


if __name__ == "__main__":
    main()
