"""The command line: a thin layer over the library. Library errors become exit codes here.

Exit codes: 0 success, 1 validation errors (or warnings with --strict), 2 usage errors.
Commands live by what they do: `check` (validate, build, serve), `author` (new note, init,
schema, demo) and `reports` (tracker, review, handoff); `common` holds what they share.
`Main` is the one place where the library's errors (`notesite.errors`) and the operating
system's (disk full, permission denied...) become a plain message and an exit code; usage
problems are converted by the innermost group (`common.Commands`, which `Main` is too), so
they show the usage of the command that raised them.
"""

from __future__ import annotations

import atexit
import errno
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

import click

from notesite import collector
from notesite.cli import focus as _focus  # noqa: F401  (adds `new focus` to the `new` group)
from notesite.cli.author import demo, init, new, schema
from notesite.cli.check import build, serve, validate
from notesite.cli.common import Commands
from notesite.cli.operations import reminders, report
from notesite.cli.reports import handoff, review, tracker
from notesite.errors import NotesiteError, describe
from notesite.printable import printable

atexit.register(collector.quick_exit)  # a command's records need no last collection


class Main(Commands):
    """The `notesite` group: runs a command, turning errors into messages and exit codes,
    the one place where they cross into the CLI. Messages are made printable first: they
    quote what was typed (a path, an id) and what was read (a staff member's name)."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _printable_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _printable_errors(), _terminate_like_interrupt():
            try:
                return super().invoke(ctx)  # usage problems: see `Commands`
            except NotesiteError as exc:  # exit 1
                raise click.ClickException(str(exc)) from None
            except OSError as exc:
                if exc.errno == errno.EPIPE:
                    raise  # click handles a closed pipe (`notesite ... | head`)
                raise click.ClickException(describe(exc)) from None


@contextmanager
def _printable_errors() -> Iterator[None]:
    try:
        yield
    except click.ClickException as exc:
        exc.message = printable(exc.message, one_line=True)  # type: ignore[misc]
        raise


@contextmanager
def _terminate_like_interrupt() -> Iterator[None]:
    """SIGTERM ends a command as Ctrl+C does: cleanup runs (a build deletes its temporary
    files), then exit 143. A second SIGTERM ends it at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, _frame: FrameType | None) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@click.group(cls=Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="notesite")
def main() -> None:
    """notesite: check pair support notes and publish them as a static site."""


for _command in (validate, build, serve, new, schema, demo, init, tracker, review, handoff):
    main.add_command(_command)
main.add_command(reminders)  # participation operations (SPEC §13)
main.add_command(report)
