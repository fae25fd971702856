"""What every command shares: the --root and --today options, "today", output helpers."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from notesite.diagnostics import Diagnostic, format_text

if TYPE_CHECKING:
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


def parse_date(value: str, option: str) -> date:
    """A date option's value, or a usage error naming the option."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date written YYYY-MM-DD", param_hint=option
        ) from None


def resolve_today(value: str | None, root: Path | None = None, zone: str | None = None) -> date:
    """`--today`, else SOURCE_DATE_EPOCH's date, else the clock's date (SPEC §3).

    The last two are read in the program's time zone: `zone` if given, else the `timezone`
    setting of the repository at `root`, else the machine's local zone. A PM in Sydney who
    logs a note at 9 am must not be told it is "in the future" by a runner in UTC.
    """
    if value:
        return parse_date(value, "--today")
    tz = _zone(zone if zone is not None else _settings_zone(root))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).astimezone(tz).date()
        except (ValueError, OverflowError, OSError):
            raise click.UsageError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds"
            ) from None
    return datetime.now(tz).date()


def _zone(name: str | None) -> tzinfo | None:
    """The zone called `name`; None (the machine's local zone) when there is none."""
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.UsageError(f"{name!r} is not a time zone name, like America/New_York") from None


def _settings_zone(root: Path | None) -> str | None:
    """The repository's `timezone` setting; a broken settings file is reported by validation."""
    if root is None or not (root / "notesite.yaml").is_file():
        return None
    settings, _ = settings_of(root)
    return settings.timezone


def check_root(root: Path) -> Path:
    if not root.is_dir():
        raise click.UsageError(f"{root} is not a folder")
    if not (root / "data").is_dir() and not (root / "notesite.yaml").is_file():
        raise click.UsageError(
            f"{root} is not a notes repository (it has no data/ folder or notesite.yaml); "
            "pass --root or run `notesite init` to create one"
        )
    return root


def echo_diagnostics(diagnostics: list[Diagnostic]) -> None:
    if diagnostics:
        click.echo(format_text(diagnostics), err=True, nl=False)


def rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def settings_of(root: Path) -> tuple[Settings, list[Diagnostic]]:
    from notesite.load.files import Kind, SourceFile
    from notesite.validate import load_settings

    has_settings = (root / "notesite.yaml").is_file()
    return load_settings(
        root, SourceFile(Kind.SETTINGS, "notesite.yaml", ()) if has_settings else None
    )
