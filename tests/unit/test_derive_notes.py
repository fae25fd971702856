"""SPEC §9 facts of notes and of a PM's notes: logging lag, safety escalation, monthly support
hours, median logging lag and focus-list follow-up. Values are computed by hand."""

from __future__ import annotations

from datetime import date

import pytest

from notesite.derive import measures as derive
from notesite.settings import Settings

D = date.fromisoformat
DEFAULTS = Settings()


# --- Logging lag -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("logged", "lag", "late"),
    [("2026-10-03", 0, False), ("2026-10-10", 7, False), ("2026-10-11", 8, True)],
    ids=["same-day", "exactly-log-within-days-not-late", "one-day-more-late"],
)
def test_logging_lag_and_late(mk, logged, lag, late):
    note = mk.note("2026-10-03", logged=logged)

    assert derive.logging_lag(note.date, note.logged) == lag
    assert derive.late(lag, DEFAULTS) is late
    assert derive.logged_late(note, DEFAULTS) is late


def test_logging_lag_crosses_a_month_end():
    assert derive.logging_lag(D("2026-01-28"), D("2026-02-05")) == 8


@pytest.mark.parametrize(("lag", "late"), [(0, False), (1, True)], ids=["0-on-time", "1-late"])
def test_logged_late_uses_custom_log_within_days(mk, lag, late):
    settings = Settings(log_within_days=0)

    assert derive.logged_late(mk.note("2026-10-03", lag=lag), settings) is late


# --- Safety escalation -----------------------------------------------------------------------


def _safety(mk, escalated_on=None, severity="major"):
    return mk.note("2026-10-03", type="safety", severity=severity, escalated_on=escalated_on)


@pytest.mark.parametrize(
    ("escalated_on", "lag", "late"),
    [("2026-10-03", 0, False), ("2026-10-04", 1, False), ("2026-10-05", 2, True)],
    ids=["same-day", "exactly-escalate-within-days-not-late", "one-day-more-late"],
)
def test_major_safety_escalation_lag_and_late(mk, escalated_on, lag, late):
    note = _safety(mk, escalated_on)

    assert derive.escalation_lag(note) == lag
    assert derive.escalated_late(note, DEFAULTS) is late
    assert derive.unescalated(note) is False


@pytest.mark.parametrize(("lag", "late"), [(0, False), (1, True)], ids=["0-on-time", "1-late"])
def test_escalation_late_uses_custom_escalate_within_days(mk, lag, late):
    settings = Settings.model_validate({"safety": {"escalate_within_days": 0}})
    note = _safety(mk, f"2026-10-0{3 + lag}")

    assert derive.escalated_late(note, settings) is late


def test_minor_safety_notes_are_never_late_or_unescalated(mk):
    assert derive.escalated_late(_safety(mk, "2026-10-20", "minor"), DEFAULTS) is False
    assert derive.escalation_lag(_safety(mk, "2026-10-20", "minor")) == 17
    assert derive.unescalated(_safety(mk, None, "minor")) is False


def test_major_safety_note_without_escalated_on_is_unescalated_not_late(mk):
    note = _safety(mk, None)

    assert derive.escalation_lag(note) is None
    assert derive.unescalated(note) is True
    assert derive.escalated_late(note, DEFAULTS) is False


def test_only_safety_notes_can_be_unescalated(mk):
    assert derive.unescalated(mk.note("2026-10-03", type="support")) is False


@pytest.mark.parametrize(
    ("severity", "escalated_on", "status", "words", "flagged"),
    [
        ("major", None, "unescalated", "not escalated", True),
        ("major", "2026-10-05", "late", "escalated late", True),
        ("major", "2026-10-04", "on-time", "escalated on time", False),
        # A minor concern has no deadline: escalated after 5 days it is not "on time".
        ("minor", "2026-10-08", "minor-escalated", "escalated (minor: no deadline)", False),
        ("minor", None, "minor", "not escalated (minor)", False),
    ],
    ids=["major-unescalated", "major-late", "major-on-time", "minor-escalated", "minor"],
)
def test_escalation_status_and_its_words(mk, severity, escalated_on, status, words, flagged):
    note = _safety(mk, escalated_on, severity)

    assert derive.escalation_status(note, DEFAULTS) == status
    escalation = derive.escalation(note, DEFAULTS)
    assert escalation is not None and escalation.status == status
    assert (escalation.state.words, escalation.state.flagged) == (words, flagged)
    assert escalation.lag == derive.escalation_lag(note)


def test_only_safety_notes_have_an_escalation(mk):
    assert derive.escalation(mk.note("2026-10-03", type="support"), DEFAULTS) is None


# --- Monthly support hours -----------------------------------------------------------------


LATER = D("2030-01-01")  # a "today" after every note: no month is in progress


def _months(mk, *dated_minutes, settings=DEFAULTS):
    notes = [mk.note(d, minutes=m) for d, m in dated_minutes]
    months = derive.monthly_hours(notes, settings, LATER)
    return [(m.month, m.minutes, m.hours, m.meets) for m in months]


@pytest.mark.parametrize(
    ("minutes", "hours", "meets"),
    [(1200, 20.0, True), (1199, 19.98, False), (1201, 20.02, True)],
    ids=["exactly-20h-meets", "one-minute-short", "one-minute-over"],
)
def test_monthly_benchmark_is_met_at_exactly_20_hours(mk, minutes, hours, meets):
    notes = [("2026-10-01", 600), ("2026-10-31", minutes - 600)]

    assert _months(mk, *notes) == [("2026-10", minutes, hours, meets)]


@pytest.mark.parametrize(
    ("minutes", "hours"),
    [(1, 0.02), (50, 0.83), (90, 1.5), (100, 1.67), (125, 2.08), (600, 10.0)],
    ids=["1min", "50min", "90min", "100min", "125min", "600min"],
)
def test_monthly_hours_are_minutes_over_60_rounded_half_up(mk, minutes, hours):
    assert _months(mk, ("2026-10-03", minutes))[0][2] == hours


def test_monthly_hours_sum_minutes_before_rounding(mk):
    # 3 x 10 min = 30 min = 0.5 h; rounding each note first (0.17 h) would give 0.51.
    assert _months(mk, *[("2026-10-03", 10)] * 3) == [("2026-10", 30, 0.5, False)]


def test_the_month_of_today_is_in_progress_not_below(mk):
    notes = [mk.note("2026-10-03", minutes=60), mk.note("2026-11-03", minutes=60)]

    months = derive.monthly_hours(notes, DEFAULTS, D("2026-11-22"))

    assert [(m.month, m.state.words, m.state.flagged, m.counted) for m in months] == [
        ("2026-10", "below", True, True),
        ("2026-11", "in progress", False, False),
    ]
    assert derive.Month("2026-11", 1200, True, current=True).state.words == "meets"


def test_months_outside_the_class_months_are_not_applicable(mk):
    notes = [mk.note("2026-06-30", minutes=60), mk.note("2026-09-01", minutes=60)]
    applicable = frozenset({"2026-06", "2026-09"})

    months = derive.monthly_hours(notes, DEFAULTS, LATER, applicable)

    assert [(m.month, m.state.code, m.counted) for m in months] == [
        ("2026-06", "below", True),
        ("2026-07", "not-applicable", False),
        ("2026-08", "not-applicable", False),
        ("2026-09", "below", True),
    ]
    assert months[1].state.words == "not applicable (no classes)"


def test_the_class_months_of_a_year_are_every_schools_class_days_months():
    from notesite.class_calendar import Calendars

    days = {
        ("North High", "2026-27"): (D("2026-09-15"), D("2026-10-06")),
        ("South High", "2026-27"): (D("2026-10-20"), D("2027-01-12")),
        ("South High", "2025-26"): (D("2025-09-16"),),
        ("East High", "2024-25"): (),
    }
    months = Calendars(days).months

    assert months == {
        "2026-27": frozenset({"2026-09", "2026-10", "2027-01"}),
        "2025-26": frozenset({"2025-09"}),
    }  # a year with no class day has none: the benchmark then uses the whole year


def test_a_month_before_the_first_note_is_not_applicable():
    month = derive.month_of("2026-09", 0, DEFAULTS, LATER, "2026-10", None)

    assert month.state.words == "not applicable (before the first note)"
    assert derive.month_of("2026-10", 0, DEFAULTS, LATER, "2026-10", None).state.code == "below"
    assert derive.month_of("2026-10", 0, DEFAULTS, LATER, None, None).not_applicable is not None


@pytest.mark.parametrize(
    ("settings", "first", "last", "count"),
    [
        ({}, "2026-09", "2027-06", 10),  # 09-01 .. 06-30: July and August are not applicable
        ({"program_year_start": "08-15", "summary_due": "05-31"}, "2026-08", "2027-05", 10),
        ({"program_year_start": "01-01", "summary_due": "12-31"}, "2026-01", "2026-12", 12),
    ],
    ids=["default", "mid-month-start", "calendar-year"],
)
def test_without_a_calendar_the_benchmark_months_run_from_the_year_start_to_summary_due(
    mk, settings, first, last, count
):
    s = Settings.model_validate(settings)
    program = mk.program(settings=s)
    year = s.year_of(D(first + "-20"))

    assert derive.class_months(program, year) is None
    months = sorted(derive.benchmark_months(program, [year]))
    assert (months[0], months[-1], len(months)) == (first, last, count)


def test_monthly_hours_include_empty_months_between_first_and_last_note(mk):
    months = _months(mk, ("2026-09-30", 60), ("2026-12-01", 30))

    assert months == [
        ("2026-09", 60, 1.0, False),
        ("2026-10", 0, 0.0, False),
        ("2026-11", 0, 0.0, False),
        ("2026-12", 30, 0.5, False),
    ]


def test_monthly_hours_roll_over_from_december_to_january(mk):
    months = _months(mk, ("2025-11-15", 60), ("2025-12-31", 90), ("2026-01-01", 30))

    assert months == [
        ("2025-11", 60, 1.0, False),
        ("2025-12", 90, 1.5, False),
        ("2026-01", 30, 0.5, False),
    ]


def test_monthly_hours_group_notes_in_any_order(mk):
    months = _months(mk, ("2026-02-01", 30), ("2025-12-05", 30), ("2026-02-28", 30))

    assert [m[:2] for m in months] == [("2025-12", 30), ("2026-01", 0), ("2026-02", 60)]


def test_monthly_hours_of_no_notes_is_empty():
    assert derive.monthly_hours([], DEFAULTS, LATER) == []


@pytest.mark.parametrize(
    ("minutes", "meets"),
    [(497, False), (498, True)],
    ids=["497min-below-8.3h", "498min-is-exactly-8.3h"],
)
def test_a_fractional_benchmark_is_compared_exactly(mk, minutes, meets):
    # In floats 8.3 * 60 is 498.00000000000006, so 498 minutes used to fall short.
    settings = Settings(monthly_support_hours=8.3)

    assert _months(mk, ("2026-10-03", minutes), settings=settings)[0][3] is meets


# --- Median logging lag --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lags", "median"),
    [
        ([], None),
        ([3], 3.0),
        ([10, 1, 2], 2.0),
        ([1, 2, 3, 10], 2.5),
        ([0, 1], 0.5),
        ([0, 0, 9, 9], 4.5),
    ],
    ids=["no-notes-null", "one", "odd-unsorted", "even-mean-of-middle-two", "half", "wide"],
)
def test_median_logging_lag(lags, median):
    assert derive.median_lag(lags) == median


# --- Focus-list follow-up ------------------------------------------------------------------


def test_focus_window_ends_follow_up_days_after_the_list_by_default(mk):
    focus = mk.focus("2026-11-02", ["p-0001"])

    assert derive.focus_window_end(focus, DEFAULTS) == D("2026-11-09")


def test_focus_window_uses_custom_follow_up_days(mk):
    settings = Settings.model_validate({"focus": {"follow_up_days": 3}})

    assert derive.focus_window_end(mk.focus("2026-11-30", ["p-0001"]), settings) == D("2026-12-03")


def test_focus_window_ends_at_next_check_in_when_given(mk):
    focus = mk.focus("2026-11-02", ["p-0001"], next_check_in="2026-11-16")

    assert derive.focus_window_end(focus, DEFAULTS) == D("2026-11-16")


def _item(mk, note_kw=None, today="2026-11-22", **focus_kw):
    notes = [mk.note(**note_kw)] if note_kw else []
    program = mk.program(pairs=[mk.pair(), mk.pair("p-0002")], notes=notes)
    focus = mk.focus("2026-11-02", ["p-0001"], **focus_kw)
    [item] = derive.focus_items([focus], program, D(today))
    return item


@pytest.mark.parametrize(
    ("on", "followed"),
    [
        ("2026-11-01", False),
        ("2026-11-02", True),
        ("2026-11-05", True),
        ("2026-11-09", True),
        ("2026-11-10", False),
    ],
    ids=[
        "day-before-list",
        "on-list-date-counts",
        "inside-window",
        "on-window-end-counts",
        "day-after-window-end",
    ],
)
def test_focus_entry_followed_up_by_a_note_in_the_inclusive_window(mk, on, followed):
    assert _item(mk, {"on": on}).followed_up is followed


def test_focus_follow_up_window_ends_at_next_check_in_inclusive(mk):
    assert _item(mk, {"on": "2026-11-16"}, next_check_in="2026-11-16").followed_up is True
    assert _item(mk, {"on": "2026-11-17"}, next_check_in="2026-11-16").followed_up is False


@pytest.mark.parametrize(
    "note_kw",
    [
        {"on": "2026-11-05", "type": "summary", "program_year": "2026-27"},
        {"on": "2026-11-05", "type": "safety", "severity": "minor"},
        {"on": "2026-11-05", "author": "pm-other"},
    ],
    ids=["summary", "safety", "another-author"],
)
def test_any_note_type_and_any_author_follows_up(mk, note_kw):
    assert _item(mk, note_kw).followed_up is True


def test_a_note_of_another_pair_does_not_follow_up(mk):
    assert _item(mk, {"on": "2026-11-05", "pair": "p-0002"}).followed_up is False


@pytest.mark.parametrize(
    ("today", "ended"),
    [("2026-11-08", False), ("2026-11-09", False), ("2026-11-10", True)],
    ids=["before-window-end", "today-is-window-end-still-open", "day-after-window-end-ended"],
)
def test_focus_window_has_ended_only_after_its_last_day(mk, today, ended):
    # The window includes its end date and a note may be dated today, so on the end date the
    # PM can still follow up: the window has "ended by today" only once today is past it.
    item = _item(mk, today=today)

    assert item.window_end == D("2026-11-09")
    assert item.ended is ended


@pytest.mark.parametrize(
    ("note_on", "today", "words", "flagged"),
    [
        ("2026-11-05", "2026-11-22", "followed up", False),
        (None, "2026-11-22", "not followed up", True),
        (None, "2026-11-09", "follow-up due by 9 Nov 2026", False),
    ],
    ids=["followed-up", "ended-not-followed-up", "open"],
)
def test_focus_follow_up_status_in_words(mk, note_on, today, words, flagged):
    item = _item(mk, {"on": note_on} if note_on else None, today=today)

    assert (item.state.words, item.state.flagged) == (words, flagged)
    assert item.state.code == item.status


def test_focus_items_are_one_per_entry(mk):
    program = mk.program(
        pairs=[mk.pair(), mk.pair("p-0002")], notes=[mk.note("2026-11-03", pair="p-0002")]
    )
    focus = mk.focus("2026-11-02", ["p-0001", "p-0002"])

    items = derive.focus_items([focus], program, D("2026-11-22"))

    assert [(i.entry.pair, i.followed_up, i.ended) for i in items] == [
        ("p-0001", False, True),
        ("p-0002", True, True),
    ]
