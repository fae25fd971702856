"""Commands for participation operations (SPEC §13): `reminders` and `report schools`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from notesite.cli.common import (
    ROOT,
    Commands,
    check_root,
    echo_diagnostics,
    parse_date,
    rel,
    resolve_today,
)


@click.command()
@ROOT
@click.option(
    "--date",
    "day",
    metavar="YYYY-MM-DD",
    default=None,
    help="The day to list reminders for (default: today in the program's time zone).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "json"]),
    default="text",
    show_default=True,
    help="text for people, csv for a mail merge (one row per message), json for tools.",
)
def reminders(root: Path, day: str | None, fmt: str) -> None:
    """List the reminders the Operations Coordinator sends on a day, and the escalations.

    An email goes to each mentor who has not done the week's lesson 3 days after the
    mentee's class, a text the day before the next class; both are personalised when the
    mentor missed the week before. Mentors with an open escalation (missed weeks in a row)
    get none: they are listed for the PM and the PM's manager, with whether the pair
    reached the PM's focus list. Needs the class calendar, data/calendar/<year>.yaml.
    """
    from notesite.commands.reminders import render
    from notesite.derive.operations import operations
    from notesite.validate import check_repository

    root = check_root(root)
    today = resolve_today(None, root)
    when = parse_date(day, "--date") if day else today
    checked = check_repository(root, today)
    click.echo(render(checked.program, operations(checked.program, when), fmt), nl=False)
    if checked.errors:
        click.echo(
            f"Note: the files have {checked.errors} error{'s' if checked.errors > 1 else ''}; a "
            "file with errors is left out, so a pair or a week may be missing from these lists. "
            "Run `notesite validate`.",
            err=True,
        )


@click.group(cls=Commands)
def report() -> None:
    """Reports for people outside the staff (partner schools)."""


@report.command()
@ROOT
@click.option(
    "--month",
    metavar="YYYY-MM",
    required=True,
    help="The calendar month to report, e.g. 2026-11 (the current month: so far).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="The folder to write the reports into (made when missing; outside data/).",
)
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    default=None,
    help="The date the reports are as of (default: $SOURCE_DATE_EPOCH's date, else the "
    "system date).",
)
def schools(root: Path, month: str, out: Path, today: str | None) -> None:
    """Write each partner school's participation report for MONTH: one printable page and
    one CSV per school, for the school's staff.

    The report holds the school's active pairs (mentee's name and grade, mentor's first
    name), the classes held in the month, each week's mentee and mentor status, completion
    rates and the change from the previous month. It holds nothing from notes, safety, PM
    assessments or other schools, and no mentor surnames. Exits 1, writing nothing, when
    the files have errors.
    """
    from notesite.commands import CommandError
    from notesite.commands.report import parse_month, write_reports
    from notesite.validate import check_repository

    root = check_root(root)
    now = resolve_today(today, root)
    try:
        first = parse_month(month, now)
    except CommandError as exc:
        raise click.BadParameter(str(exc), param_hint="--month") from None
    checked = check_repository(root, now)
    if checked.errors:
        echo_diagnostics(checked.diagnostics)
        click.echo("Reports refused: fix the problems above; nothing was written.", err=True)
        sys.exit(1)
    try:
        written = write_reports(checked.program, first, now, out, root)
    except CommandError as exc:
        raise click.UsageError(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write into {out}: {exc.strerror or exc}") from None
    for path in written:
        click.echo(rel(path))
    if not written:
        click.echo(f"No school has active pairs in {month}; nothing was written.", err=True)
