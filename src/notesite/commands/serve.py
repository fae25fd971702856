"""`notesite serve`: build, serve on 127.0.0.1, rebuild when a file changes.

Builds are atomic, so while the files are broken the last good site keeps being served and
the diagnostics are printed; before there is any site, every address answers with a page
saying why (the problems, escaped) instead of an empty folder listing. Only requests for
`127.0.0.1`, `localhost` or `[::1]` at the served port are answered (421 Misdirected Request
otherwise), so a web page elsewhere cannot reach the confidential site by pointing a name of
its own at 127.0.0.1 (DNS rebinding). Watching uses `watchfiles` (a well-kept Rust watcher),
not a polling loop of our own; it watches the repository's folder, so a `notesite.yaml` or
`data/` created (or deleted) while it runs is noticed too.
"""

from __future__ import annotations

import errno
import functools
import html
import io
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO

from notesite.build import build
from notesite.diagnostics import Diagnostic, format_text
from notesite.errors import NotesiteError, UsageProblem, describe, shown
from notesite.validate import NoteCache
from notesite.write import check_output, site_folder

LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
PLACEHOLDER_LINES = 200  # problems listed on the page shown before there is a site


class PortInUse(UsageProblem):
    """The port cannot be listened on (another program has it, or it needs privileges)."""


@dataclass
class Status:
    """What the page shown before there is any site says (set by each rebuild)."""

    why: str = "notesite is building the site; reload this page in a moment."
    problems: str = ""

    def page(self) -> bytes:
        lines = [shown(line) for line in self.problems.splitlines()]
        if len(lines) > PLACEHOLDER_LINES:
            lines = [*lines[:PLACEHOLDER_LINES], f"… and {len(lines) - PLACEHOLDER_LINES} more"]
        listed = f"<pre>{html.escape(chr(10).join(lines))}</pre>\n" if lines else ""
        return (
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="robots" content="noindex"><title>notesite: no site yet</title></head>\n'
            f"<body><h1>There is no site yet</h1>\n<p>{html.escape(self.why)}</p>\n{listed}"
            "</body></html>\n"
        ).encode()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    status: Status
    hosts: frozenset[str]  # the Host headers answered


class Handler(SimpleHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the terminal for diagnostics

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        given = self.headers.get_all("Host") or []
        host = given[0].strip().lower() if len(given) == 1 else ""  # two: which one is true?
        if host not in self.server.hosts:
            port = self.server.server_port
            self.send_error(
                HTTPStatus.MISDIRECTED_REQUEST,
                explain=f"notesite serve answers only at http://127.0.0.1:{port}/ "
                f"and http://localhost:{port}/",
            )
            return False
        return True

    def send_head(self) -> BinaryIO | io.BytesIO | None:
        if not (Path(self.directory) / "index.html").is_file():
            body = self.server.status.page()
            self.send_response(HTTPStatus.SERVICE_UNAVAILABLE)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Security-Policy", "default-src 'none'")
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def list_directory(self, path: Any) -> None:
        self.send_error(HTTPStatus.NOT_FOUND, "No page here")  # never list the site's files


def hosts(port: int) -> frozenset[str]:
    """The Host headers a request to this server may carry."""
    names = {f"{name}:{port}" for name in LOOPBACK}
    return frozenset(names | (set(LOOPBACK) if port == 80 else set()))


def open_server(port: int, site: Path, status: Status) -> Server:
    """Listen on 127.0.0.1:`port` (0: any free port), serving the folder `site`."""
    handler = functools.partial(Handler, directory=str(site))
    try:
        server = Server(("127.0.0.1", port), handler)
    except OSError as exc:
        other = port + 1 if 0 < port < 65535 else 8000
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(f"port {port} is in use; try --port {other}") from None
        if exc.errno == errno.EACCES:
            raise PortInUse(
                f"port {port} needs administrator rights; try --port {max(other, 8000)}"
            ) from None
        raise
    server.status, server.hosts = status, hosts(server.server_port)
    return server


# Where `serve` reports: say(text, to_stderr), `text` with its line ends; the CLI prints it.
Say = Callable[[str, bool], None]


def _quiet(_text: str, _to_stderr: bool) -> None:
    """The default `Say`: nothing is printed (a library module does not print)."""


def rebuild(
    root: Path,
    out: Path,
    today: date,
    *,
    search: bool = True,
    cache: NoteCache | None = None,
    status: Status | None = None,
    say: Say = _quiet,
) -> bool:
    status = status or Status()
    serving = (site_folder(out) / "index.html").is_file()
    still = (
        "still serving the last good site"
        if serving
        else "until then, the site's address shows what is wrong"
    )
    try:
        result = build(root, out, today, search=search, cache=cache)
    except (NotesiteError, OSError) as exc:
        message = describe(exc) if isinstance(exc, OSError) else str(exc)
        say(f"Not built: {message}; {still}.\n", True)
        status.why, status.problems = f"The site could not be built: {message}", ""
        return False
    if result.diagnostics:
        say(format_text(result.diagnostics), True)
    if result.search_problem:
        say(f"warning: built without search ({result.search_problem})\n", True)
    if result.ok:
        say(f"Built {result.files} files.\n", False)
    else:
        say(f"Not built: fix the errors above; {still}.\n", True)
        status.why, status.problems = _refused(result.diagnostics, result.errors)
    return result.ok


def _refused(diagnostics: list[Diagnostic], errors: int) -> tuple[str, str]:
    problems = f"{errors} error{'s' if errors != 1 else ''}" if errors else "warnings"
    return (
        f"The files have {problems}, so notesite did not build the site. Fix them (they are "
        "listed below and in the terminal); the site is built as soon as they are fixed. "
        "Then reload this page.",
        format_text(diagnostics),
    )


def _relevant(root: Path) -> Callable[[object, str], bool]:
    """Changes that need a rebuild: under data/, and notesite.yaml (created, changed, gone)."""
    base = os.path.realpath(root)
    data, settings = os.path.join(base, "data"), os.path.join(base, "notesite.yaml")

    def keep(_change: object, path: str) -> bool:
        p = os.path.realpath(path)
        return p in (data, settings) or p.startswith(data + os.sep)

    return keep


def serve(
    root: Path,
    out: Path,
    port: int,
    today: Callable[[], date],
    *,
    search: bool = True,
    say: Say = _quiet,
) -> None:
    """Serve `out` and rebuild it on every change, reporting each build through `say`."""
    from watchfiles import watch

    site = check_output(out, root)
    status = Status()
    server = open_server(port, site, status)  # first: a busy port fails before a long build
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        cache = NoteCache()  # unchanged notes are not parsed again on each rebuild
        rebuild(root, out, today(), search=search, cache=cache, status=status, say=say)
        say(
            f"Serving http://127.0.0.1:{server.server_port}/ (Ctrl+C to stop); "
            f"watching {shown(root)}\n",
            False,
        )
        for _changes in watch(os.path.abspath(root), watch_filter=_relevant(root)):
            rebuild(root, out, today(), search=search, cache=cache, status=status, say=say)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
