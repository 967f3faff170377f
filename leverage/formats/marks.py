"""What every strategic-form table marks: best-response payoffs, equilibrium cells, and
the legend sentence that states the convention.

The tables themselves are drawn by :mod:`leverage.formats.strategic` (text, Markdown,
HTML) and :mod:`leverage.formats.strategic_latex` (LaTeX); see the first for the
conventions of each format.

References
----------
- M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004),
  §2.8.3: marking best responses in the payoff table.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..errors import LeverageError
from ..games.strategic import Game
from ..solve.best_response import best_responses
from .english import and_list

__all__ = ["equilibrium_cells", "legend_sentence", "mark_arrays"]


def equilibrium_cells(game: Game, equilibria: Sequence[tuple[int, ...]]) -> set[tuple[int, ...]]:
    """The equilibrium profiles as a set, each checked to be a profile of ``game``.

    Parameters
    ----------
    game
        The game.
    equilibria
        Profiles (strategy-index tuples) whose cells are marked as equilibria.

    Returns
    -------
    set of tuple of int

    Raises
    ------
    LeverageError
        When a profile does not fit the game.
    """
    out: set[tuple[int, ...]] = set()
    for profile in equilibria:
        idx = tuple(int(k) for k in profile)
        if len(idx) != game.n_players or any(
            not 0 <= k < n for k, n in zip(idx, game.shape, strict=True)
        ):
            raise LeverageError(
                f"equilibrium profile {tuple(profile)} is not a profile of a game of shape "
                f"{game.shape}"
            )
        out.add(idx)
    return out


def mark_arrays(game: Game, marks: bool) -> tuple[np.ndarray, ...]:
    """Per player, which payoffs are best responses (all ``False`` without ``marks``).

    Parameters
    ----------
    game
        The game.
    marks
        Whether best responses are marked at all.

    Returns
    -------
    tuple of numpy.ndarray
        One boolean array of the game's shape per player.
    """
    if marks:
        return best_responses(game)
    return tuple(np.zeros(game.shape, dtype=bool) for _ in game.players)


def legend_sentence(players: Sequence[str], br: str | None, ne: str | None) -> str:
    """The legend sentence(s) under a table, e.g. for LaTeX with ``br = "underlined"``.

    Parameters
    ----------
    players
        The players' names, already escaped for the format.
    br
        How a best-response payoff is shown (``"underlined"``), ``None``: not marked.
    ne
        How an equilibrium cell is shown (``"boxed"``), ``None``: none marked.

    Returns
    -------
    str
        ``"Each cell gives the payoffs of A and B, in that order. …"``.
    """
    text = f"Each cell gives the payoffs of {and_list(players)}, in that order."
    if br is not None:
        article = "An" if br.lstrip("*_[")[:1] in tuple("aeiou") else "A"
        text += f" {article} {br} payoff is a best response to the other strategies in its cell."
    if ne is not None:
        text += f" A {ne} cell is a pure Nash equilibrium."
    return text
