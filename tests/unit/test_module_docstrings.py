"""Every module says what it is for in its docstring's first line: the README's layout map
is generated from those lines (`make cog`), so a module without one has no place in it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "notesite"
MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_package_folder_has_an_init() -> None:
    folders = {p.parent for p in MODULES}
    assert [f for f in folders if not (f / "__init__.py").exists()] == []


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_the_module_has_a_docstring_with_a_one_line_summary(path: Path) -> None:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc, f"{path.relative_to(PACKAGE)} has no docstring: say what the module is for"
    first = doc.splitlines()[0]
    assert first.endswith((".", "?")), f"{path.name}: the first line is not a whole sentence"


def test_summaries_tell_modules_apart() -> None:
    firsts = [ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) for p in MODULES]
    lines = [d.splitlines()[0] for d in firsts if d]
    assert len(set(lines)) == len(lines), "two modules share a summary"
