"""Step-by-step explanations of the equilibria of a game, written as a good student would.

An :class:`Explanation` holds the facts of the derivation as data (so that they can be
checked) and, alongside, the same reasoning as prose, rendered as plain text, Markdown,
LaTeX or HTML.  Every fact is taken from, and checked against, the exact engines of
:mod:`leverage.solve`: the explanation never finds an equilibrium the solver did not
report, nor misses one.

Mathematics
-----------
1. **Best responses.**  Strategy ``s`` of player ``i`` is a best response to the others'
   pure profile ``t`` when ``u_i(s, t) ≥ u_i(s', t)`` for every ``s'``
   (:func:`leverage.solve.best_response.best_responses`).
2. **Iterated elimination of strictly dominated strategies**
   (:func:`leverage.solve.dominance.iterated_elimination`): a strategy ``s`` is strictly
   dominated by a pure or mixed ``σ`` when ``Σ_k σ_k u_i(k, t) > u_i(s, t)`` against every
   remaining profile ``t`` of the others; each comparison is written out.
3. **Pure equilibria**: the profiles at which every player best-responds.
4. **Mixed equilibria** (two players).  Let ``(x, y)`` be an equilibrium reported by the
   exact solver.  Column's ``y`` makes Row indifferent among Row's best responses ``W``:
   ``u_1(r, y) = u_1(r', y)`` for ``r, r' ∈ W``, with ``Σ_k y_k = 1``.  In a nondegenerate
   game ``W`` is Row's support and the system is square; in a degenerate one the reported
   equilibria are vertices of the best-response polytopes, so the equations of some
   ``W' ⊆ W`` determine ``y`` uniquely (von Stengel 2007, §3.5): ``W'`` starts with Row's
   support and adds best responses outside it until the system has full rank.  The system
   is solved exactly with sympy and must give the solver's ``y``.  The support condition,
   ``u_1(r, y) ≤ v_1`` for every ``r`` outside Row's support, is then checked
   (Osborne 2004, Prop. 116.2), and likewise for Column.
5. **Comparison.**  Pareto dominance among the reported equilibria; for 2×2 games with two
   strict pure equilibria, risk dominance: ``(r, c)`` risk-dominates ``(r', c')`` when the
   product of the players' losses from deviating alone is larger at ``(r, c)``
   (Harsanyi & Selten 1988, §3.9).  Degenerate games have continua of equilibria: their
   maximal convex components (Millham 1974; Winkels 1979) are described.
6. **Symbolic explanations** (:func:`explain_model` with ``symbolic=True``).  The same
   derivation with the model's payoff expressions: every ordering used (best responses,
   dominance, the sign of each probability, the support conditions) is stated as an
   inequality between expressions of the parameters that holds at the given values;
   with a *focus* parameter (by default ``interdependence_cost`` when the model has it)
   each inequality is also solved for that parameter, the others held at their values,
   and the interval containing its value is reported.  Mixed-equilibrium probabilities
   and payoffs are the closed-form solutions of the same indifference systems, simplified,
   and checked equal, at the values, to the exact numeric solution.

Modules
-------
:mod:`.facts` (the steps as data), :mod:`.build` (the entry points and the order of the
sections), :mod:`.context` (what a derivation reads), :mod:`.responses` (1 and 3),
:mod:`.dominance` (2), :mod:`.indifference` and :mod:`.mixed` (4), :mod:`.compare` (5),
:mod:`.conditions` (symbolic conditions), :mod:`.notation` (numbers and closed forms
for the narrative), :mod:`.render` (the narrative as a document of
:mod:`leverage.formats.document`, whose renderers write text, Markdown, LaTeX and HTML)
and :mod:`.dictout` (JSON).

References
----------
- M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004), ch. 2-4.
- R. Gibbons, *Game Theory for Applied Economists*, Princeton University Press (1992), §1.1-1.3.
- J. C. Harsanyi and R. Selten, *A General Theory of Equilibrium Selection in Games*, MIT
  Press (1988), §3.9.
- B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
  form", in *Algorithmic Game Theory*, ch. 3, Cambridge University Press (2007).
"""

from __future__ import annotations

from .build import explain, explain_model
from .context import DETAIL_LIMIT
from .explanation import Explanation
from .facts import (
    BestResponse,
    Comparison,
    Condition,
    DominanceStep,
    EquilibriumSummary,
    ExplanationFacts,
    Indifference,
    MixedEquilibrium,
    PureEquilibrium,
    SupportCheck,
)

__all__ = [
    "DETAIL_LIMIT",
    "BestResponse",
    "Comparison",
    "Condition",
    "DominanceStep",
    "EquilibriumSummary",
    "Explanation",
    "ExplanationFacts",
    "Indifference",
    "MixedEquilibrium",
    "PureEquilibrium",
    "SupportCheck",
    "explain",
    "explain_model",
]
