"""``leverage validate``: check model files and report every problem found.

A thin layer over :func:`leverage.io.model_file.check` (every problem of a TOML model file, each
naming file, key and line, or the first of a Gambit ``.nfg`` file); ``--strict`` adds what
a published model needs.
Prints ``PATH: ok`` per good file, one ``leverage: error:`` line per problem on stderr,
and exits with code 2 when any file has a problem.
"""

from __future__ import annotations

import sys

import click

from ...io.model_file import check
from ...io.source import source_name
from ..options import Failure, echo_error, handle_errors, visible
from ..wording import cli_message

EPILOG = """\b
Examples:
  leverage validate models/*.toml
  leverage validate --strict models/chicken.toml
  leverage validate - < models/chicken.toml"""


@click.command(name="validate", epilog=EPILOG)
@click.argument("paths", metavar="MODEL...", nargs=-1, required=True, type=click.Path())
@click.option(
    "--strict",
    is_flag=True,
    help="Also require what a published model needs: a description, and a range, a "
    "unit and a source for every parameter.",
)
@handle_errors
def command(paths: tuple[str, ...], strict: bool) -> None:
    """Check model files and report every problem found (exit 2 if any).

    MODEL may be - (standard input).
    """
    if paths.count("-") > 1:
        raise Failure("standard input (-) can be read only once")
    failed = 0
    for path in paths:
        problems = check(path, strict=strict)
        if problems:
            failed += 1
            for problem in problems:
                echo_error(cli_message(problem))
        else:
            click.echo(visible(f"{source_name(path)}: ok"))
    if failed:
        sys.exit(2)
