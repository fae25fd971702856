"""The demo program's JSON API equals the reviewed golden files (tests/golden/README.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from notesite.build import build

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "demo-api"
DEMO_TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden") / "site"
    result = build(REPO, out, DEMO_TODAY)
    assert result.ok, result.diagnostics
    return out


@pytest.mark.parametrize("name", ["pairs.json", "rubric.json", "staff.json", "participation.json"])
def test_demo_api_matches_the_reviewed_golden_file(demo_site: Path, name: str) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    actual = (demo_site / "api" / name).read_text(encoding="utf-8")
    assert actual == expected, f"api/{name} changed: run `make golden` and review the diff"
