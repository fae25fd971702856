"""The built site as a whole: links, HTML, security, determinism, and agreement with the JSON.

Two programs are built once per module, each with a note full of XSS attempts: the demo
(`notesite.demo.generate`, when it exists) and the hand-made fixture of `site_program.py`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from notesite import workers
from notesite.build import build
from notesite.render import html
from site_program import TODAY, note, site_repository, xss_target
from support import write_files

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'"
)
# The search page alone may compile WebAssembly (Pagefind's search runs in it).
SEARCH_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
BLOCK = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure",
         "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol",
         "p", "pre", "section", "table", "ul"}  # fmt: skip


# --- A small DOM, strict about structure --------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    line: int
    parent: Node | None = field(default=None, repr=False)
    children: list[Node | str] = field(default_factory=list, repr=False)

    def iter(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in (n.attrs.get("class") or "").split())
        ]

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def inside(self, cls: str) -> bool:
        return any(cls in (a.attrs.get("class") or "").split() for a in self.ancestors())


class StrictParser(HTMLParser):
    """Builds a Node tree; records unclosed, stray and mismatched tags and bad nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, 0)
        self.stack = [self.root]
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [k for k, _ in attrs]
        if len(names) != len(set(names)):
            self.errors.append(f"line {self.getpos()[0]}: <{tag}> repeats an attribute")
        if self.stack[-1].tag == "p" and tag in BLOCK:
            self.errors.append(f"line {self.getpos()[0]}: <{tag}> inside <p>")
        node = Node(tag, dict(attrs), self.getpos()[0], self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.getpos()[0], self.stack[-1])
        self.stack[-1].children.append(node)  # <rect/>, <line/> in SVG

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"line {self.getpos()[0]}: end tag for void <{tag}>")
        elif self.stack[-1].tag != tag:
            open_tags = [n.tag for n in self.stack[1:]]
            self.errors.append(f"line {self.getpos()[0]}: </{tag}> closes <{open_tags[-1:]}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def close(self) -> None:
        super().close()
        if len(self.stack) > 1:
            self.errors.append(f"unclosed: {[n.tag for n in self.stack[1:]]}")


def parse(html: str) -> tuple[Node, list[str]]:
    parser = StrictParser()
    parser.feed(html)
    parser.close()
    return parser.root, parser.errors


# --- The built site -------------------------------------------------------------------------


@dataclass
class Site:
    root: Path  # the notes repository
    out: Path
    files: dict[str, bytes] = field(repr=False)
    dom: dict[str, Node] = field(repr=False)

    def json(self, name: str) -> dict:  # type: ignore[type-arg]
        return json.loads(self.files[f"api/{name}.json"])


def read_tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.fixture(scope="module", params=["demo", "fixture", "near-miss"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The demo program (48 pairs), the hand-made fixture (awkward names), and the fixture with
    ids that nearly name other pages (`index-1`, a PM `check-in`), each built once."""
    base = tmp_path_factory.mktemp("site")
    kind = request.param
    root = site_repository(base / "repo", demo=kind == "demo", near_miss=kind == "near-miss")
    write_files(root, {".git/config": "[core]\n", "README.md": "private\n"})
    result = build(root, base / "out", TODAY)
    assert result.ok, [str(d) for d in result.diagnostics if d.severity == "error"]
    files = read_tree(base / "out")
    dom = {}
    for rel, content in files.items():
        if rel.endswith(".html"):
            dom[rel], errors = parse(content.decode("utf-8"))
            assert not errors, f"{rel}: {errors}"
    return Site(root, base / "out", files, dom)


def pages(site: Site) -> list[str]:
    return sorted(site.dom)


def resolve(page: str, url: str) -> tuple[str, str]:
    """(site path, fragment) of a relative URL found on `page`."""
    parts = urlsplit(url)
    if not parts.path:
        return page, unquote(parts.fragment)
    joined = PurePosixPath(page).parent / unquote(parts.path)
    norm: list[str] = []
    for part in joined.parts:
        if part == "..":
            assert norm, f"{page}: {url} leaves the site"
            norm.pop()
        elif part != ".":
            norm.append(part)
    return "/".join(norm), unquote(parts.fragment)


def ids(node: Node) -> list[str]:
    return [str(n.attrs["id"]) for n in node.iter() if n.attrs.get("id") is not None]


# --- Structure and accessibility --------------------------------------------------------------


def test_the_site_has_every_page(site: Site) -> None:
    pairs = site.json("pairs")["pairs"]
    staff = site.json("staff")["staff"]
    expected = {
        "index.html", "tracker.html", "pairs/index.html", "staff/index.html", "rubric.html",
        "tags.html", "safety.html", "follow-ups.html", "reminders.html", "search.html",
        "notes-this-month.html",
        *(f"pairs/{p['id']}.html" for p in pairs),
        *(f"staff/{s['id']}{kind}.html" for s in staff for kind in ("", "-check-in", "-handoff")),
    }  # fmt: skip
    assert set(site.dom) == expected
    api = {"api/pairs.json", "api/rubric.json", "api/staff.json", "api/participation.json"}
    assert {*api, "robots.txt"} <= set(site.files)


def test_each_pair_and_pm_page_is_its_own(site: Site) -> None:
    """No page took another's name: each pair's and PM's pages are about that pair or PM."""
    names = {s["id"]: s for s in site.json("staff")["staff"]}
    for p in site.json("pairs")["pairs"]:
        assert (
            site.dom[f"pairs/{p['id']}.html"]
            .find_all("h1")[0]
            .text()
            .startswith(f"Pair {p['id']}: ")
        )
    staff = yaml.safe_load((site.root / "data" / "staff.yaml").read_text(encoding="utf-8"))
    for member in (m for m in staff if m["id"] in names):
        pages = {kind: f"staff/{member['id']}{kind}.html" for kind in ("", "-check-in", "-handoff")}
        titles = {kind: site.dom[page].find_all("h1")[0].text() for kind, page in pages.items()}
        assert titles == {
            "": member["name"],
            "-check-in": f"Check-in packet: {member['name']}",
            "-handoff": f"Handoff packet: {member['name']}",
        }
    assert site.dom["pairs/index.html"].find_all("h1")[0].text() == "Pairs"
    assert site.dom["staff/index.html"].find_all("h1")[0].text() == "Program Managers"


def test_every_internal_link_and_anchor_resolves(site: Site) -> None:
    broken = []
    for page, dom in site.dom.items():
        for node in dom.iter():
            for attr in ("href", "src"):
                url = node.attrs.get(attr)
                if url is None or re.match(r"^(https?|mailto):", url):
                    continue
                target, fragment = resolve(page, url)
                if target not in site.files:
                    broken.append(f"{page}: {url} (no file {target})")
                elif fragment and fragment not in ids(site.dom[target]):
                    broken.append(f"{page}: {url} (no id {fragment!r} in {target})")
            for attr in ("aria-labelledby", "aria-describedby", "for"):
                for ref in (node.attrs.get(attr) or "").split():
                    if ref not in ids(dom):
                        broken.append(f"{page}: {attr}={ref!r} names no element")
    assert not broken


def test_ids_are_unique_on_every_page(site: Site) -> None:
    for page, dom in site.dom.items():
        all_ids = ids(dom)
        dupes = sorted({i for i in all_ids if all_ids.count(i) > 1})
        assert not dupes, f"{page}: duplicate ids {dupes}"


def test_every_page_has_landmarks_one_h1_and_a_skip_link(site: Site) -> None:
    for page, dom in site.dom.items():
        html = dom.find_all("html")[0]
        assert html.attrs.get("lang") == "en", page
        assert len(dom.find_all("h1")) == 1, page
        mains = dom.find_all("main")
        assert len(mains) == 1 and mains[0].attrs.get("id") == "main", page
        assert all(n.attrs.get("aria-label") for n in dom.find_all("nav")), page
        first_link = dom.find_all("a")[0]
        assert first_link.attrs.get("href") == "#main", page
        assert "skip-link" in (first_link.attrs.get("class") or ""), page
        assert dom.find_all("title")[0].text(), page


def test_headings_do_not_skip_levels_outside_notes(site: Site) -> None:
    for page, dom in site.dom.items():
        level = 1
        for node in dom.iter():
            if re.fullmatch(r"h[1-6]", node.tag) and not node.inside("dap"):
                new = int(node.tag[1])
                assert new <= level + 1, f"{page}: <{node.tag}> after h{level} (line {node.line})"
                level = new


def test_tables_have_captions_and_scoped_headers(site: Site) -> None:
    for page, dom in site.dom.items():
        for table in dom.find_all("table"):
            if table.inside("dap"):  # a table a PM wrote in a note
                continue
            assert table.find_all("caption"), f"{page}: table on line {table.line} has no caption"
            for th in table.find_all("th"):
                scope = th.attrs.get("scope")
                assert scope in ("col", "row", "colgroup"), f"{page}: th line {th.line}"


def test_scrollable_table_regions_are_named_and_focusable(site: Site) -> None:
    for page, dom in site.dom.items():
        for wrap in dom.find_all("div", cls="table-wrap"):
            assert wrap.attrs.get("role") == "region", page
            assert wrap.attrs.get("aria-label"), page
            assert wrap.attrs.get("tabindex") == "0", page


def test_form_controls_have_labels(site: Site) -> None:
    for page, dom in site.dom.items():
        for control in dom.find_all("input"):
            assert any(a.tag == "label" for a in control.ancestors()), page
        for fieldset in dom.find_all("fieldset"):
            assert fieldset.find_all("legend"), page


def test_level_and_flags_are_never_colour_alone(site: Site) -> None:
    for page, dom in site.dom.items():
        for badge in dom.find_all(cls="level") + dom.find_all(cls="flag"):
            assert badge.text(), f"{page}: an empty status badge on line {badge.line}"
        for mark in dom.find_all(cls="part"):  # participation ✓/✗ has a spoken name
            assert mark.find_all(cls="visually-hidden"), page


# --- Security and privacy ---------------------------------------------------------------------


def test_no_inline_script_style_or_handlers(site: Site) -> None:
    for page, dom in site.dom.items():
        for node in dom.iter():
            bad = [a for a in node.attrs if a == "style" or a.startswith("on")]
            assert not bad, f"{page}: <{node.tag} {bad}> on line {node.line}"
            if node.tag == "script":
                assert node.attrs.get("src") and not node.text(), f"{page}: inline script"
            assert node.tag not in ("style", "iframe", "object", "embed", "base"), page
            for attr in ("href", "src", "action", "formaction", "xlink:href"):
                value = (node.attrs.get(attr) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), page


def test_assets_and_links_stay_inside_the_site(site: Site) -> None:
    for page, dom in site.dom.items():
        for node in dom.iter():
            src = node.attrs.get("src")
            if src is not None:
                assert not re.match(r"^([a-z][a-z0-9+.-]*:|//|/)", src, re.I), f"{page}: {src}"
            href = node.attrs.get("href") or ""
            if node.tag != "a":  # <link>: stylesheets, icons
                assert not re.match(r"^([a-z][a-z0-9+.-]*:|//|/)", href, re.I), f"{page}: {href}"
            else:
                assert not href.startswith(("//", "/", "\\")), f"{page}: {href} is not relative"
    for rel, content in site.files.items():
        if rel.endswith(".css"):
            assert b"url(" not in content and b"@import" not in content, rel


def test_every_page_carries_the_csp_and_noindex(site: Site) -> None:
    for page, dom in site.dom.items():
        metas = {
            (m.attrs.get("http-equiv") or m.attrs.get("name") or "").lower(): m.attrs["content"]
            for m in dom.find_all("meta")
            if "content" in m.attrs
        }
        expected = SEARCH_CSP if page == "search.html" else CSP
        assert metas.get("content-security-policy") == expected, page
        assert "noindex" in (metas.get("robots") or ""), page
        assert metas.get("referrer") == "no-referrer", page
    assert site.files["robots.txt"] == b"User-agent: *\nDisallow: /\n"


def test_nothing_from_the_repository_is_published(site: Site) -> None:
    allowed = re.compile(
        r"^(.+\.html|api/[a-z]+\.json|assets/[a-z-]+\.(css|js|svg)|robots\.txt|pagefind/[\w./-]+)$"
    )
    odd = [rel for rel in site.files if not allowed.match(rel) and rel != ".notesite-site"]
    assert not odd
    published = b"\n".join(site.files.values())
    for secret in (b"[core]", b"private\n"):
        assert secret not in published
    sources = [p for p in (site.root / "data").rglob("*") if p.is_file()]
    assert all(not (site.out / p.relative_to(site.root)).exists() for p in sources)


def test_the_xss_note_renders_as_text(site: Site) -> None:
    pair, _, day = xss_target(site.root)
    page = f"pairs/{pair}.html"
    html = site.files[page].decode()
    dom = site.dom[page]
    anchor = f"{pair}-{day}-support-9"
    note_node = next(n for n in dom.iter() if n.attrs.get("id") == anchor)
    assert not dom.find_all("script") and not dom.find_all("iframe") and not dom.find_all("style")
    assert not note_node.find_all("img")  # neither the raw <img> nor the remote image
    for a in note_node.find_all("a"):
        assert not (a.attrs.get("href") or "").lower().startswith(("javascript:", "data:", "//"))
    text = note_node.text()
    assert '<script>window.__pwned = "script"</script>' in text
    assert "<img src=x onerror=" in text
    assert "[image not shown: tracker pixel (" in text  # its text and its address
    assert "[evil](//evil.example/x)" in text
    assert "&lt;script&gt;" in html and "<script>window" not in html


# --- Agreement with the JSON ----------------------------------------------------------------


def _rows(dom: Node, table_cls: str | None = None) -> list[tuple[Node, list[str]]]:
    tables = dom.find_all("table", cls=table_cls)
    return [
        (tr, [c.text() for c in tr.children if isinstance(c, Node) and c.tag in ("th", "td")])
        for t in tables
        for body in t.find_all("tbody")
        for tr in body.find_all("tr")
    ]


def test_pairs_table_matches_pairs_json(site: Site) -> None:
    data = site.json("pairs")
    assert data["today"] == TODAY.isoformat()
    rows = _rows(site.dom["pairs/index.html"], "pairs-table")
    shown = {
        cells[0]: {
            "pm": tr.attrs["data-pm"],
            "status": cells[5],
            "last_support": None if cells[6] == "none" else cells[6],
            "days": int(cells[7]),
            "tracker": tr.attrs["data-level"],
            "level_text": cells[8].split()[-1],
            "notes": int(cells[9]),
        }
        for tr, cells in rows
    }
    assert list(shown) == [p["id"] for p in data["pairs"]]
    for p in data["pairs"]:
        row = shown[p["id"]]
        assert row["days"] == p["days_since_support"], p["id"]
        assert row["tracker"] == row["level_text"] == p["tracker"], p["id"]
        assert row["last_support"] == p["last_support"], p["id"]
        assert (row["pm"], row["status"], row["notes"]) == (p["pm"], p["status"], p["notes"])


def test_pair_pages_match_pairs_json(site: Site) -> None:
    for p in site.json("pairs")["pairs"]:
        dom = site.dom[f"pairs/{p['id']}.html"]
        facts = {
            n.find_all("dt")[0].text(): n.find_all("dd")[0].text()
            for n in dom.find_all("dl", cls="facts")[0].find_all("div")
        }
        tracker = facts["Tracker"]
        assert tracker.split()[1] == p["tracker"], (p["id"], tracker)
        assert re.search(rf"\b{p['days_since_support']} days?\b", tracker), (p["id"], tracker)
        assert facts["Notes"].split(",")[0] == str(p["notes"])
        notes = dom.find_all("article", cls="note")
        assert len(notes) == p["notes"]
        caption = dom.find_all("caption")[0].text()
        assert caption.startswith(f"Mentor calls: {p['mentor_calls_this_year']} logged"), caption
        assert ("behind" in caption) == p["mentor_calls_behind"], p["id"]


def test_home_and_tracker_counts_match_pairs_json(site: Site) -> None:
    levels = [p["tracker"] for p in site.json("pairs")["pairs"]]
    home = site.dom["index.html"]
    cards = {
        c.find_all("a")[0].attrs["href"]: int(c.find_all(cls="stat-num")[0].text())
        for c in home.find_all("li", cls="stat")
    }
    for level in ("stale", "watch", "ok", "inactive"):
        assert cards[f"pairs/index.html#level-{level}"] == levels.count(level)
    assert cards["follow-ups.html#behind"] == sum(  # behind on any touch point
        any(t["behind"] for t in p["touch_points"].values()) for p in site.json("pairs")["pairs"]
    )
    tracker_rows = _rows(site.dom["tracker.html"])
    assert len(tracker_rows) == levels.count("stale") + levels.count("watch")


def _days(value: int | None) -> str:
    return "none" if value is None else str(value)


def test_contact_days_and_touch_points_on_the_pages_match_pairs_json(site: Site) -> None:
    pairs = {p["id"]: p for p in site.json("pairs")["pairs"]}
    rows = _rows(site.dom["tracker.html"], "tracker")
    assert rows
    for _, cells in rows:  # pair, level, days since support, mentor, mentee, ...
        p = pairs[cells[0]]
        assert cells[2:5] == [
            str(p["days_since_support"]),
            _days(p["days_since_mentor_contact"]),
            _days(p["days_since_mentee_contact"]),
        ], cells[0]
    for pid, p in pairs.items():
        dom = site.dom[f"pairs/{pid}.html"]
        facts = {
            div.find_all("dt")[0].text(): div.find_all("dd")[0].text()
            for div in dom.find_all("dl", cls="facts")[0].find_all("div")
        }
        assert facts["Days since contact"] == (
            f"mentor: {_days(p['days_since_mentor_contact'])}; "
            f"mentee: {_days(p['days_since_mentee_contact'])}"
        )
        captions = [
            c.text() for c in dom.find_all("caption") if "logged this program year" in c.text()
        ]
        assert len(captions) == len(p["touch_points"])
        assert sum("behind" in c for c in captions) == sum(
            t["behind"] for t in p["touch_points"].values()
        ), pid


def test_staff_index_matches_staff_json(site: Site) -> None:
    rows = {tr.attrs["data-staff"]: cells for tr, cells in _rows(site.dom["staff/index.html"])}
    staff = site.json("staff")["staff"]
    assert list(rows) == [s["id"] for s in staff]
    for s in staff:
        cells = rows[s["id"]]
        lag = s["median_logging_lag_days"]
        assert [int(c) for c in cells[1:6]] == [
            s["pairs"], s["stale"], s["watch"], s["notes"], s["notes_logged_late"]
        ], s["id"]  # fmt: skip
        assert cells[6] == ("—" if lag is None else f"{lag:.2f}")
        assert cells[7] == f"{s['focus_followed_up']} of {s['focus_entries']}"
        hours = _rows(site.dom[f"staff/{s['id']}.html"], "compact")
        assert [(c[0], float(c[1]), c[2] == "meets") for _, c in hours] == [
            (m["month"], m["hours"], m["meets_benchmark"]) for m in s["months"]
        ]


def test_rubric_page_matches_rubric_json(site: Site) -> None:
    ratings = site.json("rubric")["ratings"]
    dom = site.dom["rubric.html"]
    shown = {}
    for section in dom.find_all("section"):
        year = section.find_all("h2")[0].text()
        for _, cells in _rows(section, "rubric-table"):
            shown[(year, cells[0])] = [float(c) for c in cells[1:]]
    names = {}
    for tr, cells in _rows(site.dom["staff/index.html"]):
        names[tr.attrs["data-staff"]] = cells[0].replace(" inactive", "")
    for r in ratings:
        values = shown[(r["program_year"], names.get(r["staff"], r["staff"]))]
        assert values[-1] == r["score"]
        assert sorted(values[:-1]) == sorted(r["categories"].values())


# --- Determinism and atomicity ------------------------------------------------------------------


def test_two_builds_are_byte_identical(site: Site, tmp_path: Path) -> None:
    assert build(site.root, tmp_path / "again", TODAY).ok
    again = read_tree(tmp_path / "again")
    assert sorted(again) == sorted(site.files)
    different = [rel for rel in again if again[rel] != site.files[rel]]
    assert not different


def test_pages_rendered_in_spawned_workers_are_the_same_bytes(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on macOS, Windows or from a threaded `notesite serve`: workers start afresh and
    are sent the pages' values (pickled) instead of inheriting them."""
    monkeypatch.setattr(html, "PARALLEL_MIN_PAGES", 1)
    monkeypatch.setattr(workers, "MIN_COPYING", 2)
    monkeypatch.setattr(workers, "start_method", lambda: "spawn")
    assert build(site.root, tmp_path / "spawned", TODAY, jobs=2, search=False).ok
    spawned = read_tree(tmp_path / "spawned")
    # search.html says whether the site has a search index, and this build made none
    pages = [rel for rel in site.files if rel.endswith(".html") and rel != "search.html"]
    assert [rel for rel in pages if spawned[rel] != site.files[rel]] == []


def test_another_process_builds_the_same_bytes(site: Site, tmp_path: Path) -> None:
    """Hash seed, time zone and locale of the building machine do not leak into the site."""
    env = {**os.environ, "PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C"}
    out = tmp_path / "other"
    args = ["build", "--root", str(site.root), "--out", str(out), "--today", TODAY.isoformat()]
    done = subprocess.run(
        [sys.executable, "-m", "notesite", *args], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert read_tree(out) == site.files


def test_a_broken_note_leaves_the_previous_site_untouched(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(site.root, out, TODAY).ok
    before = read_tree(out)
    pair, pm, day = xss_target(site.root)
    path, text = note(pair, day, author=pm, n=8, body="## Data\nOnly data.\n")
    write_files(site.root, {path: text})
    try:
        result = build(site.root, out, TODAY)
    finally:
        (site.root / path).unlink()
    assert not result.ok and result.errors >= 1
    assert any(d.file == path for d in result.diagnostics)
    assert read_tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notesite-out", "out"]
    # no half-written folders: the work folder holds only its lock and .gitignore
    assert sorted(p.name for p in (tmp_path / ".notesite-out").iterdir()) == [".gitignore", "lock"]
