"""Assemble DAP note bodies from fragment pools.

Each topic holds leads (how the contact happened, which fixes the `contact` field), details,
assessments and plans; a note samples a few of each and fills in the pair's own facts, so two
notes rarely read alike.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

WIDTH = 100


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


def paragraph(sentences: Sequence[str]) -> str:
    return textwrap.fill(" ".join(sentences), WIDTH)


def bullets(sentences: Sequence[str]) -> str:
    return "\n".join(
        textwrap.fill(s, WIDTH, initial_indent="- ", subsequent_indent="  ") for s in sentences
    )


def body(data: Sequence[str], assess: Sequence[str], plan: Sequence[str]) -> str:
    """The Markdown body in DAP order; Plan as a list of owned, dated actions."""
    return (
        f"## Data\n\n{paragraph(data)}\n\n"
        f"## Assessment\n\n{paragraph(assess)}\n\n"
        f"## Plan\n\n{bullets(plan)}\n"
    )


@dataclass(frozen=True)
class Extras:
    """Situation-specific sentences added to a topic's own."""

    data: tuple[str, ...] = ()
    assess: tuple[str, ...] = ()
    plan: tuple[str, ...] = ()


def compose(
    topic: Topic,
    rng: random.Random,
    ctx: Mapping[str, str],
    extras: Extras = Extras(),
    general: bool = True,
) -> tuple[tuple[str, ...], str, int]:
    """(contacts, body, words in Data) for one note on `topic`."""
    contacts, lead = rng.choice(topic.leads)
    details = rng.sample(topic.details, min(len(topic.details), rng.randint(2, 4)))
    assess = rng.sample(topic.assess, min(len(topic.assess), rng.randint(2, 3)))
    plan = rng.sample(topic.plan, min(len(topic.plan), rng.randint(2, 3)))
    if general and rng.random() < 0.4:
        assess.append(rng.choice(GENERAL_ASSESS))
    if general and rng.random() < 0.3:
        plan.append(rng.choice(GENERAL_PLAN))
    data = [fill(s, ctx) for s in (lead, *extras.data, *details)]
    text = body(
        data,
        [fill(s, ctx) for s in (*assess, *extras.assess)],
        [fill(s, ctx) for s in (*plan, *extras.plan)],
    )
    return tuple(contacts.split(",")), text, sum(len(s.split()) for s in data)
