"""Verification of equilibria: a mixed profile is a Nash equilibrium iff no player has
positive regret, i.e. every pure strategy a player uses earns the maximum payoff
against the others' mixed strategies (Nash 1951).

Exact games are checked in rational arithmetic with no tolerance.  Float games are
checked with an absolute tolerance scaled to the payoffs.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from ..errors import LeverageError, TooLargeError

Number = Fraction | float


class VerificationError(LeverageError, AssertionError):
    """A solver produced a profile that is not an equilibrium: a bug, reported loudly."""


def strategy_payoffs(
    payoffs: Sequence[np.ndarray], strategies: Sequence[Sequence[Number]], player: int
) -> list[Number]:
    """Expected payoff of each pure strategy of ``player`` against the others' mixes."""
    arr = payoffs[player]
    out = np.moveaxis(arr, player, 0)
    others = [s for k, s in enumerate(strategies) if k != player]
    result = out
    for probs in reversed(others):
        result = result @ np.array(list(probs), dtype=object if _exact(probs) else float)
    return list(result)


def _exact(values: Sequence[Number]) -> bool:
    return all(isinstance(v, (Fraction, int)) for v in values)


def _payoffs_and_best(
    payoffs: Sequence[np.ndarray], strategies: Sequence[Sequence[Number]]
) -> list[tuple[Number, Number]]:
    """For each player: (expected payoff, best pure-strategy payoff)."""
    out = []
    for i in range(len(payoffs)):
        values = strategy_payoffs(payoffs, strategies, i)
        expected = sum((p * v for p, v in zip(strategies[i], values, strict=True)), start=0)
        out.append((expected, max(values)))
    return out


def expected_payoffs(
    payoffs: Sequence[np.ndarray], strategies: Sequence[Sequence[Number]]
) -> tuple[Number, ...]:
    """Each player's expected payoff at a mixed-strategy profile."""
    return tuple(u for u, _ in _payoffs_and_best(payoffs, strategies))


def regrets(
    payoffs: Sequence[np.ndarray], strategies: Sequence[Sequence[Number]]
) -> tuple[Number, ...]:
    """Each player's regret: best pure payoff minus its expected payoff."""
    return tuple(best - u for u, best in _payoffs_and_best(payoffs, strategies))


FLOAT_RANGE = "a payoff is too large for floating-point arithmetic (over 1.8e308 in magnitude)"


def float_tolerance(payoffs: Sequence[np.ndarray]) -> float:
    """Absolute tolerance for float checks: 1e-9 times the largest payoff magnitude."""
    try:
        scale = max(float(np.max(np.abs(np.asarray(a, dtype=float)))) for a in payoffs)
    except OverflowError:
        raise TooLargeError(FLOAT_RANGE) from None
    if not np.isfinite(scale):
        raise TooLargeError(FLOAT_RANGE)
    return 1e-9 * max(1.0, scale)


def check_equilibrium(
    payoffs: Sequence[np.ndarray], strategies: Sequence[Sequence[Number]], *, exact: bool
) -> None:
    """Raise :class:`VerificationError` unless ``strategies`` is a Nash equilibrium.

    Parameters
    ----------
    payoffs
        One payoff array per player.
    strategies
        One probability vector per player.
    exact
        Check exactly (no tolerance) or with :func:`float_tolerance`.
    """
    for probs in strategies:
        if any(float(p) < 0 for p in probs):
            raise VerificationError(f"negative probability in {probs}")
        total = sum(probs)
        if (exact and total != 1) or (not exact and abs(float(total) - 1) > 1e-9):
            raise VerificationError(f"probabilities {probs} do not sum to one")
    tol = 0.0 if exact else float_tolerance(payoffs)
    for i, r in enumerate(regrets(payoffs, strategies)):
        if float(r) > tol or (exact and r > 0):
            raise VerificationError(f"player {i} gains {r} by deviating from {strategies}")


def bimatrix_payoffs_and_regrets(
    a: Sequence[Sequence[Fraction]],
    b: Sequence[Sequence[Fraction]],
    x: Sequence[Fraction],
    y: Sequence[Fraction],
) -> tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]]:
    """Expected payoffs and regrets of a mixed profile ``(x, y)`` of a bimatrix game.

    The same quantities as :func:`expected_payoffs` and :func:`regrets`, computed on
    plain lists over the supports only (the fast path for two players).
    """
    sx = [i for i, p in enumerate(x) if p]
    sy = [j for j, q in enumerate(y) if q]
    ay = [sum((row[j] * y[j] for j in sy), start=Fraction(0)) for row in a]
    xb = [sum((b[i][j] * x[i] for i in sx), start=Fraction(0)) for j in range(len(y))]
    u1 = sum((x[i] * ay[i] for i in sx), start=Fraction(0))
    u2 = sum((y[j] * xb[j] for j in sy), start=Fraction(0))
    return (u1, u2), (max(ay) - u1, max(xb) - u2)
