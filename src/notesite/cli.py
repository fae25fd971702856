"""The command line: a thin layer over the library. Library errors become exit codes here.

Exit codes: 0 success, 1 validation errors (or warnings with --strict), 2 usage errors.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from notesite.diagnostics import FORMATTERS, Diagnostic, format_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from notesite.models import Pair
    from notesite.settings import Settings

ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The notes repository (the folder holding data/).",
)
PROMPT_CHOICES = 20  # a prompt lists its choices when there are at most this many
TODAY = click.option(
    "--today",
    metavar="YYYY-MM-DD",
    default=None,
    help="The date every derived fact is computed for (default: $SOURCE_DATE_EPOCH's date, "
    "else the system date).",
)


def resolve_today(value: str | None) -> date:
    """`--today`, else the UTC date of SOURCE_DATE_EPOCH, else the local date (SPEC §3)."""
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise click.BadParameter(
                f"{value!r} is not a date written YYYY-MM-DD", param_hint="--today"
            ) from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise click.UsageError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds"
            ) from None
    return date.today()


def check_root(root: Path) -> Path:
    if not root.is_dir():
        raise click.UsageError(f"{root} is not a folder")
    if not (root / "data").is_dir() and not (root / "notesite.yaml").is_file():
        raise click.UsageError(
            f"{root} is not a notes repository (it has no data/ folder or notesite.yaml); "
            "pass --root or run `notesite init` to create one"
        )
    return root


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="notesite")
def main() -> None:
    """notesite: check pair support notes and publish them as a static site."""


@main.command()
@ROOT
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATTERS)),
    default="text",
    show_default=True,
    help="text for people, github for CI annotations, json for tools.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@TODAY
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(
    root: Path, fmt: str, strict: bool, today: str | None, paths: tuple[Path, ...]
) -> None:
    """Check every file of the repository and report every problem.

    With PATHs (files or folders), only problems in those files are reported; the whole
    repository is still read, so references to other files are checked.
    """
    from notesite.validate import check_repository

    root = check_root(root)
    checked = check_repository(root, resolve_today(today))
    shown = _only(checked.diagnostics, root, paths)
    click.echo(FORMATTERS[fmt](shown), nl=False)
    errors = sum(1 for d in shown if d.severity == "error")
    sys.exit(1 if errors or (strict and shown) else 0)


def _only(diagnostics: list[Diagnostic], root: Path, paths: tuple[Path, ...]) -> list[Diagnostic]:
    if not paths:
        return diagnostics
    base = root.resolve()
    wanted = []
    for p in paths:
        full = (p if p.is_absolute() else Path.cwd() / p).resolve()
        try:
            wanted.append(full.relative_to(base).as_posix())
        except ValueError:
            raise click.BadParameter(f"{p} is not inside {root}", param_hint="PATH") from None
    return [
        d
        for d in diagnostics
        if any(
            w in (".", "") or d.file == w or d.file.startswith(w.rstrip("/") + "/") for w in wanted
        )
    ]


def _echo_diagnostics(diagnostics: list[Diagnostic]) -> None:
    if diagnostics:
        click.echo(format_text(diagnostics), err=True, nl=False)


@main.command()
@ROOT
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site (default: <root>/site).",
)
@TODAY
@click.option("--strict", is_flag=True, help="Refuse to build on warnings too.")
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes for reading notes (default: one per core).",
)
@click.option(
    "--no-search",
    is_flag=True,
    help="Build without the search index (search.html then says search is not available).",
)
def build(
    root: Path, out: Path | None, today: str | None, strict: bool, jobs: int | None, no_search: bool
) -> None:
    """Validate, then build the static site. On errors nothing is written.

    The notes are indexed for search.html with Pagefind; if it cannot run, the site is built
    without search and a warning says why.
    """
    from notesite.build import build as run_build
    from notesite.write import OutputError

    root = check_root(root)
    out = out or root / "site"
    try:
        result = run_build(
            root,
            out,
            resolve_today(today),
            strict=strict,
            jobs=jobs,
            progress=_progress(),
            search=not no_search,
        )
    except OutputError as exc:
        raise click.UsageError(str(exc)) from None
    _echo_diagnostics(result.diagnostics)
    if not result.ok:
        click.echo(f"Build refused: fix the problems above; {out} was left as it was.", err=True)
        sys.exit(1)
    if result.search_problem:
        click.echo(
            f"warning: built without search ({result.search_problem}); "
            "search.html says search is not available",
            err=True,
        )
    click.echo(f"Built {result.files} files into {out}. Open {out / 'index.html'}")


def _progress() -> Callable[[str], None] | None:
    """Stage lines on standard error for a person at a terminal; none in CI, pipes or logs."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    return lambda line: click.echo(line, err=True)


@main.group()
def new() -> None:
    """Create files from templates."""


@new.command("note")
@click.argument("pairs", nargs=-1, metavar="[PAIR]...")
@click.option(
    "--type", "note_type", default=None, help="The note type, e.g. mentor-call (asked if missing)."
)
@click.option(
    "--date", "day", metavar="YYYY-MM-DD", default=None, help="The support date (default: today)."
)
@click.option("--author", default=None, help="Staff id of the author (default: the pair's PM).")
@click.option(
    "--tags",
    metavar="TAG,...",
    default=None,
    help="Category tags, comma-separated (default: the type's usual tag; asked if missing).",
)
@click.option(
    "--interactive/--no-interactive",
    default=None,
    help="Ask for a missing PAIR, type and tags (default: when run in a terminal).",
)
@ROOT
@TODAY
def new_note(
    pairs: tuple[str, ...],
    note_type: str | None,
    day: str | None,
    author: str | None,
    tags: str | None,
    interactive: bool | None,
    root: Path,
    today: str | None,
) -> None:
    """Write a new note for each PAIR from the DAP template of its type and print its path.

    Several PAIRs get one note each (support given to a group). In a terminal, a missing
    PAIR or --type is asked for, and then the tags.
    """
    from notesite.scaffold import ScaffoldError, check_request
    from notesite.scaffold import new_note as scaffold_note

    root = check_root(root)
    now = resolve_today(today)
    settings, problems = _settings_of(root)
    tag_slugs = _tags_option(tags, settings) if tags is not None else ()
    support_day = _date_option(day) if day else now
    prompting = not pairs or note_type is None
    if prompting and not (sys.stdin.isatty() if interactive is None else interactive):
        wanted = (("PAIR", not pairs), ("--type", note_type is None))
        missing = " and ".join(word for word, gone in wanted if gone)
        raise click.UsageError(
            f"missing {missing}: write, for example, `notesite new note p-0001 --type "
            "support` (in a terminal, notesite asks for what is missing)"
        )
    records = [_pair_of(root, pid, now, problems) for pid in dict.fromkeys(pairs)]
    if not records:
        records = [_pair_of(root, _ask_pair(root), now, problems)]
    if note_type is None:
        note_type = _ask_one("Note type", sorted(settings.types), "note type")
    if prompting and not tag_slugs:
        tag_slugs = _ask_tags(note_type, settings)
    try:
        for pair in records:  # check every pair before writing any note
            check_request(pair, note_type, support_day, now, settings)
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from None
    for pair in records:
        created = scaffold_note(
            root, pair, note_type, author or pair.pm, support_day, now, settings, tag_slugs
        )
        click.echo(_rel(created.path))


def _settings_of(root: Path) -> tuple[Settings, list[Diagnostic]]:
    from notesite.load.files import Kind, SourceFile
    from notesite.validate import load_settings

    has_settings = (root / "notesite.yaml").is_file()
    return load_settings(
        root, SourceFile(Kind.SETTINGS, "notesite.yaml", ()) if has_settings else None
    )


def _pair_of(root: Path, pair: str, now: date, problems: list[Diagnostic]) -> Pair:
    """The pair's record, or a usage error naming the closest pair id."""
    from notesite.diagnostics import did_you_mean
    from notesite.load.files import Kind, SourceFile
    from notesite.models import ID_PATTERN
    from notesite.validate.records import load_pair

    pair_file = root / "data" / "pairs" / f"{pair}.yaml"
    if not re.match(ID_PATTERN, pair) or not pair_file.is_file():
        hint = did_you_mean(pair, _pair_ids(root))
        message = f"no pair `{pair}` (no data/pairs/{pair}.yaml)" + (f"; {hint}" if hint else "")
        raise click.BadParameter(message, param_hint="PAIR")
    rec, found = load_pair(root, SourceFile(Kind.PAIR, f"data/pairs/{pair}.yaml", (pair,)), now)
    if rec is None:
        _echo_diagnostics(problems + found)
        raise click.ClickException(f"fix data/pairs/{pair}.yaml first")
    return rec.item


def _pair_ids(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "data" / "pairs").glob("*.yaml"))


def _date_option(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date written YYYY-MM-DD", param_hint="--date"
        ) from None


def _tags_option(value: str, settings: Settings) -> tuple[str, ...]:
    from notesite.scaffold import ScaffoldError, parse_tags

    try:
        return parse_tags(value, settings)
    except ScaffoldError as exc:
        raise click.BadParameter(str(exc), param_hint="--tags") from None


def _ask_one(label: str, choices: list[str], what: str) -> str:
    """Ask until the answer is one of `choices` (listed when few), hinting at typos."""
    from notesite.diagnostics import did_you_mean

    if not choices:
        raise click.UsageError(f"there is no {what} to choose from yet")

    def check(value: str) -> str:
        value = value.strip()
        if value in choices:
            return value
        hint = did_you_mean(value, choices)
        raise click.UsageError(f"`{value}` is not a {what}" + (f"; {hint}" if hint else ""))

    return str(
        click.prompt(
            label,
            type=click.Choice(choices),
            show_choices=len(choices) <= PROMPT_CHOICES,
            value_proc=check,
        )
    )


def _ask_pair(root: Path) -> str:
    ids = _pair_ids(root)
    label = "Pair" if len(ids) <= PROMPT_CHOICES else f"Pair (e.g. {ids[0]})"
    return _ask_one(label, ids, "pair in data/pairs/")


def _ask_tags(note_type: str, settings: Settings) -> tuple[str, ...]:
    from notesite.scaffold import ScaffoldError, default_tags, parse_tags

    def check(value: str) -> tuple[str, ...]:
        try:
            return parse_tags(value, settings)
        except ScaffoldError as exc:
            raise click.UsageError(str(exc)) from None

    default = default_tags(note_type, settings)
    try:
        parse_tags(default, settings)
    except ScaffoldError:
        default = ""  # the program renamed the usual tag: no default then
    click.echo("Category tags: " + ", ".join(settings.tag_labels))
    answer: tuple[str, ...] = click.prompt(
        "Tags (1 to 5, separated by commas)", default=default or None, value_proc=check
    )
    return answer


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@main.command()
@ROOT
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the *.schema.json files into.",
)
def schema(root: Path, out: Path) -> None:
    """Write JSON Schemas of every file format, for editors (YAML language server)."""
    from notesite.load.files import Kind, SourceFile
    from notesite.schema import write_schemas
    from notesite.validate import load_settings

    has_settings = (root / "notesite.yaml").is_file()
    settings, problems = load_settings(
        root, SourceFile(Kind.SETTINGS, "notesite.yaml", ()) if has_settings else None
    )
    if problems:
        _echo_diagnostics(problems)
        sys.exit(1)
    for path in write_schemas(out, settings):
        click.echo(str(path))


@main.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--pairs",
    type=click.IntRange(1, 100_000),
    default=48,
    show_default=True,
    help="How many pairs to generate.",
)
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed.")
@click.option(
    "--notes-per-pair",
    type=click.FloatRange(0.5, 500),
    default=None,
    help="Average notes per pair (default about 10).",
)
@TODAY
def demo(out: Path, pairs: int, seed: int, notes_per_pair: float | None, today: str | None) -> None:
    """Generate a fictional program into OUT (the committed demo, or a large one to benchmark)."""
    from notesite.demo import generate

    now = resolve_today(today) if today else date(2026, 11, 22)
    try:
        result = generate(out, pairs=pairs, seed=seed, today=now, notes_per_pair=notes_per_pair)
    except FileExistsError:
        raise click.UsageError(f"{out}/data already exists; choose an empty folder") from None
    click.echo(f"Generated {result.pairs} pairs and {result.notes} notes in {out}")


@main.command()
@ROOT
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to build the site (default: <root>/site).",
)
@TODAY
def serve(root: Path, port: int, out: Path | None, today: str | None) -> None:
    """Build, serve the site on 127.0.0.1 and rebuild when a file changes.

    While the files have errors, the last good site keeps being served.
    """
    from notesite.serve import serve as run_serve

    root = check_root(root)
    run_serve(root, out or root / "site", port, lambda: resolve_today(today))


@main.command()
@click.argument("dir", type=click.Path(path_type=Path))
@TODAY
def init(dir: Path, today: str | None) -> None:
    """Create a notes repository for a new program in DIR (a new or empty folder).

    It holds the settings, one example of every file, editor schemas, a GitHub Actions
    workflow, a pre-commit configuration and a README for PMs.
    """
    from notesite.init import InitError, init_repository

    try:
        created = init_repository(dir, resolve_today(today))
    except InitError as exc:
        raise click.UsageError(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write the repository into {dir}: {exc}") from None
    for path in created.files:
        click.echo(path.relative_to(dir).as_posix())
    click.echo(f"Created a notes repository in {dir}: {len(created.files)} files.")
    click.echo(
        f"Next: read {dir / 'README.md'}, replace the examples with your program, "
        f"and check it with `notesite validate --root {dir}`."
    )


@main.command()
@click.option("--pm", metavar="ID", default=None, help="Only this PM's pairs (a staff id).")
@ROOT
@TODAY
def tracker(pm: str | None, root: Path, today: str | None) -> None:
    """Print the Note Tracker: active pairs without recent support, by PM, longest first."""
    from notesite.diagnostics import did_you_mean
    from notesite.facts import derive
    from notesite.tracker import format_tracker, pm_ids
    from notesite.validate import check_repository

    root = check_root(root)
    now = resolve_today(today)
    checked = check_repository(root, now)
    known = sorted(pm_ids(checked.program))
    if pm is not None and pm not in known:
        hint = did_you_mean(pm, known) or "the PMs are: " + (", ".join(known) or "none yet")
        raise click.BadParameter(f"no PM `{pm}`; {hint}", param_hint="--pm")
    click.echo(format_tracker(derive(checked.program, now), pm), nl=False)
    if checked.errors:
        click.echo(
            f"Note: the files have {checked.errors} error{'s' if checked.errors > 1 else ''} and "
            "a file with errors may be left out, so a pair may look longer without support than "
            "it is. Run `notesite validate`.",
            err=True,
        )


@main.command()
@ROOT
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "text", "json"]),
    default="markdown",
    show_default=True,
    help="markdown for a pull-request comment, text for a terminal, json for tools.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings in the changed files too.")
@click.option(
    "--max-rows",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="Rows shown per table in markdown and text (0: all); json lists everything.",
)
@TODAY
@click.argument("base", required=False)
def review(
    root: Path, fmt: str, strict: bool, max_rows: int, today: str | None, base: str | None
) -> None:
    """Summarise what the working tree changes compared with BASE, for a reviewer.

    BASE is a git revision (default: the merge base of HEAD and main, else origin/main).
    Exits 1 when the added or changed files have errors. The markdown summary is also
    appended to $GITHUB_STEP_SUMMARY when that is set.
    """
    from notesite.review import ReviewError
    from notesite.review import review as run_review
    from notesite.review.format import FORMATS, append_step_summary, format_markdown

    root = check_root(root)
    now = resolve_today(today)
    try:
        result = run_review(root, base, now)
    except ReviewError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(FORMATS[fmt](result, max_rows), nl=False)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            append_step_summary(Path(summary), format_markdown(result, max_rows))
        except OSError as exc:
            raise click.UsageError(f"cannot write GITHUB_STEP_SUMMARY={summary}: {exc}") from None
    sys.exit(result.exit_code(strict))


@main.command()
@click.argument("pm")
@ROOT
@TODAY
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="The HTML file to write (default: handoff-<PM>.html in the current folder; a folder: "
    "that name inside it). Its stylesheet is written beside it, named like it with .css.",
)
def handoff(pm: str, root: Path, today: str | None, out: Path | None) -> None:
    """Write the handoff packet of PM (a staff id) as a standalone page, for a colleague
    taking over or covering: each pair's last contact, latest plan, pending follow-ups, and
    safety, focus-list and participation history.

    The page opens from disk with no network and prints cleanly; keep it with the stylesheet
    written beside it. Exits 1, writing nothing, when the files have errors.
    """
    from notesite.diagnostics import did_you_mean
    from notesite.facts import derive
    from notesite.render import handoff_document, templates_dir
    from notesite.validate import check_repository

    root = check_root(root)
    now = resolve_today(today)
    target = _handoff_target(out, pm)
    checked = check_repository(root, now, render=True)
    if checked.errors:
        _echo_diagnostics(checked.diagnostics)
        click.echo("Handoff refused: fix the problems above; nothing was written.", err=True)
        sys.exit(1)
    known = sorted(m.id for m in checked.program.pms)
    if pm not in known:
        listed = "the PMs are: " + (", ".join(known) or "none yet")
        member = checked.program.staff.get(pm)
        if member is not None:
            problem = f"`{pm}` ({member.name}) is a {member.role}, not a PM; {listed}"
        else:
            problem = f"no PM `{pm}`; " + (did_you_mean(pm, known) or listed)
        raise click.BadParameter(problem, param_hint="PM")
    css = target.with_suffix(".css")
    page = handoff_document(derive(checked.program, now), pm, css.name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        css.write_bytes((templates_dir() / "assets" / "style.css").read_bytes())
        target.write_bytes(page)
    except OSError as exc:
        raise click.ClickException(f"cannot write {target}: {exc}") from None
    click.echo(_rel(target))
    click.echo(_rel(css))


def _handoff_target(out: Path | None, pm: str) -> Path:
    name = f"handoff-{pm}.html"
    if out is None:
        return Path(name)
    if out.is_dir():
        return out / name
    if out.suffix.lower() not in (".html", ".htm"):
        raise click.BadParameter(
            f"{out} is not an .html file; write, for example, --out {out.with_suffix('.html')}",
            param_hint="--out",
        )
    return out
