"""The check-in and handoff packets in a real browser: they print (navigation hidden, one
block per pair kept together), read on a phone, keep their contrast, and the standalone
handoff written by `notesite handoff` works from disk with nothing but its stylesheet."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_site_browser import CONTRAST

from notesite.cli import main
from site_program import TODAY

pytestmark = pytest.mark.browser

Built = Any  # conftest.Built: the notes repository and the built site
Watched = Any  # conftest.Watched: a page and what it did
Open = Callable[..., Watched]
PHONE = {"width": 375, "height": 740}


def busiest_pm(built: Built) -> str:
    """The PM with the most pairs: the longest packets."""
    staff = json.loads((built.out / "api" / "staff.json").read_text(encoding="utf-8"))["staff"]
    return str(max(staff, key=lambda s: (s["pairs"], s["id"]))["id"])


def print_checks(w: Watched) -> None:
    page = w.page
    page.emulate_media(media="print")
    assert not page.locator("nav[aria-label=Main]").is_visible()
    assert not page.locator(".skip-link").is_visible()
    assert not page.locator(".packet-links").is_visible()
    assert page.locator("h1").is_visible()
    header = page.locator(".site-header").inner_text()
    assert "Facts as of" in header and "2026" in header  # program and date on paper too
    colours = page.evaluate(
        "(() => { const b = getComputedStyle(document.body);"
        " return [b.color, b.backgroundColor]; })()"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_the_check_in_packet_prints(built: Built, base_url: str, open_page: Open) -> None:
    pm = busiest_pm(built)
    w = open_page(base_url)
    w.page.goto(base_url + f"staff/{pm}.html")
    w.page.get_by_role("link", name="check-in packet").click()
    w.page.wait_for_url(f"**/staff/{pm}-check-in.html")
    assert w.page.locator("h1").inner_text().startswith("Check-in packet: ")
    print_checks(w)
    w.assert_clean()


def test_the_handoff_packet_prints_a_block_per_pair(
    built: Built, base_url: str, open_page: Open
) -> None:
    pm = busiest_pm(built)
    w = open_page(base_url)
    w.page.goto(base_url + f"staff/{pm}-handoff.html")
    blocks = w.page.locator(".packet-pair")
    assert blocks.count() > 1
    print_checks(w)
    assert not w.page.locator(".in-page").is_visible()
    assert blocks.first.evaluate("(el) => getComputedStyle(el).breakInside") == "avoid"
    w.assert_clean()


def test_the_standalone_handoff_works_from_disk_and_prints(
    built: Built, open_page: Open, tmp_path: Path
) -> None:
    pm = busiest_pm(built)
    out = tmp_path / "handoff folder" / f"handoff {pm}.html"  # a space in the name too
    result = CliRunner().invoke(
        main,
        ["handoff", pm, "--root", str(built.repo), "--out", str(out), "--today", str(TODAY)],
    )
    assert result.exit_code == 0, result.output
    w = open_page("file://")
    w.page.goto(out.as_uri())
    assert w.page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    first = w.page.locator(".in-page a").first
    target = str(first.get_attribute("href"))
    first.click()
    assert w.page.evaluate("location.hash") == target
    print_checks(w)
    assert w.requests and all(u.startswith("file://") for u in w.requests)
    w.assert_clean()


def test_packets_fit_a_phone(built: Built, base_url: str, open_page: Open) -> None:
    pm = busiest_pm(built)
    w = open_page(base_url, viewport=PHONE)
    for rel in [f"staff/{pm}-check-in.html", f"staff/{pm}-handoff.html", "staff/index.html"]:
        w.page.goto(base_url + rel)
        width = w.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{rel} is {width}px wide"
    w.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_packet_contrast(built: Built, base_url: str, open_page: Open, scheme: str) -> None:
    pm = busiest_pm(built)
    w = open_page(base_url, color_scheme=scheme)
    for rel in [f"staff/{pm}-check-in.html", f"staff/{pm}-handoff.html"]:
        w.page.goto(base_url + rel)
        assert w.page.evaluate(CONTRAST) == [], rel
    w.assert_clean()
