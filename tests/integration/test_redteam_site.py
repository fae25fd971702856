"""Red team, class 5: nothing from a file may become markup or a request outside the site.

Every field that reaches a page (names, school, cohort, closure reason, focus rationale and
goal, rating comments, tag labels, the program's name) and a note written to break out,
with raw HTML, scripts, entities, javascript:/data:/vbscript: links in every spelling,
protocol-relative and backslash addresses, autolinks, images and reference definitions.
The built pages and the handoff packet are parsed with an HTML parser: each element and
attribute must be one the site's templates use, and no address may leave the site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser

import pytest

from notesite.build import build
from support import (
    BASE_FILES,
    FOCUS_FILE,
    NOTE,
    PAIR,
    RATING,
    RATING_FILE,
    STAFF,
    TODAY,
    make_repo,
    note_text,
)

EVIL = (
    '<script>alert(1)</script><img src=x onerror=alert(2)>"\'><a href="javascript:alert(3)">'
    "x</a> <svg onload=alert(4)> &lt;b&gt; &#x3C;i&#x3E; <iframe src=//evil.example> "
    "{{7*7}} @import url(//evil.example/x.css); \u202e\u200b"
)
LINKS = """\
[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](&#106;avascript:alert(1))
[d]( javascript:alert(1)) [e](java&#x09;script:x) [f](//evil.example/x)
[g](\\\\evil.example\\x) [h](/\\evil.example) [i](data:text/html;base64,PHNjcmlwdD4=)
[j](vbscript:msgbox) [k](VBSCRIPT:x) [l](<javascript:alert(1)>) [m](file:///etc/passwd)
[n](https://evil.example "t\\" onmouseover=\\"x") [o](&#x2F;&#x2F;evil.example)
<javascript:alert(1)> <http://evil.example/auto> <mailto:a@evil.example> www.evil.example
![img](http://evil.example/i.png) ![img2][ref] [ref2][ref] [ref3][js]

[ref]: http://evil.example/ref "title"
[js]: javascript:alert(1)
"""
BODY = f"""\
## Data
{EVIL}
{LINKS}
<div onclick="x">raw</div> <!-- comment --> <?php x ?> <![CDATA[x]]> &amp; &#0; &#xD800;

| <b>cell</b> | [l](javascript:x) |
|---|---|
| {EVIL.replace("|", "/")} | ok |

## Assessment
> > > quote <script>x</script>
- - - list *em **strong** `code <x>`*

## Plan
```html
<script>in a code block</script>
```
"""


def _q(text: str) -> str:
    return json.dumps(text)


FILES: dict[str, str | bytes | None] = {
    "notesite.yaml": f"""\
program: {_q("Program " + EVIL)}
tags:
  - {{slug: mentor-touch-point, label: {_q("Touch " + EVIL)}}}
  - {{slug: risky-behavior, label: {_q("Risky " + EVIL)}}}
  - {{slug: other, label: Other}}
""",
    STAFF: f"""\
- id: pm-a
  name: {_q("Alex " + EVIL)}
  role: pm
  manager: dir-b
- id: dir-b
  name: {_q("Bea " + EVIL)}
  role: director
""",
    PAIR: BASE_FILES[PAIR]
    .replace("name: Sam Okafor", f"name: {_q('Sam ' + EVIL)}")
    .replace("name: Dana W.", f"name: {_q('Dana ' + EVIL)}")
    .replace("school: Harbor High School", f"school: {_q('School ' + EVIL)}")
    + f"cohort: {_q('2028 ' + EVIL)}\n",
    "data/pairs/p-0002.yaml": f"""\
id: p-0002
mentor: {{id: mr-0002, name: Mo}}
mentee: {{id: me-0002, name: Ny}}
school: {_q(EVIL)}
pm: pm-a
matched_on: 2025-09-15
status: closed
closed_on: 2026-10-01
closure_reason: {_q("Reason " + EVIL)}
""",
    NOTE: note_text(BODY),
    "data/notes/p-0001/2026-10-04-safety.md": note_text(
        BODY,
        type="safety",
        date=date(2026, 10, 4),
        logged=date(2026, 10, 4),
        tags=["risky-behavior"],
        severity="major",
        escalated_to=["dir-b"],
        escalated_on=date(2026, 10, 5),
    ),
    FOCUS_FILE: f"""\
staff: pm-a
date: 2026-11-02
pairs:
  - pair: p-0001
    rationale: {_q("Rationale " + EVIL)}
    goal: {_q("Goal " + EVIL)}
""",
    RATING_FILE: RATING + f"comments: {_q('Comments ' + EVIL)}\n",
}

# What the site's own templates use; anything else came from a file.
ELEMENTS = {
    "a", "article", "bdi", "blockquote", "body", "br", "button", "caption", "code", "dd", "defs",
    "del", "desc", "details", "div", "dl", "dt", "em", "fieldset", "footer", "form", "g",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "input", "label",
    "legend", "li", "line", "link", "main", "meta", "nav", "ol", "p", "pattern", "pre", "rect",
    "s", "script", "section", "span", "strong", "summary", "svg", "table", "tbody", "td",
    "text", "tfoot", "th", "thead", "time", "title", "tr", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "aria-current", "aria-hidden", "aria-label", "aria-labelledby", "aria-live", "autocomplete",
    "charset", "checked", "class", "colspan", "content", "data-level", "data-pm", "data-school",
    "rowspan",
    "data-staff", "data-status", "datetime", "defer", "fill", "for", "height", "href",
    "http-equiv", "id", "lang", "method", "name", "open", "patterntransform", "patternunits", "rel",
    "role", "scope", "spellcheck", "src", "start", "tabindex", "text-anchor", "title",
    "transform", "type", "value", "viewbox", "width", "x", "x1", "x2", "xmlns", "y", "y1", "y2",
    "action",
}  # fmt: skip
OFF_SITE = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|[/\\]{2}|/\\)", re.IGNORECASE)
A_SCHEMES = re.compile(r"^(https?|mailto):", re.IGNORECASE)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((self.getpos()[0], tag, attrs))

    handle_startendtag = handle_starttag


def tags(html: str) -> Iterator[tuple[int, str, list[tuple[str, str | None]]]]:
    parser = Tags()
    parser.feed(html)
    parser.close()
    yield from parser.found


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from notesite.derive.facts import derive
    from notesite.render import handoff_document
    from notesite.validate import check_repository

    root = make_repo(tmp_path_factory.mktemp("hostile") / "repo", FILES)
    out = root.parent / "site"
    result = build(root, out, TODAY, search=False)
    assert result.ok, [(d.file, d.line, d.message) for d in result.diagnostics]
    found = {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
        for p in out.rglob("*")
        if p.suffix in (".html", ".css")
    }
    checked = check_repository(root, TODAY, render=True)
    packet = handoff_document(derive(checked.program, TODAY), "pm-a", "handoff-pm-a.css")
    found["handoff-pm-a.html"] = packet.decode()
    return found


def test_the_hostile_values_reach_the_pages(pages: dict[str, str]) -> None:
    """The test is worth something only if the values are on the pages (as text)."""
    everything = "\n".join(pages.values())
    for word in ("Alex", "Sam", "Dana", "School", "Reason", "Rationale", "Goal", "Comments"):
        assert f"{word} &lt;script&gt;alert(1)&lt;/script&gt;" in everything, word
    assert "Touch &lt;script&gt;" in everything and "Program &lt;script&gt;" in everything


def test_every_element_and_attribute_is_the_sites_own(pages: dict[str, str]) -> None:
    for page, html in pages.items():
        if not page.endswith(".html"):
            continue
        for line, tag, attrs in tags(html):
            assert tag in ELEMENTS, f"{page}:{line}: <{tag}>"
            for name, value in attrs:
                assert name in ATTRIBUTES, f"{page}:{line}: <{tag} {name}={value!r}>"


def test_no_address_leaves_the_site(pages: dict[str, str]) -> None:
    for page, html in pages.items():
        if not page.endswith(".html"):
            continue
        for line, tag, attrs in tags(html):
            for name, value in attrs:
                if name not in ("href", "src", "action") or value is None:
                    continue
                where = f"{page}:{line}: <{tag} {name}={value!r}>"
                if tag == "a" and name == "href" and A_SCHEMES.match(value.strip()):
                    continue  # a link a PM wrote to a web page or an address: followed by hand
                assert not OFF_SITE.match(value), where
                assert "evil" not in value or tag == "a", where
            if tag == "meta" and dict(attrs).get("http-equiv"):
                assert dict(attrs)["http-equiv"].lower() == "content-security-policy", page


def test_stylesheets_request_nothing(pages: dict[str, str]) -> None:
    """filters.css holds a rule per school: its slug (letters, digits, dashes) may spell
    anything, inside a quoted attribute value or an id, and nothing else."""
    for page, text in pages.items():
        if not page.endswith(".css"):
            continue
        assert "url(" not in text and "@import" not in text, page
        if page != "assets/filters.css":
            continue  # the others are notesite's own files, the same for every program
        for value in re.findall(r'"([^"]*)"', text):
            assert re.fullmatch(r"[\w-]*", value), (page, value)
        for ident in re.findall(r"#([^\s:,{)]+)", text):
            assert re.fullmatch(r"[\w-]+", ident), (page, ident)
        bare = re.sub(r'"[^"]*"|#[\w-]+', "", text)
        assert "url(" not in bare and "@import" not in bare and "evil" not in bare, page
        assert "\\" not in text, page  # no CSS escape that could spell something else


def test_refused_links_are_shown_as_text(pages: dict[str, str]) -> None:
    page = pages["pairs/p-0001.html"]
    hrefs = [dict(a).get("href") or "" for _, t, a in tags(page) if t == "a"]
    for href in hrefs:
        assert not re.match(r"^\s*(javascript|vbscript|data|file|ftp):", href, re.IGNORECASE)
    assert "[a](javascript:alert(1))" in page  # the words are kept, as text
    assert "[image not shown: img (http://evil.example/i.png)]" in page
