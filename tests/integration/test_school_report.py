"""`notesite report schools`: one printable page and one CSV per partner school, and the
leak test: nothing a school must not see is in any byte written.

The program (rates worked out by hand): Harbor High School holds its class on Tuesdays, none
on 2026-11-24, so November 2026 had classes on Nov 3, 10 and 17 (as of Nov 30).
- p-0001 (Dana W., grade 10; mentor Sam Okafor). October: mentor done, done, missed,
  excused; mentee done every week. November: Nov 3 done/done, Nov 10 mentor missed, mentee
  done, Nov 17 not recorded. Mentor: 1 of 2 = 50% (October 2 of 3 = 67%: -17 points);
  mentee: 2 of 2 = 100% (October 100%: no change).
- p-0002 (Ana R., no grade; mentor Lee Park), matched Nov 9: Nov 10 done/done, Nov 17
  missed/missed. Mentor and mentee 50%; no October, so no change.
- The school: mentor 2 of 4 = 50% (October 67%: -17), mentee 3 of 4 = 75% (October 100%:
  -25). A paused pair is left out; Otherside Academy gets its own report.
"""

from __future__ import annotations

import base64
import csv
import functools
import hashlib
import html
import io
import re
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from notesite.cli import main
from support import BASE_NOTE, CALENDAR, CALENDAR_FILE, RepoFactory, note_text

OTHERSIDE_CLASSES = """\
  Otherside Academy:
    weekly: thursday
    from: 2026-09-17
    to: 2027-06-10
"""


def _pair(
    pid: str,
    mentor: str,
    mentee: str,
    school: str,
    matched: str,
    status: str = "active",
    **extra: str,
) -> str:
    more = "".join(f"{k}: {v}\n" for k, v in extra.items())
    return (
        f'id: {pid}\nmentor: {{id: mr-{pid[2:]}, name: "{mentor}"}}\n'
        f'mentee: {{id: me-{pid[2:]}, name: "{mentee}"}}\nschool: {school}\npm: pm-a\n'
        f"matched_on: {matched}\nstatus: {status}\n{more}"
    )


HARBOR, OTHERSIDE = "Harbor High School", "Otherside Academy"


FILES = {
    CALENDAR_FILE: CALENDAR + OTHERSIDE_CLASSES,
    "data/pairs/p-0002.yaml": _pair("p-0002", "Lee Park", "Ana R.", HARBOR, "2026-11-09"),
    "data/pairs/p-0003.yaml": _pair("p-0003", "Ola Brandt", "Mo T.", OTHERSIDE, "2026-09-01"),
    "data/pairs/p-0005.yaml": _pair(
        "p-0005", "Ivo Paused", "Pia Q.", "Harbor High School", "2026-09-01", status="paused"
    ),
    "data/participation/2026-27.csv": "pair,week,mentor,mentee\n"
    "p-0001,2026-10-06,done,done\n"
    "p-0001,2026-10-13,done,done\n"
    "p-0001,2026-10-20,missed,done\n"
    "p-0001,2026-10-27,excused,done\n"
    "p-0001,2026-11-03,done,done\n"
    "p-0001,2026-11-10,missed,done\n"
    "p-0002,2026-11-10,done,done\n"
    "p-0002,2026-11-17,missed,missed\n"
    "p-0003,2026-11-05,done,done\n"
    "p-0005,2026-11-03,done,done\n",
}  # fmt: skip


def run(root: Path, out: Path, *args: str, month: str = "2026-11") -> Result:
    return CliRunner().invoke(
        main,
        ["report", "schools", "--root", str(root), "--month", month, "--out", str(out),
         "--today", "2026-11-30", *args],
    )  # fmt: skip


@pytest.fixture
def reports(tmp_repo: RepoFactory, tmp_path: Path) -> Path:
    out = tmp_path / "reports"
    result = run(tmp_repo(FILES), out)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        str(out / name)
        for name in (
            "harbor-high-school-2026-11.csv",
            "harbor-high-school-2026-11.html",
            "otherside-academy-2026-11.csv",
            "otherside-academy-2026-11.html",
        )
    ]
    return out


def test_csv_has_each_pairs_weeks_rates_and_change(reports: Path) -> None:
    rows = list(
        csv.DictReader(io.StringIO((reports / "harbor-high-school-2026-11.csv").read_text()))
    )
    assert [r["mentee"] for r in rows] == ["Ana R.", "Dana W.", "all pairs"]
    ana, dana, school = rows
    assert (dana["grade"], dana["mentor_first_name"]) == ("10", "Sam")
    assert [dana[f"2026-11-{d} {w}"] for d in ("03", "10", "17") for w in ("mentee", "mentor")] == [
        "done", "done", "done", "missed", "not recorded", "not recorded",
    ]  # fmt: skip
    assert (ana["2026-11-03 mentor"], ana["grade"]) == ("not matched", "")
    mentor = ("mentor_rate", "mentor_rate_previous_month", "mentor_change_points")
    assert [dana[k] for k in mentor] == ["0.50", "0.67", "-17"]
    assert (dana["mentee_rate"], dana["mentee_change_points"]) == ("1.00", "0")
    assert [ana[k] for k in mentor] == ["0.50", "", ""]
    assert (school["mentor_rate"], school["mentor_change_points"]) == ("0.50", "-17")
    assert (school["mentee_rate"], school["mentee_rate_previous_month"]) == ("0.75", "1.00")
    assert school["mentee_change_points"] == "-25"
    assert "Pia Q." not in (reports / "harbor-high-school-2026-11.csv").read_text()  # paused


def test_page_shows_the_figures_chart_and_weeks(reports: Path) -> None:
    page = (reports / "harbor-high-school-2026-11.html").read_text()
    assert "<h1>Harbor High School: mentoring participation, November 2026</h1>" in page
    assert "Classes held: 3 Nov, 10 Nov, 17 Nov; no class on 24 Nov." in page
    figures = re.sub(r"<[^>]+>", " ", page.split('<dl class="figures">')[1].split("</dl>")[0])
    expected = (
        "Active pairs 2 Classes held 3 Mentee completion 75% October 2026: 100% (−25 points) "
        "Mentor completion 50% October 2026: 67% (−17 points)"
    )
    assert " ".join(figures.split()) == expected
    assert page.count('<tbody class="pair">') == 2 and "Mentor (Sam)" in page
    chart = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    # October's 4 classes and November's 3, each with two labelled bars
    assert chart.count("% of weeks done") == 1 and chart.count("Nov</text>") == 3
    assert "17 Nov: mentees 0%, mentors 0%" in chart  # the text alternative
    assert 'fill="url(#school-chart-hatch)"' in chart and 'fill="#000"' in chart


def test_page_is_standalone_with_a_strict_policy(reports: Path) -> None:
    page = (reports / "harbor-high-school-2026-11.html").read_text()
    css = page.split("<style>", 1)[1].split("</style>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert (
        "content=\"default-src 'none'; style-src 'sha256-" + digest + "'; img-src 'none'; "
        "base-uri 'none'; form-action 'none'\"" in page
    )
    assert "<script" not in page and "<link" not in page and " style=" not in page
    assert re.findall(r"https?://[^\s\"'<>]+", page) == ["http://www.w3.org/2000/svg"]  # a name


def test_same_files_same_bytes(tmp_repo: RepoFactory, tmp_path: Path, reports: Path) -> None:
    again = tmp_path / "again"
    assert run(tmp_repo(FILES), again).exit_code == 0
    for path in reports.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize(
    ("month", "words"),
    [("2026-13", "is not a month"), ("Nov 2026", "is not a month"), ("2026-12", "not started yet")],
)
def test_a_wrong_month_is_a_usage_error(
    tmp_repo: RepoFactory, tmp_path: Path, month: str, words: str
) -> None:
    result = run(tmp_repo(FILES), tmp_path / "out", month=month)
    assert result.exit_code == 2 and words in result.output and "--month" in result.output
    assert not (tmp_path / "out").exists()


def test_files_with_errors_write_nothing(tmp_repo: RepoFactory, tmp_path: Path) -> None:
    result = run(tmp_repo({**FILES, "data/pairs/p-0009.yaml": "id: p-0009\n"}), tmp_path / "out")
    assert result.exit_code == 1 and "Reports refused" in result.output
    assert not (tmp_path / "out").exists()


def test_refuses_to_write_inside_data_or_through_a_link(
    tmp_repo: RepoFactory, tmp_path: Path
) -> None:
    root = tmp_repo(FILES)
    inside = run(root, root / "data" / "reports")
    assert inside.exit_code == 2 and "inside the notes repository's data/ folder" in inside.output
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    (out / "harbor-high-school-2026-11.csv").symlink_to(victim)
    linked = run(root, out)
    assert linked.exit_code == 1 and "symbolic link" in linked.output  # as for every write
    assert victim.read_text() == "mine\n"
    assert sorted(p.name for p in out.iterdir()) == ["harbor-high-school-2026-11.csv"]


# --- The leak test ----------------------------------------------------------------------------

SECRET = "Zq"  # every planted string starts so, and nothing notesite writes does


def planted(label: str) -> str:
    return f"{SECRET}{label}Secret"


LEAK_STAFF = f"""\
- id: pm-a
  name: "Alex {planted("PmSurname")}"
  role: pm
  manager: dir-b
- id: dir-b
  name: "Bea {planted("DirectorSurname")}"
  role: director
"""


def _leak_note(pair: str, day: str, kind: str, extra: dict[str, object] | None = None) -> str:
    body = (
        f"## Data\n{planted(f'Data{pair}{kind}')} & <b>{planted(f'Tag{pair}')}</b>\n\n"
        f'## Assessment\n{planted(f"Assessment{pair}{kind}")} "quoted"\n\n'
        f"## Plan\n{planted(f'Plan{pair}{kind}')}\n"
    )
    fields = {"pair": pair, "date": day, "logged": day, "type": kind, **(extra or {})}
    return note_text(body, **fields)


def leak_files() -> dict[str, str | None]:
    safety = {
        "severity": "major",
        "escalated_to": ["dir-b"],
        "escalated_on": "2026-11-05",
        "tags": ["risky-behavior"],
    }
    files: dict[str, str | None] = {
        **FILES,
        "data/staff.yaml": LEAK_STAFF,
        BASE_NOTE: None,
        # this school: mentor surnames must not appear; the mentee's name may
        "data/pairs/p-0001.yaml": _pair(
            "p-0001", f"Sam {planted('MentorSurnameA')}", "Dana W.", "Harbor High School",
            "2025-09-15",
        ),
        "data/pairs/p-0002.yaml": _pair(
            "p-0002", f"Lee {planted('MentorSurnameB')}", "Ana R.", "Harbor High School",
            "2026-11-09",
        ),
        # other schools: nothing at all
        "data/pairs/p-0003.yaml": _pair(
            "p-0003", planted("OtherMentor"), planted("OtherMentee"), "Otherside Academy",
            "2026-09-01",
        ),
        # a closed pair of this school, with a closure reason
        "data/pairs/p-0006.yaml": _pair(
            "p-0006", f"Cy {planted('ClosedMentor')}", planted("ClosedMentee"),
            "Harbor High School", "2026-09-01", status="closed", closed_on="2026-10-01",
            closure_reason=f'"{planted("ClosureReason")}"',
        ),
        "data/focus/pm-a/2026-11-16.yaml": "staff: pm-a\ndate: 2026-11-16\npairs:\n"
        f'  - pair: p-0001\n    rationale: "{planted("FocusRationale")}"\n'
        f'    goal: "{planted("FocusGoal")}"\n',
        "data/ratings/2025-26/pm-a.yaml": "staff: pm-a\nrater: dir-b\nprogram_year: 2025-26\n"
        "rated_on: 2026-04-20\nratings: {focus-list: 2, reactive-support: 3, coaching: 2,"
        f' use-of-information: 2}}\ncomments: "{planted("RatingComment")}"\n',
    }  # fmt: skip
    for pair in ("p-0001", "p-0002", "p-0003"):
        day = "2026-11-12" if pair != "p-0003" else "2026-11-13"
        files[f"data/notes/{pair}/{day}-support.md"] = _leak_note(pair, day, "support")
        files[f"data/notes/{pair}/2026-11-20-safety.md"] = _leak_note(
            pair, "2026-11-20", "safety", {**safety, "escalated_on": "2026-11-20"}
        )
        files[f"data/notes/{pair}/2026-11-21-mentor-call.md"] = _leak_note(
            pair, "2026-11-21", "mentor-call"
        )
    return files


def forms(text: str) -> set[str]:
    """The ways a string could appear in HTML or CSV bytes: as is, escaped, URL-encoded."""
    return {
        text,
        html.escape(text),
        html.escape(text, quote=False),
        urllib.parse.quote(text),
        text.encode("unicode_escape").decode(),
    }


def assert_nothing_leaks(out: Path, secrets: set[str]) -> None:
    written = {p.name: p.read_bytes() for p in out.iterdir()}
    assert written
    for name, data in written.items():
        text = data.decode("utf-8")
        decoded = html.unescape(text)
        for secret in secrets:
            for form in forms(secret):
                assert form not in text and form not in decoded, (name, secret)
        for word in ("safety", "major", "minor", "escalat", "assessment", "rationale"):
            assert word not in decoded.lower(), (name, word)


def test_leak_no_note_safety_assessment_surname_or_other_school_in_any_byte(
    tmp_repo: RepoFactory, tmp_path: Path
) -> None:
    root = tmp_repo(leak_files())
    out = tmp_path / "reports"
    result = run(root, out)
    assert result.exit_code == 0, result.output
    harbor = [p for p in out.iterdir() if p.name.startswith("harbor-high-school")]
    assert len(harbor) == 2
    everything = b"".join(p.read_bytes() for p in harbor).decode()
    assert "Dana W." in everything and "Sam" in everything  # the report is not empty
    every_file = b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file()).decode()
    secrets = set(re.findall(SECRET + r"[A-Za-z0-9-]+Secret", every_file))
    assert len(secrets) >= 20  # every kind of planted text was found in the program
    for path in harbor:  # this school's report: nothing planted at all
        one = tmp_path / "one" / path.name
        one.parent.mkdir(exist_ok=True)
        one.write_bytes(path.read_bytes())
    assert_nothing_leaks(tmp_path / "one", secrets)
    # the other school's report shows its own mentee, and nothing of Harbor's
    other = (out / "otherside-academy-2026-11.html").read_text()
    assert html.escape(planted("OtherMentee")) in other or planted("OtherMentee") in other
    for word in ("Dana W.", "Ana R.", planted("MentorSurnameA"), "Harbor"):
        assert word not in other


REPO = Path(__file__).resolve().parents[2]


@functools.cache
def _demo_secrets(school: str) -> set[str]:
    """What the demo's report of `school` must not hold: every line of every note (and
    safety note), every focus-list rationale and goal, rating comment, closure reason and
    staff name, every other school's mentee and mentor names, this school's mentor surnames."""
    import yaml

    found: set[str] = set()
    for note in (REPO / "data/notes").rglob("*.md"):
        front, body = note.read_text(encoding="utf-8").split("---\n", 2)[1:]
        found |= {line.strip() for line in body.splitlines() if len(line.strip()) >= 12}
        fields = yaml.safe_load(front)
        found |= {str(v) for k, v in fields.items() if k in ("escalated_to", "follow_up_of")}
    for focus in (REPO / "data/focus").rglob("*.yaml"):
        for entry in yaml.safe_load(focus.read_text(encoding="utf-8"))["pairs"]:
            found |= {entry["rationale"], *([entry["goal"]] if entry.get("goal") else [])}
    for rating in (REPO / "data/ratings").rglob("*.yaml"):
        found.add(yaml.safe_load(rating.read_text(encoding="utf-8"))["comments"])
    found |= {m["name"] for m in yaml.safe_load((REPO / "data/staff.yaml").read_text())}
    own: set[str] = set()
    for path in (REPO / "data/pairs").glob("*.yaml"):
        pair = yaml.safe_load(path.read_text(encoding="utf-8"))
        if pair.get("closure_reason"):
            found.add(pair["closure_reason"])
        if pair["school"] == school:
            own.add(pair["mentee"]["name"])
            found.add(pair["mentor"]["name"].split(" ", 1)[1])  # the surname
        else:
            found |= {pair["mentee"]["name"], pair["mentor"]["name"]}
    return {s for s in found if len(s) >= 4} - own  # a name shared with this school's is its own


@pytest.mark.parametrize("month", ["2026-10", "2026-11"])
def test_leak_test_on_the_demo(tmp_path: Path, month: str) -> None:
    out = tmp_path / "reports"
    result = run(REPO, out, month=month)
    assert result.exit_code == 0, result.output
    schools = {p.name.rsplit("-", 2)[0]: p for p in out.glob("*.html")}
    assert len(schools) >= 3
    for path in out.iterdir():
        name = (
            re.search(r"<h1>(.*): mentoring", path.read_text()) if path.suffix == ".html" else None
        )
        school = (
            html.unescape(name.group(1))
            if name
            else next(r["school"] for r in csv.DictReader(io.StringIO(path.read_text())))
        )
        one = tmp_path / "one" / path.name
        one.mkdir(parents=True)
        (one / path.name).write_bytes(path.read_bytes())
        assert_nothing_leaks(one, _demo_secrets(school))
