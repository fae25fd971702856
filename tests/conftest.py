"""Shared fixtures. Helpers that tests import live in `support.py` beside this file."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from pathlib import Path

import pytest

from support import RepoFactory, make_repo


@pytest.fixture
def tmp_repo(tmp_path: Path) -> RepoFactory:
    """`tmp_repo(files={...})`: a fresh copy of the valid base repository plus `files`.

    A value of None deletes a base file. Each call makes a new repository and returns its root.
    """
    counter = itertools.count(1)

    def factory(files: Mapping[str, str | bytes | None] | None = None) -> Path:
        return make_repo(tmp_path / f"repo{next(counter)}", files)

    return factory
