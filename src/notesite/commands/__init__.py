"""Commands' own logic, apart from the click layer in `cli/`: they take the validated program
and return text or files, and raise `CommandError` for what the person must change."""


class CommandError(Exception):
    """A request the command cannot carry out (a month in the future, an output folder
    inside the notes); `cli/` turns it into a usage error."""
