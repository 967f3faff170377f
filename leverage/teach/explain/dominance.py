"""Iterated elimination of strictly dominated strategies: section 2 of an explanation.

Mathematics
-----------
A strategy ``s`` of player ``i`` is strictly dominated by a pure or mixed ``σ`` when
``Σ_k σ_k u_i(k, t) > u_i(s, t)`` against every remaining profile ``t`` of the others.
The eliminations are those of :func:`leverage.solve.dominance.iterated_elimination`
(round by round, mixed dominators found by linear programming); here each is justified
by writing out its comparisons against the profiles remaining at the start of its round,
and, in a symbolic explanation, stating each as a condition on the parameters
(:mod:`.conditions`).  Strategies that survive carry every equilibrium; a single
surviving profile is the game's only equilibrium (the game is dominance solvable).

References
----------
- M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004), §2.9,
  §4.4.
- R. Gibbons, *Game Theory for Applied Economists*, Princeton University Press (1992), §1.1.B.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy

from ...formats.document import Chain, Items, Math, Section, Sum, para
from ...formats.english import and_list
from .conditions import condition, condition_parts
from .context import Context
from .facts import Comparison, DominanceStep
from .notation import sym


def section_dominance(ctx: Context) -> tuple[Section, tuple[DominanceStep, ...], Any]:
    """Section 2: iterated elimination of strictly dominated strategies, each comparison
    written out; returns the section, the steps and the engine's result."""
    game = ctx.game
    result = game.iterated_elimination()
    remaining = [list(range(k)) for k in game.shape]
    steps: list[DominanceStep] = []
    blocks: list[Any] = [
        para(
            "A strategy is strictly dominated when another strategy, pure or a mixture, "
            "earns strictly more against every remaining choice of the others. No rational "
            "player uses it, so it can be deleted; we repeat until nothing more goes."
        )
    ]
    rounds = sorted({s.round for s in result.steps})
    for r in rounds:
        items: list[tuple[Any, ...]] = []
        children: list[tuple[tuple[Any, ...], ...]] = []
        in_round = [s for s in result.steps if s.round == r]
        for step in in_round:
            i = step.player
            profiles = [
                p
                for p in ctx.others(i)
                if all(k in remaining[j] for j, k in enumerate(p) if k is not None)
            ]
            comps: list[Comparison] = []
            texts: list[Any] = []
            sub: list[tuple[Any, ...]] = []
            for t in profiles:
                dom = sum(
                    (w * ctx.u[i][ctx.full(i, k, t)] for k, w in step.dominated_by),
                    Fraction(0),
                )
                worse = ctx.u[i][ctx.full(i, step.strategy, t)]
                cond = None
                if ctx.symbolic and ctx.detailed:
                    better_expr = sympy.Add(
                        *(
                            sym(w) * ctx.payoff_expr(i, ctx.full(i, k, t))
                            for k, w in step.dominated_by
                        )
                    )
                    cond = condition(
                        ctx, better_expr, ctx.payoff_expr(i, ctx.full(i, step.strategy, t))
                    )
                comps.append(Comparison(t, ctx.num(dom), ctx.num(worse), cond))
                if not ctx.detailed:
                    continue
                texts.append(f"against {ctx.against_text(i, t)} ")
                if len(step.dominated_by) == 1:
                    texts.append(Math(Chain((ctx.show(dom), ctx.show(worse)), (">",))))
                else:
                    terms = tuple(
                        (ctx.show(w), ctx.show(ctx.u[i][ctx.full(i, k, t)]))
                        for k, w in step.dominated_by
                    )
                    texts.append(
                        Math(Chain((Sum(terms), ctx.show(dom), ctx.show(worse)), ("=", ">")))
                    )
                if cond is not None:
                    sub.append(
                        (
                            f"against {ctx.against_text(i, t)}: ",
                            *condition_parts(ctx, cond),
                            ".",
                        )
                    )
                texts.append(", ")
            if texts:
                texts[-1] = "."
            steps.append(
                DominanceStep(step.round, i, step.strategy, step.dominated_by, tuple(comps))
            )
            lead: list[Any] = [f"{ctx.strategy(i, step.strategy)} is strictly dominated by "]
            if len(step.dominated_by) == 1:
                lead.append(ctx.strategy(i, step.dominated_by[0][0]))
            else:
                lead.append("the mixture of ")
                for n, (k, w) in enumerate(step.dominated_by):
                    lead += [
                        ("" if n == 0 else ", ") + f"{ctx.strategy(i, k)} with probability ",
                        Math(ctx.show(w)),
                    ]
            lead.append(f" for {ctx.names[i]}" + (": " if texts else "."))
            items.append((*lead, *texts))
            children.append(tuple(sub))
        if r > 1:
            gone = [ctx.strategy(s.player, s.strategy) for s in result.steps if s.round < r]
            blocks.append(para(f"Round {r} (with {and_list(gone)} deleted):"))
        else:
            blocks.append(para("Round 1:"))
        blocks.append(Items(tuple(items), tuple(children)))
        for step in in_round:
            remaining[step.player].remove(step.strategy)
    if not result.steps:
        blocks.append(
            para(
                "No strategy is strictly dominated, not even by a mixture of the others: "
                "elimination does not narrow the game down."
            )
        )
    else:
        left = "; ".join(
            f"{ctx.names[i]}: " + and_list([ctx.strategy(i, k) for k in result.remaining[i]])
            for i in range(ctx.n)
        )
        text = f"Nothing more is dominated. What survives — {left}."
        if result.solved:
            prof = tuple(r[0] for r in result.remaining)
            text += (
                f" The game is dominance solvable: {ctx.profile_text(prof)} is its only "
                "equilibrium."
            )
        else:
            text += " Every equilibrium uses only these strategies."
        blocks.append(para(text))
    section = Section("Iterated elimination of strictly dominated strategies", tuple(blocks))
    return section, tuple(steps), result
