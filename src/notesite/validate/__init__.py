"""The validate stage: every file of a notes repository checked, every problem collected.

`check_repository` reads everything, then runs the cross-file rules, and returns the
`Program` (the records that passed) with all diagnostics. Nothing here writes anything.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from notesite import collector, workers
from notesite.class_calendar import ClassCalendar
from notesite.diagnostics import Diagnostic, cap, count, diag
from notesite.load import yamlcache
from notesite.load.files import Kind, SourceFile, discover
from notesite.models import FocusList, Pair, ParticipationRow, Rating, StaffMember
from notesite.program import Note, Program
from notesite.settings import Settings
from notesite.validate import calendar as calendar_
from notesite.validate import references as refs_
from notesite.validate.cache import NoteCache, NoteResult
from notesite.validate.common import Located, load_record
from notesite.validate.focus_cadence import check_focus_cadence
from notesite.validate.meeting_follow_up import check_meeting_follow_ups
from notesite.validate.notes import check_note
from notesite.validate.participation import load_participation
from notesite.validate.participation_rows import drop_duplicates
from notesite.validate.records import load_focus, load_pair, load_rating, load_staff
from notesite.validate.safety_review import check_safety_review

__all__ = ["Checked", "NoteCache", "check_repository", "load_settings"]

PARALLEL_MIN_NOTES = 400  # below this, starting workers costs more than it saves


@dataclass(frozen=True)
class Checked:
    program: Program
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> int:
        """Every error, also those a summary stands for (see `diagnostics.cap`)."""
        return count(self.diagnostics)[0]

    @property
    def warnings(self) -> int:
        return count(self.diagnostics)[1]


def load_settings(root: Path, source: SourceFile | None) -> tuple[Settings, list[Diagnostic]]:
    if source is None:
        return Settings(), []
    rec, out = load_record(root, source, Settings, whole="settings")
    if rec is None:
        return Settings(), out
    return rec.item, out


def check_repository(
    root: Path,
    today: date,
    *,
    render: bool = False,
    jobs: int | None = None,
    cache: NoteCache | None = None,
) -> Checked:
    """Check every file of `root`. `render=True` also renders each note's sections (and
    its search text): only then is `Note.sections` filled, and `Program.rendered` says which
    you have (pages refuse a program checked without it, see `Program.require_rendered`).
    With a `cache`, unchanged YAML files are not parsed again either (load/yamlcache.py)."""
    memo = cache.yaml_memo() if cache is not None else None
    with collector.paused(), yamlcache.using(memo):
        checked = _check_repository(root, today, render, jobs, cache)
    if memo is not None:
        memo.turn()  # the next check starts from these documents, and forgets the others
    return checked


def _check_repository(
    root: Path, today: date, render: bool, jobs: int | None, cache: NoteCache | None
) -> Checked:
    sources, out = discover(root)
    by_kind: dict[Kind, list[SourceFile]] = defaultdict(list)
    for source in sources:
        by_kind[source.kind].append(source)
    settings_files = by_kind[Kind.SETTINGS]
    settings, problems = load_settings(root, settings_files[0] if settings_files else None)
    out += problems

    staff_recs: list[Located[StaffMember]] = []
    invalid_staff: set[str] | None = None  # ids of invalid entries; None: no usable roster
    if by_kind[Kind.STAFF]:
        staff_recs, problems, invalid_staff = load_staff(root, by_kind[Kind.STAFF][0])
        out += problems
    elif not any(d.file == "data/staff.yaml" for d in out):  # a folder there: said already
        out.append(
            diag(
                "missing-field",
                "data/staff.yaml",
                None,
                "the staff roster data/staff.yaml is missing",
                hint="create it: a list of `- id: ..., name: ..., role: pm`",
            )
        )
    staff = {r.item.id: r.item for r in staff_recs}

    pair_recs: list[Located[Pair]] = []
    for source in by_kind[Kind.PAIR]:
        rec, problems = load_pair(root, source, today)
        out += problems
        if rec is not None and rec.item.id == source.parts[0]:
            pair_recs.append(rec)
    pairs = {r.item.id: r.item for r in pair_recs}

    notes, problems = _check_notes(root, by_kind[Kind.NOTE], settings, today, render, jobs, cache)
    out += problems
    ratings, focus, rows, problems = _check_others(root, by_kind, settings, today)
    out += problems

    invalid_pairs = {s.parts[0] for s in by_kind[Kind.PAIR]} - set(pairs)
    refs = refs_.References(staff, pairs, invalid_staff, invalid_pairs)
    by_id = {n.id: n for n in notes}
    out += refs_.check_staff(refs, staff_recs)
    out += refs_.check_pairs(refs, pair_recs)
    out += refs_.check_notes(refs, notes, by_id)
    out += refs_.check_ratings(refs, ratings)
    out += refs_.check_focus(refs, focus, settings, today)
    rows, problems = drop_duplicates(rows)
    out += problems
    out += refs_.check_participation(refs, rows)
    calendars, problems = _check_calendars(root, by_kind[Kind.CALENDAR], settings)
    out += problems + calendar_.check_schools(calendars, pairs, bool(invalid_pairs))
    out += check_safety_review(notes, settings)
    out += check_focus_cadence(staff_recs, focus, pairs, settings, today)
    out += check_meeting_follow_ups(notes, by_id)

    program = Program(
        settings=settings,
        staff=staff,
        pairs=pairs,
        notes=tuple(notes),
        ratings=tuple(sorted((r.item for r in ratings), key=lambda r: (r.program_year, r.staff))),
        focus=tuple(sorted((f.item for f in focus), key=lambda f: (f.staff, f.date))),
        # Rows of pairs that do not exist are reported above and counted for no one.
        participation=tuple(row for _, found in rows for row in found if refs.has_pair(row.pair)),
        calendars=tuple(sorted((c.item for c in calendars), key=lambda c: c.program_year)),
        rendered=render,
    )
    by_row = [(rel, row) for rel, found in rows for row in found]
    out += calendar_.check_weeks(by_row, pairs, program.classes, settings)
    out += calendar_.check_escalations(program, by_row, today)
    return Checked(program, cap(out))


def _check_others(
    root: Path, by_kind: dict[Kind, list[SourceFile]], settings: Settings, today: date
) -> tuple[
    list[Located[Rating]],
    list[Located[FocusList]],
    list[tuple[str, list[ParticipationRow]]],
    list[Diagnostic],
]:
    out: list[Diagnostic] = []
    ratings = []
    for source in by_kind[Kind.RATING]:
        rating, problems = load_rating(root, source, settings, today)
        out += problems
        if rating is not None:
            ratings.append(rating)
    focus = []
    for source in by_kind[Kind.FOCUS]:
        focus_list, problems = load_focus(root, source, today)
        out += problems
        if focus_list is not None:
            focus.append(focus_list)
    rows: list[tuple[str, list[ParticipationRow]]] = []  # by file
    for source in by_kind[Kind.PARTICIPATION]:
        found, problems = load_participation(root, source, today)
        out += problems
        rows.append((source.rel, found))
    return ratings, focus, rows, out


def _check_calendars(
    root: Path, sources: list[SourceFile], settings: Settings
) -> tuple[list[Located[ClassCalendar]], list[Diagnostic]]:
    calendars, out = [], []
    for source in sources:
        calendar, problems = calendar_.load_calendar(root, source, settings)
        out += problems
        if calendar is not None:
            calendars.append(calendar)
    return calendars, out


@dataclass(frozen=True)
class _NoteJob:
    """What every note check needs besides the note: sent once to each worker."""

    root: Path
    settings: Settings
    today: date
    render: bool


_JOB: _NoteJob | None = None  # a worker process's job, set by _start


def _start(job: _NoteJob) -> None:
    global _JOB
    _JOB = job


def _batch(sources: list[SourceFile]) -> list[tuple[Note | None, list[Diagnostic]]]:
    """Check a batch of notes in a worker (module-level: a spawned worker imports it)."""
    assert _JOB is not None, "_start runs in every worker first"
    return _chunk(_JOB, sources)


def _chunk(job: _NoteJob, sources: list[SourceFile]) -> list[tuple[Note | None, list[Diagnostic]]]:
    return [check_note(job.root, s, job.settings, job.today, job.render) for s in sources]


def _check_notes(
    root: Path,
    sources: list[SourceFile],
    settings: Settings,
    today: date,
    render: bool,
    jobs: int | None,
    cache: NoteCache | None = None,
) -> tuple[list[Note], list[Diagnostic]]:
    hits: dict[str, NoteResult] = {}
    keys: dict[str, tuple[str, str]] = {}
    todo = sources
    if cache is not None:
        hits, todo, keys = cache.split(root, sources, (settings.model_dump_json(), today, render))
    job = _NoteJob(root, settings, today, render)
    method = workers.start_method()
    count_ = workers.plan(jobs, len(todo), PARALLEL_MIN_NOTES, method)
    if count_ > 1:
        size = max(50, len(todo) // (count_ * 4))
        batches = [todo[i : i + size] for i in range(0, len(todo), size)]
        done = workers.run(_batch, batches, workers=count_, start=_start, job=job, method=method)
        fresh = [r for batch in done for r in batch]
    else:
        fresh = _chunk(job, todo)
    by_file = {**hits, **{s.rel: r for s, r in zip(todo, fresh, strict=True)}}
    if cache is not None:
        cache.keep(keys, by_file)
    results = [by_file[s.rel] for s in sources]
    notes = [n for n, _ in results if n is not None]
    return notes, [d for _, ds in results for d in ds]
