"""Red team, class 4: the command line tells the truth (exit codes of SPEC §12, messages).

A command that reports success must have done what it says; a value it cannot use is a
usage error (exit 2) naming the option, before anything is written.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from notesite.cli import main
from support import TODAY, RepoFactory


def _run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


def _notes(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "data/notes/p-0001").iterdir())


@pytest.mark.parametrize(
    ("author", "said"),
    [
        pytest.param("pm-z", "no one on the staff roster", id="unknown"),
        pytest.param("pm-a\nseverity: major", "no one on the staff roster", id="new-line"),
        pytest.param("pm-a # x", "no one on the staff roster", id="comment"),
        pytest.param("\x1b[2J", "no one on the staff roster", id="escape"),
        pytest.param("pm-aa", "did you mean `pm-a`?", id="typo"),
    ],
)
def test_new_note_refuses_an_author_not_on_the_roster(
    tmp_repo: RepoFactory, author: str, said: str
) -> None:
    """`--author` was written into the note as typed: exit 0 for a note that does not
    validate, and a new line in it added a field of its own to the front matter."""
    root = tmp_repo()
    before = _notes(root)
    result = _run(
        "new", "note", "p-0001", "--type", "support", "--author", author,
        "--root", str(root), "--today", TODAY.isoformat(),
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "--author" in result.output and said in result.output
    assert "\x1b" not in result.output
    assert _notes(root) == before  # nothing written


def test_new_note_takes_any_staff_member_as_author(tmp_repo: RepoFactory) -> None:
    root = tmp_repo()
    result = _run(
        "new", "note", "p-0001", "--type", "support", "--author", "dir-b",
        "--root", str(root), "--today", TODAY.isoformat(),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "author: dir-b\n" in (root / result.output.strip()).read_text()


@pytest.mark.parametrize(
    "out",
    [
        pytest.param("data", id="data"),
        pytest.param("data/notes/p-0001/packet.html", id="a-pair-folder"),
        pytest.param("data/../data/x.html", id="dot-dot"),
        pytest.param("link/x.html", id="through-a-link"),
    ],
)
def test_handoff_and_schema_never_write_into_data(tmp_repo: RepoFactory, out: str) -> None:
    """The packet (or a schema) written into data/ is read back as a stray file there: every
    later `validate` fails on a file notesite wrote itself, or a .md one is taken for a note."""
    root = tmp_repo()
    (root / "link").symlink_to("data/notes")
    before = sorted(p.relative_to(root) for p in (root / "data").rglob("*"))
    target = str(root / out)
    handoff = ("handoff", "pm-a", "--today", TODAY.isoformat())
    for args in ((*handoff, "--out", target), ("schema", "--out", target)):
        result = _run(*args, "--root", str(root))
        assert result.exit_code == 2, (args, result.output)
        assert "outside data/" in result.output
    assert sorted(p.relative_to(root) for p in (root / "data").rglob("*")) == before


def test_a_path_with_a_new_line_is_printed_on_one_line(
    tmp_repo: RepoFactory, tmp_path: Path
) -> None:
    """A folder name with a line feed (legal on POSIX) printed as it is started a line of
    its own in the output: `Built 22 files into .../site` then a line `x/index.html`."""
    root = tmp_repo()
    odd = tmp_path / "site\nBuild refused: forged"
    for args, out in (
        (("build", "--root", str(root), "--out", str(odd), "--no-search"), odd),
        (("handoff", "pm-a", "--root", str(root), "--out", str(tmp_path / "a\nb.html")), None),
        (("schema", "--root", str(root), "--out", str(odd / "schemas")), None),
        (("init", str(tmp_path / "new\nrepo")), None),
    ):
        result = _run(*args, *(() if args[0] == "schema" else ("--today", TODAY.isoformat())))
        assert result.exit_code == 0, result.output
        for line in result.output.splitlines():
            assert not line.startswith(("Build refused", "b.html", "b.css", "repo")), line
        if out is not None:
            assert result.output.count("\n") == 1, result.output


def test_schema_from_a_subfolder_writes_beside_data(
    tmp_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run in data/notes/p-0001 (as every command may be), `schema` wrote schemas/ there,
    inside data/, where the next `validate` reported six stray files. Its default is now
    the repository's schemas/ folder, where `init`'s editor settings look for them."""
    root = tmp_repo()
    monkeypatch.chdir(root / "data" / "notes" / "p-0001")
    result = _run("schema")
    assert result.exit_code == 0, result.output
    assert "focus.schema.json" in {p.name for p in (root / "schemas").iterdir()}
    assert not (root / "data" / "notes" / "p-0001" / "schemas").exists()
    result = _run("schema", "--root", str(root))  # --root: its schemas/, not the current folder's
    assert result.exit_code == 0 and not Path("schemas").exists()


def test_handoff_from_inside_data_writes_beside_it(
    tmp_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The packet's default place is the current folder; inside data/ (where a PM may well
    be) that would make it a stray file there, so it goes to the repository's folder."""
    root = tmp_repo()
    monkeypatch.chdir(root / "data" / "notes" / "p-0001")
    result = _run("handoff", "pm-a", "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert (root / "handoff-pm-a.html").is_file() and (root / "handoff-pm-a.css").is_file()
    assert result.output.splitlines()[0] == "../../../handoff-pm-a.html"


def test_a_root_inside_a_repository_names_the_repository(tmp_repo: RepoFactory) -> None:
    """`--root data/notes` (a PM pointing at their notes) said only "not a notes repository;
    pass --root": the repository it is in is named."""
    root = tmp_repo()
    result = _run("validate", "--root", str(root / "data" / "notes"))
    assert result.exit_code == 2
    assert "it is inside the one in" in result.output and "pass --root" in result.output
    assert str(Path(os.path.relpath(root))) in result.output.replace("\n", "")


def test_new_note_never_writes_a_tag_the_program_does_not_have(tmp_repo: RepoFactory) -> None:
    """With a vocabulary of its own, the template still said `tags: [mentee-touch-point]`:
    an unknown tag the PM had not chosen. It leaves the list empty for them to fill in."""
    settings = "tags:\n  - {slug: check-in, label: Check-in}\n  - {slug: other, label: Other}\n"
    root = tmp_repo({"notesite.yaml": settings})
    result = _run(
        "new", "note", "p-0001", "--type", "support", "--root", str(root),
        "--today", TODAY.isoformat(), "--no-interactive",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (root / result.output.strip()).read_text()
    assert "tags: []   # 1-5 of: check-in, other" in text
    from support import check

    codes = {d.code for d in check(root) if d.file.endswith(f"{TODAY}-support.md")}
    assert "NS403" not in codes  # no unknown tag; the empty list and empty sections are errors


def test_init_never_makes_a_repository_inside_another_ones_data(tmp_repo: RepoFactory) -> None:
    root = tmp_repo()
    result = _run("init", str(root / "data" / "notes" / "new-program"))
    assert result.exit_code == 2 and "outside data/" in result.output, result.output
    assert not (root / "data" / "notes" / "new-program").exists()
