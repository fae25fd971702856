"""Red team, class 2: what a writer killed outright (SIGKILL: no cleanup runs) leaves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from support import TODAY, RepoFactory, check


def test_a_new_note_killed_while_writing_leaves_nothing_validate_minds(
    tmp_repo: RepoFactory,
) -> None:
    """`new note` killed between writing its temporary file and naming it: the leftover
    `.<name>.<hex>.tmp` in the pair's folder is neither a note nor a hidden note."""
    root = tmp_repo()
    script = textwrap.dedent(
        f"""
        import os, sys, time
        import notesite.safewrite as w
        real = w._link_new
        def stall(*args):
            print("written", flush=True)
            time.sleep(60)
        w._link_new = stall
        from notesite.cli import main
        sys.argv = ["notesite", "new", "note", "p-0001", "--type", "support",
                    "--root", {str(root)!r}, "--today", {TODAY.isoformat()!r}]
        main()
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "written"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=20)
        if proc.stdout is not None:
            proc.stdout.close()
    folder = root / "data" / "notes" / "p-0001"
    left = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1 and left[0].startswith(f".{TODAY}-support.md.")
    assert check(root) == []  # the leftover is not read, nor reported as a hidden note
