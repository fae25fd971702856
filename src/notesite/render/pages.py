"""The render stage: facts in, page bytes out. Nothing here touches the disk but templates.

Every page gets `root` (the relative prefix back to the site root, so the site works from
disk and under any path) and its own objects; templates live in `templates/` with
autoescape and StrictUndefined, so a missing value fails the build instead of printing "".
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import jinja2

from notesite import text
from notesite.derive import measures as d
from notesite.derive import packets, tables
from notesite.derive.facts import Facts
from notesite.render import api, charts

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"


def templates_dir() -> Path:
    """The templates, inside the package."""
    return PACKAGE_TEMPLATES


@dataclass(frozen=True)
class Page:
    path: str  # POSIX path inside the site, e.g. "pairs/p-0001.html"
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    section: str = ""  # which navigation entry is current

    @property
    def root(self) -> str:
        return "../" * self.path.count("/")


NAV = (
    ("home", "index.html", "Home"),
    ("tracker", "tracker.html", "Note Tracker"),
    ("pairs", "pairs/index.html", "Pairs"),
    ("staff", "staff/index.html", "Staff"),
    ("rubric", "rubric.html", "Rubric"),
    ("tags", "tags.html", "Tags"),
    ("safety", "safety.html", "Safety log"),
    ("follow-ups", "follow-ups.html", "Follow-ups"),
    ("search", "search.html", "Search"),
)


def pages(facts: Facts) -> Iterator[Page]:
    yield Page("index.html", "home.html", "Program at a glance", section="home")
    yield Page(
        "tracker.html",
        "tracker.html",
        "Note Tracker",
        {"groups": tables.tracker_groups(facts)},
        section="tracker",
    )
    yield Page(
        "pairs/index.html", "pairs.html", "Pairs", {"filters": pair_filters(facts)}, section="pairs"
    )
    for p in facts.pairs.values():
        title = f"Pair {p.id}: {text.pair_names(p.pair)}"
        yield Page(f"pairs/{p.id}.html", "pair.html", title, {"p": p}, section="pairs")
    yield Page("staff/index.html", "staff_index.html", "Staff", section="staff")
    for sid, st in facts.staff.items():
        chart = charts.monthly_hours(st.months, facts.program.settings.monthly_support_hours)
        yield Page(
            f"staff/{sid}.html",
            "staff.html",
            st.member.name,
            {"st": st, "chart": chart},
            section="staff",
        )
        yield from packet_pages(facts, sid)
    yield Page(
        "rubric.html",
        "rubric.html",
        "Pair Support Quality Rubric",
        {"years": tables.rubric_years(facts)},
        section="rubric",
    )
    yield Page(
        "tags.html",
        "tags.html",
        "Notes by category",
        {"table": tables.tag_table(facts)},
        section="tags",
    )
    yield Page("safety.html", "safety.html", "Safety log", section="safety")
    yield Page("follow-ups.html", "follow_ups.html", "Follow-ups", section="follow-ups")
    yield Page(
        "search.html", "search.html", "Search notes", {"filters": search_filters(facts)}, "search"
    )


def packet_pages(facts: Facts, sid: str) -> Iterator[Page]:
    """A PM's printable check-in and handoff packets (what is in them: packets.py)."""
    name = facts.staff[sid].member.name
    yield Page(
        f"staff/{sid}-check-in.html",
        "check_in.html",
        f"Check-in packet: {name}",
        {"ci": packets.check_in(facts, sid), "packets": packets},
        section="staff",
    )
    yield Page(
        f"staff/{sid}-handoff.html",
        "handoff.html",
        f"Handoff packet: {name}",
        {
            "h": packets.handoff(facts, sid),
            "packets": packets,
            "layout": "base.html",
            "standalone": False,
        },
        section="staff",
    )


def search_filters(facts: Facts) -> dict[str, list[tuple[str, str]]]:
    """The values each search filter offers (search.py files every note under the same ones)."""
    s = facts.program.settings
    by_pair = pair_filters(facts)
    return {
        "pm": by_pair["pm"],
        "school": by_pair["school"],
        "type": [(t.slug, t.label) for t in s.types.values()],
        "tag": [(t.slug, t.label) for t in s.tags],
    }


def pair_filters(facts: Facts) -> dict[str, list[tuple[str, str]]]:
    """The values each pairs-table filter offers: (value, label), one entry per value."""
    ps = list(facts.pairs.values())
    pms = {p.pair.pm: text.staff_name(facts.program.staff, p.pair.pm) for p in ps}
    schools: dict[str, set[str]] = defaultdict(set)
    for p in ps:  # two spellings of one school share a slug (and so a filter)
        schools[text.slug(p.pair.school)].add(p.pair.school)
    return {
        "pm": sorted(pms.items(), key=lambda v: (v[1], v[0])),
        "school": sorted(
            ((k, " / ".join(sorted(v))) for k, v in schools.items()), key=lambda v: (v[1], v[0])
        ),
        "status": [(s, s.title()) for s in ("active", "paused", "closed")],
        "level": [(lv, lv.title()) for lv in d.LEVELS],
    }


@cache
def environment(folder: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["longdate"] = text.longdate
    env.filters["shortdate"] = text.shortdate
    env.filters["hours"] = lambda minutes: f"{d.round2(minutes / 60):.2f}"
    env.filters["num"] = lambda v: f"{d.round2(v):.2f}"
    env.filters["slug"] = text.slug
    env.globals["plural"] = text.plural
    env.globals["noun"] = text.noun
    env.filters["names"] = text.pair_names
    return env


PARALLEL_MIN_PAGES = 200  # below this, forking workers costs more than it saves
_JOB: tuple[jinja2.Environment, dict[str, Any], list[Page]] | None = None


def _render(env: jinja2.Environment, common: dict[str, Any], page: Page) -> bytes:
    template = env.get_template(page.template)
    return template.render(**common, **page.context, page=page, root=page.root).encode("utf-8")


def _render_range(bounds: tuple[int, int]) -> list[tuple[str, bytes]]:
    assert _JOB is not None  # set by render_pages before the workers fork
    env, common, page_list = _JOB
    return [(p.path, _render(env, common, p)) for p in page_list[bounds[0] : bounds[1]]]


def render_pages(
    page_list: list[Page], env: jinja2.Environment, common: dict[str, Any], jobs: int | None
) -> dict[str, bytes]:
    """Render pages, on every core when there are many (a pair page per pair adds up).

    Workers are forked, so they inherit the facts and templates instead of pickling them;
    only the finished bytes travel back, in page order.
    """
    global _JOB
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers < 2 or len(page_list) < PARALLEL_MIN_PAGES:
        return {p.path: _render(env, common, p) for p in page_list}
    size = -(-len(page_list) // (workers * 4))
    ranges = [(i, min(len(page_list), i + size)) for i in range(0, len(page_list), size)]
    _JOB = (env, common, page_list)
    try:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            return dict(item for chunk in pool.map(_render_range, ranges) for item in chunk)
    finally:
        _JOB = None


def render_site(
    facts: Facts, folder: Path | None = None, *, jobs: int | None = None, search: bool = True
) -> dict[str, bytes]:
    """Every file of the site, by path: pages, JSON, assets and robots.txt.

    `search`: whether the build adds the search index (search.html says so when it does not).
    """
    folder = folder or templates_dir()
    env = environment(folder)
    common = {**common_context(facts), "search_ready": search}
    files = render_pages(list(pages(facts)), env, common, jobs)
    files["api/pairs.json"] = api.dumps(api.pairs_json(facts)).encode()
    files["api/rubric.json"] = api.dumps(api.rubric_json(facts)).encode()
    files["api/staff.json"] = api.dumps(api.staff_json(facts)).encode()
    files["robots.txt"] = b"User-agent: *\nDisallow: /\n"
    for asset in sorted((folder / "assets").iterdir()):
        if asset.is_file():
            files[f"assets/{asset.name}"] = asset.read_bytes()
    files["assets/filters.css"] = filters_css(pair_filters(facts)).encode()
    return files


def common_context(facts: Facts) -> dict[str, Any]:
    """What every page's template may read, besides its own context."""
    return {
        "facts": facts,
        "program": facts.program,
        "settings": facts.program.settings,
        "today": facts.today,
        "nav": NAV,
        "d": d,
        "staff_name": lambda sid: text.staff_name(facts.program.staff, sid),
    }


def handoff_document(facts: Facts, sid: str, css: str, folder: Path | None = None) -> bytes:
    """The handoff packet of `sid` as one standalone page (`notesite handoff`): no links out
    of the file; its stylesheet is `css`, a file written beside it."""
    env = environment(folder or templates_dir())
    name = facts.staff[sid].member.name
    context = {
        "h": packets.handoff(facts, sid),
        "packets": packets,
        "layout": "standalone.html",
        "standalone": True,
        "css": css,
    }
    page = Page(f"handoff-{sid}.html", "handoff.html", f"Handoff packet: {name}", context)
    return _render(env, common_context(facts), page)


def filters_css(filters: dict[str, list[tuple[str, str]]]) -> str:
    """CSS that filters the pairs table with radio buttons alone (works with JavaScript off).

    A checked radio hides the rows of other values. A link to `pairs/index.html#level-stale`
    pre-filters too: while the fragment targets a value's label and that group is still on
    "All", rows of other values hide; `pairs.js` (class `js`) instead checks the radio itself.
    """
    rules = ["/* generated by notesite: one rule per filter value */"]
    for name, values in filters.items():
        for value, _ in values:
            rows = f'tbody tr:not([data-{name}="{value}"])'
            rules.append(
                f'.filterable:has(input[name="{name}"][value="{value}"]:checked) {rows},\n'
                f".filterable:not(.js):has(#{name}-{value}:target)"
                f':has(input[name="{name}"][value=""]:checked) {rows} {{ display: none; }}'
            )
    return "\n".join(rules) + "\n"
