"""`notesite new note`: correctly named, never overwrites, unedited template is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from notesite.cli import main
from notesite.validate import check_repository
from support import TODAY, RepoFactory


def _new(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["new", "note", *args, "--root", str(root), "--today", TODAY.isoformat()]
    )
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "note_type", ["support", "mentor-call", "summary", "safety", "out-of-program"]
)
def test_template_of_each_type_is_named_right_and_refused_until_filled_in(
    tmp_repo: RepoFactory, note_type: str
) -> None:
    root = tmp_repo()
    code, out = _new(root, "p-0001", "--type", note_type)
    assert code == 0, out
    path = root / out.strip() if not Path(out.strip()).is_absolute() else Path(out.strip())
    expected = root / "data/notes/p-0001" / f"{TODAY}-{note_type}.md"
    assert expected.is_file()
    text = expected.read_text()
    assert "pair: p-0001" in text and f"type: {note_type}" in text and "author: pm-a" in text
    codes = {
        d.code
        for d in check_repository(root, TODAY).diagnostics
        if d.file.endswith(f"{note_type}.md")
    }
    assert codes == {"NS401"}, codes  # only "section has no text": everything else is valid
    del path


def test_second_note_same_day_gets_a_suffix_and_nothing_is_overwritten(
    tmp_repo: RepoFactory,
) -> None:
    root = tmp_repo()
    _new(root, "p-0001", "--type", "support")
    first = root / f"data/notes/p-0001/{TODAY}-support.md"
    first.write_text(first.read_text() + "edited\n")
    code, _ = _new(root, "p-0001", "--type", "support")
    assert code == 0
    assert first.read_text().endswith("edited\n")
    assert (root / f"data/notes/p-0001/{TODAY}-support-2.md").is_file()


def test_date_and_author_options(tmp_repo: RepoFactory) -> None:
    root = tmp_repo()
    code, _ = _new(root, "p-0001", "--type", "support", "--date", "2026-11-01", "--author", "dir-b")
    assert code == 0
    text = (root / "data/notes/p-0001/2026-11-01-support.md").read_text()
    assert "author: dir-b" in text and "date: 2026-11-01" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["p-0002", "--type", "support"], "did you mean `p-0001`?"),
        (["p-0001", "--type", "safty"], "did you mean `safety`?"),
        (["p-0001", "--type", "support", "--date", "2026-12-01"], "in the future"),
        (["p-0001", "--type", "support", "--date", "2025-01-01"], "was matched on"),
    ],
    ids=["unknown-pair", "unknown-type", "future-date", "before-match"],
)
def test_bad_requests_are_usage_errors(
    tmp_repo: RepoFactory, args: list[str], message: str
) -> None:
    root = tmp_repo()
    code, out = _new(root, *args)
    assert code == 2
    assert message in out
    assert "Traceback" not in out
