"""The example outputs of README.md and docs/commands.md, from real runs of notesite on the
demo program, so the docs cannot drift: `make cog` writes them, `make lint` (`cog --check`)
fails when a change to notesite changes what a command prints and the docs were not rewritten.

Each `<!-- [[[cog example("notesite ...") ]]] -->` block runs the command in a fresh copy of
the demo (`data/`, `notesite.yaml`) with "today" fixed to DEMO_TODAY (SOURCE_DATE_EPOCH, so
the command shown needs no `--today`), and writes a fenced block of what a terminal shows.
Examples of one `session` share one copy, in order (the README's tour writes a note, then
validates it). Usage: cog -I tools -p "from cogdocs import *" -r README.md docs/commands.md
"""

from __future__ import annotations

import ast
import atexit
import html
import os
import re
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import cog  # type: ignore[import-not-found]
from click.testing import CliRunner

from notesite.cli import main

ROOT = Path(__file__).resolve().parents[1]
DEMO_TODAY = "2026-11-22"
EPOCH = "1795348800"  # 2026-11-22 12:00 UTC: 22 November in every zone from UTC−11 to UTC+11
_WORK = Path(tempfile.mkdtemp(prefix="notesite-cog-"))
atexit.register(shutil.rmtree, _WORK, ignore_errors=True)
_SESSIONS: dict[str, Path] = {}

__all__ = [
    "Run",
    "example",
    "fill_in",
    "layout",
    "review_example",
    "school_report",
    "weaken_the_safety_record",
]


def _demo_copy(session: str | None) -> Path:
    """A copy of the demo program: the session's (made on first use) or a new one."""
    if session in _SESSIONS:
        return _SESSIONS[session]
    repo = Path(tempfile.mkdtemp(dir=_WORK))
    shutil.copytree(ROOT / "data", repo / "data")
    shutil.copy2(ROOT / "notesite.yaml", repo / "notesite.yaml")
    if session is not None:
        _SESSIONS[session] = repo
    return repo


@contextmanager
def _inside(repo: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(repo)
    try:
        yield
    finally:
        os.chdir(before)


def _run(
    repo: Path, command: str, *, hidden: tuple[str, ...] = (), answers: str | None = None
) -> tuple[str, int]:
    """What a terminal shows for `command` run in `repo` (standard error included), and
    its exit code."""
    args = shlex.split(command.replace("\\\n", " ").removeprefix(".venv/bin/"))
    assert args[0] == "notesite", command
    env = {"SOURCE_DATE_EPOCH": EPOCH, "CI": None, "GITHUB_STEP_SUMMARY": None}
    with _inside(repo):
        result = CliRunner().invoke(
            main, [*args[1:], *hidden], input=answers, env=env, prog_name="notesite"
        )
    if result.exception and not isinstance(result.exception, SystemExit):
        raise RuntimeError(f"{command}: {result.exception!r}\n{result.output}")
    return result.output, result.exit_code


def _excerpt(output: str, head: int | None, tail: int) -> str:
    lines = output.splitlines()
    if head is None or head + tail >= len(lines):
        return output
    return "\n".join([*lines[:head], "...", *(lines[-tail:] if tail else [])]) + "\n"


def _block(text: str, lang: str = "", indent: int = 0) -> None:
    block = f"```{lang}\n{text}```\n"
    cog.out("".join(" " * indent + line if line.strip() else line
                    for line in block.splitlines(keepends=True)))  # fmt: skip


@dataclass(frozen=True)
class Run:
    """A step of an example: the command, what is typed at its prompts (then it is run as in
    a terminal, `--interactive`; the output shows the answers as a terminal echoes them),
    and how much of a long output is shown: its first `head` and last `tail` lines."""

    command: str
    answers: str | None = None
    head: int | None = None
    tail: int = 0


def example(
    *steps: str | Run,
    head: int | None = None,
    tail: int = 0,
    session: str | None = None,
    apart: bool = False,
    lang: str = "",
    indent: int = 0,
) -> None:
    """The block for the commands `steps`, run one after the other in one copy of the demo
    (`session`'s, else a new one): each `notesite ...` (also as `.venv/bin/notesite` or
    after `cd DIR &&`) with its output, or a shell command with its output (`head -13 FILE`).
    `head` and `tail` apply to the steps given as plain strings; `apart` puts a blank line
    between steps; `lang` is the fence's language (`sh`); `indent` the block's (in a list)."""
    repo = _demo_copy(session)
    out = []
    for step in steps:
        run = Run(step, head=head, tail=tail) if isinstance(step, str) else step
        folder, _, command = run.command.rpartition(" && ")
        where = repo / folder.removeprefix("cd ") if folder else repo
        if command.removeprefix(".venv/bin/").startswith("notesite "):
            hidden = ("--interactive",) if run.answers is not None else ()
            text, _ = _run(where, command, hidden=hidden, answers=run.answers)
        else:
            text = _shell(where, command)
        out.append(f"$ {run.command}\n{_excerpt(text, run.head, run.tail)}")
    _block(("\n" if apart else "").join(out), lang, indent)


def _shell(repo: Path, command: str) -> str:
    result = subprocess.run(shlex.split(command), cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def fill_in(path: str, *, tags: str, session: str) -> None:
    """Fills in a note of the session's copy as a PM would, tags included (the README's
    tour); writes nothing into the docs."""
    file = _demo_copy(session) / path
    text = re.sub(r"^\[//\]: # \(.*\)$", "The mentor and I spoke about the week's lesson.",
                  file.read_text(encoding="utf-8"), flags=re.MULTILINE)  # fmt: skip
    file.write_text(re.sub(r"^tags: \[[^]]*\]", f"tags: [{tags}]", text, flags=re.MULTILINE))


def _words(part: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", part)).split())


def _figures(page: str) -> str:
    """A school report page's heading and figures, one line each."""
    title = _words(page.split("<h1>", 1)[1].split("</h1>", 1)[0])
    by = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", page))
    classes = _words(page.split('<p class="note">', 1)[1].split("</p>", 1)[0])
    held = classes.removeprefix("Classes held: ").rstrip(".").split(";")[0]
    lines = [title, f"Active pairs {_words(by['Active pairs'])} · Classes held "
             f"{_words(by['Classes held'])} ({held})"]  # fmt: skip
    for who in ("Mentee", "Mentor"):
        value, change = _words(by[f"{who} completion"]).split(" ", 1)
        month, rest = change.split(": ", 1)
        rate, points = rest.split(" (", 1)
        lines.append(f"{who} completion {value} ({month}: {rate}, {points}")
    return "\n".join(lines) + "\n"


def school_report(school: str, month: str) -> None:
    """A school's report for `month`: its page's figures, then its CSV's header, first row
    and school row."""
    repo = _demo_copy(None)
    _run(repo, f"notesite report schools --month {month} --out reports")
    page = (repo / "reports" / f"{school}-{month}.html").read_text(encoding="utf-8")
    rows = (repo / "reports" / f"{school}-{month}.csv").read_text(encoding="utf-8").splitlines()
    _block(_figures(page) + "\n" + "\n".join([rows[0], rows[1], rows[-1]]) + "\n")


def _git(repo: Path, *args: str) -> None:
    when = f"{EPOCH} +0000"
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "Demo", "GIT_AUTHOR_EMAIL": "demo@example.org",
           "GIT_COMMITTER_NAME": "Demo", "GIT_COMMITTER_EMAIL": "demo@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}  # fmt: skip
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def weaken_the_safety_record(repo: Path) -> None:
    """The branch docs/commands.md reviews: a major safety note deleted, another lowered to
    minor with its escalation dropped, a third re-dated by renaming it."""
    notes = repo / "data" / "notes"
    (notes / "p-0036" / "2026-06-17-safety.md").unlink()
    lowered = notes / "p-0025" / "2026-09-22-safety.md"
    text = lowered.read_text(encoding="utf-8").replace("severity: major", "severity: minor")
    lowered.write_text(re.sub(r"^escalated_(to|on):.*\n", "", text, flags=re.MULTILINE))
    old = notes / "p-0003" / "2026-03-09-safety.md"
    new = old.with_name("2026-03-11-safety.md")
    new.write_text(old.read_text(encoding="utf-8").replace("2026-03-09", "2026-03-11"))
    old.unlink()


def review_example(command: str, change: Callable[[Path], None], *, drop: str = "") -> None:
    """`notesite review` of a branch of the demo that `change` makes (the demo committed on
    `main` at a fixed date by a fixed author, so the base commit's id is the same on every
    machine), without the section `drop` (`### Notes per author`), then the exit code."""
    repo = _demo_copy(None)
    _git(repo, "init", "--quiet", "--initial-branch=main")
    _git(repo, "add", "--all")
    _git(repo, "commit", "--quiet", "--message", "The demo program")
    _git(repo, "switch", "--quiet", "--create", "change")
    change(repo)
    _git(repo, "add", "--all")
    _git(repo, "commit", "--quiet", "--message", "A change")
    shown, code = _run(repo, command.split(";")[0])
    if drop:
        shown = re.sub(rf"^{re.escape(drop)}\n.*?(?=^### )", "", shown, flags=re.S | re.M)
    cog.out(f"````\n$ {command}\n{shown}exit {code}\n````\n")


PACKAGE = ROOT / "src" / "notesite"


def summary(path: Path) -> str:
    """The first line of a module's docstring, which says what the module is for."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    if not doc:
        raise ValueError(f"{path.relative_to(ROOT)}: the module has no docstring")
    return doc.splitlines()[0]


def _tree(folder: Path, depth: int) -> list[tuple[str, str]]:
    rows = []
    for path in sorted(folder.iterdir()):
        name = "  " * depth + path.name
        if path.is_dir() and (path / "__init__.py").exists():
            rows.append((name + "/", summary(path / "__init__.py")))
            rows += _tree(path, depth + 1)
        elif path.suffix == ".py" and path.name != "__init__.py":
            rows.append((name, summary(path)))
    return rows


def layout() -> None:
    """The README's map of src/notesite/: every package and module with its docstring's
    first line, so adding a module is adding it to the map."""
    rows = [("src/notesite/", summary(PACKAGE / "__init__.py")), *_tree(PACKAGE, 1)]
    width = max(len(name) for name, _ in rows) + 2
    _block("".join(f"{name.ljust(width)}{what}\n" for name, what in rows))
