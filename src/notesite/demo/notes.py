"""Turn planned drafts into note files: author, logging lag, front matter and DAP body."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from notesite.demo.calendar import DEFAULTS, MONTHS, WEEKDAYS, Calendar, prose
from notesite.demo.pairs import CLOSURES, PAUSES, Pair
from notesite.demo.people import Roster
from notesite.demo.schedule import Draft
from notesite.demo.text import Extras, Topic, compose, fill
from notesite.demo.text_safety import (
    ESCALATED,
    FOLLOW_UP_APPROVED,
    LATE_ESCALATION,
    MAJOR,
    MINOR,
    MINOR_ESCALATED,
    OOP_APPROVED,
    OOP_DECLINED,
)
from notesite.demo.text_special import CLOSURE, KICKOFF, LATE_CALL, MENTOR_CALLS, PAUSE, SUMMARY
from notesite.demo.text_support import SUPPORT_TOPICS

TOPICS: dict[str, Topic] = {
    t.slug: t
    for t in (
        *SUPPORT_TOPICS,
        KICKOFF,
        CLOSURE,
        PAUSE,
        *MENTOR_CALLS,
        SUMMARY,
        OOP_APPROVED,
        OOP_DECLINED,
        FOLLOW_UP_APPROVED,
    )
}
MINUTES = {
    "support": (10, 15, 20, 25, 30, 30, 40, 45, 60, 75, 90),
    "mentor-call": (20, 25, 30, 30, 35, 40, 45, 60),
    "summary": (30, 45, 45, 60, 60, 90),
    "major": (45, 60, 90, 120, 150, 180),
    "minor": (15, 20, 30, 45),
    "out-of-program": (10, 15, 20, 25, 30),
}
LAGS = (0, 1, 2, 3, 4, 5, 6)
LAG_WEIGHTS = (35, 25, 15, 10, 7, 5, 3)
TOUCH_POINTS = {"mentor": "mentor-touch-point", "mentee": "mentee-touch-point"}


@dataclass(frozen=True)
class NoteMeta:
    """What later stages (focus lists, counts, tests) need to know about a written note."""

    id: str
    pair: str
    type: str
    day: date
    logged: date
    author: str
    severity: str | None


def _author(rng: random.Random, pair: Pair, d: date, roster: Roster) -> tuple[str, str | None]:
    """(author, regular PM when a colleague covered)."""
    regular = pair.pm_on(d)
    if rng.random() < 0.04:
        others = [s.id for s in roster.of_role("pm") if s.id != regular and s.works_on(d)]
        if others:
            return rng.choice(others), regular
    return regular, None


def _logged(rng: random.Random, d: date, today: date) -> date:
    late = DEFAULTS.log_within_days + 1  # the first lag that is late
    lag = rng.randint(late, 20) if rng.random() < 0.09 else rng.choices(LAGS, LAG_WEIGHTS)[0]
    return min(d + timedelta(days=lag), today)


def _context(rng: random.Random, pair: Pair, d: date, director: str) -> dict[str, str]:
    s = pair.story
    ctx = {
        "mentee": pair.mentee_first,
        "mentor": pair.mentor_first,
        "school": pair.school.name,
        "counselor": pair.school.counselor,
        "guardian": s.guardian,
        "weekday": WEEKDAYS[pair.school.weekday],
        "month": MONTHS[d.month - 1],
        "subject": s.subjects[0],
        "subject2": s.subjects[1],
        "activity": s.activity,
        "interest": s.interest,
        "field": s.field,
        "city": s.city,
        "college": s.colleges[0],
        "college2": s.colleges[1],
        "count": rng.choice(("two", "three", "four")),
        "weeks": rng.choice(("two", "three")),
        "director": director,
    }
    ctx.update({f"d{n}": prose(d + timedelta(days=n)) for n in (3, 7, 10, 14, 21)})
    ctx["closure"] = fill(CLOSURES[s.closure][1], ctx) if s.closure else ""
    ctx["pause"] = fill(PAUSES[s.pause], ctx)
    return ctx


def _topic_and_extras(
    rng: random.Random, draft: Draft, ctx: dict[str, str], escalated: date | None
) -> tuple[Topic, Extras]:
    if draft.type != "safety":
        data = (fill(LATE_CALL, {**ctx, "due": prose(draft.late_due)}),) if draft.late_due else ()
        return TOPICS[draft.topic], Extras(data=data)
    topic = rng.choice(MAJOR if draft.severity == "major" else MINOR)
    if escalated is None or draft.escalation_lag is None:
        return topic, Extras()
    esc = {**ctx, "escalated": prose(escalated)}
    if draft.severity == "minor":
        return topic, Extras(plan=(fill(MINOR_ESCALATED, esc),))
    if draft.escalation_lag <= 1:
        return topic, Extras(plan=(fill(ESCALATED[draft.escalation_lag], esc),))
    return topic, Extras(assess=(fill(LATE_ESCALATION, esc),))


def _tags(rng: random.Random, topic: Topic, contacts: tuple[str, ...]) -> list[str]:
    tags = [topic.tags[0], *rng.sample(topic.tags[1:], rng.randint(0, len(topic.tags) - 1))]
    for who in contacts:
        tag = TOUCH_POINTS.get(who)
        if tag and tag not in tags and len(tags) < 3 and rng.random() < 0.5:
            tags.append(tag)
    return tags[:3]


def _flow(items: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join(items) + "]"


def _type_fields(
    draft: Draft, by_key: dict[int, tuple[str, Draft]], director_id: str, escalated: date | None
) -> list[tuple[str, str]]:
    """The extra front matter each note type carries (SPEC 5.2)."""
    if draft.program_year:
        return [("program_year", draft.program_year)]
    if draft.severity:
        fields = [("severity", draft.severity)]
        if escalated is not None:
            fields += [
                ("escalated_to", f"[{director_id}]"),
                ("escalated_on", escalated.isoformat()),
            ]
        return fields
    if draft.meeting:
        req, planned, ok = draft.meeting
        flag = "true" if ok else "false"
        value = f"{{requested_on: {req}, planned_for: {planned}, approved: {flag}}}"
        return [("meeting", value)]
    if draft.follow_up_of is not None:
        return [("follow_up_of", by_key[draft.follow_up_of][0])]
    return []


def render_note(
    rng: random.Random,
    pair: Pair,
    note_id: str,
    draft: Draft,
    by_key: dict[int, tuple[str, Draft]],
    roster: Roster,
    cal: Calendar,
) -> tuple[NoteMeta, str]:
    """The note's metadata and its complete file text; `by_key` maps draft keys to (id, draft)."""
    author, regular = _author(rng, pair, draft.day, roster)
    logged = _logged(rng, draft.day, cal.today)
    director = roster.by_id[roster.by_id[author].manager or roster.of_role("director")[0].id]
    ctx = _context(rng, pair, draft.day, director.name)
    meeting = draft.meeting
    if draft.follow_up_of is not None:
        meeting = by_key[draft.follow_up_of][1].meeting
    if meeting:
        ctx.update(requested=prose(meeting[0]), planned=prose(meeting[1]))
    ctx["year"] = draft.program_year or ""
    escalated = None
    if draft.escalation_lag is not None:
        escalated = min(draft.day + timedelta(days=draft.escalation_lag), cal.today)
    topic, extras = _topic_and_extras(rng, draft, ctx, escalated)
    if regular:
        cover = fill(
            "Writing as the covering PM while {regular} was out.",
            {"regular": roster.by_id[regular].first},
        )
        extras = replace(extras, lead=(cover,))
    contacts, text = compose(topic, rng, ctx, extras, general=topic in SUPPORT_TOPICS)
    minutes_key = draft.severity or draft.type
    fields = [
        ("pair", pair.id),
        ("type", draft.type),
        ("author", author),
        ("date", draft.day.isoformat()),
        ("logged", logged.isoformat()),
        ("minutes", str(rng.choice(MINUTES[minutes_key]))),
        ("contact", _flow(contacts)),
        ("tags", _flow(_tags(rng, topic, contacts))),
        *_type_fields(draft, by_key, director.id, escalated),
    ]
    front = "---\n" + "".join(f"{k}: {v}\n" for k, v in fields) + "---\n"
    meta = NoteMeta(note_id, pair.id, draft.type, draft.day, logged, author, draft.severity)
    return meta, front + text
