"""Classification of games: the Robinson–Goforth class of a 2×2 game, its name, the
Snyder–Diesing crisis types of its players, and structural properties of any finite game.

Mathematics
-----------
*Ordinal 2×2 games.*  Only each player's ranking of the four outcomes matters: payoffs are
replaced by ranks 1 (worst) to 4 (best).  Of the 4!·4! = 576 strict ordinal games (no ties),
those that differ only by the order in which the rows and/or the columns are written are the
same game; the four relabellings act freely, so there are 576/4 = 144 classes (Robinson &
Goforth 2005).  Swapping the *players* is not a relabelling: a game and its transpose with
the players swapped are different classes unless the game is symmetric.

*Standard orientation* (Bruns 2015, "right-up").  Order the columns so that the Row player's
best outcome (rank 4) is in the right column, and the rows so that the Column player's best
outcome is in the top row.  Each class has exactly one game in standard orientation.  Its
*Row pattern* is the Row player's rank matrix there; its *Column pattern* is the Column
player's rank matrix reflected in the anti-diagonal (``[[a, b], [c, d]] → [[d, b], [c, a]]``),
which is how the Column player sees the game from the Row player's seat.  Both patterns have
the 4 in the right column: 12 possibilities each, and the class is the pair (Row pattern,
Column pattern), 12 × 12 = 144.  In a symmetric game (Column's payoffs the transpose of
Row's) the two patterns coincide: the 12 symmetric games name the 12 patterns.

*Names and index.*  Bruns (2015) names each pattern after its symmetric game.  Written for a
symmetric game with strategies C, D and ``R = u(C,C)``, ``S = u(C,D)``, ``T = u(D,C)``,
``P = u(D,D)``, they are, in the cyclic order of the Robinson–Goforth torus (neighbours differ
by one swap of adjacent ranks):

====  ===================  =============  ====  ============  =============
code  name                 order          code  name          order
====  ===================  =============  ====  ============  =============
Pd    Prisoner's Dilemma   T > R > P > S  Cc    Concord       R > T > S > P
Dl    Deadlock             T > P > R > S  Ha    Harmony       R > S > T > P
Cm    Compromise           T > P > S > R  Pc    Peace         R > S > P > T
He    Hero                 T > S > P > R  Co    Coordination  R > P > S > T
Ba    Battle of the Sexes  T > S > R > P  As    Assurance     R > P > T > S
Ch    Chicken              T > R > S > P  Sh    Stag Hunt     R > T > P > S
====  ===================  =============  ====  ============  =============

("Battle" has the order Rapoport & Guyer call Leader; Bruns's "Harmony" is R > S > T > P, the
order R > T > S > P that some authors call Harmony being his "Concord".)  The *index* of a class
is a binomial code in Bruns's manner: the two-letter code of the Row pattern followed by that
of the Column pattern, one code alone when they coincide (``"Pd"``, ``"ChPd"``).  ``grid`` gives
the position (1–12, 1–12) of the two patterns in the order of the table above.  Robinson and
Goforth's own three-digit layer/row/column numbers are not reproduced.

*Ties.*  A 2×2 game with ties is reported as ``"tied"`` together with the classes it borders:
the classes of every strict game obtained by breaking each player's ties in every possible way
(its neighbours in the topology, across the tie).

*Snyder–Diesing crisis types* (Snyder & Diesing 1977, ch. 2).  Each player's preference order
over the outcomes CC, CD, DC, DD, its own move written first, where C ("cooperate",
accommodate) is the player's **first** strategy in the model file and D its second.  Named
orders: Prisoner's Dilemma DC > CC > DD > CD, Chicken DC > CC > CD > DD, Deadlock
DC > DD > CC > CD, Leader DC > CD > CC > DD, Hero CD > DC > CC > DD.  Named pairings: the five
symmetric ones, Called Bluff (Chicken against Prisoner's Dilemma) and Bully (Chicken against
Deadlock).  Unlike the Robinson–Goforth class, the crisis type depends on which strategy is C.

*Properties of any finite game.*  Constant-sum: the payoffs add up to the same number in every
profile (zero-sum when it is 0), tested exactly.  Symmetric (two players, square): ``B[i, π(k)]
= A[k, π(i)]`` for a matching ``π`` of the first player's strategies to the second's — the
identity first, then every permutation for up to 6 strategies.  Exact potential game (Monderer
& Shapley 1996): a function ``P`` with ``u_i(s) − u_i(t_i, s_−i) = P(s) − P(t_i, s_−i)`` for every
player, profile and deviation; ``P`` is built along the path that changes the players' strategies
one at a time from the profile (0, …, 0) and then checked at every profile, which decides the
question exactly (a potential is unique up to a constant; equivalently, every 4-cycle of
unilateral deviations has zero total gain, their Corollary 2.9).  Dominance solvable: iterated
elimination of strictly dominated strategies (by pure or mixed strategies) leaves one profile.
Pure equilibria: weak ones included.

*Class regimes.*  With every parameter but one, ``t``, at exact values, each payoff is a rational
function of ``t``.  The ordinal ranking of a player changes only where the difference of two of
its own payoffs changes sign, i.e. at real roots of ``num_p·den_q − num_q·den_p``; poles are where
the game is undefined.  Between consecutive roots the class is constant and is computed at a
rational point; at a root (rational, or irrational and then exact via its minimal polynomial) the
ranking is decided exactly from the signs of those polynomials.  The equilibrium regimes of a 2×2
game (:func:`leverage.analysis.regimes.regimes`) change only where a best response or a strict
dominance relation changes, that is where ``u_i(s) − u_i(t_i, s_−i)`` changes sign: an ordinal
change, so every such critical value is also a class threshold.

References
----------
- D. Robinson, D. Goforth, *The Topology of the 2×2 Games: A New Periodic Table*, Routledge 2005.
- B. R. Bruns, "Names for Games: Locating 2 × 2 Games", *Games* 6(4) (2015) 495–520.
- G. H. Snyder, P. Diesing, *Conflict Among Nations*, Princeton University Press 1977, ch. 2.
- A. Rapoport, M. Guyer, "A taxonomy of 2 × 2 games", *General Systems* 11 (1966) 203–214.
- D. Monderer, L. S. Shapley, "Potential games", *Games and Economic Behavior* 14 (1996) 124–143.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy
from sympy import QQ
from sympy.polys.rings import PolyElement, ring

from ..analysis.symbolic import MAX_DEGREE, RealAlgebraic, rational_function, simplest_rational
from ..analysis.symbolic import to_poly as _to_poly
from ..errors import ParameterError, TooLargeError, UnsupportedError
from ..expr import symbol
from ..game import Game
from ..model import parse_value
from ..solve.pure import pure_equilibria

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Model

__all__ = [
    "SNYDER_DIESING_GAMES",
    "SNYDER_DIESING_TYPES",
    "SYMMETRIC_GAMES",
    "ClassRegime",
    "ClassRegimes",
    "ClassThreshold",
    "Classification",
    "GameClass",
    "Properties",
    "SnyderDiesing",
    "SymmetricGame",
    "all_classes",
    "class_of",
    "classify",
    "classify_range",
    "game_properties",
]

Ranks = tuple[tuple[int, int], tuple[int, int]]
"""A 2×2 matrix of ranks (1 = worst), rows then columns."""


# --------------------------------------------------------------------------- the 12 patterns


def _transpose(m: Ranks) -> Ranks:
    return ((m[0][0], m[1][0]), (m[0][1], m[1][1]))


def _antitranspose(m: Ranks) -> Ranks:
    return ((m[1][1], m[0][1]), (m[1][0], m[0][0]))


def _where(m: Ranks, value: int) -> tuple[int, int]:
    return next((i, j) for i in range(2) for j in range(2) if m[i][j] == value)


def _standard(row: Ranks, col: Ranks) -> tuple[Ranks, Ranks, tuple[int, int], tuple[int, int]]:
    """Row pattern, Column pattern, and the original row and column indices in standard
    orientation (top row first, left column first) of a strict ordinal 2×2 game."""
    rows, cols = (0, 1), (0, 1)
    if _where(row, 4)[1] == 0:
        cols = (1, 0)
    if _where(col, 4)[0] == 1:
        rows = (1, 0)

    def oriented(m: Ranks) -> Ranks:
        return (
            (m[rows[0]][cols[0]], m[rows[0]][cols[1]]),
            (m[rows[1]][cols[0]], m[rows[1]][cols[1]]),
        )

    return oriented(row), _antitranspose(oriented(col)), rows, cols


@dataclass(frozen=True)
class SymmetricGame:
    """One of the 12 symmetric strict ordinal 2×2 games, which name the 144 classes' patterns.

    Attributes
    ----------
    code
        Bruns's two-letter code, e.g. ``"Pd"``.
    name
        Its name, e.g. ``"Prisoner's Dilemma"``.
    order
        The order of ``T, R, S, P`` (best first) in the usual C/D writing, e.g. ``"TRPS"``.
    aliases
        Other names in the literature.
    pattern
        The Row player's ranks in standard orientation (see the module docstring).
    """

    code: str
    name: str
    order: str
    aliases: tuple[str, ...] = ()
    pattern: Ranks = ((0, 0), (0, 0))


def _symmetric_ranks(order: str) -> tuple[Ranks, Ranks]:
    """Row's and Column's ranks of the symmetric game with ``order`` of T, R, S, P."""
    rank = {letter: 4 - k for k, letter in enumerate(order)}
    row: Ranks = ((rank["R"], rank["S"]), (rank["T"], rank["P"]))
    return row, _transpose(row)


def _make_symmetric(code: str, name: str, order: str, *aliases: str) -> SymmetricGame:
    row, col = _symmetric_ranks(order)
    pattern, col_pattern, _, _ = _standard(row, col)
    assert pattern == col_pattern  # a symmetric game has equal patterns
    return SymmetricGame(code, name, order, tuple(aliases), pattern)


SYMMETRIC_GAMES: tuple[SymmetricGame, ...] = (
    _make_symmetric("Pd", "Prisoner's Dilemma", "TRPS"),
    _make_symmetric("Dl", "Deadlock", "TPRS"),
    _make_symmetric("Cm", "Compromise", "TPSR"),
    _make_symmetric("He", "Hero", "TSPR"),
    _make_symmetric("Ba", "Battle of the Sexes", "TSRP", "Leader"),
    _make_symmetric("Ch", "Chicken", "TRSP", "Snowdrift", "Hawk–Dove"),
    _make_symmetric("Cc", "Concord", "RTSP"),
    _make_symmetric("Ha", "Harmony", "RSTP"),
    _make_symmetric("Pc", "Peace", "RSPT"),
    _make_symmetric("Co", "Coordination", "RPST"),
    _make_symmetric("As", "Assurance", "RPTS"),
    _make_symmetric("Sh", "Stag Hunt", "RTPS"),
)
"""The 12 symmetric games, in the cyclic order of the Robinson–Goforth torus (Bruns 2015)."""

_BY_PATTERN = {g.pattern: (k, g) for k, g in enumerate(SYMMETRIC_GAMES)}

# Common names of asymmetric classes: Snyder & Diesing's pairings, by (Row, Column) pattern.
_ASYMMETRIC_NAMES = {
    ("Ch", "Pd"): "Called Bluff",
    ("Pd", "Ch"): "Called Bluff",
    ("Ch", "Dl"): "Bully",
    ("Dl", "Ch"): "Bully",
}


def _count_pure(row: Sequence[Sequence[int]], col: Sequence[Sequence[int]]) -> int:
    return len(pure_equilibria([np.array(row), np.array(col)]))


# --------------------------------------------------------------------------- the 144 classes


@dataclass(frozen=True)
class GameClass:
    """One of the 144 classes of strict ordinal 2×2 games.

    Attributes
    ----------
    index
        The binomial code: Row pattern then Column pattern, one code when they coincide.
    name
        The common name: the symmetric game's name, a Snyder–Diesing pairing
        (``"Called Bluff"``), or ``"<Row pattern> / <Column pattern>"``.
    row, column
        The symmetric games naming the Row and Column patterns.
    grid
        Positions (1–12) of the Row and Column patterns in :data:`SYMMETRIC_GAMES`.
    ranks
        Row's and Column's ranks in standard orientation.
    pure_equilibria
        The number of pure Nash equilibria (0, 1 or 2).
    """

    index: str
    name: str
    row: SymmetricGame
    column: SymmetricGame
    grid: tuple[int, int]
    ranks: tuple[Ranks, Ranks]
    pure_equilibria: int

    @property
    def symmetric(self) -> bool:
        """Whether the class is that of a symmetric game."""
        return self.row == self.column

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other names of the class."""
        if self.symmetric:
            return self.row.aliases
        return (self.composite_name,) if self.name != self.composite_name else ()

    @property
    def composite_name(self) -> str:
        """``"<Row pattern> / <Column pattern>"`` (the symmetric name for symmetric classes)."""
        if self.symmetric:
            return self.row.name
        return f"{self.row.name} / {self.column.name}"

    def game(self, *, players: Sequence[str] = ("Row", "Column")) -> Game:
        """The class's game in standard orientation, ranks as payoffs.

        Examples
        --------
        >>> pd = next(c for c in all_classes() if c.index == "Pd")
        >>> pd.game().payoffs[0].tolist()
        [[Fraction(1, 1), Fraction(3, 1)], [Fraction(2, 1), Fraction(4, 1)]]
        """
        row, col = self.ranks
        return Game.from_arrays(row, col, players=players, title=self.name)


@functools.cache
def all_classes() -> tuple[GameClass, ...]:
    """The 144 classes of strict ordinal 2×2 games, by Row pattern then Column pattern.

    Returns
    -------
    tuple of GameClass
        In the order of :data:`SYMMETRIC_GAMES` for the Row pattern, then the Column
        pattern; ``all_classes()[k].grid == (k // 12 + 1, k % 12 + 1)``.

    Examples
    --------
    >>> classes = all_classes()
    >>> len(classes), classes[0].index, classes[0].name
    (144, 'Pd', "Prisoner's Dilemma")
    >>> sum(c.pure_equilibria == 2 for c in classes)
    18
    """
    out = []
    for i, r in enumerate(SYMMETRIC_GAMES):
        for j, c in enumerate(SYMMETRIC_GAMES):
            row, col = r.pattern, _antitranspose(c.pattern)
            index = r.code if i == j else r.code + c.code
            composite = r.name if i == j else f"{r.name} / {c.name}"
            name = _ASYMMETRIC_NAMES.get((r.code, c.code), composite)
            out.append(
                GameClass(index, name, r, c, (i + 1, j + 1), (row, col), _count_pure(row, col))
            )
    return tuple(out)


@functools.cache
def _classes_by_index() -> dict[str, GameClass]:
    return {c.index: c for c in all_classes()}


def class_of(row: Sequence[Sequence[Any]], column: Sequence[Sequence[Any]]) -> GameClass:
    """The class of a strict 2×2 game given by its two payoff (or rank) matrices.

    Parameters
    ----------
    row, column
        2×2 matrices of the Row and Column players' payoffs; each player's four payoffs
        must be distinct.

    Raises
    ------
    UnsupportedError
        When a player has tied payoffs (use :func:`classify` for tied games).

    Examples
    --------
    >>> class_of([[3, 1], [4, 2]], [[3, 4], [1, 2]]).name      # R=3, S=1, T=4, P=2
    "Prisoner's Dilemma"
    """
    r, c = _levels_matrix(row), _levels_matrix(column)
    if sorted(v for line in r for v in line) != [1, 2, 3, 4] or sorted(
        v for line in c for v in line
    ) != [1, 2, 3, 4]:
        raise UnsupportedError("the game has tied payoffs: it belongs to no strict class")
    return _strict_class(r, c)


def _strict_class(row: Ranks, col: Ranks) -> GameClass:
    rp, cp, _, _ = _standard(row, col)
    i, j = _BY_PATTERN[rp][0], _BY_PATTERN[cp][0]
    return all_classes()[12 * i + j]


# --------------------------------------------------------------------------- ordinal ranks


def _levels(values: Sequence[Any]) -> list[int]:
    """Dense ranks, 1 for the lowest value."""
    distinct = sorted(set(values))
    return [distinct.index(v) + 1 for v in values]


def _levels_matrix(m: Sequence[Sequence[Any]]) -> Ranks:
    flat = [m[0][0], m[0][1], m[1][0], m[1][1]]
    lv = _levels(flat)
    return ((lv[0], lv[1]), (lv[2], lv[3]))


def _refinements(m: Ranks) -> list[Ranks]:
    """Every strict ranking consistent with the weak ranking ``m`` (ties broken every way)."""
    flat = [m[0][0], m[0][1], m[1][0], m[1][1]]
    out = []
    for perm in itertools.permutations((1, 2, 3, 4)):
        if all(perm[a] < perm[b] for a in range(4) for b in range(4) if flat[a] < flat[b]):
            out.append(((perm[0], perm[1]), (perm[2], perm[3])))
    return out


# --------------------------------------------------------------------------- Snyder–Diesing

SNYDER_DIESING_TYPES: dict[str, str] = {
    "DC > CC > DD > CD": "Prisoner's Dilemma",
    "DC > CC > CD > DD": "Chicken",
    "DC > DD > CC > CD": "Deadlock",
    "DC > CD > CC > DD": "Leader",
    "CD > DC > CC > DD": "Hero",
}
"""Named preference orders of one side (own move first; Snyder & Diesing 1977, ch. 2)."""

SNYDER_DIESING_GAMES: dict[frozenset[str], str] = {
    frozenset({"Prisoner's Dilemma"}): "Prisoner's Dilemma",
    frozenset({"Chicken"}): "Chicken",
    frozenset({"Deadlock"}): "Deadlock",
    frozenset({"Leader"}): "Leader",
    frozenset({"Hero"}): "Hero",
    frozenset({"Chicken", "Prisoner's Dilemma"}): "Called Bluff",
    frozenset({"Chicken", "Deadlock"}): "Bully",
}
"""Named pairings of the two sides' types (Snyder & Diesing 1977, ch. 2)."""


@dataclass(frozen=True)
class SnyderDiesing:
    """Each side's preference order over CC, CD, DC, DD (own move first) and the pairing.

    Attributes
    ----------
    orders
        For each player, e.g. ``"DC > CC > DD > CD"`` (ties written ``=``).
    types
        For each player, the name of its order, or ``None``.
    game
        The name of the pairing, or ``None``.
    cooperate
        Each player's strategy read as C (its first strategy).
    """

    orders: tuple[str, str]
    types: tuple[str | None, str | None]
    game: str | None
    cooperate: tuple[str, str]

    def to_dict(self, players: Sequence[str]) -> dict[str, Any]:
        """``{"sides": [{"player", "cooperate", "order", "type"}, …], "game": …}``."""
        sides = [
            {"player": p, "cooperate": c, "order": order, "type": kind}
            for p, c, order, kind in zip(
                players, self.cooperate, self.orders, self.types, strict=True
            )
        ]
        return {"sides": sides, "game": self.game}


def _snyder_diesing(row: Ranks, col: Ranks, strategies: Sequence[Sequence[str]]) -> SnyderDiesing:
    letters = "CD"
    orders = []
    for player in range(2):
        cells = []
        for own in range(2):
            for other in range(2):
                r, c = (own, other) if player == 0 else (other, own)
                rank = (row if player == 0 else col)[r][c]
                cells.append((rank, letters[own] + letters[other]))
        cells.sort(key=lambda x: (-x[0], x[1]))
        text = cells[0][1]
        for (prev, _), (rank, name) in itertools.pairwise(cells):
            text += (" = " if rank == prev else " > ") + name
        orders.append(text)
    types = tuple(SNYDER_DIESING_TYPES.get(o) for o in orders)
    game = None
    if types[0] is not None and types[1] is not None:
        game = SNYDER_DIESING_GAMES.get(frozenset(types))  # type: ignore[arg-type]
    return SnyderDiesing(
        (orders[0], orders[1]),
        (types[0], types[1]),
        game,
        (strategies[0][0], strategies[1][0]),
    )


# --------------------------------------------------------------------------- properties


def _is_zero(value: Any, scale: float) -> bool:
    if isinstance(value, Fraction):
        return value == 0
    return abs(float(value)) <= 1e-9 * max(1.0, scale)


@dataclass(frozen=True)
class Properties:
    """Structural properties of a finite game (see the module docstring).

    Attributes
    ----------
    size
        Strategies per player.
    constant_sum, zero_sum
        Whether the payoffs add up to the same number (zero) in every profile.
    total
        That number, when constant-sum.
    symmetric
        Two players with square payoffs and ``B[i, π(k)] = A[k, π(i)]`` for a matching ``π``.
    matching
        That matching, the second player's strategy index for each of the first player's.
    exact_potential
        Whether the game is an exact potential game.
    potential
        A potential (zero at the first profile), when there is one.
    dominance_solvable
        Whether iterated strict dominance leaves one profile.
    solution
        That profile.
    pure_equilibria
        Every pure Nash equilibrium (weak ones included).
    players, strategies
        Labels.
    """

    size: tuple[int, ...]
    constant_sum: bool
    zero_sum: bool
    total: Any
    symmetric: bool
    matching: tuple[int, ...] | None
    exact_potential: bool
    potential: np.ndarray | None = field(repr=False)
    dominance_solvable: bool
    solution: tuple[int, ...] | None
    pure_equilibria: tuple[tuple[int, ...], ...]
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()

    def _profile(self, profile: Sequence[int]) -> str:
        return ", ".join(self.strategies[i][s] for i, s in enumerate(profile))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``{"size": [2, 2], "zero_sum": false, …}``."""
        out: dict[str, Any] = {
            "size": list(self.size),
            "constant_sum": self.constant_sum,
            "zero_sum": self.zero_sum,
        }
        if self.constant_sum:
            out["total"] = _text(self.total)
        out["symmetric"] = self.symmetric
        if self.symmetric and self.matching is not None:
            if list(self.matching) != list(range(len(self.matching))):
                out["matching"] = {
                    self.strategies[0][k]: self.strategies[1][v]
                    for k, v in enumerate(self.matching)
                }
        out["exact_potential"] = self.exact_potential
        if self.potential is not None and self.potential.ndim == 2:
            out["potential"] = [[_text(v) for v in line] for line in self.potential.tolist()]
        out["dominance_solvable"] = self.dominance_solvable
        if self.solution is not None:
            out["dominance_solution"] = self._profile(self.solution)
        out["pure_equilibria"] = [self._profile(p) for p in self.pure_equilibria]
        return out


def _text(value: Any) -> Any:
    if isinstance(value, Fraction):
        return str(value)
    return float(value)


def game_properties(game: Game) -> Properties:
    """Size, constant-sum, symmetry, exact potential, dominance solvability, pure equilibria.

    Parameters
    ----------
    game
        Any finite game (exact payoffs are compared exactly; floats with a relative
        tolerance of 1e-9).

    Returns
    -------
    Properties

    Examples
    --------
    >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> p = game_properties(pd)
    >>> p.symmetric, p.exact_potential, p.dominance_solvable, p.solution, p.zero_sum
    (True, True, True, (1, 1), False)
    """
    arrays = game.payoffs
    scale = max((abs(float(v)) for a in arrays for v in a.flat), default=1.0)
    total_arr = sum(arrays[1:], arrays[0])
    first = total_arr.flat[0]
    constant = all(_is_zero(v - first, scale) for v in total_arr.flat)
    zero = constant and _is_zero(first, scale)
    matching = _symmetry(game, scale)
    potential = _potential(arrays, scale)
    elimination = game.iterated_elimination()
    solution = tuple(r[0] for r in elimination.remaining) if elimination.solved else None
    return Properties(
        size=game.shape,
        constant_sum=constant,
        zero_sum=zero,
        total=first if constant else None,
        symmetric=matching is not None,
        matching=matching,
        exact_potential=potential is not None,
        potential=potential,
        dominance_solvable=elimination.solved,
        solution=solution,
        pure_equilibria=tuple(pure_equilibria(arrays)),
        players=game.players,
        strategies=game.strategies,
    )


#: Largest number of strategies for which every matching is tried in the symmetry test.
MAX_SYMMETRY_SEARCH = 6


def _symmetry(game: Game, scale: float) -> tuple[int, ...] | None:
    if game.n_players != 2 or game.shape[0] != game.shape[1]:
        return None
    a, b = game.payoffs
    m = game.shape[0]

    def works(pi: Sequence[int]) -> bool:
        return all(_is_zero(a[i, pi[k]] - b[k, pi[i]], scale) for i in range(m) for k in range(m))

    identity = tuple(range(m))
    if works(identity):
        return identity
    if m > MAX_SYMMETRY_SEARCH:
        return None
    return next((p for p in itertools.permutations(range(m)) if works(p)), None)


def _potential(arrays: Sequence[np.ndarray], scale: float) -> np.ndarray | None:
    shape = arrays[0].shape
    n = len(shape)
    pot = np.empty(shape, dtype=arrays[0].dtype)
    for s in itertools.product(*(range(k) for k in shape)):
        value = arrays[0][s] * 0
        for k in range(n):
            upto = s[: k + 1] + (0,) * (n - k - 1)
            before = s[:k] + (0,) * (n - k)
            value = value + arrays[k][upto] - arrays[k][before]
        pot[s] = value
    for i, u in enumerate(arrays):
        base_u = np.take(u, [0], axis=i)
        base_p = np.take(pot, [0], axis=i)
        gap = (u - base_u) - (pot - base_p)
        if not all(_is_zero(v, scale) for v in gap.flat):
            return None
    return pot


# --------------------------------------------------------------------------- classification


@dataclass(frozen=True)
class Classification:
    """What kind of game a game is.

    Attributes
    ----------
    players, strategies
        Labels.
    size
        Strategies per player.
    index
        The Robinson–Goforth class of a strict 2×2 game as Bruns's code (``"Pd"``,
        ``"ChPd"``); ``None`` for tied or larger games.
    name
        The class's common name; for a tied 2×2 game ``"tied (…)"`` naming the bordering
        classes; ``None`` for larger games.
    pure_equilibria
        The number of pure Nash equilibria (weak ones included).
    tied
        Whether a 2×2 game has ties in some player's payoffs.
    ties
        For each player with ties, its groups of equally ranked outcomes.
    borders
        For a tied 2×2 game, the classes (codes) of every strict refinement of its ties.
    game_class
        The :class:`GameClass` of a strict 2×2 game.
    orientation
        For a strict 2×2 game, the rows and the columns (labels) in standard orientation.
    snyder_diesing
        For a 2×2 game, each side's crisis type (first strategy = C).
    properties
        Structural properties (``None`` where only the ordinal game is known).
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    size: tuple[int, ...]
    index: str | None
    name: str | None
    pure_equilibria: int
    tied: bool = False
    ties: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    borders: tuple[str, ...] = ()
    game_class: GameClass | None = None
    orientation: tuple[tuple[str, str], tuple[str, str]] | None = None
    snyder_diesing: SnyderDiesing | None = None
    properties: Properties | None = None

    @property
    def label(self) -> str | None:
        """The JSON ``class``: the index, ``"tied"``, or ``None`` for a larger game."""
        return "tied" if self.tied else self.index

    @property
    def border_names(self) -> tuple[str, ...]:
        """The distinct names of the bordering classes, in the order of :attr:`borders`."""
        names = (_classes_by_index()[b].name for b in self.borders)
        return tuple(dict.fromkeys(names))

    @property
    def key(self) -> tuple[Any, ...]:
        """What identifies the ordinal class: index, or the bordering classes when tied."""
        return (self.index, self.borders)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (see ``docs``: ``class``, ``index``, ``name``, ``pure_equilibria``,
        ``ties``, ``borders``, ``patterns``, ``grid``, ``orientation``, ``snyder_diesing``,
        ``properties``)."""
        out: dict[str, Any] = {
            "class": self.label,
            "index": self.index,
            "name": self.name,
            "pure_equilibria": self.pure_equilibria,
            "size": list(self.size),
        }
        if self.game_class is not None:
            gc = self.game_class
            out["patterns"] = {
                self.players[0]: gc.row.name,
                self.players[1]: gc.column.name,
            }
            out["grid"] = list(gc.grid)
            if gc.aliases:
                out["aliases"] = list(gc.aliases)
        if self.orientation is not None:
            out["orientation"] = {
                "rows": list(self.orientation[0]),
                "columns": list(self.orientation[1]),
            }
        if self.tied:
            out["ties"] = {p: [list(g) for g in groups] for p, groups in self.ties.items()}
            out["borders"] = list(self.borders)
        if self.snyder_diesing is not None:
            out["snyder_diesing"] = self.snyder_diesing.to_dict(self.players)
        if self.properties is not None:
            out["properties"] = self.properties.to_dict()
        return out


def classify(game: Game) -> Classification:
    """Classify a game: Robinson–Goforth class and Snyder–Diesing types when 2×2, and
    structural properties of any finite game.

    Parameters
    ----------
    game
        Any finite game.

    Returns
    -------
    Classification

    Examples
    --------
    >>> c = classify(Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    >>> c.index, c.name, c.pure_equilibria, c.snyder_diesing.game
    ('Pd', "Prisoner's Dilemma", 1, "Prisoner's Dilemma")
    >>> bos = classify(Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    >>> bos.label, bos.borders
    ('tied', ('He', 'HeBa', 'BaHe', 'Ba'))
    """
    props = game_properties(game)
    if game.n_players == 2 and game.shape == (2, 2):
        row = _levels_matrix(game.payoffs[0].tolist())
        col = _levels_matrix(game.payoffs[1].tolist())
        return _classify_ranks(row, col, game.players, game.strategies, props)
    return Classification(
        players=game.players,
        strategies=game.strategies,
        size=game.shape,
        index=None,
        name=None,
        pure_equilibria=len(props.pure_equilibria),
        properties=props,
    )


def _classify_ranks(
    row: Ranks,
    col: Ranks,
    players: tuple[str, ...],
    strategies: tuple[tuple[str, ...], ...],
    props: Properties | None,
) -> Classification:
    """Classify the 2×2 game with weak rankings ``row`` and ``col`` (1 = worst)."""
    pure = _count_pure(row, col)
    sd = _snyder_diesing(row, col, strategies)
    ties = {}
    for p, m in zip(players, (row, col), strict=True):
        groups = []
        for level in sorted({v for line in m for v in line}, reverse=True):
            cells = [(i, j) for i in range(2) for j in range(2) if m[i][j] == level]
            if len(cells) > 1:
                groups.append(tuple(f"{strategies[0][i]}, {strategies[1][j]}" for i, j in cells))
        if groups:
            ties[p] = tuple(groups)
    base = dict(
        players=players,
        strategies=strategies,
        size=(2, 2),
        pure_equilibria=pure,
        snyder_diesing=sd,
        properties=props,
    )
    if ties:
        found = {_strict_class(r, c).index for r in _refinements(row) for c in _refinements(col)}
        order = {c.index: k for k, c in enumerate(all_classes())}
        borders = tuple(sorted(found, key=order.__getitem__))
        names = dict.fromkeys(_classes_by_index()[b].name for b in borders)
        return Classification(
            index=None,
            name="tied (" + ", ".join(names) + ")",
            tied=True,
            ties=ties,
            borders=borders,
            **base,  # type: ignore[arg-type]
        )
    gc = _strict_class(row, col)
    _, _, rows, cols = _standard(row, col)
    orientation = (
        (strategies[0][rows[0]], strategies[0][rows[1]]),
        (strategies[1][cols[0]], strategies[1][cols[1]]),
    )
    return Classification(
        index=gc.index,
        name=gc.name,
        game_class=gc,
        orientation=orientation,
        **base,  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------- class regimes


@dataclass(frozen=True)
class ClassThreshold:
    """A value of the parameter where some player's ranking of the outcomes changes.

    Attributes
    ----------
    exact
        Exact text (``"7/2"``, ``"1 + sqrt(2)"``, ``"CRootOf(…)"``).
    value
        The nearest float.
    sympy_value
        The exact sympy number.
    class_change
        Whether the class differs on the two sides (or at a bound, from the inside).
    undefined
        Whether a payoff has a pole here.
    ties
        The payoffs that are equal here, e.g. ``"China: (Calibrate, Hold) = (Overreach, Hold)"``.
    """

    exact: str
    value: float
    sympy_value: Any = field(repr=False, compare=False)
    class_change: bool = True
    undefined: bool = False
    ties: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """``{"exact": …, "value": …, "class_change": …, "ties": […]}``."""
        out: dict[str, Any] = {
            "exact": self.exact,
            "value": self.value,
            "class_change": self.class_change,
        }
        if self.undefined:
            out["undefined"] = True
        if self.ties:
            out["ties"] = list(self.ties)
        return out


@dataclass(frozen=True)
class ClassRegime:
    """The class on an open interval of the parameter, or at one value of it.

    Attributes
    ----------
    lower, upper
        The ends of an interval (``None`` for a point).
    at
        The value of a point (``None`` for an interval).
    classification
        The classification there (``None`` where the game is undefined).
    test_point
        The rational point an interval was classified at.
    """

    lower: ClassThreshold | None
    upper: ClassThreshold | None
    at: ClassThreshold | None
    classification: Classification | None
    test_point: Fraction | None = None

    @property
    def label(self) -> str:
        """``"(0, 7/2)"`` for an interval, ``"at 7/2"`` for a point."""
        if self.at is not None:
            return f"at {self.at.exact}"
        assert self.lower is not None and self.upper is not None
        return f"({self.lower.exact}, {self.upper.exact})"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of one regime."""
        out: dict[str, Any] = {}
        if self.at is not None:
            out["at"] = self.at.exact
        else:
            assert self.lower is not None and self.upper is not None
            out["from"], out["to"] = self.lower.exact, self.upper.exact
        c = self.classification
        if c is None:
            out["undefined"] = True
            return out
        out.update(
            {
                "class": c.label,
                "index": c.index,
                "name": c.name,
                "pure_equilibria": c.pure_equilibria,
            }
        )
        if c.tied:
            out["borders"] = list(c.borders)
        return out


@dataclass(frozen=True)
class ClassRegimes:
    """How the class of a 2×2 model changes as one parameter moves (:func:`classify_range`).

    Attributes
    ----------
    parameter
        The parameter analysed.
    bounds
        The closed range analysed.
    thresholds
        Every value in the range where some ranking changes (or a bound where the class
        differs from the inside), increasing.
    regimes
        Intervals and points covering the range, in order.
    values
        The values the other parameters were held at.
    """

    parameter: str
    bounds: tuple[Fraction, Fraction]
    thresholds: tuple[ClassThreshold, ...]
    regimes: tuple[ClassRegime, ...]
    values: dict[str, Fraction] = field(default_factory=dict)

    @property
    def class_changes(self) -> tuple[ClassThreshold, ...]:
        """The thresholds where the class changes."""
        return tuple(t for t in self.thresholds if t.class_change)

    def to_dict(self) -> dict[str, Any]:
        """``{"parameter", "range", "values", "thresholds", "regimes"}``."""
        return {
            "parameter": self.parameter,
            "range": [str(self.bounds[0]), str(self.bounds[1])],
            "values": {k: str(v) for k, v in self.values.items()},
            "thresholds": [t.to_dict() for t in self.thresholds],
            "regimes": [r.to_dict() for r in self.regimes],
        }

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat row per regime: ``regime, from, to, at, class, index, name, borders,
        pure_equilibria`` (empty strings where not applicable)."""
        rows = []
        for k, reg in enumerate(self.regimes):
            c = reg.classification
            rows.append(
                {
                    "regime": k,
                    "from": reg.lower.exact if reg.lower else "",
                    "to": reg.upper.exact if reg.upper else "",
                    "at": reg.at.exact if reg.at else "",
                    "class": (c.label or "") if c else "undefined",
                    "index": (c.index or "") if c else "",
                    "name": (c.name or "") if c else "",
                    "borders": " ".join(c.borders) if c else "",
                    "pure_equilibria": c.pure_equilibria if c else "",
                }
            )
        return rows


def _check_range(
    model: Model,
    parameter: str,
    bounds: tuple[Any, Any] | None,
    values: Mapping[str, Any] | None,
) -> tuple[Fraction, Fraction, dict[str, Fraction]]:
    if len(model.players) != 2 or model.shape != (2, 2):
        dims = "×".join(str(k) for k in model.shape)
        raise UnsupportedError(
            f"class regimes are defined for 2×2 games; this model is {dims}", file=model.path
        )
    if parameter not in model.parameters:
        model.values({parameter: 0})  # the located unknown-parameter error
    if values and parameter in values:
        raise ParameterError(
            f"{parameter!r} is the parameter analysed: give its range, not a value",
            file=model.path,
        )
    vals = model.values(values)
    p = model.parameters[parameter]
    if bounds is None:
        low, high = p.low, p.high
    else:
        low, high = (parse_value(b, name=f"bound of {parameter}") for b in bounds)
    if not p.low <= low < high <= p.high:
        raise ParameterError(
            f"range [{low}, {high}] of {parameter!r} must be non-empty and lie within its "
            f"declared range [{p.low}, {p.high}]",
            file=model.path,
        )
    return low, high, vals


def _fraction(v: Any) -> Fraction:
    return Fraction(int(v.numerator), int(v.denominator))


def classify_range(
    model: Model,
    parameter: str,
    bounds: tuple[Any, Any] | None = None,
    values: Mapping[str, Any] | None = None,
) -> ClassRegimes:
    """The class of a 2×2 model on every interval of one parameter, with exact thresholds.

    Parameters
    ----------
    model
        A two-player 2×2 model whose payoffs are rational functions of ``parameter`` once
        the other parameters have their values.
    parameter
        The parameter to move.
    bounds
        The closed range ``(low, high)`` (numbers or strings such as ``"7/2"``); default
        the parameter's declared range, which it must lie in.
    values
        Values of the other parameters (defaults elsewhere), checked against their ranges.

    Returns
    -------
    ClassRegimes

    Raises
    ------
    UnsupportedError
        Not a 2×2 model, or a payoff that is not a rational function of the parameter.
    ParameterError
        Unknown parameter, bad bounds or values.
    TooLargeError
        Polynomials of too high a degree.

    Examples
    --------
    >>> import leverage
    >>> chicken = leverage.load("models/chicken.toml")
    >>> result = classify_range(chicken, "interdependence_cost")
    >>> [(r.label, r.classification.label) for r in result.regimes]
    [('at 0', 'tied'), ('(0, 1)', 'Pd'), ('at 1', 'tied'), ('(1, 10)', 'Ch')]
    """
    low, high, vals = _check_range(model, parameter, bounds, values)
    t = symbol(parameter)
    rng, _ = ring([t], QQ)
    subs = {
        symbol(k): sympy.Rational(v.numerator, v.denominator)
        for k, v in vals.items()
        if k != parameter
    }
    exprs = model.symbolic_payoffs(expand_defines=True)
    cells = [(0, 0), (0, 1), (1, 0), (1, 1)]
    funcs = [
        {
            cell: rational_function(
                exprs[i][cell].xreplace(subs),
                rng,
                what=f"the payoff of {model.players[i]} at "
                f'"{model.strategies[0][cell[0]]}, {model.strategies[1][cell[1]]}"',
                parameter=parameter,
            )
            for cell in cells
        }
        for i in range(2)
    ]
    comparisons: dict[tuple[int, tuple[int, int], tuple[int, int]], PolyElement] = {}
    polys: list[PolyElement] = []
    for i in range(2):
        for p, q in itertools.combinations(cells, 2):
            (np_, dp), (nq, dq) = funcs[i][p], funcs[i][q]
            comparisons[(i, p, q)] = np_ * dq - nq * dp
            polys.append(comparisons[(i, p, q)])
        polys.extend(d for _, d in funcs[i].values())
    factors: dict[sympy.Poly, None] = {}
    for poly in polys:
        if poly.degree() < 1:
            continue
        if poly.degree() > MAX_DEGREE:
            raise TooLargeError(
                f"a polynomial of degree {poly.degree()} in {parameter} arises "
                f"(limit {MAX_DEGREE}); class regimes cannot be computed exactly"
            )
        for f, _ in _to_poly(poly, t).factor_list()[1]:
            factors[f.monic()] = None
    lo_pt, hi_pt = RealAlgebraic.rational(low, t), RealAlgebraic.rational(high, t)
    roots = [
        r
        for f in factors
        for r in RealAlgebraic.roots(f)
        if r.compare(lo_pt) > 0 and r.compare(hi_pt) < 0
    ]
    roots.sort(key=functools.cmp_to_key(lambda a, b: a.compare(b)))
    points = [lo_pt, *roots, hi_pt]
    for a, b in itertools.pairwise(points):
        a.separate(b)

    def at(point: RealAlgebraic) -> tuple[Classification | None, tuple[str, ...]]:
        signs: dict[tuple[int, tuple[int, int]], int] = {}
        for i in range(2):
            for cell in cells:
                s = point.sign(_to_poly(funcs[i][cell][1], t))
                if s == 0:
                    return None, ()
                signs[(i, cell)] = s
        if point.is_rational:
            q = point.value
            x = QQ(q.numerator, q.denominator)
            arrays = [
                [
                    [_fraction(funcs[i][(r, c)][0](x) / funcs[i][(r, c)][1](x)) for c in range(2)]
                    for r in range(2)
                ]
                for i in range(2)
            ]
            game = Game.from_arrays(
                *arrays, players=model.players, strategies=model.strategies, title=model.title
            )
            found = classify(game)
        else:
            levels = []
            for i in range(2):

                def compare(p: tuple[int, int], q: tuple[int, int], i: int = i) -> int:
                    if p == q:
                        return 0
                    key = (i, p, q) if (i, p, q) in comparisons else (i, q, p)
                    s = point.sign(_to_poly(comparisons[key], t)) * signs[(i, p)] * signs[(i, q)]
                    return s if key[1] == p else -s

                ordered = sorted(cells, key=functools.cmp_to_key(compare))
                level, rank = 1, {ordered[0]: 1}
                for a, b in itertools.pairwise(ordered):
                    level += compare(a, b) != 0
                    rank[b] = level
                levels.append(((rank[(0, 0)], rank[(0, 1)]), (rank[(1, 0)], rank[(1, 1)])))
            found = _classify_ranks(levels[0], levels[1], model.players, model.strategies, None)
        return found, _tie_text(found, model.players)

    tests = [simplest_rational(a.hi, b.lo) for a, b in itertools.pairwise(points)]
    inside = [at(RealAlgebraic.rational(q, t))[0] for q in tests]
    marks = [at(p) for p in points]
    last = len(points) - 1

    def key(c: Classification | None) -> Any:
        return None if c is None else c.key

    thresholds = []
    for k, point in enumerate(points):
        found, ties = marks[k]
        sides = [inside[j] for j in (k - 1, k) if 0 <= j < len(inside)]
        change = any(key(c) != key(found) for c in sides) or len({key(c) for c in sides}) > 1
        thresholds.append(
            ClassThreshold(point.text, float(point), point.expr, change, found is None, ties)
        )
    shown = [0 < k < last or thresholds[k].class_change for k in range(len(points))]
    regimes: list[ClassRegime] = []
    for k in range(len(points)):
        if shown[k]:
            regimes.append(ClassRegime(None, None, thresholds[k], marks[k][0]))
        if k < last:
            regimes.append(ClassRegime(thresholds[k], thresholds[k + 1], None, inside[k], tests[k]))
    return ClassRegimes(
        parameter=parameter,
        bounds=(low, high),
        thresholds=tuple(th for th, s in zip(thresholds, shown, strict=True) if s),
        regimes=tuple(regimes),
        values={k: v for k, v in vals.items() if k != parameter},
    )


def _tie_text(found: Classification | None, players: Sequence[str]) -> tuple[str, ...]:
    if found is None or not found.tied:
        return ()
    return tuple(
        f"{p}: " + " = ".join(f"({cell})" for cell in group)
        for p in players
        for group in found.ties.get(p, ())
    )
