"""Generate and test: the seeded stream every exercise is drawn from, and what a generator
receives and returns.

Mathematics
-----------
Each exercise is found by *generate and test*: small integer payoff matrices (:data:`LOW` to
:data:`HIGH`) are drawn from a seeded stream, and a candidate is kept only when the exact
solver and the tools above it say it meets the requirements of its kind.  A generator is a
function ``(draw, ctx) -> Draft | None``: ``None`` rejects the candidate, and the caller
draws again from the same stream.

*Reproducibility.*  Exercise ``k`` of a set is drawn from
``random.Random("leverage-exercise:SEED:k")``, using only its ``random()`` method, whose
sequence for a given seed Python guarantees not to change between versions; no other random
source is used.  Integers are ``min(high, low + ⌊u·(high − low + 1)⌋)`` for ``u = random()``,
and shuffles are Fisher–Yates with those integers.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...games.strategic import Game

if TYPE_CHECKING:  # pragma: no cover
    from .parametric import ParametricGame
    from .text import Block

#: Payoffs are drawn from these integers.
LOW, HIGH = 0, 9
#: Largest denominator of a probability (mixed) or a threshold (regimes).
MAX_DENOMINATOR = 6


class Draw:
    """Seeded draws using only ``random.Random.random`` (its sequence is version-stable)."""

    def __init__(self, seed: str) -> None:
        self._random = random.Random(seed)

    def integer(self, low: int, high: int) -> int:
        """A uniform integer in ``[low, high]``."""
        return min(high, low + int(self._random.random() * (high - low + 1)))

    def choice(self, items: Sequence[Any]) -> Any:
        """A uniform element of a non-empty sequence."""
        return items[self.integer(0, len(items) - 1)]

    def shuffled(self, items: Sequence[Any]) -> list[Any]:
        """A uniformly shuffled copy (Fisher–Yates)."""
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = self.integer(0, i)
            out[i], out[j] = out[j], out[i]
        return out

    def matrix(self, m: int, n: int) -> list[list[int]]:
        """An ``m × n`` matrix of payoffs in ``[LOW, HIGH]``."""
        return [[self.integer(LOW, HIGH) for _ in range(n)] for _ in range(m)]


@dataclass
class Draft:
    """What a generator returns for a kept candidate: the game, the question and the answer as
    rich text, the answer's JSON data, the harder flag and, for ``regimes``, the parametric
    game."""

    game: Game
    question: list[Block]
    answer: list[Block]
    data: dict[str, Any]
    harder: bool = False
    parametric: ParametricGame | None = None


@dataclass(frozen=True)
class DrawContext:
    """What a generator is given: the shape and labels of the game, its position ``index`` in
    a set of ``count``, its target (number of pure equilibria, rounds of elimination or class
    name, else ``None``), the theme, and the independent check of pure equilibria."""

    shape: tuple[int, int]
    players: tuple[str, str]
    strategies: tuple[tuple[str, ...], ...]
    index: int
    count: int
    target: Any
    theme: str
    #: The cell-by-cell check of pure equilibria (:func:`.verify.brute_pure`), passed in by
    #: :func:`leverage.teach.exercise.exercises` so that it is replaced in one place (a test
    #: sabotages it to show that a failed check stops the generator).
    pure_check: Callable[[Game], list[tuple[int, int]]]

    def game(self, a: Any, b: Any) -> Game:
        return Game.from_arrays(a, b, players=self.players, strategies=self.strategies)
