"""One CSV convention for every command (docs/cli.md#csv): names, indices from 1,
floats as shortest round-trip decimals, exact values only in ``*_exact`` columns, and
no column silently lost to a name collision."""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from leverage.cli import cli

ROOT = Path(__file__).parent.parent
CHICKEN = str(ROOT / "models" / "chicken.toml")
COST = "interdependence_cost"

COMMANDS = {
    "solve": ["solve", CHICKEN, "--format", "csv"],
    "sweep": ["sweep", CHICKEN, "--param", f"{COST}=0:4:9", "--format", "csv"],
    "sweep-summary": ["sweep", CHICKEN, "--param", f"{COST}=0:4:9", "--summary", "--format", "csv"],
    "regimes": ["regimes", CHICKEN, "--param", COST, "--format", "csv"],
    "statics": ["statics", CHICKEN, "--param", COST, "--format", "csv"],
    "dynamics": ["dynamics", CHICKEN, "--rule", "replicator", "--steps", "20", "--format", "csv"],
}


def table(args):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_csv_follows_the_convention(name):
    rows = table(COMMANDS[name])
    assert rows
    for row in rows:
        assert set(row) == set(rows[0])  # every row has every column
        for key, cell in row.items():
            assert cell != "-0.0"
            if key.endswith("_exact") or cell in ("", "true", "false"):
                continue
            if "/" in cell:  # a rational or formula outside an *_exact column
                assert key in ("equilibria", "equilibrium", "structure"), (key, cell)
            try:
                number = float(cell)
            except ValueError:
                continue
            # a float cell is the shortest decimal that reads back to the same float
            assert repr(number) == cell or cell.lstrip("-").isdigit(), (key, cell)
        for key in ("equilibrium", "point", "regime"):
            if key in row and row[key].isdigit():
                assert int(row[key]) >= 1
    for key in ("equilibrium", "point", "regime", "structure"):
        numbers = [int(r[key]) for r in rows if r.get(key, "").isdigit()]
        if numbers:
            assert min(numbers) == 1, (name, key)
    names = list(rows[0])
    assert not any("." in n and ":" not in n for n in names if n not in ("",)), names


def test_solve_csv_has_floats_and_exact_columns():
    # Chicken at the defaults: the mixed equilibrium plays each strategy with 1/2
    # (docs/models.md; Rapoport and Chammah 1966).
    mixed = [r for r in table(COMMANDS["solve"]) if r["kind"] == "mixed"][0]
    assert mixed["Row:Swerve"] == "0.5" and mixed["Row:Swerve_exact"] == "1/2"
    assert Fraction(mixed["payoff:Row_exact"]) == Fraction(-1, 2)


def test_regimes_csv_ends_are_floats_with_exact_columns():
    rows = table(COMMANDS["regimes"])
    first = rows[0]
    assert first["regime"] == "1" and first["from"] == "0.0" and first["from_exact"] == "0"
    # at the critical value interdependence_cost = loss_value = 1
    assert any(r["at_exact"] == "1" and r["at"] == "1.0" for r in rows)


PAYOFFS = """
[payoffs]
"A, C" = ["NAME", "0"]
"A, D" = ["0", "1"]
"B, C" = ["1", "0"]
"B, D" = ["0", "1"]
"""


@pytest.mark.parametrize("name", ["point", "structure", "status", "equilibrium", "kind"])
def test_a_parameter_named_like_a_column_is_refused_not_overwritten(tmp_path, name):
    model = tmp_path / "m.toml"
    model.write_text(
        'title = "t"\ndescription = "d"\n[players]\nRow = ["A", "B"]\nCol = ["C", "D"]\n'
        f'[parameters.{name}]\nvalue = 2\nrange = [1, 3]\ndescription = "x"\n'
        f'source = "assumption"\n' + PAYOFFS.replace("NAME", name),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["sweep", str(model), "--param", f"{name}=1:3:3", "--format", "csv"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"leverage: error: {model}: the table would have two columns named {name!r} (a "
        "parameter, player or strategy is named like another column); rename it in the "
        "model, or use the JSON output\n"
    )
    # the same sweep as JSON keeps every value
    ok = CliRunner().invoke(
        cli, ["sweep", str(model), "--param", f"{name}=1:3:3", "--format", "json"]
    )
    assert ok.exit_code == 0


def test_a_player_named_payoff_is_refused(tmp_path):
    model = tmp_path / "m.toml"
    # columns "payoff:Row" (Row's payoff) and "payoff:Row" (player payoff, strategy Row)
    model.write_text(
        'title = "t"\ndescription = "d"\n[players]\nRow = ["A", "B"]\npayoff = ["Row", "D"]\n'
        '[payoffs]\n"A, Row" = [1, 0]\n"A, D" = [0, 1]\n"B, Row" = [1, 0]\n"B, D" = [0, 1]\n',
        encoding="utf-8",
    )
    # names that would collide in a table are refused when the model is read, naming the
    # line, whatever the output
    for args in (["solve", str(model), "--format", "csv"], ["solve", str(model)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and "m.toml:3: players:" in result.stderr
        assert "'payoff:Row'" in result.stderr
