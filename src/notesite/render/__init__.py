"""The render stage: facts in, bytes out, no decisions.

`render_site` returns every file of the site by path: the pages (`pages.py` says which,
`html.py` renders them), the JSON of SPEC §10 (`api.py`), the assets, and robots.txt. The
search index is made beside it (`search.py`), from the same facts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable

from notesite.derive.facts import Facts, PairFacts
from notesite.render import api, html, operations, pages
from notesite.render.digest import page_digests


@dataclass(frozen=True)
class SiteFiles:
    """The files of a site rendered knowing which pages the site already has."""

    files: dict[str, bytes]  # rendered now: every file but the unchanged pages
    digests: dict[str, str]  # each page's digest of what it is rendered from
    unchanged: frozenset[str]  # pages whose digest is the one `known` gave: not rendered


def render_site(
    facts: Facts,
    folder: Traversable = html.TEMPLATES,
    *,
    jobs: int | None = None,
    search: bool = True,
) -> dict[str, bytes]:
    """Every file of the site, by path: pages, JSON, assets and robots.txt.

    `search`: whether the build adds the search index (search.html says so when it does not).
    `folder`: the templates (tests give a changed copy).
    """
    return site_files(facts, folder, jobs=jobs, search=search).files


def site_files(
    facts: Facts,
    folder: Traversable = html.TEMPLATES,
    *,
    jobs: int | None = None,
    search: bool = True,
    known: Mapping[str, str] | None = None,
    tokens: Mapping[int, tuple[object, bytes]] | None = None,
) -> SiteFiles:
    """`render_site`, but given `known` (page path: digest of the page the site has), pages
    whose inputs have the same digest are not rendered again (render/digest.py says what a
    digest covers). With `known` None no digest is made (a build without a cache).
    `tokens`: objects whose digest token is known (NoteCache.note_tokens)."""
    facts.program.require_rendered("the site")
    common = pages.common(facts, search=search)
    every = list(pages.pages(facts))
    digests = page_digests(every, common, folder, tokens, facts) if known is not None else {}
    had = known or {}
    unchanged = frozenset(p for p, d in digests.items() if had.get(p) == d)
    todo = [p for p in every if p.path not in unchanged]
    files = html.render_pages(todo, common, folder, jobs)
    files["api/pairs.json"] = api.dumps(api.pairs_json(facts)).encode()
    files["api/rubric.json"] = api.dumps(api.rubric_json(facts)).encode()
    files["api/staff.json"] = api.dumps(api.staff_json(facts)).encode()
    files["api/participation.json"] = api.dumps(operations.participation_json(facts)).encode()
    files["robots.txt"] = b"User-agent: *\nDisallow: /\n"
    files.update(html.assets(folder))
    files["assets/filters.css"] = pages.filters_css(pages.pair_filters(facts)).encode()
    return SiteFiles(files, digests, unchanged)


def pair_page_file(
    facts: Facts, p: PairFacts, *, search: bool, folder: Traversable = html.TEMPLATES
) -> tuple[str, bytes]:
    """The page of pair `p` alone, as `site_files` renders it (serve's early page)."""
    page = pages.pair_page(facts, p)
    return page.path, html.render_page(page, pages.common(facts, search=search), folder)


def handoff_document(facts: Facts, sid: str, css: str) -> bytes:
    """The handoff packet of `sid` as one standalone page (`notesite handoff`)."""
    facts.program.require_rendered("the handoff packet")
    page = pages.handoff_page(facts, sid, css)
    return html.render_page(page, pages.common(facts, search=False))


def stylesheet() -> bytes:
    """The site's stylesheet (a standalone handoff is written with a copy beside it)."""
    return html.assets()["assets/style.css"]
