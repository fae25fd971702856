"""Property-based tests (hypothesis) of the note renderer and the YAML loader.

Random note text is built from the characters Markdown gives meaning to, words of plain
letters and line breaks, so that most examples hit some syntax: quotes, lists, tables,
links, definitions, fences, emphasis. Two properties must hold for every one:

- no text is lost: every word of the note is in the page (as text or in an attribute such
  as a link's address), unless the note is refused with NS411/NS412 naming why;
- nothing but the note's escaped text comes out: only the Markdown tags, with only their
  harmless attributes, and no link the site would not follow.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import example, given

from notesite import markdown
from notesite.load.notefile import Split, sections
from notesite.load.yamlpos import load_yaml
from notesite.validate.note_body import check_body
from strategies import FAST, YAML_PIECES, joined

MARKDOWN_PIECES = [
    " ", " ", "\n", "\n\n", "> ", ">", "- ", "* ", "1. ", "  ", "    ", "#", "## ", "|", "|---|",
    "---", "[", "]", "(", ")", "![", "]: ", "[//]: # (", "`", "```", "~~~", "*", "_", "~~", "\\",
    "<", ">", "&", '"', "'", ":", "=", "javascript:", "http://", "on", "<script>", "</p>",
    "<a href=", " onclick=", "\t", "+ ", "===",
]  # fmt: skip
BODIES = joined(MARKDOWN_PIECES)


def _refusal(body: str, parsed: markdown.Parsed) -> list[str]:
    """The codes check_body gives for losing or hiding text."""
    split = Split(front="", front_line=2, body=body, body_line=1)
    found = check_body("n.md", split, parsed, sections(parsed.tokens, 1))
    return [d.code for d in found if d.code in ("NS411", "NS412")]


def _used_labels(body: str) -> set[str]:
    """Words written only as a reference link's label, `[text][label]`: markup, not text."""
    return {w for m in re.finditer(r"\]\[([^\]]*)\]", body) for w in re.findall("[a-h]+", m[1])}


@FAST
@given(BODIES)
@example("- a\n" + "".join("  " * i + "- b\n" for i in range(1, 40)) + "\nafter\n")
@example(">" * 80 + " deep\n\nafter\n")
@example("| a |\n|---|\n| b | c |\n")
@example("[//]: # (hidden words)\n")
@example("```abc def\ncode\n```\n")
@example("[x]: y 'zz'\n")
def test_no_word_of_a_note_is_lost(body: str) -> None:
    parsed = markdown.parse_note(body)
    page = html.unescape(markdown.render(parsed.tokens))
    missing = set(re.findall("[a-h]+", body)) - set(re.findall("[a-h]+", page))
    missing -= _used_labels(body)
    if missing:
        assert _refusal(body, parsed), (missing, page)


def test_the_property_sees_lost_text() -> None:
    # The check above is not vacuous: without the refusal these lose words.
    for body in (">" * 80 + " deep\n", "| a |\n|---|\n| b | lost |\n", "[x]: y 'lost'\n"):
        parsed = markdown.parse_note(body)
        page = markdown.render(parsed.tokens)
        assert "deep" not in page and "lost" not in page
        assert _refusal(body, parsed)


ALLOWED = {
    "p": set(),
    "h1": set(),
    "h2": set(),
    "h3": set(),
    "h4": set(),
    "h5": set(),
    "h6": set(),
    "em": set(),
    "strong": set(),
    "s": set(),
    "code": {"class"},
    "pre": set(),
    "blockquote": set(),
    "ul": set(),
    "ol": {"start"},
    "li": set(),
    "a": {"href", "title"},
    "hr": set(),
    "br": set(),
    "table": set(),
    "thead": set(),
    "tbody": set(),
    "tr": set(),
    "th": {"class"},
    "td": {"class"},
    "span": {"class"},
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


@FAST
@given(BODIES)
@example('<img src=x onerror="alert(1)"> [a](javascript:alert(1)) <a href="//e.example">x</a>')
@example("[a](JaVaScRiPt:x) [b](//e.example) [c](data:text/html,x) ![d](http://e.example/p)")
def test_note_text_never_makes_markup(body: str) -> None:
    out = markdown.render(markdown.parse(body))
    parser = _Tags()
    parser.feed(out)
    parser.close()
    for tag, attrs in parser.found:
        assert tag in ALLOWED, (tag, out)
        for name, value in attrs:
            assert name in ALLOWED[tag], (tag, name, out)
            value = value or ""
            if name == "href":
                assert markdown.is_safe_link(value), value
                assert not value.strip().lower().startswith(("javascript:", "data:", "//"))
            if name == "class":
                assert re.fullmatch(r"align-(left|center|right)|refused|language-.+", value), value


YAML_TEXT = joined(YAML_PIECES)


@FAST
@given(YAML_TEXT)
def test_the_yaml_loader_never_raises_and_names_a_line(text: str) -> None:
    doc, problems = load_yaml(text, line_offset=3)
    lines = text.count("\n") + 1
    for p in problems:
        assert 4 <= p.line <= lines + 3, (p, text)
        assert p.column >= 1 and p.message and "while parsing" not in p.message
    if doc is None:
        assert problems
