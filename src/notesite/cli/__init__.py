"""The command line: a thin layer over the library. Library errors become exit codes here.

Exit codes: 0 success, 1 validation errors (or warnings with --strict), 2 usage errors.
Commands live by what they do: `check` (validate, build, serve), `author` (new note, init,
schema, demo) and `reports` (tracker, review, handoff); `common` holds what they share.
"""

from __future__ import annotations

import click

from notesite.cli import focus as _focus  # noqa: F401  (adds `new focus` to the `new` group)
from notesite.cli.author import demo, init, new, schema
from notesite.cli.check import build, serve, validate
from notesite.cli.reports import handoff, review, tracker


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="notesite")
def main() -> None:
    """notesite: check pair support notes and publish them as a static site."""


for _command in (validate, build, serve, new, schema, demo, init, tracker, review, handoff):
    main.add_command(_command)
