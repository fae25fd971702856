"""`notesite new focus PM`: a focus list from the tracker's suggestions that validates as
written, never overwrites, and asks for what is missing in a terminal. Today is 2026-11-22.

The repository: the base pair p-0001 (pm-a; its only note the mentor call of 2026-11-02, 20
days ago: watch) and p-0002 (pm-a, matched 2026-09-01, no note: stale, 82 days), with the
base focus list of 2026-11-16 removed, so pm-a is due a focus list (NS821)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from notesite.cli import main
from notesite.validate import check_repository
from support import BASE_FILES, BASE_FOCUS, PAIR, STAFF, TODAY, RepoFactory

P2 = "data/pairs/p-0002.yaml"
FILES = {
    BASE_FOCUS: None,
    P2: BASE_FILES[PAIR].replace("p-0001", "p-0002").replace("2025-09-15", "2026-09-01"),
}
TARGET = f"data/focus/pm-a/{TODAY}.yaml"


def run(root: Path, *args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(
        main,
        ["new", "focus", *args, "--root", str(root), "--today", TODAY.isoformat()],
        input=stdin,
    )


def test_writes_the_suggested_pairs_with_their_reasons(tmp_repo: RepoFactory) -> None:
    root = tmp_repo(FILES)
    assert [d.code for d in check_repository(root, TODAY).diagnostics] == ["NS821"]

    result = run(root, "pm-a", "--no-interactive")

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith(TARGET)
    data = yaml.safe_load((root / TARGET).read_text(encoding="utf-8"))
    stale = "stale: 82 days since the match (no support note yet), more than 30"
    watch = "watch: 20 days since the last support note, more than 14"
    assert data == {
        "staff": "pm-a",
        "date": TODAY,
        "pairs": [{"pair": "p-0002", "rationale": stale}, {"pair": "p-0001", "rationale": watch}],
    }
    assert "2 pairs (2 suggested): p-0002, p-0001." in result.stdout
    # It validates as written, and the PM is no longer due a focus list.
    assert check_repository(root, TODAY).diagnostics == []


def test_the_file_says_what_to_do_and_comments_stay_comments(tmp_repo: RepoFactory) -> None:
    # A name with a line break and a `#` cannot break out of the comment it is shown in.
    odd = FILES[P2].replace("name: Dana W.", 'name: "Dana\\n staff: pm-x # W."')
    root = tmp_repo({**FILES, P2: odd})

    assert run(root, "pm-a", "--no-interactive").exit_code == 0

    text = (root / TARGET).read_text(encoding="utf-8")
    assert text.startswith("# Focus list of Alex Park (pm-a) for the check-in of 22 Nov 2026,")
    assert "  - pair: p-0002   # Dana  staff: pm-x # W. & Sam Okafor\n" in text
    assert '    # goal: "what you will do, by when"\n' in text
    assert "# next_check_in: 2026-11-29" in text
    assert yaml.safe_load(text)["staff"] == "pm-a"
    assert check_repository(root, TODAY).diagnostics == []


def test_the_same_files_give_the_same_bytes(tmp_repo: RepoFactory) -> None:
    first, second = tmp_repo(FILES), tmp_repo(FILES)
    run(first, "pm-a", "--no-interactive")
    run(second, "pm-a", "--no-interactive")

    assert (first / TARGET).read_bytes() == (second / TARGET).read_bytes()


def test_a_pair_added_by_hand_and_a_date(tmp_repo: RepoFactory) -> None:
    # On 2026-11-03 the base call was yesterday and p-0002 is 63 days old: stale.
    root = tmp_repo(FILES)

    result = run(root, "pm-a", "--date", "2026-11-03", "--pair", "p-0001", "--no-interactive")

    assert result.exit_code == 0, result.output
    data = yaml.safe_load((root / "data/focus/pm-a/2026-11-03.yaml").read_text())
    assert [(e["pair"], e["rationale"]) for e in data["pairs"]] == [
        ("p-0002", "stale: 63 days since the match (no support note yet), more than 30"),
        ("p-0001", "chosen at the check-in; 1 day since the last support note"),
    ]
    assert "2 pairs (1 suggested)" in result.stdout


def test_nothing_to_suggest_and_nothing_named_writes_nothing(tmp_repo: RepoFactory) -> None:
    root = tmp_repo({BASE_FOCUS: None})

    result = run(root, "pm-a", "--date", "2026-11-05", "--no-interactive")

    assert result.exit_code == 2
    assert "no active pair of pm-a has a reason" in result.output and "--pair" in result.output
    assert list(root.glob("data/focus/**/*.yaml")) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pm-b"], "no PM `pm-b`; did you mean `pm-a`?"),
        (["dir-b"], "`dir-b` (Bea Diaz) is a director, not a PM"),
        (["pm-a", "--date", "2026-11-23"], "is in the future (today is 2026-11-22)"),
        (["pm-a", "--pair", "p-0009"], "no pair `p-0009`"),
        (["pm-a", "--date", "23-11-2026"], "is not a date written YYYY-MM-DD"),
        ([], "missing PM"),
    ],
    ids=["unknown-pm", "not-a-pm", "future", "unknown-pair", "bad-date", "no-pm"],
)
def test_usage_errors_write_nothing(tmp_repo: RepoFactory, args: list[str], message: str) -> None:
    root = tmp_repo(FILES)

    result = run(root, *args, "--no-interactive")

    assert result.exit_code == 2, result.output
    assert message in result.output
    assert list(root.glob("data/focus/**/*.yaml")) == []
    # The usage shown is the command's own, not the `new` group's (a group inside a group).
    assert "Usage: main new focus [OPTIONS] [PM]" in result.output


def test_an_existing_focus_list_is_never_overwritten(tmp_repo: RepoFactory) -> None:
    root = tmp_repo({**FILES, TARGET: "staff: pm-a\n# mine\n"})

    result = run(root, "pm-a", "--no-interactive")

    assert result.exit_code == 2
    assert f"{TARGET} already exists; edit it, or choose another --date" in result.output
    assert (root / TARGET).read_text() == "staff: pm-a\n# mine\n"


def test_a_symbolic_link_on_the_way_is_refused(tmp_repo: RepoFactory, tmp_path: Path) -> None:
    root = tmp_repo(FILES)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "data/focus/pm-a").rmdir()  # left empty by the removed base focus list
    os.symlink(elsewhere, root / "data/focus/pm-a", target_is_directory=True)

    result = run(root, "pm-a", "--no-interactive")

    assert result.exit_code == 1  # UnsafePath: the command could not do its work
    assert "is a symbolic link; notesite never writes through one" in result.output
    assert list(elsewhere.iterdir()) == []


def test_a_terminal_asks_for_the_pm_and_pairs_to_add(tmp_repo: RepoFactory) -> None:
    staff = BASE_FILES[STAFF] + "- id: pm-c\n  name: Chris Lee\n  role: pm\n"
    root = tmp_repo({**FILES, STAFF: staff})

    result = run(root, "--interactive", stdin="pm-x\npm-a\np-0001, p-0002\n")

    assert result.exit_code == 0, result.output
    assert "PM (pm-a, pm-c):" in result.output
    assert "`pm-x` is not a PM on the staff roster; did you mean" in result.output
    assert "Suggested for pm-a: p-0002, p-0001" in result.output
    pairs = yaml.safe_load((root / TARGET).read_text())["pairs"]
    assert [e["pair"] for e in pairs] == ["p-0002", "p-0001"]  # no pair twice


def test_files_with_errors_give_a_note(tmp_repo: RepoFactory) -> None:
    root = tmp_repo({**FILES, "data/pairs/p-0003.yaml": "id: p-0003\n"})

    result = run(root, "pm-a", "--no-interactive")

    assert result.exit_code == 0
    assert "a suggestion may be missing. Run `notesite validate`." in result.stderr
