"""The Operations Coordinator's page and the partner-school report in a real browser: the
page reads on a phone (375 px) and prints; the report, opened from disk, makes no request,
breaks no policy, prints in black and white and fits a phone too."""

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
A4 = {"width": 794, "height": 1123}  # an A4 page at 96 dpi
COLOURS = (
    "(() => { const b = getComputedStyle(document.body); return [b.color, b.backgroundColor]; })()"
)


def reminders(built: Built) -> dict[str, Any]:
    return dict(json.loads((built.out / "api/participation.json").read_text(encoding="utf-8")))


def test_the_coordinator_page_reads_on_a_phone(
    built: Built, base_url: str, open_page: Open
) -> None:
    w = open_page(base_url, viewport=PHONE)
    page = w.page
    page.goto(base_url + "index.html")
    page.get_by_role("link", name="Reminders", exact=True).click()
    page.wait_for_url("**/reminders.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator("h1").inner_text() == "Participation reminders"
    payload = reminders(built)
    emails = [r["pair"] for r in payload["reminders"] if r["kind"] == "email"]
    if emails:  # each list scrolls inside its own named, focusable frame; the page does not
        region = page.get_by_role("region", name="Emails today", exact=True)
        assert region.get_attribute("tabindex") == "0"
        link = region.get_by_role("link", name=emails[-1])
        link.scroll_into_view_if_needed()
        assert link.is_visible()
    for name in ("Emails", "Texts", "Open escalations", "Ended this week"):
        link = page.locator(".in-page").get_by_role("link", name=name)
        assert link.is_visible(), name
    page.locator(".in-page").get_by_role("link", name="Open escalations").click()
    assert page.evaluate("location.hash") == "#escalations"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    w.assert_clean()


def test_the_coordinator_page_prints(built: Built, base_url: str, open_page: Open) -> None:
    w = open_page(base_url, viewport=A4)
    page = w.page
    page.goto(base_url + "reminders.html")
    page.emulate_media(media="print")
    assert page.evaluate("document.documentElement.scrollWidth") <= A4["width"]  # fits paper
    assert not page.locator("nav[aria-label=Main]").is_visible()
    assert not page.locator(".skip-link").is_visible()
    for id in ("emails", "texts", "escalations", "ended"):
        assert page.locator(f"#{id}").is_visible(), id
    rows = page.locator("table.reminders tbody tr")
    assert rows.count() == len(reminders(built)["reminders"])
    last = rows.nth(rows.count() - 1) if rows.count() else None
    if last is not None:  # a printed table is not cut off at the frame's edge
        frame = page.locator(".table-wrap").first.bounding_box()
        cell = last.locator("td").last.bounding_box()
        assert frame is not None and cell is not None
        assert cell["x"] + cell["width"] <= frame["x"] + frame["width"] + 1
    colours = page.evaluate(COLOURS)
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    w.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_coordinator_page_contrast(base_url: str, open_page: Open, scheme: str) -> None:
    w = open_page(base_url, color_scheme=scheme)
    w.page.goto(base_url + "reminders.html")
    assert w.page.evaluate(CONTRAST) == []
    w.assert_clean()


@pytest.fixture(scope="module")
def report(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("school reports")  # a space in the path too
    result = CliRunner().invoke(
        main,
        ["report", "schools", "--root", str(built.repo), "--month", "2026-11", "--out",
         str(out), "--today", str(TODAY)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return sorted(out.glob("*.html"))[0]


def test_the_school_report_works_from_disk_and_prints_in_black_and_white(
    report: Path, open_page: Open
) -> None:
    w = open_page("file://")
    page = w.page
    page.goto(report.as_uri())
    assert page.locator("h1").inner_text().endswith("mentoring participation, November 2026")
    # the inline stylesheet is allowed by its hash: it applied, and no policy was broken
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    page.emulate_media(media="print")
    chart = page.locator("svg.chart")
    assert chart.is_visible() and chart.get_attribute("role") == "img"
    fills = set(
        page.eval_on_selector_all(
            "svg.chart rect[fill]", "els => els.map(e => e.getAttribute('fill'))"
        )
    )
    assert fills <= {"#000", "#fff", "url(#school-chart-hatch)"}  # black, white or a pattern
    labels = page.eval_on_selector_all("svg.chart text", "els => els.map(e => e.textContent)")
    assert any(t.endswith("%") for t in labels)  # every bar says its value in words
    colours = page.evaluate(COLOURS)
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    assert (
        page.locator("tbody.pair").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    )
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    assert w.requests and all(u.startswith("file://") for u in w.requests)
    w.assert_clean()


def test_the_school_report_fits_a_phone(report: Path, open_page: Open) -> None:
    w = open_page("file://", viewport=PHONE)
    w.page.goto(report.as_uri())
    assert w.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert w.page.evaluate(CONTRAST) == []
    w.assert_clean()
