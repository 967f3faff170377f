"""The cost of each solving method, estimated before it runs, and the bounds beyond which
the solvers refuse (with the method to use instead).

Every count below is a function of the game's shape only, computed in exact integer
arithmetic before any work starts; :func:`estimate` turns it into a :class:`CostEstimate`
and :func:`check` raises :class:`~leverage.errors.TooLargeError` beyond the bound.

Support enumeration (``"support"``)
    It tries every pair of supports ``I ⊆ rows``, ``J ⊆ columns`` of one size ``k``
    and solves the indifference systems of each.  By Vandermonde's identity the number
    of pairs is

    .. math::  \\sum_{k=1}^{\\min(m,n)} \\binom{m}{k}\\binom{n}{k} = \\binom{m+n}{m} - 1 .

    Each pair costs two exact ``k × k`` systems (:func:`support_pairs`); the method then
    runs vertex enumeration too, to tell whether the game is degenerate (and so whether
    the list is complete).

Vertex enumeration (``"vertex"``, ``"auto"``)
    Each polytope ``P ⊂ R^m`` (``m + n`` facets) and ``Q ⊂ R^n`` is enumerated through
    the same ``C(m+n, m) - 1`` square systems (a support and as many tight constraints),
    so ``2 (C(m+n, m) - 1)`` systems in all (:func:`vertex_systems`), most of them
    rejected in floating point.  What they can find is bounded by McMullen's upper bound
    theorem (McMullen 1970; Ziegler 1995, §8.4): a ``d``-polytope with ``N`` facets has
    at most

    .. math::  f(N, d) = \\binom{N - \\lceil d/2 \\rceil}{\\lfloor d/2 \\rfloor}
               + \\binom{N - \\lfloor d/2 \\rfloor - 1}{\\lceil d/2 \\rceil - 1}

    vertices (:func:`upper_bound_vertices`), so a nondegenerate game has at most
    ``f(m+n, m) · f(m+n, n)`` vertex pairs to match and, as Keiding (1997) and von
    Stengel (1999) note, exponentially many equilibria in the worst case: no complete
    method can be polynomial.

Lemke–Howson (``"lemke-howson"``)
    One path of complementary pivots; each pivot updates an integer tableau of
    ``max(m, n)`` rows and ``m + n + 1`` columns.  The length of the path is not known
    in advance: exponential in the worst case (Savani & von Stengel 2006), about
    ``m + n`` pivots on random games (125 on a 50×50 one).  The estimate is a typical
    path of ``2 (m + n)`` pivots (:func:`typical_pivots`) times the entries of one; a
    longer path is cut off while it runs
    (:data:`~leverage.solve.bimatrix.lemke_howson.DEFAULT_MAX_PIVOTS`).

Pure equilibria (``"pure"``)
    One vectorised comparison per player and profile: ``n · Π m_i`` entries, never more
    than the file readers' outcome limit allows.

Many points (:func:`points_cost`)
    A sweep or a Monte Carlo run solves a game at every point: in batches for games of
    up to 8 strategies a side, else one by one, each by vertex enumeration.

Iterated dominance (:func:`dominance_cost`)
    A round compares every pair of a player's strategies against every opponents'
    profile (``Σ_i m_i² T_i``, ``T_i = Π_{j≠i} m_j``) and, for each strategy no pure
    strategy dominates, solves one belief program of ``m_i - 1`` rows and ``T_i``
    columns by the simplex method: about ``m_i + T_i`` pivots of ``(m_i - 1)(m_i + T_i)``
    entries each.  The estimate is the cost of the first round, on the whole game; every
    later round works on a smaller game, and there are at most ``Σ_i (m_i - 1)`` rounds.

The bounds (:data:`LIMITS`) are set at roughly half a minute of work on one core of a
2020s laptop; ``max_cost=None`` lifts them.

References
----------
P. McMullen, "The maximum numbers of faces of a convex polytope", Mathematika 17 (1970)
179–184.
G. M. Ziegler, *Lectures on Polytopes*, Springer (1995), §8.4.
H. Keiding, "On the maximal number of Nash equilibria in an n×n bimatrix game", Games and
Economic Behavior 21 (1997) 148–160.
B. von Stengel, "New maximal numbers of equilibria in bimatrix games", Discrete and
Computational Geometry 21 (1999) 557–568.
R. Savani and B. von Stengel, "Hard-to-solve bimatrix games", Econometrica 74 (2006)
397–429.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import TooLargeError
from .batch.base import MAX_BATCH_STRATEGIES

__all__ = [
    "LIMITS",
    "CostEstimate",
    "check",
    "check_points",
    "dominance_cost",
    "estimate",
    "points_cost",
    "support_pairs",
    "typical_pivots",
    "upper_bound_vertices",
    "vertex_systems",
]

#: The largest estimate each method accepts by default (in its own unit, see
#: :func:`estimate`): about half a minute of work each.
LIMITS: dict[str, int] = {
    "vertex": 1_000_000,  # linear systems (a 10×10 game needs 369,510, 11×11 1.4 million)
    "support": 100_000,  # support pairs (a 9×10 game has 92,377, a 10×10 one 184,755)
    "lemke-howson": 2 * 10**7,  # entry updates on a typical path (100×100: 8 million)
    "pure": 10**8,  # payoff entries compared
    "dominance": 10**10,  # entries updated in the first round
    "points": 1_000_000,  # linear systems over all points solved exactly
}

#: What to use instead when a method is refused, in the terms of the Python API.
INSTEAD: dict[str, str] = {
    "vertex": 'use method="lemke-howson" for one equilibrium, or method="pure"',
    "support": 'use method="lemke-howson" for one equilibrium, or method="pure"',
    "lemke-howson": 'use method="pure" for the pure equilibria',
    "pure": "no method can solve a game this large",
    "dominance": "use mixed=False for dominance by pure strategies only",
    "points": 'use fewer points, or solve single points with method="lemke-howson"',
}

UNITS: dict[str, str] = {
    "vertex": "linear systems",
    "support": "support pairs",
    "lemke-howson": "tableau entry updates on a typical path",
    "pure": "payoff entries",
    "dominance": "tableau entries in its first round",
    "points": "linear systems",
}

WHAT: dict[str, str] = {
    "vertex": "vertex enumeration",
    "support": "support enumeration",
    "lemke-howson": "Lemke–Howson",
    "pure": "the search for pure equilibria",
    "dominance": "iterated elimination of dominated strategies",
    "points": "solving every point exactly",  # (check_points words its own message)
}


def support_pairs(m: int, n: int) -> int:
    """Number of equal-size support pairs of an ``m × n`` game: ``C(m+n, m) - 1``.

    Examples
    --------
    >>> support_pairs(2, 2), support_pairs(3, 3), support_pairs(40, 40)
    (5, 19, 107507208733336176461619)
    """
    return math.comb(m + n, m) - 1


def vertex_systems(m: int, n: int) -> int:
    """Number of linear systems vertex enumeration solves for an ``m × n`` game."""
    return 2 * support_pairs(m, n)


def typical_pivots(m: int, n: int) -> int:
    """The pivots of a typical Lemke–Howson path in an ``m × n`` game: ``2 (m + n)``."""
    return 2 * (m + n)


def upper_bound_vertices(facets: int, dimension: int) -> int:
    """McMullen's bound on the vertices of a ``dimension``-polytope with ``facets`` facets.

    Examples
    --------
    A square (2-polytope, 4 facets) has 4 vertices; a 3-cube (6 facets) 8, under the
    bound 8 of the cyclic polytope:

    >>> upper_bound_vertices(4, 2), upper_bound_vertices(6, 3)
    (4, 8)
    """
    if dimension < 1 or facets <= dimension:
        return 1 if facets == dimension else 0
    half_down, half_up = dimension // 2, (dimension + 1) // 2
    return math.comb(facets - half_up, half_down) + math.comb(facets - half_down - 1, half_up - 1)


def points_cost(shape: Sequence[int], points: int, exact: bool = False) -> CostEstimate:
    """The cost of solving a two-player game of ``shape`` at ``points`` parameter points
    (sweeps, Monte Carlo): games of more than
    :data:`~leverage.solve.batch.base.MAX_BATCH_STRATEGIES` strategies a side, or all
    games with ``exact``, are solved one by one by vertex enumeration,
    ``points · 2 (C(m+n, m) − 1)`` linear systems; the batched kernels count 0 here (their
    cost is linear in the points)."""
    dims = tuple(int(m) for m in shape)
    one_by_one = len(dims) == 2 and (exact or max(dims) > MAX_BATCH_STRATEGIES)
    work = points * vertex_systems(*dims) if one_by_one else 0
    return CostEstimate("points", dims, work, UNITS["points"], LIMITS["points"])


def check_points(shape: Sequence[int], points: int, exact: bool = False) -> CostEstimate:
    """:func:`points_cost`, refused beyond its bound with
    :class:`~leverage.errors.TooLargeError`."""
    cost = points_cost(shape, points, exact)
    if cost.exceeds_limit:
        size = "×".join(str(m) for m in cost.shape)
        raise TooLargeError(
            f"solving this {size} game exactly at each of {points:,} points means "
            f"{_count(cost.work)} linear systems (limit {_count(cost.limit)}); " + INSTEAD["points"]
        )
    return cost


def dominance_cost(shape: Sequence[int]) -> int:
    """Estimated tableau entries updated in the first round of iterated dominance."""
    total = math.prod(shape)
    cost = 0
    for m in shape:
        opponents = total // m
        pure = m * m * opponents
        lp = m * (m + opponents) * (m - 1) * (m + opponents) if m > 2 else 0
        cost += pure + lp
    return cost


@dataclass(frozen=True)
class CostEstimate:
    """The estimated cost of one method on one game.

    Attributes
    ----------
    method
        The method (``"vertex"``, ``"support"``, ``"lemke-howson"``, ``"pure"`` or
        ``"dominance"``).
    shape
        The game's shape.
    work
        The estimate, in ``unit``.
    unit
        What ``work`` counts.
    limit
        The default bound (:data:`LIMITS`).
    """

    method: str
    shape: tuple[int, ...]
    work: int
    unit: str
    limit: int

    @property
    def exceeds_limit(self) -> bool:
        """Whether the default bound refuses this work."""
        return self.work > self.limit

    def message(self, limit: int | None = None) -> str:
        """The refusal: what the method would do, the bound and what to use instead."""
        bound = self.limit if limit is None else limit
        size = "×".join(str(m) for m in self.shape)
        instead = INSTEAD[self.method]
        if self.method == "support" and not estimate(self.shape, "vertex").exceeds_limit:
            instead = 'use method="vertex" (complete, and faster)'
        return (
            f"{WHAT[self.method]} of this {size} game means {_count(self.work)} "
            f"{UNITS[self.method]} (limit {_count(bound)}); {instead}"
        )


def _count(value: int) -> str:
    """``1,234,567`` up to 10¹², else ``~1.1·10^23``."""
    if value < 10**12:
        return f"{value:,}"
    exponent = len(str(value)) - 1
    return f"~{value / 10**exponent:.1f}·10^{exponent}"


def estimate(shape: Sequence[int], method: str) -> CostEstimate:
    """The cost of ``method`` (a solving method, ``"auto"`` or ``"dominance"``) on a game
    of ``shape``, in the unit of the module docstring.

    Examples
    --------
    >>> e = estimate((40, 40), "support")
    >>> e.work, e.exceeds_limit
    (107507208733336176461619, True)
    >>> e.message()  # doctest: +ELLIPSIS
    'support enumeration of this 40×40 game means ~1.1·10^23 support pairs (limit 100,000);...'
    """
    dims = tuple(int(m) for m in shape)
    if method == "auto":
        method = "vertex" if len(dims) == 2 else "pure"
    if method in ("vertex", "support", "lemke-howson") and len(dims) != 2:
        raise ValueError(f"method {method!r} needs a two-player game")
    if method == "vertex":
        work = vertex_systems(*dims)
    elif method == "support":
        work = support_pairs(*dims)
    elif method == "lemke-howson":
        work = typical_pivots(*dims) * max(dims) * (sum(dims) + 1)
    elif method == "pure":
        work = len(dims) * math.prod(dims)
    elif method == "dominance":
        work = dominance_cost(dims)
    else:
        raise ValueError(f"unknown method {method!r}")
    return CostEstimate(method, dims, work, UNITS[method], LIMITS[method])


def check(shape: Sequence[int], method: str, max_cost: int | None = -1) -> CostEstimate:
    """:func:`estimate`, refused beyond the bound.

    Parameters
    ----------
    shape, method
        As for :func:`estimate`.
    max_cost
        The bound: ``-1`` (the default) for the method's entry in :data:`LIMITS`, an
        integer for another bound in the same unit, ``None`` for none.

    Raises
    ------
    TooLargeError
        When the estimate exceeds the bound; the message says what to use instead.
    """
    cost = estimate(shape, method)
    bound = cost.limit if max_cost == -1 else max_cost
    if bound is not None and cost.work > bound:
        raise TooLargeError(cost.message(bound))
    return cost
