"""Exercise sets: reproducible, and every key re-verified from the emitted data.

The keys are checked here without the code that wrote them: each exercise's game is
rebuilt from the JSON the command prints (``--format json``) and re-solved with pygambit
(``enummixed_solve``, exact) as an independent oracle; dominance steps, indifference
conditions and ordinal patterns are recomputed by hand in this file.
"""

from __future__ import annotations

import itertools
import json
import re
from fractions import Fraction

import pytest
import sympy
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from leverage.cli import cli
from leverage.errors import ParameterError, TooLargeError, UnsupportedError
from leverage.teach import exercise as ex
from leverage.teach.exercise import STORIES, exercises

from .latex import compile_latex, needs_latex
from .oracle import gambit_extreme_equilibria

SIZES = ("2x2", "2x3", "3x3")


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def emitted(kind: str, size: str, seed: int, count: int, *extra: str) -> dict:
    """The set as the command prints it with --format json."""
    result = run(
        "exercise",
        "--kind",
        kind,
        "--size",
        size,
        "--seed",
        seed,
        "--count",
        count,
        "--format",
        "json",
        *extra,
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def matrices(item: dict) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
    a, b = ([[Fraction(v) for v in row] for row in m] for m in item["payoffs"])
    return a, b


def oracle(a, b) -> set:
    return gambit_extreme_equilibria(a, b)


def support(vec) -> tuple[int, ...]:
    return tuple(k for k, p in enumerate(vec) if p)


def pure_profiles(equilibria: set) -> list[tuple[int, int]]:
    out = []
    for x, y in equilibria:
        if len(support(x)) == 1 and len(support(y)) == 1:
            out.append((support(x)[0], support(y)[0]))
    return sorted(out)


def key_profiles(entries: list[dict]) -> list[tuple[int, int]]:
    return sorted(tuple(e["profile"]) for e in entries)


# --------------------------------------------------------------------------- reproducibility
@pytest.mark.parametrize("kind", ["pure", "dominance", "mixed", "classify", "regimes"])
def test_same_seed_same_bytes(kind):
    args = ("exercise", "--kind", kind, "--seed", 11, "--count", 3, "--theme", "rare-earth")
    first, second = run(*args), run(*args)
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout
    other = run("exercise", "--kind", kind, "--seed", 12, "--count", 3, "--theme", "rare-earth")
    assert other.stdout != first.stdout


def test_same_seed_same_bytes_latex_and_json_in_library():
    a = exercises("dominance", "3x3", seed=5, count=4)
    b = exercises("dominance", "3x3", seed=5, count=4)
    assert a.sheet("latex") == b.sheet("latex") and a.key("latex") == b.key("latex")
    assert json.dumps(a.to_dict()) == json.dumps(b.to_dict())


def test_prefix_of_a_longer_set_is_the_shorter_set():
    short = exercises("pure", "2x3", seed=9, count=3).to_dict()["exercises"]
    long = exercises("pure", "2x3", seed=9, count=6).to_dict()["exercises"]
    assert long[:3] == short


def test_exercises_in_a_set_are_distinct():
    data = emitted("pure", "2x2", 3, 30)
    games = [json.dumps(item["payoffs"]) for item in data["exercises"]]
    assert len(set(games)) == len(games)


# --------------------------------------------------------------------------- pure
@pytest.mark.parametrize("size", SIZES)
def test_pure_keys_match_gambit(size):
    data = emitted("pure", size, 2, 6)
    counts = []
    for item in data["exercises"]:
        a, b = matrices(item)
        eqs = oracle(a, b)
        assert pure_profiles(eqs) == key_profiles(item["answer"]["pure_equilibria"])
        # nondegenerate: an odd number of equilibria (Wilson 1971), the solver's count
        assert len(eqs) % 2 == 1 and len(eqs) == item["answer"]["equilibria"]
        for entry in item["answer"]["pure_equilibria"]:
            r, c = entry["profile"]
            assert entry["payoffs"] == [str(a[r][c]), str(b[r][c])]
        counts.append(len(item["answer"]["pure_equilibria"]))
    assert sorted(set(counts)) == [0, 1, 2]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**9))
def test_pure_keys_property(seed):
    for item in exercises("pure", "2x2", seed=seed, count=3).items:
        a, b = (arr.tolist() for arr in item.game.payoffs)
        expected = key_profiles(item.answer["pure_equilibria"])
        assert pure_profiles(oracle(a, b)) == expected
        assert all(LOW <= v <= HIGH for row in a + b for v in row)


LOW, HIGH = ex.LOW, ex.HIGH


# --------------------------------------------------------------------------- dominance
def dominates(mix: dict[int, Fraction], target: int, u, others, player: int) -> bool:
    def pay(own, other):
        return u[own][other] if player == 0 else u[other][own]

    return all(sum(w * pay(s, t) for s, w in mix.items()) > pay(target, t) for t in others)


@pytest.mark.parametrize("size", SIZES)
def test_dominance_keys_replayed(size):
    data = emitted("dominance", size, 4, 5)
    for item in data["exercises"]:
        a, b = matrices(item)
        labels = item["strategies"]
        players = item["players"]
        answer = item["answer"]
        remaining = [list(range(len(labels[0]))), list(range(len(labels[1])))]
        rounds = sorted({step["round"] for step in answer["eliminations"]})
        assert rounds == list(range(1, answer["rounds"] + 1))
        needed_mix = False
        for r in rounds:
            steps = [s for s in answer["eliminations"] if s["round"] == r]
            start = [list(rem) for rem in remaining]
            for step in steps:
                p = players.index(step["player"])
                target = labels[p].index(step["strategy"])
                mix = {labels[p].index(k): Fraction(w) for k, w in step["dominated_by"].items()}
                assert sum(mix.values()) == 1 and set(mix) <= set(start[p])
                u = a if p == 0 else b
                assert dominates(mix, target, u, start[1 - p], p)
                if len(mix) > 1:
                    # no pure strategy dominates it: the mix is really needed
                    pure = [
                        s
                        for s in start[p]
                        if s != target and dominates({s: Fraction(1)}, target, u, start[1 - p], p)
                    ]
                    needed_mix = needed_mix or not pure
                remaining[p].remove(target)
        assert all(len(rem) == 1 for rem in remaining)
        survivor = (remaining[0][0], remaining[1][0])
        assert tuple(answer["solution"]["profile"]) == survivor
        # the survivor of iterated strict dominance is the unique equilibrium
        assert oracle(a, b) == {
            tuple(
                tuple(Fraction(int(k == survivor[p])) for k in range(len(labels[p])))
                for p in range(2)
            )
        }
        text = f"takes {answer['rounds']} round"
        assert text in item["question"]
        assert f"({len(answer['eliminations'])} eliminations in all)" in item["question"]
        assert answer["mixed_dominator"] == item.get("harder", False) == needed_mix
    if size == "2x2":
        assert not any(item.get("harder") for item in data["exercises"])
    else:
        assert data["exercises"][-1]["harder"] is True


@pytest.mark.parametrize("size, rounds", [("2x2", {1, 2}), ("2x3", {2, 3}), ("3x3", {2, 3, 4})])
def test_dominance_round_counts_vary(size, rounds):
    data = emitted("dominance", size, 1, 6)
    found = {item["answer"]["rounds"] for item in data["exercises"] if not item.get("harder")}
    assert found == rounds


# --------------------------------------------------------------------------- mixed
@pytest.mark.parametrize("size", SIZES)
def test_mixed_keys_match_gambit(size):
    data = emitted("mixed", size, 6, 5)
    for item in data["exercises"]:
        a, b = matrices(item)
        answer = item["answer"]
        x, y = ([Fraction(p) for p in s] for s in answer["strategies"])
        assert oracle(a, b) == {(tuple(x), tuple(y))}
        assert all(p.denominator <= 6 for p in x + y)
        # expected payoffs recomputed
        u = sum(x[r] * y[c] * a[r][c] for r in range(len(x)) for c in range(len(y)))
        v = sum(x[r] * y[c] * b[r][c] for r in range(len(x)) for c in range(len(y)))
        assert answer["payoffs"] == [str(u), str(v)]
        sx, sy = support(x), support(y)
        assert answer["support"] == [
            [item["strategies"][0][k] for k in sx],
            [item["strategies"][1][k] for k in sy],
        ]
        if size == "2x3":
            # a nondegenerate game has equal support sizes: the question names them
            assert len(sx) == len(sy) == 2
            unused = [s for k, s in enumerate(item["strategies"][1]) if k not in sy]
            assert f"never plays {unused[0]}" in item["question"]
        else:
            assert len(sx) == len(x) and len(sy) == len(y)
            assert answer["completely_mixed"] is True
            assert "mix over all their strategies" in item["question"]


# --------------------------------------------------------------------------- classify
# Bruns (2015), "Names for Games", Games 6(4), Table 1: the symmetric 2×2 games by the order
# of R = u(C,C), S = u(C,D), T = u(D,C), P = u(D,D).
NAMED_ORDERS = {
    "Prisoner's Dilemma": "TRPS",
    "Chicken": "TRSP",
    "Stag Hunt": "RTPS",
    "Battle of the Sexes": "TSRP",
    "Deadlock": "TPRS",
    "Harmony": "RSTP",
}


def names_of(a, b) -> set[str]:
    """Every name of NAMED_ORDERS the game has, under some relabelling of rows/columns."""
    found = set()
    for rows, cols in itertools.product(itertools.permutations(range(2)), repeat=2):
        a2 = [[a[r][c] for c in cols] for r in rows]
        b2 = [[b[r][c] for c in cols] for r in rows]
        row = {"R": a2[0][0], "S": a2[0][1], "T": a2[1][0], "P": a2[1][1]}
        col = {"R": b2[0][0], "S": b2[1][0], "T": b2[0][1], "P": b2[1][1]}
        order_row = "".join(sorted(row, key=row.__getitem__, reverse=True))
        order_col = "".join(sorted(col, key=col.__getitem__, reverse=True))
        if order_row == order_col:
            found |= {name for name, order in NAMED_ORDERS.items() if order == order_row}
    return found


def test_classify_keys_rederived():
    data = emitted("classify", "2x2", 8, 12, "--theme", "rare-earth")
    names = []
    for item in data["exercises"]:
        a, b = matrices(item)
        assert len({v for row in a for v in row}) == 4 and len({v for row in b for v in row}) == 4
        assert names_of(a, b) == {item["answer"]["name"]}
        assert pure_profiles(oracle(a, b)) == key_profiles(item["answer"]["pure_equilibria"])
        names.append(item["answer"]["name"])
    assert set(names) == set(NAMED_ORDERS)


def test_classify_other_sizes_refused():
    with pytest.raises(UnsupportedError):
        exercises("classify", "3x3", seed=1)
    result = run("exercise", "--kind", "classify", "--size", "2x3")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        result.stderr.strip() == "leverage: error: classify exercises are 2x2 games only, not 2x3"
    )


# --------------------------------------------------------------------------- regimes
def structure_at(item: dict, c: Fraction) -> tuple:
    sym = sympy.Symbol(item["parameter"]["name"])
    a, b = (
        [
            [Fraction(str(sympy.sympify(e).subs(sym, sympy.Rational(str(c))))) for e in row]
            for row in m
        ]
        for m in item["payoffs"]
    )
    return tuple(sorted((support(x), support(y)) for x, y in oracle(a, b)))


@pytest.mark.parametrize("size, seed", [("2x2", 1), ("2x3", 2), ("3x3", 3)])
def test_regime_thresholds_rederived(size, seed):
    data = emitted("regimes", size, seed, 3)
    for item in data["exercises"]:
        low, high = (Fraction(v) for v in item["parameter"]["range"])
        thresholds = [Fraction(t) for t in item["answer"]["thresholds"]]
        assert thresholds and all(low < t < high and t.denominator <= 6 for t in thresholds)
        eps = Fraction(1, 1000)
        for t in thresholds:
            around = {structure_at(item, q) for q in (t - eps, t, t + eps)}
            assert len(around) > 1, f"nothing changes at {t}"
        ends = [low, *thresholds, high]
        for lo, hi in itertools.pairwise(ends):
            inside = {structure_at(item, lo + (hi - lo) * Fraction(k, 7)) for k in range(1, 7)}
            assert len(inside) == 1, f"the equilibria change inside ({lo}, {hi})"
        # the closed forms of the key agree with the oracle inside each interval
        for reg in item["answer"]["regimes"]:
            if "at" in reg:
                continue
            q = (Fraction(reg["from"]) + Fraction(reg["to"])) / 2
            sym = sympy.Symbol(item["parameter"]["name"])
            value = sympy.Rational(str(q))
            listed = {
                tuple(
                    tuple(Fraction(str(sympy.sympify(p).subs(sym, value))) for p in s)
                    for s in eq["strategies"]
                )
                for eq in reg["equilibria"]
            }
            a_q = [[sympy.sympify(e).subs(sym, value) for e in row] for row in item["payoffs"][0]]
            b_q = [[sympy.sympify(e).subs(sym, value) for e in row] for row in item["payoffs"][1]]
            a_f = [[Fraction(str(v)) for v in row] for row in a_q]
            b_f = [[Fraction(str(v)) for v in row] for row in b_q]
            assert listed == oracle(a_f, b_f)


def test_regime_model_text_loads_to_the_same_game():
    import leverage

    s = exercises("regimes", "2x2", seed=4, count=1)
    pg = s.items[0].parametric
    assert pg is not None
    model = leverage.loads(pg.toml(), file="<test>")
    for c in (Fraction(0), Fraction(7, 3), Fraction(10)):
        got = model.game({"c": c}, exact=True)
        want = pg.at(c)
        assert all((x == y).all() for x, y in zip(got.payoffs, want.payoffs, strict=True))


# --------------------------------------------------------------------------- theme and text
def test_rare_earth_theme_labels_and_stories():
    data = emitted("pure", "3x3", 1, 10, "--theme", "rare-earth")
    for item in data["exercises"]:
        assert item["players"] == ["China", "US"]
        assert item["strategies"][0] == ["De-escalate", "Calibrate", "Overreach"]
        assert item["story"] in STORIES
        assert re.search(r"\[\d+\]", item["story"])
    assert len({item["story"] for item in data["exercises"]}) == 10
    figures = " ".join(STORIES)
    # the figures of the source (China Musings, "China's Rare Earth Gambit", 2025-10-17)
    for figure in ("88%", "90%", "1 December 2025", "0.1%", "24%", "14 nm"):
        assert figure in figures
    neutral = emitted("mixed", "2x3", 1, 2)
    assert neutral["exercises"][0]["players"] == ["Row", "Column"]
    assert neutral["exercises"][0]["strategies"] == [["A", "B"], ["L", "M", "R"]]
    assert "story" not in neutral["exercises"][0]


def test_sheet_has_no_answers_and_key_has_them(tmp_path):
    sheet, key = tmp_path / "sheet.md", tmp_path / "key.md"
    result = run("exercise", "--kind", "pure", "--seed", 2, "-o", sheet, "--key", key)
    assert result.exit_code == 0 and result.stdout == ""
    s, k = sheet.read_text(), key.read_text()
    assert s.startswith("# Exercises:") and k.startswith("# Answer key:")
    assert "Answer key" not in s and "[**" not in s and "**" not in s
    data = exercises("pure", seed=2).to_dict()
    for item in data["exercises"]:
        for entry in item["answer"]["pure_equilibria"]:
            assert "(" + ", ".join(entry["strategies"]) + ")" in k
    assert s.count("## Exercise") == k.count("## Exercise") == 5
    # without --key: the sheet, a page break, then the key
    both = run("exercise", "--kind", "pure", "--seed", 2).stdout
    assert both == s + '\n---\n\n<div style="page-break-before: always"></div>\n\n' + k


# --------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    "args, message",
    [
        (["--count", "101"], "count must be an integer from 1 to 100, got 101"),
        (["--seed", "-3"], "seed must be a non-negative integer, got -3"),
        (["--format", "json", "--key", "k.md"], "--key is not used with --format json"),
        (["-o", "same.md", "--key", "same.md"], "--key and -o/--output must be different"),
        (["--key", "-"], "--key and -o/--output must be different"),
    ],
)
def test_bad_input_exit_2_one_line_no_output(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run("exercise", "--kind", "pure", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_library_rejects_bad_options():
    with pytest.raises(ParameterError):
        exercises("nash", seed=1)
    with pytest.raises(ParameterError):
        exercises("pure", "4x4", seed=1)
    with pytest.raises(ParameterError):
        exercises("pure", seed=1, theme="trade-war")
    with pytest.raises(ParameterError):
        exercises("pure", seed=1, count=True)


def test_generation_is_bounded(monkeypatch, tmp_path):
    monkeypatch.setattr(ex, "MAX_DRAWS", 40)
    monkeypatch.setattr(ex, "draft_mixed", lambda draw, ctx: None)
    with pytest.raises(TooLargeError, match=r"within 40 draws .* try another seed"):
        exercises("mixed", seed=1)
    out = tmp_path / "s.md"
    result = run("exercise", "--kind", "mixed", "-o", out)
    assert result.exit_code == 2 and not out.exists()


def test_a_key_failing_verification_is_never_written(monkeypatch, tmp_path):
    # sabotage the independent check: the generator must stop with an internal error
    monkeypatch.setattr(ex, "brute_pure", lambda game: [(0, 0), (9, 9)])
    with pytest.raises(RuntimeError, match="failed verification"):
        exercises("pure", seed=1)
    sheet, key = tmp_path / "s.md", tmp_path / "k.md"
    result = run("exercise", "--kind", "pure", "-o", sheet, "--key", key)
    assert result.exit_code == 1
    assert "internal error" in result.stderr
    assert not sheet.exists() and not key.exists()


# --------------------------------------------------------------------------- LaTeX
@needs_latex
@pytest.mark.parametrize(
    "kind, size",
    [
        ("pure", "3x3"),
        ("dominance", "2x3"),
        ("mixed", "3x3"),
        ("classify", "2x2"),
        ("regimes", "2x2"),
    ],
)
def test_latex_compiles(tmp_path, kind, size):
    s = exercises(kind, size, seed=3, count=3, theme="rare-earth")
    compile_latex(tmp_path, "doc", s.document("latex"))
    assert "\\clearpage" in s.document("latex")


@needs_latex
def test_latex_sheet_and_key_compile_separately(tmp_path):
    sheet, key = tmp_path / "sheet.tex", tmp_path / "key.tex"
    result = run(
        "exercise",
        "--kind",
        "dominance",
        "--size",
        "3x3",
        "--format",
        "latex",
        "-o",
        sheet,
        "--key",
        key,
    )
    assert result.exit_code == 0, result.output
    compile_latex(tmp_path, "sheet", sheet.read_text())
    compile_latex(tmp_path, "key", key.read_text())
    assert "\\underline" not in sheet.read_text() and "\\fbox" not in sheet.read_text()
    assert "\\fbox" in key.read_text()


@pytest.mark.parametrize("kind", ["pure", "dominance", "mixed", "classify", "regimes"])
def test_printed_key_states_the_verified_answer(kind):
    s = exercises(kind, seed=5, count=3)
    sections = s.key().split("## Exercise ")[1:]
    assert len(sections) == 3
    for item, text in zip(s.items, sections, strict=True):
        answer = item.answer
        if kind in ("pure", "classify"):
            for entry in answer["pure_equilibria"]:
                assert "(" + ", ".join(entry["strategies"]) + ")" in text
        if kind == "dominance":
            assert "Survivor: (" + ", ".join(answer["solution"]["strategies"]) + ")" in text
            assert text.count("Round ") == len(answer["eliminations"])
        if kind == "mixed":
            for labels, probs in zip(item.game.strategies, answer["strategies"], strict=True):
                for label, p in zip(labels, probs, strict=True):
                    assert (f"{label} {p}" in text) == (p != "0")
        if kind == "classify":
            assert text.count(answer["name"]) >= 1
        if kind == "regimes":
            thresholds = text.split("Thresholds: ", 1)[1].split("\n", 1)[0]
            assert re.findall(r"c = ([0-9/]+)", thresholds) == answer["thresholds"]
            bullets = [line for line in text.splitlines() if line.startswith("- ")]
            assert len(bullets) == len(answer["regimes"])
