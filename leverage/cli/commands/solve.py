"""``leverage solve``: every Nash equilibrium of a model, verified before it is printed.

A thin layer over :func:`leverage.solve.equilibria`: it builds the game of MODEL at the
chosen parameter values, enumerates its equilibria (vertex or support enumeration,
pure profiles, or Lemke–Howson) and formats them as a table, JSON (the documented
contract, docs/json.md), CSV, Markdown or LaTeX; ``--dominance`` adds iterated
elimination of strictly dominated strategies.
"""

from __future__ import annotations

import click

from ...formats import text as fmt
from ...formats.strategic_latex import strategic_solution_latex
from ...io.model_file import load
from ...solve import METHODS, equilibria
from ...solve.cost import estimate
from ..options import (
    Failure,
    build_game,
    check_latex_style,
    csv_text,
    format_option,
    handle_errors,
    latex_style_option,
    located,
    model_argument,
    output_option,
    progress,
    set_option,
    terminal_width,
    write,
)
from ..wording import reword_notes

#: Show a progress bar on a terminal from this estimated cost (in the unit of
#: :func:`leverage.solve.cost.estimate`): about two seconds of work.
PROGRESS_FROM = {"vertex": 100_000, "support": 10_000, "lemke-howson": 2_000_000}

EPILOG = """\b
Examples:
  leverage solve models/rare_earth_controls.toml
  leverage solve models/chicken.toml --set interdependence_cost=4 --format json
  leverage solve game.nfg --method vertex --components
  leverage solve models/prisoners_dilemma.toml --format latex --latex-style tabular
"""


@click.command(name="solve", epilog=EPILOG)
@model_argument
@set_option
@click.option(
    "--method",
    type=click.Choice(METHODS),
    default="auto",
    show_default=True,
    help="auto: exact and complete for the size (vertex enumeration for two players); "
    "vertex, support: exact enumeration; pure: pure equilibria only (any number of "
    "players); lemke-howson: one equilibrium, fast on large games.",
)
@click.option(
    "--components", is_flag=True, help="List the maximal convex components (degenerate games)."
)
@click.option(
    "--dominance",
    is_flag=True,
    help="Also show iterated elimination of strictly dominated strategies (pure and "
    "mixed dominators), round by round.",
)
@click.option(
    "--label",
    "initial_label",
    type=int,
    default=0,
    show_default=True,
    help="Lemke–Howson: the label dropped first (0..m+n-1).",
)
@click.option(
    "--max-cost",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Raise (or lower) the bound on the method's estimated cost, in the unit its "
    "refusal names (default: the documented bound, about half a minute of work).",
)
@click.option("--no-limit", is_flag=True, help="Run the method however large its estimated cost.")
@format_option(
    ["table", "json", "csv", "markdown", "latex"],
    "Output format; json follows the documented contract (docs/json.md).",
)
@latex_style_option
@output_option
@handle_errors
def command(
    model_path: str,
    assignments: tuple[str, ...],
    use_float: bool,
    method: str,
    components: bool,
    dominance: bool,
    initial_label: int,
    max_cost: int | None,
    no_limit: bool,
    output_format: str,
    latex_style: str | None,
    output: str | None,
) -> None:
    """Find the Nash equilibria of MODEL.

    Every equilibrium is verified (no player gains by deviating, checked exactly)
    before it is printed.  For degenerate games the extreme equilibria are listed and
    the game is flagged; --components shows the convex sets they span.  --format latex
    prints the payoff table (best responses underlined, pure equilibria boxed) and the
    list of equilibria.
    """
    check_latex_style(latex_style, output_format)
    model = load(model_path)
    if no_limit and max_cost is not None:
        raise Failure("--max-cost and --no-limit cannot be combined")
    game = build_game(model, assignments, use_float)
    kind = "vertex" if method == "auto" else method
    work = estimate(game.shape, kind).work if game.n_players == 2 else 0
    long_run = kind in PROGRESS_FROM and work >= PROGRESS_FROM[kind]
    label = "Pivoting" if kind == "lemke-howson" else "Enumerating"
    with progress(work, label, show=long_run) as report:
        solution = equilibria(
            game,
            method,
            components=components,
            progress=report,
            max_cost=None if no_limit else -1 if max_cost is None else max_cost,
            initial_label=initial_label,
        )
    solution = reword_notes(solution)
    elimination = (
        game.iterated_elimination(max_cost=None if no_limit else -1) if dominance else None
    )
    if output_format == "json":
        from ...formats.jsonout import json_text, solution_dict

        data = solution_dict(solution)
        if elimination is not None:
            data["dominance"] = fmt.dominance_dict(game, elimination)
        text = json_text(data)
    elif output_format == "csv":
        with located(model_path):
            text = csv_text(solution.to_rows(), solution.columns())
    elif output_format == "markdown":
        from ...formats.strategic import strategic_solution_markdown

        text = strategic_solution_markdown(solution)
    elif output_format == "latex":
        text = strategic_solution_latex(solution, style=latex_style or "sgame")
    else:
        width = terminal_width(output)
        text = fmt.solution_table(solution, width=width)
        if elimination is not None:
            text = fmt.dominance_text(game, elimination, width=width) + "\n\n" + text
    write(output, text)
