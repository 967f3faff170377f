"""Best responses and pure equilibria: sections 1 and 3 of an explanation.

Mathematics
-----------
1. **Best responses.**  Strategy ``s`` of player ``i`` is a best response to the others'
   pure profile ``t`` when ``u_i(s, t) ≥ u_i(s', t)`` for every ``s'``
   (:func:`leverage.solve.best_response.best_responses`); in a symbolic explanation each
   ``u_i(b, t) > u_i(s, t)`` (``=`` for a tie) is stated as a condition on the parameters
   (:mod:`.conditions`).
2. **Pure equilibria**: the profiles at which every player best-responds
   (:func:`leverage.solve.best_response.pure_equilibrium_profiles`), which must be exactly
   the solver's pure equilibria.

References
----------
- M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004), §2.6-2.8.
- R. Gibbons, *Game Theory for Applied Economists*, Princeton University Press (1992), §1.1.C.
"""

from __future__ import annotations

from typing import Any

from ...expr import symbol
from ...formats.document import Chain, Items, Math, PayoffTable, Section, para
from ...formats.english import and_list, possessive
from ...solve.best_response import best_responses, pure_equilibrium_profiles
from .conditions import condition, condition_parts
from .context import Context
from .facts import BestResponse, Condition, PureEquilibrium
from .notation import as_expr


def section_table(ctx: Context) -> tuple[Section, tuple[BestResponse, ...]]:
    """Section 1: the payoff table, best responses marked, and each best response in words
    (with its conditions on the parameters in a symbolic explanation)."""
    game = ctx.game
    marks = best_responses(game)
    blocks: list[Any] = []
    if ctx.symbolic:
        blocks.append(symbolic_payoff_blocks(ctx))
    blocks.append(
        para(
            "The payoff table at "
            + ("these parameter values" if game.parameters else "a glance")
            + ", each player's best responses marked:"
        )
    )
    blocks.append(PayoffTable())
    if ctx.detailed:
        blocks.append(para("Read off the table, the best responses are:"))
    facts: list[BestResponse] = []
    items: list[tuple[Any, ...]] = []
    children: list[tuple[tuple[Any, ...], ...]] = []
    for i in range(ctx.n):
        for against in ctx.others(i):
            profiles = [ctx.full(i, k, against) for k in range(game.shape[i])]
            payoffs = tuple(ctx.num(ctx.u[i][p]) for p in profiles)
            best = tuple(k for k, p in enumerate(profiles) if marks[i][p])
            conds: list[tuple[int, int, Condition]] = []
            if ctx.symbolic and ctx.detailed:
                for b in best:
                    for s in range(game.shape[i]):
                        if s != b and not (s in best and s < b):
                            cond = condition(
                                ctx,
                                ctx.payoff_expr(i, profiles[b]),
                                ctx.payoff_expr(i, profiles[s]),
                            )
                            conds.append((b, s, cond))
            facts.append(BestResponse(i, against, best, payoffs, tuple(conds)))
            if not ctx.detailed:
                continue
            names = and_list([ctx.strategy(i, b) for b in best])
            verb = "is" if len(best) == 1 else "are (a tie)"
            noun = "best response" if len(best) == 1 else "best responses"
            item: list[Any] = [
                f"Against {ctx.against_text(i, against)}, "
                f"{possessive(ctx.names[i])} {noun} {verb} {names}: payoffs "
            ]
            for k, v in enumerate(payoffs):
                item += [("" if k == 0 else ", ") + f"{ctx.strategy(i, k)} ", Math(ctx.show(v))]
            items.append((*item, "."))
            sub = []
            for b, s, cond in conds:
                word = "beats" if cond.relation == ">" else "ties with"
                sub.append(
                    (
                        f"{ctx.strategy(i, b)} {word} {ctx.strategy(i, s)}: ",
                        *condition_parts(ctx, cond),
                        ".",
                    )
                )
            children.append(tuple(sub))
    if ctx.detailed:
        blocks.append(Items(tuple(items), tuple(children)))
    else:
        blocks.append(
            para("The game is too large to list every best response; they are marked in the table.")
        )
    return Section("Payoffs and best responses", tuple(blocks)), tuple(facts)


def symbolic_payoff_blocks(ctx: Context) -> Items:
    """The model's payoff expressions, cell by cell, and its defined quantities."""
    assert ctx.model is not None
    items: list[tuple[Any, ...]] = []
    for prof in ctx.game.profiles():
        parts: list[Any] = [ctx.profile_text(prof) + ": "]
        for i in range(ctx.n):
            parts += [f"{ctx.names[i]} ", Math(as_expr(ctx.sym_u[i][prof]))]
            parts.append("; " if i < ctx.n - 1 else "")
        items.append(tuple(parts))
    for name, expr in ctx.model.defines.items():
        items.append(("where ", Math(Chain((symbol(name), expr), ("=",)))))
    return Items(tuple(items))


def section_pure(ctx: Context) -> tuple[Section, tuple[PureEquilibrium, ...]]:
    """Section 3: the cells where every player best-responds, checked against the solver."""
    cells = pure_equilibrium_profiles(ctx.game)  # lexicographic order
    reported = {e.profile: k for k, e in enumerate(ctx.solution.equilibria) if e.kind == "pure"}
    if set(cells) != set(reported):
        raise RuntimeError(  # pragma: no cover - would be a bug in a solver
            f"best-response cells {cells} differ from the solver's pure equilibria"
        )
    facts = []
    blocks: list[Any] = [
        para(
            "A pure-strategy profile is a Nash equilibrium when every player's strategy is a "
            "best response to the others' — a cell in which every payoff is marked."
        )
    ]
    items = []
    for prof in cells:
        idx = reported[prof]
        e = ctx.solution.equilibria[idx]
        facts.append(PureEquilibrium(idx, prof, tuple(e.payoffs)))
        reasons = [
            f"{ctx.strategy(i, prof[i])} is {possessive(ctx.names[i])} best response to "
            f"{ctx.against_text(i, prof)}"
            for i in range(ctx.n)
        ]
        items.append(
            (
                f"{ctx.profile_text(prof)}: {and_list(reasons)}; payoffs ",
                ctx.payoffs_math(e.payoffs),
                ".",
            )
        )
    if items:
        blocks.append(Items(tuple(items)))
    else:
        blocks.append(para("No cell has every payoff marked: the game has no pure equilibrium."))
    return Section("Pure equilibria", tuple(blocks)), tuple(facts)
