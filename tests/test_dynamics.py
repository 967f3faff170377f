"""Learning dynamics: fictitious play and the two-population replicator dynamics.

Checked against a round-by-round reference implementation (exact rationals), nashpy's
fictitious play and SciPy's ``odeint`` (through nashpy's asymmetric replicator dynamics)
as independent oracles, and results from the literature: Robinson (1951), Miyasawa
(1961), Shapley (1964), Hofbauer & Sigmund (1998).
"""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import leverage
from leverage.cli import cli
from leverage.errors import ParameterError, TooLargeError, UnsupportedError
from leverage.games.strategic import Game
from leverage.learning.run import (
    MAX_STEPS,
    conserved_quantity,
    dynamics,
    fictitious_play,
    parse_start,
    regrets,
    replicator,
    replicator_field,
)

from .strategies import bimatrix

ROOT = Path(__file__).parent.parent
MODELS = ROOT / "models"
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MP = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], title="Matching Pennies")
PD = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], title="Prisoner's Dilemma")
STAG = Game.from_arrays(
    [[4, 0], [3, 3]],
    [[4, 3], [0, 3]],
    players=("Row", "Column"),
    strategies=(("Stag", "Hare"), ("Stag", "Hare")),
    title="Stag Hunt",
)
RPS_A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
RPS = Game.from_arrays(RPS_A, -np.array(RPS_A), title="Rock-Paper-Scissors")
# Shapley (1964), "Some topics in two-person games", Advances in Game Theory (Annals of
# Mathematics Studies 52): the 3×3 game in which fictitious play started from a pure
# profile cycles for ever, each cycle longer than the last by a constant factor.  Row
# wants to match the column's strategy, Column wants to be one step ahead (up to a
# relabelling of the strategies, the form in which the example is usually restated).
SHAPLEY = Game.from_arrays(
    [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
    [[0, 1, 0], [0, 0, 1], [1, 0, 0]],
    title="Shapley (1964)",
)


def reference_fp(a, b, counts1, counts2, rounds, rng=None):
    """Fictitious play round by round, in exact rationals: the plain definition."""
    m, n = len(a), len(a[0])
    c1, c2 = [Fraction(c) for c in counts1], [Fraction(c) for c in counts2]
    frequencies = [(tuple(c / sum(c1) for c in c1), tuple(c / sum(c2) for c in c2))]
    for _ in range(rounds):
        u = [sum(Fraction(a[i][j]) * c2[j] for j in range(n)) for i in range(m)]
        v = [sum(Fraction(b[i][j]) * c1[i] for i in range(m)) for j in range(n)]
        picks = []
        for pay in (u, v):
            ties = [k for k, x in enumerate(pay) if x == max(pay)]
            picks.append(
                ties[0] if rng is None or len(ties) == 1 else ties[rng.integers(len(ties))]
            )
        c1[picks[0]] += 1
        c2[picks[1]] += 1
        frequencies.append((tuple(c / sum(c1) for c in c1), tuple(c / sum(c2) for c in c2)))
    return frequencies


def _as_lists(arr):
    return np.array(arr, dtype=object).tolist()


# --------------------------------------------------------------------------- fictitious play
@st.composite
def fp_cases(draw):
    a, b = draw(bimatrix(1, 4))
    m, n = a.shape
    w1 = draw(st.lists(st.integers(0, 3), min_size=m, max_size=m).filter(any))
    w2 = draw(st.lists(st.integers(0, 3), min_size=n, max_size=n).filter(any))
    start = [[Fraction(w, sum(w1)) for w in w1], [Fraction(w, sum(w2)) for w in w2]]
    weight = draw(st.sampled_from([Fraction(1), Fraction(2), Fraction(1, 2), Fraction(5)]))
    rounds = draw(st.integers(1, 120))
    return a, b, start, weight, rounds


@PROPS
@given(fp_cases())
def test_fictitious_play_equals_round_by_round_definition(case):
    # the run-length jumps must reproduce the plain process exactly, ties included
    a, b, start, weight, rounds = case
    game = Game.from_arrays(a, b)
    run = fictitious_play(game, steps=rounds, start=start, weight=weight, points=rounds)
    ref = reference_fp(
        _as_lists(a),
        _as_lists(b),
        [weight * p for p in start[0]],
        [weight * p for p in start[1]],
        rounds,
    )
    assert run.exact and run.final == ref[-1]
    for k, t in enumerate(run.step.tolist()):
        for i in range(2):
            assert np.allclose(run.strategies[i][k], [float(p) for p in ref[t][i]], atol=1e-15)
    assert run.final_regrets == regrets(game, ref[-1])


@PROPS
@given(fp_cases(), st.integers(0, 2**32))
def test_seeded_tie_breaking_equals_definition_with_same_generator(case, seed):
    a, b, start, weight, rounds = case
    game = Game.from_arrays(a, b)
    run = fictitious_play(game, steps=rounds, start=start, weight=weight, seed=seed)
    rng = np.random.Generator(np.random.PCG64(seed))
    ref = reference_fp(
        _as_lists(a),
        _as_lists(b),
        [weight * p for p in start[0]],
        [weight * p for p in start[1]],
        rounds,
        rng,
    )
    assert run.final == ref[-1]
    again = fictitious_play(game, steps=rounds, start=start, weight=weight, seed=seed)
    assert again.final == run.final


def test_random_tie_breaking_spreads_play_where_first_strategy_rule_does_not():
    zero = Game.from_arrays(np.zeros((3, 3), dtype=int), np.zeros((3, 3), dtype=int))
    first = fictitious_play(zero, steps=3000)
    assert first.final[0] == (
        Fraction(3001, 3001 + 0) - Fraction(2, 3 * 3001),
        Fraction(1, 3 * 3001),
        Fraction(1, 3 * 3001),
    )
    shuffled = fictitious_play(zero, steps=3000, seed=7)
    assert all(0.28 < float(p) < 0.39 for p in shuffled.final[0])
    assert fictitious_play(zero, steps=3000, seed=8).final != shuffled.final


@pytest.mark.parametrize("seed", range(12))
def test_fictitious_play_agrees_with_nashpy(seed):
    # nashpy breaks ties at random with numpy's global generator; continuous random
    # payoffs and positive initial counts leave no ties, so both must play alike
    nashpy = pytest.importorskip("nashpy")
    rng = np.random.default_rng(seed)
    m, n = rng.integers(2, 5, size=2)
    a, b = rng.normal(size=(m, n)), rng.normal(size=(m, n))
    total = 6
    counts = [rng.multinomial(total, np.ones(k) / k) for k in (m, n)]
    rounds = 150
    history = list(
        nashpy.Game(a, b).fictitious_play(iterations=rounds, play_counts=[c.copy() for c in counts])
    )
    game = Game.from_arrays(a, b)
    start = [[Fraction(int(c), total) for c in cs] for cs in counts]
    run = fictitious_play(game, steps=rounds, start=start, weight=total, points=rounds)
    for k, t in enumerate(run.step.tolist()):
        for i in range(2):
            expected = np.asarray(history[t][i], dtype=float)
            assert np.allclose(run.strategies[i][k], expected / expected.sum(), atol=1e-12)


def test_shapley_game_cycles_and_never_converges():
    # Shapley (1964): from a pure first round, fictitious play in this game cycles
    # through six profiles with geometrically growing runs; the empirical frequencies
    # do not converge and stay away from the unique equilibrium (1/3, 1/3, 1/3) twice.
    solution = SHAPLEY.equilibria()
    assert len(solution) == 1
    assert solution[0].strategies == ((Fraction(1, 3),) * 3, (Fraction(1, 3),) * 3)
    run = fictitious_play(SHAPLEY, steps=MAX_STEPS, start=[[1, 0, 0], [1, 0, 0]])
    assert not run.converged
    late = run.step >= 1000
    eps = run.regrets[late].max(axis=1)
    assert eps.min() > 0.05  # never an approximate equilibrium
    for i in range(2):
        swing = np.ptp(run.strategies[i][run.step >= MAX_STEPS // 10], axis=0)
        assert (swing > 0.15).all()  # every frequency keeps oscillating
    # the runs of each profile grow geometrically: count the changes of play
    changes = _changes_of_play(SHAPLEY, [[1, 0, 0], [1, 0, 0]], 20_000)
    lengths = np.diff(changes)[6:]
    ratios = lengths[6:] / lengths[:-6]  # one full cycle of six profiles apart
    assert len(ratios) >= 6 and (ratios > 2).all()
    assert np.ptp(ratios) < 0.1 * ratios.mean()  # a constant factor per cycle
    assert any("Shapley" in note for note in run.notes)


def _changes_of_play(game, start, rounds):
    a, b = _as_lists(game.payoffs[0]), _as_lists(game.payoffs[1])
    c1, c2 = [Fraction(p) for p in start[0]], [Fraction(p) for p in start[1]]
    m, n = len(a), len(a[0])
    last, changes = None, []
    for t in range(rounds):
        u = [sum(a[i][j] * c2[j] for j in range(n)) for i in range(m)]
        v = [sum(b[i][j] * c1[i] for i in range(m)) for j in range(n)]
        profile = (u.index(max(u)), v.index(max(v)))
        if profile != last:
            changes.append(t)
            last = profile
        c1[profile[0]] += 1
        c2[profile[1]] += 1
    return np.array(changes)


@settings(max_examples=40, deadline=None)
@given(bimatrix(2, 4, values=st.integers(-5, 5)))
def test_fictitious_play_converges_in_zero_sum_games(game_arrays):
    # Robinson (1951): in every two-player zero-sum game the empirical frequencies of
    # fictitious play approach the set of equilibria, i.e. the regret tends to 0.
    a, _ = game_arrays
    game = Game.from_arrays(a, -a)
    run = fictitious_play(game, steps=20_000)
    scale = max(int(np.max(a)) - int(np.min(a)), 1)
    assert float(run.max_regret) <= 0.02 * scale
    assert any("Robinson" in note for note in run.notes)


@settings(max_examples=40, deadline=None)
@given(bimatrix(2, 2, values=st.integers(-5, 5)))
def test_fictitious_play_converges_in_nondegenerate_2x2_games(game_arrays):
    # Miyasawa (1961): fictitious play converges in 2×2 games (here nondegenerate ones).
    a, b = game_arrays
    game = Game.from_arrays(a, b)
    if game.equilibria().degenerate:
        return
    run = fictitious_play(game, steps=20_000)
    assert run.converged
    assert any("Miyasawa" in note for note in run.notes)


def test_matching_pennies_first_rounds_by_hand():
    # From the uniform start (worth one round): round 1 both players are indifferent and
    # take A; counts (3/2, 1/2) each.  Round 2: Defender's payoffs against (3/2, 1/2)
    # are (1, -1) so A; Challenger's against (3/2, 1/2) are (-1, 1) so B.  Round 3:
    # Defender is indifferent again (A), Challenger plays B.  Frequencies below.
    run = fictitious_play(MP, steps=3, points=3)
    half = Fraction(1, 2)
    expected = [
        ((half, half), (half, half)),
        ((Fraction(3, 4), Fraction(1, 4)), (Fraction(3, 4), Fraction(1, 4))),
        ((Fraction(5, 6), Fraction(1, 6)), (half, half)),
        ((Fraction(7, 8), Fraction(1, 8)), (Fraction(3, 8), Fraction(5, 8))),
    ]
    for k, (x, y) in enumerate(expected):
        assert run.strategies[0][k].tolist() == [float(p) for p in x]
        assert run.strategies[1][k].tolist() == [float(p) for p in y]
    assert run.final == expected[-1]
    # regrets at (7/8, 1/8; 3/8, 5/8): Defender's payoffs (-1/4, 1/4), average -3/16,
    # so 7/16; Challenger's (-3/4, 3/4), average 3/8 - 15/32 ... computed exactly:
    assert run.final_regrets == regrets(MP, expected[-1])
    assert run.final_regrets[0] == Fraction(1, 4) - (
        Fraction(7, 8) * Fraction(-1, 4) + Fraction(1, 8) * Fraction(1, 4)
    )
    assert run.distance == Fraction(3, 8)  # |7/8 - 1/2|, to the only equilibrium


def test_fictitious_play_counts_exact_for_dominance_solvable_game():
    # Prisoner's Dilemma: from the uniform start (one round's worth), both defect in
    # every round, so after t rounds P(Cooperate) = (1/2) / (t + 1) exactly.
    run = fictitious_play(PD, steps=999)
    assert run.final == ((Fraction(1, 2000), Fraction(1999, 2000)),) * 2
    assert run.nearest == 0 and run.distance == Fraction(1, 2000)
    assert run.converged
    assert any("potential game" in note for note in run.notes)


# --------------------------------------------------------------------------- replicator
def test_replicator_field_matches_nashpy_derivative():
    nashpy_rd = pytest.importorskip("nashpy.learning.replicator_dynamics")
    rng = np.random.default_rng(3)
    for _ in range(20):
        m, n = rng.integers(1, 5, size=2)
        a, b = rng.normal(size=(m, n)), rng.normal(size=(m, n))
        x, y = rng.dirichlet(np.ones(m)), rng.dirichlet(np.ones(n))
        dx, dy = replicator_field(a, b, x, y)
        expected = nashpy_rd.get_derivative_of_asymmetric_fitness(np.concatenate([x, y]), 0, a, b)
        assert np.allclose(np.concatenate([dx, dy]), expected, atol=1e-14)
        assert abs(dx.sum()) < 1e-14 and abs(dy.sum()) < 1e-14


@pytest.mark.parametrize("seed", range(6))
def test_replicator_agrees_with_scipy_odeint(seed):
    # nashpy's asymmetric replicator dynamics integrates the same ODE with SciPy's
    # adaptive odeint: an independent integrator
    nashpy = pytest.importorskip("nashpy")
    rng = np.random.default_rng(100 + seed)
    m, n = rng.integers(2, 4, size=2)
    a, b = rng.integers(-4, 5, size=(m, n)), rng.integers(-4, 5, size=(m, n))
    start = [
        [Fraction(int(c), 1000) for c in rng.multinomial(1000, np.ones(k) / k)] for k in (m, n)
    ]
    x0, y0 = (np.array([float(p) for p in s]) for s in start)
    game = Game.from_arrays(a, b)
    run = replicator(game, steps=1000, start=start, points=1000)
    xs, ys = nashpy.Game(a.astype(float), b.astype(float)).asymmetric_replicator_dynamics(
        x0=x0, y0=y0, timepoints=run.time
    )
    assert np.allclose(run.strategies[0], xs, atol=2e-6)
    assert np.allclose(run.strategies[1], ys, atol=2e-6)


@pytest.mark.parametrize(
    ("game", "start"),
    [
        (MP, [[0.8, 0.2], [0.5, 0.5]]),
        (MP, [[0.95, 0.05], [0.1, 0.9]]),
        (RPS, [[0.6, 0.3, 0.1], [0.2, 0.2, 0.6]]),
    ],
)
def test_zero_sum_replicator_conserves_h_and_circles(game, start):
    # Hofbauer & Sigmund (1998): in a zero-sum game with interior equilibrium (x*, y*),
    # H = Σ x*_i ln x_i + Σ y*_j ln y_j is a constant of motion, so interior orbits
    # neither converge nor spiral out.
    run = replicator(game, steps=8000, start=start)
    eq = game.equilibria()[0].strategies
    h = conserved_quantity(game, eq, run.strategies[0], run.strategies[1])
    assert np.ptp(h) < 1e-6
    assert not run.converged
    distance = np.maximum(
        *(np.abs(run.strategies[i] - [float(p) for p in eq[i]]).max(axis=1) for i in range(2))
    )
    assert distance[run.step > 4000].min() > 0.05
    assert any("conserved" in note for note in run.notes)


def test_h_is_not_conserved_outside_zero_sum_games():
    # control for the test above: in Battle of the Sexes H (around its interior
    # equilibrium) changes along the same kind of path
    bos = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    interior = [e for e in bos.equilibria() if e.kind == "mixed"][0].strategies
    run = replicator(bos, steps=2000, start=[[0.6, 0.4], [0.4, 0.6]])
    h = conserved_quantity(bos, interior, run.strategies[0], run.strategies[1])
    assert np.ptp(h) > 1e-2  # four orders of magnitude above the zero-sum drift


def test_prisoners_dilemma_replicator_goes_to_mutual_defection():
    run = replicator(PD, steps=4000, start=[[0.99, 0.01], [0.99, 0.01]])
    assert run.converged
    assert run.final[0][1] > 1 - 1e-6 and run.final[1][1] > 1 - 1e-6
    assert run.nearest_equilibrium is not None and run.nearest_equilibrium.profile == (1, 1)


@pytest.mark.parametrize(("p", "profile"), [(0.74, (1, 1)), (0.76, (0, 0)), (0.5, (1, 1))])
def test_stag_hunt_basin_depends_on_start(p, profile):
    # symmetric starts stay on the diagonal, where Stag's payoff 4p exceeds Hare's 3
    # exactly when p > 3/4: the mixed equilibrium (3/4, 3/4) separates the basins
    run = replicator(STAG, steps=6000, start=[[p, 1 - p], [p, 1 - p]])
    assert run.converged
    assert run.nearest_equilibrium is not None
    assert run.nearest_equilibrium.profile == profile
    assert float(run.distance) < 1e-6


@settings(max_examples=30, deadline=None)
@given(bimatrix(2, 3, values=st.integers(-5, 5)), st.integers(0, 10_000))
def test_converged_interior_paths_end_at_nash_equilibria(game_arrays, seed):
    # Hofbauer & Sigmund (2003): if an interior path of the replicator dynamics
    # converges, its limit is a Nash equilibrium
    a, b = game_arrays
    game = Game.from_arrays(a, b)
    solution = game.equilibria()
    if solution.degenerate:
        return
    run = replicator(game, steps=6000, seed=seed)
    if run.converged and float(run.max_regret) < 1e-6:
        assert float(run.distance) < 1e-3


def test_start_at_rest_point_is_reported():
    run = dynamics(MP, "replicator")
    assert run.final == ((0.5, 0.5), (0.5, 0.5))
    assert any("rest point" in note for note in run.notes)


def test_boundary_start_stays_on_boundary():
    run = replicator(STAG, start=[[1, 0], [0.5, 0.5]])
    assert run.strategies[0][:, 1].max() == 0
    assert any("zero share" in note for note in run.notes)


def test_random_start_is_reproducible_and_interior():
    one = replicator(RPS, seed=5, steps=10)
    two = replicator(RPS, seed=5, steps=10)
    assert one.start == two.start and one.final == two.final
    assert all(p > 0 for s in one.start for p in s)
    assert all(sum(s) == 1 for s in one.start)
    assert replicator(RPS, seed=6, steps=10).start != one.start


def test_payoff_scale_does_not_change_the_default_path():
    scaled = Game.from_arrays([[40, 0], [30, 30]], [[40, 30], [0, 30]])  # the Stag Hunt in tenths
    one = replicator(STAG, start=[[0.8, 0.2], [0.7, 0.3]])
    ten = replicator(scaled, start=[[0.8, 0.2], [0.7, 0.3]])
    assert np.allclose(one.strategies[0], ten.strategies[0], atol=1e-12)
    assert math.isclose(one.time[-1], 10 * ten.time[-1])


# --------------------------------------------------------------------------- inputs
def test_parse_start_forms():
    assert parse_start("0.8,1/3", MP) == (
        (Fraction(4, 5), Fraction(1, 5)),
        (Fraction(1, 3), Fraction(2, 3)),
    )
    assert parse_start("0.8,0.2,1/3,2/3", MP) == parse_start("0.8;1/3", MP)
    three = parse_start("1/2,1/4,1/4;0,0,1", RPS)
    assert three == ((Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)), (0, 0, 1))
    assert parse_start("1/2,1/4,1/4,0,0,1", RPS) == three


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0.5,0.6,0.2", "all 6 probabilities"),
        ("0.5", "all 6 probabilities"),
        ("1/2,1/2,0;1/3,1/3", "3 probabilities needed"),
        ("1/2,1/2,1/2;1/3,1/3,1/3", "sum to 1"),
        ("-1/2,1,1/2;1/3,1/3,1/3", "between 0 and 1"),
        ("a,b,c;1/3,1/3,1/3", "not a number"),
        ("1e999999,0,0;1/3,1/3,1/3", "not a number"),
        ("1/0,0,1;1/3,1/3,1/3", "divides by zero"),
        ("1;0;1", "2 players need 2 parts"),
    ],
)
def test_parse_start_rejects(text, message):
    with pytest.raises(ParameterError, match=message):
        parse_start(text, RPS)


def test_invalid_requests():
    with pytest.raises(UnsupportedError, match="two-player"):
        dynamics(Game.from_arrays(*(np.zeros((2, 2, 2), dtype=int),) * 3), "replicator")
    with pytest.raises(TooLargeError, match="1,000,000"):
        dynamics(MP, "fictitious-play", steps=MAX_STEPS + 1)
    with pytest.raises(ParameterError, match="at least 1"):
        dynamics(MP, "replicator", steps=0)
    with pytest.raises(ParameterError, match="unknown rule"):
        dynamics(MP, "best-response")
    with pytest.raises(ParameterError, match="not both"):
        dynamics(MP, "replicator", seed=1, start=[[1, 0], [0, 1]])
    with pytest.raises(ParameterError, match="too large"):
        dynamics(MP, "replicator", dt=1.0)
    with pytest.raises(ParameterError, match="replicator rule only"):
        dynamics(MP, "fictitious-play", dt=0.1)
    with pytest.raises(ParameterError, match="fictitious play only"):
        dynamics(MP, "replicator", weight=2)
    with pytest.raises(ParameterError, match="positive"):
        dynamics(MP, "fictitious-play", weight=0)
    with pytest.raises(ParameterError, match="seed"):
        dynamics(MP, "fictitious-play", seed=-3)
    with pytest.raises(ParameterError, match="sum to 1"):
        dynamics(MP, "fictitious-play", start=[[0.5, 0.6], [0.5, 0.5]])


# --------------------------------------------------------------------------- outputs
def test_rows_and_json_describe_the_same_run():
    run = dynamics(STAG, "fictitious-play", steps=500)
    rows = run.to_rows()
    assert len(rows) == len(run.step) and list(rows[0]) == run.columns()
    assert rows[-1]["step"] == 500 and rows[0]["Row:Stag"] == 0.5
    data = json.loads(json.dumps(run.to_dict()))
    assert data["rule"] == "fictitious-play" and data["tie_break"] == "first"
    assert [[Fraction(p) for p in s] for s in data["final"]["exact"]] == [
        list(s) for s in run.final
    ]
    assert data["final"]["max_regret"] == pytest.approx(float(run.max_regret))
    assert Fraction(data["nearest_equilibrium"]["exact_distance"]) == run.distance
    assert len(data["trajectory"]) == len(run.step)
    assert data["equilibria"] == 3
    rep = json.loads(json.dumps(dynamics(STAG, "replicator").to_dict()))
    assert "exact" not in rep["final"] and rep["dt"] == pytest.approx(0.05 / 4)


def test_table_fits_80_columns_for_every_shipped_model():
    for path in sorted(MODELS.glob("*.toml")):
        game = leverage.load(path).game()
        if game.n_players != 2:
            continue
        for rule in ("fictitious-play", "replicator"):
            text = dynamics(game, rule, steps=200).to_table()
            assert max(len(line) for line in text.splitlines()) <= 80, (path.name, rule)


@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (2, 3), (4, 2), (5, 5)])
@pytest.mark.parametrize("rule", ["fictitious-play", "replicator"])
def test_plots_for_every_layout(shape, rule):
    pytest.importorskip("matplotlib")
    rng = np.random.default_rng(sum(shape))
    game = Game.from_arrays(rng.integers(-3, 4, size=shape), rng.integers(-3, 4, size=shape))
    fig = dynamics(game, rule, steps=300).plot(title="t")
    # 2×2: the square, probabilities and regret; otherwise a panel per player + regret
    assert len(fig.axes) == 3


# --------------------------------------------------------------------------- CLI
def run_cli(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_cli_table_json_csv():
    path = MODELS / "matching_pennies.toml"
    out = run_cli("dynamics", path, "--rule", "fictitious-play", "--steps", "1000")
    assert out.exit_code == 0, out.output
    assert "Fictitious play, 1,000 rounds" in out.output and "Robinson 1951" in out.output
    assert max(len(line) for line in out.output.splitlines()) <= 80
    out = run_cli(
        "dynamics", path, "--rule", "replicator", "--start", "0.8,1/2", "--format", "json"
    )
    data = json.loads(out.output)
    assert data["start_exact"] == [["4/5", "1/5"], ["1/2", "1/2"]] and not data["converged"]
    out = run_cli("dynamics", path, "--rule", "fictitious-play", "--steps", "50", "--format", "csv")
    header = out.output.splitlines()[0]
    assert header == "step,time,Defender:A,Defender:B,Challenger:A,Challenger:B," + (
        "regret:Defender,regret:Challenger,max_regret"
    )


def test_cli_matches_library(tmp_path):
    path = MODELS / "stag_hunt.toml"
    target = tmp_path / "run.json"
    out = run_cli(
        "dynamics", path, "--rule", "fictitious-play", "--seed", "3", "--weight", "5",
        "--start", "0.9;0.2", "--format", "json", "-o", target,
    )  # fmt: skip
    assert out.exit_code == 0 and out.output == ""
    data = json.loads(target.read_text())
    game = leverage.load(path).game()
    run = dynamics(
        game, "fictitious-play", seed=3, weight=5, start=[["0.9", "0.1"], ["0.2", "0.8"]]
    )
    assert data["final"]["exact"] == [[str(p) for p in s] for s in run.final]


def test_cli_plot(tmp_path):
    pytest.importorskip("matplotlib")
    target = tmp_path / "stag.png"
    out = run_cli(
        "dynamics", MODELS / "stag_hunt.toml", "--rule", "replicator", "--start", "0.8,0.7",
        "--plot", target,
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--steps", "0"], "at least 1"),
        (["--steps", "2000000"], "at most 1,000,000"),
        (["--steps", "ten"], "whole number"),
        (["--start", "0.5,0.6,0.2"], "--start"),
        (["--start", "1.5,0.5"], "between 0 and 1"),
        (["--seed", "x"], "whole number"),
        (["--weight", "2"], "--weight applies"),
        (["--dt", "-1"], "positive"),
        (["--tolerance", "2"], "tolerance"),
        (["--plot", "x.gif"], ".png, .pdf or .svg"),
        (["--set", "nope=1"], "nope"),
    ],
)
def test_cli_bad_input_one_line_exit_2_no_file(tmp_path, args, message):
    target = tmp_path / "out.txt"
    out = CliRunner().invoke(
        cli,
        [
            "dynamics",
            str(MODELS / "stag_hunt.toml"),
            "--rule",
            "replicator",
            *args,
            "-o",
            str(target),
        ],
    )
    assert out.exit_code == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("leverage: error:") and message in lines[0]
    assert not target.exists()


def test_cli_three_players_unsupported():
    out = CliRunner().invoke(
        cli,
        ["dynamics", str(ROOT / "tests" / "data" / "nfg_three_player.nfg"), "--rule", "replicator"],
    )
    assert out.exit_code == 2 and "two-player" in out.stderr
