"""Shared steps of per-file validation: read, parse YAML with positions, check the model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from notesite.codes import CodeName
from notesite.diagnostics import Diagnostic, diag
from notesite.load import yamlcache
from notesite.load.files import SourceFile, read_text
from notesite.load.yamlpos import YamlDoc, YamlProblem
from notesite.validate.schema import check_model

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Located(Generic[M]):
    """A validated record with the file it came from and where each of its fields is."""

    item: M
    file: str
    doc: YamlDoc
    prefix: tuple[str | int, ...] = ()

    def line(self, *path: str | int) -> int | None:
        pos = self.doc.pos((*self.prefix, *path))
        return pos.line if pos else None

    def column(self, *path: str | int) -> int | None:
        pos = self.doc.pos((*self.prefix, *path))
        return pos.column if pos else None

    def at(
        self, name: CodeName, *path: str | int, message: str, hint: str | None = None
    ) -> Diagnostic:
        """A diagnostic pointing at the field `path` of this record."""
        return diag(
            name, self.file, self.line(*path), message, column=self.column(*path), hint=hint
        )


def yaml_problems(rel: str, problems: list[YamlProblem]) -> list[Diagnostic]:
    return [diag(p.kind, rel, p.line, p.message, column=p.column, hint=p.hint) for p in problems]


def parse_yaml_file(root: Path, source: SourceFile) -> tuple[YamlDoc | None, list[Diagnostic]]:
    text, problem = read_text(root, source)
    if text is None:
        return None, [problem] if problem else []
    doc, problems = yamlcache.parse(text)  # kept from the last build if the text is unchanged
    diagnostics = yaml_problems(source.rel, problems)
    if doc is not None and doc.data is None:
        diagnostics.append(
            diag(
                "empty-file",
                source.rel,
                None,
                "the file holds no fields",
                hint="fill it in or remove it",
            )
        )
        return None, diagnostics
    return doc, diagnostics


def load_record(
    root: Path, source: SourceFile, model: type[M], *, whole: CodeName = "invalid-value"
) -> tuple[Located[M] | None, list[Diagnostic]]:
    """Read one YAML file holding one record of `model` (`whole`: see `check_model`)."""
    doc, diagnostics = parse_yaml_file(root, source)
    if doc is None:
        return None, diagnostics
    item, problems = check_model(model, doc.data, doc, source.rel, whole=whole)
    diagnostics += problems
    return (Located(item, source.rel, doc) if item else None), diagnostics


def entry_docs(doc: YamlDoc) -> dict[Any, YamlDoc]:
    """A view of `doc` rooted at each of its top-level entries (for a list of records in one
    file), made in one pass: one view per entry, each made by scanning the whole document,
    made a 1 MiB roster of 30,000 entries take hours."""
    views: dict[Any, YamlDoc] = {}
    for table, name in ((doc.values, "values"), (doc.keys, "keys")):
        for path, pos in table.items():
            if path:
                view = views.setdefault(path[0], YamlDoc(data=None))
                getattr(view, name)[path[1:]] = pos
    return views
