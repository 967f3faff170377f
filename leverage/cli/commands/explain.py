"""``leverage explain``: the equilibria of a model derived step by step
(:mod:`leverage.teach.explain`)."""

from __future__ import annotations

import click

from ...errors import TooLargeError
from ...games.model import parse_assignments
from ...io.model_file import load
from ...teach.explain import explain, explain_model
from ..options import (
    Failure,
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
from ..wording import cli_message

FORMATS = ("text", "markdown", "latex", "html", "json")


@click.command(
    name="explain",
    epilog="""\b
Examples:
  leverage explain models/rare_earth_controls.toml
  leverage explain models/chicken.toml --set interdependence_cost=3 --symbolic
  leverage explain models/stag_hunt.toml --format markdown -o stag_hunt.md
  leverage explain models/rare_earth_controls.toml --format latex -o explain.tex
  leverage explain models/battle_of_the_sexes.toml --format latex --latex-style tabular""",
)
@model_argument
@set_option
@click.option(
    "--symbolic",
    is_flag=True,
    help="Derive in terms of the parameters: every comparison as a condition on them "
    "(true at the values), mixed probabilities and payoffs as closed forms.",
)
@click.option(
    "--focus",
    metavar="NAME",
    help="With --symbolic: also solve each condition for this parameter, the others held "
    "at their values (default: interdependence_cost when the model has it).",
)
@format_option(
    FORMATS,
    "text (80 columns), markdown, latex (a document pdflatex compiles), html (a "
    "fragment for a web page) or json (the facts of the derivation).",
    default="text",
)
@latex_style_option
@output_option
@handle_errors
def command(
    model_path: str,
    assignments: tuple[str, ...],
    use_float: bool,
    symbolic: bool,
    focus: str | None,
    output_format: str,
    latex_style: str | None,
    output: str | None,
) -> None:
    """Explain the equilibria of MODEL step by step, as a good student would.

    In order: the payoff table with each player's best responses marked; iterated
    elimination of strictly dominated strategies, each comparison written out; the
    pure equilibria; each mixed equilibrium from the indifference equations, solved
    exactly, with the check that unused strategies do no better; the payoffs, Pareto
    and risk dominance.  Degenerate games get their convex components.  Everything
    agrees with `leverage solve` (the exact solver is the authority).
    """
    check_latex_style(latex_style, output_format)
    if focus is not None and not symbolic:
        raise Failure("--focus needs --symbolic")
    if symbolic and use_float:
        raise Failure("--symbolic works in exact arithmetic; drop --float")
    model = load(model_path)
    values = parse_assignments(assignments)
    try:
        if use_float:
            model.values(values)  # the usual checks of names and ranges
            explanation = explain(model.game(values, exact=False))
        else:
            explanation = explain_model(model, values, symbolic=symbolic, focus=focus)
    except TooLargeError as err:
        # explain has no --method: the methods that fit are those of `leverage solve`
        message = cli_message(err).replace("use --method", "use leverage solve --method")
        raise Failure(message) from None
    if output_format == "markdown":
        text = explanation.to_markdown()
    elif output_format == "latex":
        text = explanation.to_latex(style=latex_style or "sgame")
    elif output_format == "html":
        text = explanation.to_html()
    elif output_format == "json":
        text = explanation.to_json()
    else:
        text = explanation.to_text(width=terminal_width(output))
    write(output, text)
