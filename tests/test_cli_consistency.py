"""One set of habits across commands: -o everywhere output is printed, one way to give a
parameter's interval, JSON for validate, long forms of short options, one --seed default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from leverage.cli import all_commands, cli

ROOT = Path(__file__).parent.parent
CHICKEN = str(ROOT / "models" / "chicken.toml")
RARE = str(ROOT / "models" / "rare_earth_controls.toml")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_every_command_that_prints_has_an_output_option():
    for name, command in all_commands():
        opts = {opt for param in command.params for opt in getattr(param, "opts", [])}
        assert {"-o", "--output"} <= opts, f"{name} has no -o/--output"


def test_show_writes_to_a_file(tmp_path):
    out = tmp_path / "table.txt"
    printed = run("show", CHICKEN)
    assert run("show", CHICKEN, "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8") == printed.stdout


@pytest.mark.parametrize("command", ["regimes", "statics", "classify"])
def test_param_with_interval_equals_param_and_range(command):
    inline = run(command, CHICKEN, "--param", "interdependence_cost=0:3")
    separate = run(command, CHICKEN, "--param", "interdependence_cost", "--range", "0:3")
    assert inline.exit_code == separate.exit_code == 0
    assert inline.stdout == separate.stdout
    assert "on [0, 3]" in inline.stdout


def test_report_accepts_both_interval_forms(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert (
        run(
            "report", CHICKEN, "--param", "interdependence_cost=0:3", "--no-date", "-o", a
        ).exit_code
        == 0
    )
    assert (
        run(
            "report",
            CHICKEN,
            "--param",
            "interdependence_cost",
            "--range",
            "0:3",
            "--no-date",
            "-o",
            b,
        ).exit_code
        == 0
    )
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize(
    "args",
    [
        ("--param", "interdependence_cost=0:3", "--range", "0:2"),
        ("--param", "interdependence_cost=0:3:4"),
        ("--param", "=0:3"),
        ("--param", "interdependence_cost=0"),
    ],
)
def test_bad_intervals_are_one_line(args):
    result = run("regimes", CHICKEN, *args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("leverage: error: ")


def test_regimes_keeps_a_parameter_symbolic_with_keep_symbolic():
    result = run(
        "regimes", CHICKEN, "--param", "interdependence_cost", "--keep-symbolic", "loss_value"
    )
    assert result.exit_code == 0
    # Chicken's crash becomes worse than backing down where the crash cost equals the loss.
    assert "interdependence_cost = loss_value" in result.stdout
    assert (
        run(
            "regimes", CHICKEN, "--param", "interdependence_cost", "--symbolic", "loss_value"
        ).exit_code
        == 2
    )


def test_samples_is_the_long_form_of_n():
    short = run("montecarlo", RARE, "-n", 200, "--format", "json")
    long = run("montecarlo", RARE, "--samples", 200, "--format", "json")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout
    assert json.loads(long.stdout)["samples"] == 200


def test_one_default_seed():
    defaults = {}
    for name, command in all_commands():
        for param in command.params:
            if "--seed" in getattr(param, "opts", []) and isinstance(param.default, int):
                defaults[name] = param.default
    assert defaults == {"montecarlo": 0, "exercise": 0}


def test_validate_json_lists_every_file_and_problem(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\n', encoding="utf-8")
    result = run("validate", CHICKEN, bad, "--format", "json")
    assert result.exit_code == 2
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert list(report)[:2] == ["schema", "valid"] and report["valid"] is False
    good, broken = report["files"]
    assert good == {"path": CHICKEN, "ok": True, "problems": []}
    assert broken["ok"] is False
    keys = [p["key"] for p in broken["problems"]]
    assert "players" in keys and "payoffs" in keys
    text = run("validate", bad)
    assert [
        f"leverage: error: {p['error']}" for p in broken["problems"]
    ] == text.stderr.splitlines()


def test_validate_json_of_valid_files_exits_0(tmp_path):
    out = tmp_path / "v.json"
    result = run("validate", CHICKEN, RARE, "--format", "json", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["valid"] is True


def test_sweep_interval_forms_agree():
    forms = [
        ["--param", "interdependence_cost=0:4:5"],
        ["--param", "interdependence_cost", "--range", "0:4:5"],
    ]
    outs = [run("sweep", CHICKEN, *f, "--format", "csv") for f in forms]
    assert all(o.exit_code == 0 for o in outs)
    assert outs[0].stdout == outs[1].stdout
    default = run("sweep", CHICKEN, "--param", "interdependence_cost", "--format", "json")
    grid = json.loads(default.stdout)["grid"]["interdependence_cost"]
    # 101 points over the declared range [0, 10] of Chicken's crash cost
    assert len(grid) == 101 and grid[0] == 0 and grid[-1] == 10 and grid[38] == 3.8


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--param", "interdependence_cost=0:4:5", "--param", "interdependence_cost=0:1:3"],
            "--param interdependence_cost is given twice",
        ),
        (["--param", "interdependence_cost=0:4:5", "--range", "0:1"], "--range goes with a single"),
        (["--param", "interdependence_cost=0:1:2:3"], "expects NAME=START:STOP:STEPS"),
    ],
)
def test_sweep_refuses_ambiguous_grids(args, message):
    result = run("sweep", CHICKEN, *args)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
