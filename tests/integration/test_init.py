"""`notesite init`: a new program's repository that validates, builds and explains itself."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel

from notesite.cli import main
from notesite.load.files import Kind, SourceFile
from notesite.schema import schemas
from notesite.settings import Settings
from notesite.validate import check_repository, load_settings
from support import TODAY

PROJECT = Path(__file__).resolve().parents[2]


def _init(target: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["init", str(target), "--today", TODAY.isoformat(), *args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "program"
    code, out = _init(root)
    assert code == 0, out
    return root


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_prints_every_file_it_wrote(repo: Path) -> None:
    written = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file())
    assert "data/notes/p-0001/2026-11-15-support.md" in written
    assert {
        "notesite.yaml",
        "data/staff.yaml",
        "data/pairs/p-0001.yaml",
        "data/ratings/2026-27/pm-jrivera.yaml",
        "data/focus/pm-jrivera/2026-11-13.yaml",
        "data/participation/2026-27.csv",
        "schemas/note.schema.json",
        ".github/workflows/notesite.yml",
        ".pre-commit-config.yaml",
        ".vscode/settings.json",
        "README.md",
        ".gitignore",
    } <= set(written)
    _, out = _init(repo.parent / "again")
    assert out.splitlines()[: len(written)] == written


@pytest.mark.parametrize("later", [0, 200, 400], ids=["today", "months-later", "next-year"])
def test_examples_validate_with_no_diagnostics(repo: Path, later: int) -> None:
    checked = check_repository(repo, TODAY + timedelta(days=later))
    # Only the example focus list grows old: months later, the PM is due a new one (NS821).
    assert [d.code for d in checked.diagnostics] == (["NS821"] if later else [])
    program = checked.program
    assert {m.role for m in program.staff.values()} == {"pm", "director"}
    assert list(program.pairs) == ["p-0001"]
    assert [n.type for n in program.notes] == ["support"]
    assert len(program.ratings) == len(program.focus) == 1
    assert len(program.participation) == 3


def test_examples_build_a_site(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(
        main, ["build", "--root", str(repo), "--out", str(out), "--today", TODAY.isoformat()]
    )
    assert result.exit_code == 0, result.output
    for page in ("index.html", "pairs/p-0001.html", "staff/pm-jrivera.html", "rubric.html"):
        assert (out / page).is_file(), page
    pairs = json.loads((out / "api/pairs.json").read_text())["pairs"]
    assert [(p["id"], p["tracker"], p["notes"]) for p in pairs] == [("p-0001", "ok", 1)]


def test_settings_file_loads_to_exactly_the_defaults(repo: Path) -> None:
    source = SourceFile(Kind.SETTINGS, "notesite.yaml", ())
    settings, problems = load_settings(repo, source)
    assert problems == []
    assert settings == Settings()


def _field_names(model: type[BaseModel], *, empty: bool = False) -> set[str]:
    """Every setting's name as written in YAML, nested models included (tracker.
    watch_after_days → both). `empty`: instead, the names of the items of lists that are
    empty by default (`touch_points`), which the file can only show in a comment."""
    names = set()
    for name, field in model.model_fields.items():
        if not empty:
            names.add(field.alias or name)
        for arg in (field.annotation, *getattr(field.annotation, "__args__", ())):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                if field.default == ():
                    names |= _field_names(arg) if empty else set()
                else:
                    names |= _field_names(arg, empty=empty)
    return names


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return {str(k) for k in value} | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_settings_file_shows_every_setting(repo: Path) -> None:
    written = _keys(_yaml(repo / "notesite.yaml"))
    missing = _field_names(Settings) - written
    assert not missing, f"init's notesite.yaml does not show {sorted(missing)}"
    text = (repo / "notesite.yaml").read_text(encoding="utf-8")
    in_comments = {n for n in _field_names(Settings, empty=True) if f"{n}:" not in text}
    assert not in_comments, f"init's notesite.yaml shows no example of {sorted(in_comments)}"


def test_schemas_are_those_of_notesite_schema(repo: Path) -> None:
    for name, schema in schemas(Settings()).items():
        assert json.loads((repo / "schemas" / f"{name}.schema.json").read_text()) == schema


def test_editor_settings_map_each_schema_to_the_files_it_describes(repo: Path) -> None:
    mapping = json.loads((repo / ".vscode/settings.json").read_text())["yaml.schemas"]
    assert len(mapping) == 5
    for schema, pattern in mapping.items():
        assert (repo / schema).is_file(), schema
        assert list(repo.glob(pattern)), f"{pattern} matches no example file"
    extensions = json.loads((repo / ".vscode/extensions.json").read_text())
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]


def test_workflow_validates_pull_requests_and_builds_main(repo: Path) -> None:
    workflow = _yaml(repo / ".github/workflows/notesite.yml")
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    check, build = workflow["jobs"]["check"], workflow["jobs"]["build"]
    assert "pull_request" in check["if"] and "push" in build["if"]
    check_runs = [s.get("run", "") for s in check["steps"]]
    assert "pip install notesite" in check_runs
    assert "notesite validate --format github" in check_runs
    assert any(r.startswith("notesite review --format markdown") for r in check_runs)
    build_steps = build["steps"]
    assert "notesite build" in [s.get("run") for s in build_steps]
    upload = [s for s in build_steps if s.get("uses", "").startswith("actions/upload-artifact")]
    assert upload and upload[0]["with"]["path"] == "site/"


def test_pre_commit_config_uses_the_projects_hook(repo: Path) -> None:
    hooks = {h["id"] for h in _yaml(PROJECT / ".pre-commit-hooks.yaml")}
    config = _yaml(repo / ".pre-commit-config.yaml")
    used = {h["id"] for r in config["repos"] for h in r["hooks"]}
    assert used == {"notesite-validate"} <= hooks


def test_readme_tells_a_pm_how_to_add_a_note_and_gitignore_skips_the_site(repo: Path) -> None:
    readme = (repo / "README.md").read_text()
    for words in (
        "Add file → Create new file",
        "data/notes/<pair>/<date>-<type>.md",
        "new branch",
        "pull request",
        "Files changed",
        "notesite new note",
    ):
        assert words in readme
    assert "site/" in (repo / ".gitignore").read_text().splitlines()


def test_no_placeholder_is_left_unfilled(repo: Path) -> None:
    for path in repo.rglob("*"):
        if path.is_file():
            assert not re.search(r"@[A-Z][A-Z0-9_]*@", path.read_text(encoding="utf-8")), path


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    code, out = _init(tmp_path)
    assert code == 2
    assert "is not empty" in out and "notes.txt" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    code, out = _init(target)
    assert code == 2 and "is a file" in out


def test_accepts_an_empty_folder_or_a_fresh_clone(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert _init(tmp_path / "empty")[0] == 0
    (tmp_path / "clone" / ".git").mkdir(parents=True)
    code, out = _init(tmp_path / "clone")
    assert code == 0, out
    assert (tmp_path / "clone" / "notesite.yaml").is_file()


def test_readme_note_template_is_refused_unfilled_and_valid_filled(
    repo: Path, tmp_path: Path
) -> None:
    readme = (repo / "README.md").read_text()
    block = readme.split("```markdown\n", 1)[1].split("```", 1)[0]
    template = textwrap.dedent(block)
    assert "date: 2026-10-03" in template  # the file name below must match the template
    copy = tmp_path / "copy"
    shutil.copytree(repo, copy)
    note = copy / "data/notes/p-0001/2026-10-03-support.md"
    note.write_text(template)
    codes = [d.code for d in check_repository(copy, TODAY).diagnostics]
    assert codes == ["NS401"] * 3  # Data, Assessment, Plan: only reminders, no text
    note.write_text(re.sub(r"\[//\]: # \((.*)\)", r"\1", template))
    assert check_repository(copy, TODAY).diagnostics == []
