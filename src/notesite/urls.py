"""Where the site's pages of pairs and staff live, and the ids no pair or person can have.

A pair's page is `pairs/<id>.html`, a PM's `staff/<id>.html` with the packets
`staff/<id>-check-in.html` and `staff/<id>-handoff.html`, and each folder has its list as
`index.html`. So the id `index`, or a staff id ending in `-check-in` or `-handoff`, would
give a page the name of another one, which would then silently vanish from the site; the
validator refuses such ids (NS206 reserved-id) with `reserved()`'s reason.
"""

from __future__ import annotations

from typing import Literal

PACKETS = ("check-in", "handoff")
INDEX = "index"


def pair_page(pair: str) -> str:
    return f"pairs/{pair}.html"


def staff_page(staff: str) -> str:
    return f"staff/{staff}.html"


def packet_page(staff: str, packet: str) -> str:
    return f"staff/{staff}-{packet}.html"


def reserved(kind: Literal["pair", "staff"], id: str) -> str | None:
    """Why `id` cannot be the id of a pair (or staff member), or None when it can."""
    folder = "pairs" if kind == "pair" else "staff"
    if id == INDEX:
        return f"the site's page {folder}/index.html is the list of all {folder}"
    if kind == "staff":
        for packet in PACKETS:
            owner = id.removesuffix(f"-{packet}")
            if owner != id and owner:
                return (
                    f"the site's page {packet_page(owner, packet)} is the {packet} packet "
                    f"of the PM `{owner}`, so a staff id cannot end in `-{packet}`"
                )
    return None
