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

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import EvaluationError, ParameterError, UnsupportedError
from ..result import Equilibrium
from ..structure import Structure, structure

if TYPE_CHECKING:  # pragma: no cover
    from ..result import Solution

__all__ = [
    "BATCHED",
    "EXACT",
    "FALLBACK",
    "MAX_BATCH_STRATEGIES",
    "RTOL",
    "UNDEFINED",
    "BatchResult",
    "default_chunk_size",
    "solve_batch",
]

#: Relative margin below which a float decision counts as undecided.
RTOL = 1e-9
#: Largest number of strategies of a player solved in batches (beyond: point by point).
MAX_BATCH_STRATEGIES = 8
#: Condition number beyond which a solved support system counts as singular.
SINGULAR_CONDITION = 1e13
#: Largest support size solved by Cramer's rule (Laplace expansion); beyond, Gauss–Jordan.
MAX_CRAMER = 6
#: At most this many messages about undefined points are kept.
MAX_MESSAGES = 1000

#: Status codes of :attr:`BatchResult.status`.
BATCHED = 0  #: decided in floating point
FALLBACK = 1  #: ambiguous in floating point (or not finite), re-solved exactly
EXACT = 2  #: solved exactly as requested (or because the game is too large to batch)
UNDEFINED = 3  #: some payoff is undefined at this point: no equilibria

STATUS_NAMES = {BATCHED: "batched", FALLBACK: "exact", EXACT: "exact", UNDEFINED: "undefined"}

_U = 2.0**-53
_ETA = 256 * _U  # bound on the relative error of normalised payoffs and their differences

Progress = Callable[[int, int], None]
ExactSolver = Callable[[int], "Solution"]


# ============================================================================ results


class BatchResult:
    """Equilibria of ``N`` games, stored compactly.

    Attributes
    ----------
    shape
        ``(m, n)``, the number of strategies of each player.
    structures
        The table of distinct equilibrium structures, in order of first appearance.
    structure_ids
        ``int32`` array ``(N,)``: index into :attr:`structures`, ``-1`` where undefined.
    status
        ``uint8`` array ``(N,)``: :data:`BATCHED`, :data:`FALLBACK`, :data:`EXACT` or
        :data:`UNDEFINED`.
    offsets
        ``int64`` array ``(N + 1,)``: the equilibria of point ``i`` are the rows
        ``offsets[i]:offsets[i + 1]`` of :attr:`strategies` and :attr:`payoffs`, in the
        order of its structure (sorted supports; ties broken by probabilities).
    messages
        Why points are undefined, by point index (at most :data:`MAX_MESSAGES`).
    stored
        Whether probabilities and payoffs were kept (else only structures and counts).
    """

    def __init__(
        self,
        shape: tuple[int, int],
        structures: tuple[Structure, ...],
        structure_ids: np.ndarray,
        status: np.ndarray,
        offsets: np.ndarray,
        strategies: Sequence[np.ndarray],
        payoffs: Sequence[np.ndarray],
        messages: dict[int, str] | None = None,
        stored: bool = True,
    ) -> None:
        self.shape = shape
        self.structures = structures
        self.structure_ids = structure_ids
        self.status = status
        self.offsets = offsets
        self.messages = dict(messages or {})
        self.stored = stored
        # equilibrium rows are kept in the chunks they were computed in (no copy)
        self._strategies = list(strategies)
        self._payoffs = list(payoffs)
        sizes = [len(p) for p in self._strategies]
        self._row_starts = np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)])

    def __len__(self) -> int:
        return len(self.structure_ids)

    def __repr__(self) -> str:
        return (
            f"<BatchResult: {len(self)} games {self.shape[0]}×{self.shape[1]}, "
            f"{len(self.structures)} structures, {self.n_fallback} solved exactly, "
            f"{self.n_undefined} undefined>"
        )

    @property
    def strategies(self) -> np.ndarray:
        """``float64`` array ``(E, m + n)``: each equilibrium's probabilities, the row
        player's then the column player's (exactly ``0.0`` off the support)."""
        self._materialise()
        return self._strategies[0]

    @property
    def payoffs(self) -> np.ndarray:
        """``float64`` array ``(E, 2)``: each equilibrium's expected payoffs."""
        self._materialise()
        return self._payoffs[0]

    def _materialise(self) -> None:
        if len(self._strategies) != 1:
            m, n = self.shape
            strategies = np.concatenate(self._strategies) if self._strategies else None
            payoffs = np.concatenate(self._payoffs) if self._payoffs else None
            self._strategies = [strategies if strategies is not None else _empty(m + n)]
            self._payoffs = [payoffs if payoffs is not None else _empty(2)]
            self._row_starts = np.array([0, len(self._strategies[0])], dtype=np.int64)

    @property
    def n_fallback(self) -> int:
        """Number of points re-solved exactly because the float answer was ambiguous."""
        return int(np.count_nonzero(self.status == FALLBACK))

    @property
    def n_undefined(self) -> int:
        """Number of points where some payoff is undefined."""
        return int(np.count_nonzero(self.status == UNDEFINED))

    def equilibrium_counts(self) -> np.ndarray:
        """Number of equilibria at each point (``0`` where undefined)."""
        return np.diff(self.offsets)

    def structure_at(self, i: int) -> Structure | None:
        """The structure (sorted supports) at point ``i``; ``None`` where undefined."""
        sid = int(self.structure_ids[i])
        return None if sid < 0 else self.structures[sid]

    def rows_at(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities ``(k, m + n)`` and payoffs ``(k, 2)`` of the ``k`` equilibria at
        point ``i`` (views, not copies).

        Raises
        ------
        ParameterError
            If equilibria were not stored (``store_equilibria=False``).
        """
        if not self.stored:
            raise ParameterError("equilibria were not stored (store_equilibria=False)")
        lo, hi = int(self.offsets[i]), int(self.offsets[i + 1])
        part = int(np.searchsorted(self._row_starts, lo, side="right")) - 1
        part = min(max(part, 0), len(self._strategies) - 1)
        base = int(self._row_starts[part])
        return (
            self._strategies[part][lo - base : hi - base],
            self._payoffs[part][lo - base : hi - base],
        )

    def equilibria_at(self, i: int) -> tuple[Equilibrium, ...]:
        """The equilibria at point ``i``, as float :class:`~leverage.Equilibrium` objects.

        Raises
        ------
        ParameterError
            If equilibria were not stored (``store_equilibria=False``).
        """
        strategies, payoffs = self.rows_at(i)
        m = self.shape[0]
        out = []
        for row, pay in zip(strategies.tolist(), payoffs.tolist(), strict=True):
            out.append(Equilibrium((tuple(row[:m]), tuple(row[m:])), tuple(pay), exact=False))
        return tuple(out)

    def counts(self) -> dict[int, int]:
        """Number of points per structure id (``-1``: undefined points), ids ascending."""
        ids, cnt = np.unique(self.structure_ids, return_counts=True)
        return {int(i): int(c) for i, c in zip(ids, cnt, strict=True)}


# ============================================================================ support pairs


@dataclass(frozen=True)
class _Pairs:
    """Support pairs of size ``k`` and their global rank in structure order."""

    k: int
    rows: np.ndarray  # (R, k) row supports
    cols: np.ndarray  # (C, k) column supports
    rows_out: np.ndarray  # (R, m - k) rows outside each row support
    cols_out: np.ndarray  # (C, n - k) columns outside each column support
    rank: np.ndarray  # (R, C) global rank


@dataclass(frozen=True)
class _Layout:
    m: int
    n: int
    by_k: tuple[_Pairs, ...]
    supports: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]  # by rank

    @property
    def count(self) -> int:
        return len(self.supports)


_LAYOUTS: dict[tuple[int, int], _Layout] = {}


def _complement(sets: list[tuple[int, ...]], size: int) -> np.ndarray:
    out = [[v for v in range(size) if v not in s] for s in sets]
    return np.array(out, dtype=np.intp).reshape(len(sets), size - len(sets[0]))


def _layout(m: int, n: int) -> _Layout:
    if (m, n) not in _LAYOUTS:
        by_size = []
        for k in range(1, min(m, n) + 1):
            rows = list(itertools.combinations(range(m), k))
            cols = list(itertools.combinations(range(n), k))
            by_size.append((k, rows, cols))
        ordered = sorted((r, c) for _, rows, cols in by_size for r in rows for c in cols)
        rank_of = {p: i for i, p in enumerate(ordered)}
        by_k = tuple(
            _Pairs(
                k,
                np.array(rows, dtype=np.intp),
                np.array(cols, dtype=np.intp),
                _complement(rows, m),
                _complement(cols, n),
                np.array([[rank_of[(r, c)] for c in cols] for r in rows], dtype=np.int64),
            )
            for k, rows, cols in by_size
        )
        _LAYOUTS[(m, n)] = _Layout(m, n, by_k, tuple(ordered))
    return _LAYOUTS[(m, n)]


# ============================================================================ float kernels


@dataclass
class _FloatChunk:
    """Float results of one chunk, for its decided points only."""

    ambiguous: np.ndarray  # (Nc,) finite and ambiguous
    finite: np.ndarray  # (Nc,)
    ids: np.ndarray  # (Nc,) int32 local structure ids of decided points, -1 elsewhere
    table: list[Structure]
    counts: np.ndarray  # (Nc,) equilibria per decided point
    strategies: np.ndarray  # (E, m + n) in point order
    payoffs: np.ndarray  # (E, 2)


def _max_abs(arr: np.ndarray) -> np.ndarray:
    """Largest absolute entry of each game (``nan`` propagates), without slow reductions."""
    flat = arr.reshape(len(arr), -1)
    out = np.abs(flat[:, 0])
    for c in range(1, flat.shape[1]):
        np.maximum(out, np.abs(flat[:, c]), out=out)
    return out


def _scale(amax: np.ndarray, given: np.ndarray | None) -> np.ndarray:
    """The tolerance scale, rounded up to a power of two so that dividing payoffs by it
    is exact (equal payoffs stay equal, differences keep their sign)."""
    s = amax if given is None else np.maximum(amax, given)
    s = np.where(s == 0, 1.0, s)
    # 2**floor(log2 s), by clearing the mantissa bits, then doubled: a power of two >= s
    # (subnormal s give 0 here and are replaced by the smallest normal number)
    bits = s.view(np.int64) & np.int64(0x7FF0000000000000)
    power = bits.view(np.float64) * 2.0
    return np.where(power > 0, power, np.finfo(np.float64).tiny)


# 2×2 equilibria in structure order: (0,)(0,)  (0,)(1,)  (0,1)(0,1)  (1,)(0,)  (1,)(1,)
_SUPPORTS_2X2 = (
    ((0,), (0,)),
    ((0,), (1,)),
    ((0, 1), (0, 1)),
    ((1,), (0,)),
    ((1,), (1,)),
)
_CODE_STRUCTURES = [
    tuple(s for bit, s in enumerate(_SUPPORTS_2X2) if code >> bit & 1) for code in range(32)
]
_CODE_COUNTS = np.array([bin(code).count("1") for code in range(32)], dtype=np.int64)
_ROWS_2X2 = np.array(
    [[1, 0, 1, 0], [1, 0, 0, 1], [0, 0, 0, 0], [0, 1, 1, 0], [0, 1, 0, 1]], dtype=np.float64
)
_CELLS_2X2 = np.array([0, 1, 0, 2, 3], dtype=np.int64)  # flat cell of each pure profile


def _kernel_2x2(
    a: np.ndarray,
    b: np.ndarray,
    given: tuple[np.ndarray, np.ndarray] | None,
    rtol: float,
    store: bool,
) -> _FloatChunk:
    """Closed form for 2×2 games: the signs of the four payoff differences decide."""
    npts = len(a)
    af = a.reshape(npts, 4)
    bf = b.reshape(npts, 4)
    a00, a01, a10, a11 = (af[:, c] for c in range(4))
    b00, b01, b10, b11 = (bf[:, c] for c in range(4))
    with np.errstate(all="ignore"):
        amax, bmax = _max_abs(a), _max_abs(b)
        finite = np.isfinite(amax) & np.isfinite(bmax)
        sa = _scale(amax, None if given is None else given[0])
        sb = _scale(bmax, None if given is None else given[1])
        da0 = a00 - a10  # row 0 over row 1 against column 0
        da1 = a01 - a11
        db0 = b00 - b01  # column 0 over column 1 against row 0
        db1 = b10 - b11
        ma = rtol * sa
        mb = rtol * sb
        ambiguous = np.abs(da0) <= ma
        ambiguous |= np.abs(da1) <= ma
        ambiguous |= np.abs(db0) <= mb
        ambiguous |= np.abs(db1) <= mb
        ambiguous |= ~np.isfinite(sa)
        ambiguous |= ~np.isfinite(sb)
        ambiguous &= finite
        ok = finite & ~ambiguous
        pa0, pa1, pb0, pb1 = da0 > 0, da1 > 0, db0 > 0, db1 > 0
        masks = (
            ok & pa0 & pb0,
            ok & pa1 & ~pb0,
            ok & (pa0 != pa1) & (pb0 != pb1),
            ok & ~pa0 & pb1,
            ok & ~pa1 & ~pb1,
        )
        code = np.zeros(npts, dtype=np.int64)
        for bit, mk in enumerate(masks):
            code |= mk.astype(np.int64) << bit
        present = np.flatnonzero(np.bincount(code, minlength=32)[1:]) + 1
        first = np.array([np.argmax(code == c) for c in present], dtype=np.int64)
        order = present[np.argsort(first, kind="stable")]
        lut = np.full(32, -1, dtype=np.int32)
        lut[order] = np.arange(len(order), dtype=np.int32)
        ids = lut[code]
        table = [_CODE_STRUCTURES[c] for c in order]
        counts = _CODE_COUNTS[code]
        if not store:
            return _FloatChunk(ambiguous, finite, ids, table, counts, _empty(4), _empty(2))
        # rows in (point, rank) order, i.e. compressed sparse rows
        point, rank = np.divmod(np.flatnonzero(np.stack(masks, axis=1).reshape(-1)), 5)
        strategies = np.take(_ROWS_2X2, rank, axis=0)
        cell = _CELLS_2X2[rank] + 4 * point
        payoffs = np.empty((len(point), 2))
        payoffs[:, 0] = af.reshape(-1)[cell]
        payoffs[:, 1] = bf.reshape(-1)[cell]
        mixed = np.flatnonzero(rank == 2)
        if len(mixed):
            idx = point[mixed]
            q = da1[idx] / (da1[idx] - da0[idx])  # column player's weight on column 0
            p = db1[idx] / (db1[idx] - db0[idx])  # row player's weight on row 0
            strategies[mixed] = np.stack([p, 1.0 - p, q, 1.0 - q], axis=1)
            payoffs[mixed, 0] = q * a00[idx] + (1.0 - q) * a01[idx]
            payoffs[mixed, 1] = p * b00[idx] + (1.0 - p) * b10[idx]
    return _FloatChunk(ambiguous, finite, ids, table, counts, strategies, payoffs)


def _empty(width: int) -> np.ndarray:
    return np.zeros((0, width))


def _classify(
    entries: list[list[np.ndarray]],
    base: list[np.ndarray],
    others: list[list[np.ndarray]],
    rtol: float,
) -> tuple[np.ndarray, np.ndarray, list[np.ndarray], np.ndarray]:
    """Solve and classify one side of a stack of support pairs of size ``k``.

    ``entries[t][s]`` (``t < k - 1``) are the system's rows (payoff differences of the
    chooser between indifferent strategies ``t + 1`` and ``0``, for the mixer's support
    strategy ``s``); ``base[s]`` the chooser's payoff of indifferent strategy 0;
    ``others[q][s]`` its payoff of the ``q``-th strategy outside the indifferent set.
    All arrays broadcast to one shape.  Returns the masks ``ok`` and ``undecided``, the
    ``k`` probability arrays and the chooser's (normalised) payoff, meaningful where
    ``ok``.
    """
    k = len(base)
    if k == 2:
        a, b = entries[0]
        ap, an, bp, bn = a > rtol, a < -rtol, b > rtol, b < -rtol
        pos_ok = ap & bn
        pos_ok |= an & bp
        pos_bad = ap & bp
        pos_bad |= an & bn
        pos_bad |= (a == 0) & (b == 0)  # exactly singular: no vertex (see module doc)
        diff = b - a
        probs = [b / diff, a / diff]
        np.negative(probs[1], out=probs[1])
        err = np.abs(a)
        err += np.abs(b)
        np.divide(_ETA, err, out=err)
    elif k <= MAX_CRAMER:
        cof, perm = _cofactors(entries)
        margin = [rtol * z for z in perm]
        plus = [c > mg for c, mg in zip(cof, margin, strict=True)]
        minus = [c < -mg for c, mg in zip(cof, margin, strict=True)]
        pos_ok = np.logical_and.reduce(plus) | np.logical_and.reduce(minus)
        det = cof[0]
        total = perm[0]
        for c, z in zip(cof[1:], perm[1:], strict=True):
            det = det + c
            total = total + z
        pos_bad = np.logical_or.reduce(plus) & np.logical_or.reduce(minus)
        pos_bad &= np.abs(det) > rtol * total
        pos_bad |= np.logical_and.reduce([c == 0 for c in cof])  # exactly singular
        probs = [c / det for c in cof]
        err = (4.0 * _ETA) * total / np.abs(det)
    else:
        probs, cond, singular = _gauss_jordan(entries)
        size = np.maximum(1.0, np.maximum.reduce([np.abs(p) for p in probs]))
        err = _ETA * k * cond * size
        tol_p = rtol + err
        pos_ok = ~singular
        pos_bad = ~singular
        for p in probs:
            pos_ok &= p > tol_p
        pos_bad &= np.logical_or.reduce([p < -tol_p for p in probs])
    value = probs[0] * base[0]
    for s in range(1, k):
        value += probs[s] * base[s]
    tol = err
    tol *= 2.0 * k
    tol += rtol
    ok, bad = pos_ok, pos_bad
    if others:
        gain = None
        for row in others:
            g = probs[0] * row[0]
            for s in range(1, k):
                g += probs[s] * row[s]
            gain = g if gain is None else np.maximum(gain, g, out=gain)
        assert gain is not None
        gain -= value
        ok &= gain < -tol
        bad |= gain > tol
    undecided = ok | bad
    np.logical_not(undecided, out=undecided)
    return ok, undecided, probs, value


def _cofactors(entries: list[list[np.ndarray]]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Cofactors of the row of ones of ``[entries; 1 … 1]`` (``k × k``), by Laplace
    expansion, with matching bounds.

    ``x_s = cof_s / Σ cof`` solves the system.  ``perm[s]`` is the permanent of the
    minor with every entry ``e`` replaced by ``|e| + 1``: it bounds the terms of the
    expansion (so its rounding error is below ``c u perm``) and every partial derivative
    of the cofactor with respect to an entry (so the effect of errors in the entries).
    """
    k = len(entries) + 1
    last = k - 2
    minors: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray]] = {}
    for c in range(k):
        e = entries[last][c]
        minors[(c,)] = (e, np.abs(e) + 1.0)
    for t in range(last - 1, -1, -1):
        size = k - 1 - t
        row = entries[t]
        mag = [np.abs(e) + 1.0 for e in row]
        level: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray]] = {}
        for cols in itertools.combinations(range(k), size):
            value = perm = None
            for i, c in enumerate(cols):
                sub_v, sub_p = minors[cols[:i] + cols[i + 1 :]]
                term = row[c] * sub_v
                value = term if value is None else (value - term if i % 2 else value + term)
                pterm = mag[c] * sub_p
                perm = pterm if perm is None else perm + pterm
            level[cols] = (value, perm)  # type: ignore[assignment]
        minors = level
    cof, perm = [], []
    for s in range(k):
        v, p = minors[tuple(c for c in range(k) if c != s)]
        cof.append(v if (k - 1 + s) % 2 == 0 else -v)
        perm.append(p)
    return cof, perm


def _gauss_jordan(entries: list[list[np.ndarray]]):
    """Last column of the inverse of ``[entries; 1 … 1]`` for a stack, by Gauss–Jordan
    elimination with partial pivoting; also ∞-norm condition numbers and singularity."""
    k = len(entries) + 1
    shape = np.broadcast(*[e for row in entries for e in row]).shape
    s = int(np.prod(shape))
    mat = np.empty((k, k, s))
    for t, row in enumerate(entries):
        for c, e in enumerate(row):
            mat[t, c] = np.broadcast_to(e, shape).ravel()
    mat[k - 1] = 1.0
    aug = np.zeros((k, 2 * k, s))
    aug[:, :k] = mat
    for r in range(k):
        aug[r, k + r] = 1.0
    singular = np.zeros(s, dtype=bool)
    for c in range(k):
        piv = np.argmax(np.abs(aug[c:, c, :]), axis=0) + c
        rows = np.take_along_axis(aug, piv[None, None, :], axis=0)[0]
        np.put_along_axis(aug, piv[None, None, :], aug[c][None], axis=0)
        aug[c] = rows
        pivot = aug[c, c]
        zero = pivot == 0
        singular |= zero
        aug[c] /= np.where(zero, 1.0, pivot)
        factors = aug[:, c, :].copy()
        factors[c] = 0.0
        aug -= factors[:, None, :] * aug[c][None, :, :]
    inv = aug[:, k:, :]
    cond = np.abs(mat).sum(axis=1).max(axis=0) * np.abs(inv).sum(axis=1).max(axis=0)
    singular |= ~(cond <= SINGULAR_CONDITION)
    probs = [inv[r, k - 1].reshape(shape) for r in range(k)]
    return probs, cond.reshape(shape), singular.reshape(shape)


def _pure(pay: np.ndarray, rtol: float) -> tuple[np.ndarray, np.ndarray]:
    """Pure best responses; ``pay`` is ``(d, c, N)``: the chooser picks one of ``c``
    strategies against each of the opponent's ``d``.  Returns ``ok`` (strictly best by
    the margin) and ``undecided`` (a near tie at the maximum), both ``(d, c, N)``."""
    c = pay.shape[1]
    ok = np.empty(pay.shape, dtype=bool)
    bad = np.empty(pay.shape, dtype=bool)
    best = pay[:, 0].copy()  # the largest and second largest payoff (ties count twice)
    second = np.full_like(best, -np.inf)
    for j in range(1, c):
        np.maximum(second, np.minimum(best, pay[:, j]), out=second)
        np.maximum(best, pay[:, j], out=best)
    for j in range(c):
        rival = np.where(pay[:, j] >= best, second, best)  # best of the other strategies
        ok[:, j] = pay[:, j] - rival > rtol
        bad[:, j] = best - pay[:, j] > rtol
    return ok, ~(ok | bad)


def _kernel_general(
    a: np.ndarray,
    b: np.ndarray,
    given: tuple[np.ndarray, np.ndarray] | None,
    rtol: float,
    store: bool,
) -> _FloatChunk:
    """Equal-size support enumeration over stacks, for any ``m × n``."""
    npts, m, n = a.shape
    layout = _layout(m, n)
    with np.errstate(all="ignore"):
        amax, bmax = _max_abs(a), _max_abs(b)
        finite = np.isfinite(amax) & np.isfinite(bmax)
        sa = _scale(amax, None if given is None else given[0])
        sb = _scale(bmax, None if given is None else given[1])
        ambiguous = ~(np.isfinite(sa) & np.isfinite(sb))
        # normalised payoffs, strategy axes first and points last (contiguous)
        b_rc = np.ascontiguousarray((b / sb[:, None, None]).transpose(1, 2, 0))  # B[i, j]
        a_cr = np.ascontiguousarray((a / sa[:, None, None]).transpose(2, 1, 0))  # A[i, j]ᵀ
        a_flat = a_cr.reshape(-1)
        eqmat = np.zeros((layout.count, npts), dtype=bool)  # equilibria by (rank, point)
        found: list[tuple[Any, ...]] = []
        for pairs in layout.by_k:
            if pairs.k == 1:
                ok_x, und_x = _pure(b_rc, rtol)
                ok_yt, und_yt = _pure(a_cr, rtol)
                ambiguous |= und_x.any(axis=(0, 1)) | und_yt.any(axis=(0, 1))
                eq = ok_x & ok_yt.transpose(1, 0, 2)
                r_idx, c_idx, p_idx = _unravel(np.flatnonzero(eq), n, npts)
                eqmat[pairs.rank[r_idx, c_idx], p_idx] = True
                u = a[p_idx, pairs.rows[r_idx, 0], pairs.cols[c_idx, 0]]
                v = b[p_idx, pairs.rows[r_idx, 0], pairs.cols[c_idx, 0]]
                found.append((1, p_idx, pairs.rank[r_idx, c_idx], r_idx, c_idx, None, None, u, v))
                continue
            ok_x, und_x, px, vx = _column_side(b_rc, pairs, rtol)
            ambiguous |= und_x.any(axis=(0, 1))
            flat = np.flatnonzero(ok_x)
            r_idx, c_idx, p_idx = _unravel(flat, len(pairs.cols), npts)
            ok_y, und_y, py, vy = _row_side(a_flat, m, n, npts, pairs, r_idx, c_idx, p_idx, rtol)
            ambiguous[p_idx[und_y]] = True
            sel = np.flatnonzero(ok_y)
            r_idx, c_idx, p_idx, flat = r_idx[sel], c_idx[sel], p_idx[sel], flat[sel]
            eqmat[pairs.rank[r_idx, c_idx], p_idx] = True
            xs = np.stack([p.reshape(-1)[flat] for p in px], axis=1)
            ys = np.stack([p[sel] for p in py], axis=1)
            u = vy[sel] * sa[p_idx]  # row player's payoff: its value at y, unnormalised
            v = vx.reshape(-1)[flat] * sb[p_idx]
            found.append((pairs.k, p_idx, pairs.rank[r_idx, c_idx], r_idx, c_idx, xs, ys, u, v))
        ambiguous |= np.count_nonzero(eqmat, axis=0) % 2 == 0
        ambiguous &= finite
    decided = finite & ~ambiguous
    return _assemble_general(layout, found, eqmat, decided, ambiguous, finite, store)


def _unravel(flat: np.ndarray, cols: int, npts: int) -> tuple[np.ndarray, ...]:
    """Indices ``(r, c, p)`` of flat positions in an array of shape ``(R, cols, npts)``."""
    rc, p = np.divmod(flat, npts)
    r, c = np.divmod(rc, cols)
    return r, c, p


def _column_side(pay: np.ndarray, pairs: _Pairs, rtol: float):
    """Column sides of all pairs of one size: ``pay`` is ``B`` as ``(m, n, N)``."""
    k = pairs.k
    rr = [pairs.rows[:, s][:, None] for s in range(k)]  # (R, 1)
    cc = [pairs.cols[:, t][None, :] for t in range(k)]  # (1, C)
    base = [pay[rr[s], cc[0]] for s in range(k)]
    entries = [[pay[rr[s], cc[t]] - base[s] for s in range(k)] for t in range(1, k)]
    others = [
        [pay[rr[s], pairs.cols_out[:, q][None, :]] for s in range(k)]
        for q in range(pairs.cols_out.shape[1])
    ]
    return _classify(entries, base, others, rtol)


def _row_side(
    a_flat: np.ndarray,
    m: int,
    n: int,
    npts: int,
    pairs: _Pairs,
    r_idx: np.ndarray,
    c_idx: np.ndarray,
    p_idx: np.ndarray,
    rtol: float,
):
    """Row sides of the listed pairs only (compressed): ``a_flat`` is ``Aᵀ`` flattened."""
    k = pairs.k
    rows = pairs.rows[r_idx]  # (L, k)
    cols = pairs.cols[c_idx]
    rows_out = pairs.rows_out[r_idx]

    # flat index of Aᵀ[j, i] at point p: (j m + i) N + p
    col_at = [cols[:, s] * (m * npts) + p_idx for s in range(k)]
    row_at = [rows[:, t] * npts for t in range(k)]
    out_at = [rows_out[:, q] * npts for q in range(m - k)]
    base = [a_flat[col_at[s] + row_at[0]] for s in range(k)]
    entries = [[a_flat[col_at[s] + row_at[t]] - base[s] for s in range(k)] for t in range(1, k)]
    others = [[a_flat[col_at[s] + out_at[q]] for s in range(k)] for q in range(m - k)]
    return _classify(entries, base, others, rtol)


def _assemble_general(
    layout: _Layout,
    found: list[tuple[Any, ...]],
    eqmat: np.ndarray,
    decided: np.ndarray,
    ambiguous: np.ndarray,
    finite: np.ndarray,
    store: bool,
) -> _FloatChunk:
    """Structures and compressed rows of the decided points, without sorting: the row of
    an equilibrium is its point's start plus the number of lower-ranked equilibria there."""
    npts = eqmat.shape[1]
    m, n = layout.m, layout.n
    eqmat[:, ~decided] = False
    before = np.cumsum(eqmat, axis=0, dtype=np.int32)  # equilibria of rank <= r at p
    counts = before[-1].astype(np.int64)
    dec = np.flatnonzero(decided)
    ids = np.full(npts, -1, dtype=np.int32)
    table: list[Structure] = []
    if len(dec):
        keys, inverse = _unique_columns(eqmat[:, dec])
        supports = layout.supports
        table = [tuple([supports[r] for r in np.flatnonzero(key)]) for key in keys]
        ids[dec] = inverse.astype(np.int32)
    if not store:
        return _FloatChunk(ambiguous, finite, ids, table, counts, _empty(m + n), _empty(2))
    total = int(counts.sum())
    starts = np.cumsum(counts) - counts
    strategies = np.zeros((total, m + n))
    payoffs = np.empty((total, 2))
    flat_s = strategies.reshape(-1)  # 1-D scatters are much faster than 2-D ones
    flat_p = payoffs.reshape(-1)
    for k, p_idx, rank, r_idx, c_idx, px, py, u, v in found:
        keep = np.flatnonzero(decided[p_idx])
        p_idx, rank, r_idx, c_idx = p_idx[keep], rank[keep], r_idx[keep], c_idx[keep]
        pos = starts[p_idx] + before.reshape(-1)[rank * npts + p_idx] - 1
        row = pos * (m + n)
        pairs = layout.by_k[k - 1]
        for s in range(k):
            flat_s[row + pairs.rows[r_idx, s]] = 1.0 if px is None else px[keep, s]
            flat_s[row + m + pairs.cols[c_idx, s]] = 1.0 if py is None else py[keep, s]
        flat_p[2 * pos] = u[keep]
        flat_p[2 * pos + 1] = v[keep]
    return _FloatChunk(ambiguous, finite, ids, table, counts, strategies, payoffs)


def _unique_columns(matrix: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Distinct columns of a boolean matrix and the inverse, numbered in order of first
    appearance (columns packed into bytes, then compared as one word or one blob)."""
    packed = np.ascontiguousarray(np.packbits(matrix, axis=0).T)
    width = packed.shape[1]
    view: np.ndarray
    if width <= 8:
        padded = np.zeros((len(packed), 8), dtype=np.uint8)
        padded[:, :width] = packed
        view = padded.view(np.uint64)[:, 0]
    else:
        view = np.ascontiguousarray(packed).view(np.dtype((np.void, width)))[:, 0]
    _, first, inverse = np.unique(view, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    remap = np.empty(len(order), dtype=np.int64)
    remap[order] = np.arange(len(order))
    return [matrix[:, first[o]] for o in order], remap[inverse.ravel()]


# ============================================================================ assembly


@dataclass
class _Chunk:
    """The finished result of one chunk (float and exact points merged)."""

    ids: np.ndarray  # (Nc,) local structure ids, -1 undefined
    table: list[Structure]
    status: np.ndarray
    counts: np.ndarray
    strategies: np.ndarray
    payoffs: np.ndarray
    messages: dict[int, str]


def _exact_rows(solution: Solution) -> tuple[Structure, list[list[float]], list[list[float]]]:
    eqs = sorted(
        solution.equilibria,
        key=lambda e: (
            tuple(e.support(p) for p in range(2)),
            tuple(-float(v) for s in e.strategies for v in s),
        ),
    )
    strategies = [[float(v) for s in e.strategies for v in s] for e in eqs]
    payoffs = [[float(v) for v in e.payoffs] for e in eqs]
    return structure(solution), strategies, payoffs


def _finish_chunk(
    shape: tuple[int, int],
    npts: int,
    fl: _FloatChunk | None,
    exact_solver: ExactSolver,
    offset: int,
    store: bool,
) -> _Chunk:
    """Add the exact solutions of ambiguous (or all) points to the float results."""
    m, n = shape
    messages: dict[int, str] = {}
    if fl is None:
        status = np.full(npts, EXACT, dtype=np.uint8)
        ids = np.full(npts, -1, dtype=np.int32)
        table: list[Structure] = []
        counts = np.zeros(npts, dtype=np.int64)
        todo = np.arange(npts)
    else:
        status = np.zeros(npts, dtype=np.uint8)
        ids, table, counts = fl.ids, list(fl.table), fl.counts
        todo = np.flatnonzero(fl.ambiguous | ~fl.finite)
        status[todo] = FALLBACK
        if not len(todo):
            return _Chunk(ids, table, status, counts, fl.strategies, fl.payoffs, messages)
        ids, counts = ids.copy(), counts.copy()
    index = {s: i for i, s in enumerate(table)}
    rows: dict[int, tuple[list[list[float]], list[list[float]]]] = {}
    for i in todo.tolist():
        try:
            solution = exact_solver(offset + i)
        except EvaluationError as err:
            status[i] = UNDEFINED
            if len(messages) < MAX_MESSAGES:
                messages[i] = str(err)
            continue
        struct, strat, pay = _exact_rows(solution)
        if struct not in index:
            index[struct] = len(table)
            table.append(struct)
        ids[i] = index[struct]
        counts[i] = len(strat)
        rows[i] = (strat, pay)
    # number structures by first appearance, so that ids do not depend on chunking
    if table:
        valid = np.flatnonzero(ids >= 0)
        first = np.full(len(table), npts, dtype=np.int64)
        np.minimum.at(first, ids[valid], valid)
        order = np.argsort(first, kind="stable")
        renumber = np.empty(len(table) + 1, dtype=np.int32)
        renumber[order] = np.arange(len(table), dtype=np.int32)
        renumber[-1] = -1
        ids = renumber[ids]
        table = [table[o] for o in order]
    if not store:
        return _Chunk(ids, table, status, counts, _empty(m + n), _empty(2), messages)
    starts = np.cumsum(counts) - counts
    strategies = np.zeros((int(counts.sum()), m + n))
    payoffs = np.zeros((int(counts.sum()), 2))
    if fl is not None and len(fl.strategies):
        float_points = np.flatnonzero(fl.counts)
        owner = np.repeat(float_points, fl.counts[float_points])
        slot = np.arange(len(owner)) - np.repeat(
            np.cumsum(fl.counts[float_points]) - fl.counts[float_points], fl.counts[float_points]
        )
        pos = starts[owner] + slot
        strategies[pos] = fl.strategies
        payoffs[pos] = fl.payoffs
    for i, (strat, pay) in rows.items():
        if strat:
            lo = int(starts[i])
            strategies[lo : lo + len(strat)] = strat
            payoffs[lo : lo + len(pay)] = pay
    return _Chunk(ids, table, status, counts, strategies, payoffs, messages)


class _Merger:
    """Concatenates chunks, mapping local structure ids to one global table."""

    def __init__(self, shape: tuple[int, int], store: bool) -> None:
        self.shape = shape
        self.store = store
        self.table: list[Structure] = []
        self.index: dict[Structure, int] = {}
        self.parts: list[_Chunk] = []
        self.size = 0
        self.messages: dict[int, str] = {}

    def add(self, chunk: _Chunk) -> None:
        remap = np.empty(len(chunk.table) + 1, dtype=np.int32)
        remap[-1] = -1
        for local, struct in enumerate(chunk.table):
            if struct not in self.index:
                self.index[struct] = len(self.table)
                self.table.append(struct)
            remap[local] = self.index[struct]
        chunk.ids = remap[chunk.ids]
        for i, msg in chunk.messages.items():
            if len(self.messages) < MAX_MESSAGES:
                self.messages[self.size + i] = msg
        self.size += len(chunk.ids)
        self.parts.append(chunk)

    def finish(self) -> BatchResult:
        """The merged result; equilibrium rows stay in their chunks (no copy)."""
        m, n = self.shape
        parts = self.parts
        self.parts = []
        ids = np.empty(self.size, dtype=np.int32)
        status = np.empty(self.size, dtype=np.uint8)
        offsets = np.zeros(self.size + 1, dtype=np.int64)
        at = 0
        for p in parts:
            size = len(p.ids)
            ids[at : at + size] = p.ids
            status[at : at + size] = p.status
            np.cumsum(p.counts, out=offsets[at + 1 : at + size + 1])
            offsets[at + 1 : at + size + 1] += offsets[at]
            at += size
        return BatchResult(
            shape=(m, n),
            structures=tuple(self.table),
            structure_ids=ids,
            status=status,
            offsets=offsets,
            strategies=[p.strategies for p in parts if len(p.strategies)],
            payoffs=[p.payoffs for p in parts if len(p.payoffs)],
            messages=self.messages,
            stored=self.store,
        )


# ============================================================================ driver


def default_chunk_size(shape: Sequence[int]) -> int:
    """Games per chunk for a shape: large enough to amortise numpy's per-call overhead,
    small enough that the arrays of one support size (about 10⁵ numbers) stay in cache."""
    m, n = shape
    if (m, n) == (2, 2):
        return 1 << 17
    if max(m, n) > MAX_BATCH_STRATEGIES:
        return 256
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
) -> _Chunk:
    """Solve one chunk of games, without further chunking (used by :func:`solve_batch`
    and by the workers of :func:`leverage.analysis.sweep.sweep`)."""
    npts, m, n = a.shape
    solver = exact_solver if exact_solver is not None else _default_exact(a, b, offset)
    fl: _FloatChunk | None
    if exact or max(m, n) > MAX_BATCH_STRATEGIES:
        fl = None
    elif (m, n) == (2, 2):
        fl = _kernel_2x2(a, b, scales, rtol, store)
    else:
        fl = _kernel_general(a, b, scales, rtol, store)
    return _finish_chunk((m, n), npts, fl, solver, offset, store)


def _default_exact(a: np.ndarray, b: np.ndarray, offset: int) -> ExactSolver:
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
    merger = _Merger((m, n), store_equilibria)
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
