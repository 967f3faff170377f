"""pygambit as an independent oracle for the tests."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pygambit as gbt


def gambit_extreme_equilibria(a, b):
    """The extreme equilibria pygambit's enummixed_solve(rational=True) reports, as a set."""
    game = gbt.Game.from_arrays(
        np.array(a, dtype=object).tolist(), np.array(b, dtype=object).tolist()
    )
    result = gbt.nash.enummixed_solve(game, rational=True)
    out = set()
    for eq in result.equilibria:
        out.add(
            tuple(tuple(Fraction(str(eq[s])) for s in player.strategies) for player in game.players)
        )
    return out
