"""The two sides of a review: a notes repository read, validated and derived as of "today".

Besides the validated program, a side answers what a file says even when it does not
validate: `front` is a note's front matter as written, so a safety note broken on purpose
still shows what happened to it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from notesite.derive.facts import Facts, derive
from notesite.diagnostics import Diagnostic
from notesite.load.files import Kind, SourceFile, discover, read_text
from notesite.load.notefile import Split, split_front_matter
from notesite.load.yamlpos import load_yaml
from notesite.models import Pair
from notesite.program import Note
from notesite.review.model import NoteRef
from notesite.validate import check_repository


@dataclass(frozen=True)
class Tree:
    root: Path
    facts: Facts
    diagnostics: list[Diagnostic]
    sources: dict[str, SourceFile]
    notes: dict[str, Note]  # by file
    _parts: dict[str, tuple[dict[Any, Any], str] | None] = field(default_factory=dict)

    @property
    def pairs(self) -> dict[str, Pair]:
        return self.facts.program.pairs

    def text(self, rel: str) -> str | None:
        text, _ = read_text(self.root, self.sources[rel])
        return text

    def parts(self, rel: str) -> tuple[dict[Any, Any], str] | None:
        """A note's front matter (as written) and body; None when they cannot be read."""
        if rel not in self._parts:
            self._parts[rel] = _note_parts(self.text(rel))
        return self._parts[rel]

    def front(self, rel: str) -> dict[Any, Any] | None:
        parts = self.parts(rel)
        return parts[0] if parts else None

    def kind(self, rel: str) -> str | None:
        """The kind of a note's type (`safety`, ...): from its front matter, else its name."""
        front = self.front(rel)
        slug = front.get("type") if front else None
        if not isinstance(slug, str):
            slug = re.sub(r"-\d+$", "", PurePosixPath(rel).stem[len("YYYY-MM-DD-") :])
        note_type = self.facts.program.settings.types.get(slug)
        return note_type.kind if note_type else None

    def ref(self, rel: str, before: Tree | None = None) -> NoteRef:
        """The note of file `rel`; else as it was in `before`; else what its path says."""
        note = self.notes.get(rel) or (before.notes.get(rel) if before else None)
        if note is None:
            return NoteRef(rel[len("data/notes/") : -len(".md")], rel, self.sources[rel].parts[0])
        return NoteRef(note.id, rel, note.pair, note.author, note.type, note.date, note.logged)


def load(root: Path, today: dt.date) -> Tree:
    checked = check_repository(root, today)
    sources, _ = discover(root)
    program = checked.program
    return Tree(
        root=root,
        facts=derive(program, today),
        diagnostics=checked.diagnostics,
        sources={s.rel: s for s in sources},
        notes={n.file: n for n in program.notes},
    )


def notes_of(tree: Tree) -> set[str]:
    return {rel for rel, s in tree.sources.items() if s.kind is Kind.NOTE}


def _note_parts(text: str | None) -> tuple[dict[Any, Any], str] | None:
    split = split_front_matter(text) if text is not None else None
    if not isinstance(split, Split):
        return None
    doc, _problems = load_yaml(split.front)
    if doc is None or not isinstance(doc.data, dict):
        return None
    return doc.data, split.body


def shown(value: Any) -> str:
    """A front-matter value in a sentence: `(none)`, a date, a list joined with commas."""
    if value is None:
        return "(none)"
    if isinstance(value, list | tuple):
        value = ", ".join(shown(v) for v in value)
    elif isinstance(value, dict):
        value = ", ".join(f"{k}: {shown(v)}" for k, v in value.items())
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"
