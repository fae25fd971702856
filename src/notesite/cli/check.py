"""`notesite validate`, `build` and `serve`: check the files and publish the site."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from notesite.cli.common import ROOT, TODAY, check_root, echo_diagnostics, resolve_today
from notesite.diagnostics import FORMATTERS, Diagnostic

if TYPE_CHECKING:
    from collections.abc import Callable


@click.command()
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
    checked = check_repository(root, resolve_today(today, root))
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


@click.command()
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
            resolve_today(today, root),
            strict=strict,
            jobs=jobs,
            progress=_progress(),
            search=not no_search,
        )
    except OutputError as exc:
        raise click.UsageError(str(exc)) from None
    echo_diagnostics(result.diagnostics)
    if not result.ok:
        click.echo(f"Build refused: fix the problems above; {out} was left as it was.", err=True)
        sys.exit(1)
    if result.search_problem and _in_ci():
        # Staff must never get a site without search by accident: in CI, say so and fail.
        click.echo(
            f"error: search could not be built ({result.search_problem}). The site in {out} "
            "has no search, so this build fails; pass --no-search to build without it on "
            "purpose.",
            err=True,
        )
        sys.exit(1)
    if result.search_problem:
        click.echo(
            f"warning: built without search ({result.search_problem}); "
            "search.html says search is not available",
            err=True,
        )
    click.echo(f"Built {result.files} files into {out}. Open {out / 'index.html'}")


def _in_ci() -> bool:
    """GitHub Actions and most CI services set CI=true."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _progress() -> Callable[[str], None] | None:
    """Stage lines on standard error for a person at a terminal; none in CI, pipes or logs."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    return lambda line: click.echo(line, err=True)


@click.command()
@ROOT
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to build the site (default: <root>/site).",
)
@TODAY
@click.option(
    "--no-search",
    is_flag=True,
    help="Leave full-text search out: rebuilds of a large program are much faster.",
)
def serve(root: Path, port: int, out: Path | None, today: str | None, no_search: bool) -> None:
    """Build, serve the site on 127.0.0.1 and rebuild when a file changes.

    While the files have errors, the last good site keeps being served.
    """
    from notesite.serve import serve as run_serve
    from notesite.write import OutputError, check_output

    root = check_root(root)
    out = out or root / "site"
    try:
        check_output(out, root)
    except OutputError as exc:
        raise click.UsageError(str(exc)) from None
    run_serve(root, out, port, lambda: resolve_today(today, root), search=not no_search)
