"""The error tree: every exception a person can see is a NotesiteError, drawn in errors.py."""

from __future__ import annotations

import importlib
import pkgutil

import notesite
from notesite import errors
from notesite.errors import NotesiteError, UsageProblem

# Exceptions that never reach a person: the build goes on without search; git's failure
# is turned into a GitError by git.py.
# Caught inside notesite, or (NotRendered) a bug in notesite's own code that no input can cause;
# Undigestable: a page value the digest does not know, so that page is rendered every time.
NOT_ERRORS_TO_THE_USER = {"SearchUnavailable", "GitFailed", "NotRendered", "Undigestable"}


def _exception_classes() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(notesite.__path__, "notesite."):
        if info.name.startswith(("notesite.demo", "notesite.__main__")):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                isinstance(value, type)
                and issubclass(value, BaseException)
                and value.__module__ == info.name
            ):
                found[name] = value
    return found


def test_every_exception_is_in_the_tree_and_drawn() -> None:
    classes = _exception_classes()
    assert {"InitError", "ScaffoldError", "GitError", "OutputError"} <= set(classes)
    for name, cls in classes.items():
        if name in NOT_ERRORS_TO_THE_USER:
            continue
        assert issubclass(cls, NotesiteError), name
        assert name in (errors.__doc__ or ""), f"{name} is not drawn in errors.py's docstring"


def test_usage_problems_exit_2_and_the_others_1() -> None:
    for name, cls in _exception_classes().items():
        if name in NOT_ERRORS_TO_THE_USER:
            continue
        assert cls.exit_code == (2 if issubclass(cls, UsageProblem) else 1), name  # type: ignore[attr-defined]
