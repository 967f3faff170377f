"""``leverage dynamics``: how learning players move towards (or around) the equilibria.

A thin layer over :mod:`leverage.learning.run`: it builds the game of MODEL, reads
the options (start, steps, seed, …), runs fictitious play or the replicator dynamics and
prints the trajectory as a table, JSON or CSV, optionally drawing it.
"""

from __future__ import annotations

from fractions import Fraction

import click

from ...errors import ParameterError
from ...io.model_file import load
from ...learning.run import DEFAULT_STEPS, RULES, dynamics, parse_start
from ..options import (
    build_game,
    csv_text,
    format_option,
    handle_errors,
    model_argument,
    output_option,
    plot_option,
    progress,
    save_figure,
    set_option,
    terminal_width,
    write,
)

#: Show a progress bar on a terminal from this many rounds / integration steps.
PROGRESS_FROM = {"fictitious-play": 200_000, "replicator": 20_000}

EPILOG = """\b
Examples:
  leverage dynamics models/matching_pennies.toml --rule fictitious-play
  leverage dynamics models/stag_hunt.toml --rule replicator --start 0.8,0.7 --plot stag.png
  leverage dynamics models/rock_paper_scissors.toml --rule replicator \\
      --start "1/2,1/3,1/6;1/2,1/3,1/6" --plot rps.pdf
  leverage dynamics models/rare_earth_controls.toml --rule fictitious-play \\
      --steps 100000 --format csv -o fp.csv"""


def _whole(text: str, option: str) -> int:
    try:
        return int(text.replace(",", ""))
    except ValueError:
        raise ParameterError(f"{option} expects a whole number, got {text!r}") from None


def _positive(text: str, option: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ParameterError(f"{option} expects a number, got {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise ParameterError(f"{option} must be a positive number, got {text!r}")
    return value


def _rational(text: str, option: str) -> Fraction:
    try:
        value = Fraction(text.strip()) if len(text) <= 40 else None
    except (ValueError, ZeroDivisionError):
        value = None
    if value is None or value <= 0:
        raise ParameterError(f"{option} expects a positive number such as 1, 10 or 1/2")
    return value


@click.command(name="dynamics", epilog=EPILOG)
@model_argument
@set_option
@click.option(
    "--rule",
    type=click.Choice(RULES),
    required=True,
    help="fictitious-play: each round both players best-respond to the other's past "
    "frequencies (exact arithmetic); replicator: the two-population replicator "
    "dynamics (RK4 integration).",
)
@click.option(
    "--steps",
    "steps_text",
    metavar="N",
    help=f"Rounds of fictitious play (default {DEFAULT_STEPS['fictitious-play']:,}) or "
    f"integration steps of the replicator dynamics (default "
    f"{DEFAULT_STEPS['replicator']:,}); at most 1,000,000.",
)
@click.option(
    "--start",
    "start_text",
    metavar="P,Q…",
    help="Starting mixed strategies (default: uniform). Players separated by ';', "
    "probabilities by ','; a player with two strategies may give just the probability "
    'of its first one: "0.8,0.3" for a 2×2 game, "1/2,1/4,1/4;1/3,1/3,1/3" for 3×3. '
    "Exact fractions allowed; each player's must sum to 1.",
)
@click.option(
    "--seed",
    "seed_text",
    metavar="S",
    help="Fictitious play: break ties at random with this seed (default: ties go to the "
    "first strategy). Replicator: draw a random interior start (not with --start).",
)
@click.option(
    "--weight",
    "weight_text",
    metavar="W",
    help="Fictitious play: how many rounds the start counts for (default 1; fractions allowed).",
)
@click.option(
    "--dt",
    "dt_text",
    metavar="DT",
    help="Replicator: the time step (default 0.05 divided by the largest range of a "
    "player's payoffs).",
)
@click.option(
    "--tolerance",
    "tolerance_text",
    metavar="T",
    default="0.01",
    show_default=True,
    help="Call the run converged when the largest regret stays within T times the "
    "largest payoff range over its last quarter.",
)
@format_option(
    ["table", "json", "csv"],
    "table: a summary with selected rows; json: everything, with exact values; csv: "
    "one row per recorded point.",
)
@plot_option("Also draw the trajectory (.png, .pdf or .svg).")
@output_option
@handle_errors
def command(
    model_path: str,
    assignments: tuple[str, ...],
    use_float: bool,
    rule: str,
    steps_text: str | None,
    start_text: str | None,
    seed_text: str | None,
    weight_text: str | None,
    dt_text: str | None,
    tolerance_text: str,
    output_format: str,
    plot_path: str | None,
    output: str | None,
) -> None:
    """Run a learning rule on the two-player game of MODEL and watch where play goes.

    Fictitious play reports the players' empirical mixed strategies round by round;
    the replicator dynamics the population shares over time.  Both report the end
    point, its regret (the end point is an ε-equilibrium), the nearest Nash
    equilibrium from the exact solver, whether the run converged, and the theorems
    that apply (Robinson 1951, Miyasawa 1961, Shapley 1964; Hofbauer & Sigmund 1998).
    """
    if rule == "fictitious-play" and dt_text is not None:
        raise ParameterError("--dt applies to --rule replicator only")
    if rule == "replicator" and weight_text is not None:
        raise ParameterError("--weight applies to --rule fictitious-play only")
    steps = DEFAULT_STEPS[rule] if steps_text is None else _whole(steps_text, "--steps")
    seed = None if seed_text is None else _whole(seed_text, "--seed")
    weight = None if weight_text is None else _rational(weight_text, "--weight")
    dt = None if dt_text is None else _positive(dt_text, "--dt")
    tolerance = _positive(tolerance_text, "--tolerance")
    model = load(model_path)
    game = build_game(model, assignments, use_float)
    start = None if start_text is None else parse_start(start_text, game)
    label = "Fictitious play" if rule == "fictitious-play" else "Integrating"
    with progress(steps, label, show=steps >= PROGRESS_FROM[rule]) as report:
        result = dynamics(
            game,
            rule,
            steps=steps,
            start=start,
            seed=seed,
            weight=weight,
            dt=dt,
            tolerance=tolerance,
            progress=report,
        )
    if output_format == "json":
        text = result.to_json()
    elif output_format == "csv":
        text = csv_text(result.to_rows())
    else:
        text = result.to_table(width=terminal_width(output))
    if plot_path is not None:
        save_figure(result.plot(title=model.title or None), plot_path)
    write(output, text)
