"""The benchmark's table and ratios, as Markdown (readable in a terminal, pasteable in an issue)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ROWS = (
    ("hugo", "Hugo (pages only)"),
    ("pagefind", "Pagefind over Hugo's pages"),
    ("hugo+pagefind", "Hugo, then Pagefind"),
    ("no-search", "notesite `build --no-search`"),
    ("build", "notesite `build` (with search)"),
    ("edited", "notesite `build` again, one note edited"),
    ("next-day", "notesite `build` again the next day (the edited note put back)"),
    ("validate", "notesite `validate`"),
    ("validate-cached", "notesite `validate` with the build's cache"),
    ("serve-start", "notesite `serve`: start until serving"),
    ("serve-save", "notesite `serve`: save until the whole site is written"),
    ("serve-served", "notesite `serve`: save until changed page served"),
    ("serve-event", "notesite `serve`: save until open page told to reload"),
    ("serve-search", "notesite `serve`: save until search caught up"),
    ("serve-ns-start", "`serve --no-search`: start until serving"),
    ("serve-ns-save", "`serve --no-search`: save until the whole site is written"),
    ("serve-ns-served", "`serve --no-search`: save until changed page served"),
    ("serve-ns-event", "`serve --no-search`: save until open page told to reload"),
    ("sequence-first", "random edit sequence: the first `build` (cold, with search)"),
    ("sequence", "random edit sequence: `build` after each edit"),
    ("sequence-scratch", "random edit sequence: `build --no-cache` after the last edit"),
)
RATIOS = (
    ("no-search", "hugo", "`build --no-search` / Hugo", "≤ 1.0 (aim 0.5)"),
    ("build", "hugo+pagefind", "`build` / (Hugo + Pagefind)", "≤ 1.0 (aim 0.5)"),
    ("edited", "build", "one note edited / cold `build`", "proportional to the change"),
    ("next-day", "build", "the next day / cold `build`", "proportional to the change"),
)
GIB = 1024 * 1024  # KiB in a GiB


def seconds(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 10:
        return f"{value:.2f} s"
    return f"{value:.1f} s" if value < 100 else f"{value:.0f} s"


def gib(kib: float | None) -> str:
    return "—" if kib is None else f"{kib / GIB:.2f} GiB"


def ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or not b else f"{a / b:.2f}×"


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _sequence(found: Mapping[str, Any]) -> str:
    """Whether the incremental site after the random edits equals the one built from scratch."""
    edits = "; ".join(found["edits"])
    if found["identical"]:
        said = f"the same {found['files']:,} files, byte for byte"
    else:
        said = f"**different**: {', '.join(found['different'])}"
    return (
        f"- random edit sequence ({edits}): the incremental site against one from scratch: {said}"
    )


def render(result: Mapping[str, Any]) -> str:
    rows: Mapping[str, Mapping[str, Any]] = result["rows"]
    head = (
        f"\n### {result['size']}: {result['notes']:,} notes, {result['pairs']:,} pairs, "
        f"median {result['median_words']:g} words; Pagefind scope: {result['pagefind_scope']}\n"
    )
    lines = [
        head,
        _line(["", "wall best", "wall median", "CPU median", "peak RSS", "tree RSS", "runs"]),
        _line(["---"] * 7),
    ]
    notes = []
    for key, label in ROWS:
        row = rows.get(key, {})
        if not row.get("runs") and not row.get("problem"):
            continue
        if row.get("runs"):
            cells = [
                seconds(row["wall_best"]),
                seconds(row["wall_median"]),
                seconds(row["cpu_median"]),
                gib(row.get("max_rss_kib")),
                gib(row.get("tree_rss_kib")),
                str(len(row["runs"])),
            ]
        else:
            cells = ["not measured", "", "", "", "", "0"]
        lines.append(_line([label, *cells]))
        if row.get("problem"):
            notes.append(f"- {label}: {row['problem']}")
    lines += ["", _line(["ratio", "wall median", "CPU median", "peak RSS", "goal"])]
    lines.append(_line(["---"] * 5))
    for top, bottom, label, goal in RATIOS:
        a, b = rows.get(top, {}), rows.get(bottom, {})
        cells = [ratio(a.get(k), b.get(k)) for k in ("wall_median", "cpu_median", "max_rss_kib")]
        lines.append(_line([label, *cells, goal]))
    facts = result.get("facts", {})
    built = [
        f"{name} {facts[key]['html']:,} HTML pages ({facts[key]['mb']:,.0f} MB)"
        for key, name in (("notesite_build_site", "notesite `build`"), ("hugo_site", "Hugo"))
        if key in facts
    ]
    if "pagefind_pages" in facts:
        built.append(f"Pagefind indexed {facts['pagefind_pages']:,} of Hugo's pages")
    if built:
        notes.append("- built: " + "; ".join(built))
    if "sequence" in facts:
        notes.append(_sequence(facts["sequence"]))
    loads = [r["load"] for row in rows.values() for r in row.get("runs", []) if "load" in r]
    if loads:
        notes.append(
            f"- load average (1 min) at the start of each run: {min(loads):.1f} to "
            f"{max(loads):.1f} on {result['machine']['cores']} cores"
        )
    notes.append(
        "- peak RSS: the largest single process (getrusage); tree RSS: the largest sum over "
        "the process tree, sampled every 50 ms. Serve rows: CPU of the serve tree in that "
        "interval; memory over the whole serve session."
    )
    return "\n".join([*lines, "", *notes])
