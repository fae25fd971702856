"""Every diagnostic code notesite can emit, in one registry.

Codes are a stable contract (CI annotations, editor tooling and people's memories refer to
them), so they live here with their severity and a one-line example fix; `docs/rules.md`
documents each one and a test fails when the two drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

# Every code's name, for mypy: `diag("yaml-syntx", ...)` fails `make lint`, not a build.
# A test keeps it equal to the names in _ALL.
CodeName = Literal[
    "unreadable",
    "not-utf8",
    "too-large",
    "yaml-syntax",
    "yaml-alias",
    "yaml-duplicate-key",
    "yaml-tag",
    "yaml-too-deep",
    "symlink",
    "unexpected-file",
    "empty-file",
    "front-matter",
    "missing-field",
    "unknown-field",
    "invalid-value",
    "id-mismatch",
    "duplicate-id",
    "bad-file-name",
    "reserved-id",
    "unknown-pair",
    "unknown-staff",
    "unknown-note",
    "unknown-school",
    "dap-missing",
    "dap-empty",
    "dap-order",
    "unknown-tag",
    "future-date",
    "logged-before-date",
    "outside-match",
    "other-too-short",
    "unknown-type",
    "type-field-missing",
    "type-field-extra",
    "nested-too-deep",
    "hidden-text",
    "rubric-incomplete",
    "rubric-unknown",
    "rubric-value",
    "csv-header",
    "csv-row",
    "csv-duplicate",
    "calendar-outside-year",
    "calendar-not-class-day",
    "settings",
    "logged-late",
    "escalated-late",
    "inactive-pm",
    "focus-inactive-pair",
    "self-rating",
    "summary-year",
    "pm-history",
    "follow-up-before-request",
    "not-a-pm",
    "escalated-to-author",
    "participation-outside-match",
    "not-a-class-day",
    "safety-review",
    "focus-overdue",
    "follow-up-before-meeting",
    "escalation-not-on-focus-list",
    "reassigned-without-summary",
]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    name: CodeName
    summary: str


E, W = Severity.ERROR, Severity.WARNING

_ALL = [
    # Files and layout
    Code("NS100", E, "unreadable", "the file cannot be read"),
    Code("NS101", E, "not-utf8", "the file is not UTF-8 text (or contains NUL bytes)"),
    Code("NS102", E, "too-large", "the file is larger than its limit"),
    Code("NS103", E, "yaml-syntax", "the YAML cannot be parsed"),
    Code("NS104", E, "yaml-alias", "YAML anchors and aliases are not allowed"),
    Code("NS105", E, "yaml-duplicate-key", "a key appears twice in the same mapping"),
    Code("NS106", E, "yaml-tag", "custom YAML tags (`!something`) are not allowed"),
    Code("NS107", E, "yaml-too-deep", "YAML nested more than 32 levels"),
    Code("NS108", E, "symlink", "symbolic links are not followed"),
    Code("NS109", E, "unexpected-file", "a file that is not where the layout says files belong"),
    Code("NS110", E, "empty-file", "the file is empty"),
    Code("NS111", E, "front-matter", "a note does not start with `---` front matter"),
    # Fields
    Code("NS200", E, "missing-field", "a required field is missing"),
    Code("NS201", E, "unknown-field", "a field that this file does not take"),
    Code("NS202", E, "invalid-value", "a field has the wrong type or value"),
    Code("NS203", E, "id-mismatch", "an id or date does not match the file's name or folder"),
    Code("NS204", E, "duplicate-id", "two records share one id"),
    Code("NS205", E, "bad-file-name", "a file name does not follow its pattern"),
    Code("NS206", E, "reserved-id", "an id that would give a site page another page's name"),
    # References
    Code("NS300", E, "unknown-pair", "a reference to a pair that does not exist"),
    Code("NS301", E, "unknown-staff", "a reference to a staff member who does not exist"),
    Code("NS302", E, "unknown-note", "a reference to a note that does not exist"),
    Code("NS303", E, "unknown-school", "a class calendar names a school no pair attends"),
    # Notes
    Code("NS400", E, "dap-missing", "a Data, Assessment or Plan heading is missing"),
    Code("NS401", E, "dap-empty", "a Data, Assessment or Plan section has no text"),
    Code("NS402", E, "dap-order", "DAP headings are out of order or repeated"),
    Code("NS403", E, "unknown-tag", "a tag that is not in the program's categories"),
    Code("NS404", E, "future-date", "a date after today"),
    Code("NS405", E, "logged-before-date", "`logged` is before the support `date`"),
    Code("NS406", E, "outside-match", "a note dated before the match or after the closure"),
    Code("NS407", E, "other-too-short", "an `other` note whose Data section is under 40 words"),
    Code("NS408", E, "unknown-type", "a note type that is not in the program's note types"),
    Code("NS409", E, "type-field-missing", "a field this note type requires is missing"),
    Code("NS410", E, "type-field-extra", "a field that this note type does not take"),
    Code(
        "NS411",
        E,
        "nested-too-deep",
        "a note's text is nested too deep (quotes and lists) to be shown",
    ),
    Code(
        "NS412",
        E,
        "hidden-text",
        "text the site would not show as written: inside a template prompt or an unused "
        "link definition, or a prompt it would publish",
    ),
    # Ratings
    Code("NS500", E, "rubric-incomplete", "a rubric category or indicator is not rated"),
    Code("NS501", E, "rubric-unknown", "a rubric category or indicator that does not exist"),
    Code("NS502", E, "rubric-value", "a rating outside the rubric's scale"),
    # Participation
    Code("NS600", E, "csv-header", "a participation CSV without the expected header"),
    Code("NS601", E, "csv-row", "an invalid participation CSV row"),
    Code("NS602", E, "csv-duplicate", "the same pair and week recorded twice"),
    Code("NS603", E, "calendar-outside-year", "a class calendar date outside its program year"),
    Code("NS604", E, "calendar-not-class-day", "a day off (`except`) that is not a class day"),
    # Settings
    Code("NS700", E, "settings", "notesite.yaml has an inconsistent setting"),
    # Warnings: the file is fine, practice is not
    Code("NS800", W, "logged-late", "a note logged more than `log_within_days` after the support"),
    Code("NS801", W, "escalated-late", "a major safety note escalated after the allowed days"),
    Code("NS802", W, "inactive-pm", "an active pair assigned to a PM who is no longer active"),
    Code("NS803", W, "focus-inactive-pair", "a focus list names a paused or closed pair"),
    Code("NS804", W, "self-rating", "a PM rated by themselves"),
    Code("NS805", W, "summary-year", "a summary note dated outside the program year it sums up"),
    Code("NS806", W, "pm-history", "a pair's PM history has overlapping or reversed periods"),
    Code(
        "NS807",
        W,
        "follow-up-before-request",
        "an out-of-program follow-up dated before its request",
    ),
    Code("NS808", W, "not-a-pm", "a pair's PM or a focus list's owner is not a PM"),
    Code("NS809", W, "escalated-to-author", "a safety note escalated only to its own author"),
    Code(
        "NS810",
        W,
        "participation-outside-match",
        "participation recorded for a week outside the pair's match",
    ),
    Code(
        "NS811",
        W,
        "not-a-class-day",
        "participation recorded for a week that is not a class day of the pair's school",
    ),
    Code("NS820", W, "safety-review", "a note that is not a safety note may need one"),
    Code("NS821", W, "focus-overdue", "a PM with active pairs has no recent focus list"),
    Code(
        "NS822",
        W,
        "follow-up-before-meeting",
        "an out-of-program follow-up dated before the meeting it follows up",
    ),
    Code(
        "NS823",
        W,
        "escalation-not-on-focus-list",
        "an escalated pair not on its PM's focus list in time",
    ),
    # Reported by `notesite review` only: they judge a change, not the files
    Code(
        "NS824",
        W,
        "reassigned-without-summary",
        "a pull request reassigns an active pair without a summary by the previous PM",
    ),
]

CODES: dict[str, Code] = {c.code: c for c in _ALL}
BY_NAME: dict[CodeName, Code] = {c.name: c for c in _ALL}
