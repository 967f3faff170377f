"""Iterated elimination of strictly dominated strategies.

Let player ``i`` have the remaining pure strategies ``S_i`` and let ``T`` be the set of
profiles of the other players' remaining pure strategies.  A strategy ``s`` in ``S_i`` is
*strictly dominated* by a mixed strategy ``σ`` over ``S_i \\ {s}`` when

.. math::

    \\sum_k σ_k \\, u_i(k, t) > u_i(s, t) \\qquad \\text{for every } t \\in T .

It suffices to check the opponents' pure profiles: their mixed (even correlated)
strategies are convex combinations of them.  Dominance by a pure strategy is checked
first, directly.  Dominance by a mixed strategy is decided exactly by the linear
program

.. math::

    \\max_{σ, ε} \\; ε \\quad \\text{s.t.} \\quad
    \\sum_k σ_k \\bigl(u_i(k, t) - u_i(s, t)\\bigr) \\ge ε \\;\\; (t \\in T), \\quad
    \\sum_k σ_k = 1, \\quad σ \\ge 0,

with ``ε`` free (written as ``ε⁺ - ε⁻``): ``s`` is strictly dominated iff the optimum
``ε*`` is positive, and the optimal ``σ`` then dominates it with minimum margin ``ε*``.
The program is solved in rational arithmetic by :func:`leverage.solve.lp.maximize` and
the dominating ``σ`` is re-verified exactly before it is reported.

*Speed* (:mod:`leverage.solve.belief`): pure dominators are found for all pairs at once
by a vectorised comparison of payoff ranks; a strategy that is a best response to a pure
profile, or to a belief found in floating point and checked exactly, is undominated
without any exact program; for a program with more than :data:`EXACT_LP_ENTRIES`
payoff entries, a mixed dominator found in floating point is tried first and kept only
if it strictly dominates exactly.  The exact program decides every remaining case, so
the answers are those of the exact method; only the reported mixed dominator of a large
program may be another exact dominator than the one of largest margin.  By LP duality a
strategy is strictly dominated iff it is a best response to no belief about the
opponents' remaining profiles (Pearce 1984; for more than two players the beliefs
may be correlated).

*Iterated elimination* proceeds in rounds: each round removes, for every player at
once, every strategy strictly dominated given the sets remaining at the start of the
round, and the process stops at the first round that removes nothing.  For strict
dominance (by pure or mixed strategies) in finite games the set that survives does
not depend on the order or speed of elimination (Gilboa, Kalai & Zemel 1990; Osborne
& Rubinstein 1994, ch. 4), so this "maximal simultaneous" order loses nothing and
gives a canonical round count.  Every Nash equilibrium of the game is supported on the
surviving strategies.

With float payoffs, pure-strategy comparisons are made in floats (a difference of two
finite floats is zero only when they are equal, so the sign tests are exact); the
linear program and its verification use the exact binary values of the floats.

References
----------
I. Gilboa, E. Kalai and E. Zemel, "On the order of eliminating dominated strategies",
Operations Research Letters 9 (1990) 85–89.
M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press (1994), ch. 4.
D. G. Pearce, "Rationalizable strategic behavior and the problem of perfection",
Econometrica 52 (1984) 1029–1050.
R. Gibbons, *Game Theory for Applied Economists*, Princeton University Press (1992),
§1.1.B.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import ModelError
from ..numbers import rational
from .belief import (
    TOLERANCE,
    belief_lp,
    integer_matrix,
    is_best_response,
    payoff_ranks,
    pure_dominance_matrix,
    rational_weights,
)
from .cost import check
from .lp import maximize

__all__ = [
    "DominanceResult",
    "Elimination",
    "dominated_strategies",
    "iterated_elimination",
]

#: Mixed dominance is decided by the exact linear program (which reports the dominator of
#: largest margin) when it has at most this many payoff entries; a larger program first
#: tries the dominator found in floating point, verified exactly.
EXACT_LP_ENTRIES = 150

Dominator = tuple[tuple[int, Fraction], ...]
"""A dominating strategy: ``(original strategy index, weight)`` pairs, weights positive."""


@dataclass(frozen=True)
class Elimination:
    """One eliminated strategy.

    Attributes
    ----------
    player
        Index of the player.
    strategy
        Index, in the original game, of the eliminated strategy.
    dominated_by
        The dominating strategy as ``(original index, weight)`` pairs with positive
        weights summing to 1, in increasing index order; a single pair with weight 1
        when a pure strategy dominates.
    round
        The 1-based round in which the strategy was eliminated.
    """

    player: int
    strategy: int
    dominated_by: Dominator
    round: int


@dataclass(frozen=True)
class DominanceResult:
    """The outcome of iterated elimination of strictly dominated strategies.

    Attributes
    ----------
    steps
        Every elimination, ordered by round, then player, then strategy.
    remaining
        For each player, the original indices of its surviving strategies, ascending.
    """

    steps: tuple[Elimination, ...]
    remaining: tuple[tuple[int, ...], ...]

    @property
    def solved(self) -> bool:
        """Whether exactly one strategy survives for every player (dominance solvable)."""
        return all(len(r) == 1 for r in self.remaining)

    @property
    def rounds(self) -> int:
        """The number of rounds that eliminated at least one strategy."""
        return max((step.round for step in self.steps), default=0)


# ---------------------------------------------------------------------- validation


def _prepare(payoffs: Sequence[Any]) -> tuple[np.ndarray, ...]:
    """Payoff arrays checked for shape and converted to a dtype safe to subtract."""
    arrays = [np.asarray(a) for a in payoffs]
    n = len(arrays)
    if n < 2:
        raise ModelError(f"a game needs at least two players, got {n} payoff arrays")
    shape = arrays[0].shape
    if len(shape) != n or any(a.shape != shape for a in arrays):
        raise ModelError(
            f"{n} players need payoff arrays of one common {n}-dimensional shape, "
            f"got {[a.shape for a in arrays]}"
        )
    if 0 in shape:
        raise ModelError("every player needs at least one strategy")
    out = []
    for i, a in enumerate(arrays):
        if a.dtype.kind == "f":
            if not np.all(np.isfinite(a)):
                raise ModelError(f"payoffs of player {i} are not all finite")
            out.append(a.astype(float, copy=False))
        elif a.dtype.kind in "biu":
            out.append(a.astype(object))  # Python ints: no overflow or unsigned wrap-around
        elif a.dtype.kind == "O":
            for v in a.flat:
                if not isinstance(v, numbers.Real):
                    raise ModelError(f"payoff {v!r} of player {i} is not a real number")
                if not isinstance(v, numbers.Rational) and not math.isfinite(float(v)):
                    raise ModelError(f"payoff {v!r} of player {i} is not finite")
            out.append(a)
        else:
            raise ModelError(f"payoffs of player {i} have unsupported dtype {a.dtype}")
    return tuple(out)


def _check_remaining(
    shape: tuple[int, ...], remaining: Sequence[Sequence[int]]
) -> tuple[tuple[int, ...], ...]:
    if len(remaining) != len(shape):
        raise ValueError(f"remaining must list strategies for {len(shape)} players")
    out = []
    for i, (rem, size) in enumerate(zip(remaining, shape, strict=True)):
        r = tuple(sorted(int(k) for k in rem))
        if not r:
            raise ValueError(f"player {i} has no remaining strategy")
        if len(set(r)) != len(r) or r[0] < 0 or r[-1] >= size:
            raise ValueError(f"remaining strategies {list(rem)} of player {i} are not valid")
        out.append(r)
    return tuple(out)


# ---------------------------------------------------------------------- dominance


def _restricted(
    array: np.ndarray, player: int, remaining: tuple[tuple[int, ...], ...]
) -> np.ndarray:
    """Player's payoffs on the remaining profiles: row ``k`` for its ``k``-th strategy."""
    sub = array[np.ix_(*remaining)]
    return np.moveaxis(sub, player, 0).reshape(len(remaining[player]), -1)


def _strictly_dominates(
    weights: Sequence[Fraction], rows: Sequence[Sequence[Fraction]], target: Sequence[Fraction]
) -> bool:
    """Exact check that ``sum_k weights[k] * rows[k] > target`` componentwise."""
    if any(w < 0 for w in weights) or sum(weights) != 1:
        return False
    for t, u in enumerate(target):
        if sum((w * row[t] for w, row in zip(weights, rows, strict=True)), Fraction(0)) <= u:
            return False
    return True


def _best_pure_dominator(
    matrix: np.ndarray, pos: int, strategies: tuple[int, ...], candidates: np.ndarray
) -> int:
    """Original index of the best of the pure dominators ``candidates`` of row ``pos``:
    the largest minimum margin, the lowest index among ties."""
    target = matrix[pos]
    best, best_margin = -1, None
    for k in candidates:
        margin = (matrix[k] - target).min()
        if best_margin is None or margin > best_margin:
            best, best_margin = strategies[int(k)], margin
    return best


def _mixed_dominator(
    matrix: np.ndarray, pos: int, strategies: tuple[int, ...], player: int, strategy: int
) -> Dominator | None:
    """A mixed strategy strictly dominating row ``pos``, found by linear programming."""
    others = [k for k in range(len(strategies)) if k != pos]
    rows = [[rational(v) for v in matrix[k]] for k in others]
    target = [rational(v) for v in matrix[pos]]
    n_t = len(target)
    # Variables: sigma (one per other strategy), eps_plus, eps_minus.
    # For each t:  -sum_k sigma_k (u(k,t) - u(s,t)) + eps_plus - eps_minus <= 0.
    a_ub = [[target[t] - row[t] for row in rows] + [Fraction(1), Fraction(-1)] for t in range(n_t)]
    b_ub = [Fraction(0)] * n_t
    a_eq = [[Fraction(1)] * len(others) + [Fraction(0), Fraction(0)]]
    objective = [Fraction(0)] * len(others) + [Fraction(1), Fraction(-1)]
    result = maximize(objective, a_ub, b_ub, a_eq, [Fraction(1)])
    if result.status != "optimal" or result.value is None or result.x is None:
        raise RuntimeError(  # pragma: no cover - the program is always feasible and bounded
            f"dominance program for strategy {strategy} of player {player} ended {result.status}"
        )
    if result.value <= 0:
        return None
    sigma = list(result.x[: len(others)])
    if not _strictly_dominates(sigma, rows, target):
        raise RuntimeError(  # pragma: no cover - an internal error, never expected
            f"mixed strategy found for strategy {strategy} of player {player} does not dominate"
        )
    return tuple((strategies[k], w) for k, w in zip(others, sigma, strict=True) if w > 0)


def _verified_dominator(
    exact: np.ndarray, pos: int, strategies: tuple[int, ...], weights: np.ndarray
) -> Dominator | None:
    """A mixed strategy near the floating-point ``weights`` (one per other row) that
    strictly dominates row ``pos`` of the integer matrix ``exact``, checked exactly in
    integers; None if no rounding of them does."""
    others = [k for k in range(len(strategies)) if k != pos]
    for sigma in rational_weights(weights):
        scale = math.lcm(*(w.denominator for w in sigma))
        ints = np.array([w.numerator * (scale // w.denominator) for w in sigma], dtype=object)
        mixed_payoff = ints.dot(exact[others])
        if all(u > scale * v for u, v in zip(mixed_payoff, exact[pos], strict=True)):
            return tuple((strategies[k], w) for k, w in zip(others, sigma, strict=True) if w > 0)
    return None


def _float_values(matrix: np.ndarray) -> np.ndarray | None:
    """``matrix`` in floats for the belief screen, or None when some entry overflows."""
    try:
        values = matrix.astype(float)
    except OverflowError:
        return None
    return values if np.all(np.isfinite(values)) else None


def _dominated(
    arrays: tuple[np.ndarray, ...],
    player: int,
    remaining: tuple[tuple[int, ...], ...],
    mixed: bool,
    weak: bool,
) -> list[tuple[int, Dominator]]:
    """The dominated strategies of ``player``: pure dominators for all pairs at once, then,
    for the others, a belief making the strategy a best response (a pure profile, then a
    floating-point LP's belief, each checked exactly) and the exact LP only for the rest
    (see :mod:`leverage.solve.belief`)."""
    strategies = remaining[player]
    if len(strategies) < 2:
        return []
    matrix = _restricted(arrays[player], player, remaining)
    ranks = payoff_ranks(matrix)
    dominators = pure_dominance_matrix(ranks, weak=weak)
    # s is a best response to some pure profile t iff it attains the column maximum there
    pure_best = (ranks == ranks.max(axis=0)).any(axis=1)
    values: np.ndarray | None = None
    screened = False
    exact: np.ndarray | None = None
    found: list[tuple[int, Dominator]] = []
    for pos, s in enumerate(strategies):
        candidates = np.nonzero(dominators[:, pos])[0]
        if candidates.size:
            pure = _best_pure_dominator(matrix, pos, strategies, candidates)
            found.append((s, ((pure, Fraction(1)),)))
            continue
        if not mixed or weak or len(strategies) < 3 or pure_best[pos]:
            continue
        if not screened:
            values, screened = _float_values(matrix), True
        screen = belief_lp(values, pos) if values is not None else None
        if screen is not None and exact is None:
            exact = integer_matrix([[rational(v) for v in row] for row in matrix])
        if screen is not None and exact is not None and screen.value >= 1 - TOLERANCE:
            if is_best_response(exact, pos, screen.belief):
                continue
        elif (
            screen is not None
            and exact is not None
            and (len(strategies) - 1) * matrix.shape[1] > EXACT_LP_ENTRIES
        ):
            mix = _verified_dominator(exact, pos, strategies, screen.weights)
            if mix is not None:
                found.append((s, mix))
                continue
        mix = _mixed_dominator(matrix, pos, strategies, player, s)
        if mix is not None:
            found.append((s, mix))
    return found


def dominated_strategies(
    payoffs: Sequence[np.ndarray],
    player: int,
    remaining: Sequence[Sequence[int]],
    *,
    mixed: bool = True,
    weak: bool = False,
) -> list[tuple[int, tuple[tuple[int, Fraction], ...]]]:
    """The strategies of ``player`` dominated within the remaining strategy sets.

    Parameters
    ----------
    payoffs
        One payoff array per player (``n >= 2``), all of shape ``(m_1, ..., m_n)``:
        object arrays of ``Fraction``/``int``, or integer or float arrays.
    player
        Index of the player whose strategies are examined.
    remaining
        For each player, the original indices of the strategies still in play; a
        strategy of ``player`` may be dominated only by its other remaining strategies,
        and only the opponents' remaining profiles are compared.
    mixed
        Also look for domination by mixed strategies (exactly, by linear programming).
    weak
        Report *weak* dominance by a pure strategy instead (at least as good against
        every profile, better against one).  Mixed dominators are not sought then, so
        ``mixed`` is ignored.  For information only: weak dominance is
        order-dependent and :func:`iterated_elimination` does not use it.

    Returns
    -------
    list of (int, tuple of (int, Fraction))
        For each dominated strategy, in increasing index order, its original index and
        a dominator as ``(original index, weight)`` pairs.  A pure dominator is
        preferred and reported as one pair with weight 1 (the one with the largest
        minimum margin, lowest index among ties); otherwise the mixed strategy found by
        the linear program, re-verified exactly.

    Raises
    ------
    ModelError
        If the payoff arrays are malformed (shapes, non-finite or non-numeric entries).
    ValueError
        If ``player`` or ``remaining`` do not fit the game.

    Examples
    --------
    The bottom row is worse than an even mix of the two others, not than either:

    >>> import numpy as np
    >>> u1 = np.array([[3, 0], [0, 3], [1, 1]])
    >>> u2 = np.zeros((3, 2), dtype=int)
    >>> dominated_strategies([u1, u2], 0, [[0, 1, 2], [0, 1]])
    [(2, ((0, Fraction(1, 2)), (1, Fraction(1, 2))))]
    >>> dominated_strategies([u1, u2], 0, [[0, 1, 2], [0, 1]], mixed=False)
    []
    """
    arrays = _prepare(payoffs)
    if not 0 <= player < len(arrays):
        raise ValueError(f"player index {player} out of range for {len(arrays)} players")
    rem = _check_remaining(arrays[0].shape, remaining)
    return _dominated(arrays, player, rem, mixed, weak)


def iterated_elimination(
    payoffs: Sequence[np.ndarray], *, mixed: bool = True, max_cost: int | None = -1
) -> DominanceResult:
    """Iteratively eliminate strictly dominated strategies.

    Parameters
    ----------
    payoffs
        One payoff array per player (``n >= 2``), all of shape ``(m_1, ..., m_n)``.
    mixed
        Whether strategies dominated only by mixed strategies are eliminated too (the
        default, which yields the strategies surviving iterated strict dominance; for
        two players these are the rationalizable strategies).  ``False`` restricts to
        dominance by pure strategies.
    max_cost
        With ``mixed``, the cost of the first round is estimated first
        (:func:`leverage.solve.cost.dominance_cost`) and refused beyond this bound: ``-1``
        (the default) for the documented bound, ``None`` for none.

    Returns
    -------
    DominanceResult
        The eliminations, round by round, and the surviving strategies.  In each round
        every strategy of every player that is strictly dominated given the sets at
        the start of the round is removed; its dominator is reported relative to those
        sets (it may include strategies removed in the same round).

    Raises
    ------
    ModelError
        If the payoff arrays are malformed.
    TooLargeError
        If the estimated cost exceeds ``max_cost``.

    Examples
    --------
    Prisoner's Dilemma: defecting strictly dominates cooperating for both players.

    >>> import numpy as np
    >>> a = np.array([[3, 0], [5, 1]])
    >>> result = iterated_elimination([a, a.T])
    >>> result.remaining, result.solved, result.rounds
    (((1,), (1,)), True, 1)
    """
    arrays = _prepare(payoffs)
    if mixed:
        check(arrays[0].shape, "dominance", max_cost)
    remaining = tuple(tuple(range(m)) for m in arrays[0].shape)
    steps: list[Elimination] = []
    round_number = 0
    while True:
        round_number += 1
        found = [
            (player, _dominated(arrays, player, remaining, mixed, False))
            for player in range(len(arrays))
        ]
        if not any(dominated for _, dominated in found):
            break
        new_remaining = []
        for player, dominated in found:
            for strategy, dominator in dominated:
                steps.append(Elimination(player, strategy, dominator, round_number))
            gone = {strategy for strategy, _ in dominated}
            new_remaining.append(tuple(s for s in remaining[player] if s not in gone))
        remaining = tuple(new_remaining)
    return DominanceResult(tuple(steps), remaining)
