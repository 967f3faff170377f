"""Step-by-step explanations: the facts they state equal what the solver and the dominance
engine report, textbook results, symbolic closed forms, renderings and the command line."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import leverage
from leverage import Game
from leverage.cli import cli
from leverage.errors import ParameterError, UnsupportedError
from leverage.expr import symbol
from leverage.teach.explain import Explanation, explain, explain_model

from .latex import compile_latex, needs_latex
from .strategies import bimatrix

ROOT = Path(__file__).parent.parent
MODELS = sorted((ROOT / "models").glob("*.toml"))
RARE = str(ROOT / "models" / "rare_earth_controls.toml")
CHICKEN = str(ROOT / "models" / "chicken.toml")


# --------------------------------------------------------------------------- the checks
def check_against_engines(ex: Explanation) -> None:
    """Every fact of the explanation equals what the exact engines report."""
    game = ex.game
    solution = game.equilibria(components=True) if game.n_players == 2 else None
    if solution is None:
        solution = game.equilibria(method="pure")
    reported = solution.equilibria
    # pure equilibria: the cells where everyone best-responds, exactly the solver's
    assert sorted(p.profile for p in ex.pure_equilibria) == sorted(
        e.profile for e in reported if e.kind == "pure"
    )
    for p in ex.pure_equilibria:
        assert p.payoffs == reported[p.index].payoffs
        for i in range(game.n_players):
            br = [b for b in ex.best_responses if b.player == i]
            against = tuple(None if j == i else k for j, k in enumerate(p.profile))
            assert p.profile[i] in next(b.best for b in br if b.against == against)
    # mixed equilibria: exactly the solver's, probabilities and payoffs
    mixed = [(k, e) for k, e in enumerate(reported) if e.kind == "mixed"]
    assert [m.index for m in ex.mixed_equilibria] == [k for k, _ in mixed]
    for m, (_, e) in zip(ex.mixed_equilibria, mixed, strict=True):
        assert m.strategies == e.strategies
        assert m.payoffs == e.payoffs
        if ex.detailed:
            assert len(m.derivations) == 2
        for d in m.derivations:
            # the solved system gives the solver's probabilities and the opponent's payoff
            assert d.solution == tuple(e.strategies[d.player][s] for s in d.support)
            assert set(d.support) == set(e.support(d.player))
            assert set(e.support(d.opponent)) <= set(d.indifferent_among) | set(d.also_equal)
            assert d.value == e.payoffs[d.opponent]
            if not ex.symbolic:  # symbolic expressions are checked at the values below
                subs = dict(zip(d.variables, _solved_variables(d), strict=True))
                for expr in d.expected:
                    assert sympy.sympify(expr).xreplace(subs) == sympy.Rational(str(d.value))
        for c in m.checks:
            assert c.strategy not in e.support(c.player)
            assert c.payoff <= c.equilibrium_payoff == e.payoffs[c.player]
    # dominance: the engine's eliminations, in order, with correct comparisons
    result = game.iterated_elimination()
    assert [(s.round, s.player, s.strategy, s.dominated_by) for s in ex.dominance] == [
        (s.round, s.player, s.strategy, s.dominated_by) for s in result.steps
    ]
    assert ex.remaining == result.remaining
    for step in ex.dominance:
        if ex.detailed:
            assert step.comparisons
        for c in step.comparisons:
            assert c.dominator > c.dominated
    # comparison of the equilibria
    assert len(ex.summaries) == len(reported)
    for s, e in zip(ex.summaries, reported, strict=True):
        assert bool(s.pareto_dominated_by) == bool(e.pareto_dominated)
        assert s.risk_dominant == e.risk_dominant
        for k in s.pareto_dominated_by:
            other = reported[k].payoffs
            assert all(b >= a for a, b in zip(e.payoffs, other, strict=True))
    assert ex.degenerate == solution.degenerate
    if solution.degenerate:
        assert ex.components is not None and len(ex.components) == len(solution.components or ())


def flat(text: str) -> str:
    """Text with line breaks (wrapping) undone."""
    return " ".join(text.split())


def _solved_variables(d):
    """The values of the unknowns: the probabilities of all but the last support strategy."""
    return [sympy.Rational(str(p)) for p in d.solution[: len(d.variables)]]


def check_renderings(ex: Explanation) -> None:
    text = ex.to_text()
    assert max(len(line) for line in text.splitlines() if "|" in line or not line) <= 80
    md = ex.to_markdown()
    assert md.startswith("# ")
    html = ex.to_html()
    assert html.startswith('<section class="leverage-explanation">')
    assert html.count("<ul>") == html.count("</ul>")
    for style in ("sgame", "tabular"):
        check_latex_structure(ex.to_latex(style=style))
    check_latex_structure(ex.to_latex(standalone=False))
    data = ex.to_dict()
    assert json.loads(json.dumps(data)) == data


def check_latex_structure(tex: str) -> None:
    """Balanced environments and braces (a cheap stand-in for compiling)."""
    stack = []
    for kind, name in re.findall(r"\\(begin|end)\{([^}]*)\}", tex):
        if kind == "begin":
            stack.append(name)
        else:
            assert stack and stack.pop() == name, name
    assert not stack, stack
    depth = 0
    for k, ch in enumerate(tex):
        if ch in "{}" and (k == 0 or tex[k - 1] != "\\"):
            depth += 1 if ch == "{" else -1
            assert depth >= 0
    assert depth == 0
    assert tex.count("$") % 2 == 0 or "\\$" in tex


# --------------------------------------------------------------------------- shipped models
@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_every_shipped_model(path):
    model = leverage.load(path)
    ex = explain_model(model)
    check_against_engines(ex)
    check_renderings(ex)


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_every_shipped_model_symbolically(path):
    model = leverage.load(path)
    ex = explain_model(model, symbolic=True)
    check_against_engines(ex)
    values = {symbol(k): sympy.Rational(str(v)) for k, v in model.values().items()}
    defines = {}
    for name, expr in model.defines.items():
        defines[symbol(name)] = expr.xreplace(defines)

    def at(expr):
        return sympy.simplify(sympy.sympify(expr).xreplace(defines).xreplace(values))

    for b in ex.best_responses:
        for _, _, cond in b.conditions:
            assert cond.relation in (">", "=")
            assert (at(cond.better) - at(cond.worse) > 0) == (cond.relation == ">")
    for m in ex.mixed_equilibria:
        for d in m.derivations:
            # closed forms evaluate to the exact numeric solution
            assert [at(f) for f in d.formulas] == [sympy.Rational(str(p)) for p in d.solution]
            assert at(d.value_formula) == sympy.Rational(str(d.value))
        assert [at(f) for f in m.payoff_formulas] == [sympy.Rational(str(v)) for v in m.payoffs]
        for _, _, cond in m.positivity:
            assert cond.relation == ">"
    check_renderings(ex)


# --------------------------------------------------------------------------- textbook cases
def test_battle_of_the_sexes():
    # Osborne (2004), An Introduction to Game Theory, §4.3: BoS with payoffs 2/1 has the
    # mixed equilibrium ((2/3, 1/3), (1/3, 2/3)), each player getting 2/3.
    bos = Game.from_arrays(
        [[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Row", "Column"), strategies=(("B", "S"),) * 2
    )
    ex = explain(bos)
    assert [p.profile for p in ex.pure_equilibria] == [(0, 0), (1, 1)]
    (m,) = ex.mixed_equilibria
    half = Fraction(1, 3), Fraction(2, 3)
    assert m.strategies == ((half[1], half[0]), half)
    assert m.payoffs == (Fraction(2, 3), Fraction(2, 3))
    row = next(d for d in m.derivations if d.player == 0)
    assert row.indifferent_among == (0, 1) and row.solution == (Fraction(2, 3), Fraction(1, 3))
    assert "p = 2/3" in flat(ex.to_text())
    assert not ex.dominance


def test_matching_pennies():
    # Matching Pennies (Osborne 2004, §4.1): the unique equilibrium mixes 1/2, 1/2.
    mp = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    ex = explain(mp)
    assert not ex.pure_equilibria
    (m,) = ex.mixed_equilibria
    assert m.strategies == ((Fraction(1, 2),) * 2,) * 2
    assert "no pure equilibrium" in flat(ex.to_text())


def test_prisoners_dilemma_is_dominance_solvable():
    # Gibbons (1992), §1.1.B: defecting strictly dominates for both players.
    pd = Game.from_arrays([[-1, -9], [0, -6]], [[-1, 0], [-9, -6]], strategies=(("C", "D"),) * 2)
    ex = explain(pd)
    assert ex.eliminated == ((0, 0), (1, 0))
    step = ex.dominance[0]
    assert [(c.dominator, c.dominated) for c in step.comparisons] == [(0, -1), (-6, -9)]
    assert "dominance solvable" in flat(ex.to_text())


def test_mixed_dominator_with_expected_payoffs():
    # Bottom earns 1 against both columns; neither Top (3, 0) nor Middle (0, 3) beats it,
    # the even mixture does: 3/2 > 1 against each column.
    g = Game.from_arrays(
        [[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]], strategies=(("T", "M", "B"), ("L", "R"))
    )
    ex = explain(g)
    step = ex.dominance[0]
    assert (step.player, step.strategy) == (0, 2)
    assert step.dominated_by == ((0, Fraction(1, 2)), (1, Fraction(1, 2)))
    assert [(c.dominator, c.dominated) for c in step.comparisons] == [(Fraction(3, 2), 1)] * 2
    assert "(1/2)·3 + (1/2)·0 = 3/2 > 1" in flat(ex.to_text())


def test_stag_hunt_risk_dominance():
    # Harsanyi and Selten (1988): in the Stag Hunt (4,4 / 0,3 / 3,0 / 3,3) the
    # payoff-dominant (Stag, Stag) is risk-dominated by (Hare, Hare): Nash products
    # (4-3)(4-3) = 1 < (3-0)(3-0) = 9.
    sh = Game.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]], strategies=(("Stag", "Hare"),) * 2)
    ex = explain(sh)
    stag, hare = (next(s for s in ex.summaries if s.index == p.index) for p in ex.pure_equilibria)
    assert (stag.nash_product, hare.nash_product) == (1, 9)
    assert (stag.risk_dominant, hare.risk_dominant) == (False, True)
    mixed = next(s for s in ex.summaries if s.kind == "mixed")
    assert hare.pareto_dominated_by == (stag.index,) and stag.index in mixed.pareto_dominated_by
    assert "(Hare, Hare) risk-dominates (Stag, Stag)" in flat(ex.to_text())


def test_rare_earth_defaults_match_the_brief():
    ex = explain_model(leverage.load(RARE))
    text = flat(ex.to_text())
    assert "Overreach is strictly dominated by Calibrate for China" in text
    assert "against Hold 0 > -499/500" in text
    assert "against Escalate -96/25 > -282231/62500" in text


def test_degenerate_game_components():
    # T is a best response to both columns' mixture interval: Column mixes freely on
    # [L, (1/2, 1/2)] against T, a segment of equilibria (a degenerate game).
    g = Game.from_arrays([[1, 1], [0, 2], [1, 0]], [[1, 1], [1, 0], [0, 1]])
    ex = explain(g)
    check_against_engines(ex)
    assert ex.degenerate is True and ex.components is not None
    (comp,) = ex.components
    assert len(comp.equilibria) == 2
    (m,) = ex.mixed_equilibria
    col = next(d for d in m.derivations if d.player == 1)
    # Row is indifferent between its strategies 0 and 1 at this extreme point
    assert col.indifferent_among == (0, 1) and col.solution == (Fraction(1, 2), Fraction(1, 2))
    assert "degenerate" in flat(ex.to_text())


def test_three_players():
    a = np.array([[[1, 0], [0, 1]], [[0, 1], [1, 0]]])
    ex = explain(Game.from_arrays(a, a, a))
    check_against_engines(ex)
    assert len(ex.pure_equilibria) == 4 and not ex.mixed_equilibria
    assert "three or more players are not supported" in flat(ex.to_text())
    check_renderings(ex)


def test_large_game_gets_a_summary():
    rng = np.random.default_rng(7)
    a, b = (rng.integers(-5, 6, size=(5, 5)) for _ in range(2))
    ex = explain(Game.from_arrays(a, b))
    assert not ex.detailed
    check_against_engines(ex)
    assert all(not m.derivations for m in ex.mixed_equilibria)
    assert "too large to list every best response" in flat(ex.to_text())


def test_float_game_reports_the_solvers_floats():
    g = Game.from_arrays([[2.5, 0], [0, 1]], [[1, 0], [0, 2.5]])
    ex = explain(g)
    (m,) = ex.mixed_equilibria
    assert m.strategies == g.equilibria().equilibria[2].strategies
    assert all(isinstance(p, float) for s in m.strategies for p in s)
    assert "0.714286" in flat(ex.to_text())


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_float_payoffs_of_every_model(path):
    # float payoffs are not decimal fractions (0.88 is a binary float): the derivation,
    # done on their decimal forms, must still agree with the solver to 1e-9
    g = leverage.load(path).game(exact=False)
    ex = explain(g)
    solver = g.equilibria().equilibria
    got = [m.strategies for m in ex.mixed_equilibria]
    want = [e.strategies for e in solver if e.kind == "mixed"]
    assert len(got) == len(want)
    for a, b in zip(got, want, strict=True):
        assert np.allclose(np.concatenate(a), np.concatenate(b), atol=1e-12)
    # and the algebra is shown in decimals, not as fractions of the binary floats
    assert not re.search(r"\d{9,}/\d{9,}", ex.to_text())


def test_html_is_escaped():
    g = Game.from_arrays(
        [[1, 0], [0, 1]],
        [[1, 0], [0, 1]],
        players=("<b>A&", "B"),
        strategies=(("x<", "y"), ("u", "v")),
    )
    html = explain(g).to_html()
    assert "<b>A&" not in html and "&lt;b&gt;A&amp;" in html


def test_one_player_game_is_refused():
    with pytest.raises(UnsupportedError):
        explain(Game.from_arrays([1, 2]))


def test_bad_latex_style():
    with pytest.raises(ParameterError):
        explain(Game.from_arrays([[1]], [[1]])).to_latex(style="fancy")


# --------------------------------------------------------------------------- property tests
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    bimatrix(min_size=2, max_size=3, values=st.integers(-4, 4))
    | bimatrix(min_size=2, max_size=3, values=st.integers(0, 1))
)
def test_random_small_games(ab):
    a, b = ab
    ex = explain(Game.from_arrays(a, b))
    check_against_engines(ex)
    ex.to_text()


# --------------------------------------------------------------------------- symbolic
@pytest.mark.parametrize(
    ("win", "loss", "cost"),
    [(1, 1, 2), (1, 1, 3), ("3/2", 1, 4), (2, "1/2", 10), (5, 5, "11/2")],
)
def test_symbolic_chicken_formula(win, loss, cost):
    # The model's description (and Rapoport & Chammah 1966): each holds firm with
    # probability win / (win + cost - loss) when cost > loss.
    model = leverage.load(CHICKEN)
    values = {"win_value": win, "loss_value": loss, "interdependence_cost": cost}
    ex = explain_model(model, values, symbolic=True)
    (m,) = ex.mixed_equilibria
    d = m.derivations[0]
    w, lo, c = (symbol(n) for n in ("win_value", "loss_value", "interdependence_cost"))
    straight = d.formulas[d.support.index(1)]
    assert sympy.simplify(straight - w / (w + c - lo)) == 0
    exact = {k: sympy.Rational(str(v)) for k, v in zip((w, lo, c), (win, loss, cost), strict=True)}
    numeric = model.game(values).equilibria()
    expected = next(e for e in numeric if e.kind == "mixed").strategies[0]
    assert [f.xreplace(exact) for f in d.formulas] == [sympy.Rational(str(p)) for p in expected]
    # the focus parameter's condition: Swerve beats Straight against Straight iff cost > loss
    br = next(b for b in ex.best_responses if b.player == 0 and b.against == (None, 1))
    (cond,) = [c for _, _, c in br.conditions]
    assert cond.focus_condition == f"interdependence_cost > {Fraction(str(loss))}"


def test_symbolic_rare_earth_threshold():
    ex = explain_model(leverage.load(RARE), {"interdependence_cost": "2.5"}, symbolic=True)
    br = next(b for b in ex.best_responses if b.player == 0 and b.against == (None, 1))
    (cond,) = [c for _, _, c in br.conditions]
    assert cond.focus_condition == "interdependence_cost > 10923/12500"
    assert "true" not in cond.focus_condition
    assert "interdependence_cost > 10923/12500 (it is 2.5)" in flat(ex.to_text())


def test_symbolic_focus_and_errors():
    model = leverage.load(CHICKEN)
    ex = explain_model(model, symbolic=True, focus="loss_value")
    br = next(b for b in ex.best_responses if b.player == 0 and b.against == (None, 1))
    (cond,) = [c for _, _, c in br.conditions]
    assert cond.focus_condition == "loss_value < 2"
    with pytest.raises(ParameterError):
        explain_model(model, symbolic=True, focus="nope")
    with pytest.raises(ParameterError):
        explain_model(model, {"interdependence_cost": 11})


# --------------------------------------------------------------------------- LaTeX compiles
@needs_latex
@pytest.mark.parametrize(
    ("path", "symbolic", "style"),
    [
        (RARE, False, "sgame"),
        (CHICKEN, True, "tabular"),
        (str(ROOT / "models/rock_paper_scissors.toml"), False, "sgame"),
    ],
)
def test_latex_compiles(tmp_path, path, symbolic, style):
    tex = explain_model(leverage.load(path), symbolic=symbolic).to_latex(style=style)
    compile_latex(tmp_path, "e", tex)


# --------------------------------------------------------------------------- command line
def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "html", "json"])
def test_cli_formats(fmt):
    result = run("explain", RARE, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if fmt == "json":
        data = json.loads(out)
        assert data["pure_equilibria"][0]["profile"] == ["Calibrate", "Escalate"]
        assert data["dominance"]["solved"] is True
    elif fmt == "latex":
        assert "\\begin{game}" in out and out.rstrip().endswith("\\end{document}")
        check_latex_structure(out)
    elif fmt == "html":
        assert "<table" in out
    else:
        assert "Calibrate" in out and "strictly dominated" in out


def test_cli_symbolic_set_and_output(tmp_path):
    target = tmp_path / "chicken.tex"
    result = run(
        "explain", CHICKEN, "--set", "interdependence_cost=3", "--symbolic",
        "--format", "latex", "--latex-style", "tabular", "-o", target,
    )  # fmt: skip
    assert result.exit_code == 0 and result.stdout == ""
    tex = target.read_text(encoding="utf-8")
    assert "\\begin{tabular}" in tex and "\\mathit{win\\_value}" in tex
    text = run("explain", CHICKEN, "--symbolic", "--focus", "loss_value").stdout
    assert "loss_value < 2" in flat(text)
    floats = run("explain", CHICKEN, "--float").stdout
    assert "Equilibrium 3" in floats


def one_error_line(result):
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("leverage: error:"), lines
    return lines[0]


def test_cli_bad_input(tmp_path):
    target = tmp_path / "out.txt"
    assert "unknown parameter" in one_error_line(run("explain", CHICKEN, "--set", "nope=1"))
    assert "outside its range" in one_error_line(
        run("explain", CHICKEN, "--set", "interdependence_cost=99", "-o", target)
    )
    assert not target.exists()
    assert "--latex-style" in one_error_line(run("explain", CHICKEN, "--latex-style", "tabular"))
    assert "--focus" in one_error_line(run("explain", CHICKEN, "--focus", "loss_value"))
    assert "--float" in one_error_line(run("explain", CHICKEN, "--symbolic", "--float"))
    assert "unknown parameter" in one_error_line(
        run("explain", CHICKEN, "--symbolic", "--focus", "nope")
    )
    one_error_line(run("explain", tmp_path / "missing.toml"))
    bad = tmp_path / "bad.toml"
    bad.write_text("title = 1\n", encoding="utf-8")
    one_error_line(run("explain", bad))
