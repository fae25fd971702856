"""SPEC §9 facts of a pair, at their edges, with hand-computed dates.

Unless a test says otherwise: today is 2026-11-22 (program year 2026-27), settings are the
defaults (watch > 14 days, stale > 30, calls due 11-30 / 02-28 / 05-31, summary due 06-30).
"""

from __future__ import annotations

from datetime import date

import pytest

from notesite.derive import measures as derive
from notesite.models import ParticipationRow
from notesite.settings import Settings

D = date.fromisoformat
TODAY = D("2026-11-22")
DEFAULTS = Settings()


# --- Last support, days since support, tracker level -----------------------------------------


@pytest.mark.parametrize(
    ("last", "days", "level"),
    [
        ("2026-11-22", 0, "ok"),
        ("2026-11-08", 14, "ok"),
        ("2026-11-07", 15, "watch"),
        ("2026-10-23", 30, "watch"),
        ("2026-10-22", 31, "stale"),
    ],
    ids=[
        "today-ok",
        "exactly-watch-after-ok",
        "watch-after-plus-1-watch",
        "exactly-stale-after-watch",
        "stale-after-plus-1-stale",
    ],
)
def test_tracker_level_thresholds_are_strictly_greater_than(mk, last, days, level):
    pair = mk.pair()
    notes = [mk.note("2026-09-10"), mk.note(last)]

    assert derive.last_support(notes) == D(last)
    assert derive.days_since_support(pair, notes, TODAY) == days
    assert derive.tracker_level(pair, days, DEFAULTS) == level


def test_days_since_support_without_support_notes_counts_from_matched_on(mk):
    pair = mk.pair(matched_on="2026-11-01")

    assert derive.last_support([]) is None
    assert derive.days_since_support(pair, [], TODAY) == 21


def test_summary_notes_are_not_support(mk):
    pair = mk.pair(matched_on="2025-09-15")
    notes = [mk.note("2026-10-01"), mk.note("2026-11-20", type="summary", program_year="2026-27")]

    assert derive.support_notes(notes) == [notes[0]]
    assert derive.last_support(notes) == D("2026-10-01")
    assert derive.days_since_support(pair, notes, TODAY) == 52


def test_a_pair_with_only_a_summary_counts_from_matched_on(mk):
    pair = mk.pair(matched_on="2026-10-01")
    notes = [mk.note("2026-11-20", type="summary", program_year="2026-27")]

    assert derive.last_support(notes) is None
    assert derive.days_since_support(pair, notes, TODAY) == 52


@pytest.mark.parametrize("kind", ["support", "mentor-call", "safety", "out-of-program"])
def test_every_type_but_summary_is_support(mk, kind):
    notes = [mk.note("2026-11-20", type=kind)]

    assert derive.last_support(notes) == D("2026-11-20")


@pytest.mark.parametrize("status", ["paused", "closed"])
def test_paused_and_closed_pairs_are_inactive_but_still_have_days_since_support(mk, status):
    closed_on = "2026-10-15" if status == "closed" else None
    pair = mk.pair(status=status, closed_on=closed_on)
    notes = [mk.note("2026-10-01")]

    days = derive.days_since_support(pair, notes, TODAY)

    assert days == 52
    assert derive.tracker_level(pair, days, DEFAULTS) == "inactive"
    assert derive.tracker_level(pair, 0, DEFAULTS) == "inactive"


@pytest.mark.parametrize(
    ("days", "level"),
    [(3, "ok"), (4, "watch"), (5, "watch"), (6, "stale")],
    ids=["3-ok", "4-watch", "5-watch", "6-stale"],
)
def test_tracker_level_uses_custom_thresholds(mk, days, level):
    settings = Settings.model_validate({"tracker": {"watch_after_days": 3, "stale_after_days": 5}})

    assert derive.tracker_level(mk.pair(), days, settings) == level


def test_tracker_level_with_equal_thresholds_goes_from_ok_to_stale(mk):
    settings = Settings.model_validate({"tracker": {"watch_after_days": 7, "stale_after_days": 7}})

    assert derive.tracker_level(mk.pair(), 7, settings) == "ok"
    assert derive.tracker_level(mk.pair(), 8, settings) == "stale"


# --- Summary missing -----------------------------------------------------------------------


def _missing(mk, pair, today, *summaries, settings=DEFAULTS):
    notes = [mk.note("2026-06-15", type="summary", program_year=y) for y in summaries]
    return derive.summaries_missing(pair, notes, settings, D(today))


@pytest.mark.parametrize(
    ("today", "missing"),
    [("2026-06-30", []), ("2026-07-01", ["2025-26"])],
    ids=["due-date-is-today-not-passed", "day-after-due-missing"],
)
def test_summary_is_missing_once_its_due_date_has_passed(mk, today, missing):
    assert _missing(mk, mk.pair(matched_on="2025-09-15"), today) == missing


def test_a_summary_for_the_year_is_not_missing(mk):
    assert _missing(mk, mk.pair(), "2026-07-01", "2025-26") == []


def test_a_summary_for_another_program_year_does_not_count(mk):
    assert _missing(mk, mk.pair(), "2026-07-01", "2024-25") == ["2025-26"]


@pytest.mark.parametrize(
    ("matched_on", "missing"),
    [("2026-06-29", ["2025-26"]), ("2026-06-30", []), ("2026-07-15", [])],
    ids=["matched-day-before-due", "matched-on-due-date-not-before", "matched-after-due"],
)
def test_summary_is_due_only_from_pairs_matched_before_the_due_date(mk, matched_on, missing):
    assert _missing(mk, mk.pair(matched_on=matched_on), "2026-11-22") == missing


def test_a_pair_matched_after_the_due_date_of_its_first_year_owes_no_summary_for_it(mk):
    # 2025-08-20 is in program year 2024-25, whose summary was due 2025-06-30.
    assert _missing(mk, mk.pair(matched_on="2025-08-20"), "2026-11-22") == ["2025-26"]


@pytest.mark.parametrize(
    ("closed_on", "missing"),
    [("2026-06-29", []), ("2026-06-30", []), ("2026-07-01", ["2025-26"])],
    ids=["closed-before-due", "closed-on-due-date-not-active-on-it", "closed-after-due"],
)
def test_summary_of_a_closed_pair_is_due_only_if_it_was_active_on_the_due_date(
    mk, closed_on, missing
):
    pair = mk.pair(status="closed", closed_on=closed_on)

    assert _missing(mk, pair, "2026-11-22") == missing


def test_a_paused_pair_still_owes_summaries_because_pauses_are_not_dated(mk):
    assert _missing(mk, mk.pair(status="paused"), "2026-11-22") == ["2025-26"]


def test_summaries_missing_over_several_years(mk):
    pair = mk.pair(matched_on="2024-10-01")

    # Due 2025-06-30 and 2026-06-30 have passed; 2027-06-30 (2026-27) has not.
    assert _missing(mk, pair, "2026-11-22") == ["2024-25", "2025-26"]
    assert _missing(mk, pair, "2026-11-22", "2024-25") == ["2025-26"]
    assert _missing(mk, pair, "2027-07-01", "2025-26") == ["2024-25", "2026-27"]


def test_summary_due_follows_custom_settings(mk):
    settings = Settings(program_year_start="07-01", summary_due="05-31")
    pair = mk.pair(matched_on="2025-07-01")

    assert _missing(mk, pair, "2026-05-31", settings=settings) == []
    assert _missing(mk, pair, "2026-06-01", settings=settings) == ["2025-26"]


# --- Participation concern -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("mentor", "concern"),
    [
        ("", False),
        ("missed", False),
        ("missed missed", True),
        ("done missed missed", True),
        ("missed excused missed", True),
        ("missed missed excused", True),
        ("missed missed excused excused", True),
        ("missed done missed", False),
        ("missed missed done", False),
        ("excused excused excused", False),
        ("excused missed excused", False),
    ],
    ids=[
        "no-rows",
        "fewer-than-threshold",
        "exactly-threshold",
        "trailing-run-after-done",
        "excused-week-skipped-inside-run",
        "trailing-excused-skipped",
        "several-trailing-excused-skipped",
        "done-breaks-the-run",
        "latest-week-done",
        "only-excused",
        "one-missed-among-excused",
    ],
)
def test_participation_concern_by_default_threshold(mk, mentor, concern):
    assert derive.participation_concern(mk.weeks(mentor), DEFAULTS) is concern


@pytest.mark.parametrize(
    ("threshold", "mentor", "concern"),
    [
        (1, "done missed", True),
        (1, "missed done", False),
        (3, "missed missed", False),
        (3, "missed excused missed missed", True),
    ],
    ids=["1-one-miss", "1-then-done", "3-two-misses", "3-three-misses-around-excused"],
)
def test_participation_concern_uses_custom_threshold(mk, threshold, mentor, concern):
    settings = Settings.model_validate({"participation": {"escalate_after_missed": threshold}})

    assert derive.participation_concern(mk.weeks(mentor), settings) is concern


@pytest.mark.parametrize(
    ("mentor", "weeks", "excused", "words"),
    [
        ("done done", 0, 0, "no missed week at the end of the record"),
        ("done missed", 1, 0, "missed 1 week in a row: 14 Sep 2026"),
        ("missed missed", 2, 0, "missed 2 weeks in a row: 7 Sep and 14 Sep 2026"),
        (
            "missed excused missed",
            2,
            1,
            "missed 2 weeks in a row (not counting 1 excused week): 7 Sep and 21 Sep 2026",
        ),
        (
            "missed missed excused excused",
            2,
            2,
            "missed 2 weeks in a row (not counting 2 excused weeks): 7 Sep and 14 Sep 2026",
        ),
        (
            "excused missed missed missed",
            3,
            0,
            "missed 3 weeks in a row: 14 Sep, 21 Sep and 28 Sep 2026",
        ),
        ("missed missed missed missed", 4, 0, "missed 4 weeks in a row: 7 Sep to 28 Sep 2026"),
    ],
    ids=[
        "none",
        "one",
        "two",
        "excused-inside-the-run",
        "trailing-excused",
        "excused-before-the-run-not-counted",
        "four-as-a-range",
    ],
)
def test_the_missed_run_names_its_weeks_and_the_excused_ones_between(
    mk, mentor, weeks, excused, words
):
    run = derive.missed_run(mk.weeks(mentor))

    assert (run.count, run.excused, run.words) == (weeks, excused, words)
    assert derive.missed_weeks(mk.weeks(mentor)) == weeks


def test_a_missed_run_across_the_summer_shows_both_years_dates(mk):
    # A gap with no rows (the summer) is not hidden behind "the last 2 weeks".
    rows = mk.weeks("missed", start="2025-06-09") + mk.weeks("missed", start="2025-09-08")

    assert derive.missed_run(rows).words == "missed 2 weeks in a row: 9 Jun and 8 Sep 2025"
    rows = mk.weeks("missed", start="2025-06-09") + mk.weeks("missed", start="2026-01-12")
    assert derive.missed_run(rows).words == "missed 2 weeks in a row: 9 Jun 2025 and 12 Jan 2026"


def test_participation_concern_ignores_the_mentee_column(mk):
    rows = [ParticipationRow(r.pair, r.week, r.mentor, "missed", r.line) for r in mk.weeks("done")]

    assert derive.participation_concern(rows, DEFAULTS) is False


# --- Open out-of-program requests ----------------------------------------------------------


@pytest.mark.parametrize(
    ("planned_for", "open_"),
    [("2026-11-21", True), ("2026-11-22", False), ("2026-11-30", False)],
    ids=["planned-yesterday-open", "planned-today-not-passed", "planned-in-future"],
)
def test_request_is_open_once_planned_for_has_passed(mk, planned_for, open_):
    request = mk.request("2026-11-01", planned_for)

    assert derive.open_requests([request], TODAY) == ([request] if open_ else [])


def test_a_follow_up_naming_the_request_closes_it(mk):
    request = mk.request("2026-11-01", "2026-11-10")
    follow_up = mk.note("2026-11-12", type="out-of-program", follow_up_of=request.id)

    assert derive.open_requests([request, follow_up], TODAY) == []


def test_a_follow_up_of_another_request_does_not_close_it(mk):
    first = mk.request("2026-11-01", "2026-11-10")
    second = mk.request("2026-11-02", "2026-11-11")
    follow_up = mk.note("2026-11-12", type="out-of-program", follow_up_of=second.id)

    assert derive.open_requests([first, second, follow_up], TODAY) == [first]


def test_a_follow_up_closes_a_request_whatever_its_date(mk):
    # SPEC: "no note names it in follow_up_of" -- the follow-up's own date is not compared.
    request = mk.request("2026-11-01", "2026-11-10")
    follow_up = mk.note("2026-11-05", type="out-of-program", follow_up_of=request.id)

    assert derive.open_requests([request, follow_up], TODAY) == []


def test_a_declined_request_is_never_open_and_needs_no_follow_up(mk):
    # SPEC §9/§14: `approved: false` closes the request; no fake follow-up is needed.
    request = mk.request("2026-11-01", "2026-11-10", approved=False)

    assert derive.open_requests([request], TODAY) == []
    assert (
        derive.upcoming_meetings([mk.request("2026-11-20", "2026-11-30", approved=False)], TODAY)
        == []
    )


@pytest.mark.parametrize(
    ("planned_for", "upcoming"),
    [("2026-11-21", False), ("2026-11-22", True), ("2026-12-01", True)],
    ids=["yesterday-passed", "today-upcoming", "next-month-upcoming"],
)
def test_upcoming_meetings_are_approved_requests_from_today_on(mk, planned_for, upcoming):
    request = mk.request("2026-11-01", planned_for)

    assert derive.upcoming_meetings([request], TODAY) == ([request] if upcoming else [])


def test_upcoming_meetings_are_soonest_first(mk):
    later = mk.request("2026-11-01", "2026-12-10")
    sooner = mk.request("2026-11-02", "2026-11-25")

    assert derive.upcoming_meetings([later, sooner], TODAY) == [sooner, later]


def test_the_tracker_days_in_words():
    assert derive.since_support(1, D("2026-11-21")) == "1 day since the last support note"
    assert derive.since_support(40, None) == "40 days since the match (no support note yet)"
