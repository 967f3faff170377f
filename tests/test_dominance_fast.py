"""Tests of the fast, certified screens of dominance (leverage.solve.belief) on games large
enough to use them.

Oracles: brute-force pairwise comparison for pure dominance; for mixed dominance Pearce
(1984): in a two-player game a strategy is strictly dominated iff it is a best response to
no belief, decided by an independent LP in scipy (HiGHS); every reported dominator is
checked exactly here, in integers.
"""

from __future__ import annotations

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leverage.solve.belief import payoff_ranks, pure_dominance_matrix
from leverage.solve.dominance import dominated_strategies, iterated_elimination

from .oracle import belief_margin


def _planted(rng: np.random.Generator, m: int, n: int, high: int = 100) -> np.ndarray:
    """An ``m × n`` payoff matrix whose second half rows are just below mixtures of three
    rows of the first half: dominated by mixed strategies, rarely by pure ones."""
    half = m - m // 2
    base = rng.integers(0, high, (half, n))
    rows = []
    for _ in range(m - half):
        weights = rng.dirichlet(np.ones(3))
        picks = rng.integers(0, half, 3)
        rows.append(np.floor(weights @ base[picks]) - 1)
    return np.vstack([base, *rows]).astype(np.int64) if rows else base


@st.composite
def screened_games(draw):
    """Games of up to 14 strategies a side (large enough for the floating-point screens),
    from narrow value ranges (ties, weak dominance) or with planted mixed dominance."""
    m, n = draw(st.integers(3, 14)), draw(st.integers(2, 14))
    if draw(st.booleans()):
        high = draw(st.sampled_from([2, 4, 50]))
        elems = st.integers(0, high)
        a = draw(hnp.arrays(np.int64, (m, n), elements=elems))
        b = draw(hnp.arrays(np.int64, (m, n), elements=elems))
        return a, b
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return _planted(rng, m, n), _planted(rng, n, m).T.copy()


def _best_response_to_some_belief(mat: np.ndarray, s: int, linprog) -> bool:
    """Independent oracle: max d s.t. (u(s) - u(k)) q >= d for all k, q in the simplex."""
    return belief_margin(mat, s) > -1e-9


def _dominates(mat: np.ndarray, s: int, weights) -> bool:
    """Exactly, in integers: the mixed strategy ``weights`` strictly beats row ``s``."""
    assert all(w > 0 for _, w in weights) and sum(w for _, w in weights) == 1
    from math import lcm

    scale = lcm(*(w.denominator for _, w in weights))
    mixed = sum(
        (int(w * scale) * mat[k].astype(object) for k, w in weights), np.zeros(1, dtype=object)
    )
    return all(u > scale * int(v) for u, v in zip(mixed, mat[s]))


@settings(max_examples=60, deadline=None)
@given(
    hnp.arrays(
        np.int64, st.tuples(st.integers(1, 9), st.integers(1, 9)), elements=st.integers(-3, 3)
    )
)
def test_pure_dominance_matrix_agrees_with_pairwise_comparison(mat) -> None:
    ranks = payoff_ranks(mat)
    assert ((ranks[:, None, :] > ranks[None, :, :]) == (mat[:, None, :] > mat[None, :, :])).all()
    strict = pure_dominance_matrix(ranks)
    weak = pure_dominance_matrix(ranks, weak=True)
    for k in range(mat.shape[0]):
        for s in range(mat.shape[0]):
            diff = mat[k] - mat[s]
            assert strict[k, s] == (k != s and bool((diff > 0).all()))
            assert weak[k, s] == (k != s and bool((diff >= 0).all() and (diff > 0).any()))


@settings(max_examples=60, deadline=None)
@given(screened_games())
def test_screened_dominance_agrees_with_the_belief_oracle(game) -> None:
    linprog = pytest.importorskip("scipy.optimize").linprog
    a, b = game
    remaining = [list(range(m)) for m in a.shape]
    for i, mat in enumerate((a, b.T)):
        found = dict(dominated_strategies([a, b], i, remaining))
        for s in range(mat.shape[0]):
            assert (s in found) == (not _best_response_to_some_belief(mat, s, linprog))
            if s in found:
                assert _dominates(mat, s, found[s])
        # exact Fractions and floats give the same answers as integers
        if i == 0:
            frac = [x.astype(object) for x in (a, b)]
            assert dict(dominated_strategies(frac, 0, remaining)) == found
            floats = [x.astype(float) for x in (a, b)]
            assert set(dict(dominated_strategies(floats, 0, remaining))) == set(found)


def test_a_100_by_50_game_is_reduced_and_every_step_checks() -> None:
    # The case: iterated dominance on a 100×50 game with 50 rows dominated only by
    # mixed strategies used to run for minutes.  Its answer is checked here, not timed.
    linprog = pytest.importorskip("scipy.optimize").linprog
    rng = np.random.default_rng(9)
    a = _planted(rng, 100, 50)
    b = rng.integers(0, 100, (100, 50))
    result = iterated_elimination([a, b])
    remaining = [list(range(m)) for m in a.shape]
    for r in range(1, result.rounds + 1):
        for e in (e for e in result.steps if e.round == r):
            mat = (a, b.T)[e.player][np.ix_(remaining[e.player], remaining[1 - e.player])]
            local = [(remaining[e.player].index(k), w) for k, w in e.dominated_by]
            assert _dominates(mat, remaining[e.player].index(e.strategy), local)
        for e in (e for e in result.steps if e.round == r):
            remaining[e.player].remove(e.strategy)
    assert tuple(tuple(x) for x in remaining) == result.remaining
    assert any(len(e.dominated_by) > 1 for e in result.steps)  # mixed dominators were needed
    for i, mat in enumerate((a, b.T)):
        sub = mat[np.ix_(remaining[i], remaining[1 - i])]
        for s in range(sub.shape[0]):
            assert _best_response_to_some_belief(sub, s, linprog)


@pytest.mark.parametrize("fillers", [0, 12])
def test_round_off_cannot_hide_a_tiny_mixed_dominance(fillers) -> None:
    # s = 1 - 10^-15 everywhere is strictly dominated by the even mix of the rows (2, 0, …)
    # and (0, 2, …), but in floats it looks like a best response to the uniform belief:
    # the exact check of the belief must send it to the exact program.  With 12 rows of
    # zeros the program is large enough for the floating-point dominator path too.
    from fractions import Fraction

    cols = 14
    eps = Fraction(1, 10**15)
    r1 = [Fraction(2 * (j % 2 == 0)) for j in range(cols)]
    r2 = [Fraction(2 * (j % 2 == 1)) for j in range(cols)]
    s = [1 - eps] * cols
    rows = [r1, r2, s] + [[Fraction(0)] * cols for _ in range(fillers)]
    a = np.array(rows, dtype=object)
    b = np.zeros_like(a)
    found = dict(dominated_strategies([a, b], 0, [list(range(len(rows))), list(range(cols))]))
    assert found[2] == ((0, Fraction(1, 2)), (1, Fraction(1, 2)))
    assert set(found) == {2, *range(3, 3 + fillers)}
