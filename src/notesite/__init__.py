"""notesite: pair support notes kept in git, checked in CI and published as a static site."""

__version__ = "0.2.0.dev0"
