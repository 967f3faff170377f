"""Terminal text fits the terminal: 80 columns by default, $COLUMNS when set, and
wrapping never splits ``name = value``, an interval or a mixed profile."""

from __future__ import annotations

import glob
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from leverage.cli import cli
from leverage.formats.text import wrap

ROOT = Path(__file__).parent.parent
MODELS = sorted(glob.glob(str(ROOT / "models" / "*.toml")))
COST = "interdependence_cost"
RARE = str(ROOT / "models" / "rare_earth_controls.toml")

TEXT_COMMANDS = [
    ["solve"],
    ["solve", "--dominance"],
    ["show"],
    ["show", "--symbolic"],
    ["explain"],
    ["classify"],
    ["classify", "--param", COST],
    ["regimes", "--param", COST],
    ["statics", "--param", COST],
    ["montecarlo", "-n", "200"],
    ["dynamics", "--rule", "fictitious-play", "--steps", "100"],
]


def lines_of(args, columns=None):
    env = {"COLUMNS": str(columns)} if columns else {}
    result = CliRunner().invoke(cli, args, env=env)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: Path(m).stem)
def test_every_text_output_fits_80_columns(model):
    for command in TEXT_COMMANDS:
        args = [command[0], model, *command[1:]]
        result = CliRunner().invoke(cli, args)
        if result.exit_code == 2 and "defined for 2×2 games" in result.stderr:
            continue  # classify --param on a larger game
        assert result.exit_code == 0, result.output
        for line in result.stdout.splitlines():
            assert len(line) <= 80, f"{command} {Path(model).name}: {line!r}"


@pytest.mark.parametrize(
    "params", [[f"{COST}=0:10:21"], [f"{COST}=0:10:21", "china_enforcement_reach=0:1:11"]]
)
def test_sweep_tables_fit_80_columns(params):
    args = ["sweep", RARE]
    for p in params:
        args += ["--param", p]
    for line in lines_of(args):
        assert len(line) <= 80, line


def test_columns_sets_the_width():
    narrow = lines_of(["solve", RARE], columns=60)
    wide = lines_of(["solve", RARE], columns=200)
    assert max(map(len, narrow)) <= 60
    # at 200 columns the parameter list is one line, longer than 80
    assert max(map(len, wide)) > 80
    assert len(wide) < len(narrow)


def test_files_do_not_depend_on_the_terminal(tmp_path):
    out = tmp_path / "s.txt"
    CliRunner().invoke(cli, ["solve", RARE, "-o", str(out)], env={"COLUMNS": "200"})
    assert out.read_text(encoding="utf-8").splitlines() == lines_of(["solve", RARE])


def test_name_equals_value_is_never_split():
    lines = lines_of(["solve", RARE], columns=50)
    params = " ".join(line.strip() for line in lines[:12])
    for line in lines:
        assert not line.rstrip().endswith(" =") and not line.lstrip().startswith("= ")
    assert "interdependence_cost = 2" in params


words = st.text(alphabet="abcxyz_0123456789/", min_size=1, max_size=12)


@given(st.lists(st.tuples(words, words), min_size=1, max_size=12), st.integers(20, 100))
def test_wrap_keeps_assignments_whole_and_loses_nothing(pairs, width):
    text = ", ".join(f"{a} = {b}" for a, b in pairs)
    lines = wrap(text, width)
    assert " ".join(lines).split() == text.split()
    joined = "\n".join(lines)
    for a, b in pairs:
        assert f"{a} = {b}" in joined
    for line in lines:
        # a line is longer than the width only when it is one unbreakable piece
        assert len(line) <= width or (" = " in line and line.count(" = ") == 1 and ", " not in line)
