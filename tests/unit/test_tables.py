"""`derive.tables`: the Note Tracker by PM, the rubric by year, the tags by month."""

from __future__ import annotations

from datetime import date

from notesite.derive.facts import derive
from notesite.derive.tables import rubric_years, tag_table, tracker_groups

TODAY = date(2026, 11, 22)


def test_the_tracker_lists_active_pairs_at_watch_or_stale_by_pm_longest_first(mk):
    pairs = [
        mk.pair("p-0001", pm="pm-b"),
        mk.pair("p-0002"),
        mk.pair("p-0003"),
        mk.pair("p-0004"),
        mk.pair("p-0005", status="paused"),
    ]
    notes = [
        mk.note("2026-10-20", pair="p-0001"),  # 33 days: stale
        mk.note("2026-11-01", pair="p-0002"),  # 21 days: watch
        mk.note("2026-10-01", pair="p-0003"),  # 52 days: stale
        mk.note("2026-11-20", pair="p-0004"),  # ok: not listed
        mk.note("2026-09-01", pair="p-0005"),  # inactive: not listed
    ]
    staff = [mk.staff("pm-a"), mk.staff("pm-b")]
    facts = derive(mk.program(pairs=pairs, notes=notes, staff=staff), TODAY)

    groups = tracker_groups(facts)

    assert [(g.pm, [p.id for p in g.pairs]) for g in groups] == [
        ("pm-a", ["p-0003", "p-0002"]),
        ("pm-b", ["p-0001"]),
    ]
    assert [g.title for g in groups] == ["Pm-A (pm-a)", "Pm-B (pm-b)"]
    assert [g.pm for g in tracker_groups(facts, "pm-b")] == ["pm-b"]


def test_a_tracker_group_of_a_pm_missing_from_the_roster_is_titled_by_id(mk):
    program = mk.program(pairs=[mk.pair(pm="pm-x")], staff=[])
    [group] = tracker_groups(derive(program, TODAY))
    assert group.name is None and group.title == "pm-x"


def rated(focus_list):
    """A rating of every default category: 2, except `focus-list`."""
    others = ("reactive-support", "coaching", "use-of-information")
    return {"focus-list": focus_list, **dict.fromkeys(others, 2)}


def test_rubric_years_are_newest_first_with_means_and_evidence(mk):
    ratings = [
        mk.rating(rated(3), program_year="2024-25"),
        mk.rating(rated(1), staff="pm-a"),
        mk.rating(rated({"a": 2, "b": 3}), staff="pm-b"),
    ]
    notes = [mk.note("2025-10-01", lag=2), mk.note("2025-10-08", lag=9)]
    staff = [mk.staff("pm-a"), mk.staff("pm-b")]
    program = mk.program(pairs=[mk.pair()], notes=notes, ratings=ratings, staff=staff)

    years = rubric_years(derive(program, TODAY))

    assert [y.year for y in years] == ["2025-26", "2024-25"]
    latest = years[0]
    assert [r.rating.staff for r in latest.ratings] == ["pm-a", "pm-b"]
    assert latest.means["focus-list"] == (1 + 2.5) / 2
    assert latest.evidence["pm-a"].notes == 2 and latest.evidence["pm-a"].timely == 1


def test_the_tag_table_has_every_month_and_shades_cells_by_the_busiest(mk):
    notes = [
        mk.note("2026-07-03"),
        mk.note("2026-09-03"),
        mk.note("2026-09-10"),
        mk.note("2026-09-17"),
        mk.note("2026-09-24"),
    ]
    table = tag_table(derive(mk.program(pairs=[mk.pair()], notes=notes), TODAY))

    assert table.months == ("2026-07", "2026-08", "2026-09")
    row = next(r for r in table.rows if r.slug == "mentor-touch-point")
    assert row.counts == (1, 0, 4) and row.total == 5
    assert row.heat == (1, 0, 4)  # 1 of 4 is the lightest shade; none is unshaded
    assert all(r.total == 0 for r in table.rows if r.slug != "mentor-touch-point")
