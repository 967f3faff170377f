"""Tests of the cost estimates (leverage.solve.cost) and of the refusals built on them.

Oracles: brute-force counts of what each method visits on small games; the vertices the
enumeration finds against McMullen's upper bound theorem (McMullen 1970; Ziegler 1995,
Thm 8.23) and its closed forms in low dimension (a polygon has as many vertices as
edges; a simple 3-polytope with N facets has 2N − 4 vertices, by Euler's formula).
"""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from leverage import Game, TooLargeError
from leverage.cli import cli
from leverage.io.gambit.writer import write_nfg
from leverage.solve.bimatrix.fraction_free import positive_integer_matrix
from leverage.solve.bimatrix.support import support_enumeration
from leverage.solve.bimatrix.vertex import polytope_vertices
from leverage.solve.cost import (
    LIMITS,
    check,
    dominance_cost,
    estimate,
    support_pairs,
    upper_bound_vertices,
    vertex_systems,
)

from .strategies import bimatrix

sizes = st.tuples(st.integers(1, 7), st.integers(1, 7))


@given(sizes)
def test_support_pairs_counts_equal_size_supports(shape) -> None:
    m, n = shape
    brute = sum(
        1
        for rows in itertools.chain.from_iterable(
            itertools.combinations(range(m), k) for k in range(1, m + 1)
        )
        for cols in itertools.combinations(range(n), len(rows))
    )
    assert support_pairs(m, n) == brute == estimate(shape, "support").work
    assert vertex_systems(m, n) == 2 * brute == estimate(shape, "vertex").work


@settings(max_examples=30, deadline=None)
@given(bimatrix(1, 4))
def test_progress_totals_are_the_estimates(game) -> None:
    a, b = (positive_integer_matrix(x) for x in game)
    m, n = len(a), len(a[0])
    seen: list[tuple[int, int]] = []
    support_enumeration(a, b, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (support_pairs(m, n),) * 2
    g = Game.from_arrays(*game)
    seen.clear()
    g.equilibria("vertex", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (vertex_systems(m, n),) * 2


@settings(max_examples=40, deadline=None)
@given(bimatrix(1, 5))
def test_vertices_found_respect_the_upper_bound_theorem(game) -> None:
    a, b = (positive_integer_matrix(x) for x in game)
    m, n = len(a), len(a[0])
    bt = [[b[i][j] for i in range(m)] for j in range(n)]
    # P ⊂ R^m has m + n facet inequalities; its vertices other than 0, plus 0
    assert len(polytope_vertices(bt)) + 1 <= upper_bound_vertices(m + n, m)
    assert len(polytope_vertices(a)) + 1 <= upper_bound_vertices(m + n, n)


@given(st.integers(3, 60))
def test_upper_bound_in_low_dimension(facets) -> None:
    assert upper_bound_vertices(facets, 2) == facets
    if facets >= 4:
        assert upper_bound_vertices(facets, 3) == 2 * facets - 4
    # the simplex: d + 1 facets, d + 1 vertices
    assert upper_bound_vertices(facets, facets - 1) == facets


@given(st.lists(st.integers(1, 30), min_size=2, max_size=4))
def test_dominance_cost_is_at_least_the_pairwise_comparisons(shape) -> None:
    total = math.prod(shape)
    assert dominance_cost(shape) >= sum(m * total for m in shape)
    bigger = [shape[0] + 1, *shape[1:]]
    assert dominance_cost(bigger) > dominance_cost(shape)


def test_refusals_name_the_estimate_and_the_way_out() -> None:
    with pytest.raises(TooLargeError) as info:
        check((40, 40), "support")
    assert "~1.1·10^23 support pairs (limit 100,000)" in str(info.value)
    assert 'method="lemke-howson"' in str(info.value)
    # support enumeration too large but vertex enumeration fits: say so
    with pytest.raises(TooLargeError, match='use method="vertex"'):
        check((10, 10), "support")
    assert check((10, 10), "vertex").work == 369_510
    assert check((40, 40), "support", None).work == support_pairs(40, 40)
    with pytest.raises(TooLargeError, match=r"\(limit 10\)"):
        check((3, 3), "vertex", 10)
    with pytest.raises(TooLargeError, match="mixed=False"):
        check((300, 300), "dominance")
    assert not estimate((100, 50), "dominance").exceeds_limit


def test_equilibria_refuses_before_starting_and_obeys_max_cost() -> None:
    rng = np.random.default_rng(0)
    a = rng.integers(0, 9, (12, 12)).tolist()
    game = Game.from_arrays(a, a)
    with pytest.raises(TooLargeError, match="5,408,310 linear systems"):
        game.equilibria()
    small = Game.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(TooLargeError, match=r"\(limit 9\)"):
        small.equilibria(max_cost=9)
    assert len(small.equilibria(max_cost=10)) == 3


def test_dominance_refused_beyond_its_bound() -> None:
    a = np.zeros((300, 300), dtype=np.int64)
    with pytest.raises(TooLargeError, match="iterated elimination"):
        Game.from_arrays(a, a).iterated_elimination()
    # pure dominance only is cheap, and unbounded
    assert Game.from_arrays(a, a).iterated_elimination(mixed=False).rounds == 0


def _nfg(tmp_path, m: int, n: int, seed: int = 1, dominated: bool = False) -> str:
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 99, (m, n))
    if dominated:  # rows below mixtures of two rows above them: eliminated by mixtures
        for i in range(m // 2, m):
            a[i] = (a[i - m // 2] + a[i - m // 2 - 1]) // 2 - 1
    g = Game.from_arrays(a.tolist(), rng.integers(0, 99, (m, n)).tolist())
    path = tmp_path / f"g{m}x{n}.nfg"
    path.write_text(write_nfg(g, version="payoff"))
    return str(path)


def test_cli_refuses_with_one_line_and_exit_2(tmp_path) -> None:
    path = _nfg(tmp_path, 40, 40)
    runner = CliRunner()
    for method, phrase in [
        ("auto", "vertex enumeration of this 40×40 game means ~2.2·10^23 linear systems"),
        ("support", "support enumeration of this 40×40 game means ~1.1·10^23 support pairs"),
    ]:
        result = runner.invoke(cli, ["solve", path, "--method", method])
        assert result.exit_code == 2
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("leverage: error: ")
        assert phrase in lines[0] and "use --method lemke-howson" in lines[0]
    result = runner.invoke(cli, ["explain", path])
    assert result.exit_code == 2
    assert "use leverage solve --method lemke-howson" in result.stderr
    result = runner.invoke(cli, ["solve", path, "--max-cost", "5", "--no-limit"])
    assert result.exit_code == 2 and "cannot be combined" in result.stderr
    # Lemke–Howson fits, finds one equilibrium and says it is not complete
    result = runner.invoke(cli, ["solve", path, "--method", "lemke-howson"])
    assert result.exit_code == 0, result.stderr
    assert "one equilibrium; others may exist" in " ".join(result.stdout.split())


def test_cli_max_cost_moves_the_bound(tmp_path) -> None:
    path = _nfg(tmp_path, 3, 3)
    runner = CliRunner()
    result = runner.invoke(cli, ["solve", path, "--max-cost", "10"])
    assert result.exit_code == 2
    assert "(limit 10); use --method lemke-howson" in result.stderr
    assert runner.invoke(cli, ["solve", path, "--max-cost", "38"]).exit_code == 0
    assert LIMITS["vertex"] > 38


def test_dominance_and_classify_finish_on_a_100_by_50_game(tmp_path) -> None:
    # The case (minutes before); checked for behaviour, not timed: the command
    # line reports what the library finds, which tests/test_dominance_fast.py checks
    # against independent oracles, and the eliminations really dominate.
    from leverage.io.gambit.reader import load_nfg

    path = _nfg(tmp_path, 100, 50, dominated=True)
    game = load_nfg(path)
    elimination = game.iterated_elimination()
    assert elimination.steps and any(len(e.dominated_by) > 1 for e in elimination.steps)
    runner = CliRunner()
    result = runner.invoke(cli, ["classify", path, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["properties"]["dominance_solvable"] == elimination.solved
    args = ["solve", path, "--method", "pure", "--dominance", "--format", "json"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    dominance = json.loads(result.stdout)["dominance"]
    assert len(dominance["steps"]) == len(elimination.steps)
    assert dominance["remaining"] == [
        [game.strategies[i][k] for k in elimination.remaining[i]] for i in range(2)
    ]
    a = np.array(game.payoffs[0], dtype=object)
    for e in elimination.steps:
        if e.round == 1 and e.player == 0:
            mixed = sum(w * a[k] for k, w in e.dominated_by)
            assert all(mixed > a[e.strategy])


def test_sweeps_of_large_games_are_refused_with_the_way_out(tmp_path) -> None:
    from leverage.solve.cost import check_points, points_cost

    # games of up to 8 strategies a side are batched: not bounded here
    assert points_cost((8, 8), 10**6).work == 0
    assert points_cost((9, 9), 3).work == 3 * vertex_systems(9, 9)
    assert points_cost((3, 3), 7, exact=True).work == 7 * vertex_systems(3, 3)
    check_points((10, 10), 2)
    with pytest.raises(TooLargeError, match="at each of 3 points means 1,108,530 linear"):
        check_points((10, 10), 3)
    rows = [f'"r{i}"' for i in range(12)]
    payoffs = "\n".join(
        f'"r{i}, r{j}" = ["{"c + " if i == j == 0 else ""}{(7 * i + 3 * j) % 11}", "{(i * j) % 5}"]'
        for i in range(12)
        for j in range(12)
    )
    model = tmp_path / "big.toml"
    model.write_text(
        'title = "big"\ndescription = "big"\n[players]\n'
        f"A = [{', '.join(rows)}]\nB = [{', '.join(rows)}]\n"
        '[parameters.c]\nvalue = 1\nrange = [0, 2]\ndescription = "c"\nsource = "assumption"\n'
        f'unit = "u"\n[payoffs]\n{payoffs}\n'
    )
    result = CliRunner().invoke(cli, ["sweep", str(model), "--param", "c=0:2:3"])
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "solving this 12×12 game exactly at each of 3 points" in line
    assert line.endswith(
        "use fewer points, or solve single points with leverage solve --method lemke-howson"
    )


def test_lemke_howson_estimate_and_progress() -> None:
    from leverage.solve.cost import typical_pivots

    assert estimate((50, 40), "lemke-howson").work == typical_pivots(50, 40) * 50 * 91
    assert not estimate((100, 100), "lemke-howson").exceeds_limit
    with pytest.raises(TooLargeError, match=r'Lemke–Howson .* use method="pure"'):
        check((200, 200), "lemke-howson")
    rng = np.random.default_rng(2)
    a, b = (rng.integers(0, 9, (30, 20)).tolist() for _ in range(2))
    game = Game.from_arrays(a, b)
    seen: list[tuple[int, int]] = []
    solution = game.equilibria("lemke-howson", progress=lambda d, t: seen.append((d, t)))
    work = estimate((30, 20), "lemke-howson").work
    assert len(solution) == 1 and not solution.complete
    assert seen[-1] == (work, work)
    assert all(t == work and 0 <= d <= t for d, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
