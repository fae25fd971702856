"""The home page's needs-attention counts (SPEC §14): this program year's, with each list
showing older items under their year. Today is 2026-11-22, program year 2026-27."""

from __future__ import annotations

from datetime import date

from notesite.derive import attention
from notesite.derive.facts import derive
from notesite.settings import Settings

D = date.fromisoformat
TODAY = D("2026-11-22")


def lists(mk, notes, settings=None, **kw):
    program = mk.program(pairs=[mk.pair()], notes=notes, settings=settings, **kw)
    return attention.lists(derive(program, TODAY))


def groups(a):
    return [(g.year, len(g.items)) for g in a.groups]


def test_late_notes_count_this_program_year_and_list_older_years_below(mk):
    notes = [
        mk.note("2025-10-01", lag=8),  # 2025-26
        mk.note("2026-08-31", lag=8),  # 2025-26: the last day of the year
        mk.note("2026-09-01", lag=8),  # 2026-27: the first day
        mk.note("2026-11-01", lag=7),  # on time (exactly log_within_days)
    ]

    a = lists(mk, notes).late_notes

    assert (a.count, a.total) == (1, 3)
    assert groups(a) == [("2026-27", 1), ("2025-26", 2)]
    assert (a.href, a.label) == ("follow-ups.html#late-notes", "note logged late")


def test_late_escalations_and_open_requests_count_this_year(mk):
    notes = [
        mk.note("2026-05-01", type="safety", severity="major", escalated_on="2026-05-05"),
        mk.note("2026-10-01", type="safety", severity="major", escalated_on="2026-10-03"),
        mk.note("2026-10-05", type="safety", severity="minor", escalated_on="2026-10-20"),
        mk.request("2025-11-01", "2025-11-10"),  # a year old: listed, not counted
        mk.request("2026-11-01", "2026-11-10"),
        mk.request("2026-11-02", "2026-11-12", approved=False),  # declined: never open
    ]

    found = lists(mk, notes)

    assert (found.safety_flagged.count, groups(found.safety_flagged)) == (
        1,
        [("2026-27", 1), ("2025-26", 1)],
    )
    assert (found.open_requests.count, groups(found.open_requests)) == (
        1,
        [("2026-27", 1), ("2025-26", 1)],
    )


def test_made_late_touch_points_count_this_year_and_behind_is_what_holds_now(mk):
    settings = Settings.model_validate({"mentor_calls": {"due": ["10-15"]}})
    notes = [
        mk.note("2025-10-20", type="mentor-call"),  # 2025-26: made late
        mk.note("2026-10-27", type="mentor-call"),  # 2026-27: made late (the pair)
    ]

    found = lists(mk, notes, settings)

    assert (found.made_late.count, groups(found.made_late)) == (1, [("2026-27", 1), ("2025-26", 1)])
    assert found.behind.count == 0  # caught up: not behind
    assert found.home[4] is found.made_late
    assert [a.key for a in found.home] == [
        "flagged",
        "review",
        "open-requests",
        "behind",
        "made-late",
        "summaries",
        "participation",
        "late-notes",
    ]


def test_states_that_hold_now_are_counted_whole(mk):
    settings = Settings.model_validate({"mentor_calls": {"due": ["10-15"]}})
    found = lists(mk, [], settings, participation=mk.weeks("missed missed"))

    assert (found.concerns.scope, found.concerns.count) == ("now", 1)
    assert (found.behind.count, found.behind.label) == (1, "pair behind on a touch point")
    assert found.summaries.count == 1  # 2025-26's, until it is written
