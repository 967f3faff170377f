"""``python -m leverage``: the command line."""

from .cli import main

main()
