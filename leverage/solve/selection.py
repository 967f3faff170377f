"""Properties of equilibria used to compare them.

* Pareto dominance among equilibria: an equilibrium is Pareto-dominated when another
  equilibrium gives every player at least as much and some player strictly more.
* Risk dominance (Harsanyi & Selten 1988, *A General Theory of Equilibrium Selection
  in Games*, §3.9): in a 2×2 game with two strict pure equilibria ``(r, c)`` and
  ``(r', c')``, ``(r, c)`` risk-dominates when the product of the players' losses from
  unilateral deviation is larger there:
  ``(a[r,c] - a[r',c]) (b[r,c] - b[r,c']) > (a[r',c'] - a[r,c']) (b[r',c'] - b[r',c])``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

Number = Fraction | float


def pareto_dominated(payoff_vectors: Sequence[Sequence[Number]]) -> list[bool]:
    """For each payoff vector, whether another one Pareto-dominates it."""
    out = []
    for i, u in enumerate(payoff_vectors):
        dominated = False
        for j, v in enumerate(payoff_vectors):
            if (
                i != j
                and all(b >= a for a, b in zip(u, v, strict=True))
                and any(b > a for a, b in zip(u, v, strict=True))
            ):
                dominated = True
                break
        out.append(dominated)
    return out


def risk_dominance(
    a: np.ndarray, b: np.ndarray, profiles: Sequence[tuple[int, int] | None]
) -> list[bool | None]:
    """Risk dominance between the two strict pure equilibria of a 2×2 game.

    Parameters
    ----------
    a, b
        The 2×2 payoff matrices.
    profiles
        For each equilibrium, its pure profile, or ``None`` for a mixed one.

    Returns
    -------
    list of bool or None
        ``True``/``False`` for the two pure equilibria when the game is 2×2 with exactly
        two strict pure equilibria (a tie gives ``False`` to both); ``None`` otherwise.
    """
    result: list[bool | None] = [None] * len(profiles)
    if a.shape != (2, 2):
        return result
    pure = [(k, p) for k, p in enumerate(profiles) if p is not None]
    if len(pure) != 2:
        return result

    def loss_product(r: int, c: int) -> Number:
        return (a[r, c] - a[1 - r, c]) * (b[r, c] - b[r, 1 - c])

    (k1, (r1, c1)), (k2, (r2, c2)) = pure
    if r1 == r2 or c1 == c2:
        return result
    p1, p2 = loss_product(r1, c1), loss_product(r2, c2)
    if p1 <= 0 or p2 <= 0:  # not both strict
        return result
    result[k1] = p1 > p2
    result[k2] = p2 > p1
    return result
