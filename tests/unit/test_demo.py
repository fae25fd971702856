"""The demo generator: deterministic, safe to run, and showing every situation the site derives.

The checks recompute the SPEC §9 facts from the generated files with a few lines of their own,
so they do not depend on the rest of notesite.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from notesite.class_calendar import ClassCalendar
from notesite.demo import GenerateResult, generate
from notesite.demo.notes import TOPICS
from notesite.demo.text import Topic
from notesite.demo.text_safety import MAJOR, MINOR
from notesite.derive.operations import operations
from notesite.validate import check_repository

TODAY = date(2026, 11, 22)
TYPES = {"support", "mentor-call", "summary", "safety", "out-of-program"}
TAGS = {
    "mentor-touch-point",
    "mentee-touch-point",
    "relationship",
    "participation",
    "academic",
    "personal",
    "career",
    "peer-relationships",
    "financial",
    "risky-behavior",
    "social-services",
    "other",
}
CONTACTS = {"mentor", "mentee", "pair", "school", "family", "other"}
RUBRIC = {
    "focus-list": {"compelling-rationale", "timely-notes", "follow-up"},
    "reactive-support": {"customer-service", "safety-escalation", "challenging-topics"},
    "coaching": {"strengths-mentees", "strengths-mentors", "curriculum", "mentor-centered"},
    "use-of-information": {
        "school-partners",
        "match-history",
        "online-communications",
        "asks-for-help",
    },
}
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the same safe loader, in C when built
NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z-]+?)(?:-(\d+))?$")


@dataclass
class Repo:
    root: Path
    settings: dict[str, Any]
    staff: list[dict[str, Any]]
    pairs: dict[str, dict[str, Any]]
    notes: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> front matter
    bodies: dict[str, str] = field(default_factory=dict)
    ratings: list[dict[str, Any]] = field(default_factory=list)
    focus: list[dict[str, Any]] = field(default_factory=list)
    participation: list[dict[str, str]] = field(default_factory=list)

    def notes_of(self, pair: str) -> list[dict[str, Any]]:
        return [n for i, n in self.notes.items() if i.startswith(pair + "/")]


def parse(text: str) -> Any:
    return yaml.load(text, Loader=LOADER)  # safe: LOADER is a SafeLoader


def load(root: Path) -> Repo:
    repo = Repo(
        root,
        parse((root / "notesite.yaml").read_text("utf-8")),
        parse((root / "data/staff.yaml").read_text("utf-8")),
        {p.stem: parse(p.read_text("utf-8")) for p in sorted(root.glob("data/pairs/*.yaml"))},
    )
    for path in sorted(root.glob("data/notes/*/*.md")):
        _, front, body = path.read_text("utf-8").split("---\n", 2)
        note_id = f"{path.parent.name}/{path.stem}"
        repo.notes[note_id], repo.bodies[note_id] = parse(front), body
    repo.ratings = [parse(p.read_text("utf-8")) for p in sorted(root.glob("data/ratings/*/*.yaml"))]
    repo.focus = [parse(p.read_text("utf-8")) for p in sorted(root.glob("data/focus/*/*.yaml"))]
    for path in sorted(root.glob("data/participation/*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            repo.participation += list(csv.DictReader(f))
    return repo


def tracker(repo: Repo) -> dict[str, str]:
    """SPEC §9 tracker level of every pair."""
    out = {}
    for pid, pair in repo.pairs.items():
        dates = [n["date"] for n in repo.notes_of(pid) if n["type"] != "summary"]
        days = (TODAY - (max(dates) if dates else pair["matched_on"])).days
        level = "stale" if days > 30 else "watch" if days > 14 else "ok"
        out[pid] = level if pair["status"] == "active" else "inactive"
    return out


def behind(repo: Repo) -> set[str]:
    """Active pairs behind on mentor calls in the 2026-27 year (demo due dates)."""
    start = date(2026, 9, 1)
    dues = [date(2026, 10, 15), date(2027, 1, 31), date(2027, 4, 30)]
    out = set()
    for pid, pair in repo.pairs.items():
        calls = [
            n["date"]
            for n in repo.notes_of(pid)
            if n["type"] == "mentor-call" and n["date"] >= start
        ]
        for k, due in enumerate(dues, 1):
            if pair["status"] == "active" and due < TODAY and sum(d <= due for d in calls) < k:
                out.add(pid)
    return out


def concerns(repo: Repo) -> set[str]:
    by_pair: dict[str, list[tuple[str, str]]] = {}
    for row in repo.participation:
        if row["mentor"] != "excused":
            by_pair.setdefault(row["pair"], []).append((row["week"], row["mentor"]))
    return {p for p, rows in by_pair.items() if [m for _, m in sorted(rows)][-2:] == ["missed"] * 2}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[GenerateResult, Repo]:
    root = tmp_path_factory.mktemp("demo")
    return generate(root), load(root)


def test_same_arguments_give_byte_identical_files(
    tmp_path: Path, demo: tuple[GenerateResult, Repo]
) -> None:
    generate(tmp_path)
    first, second = demo[1].root, tmp_path
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Set or dict ordering leaking into files would show up under another PYTHONHASHSEED."""
    code = (
        "import sys, pathlib; from notesite.demo import generate; "
        "generate(pathlib.Path(sys.argv[1]), pairs=12)"
    )
    src = str(Path(__file__).resolve().parents[2] / "src")
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": src}
        subprocess.run([sys.executable, "-c", code, str(tmp_path / seed)], check=True, env=env)
    files = sorted(
        p.relative_to(tmp_path / "1") for p in (tmp_path / "1").rglob("*") if p.is_file()
    )
    assert files
    for rel in files:
        assert (tmp_path / "1" / rel).read_bytes() == (tmp_path / "2" / rel).read_bytes(), rel


def test_refuses_a_non_empty_data_folder(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        generate(tmp_path, pairs=3)
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["keep.txt"]


def test_counts_match_the_files(demo: tuple[GenerateResult, Repo]) -> None:
    result, repo = demo
    assert result.pairs == len(repo.pairs) == 48
    assert result.notes == len(repo.notes) >= 400
    assert result.staff == len(repo.staff)
    assert result.ratings == len(repo.ratings)
    assert result.focus_lists == len(repo.focus)
    assert result.participation_rows == len(repo.participation)


def test_settings_override_name_benchmark_and_mentor_calls(
    demo: tuple[GenerateResult, Repo],
) -> None:
    assert demo[1].settings == {
        "program": "Harborview Mentoring Partnership",
        "monthly_support_hours": 8,
        "mentor_calls": {"due": ["10-15", "01-31", "04-30"]},
        "touch_points": [
            {
                "id": "mentee-check-ins",
                "label": "Mentee check-ins",
                "with": "mentee",
                "type": "support",
                "due": ["10-31", "01-31", "04-30"],
            }
        ],
        "safety": {"review_tags": ["risky-behavior"]},
    }


def test_staff_roster(demo: tuple[GenerateResult, Repo]) -> None:
    staff = {s["id"]: s for s in demo[1].staff}
    pms = [s for s in staff.values() if s["role"] == "pm"]
    assert len(pms) >= 4 and all(staff[s["manager"]]["role"] == "director" for s in pms)
    assert sum(s["role"] == "director" for s in staff.values()) == 2
    assert sum(s["role"] == "coordinator" for s in staff.values()) == 1
    assert [s["id"] for s in pms if s.get("active") is False]


def test_pairs_and_handoffs(demo: tuple[GenerateResult, Repo]) -> None:
    repo = demo[1]
    staff = {s["id"]: s for s in repo.staff}
    statuses = [p["status"] for p in repo.pairs.values()]
    assert statuses.count("paused") >= 1 and statuses.count("closed") >= 2
    assert statuses.count("active") > len(statuses) * 0.7
    assert len({p["school"] for p in repo.pairs.values()}) >= 2
    for pid, p in repo.pairs.items():
        assert p["id"] == pid and re.fullmatch(r"[A-Z][a-z]+ [A-Z]\.", p["mentee"]["name"])
        assert date(2025, 9, 10) <= p["matched_on"] <= date(2026, 10, 1)
        assert 9 <= p["mentee"]["grade"] <= 12
        assert (p["status"] == "closed") == bool(p.get("closed_on") and p.get("closure_reason"))
        for h in p.get("pm_history", []):
            assert h["from"] <= h["to"] < TODAY and h["pm"] != p["pm"]
    left = [s["id"] for s in repo.staff if s.get("active") is False]
    handed = [
        p for p in repo.pairs.values() if any(h["pm"] in left for h in p.get("pm_history", []))
    ]
    assert handed and all(staff[p["pm"]].get("active", True) for p in handed)


def test_notes_follow_the_spec(demo: tuple[GenerateResult, Repo]) -> None:
    repo = demo[1]
    assert {n["type"] for n in repo.notes.values()} == TYPES
    for note_id, n in repo.notes.items():
        pair_id, stem = note_id.split("/")
        m = NAME.fullmatch(stem)
        assert m and m[1] == n["date"].isoformat() and m[2] == n["type"] and n["pair"] == pair_id
        pair = repo.pairs[pair_id]
        assert pair["matched_on"] <= n["date"] <= (pair.get("closed_on") or TODAY)
        assert n["date"] <= n["logged"] <= TODAY and 1 <= n["minutes"] <= 600
        assert set(n["contact"]) <= CONTACTS and 1 <= len(n["tags"]) <= 3 and set(n["tags"]) <= TAGS
        sections = re.split(r"^## (Data|Assessment|Plan)\n", repo.bodies[note_id], flags=re.M)
        assert sections[1::2] == ["Data", "Assessment", "Plan"]
        assert all(len(s.split()) >= 12 for s in sections[2::2])
        if "other" in n["tags"]:
            assert len(sections[2].split()) >= 40
    late = sum((n["logged"] - n["date"]).days > 7 for n in repo.notes.values())
    assert 0.05 <= late / len(repo.notes) <= 0.12
    numbered = [i for i in repo.notes if NAME.fullmatch(i.split("/")[1])[3]]  # type: ignore[index]
    assert numbered and all(i.rsplit("-", 1)[0] in repo.notes for i in numbered if i.endswith("-2"))


def test_no_date_after_today(demo: tuple[GenerateResult, Repo]) -> None:
    root = demo[1].root
    for path in root.rglob("*"):
        if path.parent.name == "calendar":  # a class calendar is a schedule: see below
            continue
        if path.is_file() and path.suffix in {".yaml", ".md", ".csv"}:
            # Only a meeting may be planned for after today (an upcoming one).
            text = re.sub(r"planned_for: \d{4}-\d{2}-\d{2}", "", path.read_text("utf-8"))
            for found in re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text):
                assert date.fromisoformat(found) <= TODAY, (path, found)
            assert not re.search(r":\s*[&*][A-Za-z]", path.read_text("utf-8")), path  # no anchors


def test_tracker_levels_and_mentor_calls(demo: tuple[GenerateResult, Repo]) -> None:
    levels = list(tracker(demo[1]).values())
    assert levels.count("stale") >= 4 and levels.count("watch") >= 4
    assert levels.count("ok") > (levels.count("stale") + levels.count("watch"))
    assert len(behind(demo[1])) >= 3


def test_summaries(demo: tuple[GenerateResult, Repo]) -> None:
    repo = demo[1]
    due = date(2026, 6, 30)
    missing = []
    for pid, p in repo.pairs.items():
        notes = repo.notes_of(pid)
        for n in notes:
            if n["type"] == "summary":
                assert n["program_year"] == "2025-26" and date(2026, 6, 1) <= n["date"] < due
        alive = not p.get("closed_on") or p["closed_on"] > due
        if p["matched_on"] < due and alive and not any(n["type"] == "summary" for n in notes):
            missing.append(pid)
    assert len(missing) == 3 and all(repo.pairs[p]["status"] == "active" for p in missing)


def test_safety_notes(demo: tuple[GenerateResult, Repo]) -> None:
    safety = [n for n in demo[1].notes.values() if n["type"] == "safety"]
    directors = {s["id"] for s in demo[1].staff if s["role"] == "director"}
    majors = [n for n in safety if n["severity"] == "major"]
    assert majors and all(n.get("escalated_on") and n.get("escalated_to") for n in majors)
    assert all(set(n["escalated_to"]) <= directors for n in majors)
    assert any((n["escalated_on"] - n["date"]).days >= 3 for n in majors)
    assert any(n["severity"] == "minor" and "escalated_on" not in n for n in safety)


def test_out_of_program_requests(demo: tuple[GenerateResult, Repo]) -> None:
    notes = demo[1].notes
    requests = {i: n for i, n in notes.items() if "meeting" in n}
    follow_ups = [n["follow_up_of"] for n in notes.values() if "follow_up_of" in n]
    assert follow_ups and set(follow_ups) <= set(requests)
    for n in requests.values():
        meeting = n["meeting"]
        assert meeting["requested_on"] <= n["date"] <= meeting["planned_for"]
        assert isinstance(meeting["approved"], bool)
    declined = {i for i, n in requests.items() if not n["meeting"]["approved"]}
    assert declined and not declined & set(follow_ups)  # `approved: false` needs no follow-up
    passed = {i for i, n in requests.items() if n["meeting"]["planned_for"] < TODAY}
    assert passed - declined - set(follow_ups)  # an open request
    assert set(requests) - passed  # and a meeting still to come


def test_ratings_cover_every_pm_of_2025_26(demo: tuple[GenerateResult, Repo]) -> None:
    repo = demo[1]
    staff = {s["id"]: s for s in repo.staff}
    authors_then = {n["author"] for n in repo.notes.values() if n["date"] < date(2026, 7, 1)}
    rated = {r["staff"] for r in repo.ratings}
    assert {a for a in authors_then if staff[a]["role"] == "pm"} <= rated
    for r in repo.ratings:
        assert r["rater"] == staff[r["staff"]]["manager"] and r["program_year"] == "2025-26"
        assert date(2026, 4, 1) <= r["rated_on"] <= date(2026, 6, 30)
        assert set(r["ratings"]) == set(RUBRIC)
        for cat, value in r["ratings"].items():
            values = value.values() if isinstance(value, dict) else [value]
            assert not isinstance(value, dict) or set(value) == RUBRIC[cat]
            assert all(v in (1, 2, 3) for v in values)
    kinds = {isinstance(v, dict) for r in repo.ratings for v in r["ratings"].values()}
    assert kinds == {True, False}


def test_focus_lists(demo: tuple[GenerateResult, Repo]) -> None:
    repo = demo[1]
    done = total = 0
    for f in repo.focus:
        escalated = [e for e in f["pairs"] if e["rationale"].startswith("Escalated by")]
        assert date(2026, 9, 1) <= f["date"] <= TODAY and len(f["pairs"]) >= 2
        assert len(f["pairs"]) - len(escalated) <= 5
        end = f.get("next_check_in") or f["date"] + timedelta(days=7)
        for entry in f["pairs"]:
            assert entry["rationale"].strip() and entry["pair"] in repo.pairs
            if end <= TODAY:
                total += 1
                done += any(f["date"] <= n["date"] <= end for n in repo.notes_of(entry["pair"]))
    assert total and 0.6 <= done / total < 1


def test_participation(demo: tuple[GenerateResult, Repo]) -> None:
    rows = demo[1].participation
    assert {r["mentor"] for r in rows} == {"done", "missed", "excused"}
    assert sum(r["mentor"] == "done" for r in rows) > 0.75 * len(rows)
    assert len(concerns(demo[1])) >= 2
    for r in rows:
        pair = demo[1].pairs[r["pair"]]
        week = date.fromisoformat(r["week"])
        assert pair["matched_on"] <= week <= (pair.get("closed_on") or TODAY) and week.weekday() < 5


def test_every_template_fills(demo: tuple[GenerateResult, Repo]) -> None:
    ctx = dict.fromkeys(
        [
            "mentee",
            "mentor",
            "school",
            "counselor",
            "guardian",
            "weekday",
            "month",
            "subject",
            "subject2",
            "activity",
            "interest",
            "field",
            "city",
            "college",
            "college2",
            "count",
            "weeks",
            "director",
            "d3",
            "d7",
            "d10",
            "d14",
            "d21",
            "closure",
            "pause",
            "year",
            "requested",
            "planned",
            "escalated",
            "due",
        ],
        "x",
    )
    topics: list[Topic] = [*TOPICS.values(), *MAJOR, *MINOR]
    for t in topics:
        for text in (*(lead for _, lead in t.leads), *t.details, *t.assess, *t.plan):
            assert text.format_map(ctx)[0].isupper() or text.startswith("{"), text
        assert set(t.tags) <= TAGS and all(set(c.split(",")) <= CONTACTS for c, _ in t.leads)


def test_scales_with_pairs(tmp_path: Path) -> None:
    result = generate(tmp_path, pairs=200, seed=3)
    repo = load(tmp_path)
    assert result.pairs == 200 and 8 <= result.notes / 200 <= 13
    assert sum(s["role"] == "pm" for s in repo.staff) >= 200 // 15
    assert max(n["date"] for n in repo.notes.values()) <= TODAY
    smaller = generate(tmp_path / "few", pairs=10, notes_per_pair=4)
    assert smaller.pairs == 10 and smaller.notes < 80


def test_every_school_has_a_calendar_with_holidays_that_participation_follows(
    demo: tuple[GenerateResult, Repo],
) -> None:
    root = demo[1].root
    schools = {p["school"] for p in demo[1].pairs.values()}
    weeks: dict[str, set[date]] = {}
    for year in ("2025-26", "2026-27"):
        calendar = ClassCalendar.model_validate(
            yaml.safe_load((root / f"data/calendar/{year}.yaml").read_text(encoding="utf-8"))
        )
        assert calendar.program_year == year and set(calendar.schools) == schools
        start = date(int(year[:4]), 9, 1)
        for name, classes in calendar.schools.items():
            assert start <= classes.from_ <= classes.to < start.replace(year=start.year + 1)
            assert len(classes.except_) >= 4, (year, name)  # breaks and a professional day
            assert set(classes.except_) <= set(classes.weekly_days())
            weeks.setdefault(name, set()).update(classes.days())
    for r in demo[1].participation:
        school = demo[1].pairs[r["pair"]]["school"]
        assert date.fromisoformat(r["week"]) in weeks[school], r


def test_operations_show_every_case_on_the_demo_day(demo: tuple[GenerateResult, Repo]) -> None:
    """Today's emails and texts (some personalised), an open escalation on a focus list, one
    that missed it (the demo's only NS823), and one that ended this week."""
    checked = check_repository(demo[1].root, TODAY)
    assert [d.code for d in checked.diagnostics if d.code in ("NS811", "NS823")] == ["NS823"]
    ops = operations(checked.program, TODAY)
    assert ops.emails and ops.texts and ops.ended
    assert any(r.personalised for r in ops.reminders)
    assert {e.focus_state for e in ops.open} == {"on-list", "missed"}
