"""Fast, exactly certified tests of strict dominance: pure dominators compared at once,
beliefs that prove a strategy undominated, and mixed dominators found in floating point.

Let ``U`` be a player's payoff matrix on the remaining strategies: row ``k`` is its
``k``-th remaining strategy, column ``t`` a remaining profile of the opponents.

Pure dominance, all pairs at once
    ``k`` strictly dominates ``s`` iff ``U[k, t] > U[s, t]`` for every ``t``.  Only the
    order of the entries matters, so ``U`` is replaced by the ranks of its entries among
    all its entries (:func:`payoff_ranks`: an ``int64`` matrix with the same strict and
    equal comparisons, however large or fine the exact payoffs are) and the ``k × k × T``
    comparisons are one vectorised numpy expression (:func:`pure_dominance_matrix`),
    done in slices that bound memory.

Certificates of non-dominance
    By LP duality (Pearce 1984, Lemma 3; Osborne & Rubinstein 1994, Lemma 60.1) a
    strategy ``s`` is strictly dominated by a mixed strategy iff it is a best response
    to no belief ``q`` (a probability vector over ``t``, correlated when there are
    several opponents).  A belief with

    .. math::  (U q)_s \\ge (U q)_k \\quad \\text{for every } k

    therefore *proves* that no mixed strategy strictly dominates ``s``: a dominator
    ``σ`` would give ``σᵀ U q > (U q)_s`` while ``σᵀ U q ≤ max_k (U q)_k``.  Such a
    belief is looked for in floating point and then checked exactly, in integers
    (:func:`is_best_response`), so floating point only ever saves work: a belief that
    fails the exact check (round-off, a strategy that is a best response only on a
    boundary) sends the strategy to the exact linear program of
    :mod:`leverage.solve.dominance`, as does every strategy that looks dominated.

    The belief comes from the linear program, after ``U`` is rescaled affinely to
    entries ``A`` in ``[1, 2]`` (which changes no best response),

    .. math::  \\max_{p \\ge 0} \\; a_s^\\top p \\quad \\text{s.t.} \\quad a_k^\\top p \\le 1
               \\;\\; (k \\ne s),

    whose optimum is at least 1 iff ``s`` is a best response to ``q = p / Σ p``
    (``a_s q ≥ 1/Σp ≥ a_k q``).  It is solved by a dense simplex in numpy
    (:func:`belief_lp`) from the feasible slack basis ``p = 0``, with Dantzig's rule, the
    lowest row among ties in the ratio test and a bound on the pivots; it returns
    ``None`` instead of an answer it cannot vouch for.

Dominators from the dual
    The dual program is ``min Σ_k σ_k`` subject to ``Σ_k σ_k a_k ≥ a_s``, ``σ ≥ 0``;
    its optimum equals the belief program's, and when it is below 1, ``σ / Σ σ``
    strictly dominates ``s`` (its payoff is at least ``a_s / Σσ > a_s``, as ``a_s > 0``).
    The dual optimum is read off the final tableau (the reduced costs of the slacks).
    :func:`rational_weights` rounds it to nearby rationals summing to exactly 1, and
    the caller keeps one only after checking exactly, in integers, that it strictly
    dominates; otherwise the exact linear program decides.

References
----------
D. G. Pearce, "Rationalizable strategic behavior and the problem of perfection",
Econometrica 52 (1984) 1029–1050.
M. J. Osborne and A. Rubinstein, *A Course in Game Theory*, MIT Press (1994), §4.2.
G. B. Dantzig, *Linear Programming and Extensions*, Princeton University Press (1963).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

__all__ = [
    "ScreenResult",
    "belief_lp",
    "integer_matrix",
    "is_best_response",
    "payoff_ranks",
    "pure_dominance_matrix",
    "rational_weights",
]

#: Boolean entries compared per numpy slice in :func:`pure_dominance_matrix`.
SLICE_ENTRIES = 4_000_000
#: Numerical tolerance of the floating-point simplex (entries are in [1, 2]).
TOLERANCE = 1e-9
#: Bits kept of each belief probability when it is rounded to integers.
BELIEF_BITS = 40


def payoff_ranks(matrix: np.ndarray) -> np.ndarray:
    """The rank of every entry among all entries of ``matrix`` (``int64``, 0 = smallest,
    equal entries equal ranks): the same ``<``, ``=`` and ``>`` between any two entries."""
    flat = matrix.ravel()
    _, inverse = np.unique(flat, return_inverse=True)
    return np.asarray(inverse, dtype=np.int64).reshape(matrix.shape)


def pure_dominance_matrix(ranks: np.ndarray, *, weak: bool = False) -> np.ndarray:
    """``D[k, s]``: row ``k`` of ``ranks`` strictly dominates row ``s`` (with ``weak``:
    at least as large everywhere and larger somewhere).  The diagonal is ``False``."""
    rows, cols = ranks.shape
    out = np.zeros((rows, rows), dtype=bool)
    step = max(1, SLICE_ENTRIES // max(1, rows * cols))
    for start in range(0, rows, step):
        block = ranks[start : start + step, None, :]
        if weak:
            geq = (block >= ranks[None, :, :]).all(axis=2)
            gt = (block > ranks[None, :, :]).any(axis=2)
            out[start : start + step] = geq & gt
        else:
            out[start : start + step] = (block > ranks[None, :, :]).all(axis=2)
    np.fill_diagonal(out, False)
    return out


def integer_matrix(rows: Sequence[Sequence[Fraction]]) -> np.ndarray:
    """A positive multiple of an exact rational matrix with integer entries (an object
    array of Python ints): every comparison of ``U q`` between rows is unchanged."""
    lcm = 1
    for row in rows:
        for v in row:
            d = v.denominator
            if d != 1:
                lcm = lcm * d // math.gcd(lcm, d)
    out = np.empty((len(rows), len(rows[0]) if rows else 0), dtype=object)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            out[i, j] = v.numerator * (lcm // v.denominator)
    return out


def is_best_response(exact: np.ndarray, pos: int, belief: np.ndarray) -> bool:
    """Exactly: row ``pos`` of the integer matrix ``exact`` is a best response to the
    belief ``belief`` (non-negative floats, not all zero), rounded to integers first."""
    top = float(belief.max()) if belief.size else 0.0
    if not top > 0 or not np.all(np.isfinite(belief)):
        return False
    weights = [max(0, round(float(p) / top * 2**BELIEF_BITS)) for p in belief]
    if not any(weights):
        return False
    values = exact.dot(np.array(weights, dtype=object))
    target = values[pos]
    return all(v <= target for v in values)


@dataclass(frozen=True)
class ScreenResult:
    """The floating-point belief program for one strategy (see the module docstring).

    Attributes
    ----------
    value
        The optimum ``max a_sᵀ p``: at least 1 (up to round-off) iff the strategy is a
        best response to some belief.
    belief
        The optimal ``p`` (non-negative, one entry per column).
    weights
        The dual optimum ``σ`` (one entry per *other* row, non-negative):
        ``Σ_k σ_k a_k ≥ a_s`` with ``Σ σ = value``, so ``σ / Σ σ`` strictly dominates the
        strategy when ``value < 1``.
    """

    value: float
    belief: np.ndarray
    weights: np.ndarray


def belief_lp(
    values: np.ndarray, pos: int, *, max_pivots: int | None = None
) -> ScreenResult | None:
    """The belief program of the module docstring for row ``pos`` of ``values``
    (floats), solved in floating point; ``None`` when the simplex gives no trustworthy
    answer (fewer than two rows, non-finite values, too many pivots)."""
    rows, cols = values.shape
    if rows < 2 or cols < 1 or not np.all(np.isfinite(values)):
        return None
    low, high = float(values.min()), float(values.max())
    span = high - low
    if not math.isfinite(span):
        return None
    scaled = np.ones_like(values) if span == 0 else 1.0 + (values - low) / span
    others = np.delete(scaled, pos, axis=0)
    n_rows = others.shape[0]
    # tableau [A | I | 1], objective row [-c | 0 | 0]; basis: the slacks
    tableau = np.zeros((n_rows + 1, cols + n_rows + 1))
    tableau[:n_rows, :cols] = others
    tableau[:n_rows, cols : cols + n_rows] = np.eye(n_rows)
    tableau[:n_rows, -1] = 1.0
    tableau[n_rows, :cols] = -scaled[pos]
    basis = np.arange(cols, cols + n_rows)
    limit = max_pivots if max_pivots is not None else 20 * (n_rows + cols) + 100
    for _ in range(limit):
        reduced = tableau[n_rows, :-1]
        entering = int(np.argmin(reduced))
        if reduced[entering] >= -TOLERANCE:
            break
        column = tableau[:n_rows, entering]
        positive = column > TOLERANCE
        if not positive.any():  # pragma: no cover - bounded: every a_k is positive
            return None
        ratios = np.full(n_rows, np.inf)
        ratios[positive] = tableau[:n_rows, -1][positive] / column[positive]
        leaving = int(np.argmin(ratios))
        tableau[leaving] /= tableau[leaving, entering]
        factors = tableau[:, entering].copy()
        factors[leaving] = 0.0
        tableau -= np.outer(factors, tableau[leaving])
        basis[leaving] = entering
    else:
        return None
    belief = np.zeros(cols)
    for row, var in enumerate(basis):
        if var < cols:
            belief[var] = max(0.0, float(tableau[row, -1]))
    weights = np.maximum(tableau[n_rows, cols : cols + n_rows], 0.0)
    return ScreenResult(float(tableau[n_rows, -1]), belief, weights)


def rational_weights(weights: np.ndarray) -> list[list[Fraction]]:
    """Candidate exact mixed strategies near the float ``weights`` (non-negative, not all
    zero): each rounded with denominators up to 10³, 10⁶ and 10¹², then made to sum to
    exactly 1; the caller checks each exactly."""
    total = float(weights.sum())
    if not total > 0 or not math.isfinite(total):
        return []
    shares = weights / total
    out = []
    for bound in (10**3, 10**6, 10**12):
        approx = [Fraction(float(w)).limit_denominator(bound) for w in shares]
        norm = sum(approx, Fraction(0))
        if norm > 0:
            candidate = [w / norm for w in approx]
            if candidate not in out:
                out.append(candidate)
    return out
