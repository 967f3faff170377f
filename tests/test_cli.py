"""The command line, end to end, through click's CliRunner; results checked via the library."""

from __future__ import annotations

import json
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

import leverage
from leverage.cli import all_commands, cli

ROOT = Path(__file__).parent.parent
RARE = str(ROOT / "models" / "rare_earth_controls.toml")
CHICKEN = str(ROOT / "models" / "chicken.toml")


def run(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kw)


def write(tmp_path, text, name="m.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


GOOD = """\
title = "Test"
description = "A test game."

[players]
Row = ["Up", "Down"]
Col = ["Left", "Right"]

[parameters.c]
value = 2
range = [0, 10]
source = "assumption"

[payoffs]
"Up, Left" = ["1", "1"]
"Up, Right" = ["0", "0"]
"Down, Left" = ["0", "0"]
"Down, Right" = ["c", "c / 2"]
"""


# --------------------------------------------------------------------------- solve
def test_solve_table_on_shipped_model():
    result = run("solve", RARE)
    assert result.exit_code == 0, result.output
    model = leverage.load(RARE)
    assert model.title.split()[0] in result.output
    n = len(model.game().equilibria())
    assert f"{n} Nash equilibri" in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80


def test_solve_json_contract_matches_library():
    result = run("solve", RARE, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    for key in ("title", "players", "strategies", "parameters", "equilibria", "degenerate"):
        assert key in data
    model = leverage.load(RARE)
    solution = model.game().equilibria()
    assert data["players"] == list(model.players)
    assert data["strategies"] == [list(s) for s in model.strategies]
    assert len(data["equilibria"]) == len(solution)
    for item, eq in zip(data["equilibria"], solution):
        assert item["exact"] == [[str(p) for p in s] for s in eq.strategies]
        assert item["strategies"] == [[float(p) for p in s] for s in eq.strategies]
        assert item["payoffs"] == [float(v) for v in eq.payoffs]
        assert item["kind"] == eq.kind
    assert isinstance(data["degenerate"], bool)
    assert data["parameters"]["interdependence_cost"] == 2.0


def test_set_changes_the_game(tmp_path):
    path = write(tmp_path, GOOD)
    data = json.loads(run("solve", path, "--set", "c=0", "--format", "json").output)
    assert data["parameters"]["c"] == 0.0
    # with c = 0, (Down, Right) is still a (weak) equilibrium: degenerate game
    assert data["degenerate"] is True
    data = json.loads(run("solve", path, "--set", "c=1/2", "--format", "json").output)
    mixed = [e for e in data["equilibria"] if e["kind"] == "mixed"][0]
    # Row indifferent: Col plays Left with q: q = (1/2)(1-q) -> q = 1/3
    assert mixed["exact"][1] == ["1/3", "2/3"]


def test_float_option(tmp_path):
    path = write(tmp_path, GOOD)
    data = json.loads(run("solve", path, "--float", "--format", "json").output)
    assert "exact" not in data["equilibria"][0]
    assert data["exact"] is False


@pytest.mark.parametrize("fmt", ["csv", "markdown", "latex", "table"])
def test_other_formats(tmp_path, fmt):
    result = run("solve", write(tmp_path, GOOD), "--format", fmt)
    assert result.exit_code == 0
    if fmt == "csv":
        lines = result.output.strip().splitlines()
        assert lines[0].startswith("equilibrium,kind,Row:Up")
        assert len(lines) == 4
    elif fmt == "markdown":
        assert "| # | kind |" in result.output
    elif fmt == "latex":
        assert "\\begin{tabular}" in result.output and "\\frac{2}{3}" in result.output


def test_methods_and_components(tmp_path):
    path = write(tmp_path, GOOD)
    for method in ("vertex", "support", "pure", "lemke-howson"):
        result = run("solve", path, "--method", method, "--format", "json")
        assert result.exit_code == 0, method
        assert json.loads(result.output)["method"] == method
    zero = run("solve", path, "--set", "c=0", "--components", "--format", "json")
    data = json.loads(zero.output)
    assert data["components"]
    table = run("solve", path, "--set", "c=0", "--components")
    assert "Maximal convex components" in table.output


def test_output_file_written_only_on_success(tmp_path):
    path = write(tmp_path, GOOD)
    out = tmp_path / "out.json"
    assert run("solve", path, "--format", "json", "-o", out).exit_code == 0
    assert json.loads(out.read_text())["title"] == "Test"
    bad = tmp_path / "bad.json"
    result = run("solve", path, "--set", "c=99", "--format", "json", "-o", bad)
    assert result.exit_code == 2
    assert not bad.exists()
    assert not list(tmp_path.glob(".leverage-*"))


# ---------------------------------------------------------------- show / validate / convert
def test_show_numeric_and_symbolic():
    result = run("show", RARE)
    assert result.exit_code == 0
    assert "Calibrate" in result.output and "source:" in result.output
    sym = run("show", RARE, "--symbolic")
    assert sym.exit_code == 0
    assert "interdependence_cost" in sym.output


def test_validate_reports_every_problem(tmp_path):
    bad = write(
        tmp_path,
        """\
        title = "Bad"
        description = "x"
        [players]
        Row = ["Up", "Up"]
        Col = ["Left", "Right"]
        [parameters.c]
        value = 20
        range = [0, 10]
        source = "assumption"
        [payoffs]
        "Up, Left" = ["1", "1", "3"]
        "Up, Right" = ["foo", "0"]
        """,
    )
    result = run("validate", bad, RARE)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("leverage: error:")]
    text = "\n".join(errors)
    assert "duplicate strategy 'Up'" in text
    assert "outside the range" in text
    assert "unknown name 'foo'" in text or "foo" in text
    assert len(errors) >= 3
    assert f"{RARE}: ok" in result.output


def test_validate_all_shipped_models():
    models = sorted(str(p) for p in (ROOT / "models").glob("*.toml"))
    result = run("validate", *models)
    assert result.exit_code == 0, result.stderr


def test_convert_roundtrips(tmp_path):
    nfg = tmp_path / "chicken.nfg"
    assert run("convert", CHICKEN, "--to", "nfg", "-o", nfg).exit_code == 0
    a = json.loads(run("solve", CHICKEN, "--format", "json").output)
    b = json.loads(run("solve", nfg, "--format", "json").output)
    assert [e["exact"] for e in a["equilibria"]] == [e["exact"] for e in b["equilibria"]]
    toml = tmp_path / "rare.toml"
    assert run("convert", RARE, "--to", "toml", "-o", toml).exit_code == 0
    again = leverage.load(toml)
    original = leverage.load(RARE)
    for x, y in zip(again.game().payoffs, original.game().payoffs):
        assert (x == y).all()
    assert again.parameters.keys() == original.parameters.keys()
    js = json.loads(run("convert", RARE, "--to", "json").output)
    assert js["players"] == list(original.players)
    tex = run("convert", RARE, "--to", "latex").output
    assert "\\begin{tabular}" in tex
    nfg_toml = tmp_path / "from_nfg.toml"
    assert run("convert", nfg, "--to", "toml", "-o", nfg_toml).exit_code == 0
    assert leverage.load(nfg_toml).game().equilibria()


# --------------------------------------------------------------------------- errors
def one_error_line(result):
    assert result.exit_code == 2, (result.output, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in result.stderr
    return lines[0]


def test_set_errors(tmp_path):
    path = write(tmp_path, GOOD)
    assert "outside its range" in one_error_line(run("solve", path, "--set", "c=11"))
    line = one_error_line(run("solve", path, "--set", "cc=1"))
    assert "unknown parameter 'cc'" in line and "'c'" in line
    assert "not a number" in one_error_line(run("solve", path, "--set", "c=abc"))
    assert "name=value" in one_error_line(run("solve", path, "--set", "c"))


BAD_CASES = {
    "toml": ('title = "x"\n[players\n', "m.toml:2:9: invalid TOML"),
    "missing": (GOOD.replace('"Up, Right" = ["0", "0"]\n', ""), "missing outcome 'Up, Right'"),
    "duplicate": (
        GOOD.replace('"Up, Right"', '"Up,Right"', 1) + '"Up , Right" = ["0", "0"]\n',
        "given twice",
    ),
    "count": (
        GOOD.replace('"Up, Right" = ["0", "0"]', '"Up, Right" = ["0"]'),
        "expected 2 payoffs",
    ),
    "dupstrat": (GOOD.replace('["Up", "Down"]', '["Up", "Up"]'), "duplicate strategy"),
    "unknown": (GOOD.replace('["c", "c / 2"]', '["d", "c / 2"]'), "unknown name 'd'"),
    "nonnumeric": (GOOD.replace("value = 2", 'value = "two"'), "not a number"),
    "range": (GOOD.replace("value = 2", "value = 12"), "outside the range"),
    "divzero": (GOOD.replace('"c / 2"', '"1 / (c - 2)"'), "division by zero"),
    "attribute": (GOOD.replace('"c / 2"', '"c.__class__"'), "payoffs"),
    "call": (GOOD.replace('"c / 2"', "\"__import__('os')\""), "payoffs"),
    "string": (GOOD.replace('"c / 2"', "\"'a'\""), "payoffs"),
    "lambda": (GOOD.replace('"c / 2"', '"lambda: 1"'), "payoffs"),
    "tower": (GOOD.replace('"c / 2"', '"9**9**9**9"'), "payoffs"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_input_one_line_exit_2(tmp_path, case):
    text, expected = BAD_CASES[case]
    path = write(tmp_path, text)
    line = one_error_line(run("solve", path))
    assert path in line
    assert expected in line


def test_bad_input_names_the_line(tmp_path):
    path = write(tmp_path, GOOD.replace('["c", "c / 2"]', '["d", "c / 2"]'))
    line = one_error_line(run("solve", path))
    assert f"{path}:17:" in line and 'payoffs."Down, Right"' in line


def test_hostile_inputs(tmp_path):
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"#" * 6_000_000)
    assert "too large" in one_error_line(run("solve", huge))
    deep = write(tmp_path, GOOD.replace('"c / 2"', '"' + "(" * 5000 + "c" + ")" * 5000 + '"'))
    one_error_line(run("solve", deep))
    big_game = "\n".join(
        [
            'title = "big"',
            'description = "big"',
            "[players]",
            "A = [" + ", ".join(f'"a{i}"' for i in range(400)) + "]",
            "B = [" + ", ".join(f'"b{i}"' for i in range(400)) + "]",
            "[payoffs]",
        ]
    )
    path = write(tmp_path, big_game, "big.toml")
    assert "too large" in one_error_line(run("solve", path))
    assert "no such file" in one_error_line(run("solve", tmp_path / "nope.toml"))


def test_three_players_mixed_refused(tmp_path):
    text = """\
    title = "Three"
    description = "x"
    [players]
    A = ["a", "b"]
    B = ["a", "b"]
    C = ["a", "b"]
    [payoffs]
    """
    import itertools

    for p in itertools.product("ab", repeat=3):
        same = "1" if len(set(p)) == 1 else "0"
        text += f'"{", ".join(p)}" = ["{same}", "{same}", "{same}"]\n'
    path = write(tmp_path, text)
    assert "not supported" in one_error_line(run("solve", path))
    result = run("solve", path, "--method", "pure", "--format", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.output)["equilibria"]) == 2


def test_too_large_game_suggests_lemke_howson(tmp_path):
    n = 14
    rows = [f"s{i}" for i in range(n)]
    text = 'title = "t"\ndescription = "d"\n[players]\n'
    text += "A = [" + ", ".join(f'"{r}"' for r in rows) + "]\n"
    text += "B = [" + ", ".join(f'"{r}"' for r in rows) + "]\n[payoffs]\n"
    for i in range(n):
        for j in range(n):
            text += f'"{rows[i]}, {rows[j]}" = [{(i * 7 + j * 3) % 11}, {(i * 5 + j * 2) % 13}]\n'
    path = write(tmp_path, text)
    assert "lemke-howson" in one_error_line(run("solve", path))
    ok = run("solve", path, "--method", "lemke-howson", "--format", "json")
    assert ok.exit_code == 0
    assert len(json.loads(ok.output)["equilibria"]) == 1


def test_exact_decimal_reading(tmp_path):
    text = GOOD.replace('"c / 2"', '"0.88 * c"')
    data = json.loads(run("solve", write(tmp_path, text), "--format", "json").output)
    pure = [e for e in data["equilibria"] if e["kind"] == "pure"]
    assert Fraction(pure[-1]["exact_payoffs"][1]) == Fraction(22, 25) * 2 or any(
        Fraction(e["exact_payoffs"][1]) == Fraction(44, 25) for e in pure
    )


def test_help_has_examples():
    assert "Examples" in run("--help").output
    for name, command in all_commands():
        text = run(name, "--help").output
        assert command.help and "Example" in text, name


MIXED_DOMINANCE = """\
title = "Mixed dominance"
description = "B is dominated only by an equal mix of T and M (Osborne 2004, ch. 4)."
[players]
Row = ["T", "M", "B"]
Col = ["L", "R"]
[payoffs]
"T, L" = [3, 0]
"T, R" = [0, 1]
"M, L" = [0, 1]
"M, R" = [3, 0]
"B, L" = [1, 0]
"B, R" = [1, 1]
"""


def test_dominance_option(tmp_path):
    path = write(tmp_path, MIXED_DOMINANCE)
    table = run("solve", path, "--dominance")
    assert table.exit_code == 0
    assert "Row's B is strictly dominated by the mix T 1/2, M 1/2" in table.output
    data = json.loads(run("solve", path, "--dominance", "--format", "json").output)
    step = data["dominance"]["steps"][0]
    assert step == {
        "round": 1,
        "player": "Row",
        "strategy": "B",
        "dominated_by": {"T": "1/2", "M": "1/2"},
    }
    # every equilibrium lives on the surviving strategies
    for eq in data["equilibria"]:
        assert eq["strategies"][0][2] == 0


def test_montecarlo_command():
    result = run("montecarlo", RARE, "-n", "300", "--seed", "3", "--event", "Overreach, Escalate")
    assert result.exit_code == 0
    assert "300 draws (seed 3)" in result.output
    data = json.loads(
        run("montecarlo", RARE, "-n", "300", "--seed", "3", "--format", "json").output
    )
    assert data["samples"] == 300 and data["seed"] == 3
    assert sum(o["count"] for o in data["outcomes"]) == 300
    for o in data["outcomes"]:
        assert o["ci95"][0] <= o["share"] <= o["ci95"][1]
    assert "not a strategy" in one_error_line(run("montecarlo", RARE, "-n", "5", "--event", "A, B"))


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["solve", "models/chicken.toml", "--method", "magic"], "Invalid value for '--method'"),
        (["solve"], "Missing argument 'MODEL'"),
        (["solve", "models/chicken.toml", "--bogus"], "No such option '--bogus'"),
        (["--bogus"], "No such option '--bogus'"),
        (["solv", "models/chicken.toml"], "no such command 'solv'; did you mean 'solve'?"),
        (["regims"], "did you mean 'regimes'?"),
    ],
)
def test_usage_errors_are_one_line_with_exit_code_2(args, text):
    # the contract (docs/architecture.md): one line on stderr, not click's usage block
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("leverage: error: ") and text in lines[0]
    assert "--help')" in lines[0]


def test_help_and_version_still_exit_0():
    for args in (["--help"], ["solve", "--help"], ["--version"]):
        assert CliRunner().invoke(cli, args).exit_code == 0


CONTROL_MODEL = r"""title = "Evil \u001b]0;pwned\u0007 title \u001b[2J"
description = "A \u009b C1 control and a \u007f DEL."
[players]
"Row\u001b[31m" = ["A\u0007", "B"]
C = ["L", "R"]
[payoffs]
"A\u0007, L" = ["1", "0"]
"A\u0007, R" = ["0", "1"]
"B, L" = ["0", "1"]
"B, R" = ["1", "0"]
"""


@pytest.mark.parametrize(
    "args",
    [
        ["solve"],
        ["solve", "--format", "csv"],
        ["solve", "--format", "markdown"],
        ["show"],
        ["explain"],
        ["classify"],
        ["report", "--no-date"],
    ],
)
def test_no_control_character_reaches_the_terminal(tmp_path, args):
    # a title containing ESC ] 0 ; … BEL would set the terminal's title, ESC [ 2 J clear it
    model = tmp_path / "evil.toml"
    model.write_text(CONTROL_MODEL, encoding="utf-8")
    result = CliRunner().invoke(cli, [args[0], str(model), *args[1:]])
    for text in (result.stdout, result.stderr):
        bad = [ch for ch in text if (ord(ch) < 32 and ch not in "\n\t") or 127 <= ord(ch) < 160]
        assert not bad, (args, bad)
    assert "\\x1b" in result.stdout + result.stderr
