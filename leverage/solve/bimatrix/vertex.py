"""Vertex enumeration of the best-response polytopes of a bimatrix game.

For an ``m × n`` game with payoff matrices ``A`` (row player) and ``B`` (column
player), both made positive by a strategically irrelevant shift, the best-response
polytopes are (von Stengel 2007, §3.2)::

    P = {x ∈ R^m : x ≥ 0,  Bᵀx ≤ 1}        Q = {y ∈ R^n : A y ≤ 1,  y ≥ 0}

A point of ``P`` has label ``i`` when ``x_i = 0`` and label ``m + j`` when column
``j`` is a best response (``(Bᵀx)_j = 1``); a point of ``Q`` has label ``i`` when row
``i`` is a best response and ``m + j`` when ``y_j = 0``.  ``(x, y) ≠ (0, 0)`` is a
Nash equilibrium (after normalising to probabilities) if and only if every label
``0 … m+n-1`` appears at ``x`` or at ``y``.  The extreme points of the set of Nash
equilibria are exactly the completely labelled pairs of vertices, for degenerate games
too (Mangasarian 1964; Avis, Rosenberg, Savani & von Stengel 2010); this is the set
Gambit's ``enummixed`` reports.  A game is nondegenerate if and only if both polytopes
are simple, i.e. no vertex has more labels than the dimension; then every equilibrium
is extreme and isolated.

Every vertex is the solution of ``k`` tight inequalities of the form
``B[I, J]ᵀ x_I = 1`` (``x`` zero outside a support ``I``, the columns ``J`` tight)
with ``|I| = |J| = k``, and conversely each nonsingular such system whose solution is
feasible is a vertex.  The enumeration visits all ``C(m+n, m) - 1`` pairs ``(I, J)``:

* small games: each system is solved exactly in integer arithmetic;
* larger games: systems are solved in batches in floating point; a system is rejected
  there only if it is well conditioned (2-norm condition number below 10⁶) and its
  solution violates feasibility by more than 10⁻⁷ — far beyond the rounding error
  that condition number allows — and every surviving or ill-conditioned system is
  then solved and checked exactly.  Floating point only ever prunes; every vertex
  reported, and every label, is computed exactly.

References
----------
B. von Stengel, "Equilibrium computation for two-player games in strategic and
extensive form", in Algorithmic Game Theory, ch. 3, CUP 2007.
D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash equilibria for
two-player games", Economic Theory 42 (2010) 9–37.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from .fraction_free import solve_fraction_free

#: Systems solved exactly one by one below this many subsets per polytope.
EXACT_PATH_LIMIT = 150
#: Floating-point filter thresholds (see the module docstring).
CONDITION_LIMIT = 1e6
FEASIBILITY_TOLERANCE = 1e-7
#: Matrices per floating-point batch (bounds memory).
BATCH = 20_000

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Vertex:
    """A vertex ``z = numerators / denominator`` of ``{z ≥ 0 : C z ≤ 1}``.

    Attributes
    ----------
    numerators
        Integer numerators, one per variable.
    denominator
        Positive common denominator (the representation is reduced).
    zero
        Bit mask of the variables equal to zero.
    tight
        Bit mask of the constraints ``(C z)_r = 1`` that hold with equality.
    """

    numerators: tuple[int, ...]
    denominator: int
    zero: int
    tight: int

    @property
    def n_labels(self) -> int:
        """Number of labels (zero variables plus tight constraints)."""
        return self.zero.bit_count() + self.tight.bit_count()


def subset_count(m: int, n: int) -> int:
    """Number of linear systems the enumeration of one polytope solves."""
    return math.comb(m + n, m) - 1


def _subsets(d: int, c: int) -> Iterator[tuple[tuple[int, ...], tuple[int, ...]]]:
    for k in range(1, min(d, c) + 1):
        for support in itertools.combinations(range(d), k):
            for tight in itertools.combinations(range(c), k):
                yield support, tight


def _exact_vertex(
    constraints: Sequence[Sequence[int]],
    support: Sequence[int],
    tight: Sequence[int],
    d: int,
) -> Vertex | None:
    """Solve ``C[tight, support] z = 1`` exactly; the vertex if feasible, else None."""
    system = [[constraints[r][v] for v in support] for r in tight]
    solved = solve_fraction_free(system, [1] * len(support))
    if solved is None:
        return None
    nums, den = solved
    if any(v < 0 for v in nums):
        return None
    tight_mask = 0
    for r, row in enumerate(constraints):
        total = 0
        for v, num in zip(support, nums, strict=True):
            total += row[v] * num
        if total > den:
            return None
        if total == den:
            tight_mask |= 1 << r
    full = [0] * d
    for v, num in zip(support, nums, strict=True):
        full[v] = num
    zero = 0
    for v in range(d):
        if full[v] == 0:
            zero |= 1 << v
    return Vertex(tuple(full), den, zero, tight_mask)


def polytope_vertices(
    constraints: Sequence[Sequence[int]],
    *,
    exact_only: bool | None = None,
    progress: Progress | None = None,
) -> list[Vertex]:
    """All vertices other than the origin of ``{z ≥ 0 : C z ≤ 1}`` for positive ``C``.

    Parameters
    ----------
    constraints
        The ``c × d`` positive integer matrix ``C`` (list of rows).
    exact_only
        Force (``True``) or forbid (``False``) the one-by-one exact path; by default it
        is used for small polytopes (see :data:`EXACT_PATH_LIMIT`).
    progress
        Called as ``progress(done, total)`` with the number of systems handled.

    Returns
    -------
    list of Vertex
        Distinct vertices, in a deterministic order (by support size, then support and
        tight set in lexicographic order).
    """
    c = len(constraints)
    d = len(constraints[0]) if c else 0
    total = subset_count(d, c)
    if exact_only is None:
        exact_only = total <= EXACT_PATH_LIMIT
    found: dict[tuple[int, ...], Vertex] = {}

    def keep(vertex: Vertex | None) -> None:
        if vertex is not None:
            key = (*vertex.numerators, vertex.denominator)
            found.setdefault(key, vertex)

    if exact_only:
        done = 0
        for support, tight in _subsets(d, c):
            keep(_exact_vertex(constraints, support, tight, d))
            done += 1
            if progress is not None and done % 5000 == 0:
                progress(done, total)
        if progress is not None:
            progress(total, total)
        return sorted(found.values(), key=_vertex_order)

    cf = np.array(constraints, dtype=float)
    # normalise rows: scaling a row of C z <= 1 by 1/s changes nothing we compare
    done = 0
    for k in range(1, min(d, c) + 1):
        supports = np.array(list(itertools.combinations(range(d), k)), dtype=np.intp)
        tights = np.array(list(itertools.combinations(range(c), k)), dtype=np.intp)
        per_support = len(tights)
        step = max(1, BATCH // per_support)
        for start in range(0, len(supports), step):
            sup = supports[start : start + step]
            # mats[s, t] = C[tights[t]][:, sup[s]]  -> shape (S, T, k, k)
            mats = cf[tights[None, :, :, None], sup[:, None, None, :]]
            flat = mats.reshape(-1, k, k)
            sing = np.linalg.svd(flat, compute_uv=False)
            well = sing[:, -1] > sing[:, 0] / CONDITION_LIMIT
            candidates = ~well
            idx_well = np.nonzero(well)[0]
            if idx_well.size:
                z = np.linalg.solve(flat[idx_well], np.ones((idx_well.size, k, 1)))[..., 0]
                scale = np.abs(z).max(axis=1)
                ok = (z >= -FEASIBILITY_TOLERANCE * scale[:, None]).all(axis=1)
                s_of = idx_well // per_support
                cols = cf[:, sup[s_of]].transpose(1, 0, 2)  # (N, c, k)
                lhs = np.einsum("nck,nk->nc", cols, z)
                ok &= (lhs <= 1 + FEASIBILITY_TOLERANCE).all(axis=1)
                candidates[idx_well[ok]] = True
            for flat_index in np.nonzero(candidates)[0]:
                s, t = divmod(int(flat_index), per_support)
                keep(
                    _exact_vertex(
                        constraints,
                        tuple(int(v) for v in sup[s]),
                        tuple(int(r) for r in tights[t]),
                        d,
                    )
                )
            done += len(sup) * per_support
            if progress is not None:
                progress(done, total)
    return sorted(found.values(), key=_vertex_order)


def _vertex_order(v: Vertex) -> tuple[int, tuple[int, ...], tuple[int, ...]]:
    support = tuple(i for i, num in enumerate(v.numerators) if num)
    return len(support), support, tuple(-num for num in v.numerators)


@dataclass(frozen=True)
class VertexPair:
    """A completely labelled pair of vertices of ``P`` and ``Q``."""

    x: Vertex
    y: Vertex
    x_index: int
    y_index: int


@dataclass(frozen=True)
class EnumerationResult:
    """The output of :func:`enumerate_vertex_pairs`."""

    pairs: tuple[VertexPair, ...]
    p_vertices: tuple[Vertex, ...]
    q_vertices: tuple[Vertex, ...]
    degenerate: bool


def enumerate_vertex_pairs(
    a: Sequence[Sequence[int]],
    b: Sequence[Sequence[int]],
    *,
    exact_only: bool | None = None,
    progress: Progress | None = None,
) -> EnumerationResult:
    """Completely labelled vertex pairs of the best-response polytopes.

    Parameters
    ----------
    a, b
        Positive integer ``m × n`` payoff matrices of the row and column player.
    exact_only
        See :func:`polytope_vertices`.
    progress
        Called as ``progress(done, total)`` over both polytopes.

    Returns
    -------
    EnumerationResult
        The pairs (extreme equilibria up to normalisation), the vertices, and whether
        the game is degenerate (some vertex has more labels than its dimension).
    """
    m = len(a)
    n = len(a[0])
    per = subset_count(m, n)
    total = 2 * per

    def part(offset: int) -> Progress | None:
        if progress is None:
            return None
        return lambda done, _total: progress(offset + done, total)

    bt = [[b[i][j] for i in range(m)] for j in range(n)]  # n × m: constraints of P
    p_vertices = polytope_vertices(bt, exact_only=exact_only, progress=part(0))
    q_vertices = polytope_vertices(a, exact_only=exact_only, progress=part(per))
    full = (1 << (m + n)) - 1
    # global labels: P: x_i = 0 -> i, column j tight -> m + j
    #                Q: row i tight -> i, y_j = 0 -> m + j
    p_labels = [v.zero | (v.tight << m) for v in p_vertices]
    q_labels = [v.tight | (v.zero << m) for v in q_vertices]
    degenerate = any(v.n_labels > m for v in p_vertices) or any(v.n_labels > n for v in q_vertices)
    pairs = []
    for xi, lx in enumerate(p_labels):
        need = full & ~lx
        for yi, ly in enumerate(q_labels):
            if ly & need == need:
                pairs.append(VertexPair(p_vertices[xi], q_vertices[yi], xi, yi))
    return EnumerationResult(tuple(pairs), tuple(p_vertices), tuple(q_vertices), degenerate)
