"""The commands that are not the pipeline, one module per verb; `notesite.cli` is click over them.

Each module does its work and returns values or raises `notesite.errors.NotesiteError`; none
prints through click or exits. `init`'s templates stay package data in `notesite/init_files/`.
"""

from notesite.errors import UsageProblem


class CommandError(UsageProblem):
    """A request the command cannot carry out (a month in the future, an output folder
    inside the notes); `cli/` turns it into a usage error."""
