"""`packets`: what the check-in and handoff packets hold, from hand-made programs."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from notesite.derive import packets
from notesite.derive.facts import derive
from notesite.derive.measures import Month
from notesite.program import Section
from notesite.settings import Settings

D = date.fromisoformat
TODAY = D("2026-11-22")  # before the first mentor-call due date (11-30): nobody is behind


def fresh(mk, pair):
    """A mentor call two days ago: the pair is ok and not behind on calls."""
    return mk.note("2026-11-20", pair=pair, type="mentor-call")


def codes(suggestion):
    return [r.code for r in suggestion.reasons]


def suggested(program, today=TODAY, pm="pm-a"):
    return packets.suggestions(derive(program, today), pm)


# --- Suggestions: one reason each -----------------------------------------------------------


def test_a_pair_with_nothing_wrong_is_not_suggested(mk):
    program = mk.program(pairs=[mk.pair()], notes=[fresh(mk, "p-0001")])

    assert suggested(program) == []


def test_a_stale_pair_is_suggested_with_its_days_in_words(mk):
    program = mk.program(pairs=[mk.pair()], notes=[mk.note("2026-10-01")])

    [s] = suggested(program)

    assert codes(s) == ["stale"]
    assert s.reasons[0].text == "stale: 52 days since the last support note, more than 30"


def test_a_pair_without_any_note_is_stale_since_the_match(mk):
    program = mk.program(pairs=[mk.pair(matched_on="2026-09-01")])

    [s] = suggested(program)

    assert "82 days since the match (no support note yet)" in s.reasons[0].text


def test_a_watch_pair_is_suggested_last(mk):
    # SPEC §14: new focus lists suggest watch pairs too (the lowest priority).
    program = mk.program(pairs=[mk.pair()], notes=[mk.note("2026-11-01", type="mentor-call")])

    [s] = suggested(program)

    assert codes(s) == ["watch"]
    assert s.reasons[0].text == "watch: 21 days since the last support note, more than 14"


def test_a_participation_concern_is_suggested_with_the_missed_weeks(mk):
    rows = mk.weeks("done missed excused missed missed", start="2026-10-12")
    program = mk.program(pairs=[mk.pair()], notes=[fresh(mk, "p-0001")], participation=rows)

    [s] = suggested(program)

    assert codes(s) == ["participation"]
    # Weeks of 19 Oct, 2 Nov and 9 Nov missed, 26 Oct excused: not "the last 3 weeks".
    assert s.reasons[0].text == (
        "mentor participation concern: missed 3 weeks in a row (not counting 1 excused week): "
        "19 Oct, 2 Nov and 9 Nov 2026"
    )


@pytest.mark.parametrize(
    ("on", "expected"),
    [("2026-10-23", ["safety"]), ("2026-10-22", [])],
    ids=["30-days-ago-is-recent", "31-days-ago-is-not"],
)
def test_a_safety_note_is_a_reason_for_30_days(mk, on, expected):
    safety = mk.note(on, type="safety", severity="minor")
    program = mk.program(pairs=[mk.pair()], notes=[safety, fresh(mk, "p-0001")])

    found = suggested(program)

    assert [codes(s) for s in found] == ([expected] if expected else [])


def test_a_major_unescalated_safety_note_says_so_and_wins_over_a_later_minor_one(mk):
    notes = [
        mk.note("2026-11-05", type="safety", severity="major"),
        mk.note("2026-11-12", type="safety", severity="minor"),
        fresh(mk, "p-0001"),
    ]
    program = mk.program(pairs=[mk.pair()], notes=notes)

    [s] = suggested(program)

    assert s.reasons[0].text == (
        "major safety note of 5 Nov 2026, not escalated (2 safety notes in the last 30 days)"
    )


def test_a_major_safety_note_escalated_late_says_so(mk):
    notes = [
        mk.note("2026-11-10", type="safety", severity="major", escalated_on="2026-11-14"),
        fresh(mk, "p-0001"),
    ]
    program = mk.program(pairs=[mk.pair()], notes=notes)

    [s] = suggested(program)

    assert s.reasons[0].text == "major safety note of 10 Nov 2026, escalated late (4 days after)"


def test_an_open_out_of_program_request_is_suggested(mk):
    request = mk.request("2026-11-01", "2026-11-10")
    program = mk.program(pairs=[mk.pair()], notes=[request, fresh(mk, "p-0001")])

    [s] = suggested(program)

    assert codes(s) == ["out-of-program"]
    assert "meeting of 10 Nov 2026 not followed up" in s.reasons[0].text


def test_a_followed_up_request_is_not_a_reason(mk):
    request = mk.request("2026-11-01", "2026-11-10")
    follow = mk.note("2026-11-12", type="out-of-program", follow_up_of=request.id)
    program = mk.program(pairs=[mk.pair()], notes=[request, follow, fresh(mk, "p-0001")])

    assert suggested(program) == []


def test_behind_on_mentor_calls_is_suggested_with_the_due_date(mk):
    program = mk.program(pairs=[mk.pair()], notes=[mk.note("2026-12-05")])

    [s] = suggested(program, today=D("2026-12-10"))

    assert codes(s) == ["touch-points"]
    assert s.reasons[0].text == "Mentor calls behind: 1 due by 30 Nov 2026, 0 logged so far"


def test_a_call_made_late_is_no_longer_a_reason(mk):
    # The pair: the call due 30 Nov was made on 5 Dec; it stays "made late", not behind.
    notes = [mk.note("2026-12-05", type="mentor-call")]
    program = mk.program(pairs=[mk.pair()], notes=notes)

    assert suggested(program, today=D("2026-12-10")) == []


def test_behind_on_a_mentee_touch_point_is_a_reason(mk):
    point = {"id": "mentee", "label": "Mentee check-ins", "with": "mentee", "type": "support"}
    settings = Settings.model_validate({"touch_points": [{**point, "due": ["11-15"]}]})
    notes = [mk.note("2026-11-20", type="mentor-call")]  # the mentor was called
    program = mk.program(pairs=[mk.pair()], notes=notes, settings=settings)

    [s] = suggested(program)

    assert s.reasons[0].text == "Mentee check-ins behind: 1 due by 15 Nov 2026, 0 logged so far"


def test_paused_and_closed_pairs_are_never_suggested(mk):
    pairs = [
        mk.pair("p-0001", status="paused"),
        mk.pair("p-0002", status="closed", closed_on="2026-10-01"),
    ]
    rows = mk.weeks("missed missed") + mk.weeks("missed missed", pair="p-0002")
    program = mk.program(pairs=pairs, participation=rows)

    assert suggested(program) == []


def test_only_the_pms_own_pairs_are_suggested(mk):
    staff = [mk.staff("pm-a"), mk.staff("pm-c")]
    program = mk.program(pairs=[mk.pair(), mk.pair("p-0002", pm="pm-c")], staff=staff)

    assert [s.p.id for s in suggested(program)] == ["p-0001"]
    assert [s.p.id for s in suggested(program, pm="pm-c")] == ["p-0002"]


# --- Suggestions: order ---------------------------------------------------------------------


def test_suggestions_are_ordered_by_reason_priority_then_more_reasons_then_days(mk):
    ids = ["p-0001", "p-0002", "p-0003", "p-0004", "p-0005", "p-0006", "p-0007"]
    notes = [
        # p-0001: behind on calls only (the lowest priority)
        mk.note("2026-12-05", pair="p-0001"),
        # p-0002: an open request (and behind)
        mk.request("2026-11-20", "2026-11-25", pair="p-0002"),
        mk.note("2026-12-05", pair="p-0002"),
        # p-0003: participation concern (calls fine)
        mk.note("2026-11-20", pair="p-0003", type="mentor-call"),
        # p-0004: stale 69 days (calls fine: one before the due date)
        mk.note("2026-10-02", pair="p-0004", type="mentor-call"),
        # p-0005: stale 99 days and behind
        mk.note("2026-09-02", pair="p-0005"),
        # p-0006: a safety note (calls fine)
        mk.note("2026-11-20", pair="p-0006", type="mentor-call"),
        mk.note("2026-12-01", pair="p-0006", type="safety", severity="minor"),
        # p-0007: a safety note and a participation concern
        mk.note("2026-11-20", pair="p-0007", type="mentor-call"),
        mk.note("2026-12-02", pair="p-0007", type="safety", severity="minor"),
    ]
    rows = mk.weeks("missed missed", pair="p-0003") + mk.weeks("missed missed", pair="p-0007")
    program = mk.program(pairs=[mk.pair(i) for i in ids], notes=notes, participation=rows)

    found = suggested(program, today=D("2026-12-10"))

    assert [(s.p.id, codes(s)) for s in found] == [
        ("p-0007", ["safety", "participation"]),
        ("p-0006", ["safety"]),
        ("p-0005", ["stale", "touch-points"]),
        ("p-0004", ["stale"]),
        ("p-0003", ["participation", "watch"]),  # its call of 11-20 was 20 days ago
        ("p-0002", ["out-of-program", "touch-points"]),
        ("p-0001", ["touch-points"]),
    ]
    for s in found:  # each pair's reasons are listed most important first
        assert [r.rank for r in s.reasons] == sorted(r.rank for r in s.reasons)


def test_equal_reasons_put_the_pair_longest_without_support_first(mk):
    notes = [mk.note("2026-10-10", pair="p-0001"), mk.note("2026-09-20", pair="p-0002")]
    program = mk.program(pairs=[mk.pair("p-0001"), mk.pair("p-0002")], notes=notes)

    assert [s.p.id for s in suggested(program)] == ["p-0002", "p-0001"]


def test_a_suggestion_says_whether_the_pair_is_on_the_current_list(mk):
    notes = [mk.note("2026-10-01", pair="p-0001"), mk.note("2026-10-01", pair="p-0002")]
    focus = [mk.focus("2026-11-02", ["p-0002"]), mk.focus("2026-11-16", ["p-0001"])]
    program = mk.program(pairs=[mk.pair("p-0001"), mk.pair("p-0002")], notes=notes, focus=focus)

    found = {s.p.id: s.on_current_list for s in suggested(program)}

    assert found == {"p-0001": True, "p-0002": False}


# --- Check-in: the window "since the last check-in" -----------------------------------------


def test_the_window_starts_at_the_latest_focus_list_of_the_pm(mk):
    staff = [mk.staff("pm-a"), mk.staff("pm-c")]
    focus = [
        mk.focus("2026-11-02", ["p-0001"]),
        mk.focus("2026-11-16", ["p-0001"]),
        mk.focus("2026-11-20", ["p-0002"], staff="pm-c"),  # another PM's list
    ]
    program = mk.program(pairs=[mk.pair()], focus=focus, staff=staff)

    ci = packets.check_in(derive(program, TODAY), "pm-a")

    assert ci.since == D("2026-11-16")
    assert ci.last_list is not None and ci.last_list.date == D("2026-11-16")


def test_without_a_focus_list_the_window_is_the_last_7_days(mk):
    program = mk.program(pairs=[mk.pair()])

    ci = packets.check_in(derive(program, TODAY), "pm-a")

    assert (ci.since, ci.last_list, ci.focus) == (D("2026-11-15"), None, ())


def test_notes_logged_on_or_after_the_check_in_day_are_new(mk):
    staff = [mk.staff("pm-a"), mk.staff("pm-c")]
    before = mk.note("2026-11-10", logged="2026-11-15")
    on_the_day = mk.note("2026-11-10", logged="2026-11-16")
    late = mk.note("2026-11-01", logged="2026-11-18")  # old support, logged since: new
    by_colleague = mk.note("2026-11-19", author="pm-c")  # on the PM's pair
    own_elsewhere = mk.note("2026-11-19", pair="p-0002")  # the PM covering another's pair
    unrelated = mk.note("2026-11-19", pair="p-0002", author="pm-c")
    notes = [before, on_the_day, late, by_colleague, own_elsewhere, unrelated]
    program = mk.program(
        pairs=[mk.pair(), mk.pair("p-0002", pm="pm-c")],
        notes=notes,
        focus=[mk.focus("2026-11-16", ["p-0001"])],
        staff=staff,
    )

    ci = packets.check_in(derive(program, TODAY), "pm-a")

    assert {n.note for n in ci.notes} == {on_the_day, late, by_colleague, own_elsewhere}
    logged = [n.note.logged for n in ci.notes]
    assert logged == sorted(logged, reverse=True)
    assert [n.late for n in ci.notes if n.note == late] == [True]


def test_new_safety_notes_are_those_logged_since_the_check_in(mk):
    old = mk.note("2026-11-01", type="safety", severity="minor")
    new = mk.note("2026-11-17", type="safety", severity="major", escalated_on="2026-11-17")
    program = mk.program(
        pairs=[mk.pair()], notes=[old, new], focus=[mk.focus("2026-11-16", ["p-0001"])]
    )

    ci = packets.check_in(derive(program, TODAY), "pm-a")

    assert [n.note for n in ci.safety] == [new]


def test_the_current_focus_list_entries_and_their_follow_up(mk):
    notes = [mk.note("2026-11-18", pair="p-0001")]
    focus = [
        mk.focus("2026-11-02", ["p-0001", "p-0002"], next_check_in="2026-11-09"),
        mk.focus("2026-11-16", ["p-0001", "p-0002"], next_check_in="2026-11-30"),
    ]
    program = mk.program(pairs=[mk.pair("p-0001"), mk.pair("p-0002")], notes=notes, focus=focus)

    ci = packets.check_in(derive(program, TODAY), "pm-a")

    assert [(f.item.entry.pair, f.item.state.words, f.last_support) for f in ci.focus] == [
        ("p-0001", "followed up", D("2026-11-18")),
        ("p-0002", "follow-up due by 30 Nov 2026", None),
    ]
    assert ci.followed_up == 1


def test_an_ended_entry_without_a_note_is_not_followed_up(mk):
    focus = [mk.focus("2026-11-02", ["p-0001"])]  # window 2..9 Nov, ended
    program = mk.program(pairs=[mk.pair()], notes=[mk.note("2026-11-12")], focus=focus)

    [line] = packets.check_in(derive(program, TODAY), "pm-a").focus

    assert (line.item.state.words, line.item.state.flagged) == ("not followed up", True)


def test_watch_and_stale_pairs_longest_first_and_concerns_of_active_pairs(mk):
    pairs = [
        mk.pair("p-0001"),
        mk.pair("p-0002"),
        mk.pair("p-0003"),
        mk.pair("p-0004", status="paused"),
    ]
    notes = [
        mk.note("2026-11-01", pair="p-0001"),  # watch, 21 days
        mk.note("2026-10-01", pair="p-0002"),  # stale, 52 days
        fresh(mk, "p-0003"),
    ]
    rows = mk.weeks("missed missed", pair="p-0003") + mk.weeks("missed missed", pair="p-0004")
    program = mk.program(pairs=pairs, notes=notes, participation=rows)

    ci = packets.check_in(derive(program, TODAY), "pm-a")

    assert [p.id for p in ci.tracker] == ["p-0002", "p-0001"]
    assert [p.id for p in ci.concerns] == ["p-0003"]


def test_late_notes_of_the_last_30_days_newest_first(mk):
    notes = [
        mk.note("2026-10-01", logged="2026-10-20"),  # logged 33 days ago: not recent
        mk.note("2026-10-10", logged="2026-10-23"),  # 30 days ago: recent
        mk.note("2026-11-01", logged="2026-11-20"),
        mk.note("2026-11-10", logged="2026-11-12"),  # on time
    ]
    program = mk.program(pairs=[mk.pair()], notes=notes)

    ci = packets.check_in(derive(program, TODAY), "pm-a")

    assert [n.note for n in ci.late] == [notes[2], notes[1]]


def test_hours_this_month_and_last_month_against_the_benchmark(mk):
    settings = Settings.model_validate({"monthly_support_hours": 1})
    notes = [
        mk.note("2026-10-31", minutes=60),
        mk.note("2026-11-01", minutes=30),
        mk.note("2026-11-20", minutes=20),
        mk.note("2026-11-20", minutes=50, author="dir-b"),  # someone else's time
    ]
    program = mk.program(pairs=[mk.pair()], notes=notes, settings=settings)

    ci = packets.check_in(derive(program, TODAY), "pm-a")

    assert ci.this_month == Month("2026-11", 50, False, current=True)
    assert ci.last_month == Month("2026-10", 60, True)
    assert ci.this_month.state.words == "in progress"


def test_last_month_before_the_first_note_or_without_classes_is_not_applicable(mk):
    program = mk.program(pairs=[mk.pair()], notes=[mk.note("2026-09-10")])

    ci = packets.check_in(derive(program, D("2026-09-20")), "pm-a")

    # August: before the first note (and outside the default class months 09..06).
    assert ci.last_month.state.words == "not applicable (before the first note)"
    program = mk.program(pairs=[mk.pair()], notes=[mk.note("2026-06-10")])
    ci = packets.check_in(derive(program, D("2026-08-20")), "pm-a")
    assert ci.last_month.state.words == "not applicable (no classes)"  # July


def test_last_month_of_january_is_the_previous_december(mk):
    program = mk.program(pairs=[mk.pair()], notes=[mk.note("2026-12-31", minutes=90)])

    ci = packets.check_in(derive(program, D("2027-01-05")), "pm-a")

    assert (ci.this_month.month, ci.last_month.month, ci.last_month.minutes) == (
        "2027-01",
        "2026-12",
        90,
    )


# --- Handoff --------------------------------------------------------------------------------


def with_plan(note, html):
    return dataclasses.replace(note, sections=(Section("plan", "Plan", html),))


def test_handoff_lists_active_pairs_first_then_paused_then_closed(mk):
    staff = [mk.staff("pm-a"), mk.staff("pm-c")]
    pairs = [
        mk.pair("p-0001", status="closed", closed_on="2026-06-01"),
        mk.pair("p-0002", status="paused"),
        mk.pair("p-0003"),
        mk.pair("p-0004"),
        mk.pair("p-0005", pm="pm-c"),
    ]
    program = mk.program(pairs=pairs, staff=staff)

    h = packets.handoff(derive(program, TODAY), "pm-a")

    assert [hp.id for hp in h.active] == ["p-0003", "p-0004"]
    assert [hp.id for hp in h.inactive] == ["p-0002", "p-0001"]


def test_the_last_contact_is_the_latest_note_of_any_type_with_its_plan(mk):
    support = with_plan(mk.note("2026-11-01"), "<p>Call the mentor.</p>")
    summary = with_plan(
        mk.note("2026-11-10", type="summary", program_year="2026-27", author="dir-b"),
        "<p>Keep going.</p>",
    )
    program = mk.program(pairs=[mk.pair()], notes=[summary, support])

    [hp] = packets.handoff(derive(program, TODAY), "pm-a").active

    assert hp.last == summary and hp.last.author == "dir-b"
    assert hp.p.plan is not None and hp.p.plan.html == "<p>Keep going.</p>"


def test_a_pair_without_notes_has_no_last_contact_or_plan(mk):
    program = mk.program(pairs=[mk.pair(matched_on="2026-11-20")])

    [hp] = packets.handoff(derive(program, TODAY), "pm-a").active

    assert (hp.last, hp.p.plan, hp.safety, hp.focus, hp.weeks) == (None, None, (), (), ())
    assert [f.text for f in hp.follow_ups] == [
        "Mentor calls: next due by 30 Nov 2026 (1 due this year by then, 0 logged so far)"
    ]


def test_pending_follow_ups_in_words(mk):
    request = mk.request("2026-11-20", "2026-11-25")
    notes = [mk.note("2025-10-01"), request, mk.note("2026-12-01")]
    rows = mk.weeks("done missed missed", start="2026-11-09")
    focus = [mk.focus("2026-12-07", ["p-0001"])]
    program = mk.program(pairs=[mk.pair()], notes=notes, participation=rows, focus=focus)

    [hp] = packets.handoff(derive(program, D("2026-12-10")), "pm-a").active

    texts = [f.text for f in hp.follow_ups]
    assert texts == [
        "out-of-program meeting planned for 25 Nov 2026: no follow-up note yet",
        "end-of-year summary for 2025-26 missing (due 30 Jun 2026)",
        "Mentor calls behind: 1 due by 30 Nov 2026, 0 logged so far",
        "Mentor calls: next due by 28 Feb 2027 (2 due this year by then, 0 logged so far)",
        "mentor participation concern: missed 2 weeks in a row: 16 Nov and 23 Nov 2026",
        "on the focus list of 7 Dec 2026: follow-up due by 14 Dec 2026",
    ]
    assert hp.follow_ups[0].note == request


def test_a_stale_pair_says_so_first(mk):
    program = mk.program(pairs=[mk.pair()], notes=[mk.note("2026-10-01", type="mentor-call")])

    [hp] = packets.handoff(derive(program, TODAY), "pm-a").active

    assert hp.follow_ups[0].text == "stale: 52 days since the last support note"


def test_safety_focus_and_participation_history(mk):
    safety = [
        mk.note("2026-01-10", type="safety", severity="minor"),
        mk.note("2026-10-10", type="safety", severity="major", escalated_on="2026-10-14"),
    ]
    focus = [mk.focus("2026-10-12", ["p-0001"]), mk.focus("2026-11-16", ["p-0001"])]
    rows = mk.weeks("done " * 7 + "missed excused missed", start="2026-09-07")
    program = mk.program(
        pairs=[mk.pair()], notes=[*safety, fresh(mk, "p-0001")], focus=focus, participation=rows
    )

    [hp] = packets.handoff(derive(program, TODAY), "pm-a").active

    assert [n.note for n in hp.safety] == [safety[1], safety[0]]
    assert [f.list.date for f in hp.focus] == [D("2026-11-16"), D("2026-10-12")]
    assert len(hp.weeks) == packets.TREND_WEEKS and hp.weeks[-1].week == rows[-1].week
    assert hp.mentor == {"done": 5, "missed": 2, "excused": 1}
    assert hp.mentee == {"done": 8, "missed": 0, "excused": 0}
    assert hp.p.concern


def test_a_paused_pair_owes_no_mentor_calls_in_a_handoff(mk):
    program = mk.program(pairs=[mk.pair(status="paused")], notes=[mk.note("2026-12-05")])

    [hp] = packets.handoff(derive(program, D("2026-12-10")), "pm-a").inactive

    assert not any("Mentor calls" in f.text for f in hp.follow_ups)


@pytest.mark.parametrize(
    ("to", "included"),
    [("2026-08-24", True), ("2026-08-23", False)],
    ids=["90-days-ago-included", "91-days-ago-not"],
)
def test_handoff_covers_pairs_handed_over_in_the_last_handoff_days(mk, to, included):
    # p-0002 left pm-a for pm-c through its pm_history; today 2026-11-22 − 90 days = 2026-08-24.
    staff = [mk.staff("pm-a"), mk.staff("pm-c")]
    pairs = [mk.pair(), mk.pair("p-0002", pm="pm-c", pm_history=[("pm-a", "2025-09-15", to)])]
    program = mk.program(pairs=pairs, staff=staff, notes=[fresh(mk, "p-0002")])

    h = packets.handoff(derive(program, TODAY), "pm-a")

    assert [hp.id for hp in h.active] == ["p-0001"]  # still pm-a's own pairs
    if included:
        [(pm, [handed])] = h.handed
        assert (pm, handed.hp.id, handed.on, handed.to) == ("pm-c", "p-0002", D(to), "pm-c")
        assert h.handed_count == 1
    else:
        assert h.handed == ()
    assert packets.handoff(derive(program, TODAY), "pm-c").handed == ()


def test_a_pair_handed_on_twice_names_the_next_pm_and_handoff_days_is_a_setting(mk):
    staff = [mk.staff("pm-a"), mk.staff("pm-b"), mk.staff("pm-c")]
    history = [("pm-a", "2025-09-15", "2026-10-01"), ("pm-b", "2026-10-02", "2026-11-01")]
    pairs = [mk.pair(pm="pm-c", pm_history=history)]
    settings = Settings.model_validate({"handoff_days": 30})
    program = mk.program(pairs=pairs, staff=staff, settings=settings)

    facts = derive(program, TODAY)

    assert packets.handoff(facts, "pm-a").handed == ()  # 52 days ago, more than 30
    [(pm, [handed])] = packets.handoff(facts, "pm-b").handed
    assert (pm, handed.to, handed.on) == ("pm-c", "pm-c", D("2026-11-01"))
    program = mk.program(pairs=pairs, staff=staff)  # the default 90 days
    [(pm, [handed])] = packets.handoff(derive(program, TODAY), "pm-a").handed
    assert (pm, handed.to) == ("pm-b", "pm-b")
