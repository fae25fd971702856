"""A small but complete program for the site tests (integration and browser).

`site_repository(root)` writes the demo program (`notesite.demo.generate`) when it is
available, else the hand-made fixture below; either way it then adds `XSS_NOTE`, a note that
tries every trick a page must refuse, and a note in Chinese for search. The fixture covers
every tracker level, PM history, a late major safety escalation, an open out-of-program
request, a missing summary, a participation concern, focus lists and rubric ratings, with
awkward text (`&`, `<`, quotes, non-ASCII) in names.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from support import write_files

TODAY = date(2026, 11, 22)

XSS_BODY = """\
## Data
<script>window.__pwned = "script"</script>
<img src=x onerror="window.__pwned = 'img'">
Links: [run me](javascript:window.__pwned='link'), [evil](//evil.example/x),
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==),
<javascript:alert(1)> and ![tracker pixel](https://evil.example/pixel.png).
<a href="#" onclick="window.__pwned='onclick'">click</a>

## Assessment
<style>body { display: none }</style> Nothing here may run or load.

## Plan
<iframe src="https://evil.example"></iframe> Keep checking.
"""


# A note in Chinese (invented): search finds its words although Chinese has no spaces.
CJK_BODY = """\
## Data
导师说学生的数学成绩最近下降了，她正在准备期中考试。

## Assessment
学生很努力，需要更多练习时间。

## Plan
下周和导师一起制定复习计划。
"""
CJK_WORDS = ("数学", "复习计划")  # in the note
CJK_ABSENT = "物理"  # in no note


def _front(**fields: Any) -> str:
    return yaml.safe_dump(fields, sort_keys=False, default_flow_style=None, allow_unicode=True)


def note(
    pair: str,
    day: str,
    kind: str = "support",
    author: str = "pm-a",
    *,
    lag: int = 1,
    minutes: int = 45,
    tags: tuple[str, ...] = ("mentor-touch-point",),
    body: str | None = None,
    n: int | None = None,
    **extra: Any,
) -> tuple[str, str]:
    """(path, text) of one note; `extra` adds type-specific front matter."""
    d = date.fromisoformat(day)
    front = {
        "pair": pair,
        "type": kind,
        "author": author,
        "date": d,
        "logged": d + timedelta(days=lag),
        "minutes": minutes,
        "contact": ["mentor"],
        "tags": list(tags),
        **extra,
    }
    body = body or (
        f"## Data\nSpoke with the mentor of {pair} about the last two sessions.\n\n"
        "## Assessment\nThe match is steady; the mentee enjoys the career unit.\n\n"
        f"## Plan\nCheck in again in two weeks ({kind}).\n"
    )
    suffix = f"-{n}" if n else ""
    return f"data/notes/{pair}/{day}-{kind}{suffix}.md", f"---\n{_front(**front)}---\n{body}"


STAFF = """\
- id: pm-a
  name: Alex Park
  role: pm
  manager: dir-b
- id: pm-b
  name: Jordan "JJ" Lee-Ørsted
  role: pm
  manager: dir-b
- id: pm-c
  name: Casey Moreau
  role: pm
  manager: dir-b
  active: false
- id: dir-b
  name: Bea Diaz
  role: director
- id: co-d
  name: Dee Okoro & Co
  role: coordinator
"""

# id, pm, school, matched_on, status, extra yaml
PAIRS: list[tuple[str, str, str, str, str, str]] = [
    ("p-0001", "pm-a", "Harbor High School", "2025-09-15", "active", "pm_history"),
    ("p-0002", "pm-a", "Harbor High School", "2026-09-10", "active", ""),
    ("p-0003", "pm-a", "Eastside <Academy> & Sons", "2026-09-05", "active", ""),
    ("p-0004", "pm-b", "Eastside <Academy> & Sons", "2026-09-08", "active", ""),
    ("p-0005", "pm-b", "Harbor High School", "2026-09-20", "active", ""),
    ("p-0006", "pm-b", "Lycée Français", "2026-09-12", "paused", ""),
    ("p-0007", "pm-b", "Lycée Français", "2025-09-20", "closed", "closed"),
    ("p-0008", "pm-a", "Harbor High School", "2026-09-03", "active", ""),
    ("p-0009", "pm-b", "Harbor High School", "2026-09-03", "active", ""),
    ("p-0010", "pm-a", "Lycée Français", "2026-09-04", "active", ""),
    ("p-0011", "pm-b", "Eastside <Academy> & Sons", "2026-09-06", "active", ""),
    ("p-0012", "pm-a", "Harbor High School", "2025-09-10", "active", ""),
]

MENTEES = ["Dana W.", "Ana-Lucía P.", "Kofi <b>B.</b>", "Mai T.", "Omar S.", "Zoë R."]


def _pair_yaml(
    i: int, pid: str, pm: str, school: str, matched: str, status: str, extra: str
) -> str:
    data: dict[str, Any] = {
        "id": pid,
        "mentor": {"id": f"mr-{pid[2:]}", "name": f"Mentor {i} O'Neil"},
        "mentee": {"id": f"me-{pid[2:]}", "name": MENTEES[i % len(MENTEES)], "grade": 9 + i % 4},
        "school": school,
        "cohort": "2029",
        "pm": pm,
        "matched_on": date.fromisoformat(matched),
        "status": status,
    }
    if extra == "pm_history":
        data["pm_history"] = [
            {"pm": "pm-c", "from": date(2025, 9, 15), "to": date(2026, 6, 30)},
        ]
    if extra == "closed":
        data["closed_on"] = date(2026, 6, 15)
        data["closure_reason"] = "Mentee moved <out of state>"
    return _front(**data)


def _notes() -> dict[str, str]:
    notes = [
        # p-0001: ok; PM history; summary written for 2025-26; mentor call this year
        note("p-0001", "2025-10-01", author="pm-c"),
        note("p-0001", "2026-03-01", "mentor-call", author="pm-c"),
        note("p-0001", "2026-06-20", "summary", author="pm-c", program_year="2025-26"),
        note("p-0001", "2026-10-20", "mentor-call", minutes=60),
        note("p-0001", "2026-11-18", lag=2, tags=("academic", "career")),
        # p-0002: watch (21 days); logged late
        note("p-0002", "2026-10-01", "mentor-call"),
        note("p-0002", "2026-11-01", lag=12, minutes=600),
        # p-0003: stale (73 days); participation concern
        note("p-0003", "2026-09-10", "mentor-call", minutes=300),
        # p-0004: ok; major safety escalated late
        note("p-0004", "2026-10-12", "mentor-call", author="pm-b"),
        note(
            "p-0004",
            "2026-11-10",
            "safety",
            author="pm-b",
            tags=("risky-behavior",),
            severity="major",
            escalated_to=["dir-b"],
            escalated_on=date(2026, 11, 14),
        ),
        note(
            "p-0004",
            "2026-11-10",
            "safety",
            author="pm-b",
            n=2,
            tags=("personal",),
            severity="minor",
        ),
        # p-0005: no notes at all (stale since the match)
        # p-0006: paused
        note("p-0006", "2026-10-02", author="pm-b", minutes=600),
        # p-0007: closed; summary missing for 2025-26 is not due (closed before the due date)
        note("p-0007", "2025-11-02", "mentor-call", author="pm-b"),
        note("p-0007", "2026-06-10", author="pm-b"),
        # p-0008: ok; an open out-of-program request
        note("p-0008", "2026-10-15", "mentor-call", minutes=500),
        note(
            "p-0008",
            "2026-10-28",
            "out-of-program",
            tags=("relationship",),
            meeting={
                "requested_on": date(2026, 10, 28),
                "planned_for": date(2026, 11, 5),
                "approved": True,
            },
        ),
        note("p-0008", "2026-11-16", minutes=500),
        # p-0009: a request that was followed up
        note(
            "p-0009",
            "2026-10-20",
            "out-of-program",
            author="pm-b",
            tags=("relationship",),
            meeting={
                "requested_on": date(2026, 10, 20),
                "planned_for": date(2026, 10, 25),
                "approved": False,
            },
        ),
        note(
            "p-0009",
            "2026-10-27",
            "out-of-program",
            author="pm-b",
            tags=("relationship",),
            follow_up_of="p-0009/2026-10-20-out-of-program",
        ),
        note("p-0009", "2026-11-20", "mentor-call", author="pm-b"),
        # p-0010: ok (the XSS note is added by site_repository)
        note("p-0010", "2026-10-10", "mentor-call", minutes=400),
        # p-0011: watch
        note("p-0011", "2026-10-30", "mentor-call", author="pm-b", minutes=120),
        # p-0012: ok, but no summary for 2025-26
        note("p-0012", "2025-10-10", minutes=90),
        note("p-0012", "2026-10-05", "mentor-call", minutes=500),
        note("p-0012", "2026-11-12", minutes=200, body=_rich_body()),
    ]
    return dict(notes)


def _rich_body() -> str:
    return """\
Intro line before the sections.

## Data
Met the pair at school. **Both** attended; see the *attendance* table:

| Week | Mentor | Mentee |
| :--- | :----: | -----: |
| 1 | yes | yes |
| 2 | no | yes |

### Details
- a list item with `code`
- another with a [relative link](p-0001.html)

## Assessment
Strong relationship; ~~no~~ some concerns about grades.

## Plan
1. Call the mentor on Friday.
2. Email the school counsellor.
"""


RATINGS = {
    "data/ratings/2025-26/pm-a.yaml": """\
staff: pm-a
rater: dir-b
program_year: 2025-26
rated_on: 2026-04-20
ratings:
  focus-list: 2
  reactive-support: {customer-service: 3, safety-escalation: 3, challenging-topics: 2}
  coaching: 3
  use-of-information:
    {school-partners: 2, match-history: 2, online-communications: 3, asks-for-help: 3}
comments: "Good year <b>overall</b>"
""",
    "data/ratings/2025-26/pm-b.yaml": """\
staff: pm-b
rater: dir-b
program_year: 2025-26
rated_on: 2026-04-21
ratings: {focus-list: 1, reactive-support: 2, coaching: 2, use-of-information: 3}
""",
}

FOCUS = {
    "data/focus/pm-a/2026-11-02.yaml": """\
staff: pm-a
date: 2026-11-02
pairs:
  - pair: p-0002
    rationale: "Mentor missed two weeks of platform messages"
    goal: "Call mentor; agree on a weekly messaging time"
  - pair: p-0003
    rationale: "No contact since September <urgent>"
""",
    "data/focus/pm-b/2026-11-16.yaml": """\
staff: pm-b
date: 2026-11-16
next_check_in: 2026-11-30
pairs:
  - pair: p-0004
    rationale: "Follow the safety concern"
""",
}

PARTICIPATION = """\
pair,week,mentor,mentee
p-0001,2026-10-27,done,done
p-0001,2026-11-03,done,excused
p-0001,2026-11-10,excused,done
p-0001,2026-11-17,done,done
p-0003,2026-10-27,done,done
p-0003,2026-11-03,missed,done
p-0003,2026-11-10,excused,missed
p-0003,2026-11-17,missed,done
"""

SETTINGS = """\
program: "Harbor & Bay <Mentoring>"
mentor_calls:
  due: ["10-31", "02-28", "05-31"]
"""


def fixture_files() -> dict[str, str]:
    files = {
        "notesite.yaml": SETTINGS,
        "data/staff.yaml": STAFF,
        "data/participation/2026-27.csv": PARTICIPATION,
        **RATINGS,
        **FOCUS,
        **_notes(),
    }
    for i, (pid, *rest) in enumerate(PAIRS):
        files[f"data/pairs/{pid}.yaml"] = _pair_yaml(i, pid, *rest)
    return files


# Ids as close as the rules allow to the names of generated pages (urls.py): each must get
# its own page, and every other page must stay (NS206 refuses the ids that would collide).
NEAR_MISS_STAFF = """\
- id: check-in
  name: Noor Haddad
  role: pm
  manager: dir-b
- id: pm-a-check
  name: Ravi Kemp
  role: pm
  manager: dir-b
- id: pm-a-handoffs
  name: Lin Aasen
  role: pm
  manager: dir-b
- id: indexes
  name: Tomás Ruiz
  role: pm
  manager: dir-b
"""
# pair, pm: `p-0001-h` gives the handoff packet of pm-a blocks `pair-p-0001` and `pair-p-0001-h`
NEAR_MISS_PAIRS = [
    ("index-1", "check-in"),
    ("pairs", "pm-a-check"),
    ("p-0001-h", "pm-a"),
    ("staff", "pm-a-handoffs"),
    ("indexes", "indexes"),
]


def near_miss_files() -> dict[str, str]:
    """The fixture plus pairs and PMs whose ids nearly name other pages."""
    files = fixture_files()
    files["data/staff.yaml"] += NEAR_MISS_STAFF
    for i, (pid, pm) in enumerate(NEAR_MISS_PAIRS):
        yaml_text = _pair_yaml(i, pid, pm, "Harbor High School", "2026-09-01", "active", "")
        files[f"data/pairs/{pid}.yaml"] = yaml_text.replace(f"mr-{pid[2:]}", f"mr-nm{i}").replace(
            f"me-{pid[2:]}", f"me-nm{i}"
        )
        path, text = note(pid, "2026-11-02", author=pm)
        files[path] = text
    return files


def _demo(root: Path) -> bool:
    try:
        from notesite.demo import generate
    except ImportError:
        return False
    generate(root)
    return True


def site_repository(root: Path, *, demo: bool = True, near_miss: bool = False) -> Path:
    """A valid program at `root` (the demo when available, else the fixture, with
    `near_miss` its near-miss ids) plus the XSS note; returns root."""
    root.mkdir(parents=True, exist_ok=True)
    if near_miss:
        write_files(root, near_miss_files())
    elif not (demo and _demo(root)):
        write_files(root, fixture_files())
    pair, pm, day = xss_target(root)
    path, text = note(pair, day, author=pm, lag=0, n=9, body=XSS_BODY)
    cjk_path, cjk_text = note(pair, day, author=pm, lag=0, n=8, body=CJK_BODY)
    write_files(root, {path: text, cjk_path: cjk_text})
    return root


def xss_target(root: Path) -> tuple[str, str, str]:
    """The pair that gets the XSS note (the first active one), its PM and a day in its match."""
    for path in sorted((root / "data/pairs").glob("*.yaml")):
        pair = yaml.safe_load(path.read_text(encoding="utf-8"))
        if pair["status"] == "active":
            day = max(date.fromisoformat(str(pair["matched_on"])), TODAY - timedelta(days=3))
            return pair["id"], pair["pm"], day.isoformat()
    raise AssertionError("no active pair")
