"""urls.py: no two ids the validator accepts give two pages one name, and every id it
refuses (NS206) really would take another page's name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from notesite import urls

# Ids as the SPEC allows them, biased towards the endings and names pages use.
WORD = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)
ID = st.one_of(
    WORD,
    st.sampled_from(["index", "check-in", "handoff", "index-1"]),
    st.builds(lambda w, end: f"{w}-{end}", WORD, st.sampled_from(["check-in", "handoff"])),
)
LISTS = {"pairs/index.html", "staff/index.html"}


def site_paths(pairs: set[str], pms: set[str]) -> list[str]:
    """Every page a program with these pairs and PMs has in pairs/ and staff/."""
    paths = [*LISTS, *(urls.pair_page(p) for p in pairs)]
    for pm in pms:
        paths += [urls.staff_page(pm), *(urls.packet_page(pm, k) for k in urls.PACKETS)]
    return paths


@given(st.sets(ID, max_size=8), st.sets(ID, max_size=8))
def test_accepted_ids_never_share_a_page(pairs: set[str], pms: set[str]) -> None:
    pairs = {p for p in pairs if urls.reserved("pair", p) is None}
    pms = {s for s in pms if urls.reserved("staff", s) is None}
    paths = site_paths(pairs, pms)
    assert len(paths) == len(set(paths))


@given(ID)
def test_a_refused_id_would_take_another_pages_name(id: str) -> None:
    if urls.reserved("pair", id) is not None:
        assert urls.pair_page(id) in LISTS
    if urls.reserved("staff", id) is not None:
        owner = next((id.removesuffix(f"-{k}") for k in urls.PACKETS if id.endswith(f"-{k}")), "")
        others = site_paths(set(), {owner}) if owner else list(LISTS)
        assert urls.staff_page(id) in others


def test_the_reason_names_the_page_it_would_replace() -> None:
    assert "pairs/index.html" in (urls.reserved("pair", "index") or "")
    assert "staff/pm-a-check-in.html" in (urls.reserved("staff", "pm-a-check-in") or "")
    assert urls.reserved("pair", "pm-a-check-in") is None  # pairs have no packets
    assert urls.reserved("staff", "check-in") is None  # no PM has the empty id
