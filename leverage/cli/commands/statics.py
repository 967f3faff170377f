"""``leverage statics``: comparative statics of the equilibria in one parameter.

A thin layer over :func:`leverage.analysis.statics.statics`: regime by regime (between
the exact critical values of :mod:`leverage.analysis.regimes.engine`), the derivative of each
equilibrium probability and payoff with respect to the parameter, in closed form, and
its sign; printed as sentences and a table of derivatives, JSON or CSV.
"""

from __future__ import annotations

import textwrap

import click

from ...formats import text as fmt
from ...games.model import parse_assignments
from ...io.model_file import load
from ..options import (
    check_parameter,
    csv_text,
    format_option,
    handle_errors,
    hold_option,
    model_argument,
    output_option,
    parse_range,
    range_option,
    write,
)

EPILOG = """\b
Examples:
  leverage statics models/chicken.toml --param interdependence_cost
  leverage statics models/rare_earth_controls.toml --param interdependence_cost --format json"""


@click.command(name="statics", epilog=EPILOG)
@model_argument
@click.option(
    "--param", "parameter", required=True, metavar="NAME", help="The parameter to differentiate by."
)
@range_option
@hold_option
@format_option(
    ["table", "json", "csv"],
    "Output format.",
)
@output_option
@handle_errors
def command(
    model_path: str,
    parameter: str,
    bounds: str | None,
    assignments: tuple[str, ...],
    output_format: str,
    output: str | None,
) -> None:
    """Comparative statics: how each equilibrium probability and payoff of MODEL moves
    with a parameter, regime by regime, with the derivative and its sign."""
    from ...analysis.statics import statics

    model = load(model_path)
    check_parameter(model, parameter)
    result = statics(model, parameter, parse_range(bounds), values=parse_assignments(assignments))
    if output_format == "json":
        text = result.to_json()
    elif output_format == "csv":
        text = csv_text(result.to_rows())
    else:
        lines = [f"Comparative statics in {parameter} on [{result.bounds[0]}, {result.bounds[1]}]"]
        for sentence in result.sentences():
            lines.extend(
                textwrap.wrap(sentence, fmt.WIDTH, initial_indent="- ", subsequent_indent="  ")
            )
        lines.append("")
        lines.append("Derivatives:")
        for row in result.to_rows():
            if row["strategy"] and row["formula"] in ("0", "1"):
                continue
            what = f"{row['player']} {row['strategy'] or 'payoff'}"
            lines.extend(
                textwrap.wrap(
                    f"({row['from']}, {row['to']}) {row['equilibrium']}: d[{what}] = "
                    f"{row['derivative']}  ({row['sign']})",
                    fmt.WIDTH,
                    initial_indent="  ",
                    subsequent_indent="      ",
                )
            )
        text = "\n".join(lines)
    write(output, text)
