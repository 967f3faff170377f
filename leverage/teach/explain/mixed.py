"""Mixed equilibria: section 4 of an explanation.

Mathematics
-----------
1. Each player's mixture is derived from the other player's indifference
   (:func:`.indifference.derive`); in a large game (summary mode) only the expected
   payoffs ``u_j(w, x)`` of the opponent's pure strategies are computed.  The best of
   them must be the solver's equilibrium payoff.
2. **Support condition** (Osborne 2004, Prop. 116.2): a mixed profile is an equilibrium
   iff every strategy in a player's support earns the player's equilibrium payoff ``v_j``
   and every strategy outside it earns at most ``v_j``; each ``u_j(w, x) ≤ v_j`` for ``w``
   outside the support is checked and shown.  Symbolically, the same inequalities and the
   positivity of each probability in the supports are conditions on the parameters
   (:mod:`.conditions`).
3. **Degenerate games** have continua of equilibria; the set of equilibria is the union
   of maximal convex components, each the product of convex hulls of extreme mixtures
   (maximal bicliques of the extreme-equilibrium graph: Millham 1974; Winkels 1979), as
   reported by the solver.
4. Games with three or more players: only pure equilibria are computed.

References
----------
- M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004), §4.3,
  Prop. 116.2.
- C. B. Millham, "On Nash subsets of bimatrix games", *Naval Research Logistics
  Quarterly* 21 (1974), 307-317.
- H.-M. Winkels, "An algorithm to determine all equilibrium points of a bimatrix game",
  in *Game Theory and Related Topics*, North-Holland (1979), 137-148.
"""

from __future__ import annotations

from typing import Any

import sympy

from ...formats.document import Chain, Items, Math, Section, para
from ...formats.english import and_list, possessive
from ...solve.verify import strategy_payoffs
from .conditions import condition, condition_parts
from .context import Context
from .facts import Condition, Indifference, MixedEquilibrium, SupportCheck
from .indifference import derive


def section_mixed(ctx: Context) -> tuple[Section, tuple[MixedEquilibrium, ...]]:
    """Section 4: each mixed equilibrium derived from the indifference equations, with its
    support conditions (and, symbolically, the positivity of each probability)."""
    title = "Mixed equilibria"
    if ctx.n > 2:
        return (
            Section(
                title,
                (
                    para(
                        "Mixed equilibria of games with three or more players are not "
                        "supported yet: only the pure equilibria above were computed."
                    ),
                ),
            ),
            (),
        )
    blocks: list[Any] = []
    facts: list[MixedEquilibrium] = []
    mixed = [(k, e) for k, e in enumerate(ctx.solution.equilibria) if e.kind == "mixed"]
    if not mixed:
        blocks.append(
            para(
                "The exact solver finds no equilibrium in which a player mixes: the pure "
                "equilibria above are all there is."
            )
        )
    else:
        blocks.append(
            para(
                "In a mixed equilibrium a player mixes only between strategies that are "
                "equally good against the other's mixture, so each player's probabilities "
                "are found by making the other player indifferent. Then no strategy outside "
                "the mixture may do better."
            )
        )
    if ctx.solution.degenerate:
        blocks.extend(degenerate_blocks(ctx))
    for k, e in mixed:
        e_exact = ctx.exact_solution.equilibria[k]
        desc = ctx.profile_parts(e_exact.strategies)
        blocks.append(para(f"Equilibrium {k + 1}: ", *desc, "."))
        derivations: list[Indifference] = []
        checks: list[SupportCheck] = []
        positivity: list[tuple[int, int, Condition]] = []
        payoff_formulas: list[Any] = [None, None]
        for i in range(2):
            j = 1 - i
            info: dict[str, Any]
            if ctx.detailed:
                fact, sub, info = derive(ctx, e_exact, i)
                derivations.append(fact)
                blocks.extend(sub)
                exp_num = info["expected"]
                payoff_formulas[j] = info["value"]
                if ctx.symbolic and len(fact.support) > 1:
                    for s, f in zip(fact.support, fact.formulas or (), strict=True):
                        positivity.append((i, s, condition(ctx, f, sympy.Integer(0))))
            else:
                exp_num = strategy_payoffs(ctx.u, e_exact.strategies, j)
                info = {}
            value = max(exp_num)
            if not ctx.same(value, e_exact.payoffs[j]):
                raise RuntimeError("derived payoff differs from the solver's")  # pragma: no cover
            out = [w for w in range(ctx.game.shape[j]) if not e_exact.strategies[j][w]]
            items: list[tuple[Any, ...]] = []
            for w in out:
                cond = None
                if ctx.symbolic and ctx.detailed:
                    cond = condition(ctx, info["value"], info["formulas"][w])
                checks.append(SupportCheck(j, w, ctx.num(exp_num[w]), ctx.num(value), cond))
                rel = "<" if exp_num[w] < value else "="
                item: list[Any] = [
                    f"{ctx.strategy(j, w)} would give {ctx.names[j]} ",
                    Math(Chain((ctx.show(exp_num[w]), ctx.show(value)), (rel,))),
                ]
                if rel == "=":
                    item.append(" (no more: indifferent but unused)")
                if cond is not None:
                    item += ["; in the parameters ", *condition_parts(ctx, cond)]
                item.append(".")
                items.append(tuple(item))
            if ctx.detailed or items:
                if items:
                    blocks.append(
                        para(
                            f"Check: no strategy outside {possessive(ctx.names[j])} mixture "
                            "does better than its equilibrium payoff ",
                            *ctx.value_parts(value),
                            ":",
                        )
                    )
                    blocks.append(Items(tuple(items)))
        if positivity:
            items = []
            for i, s, cond in positivity:
                items.append(
                    (
                        f"{ctx.strategy(i, s)} ({ctx.names[i]}): probability ",
                        *condition_parts(ctx, cond),
                        ".",
                    )
                )
            blocks.append(para("Every probability in the mixtures is positive at these values:"))
            blocks.append(Items(tuple(items)))
        tail: list[Any] = [f"Payoffs of equilibrium {k + 1}: "]
        for i in range(2):
            tail += [f"{ctx.names[i]} ", *ctx.value_parts(e_exact.payoffs[i])]
            tail.append("; " if i == 0 else ".")
        if ctx.symbolic and all(f is not None for f in payoff_formulas):
            tail.append(" In the parameters: ")
            for i in range(2):
                tail += [f"{ctx.names[i]} ", Math(payoff_formulas[i])]
                tail.append(", " if i == 0 else ".")
        blocks.append(para(*tail))
        facts.append(
            MixedEquilibrium(
                index=k,
                strategies=e.strategies,
                payoffs=e.payoffs,
                derivations=tuple(derivations),
                checks=tuple(checks),
                positivity=tuple(positivity),
                payoff_formulas=tuple(payoff_formulas) if ctx.symbolic and ctx.detailed else None,
            )
        )
    return Section(title, tuple(blocks)), tuple(facts)


def degenerate_blocks(ctx: Context) -> list[Any]:
    """A degenerate game's maximal convex components of equilibria, described."""
    comps = ctx.solution.components or ()
    blocks: list[Any] = [
        para(
            "The game is degenerate: some mixed strategy has more pure best responses than "
            "it uses. The equilibria listed are the extreme points of the set of equilibria, "
            "which may contain whole segments; it is the union of these maximal convex "
            "components (every pair of mixtures drawn from a component is an equilibrium):"
        )
    ]
    items = []
    for c, comp in enumerate(comps, start=1):
        members = and_list([str(k + 1) for k in comp.equilibria])
        if len(comp.equilibria) == 1:
            items.append((f"Component {c}: equilibrium {members} alone (isolated).",))
            continue
        parts: list[Any] = [f"Component {c} (spanned by equilibria {members}): "]
        for i in range(ctx.n):
            many = len(comp.extremes[i]) > 1
            parts.append(("" if i == 0 else "; ") + f"{ctx.names[i]} plays ")
            parts.append("any mixture of [" if many else "")
            for n, ext in enumerate(comp.extremes[i]):
                parts += ["" if n == 0 else "; ", *ctx.mixture_parts(i, ext)]
            parts.append("]" if many else "")
        items.append((*parts, "."))
    blocks.append(Items(tuple(items)))
    return blocks
