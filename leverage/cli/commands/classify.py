"""``leverage classify``: what kind of game a model is, and how that changes with a parameter.

A thin layer over :mod:`leverage.classification`: it loads each model, classifies the game at
the chosen values (or, with ``--param``, across a range of one parameter) and formats the
result as text or JSON.
"""

from __future__ import annotations

from typing import Any

import click

from ...classification import classify, classify_range
from ...formats.classification import classification_text, regimes_text
from ...formats.jsonout import json_document
from ...games.model import parse_assignments
from ...io.model_file import load
from ...io.source import source_name
from ...records import json_dumps
from ..options import (
    Failure,
    build_game,
    format_option,
    handle_errors,
    output_option,
    param_interval,
    terminal_width,
    write,
)

EPILOG = """\b
Examples:
  leverage classify models/prisoners_dilemma.toml
  leverage classify models/*.toml --format json
  leverage classify models/chicken.toml --set interdependence_cost=1/2
  leverage classify models/rare_earth_controls.toml --param interdependence_cost
  leverage classify models/chicken.toml --param interdependence_cost --range 0:3"""


@click.command(name="classify", epilog=EPILOG)
@click.argument("paths", metavar="MODEL...", nargs=-1, required=True, type=click.Path())
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a parameter (checked against its range); repeatable. With --param, "
    "hold another parameter at this value.",
)
@click.option(
    "--float",
    "use_float",
    is_flag=True,
    help="Use floating-point payoffs instead of exact rationals.",
)
@click.option(
    "--param",
    "parameter",
    metavar="NAME[=A:B]",
    help="Show how the class of a 2×2 model changes as this parameter moves, with exact "
    "thresholds.",
)
@click.option(
    "--range",
    "bounds",
    metavar="A:B",
    help="With --param: the interval to analyse (default: the parameter's range); exact "
    "values such as 1/3 are allowed.",
)
@format_option(
    ["table", "json"],
    "Output format.",
)
@output_option
@handle_errors
def command(
    paths: tuple[str, ...],
    assignments: tuple[str, ...],
    use_float: bool,
    parameter: str | None,
    bounds: str | None,
    output_format: str,
    output: str | None,
) -> None:
    """Classify each MODEL: its class among the 144 strict ordinal 2×2 games
    (Robinson–Goforth topology, with Bruns's names and codes), each side's Snyder–Diesing
    crisis type, and properties of any game (zero- or constant-sum, symmetric, exact
    potential, dominance solvable, pure equilibria).

    With --param, report the class on every interval of one parameter and at the exact
    thresholds where a player's ranking of the outcomes changes.
    """
    parameter, interval = param_interval(parameter, bounds)
    if bounds is not None and parameter is None:
        raise Failure("--range needs --param")
    if parameter is not None and use_float:
        raise Failure("--float cannot be combined with --param (thresholds are exact)")
    records: list[dict[str, Any]] = []
    texts: list[list[str]] = []
    for given in paths:
        model = load(given)
        path = source_name(given)  # "-" is <stdin>
        if parameter is not None:
            result = classify_range(
                model, parameter, interval, values=parse_assignments(assignments)
            )
            records.append({"file": path, **result.to_dict()})
            texts.append(regimes_text(result, path, width=terminal_width(output)))
        else:
            c = classify(build_game(model, assignments, use_float))
            records.append({"file": path, **c.to_dict()})
            texts.append([path, *classification_text(c, width=terminal_width(output))])
    if output_format == "json":
        text = json_dumps([json_document(r) for r in records])
    else:
        text = "\n\n".join("\n".join(lines) for lines in texts)
    write(output, text)
