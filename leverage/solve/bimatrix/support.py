"""Support enumeration for bimatrix games, in exact arithmetic.

For every pair of supports ``I`` (rows) and ``J`` (columns) of equal size ``k``, solve
the indifference conditions — the column player's ``Bᵀ x`` is constant on ``J`` and
the row player's ``A y`` constant on ``I`` — and keep the solutions that are
probability vectors with full support whose supports consist of best responses
(Dickhaut & Kaplan 1991; Porter, Nudelman & Shoham 2008; nashpy's
``support_enumeration``).  For a nondegenerate game this finds every equilibrium
(von Stengel 2007, Thm 3.4).  In a degenerate game, equilibria whose supports have
unequal sizes are missed; use vertex enumeration there.

The systems are solved in integer arithmetic on positive integer payoffs (see
:mod:`leverage.solve.bimatrix.fraction_free`), so there is no round-off and no tolerance.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from fractions import Fraction

from .fraction_free import solve_fraction_free

Progress = Callable[[int, int], None]


def _side(
    constraints: Sequence[Sequence[int]], support: Sequence[int], tight: Sequence[int]
) -> tuple[Fraction, ...] | None:
    """Probabilities on ``support`` making every constraint in ``tight`` equal and
    maximal; ``None`` if impossible.  ``constraints`` is ``c × d`` (rows = opponent's
    strategies, columns = own strategies)."""
    system = [[constraints[r][v] for v in support] for r in tight]
    solved = solve_fraction_free(system, [1] * len(support))
    if solved is None:
        return None
    nums, den = solved
    if any(v <= 0 for v in nums):
        return None
    for row in constraints:
        if sum(row[v] * num for v, num in zip(support, nums, strict=True)) > den:
            return None
    d = len(constraints[0])
    full = [0] * d
    for v, num in zip(support, nums, strict=True):
        full[v] = num
    total = sum(full)
    return tuple(Fraction(v, total) for v in full)


def support_enumeration(
    a: Sequence[Sequence[int]],
    b: Sequence[Sequence[int]],
    *,
    progress: Progress | None = None,
) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """Equilibria with equal-size supports of a game with positive integer payoffs.

    Parameters
    ----------
    a, b
        Positive integer ``m × n`` payoff matrices (see
        :func:`leverage.solve.bimatrix.fraction_free.positive_integer_matrix`).
    progress
        Called as ``progress(done, total)`` with the number of support pairs tried.

    Returns
    -------
    list of (x, y)
        Exact mixed strategies, in order of support size then supports.
    """
    m, n = len(a), len(a[0])
    bt = [[b[i][j] for i in range(m)] for j in range(n)]
    total = math.comb(m + n, m) - 1
    done = 0
    found = []
    for k in range(1, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                done += 1
                if progress is not None and done % 5000 == 0:
                    progress(done, total)
                x = _side(bt, rows, cols)
                if x is None:
                    continue
                y = _side(a, cols, rows)
                if y is None:
                    continue
                found.append((x, y))
    if progress is not None:
        progress(total, total)
    return found
