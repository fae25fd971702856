"""The machine-readable outputs of SPEC §10, built from the same facts as the pages."""

from __future__ import annotations

import json
from typing import Any

from notesite.derive.facts import Facts
from notesite.derive.measures import round2


def dumps(payload: Any) -> str:
    return json.dumps(payload, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def pairs_json(facts: Facts) -> dict[str, Any]:
    return {
        "today": facts.today.isoformat(),
        "pairs": [
            {
                "id": p.id,
                "status": p.pair.status,
                "pm": p.pair.pm,
                "last_support": p.last_support.isoformat() if p.last_support else None,
                "days_since_support": p.days,
                "tracker": p.level,
                "notes": len(p.notes),
                "mentor_calls_this_year": p.calls.this_year,
                "mentor_calls_behind": p.calls.behind,
                "participation_concern": p.concern,
                "days_since_mentor_contact": p.days_mentor,
                "days_since_mentee_contact": p.days_mentee,
                "touch_points": {
                    t.id: {"this_year": t.this_year, "behind": t.behind, "late": len(t.late)}
                    for t in p.touch
                },
            }
            for p in sorted(facts.pairs.values(), key=lambda p: p.id)
        ],
    }


def rubric_json(facts: Facts) -> dict[str, Any]:
    return {
        "ratings": [
            {
                "staff": r.rating.staff,
                "program_year": r.rating.program_year,
                "rater": r.rating.rater,
                "categories": {k: round2(v) for k, v in r.categories.items()},
                "score": round2(r.score),
            }
            for r in sorted(facts.ratings, key=lambda r: (r.rating.program_year, r.rating.staff))
        ]
    }


def staff_json(facts: Facts) -> dict[str, Any]:
    out = []
    for sid, st in sorted(facts.staff.items()):
        levels = st.level_counts
        out.append(
            {
                "id": sid,
                "pairs": len(st.pairs),
                "stale": levels["stale"],
                "watch": levels["watch"],
                "notes": len(st.notes),
                "notes_logged_late": len(st.late),
                "median_logging_lag_days": st.median_lag,
                "months": [
                    {
                        "month": m.month,
                        "hours": m.hours,
                        "meets_benchmark": m.meets,
                        "benchmark": m.state.code,
                    }
                    for m in st.months
                ],
                "focus_entries": len(st.focus_ended),
                "focus_followed_up": st.focus_followed_up,
            }
        )
    return {"staff": out}
