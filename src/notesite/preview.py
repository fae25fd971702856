"""Pages ahead of the build: a saved note's pair page, made from the last build's facts.

`serve` builds the whole site again on every change (about 1.3 s at 10,000 notes, 15 s at
100,000). The page a PM has open while writing a note depends on few inputs: the settings,
today, the pair, its notes, its participation rows and the focus lists naming it
(`derive.facts.pair_with_notes`), and the last build's facts hold all but the note. So when
a change is to notes only, each saved note is checked on its own, its pair's page rendered
again, and serve shows that page (and reloads it where it is open) while the whole build
runs. The build then publishes the site as usual, with the same bytes for that page
(tests/integration/test_preview.py builds both and compares).

Whatever this cannot judge alone makes no early page, and the build decides: a deleted or
renamed note, any other file of the layout (a pair, the roster, the settings...), a note
with an error of its own or a reference to a pair or staff member that does not exist, a
pair not in the last build, a new day, and any file the build would report (a stray file,
a note saved hidden, a folder, a link). Only editors' own files (swap and lock files, and
temporary files already gone) are passed over.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from notesite.codes import Severity
from notesite.derive.facts import Facts, pair_with_notes
from notesite.diagnostics import Diagnostic
from notesite.load.files import Kind, SourceFile, classify, hidden_is_content
from notesite.program import Note
from notesite.render import pair_page_file
from notesite.validate import references
from notesite.validate.meeting_follow_up import check_meeting_follow_ups
from notesite.validate.notes import check_note

MAX_NOTES = 20  # more notes saved at once (a pull, a checkout): the build alone


def early_pages(
    root: Path, changed: Iterable[str], last: Facts, today: date, *, search: bool
) -> dict[str, bytes]:
    """The pages of the pairs whose notes are among `changed` (paths as the watcher gives
    them), rendered as the next build will render them; none when that cannot be known."""
    if today != last.today:
        return {}
    sources = _note_sources(root, changed)
    if not sources:
        return {}
    notes = _checked(root, sources, last, today)
    if notes is None:
        return {}
    ids = {n.id for n in notes}
    pairs = {n.pair for n in notes} | {last.notes[i].note.pair for i in ids if i in last.notes}
    if not pairs <= last.pairs.keys():
        return {}
    pages: dict[str, bytes] = {}
    for pid in sorted(pairs):
        kept = [n for n in last.program.pair_notes(pid) if n.id not in ids]
        facts = pair_with_notes(last, pid, [*kept, *notes])
        path, content = pair_page_file(last, facts, search=search)
        pages[path] = content
    return pages


def _note_sources(root: Path, changed: Iterable[str]) -> list[SourceFile] | None:
    """The notes among `changed`; None when a change is one this module cannot judge."""
    base = os.path.realpath(root)
    found: dict[str, SourceFile] = {}
    for path in changed:
        folder, name = os.path.split(path)
        rel = Path(os.path.relpath(os.path.join(os.path.realpath(folder), name), base))
        try:
            info = os.lstat(path)
        except OSError:
            info = None
        if rel.parts[:1] == ("..",):
            continue  # outside the repository (through a linked folder): never read
        posix = rel.as_posix()
        if name.startswith("."):
            visible = posix.rpartition("/")[0] + "/" + name.lstrip(".")
            if info is None or not hidden_is_content(posix, visible):
                continue  # editors' swap and lock files: never read, no page changes
            return None  # a note saved hidden: the build reports it
        source = classify(posix)
        if source is None and info is None:
            continue  # a file outside the layout, gone again (an editor's temporary file)
        if source is None or source.kind is not Kind.NOTE:
            return None  # a stray file, a folder, a link, another layout file: the build
        if info is None or not stat.S_ISREG(info.st_mode):
            return None  # a deleted note, or a link: the build decides
        found[source.rel] = source
    if len(found) > MAX_NOTES:
        return None
    return [found[rel] for rel in sorted(found)]


def _checked(root: Path, sources: list[SourceFile], last: Facts, today: date) -> list[Note] | None:
    """The notes, checked alone and against the last build's staff, pairs and notes; None
    when any has an error (the build then reports it, and shows no page of it), or is or
    was a meeting request (a follow-up elsewhere may depend on its date)."""
    program = last.program
    refs = references.References(program.staff, program.pairs)
    notes: list[Note] = []
    for source in sources:
        note, problems = check_note(root, source, program.settings, today, render=True)
        if note is None or _errors(problems):
            return None
        old = last.notes.get(note.id)
        if note.meeting is not None or (old is not None and old.note.meeting is not None):
            return None
        notes.append(note)
    by_id = {n.id: n for n in notes}
    for note in notes:
        target = note.follow_up_of
        if target is not None and target not in by_id and target in last.notes:
            by_id[target] = last.notes[target].note
    if _errors(references.check_notes(refs, notes, by_id)):
        return None
    if _errors(check_meeting_follow_ups(notes, by_id)):
        return None
    return notes


def _errors(problems: list[Diagnostic]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)
