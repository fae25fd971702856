"""`notesite reminders`: the Operations Coordinator's lists for one day, as text, CSV, JSON.

The program (dates hand-checked): Harbor High School holds its class on Tuesdays, none on
2026-11-24, so the week of Tuesday Nov 17 runs to Nov 30. On Friday Nov 20 (Nov 17 + 3):
- p-0001 (Sam Okafor) did Nov 10, nothing yet for Nov 17: email, not personalised;
- p-0002 (a mentor whose name starts like a spreadsheet formula) missed Nov 10: email,
  personalised;
- p-0004 missed Nov 3 and Nov 10: escalated from Nov 11 (no reminder), on pm-a's focus list
  of Nov 16, due by Nov 25;
- p-0003 is at Bay School, which has no calendar: no reminders, said so.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner, Result

from notesite.cli import main
from support import CALENDAR, CALENDAR_FILE, RepoFactory


def _pair(pid: str, mentor: str, school: str = "Harbor High School") -> str:
    return (
        f'id: {pid}\nmentor: {{id: mr-{pid[2:]}, name: "{mentor}"}}\n'
        f"mentee: {{id: me-{pid[2:]}, name: Kim V.}}\nschool: {school}\npm: pm-a\n"
        "matched_on: 2026-09-01\nstatus: active\n"
    )


FILES = {
    CALENDAR_FILE: CALENDAR,
    "data/pairs/p-0002.yaml": _pair("p-0002", "=Cmd Rivera"),
    "data/pairs/p-0003.yaml": _pair("p-0003", "Lee Park", "Bay School"),
    "data/pairs/p-0004.yaml": _pair("p-0004", "Ray Osei"),
    "data/participation/2026-27.csv": "pair,week,mentor,mentee\n"
    "p-0001,2026-11-10,done,done\n"
    "p-0002,2026-11-03,done,done\n"
    "p-0002,2026-11-10,missed,done\n"
    "p-0004,2026-11-03,missed,done\n"
    "p-0004,2026-11-10,missed,done\n",
    "data/focus/pm-a/2026-11-16.yaml": "staff: pm-a\ndate: 2026-11-16\npairs:\n"
    "  - pair: p-0004\n    rationale: Escalated by the coordinator\n",
}
TODAY_EPOCH = str(int(datetime(2026, 11, 22, 12, tzinfo=UTC).timestamp()))


def run(root: Path, *args: str) -> Result:
    return CliRunner(env={"SOURCE_DATE_EPOCH": TODAY_EPOCH}).invoke(
        main, ["reminders", "--root", str(root), *args]
    )


EXPECTED = """\
Reminders for Friday 20 Nov 2026: 2 emails, 0 texts, 1 open escalation

Emails (2): the class was 3 days ago and the mentor has not done its lesson
  pair    mentor                 mentee  school              class       status   personalised  PM
  p-0001  Sam Okafor (mr-0001)   Dana    Harbor High School  2026-11-17  pending  no            Alex Park
  p-0002  =Cmd Rivera (mr-0002)  Kim     Harbor High School  2026-11-17  pending  yes           Alex Park

Texts (0): the next class is tomorrow and the mentor has not done this week's lesson

Open escalations (1): no reminders; flag to the PM and the PM's manager, who add the pair to the next focus list
  pair    mentor              school              started     PM                manager   focus list
  p-0004  Ray Osei (mr-0004)  Harbor High School  2026-11-11  Alex Park (pm-a)  Bea Diaz  on the focus list of 16 Nov 2026

Ended this week (0): the mentor did a week's lesson; resume reminders

No reminders for Bay School (1 active pair): it has no class calendar for 2026-27 (data/calendar/).
"""  # noqa: E501


def test_text_lists_the_days_messages_and_escalations(tmp_repo: RepoFactory) -> None:
    result = run(tmp_repo(FILES), "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert result.output == EXPECTED


def test_text_on_the_day_before_the_next_class_across_the_day_off(
    tmp_repo: RepoFactory,
) -> None:
    result = run(tmp_repo(FILES), "--date", "2026-11-30", "--format", "json")
    texts = [
        (r["pair"], r["kind"], r["next_class"]) for r in json.loads(result.output)["reminders"]
    ]
    assert texts == [("p-0001", "text", "2026-12-01"), ("p-0002", "text", "2026-12-01")]
    assert run(tmp_repo(FILES), "--date", "2026-11-23", "--format", "json").exit_code == 0
    empty = json.loads(run(tmp_repo(FILES), "--date", "2026-11-23", "--format", "json").output)
    assert empty["reminders"] == []


def test_csv_is_one_row_per_message_for_a_mail_merge(tmp_repo: RepoFactory) -> None:
    result = run(tmp_repo(FILES), "--date", "2026-11-20", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["kind"], r["pair"], r["personalised"]) for r in rows] == [
        ("email", "p-0001", "no"),
        ("email", "p-0002", "yes"),
    ]
    first = rows[0]
    assert (first["mentor_first_name"], first["mentee_first_name"], first["send_on"]) == (
        "Sam",
        "Dana",
        "2026-11-20",
    )
    assert (first["class_date"], first["next_class"], first["pm_name"]) == (
        "2026-11-17",
        "2026-12-01",
        "Alex Park",
    )
    # a spreadsheet must show the name, not run it
    assert rows[1]["mentor_name"] == "'=Cmd Rivera" and rows[1]["mentor_first_name"] == "'=Cmd"


def test_json_keys_sorted_with_the_escalation_and_its_focus_list(tmp_repo: RepoFactory) -> None:
    result = run(tmp_repo(FILES), "--date", "2026-11-20", "--format", "json")
    payload = json.loads(result.output)
    assert result.output == json.dumps(payload, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    assert payload["date"] == "2026-11-20"
    [e] = payload["escalations"]
    assert (e["pair"], e["start"], e["on_focus_list"], e["focus_list"], e["focus_due"]) == (
        "p-0004",
        "2026-11-11",
        True,
        "2026-11-16",
        "2026-11-25",
    )
    assert (e["pm"], e["manager"], e["end"]) == ("pm-a", "dir-b", None)


def test_the_day_defaults_to_today(tmp_repo: RepoFactory) -> None:
    result = run(tmp_repo(FILES), "--format", "json")
    assert json.loads(result.output)["date"] == "2026-11-22"


def test_a_date_that_is_not_a_date_is_a_usage_error(tmp_repo: RepoFactory) -> None:
    result = run(tmp_repo(FILES), "--date", "2026-11-31")
    assert result.exit_code == 2 and "--date" in result.output


def test_errors_in_the_files_are_noted_but_the_lists_still_come(tmp_repo: RepoFactory) -> None:
    broken = {**FILES, "data/pairs/p-0005.yaml": "id: p-0005\nmentor: [\n"}
    result = CliRunner(env={"SOURCE_DATE_EPOCH": TODAY_EPOCH}).invoke(
        main, ["reminders", "--root", str(tmp_repo(broken)), "--date", "2026-11-20"]
    )
    assert result.exit_code == 0
    assert "2 emails" in result.stdout
    assert "Note: the files have 1 error" in result.stderr
