"""What every command shares: the --root and --today options, "today", output helpers."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from notesite.diagnostics import Diagnostic, format_text
from notesite.errors import UsageProblem
from notesite.printable import printable

if TYPE_CHECKING:
    from notesite.settings import Settings


ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The notes repository, a folder relative to the current one (default: the nearest "
    "folder holding notesite.yaml or data/, from the current folder upward).",
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
    from notesite.models import check_day

    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date written YYYY-MM-DD", param_hint=option
        ) from None
    problem = check_day(day)
    if problem:
        raise click.BadParameter(problem, param_hint=option)
    return day


def resolve_today(value: str | None, root: Path | None = None, zone: str | None = None) -> date:
    """`--today`, else SOURCE_DATE_EPOCH's date, else the clock's date (SPEC §3).

    The last two are read in the program's time zone: `zone` if given, else the `timezone`
    setting of the repository at `root`, else the machine's local zone. A PM in Sydney who
    logs a note at 9 am must not be told it is "in the future" by a runner in UTC.
    """
    from notesite.models import check_day

    if value:
        return parse_date(value, "--today")
    tz = _zone(zone if zone is not None else _settings_zone(root))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            day = datetime.fromtimestamp(int(epoch), tz=UTC).astimezone(tz).date()
        except (ValueError, OverflowError, OSError):
            raise click.UsageError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds"
            ) from None
        problem = check_day(day)
        if problem:
            raise click.UsageError(f"SOURCE_DATE_EPOCH={epoch} is the date {problem}")
        return day
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


# What a repository's data/ folder holds (SPEC §2): a folder above the current one counts as
# the repository only with one of these in its data/, so that a pair or PM whose id is `data`
# (data/notes/data/) is not mistaken for a repository.
_LAYOUT = ("staff.yaml", "pairs", "notes", "ratings", "focus", "participation")


def is_repository(folder: Path, *, strict: bool = False) -> bool:
    """Whether `folder` holds notesite.yaml (of any kind: a broken one is reported later) or
    a data/ folder (`strict`: a data/ folder holding one of the layout's entries)."""
    if os.path.lexists(folder / "notesite.yaml"):
        return True
    data = folder / "data"
    if not data.is_dir():
        return False
    return not strict or any(os.path.lexists(data / name) for name in _LAYOUT)


def find_repository(start: Path) -> Path | None:
    """The notes repository `start` is in, found as git finds its own: the nearest folder,
    `start` or above it, holding notesite.yaml or a data/ folder with the layout in it; the
    search stops at the top of a git work tree (a folder holding .git), so it never leaves
    the git repository it starts in. Failing that, `start` itself if it holds a data/
    folder, even an empty one."""
    start = start.absolute()
    for folder in (start, *start.parents):
        if is_repository(folder, strict=True):
            return folder
        if os.path.lexists(folder / ".git"):
            break
    # A new repository whose data/ is still empty, when run in it (as --root . would take it).
    return start if is_repository(start) else None


def check_root(root: Path | None) -> Path:
    """The repository to work on: `--root` as given (relative to the current folder), else
    the one the current folder is in; a usage error when there is none."""
    if root is not None:
        if not root.is_dir():
            raise click.BadParameter(f"{root} is not a folder", param_hint="--root")
        if not is_repository(root):
            found = find_repository(root)
            where = (
                f"it is inside the one in {os.path.relpath(found)}: pass --root "
                f"{os.path.relpath(found)}"
                if found is not None
                else "pass --root or run `notesite init` to create one"
            )
            raise click.UsageError(
                f"{root} is not a notes repository (it has no data/ folder or notesite.yaml); "
                + where
            )
        return root
    found = find_repository(Path.cwd())
    if found is None:
        raise click.UsageError(
            "this folder is not in a notes repository (neither it nor a folder above it has "
            "a data/ folder or notesite.yaml); go to the repository, pass --root DIR, or run "
            "`notesite init` to create one"
        )
    return Path(os.path.relpath(found))


def refuse_inside_data(root: Path | None, out: Path, what: str, param: str = "--out") -> None:
    """A usage error when `out` (a file or folder notesite would write) is in the notes
    repository's data/ folder, where it would be read back as a stray file (or a note)."""
    if root is None:
        return
    data = (root / "data").resolve()
    where = out.resolve()  # through links: one into data/ would write there too
    if where == data or where.is_relative_to(data):
        raise click.BadParameter(
            f"{out} is inside {root / 'data'}, which holds the program's files: notesite "
            f"would read {what} there as one of them; choose a place outside data/",
            param_hint=param,
        )


def echo(
    text: str, *, err: bool = False, nl: bool = True, commands: bool = False, line: bool = False
) -> None:
    """Print `text` (which may hold names and text from files) safely: see printable.py.
    `commands`: the text is `--format github` output, whose `::` lines are wanted. `line`:
    the text is one line (a message, a path), so a new line in a value shows as `\\n`
    instead of starting a line of its own."""
    click.echo(printable(text, commands=commands, one_line=line), err=err, nl=nl)


def echo_diagnostics(diagnostics: list[Diagnostic]) -> None:
    if diagnostics:
        echo(format_text(diagnostics), err=True, nl=False)


def rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def settings_of(root: Path) -> tuple[Settings, list[Diagnostic]]:
    from notesite.load.files import settings_source
    from notesite.validate import load_settings

    source, problems = settings_source(root)
    settings, found = load_settings(root, source)
    return settings, problems + found


class Commands(click.Group):
    """A group of commands (`notesite`, `notesite new`, `notesite report`) that turns a
    library's usage problem (exit 2) into click's usage error, shown with the usage of the
    command that raised it: the innermost group converts, so `notesite new focus` shows its
    own usage line, not `notesite new`'s."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageProblem as exc:
            raise _usage_error(ctx, exc) from None


def _usage_error(ctx: click.Context, exc: UsageProblem) -> click.UsageError:
    name = ctx.invoked_subcommand
    command = (
        ctx.command.get_command(ctx, name)
        if isinstance(ctx.command, click.Group) and name
        else None
    )
    sub = click.Context(command, info_name=name, parent=ctx) if command else ctx
    if exc.param is not None:
        return click.BadParameter(str(exc), ctx=sub, param_hint=exc.param)
    return click.UsageError(str(exc), ctx=sub)
