"""Property-based tests (hypothesis): whatever a file holds, checking never raises.

Each example writes one random file (bytes, YAML-ish text or a note) at one place of the
layout of the small valid repository, then runs the whole check. Every problem must be a
diagnostic with a registered code and a sensible place; when there is none, the site is
rendered too, and holds no markup but the notes' escaped text.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from notesite.codes import CODES
from notesite.derive.facts import derive
from notesite.render import render_site
from notesite.validate import check_repository
from strategies import FAST, YAML_PIECES, joined
from support import BODY, TODAY, make_repo, note_text

FILES = st.sampled_from(
    [
        "notesite.yaml",
        "data/staff.yaml",
        "data/pairs/p-0001.yaml",
        "data/notes/p-0001/2026-10-03-support.md",
        "data/ratings/2025-26/pm-a.yaml",
        "data/focus/pm-a/2026-11-02.yaml",
        "data/participation/2025-26.csv",
    ]
)
PIECES = [
    *YAML_PIECES, "\r\n", "\x00", "\xff", "p-0001", "pm-a", "id", "pair", "tags",
    "mentor-touch-point", "## Data\n", "## Assessment\n", "## Plan\n", "> " * 30, "| a |\n",
    "|---|\n", "[//]: # (", ")", "pair,week,mentor,mentee\n", "done", "missed",
]  # fmt: skip
TEXT = joined(PIECES, st.text(max_size=8))
CONTENT = st.one_of(
    st.binary(max_size=300),
    TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(TEXT, TEXT).map(lambda p: f"---\n{p[0]}\n---\n{p[1]}".encode("utf-8", "replace")),
    TEXT.map(lambda t: note_text(BODY + t).encode("utf-8", "replace")),
)


@settings(FAST, max_examples=60)
@given(FILES, CONTENT)
def test_no_file_makes_the_check_raise(rel: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_repo(Path(tmp) / "repo", {rel: content})
        checked = check_repository(root, TODAY, render=True)
        for d in checked.diagnostics:
            assert d.code in CODES and d.severity == CODES[d.code].severity
            assert not d.file.startswith("/") and ".." not in d.file.split("/")
            assert d.line is None or d.line >= 1
            assert d.message.strip()
        if checked.errors == 0:
            files = render_site(derive(checked.program, TODAY), jobs=1, search=False)
            page = files["pairs/p-0001.html"].decode()
            assert "<script" not in page.replace('<script src="', "")
