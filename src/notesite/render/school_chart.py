"""The school report's chart: weekly completion as inline SVG that reads in black and white.

Per class week, two bars: mentees (white, hatched, outlined) and mentors (solid black), each
labelled with its percentage, so nothing depends on colour or shade; the legend says which is
which and a dashed line separates the previous month from this one. No script, no external
request (the report's Content-Security-Policy allows neither); a text alternative says the
same in words.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from notesite.derive.schools import Rate, WeekRates
from notesite.text import MONTHS

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 34, 40
HATCH = "school-chart-hatch"


def _pct(rate: Rate) -> str:
    return "–" if rate.percent is None else f"{rate.percent}%"


def _bar(x: float, width: float, rate: Rate, base: float, height: float, kind: str) -> list[str]:
    value = rate.percent
    fill = f"url(#{HATCH})" if kind == "mentee" else "#000"
    out = []
    if value is not None:
        h = height * value / 100
        out.append(
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{width:.1f}" height="{h:.1f}" '
            f'fill="{fill}" stroke="#000" stroke-width="1"/>'
        )
        label_y = base - h - 3
    else:
        label_y = base - 3
    out.append(
        f'<text x="{x + width / 2:.1f}" y="{label_y:.1f}" font-size="8" text-anchor="middle">'
        f"{_pct(rate)}</text>"
    )
    return out


def weekly_completion(weeks: Sequence[WeekRates], school: str) -> Markup:
    """Grouped bars, one group per class week (the previous month's, then this month's)."""
    if not weeks:
        return Markup("")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    slot = plot_w / len(weeks)
    bar = min(22.0, slot * 0.36)
    gap = 2.0  # between a week's two bars, so their labels never touch
    said = "; ".join(
        f"{w.cls.day} {MONTHS[w.cls.month - 1]}: mentees {_pct(w.mentee)}, mentors {_pct(w.mentor)}"
        for w in weeks
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg" '
        'font-family="sans-serif">',
        f'<title id="chart-title">Weekly completion at {escape(school)}</title>',
        f'<desc id="chart-desc">{escape("Completion per class week, " + said + ".")}</desc>',
        f'<defs><pattern id="{HATCH}" patternUnits="userSpaceOnUse" width="5" height="5" '
        'patternTransform="rotate(45)"><rect width="5" height="5" fill="#fff"/>'
        '<line x1="1" y1="0" x2="1" y2="5" stroke="#000" stroke-width="1.2"/></pattern></defs>',
        f'<g font-size="11" transform="translate({LEFT} 8)">'
        f'<rect x="0" y="2" width="14" height="12" fill="url(#{HATCH})" stroke="#000"/>'
        '<text x="20" y="12">mentees</text>'
        '<rect x="90" y="2" width="14" height="12" fill="#000" stroke="#000"/>'
        '<text x="110" y="12">mentors</text>'
        '<text x="190" y="12">% of weeks done (excused and not recorded left out)</text></g>',
    ]
    for pct in (0, 50, 100):
        y = base - plot_h * pct / 100
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#000" '
            f'stroke-width="{1 if pct == 0 else 0.4}"/>'
            f'<text x="{LEFT - 4}" y="{y + 3:.1f}" font-size="9" text-anchor="end">{pct}%</text>'
        )
    for i, w in enumerate(weeks):
        x = LEFT + i * slot + (slot - 2 * bar - gap) / 2
        parts += _bar(x, bar, w.mentee, base, plot_h, "mentee")
        parts += _bar(x + bar + gap, bar, w.mentor, base, plot_h, "mentor")
        parts.append(
            f'<text x="{x + bar:.1f}" y="{base + 13}" font-size="10" text-anchor="middle">'
            f"{w.cls.day} {MONTHS[w.cls.month - 1]}</text>"
        )
        if i and w.this_month and not weeks[i - 1].this_month:
            sx = LEFT + i * slot
            parts.append(
                f'<line x1="{sx:.1f}" x2="{sx:.1f}" y1="{TOP - 4}" y2="{base + 28}" '
                'stroke="#000" stroke-dasharray="4 3"/>'
            )
    months = sorted({(w.this_month, w.cls.month, w.cls.year) for w in weeks})
    for this_month, month, year in months:
        xs = [LEFT + i * slot + slot / 2 for i, w in enumerate(weeks) if w.this_month == this_month]
        parts.append(
            f'<text x="{sum(xs) / len(xs):.1f}" y="{base + 30}" font-size="10" '
            f'text-anchor="middle" font-weight="{"bold" if this_month else "normal"}">'
            f"{MONTHS[month - 1]} {year}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
