"""Tests of the exact Lemke–Howson solver (leverage.solve.bimatrix.lemke_howson).

Golden results from the literature, games with exponentially long paths built from
labelled dual cyclic polytopes, degenerate games, and hypothesis properties against
pygambit's ``enummixed`` as an independent oracle.
"""

from __future__ import annotations

import doctest
import itertools
import time
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import leverage.solve.bimatrix.lemke_howson as lh_module
from leverage.errors import ParameterError, TooLargeError
from leverage.solve.bimatrix.lemke_howson import (
    DEFAULT_MAX_PIVOTS,
    _follow_path,
    _game,
    lemke_howson,
    lemke_howson_all_labels,
)

from .oracle import gambit_extreme_equilibria
from .strategies import bimatrix, degenerate_bimatrix


def assert_equilibrium(a, b, x, y):
    """Independent exact check: probabilities, and zero regret for both players."""
    a = [[F(v) for v in row] for row in np.asarray(a, dtype=object).tolist()]
    b = [[F(v) for v in row] for row in np.asarray(b, dtype=object).tolist()]
    m, n = len(a), len(a[0])
    assert len(x) == m and len(y) == n
    assert all(isinstance(p, F) for p in (*x, *y))
    assert all(p >= 0 for p in (*x, *y))
    assert sum(x) == 1 and sum(y) == 1
    row_payoffs = [sum(a[i][j] * y[j] for j in range(n)) for i in range(m)]
    col_payoffs = [sum(b[i][j] * x[i] for i in range(m)) for j in range(n)]
    assert sum(p * u for p, u in zip(x, row_payoffs, strict=True)) == max(row_payoffs)
    assert sum(q * u for q, u in zip(y, col_payoffs, strict=True)) == max(col_payoffs)


# --------------------------------------------------------------------------- golden results

# von Stengel (2007), "Equilibrium computation for two-player games in strategic and
# extensive form", Algorithmic Game Theory ch. 3, game (3.3) and its three equilibria.
VS_A = [[3, 3], [2, 5], [0, 6]]
VS_B = [[3, 2], [2, 6], [3, 1]]
VS_PURE = ((F(1), F(0), F(0)), (F(1), F(0)))
VS_MIXED_1 = ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3)))
VS_MIXED_2 = ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))

# Dropped label -> equilibrium reached.  Labels 0 and 1 as in von Stengel's worked
# example (§3.4; the same pairs are the golden data of QuantEcon's lemke_howson tests).
# Labels 2-4 traced by hand on P = {x >= 0: B^T x <= 1}, Q = {y >= 0: A y <= 1}:
#   2: x3 in (s1 out, x3 = 1/3), y1 in (r1 out), x1 in (x3 out)       -> pure equilibrium
#   3: y1 in (r1 out), x1 in (s1 out)                                  -> pure equilibrium
#   4: y2 in (r3 out), x3 in (s1 out), y1 in (r2 out at y = (1/12, 1/6)),
#      x2 in (s2 out at x = (0, 1/8, 1/4))                             -> (0, 1/3, 2/3), (1/3, 2/3)
VS_BY_LABEL = {0: VS_PURE, 1: VS_MIXED_2, 2: VS_PURE, 3: VS_PURE, 4: VS_MIXED_2}


@pytest.mark.parametrize("label", range(5))
def test_von_stengel_3x2_every_label(label):
    eq = lemke_howson(VS_A, VS_B, initial_label=label)
    assert eq in {VS_PURE, VS_MIXED_1, VS_MIXED_2}
    assert eq == VS_BY_LABEL[label]
    assert_equilibrium(VS_A, VS_B, *eq)


def test_von_stengel_3x2_unreachable_equilibrium():
    # In a nondegenerate game every Lemke-Howson path from the artificial equilibrium
    # ends at an equilibrium of index +1 (Shapley 1974, "A note on the Lemke-Howson
    # algorithm"); the third equilibrium, of index -1, lies on no such path.
    assert lemke_howson_all_labels(VS_A, VS_B) == [VS_PURE, VS_MIXED_2]


def test_matches_gambit_on_von_stengel():
    found = set(lemke_howson_all_labels(VS_A, VS_B))
    assert found <= gambit_extreme_equilibria(VS_A, VS_B)


def test_matching_pennies():
    a = [[1, -1], [-1, 1]]
    b = [[-1, 1], [1, -1]]
    half = (F(1, 2), F(1, 2))
    for label in range(4):
        assert lemke_howson(a, b, initial_label=label) == (half, half)
    assert lemke_howson_all_labels(a, b) == [(half, half)]


def test_rock_paper_scissors():
    # Zero-sum, unique equilibrium: both players uniform.
    a = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    third = (F(1, 3),) * 3
    for label in range(6):
        assert lemke_howson(a, -a, initial_label=label) == (third, third)


def test_prisoners_dilemma_pure():
    # Defect/defect is the unique (strict) equilibrium.
    a = [[3, 0], [5, 1]]
    b = [[3, 5], [0, 1]]
    for label in range(4):
        assert lemke_howson(a, b, initial_label=label) == ((F(0), F(1)), (F(0), F(1)))


def test_rational_and_float_payoffs_are_exact():
    # A positive affine transformation of each player's payoffs changes no best
    # response; this game is nondegenerate, so the path and its end are the same.
    a = [[F(3, 7) * v + F(1, 3) for v in row] for row in VS_A]
    b = [[F(v, 2) - 5 for v in row] for row in VS_B]
    for label in range(5):
        assert lemke_howson(a, b, initial_label=label) == VS_BY_LABEL[label]
    floats = [[v / 4 for v in row] for row in VS_A]  # exact binary fractions
    assert lemke_howson(floats, VS_B, initial_label=1) == VS_MIXED_2
    obj = np.array(a, dtype=object)
    assert lemke_howson(obj, np.array(VS_B), initial_label=4) == VS_MIXED_2


# --------------------------------------------------------------------------- degenerate games


@pytest.mark.parametrize("shape", [(1, 1), (2, 2), (3, 4), (5, 5)])
def test_all_ones_game_terminates(shape):
    ones = np.ones(shape, dtype=int)
    found = lemke_howson_all_labels(ones, ones)
    assert found
    for x, y in found:
        assert_equilibrium(ones, ones, x, y)
        # Every profile is an equilibrium; LH ends at vertices: pure strategies.
        assert sorted(x)[-1] == 1 and sorted(y)[-1] == 1


def test_degenerate_zero_sum_game():
    # Column 3 has two pure best responses, on which nashpy's lemke_howson returns nan
    # (nashpy docs, "Degenerate games").  The lexicographic rule finds an equilibrium.
    a = np.array([[0, -1, 1], [-1, 0, 1], [-1, 1, 0]])
    oracle = gambit_extreme_equilibria(a, -a)
    for label in range(6):
        x, y = lemke_howson(a, -a, initial_label=label)
        assert_equilibrium(a, -a, x, y)
        assert (x, y) in oracle


def test_degenerate_von_stengel_variant():
    # von Stengel's game with B[0] = (3, 3): row 1 has two best responses (degenerate);
    # its extreme equilibria (QuantEcon vertex-enumeration tests) include
    # ((1, 0, 0), (2/3, 1/3)), an endpoint of a continuum.
    b = [[3, 3], [2, 6], [3, 1]]
    oracle = gambit_extreme_equilibria(VS_A, b)
    assert ((F(1), F(0), F(0)), (F(2, 3), F(1, 3))) in oracle
    for x, y in lemke_howson_all_labels(VS_A, b):
        assert_equilibrium(VS_A, b, x, y)
        assert (x, y) in oracle


def test_larger_degenerate_game_terminates():
    # A 12 x 12 win-lose game (payoffs in {0, 1}) is massively degenerate.
    rng = np.random.default_rng(20070101)
    a = rng.integers(0, 2, (12, 12))
    b = rng.integers(0, 2, (12, 12))
    for label in range(24):
        x, y = lemke_howson(a, b, initial_label=label, max_pivots=5_000)
        assert_equilibrium(a, b, x, y)


# --------------------------------------------------------------------------- long paths
#
# Morris (1994, "Lemke paths on simple polytopes", Math. Oper. Res.) labelled the facets
# of dual cyclic polytopes so that Lemke paths are exponentially long; Savani & von
# Stengel (2006, "Hard-to-solve bimatrix games", Econometrica; simplified in "Unit
# vector games", Int. J. Econ. Theory 2016) turn such a labelled polytope into a unit
# vector game (U, B): P = {x >= 0 : B^T x <= 1} is the dual cyclic polytope, facet
# x_i >= 0 has label i and facet (B^T x)_j <= 1 has label l(d + j), the row in which
# column j of U has its 1.  The Lemke-Howson path for a dropped row label k then makes
# exactly the pivots in P of the Lemke path on the labelled polytope, which can be
# computed combinatorially on Gale strings (a vertex of the dual cyclic polytope with
# facets 1..N in cyclic order is a bit string with d ones satisfying Gale's evenness
# condition).  That gives an oracle, independent of any linear algebra, for the number
# of pivots.


def morris_labels(d):
    """Morris's labelling of the 2d - 2 facets (repeated neighbours removed), 1-based.

    As stated in M. M. Casetti's thesis on Gale strings (LSE); d = 6 gives 1234564523.
    """
    labels = list(range(1, d + 1))
    for k in range(1, d - 1):
        labels.append(d - k + 1 if k % 2 == 0 else d - k - 1)
    return labels


def gale_pivot(s, i):
    """Drop the 1 at position i of the cyclic Gale string s; return the new 1's index."""
    n = len(s)
    left = 0
    while s[(i - 1 - left) % n]:
        left += 1
    right = 0
    while s[(i + 1 + right) % n]:
        right += 1
    # The run through i has even length; without i one side is odd and is extended.
    j = (i - left - 1) % n if left % 2 else (i + right + 1) % n
    s[i], s[j] = 0, 1
    return j


def gale_lemke_path(labels, d, k):
    """Length and end of the Lemke path from 1^d 0^(N-d) with missing label k."""
    s = [1] * d + [0] * (len(labels) - d)
    i = labels.index(k)
    steps = 0
    while True:
        j = gale_pivot(s, i)
        steps += 1
        if labels[j] == k:
            return steps, s
        i = next(p for p, bit in enumerate(s) if bit and labels[p] == labels[j] and p != j)


def solve(matrix, rhs) -> list[F]:
    """Exact Gauss-Jordan solution of matrix @ z = rhs."""
    n = len(rhs)
    aug = [[*map(F, row), F(v)] for row, v in zip(matrix, rhs, strict=True)]
    for c in range(n):
        r = next(r for r in range(c, n) if aug[r][c] != 0)
        aug[c], aug[r] = aug[r], aug[c]
        aug[c] = [v / aug[c][c] for v in aug[c]]
        for r in range(n):
            if r != c and aug[r][c] != 0:
                f = aug[r][c]
                aug[r] = [v - f * w for v, w in zip(aug[r], aug[c], strict=True)]
    return [row[-1] for row in aug]


def morris_game(d):
    """The unit vector game (U, B) on the Morris-labelled dual cyclic polytope."""
    labels = morris_labels(d)
    big_n = len(labels)
    # Points on the moment curve, centred so that 0 is interior to their convex hull;
    # their polar {z : p_k . z <= 1} is a dual cyclic polytope with facets in order.
    moment = [[t**e for e in range(1, d + 1)] for t in range(1, big_n + 1)]
    centre = [F(sum(p[e] for p in moment), big_n) for e in range(d)]
    pts = [[p[e] - centre[e] for e in range(d)] for p in moment]
    # Affine change of coordinates x = 1 - F z, with F the first d facet normals, maps
    # the vertex on facets 1..d (Gale string 1^d 0^(N-d)) to x = 0 and facet k <= d
    # to x_k >= 0; every other facet becomes c_k . x <= 1.
    f_rows = pts[:d]
    f_cols = [list(col) for col in zip(*f_rows, strict=True)]
    vertex = solve(f_rows, [1] * d)
    columns: list[list[F]] = []
    for p in pts[d:]:
        w = solve(f_cols, p)  # F^{-T} p
        slack = 1 - sum(pe * ve for pe, ve in zip(p, vertex, strict=True))
        assert slack > 0
        columns.append([-wi / slack for wi in w])
    b = [[columns[j][i] for j in range(big_n - d)] for i in range(d)]
    u = [[int(labels[d + j] == i + 1) for j in range(big_n - d)] for i in range(d)]
    return u, b, labels


@pytest.mark.parametrize("d", [4, 6, 8, 10, 12])
def test_morris_game_pivots_match_gale_paths(d):
    u, b, labels = morris_game(d)
    game = _game(u, b)
    # Besides 1^d 0^(d-2) (the artificial equilibrium) the only completely labelled
    # Gale string is 1 0^(d-2) 1^(d-1) (Casetti's thesis, Example for d = 6), so the
    # game has a unique equilibrium: rows 1 and d unused, every column a best response.
    unique_end = [1] + [0] * (d - 2) + [1] * (d - 1)
    for k in range(1, d + 1):
        steps, end = gale_lemke_path(labels, d, k)
        assert end == unique_end
        path = _follow_path(game, k - 1, DEFAULT_MAX_PIVOTS)
        assert path.pivots_p == steps
        x, y = lemke_howson(u, b, initial_label=k - 1)
        assert_equilibrium(u, b, x, y)
        # Facet x_i >= 0 is tight iff bit i is 1; facet (B^T x)_j <= 1 iff bit d + j is.
        assert [int(p == 0) for p in x] == end[:d]
        col_payoffs = [sum(b[i][j] * x[i] for i in range(d)) for j in range(d - 2)]
        assert [int(v == max(col_payoffs)) for v in col_payoffs] == end[d:]
    assert len(lemke_howson_all_labels(u, b)) == 1


def test_morris_game_unique_equilibrium_by_gambit():
    u, b, _ = morris_game(6)
    (eq,) = gambit_extreme_equilibria(u, b)
    assert lemke_howson(u, b, initial_label=0) == eq


def test_morris_paths_grow_exponentially():
    # Path length for dropped label 1: 3, 9, 23, 57, 139, 337 (d = 4, ..., 14): the
    # ratio tends to 1 + sqrt(2) per two dimensions.
    lengths = []
    for d in range(4, 16, 2):
        u, b, _ = morris_game(d)
        lengths.append(_follow_path(_game(u, b), 0, DEFAULT_MAX_PIVOTS).pivots_p)
    assert lengths == [3, 9, 23, 57, 139, 337]
    assert all(later > 2 * earlier for earlier, later in itertools.pairwise(lengths))


def test_pivot_limit_on_long_path():
    u, b, _ = morris_game(12)
    total = _follow_path(_game(u, b), 0, DEFAULT_MAX_PIVOTS).pivots  # 139 + 138
    assert total == 277
    assert lemke_howson(u, b, initial_label=0, max_pivots=total) is not None
    with pytest.raises(TooLargeError, match="pivot limit") as info:
        lemke_howson(u, b, initial_label=0, max_pivots=total - 1)
    assert "initial label" in str(info.value)
    # A shorter path exists from another label (Morris: label 6 takes 18 pivots in P).
    x, y = lemke_howson(u, b, initial_label=5, max_pivots=100)
    assert_equilibrium(u, b, x, y)


def test_max_pivots_one_raises():
    # Every path needs at least two pivots (one in each polytope).
    with pytest.raises(TooLargeError, match="pivot limit"):
        lemke_howson(VS_A, VS_B, initial_label=1, max_pivots=1)
    with pytest.raises(TooLargeError):
        lemke_howson_all_labels(VS_A, VS_B, max_pivots=1)


# --------------------------------------------------------------------------- large games


def test_random_30x30_game_is_fast():
    rng = np.random.default_rng(30)
    a = rng.integers(-50, 51, (30, 30))
    b = rng.integers(-50, 51, (30, 30))
    start = time.perf_counter()
    x, y = lemke_howson(a, b)
    elapsed = time.perf_counter() - start
    assert_equilibrium(a, b, x, y)
    assert elapsed < 10  # typically a few hundredths of a second


# --------------------------------------------------------------------------- properties


@settings(max_examples=150, deadline=None)
@given(game=bimatrix(1, 6), data=st.data())
def test_random_games_zero_regret_and_extreme(game, data):
    a, b = game
    m, n = a.shape
    label = data.draw(st.integers(0, m + n - 1), label="label")
    x, y = lemke_howson(a, b, initial_label=label)
    assert_equilibrium(a, b, x, y)
    # The end of the path is a basic solution of both polytope systems, so a vertex
    # pair: an extreme equilibrium, as enummixed lists them (for degenerate games too).
    assert (x, y) in gambit_extreme_equilibria(a, b)


@settings(max_examples=100, deadline=None)
@given(game=degenerate_bimatrix(1, 6), data=st.data())
def test_win_lose_games_terminate(game, data):
    a, b = game
    m, n = a.shape
    label = data.draw(st.integers(0, m + n - 1), label="label")
    x, y = lemke_howson(a, b, initial_label=label, max_pivots=10_000)
    assert_equilibrium(a, b, x, y)
    assert (x, y) in gambit_extreme_equilibria(a, b)


@settings(max_examples=50, deadline=None)
@given(game=bimatrix(1, 4, st.fractions(-5, 5, max_denominator=6)))
def test_all_labels_distinct_equilibria(game):
    a, b = game
    found = lemke_howson_all_labels(a, b)
    assert found and len(found) == len(set(found))
    for x, y in found:
        assert_equilibrium(a, b, x, y)
    singles = [lemke_howson(a, b, initial_label=k) for k in range(sum(a.shape))]
    assert found == list(dict.fromkeys(singles))


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("label", [-1, 5, 100, 1.5, "0", True])
def test_bad_initial_label(label):
    with pytest.raises(ParameterError, match="initial_label"):
        lemke_howson(VS_A, VS_B, initial_label=label)


def test_numpy_integer_label_accepted():
    assert lemke_howson(VS_A, VS_B, initial_label=np.int64(1)) == VS_MIXED_2


@pytest.mark.parametrize("limit", [0, -3, 2.5, "10", False])
def test_bad_max_pivots(limit):
    with pytest.raises(ParameterError, match="max_pivots"):
        lemke_howson(VS_A, VS_B, max_pivots=limit)


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        ([[1, 2]], [[1, 2], [3, 4]], "shape"),
        ([[1, 2], [3]], [[1, 2], [3, 4]], "different lengths"),
        ([], [], "at least one"),
        ([[]], [[]], "at least one"),
        ([1, 2], [3, 4], "two-dimensional"),
        (np.zeros((2, 2, 2)), np.zeros((2, 2, 2)), "two-dimensional"),
        ([["x", 1]], [[1, 1]], "not a rational"),
        ([[1j, 1]], [[1, 1]], "not a rational"),
        ([[float("nan"), 1]], [[1, 1]], "not finite"),
        ([[1, 1]], [[float("inf"), 1]], "not finite"),
    ],
)
def test_malformed_games(a, b, message):
    with pytest.raises(ParameterError, match=message):
        lemke_howson(a, b)


def test_docstring_examples():
    result = doctest.testmod(lh_module)
    assert result.attempted >= 3 and result.failed == 0
