"""Strategy profiles as a user writes them, read into probability vectors.

A *profile* gives one strategy per player.  Each may be written as a pure strategy, by
its index (``0``) or its label (``"Swerve"``), or as a mixed strategy, a sequence of
probabilities over the player's strategies in order (``[Fraction(1, 3), Fraction(2,
3)]``).  :func:`mixed_profile` turns every form into probability vectors, keeping the
numbers given: ints and :class:`fractions.Fraction` stay exact, so that the expected
payoffs of an exact game at an exact profile are exact rationals.  A mixed strategy
must be a probability vector: nonnegative entries summing to one (exactly for exact
entries, to within ``1e-9`` for floats).
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import ParameterError

Number = Fraction | float

#: How far a float mixed strategy may sum from one.
FLOAT_SUM_TOLERANCE = 1e-9


def player_index(players: Sequence[str], player: int | str) -> int:
    """The index of ``player``, given by index or by name."""
    if isinstance(player, str):
        if player not in players:
            raise ParameterError(f"unknown player {player!r}; the players are {list(players)}")
        return players.index(player)
    if isinstance(player, (bool, np.bool_)) or not isinstance(player, numbers.Integral):
        raise ParameterError(f"a player is an index or a name, got {player!r}")
    if not 0 <= int(player) < len(players):
        raise ParameterError(f"player index {player} is out of range 0..{len(players) - 1}")
    return int(player)


def _number(value: Any) -> Number:
    if isinstance(value, (bool, np.bool_)):
        raise ParameterError(f"a probability is a number, got {value!r}")
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    if isinstance(value, Fraction):
        return value
    if isinstance(value, numbers.Real):
        number = float(value)
        if not np.isfinite(number):
            raise ParameterError(f"a probability must be finite, got {value!r}")
        return number
    raise ParameterError(f"a probability is a number, got {value!r}")


def mixed_strategy(labels: Sequence[str], strategy: Any, *, player: str = "") -> tuple[Number, ...]:
    """One player's strategy as a probability vector over ``labels``.

    Parameters
    ----------
    labels
        The player's strategy labels, in order.
    strategy
        A pure strategy by index or label, or a sequence of probabilities.
    player
        The player's name, for error messages.

    Examples
    --------
    >>> mixed_strategy(("Swerve", "Straight"), "Straight")
    (Fraction(0, 1), Fraction(1, 1))
    >>> mixed_strategy(("Swerve", "Straight"), [Fraction(1, 3), Fraction(2, 3)])
    (Fraction(1, 3), Fraction(2, 3))
    """
    whose = f" of {player}" if player else ""
    n = len(labels)
    if isinstance(strategy, str):
        if strategy not in labels:
            raise ParameterError(
                f"unknown strategy {strategy!r}{whose}; the strategies are {list(labels)}"
            )
        strategy = labels.index(strategy)
    if isinstance(strategy, numbers.Integral) and not isinstance(strategy, (bool, np.bool_)):
        k = int(strategy)
        if not 0 <= k < n:
            raise ParameterError(f"strategy index {k}{whose} is out of range 0..{n - 1}")
        return tuple(Fraction(int(j == k)) for j in range(n))
    try:
        values = [_number(v) for v in np.asarray(strategy, dtype=object).ravel()]
    except TypeError:
        raise ParameterError(
            f"a strategy{whose} is an index, a label or a list of probabilities, got {strategy!r}"
        ) from None
    if len(values) != n:
        raise ParameterError(f"a mixed strategy{whose} needs {n} probabilities, got {len(values)}")
    if any(v < 0 for v in values):
        raise ParameterError(f"a mixed strategy{whose} has a negative probability: {strategy!r}")
    total: Number = sum(values, start=Fraction(0))
    exact = all(isinstance(v, Fraction) for v in values)
    if (exact and total != 1) or (not exact and abs(float(total) - 1) > FLOAT_SUM_TOLERANCE):
        raise ParameterError(f"the probabilities{whose} sum to {total}, not 1")
    return tuple(values)


def mixed_profile(
    players: Sequence[str], strategies: Sequence[Sequence[str]], profile: Any
) -> tuple[tuple[Number, ...], ...]:
    """A profile (one strategy per player, each in any form of :func:`mixed_strategy`)
    as one probability vector per player.

    Examples
    --------
    >>> mixed_profile(("Row", "Column"), (("U", "D"), ("L", "R")), (1, "L"))
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1)))
    """
    if isinstance(profile, (str, bytes)) or not isinstance(profile, Sequence | np.ndarray):
        raise ParameterError(
            f"a profile gives one strategy per player ({len(players)}), got {profile!r}"
        )
    if len(profile) != len(players):
        raise ParameterError(
            f"a profile gives one strategy per player: {len(players)} expected, got {len(profile)}"
        )
    return tuple(
        mixed_strategy(labels, s, player=p)
        for p, labels, s in zip(players, strategies, profile, strict=True)
    )


def profile_rows(
    players: Sequence[str],
    strategies: Sequence[Sequence[str]],
    payoffs: Sequence[np.ndarray],
    *,
    exact: bool,
) -> list[dict[str, Any]]:
    """One flat row per pure-strategy profile (:meth:`.Game.to_rows`): each player's
    strategy label, then ``"payoff:<player>"`` (a float) and, when ``exact``,
    ``"payoff:<player>_exact"`` (the rational as a string).

    Examples
    --------
    >>> from leverage.games.strategic import Game
    >>> Game.from_arrays([[1, -1], [-1, 1]]).to_rows()[1]
    {'1': '1', '2': '2', 'payoff:1': -1.0, 'payoff:1_exact': '-1',
     'payoff:2': 1.0, 'payoff:2_exact': '1'}
    """
    rows = []
    for idx in np.ndindex(*(len(s) for s in strategies)):
        row: dict[str, Any] = {
            p: strategies[i][k] for i, (p, k) in enumerate(zip(players, idx, strict=True))
        }
        for p, arr in zip(players, payoffs, strict=True):
            row[f"payoff:{p}"] = float(arr[idx])
            if exact:
                row[f"payoff:{p}_exact"] = str(arr[idx])
        rows.append(row)
    return rows
