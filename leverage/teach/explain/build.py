"""Building an explanation: the five sections in order, and the two entry points.

:func:`explain` explains a game with its numbers; :func:`explain_model` a model at given
parameter values, numerically or, with ``symbolic=True``, in terms of its parameters.

Mathematics
-----------
The derivation runs in the order a textbook teaches it: best responses (section 1,
:mod:`.responses`), iterated elimination of strictly dominated strategies (2,
:mod:`.dominance`), pure equilibria (3), mixed equilibria from the indifference equations
with their support conditions (4, :mod:`.mixed`, :mod:`.indifference`), payoffs, Pareto
and risk dominance (5, :mod:`.compare`).  Every fact is checked against the exact solver,
which is the authority: the explanation never finds an equilibrium the solver did not
report, nor misses one.

References
----------
- M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004), ch. 2-4.
- R. Gibbons, *Game Theory for Applied Economists*, Princeton University Press (1992), §1.1-1.3.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ...errors import UnsupportedError
from ...games.strategic import Game
from .compare import section_compare
from .context import Context
from .dominance import section_dominance
from .explanation import Explanation
from .mixed import section_mixed
from .responses import section_pure, section_table

if TYPE_CHECKING:  # pragma: no cover
    from ...games.model import Model


def build(ctx: Context) -> Explanation:
    """Derive every section in order and gather the facts into an :class:`.Explanation`."""
    table, brs = section_table(ctx)
    dom, steps, result = section_dominance(ctx)
    pure, pure_facts = section_pure(ctx)
    mixed, mixed_facts = section_mixed(ctx)
    compare, summaries = section_compare(ctx)
    return Explanation(
        game=ctx.game,
        solution=ctx.solution,
        symbolic=ctx.symbolic,
        detailed=ctx.detailed,
        best_responses=brs,
        dominance=steps,
        remaining=result.remaining,
        pure_equilibria=pure_facts,
        mixed_equilibria=mixed_facts,
        summaries=summaries,
        degenerate=ctx.solution.degenerate,
        components=ctx.solution.components,
        focus=ctx.focus,
        symbolic_payoffs=ctx.sym_u if ctx.symbolic else None,
        defines=dict(ctx.model.defines) if ctx.symbolic and ctx.model else {},
        sections=(table, dom, pure, mixed, compare),
    )


def explain(game: Game) -> Explanation:
    """Explain a game's equilibria step by step, with exact numbers.

    Parameters
    ----------
    game
        A game with at least two players (exact or float payoffs).

    Returns
    -------
    Explanation
        Best responses, iterated dominance, pure and mixed equilibria with their
        derivation, payoffs and comparison; renderable as text, Markdown, LaTeX, HTML.

    Raises
    ------
    UnsupportedError
        For a one-player game.
    TooLargeError
        When the game is too large for complete enumeration.

    Examples
    --------
    Battle of the Sexes (Osborne 2004, §4.3): the mixed equilibrium is (2/3, 1/3), (1/3, 2/3).

    >>> bos = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> ex = explain(bos)
    >>> [p.profile for p in ex.pure_equilibria]
    [(0, 0), (1, 1)]
    >>> ex.mixed_equilibria[0].strategies
    ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3)))
    """
    return build(Context(game, None, None, False, None))


def explain_model(
    model: Model,
    values: Mapping[str, Any] | None = None,
    *,
    symbolic: bool = False,
    focus: str | None = None,
) -> Explanation:
    """Explain a model's equilibria at given parameter values, numerically or symbolically.

    Parameters
    ----------
    model
        The model.
    values
        Parameter overrides (defaults elsewhere), checked against their ranges.
    symbolic
        Derive in terms of the parameters: every ordering stated as a condition on the
        parameters that holds at the values, mixed probabilities and payoffs as closed
        forms (checked equal to the exact numbers at the values).
    focus
        With ``symbolic``: also solve each condition for this parameter, the others
        held at their values.  Default: ``interdependence_cost`` when the model has it.

    Returns
    -------
    Explanation

    Raises
    ------
    ParameterError
        Unknown parameter or value out of range; unknown ``focus``.
    UnsupportedError
        ``symbolic`` when some payoff is irrational at the values.

    Examples
    --------
    Chicken: Row swerves with probability (c - loss)/(c - loss + win).

    >>> import leverage
    >>> m = leverage.load("models/chicken.toml")
    >>> ex = explain_model(m, {"interdependence_cost": 3}, symbolic=True)
    >>> swerve, straight = ex.mixed_equilibria[0].derivations[0].formulas
    >>> swerve
    (interdependence_cost - loss_value)/(interdependence_cost - loss_value + win_value)
    >>> ex.mixed_equilibria[0].strategies[0]
    (Fraction(2, 3), Fraction(1, 3))
    """
    checked = model.values(values)
    game = model.game(values)
    if not symbolic:
        return explain(game)
    if focus is not None and focus not in model.parameters:
        model.values({focus: 0})  # the usual unknown-parameter error
    if focus is None and "interdependence_cost" in model.parameters:
        focus = "interdependence_cost"
    if not game.exact:
        raise UnsupportedError(
            "symbolic explanations need rational payoffs at the chosen values; "
            "drop symbolic=True or choose values at which every payoff is rational"
        )
    return build(Context(game, model, checked, True, focus))
