"""Program settings (`notesite.yaml`): vocabulary, thresholds and rubric, all with defaults.

The defaults are the iMentor model; an organisation adapts them here, never in code or
templates. Unknown keys are rejected (`extra="forbid"`) so a typo cannot silently fall back
to a default.
"""

from __future__ import annotations

import re
from datetime import date
from difflib import get_close_matches
from functools import cached_property, lru_cache
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# The years a date or a program year may fall in (a typo like 20266 is refused by name).
FIRST_YEAR, LAST_YEAR = 1900, 9998

# The vocabulary: every closed set of words the files and the pages use, typed once here
# (models.py, program.py, derive/ and the rules import these; the JSON shows the strings).
NoteKind = Literal["support", "mentor-call", "summary", "safety", "out-of-program"]
Contact = Literal["mentor", "mentee", "pair", "school", "family", "other"]
SafetySeverity = Literal["major", "minor"]
PairStatus = Literal["active", "paused", "closed"]
StaffRole = Literal["pm", "director", "coordinator", "other"]
TrackerLevel = Literal["stale", "watch", "ok", "inactive"]  # SPEC §9 support recency
EscalationStatus = Literal["unescalated", "late", "on-time", "minor", "minor-escalated"]
FocusStatus = Literal["followed-up", "not-followed-up", "open"]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
_MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")


def _month_day(value: str) -> str:
    if not _MONTH_DAY.match(value):
        raise ValueError("should be a month and day written MM-DD, like 09-01")
    month, day = int(value[:2]), int(value[3:])
    try:
        date(2024, month, day)  # a leap year, so 02-29 is accepted
    except ValueError:
        raise ValueError(f"{value} is not a day of the year") from None
    return value


MonthDay = Annotated[str, Field(description="a month and day, MM-DD")]


def _time_zone(value: str | None) -> str | None:
    """An IANA zone name the machine knows (tzdata on Windows), or a did-you-mean."""
    if value is None:
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        close = get_close_matches(value, sorted(available_timezones()), n=1, cutoff=0.6)
        hint = f"; did you mean `{close[0]}`?" if close else " (write it like America/New_York)"
        raise ValueError(f"`{value}` is not a time zone name{hint}") from None
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tracker(_Strict):
    watch_after_days: int = Field(14, ge=0, description="no support for more than this: watch")
    stale_after_days: int = Field(30, ge=0, description="no support for more than this: stale")


class MentorCalls(_Strict):
    due: tuple[MonthDay, ...] = Field(
        ("11-30", "02-28", "05-31"),
        description="call k of a program year must be logged by due[k-1] (MM-DD)",
    )

    @field_validator("due")
    @classmethod
    def _check(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_month_day(v) for v in value)


# Wording that suggests a safety concern in a note that is not a safety note (SPEC §14).
# Chosen for few false alarms: each phrase names harm to a young person, by themselves or by
# others, and has no everyday school meaning. Left out because PMs use them for ordinary
# things: "cutting" (class), "fight" (over a group project), "hurt" alone (feelings), "drugs",
# "alcohol" (health class), "police" (career day), "weapon" ("her secret weapon"), "safe"
# alone ("a safe space"), "depressed" (about a grade). How the list was checked: docs/rules.md,
# NS820.
_SELVES = ("myself", "himself", "herself", "themselves")
DEFAULT_REVIEW_PHRASES = (
    "self-harm",
    "self harm",
    "suicide",
    "suicidal",
    *(
        f"{verb} {who}"
        for verb in ("kill", "hurt", "hurting", "harm", "cutting")
        for who in _SELVES
    ),
    "not feel safe",
    "unsafe at home",
    "not safe at home",
    "afraid to go home",
    "abuse",
    "abused",
    "abusive",
    "assault",
    "assaulted",
    "overdose",
    "child protective services",
)


class Safety(_Strict):
    escalate_within_days: int = Field(
        1, ge=0, description="a major safety note's escalation window"
    )
    review_tags: tuple[Slug, ...] = Field(
        ("risky-behavior", "social-services"),
        description="a non-safety note with one of these tags asks: should this be a safety note?",
    )
    review_phrases: tuple[Annotated[str, Field(min_length=1)], ...] = Field(
        DEFAULT_REVIEW_PHRASES,
        description="wording (whole words, any case) that asks the same; replaces the default",
    )


class Focus(_Strict):
    # At most a year: the next check-in is a date, and a date must stay a date (a gap of
    # 10^11 days crashed `build` and `tracker`).
    follow_up_days: int = Field(7, ge=1, le=365, description="default gap to the next check-in")
    cadence_days: int = Field(
        14, ge=1, le=365, description="a PM with active pairs and no focus list this long: warning"
    )


TouchPointWith = Literal["mentor", "mentee", "pair"]


class TouchPoint(_Strict):
    """A scheduled touch point (SPEC §14): notes of `type` whose contact includes `with`,
    due by each month-day of a program year, like the mentor calls of SPEC §9."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: Slug = Field(description="stable id, the key in api/pairs.json")
    label: str = Field(min_length=1, description="shown on the pages, e.g. Mentee check-ins")
    with_: TouchPointWith = Field(alias="with", description="mentor, mentee or pair")
    type: str = Field(min_length=1, description="the note type that counts")
    due: tuple[MonthDay, ...] = Field(description="touch point k must be logged by due[k-1]")

    @field_validator("due")
    @classmethod
    def _check(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_month_day(v) for v in value)


MENTOR_CALLS_ID = "mentor-calls"


class Participation(_Strict):
    escalate_after_missed: int = Field(
        2, ge=1, description="consecutive missed mentor weeks that raise a concern"
    )
    focus_within_days: int = Field(
        14, ge=0, description="an escalated pair should be on a focus list within these days"
    )


class Tag(_Strict):
    slug: Slug
    label: str = Field(min_length=1)


class NoteType(_Strict):
    slug: Slug
    label: str = Field(min_length=1)
    kind: NoteKind = Field(description="which rules apply: one of the five built-in kinds")
    description: str = ""


class Indicator(_Strict):
    slug: Slug
    label: str = Field(min_length=1)
    evidence: str = Field("", description="what in the notes shows this indicator")


class RubricCategory(_Strict):
    slug: Slug
    label: str = Field(min_length=1)
    indicators: tuple[Indicator, ...] = Field(min_length=1)


class Rubric(_Strict):
    scale: dict[int, str] = Field(
        default_factory=lambda: {
            1: "Not meeting expectations (no evidence)",
            2: "Meeting expectations (some evidence)",
            3: "Exceeding expectations (clear evidence)",
        }
    )
    categories: tuple[RubricCategory, ...] = Field(min_length=1)


DEFAULT_TAGS = (
    ("mentor-touch-point", "Mentor Touch Point"),
    ("mentee-touch-point", "Mentee Touch Point"),
    ("relationship", "Mentor-Mentee Relationship"),
    ("participation", "Participation"),
    ("academic", "Academic"),
    ("personal", "Personal"),
    ("career", "Career"),
    ("peer-relationships", "Peer Relationships"),
    ("financial", "Financial"),
    ("risky-behavior", "Risky Behavior"),
    ("social-services", "Social Services"),
    ("other", "Other"),
)

DEFAULT_NOTE_TYPES = (
    ("support", "Support", "Any other differentiated support"),
    ("mentor-call", "Mentor call", "Formal check-in call with the mentor"),
    ("summary", "End-of-year summary", "Obstacles, successes and goal completion of the year"),
    ("safety", "Safety", "Any major or minor safety concern or infraction"),
    (
        "out-of-program",
        "Out-of-program",
        "A request to meet outside program events, or its follow-up",
    ),
)

_I = Indicator
DEFAULT_RUBRIC = (
    RubricCategory(
        slug="focus-list",
        label="Ability to effectively manage his/her focus list",
        indicators=(
            _I(slug="compelling-rationale", label="Compelling rationale for focus-list pairs"),
            _I(slug="timely-notes", label="Timely notes", evidence="logging lag"),
            _I(slug="follow-up", label="Follow-up on focus-list pairs", evidence="focus follow-up"),
        ),
    ),
    RubricCategory(
        slug="reactive-support",
        label="Ability to effectively provide reactive pair support",
        indicators=(
            _I(slug="customer-service", label="Customer service"),
            _I(slug="safety-escalation", label="Safety escalation", evidence="escalation lag"),
            _I(slug="challenging-topics", label="Addressing challenging topics"),
        ),
    ),
    RubricCategory(
        slug="coaching",
        label="Quality of coaching toward healthy relationships",
        indicators=(
            _I(slug="strengths-mentees", label="Builds on mentees' strengths"),
            _I(slug="strengths-mentors", label="Builds on mentors' strengths"),
            _I(slug="curriculum", label="Connects to the curriculum"),
            _I(slug="mentor-centered", label="Mentor-centered coaching"),
        ),
    ),
    RubricCategory(
        slug="use-of-information",
        label="Utilization of all relevant, available information to structure support",
        indicators=(
            _I(slug="school-partners", label="Works with school partners"),
            _I(slug="match-history", label="Uses the match history"),
            _I(slug="online-communications", label="Reads online communications"),
            _I(slug="asks-for-help", label="Asks for help"),
        ),
    ),
)


class Settings(_Strict):
    program: str = Field("Mentoring Program", description="shown in the site header")
    program_year_start: str = Field("09-01", description="MM-DD on which a program year starts")
    timezone: str | None = Field(
        None,
        description="IANA time zone in which 'today' is read, e.g. America/New_York "
        "(null: the machine's local zone, UTC on most CI runners)",
    )
    log_within_days: int = Field(7, ge=0, description="a note should be logged within these days")
    tracker: Tracker = Field(default_factory=Tracker)
    monthly_support_hours: float = Field(
        20, ge=0, le=744, description="monthly per-PM benchmark (hours; a month has at most 744)"
    )
    mentor_calls: MentorCalls = Field(default_factory=MentorCalls)
    summary_due: str = Field("06-30", description="MM-DD by which every active pair has a summary")
    safety: Safety = Field(default_factory=Safety)
    focus: Focus = Field(default_factory=Focus)
    participation: Participation = Field(default_factory=Participation)
    touch_points: tuple[TouchPoint, ...] = Field(
        (),
        description="scheduled touch points; the mentor calls are added unless one has "
        "type mentor-call (default: the mentor calls only)",
    )
    handoff_days: int = Field(
        90, ge=0, description="handoff packets include pairs handed over this recently"
    )
    tags: tuple[Tag, ...] = Field(
        default_factory=lambda: tuple(Tag(slug=s, label=label) for s, label in DEFAULT_TAGS),
        min_length=1,
    )
    note_types: tuple[NoteType, ...] = Field(
        default_factory=lambda: tuple(
            NoteType(slug=s, label=label, kind=s, description=d)
            for s, label, d in DEFAULT_NOTE_TYPES
        ),
        min_length=1,
    )
    rubric: Rubric = Field(default_factory=lambda: Rubric(categories=DEFAULT_RUBRIC))

    _check_year = field_validator("program_year_start", "summary_due")(
        classmethod(lambda cls, v: _month_day(v))
    )

    @field_validator("program_year_start")
    @classmethod
    def _start_every_year(cls, value: str) -> str:
        if value == "02-29":  # most years have no such day: the years would not join up
            raise ValueError("cannot be 02-29, a day most years do not have; write 03-01")
        return value

    _check_zone = field_validator("timezone")(classmethod(lambda cls, v: _time_zone(v)))

    @model_validator(mode="after")
    def _consistent(self) -> Settings:
        if self.tracker.stale_after_days < self.tracker.watch_after_days:
            raise ValueError("tracker.stale_after_days must not be below tracker.watch_after_days")
        for name, items in (("tags", self.tags), ("note_types", self.note_types)):
            slugs = [i.slug for i in items]
            if len(slugs) != len(set(slugs)):
                raise ValueError(f"{name} lists the same slug twice")
        labels = [t.label.lower() for t in self.tags]  # a note may name a tag by its label
        if len(labels) != len(set(labels)):
            twice = next(t.label for t in self.tags if labels.count(t.label.lower()) > 1)
            raise ValueError(f"tags lists the label `{twice}` twice (upper or lower case)")
        self._check_touch_points()
        self._check_review_tags()
        return self

    def _check_touch_points(self) -> None:
        given = self.touch_points
        ids = [t.id for t in given]
        if len(ids) != len(set(ids)):
            raise ValueError("touch_points lists the same id twice")
        types = {t.slug for t in self.note_types}
        for t in given:
            if t.type not in types:
                raise ValueError(
                    f"the touch point `{t.id}` counts notes of type `{t.type}`, which is not "
                    "a note type; use one of: " + ", ".join(sorted(types))
                )
        calls = [t for t in given if t.type == "mentor-call"]
        if len(calls) > 1:
            raise ValueError("touch_points may have only one touch point of type mentor-call")
        if calls and "mentor_calls" in self.model_fields_set:
            raise ValueError(
                "the mentor-call due dates are set twice, in `mentor_calls` and in the touch "
                f"point `{calls[0].id}`; keep one of them"
            )
        if not calls and MENTOR_CALLS_ID in ids:
            raise ValueError(
                f"the touch point id `{MENTOR_CALLS_ID}` is the mentor calls' own; "
                "choose another id, or give it `type: mentor-call`"
            )

    def _check_review_tags(self) -> None:
        if "review_tags" not in self.safety.model_fields_set:
            return  # the default keeps only the tags the program has (see review_tags)
        for tag in self.safety.review_tags:
            if tag not in self.tag_labels:
                raise ValueError(f"safety.review_tags names `{tag}`, which is not a category tag")

    # Lookups used by the rules and templates (cached: settings are immutable).
    @cached_property
    def tag_labels(self) -> dict[str, str]:
        return {t.slug: t.label for t in self.tags}

    @cached_property
    def tag_by_label(self) -> dict[str, str]:
        return {t.label.lower(): t.slug for t in self.tags}

    @cached_property
    def types(self) -> dict[str, NoteType]:
        return {t.slug: t for t in self.note_types}

    @cached_property
    def categories(self) -> dict[str, RubricCategory]:
        return {c.slug: c for c in self.rubric.categories}

    @cached_property
    def scheduled(self) -> tuple[TouchPoint, ...]:
        """Every scheduled touch point, the mentor calls first (from `mentor_calls` unless a
        touch point of type mentor-call replaces them)."""
        given = self.touch_points
        if any(t.type == "mentor-call" for t in given):
            return tuple(sorted(given, key=lambda t: t.type != "mentor-call"))
        calls = TouchPoint(
            id=MENTOR_CALLS_ID,
            label="Mentor calls",
            with_="mentor",
            type="mentor-call",
            due=self.mentor_calls.due,
        )
        return (calls, *given)

    @cached_property
    def review_tags(self) -> tuple[str, ...]:
        """`safety.review_tags`, less any default tag the program's vocabulary lacks."""
        return tuple(t for t in self.safety.review_tags if t in self.tag_labels)

    def year_of(self, day: date) -> str:
        """The program-year label (`2025-26`) of a date."""
        return _year_of(self.program_year_start, day)

    def year_start(self, label: str) -> date:
        return _on(int(label[:4]), self.program_year_start)

    def year_end(self, label: str) -> date:
        """The last day of a program year."""
        from datetime import timedelta

        return _on(int(label[:4]) + 1, self.program_year_start) - timedelta(days=1)

    def in_year(self, label: str, month_day: str) -> date:
        """The date of `month_day` within program year `label`."""
        start = self.year_start(label)
        candidate = _on(start.year, month_day)
        return candidate if candidate >= start else _on(start.year + 1, month_day)


@lru_cache(maxsize=65536)
def _year_of(program_year_start: str, day: date) -> str:
    """`Settings.year_of`, remembered: it is asked a million times a build at 100k notes,
    of a few thousand dates."""
    month, dom = int(program_year_start[:2]), int(program_year_start[3:])
    start = day.year if (day.month, day.day) >= (month, dom) else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


@lru_cache(maxsize=4096)  # asked half a million times a build at 100k, of a few dates
def _on(year: int, month_day: str) -> date:
    month, day = int(month_day[:2]), int(month_day[3:])
    if month == 2 and day == 29:
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return date(year, month, day)


YEAR_LABEL = re.compile(r"^(\d{4})-(\d{2})$")


def is_year_label(value: str) -> bool:
    """`2025-26`: a start year notesite works with (1900 to 9998) and the next one's digits."""
    m = YEAR_LABEL.match(value)
    return (
        m is not None
        and FIRST_YEAR <= int(m.group(1)) <= LAST_YEAR
        and (int(m.group(1)) + 1) % 100 == int(m.group(2))
    )
