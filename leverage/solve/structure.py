"""Equilibrium structure: what stays the same across a regime.

The *structure* of a solution is the sorted tuple of its equilibria's supports: for each
equilibrium, the tuple of each player's support (indices of the strategies played with
positive probability).  Two parameter values are in the same regime when their games
have the same structure; probabilities and payoffs then vary continuously with the
parameters (they solve the same indifference equations).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .result import Solution

Support = tuple[int, ...]
Structure = tuple[tuple[Support, ...], ...]


def structure(solution: Solution) -> Structure:
    """The sorted supports of a solution's equilibria.

    Examples
    --------
    >>> from leverage import Game
    >>> structure(Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]]).equilibria())
    (((0,), (0,)), ((0, 1), (0, 1)), ((1,), (1,)))
    """
    return tuple(sorted(tuple(e.support(i) for i in range(len(e.strategies))) for e in solution))


def describe(struct: Structure, players: Sequence[str], strategies: Sequence[Sequence[str]]) -> str:
    """A short human-readable name for a structure.

    Pure equilibria are written as profiles, ``(Calibrate, Escalate)``; mixed ones by
    their supports, ``mixed{Calibrate+Overreach; Hold+Escalate}``; equilibria are
    separated by ``" | "``.

    Examples
    --------
    >>> describe((((0,), (1,)), ((0, 1), (0, 1))), ["A", "B"], [["u", "d"], ["l", "r"]])
    '(u, r) | mixed{u+d; l+r}'
    """
    parts = []
    for eq in struct:
        if all(len(s) == 1 for s in eq):
            parts.append("(" + ", ".join(strategies[i][s[0]] for i, s in enumerate(eq)) + ")")
        else:
            parts.append(
                "mixed{"
                + "; ".join("+".join(strategies[i][k] for k in s) for i, s in enumerate(eq))
                + "}"
            )
    return " | ".join(parts) if parts else "no equilibrium"
