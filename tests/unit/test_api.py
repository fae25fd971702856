"""The JSON outputs of SPEC §10, exactly, for a small program computed by hand.

Today is 2026-12-05 (program year 2026-27; call 1 was due 2026-11-30). The benchmark is set to
1.75 h so that one month meets it exactly.

    pair    status  pm    notes (author, date, minutes, lag)
    p-0001  paused  pm-a  none; matched 2026-10-01                       -> 65 days, inactive
    p-0002  active  pm-a  pm-a summary 06-20 30m lag 1 (year 2025-26)
                          pm-a mentor-call 10-01 60m lag 11 (late)
                          pm-a support 11-18 45m lag 2                   -> 17 days, watch
    p-0003  closed  pm-b  pm-b support 05-01 30m lag 0                   -> 218 days, inactive
    p-0004  active  pm-b  pm-b mentor-call 2026-08-31 30m lag 9 (late, year 2025-26)
                          pm-a support 11-01 60m lag 0 (covering)        -> 34 days, stale;
                          no call this year: behind; missed, missed: concern
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from notesite.derive.facts import Facts, derive
from notesite.render import api
from notesite.settings import Settings

D = date.fromisoformat
TODAY = D("2026-12-05")

SPEC_RATING = {
    "focus-list": 2,
    "reactive-support": {"customer-service": 3, "safety-escalation": 3, "challenging-topics": 2},
    "coaching": 3,
    "use-of-information": {
        "school-partners": 2,
        "match-history": 2,
        "online-communications": 3,
        "asks-for-help": 3,
    },
}
ALL_TWO = {"focus-list": 2, "reactive-support": 2, "coaching": 2, "use-of-information": 2}
HALF = {  # 5/3, 7/3, 9/4, 9/4: the score is 8.5 / 4 = 2.125, exactly half
    "focus-list": {"compelling-rationale": 1, "timely-notes": 2, "follow-up": 2},
    "reactive-support": {"customer-service": 2, "safety-escalation": 2, "challenging-topics": 3},
    "coaching": {
        "strengths-mentees": 2,
        "strengths-mentors": 2,
        "curriculum": 2,
        "mentor-centered": 3,
    },
    "use-of-information": {
        "school-partners": 2,
        "match-history": 2,
        "online-communications": 2,
        "asks-for-help": 3,
    },
}


@pytest.fixture
def facts(mk) -> Facts:
    pairs = [
        mk.pair("p-0003", pm="pm-b", status="closed", closed_on="2026-06-30"),
        mk.pair("p-0001", pm="pm-a", status="paused", matched_on="2026-10-01"),
        mk.pair("p-0004", pm="pm-b"),
        mk.pair("p-0002", pm="pm-a"),
    ]
    notes = [
        mk.note("2026-06-20", pair="p-0002", type="summary", program_year="2025-26", lag=1),
        mk.note("2026-10-01", pair="p-0002", type="mentor-call", minutes=60, lag=11),
        mk.note("2026-11-18", pair="p-0002", minutes=45, lag=2),
        mk.note("2026-05-01", pair="p-0003", author="pm-b"),
        mk.note("2026-08-31", pair="p-0004", author="pm-b", type="mentor-call", lag=9),
        mk.note("2026-11-01", pair="p-0004", minutes=60),
    ]
    staff = [
        mk.staff("pm-c"),
        mk.staff("pm-b"),
        mk.staff("dir-b", "director"),
        mk.staff("pm-a"),
        mk.staff("co-d", "coordinator"),
    ]
    focus = [
        mk.focus("2026-11-16", ["p-0002", "p-0001"]),  # ends 11-23: p-0002 followed (11-18)
        mk.focus("2026-12-01", ["p-0002"]),  # ends 12-08, after today: not counted
    ]
    ratings = [
        mk.rating(ALL_TWO, staff="pm-b", program_year="2025-26", rater="dir-b"),
        mk.rating(SPEC_RATING, staff="pm-a", program_year="2025-26", rater="dir-b"),
        mk.rating(HALF, staff="pm-b", program_year="2024-25", rater="dir-x"),
    ]
    program = mk.program(
        pairs=pairs,
        notes=notes,
        staff=staff,
        focus=focus,
        ratings=ratings,
        participation=mk.weeks("done missed missed", pair="p-0004"),
        settings=Settings(monthly_support_hours=1.75),
    )
    return derive(program, TODAY)


def test_pairs_json(facts):
    assert api.pairs_json(facts) == {
        "today": "2026-12-05",
        "pairs": [
            {
                "id": "p-0001",
                "status": "paused",
                "pm": "pm-a",
                "last_support": None,
                "days_since_support": 65,
                "tracker": "inactive",
                "notes": 0,
                "mentor_calls_this_year": 0,
                "mentor_calls_behind": False,
                "days_since_mentor_contact": None,
                "days_since_mentee_contact": None,
                "touch_points": {"mentor-calls": {"this_year": 0, "behind": False, "late": 0}},
                "participation_concern": False,
            },
            {
                "id": "p-0002",
                "status": "active",
                "pm": "pm-a",
                "last_support": "2026-11-18",
                "days_since_support": 17,
                "tracker": "watch",
                "notes": 3,
                "mentor_calls_this_year": 1,
                "mentor_calls_behind": False,
                "days_since_mentor_contact": 17,
                "days_since_mentee_contact": None,
                "touch_points": {"mentor-calls": {"this_year": 1, "behind": False, "late": 0}},
                "participation_concern": False,
            },
            {
                "id": "p-0003",
                "status": "closed",
                "pm": "pm-b",
                "last_support": "2026-05-01",
                "days_since_support": 218,
                "tracker": "inactive",
                "notes": 1,
                "mentor_calls_this_year": 0,
                "mentor_calls_behind": False,
                "days_since_mentor_contact": 218,
                "days_since_mentee_contact": None,
                "touch_points": {"mentor-calls": {"this_year": 0, "behind": False, "late": 0}},
                "participation_concern": False,
            },
            {
                "id": "p-0004",
                "status": "active",
                "pm": "pm-b",
                "last_support": "2026-11-01",
                "days_since_support": 34,
                "tracker": "stale",
                "notes": 2,
                "mentor_calls_this_year": 0,
                "mentor_calls_behind": True,
                "days_since_mentor_contact": 34,
                "days_since_mentee_contact": None,
                "touch_points": {"mentor-calls": {"this_year": 0, "behind": True, "late": 0}},
                "participation_concern": True,
            },
        ],
    }


def test_rubric_json(facts):
    assert api.rubric_json(facts) == {
        "ratings": [
            {  # an earlier year comes first, although pm-a sorts before pm-b
                "staff": "pm-b",
                "program_year": "2024-25",
                "rater": "dir-x",
                "categories": {
                    "coaching": 2.25,
                    "focus-list": 1.67,
                    "reactive-support": 2.33,
                    "use-of-information": 2.25,
                },
                "score": 2.13,  # 2.125 rounded half up
            },
            {
                "staff": "pm-a",
                "program_year": "2025-26",
                "rater": "dir-b",
                "categories": {
                    "coaching": 3.0,
                    "focus-list": 2.0,
                    "reactive-support": 2.67,
                    "use-of-information": 2.5,
                },
                "score": 2.54,
            },
            {
                "staff": "pm-b",
                "program_year": "2025-26",
                "rater": "dir-b",
                "categories": {
                    "coaching": 2.0,
                    "focus-list": 2.0,
                    "reactive-support": 2.0,
                    "use-of-information": 2.0,
                },
                "score": 2.0,
            },
        ]
    }


def _month(
    month: str, hours: float, meets: bool = False, benchmark: str | None = None
) -> dict[str, object]:
    status = benchmark or ("meets" if meets else "below")
    return {"month": month, "hours": hours, "meets_benchmark": meets, "benchmark": status}


NA = "not-applicable"  # July and August: outside 09-01 .. 06-30, the default class months


def test_staff_json(facts):
    assert api.staff_json(facts) == {
        "staff": [
            {
                "id": "pm-a",
                "pairs": 2,
                "stale": 0,
                "watch": 1,
                "notes": 4,  # three on p-0002 and one covering p-0004
                "notes_logged_late": 1,
                "median_logging_lag_days": 1.5,  # lags 0, 1, 2, 11
                "months": [
                    _month("2026-06", 0.5),
                    _month("2026-07", 0.0, benchmark=NA),
                    _month("2026-08", 0.0, benchmark=NA),
                    _month("2026-09", 0.0),
                    _month("2026-10", 1.0),
                    _month("2026-11", 1.75, True),  # 45 + 60 minutes: exactly the benchmark
                ],
                "focus_entries": 2,
                "focus_followed_up": 1,
            },
            {
                "id": "pm-b",
                "pairs": 2,
                "stale": 1,
                "watch": 0,
                "notes": 2,
                "notes_logged_late": 1,
                "median_logging_lag_days": 4.5,  # lags 0, 9
                "months": [
                    _month("2026-05", 0.5),
                    _month("2026-06", 0.0),
                    _month("2026-07", 0.0, benchmark=NA),
                    _month("2026-08", 0.5, benchmark=NA),
                ],
                "focus_entries": 0,
                "focus_followed_up": 0,
            },
            {
                "id": "pm-c",
                "pairs": 0,
                "stale": 0,
                "watch": 0,
                "notes": 0,
                "notes_logged_late": 0,
                "median_logging_lag_days": None,
                "months": [],
                "focus_entries": 0,
                "focus_followed_up": 0,
            },
        ]
    }


def test_json_numbers_have_the_stated_types(facts):
    staff = api.staff_json(facts)["staff"]
    pairs = api.pairs_json(facts)["pairs"]

    assert all(type(m["hours"]) is float for s in staff for m in s["months"])
    assert type(staff[0]["median_logging_lag_days"]) is float
    assert all(type(p["days_since_support"]) is int for p in pairs)
    assert all(type(p["mentor_calls_behind"]) is bool for p in pairs)


def test_dumps_sorts_keys_at_every_level_and_ends_with_a_newline():
    text = api.dumps({"b": 1, "a": {"d": [{"f": 1, "e": 2}], "c": None}})

    assert text == (
        '{\n "a": {\n  "c": null,\n  "d": [\n   {\n    "e": 2,\n    "f": 1\n   }\n  ]\n },\n'
        ' "b": 1\n}\n'
    )


def test_dumps_writes_utf8_text_not_escapes():
    assert api.dumps({"name": "Zoë"}) == '{\n "name": "Zoë"\n}\n'


def test_dumped_outputs_read_back_identically(facts):
    for build in (api.pairs_json, api.rubric_json, api.staff_json):
        payload = build(facts)
        assert json.loads(api.dumps(payload)) == payload
