"""The school report's numbers and pieces: rates, change, months, chart, safe output."""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from notesite.commands import CommandError
from notesite.commands.output import cell, printable
from notesite.commands.report import parse_month
from notesite.derive.schools import Rate, WeekRates, change, month_bounds, rate
from notesite.render.school_chart import weekly_completion
from notesite.safewrite import UnsafePath, write_files

D = date.fromisoformat


@pytest.mark.parametrize(
    ("statuses", "done", "missed", "percent", "decimal"),
    [
        (["done", "done", "missed"], 2, 1, 67, 0.67),  # 66.67
        (["done"] + ["missed"] * 7, 1, 7, 13, 0.13),  # 12.5 rounds half-up
        (["done", "excused", "pending", ""], 1, 0, 100, 1.0),  # only done and missed count
        (["excused", "pending"], 0, 0, None, None),  # no rate
    ],
    ids=["two-of-three", "half-up", "excused-and-pending-left-out", "none"],
)
def test_rate(
    statuses: list[str], done: int, missed: int, percent: int | None, decimal: float | None
) -> None:
    r = rate(statuses)
    assert (r.done, r.missed, r.percent, r.decimal) == (done, missed, percent, decimal)


@pytest.mark.parametrize(
    ("now", "before", "points"),
    [
        (Rate(1, 1), Rate(2, 1), -17),  # 50% - 66.67%
        (Rate(3, 1), Rate(1, 1), 25),
        (Rate(5, 3), Rate(1, 1), 13),  # 62.5 - 50 = 12.5: half-up
        (Rate(1, 1), Rate(5, 3), -13),  # -12.5: half away from zero, as a person reads it
        (Rate(1, 0), Rate(0, 0), None),
    ],
)
def test_change_in_points(now: Rate, before: Rate, points: int | None) -> None:
    assert change(now, before) == points


def test_rate_value_is_exact() -> None:
    assert Rate(2, 1).value == Fraction(2, 3)


@pytest.mark.parametrize(
    ("day", "bounds"),
    [("2026-11-15", ("2026-11-01", "2026-11-30")), ("2026-12-31", ("2026-12-01", "2026-12-31")),
     ("2028-02-10", ("2028-02-01", "2028-02-29"))],
)  # fmt: skip
def test_month_bounds(day: str, bounds: tuple[str, str]) -> None:
    assert month_bounds(D(day)) == (D(bounds[0]), D(bounds[1]))


def test_parse_month() -> None:
    assert parse_month("2026-11", D("2026-11-01")) == D("2026-11-01")
    for bad in ("2026-13", "2026-1", "26-11", "November"):
        with pytest.raises(CommandError, match="not a month"):
            parse_month(bad, D("2026-11-22"))
    with pytest.raises(CommandError, match="not started yet"):
        parse_month("2026-12", D("2026-11-30"))


def test_chart_labels_every_bar_and_uses_patterns_not_colours() -> None:
    weeks = [
        WeekRates(D("2026-10-27"), Rate(3, 1), Rate(1, 1), False),
        WeekRates(D("2026-11-03"), Rate(0, 0), Rate(2, 0), True),
    ]
    svg = str(weekly_completion(weeks, "Harbor & Co"))
    assert svg.count("<text") >= 4 + 3 + 2 + 2  # values, axis, dates, months
    assert ">75%<" in svg and ">50%<" in svg and ">–<" in svg and ">100%<" in svg
    assert "Harbor &amp; Co" in svg and "Harbor & Co" not in svg
    fills = set(re.findall(r'fill="([^"]+)"', svg))
    assert fills <= {"#000", "#fff", "url(#school-chart-hatch)"}
    assert "stroke-dasharray" in svg  # the line between the months
    assert str(weekly_completion([], "x")) == ""


def test_printable_and_cells() -> None:
    assert printable("Sam\x1b[31m Okafor\u202e") == "Sam?[31m Okafor?"
    assert cell("=HYPERLINK()") == "'=HYPERLINK()" and cell("@x") == "'@x"
    assert cell(-17) == "-17" and cell("-0.50") == "-0.50" and cell("Dana") == "Dana"


def test_reports_are_written_by_safewrite_replacing_atomically_and_refusing_links(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    assert write_files(out, {"a.csv": b"1\n"}) == [out / "a.csv"]
    write_files(out, {"a.csv": b"2\n"})
    assert (out / "a.csv").read_bytes() == b"2\n"
    assert sorted(p.name for p in out.iterdir()) == ["a.csv"]  # no temporary file left
    victim = tmp_path / "victim"
    victim.write_text("mine")
    (out / "b.csv").symlink_to(victim)
    with pytest.raises(UnsafePath, match="symbolic link"):
        write_files(out, {"a.csv": b"3\n", "b.csv": b"x"})
    assert victim.read_text() == "mine" and (out / "a.csv").read_bytes() == b"2\n"
    (tmp_path / "file").write_text("")
    with pytest.raises(UnsafePath, match="is a file"):
        write_files(tmp_path / "file", {"a.csv": b""})
