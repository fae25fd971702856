"""What a release needs: one version, the licence, type information, templates and the
init files in the wheel, and workflows of the project's own that pass the linters."""

from __future__ import annotations

import subprocess
import zipfile
from email.parser import Parser

import pytest

import notesite
from workflow_lint import PROJECT, lint_workflow, tool


@pytest.mark.parametrize("name", ["ci.yml", "release.yml"])
def test_project_workflows_pass_the_linters(name: str) -> None:
    lint_workflow(PROJECT / ".github/workflows" / name, PROJECT)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [tool("uv"), "build", "--quiet", "--wheel", "--no-sources", "--out-dir", str(out)],
        cwd=PROJECT,
        check=True,
    )
    (built,) = out.glob("notesite-*.whl")
    return zipfile.ZipFile(built)


def test_wheel_metadata_has_one_version_the_licence_and_urls(wheel: zipfile.ZipFile) -> None:
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    meta = Parser().parsestr(wheel.read(name).decode())
    assert meta["Version"] == notesite.__version__
    assert meta["License-Expression"] == "MIT"
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL") or [])
    assert {"Homepage", "Documentation", "Changelog", "Issues"} <= set(urls)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in wheel.namelist())


def test_wheel_carries_types_templates_and_init_files(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "notesite/py.typed" in names
    assert "notesite/init_files/requirements.txt" in names
    assert any(n.startswith("notesite/") and n.endswith("templates/base.html") for n in names)


def test_changelog_has_a_section_for_this_version() -> None:
    text = (PROJECT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## Unreleased" in text or f"## {notesite.__version__} " in text
    assert "\n## 0.1.0 — " in text  # released versions are dated sections
