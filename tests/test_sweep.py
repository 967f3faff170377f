"""Grid sweeps and compiled payoffs: agreement with the exact solver at every point,
thresholds of the shipped models, closed forms from the literature, interface."""

from __future__ import annotations

import functools
import itertools
import json
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import leverage
from leverage import EvaluationError, ParameterError, UnsupportedError
from leverage.analysis.sweep import sweep
from leverage.expr.vectorised import compile_payoffs
from leverage.games.model import Model
from leverage.solve.structure import structure

MODELS = sorted((Path(__file__).parent.parent / "models").glob("*.toml"))
PROPS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Critical values of interdependence_cost (other parameters at their defaults), as stated
# in each model's description: where the equilibrium set changes and the game is degenerate.
THRESHOLDS = {
    "rare_earth_controls": [F(10923, 12500), F(38, 5)],
    "escalation_ladder": [F(10923, 12500), F(101, 25), F(38, 5)],
    "overreach_diversification": [F(469, 625), F(891, 625), F(297, 125)],
    "chicken": [F(1)],  # the crash costs what backing down does (loss_value = 1)
    "stag_hunt": [F(0)],  # going alone costs nothing extra: Stag is weakly dominated
}


@functools.cache
def load(name):
    return leverage.load(Path(__file__).parent.parent / "models" / f"{name}.toml")


@functools.cache
def compiled(name, names):
    return compile_payoffs(load(name), list(names))


def assert_same_points(fast, slow):
    """Same structure at every point, probabilities and payoffs within 1e-9."""
    assert len(fast) == len(slow)
    for i in range(len(fast)):
        assert fast.structure_at(i) == slow.structure_at(i), fast.values_at(i)
        rows_f, pay_f = fast.batch.rows_at(i)
        rows_s, pay_s = slow.batch.rows_at(i)
        np.testing.assert_allclose(rows_f, rows_s, atol=1e-9)
        scale = max(1.0, float(np.abs(pay_s).max()) if len(pay_s) else 1.0)
        np.testing.assert_allclose(pay_f, pay_s, atol=1e-9 * scale)


# --------------------------------------------------------------------------- agreement
@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_sweep_equals_exact_solver_across_interdependence_cost(path):
    model = leverage.load(path)
    p = model.parameters["interdependence_cost"]
    critical = [float(t) for t in THRESHOLDS.get(path.stem, [])]
    near = [t + d for t in critical for d in (-1e-12, 1e-12) if p.low <= t + d <= p.high]
    grid = np.unique(np.concatenate([np.linspace(float(p.low), float(p.high), 41), critical, near]))
    fast = sweep(model, {"interdependence_cost": grid})
    slow = sweep(model, {"interdependence_cost": grid}, exact=True)
    assert_same_points(fast, slow)
    assert slow.n_exact == len(grid)
    for t in critical:
        i = int(np.flatnonzero(grid == t)[0])
        # at a critical value the game is degenerate: the float answer must not be trusted
        assert fast.status_at(i) == "exact"
        game = model.game(interdependence_cost=F(t).limit_denominator(10**6))
        assert fast.structure_at(i) == structure(game.equilibria())
    if not critical:  # no critical value in range: every point decided in floats
        assert fast.n_exact == 0


def test_rare_earth_regimes_as_documented():
    # models/rare_earth_controls.toml: (Overreach, Escalate) below 10923/12500,
    # (Calibrate, Escalate) up to 38/5, (Calibrate, Hold) above; both at the thresholds.
    model = load("rare_earth_controls")
    grid = np.sort(np.append(np.arange(2001) / 200, 0.87384))  # 7.6 = 1520/200 is on it
    result = sweep(model, {"interdependence_cost": grid})
    names = [(run["equilibria"], run["from"], run["to"]) for run in result.summary()]
    assert names == [
        ("(Overreach, Escalate)", 0.0, 0.87),
        ("(Calibrate, Escalate) | (Overreach, Escalate)", 0.87384, 0.87384),
        ("(Calibrate, Escalate)", 0.875, 7.595),
        ("(Calibrate, Hold) | (Calibrate, Escalate)", 7.6, 7.6),
        ("(Calibrate, Hold)", 7.605, 10.0),
    ]
    runs = result.summary()
    assert runs[1]["exact"] == 1 and runs[3]["exact"] == 1
    assert sum(run["points"] for run in runs) == len(grid)


@pytest.mark.parametrize("c", [1.25, 2.0, 3.0, 7.5, 10.0])
def test_chicken_mixed_equilibrium_closed_form(c):
    # Chicken (Rapoport & Chammah 1966; models/chicken.toml): for a crash cost c above
    # loss_value, each side holds firm with probability win / (win + c - loss) = 1/c.
    result = sweep(load("chicken"), {"interdependence_cost": [c]})
    mixed = [e for e in result.equilibria_at(0) if e.kind == "mixed"]
    assert len(result.equilibria_at(0)) == 3 and len(mixed) == 1
    assert mixed[0].strategies[0][1] == pytest.approx(1 / c, abs=1e-12)
    assert mixed[0].strategies[1][1] == pytest.approx(1 / c, abs=1e-12)
    # each side's expected payoff: -loss * (1/c) + 0 = -1/c when swerving
    assert mixed[0].payoffs[0] == pytest.approx(-1 / c, abs=1e-12)


def test_stag_hunt_mixed_equilibrium_closed_form():
    # Stag hunt (Skyrms 2004; models/stag_hunt.toml): each commits with probability
    # c / (stag - hare + c) = c / (1 + c) at the defaults (stag 4, hare 3).
    c = np.linspace(0.5, 10, 20)
    result = sweep(load("stag_hunt"), {"interdependence_cost": c})
    for i in range(len(c)):
        (mixed,) = [e for e in result.equilibria_at(i) if e.kind == "mixed"]
        assert mixed.strategies[0][0] == pytest.approx(c[i] / (1 + c[i]), abs=1e-12)


def test_two_dimensional_sweep_matches_exact_and_orders_points():
    model = load("chicken")
    grid = {"interdependence_cost": np.linspace(0, 4, 9), "win_value": [0.5, 1.0, 2.0]}
    fast = sweep(model, grid)
    slow = sweep(model, grid, exact=True)
    assert_same_points(fast, slow)
    assert fast.shape == (9, 3) and len(fast) == 27
    assert fast.values_at(4) == {"interdependence_cost": 0.5, "win_value": 1.0}
    assert fast.index(4) == (1, 1)
    assert fast.structure_grid().shape == (9, 3)
    values = fast.point_values()
    assert values[0][4] == 0.5 and values[1][4] == 1.0
    regions = fast.summary()
    assert sum(r["points"] for r in regions) == 27
    straight = next(r for r in regions if r["equilibria"] == "(Straight, Straight)")
    # (Straight, Straight) alone while the crash costs less than backing down (c < 1)
    assert straight["bounds"]["interdependence_cost"] == [0.0, 0.5]
    assert straight["points"] == 6 and straight["share"] == pytest.approx(6 / 27)


# --------------------------------------------------------------------------- invariance
def test_jobs_and_chunks_do_not_change_results():
    model = load("escalation_ladder")
    grid = {
        "interdependence_cost": np.linspace(0, 10, 41),
        "china_enforcement_reach": np.linspace(0, 1, 11),
    }
    one = sweep(model, grid, chunk_size=97)
    for other in (sweep(model, grid, chunk_size=97, jobs=2), sweep(model, grid)):
        assert other.structures == one.structures
        assert np.array_equal(other.structure_ids, one.structure_ids)
        assert np.array_equal(other.batch.status, one.batch.status)
        assert np.array_equal(other.batch.offsets, one.batch.offsets)
        assert np.array_equal(other.batch.strategies, one.batch.strategies)
        assert np.array_equal(other.batch.payoffs, one.batch.payoffs)


def test_progress_and_structures_only():
    calls = []
    grid = {"interdependence_cost": np.linspace(0, 10, 25)}
    model = load("rare_earth_controls")
    slim = sweep(model, grid, chunk_size=10, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(10, 25), (20, 25), (25, 25)]
    light = sweep(model, grid, store_equilibria=False)
    assert light.summary() == slim.summary()
    with pytest.raises(ParameterError):
        light.equilibria_at(0)


# --------------------------------------------------------------------------- undefined
NONFINITE = """
title = "Undefined payoffs"
description = "Payoffs undefined for some values of c."
[players]
Row = ["A", "B"]
Column = ["L", "R"]
[parameters.c]
value = 1
range = [-1, 2]
source = "assumption"
[payoffs]
"A, L" = ["1/c", "log(c + 1)"]
"A, R" = ["0", "sqrt(c)"]
"B, L" = ["0", "0"]
"B, R" = ["1", "exp(c)"]
"""


def test_undefined_points_are_reported_never_dropped():
    model = leverage.loads(NONFINITE)
    result = sweep(model, {"c": np.linspace(-1, 2, 7)})
    status = [result.status_at(i) for i in range(7)]
    assert status == ["undefined"] * 3 + ["batched"] * 4
    assert result.n_undefined == 3
    assert "log" in result.batch.messages[0] and "division by zero" in result.batch.messages[2]
    runs = result.summary()
    assert runs[0] == {
        "structure": None,
        "equilibria": "undefined",
        "from": -1.0,
        "to": 0.0,
        "points": 3,
        "first": 0,
        "last": 2,
        "exact": 0,
    }
    rows = result.to_rows()
    assert [r["kind"] for r in rows[:3]] == ["undefined"] * 3
    assert rows[0]["Row:A"] is None and rows[3]["kind"] == "pure"
    data = json.loads(json.dumps(result.to_dict()))
    assert data["undefined_points"] == 3
    assert data["points"][2]["equilibria"] == [] and "division" in data["points"][2]["error"]


# --------------------------------------------------------------------------- output
def test_rows_json_and_descriptions():
    model = load("chicken")
    result = sweep(model, {"interdependence_cost": [0.5, 2.0]})
    rows = result.to_rows()
    assert len(rows) == 1 + 3  # one equilibrium at 0.5, three at 2
    assert all(list(r) == result.columns() for r in rows)
    assert result.columns()[:7] == [
        "interdependence_cost",
        "point",
        "structure",
        "status",
        "equilibrium",
        "kind",
        "Row:Swerve",
    ]
    mixed = rows[2]
    assert mixed["kind"] == "mixed" and mixed["Row:Straight"] == pytest.approx(0.5)
    assert mixed["payoff:Column"] == pytest.approx(-0.5)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["parameters"] == ["interdependence_cost"]
    assert data["grid"] == {"interdependence_cost": [0.5, 2.0]}
    assert data["fixed"] == {"win_value": 1.0, "loss_value": 1.0}
    assert data["structures"][0]["equilibria"] == "(Straight, Straight)"
    assert data["structures"][0]["supports"] == [[[1], [1]]]
    assert data["points"][1]["equilibria"][1]["strategies"] == [[0.5, 0.5], [0.5, 0.5]]
    assert "points" not in result.to_dict(points=False)
    assert result.describe_structure(-1) == "undefined"
    assert "chicken" in repr(result).lower()


def test_fixed_values_are_used():
    model = load("chicken")
    result = sweep(model, {"interdependence_cost": [3.0]}, values={"win_value": "2"})
    (mixed,) = [e for e in result.equilibria_at(0) if e.kind == "mixed"]
    # hold firm with probability win / (win + c - loss) = 2 / 4
    assert mixed.strategies[0][1] == pytest.approx(0.5)
    assert result.fixed["win_value"] == 2


# --------------------------------------------------------------------------- errors
def test_bad_sweeps_raise_typed_errors():
    model = load("chicken")
    with pytest.raises(ParameterError, match="outside its range"):
        sweep(model, {"interdependence_cost": [0, 11]})
    with pytest.raises(ParameterError, match="unknown parameter"):
        sweep(model, {"interdependance_cost": [1]})
    with pytest.raises(ParameterError, match="both swept and fixed"):
        sweep(model, {"interdependence_cost": [1]}, values={"interdependence_cost": 2})
    with pytest.raises(ParameterError, match="one or two"):
        sweep(model, {"interdependence_cost": [1], "win_value": [1], "loss_value": [1]})
    with pytest.raises(ParameterError, match="finite"):
        sweep(model, {"interdependence_cost": [1, float("nan")]})
    with pytest.raises(ParameterError, match="non-empty"):
        sweep(model, {"interdependence_cost": []})
    with pytest.raises(ParameterError):
        sweep(model, {"interdependence_cost": [1]}, jobs=0)
    with pytest.raises(ParameterError, match="outside its range"):
        sweep(model, {"interdependence_cost": [1]}, values={"win_value": 100})
    text = 'title = "Three"\ndescription = "x"\n[players]\nA = ["a", "b"]\nB = ["a", "b"]\n'
    text += 'C = ["a", "b"]\n[parameters.c]\nvalue = 1\nrange = [0, 2]\nsource = "x"\n'
    text += "[payoffs]\n"
    for p in itertools.product("ab", repeat=3):
        text += f'"{", ".join(p)}" = ["c", "1", "0"]\n'
    with pytest.raises(UnsupportedError):
        sweep(leverage.loads(text), {"c": [1]})


# --------------------------------------------------------------------------- compile
@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_compiled_payoffs_equal_the_models_float_payoffs(path):
    model = leverage.load(path)
    names = list(model.parameters)[:2]
    rng = np.random.default_rng(1)
    points = {
        n: rng.uniform(float(model.parameters[n].low), float(model.parameters[n].high), 20)
        for n in names
    }
    ev = compile_payoffs(model, names).evaluate(points)
    assert ev.finite.all()
    for i in range(20):
        game = model.game({n: float(points[n][i]) for n in names}, exact=False)
        for player in range(2):
            np.testing.assert_allclose(ev.payoffs[player][i], game.payoffs[player], rtol=1e-13)
            assert ev.scales[player][i] >= np.abs(game.payoffs[player]).max()


@PROPS
@given(
    st.sampled_from(["rare_earth_controls", "escalation_ladder", "overreach_diversification"]),
    st.floats(1e-6, 10) | st.just(0.0),
    st.floats(1e-6, 1) | st.just(0.0),
)
def test_property_rounding_error_within_the_bound(name, cost, reach):
    # the float payoffs differ from the exact payoffs at the decimal values of the inputs
    # by at most a small multiple of u * scale (running error analysis, Higham 2002 §3.3)
    model = load(name)
    names = ("interdependence_cost", "china_enforcement_reach")
    ev = compiled(name, names).evaluate({names[0]: [cost], names[1]: [reach]})
    exact = model.game({names[0]: cost, names[1]: reach}, exact=True)
    for player in range(2):
        floats = ev.payoffs[player][0].ravel().tolist()
        exacts = exact.payoffs[player].ravel().tolist()
        err = max(abs(F(v) - e) for v, e in zip(floats, exacts))
        assert float(err) <= 16 * 2.0**-53 * ev.scales[player][0]


def test_compiled_functions_and_undefined_points():
    text = """
title = "Functions"
description = "Every function of the expression language."
[players]
Row = ["A", "B"]
Column = ["L", "R"]
[parameters.x]
value = 1
range = [-2, 4]
source = "assumption"
[parameters.y]
value = 2
range = [0, 3]
source = "assumption"
[define]
d = "x * y - 1"
[payoffs]
"A, L" = ["min(x, y, 1/2)", "max(x, d)"]
"A, R" = ["abs(x - y)", "exp(x) / (1 + x**2)"]
"B, L" = ["log(y)", "sqrt(x)"]
"B, R" = ["x**y", "(x + 3)**(1/3) - y**-2"]
"""
    model = leverage.loads(text)
    f = compile_payoffs(model, ["x"], {"y": "1.5"})
    x = np.array([-1.0, 0.0, 0.25, 3.0])
    ev = f.evaluate({"x": x})
    assert ev.finite.tolist() == [False, True, True, True]  # sqrt(-1); 0**1.5 = 0 is fine
    for i in (1, 2, 3):
        game = model.game(x=float(x[i]), y=1.5, exact=False)
        np.testing.assert_allclose(ev.payoffs[0][i], game.payoffs[0], rtol=1e-14)
        np.testing.assert_allclose(ev.payoffs[1][i], game.payoffs[1], rtol=1e-14)
    a, _ = f({"x": x})  # plain call: the payoff arrays
    assert a.shape == (4, 2, 2) and np.array_equal(a[1:], ev.payoffs[0][1:])
    assert np.isfinite(ev.scales[1][1])  # sqrt of an exact 0 is exact
    # sqrt of a rounded 0 has no first-order error bound: infinite scale, never trusted
    rounded = leverage.loads(text.replace('"sqrt(x)"', '"sqrt(x - 1/4)"'))
    scales = compile_payoffs(rounded, ["x"]).evaluate({"x": [0.25, 1.0]}).scales[1]
    assert np.isinf(scales[0]) and np.isfinite(scales[1])


def test_compile_errors():
    model = load("chicken")
    with pytest.raises(ParameterError, match="unknown parameter"):
        compile_payoffs(model, ["interdependance_cost"])
    with pytest.raises(ParameterError, match="both varied and fixed"):
        compile_payoffs(model, ["win_value"], {"win_value": 1})
    f = compile_payoffs(model, ["win_value", "loss_value"])
    with pytest.raises(ParameterError, match="missing loss_value"):
        f({"win_value": [1.0]})
    with pytest.raises(ParameterError, match="same length"):
        f({"win_value": [1.0], "loss_value": [1.0, 2.0]})
    # only the operations of the expression language are compiled
    x = sympy.Symbol("interdependence_cost", real=True)
    payoffs = np.array([[sympy.sin(x), 0], [0, 0]], dtype=object)
    odd = Model(
        title="odd",
        description="",
        players=("R", "C"),
        strategies=(("a", "b"), ("a", "b")),
        parameters=model.parameters,
        defines={},
        payoffs=(payoffs, payoffs),
    )
    with pytest.raises(EvaluationError, match="unsupported"):
        compile_payoffs(odd, ["interdependence_cost"]).evaluate({"interdependence_cost": [1.0]})


# ---------------------------------------------------------------------- exact grids


def test_grid_values_are_the_floats_nearest_the_exact_grid():
    from leverage.analysis.grid import grid_values

    values = grid_values(0, 10, 1001)
    assert values[760] == 7.6  # numpy.linspace gives 7.6000000000000005 here
    exact = [F(0) + F(10) * F(k, 1000) for k in range(1001)]
    assert values.tolist() == [float(v) for v in exact]
    third = grid_values("1/3", F(2, 3), 4)  # large denominators: the Fraction path too
    assert third.tolist() == [float(F(1, 3) + F(1, 3) * F(k, 3)) for k in range(4)]
    huge = grid_values(F(1, 3**40), F(2, 3**40), 3)
    assert huge.tolist() == [float(F(1, 3**40) * (1 + F(k, 2))) for k in range(3)]
    assert grid_values(F(5, 2), 7, 1).tolist() == [2.5]
    assert leverage.grid_values is grid_values
    with pytest.raises(ParameterError):
        grid_values(0, 1, 0)


def test_grid_values_refuses_a_grid_that_cannot_fit_before_allocating():
    # 10**10 float64 points would need 80 GB; the library refuses, naming the bound
    with pytest.raises(leverage.TooLargeError, match="at most 100,000,000 steps"):
        leverage.grid_values(0, 1, 10**10)
    assert leverage.grid_values(0, 1, 3).tolist() == [0.0, 0.5, 1.0]
