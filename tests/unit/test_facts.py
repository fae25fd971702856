"""`facts.derive`: the per-pair and per-PM facts are gathered from the right notes."""

from __future__ import annotations

from datetime import date

import pytest

from notesite.derive.facts import derive
from notesite.derive.measures import escalation as derive_escalation
from notesite.settings import Settings

D = date.fromisoformat


@pytest.mark.parametrize(
    ("today", "year", "calls"),
    [("2026-08-31", "2025-26", 1), ("2026-09-01", "2026-27", 0)],
    ids=["last-day-of-year-counts-call", "first-day-of-next-year-starts-at-zero"],
)
def test_mentor_calls_this_year_are_those_of_the_program_year_containing_today(
    mk, today, year, calls
):
    program = mk.program(pairs=[mk.pair()], notes=[mk.note("2026-08-31", type="mentor-call")])

    facts = derive(program, D(today))

    assert facts.year == year
    assert facts.pairs["p-0001"].calls.this_year == calls


def test_pair_facts_gather_its_own_notes(mk):
    notes = [
        mk.note("2026-11-01", pair="p-0001"),
        mk.note("2026-11-10", pair="p-0001", type="summary", program_year="2026-27"),
        mk.note("2026-11-15", pair="p-0002"),
    ]
    program = mk.program(pairs=[mk.pair(), mk.pair("p-0002")], notes=notes)

    p = derive(program, D("2026-11-22")).pairs["p-0001"]

    assert [n.note for n in p.notes] == notes[:2]
    assert p.last_support == D("2026-11-01")
    assert p.last_note is not None and p.last_note.note == notes[0]
    assert p.latest == notes[1]  # the latest note of any type
    assert (p.days, p.level, p.since) == (21, "watch", "21 days since the last support note")
    assert p.summaries_written == ("2026-27",)


def test_pair_without_notes_has_no_last_note(mk):
    p = derive(mk.program(pairs=[mk.pair(matched_on="2026-11-20")]), D("2026-11-22")).pairs[
        "p-0001"
    ]

    assert (p.notes, p.last_support, p.last_note, p.days, p.level) == ((), None, None, 2, "ok")


def test_participation_rows_given_out_of_week_order_are_sorted_before_the_run(mk):
    done, missed1, missed2 = mk.weeks("done missed missed")
    other = mk.weeks("done done", pair="p-0002")
    program = mk.program(
        pairs=[mk.pair(), mk.pair("p-0002")], participation=[missed2, other[0], done, missed1]
    )

    facts = derive(program, D("2026-11-22"))

    assert facts.pairs["p-0001"].participation == (done, missed1, missed2)
    assert facts.pairs["p-0001"].concern is True
    assert facts.pairs["p-0002"].concern is False


def test_pair_facts_carry_behind_summaries_and_open_requests(mk):
    request = mk.request("2026-11-01", "2026-11-10")
    program = mk.program(pairs=[mk.pair(matched_on="2025-09-15")], notes=[request])

    p = derive(program, D("2026-12-01")).pairs["p-0001"]

    assert p.behind is True
    assert [t.id for t in p.behind_on] == ["mentor-calls"]
    assert [c.number for c in p.calls.dues if c.status == "owed"] == [1]
    assert p.summaries_missing == ("2025-26",)
    assert p.open_requests == (request,)


def test_staff_facts_are_for_pms_only(mk):
    staff = [
        mk.staff("pm-b"),
        mk.staff("dir-b", "director"),
        mk.staff("pm-a"),
        mk.staff("co-c", "coordinator"),
        mk.staff("ot-d", "other"),
    ]

    facts = derive(mk.program(staff=staff), D("2026-11-22"))

    assert list(facts.staff) == ["pm-a", "pm-b"]


def test_staff_pairs_are_those_whose_current_pm_it_is_of_any_status(mk):
    pairs = [
        mk.pair("p-0001", pm="pm-a"),
        mk.pair("p-0002", pm="pm-a", status="paused"),
        mk.pair("p-0003", pm="pm-a", status="closed", closed_on="2026-06-30"),
        mk.pair("p-0004", pm="pm-b"),
    ]
    notes = [mk.note("2026-10-01", pair="p-0001"), mk.note("2026-11-20", pair="p-0004")]
    staff = [mk.staff("pm-a"), mk.staff("pm-b")]

    facts = derive(mk.program(pairs=pairs, notes=notes, staff=staff), D("2026-11-22"))

    st = facts.staff["pm-a"]
    assert [p.id for p in st.pairs] == ["p-0001", "p-0002", "p-0003"]
    assert st.level_counts == {"stale": 1, "inactive": 2}
    assert [p.id for p in facts.staff["pm-b"].pairs] == ["p-0004"]


def test_staff_notes_are_those_they_authored_of_every_type(mk):
    notes = [
        mk.note("2026-10-01", author="pm-a", type="summary", program_year="2025-26", lag=9),
        mk.note("2026-10-02", author="pm-a", type="safety", severity="minor", lag=1),
        mk.note("2026-10-03", author="pm-b", lag=20, minutes=600),
    ]
    staff = [mk.staff("pm-a"), mk.staff("pm-b")]

    st = derive(mk.program(pairs=[mk.pair()], notes=notes, staff=staff), D("2026-11-22")).staff[
        "pm-a"
    ]

    assert st.notes == (notes[0], notes[1])
    assert [(n.note, n.lag, n.late) for n in st.late] == [(notes[0], 9, True)]
    assert st.median_lag == 5.0
    assert [(m.month, m.minutes) for m in st.months] == [("2026-10", 60)]


def test_staff_focus_counts_only_their_lists_whose_window_has_ended(mk):
    pairs = [mk.pair(), mk.pair("p-0002")]
    notes = [mk.note("2026-11-03", pair="p-0001")]
    focus = [
        mk.focus("2026-11-02", ["p-0001", "p-0002"]),  # ends 11-09: counted, 1 of 2 followed
        mk.focus("2026-11-15", ["p-0001"]),  # ends 11-22 == today: not yet counted
        mk.focus("2026-11-02", ["p-0001"], staff="pm-b"),  # another PM's list
    ]
    staff = [mk.staff("pm-a"), mk.staff("pm-b")]
    program = mk.program(pairs=pairs, notes=notes, focus=focus, staff=staff)

    st = derive(program, D("2026-11-22")).staff["pm-a"]

    assert len(st.focus) == 3
    assert [(f.entry.pair, f.followed_up) for f in st.focus_ended] == [
        ("p-0001", True),
        ("p-0002", False),
    ]
    assert st.focus_followed_up == 1


def test_rating_facts_keep_categories_and_score_unrounded(mk):
    rating = mk.rating({"focus-list": {"a": 3, "b": 3, "c": 2}, "coaching": 2}, staff="pm-a")

    facts = derive(mk.program(ratings=[rating]), D("2026-11-22"))

    [rf] = facts.ratings
    assert rf.categories == {"coaching": 2.0, "focus-list": 8 / 3}
    assert rf.score == pytest.approx(7 / 3)
    assert facts.staff["pm-a"].ratings == (rf,)


def test_program_wide_note_lists(mk):
    on_time = mk.note("2026-10-01", type="safety", severity="major", escalated_on="2026-10-02")
    late = mk.note("2026-10-05", type="safety", severity="major", escalated_on="2026-10-07")
    unescalated = mk.note("2026-10-03", type="safety", severity="major")
    minor = mk.note("2026-10-04", type="safety", severity="minor", lag=8)
    second = mk.request("2026-11-01", "2026-11-10", id="p-0001/b")
    first = mk.request("2026-11-01", "2026-11-10", id="p-0001/a")
    program = mk.program(
        pairs=[mk.pair()], notes=[on_time, late, unescalated, minor, second, first]
    )

    facts = derive(program, D("2026-11-22"))

    assert [n.note for n in facts.safety] == [late, minor, unescalated, on_time]
    assert [n.note for n in facts.safety_flagged] == [late, unescalated]
    assert [r.note for r in facts.open_requests] == [first, second]
    assert [r.pm for r in facts.open_requests] == ["pm-a", "pm-a"]  # the pair's current PM
    assert [n.note for n in facts.late_notes] == [minor]
    assert facts.notes[late.id].escalation == derive_escalation(late, program.settings)
    assert facts.notes[first.id].escalation is None


def test_custom_settings_reach_the_facts(mk):
    settings = Settings.model_validate({"tracker": {"watch_after_days": 1, "stale_after_days": 2}})
    program = mk.program(pairs=[mk.pair()], notes=[mk.note("2026-11-20")], settings=settings)

    assert derive(program, D("2026-11-22")).pairs["p-0001"].level == "watch"
    assert derive(program, D("2026-11-23")).pairs["p-0001"].level == "stale"


def test_an_open_request_belongs_to_the_pairs_current_pm_not_its_author(mk):
    # The follow-ups page and the check-in packet agree: the follow-up is the current PM's.
    pair = mk.pair(pm="pm-b", pm_history=[("pm-a", "2025-09-15", "2026-11-12")])
    request = mk.request("2026-11-01", "2026-11-10", author="pm-a")
    staff = [mk.staff("pm-a"), mk.staff("pm-b")]

    facts = derive(mk.program(pairs=[pair], notes=[request], staff=staff), D("2026-11-22"))

    assert [(r.note, r.pm) for r in facts.open_requests] == [(request, "pm-b")]


def test_pair_focus_entries_are_in_date_order_whoever_made_the_list(mk):
    # Lists are stored by (staff, date): pm-a's of 11-09 sorts before pm-b's of 11-02.
    focus = [mk.focus("2026-11-09", ["p-0001"]), mk.focus("2026-11-02", ["p-0001"], staff="pm-b")]
    staff = [mk.staff("pm-a"), mk.staff("pm-b")]
    program = mk.program(pairs=[mk.pair()], focus=focus, staff=staff)

    p = derive(program, D("2026-11-22")).pairs["p-0001"]

    assert [f.list.date for f in p.focus] == [D("2026-11-02"), D("2026-11-09")]
    assert [f.list.date for f in p.focus_newest_first] == [D("2026-11-09"), D("2026-11-02")]


def test_pair_history_is_by_program_year_newest_first(mk):
    notes = [mk.note("2025-10-01"), mk.note("2026-08-31"), mk.note("2026-09-01")]

    p = derive(mk.program(pairs=[mk.pair()], notes=notes), D("2026-11-22")).pairs["p-0001"]

    assert [(g.year, [n.note.date for n in g.items]) for g in p.history] == [
        ("2026-27", [D("2026-09-01")]),
        ("2025-26", [D("2026-08-31"), D("2025-10-01")]),
    ]


def test_late_notes_of_this_year_are_counted_apart(mk):
    notes = [mk.note("2026-08-20", lag=8), mk.note("2026-09-02", lag=8), mk.note("2026-09-03")]

    st = derive(mk.program(pairs=[mk.pair()], notes=notes), D("2026-11-22")).staff["pm-a"]

    assert (len(st.late), st.late_this_year) == (2, 1)
