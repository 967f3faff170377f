"""Exact regimes: where, as one parameter moves, the equilibrium set of a model changes.

Mathematics
-----------
Hold every parameter but one, ``t``, at exact rational values (``values``).  Each payoff of a
two-player model is then a rational function of ``t`` with rational coefficients (defines are
expanded first), and each player's payoffs are scaled by their common denominator so that
the indifference systems of :mod:`leverage.analysis.regimes.algebra` are polynomial in ``t``.

1. **Candidates.**  For every pair ``(U, W)`` of equal size on each side — exactly the linear
   systems vertex enumeration solves — the determinant, the numerator of every probability
   and the numerator of every slack are polynomials in ``t``; the payoff differences that
   decide best responses and pure dominance are the slacks of the systems of size one, and
   the poles of the payoffs are the roots of the denominators.  On an open interval where
   none of these polynomials vanishes, their signs are constant, so the feasible systems,
   the vertices of both best-response polytopes and their labels do not change: the extreme
   equilibria (completely labelled vertex pairs; von Stengel 2007, Avis et al. 2010) keep
   their supports, and each follows the closed form of its system.  The candidates are the
   real roots of these polynomials in the open range, computed exactly (rational, radical or
   ``CRootOf``) from their irreducible factors over ``QQ``.
2. **Intervals.**  Each open interval between consecutive candidates is solved at a rational
   point strictly inside it (the simplest one) by the exact vertex enumeration of
   :meth:`~leverage.Game.equilibria`; for each equilibrium a nonsingular subsystem of its
   tight constraints gives its probabilities and payoffs as rational functions of ``t``.
3. **Points.**  At a rational candidate the game is solved exactly in the same way (it is
   typically degenerate there: its extreme equilibria are listed).  At an irrational one,
   ``α``, with minimal polynomial ``f``, every system is solved exactly in the field
   ``QQ(α)``: a polynomial of the systems vanishes at ``α`` iff ``f`` divides it, and
   otherwise has the sign it has on the interval to the left (no root lies in between), so
   the feasible systems and the labels — a complete vertex enumeration at ``α`` — are
   decided exactly; probabilities and payoffs are computed modulo ``f``.
4. **Critical values.**  A candidate is critical when the structure (the supports of the
   equilibria) differs between the interval on its left, the point and the interval on its
   right; when a strict dominance relation between two pure strategies holds on one side
   only (unless ``dominance=False``); when the closed forms differ across it; or when the
   game is undefined there (a pole).  Intervals separated by a non-critical
   candidate are merged.  A bound of the range is reported as a critical value, with its own
   regime, when the structure there differs from the interval next to it (the mixed
   equilibrium of the Stag Hunt, for example, disappears at a stranding cost of 0).

With ``symbolic`` names, the same analysis runs at the given values of those parameters, and
each threshold is also given as a formula in them — the root, in ``t``, of the factor of a
candidate polynomial that vanishes there — and each equilibrium's closed form as a function
of ``t`` and them.  The order of the regimes is the one at the given values; the formulas hold
wherever that order does.

The result types are in :mod:`leverage.analysis.regimes.result` and the parametric game that
finds the candidates and solves each point exactly (steps 1-3) in
:mod:`leverage.analysis.regimes.parametric`; this module assembles the regimes (step 4).

References
----------
- B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
  form", in Algorithmic Game Theory, ch. 3, CUP 2007.
- D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash equilibria for
  two-player games", Economic Theory 42 (2010) 9-37.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sympy

from ...errors import ParameterError, TooLargeError, UnsupportedError
from ...expr.printing import formula_text
from ...games.model import parameter_interval
from ...numbers import to_fraction, to_sympy
from ...solve.structure import describe
from .algebraic import RealAlgebraic, simplest_rational
from .parametric import Engine, ratio_expr, to_qq
from .result import (
    CriticalValue,
    Regime,
    RegimeAnalysis,
    RegimeEquilibrium,
    Region,
    Span,
    SystemEquilibrium,
)

if TYPE_CHECKING:  # pragma: no cover
    from ...games.model import Model

__all__ = [
    "MAX_SYSTEMS",
    "CriticalValue",
    "Regime",
    "RegimeAnalysis",
    "RegimeEquilibrium",
    "Span",
    "regimes",
]

MAX_SYSTEMS = 1_000
"""Most indifference systems (both players) solved symbolically: a 5×5 game needs 502 (and
takes seconds to a minute), a 6×6 game 1,846."""


def regimes(
    model: Model,
    parameter: str,
    bounds: tuple[Any, Any] | None = None,
    *,
    values: Mapping[str, Any] | None = None,
    symbolic: Sequence[str] = (),
    dominance: bool = True,
) -> RegimeAnalysis:
    """Every critical value of ``parameter`` and the equilibria between and at them, exactly.

    Parameters
    ----------
    model
        A two-player model whose payoffs are rational functions of ``parameter`` once the
        other parameters have their values.
    parameter
        The parameter to move.
    bounds
        The closed range ``(low, high)`` to analyse (numbers or strings such as ``"7/2"``);
        default the parameter's declared range, which it must lie in.
    values
        Values of the other parameters (defaults elsewhere), checked against their ranges.
    symbolic
        Other parameters to keep symbolic in the thresholds and closed forms; the order of
        the regimes is the one at their values.
    dominance
        Also count as critical the values where a strict dominance relation between two
        pure strategies starts or stops holding (even if the equilibria do not change).

    Returns
    -------
    RegimeAnalysis

    Raises
    ------
    ParameterError
        Unknown parameter, bounds outside the range or empty, bad ``values`` or ``symbolic``.
    UnsupportedError
        A model with other than two players, or a payoff that is not a rational function of
        the parameter (``max``, ``sqrt``, ``exp``... of it).
    TooLargeError
        Too many strategies, or polynomials of too high a degree.

    Examples
    --------
    >>> import leverage
    >>> chicken = leverage.load("models/chicken.toml")
    >>> analysis = regimes(chicken, "interdependence_cost")
    >>> [c.exact for c in analysis.critical_values]
    ['1']
    >>> [r.label for r in analysis.regimes]
    ['(0, 1)', 'at 1', '(1, 10)']
    >>> analysis.regimes[-1].equilibria[1].strategies[0]
    ('(interdependence_cost - 1)/interdependence_cost', '1/interdependence_cost')
    >>> regimes(chicken, "interdependence_cost", symbolic=["loss_value"]).critical_values[0].formula
    'loss_value'
    """
    low, high, vals, syms = _check_arguments(model, parameter, bounds, values, symbolic)
    m, n = model.shape
    cost = 2 * (math.comb(m + n, m) - 1)
    if cost > MAX_SYSTEMS:
        raise TooLargeError(
            f"exact regimes of a {m}×{n} game mean solving {cost:,} symbolic systems "
            f"(limit {MAX_SYSTEMS:,}); use a sweep instead"
        )
    engine = Engine(model, parameter, vals, syms)
    roots, factors = engine.candidates(low, high)
    points = [RealAlgebraic.rational(low, engine.t), *roots, RealAlgebraic.rational(high, engine.t)]
    for a, b in itertools.pairwise(points):
        a.separate(b)
    tests = [simplest_rational(a.hi, b.lo) for a, b in itertools.pairwise(points)]
    inter = [engine.solve_rational(q) for q in tests]
    forms: list[Counter[Any]] = []
    for q, reg in zip(tests, inter, strict=True):
        flat = [_flat(engine.formulas(e)) for e in reg.equilibria]
        for e, f in zip(reg.equilibria, flat, strict=True):
            _check_at(f, e, q)
        forms.append(
            Counter((e.support, tuple(f)) for e, f in zip(reg.equilibria, flat, strict=True))
        )
    at = [
        engine.solve_rational(p.lo)
        if p.is_rational
        else engine.solve_algebraic(p, tests[k - 1], factors[p.poly])
        for k, p in enumerate(points)
    ]
    last = len(points) - 1
    changes: list[tuple[str, ...]] = [()] * len(points)
    for k in range(len(points)):
        found: list[str] = []
        left = inter[k - 1] if k > 0 else None
        right = inter[k] if k < last else None
        sides = [r for r in (left, right) if r is not None]
        if any(r.structure != at[k].structure for r in sides):
            found.append("equilibria")
        if left is not None and right is not None:
            if dominance and left.dominance != right.dominance:
                found.append("dominance")
            if left.structure == right.structure and forms[k - 1] != forms[k]:
                found.append("closed form")
        if at[k].undefined:
            found = ["undefined"]
        changes[k] = tuple(found)
    critical = [bool(c) for c in changes]

    taus: dict[int, Any] = {}

    def value(k: int) -> CriticalValue:
        point = points[k]
        formula = None
        if syms and critical[k]:
            found = engine.threshold_formulas(point, factors.get(point.poly, []))
            formula = " = ".join(formula_text(f) for f in found) or None
            if found:
                taus[k] = found[0]
            elif k in (0, last):
                taus[k] = point.expr
        return CriticalValue(
            point.text, float(point), point.expr, formula, at[k].undefined, changes[k]
        )

    values_at = {k: value(k) for k in range(len(points)) if critical[k] or k in (0, last)}
    out: list[Regime] = []
    if critical[0]:
        out.append(_point_regime(engine, at[0], values_at[0], points[0], taus.get(0)))
    start = 0
    for k in range(1, last + 1):
        if k < last and not critical[k]:
            continue
        merged = inter[start:k]
        out.append(
            Regime(
                structure=merged[0].structure,
                description=describe(merged[0].structure, model.players, model.strategies),
                equilibria=tuple(_interval_equilibrium(engine, e) for e in merged[0].equilibria),
                degenerate=any(r.degenerate for r in merged),
                lower=values_at[start],
                upper=values_at[k],
                test_point=tests[start],
                dominance=_dominance_text(
                    frozenset.intersection(*(r.dominance for r in merged)), model
                ),
                ends=(points[start], points[k]),
            )
        )
        if critical[k]:
            out.append(_point_regime(engine, at[k], values_at[k], points[k], taus.get(k)))
        start = k
    notes = []
    degenerate = [r.label for r in out if r.degenerate and not r.is_point]
    if degenerate:
        notes.append(
            "the game is degenerate on " + ", ".join(degenerate) + ": the equilibria listed "
            "there are the extreme ones, and convex combinations within a component are "
            "equilibria too"
        )
    if syms:
        held = ", ".join(f"{s} = {vals[s]}" for s in syms)
        notes.append(
            f"thresholds and closed forms are formulas in {', '.join(syms)}; the order of "
            f"the regimes is the one at {held}, and the formulas hold as long as that "
            "order does"
        )
    return RegimeAnalysis(
        parameter=parameter,
        bounds=(low, high),
        critical_values=tuple(values_at[k] for k in range(len(points)) if critical[k]),
        regimes=tuple(out),
        players=model.players,
        strategies=model.strategies,
        values={k: v for k, v in vals.items() if k != parameter},
        symbolic=syms,
        notes=tuple(notes),
    )


def _check_arguments(
    model: Model,
    parameter: str,
    bounds: tuple[Any, Any] | None,
    values: Mapping[str, Any] | None,
    symbolic: Sequence[str],
) -> tuple[Fraction, Fraction, dict[str, Fraction], tuple[str, ...]]:
    if len(model.players) != 2:
        raise UnsupportedError(
            f"exact regimes need a two-player model; this one has {len(model.players)} players"
        )
    low, high, vals = parameter_interval(model, parameter, bounds, values)
    syms = tuple(dict.fromkeys(symbolic))
    for s in syms:
        if s == parameter:
            raise ParameterError(f"{s!r} is the parameter analysed; it cannot also be symbolic")
        if s not in model.parameters:
            model.values({s: 0})
    return low, high, vals, syms


def _flat(forms: tuple[list[list[Any]], list[Any]]) -> list[Any]:
    probs, pays = forms
    return [f for vec in probs for f in vec] + list(pays)


def _check_at(forms: list[Any], eq: SystemEquilibrium, q: Fraction) -> None:
    expected = [v for vec in eq.values for v in vec] + list(eq.payoffs)
    for (num, den), v in zip(forms, expected, strict=True):
        got = num(to_qq(q)) / den(to_qq(q))
        if to_fraction(got) != v:
            raise RuntimeError(  # pragma: no cover - a bug, never a user error
                f"closed form disagrees with the solver at {q}: {got} != {v}"
            )


def _dominance_text(relations: frozenset[tuple[int, int, int]], model: Model) -> tuple[str, ...]:
    return tuple(
        f"{model.players[p]}: {model.strategies[p][i]} strictly dominates {model.strategies[p][k]}"
        for p, i, k in sorted(relations)
    )


def _kind(support: tuple[tuple[int, ...], ...]) -> str:
    return "pure" if all(len(s) == 1 for s in support) else "mixed"


def _interval_equilibrium(engine: Engine, eq: SystemEquilibrium) -> RegimeEquilibrium:
    if engine.symbolic:
        probs_m, pays_m = engine.formulas_m(eq)
        probs = [[sympy.cancel(p) for p in vec] for vec in probs_m]
        pays = [sympy.cancel(p) for p in pays_m]
    else:
        probs_f, pays_f = engine.formulas(eq)
        probs = [[ratio_expr(p) for p in vec] for vec in probs_f]
        pays = [ratio_expr(p) for p in pays_f]
    return RegimeEquilibrium(
        strategies=tuple(tuple(formula_text(p) for p in vec) for vec in probs),
        payoffs=tuple(formula_text(p) for p in pays),
        kind=_kind(eq.support),
        support=eq.support,
        strategy_exprs=tuple(tuple(vec) for vec in probs),
        payoff_exprs=tuple(pays),
    )


def _point_regime(
    engine: Engine, region: Region, at: CriticalValue, point: RealAlgebraic, tau: Any
) -> Regime:
    model = engine.model
    eqs = []
    for e in region.equilibria:
        if tau is not None:
            probs_m, pays_m = engine.formulas_m(e)
            probs = [[_simplify(p.subs(engine.t, tau)) for p in vec] for vec in probs_m]
            pays = [_simplify(p.subs(engine.t, tau)) for p in pays_m]
            strat_text = tuple(tuple(formula_text(p) for p in vec) for vec in probs)
            pay_text = tuple(formula_text(p) for p in pays)
        else:
            probs = [[_number(v) for v in vec] for vec in e.values]
            pays = [_number(v) for v in e.payoffs]
            strat_text = tuple(tuple(str(p) for p in vec) for vec in probs)
            pay_text = tuple(str(p) for p in pays)
        eqs.append(
            RegimeEquilibrium(
                strategies=strat_text,
                payoffs=pay_text,
                kind=_kind(e.support),
                support=e.support,
                strategy_exprs=tuple(tuple(vec) for vec in probs),
                payoff_exprs=tuple(pays),
            )
        )
    return Regime(
        structure=region.structure,
        description="undefined (pole)"
        if region.undefined
        else describe(region.structure, model.players, model.strategies),
        equilibria=tuple(eqs),
        degenerate=region.degenerate,
        at=at,
        undefined=region.undefined,
        ends=(point, point),
    )


def _number(v: Any) -> Any:
    if isinstance(v, Fraction):
        return to_sympy(v)
    return v


def _simplify(expr: sympy.Expr) -> sympy.Expr:
    expr = sympy.cancel(sympy.together(expr))
    if expr.has(sympy.Pow) and any(
        a.is_Pow and not a.exp.is_Integer for a in sympy.preorder_traversal(expr)
    ):
        expr = sympy.radsimp(expr)
    return expr
