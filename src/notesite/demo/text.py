"""Assemble DAP note bodies from fragment pools.

Each topic holds leads (how the contact happened, which fixes the `contact` field), details,
assessments and plans; a note samples a few of each and fills in the pair's own facts, so two
notes rarely read alike.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

WIDTH = 100
BLOCK_START = re.compile(r"[-+*#>]|\d+[.)]")


@dataclass(frozen=True)
class Topic:
    slug: str
    tags: tuple[str, ...]
    leads: tuple[tuple[str, str], ...]  # (comma-separated contacts, sentence)
    details: tuple[str, ...]
    assess: tuple[str, ...]
    plan: tuple[str, ...]
    months: tuple[int, ...] = ()  # when the topic comes up; empty means any month
    grades: tuple[int, ...] = ()  # which mentees it fits; empty means any grade


GENERAL_ASSESS = (
    "Overall the match remains on track.",
    "This is consistent with what PM has seen in class over the last few weeks.",
    "The pair's goals for the year still fit, and nothing here suggests changing them.",
    "PM does not see a safety concern here at this time.",
    "Both {mentor} and {mentee} have been honest with PM, which makes support easier to target.",
)
GENERAL_PLAN = (
    "PM will keep the pair on the focus list until the next check-in.",
    "PM will review the pair's platform activity before the next class.",
    "PM will raise this at the next supervision meeting with {director}.",
    "PM will record any change in the next support note.",
)


def fill(template: str, ctx: Mapping[str, str]) -> str:
    return template.format_map(ctx)


def wrap(text: str, first: str = "", rest: str = "") -> str:
    """Greedy wrap at WIDTH (faster than textwrap for large demos); never starts a line with
    something Markdown would read as a list item, quote or heading."""
    lines, line, empty = [], first, True
    for word in text.split():
        if not empty and len(line) + 1 + len(word) > WIDTH and not BLOCK_START.match(word):
            lines.append(line)
            line = rest + word
        else:
            line = line + ("" if empty else " ") + word
        empty = False
    lines.append(line)
    return "\n".join(lines)


def paragraph(sentences: Sequence[str]) -> str:
    return wrap(" ".join(sentences))


def bullets(sentences: Sequence[str]) -> str:
    return "\n".join(wrap(s, "- ", "  ") for s in sentences)


def body(data: Sequence[str], assess: Sequence[str], plan: Sequence[str]) -> str:
    """The Markdown body in DAP order; Plan as a list of owned, dated actions."""
    return (
        f"## Data\n\n{paragraph(data)}\n\n"
        f"## Assessment\n\n{paragraph(assess)}\n\n"
        f"## Plan\n\n{bullets(plan)}\n"
    )


def _ordered_sample(rng: random.Random, pool: Sequence[str], k: int) -> list[str]:
    """k sentences from the pool in pool order, which is written to read as a sequence."""
    picks = sorted(rng.sample(range(len(pool)), min(k, len(pool))))
    return [pool[i] for i in picks]


@dataclass(frozen=True)
class Extras:
    """Situation-specific sentences added to a topic's own."""

    lead: tuple[str, ...] = ()  # before the topic's lead sentence
    data: tuple[str, ...] = ()
    assess: tuple[str, ...] = ()
    plan: tuple[str, ...] = ()


def compose(
    topic: Topic,
    rng: random.Random,
    ctx: Mapping[str, str],
    extras: Extras = Extras(),
    general: bool = True,
) -> tuple[tuple[str, ...], str]:
    """(contacts, body) for one note on `topic`; the chosen lead fixes who was contacted."""
    contacts, lead = rng.choice(topic.leads)
    details = _ordered_sample(rng, topic.details, rng.randint(2, 4))
    assess = _ordered_sample(rng, topic.assess, rng.randint(2, 3))
    plan = _ordered_sample(rng, topic.plan, rng.randint(2, 3))
    if general and rng.random() < 0.4:
        assess.append(rng.choice(GENERAL_ASSESS))
    if general and rng.random() < 0.3:
        plan.append(rng.choice(GENERAL_PLAN))
    data = [fill(s, ctx) for s in (*extras.lead, lead, *extras.data, *details)]
    text = body(
        data,
        [fill(s, ctx) for s in (*assess, *extras.assess)],
        [fill(s, ctx) for s in (*plan, *extras.plan)],
    )
    return tuple(contacts.split(",")), text
