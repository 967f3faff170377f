"""The Python API a notebook user sees: load, Model.game, Game.equilibria, reprs, layering."""

from __future__ import annotations

import ast
import math
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

import leverage

ROOT = Path(__file__).parent.parent

IRRATIONAL = """\
title = "Irrational payoffs"
description = "sqrt makes the payoffs irrational, so the game is solved in floats."
[players]
Row = ["Up", "Down"]
Col = ["Left", "Right"]
[parameters.k]
value = 2
range = [1, 10]
source = "assumption"
[payoffs]
"Up, Left" = ["sqrt(k)", "1"]
"Up, Right" = ["0", "0"]
"Down, Left" = ["0", "0"]
"Down, Right" = ["1", "sqrt(k)"]
"""


def test_public_api_names():
    for name in ("load", "Model", "Game", "Equilibrium", "Solution", "ModelError", "equilibria"):
        assert name in leverage.__all__
        assert getattr(leverage, name)


def test_dir_shows_only_the_documented_public_names():
    import leverage.cli  # imports every layer's packages as a side effect

    assert dir(leverage) == sorted(leverage.__all__)
    for name in leverage.__all__:
        value = getattr(leverage, name)
        assert not isinstance(value, type(leverage)), f"leverage.{name} is a module"
    # the subpackages are not public names: leverage.solve is a package, the function
    # that solves a game is leverage.equilibria (or Game.equilibria)
    assert "solve" not in leverage.__all__ and callable(leverage.equilibria)
    api = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert "public Python API" in api


def test_irrational_payoffs_fall_back_to_floats():
    model = leverage.loads(IRRATIONAL, file="irr.toml")
    game = model.game()
    assert not game.exact
    sol = game.equilibria()
    mixed = next(e for e in sol if e.kind == "mixed")
    # Row mixes so that Col is indifferent: p*1 = (1-p)*sqrt(2)
    assert math.isclose(mixed.strategies[0][0], math.sqrt(2) / (1 + math.sqrt(2)))
    with pytest.raises(leverage.NotRationalError):
        model.game(exact=True)
    assert model.game(k=4).exact  # sqrt(4) = 2 is rational


def test_non_finite_payoff_is_an_error():
    text = IRRATIONAL.replace('"sqrt(k)", "1"]', '"exp(1000 * k)", "1"]')
    with pytest.raises(leverage.ModelError, match=r"big.toml:11: .*overflow"):
        leverage.loads(text, file="big.toml")
    model = leverage.loads(text.replace("1000 * k", "100 * k"), file="ok.toml")
    with pytest.raises(leverage.EvaluationError, match=r'ok.toml:11: payoffs."Up, Left"'):
        model.game(k=10)


def test_model_game_overrides_and_exactness():
    model = leverage.load(ROOT / "models" / "chicken.toml")
    g = model.game(interdependence_cost="7/2")
    assert g.exact and g.parameters["interdependence_cost"] == Fraction(7, 2)
    assert model.game({"interdependence_cost": 3}).parameters["interdependence_cost"] == 3
    with pytest.raises(leverage.ParameterError, match="range"):
        model.game(interdependence_cost=1000)
    with pytest.raises(leverage.ParameterError, match="unknown parameter"):
        model.game(nonsense=1)
    sol = g.equilibria(exact=False)
    assert not sol.exact and all(isinstance(p, float) for p in sol[0].strategies[0])


def test_notebook_reprs():
    model = leverage.load(ROOT / "models" / "rare_earth_controls.toml")
    game = model.game()
    sol = game.equilibria()
    assert "Rare-earth" in repr(model) and "2×2" in repr(game)
    assert "Equilibrium" in repr(sol)
    assert "| China \\ US |" in game._repr_markdown_()
    assert "| # | kind |" in sol._repr_markdown_()
    assert "interdependence_cost" in model._repr_markdown_()
    data = sol.to_dict()
    assert data["players"] == ["China", "US"]


def _is_cli(path):
    return "cli" in path.relative_to(ROOT / "leverage").parts


def test_only_the_command_line_knows_click():
    # the layering itself is held by tests/test_architecture.py
    for path in (ROOT / "leverage").rglob("*.py"):
        if _is_cli(path):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            assert not any(n.split(".")[0] == "click" for n in names), (path, node.lineno)


def test_importing_the_api_and_every_command_loads_no_optional_library():
    # matplotlib (plots), nashpy (interop) and scipy are loaded only when asked for
    code = (
        "import sys, leverage, leverage.cli as c; c.all_commands(); "
        "print(sorted(m for m in ('matplotlib', 'nashpy', 'scipy', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_library_never_prints():
    for path in (ROOT / "leverage").rglob("*.py"):
        if _is_cli(path):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                raise AssertionError(f"print() in {path}")


def test_no_eval_on_model_text():
    for path in (ROOT / "leverage").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                bare = getattr(node.func, "id", None)  # eval(...), exec(...)
                attr = getattr(node.func, "attr", None)  # sympy.sympify(...); Poly.eval is fine
                assert bare not in ("eval", "exec", "sympify", "parse_expr"), (path, bare)
                assert attr not in ("sympify", "parse_expr"), (path, attr)


def test_analysis_api_from_the_top_level():
    import numpy as np

    model = leverage.load(ROOT / "models" / "chicken.toml")
    analysis = leverage.regimes(model, "interdependence_cost", (0, 10))
    assert [c.exact for c in analysis.critical_values] == ["1"]
    assert analysis.to_dict()["parameter"] == "interdependence_cost" and analysis.to_rows()
    swept = leverage.sweep(model, {"interdependence_cost": np.linspace(0, 10, 101)})
    assert len(swept) == 101 and swept.to_dict()["size"] == 101 and swept.to_rows()
    mc = leverage.montecarlo(model, n=500, seed=1)
    assert sum(r["count"] for r in mc.to_rows()) == 500 and mc.to_dict()["seed"] == 1
    st = leverage.statics(model, "interdependence_cost")
    assert st.to_dict()["regimes"] and st.to_rows()
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure

    for result in (analysis, swept, mc, st):
        assert isinstance(result.plot(), Figure)


def test_teaching_api_from_the_top_level():
    model = leverage.load(ROOT / "models" / "chicken.toml")
    game = model.game()
    # Chicken at the default cost: two pure equilibria and the mixed (1/2, 1/2)
    ex = leverage.explain(game)
    assert len(ex.pure_equilibria) == 2 and len(ex.mixed_equilibria) == 1
    assert leverage.explain_model(model, symbolic=True).to_dict()
    assert leverage.classify(game).name == "Chicken"
    sheet = leverage.exercises("pure", seed=1, count=2)
    assert len(sheet.items) == 2 and sheet.key("markdown")
    assert leverage.report_html(model, regimes=False).startswith("<!DOCTYPE html>")
    run = leverage.dynamics(game, "fictitious-play", steps=100)
    assert run.to_dict() and run.to_rows()


@pytest.mark.parametrize("text", ["1/2/3", "8/2/2", "1//2"])
def test_a_value_with_two_fraction_bars_is_refused_not_misread(text):
    # "1/2/3" was read as 1/(2/3) = 3/2; it is ambiguous, so it is refused
    from leverage.games.model import parse_value

    with pytest.raises(leverage.ParameterError, match="one fraction p/q"):
        parse_value(text)
    assert parse_value("22/25") == Fraction(22, 25) and parse_value(" 1/-4 ") == Fraction(-1, 4)
    bad = IRRATIONAL.replace("value = 2\n", f'value = "{text}"\n')
    with pytest.raises(leverage.ModelError, match=r"bad\.toml:7: parameters\.k\.value"):
        leverage.loads(bad, file="bad.toml")
    model = leverage.load(ROOT / "models" / "chicken.toml")
    with pytest.raises(leverage.ParameterError, match="one fraction"):
        model.game(interdependence_cost=text)
