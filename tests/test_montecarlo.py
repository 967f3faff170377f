"""Monte Carlo: reproducible draws, correct distributions, honest intervals."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import leverage
from leverage.analysis.montecarlo import draw, montecarlo, wilson_interval
from leverage.games.model import Distribution

THRESHOLD = """\
title = "Threshold"
description = "Row prefers Down exactly when c > 3."
[players]
Row = ["Up", "Down"]
Col = ["Left", "Right"]
[parameters.c]
value = 2
range = [0, 10]
source = "assumption"
distribution = { uniform = [1, 5] }
[payoffs]
"Up, Left" = ["3", "1"]
"Up, Right" = ["3", "0"]
"Down, Left" = ["c", "0"]
"Down, Right" = ["c", "1"]
"""


def test_wilson_interval_literature_values():
    # Newcombe (1998), Statistics in Medicine 17, Table I, example 81/263:
    # Wilson score interval 0.2553 to 0.3662.
    lo, hi = wilson_interval(81, 263)
    assert (round(lo, 4), round(hi, 4)) == (0.2553, 0.3662)
    # Brown, Cai & DasGupta (2001): the interval never leaves [0, 1], even at 0 and n.
    assert wilson_interval(0, 10)[0] == 0.0 and wilson_interval(10, 10)[1] == 1.0


def test_share_matches_the_known_probability():
    model = leverage.loads(THRESHOLD, file="t.toml")
    result = montecarlo(model, 4000, seed=7, events=["Down, Right", "Up, Left"])
    # c ~ U(1, 5): Down dominates with probability (5 - 3) / 4 = 1/2
    down = result.events["Down, Right"]
    assert down[2][0] <= 0.5 <= down[2][1]
    assert result.events["Up, Left"][0] + down[0] == 4000
    assert sum(o.count for o in result.outcomes) == 4000
    labels = {o.label for o in result.outcomes}
    assert labels == {"(Up, Left)", "(Down, Right)"}


def test_reproducible_by_seed():
    model = leverage.load("models/rare_earth_controls.toml")
    a = montecarlo(model, 300, seed=11).to_dict()
    b = montecarlo(model, 300, seed=11).to_dict()
    c = montecarlo(model, 300, seed=12).to_dict()
    assert a == b
    assert a != c


@pytest.mark.parametrize(
    ("dist", "mean"),
    [
        (Distribution("uniform", (Fraction(1), Fraction(5))), 3.0),
        (Distribution("triangular", (Fraction(0), Fraction(1), Fraction(5))), 2.0),
        (Distribution("beta", (Fraction(2), Fraction(6)), scale=(Fraction(0), Fraction(4))), 1.0),
    ],
)
def test_distribution_means(dist, mean):
    x = draw(dist, 200_000, np.random.default_rng(0))
    assert math.isclose(x.mean(), mean, rel_tol=0.01)
    lo, hi = dist.support()
    assert x.min() >= float(lo) and x.max() <= float(hi)


def test_truncated_normal_and_lognormal_stay_in_bounds():
    d = Distribution("normal", (Fraction(0), Fraction(1)), truncate=(Fraction(0), Fraction(1)))
    x = draw(d, 50_000, np.random.default_rng(1))
    assert x.min() >= 0 and x.max() <= 1
    # mean of N(0,1) truncated to [0, 1]: (phi(0) - phi(1)) / (Phi(1) - Phi(0)) = 0.4599
    assert math.isclose(x.mean(), 0.4599, abs_tol=0.005)
    d = Distribution(
        "lognormal", (Fraction(0), Fraction(1, 2)), truncate=(Fraction(0), Fraction(10))
    )
    assert draw(d, 10_000, np.random.default_rng(2)).max() <= 10


def test_errors():
    model = leverage.loads(THRESHOLD, file="t.toml")
    with pytest.raises(leverage.ParameterError, match="not a strategy"):
        montecarlo(model, 10, events=["Up, Middle"])
    with pytest.raises(leverage.ParameterError, match="one strategy per player"):
        montecarlo(model, 10, events=["Up"])
    with pytest.raises(leverage.ParameterError, match="positive"):
        montecarlo(model, 0)
    fixed = leverage.loads(
        THRESHOLD.replace("distribution = { uniform = [1, 5] }\n", ""), file="f.toml"
    )
    with pytest.raises(leverage.ParameterError, match="no parameter"):
        montecarlo(fixed, 10)


@pytest.mark.parametrize("name", ["rare_earth_controls", "overreach_diversification", "chicken"])
def test_batched_draws_equal_one_by_one_exact_solving(name):
    from leverage.analysis.montecarlo import solve_each

    model = leverage.load(f"models/{name}.toml")
    batched = montecarlo(model, 400, seed=5).to_dict()
    exact = montecarlo(model, 400, seed=5, solver=solve_each).to_dict()
    assert batched == exact


@pytest.mark.parametrize("name", ["rare_earth_controls", "overreach_diversification"])
def test_jobs_and_chunks_do_not_change_the_result(name):
    model = leverage.load(f"models/{name}.toml")
    serial = montecarlo(model, 3000, seed=11, events=()).to_dict()
    parallel = montecarlo(model, 3000, seed=11, jobs=2, chunk_size=700).to_dict()
    assert parallel == serial
    with pytest.raises(leverage.ParameterError, match="jobs"):
        montecarlo(model, 10, jobs=0)


def test_one_by_one_solving_in_parallel_is_the_same():
    from leverage.analysis.montecarlo import EACH_CHUNK, draw_parameters, solve_each

    model = leverage.load("models/chicken.toml")
    draws = draw_parameters(model, 3 * EACH_CHUNK + 5, seed=4)
    assert solve_each(model, draws, {}, jobs=2) == solve_each(model, draws, {})


def test_a_held_parameter_is_held_not_drawn_and_the_others_draw_the_same():
    # --set on a parameter with a distribution used to be ignored silently
    model = leverage.load(Path(__file__).parent.parent / "models" / "rare_earth_controls.toml")
    seen = {}

    def recorder(key):
        def solver(m, draws, fixed):
            seen[key] = (dict(draws), dict(fixed))
            return [None] * len(next(iter(draws.values())))

        return solver

    free = leverage.montecarlo(model, 200, seed=3, solver=recorder("free"))
    held = leverage.montecarlo(
        model, 200, seed=3, values={"interdependence_cost": 4}, solver=recorder("held")
    )
    assert "interdependence_cost" in free.varied and not free.held
    assert "interdependence_cost" not in held.varied
    assert held.held == {"interdependence_cost": 4}
    assert held.to_dict()["held"] == {"interdependence_cost": 4.0}
    draws_free, _ = seen["free"]
    draws_held, fixed = seen["held"]
    assert fixed == {"interdependence_cost": 4}
    for name, values in draws_held.items():
        assert np.array_equal(values, draws_free[name]), name
    with pytest.raises(leverage.ParameterError, match="outside its range"):
        leverage.montecarlo(model, 10, values={"interdependence_cost": 99})
    everything = {k: p.value for k, p in model.parameters.items() if p.distribution}
    with pytest.raises(leverage.ParameterError, match="nothing to draw"):
        leverage.montecarlo(model, 10, values=everything)


def test_montecarlo_cli_says_which_parameter_is_held():
    from click.testing import CliRunner

    from leverage.cli import cli

    model = str(Path(__file__).parent.parent / "models" / "rare_earth_controls.toml")
    args = ["montecarlo", model, "-n", "100"]
    run = CliRunner().invoke(cli, [*args, "--set", "interdependence_cost=4"])
    assert run.exit_code == 0
    assert "held (not drawn): interdependence_cost = 4" in run.output
    bad = CliRunner().invoke(cli, [*args, "--set", "interdependence_cost=99"])
    assert bad.exit_code == 2 and "outside its range" in bad.output


def test_a_negative_seed_is_a_parameter_error():
    # numpy's PCG64 refuses it with a ValueError, which was an internal error
    model = leverage.load(Path(__file__).parent.parent / "models" / "chicken.toml")
    with pytest.raises(leverage.ParameterError, match="non-negative"):
        leverage.montecarlo(model, 10, seed=-1)
