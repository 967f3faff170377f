"""What kind of game a game is: :func:`classify` puts together the Robinson–Goforth class
and the Snyder–Diesing types of a 2×2 game and the structural properties of any game.

Mathematics
-----------
A 2×2 game is reduced to each player's ranking of the four outcomes (dense ranks, 1 =
worst).  When neither player has tied payoffs its class is the one of the 144 strict classes
found from its standard orientation (:mod:`leverage.classification.ordinal`), and the rows
and columns of that orientation are reported by label.

*Ties.*  A 2×2 game with ties is reported as ``"tied"`` together with the classes it borders:
the classes of every strict game obtained by breaking each player's ties in every possible way
(its neighbours in the topology, across the tie).

Every 2×2 game also gets each side's Snyder–Diesing crisis type
(:mod:`leverage.classification.snyder_diesing`), and every finite game its structural
properties (:mod:`leverage.classification.properties`).

References
----------
- D. Robinson, D. Goforth, *The Topology of the 2×2 Games: A New Periodic Table*, Routledge 2005.
- B. R. Bruns, "Names for Games: Locating 2 × 2 Games", *Games* 6(4) (2015) 495–520.
- G. H. Snyder, P. Diesing, *Conflict Among Nations*, Princeton University Press 1977, ch. 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..games.strategic import Game
from ..records import Record
from .ordinal import (
    GameClass,
    Ranks,
    all_classes,
    classes_by_index,
    count_pure,
    levels_matrix,
    refinements,
    standard,
    strict_class,
)
from .properties import Properties, game_properties
from .snyder_diesing import SnyderDiesing, snyder_diesing_type

__all__ = ["Classification", "classify"]


@dataclass(frozen=True, repr=False)
class Classification(Record):
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
        names = (classes_by_index()[b].name for b in self.borders)
        return tuple(dict.fromkeys(names))

    @property
    def key(self) -> tuple[Any, ...]:
        """What identifies the ordinal class: index, or the bordering classes when tied."""
        return (self.index, self.borders)

    def __repr__(self) -> str:
        size = "×".join(str(k) for k in self.size)
        name = (
            f": {self.name} ({self.index})"
            if self.index
            else (f": {self.name}" if self.name else "")
        )
        n = self.pure_equilibria
        return f"<Classification {size}{name}, {n} pure equilibri{'um' if n == 1 else 'a'}>"

    def to_rows(self) -> list[dict[str, Any]]:
        """One row: ``class``, ``index``, ``name``, ``pure_equilibria``, ``size``
        (``"2×2"``), ``tied``, ``borders`` and each player's Snyder–Diesing type."""
        row: dict[str, Any] = {
            "class": self.label,
            "index": self.index,
            "name": self.name,
            "pure_equilibria": self.pure_equilibria,
            "size": "×".join(str(k) for k in self.size),
            "tied": self.tied,
            "borders": " ".join(self.borders),
        }
        if self.snyder_diesing is not None:
            sd = self.snyder_diesing
            for player, kind in zip(self.players, sd.types, strict=True):
                row[f"snyder_diesing:{player}"] = kind
            row["snyder_diesing"] = sd.game
        return [row]

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
        row = levels_matrix(game.payoffs[0].tolist())
        col = levels_matrix(game.payoffs[1].tolist())
        return classify_ranks(row, col, game.players, game.strategies, props)
    return Classification(
        players=game.players,
        strategies=game.strategies,
        size=game.shape,
        index=None,
        name=None,
        pure_equilibria=len(props.pure_equilibria),
        properties=props,
    )


def classify_ranks(
    row: Ranks,
    col: Ranks,
    players: tuple[str, ...],
    strategies: tuple[tuple[str, ...], ...],
    props: Properties | None,
) -> Classification:
    """Classify the 2×2 game with weak rankings ``row`` and ``col`` (1 = worst).

    Parameters
    ----------
    row, col
        Each player's ranking of the four outcomes.
    players, strategies
        The labels.
    props
        The game's properties, when known (for the description).

    Returns
    -------
    Classification
    """
    pure = count_pure(row, col)
    sd = snyder_diesing_type(row, col, strategies)
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
        found = {strict_class(r, c).index for r in refinements(row) for c in refinements(col)}
        order = {c.index: k for k, c in enumerate(all_classes())}
        borders = tuple(sorted(found, key=order.__getitem__))
        names = dict.fromkeys(classes_by_index()[b].name for b in borders)
        return Classification(
            index=None,
            name="tied (" + ", ".join(names) + ")",
            tied=True,
            ties=ties,
            borders=borders,
            **base,  # type: ignore[arg-type]
        )
    gc = strict_class(row, col)
    _, _, rows, cols = standard(row, col)
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
