"""The note Markdown engine is safe by construction: raw HTML is text, unsafe links are refused."""

from __future__ import annotations

import pytest

from notesite import markdown


def html(text: str, shift: int = 0) -> str:
    return markdown.render(markdown.parse(text), shift=shift)


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="#" onclick="alert(1)">x</a>',
        "<style>body{display:none}</style>",
        '<iframe src="https://evil.example"></iframe>',
    ],
    ids=["script", "img-onerror", "onclick", "style", "iframe"],
)
def test_raw_html_is_shown_as_text(source: str) -> None:
    out = html(f"Before {source} after\n\n{source}\n")
    assert "<" + source[1:] not in out
    assert "&lt;" in out


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "file:///etc/passwd",
    ],
)
def test_unsafe_links_are_refused(url: str) -> None:
    assert not markdown.is_safe_link(url)
    out = html(f"[click]({url}) and <{url}>")
    assert "<a " not in out


def test_backslashes_cannot_make_a_protocol_relative_link() -> None:
    assert not markdown.is_safe_link("\\\\evil.example")
    out = html("[c](\\\\evil.example\\x)")  # Markdown reads each "\\" as one backslash
    assert 'href="%5C' in out  # percent-encoded: a relative path, never //evil.example


@pytest.mark.parametrize(
    "url", ["https://example.org/x", "http://example.org", "mailto:pm@example.org", "p-0002.html"]
)
def test_safe_links_are_kept(url: str) -> None:
    assert markdown.is_safe_link(url)
    assert f'<a href="{url}">' in html(f"[ok]({url})")


@pytest.mark.parametrize(
    "src",
    ["https://evil.example/pixel.png", "//evil.example/p.png", "/etc/x.png", "data:x", "a.png"],
)
def test_images_are_never_shown_since_the_site_publishes_none(src: str) -> None:
    out = html(f"![tracker pixel]({src})")
    assert "<img" not in out
    assert "tracker pixel" in out  # as "[image not shown: …]" or as the Markdown text


def test_a_refused_image_says_so_with_its_text_and_address() -> None:
    assert html("![tracker pixel](https://evil.example/p.png)") == (
        '<p><span class="refused">[image not shown: tracker pixel '
        "(https://evil.example/p.png)]</span></p>\n"
    )  # as text: no request is made, and nothing the PM wrote is lost


def test_table_alignment_becomes_a_class_not_a_style() -> None:
    out = html("| a | b | c |\n| :- | :-: | -: |\n| 1 | 2 | 3 |\n")
    assert "style=" not in out
    assert '<th class="align-left">a</th>' in out
    assert '<td class="align-center">2</td>' in out
    assert '<td class="align-right">3</td>' in out


def test_headings_move_down_under_the_page_headings() -> None:
    assert html("# One\n\n### Three\n\n###### Six\n", shift=2) == (
        "<h3>One</h3>\n<h5>Three</h5>\n<h6>Six</h6>\n"
    )


def test_strikethrough_and_lists_render() -> None:
    out = html("~~no~~ yes\n\n- a\n- b\n")
    assert "<s>no</s>" in out and "<ul>\n<li>a</li>" in out


def test_markdown_it_loggers_are_quiet_only_while_notesite_parses() -> None:
    import logging

    from notesite import markdown

    markdown.parse("# Data\n\ntext\n")
    loggers = [n for n in logging.Logger.manager.loggerDict if n.startswith("markdown_it")]
    assert loggers
    for name in loggers:
        assert "debug" not in vars(logging.getLogger(name)), name  # the class's own debug()
