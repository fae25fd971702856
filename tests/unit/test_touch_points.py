"""SPEC §9 mentor calls and §14 touch points at their edges, with hand-computed dates.

Unless a test says otherwise: program year 2026-27, default settings (calls due 11-30,
02-28, 05-31), the pair matched on 2025-09-15 and active.
"""

from __future__ import annotations

from datetime import date

import pytest

from notesite.derive import touch_points as tp
from notesite.settings import Settings

D = date.fromisoformat
DEFAULTS = Settings()
MATCHED = D("2025-09-15")
DEMO_DUE = Settings.model_validate({"mentor_calls": {"due": ["10-15", "01-31", "04-30"]}})
MENTEE = {
    "id": "mentee-check-ins",
    "label": "Mentee check-ins",
    "with": "mentee",
    "type": "support",
}


def calls(mk, dates, today, settings=DEFAULTS, matched_on=MATCHED, active=True, year=None):
    """The mentor-call touch point of a pair with a mentor call on each of `dates`."""
    notes = [mk.note(d, type="mentor-call") for d in sorted(dates)]
    point = settings.scheduled[0]
    year = year or settings.year_of(D(today))
    return tp.touch_point(point, notes, year, settings, D(today), D(str(matched_on)), active)


# --- Which notes count --------------------------------------------------------------------


def test_mentor_calls_of_a_year_are_its_mentor_call_notes_dated_in_it(mk):
    notes = [
        mk.note("2026-08-31", type="mentor-call"),  # last day of 2025-26
        mk.note("2026-09-01", type="mentor-call", contact=("school",)),  # any contact counts
        mk.note("2026-10-01", type="support"),  # not a call
        mk.note("2027-08-31", type="mentor-call"),  # last day of 2026-27
    ]
    point = DEFAULTS.scheduled[0]

    t = tp.touch_point(point, notes, "2026-27", DEFAULTS, D("2027-08-31"), MATCHED, True)

    assert [n.date for n in t.notes] == [D("2026-09-01"), D("2027-08-31")]
    assert t.this_year == 2


def test_mentor_calls_follow_a_custom_program_year_start(mk):
    settings = Settings(program_year_start="07-01")
    notes = [mk.note("2026-06-30", type="mentor-call"), mk.note("2026-07-01", type="mentor-call")]
    point = settings.scheduled[0]

    def dates(year):
        return [
            n.date
            for n in tp.touch_point(
                point, notes, year, settings, D("2026-07-02"), MATCHED, True
            ).notes
        ]

    assert dates("2025-26") == [D("2026-06-30")]
    assert dates("2026-27") == [D("2026-07-01")]


@pytest.mark.parametrize(
    ("contact", "who", "reaches"),
    [
        (("mentor",), "mentor", True),
        (("mentor",), "mentee", False),
        (("pair",), "mentor", True),
        (("pair",), "mentee", True),
        (("school", "mentee"), "mentee", True),
        (("family",), "mentee", False),
        (("pair",), "pair", True),
        (("mentor", "mentee"), "pair", True),
        (("mentor",), "pair", False),
    ],
    ids=[
        "mentor-mentor",
        "mentor-not-mentee",
        "pair-is-mentor-too",
        "pair-is-mentee-too",
        "among-others",
        "family-is-not-the-mentee",
        "pair-pair",
        "both-make-the-pair",
        "one-is-not-the-pair",
    ],
)
def test_who_a_note_reaches(contact, who, reaches):
    assert tp.reaches(contact, who) is reaches


def test_a_mentee_touch_point_counts_its_type_reaching_the_mentee(mk):
    settings = Settings.model_validate({"touch_points": [{**MENTEE, "due": ["10-31"]}]})
    notes = [
        mk.note("2026-09-10", contact=("mentor",)),  # the mentor only
        mk.note("2026-09-20", type="mentor-call", contact=("mentee",)),  # another type
        mk.note("2026-10-05", contact=("pair",)),  # counts
        mk.note("2026-10-20", contact=("mentee", "school")),  # counts
    ]
    [_, point] = settings.scheduled

    t = tp.touch_point(point, notes, "2026-27", settings, D("2026-11-22"), MATCHED, True)

    assert [n.date for n in t.notes] == [D("2026-10-05"), D("2026-10-20")]
    assert [d.status for d in t.dues] == ["done"]


# --- Behind: currently owed ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("dates", "today", "behind"),
    [
        ([], "2026-11-30", False),
        ([], "2026-12-01", True),
        (["2026-11-30"], "2026-12-01", False),
        (["2026-12-01"], "2026-12-02", False),
        (["2026-09-01"], "2027-02-28", False),
        (["2026-09-01"], "2027-03-01", True),
        (["2026-09-01", "2027-02-28"], "2027-03-01", False),
        (["2026-09-01", "2026-09-02"], "2027-03-01", False),
        (["2026-09-01", "2026-12-01"], "2027-06-01", True),
        (["2026-09-01", "2026-12-01", "2027-05-31"], "2027-06-01", False),
        (["2027-01-15"], "2027-03-01", True),
        (["2026-08-31"], "2026-12-01", True),
    ],
    ids=[
        "today-is-due-date-not-past",
        "day-after-due-no-call-behind",
        "call-on-due-date-counts",
        "caught-up-the-day-after-is-not-behind",
        "one-call-on-second-due-date-not-past",
        "one-call-after-second-due-behind",
        "second-call-on-second-due-date",
        "two-early-calls-cover-two-due-dates",
        "two-calls-after-third-due-behind",
        "three-calls-by-third-due",
        "one-late-call-when-two-are-owed-behind",
        "call-of-previous-program-year-does-not-count",
    ],
)
def test_behind_on_mentor_calls(mk, dates, today, behind):
    assert calls(mk, dates, today).behind is behind


def test_the_issue_example_made_late_is_not_behind(mk):
    # Due 15 Oct, made 27 Oct: on 22 Nov the pair is not behind, and the call is made late.
    t = calls(mk, ["2026-10-27"], "2026-11-22", DEMO_DUE)

    assert t.behind is False
    assert [d.status for d in t.dues] == ["made-late", "upcoming", "upcoming"]
    assert t.dues[0].state.words == "made late (27 Oct)"
    assert t.dues[0].state.flagged is False
    assert [d.note.date for d in t.late if d.note] == [D("2026-10-27")]


def test_before_catching_up_the_due_date_is_owed(mk):
    t = calls(mk, [], "2026-10-26", DEMO_DUE)

    assert t.behind is True
    assert t.dues[0].state.words == "owed"
    assert t.dues[0].state.flagged is True
    assert t.shortfall == "Mentor calls behind: 1 due by 15 Oct 2026, 0 logged so far"


def test_a_late_call_meets_the_earliest_owed_date_and_the_next_is_owed(mk):
    t = calls(mk, ["2027-01-15"], "2027-03-01")

    assert [d.status for d in t.dues] == ["made-late", "owed", "upcoming"]
    assert t.dues[0].state.words == "made late (15 Jan)"
    assert t.shortfall == "Mentor calls behind: 2 due by 28 Feb 2027, 1 logged so far"


@pytest.mark.parametrize("status", ["paused", "closed"])
def test_paused_and_closed_pairs_are_never_behind_but_late_calls_count(mk, status):
    t = calls(mk, ["2026-12-05"], "2027-08-31", active=False)

    assert t.behind is False
    assert [d.status for d in t.dues] == ["made-late", "missed", "missed"]
    assert len(t.late) == 1


@pytest.mark.parametrize(
    ("today", "behind"),
    [("2026-12-01", False), ("2027-02-28", False), ("2027-03-01", True)],
    ids=["november-not-due", "due-date-in-next-calendar-year-not-past", "day-after-behind"],
)
def test_custom_call_due_dates_in_the_next_calendar_year(mk, today, behind):
    settings = Settings.model_validate({"mentor_calls": {"due": ["02-28"]}})

    assert calls(mk, [], today, settings).behind is behind


def test_no_call_due_dates_means_never_behind(mk):
    settings = Settings.model_validate({"mentor_calls": {"due": []}})

    assert calls(mk, [], "2027-08-31", settings).behind is False


def test_due_dates_before_the_match_are_not_owed(mk):
    # Matched 2026-12-10: 11-30 is not owed; 02-28 is the first owed date (1 call), 05-31 the
    # second (2 calls).
    def behind(dates, today):
        return calls(mk, dates, today, matched_on="2026-12-10").behind

    assert behind([], "2026-12-12") is False
    assert behind([], "2027-03-01") is True
    assert behind(["2027-01-15"], "2027-03-01") is False
    assert behind(["2027-01-15"], "2027-06-01") is True


def test_a_pair_matched_on_a_due_date_does_not_owe_that_call(mk):
    t = calls(mk, [], "2026-12-01", matched_on="2026-11-30")

    assert t.behind is False
    assert [(d.status, d.needed) for d in t.dues] == [
        ("not-owed", 0),
        ("upcoming", 1),
        ("upcoming", 2),
    ]
    assert t.dues[0].state.words == "not owed (matched after it)"


# --- Every due date's status in words --------------------------------------------------------


@pytest.mark.parametrize(
    ("dates", "today", "active", "status", "words"),
    [
        ([], "2026-11-15", True, "upcoming", "upcoming"),
        (["2026-11-01"], "2026-11-15", True, "done", "done (1 Nov)"),
        (["2026-11-30"], "2026-12-01", True, "done", "done (30 Nov)"),
        ([], "2026-12-01", True, "owed", "owed"),
        ([], "2026-12-01", False, "missed", "missed"),
        (["2026-12-01"], "2026-12-01", True, "made-late", "made late (1 Dec)"),
    ],
    ids=["upcoming", "done-early", "done-on-the-day", "owed", "missed-when-not-active", "late"],
)
def test_each_due_date_has_a_status_worded_once(mk, dates, today, active, status, words):
    first = calls(mk, dates, today, active=active).dues[0]

    assert (first.status, first.state.words) == (status, words)
    assert first.state.flagged is (status == "owed")


def test_a_past_year_is_missed_not_owed(mk):
    t = calls(mk, [], "2026-11-22", year="2025-26")

    assert [d.status for d in t.dues] == ["missed", "missed", "missed"]
    assert t.behind is False


def test_the_next_due_date_in_words(mk):
    t = calls(mk, ["2026-10-01"], "2026-12-05")

    assert t.upcoming == (
        "Mentor calls: next due by 28 Feb 2027 (2 due this year by then, 1 logged so far)"
    )


def test_made_late_lists_each_year_newest_first(mk):
    notes = [
        mk.note("2025-12-03", type="mentor-call"),  # 2025-26, due 11-30: late
        mk.note("2026-10-20", type="mentor-call"),  # 2026-27, due 10-15: late
    ]

    late = tp.made_late(notes, DEMO_DUE, D("2026-11-22"), D("2025-09-01"), ["2025-26", "2026-27"])

    assert [(m.year, m.note.date) for m in late] == [
        ("2026-27", D("2026-10-20")),
        ("2025-26", D("2025-12-03")),
    ]
    assert late[0].words == "Mentor calls 1 due by 15 Oct 2026: made late (20 Oct)"


# --- Days since contact --------------------------------------------------------------------


def test_days_since_mentor_and_mentee_contact(mk):
    today = D("2026-11-22")
    notes = [
        mk.note("2026-10-01", contact=("pair",)),  # both
        mk.note("2026-11-02", contact=("mentor",)),
        mk.note("2026-11-20", contact=("mentee",), type="summary", program_year="2026-27"),
        mk.note("2026-11-12", contact=("family",)),
    ]

    assert tp.days_since_contact(notes, "mentor", today) == 20
    assert tp.days_since_contact(notes, "mentee", today) == 52  # the summary is not support
    assert tp.days_since_contact([], "mentee", today) is None
    assert tp.days_since_contact([mk.note("2026-11-22", contact=("pair",))], "mentee", today) == 0


# --- Settings ------------------------------------------------------------------------------


def test_by_default_the_mentor_calls_are_the_only_touch_point():
    [point] = DEFAULTS.scheduled

    assert (point.id, point.type, point.with_, point.due) == (
        "mentor-calls",
        "mentor-call",
        "mentor",
        ("11-30", "02-28", "05-31"),
    )


def test_mentor_calls_stay_a_shorthand_beside_other_touch_points():
    settings = Settings.model_validate(
        {"mentor_calls": {"due": ["10-15"]}, "touch_points": [{**MENTEE, "due": ["10-31"]}]}
    )

    assert [(p.id, p.due) for p in settings.scheduled] == [
        ("mentor-calls", ("10-15",)),
        ("mentee-check-ins", ("10-31",)),
    ]


def test_a_touch_point_of_type_mentor_call_replaces_the_shorthand():
    calls = {"id": "check-ins", "label": "Check-in calls", "with": "mentor", "type": "mentor-call"}
    settings = Settings.model_validate(
        {"touch_points": [{**MENTEE, "due": []}, {**calls, "due": ["12-15"]}]}
    )

    assert [p.id for p in settings.scheduled] == ["check-ins", "mentee-check-ins"]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"touch_points": [{**MENTEE, "type": "visit", "due": []}]}, "not a note type"),
        ({"touch_points": [{**MENTEE, "due": []}, {**MENTEE, "due": []}]}, "same id twice"),
        (
            {
                "mentor_calls": {"due": ["11-30"]},
                "touch_points": [{**MENTEE, "type": "mentor-call", "due": []}],
            },
            "set twice",
        ),
        ({"touch_points": [{**MENTEE, "id": "mentor-calls", "due": []}]}, "mentor calls' own"),
        ({"touch_points": [{**MENTEE, "due": ["13-01"]}]}, "month and day"),
        ({"touch_points": [{**MENTEE, "with": "school", "due": []}]}, "with"),
    ],
    ids=[
        "unknown-type",
        "duplicate-id",
        "mentor-calls-twice",
        "reserved-id",
        "bad-date",
        "bad-with",
    ],
)
def test_invalid_touch_points(settings, message):
    with pytest.raises(ValueError, match=message):
        Settings.model_validate(settings)
