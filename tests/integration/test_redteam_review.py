"""Red team, class 1: other ways to erase or weaken the safety record past `notesite review`.

Each case is a branch an author could push. Whatever it does to a safety note of the base
revision, review must list it under "Safety record changes" and exit 1 (SPEC §15), or fail
on the errors it causes; never "No safety notes were added", exit 0.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_review import (
    S_DEL,
    S_LOW,
    SAFETY_BASE,
    SAFETY_EDITS,
    _safety,
    make_git_repo,
    make_safety_repo,
    review,
)
from test_review import clean_env as clean_env  # the fixture: no runner git variables

from support import commit_all, git, make_repo, write_files

WEAKENED = SAFETY_EDITS[S_LOW]  # severity major -> minor, escalation removed


def _changes(root: Path, *args: str) -> tuple[int, dict[str, list[str]], dict[str, Any]]:
    result = review(root, "--format", "json", *args)
    data = json.loads(result.stdout)
    found = {c["note"]["id"]: c["changes"] for c in data["safety_changes"]}
    return result.exit_code, found, data


def _id(rel: str) -> str:
    return rel.removeprefix("data/notes/").removesuffix(".md")


def test_a_replace_ref_cannot_make_the_base_look_weakened(tmp_path: Path) -> None:
    """`git replace` swaps an object for another everywhere git reads it, unless told not
    to: a replace ref pointing the base's safety note at its weakened text made both sides
    equal, so review said nothing changed. Review reads objects as committed."""
    root = make_safety_repo(tmp_path / "repo", {S_LOW: WEAKENED})
    original = git(root, "rev-parse", f"main:{S_LOW}").strip()
    weakened = git(root, "rev-parse", f"HEAD:{S_LOW}").strip()
    git(root, "replace", original, weakened)
    assert git(root, "show", f"main:{S_LOW}") == WEAKENED  # git itself now shows the lie
    code, found, _ = _changes(root)
    assert code == 1
    assert found == {_id(S_LOW): ["severity-lowered", "escalation-removed"]}


def test_a_replaced_base_commit_is_not_followed_either(tmp_path: Path) -> None:
    """The same with the whole base commit replaced by the branch's own."""
    root = make_safety_repo(tmp_path / "repo", {S_DEL: None})
    git(root, "replace", git(root, "rev-parse", "main").strip(), "HEAD")
    code, found, _ = _changes(root, "main")
    assert (code, found) == (1, {_id(S_DEL): ["removed"]})


MOVED = "data/notes/p-0002/2026-10-25-safety.md"


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param(  # into another pair's folder, its `pair` changed to match
            {S_LOW: None, MOVED: str(SAFETY_BASE[S_LOW]).replace("pair: p-0001", "pair: p-0002")},
            {_id(S_LOW): ["removed"]},
            id="moved-to-another-pair",
        ),
        pytest.param(  # deleted, and a new file of the same name with other words and fields
            {
                S_LOW: _safety(
                    "p-0001",
                    date(2026, 10, 25),
                    "nothing much",
                    severity="minor",
                    escalated_to=None,
                    escalated_on=None,
                )
            },
            {_id(S_LOW): ["severity-lowered", "escalation-removed"]},
            id="re-added-with-another-body",
        ),
        pytest.param(  # hidden: a name starting with a dot
            {S_LOW: None, S_LOW.replace("2026-10-25", ".2026-10-25"): SAFETY_BASE[S_LOW]},
            {_id(S_LOW): ["removed"]},
            id="hidden-by-a-dot",
        ),
        pytest.param(  # into a sub-folder of the pair's folder
            {S_LOW: None, S_LOW.replace("p-0001/", "p-0001/old/"): SAFETY_BASE[S_LOW]},
            {_id(S_LOW): ["removed"]},
            id="moved-into-a-sub-folder",
        ),
        pytest.param(  # the extension's case
            {S_LOW: None, S_LOW.replace(".md", ".MD"): SAFETY_BASE[S_LOW]},
            {_id(S_LOW): ["removed"]},
            id="extension-in-capitals",
        ),
        pytest.param(  # the date in the fields only (the file name no longer fits: an error)
            {S_LOW: str(SAFETY_BASE[S_LOW]).replace("date: 2026-10-25", "date: 2026-10-26")},
            {_id(S_LOW): ["re-dated"]},
            id="date-field-only",
        ),
        pytest.param(  # escalated_to: another order is a change of the record, shown
            {
                S_LOW: str(SAFETY_BASE[S_LOW]).replace("[dir-b]", "[pm-c, dir-b]"),
                S_DEL: str(SAFETY_BASE[S_DEL]).replace("[dir-b]", "[DIR-B]"),
            },
            {_id(S_LOW): ["escalation-changed"], _id(S_DEL): ["escalation-changed"]},
            id="escalated-to-added-and-case",
        ),
        pytest.param(  # the severity in capitals (does not validate), or a YAML null
            {
                S_LOW: str(SAFETY_BASE[S_LOW]).replace("severity: major", "severity: MAJOR"),
                S_DEL: str(SAFETY_BASE[S_DEL]).replace("severity: major", "severity: ~"),
            },
            {_id(S_LOW): ["severity-lowered"], _id(S_DEL): ["severity-lowered"]},
            id="severity-spelt-otherwise",
        ),
        pytest.param(  # binary now: it cannot be read
            {S_LOW: b"\x00\x01\x02" + str(SAFETY_BASE[S_LOW]).encode()},
            {_id(S_LOW): ["unreadable"]},
            id="binary",
        ),
        pytest.param(  # UTF-16: the same words, but not a note notesite can read
            {S_LOW: "\ufeff".encode("utf-16-le") + str(SAFETY_BASE[S_LOW]).encode("utf-16-le")},
            {_id(S_LOW): ["unreadable"]},
            id="utf-16",
        ),
        pytest.param(  # front matter closed too early: the fields after it are body text
            {S_LOW: str(SAFETY_BASE[S_LOW]).replace("severity: major", "---\nseverity: major")},
            {_id(S_LOW): ["severity-lowered", "escalation-removed"]},
            id="front-matter-cut-short",
        ),
    ],
)
def test_more_ways_to_weaken_a_safety_note_are_listed(
    tmp_path: Path, edits: dict[str, str | bytes | None], expected: dict[str, list[str]]
) -> None:
    root = make_safety_repo(tmp_path / "repo", edits)
    code, found, _ = _changes(root)
    assert code == 1
    assert found == expected


def test_the_settings_turning_safety_notes_into_support_notes_is_listed(tmp_path: Path) -> None:
    """notesite.yaml can change what a type means: the type `safety` of kind support."""
    types = "".join(
        f"  - {{slug: {slug}, label: {slug}, kind: {kind}}}\n"
        for slug, kind in (
            ("support", "support"),
            ("mentor-call", "mentor-call"),
            ("summary", "summary"),
            ("safety", "support"),
            ("out-of-program", "out-of-program"),
        )
    )
    root = make_safety_repo(tmp_path / "repo", {"notesite.yaml": f"note_types:\n{types}"})
    code, found, data = _changes(root)
    assert code == 1
    safety_notes = sorted(_id(r) for r in SAFETY_BASE if r.endswith("-safety.md"))
    assert sorted(found) == safety_notes
    assert all(kinds == ["type-changed"] for kinds in found.values())
    [first, *_] = data["safety_changes"]
    assert first["details"] == [
        "type safety: a safety note → a support note (notesite.yaml changed what the type means)"
    ]


def test_a_notes_folder_replaced_by_a_link_loses_its_notes(tmp_path: Path) -> None:
    """The working tree's pair folder is a link to a copy with a weakened note: links are
    never followed, so the pair's safety notes are gone (and the link is an error)."""
    root = make_git_repo(tmp_path / "repo", None, SAFETY_BASE)
    folder = root / "data" / "notes" / "p-0001"
    shutil.copytree(folder, root / "elsewhere")
    write_files(root, {"elsewhere/" + S_LOW.rsplit("/", 1)[1]: WEAKENED})
    shutil.rmtree(folder)
    os.symlink("../../elsewhere", folder)
    code, found, data = _changes(root)
    assert code == 1
    assert found == {_id(S_DEL): ["removed"], _id(S_LOW): ["removed"]}
    assert data["validation"]["errors"] >= 1


def test_a_base_that_is_not_an_ancestor_is_compared_tree_to_tree(tmp_path: Path) -> None:
    """BASE may be any commit: an unrelated history that lacks the notes shows them added,
    and one that has them shows their changes."""
    root = make_safety_repo(tmp_path / "repo", {S_LOW: WEAKENED})
    git(root, "checkout", "-q", "--orphan", "other")
    git(root, "rm", "-q", "-r", "--cached", ".")
    commit_all(root, "unrelated, with every file as on main")  # the working tree: the change
    git(root, "checkout", "-q", "change")
    code, found, _ = _changes(root, "other")
    assert (code, found) == (0, {})  # `other` holds the branch's files: nothing changed
    code, found, _ = _changes(root, "main")
    assert found == {_id(S_LOW): ["severity-lowered", "escalation-removed"]}


def test_a_shallow_clone_is_named_when_base_is_missing(tmp_path: Path) -> None:
    """CI checks out one commit by default: the message must say so, not "share no
    history" or "not a git revision" alone."""
    root = make_safety_repo(tmp_path / "repo", {S_DEL: None})
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "change", root.as_uri(), str(shallow))
    for args in (("HEAD~1",), ()):
        result = review(shallow, *args)
        assert result.exit_code == 2, result.output
        assert "shallow" in result.output and "fetch-depth: 0" in result.output
    git(shallow, "fetch", "-q", "--depth", "1", "origin", "main:main")
    result = review(shallow)  # main is there, but not the history joining it to HEAD
    assert result.exit_code == 2, result.output
    assert "shallow" in result.output and "fetch-depth: 0" in result.output


def test_a_notes_repository_in_a_folder_whose_name_is_not_utf8(tmp_path: Path) -> None:
    """The notes repository in a git sub-folder named with bytes that are not UTF-8: its
    name reached git mangled, the folder was "not at BASE", every note looked new and a
    deleted safety note was not listed at all (exit 0)."""
    top = tmp_path / "top"
    top.mkdir()
    notes = Path(os.fsdecode(os.fsencode(top) + b"/notes-\xff"))
    make_repo(notes, SAFETY_BASE)
    git(top, "init", "-q", "-b", "main")
    commit_all(top, "base")
    git(top, "checkout", "-q", "-b", "change")
    write_files(notes, {S_DEL: None})
    commit_all(top, "change")
    code, found, data = _changes(notes)
    assert (code, found) == (1, {_id(S_DEL): ["removed"]})
    assert data["notes"]["added"] == []


def test_a_name_the_change_gives_someone_does_not_disguise_them(tmp_path: Path) -> None:
    """The change re-escalates a safety note from Bea Diaz (dir-b) to pm-c, and renames
    pm-c "Bea Diaz" in the roster: review read the ids by the new names, "Bea Diaz (dir-b)
    → Bea Diaz (pm-c)". Names are those at BASE; the roster's change is spelled out."""
    from test_review import BASE, STAFF

    roster = str(BASE[STAFF]).replace("name: Cy Lane", "name: Bea Diaz")
    escalated = str(SAFETY_BASE[S_LOW]).replace("[dir-b]", "[pm-c]")
    root = make_safety_repo(tmp_path / "repo", {STAFF: roster, S_LOW: escalated})
    code, found, data = _changes(root)
    assert code == 1 and found == {_id(S_LOW): ["escalation-changed"]}
    [change] = data["safety_changes"]
    assert change["details"] == ["escalated to: Bea Diaz (dir-b) → Cy Lane (pm-c)"]
    [staff] = data["other_files"]
    assert staff["details"] == ["renamed: Cy Lane → Bea Diaz (pm-c)"]
    text = review(root, "--format", "text").stdout
    assert "renamed: Cy Lane → Bea Diaz (pm-c)" in text


def test_a_pair_folder_made_a_submodule_is_an_error(tmp_path: Path) -> None:
    """A change turns data/notes/p-0001 into a submodule (a repository the author controls)
    holding the same notes: with submodules checked out, review saw the files unchanged,
    while the notes repository itself no longer has them (nor would CI's checkout)."""
    root = make_git_repo(tmp_path / "repo", None, SAFETY_BASE)
    folder = root / "data" / "notes" / "p-0001"
    git(folder.parent, "init", "-q", str(folder))  # its own repository, same files
    code, _, data = _changes(root)
    assert code == 1
    shown = data["validation"]["diagnostics"] + data["validation"]["elsewhere"]
    [problem] = [d for d in shown if d["file"] == "data/notes/p-0001"]
    assert problem["code"] == "NS109" and "git repository of its own" in problem["message"]


def test_a_settings_change_says_what_changed(tmp_path: Path) -> None:
    """Raising `safety.escalate_within_days` makes late escalations on time on the site:
    review listed only "notesite.yaml added"; it now names each setting that changed."""
    settings = "safety: {escalate_within_days: 30}\nlog_within_days: 90\n"
    root = make_safety_repo(tmp_path / "repo", {"notesite.yaml": settings})
    _, _, data = _changes(root)
    [change] = data["other_files"]
    assert change["details"] == [
        "log_within_days: 7 → 90",
        "safety.escalate_within_days: 1 → 30",
    ]
    broken = make_safety_repo(tmp_path / "broken", {"notesite.yaml": "safety: {oops: 1}\n"})
    [change] = _changes(broken)[2]["other_files"]
    assert change["details"] == ["does not validate (see Validation)"]


def test_the_new_details_columns_are_inert(tmp_path: Path) -> None:
    """The roster and settings details quote names and values from files: in every format
    they must not start a workflow command, move the cursor or become Markdown."""
    from test_review import BASE, STAFF, assert_inert

    hostile = "Cy\\n::add-mask::secret\\e[2J [x](https://evil.example) <b>"
    roster = str(BASE[STAFF]).replace("name: Cy Lane", f'name: "{hostile}"')
    settings = 'program: "P\\n::error::forged"\n'
    root = make_safety_repo(tmp_path / "repo", {STAFF: roster, "notesite.yaml": settings})
    for fmt in ("markdown", "text", "json"):
        out = review(root, "--format", fmt).stdout
        assert_inert(out)
        assert "secret" in out  # shown, as text
    markdown = review(root).stdout
    row = next(line for line in markdown.splitlines() if line.startswith("| `data/staff.yaml`"))
    assert (
        "`renamed: Cy Lane → Cy\\n:\\:add-mask:\\:secret\\x1b[2J "
        "[x](https://evil.example) <b> (pm-c)`" in row
    )
