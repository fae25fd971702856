"""Changes to the safety record (SPEC §15), which `review` lists before everything else.

A safety note that existed at BASE may not silently lose what it records: its removal, a new
name or date, a lower severity, its escalation removed, changed or added afterwards, another
author, or its type changed away from `safety` are each listed, and so is a note whose type
became `safety`, also when only `notesite.yaml` changed what its type means. Fields are
compared as the files write them, so a note broken on purpose (it no longer validates)
still shows what happened to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from notesite.load.files import Kind
from notesite.review.model import SAFETY_KINDS, SafetyChange
from notesite.review.trees import Tree

SEVERITY_RANK = {"major": 2, "minor": 1}  # anything else (missing, misspelt) ranks 0

Person = Callable[[str | None], str | None]


@dataclass(frozen=True)
class _Fields:
    kind: str | None
    type: str | None
    author: str | None
    date: str | None
    logged: str | None
    severity: str | None
    escalated_to: tuple[str, ...]
    escalated_on: str | None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _fields(tree: Tree, rel: str) -> _Fields | None:
    front = tree.front(rel)
    if front is None:
        return None
    to = front.get("escalated_to")
    return _Fields(
        kind=tree.kind(rel),
        type=_text(front.get("type")),
        author=_text(front.get("author")),
        date=_text(front.get("date")),
        logged=_text(front.get("logged")),
        severity=_text(front.get("severity")),
        escalated_to=tuple(str(x) for x in to) if isinstance(to, list) else _listed(to),
        escalated_on=_text(front.get("escalated_on")),
    )


def _listed(value: Any) -> tuple[str, ...]:
    return () if value is None else (str(value),)


def safety_changes(
    old: Tree,
    new: Tree,
    files: Mapping[str, str],
    renames: Mapping[str, str],
    person: Person,
) -> tuple[SafetyChange, ...]:
    """Every change to a safety note of BASE, and every note that became a safety note."""
    out = []
    for rel, change in {**files, **_rekinded(old, new, files)}.items():
        if change == "added" or old.sources[rel].kind is not Kind.NOTE:
            continue
        now = renames.get(rel) if change == "removed" else rel
        if "safety" not in (old.kind(rel), new.kind(now) if now else None):
            continue
        kinds, details = _compare(old, new, rel, now, person)
        if kinds:
            order = sorted(set(kinds), key=SAFETY_KINDS.index)
            after = new.ref(now) if now else None
            out.append(SafetyChange(old.ref(rel), after, tuple(order), tuple(details)))
    return tuple(sorted(out, key=lambda c: c.before.id))


def _rekinded(old: Tree, new: Tree, files: Mapping[str, str]) -> dict[str, str]:
    """Notes whose file is the same but whose kind is not, because notesite.yaml changed what
    their type means (`safety` made a support type): {file: "unchanged"}."""
    if not any((new.sources.get(r) or old.sources[r]).kind is Kind.SETTINGS for r in files):
        return {}
    if _kinds(old) == _kinds(new):
        return {}  # the types mean what they meant: no note can have changed its kind
    same = [
        rel
        for rel, source in old.sources.items()
        if source.kind is Kind.NOTE and rel in new.sources and rel not in files
    ]
    return {
        rel: "unchanged"
        for rel in same
        if old.kind(rel) != new.kind(rel) and "safety" in (old.kind(rel), new.kind(rel))
    }


def _kinds(tree: Tree) -> dict[str, str]:
    return {slug: t.kind for slug, t in tree.facts.program.settings.types.items()}


def _compare(
    old: Tree, new: Tree, rel: str, now: str | None, person: Person
) -> tuple[list[str], list[str]]:
    if now is None:
        return ["removed"], ["its file was deleted"]
    kinds, details = [], []
    if now != rel:
        kinds.append("renamed")
        details.append(f"renamed to {new.ref(now).id}")
    a, b = _fields(old, rel), _fields(new, now)
    if b is None:
        return [*kinds, "unreadable"], [*details, "it can no longer be read (see Validation)"]
    if a is None:
        return kinds, details  # unreadable at BASE: nothing to compare it with
    if a.kind != b.kind:
        kinds.append("type-changed")
        details.append(
            f"type: {a.type} → {b.type}"
            if a.type != b.type
            else f"type {a.type}: a {a.kind or 'unknown'} note → a {b.kind or 'unknown'} note "
            "(notesite.yaml changed what the type means)"
        )
    if a.kind != "safety":
        return kinds, details  # it became a safety note: its fields were not a safety record
    for name, before, after in (("date", a.date, b.date), ("logged", a.logged, b.logged)):
        if before != after:
            kinds.append("re-dated")
            details.append(f"{name}: {before or '(none)'} → {after or '(none)'}")
    if b.kind == "safety":  # else its type changed: it has no severity or escalation to lose
        if SEVERITY_RANK.get(b.severity or "", 0) < SEVERITY_RANK.get(a.severity or "", 0):
            kinds.append("severity-lowered")
            details.append(f"severity: {a.severity} → {b.severity or '(none)'}")
        kinds += _escalation(a, b, details, person)
    if a.author != b.author:
        kinds.append("author-changed")
        details.append(f"author: {person(a.author) or '(none)'} → {person(b.author) or '(none)'}")
    return kinds, details


def _escalation(a: _Fields, b: _Fields, details: list[str], person: Person) -> list[str]:
    def people(ids: tuple[str, ...]) -> str:
        return ", ".join(person(x) or x for x in ids) or "(none)"

    kinds = []
    for name, before, after in (
        ("escalated to", people(a.escalated_to), people(b.escalated_to)),
        ("escalated on", a.escalated_on or "(none)", b.escalated_on or "(none)"),
    ):
        if before != after:
            kinds.append("escalation-removed" if after == "(none)" else "escalation-changed")
            details.append(f"{name}: {before} → {after}")
    return kinds
