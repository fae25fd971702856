"""One way to write files: every file notesite writes for people goes through safewrite.py
(created beside its name, renamed, never through a link) or write.py (the site). A module
that writes on its own is found here."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "notesite"
WRITES = re.compile(r"\.write_(text|bytes)\(|os\.replace\(|mkstemp\(|open\([^)]*['\"][wax]b?['\"]")
WRITERS = {"safewrite.py", "write.py"}
# Files in a temporary folder of notesite's own, which nobody reads but notesite itself, and
# the one file a CI runner hands out to be appended to.
PRIVATE = {
    "git.py": "review's copy of BASE's files, in a temporary folder",
    "render/search.py": "Pagefind's input, in a temporary folder",
    "review/format.py": "appends to $GITHUB_STEP_SUMMARY, as GitHub asks",
}


def test_only_the_writers_write_files() -> None:
    found = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if WRITES.search(path.read_text(encoding="utf-8"))
    }
    assert found - WRITERS - PRIVATE.keys() == set(), "write through notesite.safewrite"
