"""Notes whose file was renamed: the same record under a new name, not one removed and one added.

Renaming is how a note is re-dated (the date is in its file name), so a renamed safety note
must show as a change to the safety record, never as a safety note added. A removed note and
an added note are the same record when their files are identical, or when both are safety
notes of the same pair and at least half of the lines of their text are shared (as git finds
renames; blank lines and headings, which every note has, do not count). Pairs are matched
best first; each note is matched once. Text alone never turns another note into a safety
note: notes written from one template share their text. A rename not found is still on the
safety record, as a safety note removed.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable

from notesite.review.textdiff import lines_of
from notesite.review.trees import Tree

THRESHOLD = 0.5  # share of lines in common, as git's default rename similarity
MAX_COMPARISONS = 20_000  # pairs of notes compared by their lines in one review


def find_renames(
    old: Tree, new: Tree, removed: Iterable[str], added: Iterable[str]
) -> dict[str, str]:
    """{file at BASE: file now} for the removed notes found again among the added ones."""
    removed, added = sorted(removed), sorted(added)
    renames: dict[str, str] = {}
    by_hash: dict[bytes, list[str]] = defaultdict(list)
    for rel in added:
        digest = _digest(new, rel)
        if digest is not None:
            by_hash[digest].append(rel)
    for rel in removed:
        same = by_hash.get(_digest(old, rel) or b"")
        if same:
            renames[rel] = same.pop(0)
    taken = set(renames.values())
    left = [r for r in removed if r not in renames]
    right = [r for r in added if r not in taken]
    renames.update(_similar(old, new, left, right))
    return renames


def _digest(tree: Tree, rel: str) -> bytes | None:
    text = tree.text(rel)
    return None if text is None else hashlib.sha256(text.encode("utf-8", "replace")).digest()


def _similar(old: Tree, new: Tree, removed: list[str], added: list[str]) -> dict[str, str]:
    def pair_of(tree: Tree, rel: str) -> str:
        return tree.sources[rel].parts[0]

    candidates = defaultdict(list)
    for rel in added:
        candidates[pair_of(new, rel)].append(rel)
    scored: list[tuple[float, str, str]] = []
    lines: dict[tuple[int, str], Counter[str]] = {}
    budget = MAX_COMPARISONS
    for before in removed:
        for after in candidates.get(pair_of(old, before), ()):
            if old.kind(before) != "safety" or new.kind(after) != "safety":
                continue
            if budget == 0:
                break
            budget -= 1
            score = _share(_lines(lines, 0, old, before), _lines(lines, 1, new, after))
            if score >= THRESHOLD:
                scored.append((-score, before, after))
    found: dict[str, str] = {}
    used: set[str] = set()
    for _, before, after in sorted(scored):
        if before not in found and after not in used:
            found[before] = after
            used.add(after)
    return found


def _lines(
    cache: dict[tuple[int, str], Counter[str]], side: int, tree: Tree, rel: str
) -> Counter[str]:
    key = (side, rel)
    if key not in cache:
        parts = tree.parts(rel)
        text = parts[1] if parts else tree.text(rel) or ""
        lines = (line.strip() for line in lines_of(text))
        cache[key] = Counter(line for line in lines if line and not line.startswith("#"))
    return cache[key]


def _share(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0  # a note without text is like no other
    return 2 * (a & b).total() / (a.total() + b.total())
