"""Payoffs and comparison of the equilibria: section 5 of an explanation.

Mathematics
-----------
1. **Pareto dominance** among the reported equilibria: ``e'`` Pareto-dominates ``e`` when
   every player gets at least as much at ``e'`` and some player strictly more.  The
   dominating equilibria are named; the flags must agree with
   :func:`leverage.solve.selection.pareto_dominated`.
2. **Risk dominance** (Harsanyi & Selten 1988, §3.9) in a 2×2 game with two strict pure
   equilibria: ``(r, c)`` risk-dominates ``(r', c')`` when its Nash product, the product
   of the players' losses from deviating alone,
   ``(u_1(r, c) - u_1(r', c)) · (u_2(r, c) - u_2(r, c'))``, is the larger; equal
   products: neither does.  The products are written out (as closed forms in a symbolic
   explanation, the comparison then a condition on the parameters) and must agree with
   :func:`leverage.solve.selection.risk_dominance`.

References
----------
- J. C. Harsanyi and R. Selten, *A General Theory of Equilibrium Selection in Games*, MIT
  Press (1988), §3.9.
- M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004), ch. 2-4.
"""

from __future__ import annotations

from typing import Any

from ...formats.document import Chain, Display, Items, Line, Section, Sum, para
from ...formats.english import and_list
from .conditions import condition, condition_parts
from .context import Context
from .facts import EquilibriumSummary
from .notation import minus, nice


def section_compare(ctx: Context) -> tuple[Section, tuple[EquilibriumSummary, ...]]:
    """Section 5: the equilibria's payoffs, Pareto dominance among them and, for 2×2 games
    with two strict pure equilibria, risk dominance; each checked against the solver."""
    eqs = ctx.exact_solution.equilibria
    reported = ctx.solution.equilibria
    blocks: list[Any] = []
    items = []
    for k, e in enumerate(eqs):
        items.append(
            (
                f"Equilibrium {k + 1} ({e.kind}): ",
                *ctx.profile_parts(e.strategies),
                " — payoffs ",
                ctx.payoffs_math(e.payoffs),
                ".",
            )
        )
    if items:
        blocks.append(Items(tuple(items)))
    dominators: list[tuple[int, ...]] = []
    for k, e in enumerate(eqs):
        by = tuple(
            m
            for m, f in enumerate(eqs)
            if m != k
            and all(b >= a for a, b in zip(e.payoffs, f.payoffs, strict=True))
            and any(b > a for a, b in zip(e.payoffs, f.payoffs, strict=True))
        )
        if bool(by) != bool(reported[k].pareto_dominated):
            raise RuntimeError("Pareto comparison differs from the solver's")  # pragma: no cover
        dominators.append(by)
    if len(eqs) == 1:
        blocks.append(para("There is only one equilibrium: nothing to select."))
    elif len(eqs) > 1:
        dominated = [k for k in range(len(eqs)) if dominators[k]]
        for k in dominated:
            by = dominators[k]
            blocks.append(
                para(
                    f"Equilibrium {k + 1} is Pareto-dominated by equilibrium"
                    f"{'s' if len(by) > 1 else ''} {and_list([str(m + 1) for m in by])}: "
                    "every player gets at least as much there and someone strictly more."
                )
            )
        if not dominated:
            blocks.append(
                para(
                    "No equilibrium is Pareto-dominated by another (none gives every player "
                    "at least as much as another does, and someone more)."
                )
            )
    products: dict[int, Any] = {}
    formulas: dict[int, Any] = {}
    risk = [e.risk_dominant for e in reported]
    if any(r is not None for r in risk):
        pure = [k for k, r in enumerate(risk) if r is not None]
        lines = []
        for k in pure:
            r, c = eqs[k].profile or (0, 0)
            a_loss = ctx.u[0][r, c] - ctx.u[0][1 - r, c]
            b_loss = ctx.u[1][r, c] - ctx.u[1][r, 1 - c]
            products[k] = a_loss * b_loss
            items_c: tuple[Any, ...]
            if ctx.symbolic:
                fa = nice(ctx.payoff_expr(0, (r, c)) - ctx.payoff_expr(0, (1 - r, c)))
                fb = nice(ctx.payoff_expr(1, (r, c)) - ctx.payoff_expr(1, (r, 1 - c)))
                formulas[k] = nice(fa * fb)
                items_c = (Sum(((fa, fb),)), ctx.show(products[k]))
            else:
                diffs = Sum(
                    (
                        (
                            minus(ctx.show(ctx.u[0][r, c]), ctx.show(ctx.u[0][1 - r, c])),
                            minus(ctx.show(ctx.u[1][r, c]), ctx.show(ctx.u[1][r, 1 - c])),
                        ),
                    )
                )
                factors = Sum(((ctx.show(a_loss), ctx.show(b_loss)),))
                items_c = (diffs, factors, ctx.show(products[k]))
            lines.append(
                Line(
                    Chain(items_c, ("=",) * (len(items_c) - 1)),
                    f"at {ctx.profile_text((r, c))}:",
                )
            )
        k1, k2 = pure
        if (products[k1] > products[k2]) != bool(risk[k1]) or (products[k2] > products[k1]) != bool(
            risk[k2]
        ):
            raise RuntimeError("risk dominance differs from the solver's")  # pragma: no cover
        blocks.append(
            para(
                "Risk dominance (Harsanyi and Selten 1988) compares the two strict pure "
                "equilibria by the product of the players' losses from deviating alone "
                "(the Nash product):"
            )
        )
        blocks.append(Display(tuple(lines)))
        if products[k1] == products[k2]:
            blocks.append(para("The products are equal: neither equilibrium risk-dominates."))
        else:
            win, lose = (k1, k2) if products[k1] > products[k2] else (k2, k1)
            text: list[Any] = [
                f"{ctx.profile_text(eqs[win].profile or ())} risk-dominates "
                f"{ctx.profile_text(eqs[lose].profile or ())}: deviating from it costs "
                "the players more, so it is the safer prediction when each is unsure what "
                "the other will do."
            ]
            if ctx.symbolic:
                cond = condition(ctx, formulas[win], formulas[lose])
                text += [" In the parameters: ", *condition_parts(ctx, cond), "."]
            blocks.append(para(*text))
    summaries = tuple(
        EquilibriumSummary(
            index=k,
            kind=reported[k].kind,
            strategies=reported[k].strategies,
            payoffs=reported[k].payoffs,
            pareto_dominated_by=dominators[k],
            risk_dominant=risk[k],
            nash_product=ctx.num(products[k]) if k in products else None,
            nash_product_formula=formulas.get(k),
        )
        for k in range(len(eqs))
    )
    return Section("Payoffs and comparison of the equilibria", tuple(blocks)), summaries
