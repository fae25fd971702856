"""Turn pydantic validation errors into plain-language diagnostics at the right line."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from notesite.codes import CodeName
from notesite.diagnostics import CAP, Diagnostic, diag, did_you_mean
from notesite.load.yamlpos import YamlDoc
from notesite.printable import foreign_character, invisible_hint

M = TypeVar("M", bound=BaseModel)


def check_model(
    model: type[M],
    data: Any,
    doc: YamlDoc,
    rel: str,
    *,
    what: str = "this file",
    whole: CodeName = "invalid-value",
) -> tuple[M | None, list[Diagnostic]]:
    """Validate `data` against `model`; every error becomes a diagnostic with its position.

    `whole` is the code of errors about the record as a whole (a model validator's checks).
    """
    if not isinstance(data, dict):
        pos = doc.pos(())
        return None, [
            diag(
                "invalid-value",
                rel,
                pos.line if pos else 1,
                f"{what} should be a set of `key: value` fields",
                hint="see docs/formats.md for an example",
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, _translate(exc.errors(), model, data, doc, rel, whole)


_TYPE_WORDS = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "string_type": "text",
    "dict_type": "a set of `key: value` fields",
    "model_type": "a set of `key: value` fields",
    "list_type": "a list like [a, b]",
    "tuple_type": "a list like [a, b]",
    "bool_type": "true or false",
    "float_type": "a number",
    "date_type": "a date written YYYY-MM-DD",
}


def _translate(
    errors: list[Any], model: type[BaseModel], data: Any, doc: YamlDoc, rel: str, whole: CodeName
) -> list[Diagnostic]:
    located = [(_clean(e["loc"], data, e["type"]), e) for e in errors]
    # A union (`int | {indicator: int}`) reports a type error for each branch it tried; when
    # the value has the shape of one branch (errors inside it), the others' complaints go.
    # So does "must not be empty" about a list whose only item is wrong.
    inner = {loc[:i] for loc, _ in located for i in range(len(loc))}
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for loc, error in located:
        if not (error["type"] in (*_TYPE_WORDS, "too_short") and loc in inner):
            groups.setdefault(loc, []).append(error)
    out = []
    hints = _HintBudget()
    for loc, group in groups.items():
        if len(group) > 1 and all(e["type"] in _TYPE_WORDS for e in group):
            pos = doc.value_pos(loc)
            wanted = " or ".join(dict.fromkeys(_TYPE_WORDS[e["type"]] for e in group))
            value = group[0].get("input")
            out.append(
                diag(
                    "invalid-value",
                    rel,
                    pos.line if pos else 1,
                    f"`{_name(loc)}` is empty; it should be {wanted}"
                    if value is None
                    else f"`{_name(loc)}` should be {wanted}, not {_show(value)}",
                    column=pos.column if pos else None,
                )
            )
        else:
            out += [_one(e, loc, model, doc, rel, whole, hints) for e in group]
    return out


def _clean(loc: tuple[Any, ...], data: Any, kind: str) -> tuple[Any, ...]:
    """`loc` without the labels pydantic adds for union branches and validators."""
    out: list[Any] = []
    current = data
    for i, part in enumerate(loc):
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_list or (isinstance(current, dict) and _has(current, part)):
            current = current[part]
        elif not (
            part == "[key]"
            or (i == len(loc) - 1 and kind in ("missing", "extra_forbidden", "invalid_key"))
        ):
            continue  # `int`, `dict[str,int]`, `function-after[...]`: not a place in the file
        out.append(part)
    return tuple(out)


def _has(mapping: dict[Any, Any], key: Any) -> bool:
    try:
        return key in mapping
    except TypeError:
        return False


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at `loc` (for "did you mean" on unknown keys)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or not (
            isinstance(current, type) and issubclass(current, BaseModel)
        ):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _name(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "the file"


class _HintBudget:
    """ "Did you mean" is worked out for the first CAP unknown keys of a record only: a file
    of 100,000 unknown keys shows CAP of them (the rest are counted), and finding the
    closest field name for each of the others cost most of the time spent on such a file."""

    def __init__(self) -> None:
        self.left = CAP

    def take(self) -> bool:
        self.left -= 1
        return self.left >= 0


def _one(
    error: Any,
    loc: tuple[Any, ...],
    model: type[BaseModel],
    doc: YamlDoc,
    rel: str,
    whole: CodeName,
    hints: _HintBudget,
) -> Diagnostic:
    kind = error["type"]
    name = _name(loc)
    if kind == "missing":
        pos = doc.pos(loc[:-1])
        return diag(
            "missing-field",
            rel,
            pos.line if pos else 1,
            f"the field `{name}` is missing",
            column=pos.column if pos else None,
            hint=f"add a line `{loc[-1]}: ...`",
        )
    if kind in ("extra_forbidden", "invalid_key"):
        key = error["input"] if kind == "invalid_key" else loc[-1]
        pos = doc.pos((*loc[:-1], key))
        hint = (
            did_you_mean(str(key), _field_names(model, loc))
            if isinstance(key, str) and hints.take()
            else None
        )
        return diag(
            "unknown-field",
            rel,
            pos.line if pos else 1,
            f"`{_name((*loc[:-1], str(key)))}` is not a field this file takes",
            column=pos.column if pos else None,
            hint=hint or "remove it, or check the spelling against docs/formats.md",
        )
    if loc and loc[-1] == "[key]":
        pos = doc.pos(loc[:-1])
        wanted = _TYPE_WORDS.get(kind)
        return diag(
            "invalid-value",
            rel,
            pos.line if pos else 1,
            f"the key `{loc[-2]}` under `{_name(loc[:-2])}` should be {wanted}"
            if wanted
            else f"the key `{loc[-2]}` under `{_name(loc[:-2])}`: {error.get('msg')}",
            column=pos.column if pos else None,
            hint="put it in quotes" if kind == "string_type" else None,
        )
    if not loc and kind == "value_error":
        message = _reason(error)
        pos = doc.pos(tuple(message.split(" ", 1)[0].split("."))) or doc.pos(())
        return diag(whole, rel, pos.line if pos else 1, message, column=pos.column if pos else None)
    pos = doc.value_pos(loc)
    message, hint = _explain(kind, error, name)
    return diag(
        "invalid-value",
        rel,
        pos.line if pos else 1,
        message,
        column=pos.column if pos else None,
        hint=hint,
    )


def _reason(error: Any) -> str:
    """The text of a ValueError raised by one of our validators."""
    exc = (error.get("ctx") or {}).get("error")
    return str(exc) if exc is not None else str(error.get("msg", "invalid value"))


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):  # and datetime
        return str(value)
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _number_hint(value: Any) -> str | None:
    """How to write a number YAML would read otherwise (see yamlpos: `045` is not 37)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if re.fullmatch(r"[-+]?0[0-9]+", text):
        return f"write it without the leading zero: {int(text)}"
    if re.fullmatch(r"[0-9]+(:[0-5][0-9])+", text):
        return "write one number (minutes: 90, not 1:30)"
    if re.fullmatch(r"[-+]?[0-9][0-9_]*", text):
        return f"write it without the `_`: {text.replace('_', '')}"
    return None


# A table of wordings, one branch (one return) per pydantic error kind: its complexity is
# its length, and splitting it would only spread the table over several functions.
def _explain(kind: str, error: Any, name: str) -> tuple[str, str | None]:  # noqa: C901
    value = error.get("input")
    shown = _show(value)
    ctx = error.get("ctx") or {}
    if value is None and kind in _TYPE_WORDS:
        return (
            f"`{name}` is empty; it should be {_TYPE_WORDS[kind]}",
            "write a value after the colon, or remove the line",
        )
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"`{name}` should be a whole number, not {shown}", _number_hint(value)
    if kind.startswith("date") or (kind == "value_error" and "YYYY-MM-DD" in str(ctx)):
        return (
            f"`{name}` should be a date written YYYY-MM-DD, not {shown}",
            "for example 2026-10-03",
        )
    if kind == "value_error":
        return f"`{name}` {_reason(error)}", None
    if kind in ("bool_type", "bool_parsing"):
        return f"`{name}` should be true or false, not {shown}", None
    if kind == "literal_error":
        choices = _expected(ctx)
        return (
            f"`{name}` cannot be {shown}; it must be one of {ctx.get('expected')}",
            did_you_mean(str(value), choices) or "write one of: " + ", ".join(choices),
        )
    if kind == "string_pattern_mismatch":
        if r"\d{4}-\d{2}" in str(ctx.get("pattern", "")):
            return (
                f"`{name}` {shown} is not a program year",
                "write the year the program year starts and the next, like 2025-26",
            )
        usual = "ids use lower-case letters, digits and dashes, like `p-0001` or `pm-jrivera`"
        text = str(value)
        hidden = invisible_hint(text)
        foreign = foreign_character(text)
        if hidden is None and foreign is not None:  # a letter or dash from another alphabet
            hidden = f"{foreign} is not a plain letter, digit or dash; {usual}"
        return f"`{name}` {shown} is not a valid id", hidden or usual
    if kind == "string_type":
        if isinstance(value, int | float):  # not shown: YAML reads `0012` as the number 10
            return (
                f"`{name}` should be text, not a number",
                "put it in quotes (YAML reads an unquoted 0012 as a number)",
            )
        return f"`{name}` should be text, not {shown}", None
    if kind in ("tuple_type", "list_type"):
        hint = f"write it in brackets: [{value}]" if isinstance(value, str) else None
        return f"`{name}` should be a list like [a, b], not {shown}", hint
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"`{name}` should be a set of `key: value` fields, not {shown}", None
    if kind in ("too_short", "string_too_short"):
        return f"`{name}` must not be empty", None
    if kind == "too_long":
        return f"`{name}` has too many items (at most {ctx.get('max_length')})", None
    if kind in ("greater_than_equal", "greater_than"):
        return f"`{name}` must be at least {ctx.get('ge', ctx.get('gt'))}, not {shown}", None
    if kind in ("less_than_equal", "less_than"):
        return f"`{name}` must be at most {ctx.get('le', ctx.get('lt'))}, not {shown}", None
    if kind in ("float_type", "float_parsing"):
        return f"`{name}` should be a number, not {shown}", None
    return f"`{name}`: {error.get('msg', 'invalid value')}", None


def _expected(ctx: dict[str, Any]) -> list[str]:
    return [p.strip(" '") for p in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]
