"""`notesite validate`, `build` and `serve`: check the files and publish the site."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from notesite.cli.common import (
    ROOT,
    TODAY,
    check_root,
    echo,
    echo_diagnostics,
    refuse_inside_data,
    resolve_today,
)
from notesite.diagnostics import FORMATTERS, Diagnostic, count
from notesite.printable import printable
from notesite.text import plural

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
@click.option(
    "--changed-since",
    "since",
    metavar="REF",
    default=None,
    help="Show the problems of the files changed since the git revision REF (and every "
    "error), errors first; the exit code and totals still cover every file.",
)
@TODAY
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The build cache to reuse when it exists (default: the one `build` keeps, "
    ".notesite-cache/ in the repository).",
)
@click.option("--no-cache", is_flag=True, help="Check every note afresh; read and write no cache.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(
    root: Path | None,
    fmt: str,
    strict: bool,
    since: str | None,
    today: str | None,
    cache_dir: Path | None,
    no_cache: bool,
    paths: tuple[Path, ...],
) -> None:
    """Check every file of the repository and report every problem.

    With PATHs (files or folders, relative to the current folder), only problems in those
    files are reported and decide the exit code; the whole repository is still read, so
    references to other files are checked. Where `build` left its cache, only the notes
    changed since are checked again (and the cache is brought up to date); validate never
    starts a cache of its own.
    """
    from notesite.validate import NoteCache, check_repository
    from notesite.validate.cache import FOLDER

    if since is not None and paths:
        raise click.UsageError("give either PATHs or --changed-since, not both")
    root = check_root(root)
    wanted = _wanted(root, paths)  # before the (long) check: a typo is told at once
    changed = _changed(root, since) if since is not None else None
    folder = _cache_folder(root, root / "site", cache_dir, no_cache)
    # Only a cache a build made (a fresh CI checkout has none, and writing one there would
    # cost time for no later run). validate reads its shards without the rendered sections
    # (notes/*.lite.json, a fifth of the bytes) and renders nothing.
    cache = NoteCache(folder) if folder is not None and (folder / FOLDER).is_dir() else None
    checked = check_repository(root, resolve_today(today, root), cache=cache)
    if cache is not None:
        cache.save()
        if cache.problem:
            echo(
                f"warning: {cache.problem} (the next check reads every note again)",
                err=True,
                line=True,
            )
    everything = checked.diagnostics
    if changed is not None:
        shown = _changed_first(everything, changed)
    else:
        shown = everything = _only(everything, wanted)
    echo(FORMATTERS[fmt](shown, everything), nl=False, commands=fmt == "github")
    errors, warnings = count(everything)
    hidden = warnings - count(shown)[1]
    if hidden and fmt != "json":
        echo(
            f"Not shown: {plural(hidden, 'warning')} in files not changed since {since} "
            "(run `notesite validate` to see them).",
            line=True,
        )
    sys.exit(1 if errors or (strict and warnings) else 0)


def _wanted(root: Path, paths: tuple[Path, ...]) -> list[str]:
    """PATHs (as typed, relative to the current folder) relative to the root; a usage
    error names one that does not exist or lies outside the repository."""
    base = root.resolve()
    wanted = []
    for p in paths:
        full = Path(os.path.abspath(p))
        if not os.path.lexists(full):
            inside = root / p
            hint = f"; did you mean {inside}?" if not p.is_absolute() and inside.exists() else ""
            raise click.BadParameter(f"{p} does not exist{hint}", param_hint="PATH")
        # The folder is resolved, not the file: a link named on the command line is the link.
        where = full.parent.resolve() / full.name if full.parent != full else full
        try:
            wanted.append(where.relative_to(base).as_posix())
        except ValueError:
            raise click.BadParameter(f"{p} is not inside {root}", param_hint="PATH") from None
    return wanted


def _only(diagnostics: list[Diagnostic], wanted: list[str]) -> list[Diagnostic]:
    if not wanted:
        return diagnostics
    return [
        d
        for d in diagnostics
        if any(
            w in (".", "") or d.file == w or d.file.startswith(w.rstrip("/") + "/") for w in wanted
        )
    ]


def _changed(root: Path, since: str) -> set[str]:
    from notesite.git import changed_files

    return changed_files(root, since)


def _changed_first(diagnostics: list[Diagnostic], changed: set[str]) -> list[Diagnostic]:
    """Errors of the changed files, then every other error (a deleted pair breaks notes the
    change does not touch, and the exit code must be explained), then the changed files'
    warnings: CI shows only the first few annotations of each kind."""
    errors = [d for d in diagnostics if d.severity == "error"]
    return [
        *(d for d in errors if d.file in changed),
        *(d for d in errors if d.file not in changed),
        *(d for d in diagnostics if d.severity != "error" and d.file in changed),
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
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to keep the build cache (default: .notesite-cache/ beside the output).",
)
@click.option("--no-cache", is_flag=True, help="Check every note afresh; read and write no cache.")
def build(
    root: Path | None,
    out: Path | None,
    today: str | None,
    strict: bool,
    jobs: int | None,
    no_search: bool,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Validate, then build the static site. On errors nothing is written.

    The notes are indexed for search.html with Pagefind; if it cannot run, the site is built
    without search and a warning says why. Each note's result is kept in a cache (see
    docs/cache.md), so a rebuild reads again only the notes that changed.
    """
    from notesite.build import build as run_build
    from notesite.validate import NoteCache

    root = check_root(root)
    out = out or root / "site"
    folder = _cache_folder(root, out, cache_dir, no_cache)
    result = run_build(
        root,
        out,
        resolve_today(today, root),
        strict=strict,
        jobs=jobs,
        progress=_progress(),
        search=not no_search,
        cache=NoteCache(folder) if folder is not None else None,
    )
    echo_diagnostics(result.diagnostics)
    if result.cache_problem:
        echo(
            f"warning: {result.cache_problem} (the next build checks every note again)",
            err=True,
            line=True,
        )
    if not result.ok:
        echo(
            f"Build refused: fix the problems above; {out} was left as it was.", err=True, line=True
        )
        sys.exit(1)
    if result.search_problem and _in_ci():
        # Staff must never get a site without search by accident: in CI, say so and fail.
        echo(
            f"error: search could not be built ({result.search_problem}). The site in {out} "
            "has no search, so this build fails; pass --no-search to build without it on "
            "purpose.",
            err=True,
            line=True,
        )
        sys.exit(1)
    if result.search_problem:
        echo(
            f"warning: built without search ({result.search_problem}); "
            "search.html says search is not available",
            err=True,
            line=True,
        )
    echo(f"Built {result.files} files into {out}. Open {out / 'index.html'}", line=True)


def _in_ci() -> bool:
    """GitHub Actions and most CI services set CI=true."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def _progress() -> Callable[[str], None] | None:
    """Stage lines on standard error for a person at a terminal; none in CI, pipes or logs."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    return lambda line: echo(line, err=True)


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
def serve(
    root: Path | None, port: int, out: Path | None, today: str | None, no_search: bool
) -> None:
    """Build, serve the site on 127.0.0.1 and rebuild when a file changes.

    While the files have errors, the last good site keeps being served.
    """
    from notesite.commands.serve import serve as run_serve
    from notesite.write import check_output

    root = check_root(root)
    out = out or root / "site"
    check_output(out, root)
    run_serve(root, out, port, lambda: resolve_today(today, root), search=not no_search, say=_say)


def _say(text: str, to_stderr: bool) -> None:
    """How `serve` reports: its lines made printable (a path or value from a file in a
    message cannot clear the screen or start a workflow command)."""
    click.echo(printable(text), err=to_stderr, nl=False)


def _cache_folder(root: Path, out: Path, given: Path | None, no_cache: bool) -> Path | None:
    """The build cache's folder for `--cache`/`--no-cache` (default: beside the site `out`),
    or None: none wanted, or one git tracks (a pull request could have planted it)."""
    from notesite.build import default_cache
    from notesite.git import tracked

    if no_cache and given is not None:
        raise click.UsageError("--cache and --no-cache contradict each other; choose one")
    folder = None if no_cache else (given or default_cache(out))
    if folder is None:
        return None
    refuse_inside_data(root, folder, "the cache", "--cache")
    if tracked(root, folder):
        echo(
            f"warning: the build cache {folder} is committed to the repository, so a pull "
            "request could have planted it; it is not used (remove it from git: "
            f"git rm -r --cached {_inside(root, folder)}, and list it in .gitignore)",
            err=True,
            line=True,
        )
        return None
    return folder


def _inside(root: Path, path: Path) -> str:
    """`path` as git names it from the repository folder `root` (as given when outside it)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (OSError, ValueError):
        return str(path)
