"""Settings: SPEC §3's defaults, program-year arithmetic, and notesite.yaml's diagnostics."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from notesite.settings import Settings, is_year_label
from support import NOTE, check, found, make_repo, note_text

S = Settings()


def test_thresholds_are_specs_defaults() -> None:
    assert S.program == "Mentoring Program"
    assert S.program_year_start == "09-01"
    assert S.log_within_days == 7
    assert (S.tracker.watch_after_days, S.tracker.stale_after_days) == (14, 30)
    assert S.monthly_support_hours == 20
    assert S.mentor_calls.due == ("11-30", "02-28", "05-31")
    assert S.summary_due == "06-30"
    assert S.safety.escalate_within_days == 1
    assert S.focus.follow_up_days == 7
    assert S.participation.escalate_after_missed == 2


def test_the_twelve_default_tags() -> None:
    assert [(t.slug, t.label) for t in S.tags] == [
        ("mentor-touch-point", "Mentor Touch Point"),
        ("mentee-touch-point", "Mentee Touch Point"),
        ("relationship", "Mentor-Mentee Relationship"),
        ("participation", "Participation"),
        ("academic", "Academic"),
        ("personal", "Personal"),
        ("career", "Career"),
        ("peer-relationships", "Peer Relationships"),
        ("financial", "Financial"),
        ("risky-behavior", "Risky Behavior"),
        ("social-services", "Social Services"),
        ("other", "Other"),
    ]
    assert S.tag_by_label["mentor-mentee relationship"] == "relationship"


def test_the_five_default_note_types() -> None:
    assert [(t.slug, t.kind) for t in S.note_types] == [
        ("support", "support"),
        ("mentor-call", "mentor-call"),
        ("summary", "summary"),
        ("safety", "safety"),
        ("out-of-program", "out-of-program"),
    ]


def test_the_default_rubric() -> None:
    assert {c.slug: [i.slug for i in c.indicators] for c in S.rubric.categories} == {
        "focus-list": ["compelling-rationale", "timely-notes", "follow-up"],
        "reactive-support": ["customer-service", "safety-escalation", "challenging-topics"],
        "coaching": ["strengths-mentees", "strengths-mentors", "curriculum", "mentor-centered"],
        "use-of-information": [
            "school-partners",
            "match-history",
            "online-communications",
            "asks-for-help",
        ],
    }
    assert sum(len(c.indicators) for c in S.rubric.categories) == 14
    assert sorted(S.rubric.scale) == [1, 2, 3]


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2025, 8, 31), "2024-25"),
        (date(2025, 9, 1), "2025-26"),
        (date(2026, 1, 1), "2025-26"),
        (date(2026, 8, 31), "2025-26"),
        (date(1999, 9, 1), "1999-00"),
    ],
)
def test_year_of(day: date, label: str) -> None:
    assert S.year_of(day) == label


def test_year_of_a_calendar_year_program() -> None:
    january = Settings(program_year_start="01-01")
    assert january.year_of(date(2026, 1, 1)) == "2026-27"
    assert january.year_of(date(2025, 12, 31)) == "2025-26"


def test_year_bounds_and_in_year() -> None:
    assert S.year_start("2025-26") == date(2025, 9, 1)
    assert S.year_end("2025-26") == date(2026, 8, 31)
    assert S.in_year("2025-26", "09-01") == date(2025, 9, 1)
    assert S.in_year("2025-26", "11-30") == date(2025, 11, 30)
    assert S.in_year("2025-26", "06-30") == date(2026, 6, 30)
    assert S.in_year("2025-26", "08-31") == date(2026, 8, 31)
    assert S.in_year("2023-24", "02-29") == date(2024, 2, 29)  # leap year
    assert S.in_year("2024-25", "02-29") == date(2025, 2, 28)  # falls back to the 28th


def test_year_labels() -> None:
    assert is_year_label("2025-26") and is_year_label("1999-00")
    assert not is_year_label("2025-27")
    assert not is_year_label("2025-2026")
    assert not is_year_label("25-26")


def test_unknown_key_in_notesite_yaml(tmp_path: Path) -> None:
    settings = "program: Harbor Mentors\nlog_within_dayz: 3\ntracker:\n  stale_after: 40\n"
    diagnostics = check(make_repo(tmp_path / "repo", {"notesite.yaml": settings}))
    assert found(diagnostics) == [(2, "NS201"), (4, "NS201")]
    assert [(d.column, d.hint) for d in diagnostics] == [
        (1, "did you mean `log_within_days`?"),
        (3, "did you mean `stale_after_days`?"),
    ]


@pytest.mark.parametrize(
    ("text", "line", "code", "words"),
    [
        ("summary_due: 13-01\n", 1, "NS202", "month and day"),
        ("program_year_start: 02-30\n", 1, "NS202", "not a day of the year"),
        ("log_within_days: -1\n", 1, "NS202", "at least 0"),
        ("mentor_calls:\n  due: [11-30, 2-28]\n", 2, "NS202", "month and day"),
        ("tracker:\n  watch_after_days: 30\n  stale_after_days: 10\n", 3, "NS700", "below"),
        ("tags:\n  - {slug: a, label: A}\n  - {slug: a, label: B}\n", 1, "NS700", "same slug"),
        ("note_types:\n  - {slug: call, label: Call, kind: phone}\n", 2, "NS202", "kind"),
        ("- program\n", 1, "NS202", "set of `key: value` fields"),
    ],
)
def test_invalid_settings(text: str, line: int, code: str, words: str, tmp_path: Path) -> None:
    diagnostics = check(make_repo(tmp_path / "repo", {"notesite.yaml": text}))
    assert found(diagnostics) == [(line, code)]
    assert words in diagnostics[0].message


def test_settings_change_the_rules(tmp_path: Path) -> None:
    settings = (
        "log_within_days: 1\n"
        "tags:\n  - {slug: homework, label: Homework}\n  - {slug: mentor-touch-point, label: MTP}\n"
    )
    root = make_repo(
        tmp_path / "repo",
        {"notesite.yaml": settings, NOTE: note_text(tags=["Homework", "academic"])},
    )
    assert found(check(root), NOTE) == [(6, "NS800"), (9, "NS403")]
