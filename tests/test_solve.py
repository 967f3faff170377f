"""Equilibrium solvers: golden results from the literature and properties.

Sources are given next to each case.
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leverage import Game, TooLargeError, UnsupportedError
from leverage.solve import equilibria
from leverage.solve.bimatrix.components import maximal_bicliques
from leverage.solve.bimatrix.fraction_free import positive_integer_matrix
from leverage.solve.bimatrix.vertex import enumerate_vertex_pairs
from leverage.solve.verify import regrets

from .oracle import gambit_extreme_equilibria
from .strategies import bimatrix, degenerate_bimatrix

PROPS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def profiles(solution):
    return {tuple(tuple(s) for s in e.strategies) for e in solution}


# --------------------------------------------------------------------------- golden
def test_von_stengel_3x2():
    # von Stengel (2007), "Equilibrium computation for two-player games in strategic
    # and extensive form", Algorithmic Game Theory ch. 3, Fig. 3.3: three equilibria.
    g = Game.from_arrays([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    expected = {
        ((F(1), F(0), F(0)), (F(1), F(0))),
        ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3))),
        ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }
    for method in ("vertex", "support"):
        sol = g.equilibria(method)
        assert profiles(sol) == expected
        assert sol.degenerate is False
    payoffs = {tuple(e.strategies[0]): e.payoffs for e in g.equilibria()}
    assert payoffs[(F(4, 5), F(1, 5), F(0))] == (F(3), F(14, 5))
    assert payoffs[(F(0), F(1, 3), F(2, 3))] == (F(4), F(8, 3))


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6])
def test_identity_coordination_has_2n_minus_1(n):
    # The n×n coordination game with identity payoffs has one equilibrium per
    # nonempty support (uniform on it): 2^n - 1 (von Stengel 2007, §3.4; Quint & Shubik 1997).
    eye = np.eye(n, dtype=int).tolist()
    sol = Game.from_arrays(eye, eye).equilibria()
    assert len(sol) == 2**n - 1
    assert sol.degenerate is False
    for e in sol:
        sup = e.support(0)
        assert e.support(1) == sup
        assert all(p == F(1, len(sup)) for p in (e.strategies[0][k] for k in sup))


def test_battle_of_the_sexes_closed_form():
    # Osborne (2004), An Introduction to Game Theory, §4.7: BoS with payoffs 2/1 has
    # the mixed equilibrium (2/3, 1/3), (1/3, 2/3) with payoff 2/3 each.
    g = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert profiles(g.equilibria()) == {
        ((F(1), F(0)), (F(1), F(0))),
        ((F(0), F(1)), (F(0), F(1))),
        ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
    }
    mixed = [e for e in g.equilibria() if e.kind == "mixed"][0]
    assert mixed.payoffs == (F(2, 3), F(2, 3))
    assert mixed.pareto_dominated is True


@pytest.mark.parametrize("c", [F(2), F(7, 2), F(10)])
def test_chicken_closed_form(c):
    # Chicken (Rapoport & Chammah 1966; Dixit, Skeath & Reiley, Games of Strategy, ch. 7)
    # with swerve/swerve 0, win 1, lose -1 and crash -c.  Indifference of the other
    # driver, q - 1 = q - c(1 - q), gives swerving with probability q = (c - 1)/c.
    a = [[0, -1], [1, -c]]
    g = Game.from_arrays(a, np.array(a, dtype=object).T)
    sol = g.equilibria()
    assert {e.profile for e in sol if e.kind == "pure"} == {(0, 1), (1, 0)}
    mixed = [e for e in sol if e.kind == "mixed"]
    assert len(sol) == 3 and len(mixed) == 1
    q = (c - 1) / c
    assert mixed[0].strategies == ((q, 1 - q), (q, 1 - q))
    assert mixed[0].payoffs == (q - 1, q - 1)


def test_stag_hunt_and_risk_dominance():
    # Stag hunt (Skyrms 2004): stag/stag 4, hare 3 regardless; (Hare, Hare) is
    # risk-dominant, (Stag, Stag) payoff-dominant; mixed: stag with probability 3/4.
    a = [[4, 0], [3, 3]]
    g = Game.from_arrays(a, np.array(a, dtype=object).T)
    sol = g.equilibria()
    by_profile = {e.profile: e for e in sol}
    assert by_profile[(0, 0)].risk_dominant is False
    assert by_profile[(1, 1)].risk_dominant is True
    assert by_profile[(1, 1)].pareto_dominated is True
    assert by_profile[(0, 0)].pareto_dominated is False
    mixed = [e for e in sol if e.kind == "mixed"][0]
    assert mixed.strategies == ((F(3, 4), F(1, 4)), (F(3, 4), F(1, 4)))


def test_matching_pennies_and_rps():
    g = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert profiles(g.equilibria()) == {((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))}
    rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    g = Game.from_arrays(rps, (-np.array(rps)).tolist())
    third = (F(1, 3),) * 3
    assert profiles(g.equilibria()) == {(third, third)}
    assert profiles(g.equilibria("support")) == {(third, third)}


def test_prisoners_dilemma_pure():
    a = [[3, 0], [5, 1]]
    g = Game.from_arrays(a, np.array(a, dtype=object).T)
    sol = g.equilibria()
    assert [e.profile for e in sol] == [(1, 1)]
    assert sol[0].payoffs == (1, 1)


# --------------------------------------------------------------------------- degeneracy
def test_degenerate_all_equal_game_and_components():
    g = Game.from_arrays([[1, 1], [1, 1]], [[1, 1], [1, 1]])
    sol = g.equilibria(components=True)
    assert sol.degenerate is True
    assert len(sol) == 4
    assert len(sol.components) == 1
    assert sorted(sol.components[0].equilibria) == [0, 1, 2, 3]


def test_degenerate_game_with_continuum():
    # Row player indifferent when the column player plays Left: a segment of equilibria.
    # A = [[1, 0], [1, 2]]? Use the classic: A = [[1,1],[0,2]], B = [[1,1],[1,0]].
    a = [[1, 1], [0, 2]]
    b = [[1, 1], [1, 0]]
    sol = Game.from_arrays(a, b).equilibria(components=True)
    assert sol.degenerate is True
    assert profiles(sol) == gambit_extreme_equilibria(a, b)
    # every convex combination inside a component is an equilibrium
    for comp in sol.components:
        xs, ys = comp.extremes
        x = tuple(sum(v) / len(xs) for v in zip(*xs))
        y = tuple(sum(v) / len(ys) for v in zip(*ys))
        assert regrets([np.array(a, dtype=object), np.array(b, dtype=object)], [x, y]) == (0, 0)


def test_support_enumeration_flags_incompleteness_on_degenerate_game():
    a = [[1, 1], [0, 2]]
    b = [[1, 1], [1, 0]]
    sol = Game.from_arrays(a, b).equilibria("support")
    assert sol.degenerate is True and sol.complete is False
    assert any("degenerate" in n for n in sol.notes)


# --------------------------------------------------------------------------- properties
@PROPS
@given(bimatrix(1, 5))
def test_zero_regret_and_agreement_with_gambit(game):
    a, b = game
    sol = Game.from_arrays(a, b).equilibria()
    pay = [np.array(a, dtype=object), np.array(b, dtype=object)]
    for e in sol:
        assert regrets(pay, e.strategies) == (0, 0)
    assert profiles(sol) == gambit_extreme_equilibria(a, b)
    if not sol.degenerate:
        assert len(sol) % 2 == 1  # Lemke–Howson oddness (Shapley 1974)


@PROPS
@given(degenerate_bimatrix(2, 4))
def test_degenerate_games_agree_with_gambit(game):
    a, b = game
    sol = Game.from_arrays(a, b).equilibria()
    assert profiles(sol) == gambit_extreme_equilibria(a, b)


@settings(max_examples=40, deadline=None)
@given(bimatrix(5, 7, square=True), st.booleans())
def test_float_filter_path_matches_exact_path(game, _):
    a, b = game
    ai, bi = positive_integer_matrix(np.array(a)), positive_integer_matrix(np.array(b))
    exact = enumerate_vertex_pairs(ai, bi, exact_only=True)
    filtered = enumerate_vertex_pairs(ai, bi, exact_only=False)
    assert {(p.x, p.y) for p in exact.pairs} == {(p.x, p.y) for p in filtered.pairs}
    assert exact.degenerate == filtered.degenerate


@settings(max_examples=40, deadline=None)
@given(degenerate_bimatrix(5, 6, square=True))
def test_float_filter_path_on_degenerate_games(game):
    a, b = game
    ai, bi = positive_integer_matrix(np.array(a)), positive_integer_matrix(np.array(b))
    exact = enumerate_vertex_pairs(ai, bi, exact_only=True)
    filtered = enumerate_vertex_pairs(ai, bi, exact_only=False)
    assert {(p.x, p.y) for p in exact.pairs} == {(p.x, p.y) for p in filtered.pairs}


@PROPS
@given(bimatrix(1, 4))
def test_support_enumeration_equals_vertex_on_nondegenerate(game):
    a, b = game
    g = Game.from_arrays(a, b)
    vertex = g.equilibria("vertex")
    support = g.equilibria("support")
    assert profiles(support) <= profiles(vertex)
    if not vertex.degenerate:
        assert profiles(support) == profiles(vertex)


@PROPS
@given(bimatrix(1, 4))
def test_pure_equilibria_are_the_pure_extreme_equilibria(game):
    a, b = game
    g = Game.from_arrays(a, b)
    pure = {e.profile for e in g.equilibria("pure")}
    assert pure == {e.profile for e in g.equilibria() if e.kind == "pure"}


def test_rational_and_scaled_payoffs_give_same_equilibria():
    a = [[F(1, 3), F(2, 7)], [F(0), F(5, 2)]]
    b = [[F(1, 2), F(0)], [F(0), F(1, 5)]]
    scaled_a = [[v * 42 + 7 for v in row] for row in a]
    scaled_b = [[v * 10 - 3 for v in row] for row in b]
    assert profiles(Game.from_arrays(a, b).equilibria()) == profiles(
        Game.from_arrays(scaled_a, scaled_b).equilibria()
    )


def test_float_game_solved_on_exact_binary_values():
    g = Game.from_arrays([[0.1, 0.0], [0.0, 0.2]], [[1.0, 0.0], [0.0, 2.0]])
    sol = g.equilibria()
    assert not sol.exact
    mixed = [e for e in sol if e.kind == "mixed"][0]
    assert math.isclose(mixed.strategies[0][0], 2 / 3)
    assert isinstance(mixed.strategies[0][0], float)


# --------------------------------------------------------------------------- n players, limits
def test_three_player_pure_and_refusal_of_mixed():
    # A 3-player coordination game: everyone gets 1 if all choose the same action.
    shape = (2, 2, 2)
    pay = np.zeros(shape, dtype=object)
    pay[0, 0, 0] = pay[1, 1, 1] = 1
    g = Game.from_arrays(pay, pay, pay)
    sol = g.equilibria("pure")
    assert {e.profile for e in sol} == {(0, 0, 0), (1, 1, 1)}
    with pytest.raises(UnsupportedError):
        g.equilibria()


def test_too_large_enumeration_is_refused_quickly():
    rng = np.random.default_rng(0)
    a = rng.integers(0, 9, (14, 14)).tolist()
    with pytest.raises(TooLargeError, match="lemke-howson"):
        Game.from_arrays(a, a).equilibria()


def test_maximal_bicliques():
    edges = [(0, 0), (0, 1), (1, 1), (1, 2), (2, 2)]
    assert maximal_bicliques(edges) == [
        ((0,), (0, 1)),
        ((0, 1), (1,)),
        ((1,), (1, 2)),
        ((1, 2), (2,)),
    ]
    assert maximal_bicliques([(0, 0), (1, 0), (0, 1), (1, 1)]) == [((0, 1), (0, 1))]


def test_progress_is_reported():
    seen = []
    rng = np.random.default_rng(3)
    a = rng.integers(0, 9, (6, 6)).tolist()
    b = rng.integers(0, 9, (6, 6)).tolist()
    equilibria(Game.from_arrays(a, b), progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
