"""Pydantic models of the data files, exactly as SPEC §4–§7 describe them.

These check shape and types only; rules that need the settings (tags, note types, rubric)
or other files (references, match periods) live in `validate/`. The same models generate the
JSON Schemas editors use (`notesite schema`), so what an editor flags is what CI flags.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
)

from notesite.settings import (
    FIRST_YEAR,
    LAST_YEAR,
    Contact,
    PairStatus,
    SafetySeverity,
    StaffRole,
)

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
Id = Annotated[StrictStr, Field(pattern=ID_PATTERN)]

# The dates notesite works with. Python's dates end at 9999-12-31 and a program year runs
# into the next calendar year, so the last usable year is 9998; the first is 1900, long
# before any program, so that a slip like 0226-10-03 (for 2026) is caught, not published
# (FIRST_YEAR and LAST_YEAR live in settings.py with the rest of the vocabulary).
YEARS = f"{FIRST_YEAR} to {LAST_YEAR}"


def check_day(day: date) -> str | None:
    """Why notesite cannot work with `day`, or None."""
    if FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return f"{day.isoformat()} is outside the years notesite works with ({YEARS}); check the year"


def _in_range(day: date) -> date:
    problem = check_day(day)
    if problem:
        raise ValueError(f"is {problem}")
    return day


def _year_in_range(label: str) -> str:
    if not FIRST_YEAR <= int(label[:4]) <= LAST_YEAR:
        raise ValueError(
            f"is {label}, outside the years notesite works with ({YEARS}); check the year"
        )
    return label


YearLabel = Annotated[StrictStr, Field(pattern=r"^\d{4}-\d{2}$"), AfterValidator(_year_in_range)]
Text = Annotated[StrictStr, StringConstraints(strip_whitespace=True, min_length=1)]  # not blank


def _not_a_number(value: Any) -> Any:
    # pydantic would read 1700000000 as a Unix timestamp; a PM never means that.
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("should be a date written YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_not_a_number), AfterValidator(_in_range)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StaffMember(_Model):
    id: Id
    name: Text
    role: StaffRole
    manager: Id | None = None
    active: StrictBool = True


class Person(_Model):
    id: Id
    name: Text


class Mentee(Person):
    grade: StrictInt | None = Field(None, ge=1, le=13)


class PmPeriod(_Model):
    pm: Id
    from_: Day = Field(alias="from")
    to: Day

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Pair(_Model):
    id: Id
    mentor: Person
    mentee: Mentee
    school: Text
    cohort: StrictStr | StrictInt | None = None
    pm: Id
    pm_history: tuple[PmPeriod, ...] = ()
    matched_on: Day
    status: PairStatus
    closed_on: Day | None = None
    closure_reason: StrictStr | None = None


class Meeting(_Model):
    requested_on: Day
    planned_for: Day
    approved: StrictBool


class NoteFront(_Model):
    """A note's front matter. Type-specific fields are optional here; rules enforce them."""

    pair: Id
    type: StrictStr
    author: Id
    date: Day
    logged: Day
    minutes: StrictInt = Field(ge=1, le=600)
    contact: tuple[Contact, ...] = Field(min_length=1)
    tags: tuple[StrictStr, ...] = Field(min_length=1, max_length=5)
    program_year: YearLabel | None = None
    severity: SafetySeverity | None = None
    escalated_to: tuple[Id, ...] | None = None
    escalated_on: Day | None = None
    meeting: Meeting | None = None
    follow_up_of: StrictStr | None = None


class Rating(_Model):
    staff: Id
    rater: Id
    program_year: YearLabel
    rated_on: Day
    ratings: dict[StrictStr, StrictInt | dict[StrictStr, StrictInt]]
    comments: StrictStr | None = None


class FocusEntry(_Model):
    pair: Id
    rationale: Text
    goal: StrictStr | None = None


class FocusList(_Model):
    staff: Id
    date: Day
    next_check_in: Day | None = None
    pairs: tuple[FocusEntry, ...] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class ParticipationRow:
    """One CSV row; a plain dataclass because files may hold hundreds of thousands of rows."""

    pair: str
    week: date
    mentor: str  # done | missed | excused
    mentee: str
    line: int
