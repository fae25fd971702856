"""NS820: a note that is not a safety note but reads like one (SPEC §14, safety completeness).

The decision is `derive.practice.safety_review` (the pages show the same notes); this turns
each into a warning at the note's `tags` line, or at the line of the phrase it uses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from notesite.derive.practice import safety_review
from notesite.diagnostics import Diagnostic, diag
from notesite.program import Note
from notesite.settings import Settings


def check_safety_review(notes: Iterable[Note], settings: Settings) -> list[Diagnostic]:
    by_pair: dict[str, list[Note]] = defaultdict(list)
    for n in sorted(notes, key=lambda n: (n.date, n.id)):
        by_pair[n.pair].append(n)
    out = []
    for pair in sorted(by_pair):
        for r in safety_review(by_pair[pair], settings):
            n = r.note
            line = n.lines.get("tags") if r.tags else n.phrases[0][1]
            out.append(
                diag(
                    "safety-review",
                    n.file,
                    line,
                    r.words,
                    hint="every major or minor safety concern is documented as a safety note: "
                    f"write one (notesite new note {n.pair} --type safety); if there was no "
                    "concern, nothing needs to change",
                )
            )
    return out
