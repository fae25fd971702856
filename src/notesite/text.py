"""Dates, plurals, slugs and names as every page, packet and report writes them: one copy each.

Dates are English whatever the machine's locale, so the same files build the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for the annotations: this module is a leaf
    from notesite.models import Pair, StaffMember

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NO_DATE = "—"


def shortdate(day: date | None) -> str:
    """`3 Oct`; a dash when there is no date."""
    return f"{day.day} {MONTHS[day.month - 1]}" if isinstance(day, date) else NO_DATE


def longdate(day: date | None) -> str:
    """`3 Oct 2026`; a dash when there is no date."""
    return f"{shortdate(day)} {day.year}" if isinstance(day, date) else NO_DATE


def month_key(day: date) -> str:
    """`2026-10`: the calendar month of `day`, as tables and the JSON name it."""
    return f"{day.year:04d}-{day.month:02d}"


def month_range(first: date, last: date) -> list[str]:
    """`YYYY-MM` of every calendar month from `first` to `last`, both included."""
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def noun(n: int, one: str, many: str | None = None) -> str:
    """The word for `n` things: `one` for exactly one, else `many` (default: `one` + "s")."""
    return one if n == 1 else (many or one + "s")


def plural(n: int, one: str, many: str | None = None) -> str:
    """`1 pair`, `3 pairs`, `2 entries`, `199,950 warnings`."""
    return f"{n:,} {noun(n, one, many)}"


def slug(text: str) -> str:
    """Letters and digits kept, every other run of characters one dash: a safe id or class."""
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)


def school_key(name: str) -> str:
    """A school's value in the pairs and search filters: its slug, so that spellings of one
    school (`Harbor High`, `harbor-high`) share one filter.

    A name with no letter or digit ("!!!", "???", "—") has an empty slug, which is the
    value of every filter's "All" choice: its filter would hide every other pair. Such a
    name gets a key of its own from its text instead, which no slug can equal (a slug never
    holds `--`).
    """
    return slug(name) or "x--" + hashlib.blake2b(name.encode(), digest_size=6).hexdigest()


def staff_name(staff: Mapping[str, StaffMember], sid: str) -> str:
    """A staff member's name; the id itself when they are not on the roster."""
    member = staff.get(sid)
    return member.name if member else sid


FSI, PDI = "\u2068", "\u2069"  # first-strong isolate ... pop directional isolate


def pair_names(pair: Pair, *, isolate: bool = False) -> str:
    """`Mentee & Mentor`: how a pair is named next to its id. `isolate`: each name between
    Unicode isolates, for plain text such as a page title, where `<bdi>` cannot be used, so
    an Arabic or Hebrew name cannot reorder the title around it."""
    if isolate:
        return f"{FSI}{pair.mentee.name}{PDI} & {FSI}{pair.mentor.name}{PDI}"
    return f"{pair.mentee.name} & {pair.mentor.name}"
