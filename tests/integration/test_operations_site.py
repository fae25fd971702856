"""The site's participation operations (SPEC §13) on the demo: the Operations Coordinator's
page, `api/participation.json`, a pair's reminder history and a PM's escalations, all the
same facts."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from notesite.build import build
from notesite.derive.operations import operations
from notesite.validate import check_repository
from site_program import TODAY

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ops") / "site"
    assert build(REPO, out, TODAY, search=False).ok
    return out


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def section(page: str, id: str) -> str:
    return page.split(f'id="{id}"', 1)[1].split("</section>", 1)[0]


def participation(site: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((site / "api/participation.json").read_text(encoding="utf-8"))


def test_participation_json_follows_spec_13(site: Path) -> None:
    raw = (site / "api/participation.json").read_text(encoding="utf-8")
    payload = json.loads(raw)
    assert raw == json.dumps(payload, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    assert set(payload) == {"date", "reminders", "escalations"} and payload["date"] == "2026-11-22"
    keys = [(r["pair"], ["email", "text"].index(r["kind"])) for r in payload["reminders"]]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    assert all(set(r) == {"pair", "kind", "class", "personalised"} for r in payload["reminders"])
    assert [e["pair"] for e in payload["escalations"]] == sorted(
        e["pair"] for e in payload["escalations"]
    )
    assert all(set(e) == {"pair", "start", "on_focus_list"} for e in payload["escalations"])


def test_json_is_the_command_s_facts(site: Path) -> None:
    checked = check_repository(REPO, TODAY)
    ops = operations(checked.program, TODAY)
    payload = participation(site)
    assert [(r["pair"], r["kind"], r["class"]) for r in payload["reminders"]] == [
        (r.pair, r.kind, r.cls.isoformat()) for r in ops.reminders
    ]
    assert {e["pair"] for e in payload["escalations"]} == {e.pair for e in ops.open}
    # SPEC §8's concern flag and §13's open escalations name the same pairs
    pairs = json.loads((site / "api/pairs.json").read_text())["pairs"]
    assert {p["id"] for p in pairs if p["participation_concern"]} == {e.pair for e in ops.open}


def test_reminders_page_lists_exactly_todays_messages(site: Path) -> None:
    page = (site / "reminders.html").read_text(encoding="utf-8")
    payload = participation(site)
    for kind, id in (("email", "emails"), ("text", "texts")):
        listed = re.findall(r'<th scope="row"><a href="pairs/(p-\d+)\.html">', section(page, id))
        assert listed == [r["pair"] for r in payload["reminders"] if r["kind"] == kind], kind
        personalised = text(section(page, id)).count("yes : missed last week")
        wanted = sum(r["personalised"] for r in payload["reminders"] if r["kind"] == kind)
        assert personalised == wanted, kind
    assert f"Emails ({sum(r['kind'] == 'email' for r in payload['reminders'])})" in page


def test_reminders_page_shows_each_escalation_and_its_focus_list(site: Path) -> None:
    page = (site / "reminders.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", section(page, "escalations"), re.S)
    by_pair = {re.search(r"(p-\d+)", r).group(1): text(r) for r in rows}  # type: ignore[union-attr]
    escalations = participation(site)["escalations"]
    assert set(by_pair) == {e["pair"] for e in escalations}
    for e in escalations:
        row = by_pair[e["pair"]]
        if e["on_focus_list"]:
            assert "on the focus list of" in row
        else:
            assert "not on a focus list" in row  # in time (flagged) or not yet
    assert "⚠" not in text(section(page, "emails"))  # pending weeks are not flagged
    assert "resume reminders" in text(section(page, "ended"))


def test_the_nav_leads_to_the_reminders_page_from_every_page(site: Path) -> None:
    for path in [site / "index.html", *sorted((site / "pairs").glob("*.html"))[:3]]:
        assert re.search(r'<a href="(\.\./)?reminders\.html"', path.read_text()), path


def test_pair_page_shows_the_reminder_history_and_escalation(site: Path) -> None:
    [missed] = [e for e in participation(site)["escalations"] if not e["on_focus_list"]]
    page = (site / f"pairs/{missed['pair']}.html").read_text(encoding="utf-8")
    history = text(section(page, "reminders-h"))
    assert "open , no reminders" in history
    assert "not on a focus list in time" in history
    checked = check_repository(REPO, TODAY)
    found = operations(checked.program, TODAY).pairs[missed["pair"]]
    this_year = {
        r.cls for r in found.reminders if r.cls >= checked.program.settings.year_start("2026-27")
    }
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>', section(page, "reminders-h"))
    assert len(rows) == len(this_year) > 0
    assert rows == [f"{d.day} {d.strftime('%b')} {d.year}" for d in sorted(this_year, reverse=True)]


def test_pm_page_flags_the_escalation_that_missed_the_focus_list(site: Path) -> None:
    checked = check_repository(REPO, TODAY)
    [warning] = [d for d in checked.diagnostics if d.code == "NS823"]
    pair = re.match(r"(p-\d+)", warning.message).group(1)  # type: ignore[union-attr]
    pm = checked.program.pairs[pair].pm
    page = (site / f"staff/{pm}.html").read_text(encoding="utf-8")
    part = section(page, "escalations-h")
    item = next(li for li in re.findall(r"<li>.*?</li>", part, re.S) if pair in li)
    assert "flag-bad" in item and "not on a focus list in time" in text(item)
