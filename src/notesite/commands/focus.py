"""`notesite new focus PM`: a focus list pre-filled from the tracker, for the PM to edit.

The suggested pairs and their reasons are the check-in packet's (`derive.packets.suggestions`:
a recent safety note, stale, a participation concern, an open out-of-program request, behind on
a touch point, watch), so the packet and the file never disagree. Each reason becomes the
entry's rationale. The file is checked by the same rules as any focus list before it is
written (so it validates as written), and it is created beside its name and then linked into
place, never replacing a file or writing through a symbolic link.
"""

from __future__ import annotations

import json
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from notesite.commands import CommandError
from notesite.derive.facts import Facts
from notesite.derive.packets import suggestions
from notesite.diagnostics import Diagnostic, did_you_mean
from notesite.load.files import Kind, SourceFile
from notesite.safewrite import write_file
from notesite.text import longdate, pair_names, plural
from notesite.validate import references
from notesite.validate.records import load_focus


class FocusError(CommandError):
    """The focus list cannot be written (unknown PM, a file already there, nothing to list)."""


@dataclass(frozen=True)
class Entry:
    pair: str
    rationale: str
    names: str  # the pair's names, for a comment
    suggested: bool  # from the suggestions (else added by hand)


@dataclass(frozen=True)
class NewFocus:
    path: Path
    text: str
    entries: tuple[Entry, ...]


def focus_path(root: Path, pm: str, day: date) -> Path:
    return root / "data" / "focus" / pm / f"{day.isoformat()}.yaml"


def check_pm(facts: Facts, pm: str) -> None:
    """FocusError unless `pm` is a PM on the roster (with a did-you-mean)."""
    known = sorted(facts.staff)
    if pm in known:
        return
    listed = "the PMs are: " + (", ".join(known) or "none yet")
    member = facts.program.staff.get(pm)
    if member is not None:
        raise FocusError(f"`{pm}` ({member.name}) is a {member.role}, not a PM; {listed}")
    raise FocusError(f"no PM `{pm}`; " + (did_you_mean(pm, known) or listed))


def entries(facts: Facts, pm: str, extra: Sequence[str] = ()) -> list[Entry]:
    """The suggested pairs with their reasons, then each pair of `extra` not among them."""
    out = [
        Entry(s.p.id, "; ".join(r.text for r in s.reasons), pair_names(s.p.pair), True)
        for s in suggestions(facts, pm)
    ]
    listed = {e.pair for e in out}
    for pid in dict.fromkeys(extra):
        if pid in listed:
            continue
        p = facts.pairs.get(pid)
        if p is None:
            hint = did_you_mean(pid, facts.pairs)
            raise FocusError(f"no pair `{pid}`" + (f"; {hint}" if hint else ""))
        if not p.is_active:
            raise FocusError(f"{pid} is {p.pair.status}; a focus list is for active pairs")
        out.append(Entry(pid, f"chosen at the check-in; {p.since}", pair_names(p.pair), False))
    return out


def _comment(text: str) -> str:
    """Text safe inside a YAML comment: one line, no control or format characters."""
    return "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text).strip()


def focus_text(facts: Facts, pm: str, day: date, found: Sequence[Entry]) -> str:
    """The file: a header saying what to do with it, then the list."""
    s = facts.program.settings
    member = facts.staff[pm].member
    nxt = day + timedelta(days=s.focus.follow_up_days)
    lines = [
        f"# Focus list of {_comment(member.name)} ({pm}) for the check-in of {longdate(day)},",
        "# written by `notesite new focus` from the tracker's suggestions. Keep the pairs you",
        "# choose, put each rationale in your own words, add a goal, and delete the rest.",
        f"staff: {pm}",
        f"date: {day.isoformat()}",
        f"# next_check_in: {nxt.isoformat()}   # the next check-in, if not "
        f"{plural(s.focus.follow_up_days, 'day')} later",
        "pairs:",
    ]
    for e in found:
        lines += [
            f"  - pair: {e.pair}   # {_comment(e.names)}",
            f"    rationale: {json.dumps(e.rationale, ensure_ascii=False)}",
            '    # goal: "what you will do, by when"',
        ]
    return "\n".join(lines) + "\n"


def check_text(facts: Facts, pm: str, day: date, text: str, today: date) -> list[Diagnostic]:
    """What `validate` would say about this file: read back by the focus-list rules, in a
    private folder laid out like the repository."""
    rel = f"data/focus/{pm}/{day.isoformat()}.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        write_file(Path(tmp) / rel, text.encode("utf-8"), base=Path(tmp))
        rec, out = load_focus(Path(tmp), SourceFile(Kind.FOCUS, rel, (pm, day.isoformat())), today)
    if rec is not None:
        program = facts.program
        refs = references.References(dict(program.staff), dict(program.pairs))
        out += references.check_focus(refs, [rec], program.settings, today)
    return out


def new_focus(
    root: Path, facts: Facts, pm: str, day: date, today: date, extra: Sequence[str] = ()
) -> NewFocus:
    """Write `data/focus/<pm>/<day>.yaml` (FocusError when it cannot be written)."""
    check_pm(facts, pm)
    if day > today:
        raise FocusError(f"the date {day} is in the future (today is {today})")
    path = focus_path(root, pm, day)
    if path.exists() or path.is_symlink():
        raise FocusError(
            f"{path.relative_to(root).as_posix()} already exists; edit it, or choose another --date"
        )
    found = entries(facts, pm, extra)
    if not found:
        raise FocusError(
            f"no active pair of {pm} has a reason to be on a focus list on {longdate(day)}; "
            "name the pairs you chose with --pair"
        )
    text = focus_text(facts, pm, day, found)
    problems = check_text(facts, pm, day, text, today)
    if problems:  # a bug, not the PM's mistake: say what, write nothing
        said = "; ".join(f"{d.code} {d.message}" for d in problems)
        raise FocusError(f"the focus list would not validate ({said}); nothing was written")
    create(root, path, text.encode("utf-8"))
    return NewFocus(path, text, tuple(found))


def create(root: Path, path: Path, data: bytes) -> None:
    """Write a new file, never half written, never replacing a file and never through a
    symbolic link (`safewrite`, as `notesite new note` does)."""
    try:
        write_file(path, data, base=root, replace=False)
    except FileExistsError:
        raise FocusError(f"{path} was created meanwhile; nothing was written") from None
