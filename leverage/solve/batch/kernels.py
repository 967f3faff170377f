"""Batched equilibrium computation for many bimatrix games of one shape.

:func:`solve_batch` finds the Nash equilibria of ``N`` two-player ``m × n`` games given
as float arrays of shape ``(N, m, n)``, with numpy operations over all games of a chunk
at once instead of a Python loop over games.  Points where the floating-point answer
could be wrong are re-solved exactly, so that the result equals, point by point, what
:meth:`leverage.Game.equilibria` reports (every extreme equilibrium).

Mathematics
-----------
*Equal-size support enumeration* (Dickhaut & Kaplan 1991; Porter, Nudelman & Shoham
2008; von Stengel 2007, §3.3).  For supports ``I`` (rows) and ``J`` (columns) with
``|I| = |J| = k``, the *column side* solves for ``x`` on ``I``

.. math:: \\sum_{i \\in I} x_i (B_{i j} - B_{i j_0}) = 0 \\ (j \\in J \\setminus j_0),
   \\qquad \\sum_{i \\in I} x_i = 1,

a ``k × k`` system that does not change when a constant is added to ``B``.  The side is
*feasible* when ``x_I > 0`` and no column outside ``J`` earns the column player more than
the columns of ``J``; ``x`` is then, up to scaling, the vertex of the best-response
polytope ``P = {x ≥ 0 : Bᵀx ≤ 1}`` with labels ``I^c ∪ J``.  The *row side* is the same
for ``y`` on ``J`` with ``A``.  ``(x, y)`` is an equilibrium when both sides are feasible.
Pure strategies (``k = 1``) reduce to best-response comparisons; ``2 × 2`` games are
decided by the signs of their four payoff differences, with closed forms for the mixed
equilibrium.

*Solving stacks.*  The solution is ``x_s = C_s / Σ C`` with ``C`` the cofactors of the
row of ones (Cramer's rule), and it is positive exactly when all cofactors share a sign,
so positivity is decided by signs.  ``k = 2``: ``C = (-b, a)`` for the two entries of
the system.  ``3 ≤ k ≤ 6``: cofactors by Laplace expansion, vectorised over the stack.
``k ≥ 7``: Gauss–Jordan elimination with partial pivoting, which also yields the
condition number :math:`\\kappa_\\infty`.

*When the float answer is trusted.*  Payoffs are divided by a per-point scale ``S`` (the
largest absolute payoff, or the rounding-error scale from
:mod:`leverage.expr.vectorised`), rounded up to a power of two so that the division is
exact.  A sign or comparison is *decided* when it clears a margin: ``r = 10⁻⁹``
(:data:`RTOL`) relative to the magnitudes of the terms involved (for a cofactor, the
permanent of its minor with entries ``|e| + 1``, which bounds both its rounding error and
its sensitivity to errors in the payoffs), widened by the error the solve can add
(``η / (|a| + |b|)`` for ``k = 2``, ``η Σ perm / |det|`` for ``3 ≤ k ≤ 6``, ``η k κ ‖x‖``
beyond; ``η = 256 u``, ``u = 2⁻⁵³``).  A side is *infeasible* when some condition fails
by more than its margin, *feasible* when all hold by more than their margins, and
*undecided* otherwise — in particular when its system is singular or nearly so, unless it
is singular exactly (every cofactor zero; see below).  A point is *ambiguous*, and
re-solved exactly, when

1. a column side of any support pair is undecided.  A degenerate vertex of ``P`` (more
   labels than its dimension ``m``) solves a regular system in which an extra label
   holds with equality, so this happens whenever ``P`` is degenerate or nearly so;
2. the row side of a support pair whose column side is feasible is undecided;
3. some pure strategy has a (near) tie among its best responses (either player);
4. a payoff or its scale is not finite; or
5. the number of equilibria found is even (a safety net: a nondegenerate game has an
   odd number; Shapley 1974).

*Why nothing is lost.*  If no column side is undecided, ``P`` is nondegenerate: every
vertex ``x`` has exactly ``|supp x|`` best-response columns ``T``, and the pair
``(supp x, T)`` has a regular system that is decided feasible.  An extreme equilibrium
``(x, y)`` has ``supp y ⊆ T``.  The row side of ``(supp x, T)`` has ``y`` (zero on
``T \\ supp y``) among its solutions: if ``supp y = T`` it is found; otherwise a
probability is zero or the system is singular, and the side is undecided (rule 2).  A
system that is singular exactly contributes no vertex: it has no solution, or a line of
solutions whose feasible part, if any, ends at degenerate vertices, which are solutions
of other, regular systems with an extra label — ambiguous by rule 1.  (Exact singularity
is read off the float payoffs; for payoffs evaluated from a model, equal floats are
taken as equal payoffs — true of structural equalities; a chance coincidence is a near
tie, which the neighbouring systems flag by the same argument.)  So outside ambiguous
points the equilibria found are exactly the extreme equilibria, each verified by its
decided inequalities.  Row sides are only solved for the few pairs whose column side is
feasible, on compressed arrays.

*Exact fallback.*  Ambiguous points go to ``exact_solver(i)`` — by default
:meth:`leverage.Game.equilibria` on the exact binary values of the payoffs; a model
sweep passes a function that rebuilds the exact game from the model — and are counted
(:data:`FALLBACK` in :attr:`BatchResult.status`).  Games where a player has more than
:data:`MAX_BATCH_STRATEGIES` strategies are solved point by point with the exact solver.

*Storage.*  No Python object is made per point: each point has a structure id (into a
table of distinct structures, as defined in :mod:`leverage.solve.structure`), a
status code, and a slice of flat float64 arrays of equilibrium probabilities and payoffs
(compressed sparse rows).  Chunks bound the working memory.

Modules
-------
This module holds the driver (:func:`solve_batch`, :func:`solve_chunk`) and re-exports
the status codes and :class:`BatchResult`.  The pieces, one concern each:
:mod:`~leverage.solve.batch.base` (tolerances, status codes, scaling),
:mod:`~leverage.solve.batch.kernel_2x2` (the 2×2 closed form),
:mod:`~leverage.solve.batch.systems` (solving and classifying support systems),
:mod:`~leverage.solve.batch.kernel_general` (support enumeration for ``m × n``),
:mod:`~leverage.solve.batch.fallback` (exact re-solving and merging of chunks) and
:mod:`~leverage.solve.batch.result` (:class:`BatchResult`).

References
----------
- J. Dickhaut, T. Kaplan (1991), A program for finding Nash equilibria, *The Mathematica
  Journal* 1(4).
- R. Porter, E. Nudelman, Y. Shoham (2008), Simple search methods for finding a Nash
  equilibrium, *Games and Economic Behavior* 63.
- B. von Stengel (2007), Equilibrium computation for two-player games in strategic and
  extensive form, in *Algorithmic Game Theory*, ch. 3.
- L. S. Shapley (1974), A note on the Lemke–Howson algorithm, *Math. Programming
  Study* 1.
- N. J. Higham (2002), *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ...errors import EvaluationError, ParameterError, UnsupportedError
from .base import (
    BATCHED,
    EXACT,
    FALLBACK,
    MAX_BATCH_STRATEGIES,
    RTOL,
    STATUS_NAMES,
    UNDEFINED,
    ExactSolver,
    FloatChunk,
    Progress,
)
from .fallback import Chunk, Merger, finish_chunk
from .kernel_2x2 import kernel_2x2
from .kernel_general import kernel_general
from .result import BatchResult

if TYPE_CHECKING:  # pragma: no cover
    from ..result import Solution

__all__ = [
    "BATCHED",
    "EXACT",
    "FALLBACK",
    "MAX_BATCH_STRATEGIES",
    "RTOL",
    "STATUS_NAMES",
    "UNDEFINED",
    "BatchResult",
    "Chunk",
    "Merger",
    "default_chunk_size",
    "default_exact_solver",
    "solve_batch",
    "solve_chunk",
]


def default_chunk_size(shape: Sequence[int]) -> int:
    """Games per chunk for a shape: large enough to amortise numpy's per-call overhead,
    small enough that the arrays of one support size (about 10⁵ numbers) stay in cache."""
    m, n = shape
    if (m, n) == (2, 2):
        return 1 << 17
    if max(m, n) > MAX_BATCH_STRATEGIES:
        # solved one by one, exactly: about 10⁵ linear systems per chunk, so that
        # progress is reported every second or so
        return int(max(1, min(256, 100_000 // (2 * math.comb(m + n, m)))))
    pairs = max(math.comb(m, k) * math.comb(n, k) for k in range(1, min(m, n) + 1))
    return int(max(32, min(1 << 16, (1 << 17) // pairs)))


def solve_chunk(
    a: np.ndarray,
    b: np.ndarray,
    *,
    scales: tuple[np.ndarray, np.ndarray] | None = None,
    exact_solver: ExactSolver | None = None,
    offset: int = 0,
    exact: bool = False,
    rtol: float = RTOL,
    store: bool = True,
) -> Chunk:
    """Solve one chunk of games, without further chunking.

    Used by :func:`solve_batch` and by the chunks of
    :mod:`leverage.analysis.pipeline`; join the chunks, in order, with
    :class:`~leverage.solve.batch.fallback.Merger`.

    Parameters
    ----------
    a, b
        Payoffs of the chunk's games, float arrays ``(Nc, m, n)``.
    scales
        Optional per-point error scales (see :func:`solve_batch`).
    exact_solver
        Exact solver of game ``offset + i`` (default :func:`default_exact_solver`).
    offset
        Index of the chunk's first game in the whole batch.
    exact
        Solve every game exactly.
    rtol
        Relative margin of the float decisions.
    store
        Keep probabilities and payoffs.

    Returns
    -------
    Chunk
        The chunk's structures (local ids), status, counts and rows.
    """
    npts, m, n = a.shape
    solver = exact_solver if exact_solver is not None else default_exact_solver(a, b, offset)
    fl: FloatChunk | None
    if exact or max(m, n) > MAX_BATCH_STRATEGIES:
        fl = None
    elif (m, n) == (2, 2):
        fl = kernel_2x2(a, b, scales, rtol, store)
    else:
        fl = kernel_general(a, b, scales, rtol, store)
    return finish_chunk((m, n), npts, fl, solver, offset, store)


def default_exact_solver(a: np.ndarray, b: np.ndarray, offset: int) -> ExactSolver:
    """The exact solver of game ``offset + k`` of a chunk: :meth:`leverage.Game.equilibria`
    on the exact binary values of ``a[k]``, ``b[k]`` (undefined if not finite)."""
    from ...games.strategic import Game

    def solve(i: int) -> Solution:
        k = i - offset
        if not (np.isfinite(a[k]).all() and np.isfinite(b[k]).all()):
            raise EvaluationError("payoffs are not finite")
        return Game.from_arrays(a[k].tolist(), b[k].tolist(), exact=False).equilibria()

    return solve


def solve_batch(
    A: np.ndarray,
    B: np.ndarray,
    *,
    chunk_size: int | None = None,
    progress: Progress | None = None,
    exact_solver: ExactSolver | None = None,
    scales: tuple[np.ndarray, np.ndarray] | None = None,
    exact: bool = False,
    rtol: float = RTOL,
    store_equilibria: bool = True,
) -> BatchResult:
    """Every Nash equilibrium of ``N`` bimatrix games, in vectorised batches.

    Parameters
    ----------
    A, B
        Row and column player's payoffs, float arrays of shape ``(N, m, n)``.
    chunk_size
        Games per chunk (bounds memory); default :func:`default_chunk_size`.
    progress
        Called as ``progress(done, total)`` after each chunk.
    exact_solver
        ``exact_solver(i)`` returns the exact :class:`~leverage.Solution` of game ``i``;
        used for ambiguous points.  Default: :meth:`leverage.Game.equilibria` on the
        exact binary values of ``A[i]``, ``B[i]``.  It may raise
        :class:`~leverage.errors.EvaluationError` to mark a point undefined.
    scales
        Optional per-point error scales ``(S_A, S_B)`` (arrays of shape ``(N,)``) that
        tolerances are measured against, e.g. from
        :meth:`~leverage.expr.vectorised.CompiledPayoffs.evaluate`; by default the
        largest absolute payoff of each player.
    exact
        Solve every game with ``exact_solver`` (slow; for checks and small batches).
    rtol
        Relative margin of the float decisions (see the module docstring).
    store_equilibria
        Keep probabilities and payoffs (``8 (m + n + 2)`` bytes per equilibrium); when
        false only structures, status and counts are kept.

    Returns
    -------
    BatchResult

    Raises
    ------
    ParameterError
        Arrays of different shapes, or a player without strategies.
    UnsupportedError
        Arrays that are not three-dimensional (games of two players).

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[[2.0, 0.0], [0.0, 1.0]], [[3.0, 0.0], [5.0, 1.0]]])
    >>> B = np.array([[[1.0, 0.0], [0.0, 2.0]], [[3.0, 5.0], [0.0, 1.0]]])
    >>> result = solve_batch(A, B)
    >>> result.structure_at(0)
    (((0,), (0,)), ((0, 1), (0, 1)), ((1,), (1,)))
    >>> [e.strategies for e in result.equilibria_at(1)]
    [((0.0, 1.0), (0.0, 1.0))]
    """
    a = np.ascontiguousarray(A, dtype=np.float64)
    b = np.ascontiguousarray(B, dtype=np.float64)
    if a.ndim != 3 or b.ndim != 3:
        raise UnsupportedError("solve_batch takes two arrays of shape (N, m, n)")
    if a.shape != b.shape:
        raise ParameterError(f"payoff arrays have different shapes {a.shape} and {b.shape}")
    npts, m, n = a.shape
    if m < 1 or n < 1:
        raise ParameterError("each player needs at least one strategy")
    size = chunk_size or default_chunk_size((m, n))
    if size < 1:
        raise ParameterError("chunk_size must be positive")
    merger = Merger((m, n), store_equilibria)
    for start in range(0, npts, size):
        stop = min(npts, start + size)
        sc = None if scales is None else (scales[0][start:stop], scales[1][start:stop])
        merger.add(
            solve_chunk(
                a[start:stop],
                b[start:stop],
                scales=sc,
                exact_solver=exact_solver,
                offset=start,
                exact=exact,
                rtol=rtol,
                store=store_equilibria,
            )
        )
        if progress is not None:
            progress(stop, npts)
    return merger.finish()
