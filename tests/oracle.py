"""Independent oracles for the tests: pygambit, and scipy's HiGHS for the belief LP."""

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


def belief_margin(mat, s: int) -> float:
    """scipy (HiGHS), in floats: the largest d such that some belief q about the opponent
    makes row ``s`` of ``mat`` beat every other row by at least d, i.e. max d s.t.
    (u(s) - u(k)) q >= d for all k, sum q = 1, q >= 0.  By Pearce (1984), row ``s`` is
    strictly dominated (possibly by a mixed strategy) iff the margin is negative."""
    from scipy.optimize import linprog

    rows, cols = mat.shape
    others = [k for k in range(rows) if k != s]
    a_ub = [[float(mat[k, j] - mat[s, j]) for j in range(cols)] + [1.0] for k in others]
    res = linprog(
        [0.0] * cols + [-1.0],
        A_ub=a_ub,
        b_ub=[0.0] * len(others),
        A_eq=[[1.0] * cols + [0.0]],
        b_eq=[1.0],
        bounds=[(0, None)] * cols + [(None, None)],
        method="highs",
    )
    assert res.status == 0
    return -res.fun
