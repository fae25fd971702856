"""`notesite new note`: correctly named, never overwrites, unedited template is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from notesite.cli import main
from notesite.validate import check_repository
from support import BASE_FILES, PAIR, TODAY, RepoFactory


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


SECOND_PAIR = {
    "data/pairs/p-0002.yaml": BASE_FILES[PAIR]
    .replace("p-0001", "p-0002")
    .replace("pm: pm-a", "pm: dir-b")
    .replace("matched_on: 2025-09-15", "matched_on: 2026-11-10")
}


def _run(root: Path, *args: str, stdin: str | None = None) -> Result:
    result = CliRunner().invoke(
        main,
        ["new", "note", *args, "--root", str(root), "--today", TODAY.isoformat()],
        input=stdin,
    )
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


def _front(path: Path) -> dict[str, object]:
    loaded = yaml.safe_load(path.read_text().split("---")[1])
    assert isinstance(loaded, dict)
    return loaded


def test_several_pairs_get_one_note_each(tmp_repo: RepoFactory) -> None:
    root = tmp_repo(SECOND_PAIR)
    result = _run(root, "p-0001", "p-0002", "p-0001", "--type", "support")
    assert result.exit_code == 0, result.output
    written = [root / "data/notes" / p / f"{TODAY}-support.md" for p in ("p-0001", "p-0002")]
    assert [Path(line).name for line in result.stdout.splitlines()] == [w.name for w in written]
    assert [_front(w)["author"] for w in written] == ["pm-a", "dir-b"]  # each pair's PM


def test_several_pairs_write_nothing_when_one_cannot_have_the_note(
    tmp_repo: RepoFactory,
) -> None:
    root = tmp_repo(SECOND_PAIR)
    result = _run(root, "p-0001", "p-0002", "--type", "support", "--date", "2026-11-01")
    assert result.exit_code == 2
    assert "p-0002 was matched on 2026-11-10" in result.output
    assert not (root / "data/notes/p-0001/2026-11-01-support.md").exists()


@pytest.mark.parametrize(
    ("args", "missing"),
    [
        ([], "missing PAIR and --type"),
        (["p-0001"], "missing --type"),
        (["--type", "support"], "missing PAIR:"),
    ],
    ids=["both", "type", "pair"],
)
def test_missing_pair_or_type_without_a_terminal_is_a_usage_error(
    tmp_repo: RepoFactory, args: list[str], missing: str
) -> None:
    root = tmp_repo()
    result = _run(root, *args)  # CliRunner's stdin is not a terminal
    assert result.exit_code == 2
    assert missing in result.output
    no_prompt = _run(root, *args, "--no-interactive", stdin="p-0001\nsupport\n\n")
    assert no_prompt.exit_code == 2


def test_interactive_asks_for_pair_type_and_tags(tmp_repo: RepoFactory) -> None:
    root = tmp_repo(SECOND_PAIR)
    result = _run(root, "--interactive", stdin="p-0002\nsupport\nAcademic, career\n")
    assert result.exit_code == 0, result.output
    assert "Pair (p-0001, p-0002): " in result.output
    assert "Note type (mentor-call, out-of-program, safety, summary, support): " in result.output
    assert "Category tags: mentor-touch-point, mentee-touch-point," in result.output
    path = root / f"data/notes/p-0002/{TODAY}-support.md"
    assert result.stdout.splitlines()[-1].endswith(f"{TODAY}-support.md")
    assert _front(path)["tags"] == ["academic", "career"]


def test_interactive_asks_again_after_a_typo_with_a_hint(tmp_repo: RepoFactory) -> None:
    root = tmp_repo()
    answers = "p-0010\np-0001\nsafty\nsafety\nmentor-touchpont\n\nacademic,a,b,c,d,e\nacademic\n"
    result = _run(root, "--interactive", stdin=answers)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Error: `p-0010` is not a pair in data/pairs/; did you mean `p-0001`?" in out
    assert "Error: `safty` is not a note type; did you mean `safety`?" in out
    assert "`mentor-touchpont` is not a category tag; did you mean `mentor-touch-point`?" in out
    assert "Error: give 1 to 5 tags, separated by commas (not 0)" not in out  # "" = default
    path = root / f"data/notes/p-0001/{TODAY}-safety.md"
    assert _front(path)["tags"] == ["risky-behavior"]  # Enter took the type's usual tag
    assert "Tags (1 to 5, separated by commas) [risky-behavior]: " in out


def test_interactive_with_a_pair_asks_only_for_the_type_and_tags(tmp_repo: RepoFactory) -> None:
    root = tmp_repo()
    result = _run(root, "p-0001", "--interactive", stdin="mentor-call\n\n")
    assert result.exit_code == 0, result.output
    assert "Pair" not in result.output
    assert _front(root / f"data/notes/p-0001/{TODAY}-mentor-call.md")["tags"] == [
        "mentor-touch-point"
    ]


def test_interactive_asks_nothing_when_pair_and_type_are_given(tmp_repo: RepoFactory) -> None:
    root = tmp_repo()
    result = _run(root, "p-0001", "--type", "support", "--interactive", stdin="")
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(f"{TODAY}-support.md")


def test_tags_option(tmp_repo: RepoFactory) -> None:
    root = tmp_repo()
    result = _run(root, "p-0001", "--type", "support", "--tags", "Academic, career,academic")
    assert result.exit_code == 0, result.output
    path = root / f"data/notes/p-0001/{TODAY}-support.md"
    assert _front(path)["tags"] == ["academic", "career"]
    codes = {d.code for d in check_repository(root, TODAY).diagnostics if d.file.endswith(".md")}
    assert codes == {"NS401"}  # the tags are valid; only the empty DAP sections remain


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tags", "carrer"], "did you mean `career`?"),
        (["--tags", " , "], "give 1 to 5 tags"),
        (["--date", "2026-13-01"], "--date"),
        (["../p-0001"], "no pair `../p-0001`"),
    ],
    ids=["tag-typo", "no-tags", "bad-date", "not-an-id"],
)
def test_bad_options_are_usage_errors(tmp_repo: RepoFactory, args: list[str], message: str) -> None:
    root = tmp_repo()
    pair = [] if args[0].startswith("..") else ["p-0001"]
    result = _run(root, *pair, "--type", "support", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert not (root / "data/notes/p-0001" / f"{TODAY}-support.md").exists()


def test_an_unknown_pair_is_refused_before_anything_is_asked(tmp_repo: RepoFactory) -> None:
    result = _run(tmp_repo(), "p-0009", "--interactive", stdin="")
    assert result.exit_code == 2
    assert "no pair `p-0009`" in result.output and "Note type" not in result.output
