"""SPEC §13 at its edges, with hand-computed dates.

The calendar: Harbor High School holds its class on Tuesdays from 2026-09-15 to 2027-06-08,
with no class on 2026-11-24 (Thanksgiving week). So the classes around it are Nov 10, Nov 17,
then Dec 1, Dec 8: the week of Nov 17 runs to Nov 30. The pair p-0001 (PM pm-a, managed by
dir-b) was matched on 2026-09-01. Settings are the defaults: a concern after 2 missed weeks,
a focus list due within 14 days.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notesite.class_calendar import Calendars, ClassCalendar, SchoolClasses
from notesite.derive import measures
from notesite.derive import operations as ops
from notesite.models import FocusList, ParticipationRow, StaffMember
from notesite.program import Program
from notesite.settings import Settings

if TYPE_CHECKING:
    from unit.conftest import Make

D = date.fromisoformat
SCHOOL = "Harbor High School"
CALENDAR = ClassCalendar.model_validate(
    {
        "program_year": "2026-27",
        "schools": {
            SCHOOL: {"weekly": "tuesday", "from": D("2026-09-15"), "to": D("2027-06-08"),
                     "except": [D("2026-11-24")]},
        },
    }
)  # fmt: skip


def rows(*weeks: tuple[str, str], pair: str = "p-0001") -> list[ParticipationRow]:
    """Rows for (class day, mentor status) pairs; the mentee always did the lesson."""
    return [ParticipationRow(pair, D(w), m, "done", i + 2) for i, (w, m) in enumerate(weeks)]


def program(
    mk: Make,
    participation: list[ParticipationRow],
    *,
    focus: list[FocusList] | None = None,
    calendars: tuple[ClassCalendar, ...] = (CALENDAR,),
    **pair: object,
) -> Program:
    staff = [
        StaffMember(id="pm-a", name="Alex Park", role="pm", manager="dir-b"),
        StaffMember(id="pm-c", name="Chris Lee", role="pm", manager="dir-b"),
        StaffMember(id="dir-b", name="Bea Diaz", role="director"),
    ]
    made = mk.program(
        pairs=[mk.pair(matched_on=pair.pop("matched_on", "2026-09-01"), **pair)],  # type: ignore[arg-type]
        staff=staff,
        participation=participation,
        focus=focus or [],
    )
    return replace(made, calendars=calendars)


def due(p: Program, day: str) -> list[tuple[str, date, bool, str]]:
    """(kind, class, personalised, status) of the reminders due on `day`."""
    facts = ops.operations(p, D(day))
    return [(r.kind, r.cls, r.personalised, r.status) for r in facts.reminders]


# --- Class days and weeks ------------------------------------------------------------------


def test_class_days_skip_the_day_off_and_add_extra_days() -> None:
    classes = SchoolClasses.model_validate(
        {"weekly": "tuesday", "from": D("2026-11-10"), "to": D("2026-12-08"),
         "except": [D("2026-11-24")], "extra": [D("2026-11-26")]}
    )  # fmt: skip
    assert classes.days() == tuple(
        D(x) for x in ("2026-11-10", "2026-11-17", "2026-11-26", "2026-12-01", "2026-12-08")
    )


def test_weekly_days_start_on_the_first_weekday_on_or_after_from() -> None:
    classes = SchoolClasses.model_validate(
        {"weekly": "tuesday", "from": D("2026-09-10"), "to": D("2026-09-29")}
    )
    assert classes.days() == (D("2026-09-15"), D("2026-09-22"), D("2026-09-29"))


def test_a_week_runs_to_the_day_before_the_next_class_across_a_day_off(mk: Make) -> None:
    weeks = ops.operations(program(mk, []), D("2026-12-02")).pairs["p-0001"].weeks
    by_class = {w.cls: w for w in weeks}
    assert by_class[D("2026-11-17")].end == D("2026-11-30")
    assert by_class[D("2026-11-17")].next == D("2026-12-01")
    assert by_class[D("2026-12-01")].previous == D("2026-11-17")
    assert ops.current_week(weeks, D("2026-11-24")).cls == D("2026-11-17")  # type: ignore[union-attr]


def test_the_last_class_of_a_year_has_a_seven_day_week_and_no_next_class(mk: Make) -> None:
    weeks = ops.operations(program(mk, []), D("2027-06-20")).pairs["p-0001"].weeks
    assert (weeks[-1].cls, weeks[-1].end, weeks[-1].next) == (
        D("2027-06-08"),
        D("2027-06-14"),
        None,
    )
    assert ops.current_week(weeks, D("2027-06-15")) is None


def test_weeks_start_at_the_match(mk: Make) -> None:
    weeks = ops.operations(program(mk, [], matched_on="2026-11-12"), D("2026-12-02")).pairs
    first = weeks["p-0001"].weeks[0]
    assert (first.cls, first.previous, first.previous_mentor) == (D("2026-11-17"), None, None)


def test_status_is_pending_without_a_row(mk: Make) -> None:
    p = program(mk, rows(("2026-11-10", "done")))
    weeks = {w.cls: w for w in ops.operations(p, D("2026-11-20")).pairs["p-0001"].weeks}
    assert (weeks[D("2026-11-10")].mentor, weeks[D("2026-11-17")].mentor) == ("done", "pending")
    assert weeks[D("2026-11-17")].previous_mentor == "done"


# --- Email and text days -------------------------------------------------------------------


def test_email_three_days_after_the_class_when_pending(mk: Make) -> None:
    p = program(mk, rows(("2026-11-10", "done")))
    assert due(p, "2026-11-19") == []
    assert due(p, "2026-11-20") == [("email", D("2026-11-17"), False, "pending")]
    assert due(p, "2026-11-21") == []


def test_email_when_missed(mk: Make) -> None:
    p = program(mk, rows(("2026-11-10", "done"), ("2026-11-17", "missed")))
    assert due(p, "2026-11-20") == [("email", D("2026-11-17"), False, "missed")]


def test_no_reminder_for_a_done_or_excused_week(mk: Make) -> None:
    for status in ("done", "excused"):
        p = program(mk, rows(("2026-11-10", "done"), ("2026-11-17", status)))
        assert due(p, "2026-11-20") == due(p, "2026-11-30") == [], status


def test_text_the_day_before_the_next_class_across_the_day_off(mk: Make) -> None:
    p = program(mk, rows(("2026-11-10", "done")))
    assert due(p, "2026-11-23") == []  # the day before the cancelled class: no text
    assert due(p, "2026-11-30") == [("text", D("2026-11-17"), False, "pending")]


def test_text_the_day_before_an_ordinary_next_class(mk: Make) -> None:
    p = program(mk, rows(("2026-11-03", "done")))
    assert due(p, "2026-11-16") == [("text", D("2026-11-10"), False, "pending")]


def test_no_text_after_the_last_class_of_the_year(mk: Make) -> None:
    facts = ops.operations(program(mk, []), D("2027-06-30")).pairs["p-0001"]
    last = [r for r in facts.reminders if r.cls == D("2027-06-08")]
    assert [(r.kind, r.on) for r in last] == [("email", D("2027-06-11"))]


def test_personalised_after_a_missed_week(mk: Make) -> None:
    p = program(mk, rows(("2026-11-03", "done"), ("2026-11-10", "missed")))
    assert due(p, "2026-11-20") == [("email", D("2026-11-17"), True, "pending")]
    assert due(p, "2026-11-30") == [("text", D("2026-11-17"), True, "pending")]


def test_not_personalised_after_an_excused_week(mk: Make) -> None:
    p = program(mk, rows(("2026-11-03", "missed"), ("2026-11-10", "excused")))
    assert due(p, "2026-11-20") == [("email", D("2026-11-17"), False, "pending")]


def test_not_personalised_for_the_first_week_after_the_match(mk: Make) -> None:
    p = program(mk, [], matched_on="2026-11-12")
    assert due(p, "2026-11-20") == [("email", D("2026-11-17"), False, "pending")]


def test_email_and_text_on_one_day_come_email_first(mk: Make) -> None:
    # an extra class on Saturday Nov 21: the week of Tuesday Nov 17 ends on Friday Nov 20,
    # its email day (17 + 3) and its text day (21 - 1).
    cal = CALENDAR.model_copy(
        update={
            "schools": {
                SCHOOL: CALENDAR.schools[SCHOOL].model_copy(update={"extra": (D("2026-11-21"),)})
            }
        }
    )
    p = program(mk, rows(("2026-11-10", "done")), calendars=(cal,))
    assert due(p, "2026-11-20") == [
        ("email", D("2026-11-17"), False, "pending"),
        ("text", D("2026-11-17"), False, "pending"),
    ]


# --- Escalations ---------------------------------------------------------------------------


def test_a_concern_starts_the_day_after_the_class_that_completed_the_run(mk: Make) -> None:
    p = program(mk, rows(("2026-11-10", "missed"), ("2026-11-17", "missed")))
    [e] = ops.escalations(p.participation, 2)
    assert (e.run_week, e.start, e.end, e.line) == (D("2026-11-17"), D("2026-11-18"), None, 3)
    assert not e.open_on(D("2026-11-17")) and e.open_on(D("2026-11-18"))
    assert [x.pair for x in ops.operations(p, D("2026-11-17")).open] == []
    assert [x.start for x in ops.operations(p, D("2026-11-18")).open] == [D("2026-11-18")]


def test_excused_weeks_are_skipped_in_the_run(mk: Make) -> None:
    p = program(
        mk, rows(("2026-11-03", "missed"), ("2026-11-10", "excused"), ("2026-11-17", "missed"))
    )
    [e] = ops.escalations(p.participation, 2)
    assert e.start == D("2026-11-18")


def test_escalated_pairs_get_no_reminders(mk: Make) -> None:
    p = program(mk, rows(("2026-11-10", "missed"), ("2026-11-17", "missed")))
    assert due(p, "2026-11-20") == due(p, "2026-11-30") == []


def test_the_concern_ends_with_the_next_done_week_and_reminders_resume(mk: Make) -> None:
    p = program(
        mk,
        rows(("2026-11-03", "missed"), ("2026-11-10", "missed"), ("2026-11-17", "missed"),
             ("2026-12-01", "done")),
    )  # fmt: skip
    [e] = ops.escalations(p.participation, 2)
    assert (e.start, e.end) == (D("2026-11-11"), D("2026-12-01"))
    assert e.open_on(D("2026-11-30")) and not e.open_on(D("2026-12-01"))
    assert due(p, "2026-11-20") == []  # still escalated
    assert due(p, "2026-12-11") == [("email", D("2026-12-08"), False, "pending")]
    facts = ops.operations(p, D("2026-12-07"))
    assert [x.escalation.end for x in facts.ended] == [D("2026-12-01")]
    assert facts.open == ()
    assert ops.operations(p, D("2026-12-08")).ended == ()  # "this week" is 7 days


def test_more_misses_extend_one_escalation_and_a_new_run_starts_another(mk: Make) -> None:
    p = program(
        mk,
        rows(("2026-10-06", "missed"), ("2026-10-13", "missed"), ("2026-10-20", "missed"),
             ("2026-10-27", "done"), ("2026-11-03", "missed"), ("2026-11-10", "missed")),
    )  # fmt: skip
    found = [(e.start, e.end) for e in ops.escalations(p.participation, 2)]
    assert found == [(D("2026-10-14"), D("2026-10-27")), (D("2026-11-11"), None)]


def test_the_end_is_not_known_before_the_done_week(mk: Make) -> None:
    p = program(
        mk, rows(("2026-11-03", "missed"), ("2026-11-10", "missed"), ("2026-11-17", "done"))
    )
    [e] = ops.operations(p, D("2026-11-16")).pairs["p-0001"].escalations
    assert e.escalation.end is None and e.open


# --- Focus-list timing ----------------------------------------------------------------------


RUN = rows(("2026-11-10", "missed"), ("2026-11-17", "missed"))  # starts Nov 18, due Dec 2


def escalation(mk: Make, day: str, *lists: tuple[str, str, str]) -> ops.EscalationFacts:
    """The pair's escalation on `day`, with focus lists (date, PM, pair)."""
    focus = [mk.focus(d, [pair], staff=pm) for d, pm, pair in lists]
    [e] = ops.operations(program(mk, RUN, focus=focus), D(day)).pairs["p-0001"].escalations
    return e


def test_on_the_focus_list_on_the_last_day_of_the_window(mk: Make) -> None:
    e = escalation(mk, "2026-12-10", ("2026-12-02", "pm-a", "p-0001"))
    assert (e.due, e.focus_on, e.on_focus_list, e.overdue) == (
        D("2026-12-02"),
        D("2026-12-02"),
        True,
        False,
    )
    assert (e.pm, e.manager, e.focus_state) == ("pm-a", "dir-b", "on-list")


def test_on_the_focus_list_on_the_day_it_starts(mk: Make) -> None:
    assert escalation(mk, "2026-11-18", ("2026-11-18", "pm-a", "p-0001")).on_focus_list


def test_a_day_late_is_not_in_time(mk: Make) -> None:
    e = escalation(mk, "2026-12-03", ("2026-12-03", "pm-a", "p-0001"))
    assert (e.focus_on, e.focus_late, e.overdue, e.focus_state) == (
        None,
        D("2026-12-03"),
        True,
        "missed",
    )


def test_waiting_until_the_window_has_passed(mk: Make) -> None:
    assert escalation(mk, "2026-12-02").focus_state == "waiting"
    assert escalation(mk, "2026-12-03").focus_state == "missed"


@pytest.mark.parametrize(
    "focus",
    [
        ("2026-11-17", "pm-a", "p-0001"),
        ("2026-11-20", "pm-c", "p-0001"),
        ("2026-11-20", "pm-a", "p-0002"),
    ],
    ids=["before-the-start", "another-pms-list", "another-pair"],
)  # fmt: skip
def test_lists_that_do_not_count(mk: Make, focus: tuple[str, str, str]) -> None:
    assert not escalation(mk, "2026-12-10", focus).on_focus_list


def test_the_pm_when_it_started_counts_after_a_handover(mk: Make) -> None:
    pair = mk.pair(pm="pm-c", matched_on="2026-09-01")
    pair = pair.model_copy(
        update={"pm_history": (*pair.pm_history, _period("pm-a", "2026-09-01", "2026-11-25"))}
    )
    base = program(mk, RUN, focus=[mk.focus("2026-11-20", ["p-0001"], staff="pm-a")])
    p = replace(base, pairs={"p-0001": pair})
    [e] = ops.operations(p, D("2026-12-10")).pairs["p-0001"].escalations
    assert (e.pm, e.focus_on) == ("pm-a", D("2026-11-20"))


def _period(pm: str, start: str, end: str):  # type: ignore[no-untyped-def]
    from notesite.models import PmPeriod

    return PmPeriod.model_validate({"pm": pm, "from": D(start), "to": D(end)})


def test_focus_within_days_is_a_setting(mk: Make) -> None:
    base = program(mk, RUN, focus=[mk.focus("2026-11-26", ["p-0001"])])
    settings = Settings.model_validate({"participation": {"focus_within_days": 7}})
    [e] = (
        ops.operations(replace(base, settings=settings), D("2026-12-10"))
        .pairs["p-0001"]
        .escalations
    )
    assert (e.due, e.on_focus_list, e.focus_late) == (D("2026-11-25"), False, D("2026-11-26"))


def test_overdue_of_a_year_is_what_ns823_reports(mk: Make) -> None:
    p = program(mk, RUN)
    assert [e.pair for e in ops.overdue_escalations(p, D("2026-12-03"))] == ["p-0001"]
    assert ops.overdue_escalations(p, D("2026-12-02")) == []
    assert ops.overdue_escalations(p, D("2027-09-03")) == []  # another program year


# --- Which pairs ----------------------------------------------------------------------------


def test_only_active_pairs_with_a_calendar(mk: Make) -> None:
    paused = program(mk, RUN, status="paused")
    assert ops.operations(paused, D("2026-11-20")).pairs == {}
    no_calendar = program(mk, RUN, calendars=())
    facts = ops.operations(no_calendar, D("2026-11-20"))
    assert facts.pairs == {} and facts.uncovered == ((SCHOOL, 1),)


def test_history_lists_every_reminder_the_data_implies(mk: Make) -> None:
    p = program(mk, rows(("2026-11-03", "done"), ("2026-11-10", "missed"), ("2026-11-17", "done")))
    history = ops.operations(p, D("2026-11-30")).pairs["p-0001"].reminders
    assert [(r.kind, r.on, r.cls, r.personalised) for r in history if r.cls >= D("2026-11-03")] == [
        ("email", D("2026-11-13"), D("2026-11-10"), False),
        ("text", D("2026-11-16"), D("2026-11-10"), False),
    ]


# --- The §8 concern is the latest escalation, still open -----------------------------------


@given(st.lists(st.sampled_from(["done", "missed", "excused"]), max_size=30), st.integers(1, 4))
def test_concern_is_an_open_escalation(values: list[str], after: int) -> None:
    start = D("2026-09-15")
    found = [
        ParticipationRow("p-0001", start + timedelta(weeks=i), v, "done", i + 2)
        for i, v in enumerate(values)
    ]
    settings = Settings.model_validate({"participation": {"escalate_after_missed": after}})
    runs = ops.escalations(found, after)
    assert measures.participation_concern(found, settings) == bool(runs and runs[-1].end is None)


def test_calendars_answer_class_days() -> None:
    classes = Calendars.of([CALENDAR])
    assert classes.is_class_day(SCHOOL, "2026-27", D("2026-11-17"))
    assert not classes.is_class_day(SCHOOL, "2026-27", D("2026-11-24"))
    assert not classes.is_class_day(SCHOOL, "2025-26", D("2026-11-17"))
    assert classes.in_range(SCHOOL, D("2026-11-16"), D("2026-12-01")) == [
        D("2026-11-17"),
        D("2026-12-01"),
    ]
