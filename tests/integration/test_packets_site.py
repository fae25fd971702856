"""The check-in and handoff packets in the built site, and `notesite handoff`.

The site tests (test_site.py) already check every page of the site, packets included, for
resolving links, one h1, landmarks, table headers, the CSP and flags that are not colour
alone; here: that the packets exist, are linked, hold the right pairs, and the command.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_site import Node, parse

from notesite.build import build
from notesite.cli import main
from notesite.render import stylesheet
from site_program import TODAY, site_repository
from support import BASE_FILES, PAIR, STAFF, RepoFactory, check, note_text


@pytest.fixture(scope="module")
def fixture_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made site program (see site_program.py): its PMs pm-a, pm-b, pm-c (inactive)."""
    return site_repository(tmp_path_factory.mktemp("packets") / "repo", demo=False)


@pytest.fixture(scope="module")
def site(fixture_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Node]:
    out = tmp_path_factory.mktemp("packets-site") / "site"
    assert build(fixture_repo, out, TODAY).ok
    dom = {}
    for path in (out / "staff").glob("*.html"):
        dom[f"staff/{path.name}"], errors = parse(path.read_text(encoding="utf-8"))
        assert not errors, (path.name, errors)
    return dom


def hrefs(node: Node) -> list[str]:
    return [str(n.attrs["href"]) for n in node.find_all("a") if n.attrs.get("href")]


def section(dom: Node, heading_id: str) -> Node:
    return next(s for s in dom.find_all("section") if s.attrs.get("aria-labelledby") == heading_id)


# --- The pages in the site -----------------------------------------------------------------


@pytest.mark.parametrize("pm", ["pm-a", "pm-b", "pm-c"])
def test_every_pm_has_both_packets_linked_from_their_page_and_the_index(
    site: dict[str, Node], pm: str
) -> None:
    for kind, title in (("check-in", "Check-in"), ("handoff", "Handoff")):
        page = f"staff/{pm}-{kind}.html"
        assert page in site
        assert f"{pm}-{kind}.html" in hrefs(site[f"staff/{pm}.html"])
        assert f"{pm}-{kind}.html" in hrefs(site["staff/index.html"])
        h1 = site[page].find_all("h1")
        assert len(h1) == 1 and h1[0].text().startswith(f"{title} packet: ")


def test_the_check_in_packet_header_names_program_pm_and_date(site: dict[str, Node]) -> None:
    dom = site["staff/pm-a-check-in.html"]
    facts = {
        div.find_all("dt")[0].text(): div.find_all("dd")[0].text()
        for div in dom.find_all("dl", cls="facts")[0].find_all("div")
    }
    assert facts["Program"] == "Harbor & Bay <Mentoring>"
    assert facts["PM"] == "Alex Park (pm-a)"
    assert facts["As of"] == "22 Nov 2026"
    assert facts["Since"] == "the last check-in, 2 Nov 2026"


def test_the_check_in_packet_of_pm_a(site: dict[str, Node]) -> None:
    dom = site["staff/pm-a-check-in.html"]
    focus = section(dom, "focus-h").text()
    assert "p-0002" in focus and "p-0003" in focus
    assert "not followed up" in focus  # p-0003 has had no note since September
    tracker = [r.find_all("th")[0].text() for r in section(dom, "tracker-h").find_all("tr")[1:]]
    assert tracker == ["p-0003", "p-0010", "p-0002"]  # longest without support first
    assert "p-0003" in section(dom, "concerns-h").text()
    rows = section(dom, "suggest-h").find_all("tbody")[0].find_all("tr")
    suggested = [(r.find_all("th")[0].text(), r.find_all("li")) for r in rows]
    assert [pid for pid, _ in suggested] == ["p-0003", "p-0010", "p-0008", "p-0002"]
    assert [li.text() for li in suggested[0][1]] == [
        "stale: 73 days since the last support note, more than 30",
        # 3 and 17 Nov missed, 10 Nov excused between them: not "the last 2 weeks"
        "mentor participation concern: missed 2 weeks in a row (not counting 1 excused week): "
        "3 Nov and 17 Nov 2026",
    ]
    assert [li.text() for li in suggested[3][1]] == [  # watch comes last
        "watch: 21 days since the last support note, more than 14"
    ]
    assert "open out-of-program request" in suggested[2][1][0].text()


def test_a_pm_without_a_focus_list_looks_back_a_week(site: dict[str, Node]) -> None:
    dom = site["staff/pm-c-check-in.html"]
    assert "has no focus list yet" in section(dom, "focus-h").text()
    assert "15 Nov 2026 (no focus list yet: the last week)" in dom.text()


def test_the_handoff_packet_has_a_block_per_active_pair_with_its_plan(
    site: dict[str, Node],
) -> None:
    dom = site["staff/pm-a-handoff.html"]
    blocks = dom.find_all("section", cls="packet-pair")
    assert [b.attrs["id"] for b in blocks] == [
        f"pair-{p}" for p in ("p-0001", "p-0002", "p-0003", "p-0008", "p-0010", "p-0012")
    ]
    rich = next(b for b in blocks if b.attrs["id"] == "pair-p-0012")
    assert "Email the school counsellor." in rich.find_all(cls="dap-plan")[0].text()
    assert "end-of-year summary for 2025-26 missing" in rich.text()
    stale = next(b for b in blocks if b.attrs["id"] == "pair-p-0003").text()
    assert "stale: 73 days since the last support note" in stale
    assert "No contact since September <urgent>" in stale  # focus-list history, escaped


def test_the_handoff_packet_lists_paused_and_closed_pairs_briefly(site: dict[str, Node]) -> None:
    dom = site["staff/pm-b-handoff.html"]
    assert [b.attrs["id"] for b in dom.find_all("section", cls="packet-pair")] == [
        "pair-p-0004", "pair-p-0005", "pair-p-0009", "pair-p-0011"
    ]  # fmt: skip
    inactive = section(dom, "inactive-h")
    rows = inactive.find_all("tbody")[0].find_all("tr")
    assert [r.attrs["id"] for r in rows] == ["pair-p-0006", "pair-p-0007"]
    assert "closed since 15 Jun 2026 (Mentee moved <out of state>)" in inactive.text()
    safety = next(b for b in dom.find_all("section", cls="packet-pair") if "p-0004" in b.text())
    assert "escalated late: to Bea Diaz on 14 Nov 2026 (4 days after)" in safety.text()


# --- notesite handoff ------------------------------------------------------------------------


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, ["handoff", *args, "--today", TODAY.isoformat()])
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


def test_handoff_writes_a_standalone_page_and_its_stylesheet(
    fixture_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "reports" / "alex.html"
    result = run("pm-a", "--root", str(fixture_repo), "--out", str(out))
    assert result.exit_code == 0, result.output
    css = tmp_path / "reports" / "alex.css"
    assert [Path(line).resolve() for line in result.stdout.splitlines()] == [out, css]
    assert css.read_bytes() == stylesheet()
    html = out.read_text(encoding="utf-8")
    _, errors = parse(html)
    assert not errors
    for pid in ("p-0001", "p-0002", "p-0003", "p-0008", "p-0010", "p-0012"):
        assert f'id="pair-{pid}"' in html
    assert "Email the school counsellor." in html  # p-0012's latest plan
    assert "Check in again in two weeks (mentor-call)." in html  # p-0003's and p-0010's
    assert "p-0004" not in html  # pm-b's pair


def test_the_standalone_page_links_nothing_outside_itself(
    fixture_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "alex.html"
    assert run("pm-a", "--root", str(fixture_repo), "--out", str(out)).exit_code == 0
    dom, _ = parse(out.read_text(encoding="utf-8"))
    ids = {n.attrs["id"] for n in dom.iter() if n.attrs.get("id")}
    links = [n.attrs.get("href") for n in dom.find_all("link")]
    assert links == ["alex.css"]
    for href in hrefs(dom):
        assert href.startswith("#") and href[1:] in ids, href
    assert not dom.find_all("script") and not dom.find_all("style")
    assert not [n for n in dom.iter() if "style" in n.attrs]
    assert len(dom.find_all("h1")) == 1 and len(dom.find_all("main")) == 1
    csp = next(m for m in dom.find_all("meta") if m.attrs.get("http-equiv"))
    assert "default-src 'none'" in str(csp.attrs["content"])
    assert "Harbor &amp; Bay &lt;Mentoring&gt;" in out.read_text(encoding="utf-8")


def test_handoff_writes_into_the_current_folder_by_default(
    fixture_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("pm-b", "--root", str(fixture_repo))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handoff-pm-b.css", "handoff-pm-b.html"]
    assert result.stdout.splitlines() == ["handoff-pm-b.html", "handoff-pm-b.css"]


def test_handoff_out_may_name_a_folder(fixture_repo: Path, tmp_path: Path) -> None:
    result = run("pm-c", "--root", str(fixture_repo), "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    html = (tmp_path / "handoff-pm-c.html").read_text(encoding="utf-8")
    assert "Casey Moreau has no active pairs." in html


def test_an_existing_handoff_is_replaced(fixture_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "h.html"
    out.write_text("old", encoding="utf-8")
    assert run("pm-a", "--root", str(fixture_repo), "--out", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


@pytest.mark.parametrize(
    ("pm", "message"),
    [
        ("pm-aa", "no PM `pm-aa`; did you mean `pm-a`?"),
        ("dir-b", "`dir-b` (Bea Diaz) is a director, not a PM; the PMs are: pm-a, pm-b, pm-c"),
        ("zzz", "no PM `zzz`; the PMs are: pm-a, pm-b, pm-c"),
    ],
    ids=["typo", "not-a-pm", "nothing-close"],
)
def test_an_unknown_pm_is_a_usage_error(
    fixture_repo: Path, tmp_path: Path, pm: str, message: str
) -> None:
    result = run(pm, "--root", str(fixture_repo), "--out", str(tmp_path / "x.html"))
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert not list(tmp_path.iterdir())


def test_an_out_that_is_not_html_is_a_usage_error(fixture_repo: Path, tmp_path: Path) -> None:
    result = run("pm-a", "--root", str(fixture_repo), "--out", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
    assert "is not an .html file" in result.stderr
    assert not list(tmp_path.iterdir())


def test_a_folder_that_is_not_a_notes_repository_is_a_usage_error(tmp_path: Path) -> None:
    result = run("pm-a", "--root", str(tmp_path))
    assert result.exit_code == 2
    assert "is not a notes repository" in result.stderr


def test_validation_errors_exit_1_with_diagnostics_and_write_nothing(
    tmp_repo: RepoFactory, tmp_path: Path
) -> None:
    bad = "data/notes/p-0001/2026-10-03-support.md"
    root = tmp_repo(files={bad: note_text(tags=["mentor-touchpoint"])})
    out = tmp_path / "out" / "h.html"
    result = run("pm-a", "--root", str(root), "--out", str(out))
    assert result.exit_code == 1
    assert re.search(rf"{bad}:\d+:\d+: error NS\d+", result.stderr), result.stderr
    assert "Handoff refused" in result.stderr
    assert not (tmp_path / "out").exists()


def test_warnings_do_not_stop_a_handoff(tmp_repo: RepoFactory, tmp_path: Path) -> None:
    late = "data/notes/p-0001/2026-10-03-support.md"
    root = tmp_repo(files={late: note_text(logged="2026-10-30")})  # logged late: a warning
    assert [d.code for d in check(root)] == ["NS800"]
    result = run("pm-a", "--root", str(root), "--out", str(tmp_path / "h.html"))
    assert result.exit_code == 0, result.output
    assert "Next call in February." in (tmp_path / "h.html").read_text(encoding="utf-8")


def test_a_handoff_covers_the_pairs_handed_over_recently(
    tmp_repo: RepoFactory, tmp_path: Path
) -> None:
    # p-0001 was pm-c's until 2026-10-31 (22 days before today), then pm-a's: once it is
    # reassigned the documented way, pm-c's packet still has it, under whom it went to.
    staff = BASE_FILES[STAFF] + "- id: pm-c\n  name: Casey Moreau\n  role: pm\n"
    history = "pm_history:\n  - {pm: pm-c, from: 2025-09-15, to: 2026-10-31}\n"
    root = tmp_repo({STAFF: staff, PAIR: BASE_FILES[PAIR] + history})
    assert check(root) == []
    out = tmp_path / "casey.html"

    result = run("pm-c", "--root", str(root), "--out", str(out))

    assert result.exit_code == 0, result.output
    dom, errors = parse(out.read_text(encoding="utf-8"))
    assert not errors
    handed = section(dom, "handed-h").text()
    assert "Handed over in the last 90 days (1)" in handed
    assert "Handed over to Alex Park (1)" in handed
    assert "Handed over to Alex Park after 31 Oct 2026; Casey Moreau supported it until then." in (
        handed
    )
    assert 'id="pair-p-0001"' in out.read_text(encoding="utf-8")
    assert "Next call in February." in handed  # its latest plan, for the new PM
    assert "Casey Moreau has no active pairs." in out.read_text(encoding="utf-8")
