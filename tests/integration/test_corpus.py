"""Bad input never crashes `notesite validate`: a corpus of broken files, and mutations.

Each corpus file is written into the valid base repository; `notesite validate --format json`
must exit 1 (0 for the one file that is fine), print valid JSON naming that file with the
expected code, and never a traceback.
"""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from notesite.cli import main
from support import (
    BASE_FILES,
    BODY,
    FOCUS,
    FOCUS_FILE,
    NOTE,
    PAIR,
    PARTICIPATION,
    PARTICIPATION_FILE,
    RATING,
    RATING_FILE,
    check,
    make_repo,
    note_text,
    write_files,
)

GOOD = note_text()
PAIR2 = "data/pairs/p-0002.yaml"


def _good(old: str, new: str) -> bytes:
    assert old in GOOD
    return GOOD.replace(old, new).encode()


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


BOMB = """\
---
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
---
"""

# (id, file, content, a code the file must get; None: the file is fine)
CORPUS: list[tuple[str, str, bytes, str | None]] = [
    ("empty", NOTE, b"", "NS110"),
    ("whitespace-only", NOTE, b"  \n\t\n   \n", "NS110"),
    ("png", NOTE, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "NS101"),
    ("nul-bytes", NOTE, _good("minutes: 30", "minutes: 3\x000"), "NS101"),
    ("utf16-bom", NOTE, codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"), "NS101"),
    ("utf16-no-bom", NOTE, GOOD.encode("utf-16-be"), "NS101"),
    ("latin1", NOTE, GOOD.replace("worried", "inquiète").encode("latin-1"), "NS101"),
    ("utf8-bom-crlf", NOTE, codecs.BOM_UTF8 + GOOD.replace("\n", "\r\n").encode(), None),
    ("truncated-front-matter", NOTE, GOOD[:60].encode(), "NS111"),
    ("no-front-matter", NOTE, BODY.encode(), "NS111"),
    ("front-matter-only", NOTE, b"---\n---\n", "NS111"),
    ("tab-indentation", NOTE, _good("minutes: 30", "meeting:\n\tapproved: true"), "NS103"),
    (
        "wrong-types",
        NOTE,
        note_text(
            pair=5,
            type=["support"],
            author={"id": "pm-a"},
            date="yesterday",
            logged=True,
            minutes="thirty",
            contact="mentor",
            tags=3.5,
        ).encode(),
        "NS202",
    ),
    ("note-70-kib", NOTE, (GOOD + "More detail. " * 5500).encode(), "NS102"),
    ("alias-bomb", NOTE, (BOMB + BODY).encode(), "NS104"),
    ("duplicate-keys", NOTE, _good("minutes: 30", "minutes: 30\nminutes: 40"), "NS105"),
    ("deep-note", NOTE, f"---\npair: {_deep(30_000)}\n---\n{BODY}".encode(), "NS107"),
    ("deep-100000", PAIR2, f"id: {_deep(100_000)}\n".encode(), "NS107"),
    ("deep-mappings", PAIR2, ("id: " + "{a: " * 5000 + "1" + "}" * 5000).encode(), "NS107"),
    ("python-object", NOTE, _good("minutes: 30", "minutes: !!python/object:os.system 30"), "NS106"),
    (
        "python-apply",
        PAIR2,
        b'!!python/object/apply:os.system ["echo pwned"]\n',
        "NS106",
    ),
    ("custom-tag", NOTE, _good("minutes: 30", "minutes: !minutes 30"), "NS106"),
    ("two-documents", PAIR2, (BASE_FILES[PAIR] + "---\nid: p-0003\n").encode(), "NS103"),
    ("front-matter-list", NOTE, f"---\n- a\n- b\n---\n{BODY}".encode(), "NS202"),
    ("front-matter-scalar", NOTE, f"---\njust some text\n---\n{BODY}".encode(), "NS202"),
    ("yaml-file-scalar", PAIR2, b"p-0002\n", "NS202"),
    ("list-key", NOTE, _good("minutes: 30", "[a, b]: 30"), "NS103"),
    ("mapping-key", NOTE, _good("minutes: 30", "? {a: 1}\n: 30"), "NS103"),
    ("integer-key", NOTE, _good("minutes: 30", "minutes: 30\n1: 30"), "NS201"),
    ("null-key", NOTE, _good("minutes: 30", "minutes: 30\n~: 30"), "NS201"),
    ("date-key", NOTE, _good("minutes: 30", "minutes: 30\n2026-10-03: 30"), "NS201"),
    ("impossible-date", NOTE, _good("date: 2026-10-03", "date: 2026-13-45"), "NS202"),
    ("datetime", NOTE, _good("date: 2026-10-03", "date: 2026-10-03 10:00:00"), "NS202"),
    ("huge-integer", NOTE, _good("minutes: 30", "minutes: " + "9" * 5000), "NS202"),
    ("big-integer", NOTE, _good("minutes: 30", "minutes: " + "9" * 100), "NS202"),
    ("control-character", NOTE, _good("minutes: 30", "minutes: 30\x1b"), "NS103"),
    ("bad-escape", NOTE, _good("minutes: 30", 'minutes: "\\ud800"'), "NS103"),
    ("merge-key", NOTE, _good("minutes: 30", "<<: {minutes: 30}"), "NS201"),
    ("unclosed-quote", NOTE, _good("pair: p-0001", 'pair: "p-0001'), "NS103"),
    ("unclosed-bracket", NOTE, _good("tags: [mentor-touch-point]", "tags: [academic"), "NS103"),
    ("body-binary-tail", NOTE, GOOD.encode() + b"\xff\xfe\xfd", "NS101"),
    ("csv-binary", "data/participation/2025-26.csv", b"PK\x03\x04\x14\x00" * 20, "NS101"),
    (
        "csv-huge-cell",
        "data/participation/2025-26.csv",
        b'pair,week,mentor,mentee\n"' + b"x" * 200_000 + b'",2026-10-05,done,done\n',
        "NS601",
    ),
    ("settings-list", "notesite.yaml", b"- program\n", "NS202"),
    ("staff-scalar", "data/staff.yaml", b"pm-a\n", "NS202"),
]
IDS = [c[0] for c in CORPUS]


def _validate(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["validate", "--root", str(root), "--today", "2026-11-22", "--format", "json"]
    )
    assert isinstance(result.exception, SystemExit | None), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


@pytest.mark.parametrize(("name", "file", "content", "code"), CORPUS, ids=IDS)
def test_broken_file(
    name: str, file: str, content: bytes, code: str | None, tmp_path: Path
) -> None:
    root = make_repo(tmp_path / "repo", {file: content})
    exit_code, out = _validate(root)
    report = json.loads(out)
    mine = [d for d in report["diagnostics"] if d["file"] == file]
    if code is None:
        assert (exit_code, report["diagnostics"]) == (0, [])
        return
    assert exit_code == 1
    assert code in {d["code"] for d in mine}, mine
    assert report["errors"] >= 1
    for d in report["diagnostics"]:
        assert set(d) == {"code", "severity", "file", "line", "column", "message", "hint"}
        assert len(d["message"]) < 400, d["message"]


def test_alias_bomb_is_reported_once(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {NOTE: BOMB + BODY})
    aliases = [d for d in check(root) if d.code == "NS104"]
    assert [(d.line, d.column) for d in aliases] == [(2, 4)]
    assert "81 times" in aliases[0].message  # 9 anchors, 72 aliases


def test_whole_corpus_in_a_subprocess(tmp_path: Path) -> None:
    """Every corpus file at once, through the real command line: each is named, none crash."""
    files: dict[str, bytes] = {}
    for n, (_, file, content, code) in enumerate(CORPUS, start=2):
        if code is None or not file.startswith("data/notes/"):
            continue
        files[f"data/notes/p-0001/2026-10-03-support-{n}.md"] = content
    files["data/pairs/p-0099.yaml"] = f"id: {_deep(100_000)}\n".encode()
    root = make_repo(tmp_path / "repo", files)
    run = subprocess.run(
        [sys.executable, "-m", "notesite", "validate", "--root", str(root), "--format", "json"],
        capture_output=True,
        env={"SOURCE_DATE_EPOCH": "1795305600", "PATH": "/usr/bin:/bin"},  # 2026-11-22
        timeout=120,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert b"Traceback" not in run.stderr + run.stdout
    named = {d["file"] for d in json.loads(run.stdout)["diagnostics"]}
    assert sorted(set(files) - named) == []


def _mutations(text: str) -> list[str]:
    """Deterministic damage: truncations, dropped, swapped and doubled lines, stray marks."""
    lines = text.split("\n")
    out = [text[:i] for i in range(0, len(text), max(1, len(text) // 40))]
    out += ["\n".join(lines[:i] + lines[i + 1 :]) for i in range(len(lines))]
    out += [
        "\n".join([*lines[:i], lines[i + 1], lines[i], *lines[i + 2 :]])
        for i in range(len(lines) - 1)
    ]
    out += ["\n".join(lines[: i + 1] + lines[i:]) for i in range(len(lines))]
    for mark in (":", "- ", "[", "{", '"', "'", "&a ", "*a", "!x ", "\t", "#", "%", "@"):
        out += [
            "\n".join([*lines[:i], mark + lines[i], *lines[i + 1 :]])
            for i in range(0, len(lines), 3)
        ]
    return out


SAFETY = note_text(
    type="safety", severity="major", escalated_to=["dir-b"], escalated_on=date(2026, 10, 3)
)
REQUEST = note_text(
    type="out-of-program",
    meeting={"requested_on": date(2026, 10, 1), "planned_for": date(2026, 10, 9), "approved": True},
)
TARGETS = [
    (NOTE, GOOD),
    ("data/notes/p-0001/2026-10-03-safety.md", SAFETY),
    ("data/notes/p-0001/2026-10-03-out-of-program.md", REQUEST),
    (PAIR, BASE_FILES[PAIR] + "pm_history:\n  - {pm: dir-b, from: 2024-09-01, to: 2025-06-30}\n"),
    ("data/staff.yaml", BASE_FILES["data/staff.yaml"]),
    (RATING_FILE, RATING),
    (FOCUS_FILE, FOCUS),
    (PARTICIPATION_FILE, PARTICIPATION),
    (
        "notesite.yaml",
        "program: X\ntracker: {watch_after_days: 10, stale_after_days: 20}\n"
        "mentor_calls:\n  due: [11-30, 02-28]\n",
    ),
]


@pytest.mark.parametrize(("file", "text"), TARGETS, ids=[t[0] for t in TARGETS])
def test_mutations_never_raise(file: str, text: str, tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", {file: text})
    assert check(root) == []  # the unmutated file is valid
    mutations = _mutations(text)
    assert len(mutations) > 60
    for mutated in mutations:
        write_files(root, {file: mutated})
        for d in check(root):  # never raises, and every diagnostic is well formed
            assert d.message and (d.line is None or d.line >= 1), d
