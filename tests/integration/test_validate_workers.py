"""Validation on several cores gives what one core gives, whichever way workers start
(fork on Linux; forkserver or spawn from a threaded `serve`, on macOS and on Windows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from notesite import workers
from notesite.validate import PARALLEL_MIN_NOTES, check_repository
from support import TODAY

DEMO = Path(__file__).resolve().parents[2]  # the committed demo program (479 notes)


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_notes_checked_in_workers_match_one_process(
    method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = check_repository(DEMO, TODAY, render=True, jobs=1)
    assert len(alone.program.notes) >= PARALLEL_MIN_NOTES  # enough for a pool
    monkeypatch.setattr(workers, "start_method", lambda: method)
    pooled = check_repository(DEMO, TODAY, render=True, jobs=2)
    assert pooled.diagnostics == alone.diagnostics
    assert [n.id for n in pooled.program.notes] == [n.id for n in alone.program.notes]
    assert pooled.program.notes == alone.program.notes  # rendered sections and text too
