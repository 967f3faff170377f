"""Expected payoffs, regret and best responses of a :class:`leverage.Game` at a profile.

The oracles: nashpy (Knight & Campbell 2018), whose ``game[sigma_r, sigma_c]`` and
``is_best_response`` compute the same quantities in floats; a brute-force sum over every
pure profile in exact rationals; and Nash's (1951) characterisation, that a profile is an
equilibrium exactly when no player has positive regret.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import nashpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import leverage
from leverage import Game

from .strategies import bimatrix


@st.composite
def mixed(draw, n):
    """An exact mixed strategy over ``n`` strategies (integer weights, normalised)."""
    weights = draw(st.lists(st.integers(0, 5), min_size=n, max_size=n).filter(any))
    total = sum(weights)
    return [Fraction(w, total) for w in weights]


@st.composite
def game_and_profile(draw):
    a, b = draw(bimatrix(max_size=4))
    game = Game.from_arrays(a, b)
    return game, [draw(mixed(a.shape[0])), draw(mixed(a.shape[1]))]


def brute_force(game, profile):
    """Each player's expected payoff, summed over every pure profile, exactly."""
    totals = [Fraction(0)] * game.n_players
    for idx in itertools.product(*(range(k) for k in game.shape)):
        weight = Fraction(1)
        for i, k in enumerate(idx):
            weight *= profile[i][k]
        for i in range(game.n_players):
            totals[i] += weight * game.payoffs[i][idx]
    return tuple(totals)


@settings(max_examples=60, deadline=None)
@given(game_and_profile())
def test_expected_payoffs_are_exact_and_agree_with_nashpy(case):
    game, profile = case
    got = game.expected_payoffs(profile)
    assert all(isinstance(v, Fraction) for v in got)
    assert got == brute_force(game, profile)
    float_profile = [np.array(p, dtype=float) for p in profile]
    expected = game.to_nashpy()[float_profile[0], float_profile[1]]
    assert np.allclose([float(v) for v in got], expected, rtol=1e-12, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(game_and_profile())
def test_regret_is_nonnegative_and_zero_only_for_best_responses(case):
    game, profile = case
    regret = game.regret(profile)
    assert all(isinstance(r, Fraction) and r >= 0 for r in regret)
    for i in range(2):
        assert (regret[i] == 0) == game.is_best_response(i, profile[i], profile)
        # no pure deviation gains more than the regret, and the best one gains it exactly
        base = game.expected_payoffs(profile)[i]
        gains = []
        for k in range(game.shape[i]):
            deviation = list(profile)
            deviation[i] = k
            gains.append(game.expected_payoffs(deviation)[i] - base)
        assert max(gains) == regret[i]


@settings(max_examples=60, deadline=None)
@given(bimatrix(max_size=4))
def test_regret_is_zero_exactly_at_every_reported_equilibrium(arrays):
    game = Game.from_arrays(*arrays)
    solution = game.equilibria()
    for eq in solution:
        assert game.regret(eq.strategies) == (0, 0)
        assert game.expected_payoffs(eq.strategies) == eq.payoffs
        assert all(game.is_best_response(i, eq.strategies[i], eq.strategies) for i in range(2))
    # a pure profile has zero regret exactly when it is one of the pure equilibria found
    pure = {eq.profile for eq in solution.pure()}
    for idx in game.profiles():
        assert (game.regret(idx) == (0, 0)) == (idx in pure)


@settings(max_examples=60, deadline=None)
@given(bimatrix(max_size=4), st.data())
def test_is_best_response_agrees_with_nashpy_on_pure_profiles(arrays, data):
    game = Game.from_arrays(*arrays)
    ours_game = game.to_nashpy()
    r = data.draw(st.integers(0, game.shape[0] - 1))
    c = data.draw(st.integers(0, game.shape[1] - 1))
    sigma_r = np.eye(game.shape[0])[r]
    sigma_c = np.eye(game.shape[1])[c]
    theirs = ours_game.is_best_response(sigma_r, sigma_c)
    ours = (game.is_best_response(0, r, (r, c)), game.is_best_response(1, c, (r, c)))
    assert ours == tuple(bool(t) for t in theirs)


def test_matching_pennies_is_worth_zero_at_its_equilibrium():
    # von Neumann (1928): matching pennies has value 0 at the uniform mix
    pennies = Game.from_arrays([[1, -1], [-1, 1]])
    half = [Fraction(1, 2), Fraction(1, 2)]
    assert pennies.expected_payoffs([half, half]) == (0, 0)
    assert pennies.regret([half, half]) == (0, 0)
    # against the uniform mix every strategy is a best response
    assert pennies.is_best_response(0, [Fraction(1, 3), Fraction(2, 3)], [0, half])


def test_prisoners_dilemma_regret_by_labels():
    # Prisoner's Dilemma (Rapoport & Chammah 1965 payoffs 3, 0, 5, 1): defecting is
    # dominant, so mutual cooperation has regret 5 - 3 = 2 for each player
    pd = Game.from_arrays(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=("Row", "Column"),
        strategies=(("C", "D"), ("C", "D")),
    )
    assert pd.regret(("C", "C")) == (2, 2)
    assert pd.regret(("D", "D")) == (0, 0)
    assert pd.is_best_response("Column", "D", ("C", "C"))
    assert not pd.is_best_response("Column", "C", ("D", "D"))


def test_three_players_and_float_profiles():
    rng = np.random.default_rng(3)
    arrays = [rng.integers(-5, 6, size=(2, 3, 2)).tolist() for _ in range(3)]
    game = Game.from_arrays(*arrays)
    profile = [[Fraction(1, 4), Fraction(3, 4)], [0, Fraction(1, 2), Fraction(1, 2)], 1]
    exact = game.expected_payoffs(profile)
    assert exact == brute_force(game, game.mixed_profile(profile))
    floats = game.expected_payoffs([[0.25, 0.75], [0, 0.5, 0.5], 1])
    assert all(isinstance(v, float) for v in floats)
    assert np.allclose(floats, [float(v) for v in exact])
    assert all(r >= 0 for r in game.as_float().regret([[0.25, 0.75], [0, 0.5, 0.5], 1]))


def test_zero_sum_from_one_matrix_is_nashpys_zero_sum_game():
    a = [[3, -1, 2], [0, 4, -2]]
    game = Game.from_arrays(a)
    theirs = nashpy.Game(np.array(a))
    assert game.n_players == 2 and theirs.zero_sum
    for ours, their in zip(game.payoffs, theirs.payoff_matrices, strict=True):
        assert (np.array(ours, dtype=float) == their).all()
    explicit = Game.from_arrays(a, -np.array(a))
    assert all((x == y).all() for x, y in zip(game.payoffs, explicit.payoffs, strict=True))
    assert Game.from_arrays([[0.5, 1.0]]).exact is False
    with pytest.raises(leverage.ModelError, match="2-dimensional"):
        Game.from_arrays([[[1]]])


def test_print_shows_the_payoff_matrix():
    pd = Game.from_arrays(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")), title="PD"
    )
    lines = str(pd).splitlines()
    assert lines[0] == "PD"
    cells = {line.split("|")[0].strip(): line.split("|")[1:] for line in lines if "|" in line}
    assert [c.strip() for c in cells["C"]] == ["3, 3", "0, 5*"]
    assert [c.strip() for c in cells["D"]] == ["5*, 0", "1*, 1*"]


@pytest.mark.parametrize(
    "profile, message",
    [
        ((0,), "one strategy per player"),
        ((0, "X"), "unknown strategy 'X' of 2"),
        ((0, 5), "out of range"),
        ((0, [Fraction(1, 2), Fraction(1, 3)]), "sum to 5/6"),
        ((0, [-1, 2]), "negative"),
        ((0, [1, 0, 0]), "needs 2 probabilities"),
        ("ab", "one strategy per player"),
        ((0, [float("nan"), 1]), "finite"),
    ],
)
def test_bad_profiles_are_refused(profile, message):
    game = Game.from_arrays([[1, -1], [-1, 1]])
    with pytest.raises(leverage.ParameterError, match=message):
        game.regret(profile)


def test_bad_players_are_refused():
    game = Game.from_arrays([[1, -1], [-1, 1]])
    with pytest.raises(leverage.ParameterError, match="unknown player 'Nobody'"):
        game.is_best_response("Nobody", 0, (0, 0))
    with pytest.raises(leverage.ParameterError, match="out of range"):
        game.is_best_response(2, 0, (0, 0))
