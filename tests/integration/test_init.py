"""`notesite init`: a new program's repository that validates, builds and explains itself."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel

from notesite import __version__
from notesite.cli import main
from notesite.commands.init import resolve_source
from notesite.commands.schema import schemas
from notesite.load.files import Kind, SourceFile
from notesite.settings import Settings
from notesite.validate import check_repository, load_settings
from support import TODAY
from workflow_lint import lint_workflow, tool

PROJECT = Path(__file__).resolve().parents[2]
COMMIT = "3f1c0a9e2b7d4c5f8a6e1d0b9c8a7f6e5d4c3b2a"
SOURCE = "https://git.example.org/programs/notesite"
ZONE = "America/Chicago"


def _init(target: Path, *args: str) -> tuple[int, str]:
    defaults = ("--source", f"{SOURCE}@{COMMIT}", "--timezone", ZONE)
    result = CliRunner().invoke(
        main, ["init", str(target), "--today", TODAY.isoformat(), *defaults, *args]
    )
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
        "data/calendar/2026-27.yaml",
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


@pytest.mark.parametrize(
    "made_on", ["2026-09-01", "2026-09-05", "2026-12-20", "2026-12-27", "2027-06-30", "2027-08-31"]
)
def test_example_calendar_fits_the_example_weeks_on_any_day(tmp_path: Path, made_on: str) -> None:
    """The example calendar names the example participation weeks as class days and takes
    a day off that is a class day, whatever day `init` runs (early September included, when
    the first example weeks fall in the previous program year, which has no calendar)."""
    day = date.fromisoformat(made_on)
    result = CliRunner().invoke(
        main, ["init", str(tmp_path / "r"), "--today", made_on, "--source", f"{SOURCE}@{COMMIT}"]
    )
    assert result.exit_code == 0, result.output
    checked = check_repository(tmp_path / "r", day)
    assert checked.diagnostics == []
    [calendar] = checked.program.calendars
    assert calendar.schools["Harbor High School"].except_[0] not in {
        r.week for r in checked.program.participation
    }


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
    assert settings == Settings(timezone=ZONE)  # the one setting init fills in


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
    assert len(mapping) == 6
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
    assert triggers["schedule"]  # daily, so days since support stay current
    check, build = workflow["jobs"]["check"], workflow["jobs"]["build"]
    assert "pull_request" in check["if"] and "pull_request" in build["if"]
    check_runs = [s.get("run", "") for s in check["steps"]]
    assert 'notesite validate --format github --changed-since "$BASE"' in check_runs
    assert any(r.startswith("notesite review --format markdown") for r in check_runs)
    build_steps = build["steps"]
    assert "notesite build" in [s.get("run") for s in build_steps]
    upload = [s for s in build_steps if s.get("uses", "").startswith("actions/upload-artifact")]
    assert upload and upload[0]["with"]["path"] == "site/"
    assert upload[0]["with"]["retention-days"] <= 7


def test_pull_requests_read_the_build_cache_main_keeps_and_never_write_it(repo: Path) -> None:
    """`validate --changed-since` then reads again only the notes a pull request changed
    (docs/cache.md); only the build job, on main, writes the caches. The checks' cache holds
    only what `validate` reads (the lite shards and the YAML documents)."""
    jobs = _yaml(repo / ".github/workflows/notesite.yml")["jobs"]

    def steps(job: str) -> list[str]:
        """Each step's action (without its commit) or command."""
        return [s["uses"].split("@")[0] if "uses" in s else s["run"] for s in jobs[job]["steps"]]

    def cache(job: str) -> list[dict[str, str]]:
        return [s["with"] for s in jobs[job]["steps"] if "actions/cache" in s.get("uses", "")]

    check, build = steps("check"), steps("build")
    validate = 'notesite validate --format github --changed-since "$BASE"'
    assert [s for s in check if s.startswith("actions/cache")] == ["actions/cache/restore"]
    assert check.index("actions/cache/restore") < check.index(validate)
    saves = ["actions/cache/save", "actions/cache/save"]
    assert [s for s in build if s.startswith("actions/cache")] == ["actions/cache/restore", *saves]
    assert build.index("actions/cache/restore") < build.index("notesite build")
    assert build.index("notesite build") < build.index("actions/cache/save")
    restored, (whole, lite) = cache("build")[0], cache("build")[1:]
    assert restored["path"] == whole["path"] == ".notesite-cache"  # where build looks
    assert cache("check")[0]["path"] == lite["path"]
    assert lite["path"].split() == [
        ".notesite-cache/notes/*.lite.json",
        ".notesite-cache/yaml.json",
    ]
    for prefix, given in [("cache", restored), ("cache", whole), ("check", lite)]:
        assert given["key"].startswith(f"notesite-{prefix}-{__version__}-")
    assert restored["restore-keys"] == f"notesite-cache-{__version__}-"
    assert cache("check")[0]["restore-keys"] == f"notesite-check-{__version__}-"


def test_validate_reads_the_checks_part_of_a_build_cache_alone(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the workflow keeps for pull requests is enough for `validate` to check no note
    again, and it reports what it reports without a cache."""
    import notesite.validate as validate_module
    from notesite.build import build
    from notesite.validate import NoteCache

    whole, part = tmp_path / "cache", tmp_path / "part"
    assert build(repo, tmp_path / "site", TODAY, search=False, cache=NoteCache(whole)).ok
    (part / "notes").mkdir(parents=True)
    for lite in (whole / "notes").glob("*.lite.json"):
        shutil.copy(lite, part / "notes" / lite.name)
    shutil.copy(whole / "yaml.json", part / "yaml.json")
    checked_again: list[str] = []
    chunk = validate_module._chunk

    def counted(job, sources):  # type: ignore[no-untyped-def]
        checked_again.extend(s.rel for s in sources)
        return chunk(job, sources)

    monkeypatch.setattr(validate_module, "_chunk", counted)
    with_part = check_repository(repo, TODAY, cache=NoteCache(part))
    assert checked_again == []
    assert with_part.diagnostics == check_repository(repo, TODAY, cache=None).diagnostics
    assert checked_again  # without a cache every note is checked: the count sees them


@pytest.mark.parametrize("deploy", ["none", "github-pages", "cloudflare-pages"])
def test_workflow_is_locked_down(tmp_path: Path, deploy: str) -> None:
    """Least permissions, no stored credentials, time limits, one run per ref, and every
    job refuses to run before anything else unless the repository is private."""
    code, out = _init(tmp_path / "r", "--deploy", deploy)
    assert code == 0, out
    workflow = _yaml(tmp_path / "r/.github/workflows/notesite.yml")
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["group"]
    assert workflow["env"]["TZ"] == ZONE
    jobs = workflow["jobs"]
    assert ("deploy" in jobs) == (deploy != "none")
    for name, job in jobs.items():
        assert 0 < job["timeout-minutes"] <= 30, name
        assert "permissions" in job, name
        assert job["steps"][0]["name"] == "Refuse to run unless this repository is private"
        assert "visibility" in job["steps"][0]["run"]
        for step in job["steps"]:
            if "uses" in step:
                uses = step["uses"]
                assert re.fullmatch(r"[\w-]+/[\w-]+(/[\w-]+)?@[0-9a-f]{40}", uses), uses
            if step.get("uses", "").startswith("actions/checkout"):
                assert step["with"]["persist-credentials"] is False
    for job in (jobs["check"], jobs["build"]):
        assert job["permissions"] == {"contents": "read"}
        install = next(s for s in job["steps"] if s.get("id") == "install")["run"]
        assert "--require-hashes" in install and "$NOTESITE" in install
    assert workflow["env"]["NOTESITE"] == f"git+{SOURCE}@{COMMIT}"


@pytest.mark.parametrize("deploy", ["none", "github-pages", "cloudflare-pages"])
def test_workflow_passes_schema_actionlint_and_zizmor(tmp_path: Path, deploy: str) -> None:
    code, out = _init(tmp_path / "r", "--deploy", deploy)
    assert code == 0, out
    lint_workflow(tmp_path / "r/.github/workflows/notesite.yml", tmp_path / "r")
    dependabot = tmp_path / "r/.github/dependabot.yml"
    schema = [tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(dependabot)]
    done = subprocess.run(schema, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_requirements_are_the_lock_with_hashes(repo: Path) -> None:
    """What a notes repository installs is exactly what notesite is tested with."""
    locked = {
        p["name"]: p["version"]
        for p in tomllib.loads((PROJECT / "uv.lock").read_text())["package"]
        if "version" in p
    }
    text = (repo / "requirements.txt").read_text()
    pins = re.findall(r"^([a-z0-9][a-z0-9._-]*)==(\S+)", text, re.MULTILINE)
    assert {"pyyaml", "jinja2", "pydantic", "click", "markdown-it-py", "hatchling"} <= {
        n for n, _ in pins
    }
    for name, version in pins:
        assert locked[name] == version, name
    for block in re.split(r"\n(?=[a-z])", text.split("\n", 3)[3]):
        assert "--hash=sha256:" in block, block


def test_pre_commit_hook_is_frozen_at_the_commit(repo: Path) -> None:
    config = _yaml(repo / ".pre-commit-config.yaml")
    assert config["repos"][0]["repo"] == SOURCE
    assert config["repos"][0]["rev"] == COMMIT
    assert f"rev: {COMMIT}  # frozen: v" in (repo / ".pre-commit-config.yaml").read_text()


def test_dependabot_watches_actions_and_requirements(repo: Path) -> None:
    updates = _yaml(repo / ".github/dependabot.yml")["updates"]
    assert {u["package-ecosystem"] for u in updates} == {"github-actions", "pip"}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (f"{SOURCE}@{COMMIT}", (SOURCE, COMMIT)),
        (f"git@git.example.org:programs/notesite.git@{COMMIT}", None),
    ],
)
def test_source_with_a_commit_is_taken_as_given(given: str, expected: Any) -> None:
    source = resolve_source(given)
    assert source.commit == COMMIT
    if expected:
        assert (source.url, source.commit) == expected


def test_source_of_a_local_clone_pins_its_head(tmp_path: Path) -> None:
    clone = _clone(tmp_path)
    head = subprocess.run(
        ["git", "-C", str(clone), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    source = resolve_source(str(clone))
    assert (source.url, source.commit) == (clone.resolve().as_uri(), head)


def test_a_folder_that_is_not_a_clone_is_a_usage_error(tmp_path: Path) -> None:
    code, out = _init(tmp_path / "r", "--source", str(tmp_path))
    assert code == 2 and "is not a git clone" in out


def test_unknown_time_zone_is_a_usage_error_with_a_suggestion(tmp_path: Path) -> None:
    code, out = _init(tmp_path / "r", "--timezone", "Europe/Lodnon")
    assert code == 2 and "did you mean `Europe/London`?" in out
    assert not (tmp_path / "r").exists()


def _clone(tmp_path: Path) -> Path:
    """A clone of this project at its HEAD, as an organisation keeps notesite."""
    if not (PROJECT / ".git").exists():
        pytest.skip("needs notesite's own git repository")
    clone = tmp_path / "notesite-src"
    subprocess.run(["git", "clone", "-q", str(PROJECT), str(clone)], check=True)
    return clone


def test_repository_installs_pinned_notesite_and_builds(tmp_path: Path) -> None:
    """As the workflow does it, in a clean venv: hash-checked dependencies, then notesite
    from a clone at one commit, with no build backend fetched; then validate and build."""
    clone = _clone(tmp_path)
    repo = tmp_path / "program"
    result = CliRunner().invoke(
        main, ["init", str(repo), "--today", TODAY.isoformat(), "--source", str(clone)]
    )
    assert result.exit_code == 0, result.output
    notesite_source = _yaml(repo / ".github/workflows/notesite.yml")["env"]["NOTESITE"]
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "--require-hashes", "--no-deps", "-r", str(repo / "requirements.txt")], check=True
    )
    subprocess.run([*pip, "--no-deps", "--no-build-isolation", notesite_source], check=True)
    env = {**os.environ, "CI": "true"}
    env.pop("VIRTUAL_ENV", None)
    for command in (["validate"], ["build"]):
        done = subprocess.run(
            [str(venv / "bin" / "notesite"), *command, "--today", TODAY.isoformat()],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    assert (repo / "site/index.html").is_file()
    assert list((repo / "site/pagefind").glob("*"))  # search was built, not skipped


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


MONTHLY = "17 12 1 * *"


def test_workflow_writes_the_school_reports_monthly_as_a_private_artifact(repo: Path) -> None:
    workflow = _yaml(repo / ".github/workflows/notesite.yml")
    triggers = workflow[True]
    assert MONTHLY in [s["cron"] for s in triggers["schedule"]]
    assert triggers["workflow_dispatch"]["inputs"]["school-reports-month"]["required"] is False
    jobs = workflow["jobs"]
    reports = jobs["school-reports"]
    assert MONTHLY in reports["if"] and "workflow_dispatch" in reports["if"]
    assert MONTHLY in jobs["build"]["if"]  # the monthly run does not build the site again
    assert reports["permissions"] == {"contents": "read"}
    step = next(s for s in reports["steps"] if s.get("id") == "reports")
    assert 'notesite report schools --month "$MONTH" --out school-reports' in step["run"]
    upload = next(s for s in reports["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "school-reports/"
    assert upload["with"]["retention-days"] <= 14
    assert upload["with"]["if-no-files-found"] == "error"


def test_the_reports_step_asks_for_last_month_in_the_program_zone(
    repo: Path, tmp_path: Path
) -> None:
    """The step's own script, run with a stand-in `notesite` that prints its arguments."""
    workflow = _yaml(repo / ".github/workflows/notesite.yml")
    step = next(s for s in workflow["jobs"]["school-reports"]["steps"] if s.get("id") == "reports")
    fake = tmp_path / "bin" / "notesite"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\necho "notesite $*"\n')
    fake.chmod(0o755)
    for given in ("2026-10", ""):
        output = tmp_path / f"output{given}"
        env = {
            "PATH": f"{fake.parent}:{os.environ['PATH']}",
            "MONTH": given,
            "GITHUB_OUTPUT": str(output),
            "TZ": ZONE,
        }
        done = subprocess.run(
            ["bash", "-e", "-c", step["run"]], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        if given:
            month = given
        else:
            now = datetime.now(ZoneInfo(ZONE)).date()
            month = (now.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
        assert done.stdout == f"notesite report schools --month {month} --out school-reports\n"
        assert output.read_text() == f"month={month}\n"
