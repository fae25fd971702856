"""`notesite review`: what a pull request changes, for its reviewer.

`notesite.git` finds BASE and copies its files out, `compare` validates and derives both trees and
compares them into a `model.Review`, `format` prints it as markdown, text or JSON.
"""

from notesite.review.compare import review
from notesite.review.model import (
    Count,
    Late,
    NoteRef,
    PairChange,
    RecordChange,
    Renamed,
    Review,
    Rewrite,
    SafetyAdded,
    SafetyChange,
    TextDiff,
    TrackerMove,
)

__all__ = [
    "Count",
    "Late",
    "NoteRef",
    "PairChange",
    "RecordChange",
    "Renamed",
    "Review",
    "Rewrite",
    "SafetyAdded",
    "SafetyChange",
    "TextDiff",
    "TrackerMove",
    "review",
]
