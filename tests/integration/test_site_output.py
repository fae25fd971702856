"""The site switch under faults: a kill at every step, concurrent builds, SIGTERM and SIGINT.

A build runs in a child process whose `notesite.write._checkpoint` is replaced (see `CHILD`):
at the chosen step it kills itself (SIGKILL), signals itself, or waits to be signalled. After
it, `--out` must be a whole site, the old one or the new one, byte for byte; the next build
must clean up everything the dead one left; and nothing of the notes may be left in $TMPDIR.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from notesite import write
from notesite.build import build
from notesite.cli import main
from support import BASE_NOTE, TODAY, RepoFactory, make_repo

CHILD = """
import errno, os, signal, sys, time
from pathlib import Path
import notesite.render.search, notesite.write as w
step, action, flag = sys.argv[1], sys.argv[2], Path(sys.argv[3])
if os.environ.get("NO_EXCHANGE"):
    def no_exchange(a, b):
        raise OSError(errno.EINVAL, "Invalid argument", str(a))
    w.exchange = no_exchange

def act():
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action in ("term", "int"):
        os.kill(os.getpid(), signal.SIGTERM if action == "term" else signal.SIGINT)
    elif action in ("wait", "pause"):
        flag.write_text("reached")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # until signalled (wait) or told to go on (pause)
            if action == "pause" and flag.with_name("go").exists():
                return
            time.sleep(0.02)

def hook(name):
    if name == step:
        act()
w._checkpoint = hook
if step == "search":  # while Pagefind indexes: the notes are in the scratch folder
    run = notesite.render.search.subprocess.run
    def indexing(*args, **kwargs):
        act()
        return run(*args, **kwargs)
    notesite.render.search.subprocess.run = indexing
from notesite.cli import main
main(sys.argv[4:])
"""

REACHED = {  # the steps each kind of build goes through, in order
    "exchange": ["locked", "cleaned", "scratch", "writing", "written", "swapped", "removed"],
    "first": ["locked", "cleaned", "scratch", "writing", "written", "swapped"],
    "two-renames": [
        "locked", "cleaned", "scratch", "writing", "written", "moved-old", "swapped", "removed",
    ],
}  # fmt: skip


def read_tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@dataclass
class Setup:
    root: Path
    out: Path
    tmpdir: Path  # the child's $TMPDIR: must stay empty
    old: dict[str, bytes]  # the site before the change (empty for a first build)
    new: dict[str, bytes]  # the site after it

    def child(self, step: str, action: str, *, exchange: bool = True) -> subprocess.Popen[str]:
        env = {**os.environ, "TMPDIR": str(self.tmpdir), "PYTHONUNBUFFERED": "1"}
        if not exchange:
            env["NO_EXCHANGE"] = "1"
        args = ["build", "--root", str(self.root), "--out", str(self.out), "--today",
                TODAY.isoformat()]  # fmt: skip
        flag = self.out.parent / "reached"
        return subprocess.Popen(
            [sys.executable, "-c", CHILD, step, action, str(flag), *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def run(self, step: str, action: str, *, exchange: bool = True) -> tuple[int, str]:
        proc = self.child(step, action, exchange=exchange)
        _, err = proc.communicate(timeout=120)
        return proc.returncode, err

    def work_is_clean(self) -> None:
        work = self.out.parent / f".notesite-{self.out.name}"
        assert sorted(p.name for p in work.iterdir()) == [".gitignore", "lock"]
        # Beside the site: its work folder, the build cache once a build got as far as writing
        # it (SPEC §16; written whole, before the pages), and the test's own flag files.
        cache = self.out.parent / ".notesite-cache"
        kept = [cache.name] if cache.exists() else []
        assert sorted(p.name for p in self.out.parent.iterdir()) == sorted(
            [self.out.name, work.name, *kept] + [p.name for p in self._flags()]
        )
        if kept:
            assert {p.name for p in cache.iterdir()} <= {
                ".gitignore",
                "notes",
                "site.json",
                "yaml.json",
                "search",
            }
            shards = cache / "search"
            if shards.exists():  # whole entries only: no temporary folder is left behind
                assert [p.name for p in shards.iterdir() if p.name.startswith(".")] == []
        assert list(self.tmpdir.iterdir()) == []

    def _flags(self) -> Iterator[Path]:
        return (p for p in self.out.parent.iterdir() if p.name in ("reached", "go"))


@dataclass(frozen=True)
class Built:
    repo: Path  # the repository after the change
    site: Path  # the site before it
    old: dict[str, bytes]
    new: dict[str, bytes]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A repository, its site, then a note changed, and the site the change gives; built once
    per module and copied for each test."""
    base = tmp_path_factory.mktemp("output")
    root = make_repo(base / "repo")
    assert build(root, base / "old" / "site", TODAY).ok
    note = root / BASE_NOTE
    note.write_text(note.read_text().replace("Next call in February.", "Next call in March."))
    assert build(root, base / "new" / "site", TODAY).ok
    old, new = read_tree(base / "old" / "site"), read_tree(base / "new" / "site")
    assert old != new
    return Built(root, base / "old" / "site", old, new)


def _setup(built: Built, tmp_path: Path, *, first: bool) -> Setup:
    root = shutil.copytree(built.repo, tmp_path / "repo", symlinks=True)
    out, tmpdir = tmp_path / "www" / "site", tmp_path / "tmpdir"
    out.parent.mkdir()
    tmpdir.mkdir()
    if not first:
        shutil.copytree(built.site, out, symlinks=True)
    return Setup(root, out, tmpdir, {} if first else built.old, built.new)


@pytest.fixture
def rebuilt(built: Built, tmp_path: Path) -> Setup:
    """A site built, then a note changed: the next build replaces the site."""
    return _setup(built, tmp_path, first=False)


@pytest.fixture
def first(built: Built, tmp_path: Path) -> Setup:
    """No site yet: the next build makes the first one."""
    return _setup(built, tmp_path, first=True)


def test_each_kind_of_build_passes_the_steps_it_should(
    rebuilt: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    monkeypatch.setattr(write, "_checkpoint", seen.append)
    assert build(rebuilt.root, rebuilt.out, TODAY).ok
    assert seen == REACHED["exchange"]
    seen.clear()
    monkeypatch.setattr(write, "exchange", _no_exchange)
    assert build(rebuilt.root, rebuilt.out, TODAY).ok
    assert seen == REACHED["two-renames"]
    assert set(STEPS_TESTED) == set(write.STEPS)  # every step of the write is killed below


def _no_exchange(a: Path, b: Path) -> None:
    raise OSError(22, "Invalid argument", str(a))


STEPS_TESTED = sorted({s for steps in REACHED.values() for s in steps})


@pytest.mark.parametrize("step", REACHED["exchange"])
def test_killed_at_any_step_the_site_is_whole_and_the_next_build_cleans_up(
    rebuilt: Setup, step: str
) -> None:
    code, err = rebuilt.run(step, "kill")
    assert code == -signal.SIGKILL, err
    assert read_tree(rebuilt.out) in (rebuilt.old, rebuilt.new)
    if step == "removed":
        assert read_tree(rebuilt.out) == rebuilt.new
    assert list(rebuilt.tmpdir.iterdir()) == []  # the notes never went to $TMPDIR
    assert build(rebuilt.root, rebuilt.out, TODAY).ok
    assert read_tree(rebuilt.out) == rebuilt.new
    rebuilt.work_is_clean()


@pytest.mark.parametrize("step", REACHED["first"])
def test_a_first_build_killed_leaves_no_site_or_a_whole_one(first: Setup, step: str) -> None:
    code, err = first.run(step, "kill")
    assert code == -signal.SIGKILL, err
    assert not os.path.lexists(first.out) or read_tree(first.out) == first.new
    assert build(first.root, first.out, TODAY).ok
    assert read_tree(first.out) == first.new
    first.work_is_clean()


@pytest.mark.parametrize("step", ["moved-old", "swapped", "removed"])
def test_without_an_exchange_a_killed_swap_is_put_back_by_the_next_build(
    rebuilt: Setup, step: str
) -> None:
    code, err = rebuilt.run(step, "kill", exchange=False)
    assert code == -signal.SIGKILL, err
    if step == "moved-old":  # the one moment without a site: the next run puts it back
        assert not os.path.lexists(rebuilt.out)
        (rebuilt.root / "data/notes/p-0001/2026-10-01-support.md").write_text("broken\n")
        refused = build(rebuilt.root, rebuilt.out, TODAY)
        assert not refused.ok
        assert read_tree(rebuilt.out) == rebuilt.old
        (rebuilt.root / "data/notes/p-0001/2026-10-01-support.md").unlink()
    else:
        assert read_tree(rebuilt.out) == rebuilt.new
    assert build(rebuilt.root, rebuilt.out, TODAY).ok
    assert read_tree(rebuilt.out) == rebuilt.new
    rebuilt.work_is_clean()


def _wait_for(path: Path, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the child never reached its step"
        time.sleep(0.02)


@pytest.mark.parametrize(
    ("step", "signum"),
    [
        ("search", signal.SIGTERM),
        ("writing", signal.SIGTERM),
        ("written", signal.SIGTERM),
        ("swapped", signal.SIGTERM),
        ("search", signal.SIGINT),
        ("written", signal.SIGINT),
    ],
)
def test_a_signalled_build_deletes_its_temporary_files(
    rebuilt: Setup, step: str, signum: int
) -> None:
    proc = rebuilt.child(step, "wait")
    _wait_for(rebuilt.out.parent / "reached", proc)
    work = rebuilt.out.parent / f".notesite-{rebuilt.out.name}"
    if step == "search":  # the notes are there while Pagefind indexes them...
        assert list(work.glob("scratch-*/notesite-search-*/records/0/0.html"))
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == (143 if signum == signal.SIGTERM else 1), err
    assert "Traceback" not in err
    assert read_tree(rebuilt.out) == (rebuilt.new if step == "swapped" else rebuilt.old)
    assert sorted(p.name for p in work.iterdir()) == [".gitignore", "lock"]  # ...and gone
    assert list(rebuilt.tmpdir.iterdir()) == []


def test_a_second_build_while_one_runs_stops_with_a_message(rebuilt: Setup) -> None:
    proc = rebuilt.child("written", "pause")
    flag = rebuilt.out.parent / "reached"
    _wait_for(flag, proc)
    result = CliRunner().invoke(
        main, ["build", "--root", str(rebuilt.root), "--out", str(rebuilt.out), "--no-search"]
    )
    assert result.exit_code == 1, result.output
    assert f"another build is writing {rebuilt.out}; try again when it finishes" in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert read_tree(rebuilt.out) == rebuilt.old
    flag.with_name("go").write_text("go")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert read_tree(rebuilt.out) == rebuilt.new
    rebuilt.work_is_clean()


def test_two_builds_started_together_never_crash(rebuilt: Setup) -> None:
    procs = [rebuilt.child("none", "none") for _ in range(2)]
    results = [(p.wait(timeout=120), p.communicate()[1]) for p in procs]
    assert any(code == 0 for code, _ in results), results
    for code, err in results:
        assert code == 0 or (code == 1 and "another build is writing" in err), err
        assert "Traceback" not in err
    assert read_tree(rebuilt.out) == rebuilt.new
    rebuilt.work_is_clean()


def test_leftovers_of_killed_builds_of_any_version_are_deleted(rebuilt: Setup) -> None:
    work = rebuilt.out.parent / f".notesite-{rebuilt.out.name}"
    for leftover in ("new-abc", "old-00000000000000000001", "scratch-x/notesite-search-1"):
        (work / leftover).mkdir(parents=True)
        (work / leftover / "note.html").write_text("a note's text")
    for legacy in (".site-new-ab_9xk2q", ".site-old-zz81kq0p"):  # notesite 0.1's names
        (rebuilt.out.parent / legacy).mkdir()
        (rebuilt.out.parent / legacy / write.MARKER).write_text("")
    keep = rebuilt.out.parent / ".site-new-notmine"  # not notesite's pattern: never touched
    keep.mkdir()
    assert build(rebuilt.root, rebuilt.out, TODAY).ok
    keep.rmdir()
    rebuilt.work_is_clean()


def test_a_site_left_aside_by_notesite_0_1_is_put_back(rebuilt: Setup) -> None:
    aside = rebuilt.out.parent / ".site-old-k2j4h5g6"
    rebuilt.out.rename(aside)  # killed between 0.1's two renames: no site at all
    (rebuilt.root / "data/notes/p-0001/2026-10-01-support.md").write_text("broken\n")
    assert not build(rebuilt.root, rebuilt.out, TODAY).ok
    assert read_tree(rebuilt.out) == rebuilt.old
    assert not aside.exists()


def test_out_as_a_link_builds_into_the_folder_it_names(rebuilt: Setup, tmp_path: Path) -> None:
    real = tmp_path / "served" / "notes-site"
    real.parent.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    for _ in range(2):
        assert build(rebuilt.root, link, TODAY).ok
        assert link.is_symlink() and os.readlink(link) == str(real)
        assert read_tree(real) == rebuilt.new
    assert sorted(p.name for p in real.parent.iterdir()) == [".notesite-notes-site", "notes-site"]


def _build_cli(root: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--out", str(out)])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_an_out_below_a_file_is_a_usage_error(tmp_repo: RepoFactory, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    code, output = _build_cli(tmp_repo(), tmp_path / "notes.txt" / "site")
    assert code == 2
    assert "notes.txt is a file, not a folder; choose another --out" in output


def test_a_file_in_the_way_of_the_work_folder(tmp_repo: RepoFactory, tmp_path: Path) -> None:
    (tmp_path / ".notesite-site").write_text("mine")
    code, output = _build_cli(tmp_repo(), tmp_path / "site")
    assert code == 2 and ".notesite-site is in the way" in output
    assert (tmp_path / ".notesite-site").read_text() == "mine"


def test_a_folder_notesite_did_not_make_is_never_replaced(
    tmp_repo: RepoFactory, tmp_path: Path
) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "thesis.txt").write_text("not a site")
    code, output = _build_cli(tmp_repo(), tmp_path / "site")
    assert code == 2 and "was not made by notesite" in output
    assert (tmp_path / "site" / "thesis.txt").read_text() == "not a site"


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "from-a").write_text("a")
    (tmp_path / "b" / "from-b").write_text("b")
    write.exchange(tmp_path / "a", tmp_path / "b")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["from-b"]
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["from-a"]
