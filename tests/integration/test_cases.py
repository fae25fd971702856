"""One folder per rule in tests/cases/: broken files and the diagnostics they must produce.

A case folder holds files laid out as in a notes repository (`data/...`, `notesite.yaml`),
which are copied over the valid base repository of `support.py`, plus:

- `expected.txt`: every diagnostic the whole repository must then produce, one a line,
  `<file>:<line>: <CODE>`, with `-` for "no line"; `... <CODE> ~ <text>` also requires the
  message or hint to contain <text>. Lines starting with `#` are comments.
- `base/` (optional, for codes only `notesite review` reports, which judge a change): files
  copied over the base repository and committed as git branch `main` first; the other files
  are then the change, and the diagnostics are those of `notesite review main`.
- `setup.txt` (optional): what plain files cannot hold, one action a line:
  `delete <path>`, `symlink <path> -> <target>`, `fifo <path>`, `pad <path> <bytes>`
  (append text to the file until it is at least <bytes> long), `encode <path> <codec>`
  (save the UTF-8 file in another encoding, e.g. `latin-1`; kept out of the repository so
  that every committed case file is UTF-8 text tools can read).

The folder's name is the code's name from codes.py (`unknown-tag`), optionally followed by
`--<variant>` when one rule needs several cases.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from notesite.codes import BY_NAME, CODES
from notesite.diagnostics import Diagnostic
from notesite.review import review
from support import (
    BASE_FOCUS,
    BASE_NOTE,
    NOTE,
    PAIR,
    STAFF,
    TODAY,
    RepoFactory,
    check,
    commit_all,
    git,
    make_repo,
    note_text,
)

CASES = Path(__file__).resolve().parents[1] / "cases"
NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())
SPECIAL = {"expected.txt", "setup.txt"}
BASE = "base"  # a review case's files before the change

Expected = tuple[str, int | None, str]


def parse_expected(text: str) -> tuple[list[Expected], list[tuple[Expected, str]]]:
    """The (file, line, code) triples, and the texts some of them must contain."""
    triples: list[Expected] = []
    texts: list[tuple[Expected, str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where, _, rest = line.partition(": ")
        file, _, number = where.rpartition(":")
        code, _, contains = rest.partition(" ~ ")
        triple = (file, None if number == "-" else int(number), code.strip())
        triples.append(triple)
        if contains:
            texts.append((triple, contains.strip()))
    return triples, texts


def _copy(folder: Path, root: Path) -> None:
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel not in SPECIAL and not rel.startswith(f"{BASE}/"):
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def build_case(case: Path, root: Path) -> Path:
    make_repo(root)
    if (case / BASE).is_dir():  # a review case: the base is committed, then changed
        _copy(case / BASE, root)
        git(root, "init", "-q", "-b", "main")
        commit_all(root, "base")
    _copy(case, root)
    setup = case / "setup.txt"
    for line in setup.read_text().splitlines() if setup.exists() else []:
        action, _, args = line.partition(" ")
        if action == "delete":
            (root / args).unlink()
        elif action == "symlink":
            link, _, target = args.partition(" -> ")
            (root / link).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(target, root / link)
        elif action == "encode":
            rel, codec = args.rsplit(" ", 1)
            path = root / rel
            path.write_bytes(path.read_text(encoding="utf-8").encode(codec))
        elif action == "fifo":
            os.mkfifo(root / args)
        elif action == "pad":
            rel, size = args.rsplit(" ", 1)
            path = root / rel
            filler = "Padding text that makes this file larger than its limit.\n"
            with path.open("a", encoding="utf-8") as f:
                f.write(filler * (int(size) // len(filler) + 1))
        elif line.strip():
            raise ValueError(f"{setup}: unknown action {line!r}")
    return root


def reviewed(root: Path) -> list[Diagnostic]:
    """What `notesite review main` reports: the changed files', and new ones elsewhere."""
    result = review(root, "main", TODAY)
    return [*result.diagnostics, *result.elsewhere]


def code_of(name: str) -> str:
    return BY_NAME[name.split("--")[0]].code


@pytest.mark.parametrize("name", NAMES)
def test_case(name: str, tmp_path: Path) -> None:
    case = CASES / name
    root = build_case(case, tmp_path / "repo")
    diagnostics = reviewed(root) if (case / BASE).is_dir() else check(root)
    expected, texts = parse_expected((case / "expected.txt").read_text())
    got = [(d.file, d.line, d.code) for d in diagnostics]
    assert Counter(got) == Counter(expected), "\n".join(
        f"{d.file}:{d.line or '-'}: {d.code} {d.message}" for d in diagnostics
    )
    for triple, text in texts:
        said = [f"{d.message} {d.hint}" for d in diagnostics if (d.file, d.line, d.code) == triple]
        assert any(text in s for s in said), (triple, text, said)
    assert code_of(name) in {c for _, _, c in expected}, "a case must show its own code"


def test_every_code_has_a_case() -> None:
    covered = {code_of(name) for name in NAMES}
    assert sorted(set(CODES) - covered) == []


def test_case_folders_are_named_after_codes() -> None:
    unknown = [n for n in NAMES if n.split("--")[0] not in BY_NAME]
    assert unknown == []
    assert all((CASES / n / "expected.txt").is_file() for n in NAMES)


def test_parse_expected() -> None:
    triples, texts = parse_expected(
        "# comment\ndata/a.md:3: NS403 ~ did you mean `x`?\ndata/b.yaml:-: NS108\n"
    )
    assert triples == [("data/a.md", 3, "NS403"), ("data/b.yaml", None, "NS108")]
    assert texts == [(("data/a.md", 3, "NS403"), "did you mean `x`?")]


def test_the_base_repository_is_valid(tmp_repo: RepoFactory) -> None:
    root = tmp_repo()
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == [
        BASE_FOCUS,
        BASE_NOTE,
        PAIR,
        STAFF,
    ]
    assert check(root) == []


def test_tmp_repo_adds_overrides_and_deletes(tmp_repo: RepoFactory) -> None:
    root = tmp_repo({NOTE: note_text(), BASE_NOTE: None, "notesite.yaml": "program: X\n"})
    assert (root / NOTE).read_text().startswith("---\npair: p-0001\ntype: support\n")
    assert not (root / BASE_NOTE).exists()
    assert check(root) == []
    assert tmp_repo() != root  # each call is a new repository
