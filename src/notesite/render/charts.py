"""Charts as inline SVG made at build time: no script, no external request, a text alternative.

"Below benchmark" bars differ from "meets" bars by more than colour: they are hatched (an SVG
pattern defined inside the chart) and outlined, and the legend says which is which. The ids
inside the SVG (`chart-…`) assume one chart per page, which is how the staff pages use it.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from notesite.derive.measures import Month
from notesite.text import MONTHS

WIDTH, HEIGHT = 640, 230
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 44, 8, 40, 36
HATCH = "chart-hatch"


def _hours(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _legend(benchmark: float) -> list[str]:
    x = PAD_LEFT
    return [
        f'<g class="legend" transform="translate({x} 6)">',
        '<rect class="bar meets" x="0" y="2" width="14" height="12"/>',
        '<text class="legend-text" x="20" y="12">meets benchmark</text>',
        f'<rect class="bar below" x="140" y="2" width="14" height="12" fill="url(#{HATCH})"/>',
        '<text class="legend-text" x="160" y="12">below benchmark</text>',
        '<line class="benchmark" x1="285" x2="311" y1="8" y2="8"/>',
        f'<text class="legend-text" x="317" y="12">benchmark ({_hours(benchmark)} h)</text>',
        "</g>",
    ]


def _month_label(month: str, first: bool) -> tuple[str, str]:
    """("Oct", "2026") for the first bar and every January, else ("Nov", "")."""
    year, mm = month.split("-")
    return MONTHS[int(mm) - 1], year if first or mm == "01" else ""


def monthly_hours(months: Sequence[Month], benchmark: float) -> Markup:
    """Bars of documented hours per month against the benchmark line."""
    if not months:
        return Markup("")
    top = max([benchmark, *(m.hours for m in months)]) or 1.0
    plot_w, plot_h = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_BOTTOM - PAD_TOP
    base = PAD_TOP + plot_h
    slot = plot_w / len(months)
    bar = max(2.0, slot * 0.68)
    sparse = len(months) > 14  # label every third month and drop the values above bars

    def y(value: float) -> float:
        return base - plot_h * value / top

    met = sum(1 for m in months if m.meets)
    summary = (
        f"Documented support hours per month, {months[0].month} to {months[-1].month}: "
        f"{met} of {len(months)} months meet the {_hours(benchmark)}-hour benchmark."
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Monthly support hours</title>',
        f'<desc id="chart-desc">{escape(summary)}</desc>',
        f'<defs><pattern id="{HATCH}" patternUnits="userSpaceOnUse" width="6" height="6" '
        'patternTransform="rotate(45)"><rect class="hatch-bg" width="6" height="6"/>'
        '<line class="hatch-line" x1="1" y1="0" x2="1" y2="6"/></pattern></defs>',
        *_legend(benchmark),
    ]
    for i, m in enumerate(months):
        x = PAD_LEFT + i * slot + (slot - bar) / 2
        cx = x + bar / 2
        state = "meets" if m.meets else "below"
        fill = "" if m.meets else f' fill="url(#{HATCH})"'
        parts.append(
            f'<rect class="bar {state}" x="{x:.1f}" y="{y(m.hours):.1f}" width="{bar:.1f}" '
            f'height="{base - y(m.hours):.1f}"{fill}><title>{escape(m.month)}: '
            f"{m.hours:.2f} h ({state} benchmark)</title></rect>"
        )
        if not sparse:
            parts.append(
                f'<text class="value" x="{cx:.1f}" y="{y(m.hours) - 4:.1f}" '
                f'text-anchor="middle">{_hours(m.hours)}</text>'
            )
        if not sparse or i % 3 == 0:
            label, year = _month_label(m.month, i == 0)
            parts.append(
                f'<text class="axis" x="{cx:.1f}" y="{base + 14}" text-anchor="middle">'
                f"{label}</text>"
            )
            if year:
                parts.append(
                    f'<text class="axis" x="{cx:.1f}" y="{base + 28}" text-anchor="middle">'
                    f"{year}</text>"
                )
    by = y(benchmark)
    parts += [
        f'<line class="baseline" x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" '
        f'y1="{base:.1f}" y2="{base:.1f}"/>',
        f'<line class="benchmark" x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" '
        f'y1="{by:.1f}" y2="{by:.1f}"/>',
        f'<text class="axis" x="{PAD_LEFT - 6}" y="{by + 4:.1f}" text-anchor="end">'
        f"{_hours(benchmark)} h</text>",
        f'<text class="axis" x="{PAD_LEFT - 6}" y="{base + 4:.1f}" text-anchor="end">0</text>',
        "</svg>",
    ]
    return Markup("".join(parts))
