"""`notesite new note`: a correctly named note from a DAP template, never overwriting one.

The DAP prompts are Markdown comments (`[//]: # (...)`), which render as nothing, so an
unedited template fails validation with "section has no text" instead of being published.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from notesite.diagnostics import did_you_mean
from notesite.errors import UsageProblem
from notesite.models import Pair
from notesite.safewrite import link_refused, write_file
from notesite.settings import Settings

PROMPTS = {
    "data": "What was observed or reported, factually: who, what, when, how you learned it.",
    "assessment": "Your interpretation: progress, concerns, strengths, risk.",
    "plan": "Next steps: who does what, by when.",
}
SUMMARY_PROMPTS = {
    "data": "The year in facts: participation, milestones, events, goals set.",
    "assessment": "Obstacles, successes and how far the pair's goals were completed.",
    "plan": "What the pair and the next PM should carry into next year.",
}
_CONTACT = {"mentor-call": "[mentor]", "safety": "[mentee]", "summary": "[pair]"}
_TAGS = {
    "mentor-call": "[mentor-touch-point]",
    "summary": "[relationship]",
    "safety": "[risky-behavior]",
    "out-of-program": "[relationship]",
}


class ScaffoldError(UsageProblem):
    """The note cannot be written (unknown type or tag, or a date outside the match)."""


@dataclass(frozen=True)
class NewNote:
    path: Path
    text: str


def note_path(root: Path, pair: str, note_type: str, day: date) -> Path:
    """The first free `<date>-<type>[-n].md` name in the pair's folder.

    A symbolic link on the way is refused (UnsafePath), dangling or not: notesite never
    writes through one, and a PM should see that it is there."""
    folder = root / "data" / "notes" / pair
    for p in (folder, *folder.parents):
        if p == root:
            break
        if p.is_symlink():
            raise link_refused(p)
    path = folder / f"{day.isoformat()}-{note_type}.md"
    n = 2
    while os.path.lexists(path):
        if path.is_symlink():
            raise link_refused(path)
        path = folder / f"{day.isoformat()}-{note_type}-{n}.md"
        n += 1
    return path


def note_text(
    pair: Pair,
    note_type: str,
    kind: str,
    author: str,
    day: date,
    today: date,
    settings: Settings,
    tags: tuple[str, ...] = (),
) -> str:
    usual = _TAGS.get(kind, "[mentee-touch-point]")
    if not tags and usual.strip("[]") not in settings.tag_labels:
        usual = "[]"  # the program has its own tags: the PM picks them (an empty list is refused)
    tag_list = f"[{', '.join(tags)}]" if tags else usual
    lines = [
        "---",
        f"pair: {pair.id}",
        f"type: {note_type}",
        f"author: {author}",
        f"date: {day.isoformat()}           # when the support happened",
        f"logged: {today.isoformat()}         # when you wrote this note",
        "minutes: 30                # documented support time, 1-600",
        f"contact: {_CONTACT.get(kind, '[pair]')}   # mentor, mentee, pair, school, family, other",
        f"tags: {tag_list}   # 1-5 of: " + ", ".join(settings.tag_labels),
    ]
    lines += _kind_fields(kind, day, settings)
    lines.append("---")
    prompts = SUMMARY_PROMPTS if kind == "summary" else PROMPTS
    for key in ("data", "assessment", "plan"):
        lines += ["", f"## {key.title()}", "", f"[//]: # ({prompts[key]})", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _kind_fields(kind: str, day: date, settings: Settings) -> list[str]:
    if kind == "summary":
        return [f"program_year: {settings.year_of(day)}"]
    if kind == "safety":
        return [
            "severity: minor            # major or minor",
            "# For a major concern, both of these are required:",
            "# escalated_to: [staff-id]  # who you escalated it to",
            f"# escalated_on: {day.isoformat()}  # when",
        ]
    if kind == "out-of-program":
        return [
            f"meeting: {{requested_on: {day.isoformat()}, planned_for: {day.isoformat()}, "
            "approved: false}",
            "# For the follow-up of a request, replace `meeting` with:",
            "# follow_up_of: <pair>/<date>-out-of-program",
        ]
    return []


def check_request(pair: Pair, note_type: str, day: date, today: date, settings: Settings) -> None:
    """Raise ScaffoldError when this note cannot be written (before anything is written)."""
    if note_type not in settings.types:
        hint = did_you_mean(note_type, settings.types)
        raise ScaffoldError(
            f"`{note_type}` is not a note type"
            + (f"; {hint}" if hint else f"; choose one of: {', '.join(settings.types)}")
        )
    if day > today:
        raise ScaffoldError(f"the date {day} is in the future (today is {today})")
    if day < pair.matched_on:
        raise ScaffoldError(f"{pair.id} was matched on {pair.matched_on}, after {day}")
    if pair.closed_on is not None and day > pair.closed_on:
        raise ScaffoldError(f"{pair.id} was closed on {pair.closed_on}, before {day}")


def parse_tags(text: str, settings: Settings) -> tuple[str, ...]:
    """Comma-separated tags (slugs or labels) as slugs; ScaffoldError names a typo."""
    words = [w.strip() for w in text.split(",") if w.strip()]
    if not 1 <= len(words) <= 5:
        raise ScaffoldError(f"give 1 to 5 tags, separated by commas (not {len(words)})")
    slugs: list[str] = []
    for word in words:
        slug = word if word in settings.tag_labels else settings.tag_by_label.get(word.lower())
        if slug is None:
            hint = did_you_mean(word, settings.tag_labels)
            raise ScaffoldError(
                f"`{word}` is not a category tag"
                + (f"; {hint}" if hint else f"; use one of: {', '.join(settings.tag_labels)}")
            )
        if slug not in slugs:
            slugs.append(slug)
    return tuple(slugs)


def default_tags(note_type: str, settings: Settings) -> str:
    """The tags a new note of this type starts with, as written in the template."""
    kind = settings.types[note_type].kind if note_type in settings.types else "support"
    return _TAGS.get(kind, "[mentee-touch-point]").strip("[]")


def new_note(
    root: Path,
    pair: Pair,
    note_type: str,
    author: str,
    day: date,
    today: date,
    settings: Settings,
    tags: tuple[str, ...] = (),
) -> NewNote:
    check_request(pair, note_type, day, today, settings)
    kind = settings.types[note_type].kind
    text = note_text(pair, note_type, kind, author, day, today, settings, tags)
    for attempt in range(_TRIES):
        path = note_path(root, pair.id, note_type, day)
        try:
            write_file(path, text.encode(), base=root, replace=False)  # never overwrites
        except FileExistsError:  # written by someone else since the name was found free
            if attempt == _TRIES - 1:
                raise
            continue
        return NewNote(path, text)
    raise AssertionError("unreachable")  # pragma: no cover


_TRIES = 20  # names tried when others write notes of the same pair, type and day at once
