"""A digest of everything a page is rendered from, so an unchanged page is not rendered again.

`Digests` turns a page's values (dataclasses, pydantic models, tuples, dicts, dates, enums,
strings, numbers) into 16 bytes of blake2b that are the same in every process for equal
values: sets are sorted, dicts keep their order (templates show them in that order), and
every value is tagged with its exact type, so `"1"`, `1`, `1.0` and `True` differ, and so do
a `str` and a `Markup` of the same text (one is escaped, the other is not). A value of any
other kind (a function, a module) raises `Undigestable`: that page is always rendered.

Objects are digested once per build however many pages show them (a pair's facts appear on
its page, its PM's page and the packets): the digest of each container is kept by identity
for as long as the `Digests` lives, which is why the objects are kept alive with it.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import jinja2
from pydantic import BaseModel

from notesite import __version__
from notesite.derive.facts import Facts
from notesite.models import ParticipationRow
from notesite.program import Note, Section
from notesite.render.html import Page

_SIZE = 16
# Records of plain values only (no sets, no floats, no field hidden from repr), which a page
# shows by the thousand: their dataclass repr names every field and value, exactly.
_BY_REPR: frozenset[type] = frozenset({Note, Section, ParticipationRow})


_SCALARS: dict[type, bytes] = {int: b"int", bool: b"bool", type(None): b"NoneType"}


class Undigestable(TypeError):
    """A page value of a kind the digest does not know; that page is rendered every time."""


def _blake(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=_SIZE).digest()


class Digests:
    """Digests of page values, each object digested once (see the module docstring)."""

    def __init__(
        self, salt: bytes = b"", known: Mapping[int, tuple[object, bytes]] | None = None
    ) -> None:
        self.salt = salt
        # Objects whose token is known already (notes, by what made them: NoteCache).
        self._memo: dict[int, bytes] = {}
        self._alive: list[object] = []  # every object in _memo, so that no id is reused
        for key, (value, token) in (known or {}).items():
            self._memo[key] = token
            self._alive.append(value)
        self._fields: dict[type, tuple[bytes, tuple[str, ...]]] = {}

    def know(self, value: object, token: bytes) -> None:
        """Take `token` as `value`'s, made from what made the value (see `pair_tokens`)."""
        self._memo[id(value)] = token
        self._alive.append(value)

    def inputs(self, *values: object) -> bytes:
        """16 bytes for `values` without the salt: what a derived value was made from."""
        return _blake(b"".join(self._token(v) for v in values))

    def of(self, *values: object) -> str:
        """The hex digest of `values` (with the salt: notesite's version, the templates)."""
        return hashlib.blake2b(
            self.salt + b"".join(self._token(v) for v in values), digest_size=_SIZE
        ).hexdigest()

    def _token(self, value: Any) -> bytes:  # noqa: C901 - one branch per kind
        kind = type(value)
        if kind is str:
            raw: bytes = value.encode("utf-8", "surrogatepass")
            if len(raw) <= _SIZE * 2:
                return b"s%d:" % len(raw) + raw
            return self._memoized(value, lambda: b"S" + _blake(raw))
        if kind in _SCALARS:
            return b"%s%r;" % (_SCALARS[kind], value)
        if kind is float:
            return b"f%s;" % value.hex().encode()
        found = self._memo.get(id(value))
        if found is not None:
            return found
        token: bytes
        if kind in _BY_REPR:  # records of plain values, many of them: repr is exact and fast
            token = _blake(self._name(kind) + repr(value).encode("utf-8", "surrogatepass"))
        elif kind is tuple and value and all(type(v) is ParticipationRow for v in value):
            token = _rows(value)
        elif kind is tuple or kind is list:
            token = self._sequence(b"T" if kind is tuple else b"L", value)
        elif kind is dict:
            items = value.items()
            token = self._sequence(b"D", [x for item in items for x in item])
        elif kind is set or kind is frozenset:
            token = _blake(b"E" + b"".join(sorted(self._token(v) for v in value)))
        elif kind is date or kind is datetime:
            token = b"d" + value.isoformat().encode() + b";"
        elif isinstance(value, enum.Enum):
            token = self._sequence(self._name(kind), [value.value])
        elif isinstance(value, str):  # Markup and other str subclasses: tagged by their type
            token = self._sequence(self._name(kind), [str(value)])
        elif isinstance(value, dict):  # Counter, defaultdict: tagged by their type
            token = self._sequence(self._name(kind), [dict(value)])
        elif isinstance(value, tuple | list):  # named tuples
            token = self._sequence(self._name(kind), [tuple(value)])
        elif dataclasses.is_dataclass(value):
            tag, names = self._dataclass(kind)
            token = self._sequence(tag, [getattr(value, n) for n in names])
        elif isinstance(value, BaseModel):  # its fields (not __dict__: cached properties)
            tag, names = self._model(type(value))
            extra = value.__pydantic_extra__ or {}
            token = self._sequence(tag, [*(getattr(value, n) for n in names), extra])
        else:
            raise Undigestable(f"cannot digest a {kind.__module__}.{kind.__qualname__}")
        if kind is not date:  # dates are cheaper to encode again than to keep
            self._memo[id(value)] = token
            self._alive.append(value)
        return token

    def _memoized(self, value: object, make: Callable[[], bytes]) -> bytes:
        found = self._memo.get(id(value))
        if found is None:
            found = self._memo[id(value)] = make()
            self._alive.append(value)
        return found

    def _sequence(self, tag: bytes, values: Any) -> bytes:
        """The token of tagged values in order; the common kinds inline (this runs a million
        times at 100,000 notes), with the same tokens `_token` gives."""
        parts = [tag, b"%d:" % len(values)]
        memo, token = self._memo, self._token
        for v in values:
            kind = type(v)
            if kind is str and len(v) <= _SIZE * 2 and v.isascii():
                parts.append(b"s%d:%s" % (len(v), v.encode()))
            elif kind in _SCALARS:
                parts.append(b"%s%r;" % (_SCALARS[kind], v))
            else:
                found = memo.get(id(v))
                parts.append(found if found is not None else token(v))
        return hashlib.blake2b(b"".join(parts), digest_size=_SIZE).digest()

    def _name(self, kind: type) -> bytes:
        return f"<{kind.__module__}.{kind.__qualname__}>".encode()

    def _model(self, kind: type[BaseModel]) -> tuple[bytes, tuple[str, ...]]:
        found = self._fields.get(kind)
        if found is None:
            found = self._fields[kind] = (self._name(kind), tuple(kind.model_fields))
        return found

    def _dataclass(self, kind: type) -> tuple[bytes, tuple[str, ...]]:
        found = self._fields.get(kind)
        if found is None:
            names = tuple(f.name for f in dataclasses.fields(kind))
            found = self._fields[kind] = (self._name(kind), names)
        return found


def _rows(rows: tuple[ParticipationRow, ...]) -> bytes:
    """A tuple of participation rows in one token: a pair's rows, 280,000 of them at 100,000
    notes, where a token per row cost 0.8 s of every build. Each field is written exactly
    (the strings by repr), so different rows cannot write the same text; the tag is its own."""
    text = "".join(
        [f"{r.pair!r}{r.week.toordinal()};{r.mentor!r}{r.mentee!r}{r.line};" for r in rows]
    )
    return b"R" + _blake(b"%d:" % len(rows) + text.encode("utf-8", "surrogatepass"))


def salt(folder: Traversable) -> bytes:
    """What every page also depends on: notesite's code and version, the templates, and the
    versions of Jinja and MarkupSafe (so a changed filter or template renders every page)."""
    key = str(folder)
    if key not in _salts:
        h = hashlib.blake2b(digest_size=_SIZE)
        h.update(f"{__version__} jinja2 {jinja2.__version__} {_markupsafe_version()}".encode())
        for name, data in _tree(resources.files("notesite"), ".py"):
            h.update(b"%d:%s%d:" % (len(name), name.encode(), len(data)) + data)
        for name, data in _tree(folder, ""):
            h.update(b"%d:%s%d:" % (len(name), name.encode(), len(data)) + data)
        _salts[key] = h.digest()
    return _salts[key]


_salts: dict[str, bytes] = {}


def _markupsafe_version() -> str:
    from importlib.metadata import version

    return version("markupsafe")


def _tree(folder: Traversable, suffix: str, prefix: str = "") -> list[tuple[str, bytes]]:
    """Every file below `folder` whose name ends with `suffix`, by relative path, sorted
    (package data or a checkout); only those files are read."""
    found: list[tuple[str, bytes]] = []
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        name = prefix + item.name
        if item.is_dir():
            if item.name != "__pycache__":
                found.extend(_tree(item, suffix, name + "/"))
        elif item.name.endswith(suffix) and item.is_file():
            found.append((name, item.read_bytes()))
    return found


def pair_tokens(facts: Facts, digests: Digests) -> None:
    """Give each pair's facts a token of what they are derived from, so that pages digest
    10,000 pairs' facts without walking them (their touch points, due dates, history: most
    of a digest's work at 100,000 notes).

    A `PairFacts` is made by `derive.facts._pair` from the pair, its notes, its participation
    rows, the focus items naming it, the settings and "today", and from nothing else (it is
    given no other part of the program), and the code that makes it is in every page's salt;
    so equal inputs make equal facts. The pair's notes come in by their own tokens (what made
    each note, see NoteCache.note_tokens) when the cache gives them."""
    settings, today = facts.program.settings, facts.today
    for p in facts.pairs.values():
        made = digests.inputs(
            settings, today, p.pair, tuple(n.note for n in p.notes), p.participation, p.focus
        )
        digests.know(p, b"P" + made)


def page_digests(
    pages: Sequence[Page],
    common: Mapping[str, object],
    folder: Traversable,
    known: Mapping[int, tuple[object, bytes]] | None = None,
    facts: Facts | None = None,
) -> dict[str, str]:
    """Each page's digest of what it is rendered from; a page that cannot be digested is
    left out (and so is rendered every time). `known`: see `Digests`; `facts`, when given,
    gives each pair's facts a token of their inputs (`pair_tokens`)."""
    digests = Digests(salt(folder), known)
    if facts is not None:
        pair_tokens(facts, digests)
    shared = digests.of(dict(common))
    found: dict[str, str] = {}
    for page in pages:
        try:
            found[page.path] = digests.of(shared, page)
        except Undigestable:
            continue
    return found
