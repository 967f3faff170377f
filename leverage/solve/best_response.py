"""Pure best responses of every player at every pure-strategy profile.

For a game with players ``1, ..., n`` and payoff functions ``u_p``, strategy ``s_p`` is a
*best response* of player ``p`` to the other players' strategies ``s_{-p}`` when

.. math::  u_p(s_p, s_{-p}) \\ge u_p(t_p, s_{-p}) \\quad \\text{for every strategy } t_p,

that is, when ``u_p(s)`` is the maximum of player ``p``'s payoffs along its own axis of
the payoff array (Osborne, *An Introduction to Game Theory*, 2004, §2.8; Fudenberg and
Tirole, *Game Theory*, 1991, §1.1).  Ties are kept: every maximiser is a best response.
A pure-strategy profile in which every player best-responds is a pure Nash equilibrium
(weak equilibria included).

Comparisons are exact on exact games (object arrays of :class:`fractions.Fraction`) and
plain ``==`` against the maximum on float games (the maximum is one of the entries, so
no tolerance is involved: a float payoff is marked when it equals the largest entry).
These masks are what the strategic-form tables of :mod:`leverage.formats.strategic`
underline.
"""

from __future__ import annotations

import numpy as np

from ..games.strategic import Game


def _best_response_mask(payoff: np.ndarray, player: int) -> np.ndarray:
    """Boolean mask of the entries of ``payoff`` maximal along axis ``player``."""
    best = np.max(payoff, axis=player, keepdims=True)
    equal = payoff == best
    return np.asarray(equal, dtype=bool).reshape(payoff.shape)


def best_responses(game: Game) -> tuple[np.ndarray, ...]:
    """Mark, for each player, the profiles at which that player best-responds.

    Parameters
    ----------
    game
        A game with any number of players, exact or float payoffs.

    Returns
    -------
    tuple of numpy.ndarray
        One boolean array per player, each of shape ``game.shape``: ``marks[p][s]`` is
        ``True`` when player ``p``'s strategy ``s[p]`` is a best response to the other
        players' strategies in ``s`` (every maximiser is marked when there are ties).

    Examples
    --------
    Prisoner's Dilemma (Row's payoffs 3, 0 / 5, 1): defecting is the best response to
    everything, for both players.

    >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> marks = best_responses(pd)
    >>> marks[0].tolist()
    [[False, False], [True, True]]
    >>> marks[1].tolist()
    [[False, True], [False, True]]
    """
    return tuple(_best_response_mask(arr, p) for p, arr in enumerate(game.payoffs))


def pure_equilibrium_profiles(game: Game) -> list[tuple[int, ...]]:
    """Every pure-strategy profile at which all players best-respond.

    Parameters
    ----------
    game
        A game with any number of players.

    Returns
    -------
    list of tuple of int
        The pure Nash equilibria (weak ones included) as strategy-index tuples, in
        lexicographic order; empty when the game has none (Matching Pennies).

    Examples
    --------
    >>> bos = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> pure_equilibrium_profiles(bos)
    [(0, 0), (1, 1)]
    """
    everyone = np.logical_and.reduce(best_responses(game))
    return [tuple(int(k) for k in idx) for idx in np.argwhere(everyone)]
