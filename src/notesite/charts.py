"""Charts as inline SVG made at build time: no script, no external request, a text alternative."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from notesite.derive import Month

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 640, 200, 36, 28, 12


def monthly_hours(months: Sequence[Month], benchmark: float) -> Markup:
    """Bars of documented hours per month against the benchmark line."""
    if not months:
        return Markup("")
    top = max([benchmark, *(m.hours for m in months)]) or 1.0
    plot_w, plot_h = WIDTH - PAD_LEFT - 8, HEIGHT - PAD_BOTTOM - PAD_TOP
    slot = plot_w / len(months)
    bar = max(2.0, slot * 0.7)

    def y(value: float) -> float:
        return PAD_TOP + plot_h - plot_h * value / top

    met = sum(1 for m in months if m.meets)
    summary = (
        f"Documented support hours per month, {months[0].month} to {months[-1].month}: "
        f"{met} of {len(months)} months meet the {benchmark:g}-hour benchmark."
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Monthly support hours</title>',
        f'<desc id="chart-desc">{escape(summary)}</desc>',
    ]
    for i, m in enumerate(months):
        x = PAD_LEFT + i * slot + (slot - bar) / 2
        cls = "bar meets" if m.meets else "bar below"
        parts.append(
            f'<rect class="{cls}" x="{x:.1f}" y="{y(m.hours):.1f}" width="{bar:.1f}" '
            f'height="{PAD_TOP + plot_h - y(m.hours):.1f}"><title>{m.month}: {m.hours:.2f} h'
            f"{' (meets)' if m.meets else ' (below)'}</title></rect>"
        )
        if len(months) <= 14 or i % 3 == 0:
            parts.append(
                f'<text class="axis" x="{x + bar / 2:.1f}" y="{HEIGHT - 10}" '
                f'text-anchor="middle">{m.month[2:]}</text>'
            )
    by = y(benchmark)
    parts.append(
        f'<line class="benchmark" x1="{PAD_LEFT}" x2="{WIDTH - 8}" y1="{by:.1f}" y2="{by:.1f}"/>'
    )
    parts.append(
        f'<text class="axis" x="{PAD_LEFT - 4}" y="{by + 4:.1f}" text-anchor="end">'
        f"{benchmark:g}h</text>"
    )
    parts.append("</svg>")
    return Markup("".join(parts))
