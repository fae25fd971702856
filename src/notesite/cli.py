"""The command line: a thin layer over the library. Library errors become exit codes here.

Exit codes: 0 success, 1 validation errors (or warnings with --strict), 2 usage errors.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import click

from notesite.diagnostics import FORMATTERS, Diagnostic, format_text

ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The notes repository (the folder holding data/).",
)
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
def build(root: Path, out: Path | None, today: str | None, strict: bool, jobs: int | None) -> None:
    """Validate, then build the static site. On errors nothing is written."""
    from notesite.build import build as run_build
    from notesite.write import OutputError

    root = check_root(root)
    out = out or root / "site"
    try:
        result = run_build(root, out, resolve_today(today), strict=strict, jobs=jobs)
    except OutputError as exc:
        raise click.UsageError(str(exc)) from None
    _echo_diagnostics(result.diagnostics)
    if not result.ok:
        click.echo(f"Build refused: fix the problems above; {out} was left as it was.", err=True)
        sys.exit(1)
    click.echo(f"Built {result.files} files into {out}. Open {out / 'index.html'}")


@main.group()
def new() -> None:
    """Create files from templates."""


@new.command("note")
@click.argument("pair")
@click.option("--type", "note_type", required=True, help="The note type, e.g. mentor-call.")
@click.option("--date", "day", metavar="YYYY-MM-DD", default=None,
              help="The support date (default: today).")
@click.option("--author", default=None, help="Staff id of the author (default: the pair's PM).")
@ROOT
@TODAY
def new_note(pair: str, note_type: str, day: str | None, author: str | None, root: Path,
             today: str | None) -> None:
    """Write a new note for PAIR from the DAP template of its type and print its path."""
    from notesite.diagnostics import did_you_mean
    from notesite.load.files import Kind, SourceFile
    from notesite.scaffold import ScaffoldError
    from notesite.scaffold import new_note as scaffold_note
    from notesite.validate import load_settings
    from notesite.validate.records import load_pair

    root = check_root(root)
    now = resolve_today(today)
    settings_file = root / "notesite.yaml"
    settings, problems = load_settings(
        root, SourceFile(Kind.SETTINGS, "notesite.yaml", ()) if settings_file.is_file() else None
    )
    pair_file = root / "data" / "pairs" / f"{pair}.yaml"
    if not pair_file.is_file():
        known = [p.stem for p in (root / "data" / "pairs").glob("*.yaml")]
        hint = did_you_mean(pair, known)
        message = f"no pair `{pair}` (no {pair_file})" + (f"; {hint}" if hint else "")
        raise click.BadParameter(message, param_hint="PAIR")
    source = SourceFile(Kind.PAIR, f"data/pairs/{pair}.yaml", (pair,))
    rec, problems2 = load_pair(root, source, now)
    if rec is None:
        _echo_diagnostics(problems + problems2)
        raise click.ClickException(f"fix data/pairs/{pair}.yaml first")
    support_day = resolve_today(day) if day else now
    try:
        created = scaffold_note(root, rec.item, note_type, author or rec.item.pm, support_day, now,
                                settings)
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(_rel(created.path))


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@main.command()
@ROOT
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"),
              show_default=True, help="Folder to write the *.schema.json files into.")
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
@click.option("--pairs", type=click.IntRange(1, 100_000), default=48, show_default=True,
              help="How many pairs to generate.")
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed.")
@click.option("--notes-per-pair", type=click.FloatRange(0.5, 500), default=None,
              help="Average notes per pair (default about 10).")
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
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to build the site (default: <root>/site).")
@TODAY
def serve(root: Path, port: int, out: Path | None, today: str | None) -> None:
    """Build, serve the site on 127.0.0.1 and rebuild when a file changes.

    While the files have errors, the last good site keeps being served.
    """
    from notesite.serve import serve as run_serve

    root = check_root(root)
    run_serve(root, out or root / "site", port, lambda: resolve_today(today))
