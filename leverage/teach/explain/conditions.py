"""Symbolic conditions: each ordering the derivation uses, as an inequality on the parameters.

In a symbolic explanation every comparison of payoffs (best responses, dominance, the sign
of a probability, a support condition, risk dominance) is stated as a :class:`.Condition`
between two expressions of the parameters that holds at the given values, rearranged,
and, when a *focus* parameter is chosen, solved for it.

Mathematics
-----------
1. **Rearranging.**  ``better - worse`` is brought over a common denominator and
   cancelled, ``N/D``.  When ``D`` depends on the parameters it is signed positive at the
   values (``N/D = (-N)/(-D)``), so that ``better > worse`` iff ``N > 0`` near the values;
   a constant ``D`` is divided into ``N``.  The terms of the expanded ``N`` are then
   split by sign into ``left > right``, each side a sum of positive terms.  ``N ≡ 0``
   means the two sides are equal whatever the parameters.
2. **Solving for the focus parameter** ``t``, the others held at their values ``θ₀``:
   ``N(t)/D(t) > 0`` (numerator and denominator of degree at most 4 in ``t``) is solved
   exactly as a univariate inequality (sympy's ``solve_univariate_inequality``); the
   interval of the solution set containing the value ``t₀`` is reported, with its ends
   inside ``t``'s declared range.  When it covers the whole range the condition holds
   for every ``t`` there; an equality (``=``) holds at ``t = t₀`` only.

References
----------
- M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004), ch. 2-4:
  the comparisons stated.
- A. Meurer et al., "SymPy: symbolic computing in Python", *PeerJ Computer Science* 3:e103
  (2017): ``cancel``, ``solve_univariate_inequality``.
"""

from __future__ import annotations

from typing import Any

import sympy

from ...expr import symbol
from ...expr.printing import expr_latex, expr_text, latex_symbol
from ...formats.document import REL_LATEX, REL_TEXT, Chain, Math, Raw, math_text
from ...formats.text import decimal
from ...numbers import rational
from .context import Context
from .facts import Condition
from .notation import as_expr, sym


def condition(ctx: Context, better: Any, worse: Any) -> Condition:
    """The condition ``better > worse`` (or ``=``) that holds at the values."""
    better, worse = as_expr(better), as_expr(worse)
    values = (ctx.at_values(better), ctx.at_values(worse))
    diff = values[0] - values[1]
    relation = "=" if diff == 0 else ">" if bool(diff > 0) else "<"
    if relation == "<":  # pragma: no cover - callers pass the better side first
        raise RuntimeError(f"condition {better} > {worse} fails at the values")
    fraction = sympy.cancel(sympy.together(better - worse))
    num, den = sympy.fraction(fraction)
    denominator = None
    if den.free_symbols:
        if bool(ctx.at_values(den) < 0):
            num, den = -num, -den
        denominator = sympy.expand(den)
    elif den != 1:
        num = num / den
    pos: list[Any] = []
    neg: list[Any] = []
    for term in sympy.Add.make_args(sympy.expand(num)):
        (neg if term.could_extract_minus_sign() else pos).append(term)
    identical = sympy.expand(num) == 0
    focus_text, focus_latex = (None, None) if identical else solve_focus(ctx, num, relation)
    return Condition(
        better=better,
        worse=worse,
        relation=relation,
        left=sympy.Add(*pos),
        right=-sympy.Add(*neg),
        denominator=denominator,
        values=values,
        identical=identical,
        focus=ctx.focus if focus_text else None,
        focus_condition=focus_text,
        focus_latex=focus_latex,
    )


def solve_focus(ctx: Context, diff: Any, relation: str) -> tuple[str | None, str | None]:
    """The condition ``diff relation 0`` on the focus parameter, the others held."""
    if not ctx.focus or relation not in (">", "=") or ctx.model is None:
        return None, None
    t = symbol(ctx.focus)
    others = {k: v for k, v in ctx.value_subs.items() if k != t}
    expr = as_expr(diff).xreplace(ctx.define_subs).xreplace(others)
    if t not in expr.free_symbols:
        return None, None
    p = ctx.model.parameters[ctx.focus]
    # a parameter without a range may take any value
    low, high = (sym(p.bounds[0]), sym(p.bounds[1])) if p.bounds else (-sympy.oo, sympy.oo)
    t0 = ctx.value_subs[t]
    name_t, name_l = ctx.focus, latex_symbol(ctx.focus)
    try:
        expr = sympy.cancel(sympy.together(expr))
        num, den = sympy.fraction(expr)
        if sympy.Poly(num, t).degree() > 4 or sympy.Poly(den, t).degree() > 4:
            return None, None
        if relation == "=":
            return (f"{name_t} = {expr_text(t0)}", f"{name_l} = {expr_latex(t0)}")
        solved = sympy.solve_univariate_inequality(expr > 0, t, relational=False)
    except (NotImplementedError, ValueError, TypeError, sympy.PolynomialError):
        return None, None
    pieces = solved.args if isinstance(solved, sympy.Union) else (solved,)
    for piece in pieces:
        if not isinstance(piece, sympy.Interval) or not piece.contains(t0):
            continue
        if piece.start <= low and piece.end >= high:
            if (piece.start < low or not piece.left_open) and (
                piece.end > high or not piece.right_open
            ):
                if not p.bounds:
                    return f"for every value of {name_t}", None
                return (
                    f"for every {name_t} in its range [{decimal(rational(low))}, "
                    f"{decimal(rational(high))}]",
                    None,
                )
        rels_t, rels_l = [], []
        if piece.start > -sympy.oo and piece.start > low:
            op = ">" if piece.left_open else ">="
            rels_t.append(f"{name_t} {REL_TEXT.get(op, op)} {expr_text(piece.start)}")
            rels_l.append(f"{name_l} {REL_LATEX.get(op, op)} {expr_latex(piece.start)}")
        if piece.end < sympy.oo and piece.end < high:
            op = "<" if piece.right_open else "<="
            rels_t.append(f"{name_t} {REL_TEXT.get(op, op)} {expr_text(piece.end)}")
            rels_l.append(f"{name_l} {REL_LATEX.get(op, op)} {expr_latex(piece.end)}")
        if not rels_t:  # pragma: no cover - handled above
            return None, None
        return " and ".join(rels_t), " \\text{ and } ".join(rels_l)
    return None, None


def condition_parts(ctx: Context, cond: Condition) -> list[Any]:
    """Prose and math stating a condition, its rearranged form and where it holds."""
    rel = cond.relation
    parts: list[Any] = [Math(Chain((cond.better, cond.worse), (rel,)))]
    if cond.identical:
        return [*parts, " (equal whatever the parameters)"]
    rearranged = (cond.left, cond.right)
    shorter = len(math_text(Chain(rearranged, (rel,)))) < len(
        math_text(Chain((cond.better, cond.worse), (rel,)))
    )
    if shorter or (cond.right == 0 and cond.worse != 0):
        parts += [", i.e. ", Math(Chain(rearranged, (rel,)))]
        if cond.denominator is not None:
            parts += [" (the denominator ", Math(cond.denominator), " being positive)"]
    if rel == "=":
        parts.append(", which holds at these values only")
    if (cond.better, cond.worse) != cond.values:
        parts += ["; at these values ", Math(Chain(cond.values, (rel,)))]
    if cond.focus_condition and cond.focus:
        if cond.focus_latex is None:
            parts.append(f"; it holds {cond.focus_condition}, the others held")
        else:
            parts += [
                "; with the other parameters held this means ",
                Math(Raw(cond.focus_condition, cond.focus_latex)),
                f" (it is {decimal(ctx.values[cond.focus])})",
            ]
    return parts
