"""The analysis commands (regimes, statics) and plots, end to end."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

import leverage
from leverage.analysis.regimes.engine import regimes
from leverage.cli import cli

ROOT = Path(__file__).parent.parent
RARE = str(ROOT / "models" / "rare_earth_controls.toml")
CHICKEN = str(ROOT / "models" / "chicken.toml")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_regimes_json_contract():
    result = run("regimes", RARE, "--param", "interdependence_cost", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.output)
    assert data["parameter"] == "interdependence_cost"
    assert data["range"] == ["0", "10"]
    exact = [c["exact"] for c in data["critical_values"]]
    # docs/models.md: (Overreach, Escalate) below 10923/12500, (Calibrate, Hold) above 38/5
    assert "10923/12500" in exact and "38/5" in exact
    for c in data["critical_values"]:
        assert abs(float(Fraction(c["exact"])) - c["value"]) < 1e-12
    first, last = data["regimes"][0], data["regimes"][-1]
    assert first["from"] == "0" and last["to"] == "10"
    points = [r for r in data["regimes"] if "at" in r]
    assert [p["at"] for p in points] == exact
    for r in data["regimes"]:
        for eq in r["equilibria"]:
            assert eq["kind"] in ("pure", "mixed")
            assert len(eq["strategies"]) == 2 and len(eq["payoffs"]) == 2


def test_regimes_table_and_formats(tmp_path):
    table = run("regimes", CHICKEN, "--param", "interdependence_cost")
    assert table.exit_code == 0
    assert "Critical values: 1" in table.output
    assert max(len(line) for line in table.output.splitlines()) <= 80
    for fmt in ("markdown", "latex", "csv"):
        assert (
            run("regimes", CHICKEN, "--param", "interdependence_cost", "--format", fmt).exit_code
            == 0
        )
    symbolic = run(
        "regimes", CHICKEN, "--param", "interdependence_cost", "--keep-symbolic", "loss_value"
    )
    assert "interdependence_cost = loss_value" in symbolic.output


def test_regimes_closed_form_chicken():
    # models/chicken.toml: holding firm with probability win/(win + c - loss) = 1/c at defaults
    analysis = regimes(leverage.load(CHICKEN), "interdependence_cost", ("2", "5"))
    assert analysis.critical_values == ()
    mixed = [e for e in analysis.regimes[0].equilibria if e.kind == "mixed"]
    assert mixed[0].strategies[0][1] == "1/interdependence_cost"


def test_regimes_plot_files(tmp_path):
    pytest.importorskip("matplotlib")
    for ext in ("png", "svg", "pdf"):
        out = tmp_path / f"r.{ext}"
        result = run("regimes", RARE, "--param", "interdependence_cost", "--plot", out)
        assert result.exit_code == 0, result.stderr
        assert out.stat().st_size > 1000
    bad = run("regimes", RARE, "--param", "interdependence_cost", "--plot", tmp_path / "r.txt")
    assert bad.exit_code == 2 and not (tmp_path / "r.txt").exists()


def test_regimes_errors():
    r = run("regimes", RARE, "--param", "nope")
    assert r.exit_code == 2 and "unknown parameter 'nope'" in r.stderr
    r = run("regimes", RARE, "--param", "interdependence_cost", "--range", "0:50")
    assert r.exit_code == 2 and "range" in r.stderr
    r = run("regimes", RARE, "--param", "interdependence_cost", "--range", "5")
    assert r.exit_code == 2 and "LOW:HIGH" in r.stderr


def test_statics_command():
    result = run("statics", CHICKEN, "--param", "interdependence_cost")
    assert result.exit_code == 0
    assert (
        "Row's probability of Swerve increases in interdependence_cost on (1, 10)" in result.output
    )
    data = json.loads(
        run("statics", CHICKEN, "--param", "interdependence_cost", "--format", "json").output
    )
    assert data["parameter"] == "interdependence_cost"
    assert (
        run("statics", CHICKEN, "--param", "interdependence_cost", "--format", "csv").exit_code == 0
    )


def test_sweep_summary_table_hits_thresholds():
    result = run("sweep", RARE, "--param", "interdependence_cost=0:10:1001")
    assert result.exit_code == 0, result.stderr
    lines = result.output.splitlines()
    # 7.6 = 38/5 is a grid point: the degenerate point shows both equilibria
    assert any(
        "7.6" in line and "(Calibrate, Hold) | (Calibrate, Escalate)" in line for line in lines
    )
    assert "1,001 points" in result.output


def test_sweep_formats_and_plots(tmp_path):
    csv_out = run("sweep", CHICKEN, "--param", "interdependence_cost=0:10:11", "--format", "csv")
    assert csv_out.exit_code == 0
    rows = csv_out.output.strip().splitlines()
    assert rows[0].startswith("interdependence_cost,point,structure,status,equilibrium,kind")
    # c < 1: one equilibrium; c = 1: degenerate point; c > 1: three equilibria
    assert len(rows) - 1 == 1 + 3 + 9 * 3
    data = json.loads(
        run("sweep", CHICKEN, "--param", "interdependence_cost=2:4:3", "--format", "json").output
    )
    mixed = [e for e in data["points"][0]["equilibria"] if e["kind"] == "mixed"][0]
    assert abs(mixed["strategies"][0][1] - 0.5) < 1e-12  # holds firm with probability 1/c
    pytest.importorskip("matplotlib")
    for spec in (
        ["--param", "interdependence_cost=0:10:101"],
        ["--param", "interdependence_cost=0:10:21", "--param", "win_value=0.5:5:10"],
    ):
        out = tmp_path / "s.png"
        assert run("sweep", CHICKEN, *spec, "--plot", out, "--summary").exit_code == 0
        assert out.stat().st_size > 1000


def test_sweep_errors():
    r = run("sweep", RARE, "--param", "interdependence_cost=0:10:5:1")
    assert r.exit_code == 2 and "START:STOP:STEPS" in r.stderr
    r = run("sweep", RARE, "--param", "interdependence_cost=0:20:5")
    assert r.exit_code == 2 and "range" in r.stderr
    r = run("sweep", RARE, "--param", "a=0:1:2", "--param", "b=0:1:2", "--param", "c=0:1:2")
    assert r.exit_code == 2


def test_regimes_without_dominance_flips():
    data = json.loads(
        run(
            "regimes", RARE, "--param", "interdependence_cost", "--no-dominance", "--format", "json"
        ).output
    )
    # only where the equilibria change (docs/models.md)
    assert [c["exact"] for c in data["critical_values"]] == ["10923/12500", "38/5"]


def test_montecarlo_jobs_give_the_same_output():
    ladder = str(ROOT / "models" / "escalation_ladder.toml")  # 3×3: several chunks
    args = ("montecarlo", ladder, "-n", "40000", "--seed", "7", "--format", "json")
    serial = run(*args)
    parallel = run(*args, "--jobs", "2")
    assert serial.exit_code == 0 and parallel.exit_code == 0, parallel.stderr
    assert parallel.output == serial.output
    assert run("montecarlo", ladder, "--jobs", "0").exit_code == 2
