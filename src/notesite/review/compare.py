"""Compare the notes at BASE with the working tree: the `Review` of a pull request.

The repository at a git revision (BASE) is copied out of git's own view of its tree into a
temporary folder, both trees are validated and derived with the same "today", and the two
are compared file by file (a file is changed when its bytes differ, line ends aside; a
renamed note is found by its content). The result is an immutable `Review`; `format`
prints it. git is only read (`rev-parse`, `merge-base`, `ls-tree`, `cat-file`): nothing in
the repository is written.
"""

from __future__ import annotations

import filecmp
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from notesite.derive import measures as d
from notesite.diagnostics import Diagnostic
from notesite.git import materialise, resolve_base
from notesite.load.files import Kind
from notesite.models import Pair
from notesite.review.handover import reassigned_without_summary
from notesite.review.model import (
    Base,
    Count,
    Late,
    NoteRef,
    PairChange,
    RecordChange,
    Renamed,
    Review,
    Rewrite,
    SafetyAdded,
    TextDiff,
    TrackerMove,
    person,
)
from notesite.review.renames import find_renames
from notesite.review.safety import safety_changes
from notesite.review.textdiff import text_diff
from notesite.review.trees import Tree, load, shown

Person = Callable[[str | None], str | None]


def _same(a: Path, b: Path) -> bool:
    """The same bytes, or the same text but for line ends and a BOM: git stores a file with
    `\n` that a checkout with `core.autocrlf` (or an `eol` attribute) writes with `\r\n`."""
    try:
        if filecmp.cmp(a, b, shallow=False):
            return True
        return _normal(a.read_bytes()) == _normal(b.read_bytes())
    except OSError:
        return False


def _normal(raw: bytes) -> bytes:
    return raw.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")


def review(root: Path, base: str | None, today: date) -> Review:
    """Compare the notes repository at `root` (its files as they are now) with BASE."""
    resolved = Base(*resolve_base(root, base))
    with tempfile.TemporaryDirectory(prefix="notesite-review-") as tmp:
        old_root = Path(tmp) / "base"
        old_root.mkdir()
        materialise(root, resolved.commit, old_root)
        old, new = load(old_root, today), load(root, today)
        files: dict[str, str] = {}
        for rel in sorted(old.sources.keys() | new.sources.keys()):
            if rel not in old.sources:
                files[rel] = "added"
            elif rel not in new.sources:
                files[rel] = "removed"
            elif not _same(old_root / rel, root / rel):
                files[rel] = "changed"
        return _compose(resolved, today, old, new, files)  # reads files: inside the `with`


def _names(old: Tree, new: Tree) -> dict[str, str]:
    """Staff names from the roster at BASE, else as it is now: a name the change itself gives
    someone (pm-c renamed "Bea Diaz" while a safety note is re-escalated to pm-c) is not
    what the reviewer should read the ids by."""
    return {i: s.name for tree in (new, old) for i, s in tree.facts.program.staff.items()}


def _other_change(old: Tree, new: Tree, rel: str, kind: Kind, change: str) -> RecordChange:
    if kind is Kind.STAFF:
        return _staff_change(old, new, rel, change)
    if kind is Kind.SETTINGS:
        broken = [
            t
            for t in (old, new)
            if any(x.file == rel and x.severity == "error" for x in t.diagnostics)
        ]
        details = ("does not validate (see Validation)",) if broken else _settings_change(old, new)
        return RecordChange(rel, kind, change, rel, details)
    return RecordChange(rel, kind, change, rel, ())


def _settings_change(old: Tree, new: Tree) -> tuple[str, ...]:
    """The settings that differ, `safety.escalate_within_days: 1 → 30`: a change of how the
    record is judged (an escalation no longer late) is as much the reviewer's as a note's."""
    a = _flat(old.facts.program.settings.model_dump(mode="json"))
    b = _flat(new.facts.program.settings.model_dump(mode="json"))
    return tuple(
        f"{key}: {shown(a.get(key))} → {shown(b.get(key))}"
        for key in sorted(a.keys() | b.keys())
        if a.get(key) != b.get(key)
    )


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, inner in value.items():
            out |= _flat(inner, f"{prefix}{key}.")
        return out
    return {prefix.rstrip("."): value}


def _staff_change(old: Tree, new: Tree, rel: str, change: str) -> RecordChange:
    """The staff roster's change, person by person: added, removed, renamed."""
    a, b = old.facts.program.staff, new.facts.program.staff
    details = [f"added: {b[i].name} ({i})" for i in sorted(b.keys() - a.keys())]
    details += [f"removed: {a[i].name} ({i})" for i in sorted(a.keys() - b.keys())]
    details += [
        f"renamed: {a[i].name} → {b[i].name} ({i})"
        for i in sorted(a.keys() & b.keys())
        if a[i].name != b[i].name
    ]
    return RecordChange(rel, "staff", change, rel, tuple(details))


def _compose(base: Base, today: date, old: Tree, new: Tree, files: dict[str, str]) -> Review:
    kind = {rel: (new.sources.get(rel) or old.sources[rel]).kind for rel in files}

    def pick(*kinds: Kind, change: str | None = None) -> list[str]:
        return [r for r, c in files.items() if kind[r] in kinds and change in (None, c)]

    names = _names(old, new)
    who = partial(person, names)
    renames = find_renames(
        old, new, pick(Kind.NOTE, change="removed"), pick(Kind.NOTE, change="added")
    )
    moved_to = set(renames.values())
    added = tuple(new.ref(r) for r in pick(Kind.NOTE, change="added") if r not in moved_to)
    changed = tuple(new.ref(rel, old) for rel in pick(Kind.NOTE, change="changed"))
    removed = tuple(old.ref(r) for r in pick(Kind.NOTE, change="removed") if r not in renames)
    renamed = tuple(Renamed(old.ref(a), new.ref(b)) for a, b in sorted(renames.items()))
    touched = {rel for rel, c in files.items() if c != "removed"}

    def pm(pair: str) -> str | None:
        found = new.pairs.get(pair) or old.pairs.get(pair)
        return found.pm if found else None

    others = (Kind.SETTINGS, Kind.STAFF, Kind.PARTICIPATION)
    pairs_changed = [r for r in pick(Kind.PAIR) if files[r] == "changed"]
    review_only = reassigned_without_summary(old, new, pairs_changed, today, who)
    diagnostics, elsewhere = _diagnostics(old, new, touched, review_only)
    counted = (added, (*changed, *(r.after for r in renamed)), removed)
    return Review(
        base=base,
        today=today,
        log_within_days=new.facts.program.settings.log_within_days,
        escalate_within_days=new.facts.program.settings.safety.escalate_within_days,
        files=files,
        notes_added=added,
        notes_changed=changed,
        notes_removed=removed,
        notes_renamed=renamed,
        by_pair=_counts(counted, lambda n: n.pair, pm),
        by_author=_counts(counted, lambda n: n.author or ""),
        safety_changes=safety_changes(old, new, files, renames, who),
        safety=tuple(sorted(filter(None, (_safety(new, n) for n in added)), key=_severity)),
        rewrites=_rewrites(old, new, pick(Kind.NOTE, change="changed"), renames, who),
        late=_late(new, added),
        pairs=tuple(_pair_change(old, new, r, files[r], who) for r in pick(Kind.PAIR)),
        ratings=tuple(_rating_change(old, new, r, files[r], who) for r in pick(Kind.RATING)),
        focus=tuple(_focus_change(old, new, r, files[r], who) for r in pick(Kind.FOCUS)),
        other_files=tuple(_other_change(old, new, r, kind[r], files[r]) for r in pick(*others)),
        tracker=_tracker(old, new),
        diagnostics=diagnostics,
        elsewhere=elsewhere,
        names=names,
    )


def _diagnostics(
    old: Tree, new: Tree, touched: set[str], review_only: list[Diagnostic]
) -> tuple[tuple[Diagnostic, ...], tuple[Diagnostic, ...]]:
    """Those of the added and changed files (with review's own), and new ones elsewhere."""
    known = {(x.file, x.line, x.column, x.code, x.message) for x in old.diagnostics}
    mine = [x for x in new.diagnostics if x.file in touched]
    elsewhere = [
        x
        for x in new.diagnostics
        if x.file not in touched and (x.file, x.line, x.column, x.code, x.message) not in known
    ]
    return tuple(sorted([*mine, *review_only], key=Diagnostic.sort_key)), tuple(elsewhere)


def _late(new: Tree, added: Iterable[NoteRef]) -> tuple[Late, ...]:
    """Notes this change adds that were logged late, by the site's own definition (SPEC §9).
    An older note edited now is a rewrite, not late documentation."""
    settings = new.facts.program.settings
    late = []
    for ref in added:
        note = new.notes.get(ref.file)
        if note is not None and d.logged_late(note, settings):
            late.append(Late(ref, d.logging_lag(note.date, note.logged)))
    return tuple(sorted(late, key=lambda x: x.note.id))


def _severity(s: SafetyAdded) -> tuple[bool, str]:
    return s.severity != "major", s.note.id  # major first


# --- what changed, record by record ------------------------------------------------------


def _counts(
    refs: tuple[Iterable[NoteRef], ...],
    key: Callable[[NoteRef], str],
    pm: Callable[[str], str | None] = lambda _: None,
) -> tuple[Count, ...]:
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for change, group in zip(("added", "changed", "removed"), refs, strict=True):
        for ref in group:
            tally[key(ref)][change] += 1
    order = sorted(tally, key=lambda k: (k == "", k))  # unreadable notes ("") last
    return tuple(
        Count(k, pm(k), tally[k]["added"], tally[k]["changed"], tally[k]["removed"]) for k in order
    )


def _safety(tree: Tree, ref: NoteRef) -> SafetyAdded | None:
    settings = tree.facts.program.settings
    note = tree.notes.get(ref.file)
    if note is None:  # unreadable: its type, or else its file name, still says its kind
        is_safety = tree.kind(ref.file) == "safety"
        return SafetyAdded(ref, None, (), None, None, "invalid") if is_safety else None
    if note.kind != "safety":
        return None
    if note.severity is None:
        status = "invalid"  # NS409 says so
    elif d.unescalated(note):
        status = "unescalated"
    elif d.escalated_late(note, settings):
        status = "late"
    else:
        status = "on-time" if note.severity == "major" else "minor"
    return SafetyAdded(
        ref, note.severity, note.escalated_to, note.escalated_on, d.escalation_lag(note), status
    )


def _rewrites(
    old: Tree, new: Tree, changed: list[str], renames: Mapping[str, str], who: Person
) -> tuple[Rewrite, ...]:
    """Notes of BASE edited or renamed: records rewritten after they were merged."""
    out = [Rewrite(new.ref(rel, old), *_note_details(old, rel, new, rel, who)) for rel in changed]
    for before, after in renames.items():
        details, text = _note_details(old, before, new, after, who)
        out.append(Rewrite(new.ref(after), details, text, old.ref(before).id))
    return tuple(sorted(out, key=lambda w: w.note.id))


def _note_details(
    old: Tree, before: str, new: Tree, after: str, who: Person
) -> tuple[tuple[str, ...], TextDiff | None]:
    a, b = old.parts(before), new.parts(after)
    if a is None or b is None:
        return ("the file changed (its front matter cannot be read)",), None
    out = [] if before == after else [f"renamed from {old.ref(before).id}"]
    for key in sorted(a[0].keys() | b[0].keys(), key=str):
        x, y = a[0].get(key), b[0].get(key)
        if x != y:
            if key in ("author", "escalated_to"):
                x, y = _people(x, who), _people(y, who)
            out.append(f"{key}: {shown(x)} → {shown(y)}")
    diff = text_diff(a[1], b[1])
    if diff.added or diff.removed:
        out.append(f"text: {_plural(diff.added, 'line')} added, {diff.removed} removed")
    return tuple(out) or (
        "formatting only (the same fields and text)",
    ), diff if diff.lines else None


def _people(value: Any, who: Person) -> Any:
    """Staff ids in a front-matter value shown with their names."""
    if isinstance(value, str):
        return who(value)
    if isinstance(value, list):
        return [who(x) if isinstance(x, str) else x for x in value]
    return value


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _pair_change(old: Tree, new: Tree, rel: str, change: str, who: Person) -> PairChange:
    pid = (new.sources.get(rel) or old.sources[rel]).parts[0]
    a, b = old.pairs.get(pid), new.pairs.get(pid)
    details: list[str] = []
    if change == "removed":
        details.append("its file was deleted")
    elif b is None:
        details.append("does not validate (see Validation)")
    elif a is None:
        details.append(f"PM {who(b.pm)}, {b.status}, matched on {b.matched_on}")
    else:
        if a.pm != b.pm:
            details.append(f"reassigned from {who(a.pm)} to {who(b.pm)}")
        if a.status != b.status:
            details.append(_status_change(a, b))
        skip = {"pm", "status", "closed_on", "closure_reason"}
        fields = [
            k for k in type(b).model_fields if k not in skip and getattr(a, k) != getattr(b, k)
        ]
        if fields:
            details.append("also changed: " + ", ".join(fields))
        if a == b:
            details.append("formatting or comments only")
    return PairChange(
        pid,
        change,
        a.pm if a else None,
        b.pm if b else None,
        a.status if a else None,
        b.status if b else None,
        tuple(details),
    )


def _status_change(a: Pair, b: Pair) -> str:
    if b.status == "closed":
        reason = f" ({b.closure_reason})" if b.closure_reason else ""
        return f"closed on {b.closed_on}{reason}"
    if b.status == "paused":
        return "paused"
    return f"reactivated (was {a.status})"


def _rating_change(old: Tree, new: Tree, rel: str, change: str, who: Person) -> RecordChange:
    def score(tree: Tree) -> str | None:
        for r in tree.facts.ratings:
            x = r.rating
            if f"data/ratings/{x.program_year}/{x.staff}.yaml" == rel:
                return f"{d.round2(r.score):.2f} (rated by {who(x.rater)} on {x.rated_on})"
        return None

    year, staff = (new.sources.get(rel) or old.sources[rel]).parts
    a, b = score(old), score(new)
    if change == "removed":
        details = f"was {a}" if a else "removed"
    elif b is None:
        details = "does not validate (see Validation)"
    else:
        details = f"score {b}" if a is None or change == "added" else f"score {a} → {b}"
    return RecordChange(rel, "rating", change, f"{who(staff)}, {year}", (details,))


def _focus_change(old: Tree, new: Tree, rel: str, change: str, who: Person) -> RecordChange:
    def pairs(tree: Tree) -> list[str] | None:
        for f in tree.facts.program.focus:
            if f"data/focus/{f.staff}/{f.date}.yaml" == rel:
                return [e.pair for e in f.pairs]
        return None

    staff, day = (new.sources.get(rel) or old.sources[rel]).parts
    a, b = pairs(old), pairs(new)
    if change == "removed":
        details = [f"was: {', '.join(a)}"] if a else []
    elif b is None:
        details = ["does not validate (see Validation)"]
    elif a is None or change == "added":
        details = [f"{_plural(len(b), 'pair')}: {', '.join(b)}"]
    else:
        details = [
            f"pairs added: {', '.join(x for x in b if x not in a) or 'none'}",
            f"pairs removed: {', '.join(x for x in a if x not in b) or 'none'}",
        ]
    return RecordChange(rel, "focus", change, f"{who(staff)}, {day}", tuple(details))


def _tracker(old: Tree, new: Tree) -> tuple[TrackerMove, ...]:
    moves = []
    for pid in sorted(old.facts.pairs.keys() | new.facts.pairs.keys()):
        a, b = old.facts.pairs.get(pid), new.facts.pairs.get(pid)
        before, after = a.level if a else None, b.level if b else None
        if before != after:
            moves.append(
                TrackerMove(pid, b.pair.pm if b else a.pair.pm if a else None, before, after)
            )
    return tuple(sorted(moves, key=lambda m: (not m.leaves_stale, m.pair)))
