"""A mixed equilibrium's probabilities from the indifference equations, solved exactly.

Mathematics
-----------
Let ``(x, y)`` be an equilibrium of a two-player game reported by the exact solver.  Row's
``x`` makes Column indifferent among Column's best responses ``W``:
``u_2(x, w) = u_2(x, w')`` for ``w, w' ∈ W``, with ``Σ_k x_k = 1`` (the unknowns are
``q`` and ``1 - q`` for a support of two strategies, ``p₁, …, p_{k-1}`` and
``1 - p₁ - … - p_{k-1}`` for ``k``).  In a nondegenerate game ``W`` is Column's support
and the system is square; in a degenerate one the reported equilibria are vertices of the
best-response polytopes, so the equations of some ``W' ⊆ W`` determine ``x`` uniquely:
``W'`` starts with Column's support and adds best responses outside it while the rank of
the system grows, until it is full.  The system is solved exactly (sympy's ``linsolve``)
with the numbers, or with the payoff expressions for closed forms in the parameters; the
solution must be the solver's ``x`` (at the values).  Likewise for Column's ``y``.

References
----------
- M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004), §4.3,
  Prop. 116.2.
- B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
  form", in *Algorithmic Game Theory*, ch. 3, Cambridge University Press (2007), §3.5.
"""

from __future__ import annotations

from typing import Any

import sympy

from ...expr.printing import expr_latex, expr_text
from ...formats.document import Chain, Display, Line, Math, Raw, Sum, math_text, para
from ...formats.english import and_join, and_list, possessive
from ...solve.verify import strategy_payoffs
from .context import Context
from .facts import Indifference
from .notation import SUBSCRIPTS, nice, sym


def variables(
    ctx: Context, player: int, support: tuple[int, ...]
) -> tuple[tuple[Any, ...], dict[int, Any]]:
    """The unknown probabilities of ``support``: ``q`` and ``1 - q``, or ``p₁, p₂, …``."""
    k = len(support)
    if k == 1:
        return (), {support[0]: sympy.Integer(1)}
    taken = set(ctx.model.parameters) | set(ctx.model.defines) if ctx.model else set()
    letter = next(c for c in ("pq"[player], "xy"[player], "στ"[player]) if c not in taken)
    if k == 2:
        v = sympy.Symbol(letter, positive=True)
        return (v,), {support[0]: v, support[1]: 1 - v}
    vs = tuple(
        sympy.Symbol(letter + str(m + 1).translate(SUBSCRIPTS), positive=True) for m in range(k - 1)
    )
    probs = {s: vs[m] for m, s in enumerate(support[:-1])}
    probs[support[-1]] = 1 - sympy.Add(*vs)
    return vs, probs


def shown_probability(value: Any) -> Any:
    """``1 - p₁ - p₂`` written in that order (sympy would print ``-p₁ - p₂ + 1``)."""
    if value.is_Add and 1 in value.args:
        rest = [a for a in value.args if a != 1]
        text = "1 - " + " - ".join(expr_text(-a) for a in rest)
        latex = "1 - " + " - ".join(expr_latex(-a) for a in rest)
        return Raw(text, latex)
    return value


def derive(ctx: Context, e_exact: Any, i: int) -> tuple[Indifference, list[Any], dict[str, Any]]:
    """Player ``i``'s mixture from the other's indifference; returns the facts, the
    narrative blocks and the other player's expected payoff (formula) per strategy."""
    j = 1 - i
    x = e_exact.strategies[i]
    support = tuple(k for k, p in enumerate(x) if p)
    vs, probs = variables(ctx, i, support)

    def prof(s: int, w: int) -> tuple[int, int]:
        return (s, w) if i == 0 else (w, s)

    m_j = ctx.game.shape[j]
    exp_num = strategy_payoffs(ctx.u, e_exact.strategies, j)  # u_j(w, x) for each w
    best = max(exp_num)
    tight = [w for w in range(m_j) if exp_num[w] == best]
    supp_j = tuple(k for k, p in enumerate(e_exact.strategies[j]) if p)

    def expected(w: int, numeric: bool) -> Any:
        return sympy.Add(
            *(
                (sym(ctx.u[j][prof(s, w)]) if numeric else ctx.payoff_expr(j, prof(s, w)))
                * probs[s]
                for s in support
            )
        )

    chosen = [supp_j[0]]
    if vs:
        rows: list[list[Any]] = []
        for w in list(supp_j[1:]) + [w for w in tight if w not in supp_j]:
            if len(rows) == len(vs):
                break
            d = sympy.expand(expected(chosen[0], True) - expected(w, True))
            row = [d.coeff(v) for v in vs]
            if sympy.Matrix([*rows, row]).rank() > len(rows):
                rows.append(row)
                chosen.append(w)
        if len(rows) < len(vs):  # pragma: no cover - extreme equilibria are vertices
            raise RuntimeError("the indifference equations do not determine the mixture")
    else:
        chosen = list(supp_j)
    also = tuple(w for w in tight if w not in chosen)
    eqs = [sympy.expand(expected(chosen[0], False) - expected(w, False)) for w in chosen[1:]]
    formulas: dict[Any, Any] = {}
    if vs:
        (sol,) = sympy.linsolve(eqs, list(vs))
        formulas = {v: nice(val) for v, val in zip(vs, sol, strict=True)}
    prob_formulas = {s: nice(probs[s].xreplace(formulas)) for s in support}
    # the derivation must give the solver's mixture
    for s in support:
        got = ctx.at_values(prob_formulas[s]) if ctx.symbolic else prob_formulas[s]
        if not ctx.same(got, x[s]):
            raise RuntimeError(  # pragma: no cover - would be a bug
                f"derived probability {got} of {ctx.strategy(i, s)} differs from {x[s]}"
            )
    value_formula = nice(expected(chosen[0], False).xreplace(formulas))
    exp_formulas = (
        {w: nice(expected(w, False).xreplace(formulas)) for w in range(m_j)}
        if ctx.symbolic
        else {w: ctx.show(exp_num[w]) for w in range(m_j)}
    )

    # ---- narrative
    mixer, opp = ctx.names[i], ctx.names[j]
    blocks: list[Any] = []
    if not vs:
        blocks.append(
            para(
                f"{mixer} plays {ctx.strategy(i, support[0])} for sure. "
                f"{possessive(opp)} payoffs against it:"
            )
        )
    else:
        if len(vs) == 1:
            intro = [
                f"{mixer} plays {ctx.strategy(i, support[0])} with probability ",
                Math(vs[0]),
                f" and {ctx.strategy(i, support[1])} with probability ",
                Math(1 - vs[0]),
                ". ",
            ]
        else:
            intro = [
                f"{mixer} plays {and_list([ctx.strategy(i, s) for s in support])} "
                "with probabilities "
            ]
            intro += and_join([Math(shown_probability(probs[s])) for s in support])
            intro.append(". ")
        intro.append(f"{possessive(opp)} expected payoffs are then:")
        blocks.append(para(*intro))
    lines = []
    for w in chosen:
        terms = tuple(
            (ctx.payoff_expr(j, prof(s, w)), shown_probability(probs[s])) for s in support
        )
        collected = sympy.collect(sympy.expand(expected(w, False)), list(vs)) if vs else None
        if vs:
            lines.append(Line(Chain((Sum(terms), collected), ("=",)), f"{ctx.strategy(j, w)}:"))
        else:
            value = ctx.payoff_expr(j, prof(support[0], w))
            lines.append(Line(value, f"{ctx.strategy(j, w)}:"))
    blocks.append(Display(tuple(lines)))
    if vs:
        used = and_list([ctx.strategy(j, w) for w in chosen])
        text = (
            f"{opp} is willing to mix only if these are equal"
            if set(chosen) <= set(supp_j)
            else f"At this extreme equilibrium {opp} is indifferent "
            f"{'between' if len(chosen) == 2 else 'among'} {used}, so these are equal"
        )
        blocks.append(para(text + ":"))
        lines = []
        collected_eqs = []
        for w in chosen[1:]:
            left = sympy.collect(sympy.expand(expected(chosen[0], False)), list(vs))
            right = sympy.collect(sympy.expand(expected(w, False)), list(vs))
            lines.append(Line(Chain((ctx.display(left), ctx.display(right)), ("=",))))
            d = sympy.expand(expected(chosen[0], False) - expected(w, False))
            lead_coeff = next((d.coeff(v) for v in vs if d.coeff(v) != 0), sympy.Integer(1))
            if lead_coeff.could_extract_minus_sign():
                d = -d
            lhs = sympy.Add(*(nice(d.coeff(v)) * v for v in vs))
            rhs = nice(-d.xreplace({v: 0 for v in vs}))
            collected_eqs.append(Chain((ctx.display(lhs), ctx.display(rhs)), ("=",)))
        shown = {math_text(line.math) for line in lines}
        lines += [Line(c, lead="=>") for c in collected_eqs if math_text(c) not in shown]
        for v in vs:
            items: tuple[Any, ...] = (v, ctx.display(formulas[v]))
            rels: tuple[str, ...] = ("=",)
            if ctx.symbolic:
                items += (ctx.at_values(formulas[v]),)
                rels += ("=",)
            lines.append(Line(Chain(items, rels), lead="=>"))
        blocks.append(Display(tuple(lines)))
        tail = [f"So {mixer} plays ", *ctx.mixture_parts(i, x)]
        if ctx.symbolic and len(support) > 1:
            tail.append(" (in the parameters: ")
            for m, s in enumerate(support):
                tail += [f"{ctx.strategy(i, s)} ", Math(prob_formulas[s])]
                tail.append("; " if m < len(support) - 1 else ")")
        tail += [f", and {opp} earns ", *ctx.value_parts(best), f" from {used}"]
        if also:
            tail.append(
                f" — and as much from {and_list([ctx.strategy(j, w) for w in also])}, "
                "which the equations did not use: a sign of degeneracy"
            )
        tail.append(".")
        blocks.append(para(*tail))
    elif also:
        blocks.append(
            para(
                f"{opp} is indifferent among {and_list([ctx.strategy(j, w) for w in tight])}, "
                "so any mixture of them is a best response."
            )
        )
    fact = Indifference(
        player=i,
        opponent=j,
        support=support,
        indifferent_among=tuple(chosen),
        also_equal=also,
        variables=vs,
        expected=tuple(expected(w, False) for w in chosen),
        solution=tuple(ctx.num(x[s]) for s in support),
        value=ctx.num(best),
        formulas=tuple(prob_formulas[s] for s in support) if ctx.symbolic else None,
        value_formula=value_formula if ctx.symbolic else None,
    )
    return fact, blocks, {"expected": exp_num, "formulas": exp_formulas, "value": value_formula}
