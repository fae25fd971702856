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


# --- Mentor calls --------------------------------------------------------------------------


def test_mentor_calls_of_a_year_are_its_mentor_call_notes_dated_in_it(mk):
    notes = [
        mk.note("2025-08-31", type="mentor-call"),  # 2024-25
        mk.note("2025-09-01", type="mentor-call"),  # first day of 2025-26
        mk.note("2025-10-01", type="support"),  # not a call
        mk.note("2026-08-31", type="mentor-call"),  # last day of 2025-26
        mk.note("2026-09-01", type="mentor-call"),  # 2026-27
    ]

    calls = derive.mentor_calls(notes, "2025-26", DEFAULTS)

    assert [c.date for c in calls] == [D("2025-09-01"), D("2026-08-31")]


def test_mentor_calls_follow_a_custom_program_year_start(mk):
    settings = Settings(program_year_start="07-01")
    notes = [mk.note("2026-06-30", type="mentor-call"), mk.note("2026-07-01", type="mentor-call")]

    assert [c.date for c in derive.mentor_calls(notes, "2025-26", settings)] == [D("2026-06-30")]
    assert [c.date for c in derive.mentor_calls(notes, "2026-27", settings)] == [D("2026-07-01")]


def test_call_due_dates_fall_in_the_program_year_across_new_year():
    schedule = derive.calls_due([], "2026-27", DEFAULTS, TODAY)

    assert [(c.number, c.due) for c in schedule] == [
        (1, D("2026-11-30")),
        (2, D("2027-02-28")),
        (3, D("2027-05-31")),
    ]


def _behind(mk, pair, call_dates, today, settings=DEFAULTS):
    notes = [mk.note(d, type="mentor-call") for d in call_dates]
    year = settings.year_of(D(today))
    calls = derive.mentor_calls(notes, year, settings)
    schedule = derive.calls_due(calls, year, settings, D(today), pair.matched_on)
    return derive.behind_on_calls(pair, schedule)


@pytest.mark.parametrize(
    ("calls", "today", "behind"),
    [
        ([], "2026-11-30", False),
        ([], "2026-12-01", True),
        (["2026-11-30"], "2026-12-01", False),
        (["2026-12-01"], "2026-12-02", True),
        (["2026-09-01"], "2027-02-28", False),
        (["2026-09-01"], "2027-03-01", True),
        (["2026-09-01", "2027-02-28"], "2027-03-01", False),
        (["2026-09-01", "2026-09-02"], "2027-03-01", False),
        (["2026-09-01", "2026-12-01"], "2027-06-01", True),
        (["2026-09-01", "2026-12-01", "2027-05-31"], "2027-06-01", False),
        (["2026-08-31"], "2026-12-01", True),
    ],
    ids=[
        "today-is-due-date-not-past",
        "day-after-due-no-call-behind",
        "call-on-due-date-counts",
        "call-day-after-due-is-late",
        "one-call-on-second-due-date-not-past",
        "one-call-after-second-due-behind",
        "second-call-on-second-due-date",
        "two-early-calls-cover-two-due-dates",
        "two-calls-after-third-due-behind",
        "three-calls-by-third-due",
        "call-of-previous-program-year-does-not-count",
    ],
)
def test_behind_on_mentor_calls(mk, calls, today, behind):
    assert _behind(mk, mk.pair(), calls, today) is behind


@pytest.mark.parametrize("status", ["paused", "closed"])
def test_paused_and_closed_pairs_are_never_behind(mk, status):
    closed_on = "2026-10-15" if status == "closed" else None
    pair = mk.pair(status=status, closed_on=closed_on)

    assert _behind(mk, pair, [], "2027-08-31") is False


@pytest.mark.parametrize(
    ("today", "behind"),
    [("2026-12-01", False), ("2027-02-28", False), ("2027-03-01", True)],
    ids=["november-not-due", "due-date-in-next-calendar-year-not-past", "day-after-behind"],
)
def test_custom_call_due_dates_in_the_next_calendar_year(mk, today, behind):
    settings = Settings.model_validate({"mentor_calls": {"due": ["02-28"]}})

    assert _behind(mk, mk.pair(), [], today, settings) is behind


def test_no_call_due_dates_means_never_behind(mk):
    settings = Settings.model_validate({"mentor_calls": {"due": []}})

    assert _behind(mk, mk.pair(), [], "2027-08-31", settings) is False


def test_due_dates_before_the_match_are_not_owed(mk):
    # SPEC §9 read literally makes a pair matched on 2026-12-10 behind all year (it can never
    # log call 1 by 2026-11-30). Deviation, documented: due dates on or before the match are
    # not owed, and the j-th owed due date needs j calls.
    pair = mk.pair(matched_on="2026-12-10")

    assert _behind(mk, pair, [], "2026-12-12") is False
    assert _behind(mk, pair, [], "2027-03-01") is True  # 02-28 is its first owed call
    assert _behind(mk, pair, ["2027-01-15"], "2027-03-01") is False
    assert _behind(mk, pair, ["2027-01-15"], "2027-06-01") is True  # 05-31 needs 2


def test_a_pair_matched_on_a_due_date_does_not_owe_that_call(mk):
    pair = mk.pair(matched_on="2026-11-30")

    assert _behind(mk, pair, [], "2026-12-01") is False


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


def test_a_request_not_approved_is_still_open_without_a_follow_up(mk):
    request = mk.note(
        "2026-11-01",
        type="out-of-program",
        meeting={"requested_on": "2026-11-01", "planned_for": "2026-11-10", "approved": False},
    )

    assert derive.open_requests([request], TODAY) == [request]


@pytest.mark.parametrize(
    ("calls", "today", "status", "active"),
    [
        ([], "2026-11-15", "upcoming", True),
        (["2026-11-01"], "2026-11-15", "done-early", True),
        (["2026-11-01"], "2026-12-01", "done", True),
        ([], "2026-12-01", "behind", True),
        ([], "2026-12-01", "missed", False),
    ],
    ids=["upcoming", "done-early", "done", "behind", "missed-when-not-active"],
)
def test_each_due_date_has_a_status(mk, calls, today, status, active):
    notes = [mk.note(d, type="mentor-call") for d in calls]
    year = DEFAULTS.year_of(D(today))
    [first, *_] = derive.calls_due(
        derive.mentor_calls(notes, year, DEFAULTS), year, DEFAULTS, D(today), active=active
    )

    assert first.status == status
    assert first.state.flagged is (status == "behind")


def test_a_due_date_before_the_match_is_not_owed_and_the_shortfall_is_in_words():
    schedule = derive.calls_due([], "2026-27", DEFAULTS, D("2026-12-01"), D("2026-12-01"))

    assert [c.status for c in schedule] == ["not-owed", "upcoming", "upcoming"]
    assert schedule[0].state.words == "not owed (matched after it)"
    assert schedule[1].shortfall == "1 call due by 28 Feb 2027, 0 logged by then"


def test_the_tracker_days_in_words():
    assert derive.since_support(1, D("2026-11-21")) == "1 day since the last support note"
    assert derive.since_support(40, None) == "40 days since the match (no support note yet)"
