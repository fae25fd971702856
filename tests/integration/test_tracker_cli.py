"""`notesite tracker`: the Note Tracker as a plain-text table, grouped by PM."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from notesite.cli import main
from support import BASE_FILES, STAFF, TODAY, RepoFactory, note_text

STAFF_3 = BASE_FILES[STAFF] + "- id: pm-c\n  name: Chris Lee\n  role: pm\n"


def _pair(
    pid: str, pm: str, matched_on: str, status: str = "active", mentee: str = "Ana R."
) -> str:
    return (
        f"id: {pid}\nmentor: {{id: mr-{pid}, name: Lee Park}}\n"
        f"mentee: {{id: me-{pid}, name: {mentee}}}\nschool: Bay School\npm: {pm}\n"
        f"matched_on: {matched_on}\nstatus: {status}\n"
    )


def _note(pid: str, day: str, author: str, contact: str = "mentor") -> dict[str, str]:
    return {
        f"data/notes/{pid}/{day}-support.md": note_text(
            pair=pid, date=day, logged=day, author=author, contact=[contact]
        )
    }


FILES = {
    STAFF: STAFF_3,
    # p-0001 (base, pm-a): last support 2026-11-02, 20 days: watch
    "data/pairs/p-0002.yaml": _pair("p-0002", "pm-a", "2026-09-01"),  # no note, 82 days: stale
    "data/pairs/p-0003.yaml": _pair("p-0003", "pm-c", "2025-09-01"),  # 2 days: ok
    **_note("p-0003", "2026-11-20", "pm-c"),
    "data/pairs/p-0004.yaml": _pair("p-0004", "pm-c", "2025-09-01", mentee="Kim Vo"),
    **_note("p-0004", "2026-10-01", "pm-c", "pair"),  # 52 days: stale; `pair` reaches both
    "data/pairs/p-0005.yaml": _pair("p-0005", "pm-a", "2025-09-01", "paused"),  # inactive
}

# p-0001's only note is the base mentor call of 2026-11-02 (contact: mentor): 20 days since
# the mentor, none with the mentee.
EXPECTED = """\
Note Tracker, 2026-11-22: 2 stale, 1 watch
(watch: no support for more than 14 days; stale: more than 30 days)
(mentor days, mentee days: since a support note reached the mentor, the mentee)

Alex Park (pm-a): 1 stale, 1 watch
  pair    mentee   mentor      school              days  mentor days  mentee days  level  last note
  p-0002  Ana R.   Lee Park    Bay School            82         none         none  stale  none
  p-0001  Dana W.  Sam Okafor  Harbor High School    20           20         none  watch  2026-11-02

Chris Lee (pm-c): 1 stale, 0 watch
  pair    mentee   mentor      school              days  mentor days  mentee days  level  last note
  p-0004  Kim Vo   Lee Park    Bay School            52           52           52  stale  2026-10-01
"""


def run(root: Path, *args: str) -> Result:
    result = CliRunner().invoke(
        main, ["tracker", "--root", str(root), "--today", TODAY.isoformat(), *args]
    )
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


def test_active_pairs_at_watch_or_stale_by_pm_most_days_first(tmp_repo: RepoFactory) -> None:
    result = run(tmp_repo(FILES))
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED
    assert result.stderr == ""


def test_pm_option_shows_one_pm(tmp_repo: RepoFactory) -> None:
    result = run(tmp_repo(FILES), "--pm", "pm-c")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Note Tracker, 2026-11-22: 1 stale, 0 watch"
    assert "Chris Lee (pm-c): 1 stale, 0 watch" in lines
    assert not any("pm-a" in line or "p-0001" in line for line in lines)


def test_nothing_to_show_says_so(tmp_repo: RepoFactory) -> None:
    result = run(tmp_repo(FILES), "--pm", "pm-c", "--today", "2026-10-05")
    assert result.exit_code == 0
    assert result.stdout.endswith("\nNo active pair of pm-c is at watch or stale.\n")
    everyone = run(tmp_repo(), "--today", "2026-11-03")
    assert everyone.stdout.endswith("\nNo active pair is at watch or stale.\n")


@pytest.mark.parametrize(
    ("pm", "message"),
    [("pm-cc", "did you mean `pm-c`?"), ("zed", "the PMs are: pm-a, pm-c")],
    ids=["typo", "far-off"],
)
def test_unknown_pm_is_a_usage_error(tmp_repo: RepoFactory, pm: str, message: str) -> None:
    result = run(tmp_repo(FILES), "--pm", pm)
    assert result.exit_code == 2
    assert f"no PM `{pm}`" in result.output and message in result.output


def test_files_with_errors_are_flagged_on_stderr(tmp_repo: RepoFactory) -> None:
    broken = {"data/notes/p-0001/2026-11-10-support.md": "---\npair: [p-0001\n---\n"}
    result = run(tmp_repo(broken))
    assert result.exit_code == 0
    assert "p-0001" in result.stdout  # the unreadable note is left out: still at watch
    assert result.stderr.startswith("Note: the files have ")
    assert "may be left out" in result.stderr and "notesite validate" in result.stderr


def test_not_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    assert run(tmp_path).exit_code == 2
