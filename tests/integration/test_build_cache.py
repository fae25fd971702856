"""The build cache (SPEC §16): kept between builds, verified on read, never changes the site."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notesite.derive.facts import derive
from notesite.program import NotRendered
from notesite.render import render_site
from notesite.validate import NoteCache, check_repository
from notesite.validate.cache import FOLDER, SHARDS, shard_name, shard_of
from support import (
    BASE_FILES,
    BASE_NOTE,
    FOCUS,
    FOCUS_FILE,
    NOTE,
    PAIR,
    PARTICIPATION,
    PARTICIPATION_FILE,
    RATING,
    RATING_FILE,
    TODAY,
    make_repo,
    note_text,
)


def _site(root: Path, cache: NoteCache | None, today: date = TODAY) -> dict[str, bytes]:
    """The files `build` would write (and the diagnostics it prints, as one more file);
    the cache saved as `build` saves it."""
    checked = check_repository(root, today, render=True, cache=cache)
    if cache is not None:
        cache.save()
    assert not checked.errors, checked.diagnostics
    files = render_site(derive(checked.program, today), search=False)
    return {**files, "(diagnostics)": repr(checked.diagnostics).encode()}


def _ids(root: Path, cache: NoteCache) -> dict[str, object]:
    return {n.id: n for n in check_repository(root, TODAY, render=True, cache=cache).program.notes}


def test_results_survive_into_a_new_process_and_round_trip_exactly(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {NOTE: note_text(tags=["mentor-touch-point", "other"])})
    folder = tmp_path / "cache"
    writer = NoteCache(folder)
    first = check_repository(root, TODAY, render=True, cache=writer)
    writer.save()
    cache = NoteCache(folder)  # a fresh one: the next `notesite build`
    again = check_repository(root, TODAY, render=True, cache=cache)
    assert cache._loaded and len(cache._results) == 2  # read back, not recomputed
    assert again.program.notes == first.program.notes
    assert [n.lines for n in again.program.notes] == [n.lines for n in first.program.notes]
    assert again.diagnostics == first.diagnostics and again.diagnostics  # NS-codes kept too
    assert json.loads(_shard(folder, NOTE).read_bytes().partition(b"\n")[0])["format"]


def _shard(folder: Path, rel: str, lite: bool = False) -> Path:
    return folder / shard_name(shard_of(rel), lite)


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The notes whose bytes the cache reads to hash them, from now on."""
    from notesite.validate import cache as cache_module

    read: list[str] = []
    digest = cache_module.file_digest

    def counted(root: Path, source):  # type: ignore[no-untyped-def]
        read.append(source.rel)
        return digest(root, source)

    monkeypatch.setattr(cache_module, "file_digest", counted)
    return read


def _settled_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A repository built once with its cache, every file counting as settled (so each
    keeps its file id however recently it was written)."""
    from notesite.validate import cache as cache_module

    monkeypatch.setattr(cache_module, "SETTLED_NS", -(10**12))
    root = make_repo(tmp_path / "r", {NOTE: note_text()})
    folder = tmp_path / "cache"
    _site(root, NoteCache(folder))
    return root, folder


def test_a_note_whose_file_id_is_unchanged_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, folder = _settled_repo(tmp_path, monkeypatch)
    read = _count_reads(monkeypatch)
    _ids(root, NoteCache(folder))  # a new process: ids read back from the shard
    assert read == []
    # The same length, the modification time put back: the change time (and so the id) differs.
    text = (root / NOTE).read_text(encoding="utf-8")
    before = (root / NOTE).stat()
    time.sleep(0.05)  # past any clock tick of the file system's change time
    (root / NOTE).write_text(text.replace("minutes: 30", "minutes: 31"), encoding="utf-8")
    os.utime(root / NOTE, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (root / NOTE).stat().st_size == before.st_size
    notes = _ids(root, NoteCache(folder))
    assert read == [NOTE] and notes[NOTE[11:-3]].minutes == 31  # type: ignore[attr-defined]
    # Replaced by a link to a note elsewhere: never read through it, reported as a link.
    (tmp_path / "elsewhere.md").write_text(text, encoding="utf-8")
    (root / NOTE).unlink()
    (root / NOTE).symlink_to(tmp_path / "elsewhere.md")
    checked = check_repository(root, TODAY, render=True, cache=NoteCache(folder))
    assert NOTE[11:-3] not in {n.id for n in checked.program.notes} and checked.errors


def test_a_check_that_changed_nothing_writes_nothing_and_a_new_file_id_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, folder = _settled_repo(tmp_path, monkeypatch)

    def files() -> dict[str, int]:
        return {p.name: p.stat().st_ino for p in sorted((folder / FOLDER).iterdir())}

    before = files()
    for render in (True, False):  # a build, then a validate
        cache = NoteCache(folder)
        check_repository(root, TODAY, render=render, cache=cache)
        cache.save()
    assert files() == before  # nothing changed, nothing written again
    # The same bytes with a new file id (touched): the shard keeps the new id, so the next
    # check does not read the file again.
    time.sleep(0.05)
    os.utime(root / NOTE)
    cache = NoteCache(folder)
    check_repository(root, TODAY, render=True, cache=cache)
    cache.save()
    after = files()
    assert after[_shard(folder, NOTE).name] != before[_shard(folder, NOTE).name]
    others = set(before) - {_shard(folder, NOTE).name, _shard(folder, NOTE, True).name}
    assert {name: after[name] for name in others} == {name: before[name] for name in others}
    read = _count_reads(monkeypatch)
    _ids(root, NoteCache(folder))
    assert read == []


def test_a_note_changed_just_before_it_was_read_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Git's racily clean rule: a file changed within two seconds of its read keeps no id,
    since a second write within the same clock tick could leave every time as it was."""
    root = make_repo(tmp_path / "r", {NOTE: note_text()})
    folder = tmp_path / "cache"
    _site(root, NoteCache(folder))  # the notes were written a moment ago
    read = _count_reads(monkeypatch)
    _ids(root, NoteCache(folder))
    assert sorted(read) == sorted([BASE_NOTE, NOTE])


def test_one_changed_note_rewrites_only_its_shard(tmp_path: Path) -> None:
    other = "data/notes/p-0002/2026-10-03-support.md"
    assert shard_of(other) != shard_of(NOTE)
    root = make_repo(tmp_path / "r", {NOTE: note_text(), other: note_text(pair="p-0002")})
    folder = tmp_path / "cache"

    def checked() -> None:  # p-0002 is not on file: errors, but results are kept all the same
        cache = NoteCache(folder)
        check_repository(root, TODAY, render=True, cache=cache)
        cache.save()

    checked()
    shards = sorted((folder / FOLDER).iterdir())
    assert len(shards) == 4 and SHARDS == 64  # two shards, each with its lite twin
    inodes = {p.name: p.stat().st_ino for p in shards}
    (root / other).write_text(note_text(pair="p-0002", minutes=45), encoding="utf-8")
    checked()
    after = {p.name: p.stat().st_ino for p in (folder / FOLDER).iterdir()}
    for lite in (False, True):
        kept, changed = (_shard(folder, rel, lite).name for rel in (NOTE, other))
        assert after[kept] == inodes[kept]
        assert after[changed] != inodes[changed]


def _warm(tmp_path: Path) -> tuple[Path, Path]:
    root = make_repo(tmp_path / "r", {NOTE: note_text()})
    folder = tmp_path / "cache"
    _site(root, NoteCache(folder))
    return root, folder


@pytest.mark.parametrize(
    "damage",
    ["truncated", "corrupt", "old-version", "other-context", "garbage", "link", "folder"],
)
@pytest.mark.parametrize("lite", [False, True], ids=["full", "lite"])
def test_a_damaged_cache_is_ignored(tmp_path: Path, damage: str, lite: bool) -> None:
    root, folder = _warm(tmp_path)
    path = _shard(folder, NOTE, lite)
    assert _shard(folder, BASE_NOTE, lite) == path  # one pair's notes: one shard
    raw = path.read_bytes()
    head, _, body = raw.partition(b"\n")
    meta = json.loads(head)
    if damage == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "corrupt":
        path.write_bytes(head + b"\n" + body.replace(b'"minutes":30', b'"minutes":31'))
    elif damage == "old-version":
        path.write_bytes(json.dumps({**meta, "notesite": "0.0.1"}).encode() + b"\n" + body)
    elif damage == "other-context":
        path.write_bytes(json.dumps({**meta, "context": "0" * 32}).encode() + b"\n" + body)
    elif damage == "garbage":
        path.write_bytes(b"\x80\x81not json\n\x00")
    elif damage == "link":
        (tmp_path / "elsewhere.json").write_bytes(raw)
        path.unlink()
        path.symlink_to(tmp_path / "elsewhere.json")
    else:
        path.unlink()
        path.mkdir()
    cache = NoteCache(folder)  # a build reads the full shards, validate the lite ones
    checked = check_repository(root, TODAY, render=not lite, cache=cache)
    notes = {n.id: n for n in checked.program.notes}
    assert notes[NOTE[11:-3]].minutes == 30
    # Nothing was reused: every result is fresh (a reused one is the object read from disk).
    fresh = check_repository(root, TODAY, render=not lite).program.notes
    assert sorted(notes.values(), key=lambda n: n.id) == sorted(fresh, key=lambda n: n.id)


def test_a_planted_entry_with_a_valid_digest_for_another_file_is_refused(tmp_path: Path) -> None:
    """An entry whose note or diagnostics name another file (copied, or made up) spoils the
    whole file: a forged digest line does not make it trusted."""
    import hashlib

    root, folder = _warm(tmp_path)
    path = _shard(folder, NOTE)
    head, _, body = path.read_bytes().partition(b"\n")
    entries = json.loads(body)
    planted = [*entries[0][:3], entries[1][3]]  # file A's key, file B's result
    body2 = json.dumps([planted, *entries[1:]]).encode()
    meta = {**json.loads(head), "digest": hashlib.blake2b(body2, digest_size=16).hexdigest()}
    path.write_bytes(json.dumps(meta).encode() + b"\n" + body2)
    cache = NoteCache(folder)
    _ids(root, cache)
    assert {n.file for n, _ in cache._results.values() if n is not None} == {BASE_NOTE, NOTE}
    assert all(n is None or n.file == rel for (rel, _), (n, _) in cache._results.items())


def test_an_unwritable_cache_costs_time_not_the_build(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r")
    (tmp_path / "cache").write_text("a file where the folder should be\n", encoding="utf-8")
    cache = NoteCache(tmp_path / "cache")
    assert _site(root, cache) == _site(root, None)
    assert cache.problem and "cache" in cache.problem


def test_pages_refuse_a_program_checked_without_render(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r")
    checked = check_repository(root, TODAY)
    with pytest.raises(NotRendered, match="render=True"):
        render_site(derive(checked.program, TODAY), search=False)


# An edit is (kind, small number); applied in turn to a small program, each followed by a
# build with the kept cache and one from scratch without it: their files must be equal.
KINDS = [
    "edit",
    "add",
    "delete",
    "rename",
    "pm",
    "staff-name",
    "setting",
    "rating",
    "focus",
    "participation",
    "today",
]  # benchmarks/sequence.py makes each of them too, at scale
EDITS = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 3)), min_size=1, max_size=5)


def _notes(root: Path) -> list[Path]:
    return sorted((root / "data" / "notes").rglob("*.md"))


def _apply(root: Path, kind: str, n: int) -> date:  # noqa: C901 - one branch per edit kind
    notes = _notes(root)
    if kind == "edit" and notes:
        path = notes[n % len(notes)]
        path.write_text(path.read_text().replace("minutes: 30", f"minutes: {31 + n}"), "utf-8")
    elif kind == "add":
        day = 4 + n
        path = root / f"data/notes/p-0001/2026-10-{day:02d}-support.md"
        logged = f"2026-10-{day + 4:02d}"  # late for some settings below: NS800 comes and goes
        path.write_text(note_text(date=f"2026-10-{day:02d}", logged=logged), "utf-8")
    elif kind == "delete" and len(notes) > 1:
        notes[n % len(notes)].unlink()
    elif kind == "rename" and notes:
        path = notes[n % len(notes)]
        if path.name.endswith("-support.md"):
            path.rename(path.with_name(path.name.replace("-support.md", f"-support-{n + 2}.md")))
    elif kind == "pm":
        pair = root / "data/pairs/p-0001.yaml"
        pair.write_text(pair.read_text().replace("pm: pm-a", "pm: dir-b" if n % 2 else "pm: pm-a"))
    elif kind == "staff-name":
        staff = root / "data/staff.yaml"
        staff.write_text(staff.read_text().replace("Alex Park", f"Alex Park{n}" if n else "Al P"))
    elif kind == "setting":
        (root / "notesite.yaml").write_text(f"log_within_days: {2 + n}\n", encoding="utf-8")
    elif kind == "rating":
        (root / RATING_FILE).parent.mkdir(parents=True, exist_ok=True)
        (root / RATING_FILE).write_text(RATING if n % 2 else RATING.replace("3", "2", 1), "utf-8")
    elif kind == "focus":
        (root / FOCUS_FILE).parent.mkdir(parents=True, exist_ok=True)
        (root / FOCUS_FILE).write_text(FOCUS, encoding="utf-8")
        if n % 2:
            (root / FOCUS_FILE).unlink()
    elif kind == "participation":
        (root / PARTICIPATION_FILE).parent.mkdir(parents=True, exist_ok=True)
        text = PARTICIPATION if n % 2 else PARTICIPATION.replace("missed", "done")
        (root / PARTICIPATION_FILE).write_text(text, encoding="utf-8")
    return TODAY if kind != "today" else date(2026, 11, 22 + n)


def _fresh(tmp_path: Path, *clear: str) -> Path:
    """A new copy of the small program in `work/` for one hypothesis example (the program
    itself made once per test), with the folders `clear` of the last example gone."""
    base = tmp_path / "base"
    if not base.exists():
        make_repo(base, {NOTE: note_text(logged="2026-10-07")})  # late for some settings
    for name in ("work", *clear):
        shutil.rmtree(tmp_path / name, ignore_errors=True)
    shutil.copytree(base, tmp_path / "work")
    return tmp_path / "work"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=EDITS)
def test_an_incremental_build_writes_the_same_files_as_one_from_scratch(
    tmp_path: Path, edits: list[tuple[str, int]]
) -> None:
    work = _fresh(tmp_path, "cache-run")
    folder = tmp_path / "cache-run"
    _site(work, NoteCache(folder))  # warm
    for kind, n in edits:
        today = _apply(work, kind, n)
        checked = check_repository(work, today, render=True)
        if checked.errors:  # an edit the program refuses: the build writes nothing either way
            continue
        incremental = _site(work, NoteCache(folder), today)  # a new process each time
        assert incremental == _site(work, None, today), (kind, n)


def test_a_cache_committed_to_the_repository_is_not_used(tmp_path: Path) -> None:
    """A pull request could commit a planted `.notesite-cache/`; `build` never reads one git
    tracks, and says how to remove it."""
    from click.testing import CliRunner

    from notesite.cli import main
    from support import git

    root = make_repo(tmp_path / "r", {NOTE: note_text()})
    argv = ["build", "--root", str(root), "--today", TODAY.isoformat(), "--no-search"]
    first = CliRunner().invoke(main, argv)
    assert first.exit_code == 0, first.output
    planted = root / ".notesite-cache" / shard_name(shard_of(NOTE))
    assert planted.is_file()  # the default place: beside site/, in the repository
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "add", "-f", ".notesite-cache")
    git(root, "commit", "-q", "-m", "a planted cache")
    planted.write_bytes(b"planted")  # whatever it holds, it must not be read or rewritten
    again = CliRunner().invoke(main, argv)
    assert again.exit_code == 0, again.output
    assert "is committed to the repository" in again.output
    assert "git rm -r --cached .notesite-cache" in again.output
    assert planted.read_bytes() == b"planted"


def test_a_committed_cache_elsewhere_in_the_repository_is_named_as_git_names_it(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from notesite.cli import main
    from support import git

    root = make_repo(tmp_path / "r", {NOTE: note_text()})
    argv = ["build", "--root", str(root), "--today", TODAY.isoformat(), "--no-search",
            "--cache", str(root / "build" / "cache")]  # fmt: skip
    assert CliRunner().invoke(main, argv).exit_code == 0
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "add", "-f", "build/cache")
    git(root, "commit", "-q", "-m", "a planted cache")
    again = CliRunner().invoke(main, argv)
    assert again.exit_code == 0, again.output
    assert "git rm -r --cached build/cache," in again.output


# --- Pages not rendered again, files not written again (the site record, site.json) -------


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _build(root: Path, out: Path, folder: Path | None, today: date = TODAY) -> list[str]:
    from notesite.build import build

    lines: list[str] = []
    cache = NoteCache(folder) if folder is not None else None
    result = build(root, out, today, search=False, cache=cache, progress=lines.append)
    assert result.ok, result.diagnostics
    return lines


def test_one_edited_note_renders_its_pages_and_keeps_every_other_file(tmp_path: Path) -> None:
    from notesite.validate.cache import SITE_FILE

    root = make_repo(tmp_path / "r", {NOTE: note_text()})
    out, folder = tmp_path / "site", tmp_path / "cache"
    _build(root, out, folder)
    before = {rel: (out / rel).stat().st_ino for rel in _tree(out)}
    assert (folder / SITE_FILE).is_file()
    again = _build(root, out, folder)  # nothing changed: nothing rendered, nothing written
    assert any(line.startswith("Rendered 0 pages (") for line in again), again
    assert any(line.startswith("Wrote 0 files (") for line in again), again
    after = {rel: (out / rel).stat().st_ino for rel in _tree(out)}
    assert {rel for rel in after if after[rel] != before[rel]} == {".notesite-site"}  # marker
    path = root / NOTE
    path.write_text(path.read_text(encoding="utf-8").replace("minutes: 30", "minutes: 40"), "utf-8")
    edited = _build(root, out, folder)
    after = {rel: (out / rel).stat().st_ino for rel in _tree(out)}
    changed = {rel for rel in after if after[rel] != before.get(rel)} - {".notesite-site"}
    pair = "pairs/" + NOTE.split("/")[2] + ".html"
    assert pair in changed and "assets/style.css" not in changed
    assert len(changed) < len(after) / 2, (changed, edited)
    scratch = tmp_path / "scratch"
    _build(root, scratch, None)
    assert _tree(out) == _tree(scratch)


def test_a_file_of_the_site_changed_by_hand_is_written_again(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "r", {NOTE: note_text()})
    out, folder = tmp_path / "site", tmp_path / "cache"
    _build(root, out, folder)
    good = (out / "index.html").read_bytes()
    (out / "index.html").write_bytes(b"edited by hand")  # same inode, new size and time
    (out / "tags.html").unlink()
    (out / "tags.html").symlink_to(out / "rubric.html")  # a link is never kept
    _build(root, out, folder)
    assert (out / "index.html").read_bytes() == good
    assert not (out / "tags.html").is_symlink()
    scratch = tmp_path / "scratch"
    _build(root, scratch, None)
    assert _tree(out) == _tree(scratch)


@pytest.mark.parametrize("damage", ["garbage", "digest", "other-site", "old-version", "ids"])
def test_a_damaged_or_foreign_site_record_renders_everything(tmp_path: Path, damage: str) -> None:
    from notesite.validate.cache import SITE_FILE

    root = make_repo(tmp_path / "r", {NOTE: note_text()})
    out, folder = tmp_path / "site", tmp_path / "cache"
    _build(root, out, folder)
    path = folder / SITE_FILE
    head, _, body = path.read_bytes().partition(b"\n")
    meta = json.loads(head)
    if damage == "garbage":
        path.write_bytes(b"\x00not json")
    elif damage == "digest":
        path.write_bytes(head + b"\n" + body.replace(b'"index.html"', b'"index.htm"'))
    elif damage == "other-site":
        path.write_bytes(json.dumps({**meta, "site": str(tmp_path / "x")}).encode() + b"\n" + body)
    elif damage == "old-version":
        path.write_bytes(json.dumps({**meta, "notesite": "0.0.1"}).encode() + b"\n" + body)
    else:  # ids that match no file: nothing is held
        import hashlib

        entries = {k: [v[0], v[1], [1, 2, 3]] for k, v in json.loads(body).items()}
        body2 = json.dumps(entries).encode()
        digest = hashlib.blake2b(body2, digest_size=16).hexdigest()
        path.write_bytes(json.dumps({**meta, "digest": digest}).encode() + b"\n" + body2)
    lines = _build(root, out, folder)
    assert not any("unchanged" in line for line in lines), lines
    again = _build(root, out, folder)  # the record is written whole again
    assert any(line.startswith("Rendered 0 pages (") for line in again), again


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=EDITS)
def test_an_incremental_build_of_the_site_equals_one_from_scratch(
    tmp_path: Path, edits: list[tuple[str, int]]
) -> None:
    """Through `build` and its output folder: pages kept, files linked, the same bytes."""
    work = _fresh(tmp_path, "site", "cache-b", "scratch")
    out, folder = tmp_path / "site", tmp_path / "cache-b"
    _build(work, out, folder)
    for kind, n in edits:
        today = _apply(work, kind, n)
        if check_repository(work, today, render=True).errors:
            continue
        _build(work, out, folder, today)
        scratch = tmp_path / "scratch"
        shutil.rmtree(scratch, ignore_errors=True)
        _build(work, scratch, None, today)
        assert _tree(out) == _tree(scratch), (kind, n)


SECOND_PAIR = "data/pairs/p-0002.yaml"
# A pair whose PM is not on the roster: reported at the `pm:` line, which a kept document
# finds by parsing its positions from the text again.
UNKNOWN_PM = (
    BASE_FILES[PAIR]
    .replace("0001", "0002")  # the pair, its mentor and mentee
    .replace("pm: pm-a", "pm: pm-nobody")
)


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The YAML texts parsed from now on (a kept document is not parsed)."""
    from notesite.load import yamlcache, yamlpos

    parsed: list[str] = []
    load = yamlpos.load_yaml

    def counted(text: str, **kw):  # type: ignore[no-untyped-def]
        parsed.append(text)
        return load(text, **kw)

    monkeypatch.setattr(yamlcache, "load_yaml", counted)
    monkeypatch.setattr(yamlpos, "load_yaml", counted)  # a kept document's positions
    return parsed


def test_unchanged_yaml_files_are_not_parsed_again_and_problems_keep_their_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(tmp_path / "r", {SECOND_PAIR: UNKNOWN_PM, RATING_FILE: RATING})
    folder = tmp_path / "cache"
    writer = NoteCache(folder)
    first = check_repository(root, TODAY, render=True, cache=writer)
    writer.save()
    assert (folder / "yaml.json").is_file()
    parsed = _count_parses(monkeypatch)
    again = check_repository(root, TODAY, render=True, cache=NoteCache(folder))  # a new process
    # The roster's positions are split by entry up front (one file); a pair's only to find
    # the line of its problem; nothing else is parsed.
    assert parsed == [(root / "data/staff.yaml").read_text(encoding="utf-8"), UNKNOWN_PM]
    assert again.diagnostics == first.diagnostics
    assert [(d.line, d.code) for d in again.diagnostics if d.file == SECOND_PAIR] == [(5, "NS301")]
    assert again.program == first.program
    # An edited file is parsed again, and what it says now is what the build sees.
    now = UNKNOWN_PM.replace("pm-nobody", "pm-a")
    (root / SECOND_PAIR).write_text(now, encoding="utf-8")
    parsed.clear()
    edited = check_repository(root, TODAY, render=True, cache=NoteCache(folder))
    assert parsed[1:] == [now]  # after the roster
    assert edited.program.pairs["p-0002"].pm == "pm-a"
    assert not [d for d in edited.diagnostics if d.file == SECOND_PAIR]


@pytest.mark.parametrize(
    "damage", ["truncated", "old-version", "planted", "overflow", "bad-key", "link"]
)
def test_a_damaged_yaml_cache_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    """Whatever is wrong with the kept documents, every YAML file is parsed afresh."""
    import hashlib

    root = make_repo(tmp_path / "r", {SECOND_PAIR: UNKNOWN_PM})
    folder = tmp_path / "cache"
    writer = NoteCache(folder)
    check_repository(root, TODAY, render=True, cache=writer)
    writer.save()
    path = folder / "yaml.json"
    raw = path.read_bytes()
    head, _, body = raw.partition(b"\n")
    meta = json.loads(head)

    def forged(new_body: bytes) -> bytes:  # a digest line that matches: not enough on its own
        digest = hashlib.blake2b(new_body, digest_size=16).hexdigest()
        return json.dumps({**meta, "digest": digest}).encode() + b"\n" + new_body

    docs = json.loads(body)
    if damage == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "old-version":
        path.write_bytes(json.dumps({**meta, "notesite": "0.0.1"}).encode() + b"\n" + body)
    elif damage == "planted":  # a value encode never makes (an object of two keys)
        planted = {key: {"x": 1, "y": 2} for key in docs}
        path.write_bytes(forged(json.dumps(planted).encode()))
    elif damage == "overflow":  # a float too large to be one
        planted = {key: {"f": "0x1p99999"} for key in docs}
        path.write_bytes(forged(json.dumps(planted).encode()))
    elif damage == "bad-key":
        path.write_bytes(forged(json.dumps({"../../x": next(iter(docs.values()))}).encode()))
    else:
        (tmp_path / "elsewhere.json").write_bytes(raw)
        path.unlink()
        path.symlink_to(tmp_path / "elsewhere.json")
    parsed = _count_parses(monkeypatch)
    cache = NoteCache(folder)
    checked = check_repository(root, TODAY, render=True, cache=cache)
    assert len(parsed) >= len(docs)  # every document the cache held was parsed again
    fresh = check_repository(root, TODAY, render=True)
    assert checked.program == fresh.program and checked.diagnostics == fresh.diagnostics
    cache.save()
    assert json.loads(path.read_bytes().partition(b"\n")[2]).keys() == docs.keys()  # mended


def _digests(root: Path, today: date, tokens: bool) -> dict[str, str]:
    """Every page's digest, the pairs' facts walked or (`tokens`) taken by their inputs."""
    from notesite.render import html, pages
    from notesite.render.digest import page_digests

    checked = check_repository(root, today, render=True)
    facts = derive(checked.program, today)
    every = list(pages.pages(facts))
    common = pages.common(facts, search=False)
    return page_digests(every, common, html.TEMPLATES, None, facts if tokens else None)


def test_a_pairs_input_token_changes_whenever_its_facts_do(tmp_path: Path) -> None:
    """Pages digest a pair's facts by what they are derived from (render/digest.py's
    `pair_tokens`). Over every kind of edit, each page whose digest changes when the facts are
    walked must also change when they are taken by their inputs: a token that missed an input
    would leave a page as it was."""
    root = make_repo(tmp_path / "r", {NOTE: note_text(logged="2026-10-07")})
    kinds = ["edit", "add", "delete", "rename", "pm", "staff-name", "setting", "rating"]
    kinds += ["focus", "participation", "today"]
    today = TODAY
    walked, tokened = _digests(root, today, False), _digests(root, today, True)
    pair_pages_changed = 0
    for n in range(3):
        for kind in kinds:
            today = _apply(root, kind, n)
            if check_repository(root, today, render=True).errors:
                continue
            now_walked, now_tokened = _digests(root, today, False), _digests(root, today, True)
            changed = {p for p, d in now_walked.items() if walked.get(p) != d}
            missed = {p for p in changed if tokened.get(p) == now_tokened.get(p)}
            assert not missed, (kind, n, missed)
            pair_pages_changed += "pairs/p-0001.html" in changed
            walked, tokened = now_walked, now_tokened
    assert pair_pages_changed >= 10  # the edits did reach the pair's own page


def test_an_entry_claiming_more_days_than_its_dates_allow_is_refused(tmp_path: Path) -> None:
    """A result kept "from" a day other than the latest date it was checked against would
    hide a future date on the days before: such a shard is not trusted, digest line or not."""
    import hashlib

    root, folder = _warm(tmp_path)
    path = _shard(folder, NOTE)
    head, _, body = path.read_bytes().partition(b"\n")
    entries = json.loads(body)
    assert all(e[3][0] is False for e in entries)  # dated before today: kept from a date on
    entries[0][3][1] = "2000-01-01"
    body2 = json.dumps(entries).encode()
    meta = {**json.loads(head), "digest": hashlib.blake2b(body2, digest_size=16).hexdigest()}
    path.write_bytes(json.dumps(meta).encode() + b"\n" + body2)
    cache = NoteCache(folder)
    assert _ids(root, cache) and cache._disk[shard_of(NOTE)] is None  # ignored, to be rewritten
    cache.save()
    assert json.loads(path.read_bytes().partition(b"\n")[2])[0][3][1] != "2000-01-01"


def test_a_long_serve_keeps_one_set_of_yaml_documents(tmp_path: Path) -> None:
    """The memo forgets the documents a check did not use, whether or not the cache is saved
    (serve's search indexer never saves its own)."""
    root = make_repo(tmp_path / "r")
    cache = NoteCache()  # in memory
    for n in range(5):
        text = UNKNOWN_PM.replace("pm-nobody", "pm-a").replace("grade: 10", f"grade: {9 + n}")
        (root / SECOND_PAIR).write_text(text, encoding="utf-8")
        check_repository(root, TODAY, render=True, cache=cache)
    memo = cache.yaml_memo()
    assert len(memo.known) == len(list((root / "data").rglob("*.yaml"))) and not memo.used


def test_a_build_writes_missing_lite_shards_again(tmp_path: Path) -> None:
    """A cache made before the lite shards (or with them deleted): the next build writes
    them, so validate does not check every note again (found in review)."""
    root, folder = _warm(tmp_path)
    lites = sorted((folder / FOLDER).glob("*.lite.json"))
    assert lites
    for lite in lites:
        lite.unlink()
    cache = NoteCache(folder)
    check_repository(root, TODAY, render=True, cache=cache)
    cache.save()
    assert sorted((folder / FOLDER).glob("*.lite.json")) == lites
