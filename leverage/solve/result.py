"""Result types of the equilibrium solvers: small, immutable, printable."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # pragma: no cover
    from ..games.strategic import Game

Number = Fraction | float


def _fmt(v: Number) -> str:
    if isinstance(v, Fraction):
        return str(v)
    return f"{v:.6g}"


@dataclass(frozen=True)
class Equilibrium:
    """A Nash equilibrium, verified before it was created.

    Attributes
    ----------
    strategies
        For each player, the probability of each of its strategies, in file order
        (``Fraction`` when the game was solved exactly, else ``float``).
    payoffs
        Each player's expected payoff.
    exact
        Whether ``strategies`` and ``payoffs`` are exact rationals.
    pareto_dominated
        Whether another reported equilibrium gives every player at least as much and
        some player more (``None`` when not computed).
    risk_dominant
        For 2×2 games with two strict pure equilibria: whether this one risk-dominates
        the other (Harsanyi & Selten 1988); ``None`` when the notion does not apply.
    """

    strategies: tuple[tuple[Number, ...], ...]
    payoffs: tuple[Number, ...]
    exact: bool = True
    pareto_dominated: bool | None = None
    risk_dominant: bool | None = None

    @property
    def kind(self) -> Literal["pure", "mixed"]:
        """``"pure"`` when every player plays one strategy with probability one."""
        return "pure" if all(sum(1 for p in s if p) == 1 for s in self.strategies) else "mixed"

    def support(self, player: int) -> tuple[int, ...]:
        """Indices of the strategies ``player`` plays with positive probability."""
        return tuple(k for k, p in enumerate(self.strategies[player]) if p)

    @property
    def profile(self) -> tuple[int, ...] | None:
        """The pure-strategy profile (indices) of a pure equilibrium, else ``None``."""
        if self.kind != "pure":
            return None
        return tuple(self.support(i)[0] for i in range(len(self.strategies)))

    def as_floats(self) -> tuple[tuple[float, ...], ...]:
        """The mixed strategies as floats."""
        return tuple(tuple(float(p) for p in s) for s in self.strategies)

    def __repr__(self) -> str:
        strat = "; ".join("(" + ", ".join(_fmt(p) for p in s) + ")" for s in self.strategies)
        pay = ", ".join(_fmt(v) for v in self.payoffs)
        return f"<Equilibrium {self.kind}: {strat} payoffs ({pay})>"


@dataclass(frozen=True)
class Component:
    """A maximal convex set of equilibria (a maximal Nash subset) of a bimatrix game.

    Every combination of a mixed strategy in the convex hull of ``row_extremes`` with
    one in the convex hull of ``column_extremes`` is a Nash equilibrium, and no larger
    product set of equilibria contains it (Millham 1974; Winkels 1979).

    Attributes
    ----------
    extremes
        For each player, the extreme mixed strategies spanning the component.
    equilibria
        Indices, into the solution's equilibria, of the extreme equilibria it contains.
    """

    extremes: tuple[tuple[tuple[Number, ...], ...], ...]
    equilibria: tuple[int, ...]


@dataclass(frozen=True)
class Solution:
    """The equilibria of a game found by one method, with what is known of completeness.

    Attributes
    ----------
    game
        The solved game.
    equilibria
        The equilibria found, each verified (zero regret).
    method
        The method used (``"vertex"``, ``"support"``, ``"pure"``, ``"lemke-howson"``).
    complete
        ``True`` when the list is guaranteed to hold every equilibrium (every extreme
        equilibrium for degenerate games) of the kind the method looks for.
    degenerate
        Whether the game is degenerate; ``None`` when the method cannot tell.
    components
        Maximal convex components, when asked for (vertex enumeration only).
    notes
        Warnings for the reader (e.g. incompleteness of a method on this game).
    """

    game: Game
    equilibria: tuple[Equilibrium, ...]
    method: str
    complete: bool
    degenerate: bool | None
    components: tuple[Component, ...] | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, index: int) -> Equilibrium:
        return self.equilibria[index]

    @property
    def exact(self) -> bool:
        """Whether the equilibria are exact rationals."""
        return self.game.exact

    def pure(self) -> tuple[Equilibrium, ...]:
        """The pure equilibria."""
        return tuple(e for e in self.equilibria if e.kind == "pure")

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``leverage solve --format json`` (see docs/json.md)."""
        from ..formats.jsonout import solution_dict

        return solution_dict(self)

    def __repr__(self) -> str:
        n = len(self.equilibria)
        lines = [f"<Solution ({self.method}): {n} equilibri{'um' if n == 1 else 'a'}"]
        if self.degenerate:
            lines[0] += ", degenerate game"
        lines[0] += ">"
        lines += [f"  {e!r}" for e in self.equilibria]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        from ..formats.strategic import strategic_solution_markdown

        return strategic_solution_markdown(self)


def normalise(values: Sequence[int]) -> tuple[Fraction, ...]:
    """Integer weights as exact probabilities."""
    total = sum(values)
    return tuple(Fraction(v, total) for v in values)
