"""`notesite new focus`: the thin command line over `commands/focus.py`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from notesite.cli.author import _ask_one, new
from notesite.cli.common import ROOT, TODAY, check_root, parse_date, rel, resolve_today
from notesite.text import plural


@new.command("focus")
@click.argument("pm", required=False)
@click.option(
    "--date",
    "day",
    metavar="YYYY-MM-DD",
    default=None,
    help="The check-in date, and the name of the file (default: today).",
)
@click.option(
    "--pair",
    "pairs",
    metavar="PAIR",
    multiple=True,
    help="A pair to add besides the suggested ones (repeat for more).",
)
@click.option(
    "--interactive/--no-interactive",
    default=None,
    help="Ask for a missing PM and for pairs to add (default: when run in a terminal).",
)
@ROOT
@TODAY
def new_focus(
    pm: str | None,
    day: str | None,
    pairs: tuple[str, ...],
    interactive: bool | None,
    root: Path,
    today: str | None,
) -> None:
    """Write the focus list of PM (a staff id) for a check-in, data/focus/PM/DATE.yaml,
    pre-filled with the pairs the tracker suggests and their reasons, and print its path.

    Edit the file: keep the pairs you choose, put each rationale in your own words, add a
    goal. In a terminal, a missing PM is asked for, and then any pairs to add.
    """
    from notesite.commands.focus import entries
    from notesite.commands.focus import new_focus as write_focus
    from notesite.derive.facts import derive
    from notesite.validate import check_repository

    root = check_root(root)
    now = resolve_today(today)
    check_day = parse_date(day, "--date") if day else now
    asking = sys.stdin.isatty() if interactive is None else interactive
    if pm is None and not asking:
        raise click.UsageError(
            "missing PM: write, for example, `notesite new focus pm-jrivera` (in a terminal, "
            "notesite asks for it)"
        )
    checked = check_repository(root, now)
    facts = derive(checked.program, check_day)
    if pm is None:
        pm = _ask_one("PM", sorted(facts.staff), "PM on the staff roster")
    extra = list(pairs)
    if asking:
        found = entries(facts, pm, extra) if pm in facts.staff else []
        click.echo(f"Suggested for {pm}: " + (", ".join(e.pair for e in found) or "none"))
        more = click.prompt(
            "Pairs to add (ids separated by commas; Enter for none)",
            default="",
            show_default=False,
        )
        extra += [p.strip() for p in more.split(",") if p.strip()]
    created = write_focus(root, facts, pm, check_day, now, extra)  # FocusError: a usage error
    click.echo(rel(created.path))
    suggested = sum(1 for e in created.entries if e.suggested)
    click.echo(
        f"{plural(len(created.entries), 'pair')} ({suggested} suggested): "
        + ", ".join(e.pair for e in created.entries)
        + ". Edit the file: keep the pairs you choose and put each rationale in your words."
    )
    if checked.errors:
        click.echo(
            f"Note: the files have {plural(checked.errors, 'error')}, and a file with errors is "
            "left out, so a suggestion may be missing. Run `notesite validate`.",
            err=True,
        )
