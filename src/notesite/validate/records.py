"""Per-file checks of the YAML records: staff roster, pairs, ratings and focus lists."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal

from notesite.diagnostics import Diagnostic, diag, did_you_mean
from notesite.load.files import SourceFile
from notesite.load.yamlpos import YamlDoc
from notesite.models import FocusList, Pair, Rating, StaffMember
from notesite.settings import Settings, is_year_label
from notesite.urls import reserved
from notesite.validate.common import Located, entry_docs, load_record, parse_yaml_file
from notesite.validate.schema import check_model


def load_staff(
    root: Path, source: SourceFile
) -> tuple[list[Located[StaffMember]], list[Diagnostic], set[str] | None]:
    """The valid staff entries, the problems, and the ids of invalid entries (None: the
    roster could not be read at all), so references to them are not reported twice."""
    doc, out = parse_yaml_file(root, source)
    if doc is None:
        return [], out, None
    if not isinstance(doc.data, list):
        out.append(
            diag(
                "invalid-value",
                source.rel,
                1,
                "the staff roster should be a list of people, each starting with `- id:`",
                hint="see docs/formats.md for an example",
            )
        )
        return [], out, None
    staff: list[Located[StaffMember]] = []
    invalid: set[str] = set()
    seen: dict[str, int | None] = {}
    views = entry_docs(doc)
    for i, entry in enumerate(doc.data):
        view = views.get(i) or YamlDoc(data=None)
        member, problems = check_model(StaffMember, entry, view, source.rel, what="a staff entry")
        out += problems
        if member is None:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                invalid.add(entry["id"])
            continue
        rec = Located(member, source.rel, doc, (i,))
        if member.id in seen:
            out.append(
                rec.at(
                    "duplicate-id",
                    "id",
                    message=f"the staff id `{member.id}` is used twice "
                    f"(first on line {seen[member.id]})",
                    hint="give each person their own id",
                )
            )
            continue
        seen[member.id] = rec.line("id")
        out += _reserved(rec, "staff", member.id)
        staff.append(rec)
    return staff, out, invalid


def load_pair(
    root: Path, source: SourceFile, today: date
) -> tuple[Located[Pair] | None, list[Diagnostic]]:
    rec, out = load_record(root, source, Pair)
    if rec is None:
        return None, out
    pair, stem = rec.item, source.parts[0]
    if pair.id != stem:
        out.append(
            rec.at(
                "id-mismatch",
                "id",
                message=f"`id: {pair.id}` does not match the file name `{stem}.yaml`",
                hint=f"rename the file to {pair.id}.yaml or fix the id",
            )
        )
    out += _reserved(rec, "pair", pair.id)
    if pair.status == "closed" and pair.closed_on is None:
        out.append(
            rec.at(
                "missing-field",
                "status",
                message="a closed pair needs `closed_on`, the day the match closed",
                hint="add a line `closed_on: YYYY-MM-DD`",
            )
        )
    if pair.status != "closed" and pair.closed_on is not None:
        out.append(
            rec.at(
                "invalid-value",
                "closed_on",
                message=f"`closed_on` is set but the pair's status is `{pair.status}`",
                hint="set `status: closed`, or remove `closed_on`",
            )
        )
    if pair.closed_on is not None and pair.closed_on < pair.matched_on:
        out.append(
            rec.at(
                "invalid-value",
                "closed_on",
                message="`closed_on` is before `matched_on`",
                hint="check both dates",
            )
        )
    for name in ("matched_on", "closed_on"):
        value = getattr(pair, name)
        if value is not None and value > today:
            out.append(
                rec.at(
                    "future-date",
                    name,
                    message=f"`{name}: {value}` is in the future (today is {today})",
                )
            )
    out += _pm_history(rec)
    return rec, out


def _reserved(rec: Located[Any], kind: Literal["pair", "staff"], id: str) -> list[Diagnostic]:
    """NS206 when `id` would give a site page the name of another page (see urls.py)."""
    why = reserved(kind, id)
    if why is None:
        return []
    if kind == "pair":
        fix = "give the pair another id, e.g. `p-index`: rename its file and notes folder to it"
    else:
        fix = "give this person another id and use it in every file that names them"
    return [rec.at("reserved-id", "id", message=f"`{id}` cannot be a {kind} id: {why}", hint=fix)]


def _pm_history(rec: Located[Pair]) -> list[Diagnostic]:
    out = []
    history = rec.item.pm_history
    for i, period in enumerate(history):
        if period.to < period.from_:
            out.append(
                rec.at(
                    "pm-history",
                    "pm_history",
                    i,
                    message="this PM period ends before it starts",
                    hint="check `from` and `to`",
                )
            )
        elif i and period.from_ <= history[i - 1].to:
            out.append(
                rec.at(
                    "pm-history",
                    "pm_history",
                    i,
                    message="this PM period overlaps the one before it",
                    hint="list earlier PMs oldest first, without overlaps",
                )
            )
    return out


def load_rating(
    root: Path, source: SourceFile, settings: Settings, today: date
) -> tuple[Located[Rating] | None, list[Diagnostic]]:
    year, stem = source.parts
    if not is_year_label(year):
        return None, [
            diag(
                "bad-file-name",
                source.rel,
                None,
                f"the folder `{year}` is not a program year like 2025-26",
                hint="ratings go in data/ratings/<year>/<staff-id>.yaml",
            )
        ]
    rec, out = load_record(root, source, Rating)
    if rec is None:
        return None, out
    r = rec.item
    if r.staff != stem:
        out.append(
            rec.at(
                "id-mismatch",
                "staff",
                message=f"`staff: {r.staff}` does not match the file name `{stem}.yaml`",
                hint=f"name the file {r.staff}.yaml",
            )
        )
    if r.program_year != year:
        out.append(
            rec.at(
                "id-mismatch",
                "program_year",
                message=f"`program_year: {r.program_year}` does not match the folder `{year}`",
                hint=f"move the file to data/ratings/{r.program_year}/",
            )
        )
    if r.rated_on > today:
        out.append(
            rec.at(
                "future-date",
                "rated_on",
                message=f"`rated_on: {r.rated_on}` is in the future (today is {today})",
            )
        )
    if r.rater == r.staff:
        out.append(
            rec.at(
                "self-rating",
                "rater",
                message="this PM is rated by themselves",
                hint="the rater is usually the PM's Program Director",
            )
        )
    out += _rubric(rec, settings)
    return rec, out


def _rubric(rec: Located[Rating], settings: Settings) -> list[Diagnostic]:
    out = []
    scale = settings.rubric.scale
    low, high = min(scale), max(scale)
    categories = settings.categories
    for slug, value in rec.item.ratings.items():
        if slug not in categories:
            out.append(
                rec.at(
                    "rubric-unknown",
                    "ratings",
                    slug,
                    message=f"`{slug}` is not a rubric category",
                    hint=did_you_mean(slug, categories) or "categories: " + ", ".join(categories),
                )
            )
            continue
        indicators = {i.slug for i in categories[slug].indicators}
        values = value if isinstance(value, dict) else {None: value}
        for ind, v in values.items():
            path = ("ratings", slug) if ind is None else ("ratings", slug, ind)
            if ind is not None and ind not in indicators:
                out.append(
                    rec.at(
                        "rubric-unknown",
                        *path,
                        message=f"`{ind}` is not an indicator of `{slug}`",
                        hint=did_you_mean(ind, indicators)
                        or "indicators: " + ", ".join(sorted(indicators)),
                    )
                )
            elif not low <= v <= high:
                out.append(
                    rec.at(
                        "rubric-value",
                        *path,
                        message=f"the rating {v} is outside the scale {low} to {high}",
                        hint=f"{low} = {scale[low]}; {high} = {scale[high]}",
                    )
                )
        if isinstance(value, dict):
            for ind in sorted(indicators - set(value)):
                out.append(
                    rec.at(
                        "rubric-incomplete",
                        "ratings",
                        slug,
                        message=f"the indicator `{ind}` of `{slug}` is not rated",
                        hint="rate every indicator, or rate the category as a whole",
                    )
                )
    for slug in categories:
        if slug not in rec.item.ratings:
            out.append(
                rec.at(
                    "rubric-incomplete",
                    "ratings",
                    message=f"the category `{slug}` is not rated",
                    hint=f"add `{slug}: <{low}-{high}>` under `ratings:`",
                )
            )
    return out


def load_focus(
    root: Path, source: SourceFile, today: date
) -> tuple[Located[FocusList] | None, list[Diagnostic]]:
    folder, stem = source.parts
    try:
        day = date.fromisoformat(stem)
    except ValueError:
        return None, [
            diag(
                "bad-file-name",
                source.rel,
                None,
                f"the file name `{stem}.yaml` should be the check-in date, YYYY-MM-DD",
                hint="rename it, e.g. 2026-11-02.yaml",
            )
        ]
    rec, out = load_record(root, source, FocusList)
    if rec is None:
        return None, out
    f = rec.item
    if f.staff != folder:
        out.append(
            rec.at(
                "id-mismatch",
                "staff",
                message=f"`staff: {f.staff}` does not match the folder `{folder}`",
                hint=f"move the file to data/focus/{f.staff}/",
            )
        )
    if f.date != day:
        out.append(
            rec.at(
                "id-mismatch",
                "date",
                message=f"`date: {f.date}` does not match the file name `{stem}.yaml`",
                hint=f"name the file {f.date}.yaml",
            )
        )
    if f.date > today:
        out.append(
            rec.at(
                "future-date",
                "date",
                message=f"`date: {f.date}` is in the future (today is {today})",
            )
        )
    if f.next_check_in is not None and f.next_check_in <= f.date:
        out.append(
            rec.at(
                "invalid-value",
                "next_check_in",
                message="`next_check_in` must be after the check-in `date`",
            )
        )
    seen: set[str] = set()
    for i, entry in enumerate(f.pairs):
        if entry.pair in seen:
            out.append(
                rec.at(
                    "invalid-value",
                    "pairs",
                    i,
                    "pair",
                    message=f"`{entry.pair}` is listed twice on this focus list",
                )
            )
        seen.add(entry.pair)
    return rec, out
