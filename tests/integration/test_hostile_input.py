"""Input that is valid, or nearly, but hostile: it must end in a clear message or safe output.

A million-row export, school names without letters, dates at the ends of the calendar,
escape sequences in file names and values, a notesite.yaml that is not a file.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from notesite import diagnostics
from notesite.cli import main
from notesite.derive.facts import derive
from notesite.render import render_site
from notesite.render.pages import pair_filters
from notesite.text import school_key
from notesite.validate import check_repository
from support import BASE_FILES, NOTE, PAIR, STAFF, TODAY, RepoFactory, note_text

CSV = "data/participation/2025-26.csv"


def cli(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), env=env)
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


# --- Repeated problems ---------------------------------------------------------------------


def _unknown_rows(n: int) -> str:
    rows = "".join(f"p-{9_000_000 + i},2026-10-05,done,missed\n" for i in range(n))
    return "pair,week,mentor,mentee\n" + rows


def test_a_flood_of_bad_rows_builds_few_diagnostics(
    tmp_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_repo({CSV: _unknown_rows(50_000) + "p-0001,2025-09-01,done,done\n" * 30})
    made = 0
    real = diagnostics.Diagnostic.__init__

    def counting(self: diagnostics.Diagnostic, *args: object, **kwargs: object) -> None:
        nonlocal made
        made += 1
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(diagnostics.Diagnostic, "__init__", counting)
    checked = check_repository(root, TODAY)
    assert made < 200  # not one per row
    assert (checked.errors, checked.warnings) == (50_000 + 29, 1)  # 29 duplicates, 1 outside
    by_code: dict[str, list[diagnostics.Diagnostic]] = {}
    for d in checked.diagnostics:
        by_code.setdefault(d.code, []).append(d)
    assert len(by_code["NS300"]) == 21 and by_code["NS300"][-1].omitted == 49_980
    assert len(by_code["NS602"]) == 21 and by_code["NS602"][-1].omitted == 9
    assert checked.program.participation == tuple(
        r for r in checked.program.participation if r.pair == "p-0001"
    )  # rows of pairs that do not exist are not kept


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_every_format_caps_and_counts_honestly(tmp_repo: RepoFactory, fmt: str) -> None:
    root = tmp_repo({CSV: _unknown_rows(500)})
    result = cli("validate", "--root", str(root), "--today", "2026-11-22", "--format", fmt)
    assert result.exit_code == 1
    if fmt == "json":
        payload = json.loads(result.stdout)
        assert payload["errors"] == 500 and len(payload["diagnostics"]) == 20
        assert payload["omitted"] == [
            {"file": CSV, "code": "NS300", "severity": "error", "count": 480}
        ]
        return
    lines = result.stdout.splitlines()
    shown = 20 if fmt == "text" else 21  # github: the summary is an annotation too
    assert sum(1 for line in lines if ": error NS300:" in line or "::error " in line) == shown
    assert any(line.endswith(f"and 480 more like this (NS300) in {CSV}") for line in lines)
    assert lines[-1] in ("500 errors, 0 warnings in 1 file.", "notesite: 500 errors, 0 warnings.")


# --- School names ----------------------------------------------------------------------------

SCHOOLS = {
    "p-0001": "!!!",
    "p-0002": "???",
    "p-0003": "東京高校",
    "p-0004": "Harbor High",
    "p-0005": "harbor-high",
    "p-0006": "123",
    "p-0007": "🙂",
    "p-0008": "Bay School",
}


def _pairs() -> dict[str, str]:
    base = BASE_FILES[PAIR]
    return {
        f"data/pairs/{pid}.yaml": base.replace("p-0001", pid).replace(
            "school: Harbor High School", f"school: {json.dumps(school, ensure_ascii=False)}"
        )
        for pid, school in SCHOOLS.items()
    }


def _rows(page: str) -> dict[str, str]:
    """pair id -> the row's data-school, from the pairs table."""
    found = re.findall(r'data-school="([^"]*)"[^>]*>\s*<th scope="row"><a href="[^"]*(p-\d+)', page)
    return {pid: key for key, pid in found}


def test_school_filters_are_never_empty_and_never_hide_other_schools(
    tmp_repo: RepoFactory,
) -> None:
    root = tmp_repo(_pairs())
    checked = check_repository(root, TODAY, render=True)
    assert checked.errors == 0, checked.diagnostics
    facts = derive(checked.program, TODAY)
    values = dict(pair_filters(facts)["school"])
    assert "" not in values and all(values)  # "" is every filter's "All"
    # !!!, ??? and 🙂 have no letter or digit: each gets a value of its own.
    assert len({school_key("!!!"), school_key("???"), school_key("🙂")}) == 3
    assert school_key("東京高校") == "東京高校" and school_key("123") == "123"
    # Two spellings of one school share a filter, labelled with both.
    assert values["harbor-high"] == "Harbor High / harbor-high"
    assert len(values) == 7
    files = render_site(facts, jobs=1, search=False)
    assert _rows(files["pairs/index.html"].decode()) == {
        pid: school_key(school) for pid, school in SCHOOLS.items()
    }
    css = files["assets/filters.css"].decode()
    assert 'data-school=""' not in css  # no rule keyed on "", the value of "All"
    for key in values:
        assert f'[value="{key}"]:checked) tbody tr:not([data-school="{key}"])' in css


# --- Dates at the ends of the calendar --------------------------------------------------------


@pytest.mark.parametrize("today", ["0001-01-01", "0999-12-31", "1899-12-31", "9999-12-31"])
@pytest.mark.parametrize("command", ["validate", "build", "tracker", "handoff"])
def test_an_extreme_today_is_a_usage_error(
    tmp_repo: RepoFactory, today: str, command: str, tmp_path: Path
) -> None:
    args = [command, "pm-a"] if command == "handoff" else [command]
    result = cli(*args, "--root", str(tmp_repo()), "--today", today)
    assert result.exit_code == 2
    assert "--today" in result.output and "1900 to 9998" in result.output


@pytest.mark.parametrize("today", ["1900-01-01", "9998-12-31"])
def test_the_first_and_last_days_work(tmp_repo: RepoFactory, today: str, tmp_path: Path) -> None:
    root = tmp_repo()
    for args in (
        ["validate"],
        ["tracker"],
        ["build", "--out", str(tmp_path / "site"), "--no-search"],
    ):
        result = cli(*args, "--root", str(root), "--today", today)
        assert result.exit_code in (0, 1), result.output  # 1900: every date is in the future


def test_source_date_epoch_far_away_is_a_usage_error(tmp_repo: RepoFactory) -> None:
    result = cli("validate", "--root", str(tmp_repo()), env={"SOURCE_DATE_EPOCH": "253402300800"})
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH" in result.output


@pytest.mark.parametrize(
    ("rel", "text", "field"),
    [
        (NOTE, note_text(date="0999-10-03", logged="2026-10-05"), "date"),
        (PAIR, BASE_FILES[PAIR].replace("2025-09-15", "0001-01-01"), "matched_on"),
        (PAIR, BASE_FILES[PAIR] + "closed_on: 9999-12-31\n", "closed_on"),
        ("data/ratings/9999-00/pm-a.yaml", "staff: pm-a\n", None),
        (
            NOTE,
            note_text(type="summary", program_year="9999-00", tags=["relationship"]),
            "program_year",
        ),
    ],
)
def test_a_year_out_of_range_is_a_validation_error_not_a_crash(
    tmp_repo: RepoFactory, rel: str, text: str, field: str | None, tmp_path: Path
) -> None:
    root = tmp_repo({rel: text})
    checked = check_repository(root, TODAY)
    assert checked.errors, "accepted"
    said = " ".join(f"{d.message} {d.hint}" for d in checked.diagnostics if d.file == rel)
    assert "1900 to 9998" in said or "program year" in said, said
    if field:
        assert f"`{field}`" in said
    build = cli("build", "--root", str(root), "--out", str(tmp_path / "s"), "--today", "2026-11-22")
    assert build.exit_code == 1 and "Build refused" in build.output


# --- Escape sequences and forged lines -----------------------------------------------------


def _forging_repo(tmp_repo: RepoFactory) -> Path:
    staff = BASE_FILES[STAFF].replace(
        "name: Alex Park", 'name: "\\e[2J\\e[HAlex\\nNo problems found."'
    )
    pair = BASE_FILES[PAIR].replace(
        "school: Harbor High School", 'school: "Harbor\\n::add-mask::secret\\u202e"'
    )
    note = note_text(tags=["x\nNo problems found.\n::warning file=a::forged"])
    return tmp_repo(
        {
            STAFF: staff,
            PAIR: pair,
            NOTE: note,
            "data/notes/p-0001/\x1b[2J\x1b]0;owned\x07.md": "x",
            "data/notes/p-0001/2026-10-04-support.md": note_text(date="2026-10-04").replace(
                "## Data\n", "## Data\x0bNo problems found.\n"
            ),
        }
    )


def _assert_safe(output: str, *, commands: bool = False) -> None:
    assert not re.search(
        "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]", output
    )
    for line in output.splitlines():
        assert line != "No problems found."
        if commands:
            assert line.startswith(("::error ", "::warning ", "notesite: ")), line
        else:
            assert not line.lstrip().startswith("::") and "##[" not in line, line


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_validate_prints_nothing_a_file_could_use(tmp_repo: RepoFactory, fmt: str) -> None:
    root = _forging_repo(tmp_repo)
    result = cli("validate", "--root", str(root), "--today", "2026-11-22", "--format", fmt)
    assert result.exit_code == 1
    _assert_safe(result.stdout, commands=fmt == "github")
    assert "data/notes/p-0001/??.md" in result.stdout  # the file is still named, findably


def test_json_keeps_the_real_text_escaped(tmp_repo: RepoFactory) -> None:
    root = _forging_repo(tmp_repo)
    out = cli("validate", "--root", str(root), "--today", "2026-11-22", "--format", "json").stdout
    _assert_safe(out)
    files = {d["file"] for d in json.loads(out)["diagnostics"]}
    assert "data/notes/p-0001/\x1b[2J\x1b]0;owned\x07.md" in files


def test_tracker_prints_nothing_a_file_could_use(tmp_repo: RepoFactory) -> None:
    root = _forging_repo(tmp_repo)
    result = cli("tracker", "--root", str(root), "--today", "2027-06-01")
    _assert_safe(result.stdout)
    _assert_safe(result.stderr)
    assert "?Alex\\nNo problems found. (pm-a)" in result.stdout  # still readable
    assert "Harbor\\n::add-mask::secret" in result.stdout  # inside a line: inert


def test_error_messages_quoting_files_or_arguments_are_safe(tmp_repo: RepoFactory) -> None:
    staff = BASE_FILES[STAFF].replace("name: Bea Diaz", 'name: "Bea\\e[2J\\n::add-mask::x"')
    root = tmp_repo({STAFF: staff})
    handoff = cli("handoff", "dir-b", "--root", str(root), "--today", "2026-11-22")
    assert handoff.exit_code == 2 and "is a director, not a PM" in handoff.output
    _assert_safe(handoff.output)
    typed = cli("tracker", "--pm", "pm\x1b[2J\n::add-mask::x", "--root", str(root))
    assert typed.exit_code == 2
    _assert_safe(typed.output)


# --- notesite.yaml that is not a file --------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "folder", "symlink", "dangling", "unreadable"])
def test_a_settings_file_that_cannot_be_read_is_an_error_naming_it(
    tmp_repo: RepoFactory, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_repo()
    target = root / "notesite.yaml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    elif kind in ("symlink", "dangling"):
        (root / "elsewhere.yaml").write_text("program: Elsewhere\n")
        target.symlink_to(root / ("elsewhere.yaml" if kind == "symlink" else "missing.yaml"))
    else:
        target.write_text("program: Harbor\n")
        real_open = os.open

        def refuse(path: object, *args: object, **kwargs: object) -> int:
            if str(path).endswith("notesite.yaml"):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", refuse)
    checked = check_repository(root, TODAY)
    assert [(d.file, d.code) for d in checked.diagnostics] == [
        ("notesite.yaml", "NS108" if kind in ("symlink", "dangling") else "NS100")
    ]
    result = cli("schema", "--root", str(root), "--out", str(root / "schemas"))
    assert result.exit_code == 1 and "notesite.yaml" in result.output


def test_a_settings_pipe_never_hangs_a_command(tmp_repo: RepoFactory) -> None:
    root = tmp_repo()
    os.mkfifo(root / "notesite.yaml")
    for args in (["validate"], ["new", "note", "p-0001", "--type", "support"], ["schema"]):
        done = subprocess.run(
            [sys.executable, "-m", "notesite", *args, "--root", str(root), "--today", "2026-11-22"]
            if args[0] != "schema"
            else [
                sys.executable,
                "-m",
                "notesite",
                *args,
                "--root",
                str(root),
                "--out",
                str(root / "s"),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert "notesite.yaml" in done.stdout + done.stderr, (args, done.stdout, done.stderr)
