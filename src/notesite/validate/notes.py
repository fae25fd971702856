"""Everything that can be checked about one note from the note alone (and the settings).

Kept free of cross-file lookups so that notes can be checked in parallel worker processes;
`references.py` does the checks that need the pairs and staff.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from markdown_it.token import Token

from notesite import markdown
from notesite.derive.practice import REVIEWED_KINDS, find_phrases
from notesite.diagnostics import Diagnostic, diag, did_you_mean
from notesite.load.files import SourceFile, read_text
from notesite.load.notefile import Section as BodySection
from notesite.load.notefile import Split, dap_key, sections, split_front_matter
from notesite.load.yamlpos import YamlDoc, load_yaml
from notesite.models import NoteFront
from notesite.printable import invisible_hint
from notesite.program import Note, Section
from notesite.settings import NoteKind, Settings
from notesite.text import plural
from notesite.validate.common import Located, yaml_problems
from notesite.validate.note_body import check_body
from notesite.validate.note_types import check_type
from notesite.validate.schema import check_model

NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z0-9][a-z0-9-]*?)(?:-(\d+))?$")
OTHER_MIN_WORDS = 40


def check_note(
    root: Path, source: SourceFile, settings: Settings, today: date, render: bool = False
) -> tuple[Note | None, list[Diagnostic]]:
    rel = source.rel
    text, problem = read_text(root, source)
    if text is None:
        return None, [problem] if problem else []
    split = split_front_matter(text)
    if not isinstance(split, Split):
        line, message, hint = split
        return None, [diag("front-matter", rel, line, message, hint=hint)]
    parsed = markdown.parse_note(split.body, inline=render)
    tokens = parsed.tokens
    found = sections(tokens, split.body_line)
    out = check_body(rel, split, parsed, found)
    doc, problems = load_yaml(split.front, line_offset=split.front_line - 1)
    out += yaml_problems(rel, problems)
    if doc is None:
        return None, out
    if doc.data is None:
        out.append(
            diag(
                "front-matter",
                rel,
                1,
                "the front matter is empty",
                hint="add the fields pair, type, author, date, logged, minutes, contact and tags",
            )
        )
        return None, out
    front, problems2 = check_model(NoteFront, doc.data, doc, rel, what="the front matter")
    out += problems2
    out += _check_name(rel, source, doc, front)
    if front is None:
        return None, out
    located = Located(front, rel, doc)
    tags, tag_problems = _tags(located, settings)
    out += tag_problems
    out += check_type(located, settings)
    out += _check_dates(located, settings, today)
    data = next((s for s in found if dap_key(s.title) == "data"), None)
    if "other" in tags and data is not None and data.words < OTHER_MIN_WORDS:
        out.append(
            diag(
                "other-too-short",
                rel,
                data.line,
                f"a note tagged `other` must say what the support was: its Data "
                f"section has {data.words} words, at least {OTHER_MIN_WORDS} are needed",
                hint="describe the support in more detail, or choose a closer tag",
            )
        )
    kind: NoteKind = settings.types[front.type].kind if front.type in settings.types else "support"
    note = _note(source, front, kind, tags, doc, found, tokens if render else None)
    if kind in REVIEWED_KINDS:  # NS820 needs them; the body is only here
        note = replace(note, phrases=_phrases(split.body, split.body_line, settings))
    return note, out


def _phrases(body: str, body_line: int, settings: Settings) -> tuple[tuple[str, int], ...]:
    """The review phrases the body contains, each with the line of its first occurrence."""
    found = find_phrases(body, settings.safety.review_phrases)
    return tuple((p, body_line + body.count("\n", 0, at)) for p, at in found)


def _check_name(
    rel: str, source: SourceFile, doc: YamlDoc, front: NoteFront | None
) -> list[Diagnostic]:
    folder, stem = source.parts
    m = NAME.match(stem)
    if m is None or not _is_date(m.group(1)):
        return [
            diag(
                "bad-file-name",
                rel,
                None,
                f"the file name `{stem}.md` should be <date>-<type>.md, "
                "like 2026-10-03-mentor-call.md",
                hint="rename the file: the support date, a dash, the note type "
                "(and -2, -3 for a second note of that type on the same day)",
            )
        ]
    if front is None:
        return []
    out = []
    rec = Located(front, rel, doc)
    if front.pair != folder:
        out.append(
            rec.at(
                "id-mismatch",
                "pair",
                message=f"`pair: {front.pair}` does not match the folder `{folder}`",
                hint=f"notes of {front.pair} go in data/notes/{front.pair}/",
            )
        )
    if m.group(1) != front.date.isoformat():
        out.append(
            rec.at(
                "id-mismatch",
                "date",
                message=f"`date: {front.date}` does not match the file name's date {m.group(1)}",
                hint="make the file name start with the support date",
            )
        )
    if _name_type(stem, front.type) != front.type:
        out.append(
            rec.at(
                "id-mismatch",
                "type",
                message=f"`type: {front.type}` does not match the file name `{stem}.md`",
                hint=invisible_hint(front.type) or f"name the file {front.date}-{front.type}.md",
            )
        )
    return out


def _name_type(stem: str, note_type: str) -> str | None:
    rest = stem[11:]
    if rest == note_type or re.fullmatch(re.escape(note_type) + r"-\d+", rest):
        return note_type
    return None


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _tags(rec: Located[NoteFront], settings: Settings) -> tuple[tuple[str, ...], list[Diagnostic]]:
    out: list[Diagnostic] = []
    slugs: list[str] = []
    for i, tag in enumerate(rec.item.tags):
        slug = tag if tag in settings.tag_labels else settings.tag_by_label.get(tag.lower())
        if slug is None:
            choices = [*settings.tag_labels, *(t.label for t in settings.tags)]
            out.append(
                rec.at(
                    "unknown-tag",
                    "tags",
                    i,
                    message=f"`{tag}` is not a category tag",
                    hint=did_you_mean(tag, choices)
                    or "use one of: " + ", ".join(settings.tag_labels),
                )
            )
        elif slug in slugs:
            out.append(
                rec.at(
                    "invalid-value",
                    "tags",
                    i,
                    message=f"the tag `{tag}` is listed twice",
                    hint="list each tag once",
                )
            )
        else:
            slugs.append(slug)
    return tuple(slugs), out


def today_matters_until(note: Note) -> date:
    """The latest date `_check_dates` compares with "today" (the only use of today in
    checking a note): on this day and every later one, checking the same note gives the same
    result, so the build cache keeps it across days (validate/cache.py)."""
    days = [note.date, note.logged, note.escalated_on]
    if note.meeting is not None:
        days.append(note.meeting.requested_on)
    return max(d for d in days if d is not None)


def _check_dates(rec: Located[NoteFront], settings: Settings, today: date) -> list[Diagnostic]:
    """The dates' checks; `today_matters_until` must name every date compared with today."""
    f = rec.item
    out = []
    for name, value in (("date", f.date), ("logged", f.logged), ("escalated_on", f.escalated_on)):
        if value is not None and value > today:
            out.append(
                rec.at(
                    "future-date",
                    name,
                    message=f"`{name}: {value}` is in the future (today is {today})",
                    hint="notes record support that has already happened",
                )
            )
    if f.meeting is not None and f.meeting.requested_on > today:
        out.append(
            rec.at(
                "future-date",
                "meeting",
                "requested_on",
                message=f"the request date {f.meeting.requested_on} is in the future",
            )
        )
    if f.logged < f.date:
        out.append(
            rec.at(
                "logged-before-date",
                "logged",
                message=f"`logged: {f.logged}` is before the support `date: {f.date}`",
                hint="`logged` is the day the note was written, on or after `date`",
            )
        )
    elif (f.logged - f.date).days > settings.log_within_days:
        out.append(
            rec.at(
                "logged-late",
                "logged",
                message=f"logged {(f.logged - f.date).days} days after the support "
                f"(the program asks for {settings.log_within_days})",
                hint=_log_hint(settings.log_within_days),
            )
        )
    if (
        f.severity == "major"
        and f.escalated_on is not None
        and f.escalated_on >= f.date
        and (f.escalated_on - f.date).days > settings.safety.escalate_within_days
    ):
        out.append(
            rec.at(
                "escalated-late",
                "escalated_on",
                message=f"escalated {(f.escalated_on - f.date).days} days after the "
                f"concern (allowed: {settings.safety.escalate_within_days})",
                hint=_escalate_hint(settings.safety.escalate_within_days),
            )
        )
    return out


def _log_hint(days: int) -> str:
    """The logging window of the settings, in words."""
    if days == 0:
        return "log notes on the day of the support"
    return f"log notes within {plural(days, 'day')} of the support"


def _escalate_hint(days: int) -> str:
    """The escalation window of the settings, in words."""
    when = {0: "the same day", 1: "the same or the next day"}.get(days, f"within {days} days")
    return f"major safety concerns are escalated {when}"


def _note(
    source: SourceFile,
    f: NoteFront,
    kind: NoteKind,
    tags: tuple[str, ...],
    doc: YamlDoc,
    found: list[BodySection],
    tokens: list[Token] | None,
) -> Note:
    lines = {str(k[0]): p.line for k, p in doc.keys.items() if len(k) == 1}
    rendered: tuple[Section, ...] = ()
    text = ""
    if tokens is not None:
        first = found[0].start if found else len(tokens)
        preamble = markdown.render(tokens[:first], shift=2).strip()
        rendered = ((Section("", "", preamble),) if preamble else ()) + tuple(
            Section(
                dap_key(s.title), s.title, markdown.render(tokens[s.start + 3 : s.end], shift=2)
            )
            for s in found
        )
        text = " ".join(t.content for t in tokens if t.type == "inline")
    return Note(
        id=source.rel[len("data/notes/") : -3],
        file=source.rel,
        pair=f.pair,
        type=f.type,
        kind=kind,
        author=f.author,
        date=f.date,
        logged=f.logged,
        minutes=f.minutes,
        contact=f.contact,
        tags=tags,
        program_year=f.program_year,
        severity=f.severity,
        escalated_to=f.escalated_to or (),
        escalated_on=f.escalated_on,
        meeting=f.meeting,
        follow_up_of=f.follow_up_of,
        lines=lines,
        sections=rendered,
        text=text,
    )
