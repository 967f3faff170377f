"""Every result serialises the same way and shows itself well in a notebook.

One contract for every result type (``leverage.records.Record``): ``to_dict()`` is a
JSON-ready dict, ``to_json()`` the JSON string with the schema version first (what
``--format json`` prints), ``to_rows()`` flat JSON-ready rows, ``to_dataframe()`` the
same rows in pandas, ``_repr_html_()`` escaped HTML and ``repr`` a short line.  A model
whose title and labels are HTML is the hostile case: nothing of it may reach the HTML
unescaped.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings

import leverage
from leverage.cli import cli
from leverage.formats.jsonout import SCHEMA_KEY, SCHEMA_VERSION
from leverage.records import Record

from .strategies import bimatrix

ROOT = Path(__file__).parent.parent
CHICKEN = ROOT / "models" / "chicken.toml"
HOSTILE_TITLE = "<script>alert('t')</script>"
HOSTILE_LABEL = "<img src=x onerror=alert(1)>&"


def hostile_model():
    """Chicken with a title and a strategy label that are markup."""
    text = CHICKEN.read_text(encoding="utf-8")
    label = json.dumps(HOSTILE_LABEL)
    text = text.replace(
        'title = "Chicken (trade-standoff framing)"', f"title = {json.dumps(HOSTILE_TITLE)}"
    )
    text = text.replace('Row = ["Swerve", "Straight"]', f'Row = [{label}, "Straight"]')
    text = text.replace("[strategies.Row]\nSwerve", f"[strategies.Row]\n{label}")
    text = text.replace('"Swerve, ', f'"{HOSTILE_LABEL}, ')
    return leverage.loads(text, file="hostile.toml")


@pytest.fixture(scope="module")
def results():
    model = hostile_model()
    game = model.game()
    return {
        "game": game,
        "solution": game.equilibria(),
        "sweep": leverage.sweep(model, {"interdependence_cost": np.linspace(0, 5, 11)}),
        "montecarlo": leverage.montecarlo(model, n=200, seed=1),
        "regimes": leverage.regimes(model, "interdependence_cost", (0, 5)),
        "statics": leverage.statics(model, "interdependence_cost"),
        "dynamics": leverage.dynamics(game, "fictitious-play", steps=50),
        "classification": leverage.classify(game),
        "explanation": leverage.explain(game),
        "exercises": leverage.exercises("pure", seed=1, count=2),
    }


NAMES = [
    "game",
    "solution",
    "sweep",
    "montecarlo",
    "regimes",
    "statics",
    "dynamics",
    "classification",
    "explanation",
    "exercises",
]


@pytest.mark.parametrize("name", NAMES)
def test_every_result_serialises_one_way(results, name):
    result = results[name]
    assert isinstance(result, Record)
    data = result.to_dict()
    assert isinstance(data, dict) and SCHEMA_KEY not in data
    text = result.to_json()
    assert isinstance(text, str)
    parsed = json.loads(text)
    assert list(parsed)[0] == SCHEMA_KEY and parsed[SCHEMA_KEY] == SCHEMA_VERSION
    assert {k: v for k, v in parsed.items() if k != SCHEMA_KEY} == json.loads(json.dumps(data))
    rows = result.to_rows()
    assert isinstance(rows, list) and rows
    for row in rows:
        assert list(row) == list(rows[0])
        assert all(v is None or isinstance(v, (str, int, float, bool)) for v in row.values())
    json.dumps(rows)  # JSON-ready
    frame = result.to_dataframe()
    assert frame.shape == (len(rows), len(rows[0]))
    assert list(frame.columns) == list(rows[0])


@pytest.mark.parametrize("name", NAMES)
def test_every_result_shows_escaped_html_and_a_short_repr(results, name):
    result = results[name]
    page = result._repr_html_()
    assert page.startswith('<div class="leverage">') and page.endswith("</div>")
    assert "<script" not in page and "<img" not in page
    text = repr(result)
    assert len(text.splitlines()[0]) < 300, text
    if name in ("game", "solution", "sweep", "regimes", "statics", "explanation"):
        # the hostile title or label is there, escaped
        assert html.escape(HOSTILE_TITLE) in page or html.escape(HOSTILE_LABEL) in page


def test_model_html_escapes_and_lists_parameters():
    model = hostile_model()
    page = model._repr_html_()
    assert "<script" not in page and html.escape(HOSTILE_TITLE) in page
    for name in model.parameters:
        assert f"<td>{name}</td>" in page


def test_long_results_are_cut_in_html_but_not_in_rows():
    model = leverage.load(CHICKEN)
    swept = leverage.sweep(model, {"interdependence_cost": np.linspace(0, 5, 101)})
    run = leverage.dynamics(model.game(), "replicator", steps=2000)
    assert len(run.to_rows()) > 20
    assert run._repr_html_().count("<tr>") <= 22  # header + the summary's points
    assert len(swept.to_rows()) >= 101 and swept._repr_html_().count("<tr>") < 10


def test_dynamics_and_explanation_reprs_summarise():
    model = leverage.load(CHICKEN)
    game = model.game()
    explanation = leverage.explain(game)
    n = len(explanation.solution)
    sections = len(explanation.sections)
    assert repr(explanation) == (
        f"<Explanation of {game.title!r}: {n} equilibria, {sections} sections>"
    )
    run = leverage.dynamics(game, "replicator")
    assert re.fullmatch(r"<DynamicsResult replicator on '.*': [\d,]+ steps, .*>", repr(run))
    assert len(repr(run)) < 300


@settings(max_examples=40, deadline=None)
@given(bimatrix(max_size=4))
def test_solution_rows_hold_every_equilibrium_exactly(arrays):
    game = leverage.Game.from_arrays(*arrays, players=("Row", "Column"))
    solution = game.equilibria()
    rows = solution.to_rows()
    assert len(rows) == len(solution) and list(rows[0]) == solution.columns()
    for k, (row, eq) in enumerate(zip(rows, solution, strict=True), start=1):
        assert row["equilibrium"] == k and row["kind"] == eq.kind
        for i, player in enumerate(game.players):
            for label, p in zip(game.strategies[i], eq.strategies[i], strict=True):
                assert Fraction(row[f"{player}:{label}_exact"]) == p
                assert row[f"{player}:{label}"] == float(p)
            assert Fraction(row[f"payoff:{player}_exact"]) == eq.payoffs[i]


def test_equilibrium_repr_names_strategies():
    model = leverage.load(CHICKEN)
    solution = model.game(interdependence_cost=9).equilibria()
    game = solution.game
    for eq in solution:
        text = repr(eq)
        assert text.startswith("Equilibrium(") and len(text) < 300
        for i, player in enumerate(game.players):
            support = [game.strategies[i][k] for k in eq.support(i)]
            if len(support) == 1:
                assert f"{player}: {support[0]}" in text
            else:
                shown = ", ".join(
                    f"{game.strategies[i][k]} {eq.strategies[i][k]}" for k in eq.support(i)
                )
                assert f"{player}: {shown}" in text
        assert text.endswith(f"payoffs {', '.join(str(v) for v in eq.payoffs)})")
    # the names take no part in equality
    bare = dataclasses.replace(solution[0], players=(), labels=())
    assert bare == solution[0] and "Row" not in repr(bare)


def test_to_dataframe_names_the_extra_when_pandas_is_missing(monkeypatch):
    solution = leverage.load(CHICKEN).game().equilibria()
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=re.escape("pip install 'leverage-games[dataframe]'")):
        solution.to_dataframe()


JSON_COMMANDS = [
    ["solve", str(CHICKEN), "--format", "json"],
    ["solve", str(CHICKEN), "--format", "json", "--dominance"],
    ["sweep", str(CHICKEN), "--param", "interdependence_cost=0:5:6", "--format", "json"],
    ["montecarlo", str(CHICKEN), "-n", "100", "--format", "json"],
    [
        "regimes",
        str(CHICKEN),
        "--param",
        "interdependence_cost",
        "--range",
        "0:5",
        "--format",
        "json",
    ],
    ["statics", str(CHICKEN), "--param", "interdependence_cost", "--format", "json"],
    ["dynamics", str(CHICKEN), "--rule", "replicator", "--format", "json"],
    ["explain", str(CHICKEN), "--format", "json"],
    ["exercise", "--kind", "pure", "--count", "1", "--format", "json"],
    ["convert", str(CHICKEN), "--to", "json"],
]


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:]))
def test_every_command_json_object_starts_with_the_schema_version(args):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data)[0] == SCHEMA_KEY and data[SCHEMA_KEY] == SCHEMA_VERSION
    # docs/json.md names every key of the command's object in the command's section
    doc = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    section = doc.split(f"## `leverage {args[0]}", 1)[1].split("\n## ", 1)[0]
    missing = [key for key in data if f"`{key}`" not in section]
    assert not missing, f"docs/json.md does not describe {missing} of {args[0]}"


def test_classify_json_stamps_every_record():
    files = [str(CHICKEN), str(ROOT / "models" / "stag_hunt.toml")]
    result = CliRunner().invoke(cli, ["classify", *files, "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert len(records) == 2
    doc = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    section = doc.split("## `leverage classify", 1)[1].split("\n## ", 1)[0]
    assert all(f"`{key}`" in section for r in records for key in r)
    assert all(list(r)[0] == SCHEMA_KEY and r[SCHEMA_KEY] == SCHEMA_VERSION for r in records)


def test_the_schema_version_is_documented():
    doc = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    assert f'"{SCHEMA_KEY}": {SCHEMA_VERSION}' in doc
    for command in ("solve", "sweep", "montecarlo", "regimes", "statics", "dynamics"):
        assert f"## `leverage {command}" in doc, command
    for command in ("classify", "explain", "exercise", "convert", "validate"):
        assert f"## `leverage {command}" in doc, command


def test_a_sweeps_equilibria_are_named():
    model = leverage.load(CHICKEN)
    swept = leverage.sweep(model, {"interdependence_cost": np.linspace(2, 3, 2)})
    got = swept.equilibria_at(0)
    assert all(e.players == model.players and e.labels == model.strategies for e in got)
    exact = model.game(interdependence_cost=2).equilibria()

    # the same pure equilibria, named the same way, as the exact solver's
    def names(eqs):
        return sorted(repr(e).split(" → ")[0] for e in eqs if e.kind == "pure")

    assert names(got) == names(exact) and len(names(exact)) == 2


def test_json_output_escapes_del_and_c1_and_stays_valid(tmp_path):
    # json.dumps(ensure_ascii=False) leaves DEL and C1 raw; the terminal escaping then
    # turned them into \x7f, which is not a JSON escape (issue 9)
    from click.testing import CliRunner

    from leverage.cli import cli

    model = tmp_path / "m.toml"
    model.write_text(
        'title = "a\\u007fb\\u0085c"\n[players]\nRow = ["A", "B"]\nCol = ["C", "D"]\n'
        '[payoffs]\n"A, C" = [1, 0]\n"A, D" = [0, 1]\n"B, C" = [0, 1]\n"B, D" = [1, 0]\n',
        encoding="utf-8",
    )
    for command in ("solve", "classify", "explain"):
        result = CliRunner().invoke(cli, [command, str(model), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert "\\x7f" not in result.stdout and "\x7f" not in result.stdout
        json.loads(result.stdout)  # valid JSON
        if command != "classify":  # classify's records name the file, not the title
            assert "\\u007f" in result.stdout and "\\u0085" in result.stdout
