"""``leverage convert``: a model in another format.

A thin layer over :mod:`leverage.formats`: a model file
(:func:`leverage.io.model_toml.model_toml`; with ``--set``, the numeric game at those
values via :func:`leverage.io.model_file.model_from_game`), a Gambit strategic game
(:func:`leverage.io.gambit.write_nfg`, exact payoffs), the game's payoffs as JSON, or a
plain LaTeX payoff table.
"""

from __future__ import annotations

import click

from ...io.model_file import load
from ..options import (
    build_game,
    handle_errors,
    model_argument,
    output_option,
    set_option,
    write,
)

EPILOG = """\b
Examples:
  leverage convert models/chicken.toml --to nfg -o chicken.nfg
  leverage convert game.nfg --to toml -o game.toml
  leverage convert models/rare_earth_controls.toml --to latex --set interdependence_cost=4"""


@click.command(name="convert", epilog=EPILOG)
@model_argument
@click.option(
    "--to",
    "target",
    type=click.Choice(["nfg", "toml", "json", "latex"]),
    required=True,
    help="nfg: Gambit strategic game (numeric, at the chosen values); toml: a model "
    "file; json: the game's payoffs; latex: the payoff table.",
)
@set_option
@output_option
@handle_errors
def command(
    model_path: str,
    target: str,
    assignments: tuple[str, ...],
    use_float: bool,
    output: str | None,
) -> None:
    """Convert MODEL to another format."""
    from ...formats.jsonout import game_dict, json_text
    from ...io.gambit import write_nfg
    from ...io.model_toml import model_toml

    model = load(model_path)
    if target == "toml":
        if assignments:
            from ...io.model_file import model_from_game

            text = model_toml(model_from_game(build_game(model, assignments, use_float)))
        else:
            text = model_toml(model)
    else:
        game = build_game(model, assignments, use_float)
        if target == "nfg":
            text = write_nfg(game.as_exact())
        elif target == "json":
            text = json_text(game_dict(game))
        else:
            from ...formats.strategic_latex import strategic_latex

            text = strategic_latex(game, style="tabular", marks=False)
    write(output, text)
