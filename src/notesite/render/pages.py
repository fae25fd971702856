"""The site's pages: which pages there are, and the prepared values each one shows.

`SECTIONS` is the list of top-level pages in navigation order (the navigation is made from
it); each section may have pages below it (a page per pair, per PM and per packet). Every
value a page receives comes from `derive/` (facts, tables, packets) and is picklable:
templates receive values, never modules or functions that decide.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from notesite import text, urls
from notesite.derive import attention, packets, practice, tables
from notesite.derive import measures as d
from notesite.derive.facts import Facts, PairFacts
from notesite.models import StaffMember
from notesite.render import charts
from notesite.render import operations as ops_pages
from notesite.render.html import Page

PAIR_WEEKS = 16  # participation weeks on a pair's page
THIS_MONTH = "notes-this-month.html"


@dataclass(frozen=True)
class StaffNames:
    """`staff_name(id)` in templates: a name, or the id when not on the roster; and
    `staff_name.has_page(id)`: whether the site has a page for them (PMs do)."""

    staff: dict[str, StaffMember]
    pages: frozenset[str]

    def __call__(self, sid: str) -> str:
        return text.staff_name(self.staff, sid)

    def has_page(self, sid: str) -> bool:
        return sid in self.pages


def common(facts: Facts, *, search: bool) -> dict[str, object]:
    """What every page's template may read, besides its own values."""
    return {
        "settings": facts.program.settings,
        "today": facts.today,
        "year": facts.year,
        "nav": NAV,
        "staff_name": StaffNames(facts.program.staff, frozenset(facts.staff)),
        "search_ready": search,
    }


# --- The top-level pages ------------------------------------------------------------------

Context = Callable[[Facts], dict[str, object]]


def _home(facts: Facts) -> dict[str, object]:
    return {
        "o": tables.overview(facts),
        "staff": facts.staff,
        "attention": attention.lists(facts).home,
    }


def home_pages(facts: Facts) -> Iterator[Page]:
    """The notes dated this month, which the home page counts."""
    month = text.month_key(facts.today)
    context = {"notes": facts.notes_this_month, "month": month}
    yield Page(THIS_MONTH, "this_month.html", f"Notes dated {month}", context, "home")


def _pairs(facts: Facts) -> dict[str, object]:
    return {"filters": pair_filters(facts), "pairs": list(facts.pairs.values())}


def _staff(facts: Facts) -> dict[str, object]:
    others = [m for _, m in sorted(facts.program.staff.items()) if m.role != "pm"]
    return {"staff": facts.staff, "others": others}


def _safety(facts: Facts) -> dict[str, object]:
    found = attention.lists(facts)
    return {
        "safety": facts.safety,
        "flagged": found.safety_flagged,
        "review": found.safety_review,
        "review_days": practice.SAFETY_REVIEW_DAYS,
    }


def _follow_ups(facts: Facts) -> dict[str, object]:
    return {"lists": attention.lists(facts), "upcoming": facts.upcoming}


def _search(facts: Facts) -> dict[str, object]:
    return {"filters": search_filters(facts), "notes": len(facts.program.notes)}


def pair_pages(facts: Facts) -> Iterator[Page]:
    for p in facts.pairs.values():
        yield pair_page(facts, p)


def pair_page(facts: Facts, p: PairFacts) -> Page:
    """The page of pair `p` (its facts may be newer than `facts`': serve's early page)."""
    title = f"Pair {p.id}: {text.pair_names(p.pair, isolate=True)}"
    context = {
        "p": p,
        "weeks": p.participation[-PAIR_WEEKS:],
        "ops": ops_pages.pair_history(facts, p.id),
    }
    return Page(urls.pair_page(p.id), "pair.html", title, context, "pairs")


def staff_pages(facts: Facts) -> Iterator[Page]:
    benchmark = facts.program.settings.monthly_support_hours
    for sid, st in facts.staff.items():
        context = {
            "st": st,
            "chart": charts.monthly_hours(st.months, benchmark),
            "levels": d.LEVELS,
            "escalations": ops_pages.pm_escalations(facts, sid),
        }
        yield Page(urls.staff_page(sid), "staff.html", st.member.name, context, "staff")
        yield from packet_pages(facts, sid)


def packet_pages(facts: Facts, sid: str) -> Iterator[Page]:
    """A PM's printable check-in and handoff packets (what is in them: derive/packets.py)."""
    name = facts.staff[sid].member.name
    yield Page(
        urls.packet_page(sid, "check-in"),
        "check_in.html",
        f"Check-in packet: {name}",
        {"ci": packets.check_in(facts, sid), "recent_days": packets.RECENT_DAYS},
        "staff",
    )
    yield Page(
        urls.packet_page(sid, "handoff"),
        "handoff.html",
        f"Handoff packet: {name}",
        {"h": packets.handoff(facts, sid), "layout": "base.html", "standalone": False},
        "staff",
    )


@dataclass(frozen=True)
class Section:
    """A top-level page, named in the navigation, and the pages below it."""

    key: str
    path: str
    template: str
    label: str  # in the navigation
    title: str
    context: Context
    below: Callable[[Facts], Iterator[Page]] | None = None


SECTIONS = (
    Section("home", "index.html", "home.html", "Home", "Program at a glance", _home, home_pages),
    Section(
        "tracker",
        "tracker.html",
        "tracker.html",
        "Note Tracker",
        "Note Tracker",
        lambda f: {"groups": tables.tracker_groups(f)},
    ),
    Section("pairs", "pairs/index.html", "pairs.html", "Pairs", "Pairs", _pairs, pair_pages),
    Section("staff", "staff/index.html", "staff_index.html", "Staff", "Staff", _staff, staff_pages),
    Section(
        "rubric",
        "rubric.html",
        "rubric.html",
        "Rubric",
        "Pair Support Quality Rubric",
        lambda f: {"years": tables.rubric_years(f)},
    ),
    Section(
        "tags",
        "tags.html",
        "tags.html",
        "Tags",
        "Notes by category",
        lambda f: {"table": tables.tag_table(f)},
    ),
    Section("safety", "safety.html", "safety.html", "Safety log", "Safety log", _safety),
    Section(
        "follow-ups", "follow-ups.html", "follow_ups.html", "Follow-ups", "Follow-ups", _follow_ups
    ),
    Section(
        "reminders",
        "reminders.html",
        "reminders.html",
        "Reminders",
        "Participation reminders",
        ops_pages.reminders_page,
    ),
    Section("search", "search.html", "search.html", "Search", "Search notes", _search),
)
NAV = tuple((s.key, s.path, s.label) for s in SECTIONS)


def pages(facts: Facts) -> Iterator[Page]:
    """Every page of the site, each section followed by the pages below it."""
    for s in SECTIONS:
        yield Page(s.path, s.template, s.title, s.context(facts), s.key)
        if s.below is not None:
            yield from s.below(facts)


def handoff_page(facts: Facts, sid: str, css: str) -> Page:
    """The handoff packet of `sid` as a standalone page: no links out of the file; its
    stylesheet is `css`, a file written beside it."""
    name = facts.staff[sid].member.name
    context = {
        "h": packets.handoff(facts, sid),
        "layout": "standalone.html",
        "standalone": True,
        "css": css,
    }
    return Page(f"handoff-{sid}.html", "handoff.html", f"Handoff packet: {name}", context)


# --- Filters --------------------------------------------------------------------------------


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
    for p in ps:  # two spellings of one school share a key (and so a filter)
        schools[text.school_key(p.pair.school)].add(p.pair.school)
    return {
        "pm": sorted(pms.items(), key=lambda v: (v[1], v[0])),
        "school": sorted(
            ((k, " / ".join(sorted(v))) for k, v in schools.items()), key=lambda v: (v[1], v[0])
        ),
        "status": [(s, s.title()) for s in ("active", "paused", "closed")],
        "level": [(lv, lv.title()) for lv in d.LEVELS],
    }


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
