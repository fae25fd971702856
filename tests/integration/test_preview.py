"""serve's early pages (preview.py): a saved note's pair page before the build, the same bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notesite.derive.facts import Facts, derive
from notesite.preview import early_pages
from notesite.render import render_site
from notesite.validate import check_repository
from site_program import TODAY, note, site_repository


def _facts(root: Path) -> Facts:
    checked = check_repository(root, TODAY, render=True)
    assert not checked.errors, checked.diagnostics
    return derive(checked.program, TODAY)


def _built(root: Path) -> dict[str, bytes] | None:
    """The site a build would write now (no search); None when the build refuses."""
    checked = check_repository(root, TODAY, render=True)
    if checked.errors:
        return None
    return render_site(derive(checked.program, TODAY), search=False)


# What a PM does to a note while serve runs: (kind, which note, a small number).
SAVES = st.lists(
    st.tuples(
        st.sampled_from(
            ["text", "minutes", "date", "tags", "safety", "new", "bad", "future", "author"]
        ),
        st.integers(0, 40),
        st.integers(0, 9),
    ),
    min_size=1,
    max_size=3,
)


def _save(root: Path, kind: str, which: int, n: int) -> Path:
    notes = sorted((root / "data" / "notes").rglob("*.md"))
    path = notes[which % len(notes)]
    text = path.read_text(encoding="utf-8")
    if kind == "text":
        text = text.replace("## Plan\n", f"## Plan\nCall the mentor again ({n}).\n", 1)
    elif kind == "minutes":
        text = text.replace("minutes: ", f"minutes: {n + 1}", 1)
    elif kind == "date":
        head, _, body = text.partition("\ndate: ")
        text = f"{head}\ndate: 2026-11-{10 + n:02d}\n{body.partition(chr(10))[2]}"
    elif kind == "tags":
        text = text.replace("tags: [", "tags: [career, ", 1)
    elif kind == "safety":
        text = text.replace("## Plan\n", "## Plan\nThe mentee said they feel unsafe at home.\n", 1)
    elif kind == "new":
        pair = path.parent.name
        rel, text = note(pair, f"2026-11-{10 + n:02d}", author="pm-a", n=7)
        path = root / rel
    elif kind == "bad":
        text = text.replace("## Data", "## Dat", 1)  # a DAP section missing: an error
    elif kind == "future":
        text = text.replace("\nlogged: ", "\nlogged: 2027-01-01\nx: ", 1)
    elif kind == "author":
        text = text.replace("author: ", "author: nobody-", 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site_repository(tmp_path_factory.mktemp("preview") / "base", demo=False)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(saves=SAVES)
def test_an_early_page_is_the_page_the_build_then_writes(
    program: Path, tmp_path: Path, saves: list[tuple[str, int, int]]
) -> None:
    root = tmp_path / "work"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(program, root)
    last = _facts(root)
    saved = [str(_save(root, *save)) for save in saves]
    early = early_pages(root, saved, last, TODAY, search=False)
    site = _built(root)
    if site is None:  # the build refuses: no page may be shown ahead of it
        assert early == {}, saves
        return
    for path, content in early.items():
        assert content == site[path], (saves, path)
    notes = [
        last.notes.get(Path(p).relative_to(root / "data/notes").as_posix()[:-3]) for p in saved
    ]
    requests = any(n is not None and n.note.meeting is not None for n in notes)
    if not requests and not any(kind in ("bad", "future", "author") for kind, _, _ in saves):
        pairs = {Path(p).parent.name for p in saved}
        assert set(early) == {f"pairs/{pid}.html" for pid in pairs}, saves


def test_what_cannot_be_judged_alone_shows_nothing_early(program: Path, tmp_path: Path) -> None:
    root = tmp_path / "work"
    shutil.copytree(program, root)
    last = _facts(root)
    notes = sorted((root / "data" / "notes").rglob("*.md"))
    edited = _save(root, "text", 0, 1)
    assert list(early_pages(root, [str(edited)], last, TODAY, search=True)) == [
        f"pairs/{edited.parent.name}.html"
    ]
    gone = notes[1]
    gone.unlink()  # a deleted note: its pair's page, the PM's counts... the build decides
    assert early_pages(root, [str(edited), str(gone)], last, TODAY, search=False) == {}
    pair = root / "data" / "pairs" / f"{edited.parent.name}.yaml"
    assert early_pages(root, [str(edited), str(pair)], last, TODAY, search=False) == {}
    settings_file = root / "notesite.yaml"
    assert early_pages(root, [str(edited), str(settings_file)], last, TODAY, search=False) == {}
    later = TODAY.replace(day=TODAY.day + 1)
    assert early_pages(root, [str(edited)], last, later, search=False) == {}  # a new day
    swap = edited.parent / f".{edited.name}.swp"
    swap.write_text("editor state", encoding="utf-8")
    gone = edited.parent / f"{edited.name}.tmp"  # an editor's temporary file, renamed away
    found = early_pages(root, [str(edited), str(swap), str(gone)], last, TODAY, search=False)
    assert list(found) == [f"pairs/{edited.parent.name}.html"]  # they change no page
    # Whatever the build reports (and is refused for) shows nothing early (found in review).
    hidden = edited.parent / f".{edited.name}"
    hidden.write_text(edited.read_text(encoding="utf-8"), encoding="utf-8")
    stray = edited.parent / "draft.txt"
    stray.write_text("not a note", encoding="utf-8")
    deeper = edited.parent / "old" / "2026-11-06-support.md"
    deeper.parent.mkdir()
    deeper.write_text(edited.read_text(encoding="utf-8"), encoding="utf-8")
    linked = root / "data" / "notes" / "p-0099"
    linked.symlink_to(edited.parent)
    link = edited.parent / "2026-11-05-support.md"
    link.symlink_to(edited)
    for other in (hidden, stray, deeper.parent, linked, link):
        assert early_pages(root, [str(edited), str(other)], last, TODAY, search=False) == {}
        assert _built(root) is None, other  # each of them: the build is refused
        if other == deeper.parent:
            shutil.rmtree(other)
        else:
            other.unlink()
    assert _built(root) is not None  # and with all of them gone, it is not


def test_a_saved_meeting_request_leaves_its_follow_ups_to_the_build(
    program: Path, tmp_path: Path
) -> None:
    root = tmp_path / "work"
    shutil.copytree(program, root)
    last = _facts(root)
    requests = [n for n in last.notes.values() if n.note.meeting is not None]
    assert requests, "the fixture has a meeting request"
    path = root / requests[0].note.file
    path.write_text(path.read_text(encoding="utf-8") + "\nMore detail.\n", encoding="utf-8")
    assert early_pages(root, [str(path)], last, TODAY, search=False) == {}
