"""The Lemke–Howson algorithm: one exact Nash equilibrium of a bimatrix game.

Mathematics
-----------
Let ``A`` and ``B`` be the ``m × n`` payoff matrices of the row and the column player.
Adding a constant to a player's payoffs, or multiplying them by a positive number, does
not change best responses, so both matrices are first scaled by the lcm of their
denominators and shifted to be positive integers.  The best-response polytopes are then

.. math::

    P = \\{x \\in \\mathbb{R}^m : x \\ge 0,\\; B^\\top x \\le 1\\}, \\qquad
    Q = \\{y \\in \\mathbb{R}^n : A y \\le 1,\\; y \\ge 0\\}

(von Stengel 2007, §3.2).  The ``m + n`` labels are the pure strategies: ``x ∈ P`` has
label ``i < m`` when ``x_i = 0`` and label ``m + j`` when ``(B^T x)_j = 1``; ``y ∈ Q``
has label ``i`` when ``(A y)_i = 1`` and label ``m + j`` when ``y_j = 0``.  A pair
``(x, y) ≠ (0, 0)`` of vertices that together carry every label, rescaled to sum to
one, is exactly a Nash equilibrium.

Written with slack variables, ``B^T x + s = 1`` and ``r + A y = 1``; every variable is
named by its label (``x_i`` and ``r_i`` by ``i``, ``s_j`` and ``y_j`` by ``m + j``),
and a vertex has a label iff the variable of that label is non-basic.  Starting from
the artificial equilibrium ``(0, 0)``, the algorithm *drops* the chosen label ``k``:
the variable ``k`` enters the basis of the tableau in which it is non-basic (``P`` for
a row label, ``Q`` for a column label).  The variable that leaves names the label just
picked up; it is now present in both polytopes, so it enters the basis of the *other*
tableau, and so on ("complementary pivoting", Lemke & Howson 1964; von Stengel 2007,
§3.4).  The path ends when the variable that leaves is ``k`` itself: the pair is then
completely labeled.  In a nondegenerate game the path is unique, never revisits a
vertex and ends at an equilibrium other than ``(0, 0)``.

Degenerate games
    When several rows tie in the minimum-ratio test the path is ambiguous and a naive
    implementation can cycle for ever.  The right-hand side ``1`` is perturbed to
    ``1 + (ε, ε², …)``, which makes every game nondegenerate; this is implemented
    symbolically by the *lexicographic* minimum-ratio test: ties are broken by the
    ratios of the tableau columns of the initial slack variables, in order (von Stengel
    2007, §3.6; Dantzig, Orden & Wolfe 1955).  The initial tableau is lexico-positive,
    the test then has a unique winner (the rows of the basis inverse are linearly
    independent) and the perturbed path is a nondegenerate Lemke–Howson path, so it
    terminates.  Its end point at ``ε = 0`` is a Nash equilibrium of the original game.

Integer pivoting
    Each tableau is a matrix of Python integers equal to ``det(M) · M⁻¹ [columns | 1]``
    for the current basis matrix ``M``.  A pivot on row ``r``, column ``c`` leaves row
    ``r`` unchanged and replaces every other row ``R_i`` by
    ``(T_rc · R_i − T_ic · R_r) / d``, where ``d`` is the previous pivot element; the
    division is exact because every entry is a minor of the original system
    (Bareiss 1968; the scheme of ``lrs``, Avis 2000; von Stengel 2007, §3.5).  No
    :class:`~fractions.Fraction` is formed during the pivoting; probabilities are
    built only at the end, and every result is checked to be an equilibrium in exact
    rational arithmetic before it is returned.

Long paths
    Lemke–Howson paths can be exponentially long: Savani & von Stengel (2006) build
    games from dual cyclic polytopes on which every path is.  The number of pivots is
    therefore bounded (``max_pivots``); when the bound is reached a
    :class:`~leverage.errors.TooLargeError` is raised — another dropped label may give a
    much shorter path, or an enumeration method can be used instead.

References
----------
C. E. Lemke and J. T. Howson, "Equilibrium points of bimatrix games", SIAM Journal on
Applied Mathematics 12 (1964) 413–423.
B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
form", ch. 3 of N. Nisan et al. (eds.), *Algorithmic Game Theory*, Cambridge University
Press (2007).
R. Savani and B. von Stengel, "Hard-to-solve bimatrix games", Econometrica 74 (2006)
397–429.
E. H. Bareiss, "Sylvester's identity and multistep integer-preserving Gaussian
elimination", Mathematics of Computation 22 (1968) 565–578.
D. Avis, "lrs: a revised implementation of the reverse search vertex enumeration
algorithm", in *Polytopes — Combinatorics and Computation*, Birkhäuser (2000).
G. B. Dantzig, A. Orden and P. Wolfe, "The generalized simplex method for minimizing a
linear form under linear inequality restraints", Pacific J. Math. 5 (1955) 183–195.

The integer tableau with the lexicographic ratio test is :class:`.tableau.Tableau`; this
module converts the input, follows the path and checks the result.
"""

from __future__ import annotations

import decimal
import math
import numbers
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, SupportsIndex

import numpy as np

from ...errors import ParameterError, TooLargeError
from ...numbers import rational
from ..verify import VerificationError, check_equilibrium
from .tableau import Tableau

__all__ = [
    "DEFAULT_MAX_PIVOTS",
    "MixedProfile",
    "PayoffMatrix",
    "lemke_howson",
    "lemke_howson_all_labels",
]

#: Pivot bound used when ``max_pivots`` is not given.
DEFAULT_MAX_PIVOTS = 100_000

#: A mixed-strategy profile of a bimatrix game: (row player's, column player's) strategy.
MixedProfile = tuple[tuple[Fraction, ...], tuple[Fraction, ...]]

#: A payoff matrix: nested sequences or a 2-D numpy array of rational numbers.
PayoffMatrix = Sequence[Sequence[int | Fraction | float]] | np.ndarray


# ---------------------------------------------------------------------------
# Input conversion
# ---------------------------------------------------------------------------


def _entry(value: Any, name: str, i: int, j: int) -> Fraction:
    """One payoff as an exact rational, or a :class:`ParameterError`."""
    if isinstance(value, numbers.Rational):  # int, Fraction, numpy integers, …
        return rational(value)
    if isinstance(value, (float, np.floating, decimal.Decimal)):
        if not math.isfinite(value):
            raise ParameterError(f"payoff {name}[{i}][{j}] = {value!r} is not finite")
        # The exact binary (or decimal) value, not a rounded "nearby" fraction.
        if isinstance(value, decimal.Decimal):
            return Fraction(value)
        return Fraction(float(value))
    raise ParameterError(
        f"payoff {name}[{i}][{j}] = {value!r} is not a rational number "
        "(use int or fractions.Fraction)"
    )


def _matrix(data: Any, name: str) -> list[list[Fraction]]:
    """A payoff matrix as a rectangular list of rows of :class:`Fraction`."""
    if isinstance(data, np.ndarray) and data.ndim != 2:
        raise ParameterError(f"payoff matrix {name} must be two-dimensional, not {data.ndim}-D")
    rows = data.tolist() if isinstance(data, np.ndarray) else data
    try:
        table = [list(row) for row in rows]
    except TypeError:
        raise ParameterError(f"payoff matrix {name} must be two-dimensional") from None
    if not table or not table[0]:
        raise ParameterError(f"payoff matrix {name} must have at least one row and column")
    width = len(table[0])
    if any(len(row) != width for row in table):
        raise ParameterError(f"payoff matrix {name} has rows of different lengths")
    return [[_entry(v, name, i, j) for j, v in enumerate(row)] for i, row in enumerate(table)]


def _scaled(matrix: list[list[Fraction]]) -> list[list[int]]:
    """``lcm(denominators) * matrix``, then shifted so that every entry is at least 1."""
    lcm = 1
    for row in matrix:
        for v in row:
            lcm = math.lcm(lcm, v.denominator)
    ints = [[v.numerator * (lcm // v.denominator) for v in row] for row in matrix]
    low = min(min(row) for row in ints)
    return [[v - low + 1 for v in row] for row in ints]


@dataclass(frozen=True)
class _Game:
    """A validated bimatrix game: exact payoffs and positive integer equivalents."""

    a: list[list[Fraction]]
    b: list[list[Fraction]]
    a_int: list[list[int]]
    b_int: list[list[int]]

    @property
    def m(self) -> int:
        return len(self.a)

    @property
    def n(self) -> int:
        return len(self.a[0])


def _game(A: PayoffMatrix, B: PayoffMatrix) -> _Game:
    a = _matrix(A, "A")
    b = _matrix(B, "B")
    if (len(a), len(a[0])) != (len(b), len(b[0])):
        raise ParameterError(
            f"payoff matrices differ in shape: A is {len(a)}×{len(a[0])}, B is {len(b)}×{len(b[0])}"
        )
    return _Game(a, b, _scaled(a), _scaled(b))


def _max_pivots(max_pivots: SupportsIndex | None) -> int:
    if max_pivots is None:
        return DEFAULT_MAX_PIVOTS
    if isinstance(max_pivots, bool):
        raise ParameterError(f"max_pivots must be a positive integer, not {max_pivots!r}")
    try:
        value = operator.index(max_pivots)
    except TypeError:
        raise ParameterError(f"max_pivots must be a positive integer, not {max_pivots!r}") from None
    if value < 1:
        raise ParameterError(f"max_pivots must be a positive integer, not {value}")
    return value


def _label(initial_label: SupportsIndex, m: int, n: int) -> int:
    if isinstance(initial_label, bool):
        raise ParameterError(f"initial_label must be an integer, not {initial_label!r}")
    try:
        k = operator.index(initial_label)
    except TypeError:
        raise ParameterError(f"initial_label must be an integer, not {initial_label!r}") from None
    if not 0 <= k < m + n:
        raise ParameterError(
            f"initial_label {k} is out of range: a {m}×{n} game has labels 0..{m + n - 1} "
            f"(0..{m - 1} for row strategies, {m}..{m + n - 1} for column strategies)"
        )
    return k


def _tableaux(game: _Game) -> tuple[Tableau, Tableau]:
    """Initial tableaux of ``B^T x + s = 1`` (for P) and ``r + A y = 1`` (for Q)."""
    m, n = game.m, game.n
    p_rows = [[game.b_int[i][j] for i in range(m)] + [1] for j in range(n)]
    q_rows = [[*game.a_int[i], 1] for i in range(m)]
    p_tab = Tableau(p_rows, list(range(m, m + n)), list(range(m)))
    q_tab = Tableau(q_rows, list(range(m)), list(range(m, m + n)))
    return p_tab, q_tab


@dataclass(frozen=True)
class _Path:
    """The end of a Lemke–Howson path: integer weights and pivot counts."""

    x_weights: list[int]
    y_weights: list[int]
    pivots_p: int
    pivots_q: int

    @property
    def pivots(self) -> int:
        return self.pivots_p + self.pivots_q


def _follow_path(
    game: _Game, k: int, max_pivots: int, progress: Callable[[int, int], None] | None = None
) -> _Path:
    """Complementary pivoting from ``(0, 0)`` with dropped label ``k``."""
    m, n = game.m, game.n
    p_tab, q_tab = _tableaux(game)
    tableau, other = (p_tab, q_tab) if k < m else (q_tab, p_tab)
    entering = k
    counts = {id(p_tab): 0, id(q_tab): 0}
    pivots = 0
    while True:
        if pivots >= max_pivots:
            raise TooLargeError(
                f"Lemke–Howson pivot limit reached ({max_pivots} pivots) with dropped "
                f"label {k} in a {m}×{n} game; try another initial label, a larger "
                "max_pivots, or an enumeration method"
            )
        leaving = tableau.pivot(tableau.leaving_row(entering), entering)
        pivots += 1
        if progress is not None:
            progress(pivots, max_pivots)
        counts[id(tableau)] += 1
        if leaving == k:
            break
        entering = leaving
        tableau, other = other, tableau
    return _Path(
        x_weights=p_tab.values(range(m)),
        y_weights=q_tab.values(range(m, m + n)),
        pivots_p=counts[id(p_tab)],
        pivots_q=counts[id(q_tab)],
    )


def _profile(game: _Game, path: _Path) -> MixedProfile:
    """Normalise the path's end point and verify it exactly."""
    out = []
    for weights in (path.x_weights, path.y_weights):
        total = sum(weights)
        if total <= 0 or any(w < 0 for w in weights):
            raise VerificationError(f"Lemke–Howson ended at an invalid point {weights}")
        out.append(tuple(Fraction(w, total) for w in weights))
    x, y = out
    payoffs = [np.array(game.a, dtype=object), np.array(game.b, dtype=object)]
    check_equilibrium(payoffs, [x, y], exact=True)
    return x, y


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def lemke_howson(
    A: PayoffMatrix,
    B: PayoffMatrix,
    *,
    initial_label: SupportsIndex = 0,
    max_pivots: SupportsIndex | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> MixedProfile:
    """One Nash equilibrium of the bimatrix game ``(A, B)`` by the Lemke–Howson algorithm.

    Exact: pivoting is done on integer tableaux and the result is a pair of
    :class:`~fractions.Fraction` vectors, checked to be an equilibrium before it is
    returned.  Degenerate games are handled by the lexicographic ratio test, so the
    algorithm always terminates (see the module docstring).

    Parameters
    ----------
    A, B
        The ``m × n`` payoff matrices of the row and the column player: nested
        sequences or numpy arrays of ``int``, :class:`~fractions.Fraction` or other
        rationals.  Floats are accepted and taken at their exact binary value.
    initial_label
        The label dropped at the artificial equilibrium: ``0..m-1`` are the row
        player's strategies, ``m..m+n-1`` the column player's.  Different labels may
        lead to different equilibria.
    max_pivots
        The most pivots allowed (default :data:`DEFAULT_MAX_PIVOTS`).
    progress
        Called as ``progress(pivots, max_pivots)`` after each pivot.

    Returns
    -------
    tuple of (tuple of Fraction, tuple of Fraction)
        The row player's and the column player's mixed strategies, each summing to one.

    Raises
    ------
    ParameterError
        Malformed matrices, ``initial_label`` out of range, ``max_pivots`` not a
        positive integer.
    TooLargeError
        The path needs more than ``max_pivots`` pivots.
    leverage.solve.verify.VerificationError
        The end point is not an equilibrium (an internal bug; never expected).

    Examples
    --------
    Matching pennies has a unique, fully mixed equilibrium:

    >>> x, y = lemke_howson([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [str(p) for p in x], [str(p) for p in y]
    (['1/2', '1/2'], ['1/2', '1/2'])

    The 3×2 game of von Stengel (2007, eq. 3.3) from the first row strategy:

    >>> lemke_howson([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]], initial_label=0)
    ((Fraction(1, 1), Fraction(0, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1)))
    """
    game = _game(A, B)
    k = _label(initial_label, game.m, game.n)
    return _profile(game, _follow_path(game, k, _max_pivots(max_pivots), progress))


def lemke_howson_all_labels(
    A: PayoffMatrix,
    B: PayoffMatrix,
    *,
    max_pivots: SupportsIndex | None = None,
) -> list[MixedProfile]:
    """The distinct equilibria reached by Lemke–Howson from every dropped label.

    Runs :func:`lemke_howson` for the labels ``0..m+n-1`` in order.  This is not in
    general *every* equilibrium of the game: some equilibria lie on no path from the
    artificial equilibrium (Shapley 1974, "A note on the Lemke–Howson algorithm").

    Parameters
    ----------
    A, B
        The payoff matrices, as in :func:`lemke_howson`.
    max_pivots
        The most pivots allowed for each label (default :data:`DEFAULT_MAX_PIVOTS`).

    Returns
    -------
    list of (tuple of Fraction, tuple of Fraction)
        The equilibria found, without repetition, in order of first appearance.

    Raises
    ------
    ParameterError
        Malformed matrices or ``max_pivots``.
    TooLargeError
        Some label's path needs more than ``max_pivots`` pivots.

    Examples
    --------
    The game (3.3) of von Stengel (2007) has three equilibria, but its mixed
    equilibrium ``((4/5, 1/5, 0), (2/3, 1/3))`` is the end of no path from the
    artificial equilibrium:

    >>> A = [[3, 3], [2, 5], [0, 6]]
    >>> B = [[3, 2], [2, 6], [3, 1]]
    >>> for x, y in lemke_howson_all_labels(A, B):
    ...     print([str(p) for p in x], [str(q) for q in y])
    ['1', '0', '0'] ['1', '0']
    ['0', '1/3', '2/3'] ['1/3', '2/3']
    """
    game = _game(A, B)
    limit = _max_pivots(max_pivots)
    found: list[MixedProfile] = []
    for k in range(game.m + game.n):
        profile = _profile(game, _follow_path(game, k, limit))
        if profile not in found:
            found.append(profile)
    return found
