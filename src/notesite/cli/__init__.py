"""The command line: a thin layer over the library. Library errors become exit codes here.

Exit codes: 0 success, 1 validation errors (or warnings with --strict), 2 usage errors.
Commands live by what they do: `check` (validate, build, serve), `author` (new note, init,
schema, demo) and `reports` (tracker, review, handoff); `common` holds what they share.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from notesite.cli.author import demo, init, new, schema
from notesite.cli.check import build, serve, validate
from notesite.cli.reports import handoff, review, tracker
from notesite.printable import printable


class _Group(click.Group):
    """The command group, whose errors are made printable before click shows them: they
    quote what was typed (a path, an id) and what was read (a staff member's name)."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _printable_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _printable_errors():
            return super().invoke(ctx)


@contextmanager
def _printable_errors() -> Iterator[None]:
    try:
        yield
    except click.ClickException as exc:
        exc.message = printable(exc.message, one_line=True)  # type: ignore[misc]
        raise


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="notesite")
def main() -> None:
    """notesite: check pair support notes and publish them as a static site."""


for _command in (validate, build, serve, new, schema, demo, init, tracker, review, handoff):
    main.add_command(_command)
