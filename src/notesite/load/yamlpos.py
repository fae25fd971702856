"""Safe YAML that remembers where every key and value came from.

PyYAML's loaders either lose positions or (the C composer) crash on deep nesting, so values
are built here straight from libyaml's event stream with an explicit stack: no recursion,
aliases and anchors refused before they can expand, duplicate keys and custom tags reported,
nesting capped. Each problem is collected, not raised, so one run reports them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import yaml
import yaml.reader
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from notesite.codes import CodeName
from notesite.load.yamlerrors import explain

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pyyaml wheels ship libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 32
_SEPARATORS = re.compile("[\x85\u2028\u2029]")  # line breaks to YAML, not to an editor
Path_ = tuple[str | int, ...]

_YAML_TAG = "tag:yaml.org,2002:"
_STANDARD_TAGS = {_YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_RESOLVER: Any = Resolver()  # untyped in types-PyYAML
_CONSTRUCTOR = SafeConstructor()
# YAML 1.1 reads `045` as the octal 37, `0x2A` as 42, `1_0` as 10 and `1:30` (base 60) as 90:
# `minutes: 045` would be 37 minutes, silently. Only plain decimals are numbers; any other
# spelling stays the text written, which a number field then reads as the decimal it says
# (`045`: 45) or refuses, and a text field keeps as it is (`cohort: 0123`).
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(
    r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)
_NUMBER = {_YAML_TAG + "int": _DECIMAL, _YAML_TAG + "float": _PLAIN_FLOAT}


@dataclass(frozen=True, slots=True)
class Pos:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True, slots=True)
class YamlProblem:
    kind: CodeName  # a code name from codes.py
    line: int
    column: int
    message: str
    hint: str | None = None


class YamlDoc:
    """Plain Python data plus the position of every value (and key) by its path.

    A document kept from an earlier parse (load/yamlcache.py) holds its data and its text:
    its positions, wanted only when a problem is reported, are parsed from the text when
    first asked for."""

    __slots__ = ("_keys", "_text", "_values", "data")

    def __init__(
        self,
        data: Any,
        values: dict[Path_, Pos] | None = None,
        keys: dict[Path_, Pos] | None = None,
        *,
        text: str | None = None,
    ) -> None:
        self.data = data
        self._text = text  # set only for positions not parsed yet
        self._values = values if values is not None or text is not None else {}
        self._keys = keys if keys is not None or text is not None else {}

    @property
    def values(self) -> dict[Path_, Pos]:
        if self._values is None:
            self._parse_positions()
        assert self._values is not None
        return self._values

    @property
    def keys(self) -> dict[Path_, Pos]:
        if self._keys is None:
            self._parse_positions()
        assert self._keys is not None
        return self._keys

    def _parse_positions(self) -> None:
        doc, _ = load_yaml(self._text or "")
        self._values = doc.values if doc is not None else {}
        self._keys = doc.keys if doc is not None else {}
        self._text = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, YamlDoc):
            return NotImplemented
        return (self.data, self.values, self.keys) == (other.data, other.values, other.keys)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass it was

    def __repr__(self) -> str:
        return f"YamlDoc(data={self.data!r})"

    def pos(self, path: Path_) -> Pos | None:
        """Where `path` is: the key if it is a mapping key, else the value, else a parent."""
        path = tuple(path)
        while True:
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if not path:
                return None
            path = path[:-1]

    def value_pos(self, path: Path_) -> Pos | None:
        return self.values.get(tuple(path)) or self.pos(path)


class _Frame:
    __slots__ = ("container", "key", "key_pos", "path", "seen")

    def __init__(self, container: dict[Any, Any] | list[Any], path: Path_) -> None:
        self.container = container
        self.path = path
        self.key: Any = _NO_KEY
        self.key_pos: Pos | None = None
        self.seen: set[Any] = set()


_NO_KEY = object()


def _scalar(event: yaml.ScalarEvent) -> tuple[Any, str | None]:
    """Construct a scalar like SafeLoader would; returns (value, bad tag or None)."""
    return _construct(event.value, event.tag, event.implicit[0])


# Front matter repeats the same few scalars (ids, tags, dates) across thousands of notes, and
# every constructed scalar is immutable, so results are memoised: a pure function's cache
# (bounded, least recently used dropped), not state that can change what a load returns.
@lru_cache(maxsize=50_000)
def _construct(value: str, tag: str | None, implicit: bool) -> tuple[Any, str | None]:
    if tag in (None, "!"):
        if not implicit:
            return value, None
        tag = _RESOLVER.resolve(ScalarNode, value, (True, False))
        if tag not in _STANDARD_TAGS:
            return value, None  # `<<` (merge) or `=` (value) written as plain text
        number = _NUMBER.get(tag)
        if number is not None and not number.fullmatch(value):
            return value, None  # `045`, `0x2A`, `1_0`, `1:30`: as written
    if tag not in _STANDARD_TAGS:
        return value, _shown_tag(tag)
    node = ScalarNode(tag, value, None, None)
    try:
        return _CONSTRUCTOR.construct_object(node), None
    except (yaml.YAMLError, ValueError, TypeError):
        return value, None


def _shown_tag(tag: str) -> str:
    """A tag as it is usually written: `!!python/object`, not `tag:yaml.org,2002:python/object`."""
    return "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag


def load_yaml(text: str, *, line_offset: int = 0) -> tuple[YamlDoc | None, list[YamlProblem]]:
    """Parse one YAML document; `line_offset` shifts lines (front matter inside a note)."""
    separator = _SEPARATORS.search(text)
    if separator:  # YAML would start a new line there, invisibly, and every line after shifts
        return None, [_separator_problem(text, separator, line_offset)]
    walker = _Walker(line_offset)
    try:
        whole = walker.walk(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        return None, [*walker.problems, _syntax_problem(text, exc, line_offset)]
    except yaml.reader.ReaderError as exc:  # a control character libyaml refuses
        return None, [*walker.problems, _control_character(text, exc, line_offset)]
    except yaml.YAMLError as exc:  # pragma: no cover - every libyaml error is one of the above
        problem = YamlProblem("yaml-syntax", 1 + line_offset, 1, f"the YAML cannot be read: {exc}")
        return None, [*walker.problems, problem]
    if not whole:
        return None, walker.problems
    return walker.doc, walker.summed_up()


class _Walker:
    """One document built from libyaml's events with an explicit stack of open containers
    (no recursion), every value's position kept and every problem collected. A method per
    kind of event; each returns False when the walk must stop."""

    def __init__(self, line_offset: int) -> None:
        self.offset = line_offset
        self.doc = YamlDoc(data=None)
        self.problems: list[YamlProblem] = []
        self.stack: list[_Frame] = []
        self.documents = 0
        self.aliases = 0  # reported once, at the first, so an alias bomb cannot flood the report
        self.failed = False  # the document cannot be used (too deep, a container as a key)

    def walk(self, events: Iterable[yaml.Event]) -> bool:
        """Build the document; False when it cannot be used."""
        for event in events:
            if not self.step(event):
                break
        return not self.failed

    def step(self, event: yaml.Event) -> bool:
        if isinstance(event, yaml.DocumentStartEvent):
            return self.document_start(event)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            self.refuse_anchor(event)
            if isinstance(event, yaml.AliasEvent):
                if self.add(None, self.at(event.start_mark)) is False and self.stack:
                    self.stack[-1].key = f"*{event.anchor}"
                return True
        if isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            return self.container_start(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            self.add(frame.container, self.doc.values[frame.path])
        return True

    def at(self, mark: Any) -> Pos:
        return Pos(mark.line + 1 + self.offset, mark.column + 1)

    def report(self, kind: CodeName, pos: Pos, message: str, hint: str | None = None) -> None:
        self.problems.append(YamlProblem(kind, pos.line, pos.column, message, hint))

    def document_start(self, event: yaml.DocumentStartEvent) -> bool:
        self.documents += 1
        if self.documents == 1:
            return True
        self.report(
            "yaml-syntax",
            self.at(event.start_mark),
            "this file holds more than one YAML document (a second `---`)",
            "keep a single document: remove the extra `---` line",
        )
        return False  # the first document stands

    def refuse_anchor(self, event: yaml.Event) -> None:
        self.aliases += 1
        if self.aliases == 1:
            self.report(
                "yaml-alias",
                self.at(event.start_mark),
                "YAML anchors (`&name`) and aliases (`*name`) are not allowed",
                "write the value out in full where it is needed",
            )

    def scalar(self, event: yaml.ScalarEvent) -> None:
        value, bad_tag = _scalar(event)
        pos = self.at(event.start_mark)
        if bad_tag:
            self.report(
                "yaml-tag",
                pos,
                f"the YAML tag `{bad_tag}` is not allowed",
                "remove the tag: write a plain value (quote it to keep it as text)",
            )
        self.add(value, pos)

    def container_start(self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent) -> bool:
        pos = self.at(event.start_mark)
        if event.tag not in (None, "!", _YAML_TAG + "map", _YAML_TAG + "seq"):
            self.report("yaml-tag", pos, f"the YAML tag `{_shown_tag(event.tag)}` is not allowed",
                        "remove the tag")  # fmt: skip
        if len(self.stack) >= MAX_DEPTH:
            self.problems.append(_too_deep(pos))
            self.failed = True
            return False
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.container, dict) and top.key is _NO_KEY:
            self.report(
                "yaml-syntax",
                pos,
                "a mapping key must be plain text, not a list or mapping",
                "write the key as a single word followed by a colon",
            )
            self.failed = True
            return False
        path = self.child_path()
        container: dict[Any, Any] | list[Any] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        self.stack.append(_Frame(container, path))
        self.doc.values[path] = pos
        return True

    def child_path(self) -> Path_:
        """The path of the next value the innermost open container gets."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        return (*top.path, top.key)

    def add(self, value: Any, pos: Pos) -> bool:
        """Attach a finished value (a scalar, or a container just closed) to its parent;
        False when it became a mapping key."""
        if not self.stack:
            self.doc.data = value
            self.doc.values[()] = pos
            return True
        top = self.stack[-1]
        path = self.child_path()
        if isinstance(top.container, list):
            top.container.append(value)
            self.doc.values.setdefault(path, pos)
            return True
        if top.key is _NO_KEY:
            top.key, top.key_pos = value, pos
            return False
        key, key_pos = top.key, top.key_pos
        top.key = _NO_KEY
        assert key_pos is not None
        if key in top.seen:
            self.report(
                "yaml-duplicate-key",
                key_pos,
                f"the key `{key}` appears twice in this mapping",
                "keep one of them: YAML would silently drop the first",
            )
            return True
        top.seen.add(key)
        top.container[key] = value
        self.doc.keys[path] = key_pos
        self.doc.values[path] = pos
        return True

    def summed_up(self) -> list[YamlProblem]:
        """The problems, the first alias saying how many there are."""
        if self.aliases > 1:
            first = next(i for i, p in enumerate(self.problems) if p.kind == "yaml-alias")
            self.problems[first] = replace(
                self.problems[first],
                message=f"{self.problems[first].message} (this file uses them {self.aliases} "
                "times; the first is here)",
            )
        return self.problems


def _separator_problem(text: str, separator: re.Match[str], line_offset: int) -> YamlProblem:
    before = text[: separator.start()]
    return YamlProblem(
        "yaml-syntax",
        before.count("\n") + 1 + line_offset,
        separator.start() - (before.rfind("\n") + 1) + 1,
        f"this line holds an invisible line separator (U+{ord(separator.group()):04X}), "
        "which YAML reads as the start of a new line",
        "delete it and retype the text around it (it often comes from copy and paste)",
    )


def _syntax_problem(text: str, exc: yaml.MarkedYAMLError, line_offset: int) -> YamlProblem:
    """libyaml's syntax error in a Program Manager's words (yamlerrors.py), on its line."""
    deep = _too_deep_at(text, exc)
    if deep is not None:
        return _too_deep(Pos(deep.line + line_offset, deep.column))
    mark = exc.problem_mark or exc.context_mark
    lines = text.split("\n")
    offending = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\t" in offending[: len(offending) - len(offending.lstrip())]:
        return YamlProblem(
            "yaml-syntax",
            (mark.line if mark else 0) + 1 + line_offset,
            1,
            "a tab character is used for indentation; YAML needs spaces",
            "replace the tab at the start of the line with spaces",
        )
    said = explain(exc, text, line_offset)
    return YamlProblem(
        "yaml-syntax", said.line + 1 + line_offset, said.column + 1, said.message, said.hint
    )


def _control_character(text: str, exc: yaml.reader.ReaderError, line_offset: int) -> YamlProblem:
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    before = text[: max(text.find(char), 0)]
    return YamlProblem(
        "yaml-syntax",
        before.count("\n") + 1 + line_offset,
        len(before) - (before.rfind("\n") + 1) + 1,
        f"this line holds an invisible control character (U+{ord(char[:1] or ' '):04X}), "
        "which YAML does not allow",
        "delete it and retype the text around it (it often comes from copy and paste)",
    )


def _too_deep(pos: Pos) -> YamlProblem:
    return YamlProblem(
        "yaml-too-deep",
        pos.line,
        pos.column,
        f"the YAML is nested more than {MAX_DEPTH} levels deep",
        "flatten the structure; notesite files need only a few levels",
    )


def _too_deep_at(text: str, exc: yaml.MarkedYAMLError) -> Pos | None:
    """Where flow nesting passes MAX_DEPTH, when that is what made libyaml give up.

    libyaml 0.2.6 (PyYAML 6.0.4) refuses flow nesting past 1,000 levels with a syntax error
    raised while scanning ahead, before the event walk above can count 33 levels; older
    releases do not. Reading the brackets ourselves makes the diagnostic the same whatever
    libyaml is bundled: an error inside text nested too deep is reported as too deep.
    """
    mark = exc.problem_mark or exc.context_mark
    end = mark.index if mark is not None else len(text)
    depth, quote, comment = 0, "", False
    line, column = 1, 0
    for i, char in enumerate(text[: end + 1]):
        column += 1
        if char == "\n":
            line, column, comment = line + 1, 0, False
            continue
        if comment:
            continue
        if quote:
            if char == quote and not (quote == '"' and i and text[i - 1] == "\\"):
                quote = ""
            continue
        if char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or text[i - 1] in " \t"):
            comment = True
        elif char in "[{":
            depth += 1
            if depth >= MAX_DEPTH:  # a file's top-level mapping is the first level
                return Pos(line, column)
        elif char in "]}":
            depth = max(depth - 1, 0)
    if "nesting depth" in str(exc.problem):
        return Pos(line, column)
    return None
