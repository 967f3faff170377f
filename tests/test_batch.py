"""Batched equilibrium computation: agreement with the exact solver, golden games, properties.

The batched solver must report, point by point, exactly what ``Game.equilibria()``
reports (every extreme equilibrium), including on degenerate and tie-heavy games, where
it must fall back to the exact solver rather than guess.
"""

from __future__ import annotations

import zlib
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leverage import Game, ParameterError, UnsupportedError
from leverage.solve.batch.kernels import (
    BATCHED,
    EXACT,
    FALLBACK,
    MAX_BATCH_STRATEGIES,
    UNDEFINED,
    default_chunk_size,
    solve_batch,
)
from leverage.solve.structure import structure

from .oracle import gambit_extreme_equilibria

PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def exact_reference(a, b):
    """Structure and float rows of ``Game.equilibria()``, in the batch's row order."""
    sol = Game.from_arrays(a.tolist(), b.tolist(), exact=False).equilibria()
    eqs = sorted(
        sol,
        key=lambda e: (
            tuple(e.support(p) for p in range(2)),
            tuple(-float(v) for s in e.strategies for v in s),
        ),
    )
    rows = np.array([[float(v) for s in e.strategies for v in s] for e in eqs])
    pays = np.array([[float(v) for v in e.payoffs] for e in eqs])
    return structure(sol), rows, pays


def assert_matches_exact(a, b, result, indices=None):
    """Every point's structure equals the exact solver's, probabilities within 1e-9."""
    for i in range(len(a)) if indices is None else indices:
        struct, rows, pays = exact_reference(a[i], b[i])
        assert result.structure_at(i) == struct, (i, a[i].tolist(), b[i].tolist())
        got_rows, got_pays = result.rows_at(i)
        np.testing.assert_allclose(got_rows, rows.reshape(got_rows.shape), rtol=0, atol=1e-9)
        scale = max(1.0, float(np.abs(a[i]).max()), float(np.abs(b[i]).max()))
        np.testing.assert_allclose(got_pays, pays.reshape(got_pays.shape), atol=1e-9 * scale)


def random_games(rng, n, m, k, kind):
    if kind == "normal":
        return rng.normal(size=(n, m, k)), rng.normal(size=(n, m, k))
    if kind == "ties":  # payoffs from a small integer set: degenerate more often than not
        return (
            rng.integers(0, 3, (n, m, k)).astype(float),
            rng.integers(0, 3, (n, m, k)).astype(float),
        )
    return (  # small integers: some degenerate, many not
        rng.integers(-5, 6, (n, m, k)).astype(float),
        rng.integers(-5, 6, (n, m, k)).astype(float),
    )


# --------------------------------------------------------------------------- agreement
@pytest.mark.parametrize("shape", [(2, 2), (2, 3), (3, 2), (3, 3), (4, 4), (1, 3)])
@pytest.mark.parametrize("kind", ["normal", "ties", "integers"])
def test_batch_equals_exact_solver_on_random_games(shape, kind):
    # a fixed seed per case (str hashes change between processes)
    rng = np.random.default_rng(zlib.crc32(repr((shape, kind)).encode()))
    count = 60 if shape == (4, 4) else 120
    a, b = random_games(rng, count, *shape, kind)
    result = solve_batch(a, b)
    assert_matches_exact(a, b, result)
    if kind == "normal":  # generic games are nondegenerate: no fallback needed
        assert result.n_fallback == 0
        assert (result.status == BATCHED).all()
    if kind == "ties":  # tie-heavy games are mostly degenerate: fallbacks must occur
        assert result.n_fallback > count // 5


def test_batched_points_agree_with_gambit():
    # pygambit's enummixed_solve (exact) as an independent oracle on batched points
    rng = np.random.default_rng(7)
    a = rng.integers(-9, 10, (40, 3, 3)).astype(float)
    b = rng.integers(-9, 10, (40, 3, 3)).astype(float)
    result = solve_batch(a, b)
    batched = np.flatnonzero(result.status == BATCHED)
    assert len(batched) > 10
    for i in batched:
        theirs = gambit_extreme_equilibria(a[i].astype(int), b[i].astype(int))
        ours = {
            tuple(tuple(F(p).limit_denominator(10**6) for p in s) for s in e.strategies)
            for e in result.equilibria_at(i)
        }
        assert ours == theirs


# --------------------------------------------------------------------------- golden games
def test_von_stengel_3x2_golden():
    # von Stengel (2007), Algorithmic Game Theory ch. 3, Fig. 3.3: three equilibria,
    # ((1,0,0),(1,0)), ((4/5,1/5,0),(2/3,1/3)), ((0,1/3,2/3),(1/3,2/3)).
    a = np.array([[3.0, 3.0], [2.0, 5.0], [0.0, 6.0]])
    b = np.array([[3.0, 2.0], [2.0, 6.0], [3.0, 1.0]])
    # the same game, scaled and shifted per player (equilibria unchanged), three times
    stack_a = np.stack([a, 2 * a + 1, 0.5 * a - 3])
    stack_b = np.stack([b, 4 * b - 2, 0.25 * b + 7])
    result = solve_batch(stack_a, stack_b)
    expected = [
        [1, 0, 0, 1, 0],
        [4 / 5, 1 / 5, 0, 2 / 3, 1 / 3],
        [0, 1 / 3, 2 / 3, 1 / 3, 2 / 3],
    ]
    for i in range(3):
        assert result.status[i] == BATCHED
        np.testing.assert_allclose(result.rows_at(i)[0], expected, atol=1e-12)
    np.testing.assert_allclose(result.rows_at(0)[1], [[3, 3], [3, 14 / 5], [4, 8 / 3]])


def test_battle_of_the_sexes_and_matching_pennies():
    # Battle of the Sexes (Luce & Raiffa 1957): two pure equilibria and a mixed one in
    # which each plays its favourite with probability 2/3.  Matching Pennies: unique
    # equilibrium, uniform mixing, value 0.
    bos_a = np.array([[2.0, 0.0], [0.0, 1.0]])
    bos_b = np.array([[1.0, 0.0], [0.0, 2.0]])
    mp_a = np.array([[1.0, -1.0], [-1.0, 1.0]])
    result = solve_batch(np.stack([bos_a, mp_a]), np.stack([bos_b, -mp_a]))
    assert result.structure_at(0) == (((0,), (0,)), ((0, 1), (0, 1)), ((1,), (1,)))
    mixed = result.equilibria_at(0)[1]
    assert mixed.kind == "mixed"
    np.testing.assert_allclose(mixed.strategies[0], [2 / 3, 1 / 3])
    np.testing.assert_allclose(mixed.strategies[1], [1 / 3, 2 / 3])
    np.testing.assert_allclose(mixed.payoffs, [2 / 3, 2 / 3])
    (pennies,) = result.equilibria_at(1)
    np.testing.assert_allclose(pennies.strategies, [[0.5, 0.5], [0.5, 0.5]])
    np.testing.assert_allclose(pennies.payoffs, [0, 0], atol=1e-15)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_identity_coordination_game_has_2n_minus_1_equilibria(n):
    # n×n coordination with identity payoffs: one equilibrium per nonempty support,
    # uniform on it, 2^n - 1 in all (von Stengel 2007, §3.4; Quint & Shubik 1997).
    eye = np.eye(n)[None].repeat(3, axis=0) * np.array([1.0, 2.0, 0.5])[:, None, None]
    result = solve_batch(eye, eye)
    for i in range(3):
        assert result.status[i] == BATCHED
        assert result.equilibrium_counts()[i] == 2**n - 1
        rows, _ = result.rows_at(i)
        for row in rows:
            x, y = row[:n], row[n:]
            np.testing.assert_allclose(x, y)
            assert np.allclose(x[x > 0], 1 / np.count_nonzero(x))


def test_degenerate_games_fall_back_to_exact():
    # A game in which every payoff is equal is maximally degenerate: the exact solver
    # lists the extreme equilibria (all pure profiles), and so must the batch.
    a = np.zeros((2, 3, 3))
    a[1] += 5.0
    result = solve_batch(a, a.copy())
    assert (result.status == FALLBACK).all()
    assert result.equilibrium_counts().tolist() == [9, 9]
    assert_matches_exact(a, a, result)


# --------------------------------------------------------------------------- properties
@st.composite
def game_stacks(draw, values=st.integers(-4, 4)):
    m = draw(st.integers(1, 4))
    n = draw(st.integers(1, 4))
    count = draw(st.integers(1, 6))
    cells = st.lists(values, min_size=count * m * n, max_size=count * m * n)
    a = np.array(draw(cells), dtype=float).reshape(count, m, n)
    b = np.array(draw(cells), dtype=float).reshape(count, m, n)
    return a, b


@PROPS
@given(game_stacks())
def test_property_batch_equals_exact_on_integer_games(stack):
    a, b = stack
    assert_matches_exact(a, b, solve_batch(a, b))


@PROPS
@given(game_stacks(values=st.floats(-10, 10, allow_nan=False, width=32)))
def test_property_batched_equilibria_have_zero_regret_and_odd_count(stack):
    a, b = stack
    result = solve_batch(a, b)
    m = a.shape[1]
    for i in range(len(a)):
        rows, pays = result.rows_at(i)
        scale = max(1.0, float(np.abs(a[i]).max()), float(np.abs(b[i]).max()))
        for row, pay in zip(rows, pays):
            x, y = row[:m], row[m:]
            assert np.isclose(x.sum(), 1) and np.isclose(y.sum(), 1)
            assert (x >= 0).all() and (y >= 0).all()
            u, v = x @ a[i] @ y, x @ b[i] @ y
            np.testing.assert_allclose(pay, [u, v], atol=1e-9 * scale)
            assert (a[i] @ y).max() <= u + 1e-9 * scale  # no profitable deviation
            assert (x @ b[i]).max() <= v + 1e-9 * scale
        if result.status[i] == BATCHED:  # decided in floats: nondegenerate, odd count
            assert len(rows) % 2 == 1


@PROPS
@given(game_stacks(), st.sampled_from([(1, 0.0), (2, 1.0), (0.5, -3.0), (4, 7.0)]))
def test_property_positive_affine_transforms_keep_the_equilibria(stack, transform):
    # Adding a constant to a player's payoffs or multiplying them by a positive number
    # does not change best responses, hence not the equilibria (exact in floats here:
    # small integers, dyadic factors).
    a, b = stack
    factor, shift = transform
    base = solve_batch(a, b)
    moved = solve_batch(factor * a + shift, b - shift)
    assert [base.structure_at(i) for i in range(len(a))] == [
        moved.structure_at(i) for i in range(len(a))
    ]
    np.testing.assert_allclose(base.strategies, moved.strategies, atol=1e-12)


@PROPS
@given(game_stacks(values=st.integers(-2, 2)), st.integers(1, 5))
def test_property_chunking_does_not_change_results(stack, chunk):
    a, b = stack
    whole = solve_batch(a, b)
    parts = solve_batch(a, b, chunk_size=chunk)
    assert whole.structures == parts.structures
    assert np.array_equal(whole.structure_ids, parts.structure_ids)
    assert np.array_equal(whole.status, parts.status)
    assert np.array_equal(whole.offsets, parts.offsets)
    assert np.array_equal(whole.strategies, parts.strategies)
    assert np.array_equal(whole.payoffs, parts.payoffs)


def test_chunking_invariance_on_a_large_family():
    rng = np.random.default_rng(3)
    p = rng.normal(size=(2, 2, 3, 3))
    t = np.linspace(0, 1, 3001)[:, None, None]
    a, b = p[0, 0] + t * p[1, 0], p[0, 1] + t * p[1, 1]
    results = [solve_batch(a, b, chunk_size=c) for c in (None, 1000, 77)]
    for other in results[1:]:
        assert other.structures == results[0].structures
        assert np.array_equal(other.structure_ids, results[0].structure_ids)
        assert np.array_equal(other.strategies, results[0].strategies)


# --------------------------------------------------------------------------- interface
def test_result_accessors_and_progress():
    a = np.array([[[2.0, 0.0], [0.0, 1.0]], [[3.0, 0.0], [5.0, 1.0]], [[3.0, 0.0], [5.0, 1.0]]])
    b = np.array([[[1.0, 0.0], [0.0, 2.0]], [[3.0, 5.0], [0.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]]])
    calls = []
    result = solve_batch(a, b, chunk_size=2, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(2, 3), (3, 3)]
    assert len(result) == 3
    assert result.structure_ids.tolist() == [0, 1, 1]
    assert result.counts() == {0: 1, 1: 2}
    assert result.equilibrium_counts().tolist() == [3, 1, 1]
    (pd,) = result.equilibria_at(1)  # Prisoner's Dilemma: mutual defection
    assert pd.kind == "pure" and pd.profile == (1, 1) and pd.payoffs == (1.0, 1.0)
    assert result.strategies.shape == (5, 4) and result.payoffs.shape == (5, 2)
    assert "3 games" in repr(result)


def test_structures_only_storage():
    rng = np.random.default_rng(5)
    a, b = random_games(rng, 50, 3, 3, "integers")
    full = solve_batch(a, b)
    slim = solve_batch(a, b, store_equilibria=False)
    assert slim.structures == full.structures
    assert np.array_equal(slim.structure_ids, full.structure_ids)
    assert np.array_equal(slim.offsets, full.offsets)
    assert slim.strategies.shape == (0, 6)
    with pytest.raises(ParameterError):
        slim.equilibria_at(0)


def test_exact_mode_and_large_games_use_the_exact_solver():
    rng = np.random.default_rng(11)
    a, b = random_games(rng, 5, 3, 3, "normal")
    exact = solve_batch(a, b, exact=True)
    assert (exact.status == EXACT).all()
    assert_matches_exact(a, b, exact)
    m = MAX_BATCH_STRATEGIES + 1
    a, b = random_games(rng, 3, m, 2, "normal")
    big = solve_batch(a, b)
    assert (big.status == EXACT).all()
    assert_matches_exact(a, b, big)


def test_non_finite_payoffs_are_reported_not_dropped():
    a = np.array([[[1.0, 0.0], [0.0, 1.0]]] * 4)
    b = a.copy()
    a[1, 0, 0] = np.nan
    b[2, 1, 1] = np.inf
    result = solve_batch(a, b)
    assert result.status.tolist() == [BATCHED, UNDEFINED, UNDEFINED, BATCHED]
    assert result.structure_ids[1] == -1 and result.structure_at(2) is None
    assert result.equilibrium_counts().tolist() == [3, 0, 0, 3]
    assert result.n_undefined == 2 and set(result.messages) == {1, 2}
    assert result.counts()[-1] == 2


def test_custom_exact_solver_and_scales_are_used():
    # a wide error scale makes every comparison undecided, so every point goes to the
    # exact solver given (here: the game with the two rows swapped, to see it was used)
    a = np.array([[[3.0, 0.0], [5.0, 1.0]]])
    b = np.array([[[3.0, 5.0], [0.0, 1.0]]])

    def swapped(i):
        return Game.from_arrays(a[i][::-1].tolist(), b[i][::-1].tolist()).equilibria()

    result = solve_batch(a, b, exact_solver=swapped, scales=(np.array([1e12]), np.array([1e12])))
    assert result.status[0] == FALLBACK
    assert result.structure_at(0) == (((0,), (1,)),)


def test_bad_input():
    with pytest.raises(UnsupportedError):
        solve_batch(np.zeros((2, 2)), np.zeros((2, 2)))
    with pytest.raises(ParameterError):
        solve_batch(np.zeros((2, 2, 2)), np.zeros((2, 2, 3)))
    with pytest.raises(ParameterError):
        solve_batch(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)), chunk_size=-1)
    assert default_chunk_size((2, 2)) >= default_chunk_size((4, 4)) >= 32
