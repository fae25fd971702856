"""YAML syntax errors said in a PM's words, at the line where the mistake is."""

from __future__ import annotations

import pytest

from notesite.load.yamlpos import load_yaml

JARGON = ("while parsing", "while scanning", "expected <block end>", "<block", "flow sequence")


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        # An unclosed `[`: the reader gives up on line 3; the `[` is on line 2.
        ("a: 1\ntags: [x, y\nb: 2\nc: 3\n", 2, 7, "the `[` list on line 2 is not closed with `]`"),
        ("a: 1\ntags: [x, y\n", 2, 7, "is not closed with `]`"),
        ("m: {x: 1, y: 2\nb: 2\n", 1, 4, "the `{` set of fields on line 1 is not closed with `}`"),
        ("tags: [x, {y: 1]\n", 1, 16, 'cannot be read where it has "]"'),
        ("tags: [x,, y]\n", 1, 10, "empty item"),
        # An unclosed quote: found at the end of the file, opened on line 1.
        ('a: "abc\nb: 2\nc: 3\n', 1, 4, 'the quote " opened on line 1 is never closed'),
        ("a: 'abc\nb: 2\n", 1, 4, "the quote ' opened on line 1 is never closed"),
        ('a: "C:\\q"\n', 1, 7, "`\\q` on line 1 is not allowed inside double quotes"),
        ("school: Harbor: High\n", 1, 15, "holds `: `"),
        ("a: 1\n  b: 2\n", 2, 3, "line 2 is indented more than the line above it"),
        ("a:\n  b: 1\n c: 2\n", 3, 2, "line 3 is not lined up with the lines above it"),
        # A line with no colon: the reader notices on the next line.
        ("a: 1\nb\nc: 2\n", 2, 1, "line 2 has no `:` after its name"),
        ("a: 1\n- b\n", 2, 1, "line 2 is a list item (`- `) where a `key: value` line belongs"),
        ("- a\nb: 1\n", 2, 1, "lined up with the list above it but does not start with `- `"),
        ('a: "x" y\n', 1, 8, "line 1 has more text after the end of its value"),
        ("a: [x] y\n", 1, 8, "more text after the end of its value"),
        ("a: @x\n", 1, 4, 'a value cannot start with "@"'),
        ("a: `x`\n", 1, 4, 'a value cannot start with "`"'),
        ("a: %x\n", 1, 4, 'a value cannot start with "%"'),
        ("a: ]\n", 1, 4, 'a value cannot start with "]"'),
        ("a: &\n", 1, 4, 'a value cannot start with "&"'),
        ("a: |x\n  b\n", 1, 4, "the `|` on line 1 must be the last thing on its line"),
        ("a: 1\n...\nb: 2\n", 3, 1, "line 3 comes after the end of the YAML"),
    ],
)
def test_mistakes_are_said_plainly_where_they_are(
    text: str, line: int, column: int, words: str
) -> None:
    doc, problems = load_yaml(text)
    assert doc is None
    [p] = problems
    assert (p.kind, p.line, p.column) == ("yaml-syntax", line, column)
    assert words in p.message, p.message
    assert p.hint and not any(j in p.message + p.hint for j in JARGON)


def test_lines_in_messages_count_from_the_file_not_the_front_matter() -> None:
    _, problems = load_yaml("pair: p-0001\ntags: [a, b\ntype: support\n", line_offset=1)
    [p] = problems
    assert p.line == 3 and "the `[` list on line 3" in p.message
