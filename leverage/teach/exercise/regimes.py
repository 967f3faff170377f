"""``regimes`` exercises: the exact thresholds of a cost parameter where the set of
equilibria changes.

Mathematics
-----------
Payoffs are ``base − w·c`` (:class:`~.parametric.ParametricGame`) with a cost
``c ∈ [0, 10]`` weighted by how far the two players escalate: with escalation levels ``ℓ``
from 0 (first strategy) to 1 (last), ``w = ℓr·ℓc·(1 − 2u) + u·(ℓr + ℓc)``, so ``w = 0`` when
neither escalates, ``u`` when one escalates fully and the other not at all, and 1 when both
do.  For 2×2 games the one-sided share ``u`` is 0, 1/4 or 1/2; for larger games ``u = 1/2``
and ``w`` is the mean of the two players' escalation levels.  The thresholds of ``c`` where
the set of equilibria changes come from :func:`leverage.regimes`; a game is
kept when it has one to three thresholds, all rational with denominators at most
:data:`~.draw.MAX_DENOMINATOR` and strictly inside the range, at each of which the supports
of the equilibria change, and is nondegenerate between them.  The regimes are checked again by
solving the game at three points inside each interval and at each threshold, and by checking
that they tile the range.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ...formats.document import Items, Para, Rendered
from ...formats.english import and_join
from ...formats.text import latex_number
from ...numbers import to_fraction
from ...solve.result import Solution
from .draw import MAX_DENOMINATOR, Draft, Draw, DrawContext
from .parametric import ParametricGame
from .text import Block, Inline, formula_piece, parametric_table, profile_label, who
from .verify import verify


def _cost_weights(shape: tuple[int, int], unilateral: Fraction) -> tuple[tuple[Fraction, ...], ...]:
    """Weight of the cost in each cell: ``ℓr·ℓc·(1 - 2u) + u·(ℓr + ℓc)`` with escalation
    levels ``ℓ`` from 0 (first strategy) to 1 (last); 0 when neither escalates, ``u`` when
    one escalates fully and the other not at all, 1 when both escalate fully."""
    m, n = shape
    out = []
    for r in range(m):
        lr = Fraction(r, m - 1)
        out.append(
            tuple(
                lr * Fraction(c, n - 1) * (1 - 2 * unilateral)
                + unilateral * (lr + Fraction(c, n - 1))
                for c in range(n)
            )
        )
    return tuple(out)


def _structure(solution: Solution) -> tuple[Any, ...]:
    return tuple(sorted((e.support(0), e.support(1)) for e in solution))


def draft_regimes(draw: Draw, ctx: DrawContext, budget: list[int]) -> Draft | None:
    from ...analysis.regimes.engine import regimes
    from ...io.model_file import loads

    m, n = ctx.shape
    unilateral = (
        draw.choice([Fraction(0), Fraction(1, 4), Fraction(1, 2)])
        if m == n == 2
        else Fraction(1, 2)
    )
    pg = ParametricGame(
        players=ctx.players,
        strategies=ctx.strategies,
        base=(tuple(map(tuple, draw.matrix(m, n))), tuple(map(tuple, draw.matrix(m, n)))),
        weights=_cost_weights(ctx.shape, unilateral),
    )
    low, high = pg.bounds
    at_ends = [pg.at(low).equilibria(), pg.at(high).equilibria()]
    if any(s.degenerate for s in at_ends) or _structure(at_ends[0]) == _structure(at_ends[1]):
        return None  # cheap filter: at least one change, nondegenerate at both ends
    if budget[0] <= 0:
        return None
    budget[0] -= 1
    analysis = regimes(
        loads(pg.toml(), file="<exercise>"), pg.parameter, pg.bounds, dominance=False
    )
    crit = analysis.critical_values
    if not 1 <= len(crit) <= 3:
        return None
    thresholds = []
    for cv in crit:
        if cv.changes != ("equilibria",) or not cv.sympy_value.is_Rational:
            return None
        t = to_fraction(cv.sympy_value)
        if not low < t < high or t.denominator > MAX_DENOMINATOR:
            return None
        thresholds.append(t)
    if any(r.degenerate for r in analysis.regimes if not r.is_point):
        return None
    # independent check: re-solve inside each interval and at each threshold
    for reg in analysis.regimes:
        if reg.is_point:
            assert reg.at is not None
            points = [Fraction(reg.at.exact)]
        else:
            assert reg.lower is not None and reg.upper is not None
            lo, hi = Fraction(reg.lower.exact), Fraction(reg.upper.exact)
            points = [lo + (hi - lo) * Fraction(k, 4) for k in (1, 2, 3)]
        found = {_structure(pg.at(q).equilibria()) for q in points}
        verify(found == {reg.structure}, f"regime {reg.label} does not hold at {points}")
    regs = analysis.regimes
    ends = [low]
    for reg in regs:
        if not reg.is_point:
            assert reg.lower is not None and reg.upper is not None
            ends += [Fraction(reg.lower.exact), Fraction(reg.upper.exact)]
    verify(
        [Fraction(r.at.exact) for r in regs if r.at is not None] == thresholds
        and ends[1:] == [low, *[t for t in thresholds for _ in (0, 1)], high],
        "the regimes do not tile the range at the thresholds",
    )
    for k, reg in enumerate(regs):
        if reg.is_point:
            around = {regs[j].structure for j in (k - 1, k, k + 1) if 0 <= j < len(regs)}
            verify(len(around) > 1, f"the equilibria do not change {reg.label}")
    if ctx.theme != "rare-earth":
        cost = "a cost parameter"
    else:
        if ctx.shape != (2, 2):
            share = "a smaller share of it the less the two sides escalate"
        elif unilateral:
            share = f"{unilateral} of it if only one side escalates"
        else:
            share = "nothing if only one side escalates"
        cost = (
            "the interdependence cost: what each side loses if the contested trade breaks "
            f"down completely ({share})"
        )
    question: list[Block] = [
        parametric_table(pg),
        Para(
            (
                "The payoffs depend on ",
                Rendered(pg.parameter, f"${pg.parameter}$"),
                f", {cost}, with ",
                Rendered(
                    f"{low} ≤ {pg.parameter} ≤ {high}", f"${low} \\le {pg.parameter} \\le {high}$"
                ),
                ". For which values of ",
                Rendered(pg.parameter, f"${pg.parameter}$"),
                " does the set of Nash equilibria change? Give each threshold exactly, and the "
                "equilibria in each range.",
            )
        ),
    ]
    thr: list[Inline] = ["Thresholds: "]
    thr += and_join(
        [
            Rendered(f"{pg.parameter} = {t}", f"${pg.parameter} = {latex_number(t)}$")
            for t in thresholds
        ]
    )
    base = pg.at(low)
    items = []
    for reg in analysis.regimes:
        if reg.is_point:
            assert reg.at is not None
            where = Rendered(
                f"{pg.parameter} = {reg.at.exact}",
                f"${pg.parameter} = {latex_number(Fraction(reg.at.exact))}$",
            )
        else:
            assert reg.lower is not None and reg.upper is not None
            lo_t, hi_t = Fraction(reg.lower.exact), Fraction(reg.upper.exact)
            lo_s = "≤" if lo_t == low else "<"
            hi_s = "≤" if hi_t == high else "<"
            tex = {"≤": "\\le", "<": "<"}
            where = Rendered(
                f"{lo_t} {lo_s} {pg.parameter} {hi_s} {hi_t}",
                f"${latex_number(lo_t)} {tex[lo_s]} {pg.parameter} "
                f"{tex[hi_s]} {latex_number(hi_t)}$",
            )
        parts: list[Inline] = [where, ": "]
        for k, eq in enumerate(reg.equilibria):
            parts += ["; "] if k else []
            if eq.kind == "pure":
                parts.append(profile_label(base, [s[0] for s in eq.support]))
            else:
                parts.append("mixed: ")
                for p in range(2):
                    labels = pg.strategies[p]
                    parts += [", "] if p else []
                    support = eq.support[p]
                    if len(support) == 1:
                        parts.append(f"{who(pg.players[p])} {labels[support[0]]}")
                        continue
                    parts.append(f"{who(pg.players[p])} (")
                    for j, k2 in enumerate(support):
                        parts += [", "] if j else []
                        parts += [f"{labels[k2]} ", formula_piece(eq.strategies[p][k2])]
                    parts.append(")")
        if reg.degenerate and reg.is_point:
            parts.append(" (degenerate: extreme equilibria listed)")
        items.append((*parts, "."))
    answer: list[Block] = [parametric_table(pg), Para((*thr, ".")), Items(tuple(items))]
    data = {
        "thresholds": [str(t) for t in thresholds],
        "regimes": [reg.to_dict() for reg in analysis.regimes],
    }
    return Draft(pg.at(low), question, answer, data, parametric=pg)
