"""`notesite review`: what a pull request changes, for its reviewer.

The repository at a git revision (BASE) is copied out of git into a temporary folder, both
trees are validated and derived with the same "today", and the two are compared file by file
(a file is changed when its bytes differ). The result is an immutable `Review`;
`format` prints it. git is only read (`rev-parse`, `merge-base`, `ls-tree`,
`archive`): nothing in the repository is written.
"""

from __future__ import annotations

import difflib
import filecmp
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from notesite.derive import measures as d
from notesite.derive.facts import Facts, derive
from notesite.diagnostics import Diagnostic
from notesite.load.files import Kind, SourceFile, discover, read_text
from notesite.load.notefile import Split, split_front_matter
from notesite.load.yamlpos import load_yaml
from notesite.models import Pair
from notesite.program import Note
from notesite.review.git import materialise, resolve_base
from notesite.review.model import (
    Base,
    Count,
    Late,
    NoteRef,
    PairChange,
    RecordChange,
    Review,
    Rewrite,
    SafetyAdded,
    TrackerMove,
)
from notesite.validate import check_repository

# --- the two trees ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tree:
    root: Path
    facts: Facts
    diagnostics: list[Diagnostic]
    sources: dict[str, SourceFile]
    notes: dict[str, Note]  # by file

    @property
    def pairs(self) -> dict[str, Pair]:
        return self.facts.program.pairs


def _load(root: Path, today: date) -> _Tree:
    checked = check_repository(root, today)
    sources, _ = discover(root)
    program = checked.program
    return _Tree(
        root=root,
        facts=derive(program, today),
        diagnostics=checked.diagnostics,
        sources={s.rel: s for s in sources},
        notes={n.file: n for n in program.notes},
    )


def _same(a: Path, b: Path) -> bool:
    try:
        return filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


def review(root: Path, base: str | None, today: date) -> Review:
    """Compare the notes repository at `root` (its files as they are now) with BASE."""
    resolved = resolve_base(root, base)
    with tempfile.TemporaryDirectory(prefix="notesite-review-") as tmp:
        old_root = Path(tmp) / "base"
        old_root.mkdir()
        materialise(root, resolved.commit, old_root)
        old, new = _load(old_root, today), _load(root, today)
        files: dict[str, str] = {}
        for rel in sorted(old.sources.keys() | new.sources.keys()):
            if rel not in old.sources:
                files[rel] = "added"
            elif rel not in new.sources:
                files[rel] = "removed"
            elif not _same(old_root / rel, root / rel):
                files[rel] = "changed"
        rewrites = tuple(
            Rewrite(_ref(new, rel, old), _note_details(old, new, rel))
            for rel, c in files.items()
            if c == "changed" and new.sources[rel].kind is Kind.NOTE
        )
    return _compose(resolved, today, old, new, files, rewrites)


def _compose(
    base: Base,
    today: date,
    old: _Tree,
    new: _Tree,
    files: dict[str, str],
    rewrites: tuple[Rewrite, ...],
) -> Review:
    kind = {rel: (new.sources.get(rel) or old.sources[rel]).kind for rel in files}

    def pick(*kinds: Kind, change: str | None = None) -> list[str]:
        return [r for r, c in files.items() if kind[r] in kinds and change in (None, c)]

    added = tuple(_ref(new, rel) for rel in pick(Kind.NOTE, change="added"))
    changed = tuple(_ref(new, rel, old) for rel in pick(Kind.NOTE, change="changed"))
    removed = tuple(_ref(old, rel) for rel in pick(Kind.NOTE, change="removed"))
    within = new.facts.program.settings.log_within_days
    late = [
        Late(n, (today - n.date).days, change)
        for change, refs in (("added", added), ("changed", changed))
        for n in refs
        if n.date is not None and (today - n.date).days > within
    ]
    touched = {rel for rel, c in files.items() if c != "removed"}

    def pm(pair: str) -> str | None:
        found = new.pairs.get(pair) or old.pairs.get(pair)
        return found.pm if found else None

    known = {(x.file, x.line, x.column, x.code, x.message) for x in old.diagnostics}
    others = (Kind.SETTINGS, Kind.STAFF, Kind.PARTICIPATION)
    return Review(
        base=base,
        today=today,
        log_within_days=within,
        escalate_within_days=new.facts.program.settings.safety.escalate_within_days,
        files=files,
        notes_added=added,
        notes_changed=changed,
        notes_removed=removed,
        by_pair=_counts((added, changed, removed), lambda n: n.pair, pm),
        by_author=_counts((added, changed, removed), lambda n: n.author or ""),
        safety=tuple(sorted(filter(None, (_safety(new, n) for n in added)), key=_severity)),
        rewrites=rewrites,
        late=tuple(sorted(late, key=lambda x: x.note.id)),
        pairs=tuple(_pair_change(old, new, r, files[r]) for r in pick(Kind.PAIR)),
        ratings=tuple(_rating_change(old, new, r, files[r]) for r in pick(Kind.RATING)),
        focus=tuple(_focus_change(old, new, r, files[r]) for r in pick(Kind.FOCUS)),
        other_files=tuple(RecordChange(r, kind[r], files[r], r, ()) for r in pick(*others)),
        tracker=_tracker(old, new),
        diagnostics=tuple(x for x in new.diagnostics if x.file in touched),
        elsewhere=tuple(
            x
            for x in new.diagnostics
            if x.file not in touched and (x.file, x.line, x.column, x.code, x.message) not in known
        ),
    )


def _severity(s: SafetyAdded) -> tuple[bool, str]:
    return s.severity != "major", s.note.id  # major first


# --- what changed, record by record ------------------------------------------------------


def _ref(tree: _Tree, rel: str, before: _Tree | None = None) -> NoteRef:
    """The note of file `rel` in `tree`; else as it was in `before`; else what its path says."""
    note = tree.notes.get(rel) or (before.notes.get(rel) if before else None)
    if note is None:
        return NoteRef(rel[len("data/notes/") : -len(".md")], rel, tree.sources[rel].parts[0])
    return NoteRef(note.id, rel, note.pair, note.author, note.type, note.date, note.logged)


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


def _safety(tree: _Tree, ref: NoteRef) -> SafetyAdded | None:
    settings = tree.facts.program.settings
    note = tree.notes.get(ref.file)
    if note is None:  # unreadable: its file name still says its type
        slug = re.sub(r"-\d+$", "", PurePosixPath(ref.file).stem[len("YYYY-MM-DD-") :])
        note_type = settings.types.get(slug)
        if note_type is None or note_type.kind != "safety":
            return None
        return SafetyAdded(ref, None, (), None, None, "invalid")
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


def _note_parts(tree: _Tree, rel: str) -> tuple[dict[Any, Any], str] | None:
    text, _ = read_text(tree.root, tree.sources[rel])
    split = split_front_matter(text) if text is not None else None
    if not isinstance(split, Split):
        return None
    doc, _problems = load_yaml(split.front)
    if doc is None or not isinstance(doc.data, dict):
        return None
    return doc.data, split.body


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list | tuple):
        value = ", ".join(_show(v) for v in value)
    elif isinstance(value, dict):
        value = ", ".join(f"{k}: {_show(v)}" for k, v in value.items())
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _note_details(old: _Tree, new: _Tree, rel: str) -> tuple[str, ...]:
    before, after = _note_parts(old, rel), _note_parts(new, rel)
    if before is None or after is None:
        return ("the file changed (its front matter cannot be read)",)
    out = [
        f"{key}: {_show(before[0].get(key))} → {_show(after[0].get(key))}"
        for key in sorted(before[0].keys() | after[0].keys(), key=str)
        if before[0].get(key) != after[0].get(key)
    ]
    plus = minus = 0
    lines = difflib.SequenceMatcher(
        None, before[1].splitlines(), after[1].splitlines(), autojunk=False
    )
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag != "equal":
            minus, plus = minus + i2 - i1, plus + j2 - j1
    if plus or minus:
        out.append(f"text: {_plural(plus, 'line')} added, {minus} removed")
    return tuple(out) or ("formatting only (the same fields and text)",)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _pair_change(old: _Tree, new: _Tree, rel: str, change: str) -> PairChange:
    pid = (new.sources.get(rel) or old.sources[rel]).parts[0]
    a, b = old.pairs.get(pid), new.pairs.get(pid)
    details: list[str] = []
    if change == "removed":
        details.append("its file was deleted")
    elif b is None:
        details.append("does not validate (see Validation)")
    elif a is None:
        details.append(f"PM {b.pm}, {b.status}, matched on {b.matched_on}")
    else:
        if a.pm != b.pm:
            details.append(f"reassigned from {a.pm} to {b.pm}")
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


def _rating_change(old: _Tree, new: _Tree, rel: str, change: str) -> RecordChange:
    def score(tree: _Tree) -> str | None:
        for r in tree.facts.ratings:
            if f"data/ratings/{r.rating.program_year}/{r.rating.staff}.yaml" == rel:
                return f"{d.round2(r.score):.2f} (rated by {r.rating.rater} on {r.rating.rated_on})"
        return None

    year, staff = (new.sources.get(rel) or old.sources[rel]).parts
    a, b = score(old), score(new)
    if change == "removed":
        details = f"was {a}" if a else "removed"
    elif b is None:
        details = "does not validate (see Validation)"
    else:
        details = f"score {b}" if a is None or change == "added" else f"score {a} → {b}"
    return RecordChange(rel, "rating", change, f"{staff}, {year}", (details,))


def _focus_change(old: _Tree, new: _Tree, rel: str, change: str) -> RecordChange:
    def pairs(tree: _Tree) -> list[str] | None:
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
    return RecordChange(rel, "focus", change, f"{staff}, {day}", tuple(details))


def _tracker(old: _Tree, new: _Tree) -> tuple[TrackerMove, ...]:
    moves = []
    for pid in sorted(old.facts.pairs.keys() | new.facts.pairs.keys()):
        a, b = old.facts.pairs.get(pid), new.facts.pairs.get(pid)
        before, after = a.level if a else None, b.level if b else None
        if before != after:
            moves.append(
                TrackerMove(pid, b.pair.pm if b else a.pair.pm if a else None, before, after)
            )
    return tuple(sorted(moves, key=lambda m: (not m.leaves_stale, m.pair)))
