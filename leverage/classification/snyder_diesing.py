"""Snyder–Diesing crisis types: each side's preference order over the four outcomes of a
2×2 crisis, read with its first strategy as "cooperate", and the names of their pairings.

Mathematics
-----------
Snyder & Diesing (1977, ch. 2) write each player's preference order over the outcomes CC, CD,
DC, DD, its own move written first, where C ("cooperate", accommodate) is the player's
**first** strategy in the model file and D its second.  Named orders: Prisoner's Dilemma
DC > CC > DD > CD, Chicken DC > CC > CD > DD, Deadlock DC > DD > CC > CD, Leader
DC > CD > CC > DD, Hero CD > DC > CC > DD.  Named pairings: the five symmetric ones, Called
Bluff (Chicken against Prisoner's Dilemma) and Bully (Chicken against Deadlock).  Equal ranks
are written ``=``.  Unlike the Robinson–Goforth class
(:mod:`leverage.classification.ordinal`), the crisis type depends on which strategy is C.

References
----------
- G. H. Snyder, P. Diesing, *Conflict Among Nations*, Princeton University Press 1977, ch. 2.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .ordinal import Ranks

__all__ = ["SNYDER_DIESING_GAMES", "SNYDER_DIESING_TYPES", "SnyderDiesing", "snyder_diesing_type"]

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


def snyder_diesing_type(
    row: Ranks, col: Ranks, strategies: Sequence[Sequence[str]]
) -> SnyderDiesing:
    """Each side's preference order over CC, CD, DC, DD and their pairing (Snyder–Diesing)
    for the 2×2 game with rankings ``row`` and ``col``.

    Parameters
    ----------
    row, col
        Each player's ranking of the four outcomes (1 = worst).
    strategies
        The labels.

    Returns
    -------
    SnyderDiesing
    """
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
