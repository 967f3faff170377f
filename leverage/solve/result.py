"""Result types of the equilibrium solvers: small, immutable, printable."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from ..records import Record, checked_columns

if TYPE_CHECKING:  # pragma: no cover
    from ..games.strategic import Game

Number = Fraction | float

#: The most strategies of one player that ``repr`` of an equilibrium names.
REPR_STRATEGIES = 4
#: The most equilibria that ``repr`` of a solution lists.
REPR_EQUILIBRIA = 5


def _fmt(v: Number) -> str:
    if isinstance(v, Fraction):
        return str(v)
    text = f"{v:.6g}"
    return "0" if text == "-0" else text


def _mix(labels: Sequence[str], probs: Sequence[Number]) -> str:
    used = [(lab, p) for lab, p in zip(labels, probs, strict=True) if p]
    if len(used) == 1:
        return used[0][0]
    shown = [f"{lab} {_fmt(p)}" for lab, p in used[:REPR_STRATEGIES]]
    if len(used) > REPR_STRATEGIES:
        shown.append(f"… {len(used) - REPR_STRATEGIES} more")
    return ", ".join(shown)


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
    players, labels
        The game's player names and strategy labels, for display (empty when unknown);
        a :class:`Solution` fills them in from its game.  They take no part in ``==``.

    Examples
    --------
    >>> Equilibrium(((Fraction(1, 4), Fraction(3, 4)), (1, 0)), (Fraction(3, 2), 0),
    ...             players=("China", "US"),
    ...             labels=(("Calibrate", "Overreach"), ("Hold", "Escalate")))
    Equilibrium(China: Calibrate 1/4, Overreach 3/4; US: Hold → payoffs 3/2, 0)
    """

    strategies: tuple[tuple[Number, ...], ...]
    payoffs: tuple[Number, ...]
    exact: bool = True
    pareto_dominated: bool | None = None
    risk_dominant: bool | None = None
    players: tuple[str, ...] = field(default=(), compare=False)
    labels: tuple[tuple[str, ...], ...] = field(default=(), compare=False)

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

    def named(self, players: Sequence[str], labels: Sequence[Sequence[str]]) -> Equilibrium:
        """The same equilibrium with the names it is shown with."""
        return replace(self, players=tuple(players), labels=tuple(tuple(s) for s in labels))

    def __repr__(self) -> str:
        """``Equilibrium(Row: Straight; Column: Swerve → payoffs 1, -1)``: each player's
        strategy by name (a mixed one as ``label probability`` pairs), then the payoffs;
        without names, players are numbered and strategies are probability vectors."""
        n = len(self.strategies)
        named = len(self.players) == n and len(self.labels) == n
        players = self.players if named else tuple(str(i + 1) for i in range(n))
        if named:
            parts = [_mix(lab, s) for lab, s in zip(self.labels, self.strategies, strict=True)]
        else:
            parts = ["(" + ", ".join(_fmt(p) for p in s) + ")" for s in self.strategies]
        strat = "; ".join(f"{p}: {text}" for p, text in zip(players, parts, strict=True))
        pay = ", ".join(_fmt(v) for v in self.payoffs)
        return f"Equilibrium({strat} → payoffs {pay})"


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
class Solution(Record):
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

    Examples
    --------
    >>> from leverage import Game
    >>> chicken = Game.from_arrays([[0, -1], [1, -10]], [[0, 1], [-1, -10]],
    ...                            players=("Row", "Column"),
    ...                            strategies=(("Swerve", "Straight"),) * 2)
    >>> solution = chicken.equilibria()
    >>> solution[0]
    Equilibrium(Row: Swerve; Column: Straight → payoffs -1, 1)
    >>> solution.to_rows()[2]["Row:Swerve_exact"]
    '9/10'
    >>> solution.to_dataframe().shape
    (3, 16)
    >>> solution.to_json().splitlines()[1]
    '  "schema": 1,'
    """

    game: Game
    equilibria: tuple[Equilibrium, ...]
    method: str
    complete: bool
    degenerate: bool | None
    components: tuple[Component, ...] | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        # every equilibrium knows the names it is shown with
        game = self.game
        named = tuple(
            e if e.players else e.named(game.players, game.strategies) for e in self.equilibria
        )
        object.__setattr__(self, "equilibria", named)

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

    def columns(self) -> list[str]:
        """Column names of :meth:`to_rows`: ``equilibrium`` (from 1), ``kind``, one
        ``"<player>:<strategy>"`` column per strategy (its probability, a float) and one
        ``"payoff:<player>"`` per player, each followed, when the game is exact, by its
        ``_exact`` column (the rational as a string: ``"1/4"``), then
        ``pareto_dominated`` and ``risk_dominant``."""
        game = self.game
        names = [
            f"{p}:{s}"
            for p, labels in zip(game.players, game.strategies, strict=True)
            for s in labels
        ]
        names += [f"payoff:{p}" for p in game.players]
        cols = ["equilibrium", "kind"]
        for name in names:
            cols += [name, f"{name}_exact"] if self.exact else [name]
        return checked_columns([*cols, "pareto_dominated", "risk_dominant"])

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat row per equilibrium (see :meth:`columns`)."""
        cols = self.columns()
        rows = []
        for k, e in enumerate(self.equilibria, start=1):
            values: list[Any] = [k, e.kind]
            for v in [p for s in e.strategies for p in s] + list(e.payoffs):
                values += [float(v), str(v)] if self.exact else [float(v)]
            values += [e.pareto_dominated, e.risk_dominant]
            rows.append(dict(zip(cols, values, strict=True)))
        return rows

    def __repr__(self) -> str:
        n = len(self.equilibria)
        lines = [f"<Solution ({self.method}): {n} equilibri{'um' if n == 1 else 'a'}"]
        if self.degenerate:
            lines[0] += ", degenerate game"
        lines[0] += ">"
        lines += [f"  {e!r}" for e in self.equilibria[:REPR_EQUILIBRIA]]
        if n > REPR_EQUILIBRIA:
            lines.append(f"  … {n - REPR_EQUILIBRIA} more (solution.equilibria has them all)")
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        from ..formats.strategic import strategic_solution_markdown

        return strategic_solution_markdown(self)


def normalise(values: Sequence[int]) -> tuple[Fraction, ...]:
    """Integer weights as exact probabilities."""
    total = sum(values)
    return tuple(Fraction(v, total) for v in values)
