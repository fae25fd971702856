"""Headless Chromium against the built site, served over HTTP under a sub-path and from disk.

Needs Debian's `/usr/bin/chromium` and the `playwright` package. Without them the tests are
skipped with the reason shown, except when the `CI` environment variable is set: there a
missing browser is a failure, so the suite cannot pass by silently not running.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from notesite.build import build
from notesite.render import search
from site_program import TODAY, site_repository

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SUBPATH = "any/sub path/site/"  # the site must work wherever it is served (and with a space)

# Every page reports Content-Security-Policy violations here (an init script is not page JS).
WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests must run in CI but cannot: {reason}")
    pytest.skip(reason)


@dataclass
class Built:
    repo: Path
    out: Path


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("browser")
    repo = site_repository(base / "repo")
    out = base / "www" / SUBPATH
    out.parent.mkdir(parents=True)
    # Tiny shards, so every search in the browser tests is merged from several indexes.
    with mock.patch.object(search, "SHARD_NOTES", 40):
        result = build(repo, out, TODAY)
    assert json.loads((out / "pagefind" / "shards.json").read_bytes())["merge"], "one shard"
    assert result.ok, [str(d) for d in result.diagnostics]
    return Built(repo, out)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(built: Built) -> Iterator[str]:
    """http://127.0.0.1:<free port>/any/sub%20path/site/ serving the built site."""
    handler = functools.partial(_QuietHandler, directory=str(built.out.parents[2]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        yield f"http://127.0.0.1:{port}/{SUBPATH.replace(' ', '%20')}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        try:
            chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        except Exception as exc:  # a broken install: say why
            unavailable(f"Chromium does not start: {exc}")
        yield chromium
        chromium.close()


@dataclass
class Watched:
    """One page plus everything it did that a test must not ignore."""

    page: Any = field(repr=False)
    origin: str
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list, repr=False)
    failed: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.origin)]

    def csp(self) -> list[str]:
        return list(self.page.evaluate("window.__csp || []"))

    def assert_clean(self) -> None:
        assert not self.errors, self.errors
        assert not self.console, self.console
        assert not self.dialogs, self.dialogs
        assert not self.failed, self.failed
        assert not self.outside(), self.outside()
        assert not self.csp(), self.csp()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Watched]]:
    """`open_page(origin, **context options)`: a fresh context and page, watched; each is
    checked for console errors, page errors, dialogs, failed and outside requests at the end."""
    contexts: list[Any] = []
    watched: list[Watched] = []

    def make(origin: str, **options: Any) -> Watched:
        context = browser.new_context(**options)
        context.add_init_script(WATCH_CSP)
        contexts.append(context)
        page = context.new_page()
        w = Watched(page, origin)

        def on_console(msg: Any) -> None:
            if msg.type in ("error", "warning"):
                w.console.append(f"{msg.type}: {msg.text}")

        def on_dialog(dialog: Any) -> None:
            w.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("console", on_console)
        page.on("pageerror", lambda exc: w.errors.append(str(exc)))
        page.on("dialog", on_dialog)

        def on_response(response: Any) -> None:
            if response.status >= 400:
                w.failed.append(f"{response.status} {response.url}")

        page.on("request", lambda req: w.requests.append(req.url))

        def on_failed(request: Any) -> None:
            if request.failure != "net::ERR_ABORTED":  # a favicon cut short by the next goto
                w.failed.append(f"{request.failure} {request.url}")

        page.on("requestfailed", on_failed)
        page.on("response", on_response)
        watched.append(w)
        return w

    yield make
    try:
        for w in watched:
            w.assert_clean()
    finally:
        for context in contexts:
            context.close()
