"""Exact integer linear algebra for the enumeration solvers.

Equilibria are unchanged when a player's payoffs are multiplied by a positive number
or shifted by a constant, so every rational bimatrix game can be replaced by an
equivalent one with positive integer payoffs.  Linear systems are then solved by
fraction-free (integer-preserving) Gauss–Jordan elimination, the scheme used by
``lrs`` (Avis 2000): after pivoting on rows ``0..k`` every entry is an integer minor
of the original matrix (Sylvester's identity, Bareiss 1968), so divisions are exact and
no rational number is formed until the answer is read off.

References
----------
E. H. Bareiss, "Sylvester's identity and multistep integer-preserving Gaussian
elimination", Math. Comp. 22 (1968).  D. Avis, "lrs: a revised implementation of the
reverse search vertex enumeration algorithm", in Polytopes — Combinatorics and
Computation (2000).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np


def positive_integer_matrix(matrix: np.ndarray) -> list[list[int]]:
    """A positive integer matrix strategically equivalent to ``matrix``.

    Parameters
    ----------
    matrix
        A 2-D array of exact rationals (``Fraction`` or ``int``).

    Returns
    -------
    list of list of int
        ``L * (matrix - min(matrix)) + 1`` scaled to integers, where ``L`` is the least
        common multiple of the denominators: every entry is at least 1 and the map is a
        positive affine transformation, so best responses are unchanged.
    """
    arr = np.asarray(matrix, dtype=object)
    rows, cols = arr.shape
    entries = [v if isinstance(v, (int, Fraction)) else Fraction(v) for v in arr.flat]
    low = min(entries)
    lcm = 1
    for v in entries:
        den = v.denominator
        if den != 1:
            lcm = lcm * den // math.gcd(lcm, den)
    if lcm == 1:
        low_int = int(low) if not isinstance(low, Fraction) or low.denominator == 1 else None
        if low_int is not None:
            flat = [int(v) - low_int + 1 for v in entries]
            return [flat[r * cols : (r + 1) * cols] for r in range(rows)]
    flat = [int((v - low) * lcm) + 1 for v in entries]
    return [flat[r * cols : (r + 1) * cols] for r in range(rows)]


def solve_fraction_free(
    matrix: Sequence[Sequence[int]], rhs: Sequence[int]
) -> tuple[list[int], int] | None:
    """Solve ``matrix @ x = rhs`` over the rationals in integer arithmetic.

    Parameters
    ----------
    matrix
        A square integer matrix (list of rows).
    rhs
        The integer right-hand side.

    Returns
    -------
    (numerators, denominator) or None
        ``x[i] = numerators[i] / denominator`` with ``denominator > 0``, reduced by the
        common gcd; ``None`` when the matrix is singular.
    """
    n = len(matrix)
    if n == 0:
        return [], 1
    m = [[*row, b] for row, b in zip(matrix, rhs, strict=True)]
    prev = 1
    for k in range(n):
        if m[k][k] == 0:
            for p in range(k + 1, n):
                if m[p][k] != 0:
                    m[k], m[p] = m[p], m[k]
                    break
            else:
                return None
        rowk = m[k]
        pivot = rowk[k]
        for i in range(n):
            if i == k:
                continue
            rowi = m[i]
            factor = rowi[k]
            if factor == 0:
                if pivot != prev:
                    for j in range(n + 1):
                        if j != k:
                            rowi[j] = rowi[j] * pivot // prev
            else:
                for j in range(n + 1):
                    if j != k:
                        rowi[j] = (rowi[j] * pivot - factor * rowk[j]) // prev
                rowi[k] = 0
        prev = pivot
    det = prev
    nums = [m[i][n] for i in range(n)]
    if det < 0:
        det = -det
        nums = [-v for v in nums]
    g = det
    for v in nums:
        g = math.gcd(g, v)
    if g > 1:
        det //= g
        nums = [v // g for v in nums]
    return nums, det
