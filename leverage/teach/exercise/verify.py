"""Independent checks of the answer keys.

Every answer is checked again at generation time, independently of the solver that produced
it, in exact arithmetic: pure equilibria cell by cell (each payoff the largest in its column
for the row player and in its row for the column player), dominance inequalities against
every remaining strategy of the other player, and the indifference conditions of a mixed
equilibrium (every strategy in the support earns the equilibrium payoff, every other strategy
strictly less, against the other player's mix).  The regimes are re-solved at points inside
and between the thresholds (:mod:`~.regimes`).  A failed check raises
:class:`RuntimeError`: the key is never printed wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ...games.strategic import Game


def verify(condition: bool, what: str) -> None:
    """Raise an internal error when a generated answer fails its independent check."""
    if not condition:
        raise RuntimeError(f"exercise generator: the answer key failed verification: {what}")


def brute_pure(game: Game) -> list[tuple[int, int]]:
    """Pure equilibria by checking every cell (exact), independently of the solver."""
    a, b = (arr.tolist() for arr in game.payoffs)
    m, n = game.shape
    return [
        (r, c)
        for r in range(m)
        for c in range(n)
        if a[r][c] == max(a[k][c] for k in range(m)) and b[r][c] == max(b[r][k] for k in range(n))
    ]


def expected_payoffs(
    game: Game, x: Sequence[Fraction], y: Sequence[Fraction]
) -> tuple[list[Any], list[Any]]:
    """Each pure strategy's expected payoff against the other player's mix."""
    a, b = (arr.tolist() for arr in game.payoffs)
    m, n = game.shape
    rows = [sum((a[r][c] * y[c] for c in range(n)), Fraction(0)) for r in range(m)]
    cols = [sum((b[r][c] * x[r] for r in range(m)), Fraction(0)) for c in range(n)]
    return rows, cols
