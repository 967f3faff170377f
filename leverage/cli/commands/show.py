"""``leverage show``: the payoff table of a model, with its parameters and their sources.

A thin layer over :class:`leverage.Model` and :mod:`leverage.formats`: the payoffs
at the chosen values (or, with ``--symbolic``, as expressions of the parameters, via
:meth:`~leverage.Model.symbolic_payoffs`), as a terminal table, or as a Markdown
or LaTeX strategic-form table with best responses and pure equilibria marked.
"""

from __future__ import annotations

import click

from ...formats import text as fmt
from ...games.model import parse_assignments
from ...io.model_file import load
from ..options import (
    Failure,
    build_game,
    check_latex_style,
    format_option,
    handle_errors,
    latex_style_option,
    model_argument,
    output_option,
    set_option,
    terminal_width,
    write,
)

EPILOG = """\b
Examples:
  leverage show models/rare_earth_controls.toml
  leverage show models/rare_earth_controls.toml --symbolic
  leverage show models/chicken.toml --set interdependence_cost=3
  leverage show models/battle_of_the_sexes.toml --format latex --latex-style sgame"""


@click.command(name="show", epilog=EPILOG)
@model_argument
@set_option
@click.option("--symbolic", is_flag=True, help="Show payoffs as expressions of the parameters.")
@click.option(
    "--expand",
    is_flag=True,
    help="With --symbolic: replace defined quantities by their definitions.",
)
@format_option(
    ["table", "markdown", "latex"],
    "table: for a terminal; markdown, latex: the payoff table for notes and papers, "
    "best responses and pure equilibria marked (with the parameters in markdown).",
)
@latex_style_option
@output_option
@handle_errors
def command(
    model_path: str,
    assignments: tuple[str, ...],
    use_float: bool,
    symbolic: bool,
    expand: bool,
    output_format: str,
    latex_style: str | None,
    output: str | None,
) -> None:
    """Show the payoff table of MODEL, with its parameters and their sources."""
    from ...expr.printing import expression_text, formula_dotted

    check_latex_style(latex_style, output_format)
    if symbolic and output_format != "table":
        raise Failure("--symbolic works with --format table only")
    model = load(model_path)
    if output_format != "table":
        from ...formats.strategic import model_markdown
        from ...formats.strategic_latex import strategic_latex
        from ...solve.best_response import pure_equilibrium_profiles

        game = build_game(model, assignments, use_float)
        pure = pure_equilibrium_profiles(game)
        if output_format == "latex":
            text = strategic_latex(game, style=latex_style or "sgame", equilibria=pure)
        else:
            values = model.values(parse_assignments(assignments))
            text = model_markdown(model, game, values, equilibria=pure)
        write(output, text)
        return
    width = terminal_width(output)
    lines = [model.title] if model.title else []
    if symbolic:
        arrays = model.symbolic_payoffs(expand_defines=expand)
        import numpy as np

        def cell(e: object) -> str:
            return formula_dotted(expression_text(e))

        shown = tuple(np.vectorize(cell, otypes=[object])(a) for a in arrays)
        lines.append(fmt.payoff_table(model.players, model.strategies, shown, width=width))
        if model.defines and not expand:
            lines.append("")
            lines.append("where")
            for name, expr in model.defines.items():
                lines.append(f"  {name} = {cell(expr)}")
    else:
        game = build_game(model, assignments, use_float)
        lines.append(fmt.game_table(game, width=width))
    if model.parameters:
        lines.append("")
        lines.append("Parameters:")
        values = model.values(parse_assignments(assignments))
        for p in model.parameters.values():
            unit = f" {p.unit}" if p.unit else ""
            line = f"  {p.name} = {fmt.decimal(values[p.name])}{unit}"
            if p.bounds:
                line += f"  range [{fmt.decimal(p.bounds[0])}, {fmt.decimal(p.bounds[1])}]"
            lines.append(line)
            if p.source:
                lines.extend(
                    fmt.wrap(f"source: {p.source}", width, indent=" " * 6, subsequent=" " * 8)
                )
    write(output, "\n".join(lines))
