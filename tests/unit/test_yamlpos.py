"""The position-keeping safe YAML loader: values, where they are, and every refusal."""

from __future__ import annotations

from datetime import date

import pytest

from notesite.load.yamlpos import MAX_DEPTH, Pos, YamlDoc, load_yaml


def ok(text: str, **kw: int) -> YamlDoc:
    doc, problems = load_yaml(text, **kw)
    assert problems == []
    assert doc is not None
    return doc


def problems_of(text: str, **kw: int) -> list[tuple[str, int, int]]:
    _, problems = load_yaml(text, **kw)
    return [(p.kind, p.line, p.column) for p in problems]


def test_values_are_plain_python() -> None:
    doc = ok("a: 1\nb: [x, 2026-10-03, true, null]\nc: {d: 1.5}\ne: 'q'\n")
    assert doc.data == {
        "a": 1,
        "b": ["x", date(2026, 10, 3), True, None],
        "c": {"d": 1.5},
        "e": "q",
    }


def test_positions_of_keys_and_values() -> None:
    doc = ok("id: p-1\nmentor:\n  id: m-1\n  name: Sam\ntags: [a, bb]\nlist:\n  - {x: 1}\n  - y\n")
    assert doc.keys[("id",)] == Pos(1, 1)
    assert doc.values[("id",)] == Pos(1, 5)
    assert doc.keys[("mentor", "name")] == Pos(4, 3)
    assert doc.values[("mentor", "name")] == Pos(4, 9)
    assert doc.values[("mentor",)] == Pos(3, 3)  # a block mapping starts at its first key
    assert doc.values[("tags", 1)] == Pos(5, 11)
    assert doc.keys[("list", 0, "x")] == Pos(7, 6)
    assert doc.values[("list", 1)] == Pos(8, 5)
    assert doc.values[()] == Pos(1, 1)


def test_pos_prefers_the_key_and_falls_back_to_the_parent() -> None:
    doc = ok("mentor:\n  id: m-1\nminutes: 30\n")
    assert doc.pos(("minutes",)) == Pos(3, 1)  # the key
    assert doc.value_pos(("minutes",)) == Pos(3, 10)  # the value
    assert doc.pos(("mentor", "name")) == Pos(1, 1)  # missing: where its parent is
    assert doc.value_pos(("mentor", "name")) == Pos(1, 1)
    assert YamlDoc(data=None).pos(("x",)) is None


def test_line_offset_shifts_lines_not_columns() -> None:
    doc = ok("pair: p-1\ntags: [a]\n", line_offset=1)
    assert doc.keys[("tags",)] == Pos(3, 1)
    assert doc.values[("tags", 0)] == Pos(3, 8)
    assert problems_of("a: 1\na: 2\n", line_offset=10) == [("yaml-duplicate-key", 12, 1)]
    assert problems_of("a: [1\nb: 2\n", line_offset=1)[0][:2] == ("yaml-syntax", 2)  # the `[`


def test_duplicate_keys_are_reported_at_the_second_and_the_first_kept() -> None:
    doc, problems = load_yaml("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert [(p.kind, p.line, p.column) for p in problems] == [
        ("yaml-duplicate-key", 4, 3),
        ("yaml-duplicate-key", 5, 1),
    ]
    assert "`c` appears twice" in problems[0].message
    assert doc is not None and doc.data == {"a": 1, "b": {"c": 1}}


def test_a_duplicate_key_holding_a_mapping() -> None:
    doc, problems = load_yaml("m:\n  x: 1\nm:\n  y: 2\n")
    assert [(p.kind, p.line) for p in problems] == [("yaml-duplicate-key", 3)]
    assert doc is not None and doc.data == {"m": {"x": 1}}


def test_anchors_and_aliases_are_refused_once_per_file() -> None:
    doc, problems = load_yaml("a: &x [1, 2]\nb: *x\nc: *x\n")
    assert [(p.kind, p.line, p.column) for p in problems] == [("yaml-alias", 1, 4)]
    assert "3 times" in problems[0].message
    assert doc is not None and doc.data == {"a": [1, 2], "b": None, "c": None}  # not expanded


def test_an_alias_as_a_key() -> None:
    doc, problems = load_yaml("a: &k 1\n*k : 2\n")
    assert [p.kind for p in problems] == ["yaml-alias"]
    assert doc is not None and "*k" in doc.data


def test_billion_laughs_is_not_expanded() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    doc, problems = load_yaml("\n".join(lines) + "\n")
    assert len(problems) == 1 and problems[0].kind == "yaml-alias"
    assert doc is not None and doc.data["i"] == [None] * 9


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a: !!python/object:os.system 1\n", "!!python/object:os.system"),
        ('a: !!python/object/apply:os.system ["echo"]\n', "!!python/object/apply:os.system"),
        ("a: !!binary aGVsbG8=\n", "!!binary"),
        ("a: !!set {x, y}\n", "!!set"),
        ("a: !custom 1\n", "!custom"),
        ("!!omap\n- a: 1\n", "!!omap"),
    ],
)
def test_custom_tags_are_refused(text: str, shown: str) -> None:
    _, problems = load_yaml(text)
    assert [p.kind for p in problems] == ["yaml-tag"]
    assert f"`{shown}`" in problems[0].message


def test_standard_tags_and_implicit_merge_keys() -> None:
    doc = ok('a: !!str 5\nb: !!int "7"\nc: !!float 1\n<<: x\nd: =\n')
    assert doc.data == {"a": "5", "b": 7, "c": 1.0, "<<": "x", "d": "="}


def test_scalars_that_cannot_be_built_stay_text() -> None:
    doc = ok("a: 2026-13-45\nb: " + "9" * 5000 + "\nc: 1e400\nd: yes\n")
    assert doc.data["a"] == "2026-13-45"
    assert doc.data["b"] == "9" * 5000  # beyond Python's int-from-text limit
    assert doc.data["c"] == "1e400"
    assert doc.data["d"] is True


def test_nesting_up_to_the_limit_is_accepted() -> None:
    # The top mapping is level 1, so MAX_DEPTH - 1 brackets reach exactly MAX_DEPTH.
    depth = MAX_DEPTH - 1
    doc = ok("a: " + "[" * depth + "]" * depth + "\n")
    assert doc.data is not None


@pytest.mark.parametrize("depth", [MAX_DEPTH, 1000, 100_000])
def test_deeper_nesting_is_refused_without_recursion(depth: int) -> None:
    doc, problems = load_yaml("a: " + "[" * depth + "]" * depth + "\n")
    assert doc is None
    assert [(p.kind, p.line, p.column) for p in problems] == [
        ("yaml-too-deep", 1, 4 + MAX_DEPTH - 1)
    ]


def test_deep_mappings_are_refused_too() -> None:
    doc, problems = load_yaml("a: " + "{b: " * 50 + "1" + "}" * 50 + "\n")
    assert doc is None and [p.kind for p in problems] == ["yaml-too-deep"]


def test_a_second_document_is_refused() -> None:
    doc, problems = load_yaml("a: 1\n---\nb: 2\n")
    assert [(p.kind, p.line) for p in problems] == [("yaml-syntax", 2)]
    assert "more than one YAML document" in problems[0].message
    assert doc is not None and doc.data == {"a": 1}


def test_explicit_start_and_end_markers_are_one_document() -> None:
    assert ok("---\na: 1\n...\n").data == {"a": 1}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: 1\nb: [1, 2\nc: 3\n", 2, "the `[` list on line 2 is not closed with `]`"),
        ("a: 1\nb: x: y\n", 2, "holds `: `"),
        ('a: "open\n', 1, 'the quote " opened on line 1 is never closed'),
        ("a:\n  b: 1\n\tc: 2\n", 3, "tab character"),
        ("a: 1\nb: x\x07y\n", 2, "control character (U+0007)"),
        ("[a, b]: 1\n", 1, "must be plain text"),
        ("? {a: 1}\n: 2\n", 1, "must be plain text"),
    ],
)
def test_syntax_errors_name_the_line(text: str, line: int, words: str) -> None:
    doc, problems = load_yaml(text)
    assert doc is None
    assert [(p.kind, p.line) for p in problems] == [("yaml-syntax", line)]
    assert words in problems[0].message
    assert problems[0].hint


def test_a_control_character_gets_its_column() -> None:
    _, problems = load_yaml("a: 1\nbb: é\x1b\n")
    assert [(p.line, p.column) for p in problems] == [(2, 6)]


def test_empty_and_comment_only_documents_have_no_data() -> None:
    for text in ("", "# nothing\n", "---\n", "null\n"):
        doc, problems = load_yaml(text)
        assert problems == [] and doc is not None and doc.data is None


def test_top_level_lists_and_scalars() -> None:
    assert ok("- a\n- b\n").data == ["a", "b"]
    assert ok("just text\n").data == "just text"
