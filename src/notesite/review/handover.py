"""NS824: a pair handed to another PM without its previous PM's summary (SPEC §14).

A handover is the moment continuity of care is most at risk: the PM who knew the pair
writes its summary for the program year before it moves. The warning is a review's own,
since only a change shows a reassignment; it is reported on the pair file's `pm` line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from notesite.diagnostics import Diagnostic, diag
from notesite.load.yamlpos import load_yaml
from notesite.review.trees import Tree


def reassigned_without_summary(
    old: Tree,
    new: Tree,
    pair_files: Iterable[str],
    today: dt.date,
    person: Callable[[str | None], str | None],
) -> list[Diagnostic]:
    year = new.facts.program.settings.year_of(today)
    out = []
    for rel in pair_files:
        pid = new.sources[rel].parts[0]
        before, after = old.pairs.get(pid), new.pairs.get(pid)
        if before is None or after is None or before.pm == after.pm or after.status != "active":
            continue
        if any(
            n.kind == "summary" and n.author == before.pm and n.program_year == year
            for n in new.facts.program.pair_notes(pid)
        ):
            continue
        out.append(
            diag(
                "reassigned-without-summary",
                rel,
                _pm_line(new, rel),
                f"{pid} moves from {person(before.pm)} to {person(after.pm)}, but "
                f"{before.pm} has written no summary note for {pid} in {year}",
                hint=f"before handing the pair over, {before.pm} writes its summary "
                f"(`notesite new note {pid} --type summary --author {before.pm}`), "
                "in this pull request or an earlier one",
            )
        )
    return out


def _pm_line(tree: Tree, rel: str) -> int | None:
    text = tree.text(rel)
    doc, _ = load_yaml(text) if text is not None else (None, [])
    pos = doc.pos(("pm",)) if doc is not None else None
    return pos.line if pos else None
