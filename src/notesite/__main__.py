"""`python -m notesite`: the same command line as `notesite`."""

from notesite.cli import main

main()
