"""A `Review` as JSON for tools: every row (no `max_rows`), keys sorted, dates `YYYY-MM-DD`.

Text from files is kept exactly; only characters a terminal or CI log would act on are
written as `\\uXXXX` escapes (the same JSON value), so printing it is safe too.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from notesite.diagnostics import Diagnostic
from notesite.review.escape import json_text
from notesite.review.model import Count, NoteRef, Review, TextDiff


def _ref(n: NoteRef) -> dict[str, Any]:
    return {
        "id": n.id,
        "file": n.file,
        "pair": n.pair,
        "author": n.author,
        "type": n.type,
        "date": n.date and n.date.isoformat(),
        "logged": n.logged and n.logged.isoformat(),
        "readable": n.readable,
    }


def _diag(x: Diagnostic) -> dict[str, Any]:
    return {k: (str(v) if k == "severity" else v) for k, v in asdict(x).items()}


def _count(c: Count, key: str) -> dict[str, Any]:
    out = {key: c.key or None, "added": c.added, "changed": c.changed, "removed": c.removed}
    return out | ({"pm": c.pm} if key == "pair" else {})


def _text(t: TextDiff | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {"added": t.added, "removed": t.removed, "lines": list(t.lines), "more": t.more}


def to_json(r: Review) -> dict[str, Any]:
    return {
        "base": {"rev": r.base.rev, "commit": r.base.commit},
        "today": r.today.isoformat(),
        "people": dict(sorted(r.names.items())),
        "files": [{"file": f, "change": c} for f, c in r.files.items()],
        "safety_changes": [
            {
                "note": _ref(c.before),
                "now": c.after and _ref(c.after),
                "changes": list(c.kinds),
                "details": list(c.details),
            }
            for c in r.safety_changes
        ],
        "safety_added": [
            {
                "note": _ref(s.note),
                "severity": s.severity,
                "escalated_to": list(s.escalated_to),
                "escalated_on": s.escalated_on and s.escalated_on.isoformat(),
                "escalation_lag_days": s.lag,
                "status": s.status,
            }
            for s in r.safety
        ],
        "notes": {
            "added": [_ref(n) for n in r.notes_added],
            "changed": [_ref(n) for n in r.notes_changed],
            "removed": [_ref(n) for n in r.notes_removed],
            "renamed": [
                {"before": _ref(x.before), "after": _ref(x.after)} for x in r.notes_renamed
            ],
            "by_pair": [_count(c, "pair") for c in r.by_pair],
            "by_author": [_count(c, "author") for c in r.by_author],
        },
        "rewrites": [
            _ref(w.note)
            | {"details": list(w.details), "renamed_from": w.renamed_from, "text": _text(w.text)}
            for w in r.rewrites
        ],
        "late_documentation": {
            "log_within_days": r.log_within_days,
            "notes": [_ref(x.note) | {"lag_days": x.lag} for x in r.late],
        },
        "pairs": [
            {
                "id": p.id,
                "change": p.change,
                "pm": {"before": p.pm_before, "after": p.pm_after},
                "status": {"before": p.status_before, "after": p.status_after},
                "details": list(p.details),
            }
            for p in r.pairs
        ],
        "ratings": [asdict(x) for x in r.ratings],
        "focus": [asdict(x) for x in r.focus],
        "other_files": [asdict(x) for x in r.other_files],
        "tracker": [
            {"pair": m.pair, "pm": m.pm, "before": m.before, "after": m.after} for m in r.tracker
        ],
        "validation": {
            "files": r.checked_files,
            "errors": r.errors,
            "warnings": r.warnings,
            "diagnostics": [_diag(x) for x in r.diagnostics],
            "elsewhere": [_diag(x) for x in r.elsewhere],
        },
    }


def format_json(r: Review, max_rows: int = 0) -> str:
    del max_rows  # JSON always lists everything
    return json_text(json.dumps(to_json(r), sort_keys=True, indent=2, ensure_ascii=False)) + "\n"
