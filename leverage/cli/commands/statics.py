"""``leverage statics``: comparative statics of the equilibria in one parameter.

A thin layer over :func:`leverage.analysis.statics.statics`: regime by regime (between
the exact critical values of :mod:`leverage.analysis.regimes.engine`), the derivative of each
equilibrium probability and payoff with respect to the parameter, in closed form, and
its sign; printed as sentences and a table of derivatives, JSON or CSV.
"""

from __future__ import annotations

import click

from ...formats.regimes import statics_table
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
    param_interval,
    range_option,
    terminal_width,
    write,
)

EPILOG = """\b
Examples:
  leverage statics models/chicken.toml --param interdependence_cost
  leverage statics models/rare_earth_controls.toml --param interdependence_cost --format json"""


@click.command(name="statics", epilog=EPILOG)
@model_argument
@click.option(
    "--param",
    "parameter",
    required=True,
    metavar="NAME[=A:B]",
    help="The parameter to differentiate by.",
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
    name, interval = param_interval(parameter, bounds)
    assert name is not None  # --param is required
    parameter = name
    from ...analysis.statics import statics

    model = load(model_path)
    check_parameter(model, parameter)
    result = statics(model, parameter, interval, values=parse_assignments(assignments))
    if output_format == "json":
        text = result.to_json()
    elif output_format == "csv":
        text = csv_text(result.to_rows())
    else:
        text = statics_table(result, width=terminal_width(output))
    write(output, text)
