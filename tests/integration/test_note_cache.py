"""NoteCache: `serve` rebuilds parse only the notes whose bytes changed."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from notesite.load.files import classify
from notesite.settings import Settings
from notesite.validate import NoteCache, check_repository
from notesite.validate.notes import check_note, today_matters_until
from support import BASE_NOTE, BODY, NOTE, TODAY, RepoFactory, make_repo, note_text


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


def test_a_new_day_reuses_the_notes_and_new_settings_parse_everything_again(
    tmp_repo: RepoFactory,
) -> None:
    root = tmp_repo()
    cache = NoteCache()
    base_id = BASE_NOTE[11:-3]
    first = _notes(root, cache)
    assert _notes(root, cache, TODAY + timedelta(days=1))[base_id] is first[base_id]
    before = _notes(root, cache, TODAY)
    (root / "notesite.yaml").write_text("log_within_days: 3\n", encoding="utf-8")
    assert _notes(root, cache, TODAY)[base_id] is not before[base_id]


def _future(root, cache, today):  # type: ignore[no-untyped-def]
    checked = check_repository(root, today, render=True, cache=cache)
    return [d.message for d in checked.diagnostics if d.code == "NS404"]


def test_a_note_dated_after_today_is_checked_again_each_day_until_its_date(
    tmp_repo: RepoFactory,
) -> None:
    """Checking a note compares its dates with today: a result is kept only from the latest
    of them on, so a future date is reported each day until it comes, and a build "as of" an
    earlier day than a kept result's dates checks the note again."""
    day = TODAY + timedelta(days=2)
    root = tmp_repo({NOTE: note_text(date=day.isoformat(), logged=day.isoformat())})
    cache = NoteCache()
    for offset in (0, 1):
        today = TODAY + timedelta(days=offset)
        assert _future(root, cache, today) == [
            f"`date: {day}` is in the future (today is {today})",
            f"`logged: {day}` is in the future (today is {today})",
        ]
    assert _future(root, cache, day) == []
    kept = _notes(root, cache, day)[NOTE[11:-3]]
    assert _notes(root, cache, day + timedelta(days=30))[NOTE[11:-3]] is kept  # from then on
    assert len(_future(root, cache, TODAY)) == 2  # an earlier day: checked again


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


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(["support", "safety", "out-of-program"]),
    offsets=st.lists(st.integers(-40, 40), min_size=4, max_size=4),
    later=st.integers(0, 400),
)
def test_a_notes_result_is_the_same_on_every_day_from_the_date_the_cache_keeps_it_from(
    tmp_path_factory: pytest.TempPathFactory, kind: str, offsets: list[int], later: int
) -> None:
    """`today_matters_until` names every date checking a note compares with today: from that
    day on, the note's result (model and diagnostics) never changes, and before it there is a
    date in the future to report."""
    base = date(2026, 10, 1)
    day, logged, escalated, requested = (base + timedelta(days=o) for o in offsets)
    fields: dict[str, object] = {"date": day.isoformat(), "logged": logged.isoformat()}
    if kind == "safety":
        fields |= {"severity": "major", "escalated_to": ["dir-b"], "escalated_on": escalated}
    elif kind == "out-of-program":
        fields["meeting"] = {"requested_on": requested, "planned_for": day, "approved": True}
    root = make_repo(tmp_path_factory.mktemp("r"), {NOTE: note_text(type=kind, **fields)})
    source = classify(NOTE)
    assert source is not None
    settings_ = Settings()
    note, _ = check_note(root, source, settings_, base + timedelta(days=500), True)
    assume(note is not None)
    assert note is not None
    until = today_matters_until(note)
    first = check_note(root, source, settings_, until, True)
    assert check_note(root, source, settings_, until + timedelta(days=later), True) == first
    before = check_note(root, source, settings_, until - timedelta(days=1), True)[1]
    assert "NS404" in {d.code for d in before}  # a date in the future


PHRASE = "## Plan\nThe mentee mentioned self-harm; I called the director at once.\n"


def test_the_lite_shards_are_what_a_check_without_render_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build writes each shard twice: with the rendered sections, and without them
    (`notes/*.lite.json`, for validate). Read back by a check that renders nothing, the lite
    results are exactly that check's own, notes and diagnostics, with no note parsed."""
    from notesite.validate import notes as notes_module
    from site_program import note, site_repository

    root = site_repository(tmp_path / "r", demo=False)
    path, text = note("p-0001", "2026-11-12", body=BODY.replace("## Plan\n", PHRASE))
    (root / path).write_text(text, encoding="utf-8")
    folder = tmp_path / "cache"
    writer = NoteCache(folder)
    check_repository(root, TODAY, render=True, cache=writer)
    writer.save()
    assert sorted(p.name for p in (folder / "notes").glob("*.lite.json"))
    plain = check_repository(root, TODAY)  # no cache, no render
    parsed: list[str] = []
    real = notes_module.check_note
    monkeypatch.setattr(
        "notesite.validate.check_note", lambda r, s, *a: parsed.append(s.rel) or real(r, s, *a)
    )
    lite = check_repository(root, TODAY, cache=NoteCache(folder))
    assert parsed == [] and not lite.program.rendered
    assert lite.program.notes == plain.program.notes
    assert [n.lines for n in lite.program.notes] == [n.lines for n in plain.program.notes]
    assert all(n.sections == () and n.text == "" for n in lite.program.notes)
    assert any(n.phrases for n in lite.program.notes)  # kept: the safety review reads them
    assert lite.diagnostics == plain.diagnostics and lite.diagnostics
