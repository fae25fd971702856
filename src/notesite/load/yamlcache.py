"""Parsed YAML files kept by the digest of their text, so an unchanged file is not parsed again.

A program of 10,000 pairs has 10,000 pair files and a few thousand ratings and focus lists;
parsing them with positions (yamlpos) took about 2 s of every build at that size, though
a build usually changes none of them. A parse is a pure function of the text, so a document
is reused for the same text (blake2b), whatever else changed; notesite's version is in the
file that keeps them, which is how a change to the parser is kept out.

Only documents parsed without a problem are kept (a file with a YAML mistake is parsed, and
its mistakes reported, every time), and only documents of plain values (text, numbers,
booleans, null, dates, times, lists and mappings), which `encode` turns into JSON data and
`decode` back, checking every value's kind: the file is data, never code. A document that
holds anything else is not kept.

`YamlMemo` is the documents of one build and the last; `using(memo)` makes `parse` use it for
the loaders below it (validate/common.py), so no loader needs the memo passed down.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import date, datetime, timezone
from typing import Any

from notesite.load.yamlpos import YamlDoc, YamlProblem, load_yaml


def text_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class YamlMemo:
    """The data of documents by the digest of their text: those of the last build (`known`,
    read from the cache folder or kept in memory by `serve`) and this build's (`used`)."""

    def __init__(self, known: dict[str, Any] | None = None) -> None:
        self.known: dict[str, Any] = dict(known or {})
        self.used: dict[str, Any] = {}
        self.changed = False  # whether the documents differ from those the folder holds

    def parse(self, text: str) -> tuple[YamlDoc | None, list[YamlProblem]]:
        """The document of `text`: its data kept from before if it is known (shared with
        every file of the same text: never change a document's data), else parsed."""
        key = text_digest(text)
        if key in self.used or key in self.known:
            data = self.used[key] = self.used.get(key, self.known.get(key))
            return YamlDoc(data, text=text), []
        doc, problems = load_yaml(text)
        if doc is not None and not problems:
            try:
                _value(doc.data)
            except ValueError:  # not plain data: parsed again each time
                return doc, problems
            self.used[key] = doc.data
        return doc, problems

    def turn(self) -> None:
        """Start the next check from this one's documents (`check_repository` calls it after
        each check, so a long `serve` keeps one set); `changed` says whether the set differs
        from the one the cache folder holds, which is when it needs writing again."""
        self.changed = self.changed or self.used.keys() != self.known.keys()
        self.known, self.used = self.used, {}


_MEMO: ContextVar[YamlMemo | None] = ContextVar("notesite_yaml_memo", default=None)


@contextlib.contextmanager
def using(memo: YamlMemo | None) -> Iterator[None]:
    """Let `parse` keep and reuse documents in `memo` (None: parse every time) in this block."""
    token = _MEMO.set(memo)
    try:
        yield
    finally:
        _MEMO.reset(token)


def parse(text: str) -> tuple[YamlDoc | None, list[YamlProblem]]:
    """`load_yaml(text)`, through the memo of the enclosing `using` block if there is one."""
    memo = _MEMO.get()
    return memo.parse(text) if memo is not None else load_yaml(text)


# JSON has text, numbers, booleans, null, lists and string-keyed objects; a YAML document
# also has dates, times, floats JSON cannot write (inf, nan) and mappings with keys of any
# scalar kind. So every value that is not text, an integer, a boolean or null is a one-key
# object naming its kind: {"d": "2026-09-14"}, {"t": iso}, {"f": float.hex()},
# {"m": [[key, value], ...]}. A list stays a list.


def encode(data: Any) -> Any:
    """A document's data as JSON data; ValueError for a value of another kind."""
    return _value(data)


def _value(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return {"f": value.hex()}
    if kind is date:
        return {"d": value.isoformat()}
    if kind is datetime and (value.tzinfo is None or type(value.tzinfo) is timezone):
        return {"t": value.isoformat()}
    if kind is list:
        return [_value(v) for v in value]
    if kind is dict:
        return {"m": [[_value(k), _value(v)] for k, v in value.items()]}
    raise ValueError(f"a YAML value of kind {kind.__name__} is not kept")


def decode(raw: Any) -> Any:
    """The data `encode` made; ValueError for anything else (a damaged or foreign file)."""
    return _data(raw)


def _data(raw: Any) -> Any:
    kind = type(raw)
    if kind is str or kind is int or kind is bool or raw is None:
        return raw
    if kind is list:
        return [_data(v) for v in raw]
    if kind is not dict or len(raw) != 1:
        raise ValueError(f"not a document value: {kind.__name__}")
    ((tag, inner),) = raw.items()
    if tag == "m" and isinstance(inner, list):
        out = {}
        for pair in inner:
            if not isinstance(pair, list) or len(pair) != 2:
                raise ValueError("a mapping entry is [key, value]")
            key = _data(pair[0])
            if isinstance(key, list | dict):
                raise ValueError("a mapping key is a plain value")
            out[key] = _data(pair[1])
        return out
    if type(inner) is not str:
        raise ValueError(f"not a document value: {tag!r}")
    if tag == "d":
        return date.fromisoformat(inner)
    if tag == "t":
        return datetime.fromisoformat(inner)
    if tag == "f":
        return float.fromhex(inner)
    raise ValueError(f"not a document value: {tag!r}")
