"""The one copy of dates, plurals, slugs and names every page and report uses."""

from __future__ import annotations

from datetime import date

from notesite import text
from notesite.models import Pair


def test_dates_are_english_whatever_the_locale() -> None:
    assert text.shortdate(date(2026, 3, 5)) == "5 Mar"
    assert text.longdate(date(2026, 11, 2)) == "2 Nov 2026"
    assert text.shortdate(None) == text.longdate(None) == "—"


def test_month_range_spans_years_and_keeps_empty_months() -> None:
    assert text.month_range(date(2025, 11, 30), date(2026, 2, 1)) == [
        "2025-11", "2025-12", "2026-01", "2026-02"
    ]  # fmt: skip
    assert text.month_key(date(2026, 3, 31)) == "2026-03"


def test_plural_takes_one_for_exactly_one() -> None:
    assert [text.plural(n, "pair") for n in (0, 1, 2)] == ["0 pairs", "1 pair", "2 pairs"]
    assert text.plural(3, "entry", "entries") == "3 entries"
    assert text.noun(1, "entry", "entries") == "entry"


def test_slug_keeps_letters_and_digits_and_one_dash_between() -> None:
    assert text.slug("p-0001/2026-10-03-Support") == "p-0001-2026-10-03-support"
    assert text.slug("  Harbor High -- School! ") == "harbor-high-school"


def test_names() -> None:
    pair = Pair.model_validate(
        {
            "id": "p-0001",
            "mentor": {"id": "m-1", "name": "Ines Ortiz"},
            "mentee": {"id": "e-1", "name": "Dana W."},
            "school": "Harbor High School",
            "pm": "pm-a",
            "matched_on": date(2025, 9, 15),
            "status": "active",
        }
    )
    assert text.pair_names(pair) == "Dana W. & Ines Ortiz"
    assert text.staff_name({}, "pm-zz") == "pm-zz"
