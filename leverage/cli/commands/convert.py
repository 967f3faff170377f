"""``leverage convert``: a model in another format.

A thin layer over :mod:`leverage.formats`: a model file
(:func:`leverage.io.model_toml.model_toml`; with ``--set``, the numeric game at those
values via :func:`leverage.io.model_file.model_from_game`), a Gambit strategic game
(:func:`leverage.io.gambit.write_nfg`, exact payoffs, the model's title and description),
the game's payoffs as JSON, or a plain LaTeX payoff table.  Every model file and ``.nfg``
file it writes reads back to the same game; what cannot be written so is refused (exit 2)
before anything is written, as is an output file that is the model file itself.
"""

from __future__ import annotations

import os

import click

from ...errors import ModelError
from ...games.model import Model
from ...io.model_file import load
from ...io.names import names_problem
from ..options import (
    Failure,
    build_game,
    handle_errors,
    model_argument,
    output_option,
    set_option,
    visible,
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

    _refuse_same_file(model_path, output)
    model = load(model_path)
    if target == "toml":
        if assignments:
            from ...io.model_file import model_from_game

            game = build_game(model, assignments, use_float)
            text = model_toml(model_from_game(game, like=model))
        else:
            text = model_toml(model)
    else:
        game = build_game(model, assignments, use_float)
        if target == "nfg":
            _refuse_controls(model)
            problem = names_problem(game.players, game.strategies)
            if problem:
                raise Failure(f"{model.path}: {problem}: the .nfg file would not read back")
            try:
                text = write_nfg(game.as_exact(), comment=model.description)
            except ModelError as err:
                raise err.located(file=model.path) from None
        elif target == "json":
            text = json_text(game_dict(game))
        else:
            from ...formats.strategic_latex import strategic_latex

            text = strategic_latex(game, style="tabular", marks=False)
    write(output, text)


def _refuse_same_file(model_path: str, output: str | None) -> None:
    """Converting a file onto itself would replace the input by its conversion."""
    if output in (None, "-", ""):
        return
    try:
        same = os.path.samefile(model_path, output)
    except (OSError, ValueError):
        return  # one of them does not exist (or cannot be compared): not the same file
    if same:
        raise Failure(f"{output}: is the model file {model_path} itself; not overwritten")


def _refuse_controls(model: Model) -> None:
    """A .nfg string has no escape for a control character, and the command line writes
    none raw (they would be shown as \\xNN, changing the text): refuse them."""
    texts = [("the title", model.title), ("the description", model.description)]
    for player, labels in zip(model.players, model.strategies, strict=True):
        texts.append((f"player name {player!r}", player))
        texts += [(f"strategy label {label!r} of player {player!r}", label) for label in labels]
    for what, text in texts:
        if visible(text) != text:
            raise Failure(
                f"{model.path}: {what} holds a control character, which a .nfg file "
                "cannot escape; not written"
            )
