"""The benchmark's own machinery (benchmarks/): realistic notes that stay valid, the same notes
for Hugo, and measurements that come from the OS. No test here times anything."""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from notesite.demo import generate

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(BENCH))

import hugosite  # noqa: E402
import longnotes  # noqa: E402
import report  # noqa: E402
import sequence  # noqa: E402

TODAY = "2026-11-22"


@pytest.fixture(scope="module")
def lengthened(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the demo as generated, the same demo lengthened) for 40 pairs."""
    base = tmp_path_factory.mktemp("bench")
    generate(base / "short", pairs=40, seed=11)
    shutil.copytree(base / "short", base / "long")
    longnotes.lengthen(base / "long", seed=11)
    return base / "short", base / "long"


def _notes(program: Path) -> dict[str, str]:
    notes = sorted((program / "data" / "notes").glob("*/*.md"))
    return {p.relative_to(program).as_posix(): p.read_text(encoding="utf-8") for p in notes}


def _split(text: str) -> tuple[str, str]:
    front, body = text.split("\n---\n", 1)
    return front, body


def test_notes_reach_a_realistic_median_with_lists(lengthened: tuple[Path, Path]) -> None:
    short, long = (_notes(p) for p in lengthened)
    assert short.keys() == long.keys()
    before = statistics.median(longnotes.words(_split(t)[1]) for t in short.values())
    after = statistics.median(longnotes.words(_split(t)[1]) for t in long.values())
    assert before < 200  # the demo's own notes are short: why the benchmark lengthens them
    assert 230 <= after <= 280
    # lists beyond the Plan's own: in the Data or Assessment section of most notes
    listed = sum(bool(re.search(r"\n- .*\n[\s\S]*## Plan", t)) for t in long.values())
    assert listed > len(long) / 2


def test_front_matter_and_dap_headings_are_kept(lengthened: tuple[Path, Path]) -> None:
    short, long = (_notes(p) for p in lengthened)
    for path, text in long.items():
        front, body = _split(text)
        assert front == _split(short[path])[0], path
        headings = re.findall(r"^## (\w+)$", body, re.M)
        assert headings == ["Data", "Assessment", "Plan"], path
        assert not re.search(r"^\s*(\{|\}|\S*\{\w+\})", body, re.M), path  # all slots filled


def test_lengthened_program_has_no_errors(lengthened: tuple[Path, Path]) -> None:
    counts = []
    for program in lengthened:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "notesite",
                "validate",
                "--root",
                str(program),
                "--today",
                TODAY,
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
        )
        found = json.loads(done.stdout)
        counts.append((found["errors"], found["warnings"]))
    assert counts[1][0] == 0
    assert counts[1] == counts[0]  # the added text changes no finding either


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_every_edit_of_the_sequence_keeps_the_program_valid_and_its_original_untouched(
    lengthened: tuple[Path, Path], tmp_path: Path
) -> None:
    """The bench's random edit sequence (sequence.py) changes a hard-linked copy only, and each
    edit is one the build accepts: an edit it refused would compare two refusals."""
    from datetime import date

    from notesite.validate import check_repository

    original = _files(lengthened[1])
    copy = tmp_path / "copy"
    sequence.copy_program(lengthened[1], copy)
    rng, today = __import__("random").Random(3), TODAY
    kinds = sequence.order(3)
    assert sorted(kinds) == sorted(sequence.KINDS)
    for kind in kinds:
        before = _files(copy)
        what, today = sequence.apply(copy, kind, rng, today)
        checked = check_repository(copy, date.fromisoformat(today))
        assert not checked.errors, (kind, what, checked.diagnostics[:3])
        assert (_files(copy) != before) == (kind != "today"), (kind, what)
    assert today == "2026-11-23"
    assert _files(lengthened[1]) == original


def test_the_sequence_makes_every_kind_of_edit_the_suites_property_test_makes() -> None:
    from integration.test_build_cache import KINDS

    assert sorted(sequence.KINDS) == sorted(KINDS)


def test_the_sequence_compares_every_byte_and_every_path(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for site in (a, b):
        (site / "pairs").mkdir(parents=True)
        (site / "index.html").write_bytes(b"<p>same</p>")
        (site / "pairs" / "p-0001.html").write_bytes(b"<p>one</p>")
    assert sequence.compare(a, b) == sequence.Compared(2, [])
    (b / "pairs" / "p-0001.html").write_bytes(b"<p>one!</p>")
    (a / "extra.json").write_bytes(b"{}")
    found = sequence.compare(a, b)
    assert not found.identical
    assert found.different == ["extra.json", "pairs/p-0001.html"]


def test_lengthening_is_deterministic(lengthened: tuple[Path, Path], tmp_path: Path) -> None:
    shutil.copytree(lengthened[0], tmp_path / "again")
    longnotes.lengthen(tmp_path / "again", seed=11)
    assert _notes(tmp_path / "again") == _notes(lengthened[1])


def test_hugo_content_carries_every_note(lengthened: tuple[Path, Path], tmp_path: Path) -> None:
    program = lengthened[1]
    site = tmp_path / "hugo"
    pages = hugosite.write_content(program, site)
    notes = _notes(program)
    pairs = list((program / "data" / "pairs").glob("*.yaml"))
    assert pages == len(notes) + len(pairs) + 2
    for path, text in list(notes.items())[:50]:
        pair, name = path.split("/")[-2:]
        converted = (site / "content" / "pairs" / pair / name).read_text(encoding="utf-8")
        hugo_front, hugo_body = converted.removeprefix("---\n").split("\n---\n", 1)
        front, body = _split(text)
        meta = yaml.safe_load(hugo_front)
        assert meta["note"] == yaml.safe_load(front.removeprefix("---\n"))
        assert meta["date"] == meta["note"]["date"]
        assert hugo_body == body


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed")
def test_hugo_builds_a_page_per_pair_and_per_note(
    lengthened: tuple[Path, Path], tmp_path: Path
) -> None:
    program = lengthened[1]
    site = tmp_path / "hugo"
    hugosite.write_content(program, site)
    hugosite.write_theme(site, index_pair_pages=False)
    public = tmp_path / "public"
    subprocess.run(
        [
            "hugo",
            "--source",
            str(site),
            "--destination",
            str(public),
            "--quiet",
            "--cacheDir",
            str(tmp_path / "cache"),
        ],
        check=True,
    )
    pair = sorted((program / "data" / "pairs").glob("*.yaml"))[0].stem
    pair_page = (public / "pairs" / pair / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in pair_page
    for note in sorted((program / "data" / "notes" / pair).glob("*.md")):
        note_page = (public / "pairs" / pair / note.stem / "index.html").read_text("utf-8")
        assert "data-pagefind-body" in note_page
        rendered = note_page.split("</dl>", 1)[1].split("</article>", 1)[0].strip()
        assert '<h2 id="data">Data</h2>' in rendered
        assert rendered in pair_page  # the pair page holds every note's full text
    html = list(public.rglob("*.html"))
    assert len(html) == len(_notes(program)) + len(list((program / "data" / "pairs").iterdir())) + 2


def test_measure_reports_the_commands_own_cost(tmp_path: Path) -> None:
    hog = "b = b'x' * 80_000_000; sum(range(3_000_000)); raise SystemExit(3)"
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / "measure.py"),
            str(tmp_path / "log"),
            "--",
            sys.executable,
            "-c",
            hog,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout)
    assert found["returncode"] == 3
    assert found["max_rss_kib"] > 80_000_000 // 1024
    assert found["tree_rss_kib"] >= found["max_rss_kib"]
    assert found["cpu"] == pytest.approx(found["user"] + found["sys"], abs=0.01)
    assert found["cpu"] > 0


def test_report_divides_the_medians() -> None:
    runs = [{"wall": 1.0, "cpu": 1.0, "max_rss_kib": 1024, "load": 1.0}]
    rows = {
        "hugo": {"runs": runs, "wall_best": 2.0, "wall_median": 2.0, "cpu_median": 4.0},
        "no-search": {"runs": runs, "wall_best": 5.0, "wall_median": 6.0, "cpu_median": 3.0},
        "build": {"runs": [], "problem": "exit 1 (log x)"},
    }
    result = {
        "size": "S",
        "notes": 10,
        "pairs": 1,
        "median_words": 250,
        "pagefind_scope": "notes",
        "machine": {"cores": 2},
        "rows": rows,
    }
    text = report.render(result)
    assert "| `build --no-search` / Hugo | 3.00× | 0.75× | — |" in text
    assert "notesite `build` (with search) | not measured" in text
    assert "exit 1 (log x)" in text
