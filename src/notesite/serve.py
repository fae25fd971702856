"""`notesite serve`: build, serve on 127.0.0.1, rebuild when a file changes.

Builds are atomic, so while the files are broken the last good site keeps being served and
the diagnostics are printed. Watching uses `watchfiles` (a well-kept Rust watcher), not a
polling loop of our own.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click

from notesite.build import build
from notesite.diagnostics import format_text
from notesite.validate import NoteCache


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the terminal for diagnostics


def rebuild(
    root: Path, out: Path, today: date, *, search: bool = True, cache: NoteCache | None = None
) -> bool:
    result = build(root, out, today, search=search, cache=cache)
    if result.diagnostics:
        click.echo(format_text(result.diagnostics), err=True, nl=False)
    if result.search_problem:
        click.echo(f"warning: built without search ({result.search_problem})", err=True)
    if result.ok:
        click.echo(f"Built {result.files} files.")
    else:
        click.echo("Not rebuilt: fix the errors above; still serving the last good site.", err=True)
    return result.ok


def _relevant(root: Path, out: Path) -> Callable[[object, str], bool]:
    out_r = out.resolve()

    def keep(_change: object, path: str) -> bool:
        p = Path(path).resolve()
        return not (p == out_r or out_r in p.parents or p.name.startswith(f".{out.name}-"))

    return keep


def serve(
    root: Path, out: Path, port: int, today: Callable[[], date], *, search: bool = True
) -> None:
    """Serve `out` and rebuild it on every change. The caller checks `out` is usable first."""
    from watchfiles import watch

    cache = NoteCache()  # unchanged notes are not parsed again on each rebuild
    rebuild(root, out, today(), search=search, cache=cache)
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Handler, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    click.echo(f"Serving http://127.0.0.1:{server.server_port}/ (Ctrl+C to stop); watching {root}")
    watched = [p for p in (root / "data", root / "notesite.yaml") if p.exists()]
    try:
        for _changes in watch(*watched, watch_filter=_relevant(root, out)):
            rebuild(root, out, today(), search=search, cache=cache)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
