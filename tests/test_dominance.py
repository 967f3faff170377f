"""Tests of the exact LP solver (leverage.solve.lp) and of dominance (leverage.solve.dominance).

Oracles: scipy's HiGHS (``scipy.optimize.linprog``) and exact LP duality for the LP solver;
pygambit's ``enummixed_solve`` (no Nash equilibrium uses an iteratively strictly dominated
strategy) and an independent best-response LP in scipy (Pearce 1984: in two-player games a
strategy is strictly dominated iff it is a best response to no belief) for dominance.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leverage.errors import ModelError
from leverage.solve.dominance import (
    DominanceResult,
    Elimination,
    dominated_strategies,
    iterated_elimination,
)
from leverage.solve.lp import LPResult, maximize

from .oracle import belief_margin

F = Fraction

# ============================================================================ linear programs


def _feasible(x: Sequence[Fraction], a_ub, b_ub, a_eq, b_eq) -> bool:
    if any(v < 0 for v in x):
        return False
    for row, b in zip(a_ub, b_ub, strict=True):
        if sum(F(a) * v for a, v in zip(row, x, strict=True)) > b:
            return False
    for row, b in zip(a_eq, b_eq, strict=True):
        if sum(F(a) * v for a, v in zip(row, x, strict=True)) != b:
            return False
    return True


def _naive_dantzig_cycles(c, a_ub, b_ub, max_pivots: int = 50) -> bool:
    """Textbook simplex (largest coefficient in, lowest-subscript ratio tie out) on the
    dictionary with unit slacks; True when it returns to a basis it has visited."""
    m, n = len(a_ub), len(c)
    rows = [
        [F(v) for v in row] + [F(int(i == k)) for k in range(m)] + [F(b)]
        for i, (row, b) in enumerate(zip(a_ub, b_ub, strict=True))
    ]
    obj = [-F(v) for v in c] + [F(0)] * (m + 1)
    basis = list(range(n, n + m))
    seen = {tuple(basis)}
    for _ in range(max_pivots):
        s = min(range(n + m), key=lambda j: (obj[j], j))
        if obj[s] >= 0:
            return False
        cands = [i for i in range(m) if rows[i][s] > 0]
        if not cands:
            return False
        r = min(cands, key=lambda i: (rows[i][-1] / rows[i][s], basis[i]))
        p = rows[r][s]
        rows[r] = [v / p for v in rows[r]]
        for i in range(m):
            if i != r and rows[i][s]:
                f = rows[i][s]
                rows[i] = [v - f * w for v, w in zip(rows[i], rows[r], strict=True)]
        f = obj[s]
        obj = [v - f * w for v, w in zip(obj, rows[r], strict=True)]
        basis[r] = s
        if tuple(basis) in seen:
            return True
        seen.add(tuple(basis))
    return False


# Beale (1955), "Cycling in the dual simplex algorithm", Naval Res. Logist. Q. 2:269-275:
# max 3/4 x1 - 20 x2 + 1/2 x3 - 6 x4; optimum 5/4 at x = (1, 0, 1, 0).
BEALE = (
    [F(3, 4), -20, F(1, 2), -6],
    [[F(1, 4), -8, -1, 9], [F(1, 2), -12, F(-1, 2), 3], [0, 0, 1, 0]],
    [0, 0, 1],
)
# Chvátal (1983), Linear Programming, ch. 3 (the cycling example): optimum 1 at (1, 0, 1, 0).
CHVATAL = (
    [10, -57, -9, -24],
    [[F(1, 2), F(-11, 2), F(-5, 2), 9], [F(1, 2), F(-3, 2), F(-1, 2), 1], [1, 0, 0, 0]],
    [0, 0, 1],
)


@pytest.mark.parametrize(
    ("lp", "value", "x"),
    [(BEALE, F(5, 4), (1, 0, 1, 0)), (CHVATAL, F(1), (1, 0, 1, 0))],
    ids=["beale", "chvatal"],
)
def test_cycling_examples_terminate_at_the_optimum(lp, value, x) -> None:
    c, a, b = lp
    # the examples really make the textbook rule cycle ...
    assert _naive_dantzig_cycles(c, a, b)
    # ... while Bland's rule reaches the known optimum
    result = maximize(c, a, b)
    assert result == LPResult("optimal", value, tuple(F(v) for v in x))


def test_small_textbook_lp() -> None:
    # Chvátal (1983) ch. 2 first example: max 5x1+4x2+3x3, optimum 13 at (2, 0, 1).
    result = maximize([5, 4, 3], [[2, 3, 1], [4, 1, 2], [3, 4, 2]], [5, 11, 8])
    assert result == LPResult("optimal", F(13), (F(2), F(0), F(1)))


def test_infeasible_and_unbounded() -> None:
    assert maximize([1, 1], [[1, 1]], [-1]) == LPResult("infeasible", None, None)
    assert maximize([1], [[1]], [3], [[1]], [4]).status == "infeasible"
    assert maximize([1, -1], [[-1, 1]], [2]) == LPResult("unbounded", None, None)
    # infeasible and dual-infeasible at once: reported infeasible (phase 1 comes first)
    assert maximize([1, 0], [[0, 1]], [-1]).status == "infeasible"


def test_equalities_negative_rhs_and_redundant_rows() -> None:
    # x1 + x2 = 2 stated twice (the second scaled), -x1 = -1/2 (negative right-hand side)
    result = maximize([F(1), F(3)], [[0, 1]], [5], [[1, 1], [2, 2], [-1, 0]], [2, 4, F(-1, 2)])
    assert result == LPResult("optimal", F(1, 2) + 3 * F(3, 2), (F(1, 2), F(3, 2)))
    # an inequality with a negative right-hand side: x1 >= 3
    assert maximize([-1], [[-1]], [-3]) == LPResult("optimal", F(-3), (F(3),))


def test_degenerate_edges() -> None:
    assert maximize([], [], []) == LPResult("optimal", F(0), ())
    assert maximize([], [], [], [[]], [1]).status == "infeasible"
    assert maximize([-1, -2], [], []) == LPResult("optimal", F(0), (F(0), F(0)))
    assert maximize([1], [], []).status == "unbounded"
    assert maximize([0, 0], [[1, 1]], [0]) == LPResult("optimal", F(0), (F(0), F(0)))


def test_floats_are_taken_exactly() -> None:
    result = maximize([0.1], [[1.0]], [0.3])
    assert result.value == F(0.1) * F(0.3)
    assert result.x == (F(0.3),)


def test_bad_input_is_rejected() -> None:
    with pytest.raises(ValueError, match="entries"):
        maximize([1, 2], [[1]], [1])
    with pytest.raises(ValueError, match="rows"):
        maximize([1], [[1], [2]], [1])
    with pytest.raises(ValueError, match="together"):
        maximize([1], [], [], [[1]], None)
    with pytest.raises(ValueError, match="finite"):
        maximize([float("nan")], [], [])


coefficients = st.one_of(
    st.integers(-4, 4),
    st.fractions(min_value=-4, max_value=4, max_denominator=6),
)


@st.composite
def linear_programs(draw):
    n = draw(st.integers(1, 5))
    m_ub = draw(st.integers(0, 5))
    m_eq = draw(st.integers(0, 2))
    vec = lambda k: draw(st.lists(coefficients, min_size=k, max_size=k))  # noqa: E731
    c = vec(n)
    a_ub = [vec(n) for _ in range(m_ub)]
    b_ub = vec(m_ub)
    a_eq = [vec(n) for _ in range(m_eq)]
    b_eq = vec(m_eq)
    return c, a_ub, b_ub, a_eq, b_eq


def _dual(c, a_ub, b_ub, a_eq, b_eq):
    """max -(b_ub y + b_eq (z+ - z-)) s.t. -(A_ub^T y + A_eq^T (z+ - z-)) <= -c."""
    n = len(c)
    cols = [list(r) for r in a_ub] + [list(r) for r in a_eq] + [[-v for v in r] for r in a_eq]
    rhs = list(b_ub) + list(b_eq) + [-v for v in b_eq]
    a = [[-F(col[j]) for col in cols] for j in range(n)]
    return [-F(v) for v in rhs], a, [-F(v) for v in c]


@settings(max_examples=120, deadline=None)
@given(linear_programs())
def test_agrees_with_scipy_and_duality(lp) -> None:
    linprog = pytest.importorskip("scipy.optimize").linprog
    c, a_ub, b_ub, a_eq, b_eq = lp
    result = maximize(c, a_ub, b_ub, a_eq or None, b_eq or None)

    def scipy_status(objective, method="highs"):
        """scipy's status for these constraints (0 optimal, 2 infeasible, 3 unbounded)."""
        rows = lambda m: np.array([[float(v) for v in r] for r in m]) if m else None  # noqa: E731
        return linprog(
            objective,
            A_ub=rows(a_ub),
            b_ub=[float(v) for v in b_ub] or None,
            A_eq=rows(a_eq),
            b_eq=[float(v) for v in b_eq] or None,
            bounds=(0, None),
            method=method,
        )

    ref = scipy_status([-float(v) for v in c])
    expected = {0: "optimal", 2: "infeasible", 3: "unbounded"}[ref.status]
    dual = maximize(*_dual(c, a_ub, b_ub, a_eq, b_eq))
    feasibility = [0.0] * len(c)
    if result.status == "optimal":
        assert expected == "optimal"
        assert result.x is not None and result.value is not None
        assert _feasible(result.x, a_ub, b_ub, a_eq, b_eq)
        assert result.value == sum(F(ci) * xi for ci, xi in zip(c, result.x, strict=True))
        assert float(result.value) == pytest.approx(-ref.fun, rel=1e-7, abs=1e-7)
        # strong duality, exactly
        assert dual.status == "optimal" and dual.value == -result.value
    elif result.status == "unbounded":
        # HiGHS's presolve can call a feasible unbounded program infeasible (see
        # test_highs_misreports_unbounded_program); then check feasibility directly.
        if expected != "unbounded":
            assert scipy_status(feasibility, method="highs-ds").status == 0
        assert dual.status == "infeasible"
    else:
        # HiGHS may report a program that is both infeasible and dual infeasible as unbounded
        assert expected in ("infeasible", "unbounded")
        assert dual.status in ("infeasible", "unbounded")
        # phase-1 check with scipy: no feasible point at all
        assert scipy_status(feasibility).status == 2


def test_medium_lp_matches_scipy() -> None:
    linprog = pytest.importorskip("scipy.optimize").linprog
    rng = np.random.default_rng(7)
    a = rng.integers(-5, 10, (30, 80))
    b = rng.integers(1, 100, 30)
    c = rng.integers(-3, 10, 80)
    result = maximize(c.tolist(), a.tolist(), b.tolist())
    ref = linprog(-c, A_ub=a, b_ub=b, bounds=(0, None), method="highs")
    assert result.status == "optimal" and result.value is not None
    assert float(result.value) == pytest.approx(-ref.fun, rel=1e-9)


# ============================================================================ dominance


def _game(*arrays) -> list[np.ndarray]:
    return [np.array(a, dtype=object) for a in arrays]


def test_prisoners_dilemma_one_round() -> None:
    # Axelrod (1984) payoffs R=3, S=0, T=5, P=1; 0 = Cooperate, 1 = Defect
    a = np.array([[3, 0], [5, 1]])
    result = iterated_elimination([a, a.T])
    assert result.solved and result.rounds == 1
    assert result.remaining == ((1,), (1,))
    assert result.steps == (
        Elimination(0, 0, ((1, F(1)),), 1),
        Elimination(1, 0, ((1, F(1)),), 1),
    )


MIX_ROWS = [[3, 0], [0, 3], [1, 1]]


def test_dominated_only_by_a_mixed_strategy() -> None:
    # Textbook example (cf. Fudenberg & Tirole 1991, Game Theory, §2.1; Osborne 2004, An
    # Introduction to Game Theory, on dominance by mixed strategies): T=(3,0), M=(0,3),
    # B=(1,1); no pure strategy dominates B but 1/2 T + 1/2 M = (3/2, 3/2) does.
    u1 = np.array(MIX_ROWS)
    u2 = np.zeros((3, 2), dtype=int)
    rem = [[0, 1, 2], [0, 1]]
    assert dominated_strategies([u1, u2], 0, rem, mixed=False) == []
    assert dominated_strategies([u1, u2], 0, rem) == [(2, ((0, F(1, 2)), (1, F(1, 2))))]
    assert iterated_elimination([u1, u2], mixed=False).remaining == ((0, 1, 2), (0, 1))
    result = iterated_elimination([u1, u2])
    assert result.remaining == ((0, 1), (0, 1))
    assert result.steps == (Elimination(0, 2, ((0, F(1, 2)), (1, F(1, 2))), 1),)
    # the same game in floats scaled by 1/10: exact LP on the binary values
    fl = iterated_elimination([u1 / 10, u2.astype(float)])
    assert fl.remaining == ((0, 1), (0, 1))


def test_gibbons_three_rounds_alternating() -> None:
    # Gibbons (1992), Game Theory for Applied Economists, §1.1.B, Fig. 1.1.1 (a 2x3 game):
    # rows Up, Down; columns Left, Middle, Right.  Right is dominated by Middle, then Down by
    # Up, then Left by Middle: (Up, Middle).
    u1 = [[1, 1, 0], [0, 0, 2]]
    u2 = [[0, 2, 1], [3, 1, 0]]
    result = iterated_elimination(_game(u1, u2))
    assert result.steps == (
        Elimination(1, 2, ((1, F(1)),), 1),
        Elimination(0, 1, ((0, F(1)),), 2),
        Elimination(1, 0, ((1, F(1)),), 3),
    )
    assert result.remaining == ((0,), (1,)) and result.solved and result.rounds == 3
    # float arrays give the same answer
    assert iterated_elimination([np.array(u1, float), np.array(u2, float)]) == result


def test_rock_paper_scissors_nothing_eliminated() -> None:
    rps = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    result = iterated_elimination([rps, -rps])
    assert result == DominanceResult((), ((0, 1, 2), (0, 1, 2)))
    assert not result.solved and result.rounds == 0


def test_three_player_public_goods_game() -> None:
    # Linear public-goods game: each of 3 players contributes 1 (strategy 0) or not
    # (strategy 1); the pot is multiplied by 3/2 and shared equally, so contributing costs 1
    # and returns 1/2: free riding strictly dominates (e.g. Ledyard 1995, Handbook of
    # Experimental Economics, ch. 2).
    shape = (2, 2, 2)
    arrays = [np.empty(shape, dtype=object) for _ in range(3)]
    for prof in itertools.product(range(2), repeat=3):
        pot = sum(1 for s in prof if s == 0)
        for i in range(3):
            arrays[i][prof] = F(pot, 2) - (1 if prof[i] == 0 else 0)
    result = iterated_elimination(arrays)
    assert result.remaining == ((1,), (1,), (1,)) and result.rounds == 1
    assert [(e.player, e.strategy) for e in result.steps] == [(0, 0), (1, 0), (2, 0)]


def test_three_player_chain_and_mixed_dominance() -> None:
    # Player 0 prefers 0; player 1 wants to match player 0; player 2 to match player 1:
    # solved in three rounds, one player per round.
    arrays = [np.zeros((2, 2, 2), dtype=int) for _ in range(3)]
    for a, b, c in itertools.product(range(2), repeat=3):
        arrays[0][a, b, c] = int(a == 0)
        arrays[1][a, b, c] = int(b == a)
        arrays[2][a, b, c] = int(c == b)
    result = iterated_elimination(arrays)
    assert result.remaining == ((0,), (0,), (0,))
    assert [(e.player, e.strategy, e.round) for e in result.steps] == [
        (0, 1, 1),
        (1, 1, 2),
        (2, 1, 3),
    ]
    # Player 0 with T=(3,0,0,3), M=(0,3,3,0), B=(1,1,1,1) over the four opponent profiles:
    # B is dominated only by 1/2 T + 1/2 M (margins 1/2), the unique maximin mix.
    u0 = np.zeros((3, 2, 2), dtype=int)
    u0[0] = [[3, 0], [0, 3]]
    u0[1] = [[0, 3], [3, 0]]
    u0[2] = 1
    zero = np.zeros((3, 2, 2), dtype=int)
    result = iterated_elimination([u0, zero, zero])
    assert result.steps == (Elimination(0, 2, ((0, F(1, 2)), (1, F(1, 2))), 1),)
    assert result.remaining == ((0, 1), (0, 1), (0, 1))


def test_pure_dominator_choice_and_weak_dominance() -> None:
    opp = np.zeros((4, 2), dtype=int)
    # row 0 is dominated by rows 1 (margin 1), 2 (margin 2) and 3 (margin 2): report row 2
    u = np.array([[0, 0], [1, 5], [2, 2], [2, 3]])
    found = dominated_strategies([u, opp], 0, [[0, 1, 2, 3], [0, 1]])
    assert found[0] == (0, ((2, F(1)),))
    # weak dominance: (1,1) vs (1,0) -- not strict
    u = np.array([[1, 1], [1, 0]])
    opp = np.zeros((2, 2), dtype=int)
    rem = [[0, 1], [0, 1]]
    assert dominated_strategies([u, opp], 0, rem) == []
    assert dominated_strategies([u, opp], 0, rem, weak=True) == [(1, ((0, F(1)),))]
    assert iterated_elimination([u, opp]).remaining == ((0, 1), (0, 1))


def test_remaining_restricts_comparison() -> None:
    # Gibbons: Down is not dominated in the full game, but it is once Right is gone
    u1 = np.array([[1, 1, 0], [0, 0, 2]])
    u2 = np.array([[0, 2, 1], [3, 1, 0]])
    assert dominated_strategies([u1, u2], 0, [[0, 1], [0, 1, 2]]) == []
    assert dominated_strategies([u1, u2], 0, [[0, 1], [0, 1]]) == [(1, ((0, F(1)),))]
    # a single remaining strategy cannot be dominated
    assert dominated_strategies([u1, u2], 1, [[0, 1], [2]]) == []


def test_bad_games_and_arguments() -> None:
    a = np.zeros((2, 2))
    with pytest.raises(ModelError):
        iterated_elimination([a])
    with pytest.raises(ModelError):
        iterated_elimination([a, np.zeros((2, 3))])
    with pytest.raises(ModelError):
        iterated_elimination([np.zeros(2), np.zeros(2)])
    with pytest.raises(ModelError, match="finite"):
        iterated_elimination([np.array([[np.inf, 0], [0, 0]]), a])
    with pytest.raises(ModelError, match="real number"):
        iterated_elimination([np.array([["x", 0], [0, 0]], dtype=object), a])
    with pytest.raises(ValueError, match="player index"):
        dominated_strategies([a, a], 2, [[0, 1], [0, 1]])
    with pytest.raises(ValueError):
        dominated_strategies([a, a], 0, [[0, 1]])
    with pytest.raises(ValueError):
        dominated_strategies([a, a], 0, [[0, 2], [0, 1]])
    with pytest.raises(ValueError):
        dominated_strategies([a, a], 0, [[], [0, 1]])


# ---------------------------------------------------------------------- properties


@st.composite
def bimatrix_games(draw, low: int = -4, high: int = 4):
    shape = (draw(st.integers(2, 4)), draw(st.integers(2, 4)))
    elems = st.integers(low, high)
    a = draw(hnp.arrays(np.int64, shape, elements=elems))
    b = draw(hnp.arrays(np.int64, shape, elements=elems))
    return a, b


def _state_at_rounds(shape, result: DominanceResult) -> dict[int, list[list[int]]]:
    """The remaining sets at the start of every round."""
    remaining = [list(range(m)) for m in shape]
    states = {}
    for r in range(1, result.rounds + 1):
        states[r] = [list(s) for s in remaining]
        for e in result.steps:
            if e.round == r:
                remaining[e.player].remove(e.strategy)
    assert tuple(tuple(s) for s in remaining) == result.remaining
    return states


def _strictly_dominates(arr, player, remaining, strategy, weights) -> bool:
    assert all(w > 0 for _, w in weights) and sum(w for _, w in weights) == 1
    others = [rem for j, rem in enumerate(remaining) if j != player]
    for t in itertools.product(*others):

        def u(k, t=t):
            prof = list(t)
            prof.insert(player, k)
            return F(arr[tuple(prof)])

        if not sum(w * u(k) for k, w in weights) > u(strategy):
            return False
    return True


@settings(max_examples=150, deadline=None)
@given(bimatrix_games())
def test_nash_supports_survive_and_dominators_dominate(game) -> None:
    gbt = pytest.importorskip("pygambit")
    a, b = game
    result = iterated_elimination([a, b])

    # every reported dominator strictly dominates, exactly, at the start of its round
    states = _state_at_rounds(a.shape, result)
    for e in result.steps:
        rem = states[e.round]
        assert e.strategy in rem[e.player]
        assert all(k in rem[e.player] and k != e.strategy for k, _ in e.dominated_by)
        assert _strictly_dominates((a, b)[e.player], e.player, rem, e.strategy, e.dominated_by)
    # the survivors are a fixed point
    for i in range(2):
        assert dominated_strategies([a, b], i, result.remaining) == []
    # pure-only elimination removes a subset
    pure = iterated_elimination([a, b], mixed=False)
    assert all(set(m) <= set(p) for m, p in zip(result.remaining, pure.remaining, strict=True))
    # float and Fraction arrays give the same result
    assert iterated_elimination([a.astype(float), b.astype(float)]) == result
    assert iterated_elimination(_game(a, b)) == result

    g = gbt.Game.from_arrays(a, b)
    players = list(g.players)
    for eq in gbt.nash.enummixed_solve(g, rational=True).equilibria:
        for i, player in enumerate(players):
            support = {k for k, s in enumerate(player.strategies) if eq[s] > 0}
            assert support <= set(result.remaining[i])


@settings(max_examples=100, deadline=None)
@given(bimatrix_games(), st.data())
def test_order_of_elimination_does_not_matter(game, data) -> None:
    # Gilboa, Kalai & Zemel (1990): eliminating one strictly dominated strategy at a time,
    # in any order, ends at the same set.
    a, b = game
    remaining = [list(range(m)) for m in a.shape]
    while True:
        candidates = [
            (i, s) for i in range(2) for s, _ in dominated_strategies([a, b], i, remaining)
        ]
        if not candidates:
            break
        i, s = data.draw(st.sampled_from(candidates))
        remaining[i].remove(s)
    assert tuple(tuple(r) for r in remaining) == iterated_elimination([a, b]).remaining


@settings(max_examples=100, deadline=None)
@given(bimatrix_games(-6, 6))
def test_mixed_dominance_agrees_with_never_best_response(game) -> None:
    # Pearce (1984): in a two-player game a strategy is strictly dominated (possibly by a
    # mixed strategy) iff no belief about the opponent makes it a best response.  Belief LP
    # in floats: max d s.t. (u(s) - u(k)) q >= d for all k, sum q = 1, q >= 0.
    pytest.importorskip("scipy.optimize")
    a, b = game
    remaining = [list(range(m)) for m in a.shape]
    for i, mat in enumerate((a, b.T)):
        dominated = {s for s, _ in dominated_strategies([a, b], i, remaining)}
        for s in range(mat.shape[0]):
            # the margin is rational with a small denominator: its sign is clear
            assert (s in dominated) == (belief_margin(mat, s) < -1e-9)


def test_highs_misreports_unbounded_program() -> None:
    # Found by hypothesis in CI: scipy's HiGHS (1.17) reports this program infeasible.
    # By hand: x = (2, 0, 0, 1, 1) is feasible, and x + t (2, 1, 0, 1, 1) stays feasible
    # for every t >= 0 while the objective x4 grows without bound: it is unbounded.
    c = [0, 0, 0, 0, 1]
    a_ub = [[1, 0, 0, 0, -2], [0, 0, 0, 0, 0], [0, 0, 0, -2, 1], [0, 0, 1, -1, -1]]
    b_ub = [0, 0, 0, 0]
    a_eq = [[0, 1, 1, -1, 0], [-1, 0, 1, 1, 1]]
    b_eq = [-1, 0]
    point, ray = [2, 0, 0, 1, 1], [2, 1, 0, 1, 1]
    for t in (0, 1, 10):
        x = [p + t * r for p, r in zip(point, ray, strict=True)]
        assert _feasible([F(v) for v in x], a_ub, b_ub, a_eq, b_eq)
    assert maximize(c, a_ub, b_ub, a_eq, b_eq).status == "unbounded"
