"""`notesite serve`: build, serve on 127.0.0.1, rebuild when a file changes, reload the page.

Builds are atomic, so while the files are broken the last good site keeps being served and
the diagnostics are printed; before there is any site, every address answers with a page
saying why (the problems, escaped) instead of an empty folder listing. Only requests for
`127.0.0.1`, `localhost` or `[::1]` at the served port are answered (421 Misdirected Request
otherwise), so a web page elsewhere cannot reach the confidential site by pointing a name of
its own at 127.0.0.1 (DNS rebinding). Watching uses `watchfiles` (a well-kept Rust watcher),
not a polling loop of our own; it watches the repository's folder, so a `notesite.yaml` or
`data/` created (or deleted) while it runs is noticed too.

Pages first: on a change the pages are rebuilt with the search index of the last build (the
slowest stage, skipped), published, and the open pages told; a background thread then indexes
the notes of that build (its facts: no second check of the files) and the site is published
once more with the new index. Builds run one at a time, in the main thread; changes during a
build make one more build. Before the build, a change to notes only shows the saved notes'
pair pages early, from memory (preview.py).

Live reload: to each page it sends (never to the files in the site folder, which stay what
`notesite build` writes) serve adds `<script src="/__notesite/reload.js" defer>` and a
`<meta name="notesite-build">` naming the build the page shows. The script listens to
`/__notesite/events` (Server-Sent Events) and reloads the page when a newer build is
published. Both are same-origin, so the pages' own Content-Security-Policy (`script-src
'self'`, `connect-src 'self'`) allows them; a page whose policy would refuse them is sent as
it is. While the index is behind the pages, search.html says so in its HTML (no script needed).
"""

from __future__ import annotations

import errno
import functools
import html
import io
import json
import os
import re
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO

from notesite import collector
from notesite.build import BuildResult, build
from notesite.derive.facts import Facts
from notesite.diagnostics import Diagnostic, format_text
from notesite.errors import NotesiteError, UsageProblem, describe, shown
from notesite.preview import early_pages
from notesite.render.search import FOLDER, SearchUnavailable, search_files
from notesite.validate import NoteCache
from notesite.write import check_output, site_folder

LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
PLACEHOLDER_LINES = 200  # problems listed on the page shown before there is a site
SCRIPT = "/__notesite/reload.js"
EVENTS = "/__notesite/events"
KEEPALIVE = 15.0  # seconds between comments on a quiet event stream (finds closed tabs)
# Seconds the build waits after showing early pages for one of them to be fetched: while it
# runs, every request waits for the interpreter lock (0.34 s instead of 0.1 s at 100k notes).
EARLY_GRACE = 0.3
BEHIND = "The search index is being updated; results may miss the latest changes."

# Reloads the page when serve publishes a build newer than the one it shows. The browser
# keeps the scroll position across location.reload(). Served by serve only, never built.
RELOAD_JS = b"""// notesite serve: reload this page when a newer build of the site is published.
"use strict";
(function () {
  var meta = document.querySelector('meta[name="notesite-build"]');
  if (!meta || typeof EventSource === "undefined") {
    return;
  }
  var shown = meta.getAttribute("content").split(" ");
  // A page shown ahead of its build names that build: no reload until a newer one.
  function ahead(now, mine) {
    var a = now.split("-"), b = mine.split("-");
    return a[0] === b[0] && Number(a[1]) < Number(b[1]);
  }
  var events = new EventSource("/__notesite/events");
  events.addEventListener("build", function (event) {
    var now = JSON.parse(event.data)[shown[0]];
    if (now && now !== shown[1] && !ahead(now, shown[1])) {
      events.close();
      window.location.reload();
    }
  });
})();
"""


class PortInUse(UsageProblem):
    """The port cannot be listened on (another program has it, or it needs privileges)."""


class Live:
    """What serve has published, shared by the builds and every request (under `changed`).

    `pages` names the last publish after a change of the files, `site` the last publish of
    any kind (a new search index changes search.html only): a page shows one of them, and
    its script reloads it when that one moves on. The names start with this run's start, so
    pages left open across a restart of serve reload too.
    """

    def __init__(self, search: bool = False) -> None:
        self.changed = threading.Condition()
        self.search = search
        self.run = f"{time.time_ns():x}"
        self.published = 0  # publishes of the site, and of early pages
        self.page_publish = 0  # the publish that last changed the pages
        self.site_publish = 0  # the last publish of the site (early pages change no file)
        self.pages_at = -1  # the change count the published pages reflect (-1: none yet)
        self.index_at = -1  # the change count the published search index reflects
        self.seen = 1  # the changes counted so far (the first build counts as one)
        self.stopping = False
        self.early: dict[str, bytes] = {}  # pages shown ahead of the build (preview.py)
        self.early_served = threading.Event()  # one of them was sent since they were shown

    def names(self) -> dict[str, str]:
        """What the event stream sends: the current name of each kind of build."""
        return {
            "pages": f"{self.run}-{self.page_publish}",
            "site": f"{self.run}-{self.site_publish}",
        }

    def behind(self) -> bool:
        """Whether the published search index misses changes: ones the published pages have,
        or ones saved and not yet published (the page may be served from the new files)."""
        return self.search and self.index_at < max(self.pages_at, self.seen)

    def publish(self, pages_at: int, index_at: int, *, pages_changed: bool) -> None:
        with self.changed:
            self.published += 1
            self.site_publish = self.published
            if pages_changed:
                self.page_publish = self.published
            self.pages_at, self.index_at = pages_at, index_at
            self.early = {}  # the site now has them
            self.changed.notify_all()

    def show_early(self, pages: dict[str, bytes]) -> None:
        """Serve `pages` (path in the site: bytes) ahead of the build that will write them,
        and tell the open pages; the next publish (or `drop_early`) ends them."""
        with self.changed:
            self.early = dict(pages)
            self.early_served.clear()
            self.published += 1
            self.page_publish = self.published
            self.changed.notify_all()

    def drop_early(self) -> None:
        """The build after early pages was refused: back to the site as it is."""
        with self.changed:
            if self.early:
                self.early = {}
                self.published += 2  # past the build the early pages named (`early_name`)
                self.page_publish = self.published
                self.changed.notify_all()

    def early_name(self) -> str:
        """The name an early page carries: the build that will publish it (the next one),
        so that build's publish does not reload it a second time (call under `changed`)."""
        return f"{self.run}-{self.published + 1}"

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()


@dataclass
class Status:
    """What the page shown before there is any site says (set by each rebuild)."""

    why: str = "notesite is building the site; reload this page in a moment."
    problems: str = ""

    def page(self, build_name: str = "") -> bytes:
        lines = [shown(line) for line in self.problems.splitlines()]
        if len(lines) > PLACEHOLDER_LINES:
            lines = [*lines[:PLACEHOLDER_LINES], f"… and {len(lines) - PLACEHOLDER_LINES} more"]
        listed = f"<pre>{html.escape(chr(10).join(lines))}</pre>\n" if lines else ""
        return (
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="robots" content="noindex"><title>notesite: no site yet</title>\n'
            f"{_live_tags(build_name) if build_name else ''}</head>\n"
            f"<body><h1>There is no site yet</h1>\n<p>{html.escape(self.why)}</p>\n{listed}"
            "</body></html>\n"
        ).encode()


def _live_tags(build_name: str) -> str:
    return (
        f'<meta name="notesite-build" content="{html.escape(build_name)}">\n'
        f'<script src="{SCRIPT}" defer></script>\n'
    )


_CSP = re.compile(
    rb'<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"', re.IGNORECASE
)
_MAIN = re.compile(rb"<main\b[^>]*>")


def _allows_reload(policy: str) -> bool:
    """Whether a page with this Content-Security-Policy may load the script and its events."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), words[1:])
    fallback = directives.get("default-src", ["*"])
    return all("'self'" in directives.get(name, fallback) for name in ("script-src", "connect-src"))


def live_page(body: bytes, build_name: str, notice: str = "") -> bytes:
    """A notesite page as serve sends it: with the reload script, and `notice` at the top of
    its main content. Pages without a Content-Security-Policy that allows same-origin
    scripts and connections (not notesite's pages) are sent as they are."""
    head = body.find(b"</head>")
    csp = _CSP.search(body, 0, max(head, 0))
    if head < 0 or csp is None or not _allows_reload(html.unescape(csp.group(1).decode())):
        return body
    body = body[:head] + _live_tags(build_name).encode() + body[head:]
    main = _MAIN.search(body)
    if notice and main:
        tag = f'\n<p class="search-status search-behind" role="status">{html.escape(notice)}</p>'
        body = body[: main.end()] + tag.encode() + body[main.end() :]
    return body


# Where `serve` reports: say(text, to_stderr), `text` with its line ends; the CLI prints it.
Say = Callable[[str, bool], None]


def _quiet(_text: str, _to_stderr: bool) -> None:
    """The default `Say`: nothing is printed (a library module does not print)."""


class Server(ThreadingHTTPServer):
    daemon_threads = True
    status: Status
    hosts: frozenset[str]  # the Host headers answered
    live: Live
    say: Say

    def handle_error(self, request: object, client_address: object) -> None:
        """A request that failed: a browser gone mid-answer (a closed tab, a reload) is
        nothing to report; anything else is said in one line, never as a traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError):
            return
        what = f"{type(exc).__name__}: {shown(exc)}" if exc is not None else "unknown"
        self.say(f"A request failed ({what}); serve goes on. Please report this.\n", True)


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

    def do_GET(self) -> None:
        if urllib.parse.urlsplit(self.path).path == EVENTS:
            self._events()
        else:
            super().do_GET()

    def send_head(self) -> BinaryIO | io.BytesIO | None:
        live = self.server.live
        with live.changed:
            names = live.names()  # before reading the page: a page is never newer than it says
            behind = live.behind()
            early, early_name = live.early, live.early_name()
        url = urllib.parse.urlsplit(self.path).path
        if url == SCRIPT:
            return self._send(RELOAD_JS, "text/javascript; charset=utf-8")
        if not (Path(self.directory) / "index.html").is_file():
            body = self.server.status.page(f"pages {names['pages']}")
            return self._send(
                body,
                "text/html; charset=utf-8",
                HTTPStatus.SERVICE_UNAVAILABLE,
                "default-src 'none'; script-src 'self'; connect-src 'self'",
            )
        path = self.translate_path(self.path)
        if os.path.isdir(path) and url.endswith("/"):
            path = os.path.join(path, "index.html")
        rel = Path(os.path.relpath(path, self.directory)).as_posix()
        if rel in early and not url.endswith("/"):  # as the file: no page at ".html/"
            page = early[rel]
            live.early_served.set()
            names = {**names, "pages": early_name}
        elif not path.endswith(".html") or not os.path.isfile(path):
            return super().send_head()
        else:
            try:
                with open(path, "rb") as fh:
                    page = fh.read()
            except OSError:
                return super().send_head()  # gone meanwhile: its usual 404
        search_page = rel == "search.html"
        name = f"site {names['site']}" if search_page else f"pages {names['pages']}"
        page = live_page(page, name, BEHIND if search_page and behind else "")
        return self._send(page, "text/html; charset=utf-8")

    def _send(
        self, body: bytes, kind: str, code: HTTPStatus = HTTPStatus.OK, csp: str = ""
    ) -> io.BytesIO:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self.end_headers()
        return io.BytesIO(body)

    def _events(self) -> None:
        """The event stream: the current builds at once, then each newer one as published."""
        live = self.server.live
        self.close_connection = True
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        sent: dict[str, str] = {}
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while True:
                with live.changed:
                    live.changed.wait_for(functools.partial(_moved, live, sent), KEEPALIVE)
                    if live.stopping:
                        return
                    names = live.names()
                if names != sent:
                    self.wfile.write(f"event: build\ndata: {json.dumps(names)}\n\n".encode())
                    sent = names
                else:
                    self.wfile.write(b": still serving\n\n")
                self.wfile.flush()
        except OSError:  # the tab was closed
            return

    def list_directory(self, path: Any) -> None:
        self.send_error(HTTPStatus.NOT_FOUND, "No page here")  # never list the site's files


def _moved(live: Live, sent: dict[str, str]) -> bool:
    return live.stopping or live.names() != sent


def hosts(port: int) -> frozenset[str]:
    """The Host headers a request to this server may carry."""
    names = {f"{name}:{port}" for name in LOOPBACK}
    return frozenset(names | (set(LOOPBACK) if port == 80 else set()))


def open_server(
    port: int, site: Path, status: Status, live: Live | None = None, say: Say | None = None
) -> Server:
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
    server.live = live or Live()
    server.say = say or _quiet
    return server


def rebuild(
    root: Path,
    out: Path,
    today: date,
    *,
    search: bool = True,
    cache: NoteCache | None = None,
    status: Status | None = None,
    say: Say = _quiet,
    index: Mapping[str, bytes] | None = None,
) -> BuildResult | None:
    """One build, reported through `say`; with `index` (and `search=False`), the pages with
    that search index instead of indexing again. None when it could not run at all."""
    status = status or Status()
    serving = (site_folder(out) / "index.html").is_file()
    still = (
        "still serving the last good site"
        if serving
        else "until then, the site's address shows what is wrong"
    )
    try:
        given = search if index is None else index
        result = build(root, out, today, search=given, cache=cache)
    except (NotesiteError, OSError) as exc:
        message = describe(exc) if isinstance(exc, OSError) else str(exc)
        say(f"Not built: {message}; {still}.\n", True)
        status.why, status.problems = f"The site could not be built: {message}", ""
        return None
    if result.diagnostics:
        say(format_text(result.diagnostics), True)
    if result.search_problem:
        say(f"warning: built without search ({result.search_problem})\n", True)
    if result.ok:
        say(f"Built {result.files} files.\n", False)
    else:
        say(f"Not built: fix the errors above; {still}.\n", True)
        status.why, status.problems = _refused(result.diagnostics, result.errors)
    return result


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


def published_index(site: Path) -> dict[str, bytes]:
    """The search files of the site already in `site` (a first build shows the pages with
    them until the notes are indexed again); none when there are none."""
    found: dict[str, bytes] = {}
    top = site / FOLDER
    if top.is_symlink() or not top.is_dir():
        return found
    for folder, dirs, files in os.walk(top):  # never follows links
        for name in files:
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                found[path.relative_to(site).as_posix()] = path.read_bytes()
        dirs.sort()
    return found


class _Session:
    """One run of serve: the builds (one at a time, in the thread that calls `run`), the
    watcher that counts changes, and the indexer that catches search up behind the pages."""

    def __init__(
        self, root: Path, out: Path, today: Callable[[], date], live: Live, say: Say
    ) -> None:
        self.root, self.out, self.today, self.live, self.say = root, out, today, live, say
        self.status = Status()
        self.cache = NoteCache()  # unchanged notes are not parsed again on each rebuild
        self.changes = 1  # batches of changes seen; the first build counts as one
        self.built = 0  # the change count the last build attempt read
        self.index = published_index(site_folder(out)) if live.search else None
        self.index_at = -1  # the change count self.index reflects (-1: an older run's)
        self.fresh: tuple[dict[str, bytes], int] | None = None  # made, not yet published
        self.index_wanted = -1  # the change count the indexer should catch up with
        # The facts of the last good build, for the indexer: it indexes what the published
        # pages show, and needs no program of its own (one took 1 GiB and 10 s at 100k).
        self.to_index: Facts | None = None
        self.stopped = threading.Event()
        self.watching = threading.Event()  # set once the watcher sees every change
        self.saved: set[str] = set()  # the paths changed since the last build started
        self.last: Facts | None = None  # the last build's facts, when it was good

    def changed(self, paths: Iterable[str] = ()) -> None:
        with self.live.changed:
            self.saved.update(paths)
            self.changes += 1
            self.live.seen = self.changes
            self.live.changed.notify_all()

    def watch(self) -> None:
        from watchfiles import watch

        keep = _relevant(self.root)
        # The watcher is armed once it has waited for changes a first time: it yields an
        # empty set after each quiet `rust_timeout`, and only then does serve build, so a
        # file saved while serve starts is never missed (it was, saved just after "Serving").
        for changes in watch(
            os.path.abspath(self.root),
            watch_filter=keep,
            stop_event=self.stopped,
            rust_timeout=200,
            yield_on_timeout=True,
        ):
            self.watching.set()
            if changes:
                self.changed(path for _, path in changes)

    def run(self) -> None:
        """Build whenever the files changed or a new search index is ready, until stopped."""
        while self.step():
            pass

    def step(self) -> bool:
        """Wait for a change (or a new index) and build once; False when serve stops."""
        live = self.live
        with live.changed:
            live.changed.wait_for(
                lambda: live.stopping or self.changes > self.built or self.fresh is not None
            )
            if live.stopping:
                return False
            at, pages_changed = self.changes, self.changes > self.built
            if self.fresh is not None:
                (self.index, self.index_at), self.fresh = self.fresh, None
            index, index_at = self.index, self.index_at
            saved, self.saved = self.saved, set()
        say = self.say if pages_changed else _quiet  # a new index alone: said by the indexer
        today = self.today()
        last, self.last = self.last, None  # freed while the build runs (memory at 100k)
        early = self._early(saved, last, today, bool(index)) if pages_changed else False
        del last
        if early:  # let the open page reload before the build takes the processor
            live.early_served.wait(EARLY_GRACE)
        collector.tidy()  # what the last build left, freed now rather than mid-page
        result = rebuild(
            self.root,
            self.out,
            today,
            search=False,
            cache=self.cache,
            status=self.status,
            say=say,
            index=index,
        )
        self.built = at
        collector.settle()
        if result is None or not result.ok:
            if early:
                live.drop_early()  # back to the last good site, where the page is open
            return True
        self.last = result.facts
        live.publish(at, index_at, pages_changed=pages_changed)
        if live.search and index_at < at:
            with live.changed:
                self.index_wanted, self.to_index = at, result.facts
                live.changed.notify_all()
        return True

    def _early(self, saved: set[str], last: Facts | None, today: date, search: bool) -> bool:
        """Show the pair pages of the saved notes before the build (preview.py), when the
        last build was good; whether it did."""
        if last is None or not saved:
            return False
        started = time.perf_counter()
        try:
            pages = early_pages(self.root, saved, last, today, search=search)
        except (NotesiteError, OSError):
            return False  # the build reports what is wrong
        except Exception as exc:  # a bug here must cost the early page only, not serve
            self.say(f"Changed page not shown early ({type(exc).__name__}: {shown(exc)}); "
                     "building the site. Please report this.\n", True)  # fmt: skip
            return False
        if not pages:
            return False
        self.live.show_early(pages)
        took = time.perf_counter() - started
        made = ", ".join(shown(p) for p in sorted(pages))
        self.say(f"Showing {made} (made in {took:.2f} s); building the rest.\n", False)
        return True

    def index_forever(self) -> None:
        """Index the notes again whenever the published pages are ahead of the index."""
        live, done = self.live, -1
        while True:
            with live.changed:
                live.changed.wait_for(functools.partial(self._wanted, done))
                if live.stopping:
                    return
                facts, self.to_index = self.to_index, None
                done = self.index_wanted  # the change count of the build that made them
            if facts is None:
                continue
            started = time.perf_counter()
            try:
                files = self._index(facts)
            except Exception as exc:  # a bug here must not leave search behind for good
                self.say(f"Search index not updated ({type(exc).__name__}: {exc}); it is "
                         "tried again on the next change. Please report this.\n", True)  # fmt: skip
                continue
            finally:
                del facts  # not held while waiting, beside the next build's
            if files is None:
                continue  # the next change tries again
            with live.changed:
                self.fresh = (files, done)
                live.changed.notify_all()
            took = time.perf_counter() - started
            self.say(f"Search index updated in {took:.1f} s.\n", False)

    def _wanted(self, done: int) -> bool:
        return self.live.stopping or self.index_wanted > done

    def _index(self, facts: Facts) -> dict[str, bytes] | None:
        """The search files for the notes of a good build (its facts); None when they cannot
        be made."""
        try:
            return search_files(facts)
        except SearchUnavailable as exc:
            self.say(f"warning: search is not updated ({exc})\n", True)
            return {}
        except (NotesiteError, OSError) as exc:
            message = describe(exc) if isinstance(exc, OSError) else str(exc)
            self.say(
                f"Search index not updated: {message}; it is tried again on the next change.\n",
                True,
            )
            return None


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
    site = check_output(out, root)
    live = Live(search)
    session = _Session(root, out, today, live, say)
    server = open_server(port, site, session.status, live, say)  # a busy port fails early
    threads = [
        threading.Thread(target=server.serve_forever, daemon=True),
        threading.Thread(target=session.watch, daemon=True),
        threading.Thread(target=session.index_forever, daemon=True),
    ]
    for thread in threads if search else threads[:2]:
        thread.start()
    try:
        session.watching.wait(timeout=10)  # a watcher that cannot start: serve all the same
        session.step()
        say(
            f"Serving http://127.0.0.1:{server.server_port}/ (Ctrl+C to stop); "
            f"watching {shown(root)}\n",
            False,
        )
        session.run()
    except KeyboardInterrupt:
        pass
    finally:
        live.stop()
        session.stopped.set()
        server.shutdown()
        server.server_close()
        if threads[2].is_alive():
            threads[2].join(timeout=5)  # let Pagefind's temporary folder be deleted
