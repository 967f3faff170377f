"""nashpy interoperability: ``Game.from_nashpy`` and ``Game.to_nashpy``.

nashpy (Knight & Campbell, "Nashpy: A Python library for the computation of Nash
equilibria", JOSS 3(30) 904, 2018) is the float-arithmetic peer; its vertex enumeration
is an independent oracle here: on nondegenerate games both methods are complete, so
they must find the same equilibria.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings

import leverage
from leverage import Game

from .strategies import bimatrix

nashpy = pytest.importorskip("nashpy")


def test_from_nashpy_reads_both_matrices_and_zero_sum_games():
    # Matching Pennies as nashpy's zero-sum constructor builds it: (A, -A)
    game = Game.from_nashpy(nashpy.Game(np.array([[1, -1], [-1, 1]])))
    assert game.exact
    assert game.payoffs[1].tolist() == [[-1, 1], [1, -1]]
    (eq,) = game.equilibria()
    assert eq.strategies == ((Fraction(1, 2),) * 2, (Fraction(1, 2),) * 2)


def test_from_nashpy_labels_and_errors():
    game = Game.from_nashpy(
        nashpy.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]]),
        players=["China", "US"],
        strategies=[["Calibrate", "Overreach"], ["Hold", "Escalate"]],
        title="PD",
    )
    assert game.players == ("China", "US") and game.title == "PD"
    with pytest.raises(leverage.ModelError, match=r"nashpy\.Game"):
        Game.from_nashpy([[1, 2], [3, 4]])


def test_to_nashpy_needs_two_players():
    three = Game.from_arrays(*(np.zeros((2, 2, 2), dtype=int) for _ in range(3)))
    with pytest.raises(leverage.UnsupportedError, match="two players"):
        three.to_nashpy()


@settings(max_examples=60, deadline=None)
@given(bimatrix(min_size=1, max_size=4))
def test_round_trip_through_nashpy(ab):
    game = Game.from_arrays(*ab)
    back = Game.from_nashpy(game.to_nashpy())
    for mine, theirs in zip(game.as_float().payoffs, back.payoffs):
        assert np.array_equal(mine, theirs)


@settings(max_examples=60, deadline=None)
@given(bimatrix(min_size=2, max_size=4))
def test_same_equilibria_as_nashpy_vertex_enumeration_on_nondegenerate_games(ab):
    game = Game.from_arrays(*ab)
    solution = game.equilibria()
    assume(not solution.degenerate)  # nashpy's vertex enumeration can fail on those
    theirs = list(game.to_nashpy().vertex_enumeration())
    mine = [np.concatenate([np.array(s, dtype=float) for s in e.strategies]) for e in solution]
    # every equilibrium nashpy finds is one of ours (its float answers, to 1e-6)
    for sigma_r, sigma_c in theirs:
        found = np.concatenate([sigma_r, sigma_c])
        assert any(np.allclose(found, m, atol=1e-6) for m in mine), (ab, found)
    assert len(theirs) == len(mine)
