"""``leverage validate``: check model files and report every problem found.

A thin layer over :func:`leverage.io.model_file.check` (every problem of a TOML model file, each
naming file, key and line, or the first of a Gambit ``.nfg`` file; ``-`` is standard input);
``--strict`` adds what a published model needs.
As text: ``PATH: ok`` per good file on stdout, one ``leverage: error:`` line per problem on
stderr.  As JSON (``--format json``): one object on stdout listing every file with its
problems, each with its message, file, key, line and column.  Either way the exit code is
2 when any file has a problem.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from ...errors import LeverageError
from ...formats.jsonout import json_text
from ...io.model_file import check
from ...io.source import STDIN, source_name
from ..options import (
    Failure,
    echo_error,
    format_option,
    handle_errors,
    output_option,
    visible,
    write,
)
from ..wording import cli_message

EPILOG = """\b
Examples:
  leverage validate models/*.toml
  leverage validate --strict models/chicken.toml
  leverage validate models/*.toml --format json"""


def problem_json(problem: LeverageError) -> dict[str, Any]:
    """One problem as JSON: the message as the text output prints it, and its location."""
    return {
        "error": cli_message(problem),
        "message": problem.message,
        "file": problem.file,
        "key": problem.key,
        "line": problem.line,
        "column": problem.column,
    }


@click.command(name="validate", epilog=EPILOG)
@click.argument("paths", metavar="MODEL...", nargs=-1, required=True, type=click.Path())
@click.option(
    "--strict",
    is_flag=True,
    help="Also require what a published model needs: a description, and a range, a "
    "unit and a source for every parameter.",
)
@format_option(
    ["text", "json"],
    "text: 'PATH: ok' per valid file on stdout, one error line per problem on stderr; "
    "json: one object with every file and its problems, on stdout.",
    default="text",
)
@output_option
@handle_errors
def command(paths: tuple[str, ...], strict: bool, output_format: str, output: str | None) -> None:
    """Check model files and report every problem found (exit 2 if any).

    MODEL may be - (standard input).
    """
    if paths.count(STDIN) > 1:
        raise Failure("standard input (-) can be read only once")
    found = {source_name(path): list(check(path, strict=strict)) for path in paths}
    failed = sum(1 for problems in found.values() if problems)
    if output_format == "json":
        files = [
            {"path": path, "ok": not problems, "problems": [problem_json(p) for p in problems]}
            for path, problems in found.items()
        ]
        report = {"valid": not failed, "files": files}
        write(output, json_text(report))
    elif output is None:
        for path, problems in found.items():
            for problem in problems:
                echo_error(cli_message(problem))
            if not problems:
                click.echo(visible(f"{path}: ok"))
    else:
        for problems in found.values():
            for problem in problems:
                echo_error(cli_message(problem))
        write(output, "\n".join(f"{path}: ok" for path, problems in found.items() if not problems))
    if failed:
        sys.exit(2)
