"""`notesite review`: what a pull request changes, for its reviewer.

The repository at a git revision (BASE) is copied out of git into a temporary folder, both
trees are validated and derived with the same "today", and the two are compared file by file
(a file is changed when its bytes differ). The result is an immutable `Review`;
`review_format` prints it. git is only read (`rev-parse`, `merge-base`, `ls-tree`,
`archive`): nothing in the repository is written.
"""

from __future__ import annotations

import datetime as dt
import difflib
import filecmp
import re
import subprocess
import tarfile
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from notesite import derive as d
from notesite.diagnostics import Diagnostic
from notesite.facts import Facts, derive
from notesite.load.files import Kind, SourceFile, discover, read_text
from notesite.load.notefile import Split, split_front_matter
from notesite.load.yamlpos import load_yaml
from notesite.models import Pair
from notesite.program import Note
from notesite.validate import check_repository

DEFAULT_BRANCHES = ("main", "origin/main")


class ReviewError(Exception):
    """A usage problem (not a git repository, an unknown BASE): the CLI exits 2 with it."""


class _GitFailed(Exception):
    pass


@dataclass(frozen=True)
class Base:
    rev: str  # what was compared with: BASE as given, or "the merge base of HEAD and main"
    commit: str  # its full commit id


@dataclass(frozen=True)
class NoteRef:
    """A note as the summary shows it; only id, file and pair when it cannot be read."""

    id: str
    file: str
    pair: str
    author: str | None = None
    type: str | None = None
    date: dt.date | None = None
    logged: dt.date | None = None

    @property
    def readable(self) -> bool:
        return self.author is not None


@dataclass(frozen=True)
class SafetyAdded:
    note: NoteRef
    severity: str | None
    escalated_to: tuple[str, ...]
    escalated_on: date | None
    lag: int | None  # escalation lag in days
    status: str  # on-time | late | unescalated | minor | invalid


@dataclass(frozen=True)
class Rewrite:
    """A note that existed at BASE and whose file differs now: a record was edited."""

    note: NoteRef
    details: tuple[str, ...]  # "minutes: 30 → 45", "body: 2 lines added, 1 removed"


@dataclass(frozen=True)
class Late:
    note: NoteRef
    days: int  # today − the note's date
    change: str  # added | changed


@dataclass(frozen=True)
class Count:
    key: str  # a pair id or an author's staff id ("" when the note cannot be read)
    pm: str | None  # the pair's PM, when counting by pair
    added: int
    changed: int
    removed: int


@dataclass(frozen=True)
class PairChange:
    id: str
    change: str  # added | changed | removed
    pm_before: str | None
    pm_after: str | None
    status_before: str | None
    status_after: str | None
    details: tuple[str, ...]


@dataclass(frozen=True)
class RecordChange:
    """A rating, focus list or other file (roster, settings, participation) that changed."""

    file: str
    kind: str  # rating | focus | settings | staff | participation
    change: str  # added | changed | removed
    subject: str  # "pm-a, 2025-26" for a rating, "pm-a, 2026-11-02" for a focus list
    details: tuple[str, ...]


@dataclass(frozen=True)
class TrackerMove:
    pair: str
    pm: str | None
    before: str | None  # None: the pair is not in that tree (or does not validate there)
    after: str | None

    @property
    def leaves_stale(self) -> bool:
        return self.before == "stale" and self.after != "stale"


@dataclass(frozen=True)
class Review:
    base: Base
    today: date
    log_within_days: int
    escalate_within_days: int
    files: dict[str, str]  # rel → added | changed | removed, sorted
    notes_added: tuple[NoteRef, ...]
    notes_changed: tuple[NoteRef, ...]
    notes_removed: tuple[NoteRef, ...]
    by_pair: tuple[Count, ...]
    by_author: tuple[Count, ...]
    safety: tuple[SafetyAdded, ...]
    rewrites: tuple[Rewrite, ...]
    late: tuple[Late, ...]
    pairs: tuple[PairChange, ...]
    ratings: tuple[RecordChange, ...]
    focus: tuple[RecordChange, ...]
    other_files: tuple[RecordChange, ...]
    tracker: tuple[TrackerMove, ...]
    diagnostics: tuple[Diagnostic, ...]  # of the added and changed files
    elsewhere: tuple[Diagnostic, ...]  # new problems in files the change did not touch

    @property
    def checked_files(self) -> int:
        return sum(1 for c in self.files.values() if c != "removed")

    @property
    def errors(self) -> int:
        return sum(1 for x in (*self.diagnostics, *self.elsewhere) if x.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) + len(self.elsewhere) - self.errors

    def exit_code(self, strict: bool = False) -> int:
        return 1 if self.errors or (strict and self.warnings) else 0


# --- git -----------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=root,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except FileNotFoundError:
        raise ReviewError("git is not installed; `notesite review` needs it") from None
    if done.returncode != 0:
        raise _GitFailed(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "")
    return done.stdout


def _commit(root: Path, rev: str) -> str | None:
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except _GitFailed:
        return None


def resolve_base(root: Path, base: str | None) -> Base:
    """The commit to compare with: BASE, else the merge base of HEAD and main (or origin/main)."""
    try:
        inside, why = _git(root, "rev-parse", "--is-inside-work-tree").strip(), ""
    except _GitFailed as exc:
        inside, why = "false", "" if "not a git repository" in str(exc) else f" ({exc})"
    if inside != "true":
        raise ReviewError(
            f"{root} is not in a git repository{why}; "
            "`notesite review` compares a git revision with the files here"
        )
    if base is not None:
        commit = None if base.startswith("-") or not base.strip() else _commit(root, base)
        if commit is None:
            raise ReviewError(
                f"BASE `{base}` is not a git revision; give a branch, tag or commit, "
                "e.g. `main` or `origin/main`"
            )
        return Base(base, commit)
    head = _commit(root, "HEAD")
    if head is None:
        raise ReviewError("the repository has no commit yet; commit first, or pass BASE")
    for branch in DEFAULT_BRANCHES:
        other = _commit(root, branch)
        if other is None:
            continue
        try:
            merge_base = _git(root, "merge-base", head, other).strip()
        except _GitFailed:
            raise ReviewError(
                f"HEAD and `{branch}` share no history; pass BASE, the revision to compare with"
            ) from None
        return Base(f"the merge base of HEAD and {branch}", merge_base)
    raise ReviewError(
        "there is no branch `main` or `origin/main` to compare with; pass BASE, "
        "e.g. `notesite review origin/develop`"
    )


def materialise(root: Path, commit: str, dest: Path) -> None:
    """Copy `data/` and `notesite.yaml` of the notes repository at `commit` into `dest`.

    `root` may be a folder inside the git work tree: the same folder is taken at `commit`.
    Only regular files are copied; symbolic links and anything else in the archive are skipped.
    """
    prefix = _git(root, "rev-parse", "--show-prefix").strip()
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip())  # tree paths: from the top
    tree = f"{commit}:{prefix}"
    try:
        names = _git(top, "ls-tree", "--name-only", "-z", tree).split("\0")
    except _GitFailed:
        return  # the folder did not exist at BASE: every file is new
    wanted = [n for n in ("data", "notesite.yaml") if n in names]
    if not wanted:
        return
    archive = dest.parent / "base.tar"
    try:
        _git(top, "archive", "--format=tar", f"--output={archive}", tree, "--", *wanted)
    except _GitFailed as exc:
        raise ReviewError(f"git could not read the files at `{commit[:12]}`: {exc}") from None
    with tarfile.open(archive, mode="r:") as tar:
        for member in tar:
            parts = PurePosixPath(member.name).parts
            if not member.isfile() or not parts or parts[0] == "/" or ".." in parts:
                continue
            target = dest.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            if source is not None:
                with source:
                    target.write_bytes(source.read())


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
