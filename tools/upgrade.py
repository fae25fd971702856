"""`make upgrade`: move every pin to the newest release, so a breaking one is found by us first.

Runtime dependencies keep their lower bounds in pyproject.toml and are upgraded in uv.lock;
the developer tools are pinned exactly in pyproject.toml's dependency groups, so their pins
are lifted, the lock is upgraded, and each is pinned again at the version the lock chose.
Usage: python tools/upgrade.py PATH-TO-UV
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path("pyproject.toml")
LOCK = Path("uv.lock")
PIN = re.compile(r'^(\s*")([A-Za-z0-9_.-]+)==[^"]+(",)', re.MULTILINE)


def _groups(text: str) -> tuple[int, int]:
    """The span of the [dependency-groups] table, where the exact pins live."""
    start = text.index("[dependency-groups]")
    end = text.find("\n[", start + 1)
    return start, len(text) if end < 0 else end


def main(uv: str) -> None:
    text = PYPROJECT.read_text(encoding="utf-8")
    start, end = _groups(text)
    unpinned = text[:start] + PIN.sub(r"\1\2\3", text[start:end]) + text[end:]
    PYPROJECT.write_text(unpinned, encoding="utf-8")
    try:
        subprocess.run([uv, "lock", "--upgrade", "--quiet"], check=True)
    except subprocess.CalledProcessError:
        PYPROJECT.write_text(text, encoding="utf-8")
        sys.exit("uv could not re-lock; pyproject.toml is unchanged")
    locked = {
        p["name"]: p["version"]
        for p in tomllib.loads(LOCK.read_text(encoding="utf-8"))["package"]
        if "version" in p
    }
    bare = re.compile(r'^(\s*")([A-Za-z0-9_.-]+)(",)', re.MULTILINE)

    def pin(m: re.Match[str]) -> str:
        name = m.group(2)
        return f"{m.group(1)}{name}=={locked[name.lower().replace('_', '-')]}{m.group(3)}"

    start, end = _groups(unpinned)
    PYPROJECT.write_text(
        unpinned[:start] + bare.sub(pin, unpinned[start:end]) + unpinned[end:], encoding="utf-8"
    )
    changed = subprocess.run(["git", "diff", "--stat", "--", "pyproject.toml", "uv.lock"])
    sys.exit(changed.returncode)


if __name__ == "__main__":
    main(sys.argv[1])
