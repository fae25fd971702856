"""The monthly-hours chart: inline SVG with a text alternative, below-benchmark bars hatched."""

from __future__ import annotations

import re

from notesite.derive.measures import Month
from notesite.render.charts import HATCH, monthly_hours


def months(*minutes: int, start: int = 9, benchmark: float = 20) -> list[Month]:
    out = []
    for i, m in enumerate(minutes):
        year, month = 2025 + (start - 1 + i) // 12, (start - 1 + i) % 12 + 1
        out.append(Month(f"{year:04d}-{month:02d}", m, m >= benchmark * 60))
    return out


def test_no_months_no_chart() -> None:
    assert monthly_hours([], 20) == ""


def test_the_chart_has_a_title_and_a_description_that_count_the_months() -> None:
    svg = monthly_hours(months(1500, 600, 1200), 20)
    assert svg.startswith('<svg class="chart"') and svg.endswith("</svg>")
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in svg
    assert '<title id="chart-title">Monthly support hours</title>' in svg
    assert (
        '<desc id="chart-desc">Documented support hours per month, 2025-09 to 2025-11: '
        "2 of 3 months meet the 20-hour benchmark.</desc>"
    ) in svg


def test_below_benchmark_bars_are_hatched_not_just_another_colour() -> None:
    svg = monthly_hours(months(1500, 600), 20)
    assert f'<pattern id="{HATCH}"' in svg
    below = re.findall(r'<rect class="bar below"[^>]*>', svg)
    meets = re.findall(r'<rect class="bar meets"[^>]*>', svg)
    assert len(below) == 2 and len(meets) == 2  # one of each in the legend
    assert all(f'fill="url(#{HATCH})"' in r for r in below)
    assert not any("fill=" in r for r in meets)
    assert "<title>2025-10: 10.00 h (below benchmark)</title>" in svg
    assert "<title>2025-09: 25.00 h (meets benchmark)</title>" in svg


def test_bars_scale_to_the_benchmark_when_every_month_is_below_it() -> None:
    svg = monthly_hours(months(0, 600), 20)
    heights = [float(h) for h in re.findall(r'class="bar below" x="[\d.]+" y="[\d.]+" '
                                            r'width="[\d.]+" height="([\d.]+)"', svg)]  # fmt: skip
    legend, empty, ten_hours = heights
    assert legend == 12.0 and empty == 0.0
    assert ten_hours == 77.0  # half the plot height: 10 h of a 20 h benchmark
    benchmark_y = float(re.findall(r'class="benchmark"[^>]*y1="([\d.]+)"', svg)[-1])
    assert benchmark_y == 40.0  # the top of the plot


def test_values_and_every_month_are_labelled_up_to_fourteen_months() -> None:
    svg = monthly_hours(months(*[60] * 14), 20)
    assert len(re.findall(r'class="value"', svg)) == 14
    assert svg.count(">2025</text>") == 1 and svg.count(">2026</text>") == 1  # first and January


def test_long_ranges_label_every_third_month_and_drop_values() -> None:
    svg = monthly_hours(months(*[60] * 30), 20)
    assert 'class="value"' not in svg
    axis = re.findall(r'class="axis"[^>]*>([A-Z][a-z]{2})</text>', svg)
    assert len(axis) == 10


def test_the_svg_has_no_inline_style_and_is_deterministic() -> None:
    a, b = monthly_hours(months(100, 2000), 12.5), monthly_hours(months(100, 2000), 12.5)
    assert a == b
    assert "style=" not in a and "<script" not in a
    assert "benchmark (12.5 h)" in a
    ids = re.findall(r' id="([^"]+)"', a)
    assert len(ids) == len(set(ids))
