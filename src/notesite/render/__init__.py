"""The render stage: facts in, bytes out, no decisions.

`render_site` returns every file of the site by path: the pages (`pages.py` says which,
`html.py` renders them), the JSON of SPEC §10 (`api.py`), the assets, and robots.txt. The
search index is made beside it (`search.py`), from the same facts.
"""

from __future__ import annotations

from importlib.resources.abc import Traversable

from notesite.derive.facts import Facts
from notesite.render import api, html, operations, pages


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
    facts.program.require_rendered("the site")
    common = pages.common(facts, search=search)
    files = html.render_pages(list(pages.pages(facts)), common, folder, jobs)
    files["api/pairs.json"] = api.dumps(api.pairs_json(facts)).encode()
    files["api/rubric.json"] = api.dumps(api.rubric_json(facts)).encode()
    files["api/staff.json"] = api.dumps(api.staff_json(facts)).encode()
    files["api/participation.json"] = api.dumps(operations.participation_json(facts)).encode()
    files["robots.txt"] = b"User-agent: *\nDisallow: /\n"
    files.update(html.assets(folder))
    files["assets/filters.css"] = pages.filters_css(pages.pair_filters(facts)).encode()
    return files


def handoff_document(facts: Facts, sid: str, css: str) -> bytes:
    """The handoff packet of `sid` as one standalone page (`notesite handoff`)."""
    facts.program.require_rendered("the handoff packet")
    page = pages.handoff_page(facts, sid, css)
    return html.render_page(page, pages.common(facts, search=False))


def stylesheet() -> bytes:
    """The site's stylesheet (a standalone handoff is written with a copy beside it)."""
    return html.assets()["assets/style.css"]
