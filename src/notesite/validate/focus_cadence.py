"""NS821: a PM with active pairs and no focus list in the last `focus.cadence_days` days.

The decision is `derive.practice.focus_overdue` (the PM's pages show the same warning); this
reports it on the PM's newest focus list, or on the PM's entry in data/staff.yaml when there
is none (SPEC §14).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from notesite.derive.practice import focus_overdue
from notesite.diagnostics import Diagnostic
from notesite.models import FocusList, Pair, StaffMember
from notesite.settings import Settings
from notesite.validate.common import Located


def check_focus_cadence(
    staff: Iterable[Located[StaffMember]],
    lists: Iterable[Located[FocusList]],
    pairs: Mapping[str, Pair],
    settings: Settings,
    today: date,
) -> list[Diagnostic]:
    located = list(lists)
    # Grouped once by PM: asked of every pair and list for each PM, this was 0.5 s at 100k.
    by_pm: dict[str, list[Pair]] = defaultdict(list)
    for pair in pairs.values():
        by_pm[pair.pm].append(pair)
    lists_of: dict[str, list[FocusList]] = defaultdict(list)
    for f in located:
        lists_of[f.item.staff].append(f.item)
    out = []
    for rec in staff:
        member = rec.item
        due = focus_overdue(
            member, by_pm.get(member.id, ()), lists_of.get(member.id, ()), settings, today
        )
        if due is None:
            continue
        message = f"{member.name} ({member.id}) has active pairs and {due.words}"
        hint = (
            f"choose the pairs to focus on at the next check-in: `notesite new focus "
            f"{member.id}` writes a focus list from the tracker's suggestions"
        )
        newest = next((f for f in located if f.item is due.latest), None)
        if newest is not None:
            out.append(newest.at("focus-overdue", "date", message=message, hint=hint))
        else:
            out.append(rec.at("focus-overdue", "id", message=message, hint=hint))
    return out
