"""Exact regimes and comparative statics (leverage.analysis.regimes.engine, .statics).

Every claim is checked against the exact solver: at points inside each regime and just
inside each critical value, the game solved by vertex enumeration has the regime's
structure, and the regime's closed forms evaluated there equal the solver's equilibria.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from fractions import Fraction
from pathlib import Path

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import leverage
from leverage.analysis.regimes import Regime, RegimeAnalysis, regimes
from leverage.analysis.regimes.algebraic import RealAlgebraic, simplest_rational
from leverage.analysis.regimes.parametric import Engine
from leverage.analysis.statics import statics
from leverage.errors import ExpressionError, ParameterError, TooLargeError, UnsupportedError
from leverage.expr import parse_expression, symbol
from leverage.solve.structure import structure

ROOT = Path(__file__).parent.parent
C = "interdependence_cost"


@functools.cache
def shipped(name: str) -> leverage.Model:
    return leverage.load(ROOT / "models" / f"{name}.toml")


def two_by_two(payoffs: dict[str, tuple[str, str]], low="0", high="10", name="t") -> str:
    """TOML text of a 2×2 model with one parameter ``name``."""
    lines = [
        'title = "test"',
        'description = "a test model"',
        "[players]",
        'Row = ["A", "B"]',
        'Column = ["L", "R"]',
        f"[parameters.{name}]",
        f'value = "{low}"',
        f'range = ["{low}", "{high}"]',
        'source = "assumption"',
        "[payoffs]",
    ]
    lines += [f'"{k}" = ["{a}", "{b}"]' for k, (a, b) in payoffs.items()]
    return "\n".join(lines) + "\n"


def exact(text: str) -> Fraction:
    return Fraction(text)


def crit(analysis: RegimeAnalysis) -> list[str]:
    return [c.exact for c in analysis.critical_values]


def as_fraction(value) -> Fraction:
    r = sympy.Rational(value)
    return Fraction(int(r.p), int(r.q))


# --------------------------------------------------------------------------- agreement helper


def solver_equilibria(model, parameter, point, values=None):
    game = model.game({**(values or {}), parameter: point}, exact=True)
    solution = game.equilibria()
    eqs = sorted((tuple(e.support(i) for i in range(2)), e.strategies, e.payoffs) for e in solution)
    return structure(solution), eqs


def formulas_at(reg: Regime, parameter: str, point: Fraction):
    t = symbol(parameter)
    q = sympy.Rational(point.numerator, point.denominator)
    out = []
    for eq in reg.equilibria:
        strategies = tuple(
            tuple(as_fraction(sympy.sympify(p).subs(t, q)) for p in vec)
            for vec in eq.strategy_exprs
        )
        payoffs = tuple(as_fraction(sympy.sympify(p).subs(t, q)) for p in eq.payoff_exprs)
        out.append((eq.support, strategies, payoffs))
    return sorted(out)


def probe_points(reg: Regime) -> list[Fraction]:
    """Points strictly inside an interval regime: its middle and 1e-6 inside each end."""
    low, high = reg.ends
    eps = Fraction(1, 10**6)
    lo_f = low.value if low.is_rational else Fraction(low.lo)
    hi_f = high.value if high.is_rational else Fraction(high.hi)
    points = [reg.test_point, simplest_rational(max(lo_f, low.hi), min(hi_f, high.lo))]
    for candidate in (lo_f + eps, hi_f - eps) if low.is_rational and high.is_rational else ():
        points.append(candidate)
    if not low.is_rational:
        points.append(Fraction(low.hi) + eps)
    if not high.is_rational:
        points.append(Fraction(high.lo) - eps)
    return [p for p in points if low.compare_rational(p) < 0 and high.compare_rational(p) > 0]


def check_agreement(model, parameter, analysis: RegimeAnalysis, values=None, dense: int = 0):
    """Solve the game exactly at probe points of every regime and compare."""
    for reg in analysis.regimes:
        if reg.is_point:
            if not reg.at.sympy_value.is_Rational or reg.undefined:
                continue
            point = as_fraction(reg.at.sympy_value)
            struct, eqs = solver_equilibria(model, parameter, point, values)
            assert struct == reg.structure, reg.label
            assert formulas_at(reg, parameter, point) == eqs, reg.label
            continue
        for point in probe_points(reg):
            struct, eqs = solver_equilibria(model, parameter, point, values)
            assert struct == reg.structure, (reg.label, point)
            assert formulas_at(reg, parameter, point) == eqs, (reg.label, point)
    if dense:
        low, high = analysis.bounds
        for k in range(dense + 1):
            point = low + (high - low) * Fraction(k, dense)
            struct, _ = solver_equilibria(model, parameter, point, values)
            assert struct == regime_at(analysis, point).structure, point


def regime_at(analysis: RegimeAnalysis, point: Fraction) -> Regime:
    """The regime a rational point of the range belongs to."""
    points = [r for r in analysis.regimes if r.is_point and r.ends[0].compare_rational(point) == 0]
    if points:
        return points[0]
    (reg,) = [
        r
        for r in analysis.regimes
        if not r.is_point
        and r.ends[0].compare_rational(point) <= 0 <= r.ends[1].compare_rational(point)
    ]
    return reg


# --------------------------------------------------------------------------- (1) shipped models


def test_rare_earth_thresholds():
    # docs/models.md: (Overreach, Escalate) below 10923/12500, (Calibrate, Escalate) up to 38/5,
    # (Calibrate, Hold) above.
    model = shipped("rare_earth_controls")
    analysis = regimes(model, C, dominance=False)
    assert crit(analysis) == ["10923/12500", "38/5"]
    assert [r.description for r in analysis.regimes] == [
        "(Overreach, Escalate)",
        "(Calibrate, Escalate) | (Overreach, Escalate)",
        "(Calibrate, Escalate)",
        "(Calibrate, Hold) | (Calibrate, Escalate)",
        "(Calibrate, Hold)",
    ]
    assert [c.value for c in analysis.critical_values] == [0.87384, 7.6]


def test_rare_earth_dominance_flip_is_reported():
    model = shipped("rare_earth_controls")
    analysis = regimes(model, C)
    assert crit(analysis) == ["10923/12500", "36214/9375", "38/5"]
    flip = analysis.critical_values[1]
    assert flip.changes == ("dominance",)
    # at the flip the US is indifferent between Hold and Escalate against Overreach
    b = model.game({C: Fraction(36214, 9375)}).payoffs[1]
    assert b[1, 0] == b[1, 1]
    left, right = (r for r in analysis.regimes if not r.is_point and "36214/9375" in r.label)
    assert "US: Escalate strictly dominates Hold" in left.dominance
    assert "US: Escalate strictly dominates Hold" not in right.dominance
    assert left.structure == right.structure


def test_rare_earth_other_calibrations():
    # docs/models.md: at a reach of 0.8, (Overreach, Escalate) below 17404/9375, the mixed
    # equilibrium up to 36003/12500, (Calibrate, Escalate) up to 38/5, (Calibrate, Hold) above.
    model = shipped("rare_earth_controls")
    values = {"china_enforcement_reach": "0.8"}
    analysis = regimes(model, C, values=values, dominance=False)
    assert crit(analysis) == ["17404/9375", "36003/12500", "38/5"]
    assert analysis.regimes[2].description == "mixed{Calibrate+Overreach; Hold+Escalate}"
    check_agreement(model, C, analysis, values=values)
    # with 30% chip self-sufficiency the thresholds move to 1947/2500 and 7
    values = {"chip_self_sufficiency": "0.30"}
    assert crit(regimes(model, C, values=values, dominance=False)) == ["1947/2500", "7"]


def test_overreach_diversification_thresholds():
    # docs/models.md: 469/625, 891/625 and 297/125
    model = shipped("overreach_diversification")
    analysis = regimes(model, C, dominance=False)
    assert crit(analysis) == ["469/625", "891/625", "297/125"]
    # the West stockpiles with probability (P - c)/(b P), P = 297/125, b = 2/5
    band = analysis.regimes[4]
    assert band.label == "(891/625, 297/125)"
    mixed = band.equilibria[0]
    c = symbol(C)
    big_p, b = sympy.Rational(297, 125), sympy.Rational(2, 5)
    assert sympy.simplify(mixed.strategy_exprs[1][1] - (big_p - c) / (b * big_p)) == 0


def test_escalation_ladder_thresholds():
    # docs/models.md: 10923/12500, 101/25 (the truce), 38/5
    model = shipped("escalation_ladder")
    analysis = regimes(model, C, dominance=False)
    assert crit(analysis) == ["10923/12500", "101/25", "38/5"]
    c = symbol(C)
    band = next(r for r in analysis.regimes if r.label == "(101/25, 38/5)")
    mixed = next(e for e in band.equilibria if e.kind == "mixed")
    # at c = 5 China de-escalates with probability 17/25, the US with probability 1/3
    assert mixed.strategy_exprs[0][0].subs(c, 5) == sympy.Rational(17, 25)
    assert mixed.strategy_exprs[1][0].subs(c, 5) == sympy.Rational(1, 3)
    top = analysis.regimes[-1]
    mixed = next(e for e in top.equilibria if e.kind == "mixed")
    # at c = 8 each de-escalates with probability 5/24
    assert mixed.strategy_exprs[0][0].subs(c, 8) == sympy.Rational(5, 24)
    assert mixed.strategy_exprs[1][0].subs(c, 8) == sympy.Rational(5, 24)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("chicken", ["1"]),  # threshold c = loss_value
        ("stag_hunt", ["0"]),  # the mixed equilibrium disappears at c = 0 (a range bound)
        ("prisoners_dilemma", []),  # (Defect, Defect) over the whole range
        ("battle_of_the_sexes", []),
        ("matching_pennies", []),
        ("deadlock", []),
        ("rock_paper_scissors", []),
    ],
)
def test_classic_thresholds(name, expected):
    analysis = regimes(shipped(name), C, dominance=False)
    assert crit(analysis) == expected


@pytest.mark.parametrize(
    "name",
    [
        "chicken",
        "stag_hunt",
        "rare_earth_controls",
        "overreach_diversification",
        "escalation_ladder",
    ],
)
def test_regimes_agree_with_a_sweep(name):
    model = shipped(name)
    analysis = regimes(model, C)
    check_agreement(model, C, analysis, dense=40)


# --------------------------------------------------------------------------- (3) closed forms


def test_chicken_mixed_equilibrium_closed_form():
    # models/chicken.toml: each holds firm with probability win / (win + c - loss)
    model = shipped("chicken")
    values = {"win_value": "2", "loss_value": "3/2"}
    analysis = regimes(model, C, values=values)
    assert crit(analysis) == ["3/2"]
    c = symbol(C)
    mixed = next(e for e in analysis.regimes[-1].equilibria if e.kind == "mixed")
    expected = 2 / (2 + c - sympy.Rational(3, 2))
    assert sympy.simplify(mixed.strategy_exprs[0][1] - expected) == 0
    assert sympy.simplify(mixed.strategy_exprs[1][1] - expected) == 0
    check_agreement(model, C, analysis, values=values)


def test_chicken_symbolic_threshold_and_closed_form():
    model = shipped("chicken")
    analysis = regimes(model, C, symbolic=("win_value", "loss_value"))
    (threshold,) = analysis.critical_values
    assert threshold.formula == "loss_value"
    w, lo, c = symbol("win_value"), symbol("loss_value"), symbol(C)
    mixed = next(e for e in analysis.regimes[-1].equilibria if e.kind == "mixed")
    assert sympy.simplify(mixed.strategy_exprs[0][1] - w / (w + c - lo)) == 0
    assert analysis.to_dict()["critical_values"][0]["formula"] == "loss_value"
    # every formula printed reads back in the model-file language
    names = {C, "win_value", "loss_value"}
    for reg in analysis.regimes:
        for eq in reg.equilibria:
            for text, expr in zip(
                [p for vec in eq.strategies for p in vec] + list(eq.payoffs),
                [p for vec in eq.strategy_exprs for p in vec] + list(eq.payoff_exprs),
            ):
                assert sympy.simplify(parse_expression(text, names) - expr) == 0


def test_stag_hunt_and_battle_of_the_sexes_closed_forms():
    # docs/models.md: Stag Hunt commit probability c / (stag - hare + c);
    # Battle of the Sexes: Row plays X with probability (p + c) / (p + q + 2c)
    c = symbol(C)
    stag = regimes(shipped("stag_hunt"), C, symbolic=("stag_value", "hare_value"))
    s, h = symbol("stag_value"), symbol("hare_value")
    mixed = next(e for e in stag.regimes[-1].equilibria if e.kind == "mixed")
    assert sympy.simplify(mixed.strategy_exprs[0][0] - c / (s - h + c)) == 0
    bos = regimes(shipped("battle_of_the_sexes"), C)
    mixed = next(e for e in bos.regimes[0].equilibria if e.kind == "mixed")
    assert sympy.simplify(mixed.strategy_exprs[0][0] - (2 + c) / (3 + 2 * c)) == 0


def test_prisoners_dilemma_to_chicken_boundary():
    # T = 5 > R = 3; punishment 1 - t falls below the sucker payoff 1/3 at t = 2/3: a
    # Prisoner's Dilemma (Defect dominant) below, Chicken (two asymmetric pure equilibria and
    # a mixed one) above.
    text = two_by_two(
        {
            "A, L": ("3", "3"),
            "A, R": ("1/3", "5"),
            "B, L": ("5", "1/3"),
            "B, R": ("1 - t", "1 - t"),
        },
        high="2",
    )
    model = leverage.loads(text)
    analysis = regimes(model, "t")
    assert crit(analysis) == ["2/3"]
    below, _at, above = analysis.regimes
    assert below.structure == (((1,), (1,)),)
    assert "Row: B strictly dominates A" in below.dominance
    assert above.structure == (((0,), (1,)), ((0, 1), (0, 1)), ((1,), (0,)))
    t = symbol("t")
    mixed = above.equilibria[1]
    # Column indifferent: 3p + 1/3 (1 - p) = 5p + (1 - t)(1 - p) -> p = (t - 2/3) / (t + 4/3)
    expected = (t - sympy.Rational(2, 3)) / (t + sympy.Rational(4, 3))
    assert sympy.simplify(mixed.strategy_exprs[0][0] - expected) == 0
    check_agreement(model, "t", analysis, dense=30)


def test_irrational_threshold(tmp_path):
    path = tmp_path / "irrational.toml"
    path.write_text(
        two_by_two(
            {
                "A, L": ("t**2 - 2*t - 1", "1"),
                "A, R": ("1", "0"),
                "B, L": ("0", "1"),
                "B, R": ("0", "0"),
            },
            high="5",
        )
    )
    model = leverage.load(path)
    analysis = regimes(model, "t")
    (value,) = analysis.critical_values
    assert value.exact == "1 + sqrt(2)"
    assert sympy.simplify(value.sympy_value - (1 + sympy.sqrt(2))) == 0
    assert value.value == pytest.approx(1 + math.sqrt(2), abs=1e-15)
    below, at, above = analysis.regimes
    assert below.description == "(B, L)" and above.description == "(A, L)"
    assert at.structure == (((0,), (0,)), ((1,), (0,)))
    assert json.loads(json.dumps(analysis.to_dict()))["critical_values"][0]["exact"] == (
        "1 + sqrt(2)"
    )
    check_agreement(model, "t", analysis, dense=20)


IRRATIONAL_CHICKEN = {
    "A, L": ("0", "0"),
    "A, R": ("-1", "t + 1"),
    "B, L": ("t + 1", "-1"),
    "B, R": ("1 - t**2", "3 - t**2 - t"),
}


def test_equilibria_at_irrational_points_are_exact_equilibria():
    model = leverage.loads(two_by_two(IRRATIONAL_CHICKEN, high="3"))
    analysis = regimes(model, "t")
    assert [c.exact for c in analysis.critical_values] == ["sqrt(2)", "-1/2 + sqrt(17)/2"]
    assert all(r.degenerate for r in analysis.regimes if r.is_point)
    verify_at_irrational_points(model, analysis)
    # at (sqrt(17) - 1)/2 the mixed equilibrium of Chicken meets (Straight, Swerve)
    point = analysis.regimes[3]
    assert point.description == "(A, R) | (B, L) | mixed{B; L+R}"
    mixed = point.equilibria[2]
    assert mixed.strategies[1] == ("5/6 - sqrt(17)/6", "1/6 + sqrt(17)/6")
    check_agreement(model, "t", analysis, dense=30)


def test_pole_is_an_undefined_critical_value():
    payoffs = {
        "A, L": ("1/(t - 2)", "1"),
        "A, R": ("1", "0"),
        "B, L": ("0", "1"),
        "B, R": ("0", "0"),
    }
    model = leverage.loads(two_by_two(payoffs, high="5"))
    analysis = regimes(model, "t")
    (value,) = analysis.critical_values
    assert value.exact == "2" and value.undefined and value.changes == ("undefined",)
    below, at, above = analysis.regimes
    assert at.undefined and at.equilibria == () and at.to_dict()["undefined"] is True
    assert below.description == "(B, L)" and above.description == "(A, L)"
    check_agreement(model, "t", analysis)


# --------------------------------------------------------------------------- exact enumeration


def test_algebraic_enumeration_matches_the_solver_at_rational_candidates():
    """The QQ(α) enumeration used at irrational points, run at rational candidates, finds
    exactly the solver's extreme equilibria (degenerate games included)."""
    for name in ("rare_earth_controls", "overreach_diversification", "escalation_ladder"):
        model = shipped(name)
        engine = Engine(model, C, model.values(), ())
        roots, factors = engine.candidates(Fraction(0), Fraction(10))
        points = [RealAlgebraic.rational(Fraction(0), engine.t), *roots]
        checked = 0
        for prev, point in itertools.pairwise(points):
            prev.separate(point)
            if not point.is_rational:
                continue
            near = simplest_rational(prev.hi, point.lo)
            mine = engine.solve_algebraic(point, near, factors[point.poly])
            theirs = engine.solve_rational(point.value)
            assert mine.structure == theirs.structure, (name, point)
            assert mine.degenerate == theirs.degenerate
            assert sorted(
                (e.support, tuple(as_fraction(v) for s in e.values for v in s))
                for e in mine.equilibria
            ) == sorted(
                (e.support, tuple(v for s in e.values for v in s)) for e in theirs.equilibria
            )
            checked += 1
        assert checked >= 3


# --------------------------------------------------------------------------- property test


@st.composite
def polynomial_models(draw):
    """2×2 to 3×3 models whose payoffs are polynomials of degree 1 or 2 in t, small
    integer coefficients (degenerate games and irrational thresholds are frequent)."""
    m = draw(st.integers(2, 3))
    n = draw(st.integers(2, 3 if m == 2 else 2))
    degree = draw(st.integers(1, 2))
    rows = [f"R{i}" for i in range(m)]
    cols = [f"K{j}" for j in range(n)]
    lines = [
        'title = "random"',
        'description = "payoffs polynomial in t"',
        "[players]",
        "Row = [" + ", ".join(f'"{r}"' for r in rows) + "]",
        "Column = [" + ", ".join(f'"{c}"' for c in cols) + "]",
        "[parameters.t]",
        "value = 0",
        "range = [-3, 3]",
        'source = "assumption"',
        "[payoffs]",
    ]

    def poly():
        return " + ".join(f"({draw(st.integers(-2, 2))})*t**{k}" for k in range(degree + 1))

    for r in rows:
        for c in cols:
            lines.append(f'"{r}, {c}" = ["{poly()}", "{poly()}"]')
    return leverage.loads("\n".join(lines) + "\n")


def is_zero(expr) -> bool:
    """Exact for sums of rationals and square roots (expanded they are canonical,
    a + b*sqrt(d)); to 100 digits for roots of cubics and beyond (``CRootOf``)."""
    expr = sympy.radsimp(sympy.expand(expr))
    if expr == 0:
        return True
    if expr.has(sympy.CRootOf):
        return abs(sympy.N(expr, 100)) < 1e-90
    return False


def verify_at_irrational_points(model, analysis):
    """Each equilibrium listed at an irrational point is one, exactly: probabilities sum to
    one, no pure deviation pays (checked to 50 digits) and the support earns the maximum
    (checked exactly)."""
    t = symbol("t")
    a_sym, b_sym = model.symbolic_payoffs(expand_defines=True)
    m, n = model.shape
    for reg in analysis.regimes:
        if not reg.is_point or reg.at.sympy_value.is_Rational or reg.undefined:
            continue
        alpha = reg.at.sympy_value
        a = [[a_sym[i, j].subs(t, alpha) for j in range(n)] for i in range(m)]
        b = [[b_sym[i, j].subs(t, alpha) for j in range(n)] for i in range(m)]
        for eq in reg.equilibria:
            x, y = eq.strategy_exprs
            assert is_zero(sum(x) - 1) and is_zero(sum(y) - 1)
            assert all(sympy.N(p, 50) >= 0 for v in (x, y) for p in v)
            rows = [sum(a[i][j] * y[j] for j in range(n)) for i in range(m)]
            cols = [sum(b[i][j] * x[i] for i in range(m)) for j in range(n)]
            u, v = eq.payoff_exprs
            for k, value in enumerate(rows):
                assert sympy.N(value - u, 50) <= 1e-40
                assert k not in eq.support[0] or is_zero(value - u)
            for k, value in enumerate(cols):
                assert sympy.N(value - v, 50) <= 1e-40
                assert k not in eq.support[1] or is_zero(value - v)


@settings(max_examples=25, deadline=None)
@given(
    model=polynomial_models(),
    fractions=st.lists(st.fractions(-3, 3, max_denominator=100), min_size=3, max_size=6),
)
def test_random_models_agree_with_the_solver(model, fractions):
    analysis = regimes(model, "t")
    check_agreement(model, "t", analysis)
    verify_at_irrational_points(model, analysis)
    for point in fractions:
        reg = regime_at(analysis, point)
        struct, eqs = solver_equilibria(model, "t", point)
        assert struct == reg.structure
        if not reg.is_point:
            assert formulas_at(reg, "t", point) == eqs
    # no two intervals in a row: non-critical candidates are merged
    for a, b in zip(analysis.regimes, analysis.regimes[1:]):
        assert a.is_point or b.is_point


# --------------------------------------------------------------------------- (4) statics


def test_statics_chicken():
    result = statics(shipped("chicken"), C)
    low, high = result.regimes
    assert low.label == "(0, 1)" and high.label == "(1, 10)"
    signs = {(d.player, d.strategy): d.sign for d in low.equilibria[0].derivatives}
    assert signs[("Row", None)] == "decreasing"  # the crash: payoff -c
    mixed = next(e for e in high.equilibria if e.kind == "mixed")
    signs = {(d.player, d.strategy): d.sign for d in mixed.derivatives}
    assert signs[("Row", "Straight")] == "decreasing"  # 1/c
    assert signs[("Row", "Swerve")] == "increasing"
    assert signs[("Row", None)] == "increasing"  # -1/c
    pure = high.equilibria[0]
    assert {d.sign for d in pure.derivatives} == {"constant"}
    straight = next(d for d in mixed.derivatives if d == mixed.derivatives[1])
    assert straight.formula == "1/interdependence_cost"
    assert straight.derivative == "-1/interdependence_cost**2"
    sentences = result.sentences()
    assert (
        "Row's probability of Straight decreases in interdependence_cost on (1, 10) "
        "(equilibrium mixed{Swerve+Straight; Swerve+Straight})"
    ) in sentences
    assert "Row's expected payoff decreases in interdependence_cost on (0, 1)" in sentences
    rows = result.to_rows()
    assert {r["sign"] for r in rows} <= {"increasing", "decreasing", "constant", "changes sign"}
    assert json.loads(json.dumps(result.to_dict()))["regimes"][1]["from"] == "1"


def test_statics_rare_earth():
    result = statics(shipped("rare_earth_controls"), C)
    assert [r.label for r in result.regimes] == [
        "(0, 10923/12500)",
        "(10923/12500, 38/5)",
        "(38/5, 10)",
    ]
    sentences = result.sentences()
    assert (
        "China's expected payoff decreases in interdependence_cost on (0, 10923/12500)" in sentences
    )
    assert (
        "US's expected payoff decreases in interdependence_cost on (10923/12500, 38/5)" in sentences
    )
    assert "US's expected payoff does not depend on interdependence_cost on (38/5, 10)" in sentences
    overreach = statics(shipped("overreach_diversification"), C).sentences()
    assert (
        "China's probability of Overreach decreases in interdependence_cost on (469/625, 891/625)"
        in overreach
    )


def test_statics_sign_change_and_numeric_check():
    # Matching Pennies with a11 = 1 + (t - 1)**2: the column player's equilibrium probability
    # of L is 2 / (4 + (t - 1)**2), rising on (0, 1) and falling on (1, 2).
    payoffs = {
        "A, L": ("1 + (t - 1)**2", "-1"),
        "A, R": ("-1", "1"),
        "B, L": ("-1", "1"),
        "B, R": ("1", "-1"),
    }
    model = leverage.loads(two_by_two(payoffs, high="2"))
    result = statics(model, "t")
    (reg,) = result.regimes
    derivs = {(d.player, d.strategy): d for d in reg.equilibria[0].derivatives}
    assert derivs[("Column", "L")].sign == "changes sign"
    assert derivs[("Row", "A")].sign == "constant"
    # on (1, 2) the same probability is decreasing
    (right,) = statics(model, "t", ("1", "2")).regimes
    derivs = {(d.player, d.strategy): d for d in right.equilibria[0].derivatives}
    t = symbol("t")
    formula = parse_expression(derivs[("Column", "L")].formula, {"t"})
    assert sympy.simplify(formula - 2 / (4 + (t - 1) ** 2)) == 0
    assert derivs[("Column", "L")].sign == "decreasing"
    assert formula.subs(t, sympy.Rational(11, 10)) > formula.subs(t, sympy.Rational(19, 10))


# --------------------------------------------------------------------------- output


def test_json_and_rows_form():
    analysis = regimes(shipped("chicken"), C)
    data = json.loads(json.dumps(analysis.to_dict()))
    assert data["parameter"] == C and data["range"] == ["0", "10"]
    assert data["critical_values"][0]["exact"] == "1" and data["critical_values"][0]["value"] == 1.0
    first, point, last = data["regimes"]
    assert (first["from"], first["to"]) == ("0", "1") and "at" not in first
    assert point["at"] == "1" and "from" not in point
    mixed = last["equilibria"][1]
    assert mixed == {
        "strategies": [
            ["(interdependence_cost - 1)/interdependence_cost", "1/interdependence_cost"],
            ["(interdependence_cost - 1)/interdependence_cost", "1/interdependence_cost"],
        ],
        "payoffs": ["-1/interdependence_cost", "-1/interdependence_cost"],
        "kind": "mixed",
    }
    rows = analysis.to_rows()
    assert len({tuple(r) for r in rows}) == 1  # the same keys in every row
    assert rows[0]["Row:Straight_exact"] == "1"
    assert rows[0]["payoff:Row_exact"] == "-interdependence_cost"
    assert rows[0]["regime"] == 1 and rows[0]["from"] == 0.0 and rows[0]["from_exact"] == "0"
    text = repr(analysis)
    assert "critical value" in text and "(1, 10)" in text


def test_formulas_read_back_in_the_model_language():
    analysis = regimes(shipped("escalation_ladder"), C)
    for reg in analysis.regimes:
        for eq in reg.equilibria:
            texts = [p for vec in eq.strategies for p in vec] + list(eq.payoffs)
            exprs = [p for vec in eq.strategy_exprs for p in vec] + list(eq.payoff_exprs)
            for text, expr in zip(texts, exprs):
                assert sympy.simplify(parse_expression(text, {C}) - expr) == 0


def test_bounds_and_values():
    model = shipped("chicken")
    analysis = regimes(model, C, ("1/2", 3), values={"loss_value": 2})
    assert analysis.bounds == (Fraction(1, 2), Fraction(3))
    assert crit(analysis) == ["2"]
    assert analysis.values["loss_value"] == 2
    # a range bound that is itself a threshold starts with a point regime
    assert crit(regimes(model, C, (1, 3))) == ["1"]
    assert regimes(model, C, (1, 3)).regimes[0].at.exact == "1"


# --------------------------------------------------------------------------- (5) errors


def test_errors():
    model = shipped("chicken")
    with pytest.raises(ParameterError, match="did you mean 'interdependence_cost'"):
        regimes(model, "interdependence_cots")
    with pytest.raises(ParameterError, match="declared range"):
        regimes(model, C, (-1, 5))
    with pytest.raises(ParameterError, match="declared range"):
        regimes(model, C, (5, 5))
    with pytest.raises(ParameterError, match="not a number"):
        regimes(model, C, ("a", 5))
    with pytest.raises(ParameterError, match="outside its range"):
        regimes(model, C, values={"win_value": 100})
    with pytest.raises(ParameterError, match="parameter analysed"):
        regimes(model, C, values={C: 1})
    with pytest.raises(ParameterError, match="parameter analysed"):
        regimes(model, C, symbolic=[C])
    with pytest.raises(ParameterError, match="unknown parameter"):
        regimes(model, C, symbolic=["nope"])
    with pytest.raises(ParameterError):
        statics(model, "nope")


def test_three_players_are_unsupported():
    text = """\
title = "three"
description = "three players"
[players]
A = ["x", "y"]
B = ["x", "y"]
C = ["x", "y"]
[parameters.t]
value = 0
range = [0, 1]
source = "assumption"
[payoffs]
"x, x, x" = ["t", "0", "0"]
"x, x, y" = ["0", "0", "0"]
"x, y, x" = ["0", "0", "0"]
"x, y, y" = ["0", "0", "0"]
"y, x, x" = ["0", "0", "0"]
"y, x, y" = ["0", "0", "0"]
"y, y, x" = ["0", "0", "0"]
"y, y, y" = ["0", "0", "0"]
"""
    with pytest.raises(UnsupportedError, match="two-player"):
        regimes(leverage.loads(text), "t")


@pytest.mark.parametrize(
    "payoff", ["t**1000", "((t + 1)**40)**40", "(t**2 + 1)**30", "(t**3 + t + 1)**17"]
)
def test_hostile_degree_is_refused(payoff):
    # beyond the degree bound of the expression language: refused when the file is read,
    # for every command alike (leverage.expr.bounds.MAX_DEGREE)
    payoffs = {"A, L": (payoff, "1"), "A, R": ("1", "0"), "B, L": ("0", "1"), "B, R": ("0", "0")}
    with pytest.raises(ExpressionError, match=r'payoffs\."A, L".*degree too high'):
        leverage.loads(two_by_two(payoffs, high="1"))


@pytest.mark.parametrize(("first", "second"), [("t**50", "1/(t + 1)**50"), ("t**40", "t**-40")])
def test_degree_over_a_common_denominator_is_refused(first, second):
    # each payoff is within the language's degree bound, but one player's payoffs over
    # their common denominator are not: regimes' own bound on its polynomials refuses them
    payoffs = {"A, L": (first, "1"), "A, R": (second, "0"), "B, L": ("0", "1"), "B, R": ("0", "0")}
    model = leverage.loads(two_by_two(payoffs, low="1", high="2"))
    with pytest.raises(TooLargeError, match="degree"):
        regimes(model, "t")


@pytest.mark.parametrize("payoff", ["max(t, 1)", "sqrt(t)", "exp(t)", "abs(t - 1)", "t + sqrt(2)"])
def test_non_rational_payoffs_are_unsupported(payoff):
    payoffs = {"A, L": (payoff, "1"), "A, R": ("1", "0"), "B, L": ("0", "1"), "B, R": ("0", "0")}
    model = leverage.loads(two_by_two(payoffs, low="1", high="2"))
    with pytest.raises(UnsupportedError, match="rational function"):
        regimes(model, "t")


def test_too_many_strategies():
    n = 7
    names = [f"s{k}" for k in range(n)]
    lines = [
        'title = "big"',
        'description = "7 x 7"',
        "[players]",
        "Row = [" + ", ".join(f'"{s}"' for s in names) + "]",
        "Column = [" + ", ".join(f'"{s}"' for s in names) + "]",
        "[parameters.t]",
        "value = 0",
        "range = [0, 1]",
        'source = "assumption"',
        "[payoffs]",
    ]
    lines += [f'"{a}, {b}" = ["t", "0"]' for a in names for b in names]
    with pytest.raises(TooLargeError, match="symbolic systems"):
        regimes(leverage.loads("\n".join(lines) + "\n"), "t")


def test_simplest_rational():
    assert simplest_rational(Fraction(10923, 12500), Fraction(38, 5)) == 1
    assert simplest_rational(Fraction(1, 3), Fraction(1, 2)) == Fraction(2, 5)
    assert simplest_rational(Fraction(-7, 2), Fraction(-3)) == Fraction(-10, 3)
    with pytest.raises(ValueError):
        simplest_rational(Fraction(1), Fraction(1))


@settings(max_examples=100, deadline=None)
@given(st.fractions(-20, 20, max_denominator=1000), st.fractions(-20, 20, max_denominator=1000))
def test_simplest_rational_is_inside_and_simplest(a, b):
    if a == b:
        return
    lo, hi = min(a, b), max(a, b)
    q = simplest_rational(lo, hi)
    assert lo < q < hi
    # no rational with a smaller denominator lies strictly inside
    for d in range(1, q.denominator):
        n = math.floor(lo * d) + 1
        assert not Fraction(n, d) < hi
