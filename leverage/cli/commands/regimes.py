"""``leverage regimes``: the exact critical values of one parameter, and the regimes between.

A thin layer over :func:`leverage.regimes`: holding the other parameters
fixed, the values where the equilibria of MODEL change are the roots of payoff
differences and of the support-enumeration conditions, found exactly with sympy and
checked by solving the game exactly on each side.  Formats: table, JSON, Markdown,
LaTeX, CSV; ``--plot`` draws the equilibria across the regimes.
"""

from __future__ import annotations

import click

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
    plot_option,
    range_option,
    save_figure,
    terminal_width,
    write,
)

EPILOG = """\b
Examples:
  leverage regimes models/rare_earth_controls.toml --param interdependence_cost
  leverage regimes models/chicken.toml --param interdependence_cost --range 0:5 --format json
  leverage regimes models/chicken.toml --param interdependence_cost --keep-symbolic loss_value
  leverage regimes models/rare_earth_controls.toml --param interdependence_cost --plot r.pdf"""


@click.command(name="regimes", epilog=EPILOG)
@model_argument
@click.option(
    "--param",
    "parameter",
    required=True,
    metavar="NAME[=A:B]",
    help="The parameter whose critical values are sought.",
)
@range_option
@hold_option
@click.option(
    "--keep-symbolic",
    "symbolic",
    multiple=True,
    metavar="NAME",
    help="Keep this other parameter symbolic: thresholds become formulas. Repeatable.",
)
@format_option(
    ["table", "json", "markdown", "latex", "csv"],
    "Output format.",
)
@plot_option("Also draw the equilibria across the regimes (.png, .pdf or .svg).")
@click.option(
    "--no-dominance",
    "no_dominance",
    is_flag=True,
    help="Report only values where the equilibria change, not those where a strict "
    "dominance relation flips with the equilibria unchanged.",
)
@output_option
@handle_errors
def command(
    model_path: str,
    parameter: str,
    bounds: str | None,
    assignments: tuple[str, ...],
    symbolic: tuple[str, ...],
    output_format: str,
    plot_path: str | None,
    no_dominance: bool,
    output: str | None,
) -> None:
    """Find, exactly, every value of a parameter where the equilibria of MODEL change.

    Holding the other parameters fixed, the critical values are the roots of payoff
    differences and of the support-enumeration conditions, computed with sympy and
    checked by solving the game exactly on each side.  Each regime lists its equilibria
    as closed-form functions of the parameter.
    """
    name, interval = param_interval(parameter, bounds)
    assert name is not None  # --param is required
    parameter = name
    from ...analysis.regimes.engine import regimes
    from ...formats import regimes as afmt

    model = load(model_path)
    check_parameter(model, parameter)
    analysis = regimes(
        model,
        parameter,
        interval,
        values=parse_assignments(assignments),
        symbolic=symbolic,
        dominance=not no_dominance,
    )
    if output_format == "json":
        text = analysis.to_json()
    elif output_format == "markdown":
        text = afmt.regimes_markdown(analysis)
    elif output_format == "latex":
        text = afmt.regimes_latex(analysis)
    elif output_format == "csv":
        text = csv_text(analysis.to_rows())
    else:
        text = afmt.regimes_table(analysis, width=terminal_width(output))
    if plot_path is not None:
        from ...formats.plot.panels import plot_regimes

        unit = model.parameters[parameter].unit
        fig = plot_regimes(analysis, unit=unit, title=model.title)
        save_figure(fig, plot_path)
    write(output, text)
