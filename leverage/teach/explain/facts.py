"""The facts of an explanation, as data: best responses, dominance steps, equilibria.

Each dataclass records one step of the derivation in :mod:`leverage.teach.explain` with
the numbers it rests on, so that a test (or a reader) can check the reasoning rather
than the prose; :class:`Explanation` gathers them with the narrative and renders it.

Mathematics
-----------
- :class:`BestResponse`: ``b`` is a best response of player ``i`` to the others' pure
  profile ``t`` when ``u_i(b, t) ≥ u_i(s, t)`` for every ``s``.
- :class:`DominanceStep`, :class:`Comparison`: ``s`` is strictly dominated by a pure or
  mixed ``σ`` when ``Σ_k σ_k u_i(k, t) > u_i(s, t)`` against every remaining ``t``.
- :class:`Indifference`: the mixing player's probabilities solve the opponent's
  indifference equations ``u_j(w, x) = u_j(w', x)``, ``Σ_k x_k = 1``.
- :class:`SupportCheck`: an unused strategy earns at most the equilibrium payoff.
- :class:`EquilibriumSummary`: Pareto dominance among the equilibria and, for 2×2 games
  with two strict pure equilibria, the Nash products of risk dominance.
- :class:`Condition`: a symbolic ordering ``better > worse`` (or ``=``) of payoff
  expressions that holds at the parameter values.

References
----------
- M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004), ch. 2-4.
- J. C. Harsanyi and R. Selten, *A General Theory of Equilibrium Selection in Games*, MIT
  Press (1988), §3.9.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ...formats.document import Section
from ...formats.text import decimal
from ...games.strategic import Game, Number

if TYPE_CHECKING:  # pragma: no cover
    from ...solve.result import Solution

__all__ = [
    "BestResponse",
    "Comparison",
    "Condition",
    "DominanceStep",
    "EquilibriumSummary",
    "ExplanationFacts",
    "Indifference",
    "MixedEquilibrium",
    "PureEquilibrium",
    "SupportCheck",
]


@dataclass(frozen=True)
class Condition:
    """An ordering between two payoff expressions, true at the parameter values.

    Attributes
    ----------
    better, worse
        The two sides (sympy expressions of parameters and defined quantities).
    relation
        ``">"`` or ``"="``: how ``better`` compares with ``worse`` at the values.
    left, right
        The same condition rearranged, positive terms on each side:
        ``left relation right`` holds iff ``better relation worse`` does (given the sign
        of ``denominator``).
    denominator
        When ``better - worse`` is a fraction with a non-constant denominator: that
        denominator, signed so that it is positive at the values; else ``None``.
    values
        ``better`` and ``worse`` at the parameter values (exact).
    identical
        Whether ``better - worse`` is identically zero (equal whatever the parameters).
    focus
        The parameter the condition is solved for, when it depends on it.
    focus_condition, focus_latex
        The condition on ``focus`` with the other parameters held at their values, as text
        and LaTeX (``"interdependence_cost > 10923/12500"``), or a sentence when it holds
        on the whole range of ``focus`` (``focus_latex`` is then ``None``).
    """

    better: Any
    worse: Any
    relation: str
    left: Any
    right: Any
    denominator: Any
    values: tuple[Any, Any]
    identical: bool = False
    focus: str | None = None
    focus_condition: str | None = None
    focus_latex: str | None = None

    @property
    def difference(self) -> Any:
        """``better - worse`` at the values."""
        return self.values[0] - self.values[1]


@dataclass(frozen=True)
class BestResponse:
    """A player's best responses to one profile of the others' pure strategies.

    Attributes
    ----------
    player
        The player.
    against
        The full profile with ``None`` at ``player``'s position.
    best
        Indices of the best responses.
    payoffs
        The player's payoff from each of its strategies against ``against``.
    conditions
        Symbolic explanations only: for each best response ``b`` and each other strategy
        ``s``, the condition ``u(b) > u(s)`` (or ``=`` for ties) on the parameters.
    """

    player: int
    against: tuple[int | None, ...]
    best: tuple[int, ...]
    payoffs: tuple[Number, ...]
    conditions: tuple[tuple[int, int, Condition], ...] = ()


@dataclass(frozen=True)
class Comparison:
    """One payoff comparison of a dominance step: against one profile of the others.

    Attributes
    ----------
    against
        The others' profile, ``None`` at the player's position.
    dominator, dominated
        The (expected) payoff of the dominating strategy and of the dominated one.
    condition
        Symbolic explanations only: the same inequality on the parameters.
    """

    against: tuple[int | None, ...]
    dominator: Number
    dominated: Number
    condition: Condition | None = None


@dataclass(frozen=True)
class DominanceStep:
    """One eliminated strategy, with the comparisons that justify it.

    Attributes
    ----------
    round, player, strategy, dominated_by
        As in :class:`leverage.solve.dominance.Elimination` (``dominated_by`` holds
        ``(strategy, weight)`` pairs; one pair of weight 1 for a pure dominator).
    comparisons
        Against each remaining profile of the others at the start of the round
        (empty in summary mode).
    """

    round: int
    player: int
    strategy: int
    dominated_by: tuple[tuple[int, Fraction], ...]
    comparisons: tuple[Comparison, ...]


@dataclass(frozen=True)
class PureEquilibrium:
    """A pure equilibrium: a cell where every player best-responds.

    Attributes
    ----------
    index
        Its position in the solver's list of equilibria.
    profile
        The strategy of each player.
    payoffs
        The payoffs there.
    """

    index: int
    profile: tuple[int, ...]
    payoffs: tuple[Number, ...]


@dataclass(frozen=True)
class Indifference:
    """How one player's mixture is found: it makes the other player indifferent.

    Attributes
    ----------
    player
        The mixing player (whose probabilities are solved for).
    opponent
        The player made indifferent.
    support
        The mixing player's strategies played with positive probability.
    indifferent_among
        The opponent's strategies whose expected payoffs are equated (the system solved).
    also_equal
        The opponent's other strategies that earn the same at the solution (degenerate
        games only).
    variables
        The unknowns (sympy symbols): one fewer than ``support``; the last strategy gets
        one minus the others.
    expected
        For each opponent strategy in ``indifferent_among``: its expected payoff as a
        function of ``variables`` (sympy).
    solution
        The probabilities of ``support``, in order.
    value
        The opponent's payoff at the solution (its equilibrium payoff when it is the
        opponent's best).
    formulas, value_formula
        Symbolic explanations only: the probabilities and the value as closed forms in
        the parameters.
    """

    player: int
    opponent: int
    support: tuple[int, ...]
    indifferent_among: tuple[int, ...]
    also_equal: tuple[int, ...]
    variables: tuple[Any, ...]
    expected: tuple[Any, ...]
    solution: tuple[Number, ...]
    value: Number
    formulas: tuple[Any, ...] | None = None
    value_formula: Any = None


@dataclass(frozen=True)
class SupportCheck:
    """A strategy outside a player's support does no better than the equilibrium payoff.

    Attributes
    ----------
    player, strategy
        The player and its unused strategy.
    payoff
        That strategy's expected payoff against the other's equilibrium mixture.
    equilibrium_payoff
        The player's equilibrium payoff (at least ``payoff``).
    condition
        Symbolic explanations only.
    """

    player: int
    strategy: int
    payoff: Number
    equilibrium_payoff: Number
    condition: Condition | None = None


@dataclass(frozen=True)
class MixedEquilibrium:
    """A mixed equilibrium and its derivation.

    Attributes
    ----------
    index
        Its position in the solver's list of equilibria.
    strategies, payoffs
        As reported by the solver.
    derivations
        One :class:`Indifference` per player (empty in summary mode).
    checks
        The support conditions.
    positivity
        Symbolic explanations only: ``(player, strategy, Condition)`` stating that each
        probability in the support is positive.
    payoff_formulas
        Symbolic explanations only: each player's payoff as a closed form.
    """

    index: int
    strategies: tuple[tuple[Number, ...], ...]
    payoffs: tuple[Number, ...]
    derivations: tuple[Indifference, ...]
    checks: tuple[SupportCheck, ...]
    positivity: tuple[tuple[int, int, Condition], ...] = ()
    payoff_formulas: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class EquilibriumSummary:
    """Payoffs and selection properties of one reported equilibrium.

    Attributes
    ----------
    index, kind, strategies, payoffs
        As reported by the solver.
    pareto_dominated_by
        Indices of the reported equilibria that Pareto-dominate this one.
    risk_dominant
        The solver's flag (2×2 games with two strict pure equilibria), else ``None``.
    nash_product
        For those games: the product of the players' losses from deviating alone here.
    nash_product_formula
        Symbolic explanations: the same product in the parameters.
    """

    index: int
    kind: str
    strategies: tuple[tuple[Number, ...], ...]
    payoffs: tuple[Number, ...]
    pareto_dominated_by: tuple[int, ...]
    risk_dominant: bool | None
    nash_product: Number | None = None
    nash_product_formula: Any = None


@dataclass(frozen=True)
class ExplanationFacts:
    """The facts of a worked explanation and its narrative, without the renderings
    (:class:`~leverage.teach.explain.explanation.Explanation` adds them).

    Attributes
    ----------
    game
        The game explained.
    solution
        The solver's result the explanation derives (the authority).
    symbolic
        Whether the derivation is in terms of the model's parameters.
    detailed
        ``False`` for large games, which get a summary.
    best_responses
        Every (player, others' profile) with its best responses (empty in summary mode).
    dominance
        The eliminated strategies with their comparisons, in the engine's order.
    remaining
        The strategies surviving iterated strict dominance.
    pure_equilibria, mixed_equilibria
        The equilibria with their derivations.
    summaries
        One per reported equilibrium: payoffs, Pareto dominance, risk dominance.
    degenerate
        The solver's flag (``None`` for three or more players).
    components
        Degenerate two-player games: the maximal convex components.
    focus
        The parameter conditions are solved for (symbolic explanations).
    symbolic_payoffs, defines
        Symbolic explanations: the model's payoff expressions and its defined quantities.
    sections
        The narrative, as blocks of :mod:`leverage.formats.document`.
    """

    game: Game
    solution: Solution
    symbolic: bool
    detailed: bool
    best_responses: tuple[BestResponse, ...]
    dominance: tuple[DominanceStep, ...]
    remaining: tuple[tuple[int, ...], ...]
    pure_equilibria: tuple[PureEquilibrium, ...]
    mixed_equilibria: tuple[MixedEquilibrium, ...]
    summaries: tuple[EquilibriumSummary, ...]
    degenerate: bool | None
    components: tuple[Any, ...] | None
    focus: str | None = None
    symbolic_payoffs: tuple[np.ndarray, ...] | None = None
    defines: dict[str, Any] = field(default_factory=dict)
    sections: tuple[Section, ...] = ()

    # ------------------------------------------------------------------ convenience
    @property
    def title(self) -> str:
        """The game's title."""
        return self.game.title

    @property
    def eliminated(self) -> tuple[tuple[int, int], ...]:
        """``(player, strategy)`` of every eliminated strategy, in elimination order."""
        return tuple((s.player, s.strategy) for s in self.dominance)


def parameters_line(ex: ExplanationFacts) -> str:
    """``Parameters: a = 1, b = 1/2`` for the heading; empty without parameters."""
    if not ex.game.parameters:
        return ""
    return "Parameters: " + ", ".join(f"{k} = {decimal(v)}" for k, v in ex.game.parameters.items())


def pure_profiles(ex: ExplanationFacts) -> list[tuple[int, ...]]:
    """The pure equilibria, to mark in the payoff table."""
    return [p.profile for p in ex.pure_equilibria]
