"""The render stage: page list, filters CSS, strict templates, locale-free dates."""

from __future__ import annotations

import multiprocessing
import shutil
from datetime import date
from pathlib import Path

import jinja2
import pytest

from notesite import render, workers
from notesite.derive.facts import Facts, derive
from notesite.render import html, pages
from notesite.validate import check_repository
from support import PAIR, TODAY, make_repo


def facts_of(root: Path) -> Facts:
    checked = check_repository(root, TODAY, render=True, jobs=1)
    assert not checked.errors, [str(d) for d in checked.diagnostics]
    return derive(checked.program, TODAY)


@pytest.fixture
def facts(tmp_path: Path) -> Facts:
    return facts_of(make_repo(tmp_path / "repo"))


def test_page_root_climbs_back_to_the_site_root() -> None:
    assert html.Page("index.html", "home.html", "x").root == ""
    assert html.Page("pairs/p-0001.html", "pair.html", "x").root == "../"
    assert html.Page("a/b/c.html", "x.html", "x").root == "../../"


def test_pages_cover_every_pair_and_pm(facts: Facts) -> None:
    paths = [p.path for p in pages.pages(facts)]
    assert "pairs/p-0001.html" in paths and "staff/pm-a.html" in paths
    assert "staff/dir-b.html" not in paths  # directors have no PM page
    assert len(paths) == len(set(paths))


def test_render_site_makes_pages_json_assets_and_robots(facts: Facts) -> None:
    files = render.render_site(facts)
    assert {"index.html", "pairs/index.html", "api/pairs.json", "robots.txt"} <= set(files)
    assert {"assets/style.css", "assets/pairs.js", "assets/filters.css"} <= set(files)
    assert all(not k.startswith(("/", "..")) for k in files)
    assert render.render_site(facts) == files


def test_names_are_escaped(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    pair = (root / PAIR).read_text().replace("Dana W.", '"<b>Dana</b> & Co"')
    (root / PAIR).write_text(pair)
    page = render.render_site(facts_of(root))["pairs/p-0001.html"].decode()
    assert "&lt;b&gt;Dana&lt;/b&gt; &amp; Co" in page and "<b>Dana" not in page


def test_an_undefined_template_variable_fails_the_build(facts: Facts, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(str(html.TEMPLATES), folder)
    (folder / "tags.html").write_text("{{ no_such_thing }}")
    with pytest.raises(jinja2.UndefinedError):
        render.render_site(facts, folder)


def test_filters_css_hides_the_other_rows_of_a_checked_value() -> None:
    css = pages.filters_css({"level": [("stale", "Stale")], "pm": [("pm-a", "A")]})
    assert (
        '.filterable:has(input[name="level"][value="stale"]:checked) '
        'tbody tr:not([data-level="stale"]),\n'
        '.filterable:not(.js):has(#level-stale:target):has(input[name="level"][value=""]:checked) '
        'tbody tr:not([data-level="stale"]) { display: none; }'
    ) in css
    assert css.count("{ display: none; }") == 2


def test_pair_filters_list_each_value_once(tmp_path: Path) -> None:
    second = (PAIR.replace("0001", "0002"), "Harbor High-School", "p-0002")
    root = make_repo(tmp_path / "repo")
    text = (
        (root / PAIR)
        .read_text()
        .replace("p-0001", "p-0002")
        .replace("Harbor High School", second[1])
    )
    (root / second[0]).write_text(text)
    filters = pages.pair_filters(facts_of(root))
    assert filters["school"] == [("harbor-high-school", "Harbor High School / Harbor High-School")]
    assert filters["pm"] == [("pm-a", "Alex Park")]
    assert [v for v, _ in filters["level"]] == ["stale", "watch", "ok", "inactive"]


def test_the_date_filters_are_the_text_functions() -> None:
    env = html.environment()
    assert env.filters["longdate"](date(2026, 11, 2)) == "2 Nov 2026"
    assert env.filters["longdate"](None) == "—"


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_workers_started_afresh_render_the_same_bytes(
    facts: Facts, method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page's values reach a spawned worker intact (they are picklable) and render to
    the bytes this process renders."""
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    here = render.render_site(facts, jobs=1)
    monkeypatch.setattr(html, "PARALLEL_MIN_PAGES", 1)
    monkeypatch.setattr(workers, "MIN_COPYING", 2)
    monkeypatch.setattr(workers, "start_method", lambda: method)
    assert render.render_site(facts, jobs=2) == here


def test_names_are_isolated_so_right_to_left_text_cannot_reorder_a_title(tmp_path: Path) -> None:
    # An Arabic mentee name next to a pair id: <bdi> in the page, Unicode isolates in <title>.
    arabic = "ليلى ح."
    root = make_repo(tmp_path / "repo")
    pair_file = root / PAIR
    pair_file.write_text(
        pair_file.read_text(encoding="utf-8").replace("Dana W.", arabic), encoding="utf-8"
    )
    files = render.render_site(facts_of(root), jobs=1, search=False)
    page = files["pairs/p-0001.html"].decode()

    h1 = f'<h1 id="pair-h">Pair p-0001: <bdi>{arabic}</bdi> &amp; <bdi>Sam Okafor</bdi></h1>'
    assert h1 in page
    assert f"<title>Pair p-0001: \u2068{arabic}\u2069 & \u2068Sam Okafor\u2069 ·" in page.replace(
        "&amp;", "&"
    )
    assert html.bdi("<b>") == "<bdi>&lt;b&gt;</bdi>"  # escaped like any text
