"""``leverage exercise``: reproducible exercise sets with a separate answer key, for teachers.

A thin layer over :func:`leverage.teach.exercise.exercises`: parse the options, generate
the set, and write the sheet and the key (to ``--key FILE``, or after a page break).
"""

from __future__ import annotations

import os

import click

from ...teach.exercise import KINDS, SIZES, THEMES, exercises
from ..options import (
    Failure,
    format_option,
    handle_errors,
    output_option,
    write,
)

EPILOG = """\b
Examples:
  leverage exercise --kind pure --seed 7
  leverage exercise --kind dominance --size 3x3 --seed 7 --count 6 -o sheet.md --key key.md
  leverage exercise --kind mixed --theme rare-earth --format latex -o sheet.tex --key key.tex
  leverage exercise --kind regimes --seed 3 --count 4 --format json"""


@click.command(name="exercise", epilog=EPILOG)
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    required=True,
    help="pure: find all pure equilibria; dominance: iterated elimination of strictly "
    "dominated strategies; mixed: a unique mixed equilibrium; classify: name a classic "
    "2x2 game; regimes: exact thresholds of a cost parameter c.",
)
@click.option(
    "--size",
    type=click.Choice(list(SIZES)),
    default="2x2",
    show_default=True,
    help="Strategies of the row player x strategies of the column player.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Non-negative integer; the same seed and options give byte-identical output.",
)
@click.option(
    "--count",
    type=int,
    default=5,
    show_default=True,
    help="Number of exercises (1 to 100).",
)
@click.option(
    "--theme",
    type=click.Choice(THEMES),
    default="neutral",
    show_default=True,
    help="neutral: players Row and Column, strategies A/B/C and L/M/R; rare-earth: China "
    "and the US, with a one-sentence story from the 2025 rare-earth export controls.",
)
@format_option(
    ["markdown", "latex", "json"],
    "markdown; latex (a standalone document for pdflatex, needs sgame.sty); json "
    "(exercises and answers as data).",
)
@output_option
@click.option(
    "--key",
    "key_path",
    type=click.Path(dir_okay=False),
    help="Write the answer key to this file (a second handout); without it the key "
    "follows the sheet after a page break.",
)
@handle_errors
def command(
    kind: str,
    size: str,
    seed: int,
    count: int,
    theme: str,
    output_format: str,
    output: str | None,
    key_path: str | None,
) -> None:
    """Generate a reproducible exercise set and its answer key.

    Games with small integer payoffs are drawn from the seed and kept only when the
    exact solver confirms they fit the kind of exercise; every answer in the key is
    checked again before it is written.
    """
    if key_path is not None:
        if output_format == "json":
            raise Failure("--key is not used with --format json: the JSON holds the answers")
        if _same(key_path, output):
            raise Failure("--key and -o/--output must be different files")
    result = exercises(kind, size, seed=seed, count=count, theme=theme)
    if output_format == "json":
        write(output, result.to_json())
    elif key_path is None:
        write(output, result.document(output_format))
    else:
        write(key_path, result.key(output_format))
        write(output, result.sheet(output_format))


def _same(key_path: str, output: str | None) -> bool:
    """Whether the key and the sheet would go to the same place."""
    stdout = (None, "-")
    if key_path in stdout or output in stdout:
        return key_path in stdout and output in stdout
    assert output is not None
    return os.path.abspath(key_path) == os.path.abspath(output)
