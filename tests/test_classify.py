"""Classification of games: Robinson–Goforth classes, Bruns names, Snyder–Diesing types,
structural properties, class regimes, and the ``leverage classify`` command."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from fractions import Fraction
from pathlib import Path

import numpy as np
import pygambit as gbt
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import leverage
from leverage.analysis.regimes.engine import regimes
from leverage.classification import (
    SYMMETRIC_GAMES,
    all_classes,
    class_of,
    classify,
    classify_range,
    game_properties,
)
from leverage.cli import cli
from leverage.errors import ParameterError, UnsupportedError
from leverage.games.strategic import Game

from .strategies import bimatrix

ROOT = Path(__file__).parent.parent
MODELS = ROOT / "models"


def model_path(name):
    return str(MODELS / f"{name}.toml")


def relabellings(row, col):
    """The game and its three relabellings (swap rows, swap columns, both)."""
    out = []
    for rows, cols in itertools.product(((0, 1), (1, 0)), repeat=2):
        out.append(
            (
                tuple(tuple(row[r][c] for c in cols) for r in rows),
                tuple(tuple(col[r][c] for c in cols) for r in rows),
            )
        )
    return out


def all_strict_games():
    for pr in itertools.permutations((1, 2, 3, 4)):
        for pc in itertools.permutations((1, 2, 3, 4)):
            yield (pr[:2], pr[2:]), (pc[:2], pc[2:])


def strict_pure_equilibria(row, col):
    """Independent count: cells where neither player gains by deviating."""
    return sum(
        row[i][j] > row[1 - i][j] and col[i][j] > col[i][1 - j] for i in range(2) for j in range(2)
    )


# --------------------------------------------------------------------------- the 144 classes


def test_exhaustive_576_games_fall_in_144_classes_of_four():
    # Robinson & Goforth (2005), ch. 2: 4!·4! = 576 strict ordinal games, 144 up to
    # swapping rows and/or columns.
    classes = {}
    orbits = {}
    for row, col in all_strict_games():
        index = class_of(row, col).index
        classes.setdefault(index, set()).add((row, col))
        orbits[(row, col)] = frozenset(relabellings(row, col))
    assert len(classes) == 144
    assert all(len(games) == 4 for games in classes.values())
    # same class <=> relabelling of each other
    for games in classes.values():
        some = next(iter(games))
        assert games == set(orbits[some])


def test_equilibrium_counts_of_the_classes():
    # Robinson & Goforth (2005): 18 classes without a pure equilibrium, 108 with one,
    # 18 with two.  The count is the same for the four games of a class.
    counts = {}
    for row, col in all_strict_games():
        k = strict_pure_equilibria(row, col)
        index = class_of(row, col).index
        assert counts.setdefault(index, k) == k
    assert Counter(counts.values()) == {0: 18, 1: 108, 2: 18}
    for c in all_classes():
        assert c.pure_equilibria == counts[c.index]


def test_all_classes_table():
    classes = all_classes()
    assert len(classes) == 144
    assert len({c.index for c in classes}) == 144
    assert len({c.name for c in classes}) == 144 - 2  # Called Bluff, Bully name two each
    for k, c in enumerate(classes):
        assert c.grid == (k // 12 + 1, k % 12 + 1)
        row, col = c.ranks
        assert class_of(row, col) is c
        again = classify(c.game())
        assert again.index == c.index and again.orientation == (("1", "2"), ("1", "2"))
    symmetric = [c for c in classes if c.symmetric]
    assert [c.index for c in symmetric] == [g.code for g in SYMMETRIC_GAMES]
    assert all(len(c.index) == 2 for c in symmetric)
    assert all(len(c.index) == 4 for c in classes if not c.symmetric)


def test_symmetric_games_are_their_own_class():
    for g in SYMMETRIC_GAMES:
        rank = {letter: 4 - k for k, letter in enumerate(g.order)}
        row = [[rank["R"], rank["S"]], [rank["T"], rank["P"]]]
        col = np.array(row).T.tolist()
        assert class_of(row, col).index == g.code
        assert class_of(row, col).name == g.name


# Bruns (2015), "Names for Games", the twelve symmetric ordinal games: the Row player's
# ranks with the best outcome in the left column (rows and columns C, D; the Column
# player's ranks are the transpose), as transcribed in "left-up" form from that paper.
BRUNS_SYMMETRIC = {
    "Concord": [[4, 2], [3, 1]],
    "Harmony": [[4, 3], [2, 1]],
    "Peace": [[4, 3], [1, 2]],
    "Coordination": [[4, 2], [1, 3]],
    "Assurance": [[4, 1], [2, 3]],
    "Stag Hunt": [[4, 1], [3, 2]],
    "Prisoner's Dilemma": [[3, 1], [4, 2]],
    "Deadlock": [[2, 1], [4, 3]],
    "Compromise": [[1, 2], [4, 3]],
    "Hero": [[1, 3], [4, 2]],
    "Battle of the Sexes": [[2, 3], [4, 1]],
    "Chicken": [[3, 2], [4, 1]],
}


@pytest.mark.parametrize("name", sorted(BRUNS_SYMMETRIC))
def test_bruns_symmetric_games(name):
    row = BRUNS_SYMMETRIC[name]
    c = classify(Game.from_arrays(row, np.array(row).T.tolist()))
    assert c.name == name
    assert c.game_class is not None and c.game_class.symmetric
    assert c.properties is not None and c.properties.symmetric


def test_bruns_neighbours_differ_by_one_swap():
    # The order of SYMMETRIC_GAMES is the cycle of the Robinson–Goforth torus: each
    # pattern is one swap of adjacent ranks away from the next (Bruns 2015, Figure 2).
    for a, b in zip(SYMMETRIC_GAMES, SYMMETRIC_GAMES[1:] + SYMMETRIC_GAMES[:1]):
        flat_a = [v for line in a.pattern for v in line]
        flat_b = [v for line in b.pattern for v in line]
        diff = [k for k in range(4) if flat_a[k] != flat_b[k]]
        assert len(diff) == 2 and abs(flat_a[diff[0]] - flat_a[diff[1]]) == 1


def game(row, col, **kw):
    return Game.from_arrays(row, col, **kw)


def test_literature_examples():
    # Rapoport & Chammah (1965): PD with R=3, S=1, T=4, P=2 in ranks.
    assert classify(game([[3, 1], [4, 2]], [[3, 4], [1, 2]])).name == "Prisoner's Dilemma"
    # Axelrod (1984, p. 8): R=3, S=0, T=5, P=1.
    assert classify(game([[3, 0], [5, 1]], [[3, 5], [0, 1]])).index == "Pd"
    # Chicken (Rapoport & Chammah 1966): T > R > S > P.
    assert classify(game([[3, 2], [4, 1]], [[3, 4], [2, 1]])).name == "Chicken"
    # Hawk–Dove with V=2, C=4 (Maynard Smith 1982): hawk first.
    hd = classify(game([[-1, 2], [0, 1]], [[-1, 0], [2, 1]]))
    assert hd.index == "Ch"
    # Stag Hunt (Skyrms 2004, strict form): R > T > P > S.
    assert classify(game([[4, 1], [3, 2]], [[4, 3], [1, 2]])).name == "Stag Hunt"
    # Deadlock (Snyder & Diesing 1977): T > P > R > S.
    assert classify(game([[2, 1], [4, 3]], [[2, 4], [1, 3]])).name == "Deadlock"
    # Harmony in Bruns's sense: R > S > T > P.
    assert classify(game([[4, 3], [2, 1]], [[4, 2], [3, 1]])).name == "Harmony"
    # Battle of the Sexes, textbook form (Osborne 2004, ch. 2): the two miscoordinated
    # outcomes tie for each player, so it borders Bruns's Battle and Hero.
    bos = classify(game([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    assert bos.tied and bos.index is None and bos.label == "tied"
    assert set(bos.borders) == {"Ba", "He", "BaHe", "HeBa"}
    assert "Battle of the Sexes" in bos.border_names


def test_relabelled_and_transposed_examples():
    pd = classify(game([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    flipped = classify(game([[1, 5], [0, 3]], [[1, 0], [5, 3]]))  # both players' labels swapped
    assert flipped.index == pd.index == "Pd"
    # Called Bluff (Snyder & Diesing 1977): Row has Chicken preferences, Column PD ones;
    # swapping the players gives the other class with the same name.
    cb = classify(game([[3, 2], [4, 1]], [[3, 4], [1, 2]]))
    assert cb.index == "ChPd" and cb.name == "Called Bluff"
    assert cb.snyder_diesing is not None and cb.snyder_diesing.game == "Called Bluff"
    swapped = classify(game([[3, 1], [4, 2]], [[3, 4], [2, 1]]))
    assert swapped.index == "PdCh" and swapped.name == "Called Bluff"
    # Bully: Chicken against Deadlock.
    assert classify(game([[3, 2], [4, 1]], [[2, 4], [1, 3]])).name == "Bully"


def test_ties_border_every_refinement_and_are_relabelling_invariant():
    stag = classify(game([[4, 0], [3, 3]], [[4, 3], [0, 3]]))
    assert stag.tied and set(stag.borders) == {"Sh", "As", "ShAs", "AsSh"}
    assert stag.ties == {"1": (("2, 1", "2, 2"),), "2": (("1, 2", "2, 2"),)}
    zero = classify(game([[0, 0], [0, 0]], [[0, 0], [0, 0]]))
    assert set(zero.borders) == {c.index for c in all_classes()}
    assert zero.pure_equilibria == 4


ranks = st.lists(st.integers(1, 3), min_size=4, max_size=4)


@settings(max_examples=150, deadline=None)
@given(ranks, ranks)
def test_borders_are_the_classes_of_the_refinements(r, c):
    row, col = [r[:2], r[2:]], [c[:2], c[2:]]
    result = classify(game(row, col))
    refine = set()
    for pr in itertools.permutations((1, 2, 3, 4)):
        for pc in itertools.permutations((1, 2, 3, 4)):
            ok = all(
                not (r[a] < r[b]) or pr[a] < pr[b] for a in range(4) for b in range(4)
            ) and all(not (c[a] < c[b]) or pc[a] < pc[b] for a in range(4) for b in range(4))
            if ok:
                refine.add(class_of([pr[:2], pr[2:]], [pc[:2], pc[2:]]).index)
    if result.tied:
        assert set(result.borders) == refine and len(refine) > 1
    else:
        assert refine == {result.index}
    for rr, cc in relabellings(row, col):
        other = classify(game([list(x) for x in rr], [list(x) for x in cc]))
        assert other.key == result.key
        assert other.pure_equilibria == result.pure_equilibria


def test_class_of_refuses_ties():
    with pytest.raises(UnsupportedError):
        class_of([[1, 1], [2, 3]], [[1, 2], [3, 4]])


# --------------------------------------------------------------------------- shipped models


@pytest.mark.parametrize(
    ("name", "index"),
    [("prisoners_dilemma", "Pd"), ("chicken", "Ch"), ("deadlock", "Dl")],
)
def test_shipped_strict_models(name, index):
    c = classify(leverage.load(model_path(name)).game())
    assert c.index == index
    assert c.snyder_diesing is not None
    assert c.snyder_diesing.game == c.name


def test_shipped_tied_models_border_their_class():
    # stag_hunt.toml: going alone pays hare_value whatever the partner does, so the two
    # Hare outcomes tie for each player at every parameter value; battle_of_the_sexes.toml:
    # both miscoordinated outcomes cost -interdependence_cost.  Both are tied games that
    # border the expected class.
    stag = classify(leverage.load(model_path("stag_hunt")).game())
    assert stag.tied and "Sh" in stag.borders and stag.pure_equilibria == 2
    bos = classify(leverage.load(model_path("battle_of_the_sexes")).game())
    assert bos.tied and "Ba" in bos.borders and bos.pure_equilibria == 2


def test_snyder_diesing_orders():
    c = classify(leverage.load(model_path("rare_earth_controls")).game())
    sd = c.snyder_diesing
    assert sd is not None
    assert sd.cooperate == ("Calibrate", "Hold")
    assert sd.orders == ("CC > DC > CD > DD", "DC > CC > DD > CD")
    assert sd.types == (None, "Prisoner's Dilemma") and sd.game is None
    d = c.to_dict()["snyder_diesing"]
    assert d["sides"][1] == {
        "player": "US",
        "cooperate": "Hold",
        "order": "DC > CC > DD > CD",
        "type": "Prisoner's Dilemma",
    }
    assert d["game"] is None
    hero = classify(game([[2, 4], [3, 1]], [[2, 3], [4, 1]]))  # CD > DC > CC > DD for both
    assert hero.snyder_diesing is not None and hero.snyder_diesing.game == "Hero"
    assert hero.index == "He"  # Rapoport & Guyer's Hero is Bruns's Hero
    leader = classify(game([[2, 3], [4, 1]], [[2, 4], [3, 1]]))  # DC > CD > CC > DD for both
    assert leader.snyder_diesing is not None and leader.snyder_diesing.game == "Leader"
    assert leader.index == "Ba"  # and Leader is Bruns's Battle


# --------------------------------------------------------------------------- properties


def test_properties_of_classic_games():
    rps = game_properties(leverage.load(model_path("rock_paper_scissors")).game())
    assert rps.zero_sum and rps.constant_sum and rps.symmetric
    assert not rps.exact_potential and not rps.dominance_solvable and not rps.pure_equilibria
    # Monderer & Shapley (1996, p. 127): the Prisoner's Dilemma is a potential game.
    pd = game_properties(game([[1, 9], [0, 6]], [[1, 0], [9, 6]]))
    assert pd.exact_potential and pd.dominance_solvable and pd.solution == (0, 0)
    assert pd.potential is not None
    mp = game_properties(game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]))
    assert mp.zero_sum and not mp.exact_potential and not mp.symmetric
    const = game_properties(game([[3, 1], [2, 0]], [[2, 4], [3, 5]]))
    assert const.constant_sum and not const.zero_sum and const.total == 5


def test_symmetry_up_to_a_matching():
    # PD with the Column player's strategies written (D, C): symmetric once matched.
    p = game_properties(game([[0, 3], [1, 5]], [[5, 3], [1, 0]]))
    assert p.symmetric and p.matching == (1, 0)
    assert p.to_dict()["matching"] == {"1": "2", "2": "1"}
    assert not game_properties(game([[1, 2, 3]], [[1, 2, 3]])).symmetric


def four_cycles_vanish(arrays):
    """Monderer & Shapley (1996), Corollary 2.9: every 4-cycle has zero total gain."""
    shape = arrays[0].shape
    n = len(shape)
    for i, j in itertools.combinations(range(n), 2):
        for s in itertools.product(*(range(k) for k in shape)):
            for a in range(shape[i]):
                for b in range(shape[j]):

                    def at(x, y, s=s, i=i, j=j):
                        t = list(s)
                        t[i], t[j] = x, y
                        return tuple(t)

                    x, y = s[i], s[j]
                    total = (
                        arrays[i][at(a, y)]
                        - arrays[i][at(x, y)]
                        + arrays[j][at(a, b)]
                        - arrays[j][at(a, y)]
                        + arrays[i][at(x, b)]
                        - arrays[i][at(a, b)]
                        + arrays[j][at(x, y)]
                        - arrays[j][at(x, b)]
                    )
                    if total != 0:
                        return False
    return True


@settings(max_examples=80, deadline=None)
@given(bimatrix(max_size=3, values=st.integers(-2, 2)))
def test_potential_agrees_with_four_cycles(ab):
    a, b = ab
    g = Game.from_arrays(a, b)
    p = game_properties(g)
    assert p.exact_potential == four_cycles_vanish(g.payoffs)
    if p.exact_potential:
        for i, u in enumerate(g.payoffs):
            for s in g.profiles():
                for t in range(g.shape[i]):
                    dev = list(s)
                    dev[i] = t
                    assert u[s] - u[tuple(dev)] == p.potential[s] - p.potential[tuple(dev)]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_constructed_potential_games_are_detected(data):
    # u_i = P + f_i(s_-i) is an exact potential game for any P and f_i (Monderer & Shapley
    # 1996, Lemma 2.7); three players.
    shape = tuple(data.draw(st.integers(1, 3)) for _ in range(3))
    cells = st.lists(st.integers(-3, 3), min_size=int(np.prod(shape)), max_size=int(np.prod(shape)))
    pot = np.array(data.draw(cells), dtype=object).reshape(shape)
    arrays = []
    for i in range(3):
        other = list(shape)
        other[i] = 1
        f = np.array(
            data.draw(
                st.lists(
                    st.integers(-3, 3), min_size=int(np.prod(other)), max_size=int(np.prod(other))
                )
            ),
            dtype=object,
        ).reshape(other)
        arrays.append(pot + f)
    g = Game.from_arrays(*arrays)
    assert game_properties(g).exact_potential


@settings(max_examples=60, deadline=None)
@given(bimatrix(max_size=4))
def test_pure_equilibria_and_dominance_against_oracles(ab):
    a, b = ab
    g = Game.from_arrays(a, b)
    c = classify(g)
    gg = gbt.Game.from_arrays(np.array(a).tolist(), np.array(b).tolist())
    assert c.pure_equilibria == len(gbt.nash.enumpure_solve(gg).equilibria)
    elimination = g.iterated_elimination()
    assert c.properties is not None
    assert c.properties.dominance_solvable == elimination.solved
    if c.properties.dominance_solvable:
        assert c.properties.solution in c.properties.pure_equilibria


def test_larger_games_have_no_class():
    c = classify(leverage.load(model_path("escalation_ladder")).game())
    assert c.index is None and c.label is None and c.snyder_diesing is None
    assert c.to_dict()["size"] == [3, 3]


# --------------------------------------------------------------------------- class regimes

TEMPLATE = """\
title = "Test"
description = "A test game."

[players]
Row = ["Up", "Down"]
Col = ["Left", "Right"]

[parameters.t]
value = 1
range = [{low}, {high}]
source = "assumption"

[payoffs]
"Up, Left" = ["{a}", "1"]
"Up, Right" = ["0", "0"]
"Down, Left" = ["1", "2"]
"Down, Right" = ["2", "3"]
"""


def test_chicken_class_regimes():
    result = classify_range(leverage.load(model_path("chicken")), "interdependence_cost")
    assert [r.label for r in result.regimes] == ["at 0", "(0, 1)", "at 1", "(1, 10)"]
    labels = [r.classification.label for r in result.regimes]
    assert labels == ["tied", "Pd", "tied", "Ch"]
    assert set(result.regimes[2].classification.borders) == {"Pd", "Ch", "PdCh", "ChPd"}
    assert [t.exact for t in result.thresholds] == ["0", "1"]
    rows = result.to_rows()
    assert rows[1]["index"] == "Pd" and rows[2]["borders"] == "Pd PdCh ChPd Ch"


def test_rare_earth_class_regimes_include_equilibrium_thresholds():
    model = leverage.load(model_path("rare_earth_controls"))
    result = classify_range(model, "interdependence_cost")
    exact = [t.exact for t in result.thresholds]
    for value in ("10923/12500", "36214/9375", "38/5"):  # leverage regimes, issue 3
        assert value in exact
    assert all(t.class_change for t in result.thresholds)
    for reg in result.regimes:
        if reg.test_point is not None:
            direct = classify(model.game(interdependence_cost=reg.test_point))
            assert direct.key == reg.classification.key


def two_by_two_models():
    for path in sorted(MODELS.glob("*.toml")):
        model = leverage.load(path)
        if model.shape == (2, 2):
            for p in model.parameters:
                yield pytest.param(path, p, id=f"{path.stem}-{p}")


@pytest.mark.parametrize(("path", "parameter"), list(two_by_two_models()))
def test_every_regime_threshold_is_a_class_threshold(path, parameter):
    # In a 2×2 game the equilibria, and strict dominance between pure strategies, depend
    # only on the signs of u_i(s) - u_i(t_i, s_-i), differences of one player's own
    # payoffs: they change only where that player's ranking changes.  So every critical
    # value of the regime machinery is a class threshold.
    model = leverage.load(path)
    ours = {t.exact for t in classify_range(model, parameter).thresholds}
    theirs = {c.exact for c in regimes(model, parameter).critical_values}
    assert theirs <= ours


def test_irrational_threshold_and_exact_tie():
    model = leverage.loads(TEMPLATE.format(low=0, high=3, a="t**2 - 1"))
    result = classify_range(model, "t")
    # Row's payoff at (Up, Left) crosses 0 at t = 1, 1 at sqrt(2), 2 at sqrt(3).
    assert [t.exact for t in result.thresholds] == ["1", "sqrt(2)", "sqrt(3)"]
    point = result.regimes[3]
    assert point.at is not None and point.at.exact == "sqrt(2)"
    assert point.classification.tied
    assert point.at.ties == ("Row: (Up, Left) = (Down, Left)",)
    left, right = result.regimes[2].classification, result.regimes[4].classification
    assert set(point.classification.borders) == {left.index, right.index}


def test_pole_is_undefined():
    model = leverage.loads(TEMPLATE.format(low=0, high=3, a="1 / (t - 2)"))
    result = classify_range(model, "t")
    pole = next(r for r in result.regimes if r.at is not None and r.at.exact == "2")
    assert pole.classification is None and pole.at.undefined
    assert pole.to_dict() == {"at": "2", "undefined": True}


def test_no_threshold_and_range_errors():
    model = leverage.load(model_path("prisoners_dilemma"))
    result = classify_range(model, "interdependence_cost", ("1/2", "2"))
    assert result.thresholds == () and [r.classification.index for r in result.regimes] == ["Pd"]
    with pytest.raises(ParameterError):
        classify_range(model, "interdependence_cost", ("2", "1"))
    with pytest.raises(ParameterError):
        classify_range(model, "nope")
    with pytest.raises(UnsupportedError):
        classify_range(leverage.load(model_path("escalation_ladder")), "interdependence_cost")


# --------------------------------------------------------------------------- command line


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_cli_table():
    result = run("classify", model_path("prisoners_dilemma"), model_path("stag_hunt"))
    assert result.exit_code == 0, result.output
    assert "class Pd: Prisoner's Dilemma; 1 pure equilibrium" in result.output
    assert "tied: borders As, AsSh, ShAs, Sh" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80


def test_cli_json_many_files():
    names = ["prisoners_dilemma", "chicken", "rock_paper_scissors"]
    result = run("classify", *(model_path(n) for n in names), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [d["file"] for d in data] == [model_path(n) for n in names]
    assert [d["class"] for d in data] == ["Pd", "Ch", None]
    assert data[1]["pure_equilibria"] == 2
    assert data[2]["properties"]["zero_sum"] is True
    for d in data:
        assert {"file", "class", "index", "name", "pure_equilibria"} <= set(d)


def test_cli_set_and_param(tmp_path):
    result = run("classify", model_path("chicken"), "--set", "interdependence_cost=1/2")
    assert "class Pd:" in result.output
    out = tmp_path / "r.json"
    result = run(
        "classify",
        model_path("chicken"),
        "--param",
        "interdependence_cost",
        "--range",
        "1/2:3",
        "--format",
        "json",
        "-o",
        out,
    )
    assert result.exit_code == 0 and result.output == ""
    data = json.loads(out.read_text())
    assert data[0]["range"] == ["1/2", "3"]
    assert [r.get("class") for r in data[0]["regimes"]] == ["Pd", "tied", "Ch"]
    text = run("classify", model_path("chicken"), "--param", "interdependence_cost").output
    assert "Thresholds: 0, 1" in text


@pytest.mark.parametrize(
    "args",
    [
        ["--range", "0:1"],
        ["--param", "nope"],
        ["--param", "interdependence_cost", "--range", "5:1"],
        ["--param", "interdependence_cost", "--float"],
        ["--set", "nope=1"],
    ],
)
def test_cli_bad_input(tmp_path, args):
    out = tmp_path / "x.json"
    result = CliRunner().invoke(cli, ["classify", model_path("chicken"), *args, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("leverage: error: ") and result.stderr.count("\n") == 1
    assert not out.exists()


def test_cli_not_2x2_with_param_and_missing_file(tmp_path):
    result = CliRunner().invoke(
        cli, ["classify", model_path("escalation_ladder"), "--param", "interdependence_cost"]
    )
    assert result.exit_code == 2 and "2×2" in result.stderr
    result = CliRunner().invoke(cli, ["classify", str(tmp_path / "none.toml")])
    assert result.exit_code == 2 and result.stdout == ""


def test_exact_fractions_in_properties():
    c = classify(game([[Fraction(1, 3), 1], [2, 0]], [[Fraction(2, 3), 0], [-1, 1]]))
    assert c.properties is not None and c.properties.total == 1
    assert c.to_dict()["properties"]["total"] == "1"
