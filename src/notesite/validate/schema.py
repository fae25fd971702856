"""Turn pydantic validation errors into plain-language diagnostics at the right line."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from notesite.diagnostics import Diagnostic, diag, did_you_mean
from notesite.load.yamlpos import YamlDoc

M = TypeVar("M", bound=BaseModel)


def check_model(
    model: type[M], data: Any, doc: YamlDoc, rel: str, *, what: str = "this file"
) -> tuple[M | None, list[Diagnostic]]:
    """Validate `data` against `model`; every error becomes a diagnostic with its position."""
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
        return None, [_one(error, model, doc, rel) for error in exc.errors()]


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


def _one(error: Any, model: type[BaseModel], doc: YamlDoc, rel: str) -> Diagnostic:
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
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
    if kind == "extra_forbidden":
        pos = doc.pos(loc)
        hint = did_you_mean(str(loc[-1]), _field_names(model, loc))
        return diag(
            "unknown-field",
            rel,
            pos.line if pos else 1,
            f"`{name}` is not a field this file takes",
            column=pos.column if pos else None,
            hint=hint or "remove it, or check the spelling against docs/formats.md",
        )
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


def _explain(kind: str, error: Any, name: str) -> tuple[str, str | None]:
    value = error.get("input")
    shown = repr(value) if not isinstance(value, dict | list) else "a list or mapping"
    ctx = error.get("ctx") or {}
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"`{name}` should be a whole number, not {shown}", None
    if kind.startswith("date") or (kind == "value_error" and "date" in str(ctx)):
        return (
            f"`{name}` should be a date written YYYY-MM-DD, not {shown}",
            "for example 2026-10-03",
        )
    if kind in ("bool_type", "bool_parsing"):
        return f"`{name}` should be true or false, not {shown}", None
    if kind == "literal_error":
        return (
            f"`{name}` cannot be {shown}; it must be one of {ctx.get('expected')}",
            did_you_mean(str(value), _expected(ctx)),
        )
    if kind == "string_pattern_mismatch":
        return (
            f"`{name}` {shown} is not a valid id",
            "ids use lower-case letters, digits and dashes, like `p-0001` or `pm-jrivera`",
        )
    if kind == "string_type":
        if isinstance(value, int | float):
            return f"`{name}` should be text, not the number {shown}", "put it in quotes"
        return f"`{name}` should be text, not {shown}", None
    if kind in ("tuple_type", "list_type"):
        return f"`{name}` should be a list like [a, b], not {shown}", None
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"`{name}` should be a set of `key: value` fields, not {shown}", None
    if kind == "too_short":
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
