"""Lengthen a generated program's notes to a realistic size, for the benchmark only.

`notesite demo` writes short notes (median about 150 words); real DAP notes run to about 250
words with lists. `lengthen(program)` rewrites every note under `data/notes/` in place, adding
invented sentences and bullet lists (`notetext`) to its Data, Assessment and Plan sections until
the body reaches a per-note target drawn around a median of 250 words. The front matter and the
three DAP headings are left exactly as they were, so the program stays valid. Every choice comes
from `random.Random` seeded with the seed and the note's id: same program, same seed, same bytes.
"""

from __future__ import annotations

import math
import random
import re
import statistics
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import notetext as t

TARGET_MEDIAN = 250
SPREAD = 0.25  # sigma of the log-normal around the median: most notes 150-400 words
FLOOR, CEILING = 120, 600
WIDTH = 100
HEADINGS = ("## Data\n", "## Assessment\n", "## Plan\n")
BLOCK_START = re.compile(r"[-+*#>]|\d+[.)]")  # a line starting so would become Markdown markup
PAIR_NAME = re.compile(r'^(mentor|mentee): \{id: [^,]+, name: "([^"]+)"', re.M)
MARKUP = frozenset({"-", "##", "###"})


@dataclass(frozen=True)
class Lengthened:
    notes: int
    changed: int
    median_before: float
    median_after: float
    with_lists: int  # notes with a bullet list (every Plan is one; most get more)


def words(body: str) -> int:
    """Words of a note body: whitespace-separated tokens, list and heading markers left out."""
    return sum(1 for w in body.split() if w not in MARKUP)


def wrap(text: str, first: str = "", rest: str = "") -> str:
    """Greedy wrap at WIDTH; a continuation line never starts with Markdown markup."""
    lines: list[str] = []
    line, empty = first, True
    for word in text.split():
        if empty:
            line, empty = line + word, False
        elif len(line) + 1 + len(word) > WIDTH and not BLOCK_START.match(word):
            lines.append(line)
            line = rest + word
        else:
            line = f"{line} {word}"
    lines.append(line)
    return "\n".join(lines)


def _filler(rng: random.Random, names: Mapping[str, str]) -> Callable[[str], str]:
    ctx = {
        "mentor": names.get("mentor", "the mentor"),
        "mentee": names.get("mentee", "the mentee"),
        "subject": rng.choice(t.SUBJECTS),
        "weekday": rng.choice(t.WEEKDAYS),
        "activity": rng.choice(t.ACTIVITIES),
        "count": rng.choice(t.COUNTS),
        "platform": rng.choice(t.PLATFORMS),
    }

    def fill(template: str) -> str:
        text = template.format_map(ctx)
        return text[0].upper() + text[1:]

    return fill


def _draw(rng: random.Random, pool: Sequence[str]) -> Iterator[str]:
    """The pool's items in a random order, each once."""
    yield from rng.sample(pool, len(pool))


KINDS = ("data", "data_list", "assess", "assess_list", "plan")
LISTS = {"data": "data_list", "assess": "assess_list"}  # a section's own bullet list


class _Additions:
    """What one note gains, section by section, and how many words that adds."""

    def __init__(self, rng: random.Random, fill: Callable[[str], str]) -> None:
        self.rng, self.fill, self.words = rng, fill, 0
        self.items: dict[str, list[str]] = {kind: [] for kind in KINDS}
        self.pools = {
            "data": _draw(rng, t.DATA_MORE),
            "data_list": _draw(rng, t.DATA_BULLETS),
            "assess": _draw(rng, t.ASSESS_MORE),
            "assess_list": _draw(rng, t.ASSESS_BULLETS),
            "plan": _draw(rng, t.PLAN_MORE),
        }
        self.intros = {
            "data_list": fill(rng.choice(t.DATA_LIST_INTROS)),
            "assess_list": fill(rng.choice(t.ASSESS_LIST_INTROS)),
        }

    def add(self, kind: str) -> bool:
        """One more item of `kind` (a new list starts with its introduction and two items)."""
        items = self.items[kind]
        new = 2 if kind in self.intros and not items else 1
        for _ in range(new):
            sentence = next(self.pools[kind], None)
            if sentence is None:
                return False
            items.append(self.fill(sentence))
            self.words += words(items[-1])
        if new == 2:
            self.words += words(self.intros[kind])
        return True

    def grow(self, start: int, target: int) -> None:
        """Add items in a shuffled rotation until the body has `target` words."""
        kinds = ["data", "data_list", "assess", "plan", "data", "assess_list", "data_list"]
        self.rng.shuffle(kinds)
        while start + self.words < target and kinds:
            kind = kinds.pop(0)
            if self.add(kind):
                kinds.append(kind)

    def section(self, kind: str, text: str) -> str:
        """`text` (one section's content, no trailing blank lines) with its additions."""
        if kind == "plan":  # more items of the Plan's own list of actions
            plan = self.items["plan"]
            if not plan:
                return text
            glue = "\n" if text.rsplit("\n", 1)[-1].startswith(("- ", "  ")) else "\n\n"
            return text + glue + "\n".join(wrap(item, "- ", "  ") for item in plan)
        parts = [text]
        if self.items[kind]:
            parts.append(wrap(" ".join(self.items[kind])))
        listed = self.items[LISTS[kind]]
        if listed:
            bullets = "\n".join(wrap(f"{item}.", "- ", "  ") for item in listed)
            parts.append(f"{self.intros[LISTS[kind]]}\n\n{bullets}")
        return "\n\n".join(parts)


def lengthen_note(text: str, note_id: str, names: Mapping[str, str], seed: int) -> str:
    """The note with its sections lengthened; unchanged when it is not the demo's DAP shape."""
    if not text.startswith("---\n"):
        return text
    end = text.find("\n---\n", 3)
    if end < 0:
        return text
    head, body = text[: end + 5], text[end + 5 :]
    starts = [body.find(h) for h in HEADINGS]
    if starts[0] != 0 or not starts[0] < starts[1] < starts[2]:
        return text
    rng = random.Random(f"{seed}:{note_id}")
    target = round(rng.lognormvariate(math.log(TARGET_MEDIAN), SPREAD))
    target = min(CEILING, max(FLOOR, target))
    extra = _Additions(rng, _filler(rng, names))
    extra.grow(words(body), target)
    if not extra.words:
        return text
    bounds = [*starts, len(body)]
    out = []
    for i, kind in enumerate(("data", "assess", "plan")):
        heading = HEADINGS[i]
        content = body[bounds[i] + len(heading) : bounds[i + 1]].strip("\n")
        out.append(f"{heading}\n{extra.section(kind, content)}\n")
    return head + "\n".join(out)


def pair_names(program: Path) -> dict[str, dict[str, str]]:
    """First names of each pair's mentor and mentee, from the demo's pair files."""
    names: dict[str, dict[str, str]] = {}
    for path in sorted((program / "data" / "pairs").glob("*.yaml")):
        found = PAIR_NAME.findall(path.read_text(encoding="utf-8"))
        names[path.stem] = {role: name.split()[0] for role, name in found}
    return names


def lengthen(program: Path, seed: int) -> Lengthened:
    """Lengthen every note of the program in place (see the module's docstring)."""
    names = pair_names(program)
    before: list[int] = []
    after: list[int] = []
    changed = lists = 0
    for path in sorted((program / "data" / "notes").glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        note_id = f"{path.parent.name}/{path.stem}"
        longer = lengthen_note(text, note_id, names.get(path.parent.name, {}), seed)
        before.append(words(_body(text)))
        after.append(words(_body(longer)))
        lists += "\n- " in longer
        if longer != text:
            path.write_text(longer, encoding="utf-8", newline="\n")
            changed += 1
    return Lengthened(
        notes=len(after),
        changed=changed,
        median_before=statistics.median(before) if before else 0,
        median_after=statistics.median(after) if after else 0,
        with_lists=lists,
    )


def _body(text: str) -> str:
    end = text.find("\n---\n", 3)
    return text[end + 5 :] if text.startswith("---\n") and end >= 0 else text
