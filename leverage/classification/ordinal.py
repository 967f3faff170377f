"""The 144 classes of strict ordinal 2×2 games: standard orientation, the 12 symmetric
patterns that name them, Bruns's codes, and the ordinal ranks of a payoff matrix.

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
Goforth's own three-digit layer/row/column numbers are not reproduced.  Two asymmetric classes
also carry the names of Snyder & Diesing's pairings (Called Bluff, Bully).

*Ranks.*  A payoff matrix becomes ranks by dense ranking (equal payoffs, equal rank).  A weak
ranking with ties is *refined* by breaking its ties in every possible way: the strict rankings
that keep every strict preference of the weak one (used for the classes a tied game borders,
:mod:`leverage.classification.classification`).

References
----------
- D. Robinson, D. Goforth, *The Topology of the 2×2 Games: A New Periodic Table*, Routledge 2005.
- B. R. Bruns, "Names for Games: Locating 2 × 2 Games", *Games* 6(4) (2015) 495–520.
- A. Rapoport, M. Guyer, "A taxonomy of 2 × 2 games", *General Systems* 11 (1966) 203–214.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import UnsupportedError
from ..games.strategic import Game
from ..solve.nplayer.pure import pure_equilibria

__all__ = [
    "SYMMETRIC_GAMES",
    "GameClass",
    "Ranks",
    "SymmetricGame",
    "all_classes",
    "class_of",
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


def standard(row: Ranks, col: Ranks) -> tuple[Ranks, Ranks, tuple[int, int], tuple[int, int]]:
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
    pattern, col_pattern, _, _ = standard(row, col)
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


def count_pure(row: Sequence[Sequence[int]], col: Sequence[Sequence[int]]) -> int:
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
                GameClass(index, name, r, c, (i + 1, j + 1), (row, col), count_pure(row, col))
            )
    return tuple(out)


@functools.cache
def classes_by_index() -> dict[str, GameClass]:
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
    r, c = levels_matrix(row), levels_matrix(column)
    if sorted(v for line in r for v in line) != [1, 2, 3, 4] or sorted(
        v for line in c for v in line
    ) != [1, 2, 3, 4]:
        raise UnsupportedError("the game has tied payoffs: it belongs to no strict class")
    return strict_class(r, c)


def strict_class(row: Ranks, col: Ranks) -> GameClass:
    rp, cp, _, _ = standard(row, col)
    i, j = _BY_PATTERN[rp][0], _BY_PATTERN[cp][0]
    return all_classes()[12 * i + j]


# --------------------------------------------------------------------------- ordinal ranks


def _levels(values: Sequence[Any]) -> list[int]:
    """Dense ranks, 1 for the lowest value."""
    distinct = sorted(set(values))
    return [distinct.index(v) + 1 for v in values]


def levels_matrix(m: Sequence[Sequence[Any]]) -> Ranks:
    flat = [m[0][0], m[0][1], m[1][0], m[1][1]]
    lv = _levels(flat)
    return ((lv[0], lv[1]), (lv[2], lv[3]))


def refinements(m: Ranks) -> list[Ranks]:
    """Every strict ranking consistent with the weak ranking ``m`` (ties broken every way)."""
    flat = [m[0][0], m[0][1], m[1][0], m[1][1]]
    out = []
    for perm in itertools.permutations((1, 2, 3, 4)):
        if all(perm[a] < perm[b] for a in range(4) for b in range(4) if flat[a] < flat[b]):
            out.append(((perm[0], perm[1]), (perm[2], perm[3])))
    return out
