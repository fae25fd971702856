"""NoteCache: `serve` rebuilds parse only the notes whose bytes changed."""

from __future__ import annotations

from datetime import timedelta

from notesite.validate import NoteCache, check_repository
from support import BASE_NOTE, NOTE, TODAY, RepoFactory, note_text


def _notes(root, cache, today=TODAY):  # type: ignore[no-untyped-def]
    return {n.id: n for n in check_repository(root, today, render=True, cache=cache).program.notes}


def test_unchanged_notes_are_reused_and_a_changed_one_is_read_again(tmp_repo: RepoFactory) -> None:
    root = tmp_repo({NOTE: note_text()})
    cache = NoteCache()
    first = _notes(root, cache)
    (root / NOTE).write_text(note_text(minutes=45), encoding="utf-8")
    second = _notes(root, cache)
    base_id, note_id = BASE_NOTE[11:-3], NOTE[11:-3]
    assert second[base_id] is first[base_id]  # reused, not parsed again
    assert second[note_id] is not first[note_id] and second[note_id].minutes == 45


def test_a_new_day_or_new_settings_parse_everything_again(tmp_repo: RepoFactory) -> None:
    root = tmp_repo()
    cache = NoteCache()
    base_id = BASE_NOTE[11:-3]
    first = _notes(root, cache)
    assert _notes(root, cache, TODAY + timedelta(days=1))[base_id] is not first[base_id]
    before = _notes(root, cache, TODAY)
    (root / "notesite.yaml").write_text("log_within_days: 3\n", encoding="utf-8")
    assert _notes(root, cache, TODAY)[base_id] is not before[base_id]


def test_a_note_broken_then_fixed_is_reported_then_cleared(tmp_repo: RepoFactory) -> None:
    root = tmp_repo({NOTE: note_text()})
    cache = NoteCache()
    assert not check_repository(root, TODAY, cache=cache).errors
    (root / NOTE).write_text(note_text(tags=["mentor-touchpoint"]), encoding="utf-8")
    assert [d.code for d in check_repository(root, TODAY, cache=cache).diagnostics] == ["NS403"]
    (root / NOTE).write_text(note_text(), encoding="utf-8")
    assert not check_repository(root, TODAY, cache=cache).diagnostics


def test_a_deleted_note_is_forgotten(tmp_repo: RepoFactory) -> None:
    root = tmp_repo({NOTE: note_text()})
    cache = NoteCache()
    assert len(_notes(root, cache)) == 2
    (root / NOTE).unlink()
    assert list(_notes(root, cache)) == [BASE_NOTE[11:-3]]
