"""Commands that report on the program: `tracker`, `review`, `handoff`."""

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
    rel,
    resolve_today,
)

if TYPE_CHECKING:
    pass


@click.command()
@click.option("--pm", metavar="ID", default=None, help="Only this PM's pairs (a staff id).")
@ROOT
@TODAY
def tracker(pm: str | None, root: Path | None, today: str | None) -> None:
    """Print the Note Tracker: active pairs without recent support, by PM, longest first."""
    from notesite.commands.tracker import format_tracker, pm_ids
    from notesite.derive.facts import derive
    from notesite.diagnostics import did_you_mean
    from notesite.validate import check_repository

    root = check_root(root)
    now = resolve_today(today, root)
    checked = check_repository(root, now)
    known = sorted(pm_ids(checked.program))
    if pm is not None and pm not in known:
        hint = did_you_mean(pm, known) or "the PMs are: " + (", ".join(known) or "none yet")
        raise click.BadParameter(f"no PM `{pm}`; {hint}", param_hint="--pm")
    echo(format_tracker(derive(checked.program, now), pm), nl=False)
    if checked.errors:
        echo(
            f"Note: the files have {checked.errors} error{'s' if checked.errors > 1 else ''} and "
            "a file with errors may be left out, so a pair may look longer without support than "
            "it is. Run `notesite validate`.",
            err=True,
        )


@click.command()
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
    root: Path | None,
    fmt: str,
    strict: bool,
    max_rows: int,
    today: str | None,
    base: str | None,
) -> None:
    """Summarise what the working tree changes compared with BASE, for a reviewer.

    BASE is a git revision (default: the merge base of HEAD and main, else origin/main).
    Safety record changes are listed first. Exits 1 when there is one (a safety note
    removed, renamed, re-dated, lowered, its escalation or author changed, a type changed
    to or from safety), or when the added or changed files have errors. The markdown
    summary is also appended to $GITHUB_STEP_SUMMARY when that is set.
    """
    from notesite.review import review as run_review
    from notesite.review.format import FORMATS, append_step_summary, format_markdown

    root = check_root(root)
    now = resolve_today(today, root)
    result = run_review(root, base, now)
    echo(FORMATS[fmt](result, max_rows), nl=False)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            append_step_summary(Path(summary), format_markdown(result, max_rows))
        except OSError as exc:
            raise click.UsageError(f"cannot write GITHUB_STEP_SUMMARY={summary}: {exc}") from None
    sys.exit(result.exit_code(strict))


@click.command()
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
def handoff(pm: str, root: Path | None, today: str | None, out: Path | None) -> None:
    """Write the handoff packet of PM (a staff id) as a standalone page, for a colleague
    taking over or covering: each pair's last contact, latest plan, pending follow-ups, and
    safety, focus-list and participation history.

    The page opens from disk with no network and prints cleanly; keep it with the stylesheet
    written beside it. Exits 1, writing nothing, when the files have errors.
    """
    from notesite.commands.handoff import write_handoff

    root = check_root(root)
    from notesite.commands.handoff import handoff_target

    refuse_inside_data(root, handoff_target(out, pm, root), "the packet")
    result = write_handoff(root, pm, resolve_today(today, root), out)
    if result.refused:
        echo_diagnostics(list(result.diagnostics))
        echo("Handoff refused: fix the problems above; nothing was written.", err=True)
        sys.exit(1)
    for path in result.written:
        echo(rel(path), line=True)
