"""What the property-based tests (hypothesis) build their random files from.

Random text alone rarely hits YAML's or Markdown's syntax, so examples are joined from
pieces that mean something to them, and words. Imported like `support.py`.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Bounded, so that the whole suite stays fast; no example database written into the checkout
# (a failure prints its example, and the cases that matter are pinned with @example).
FAST = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

WORDS = st.text(alphabet="abcdefgh", min_size=1, max_size=6)

YAML_PIECES = [
    ": ", ":", "- ", "-", "  ", "\n", "[", "]", "{", "}", ",", "'", '"', "#", "&a ", "*a",
    "!!python/object ", "!x ", "? ", "|", ">", "---\n", "...\n", "\t", "\\", "%", "@", "`",
    "<<: ", "\x07", "\x85", "\u2028", "\ufeff", "é", "2026-10-03", "0999-01-01", "9999-12-31",
    "0x1f", "1e9", "~", "null", "\x1b[2J", "\u202e", "::warning::",
]  # fmt: skip


def joined(pieces: list[str], words: st.SearchStrategy[str] = WORDS) -> st.SearchStrategy[str]:
    """Text made of up to 60 of `pieces` and `words`, in any order."""
    return st.lists(st.one_of(words, st.sampled_from(pieces)), max_size=60).map("".join)
