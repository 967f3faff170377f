"""``leverage validate``: check model files and report every problem found.

A thin layer over :func:`leverage.io.model_file.check` (every problem of a TOML model file, each
naming file, key and line) and, for Gambit ``.nfg`` files, :func:`leverage.load`.
Prints ``PATH: ok`` per good file, one ``leverage: error:`` line per problem on stderr,
and exits with code 2 when any file has a problem.
"""

from __future__ import annotations

import sys

import click

from ...errors import LeverageError
from ...io.model_file import check, load
from ..options import echo_error, handle_errors, visible
from ..wording import cli_message

EPILOG = """\b
Examples:
  leverage validate models/*.toml
  leverage validate my_model.toml"""


@click.command(name="validate", epilog=EPILOG)
@click.argument("paths", metavar="MODEL...", nargs=-1, required=True, type=click.Path())
@handle_errors
def command(paths: tuple[str, ...]) -> None:
    """Check model files and report every problem found (exit 2 if any)."""
    failed = 0
    for path in paths:
        if path.lower().endswith(".nfg"):
            try:
                load(path)
                problems = []
            except LeverageError as err:
                problems = [err]
        else:
            problems = list(check(path))
        if problems:
            failed += 1
            for problem in problems:
                echo_error(cli_message(problem))
        else:
            click.echo(visible(f"{path}: ok"))
    if failed:
        sys.exit(2)
