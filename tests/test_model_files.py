"""Reading model files as a new user and a hostile file meet it: quick models without the
provenance a published one needs (and ``validate --strict`` for that), standard input and
content sniffing, one wording for unreadable files, the rules for names and labels, and
size limits that apply before any quadratic or expensive step."""

from __future__ import annotations

import textwrap
import time
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import leverage
from leverage.cli import cli
from leverage.errors import ModelError, ParameterError
from leverage.io.gambit import read_nfg, write_nfg
from leverage.io.model_file import check
from leverage.io.names import name_problem

ROOT = Path(__file__).parent.parent
CHICKEN = ROOT / "models" / "chicken.toml"

QUICK = """\
title = "Quick"
[players]
Row = ["A", "B"]
Col = ["A", "B"]
[parameters]
c = { value = 2 }
[payoffs]
"A, A" = ["c", "c"]
"A, B" = ["0", "1"]
"B, A" = ["1", "0"]
"B, B" = ["0", "0"]
"""

NFG = 'NFG 1 R "Pennies" { "P" "Q" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1\n'


def run(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kw)


def one_error(result) -> str:
    """The single ``leverage: error:`` line of a refused run (exit 2, nothing on stdout)."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("leverage: error: "), lines
    assert "Traceback" not in result.stderr
    return lines[0]


def write(tmp_path: Path, text: str, name: str = "m.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# ------------------------------------------------------------------ quick models, strict
def test_a_quick_model_needs_no_description_range_or_source(tmp_path):
    path = write(tmp_path, QUICK)
    assert len(QUICK.splitlines()) <= 11
    assert check(path) == []
    model = leverage.load(path)
    p = model.parameters["c"]
    assert (model.description, p.bounds, p.source, p.unit) == ("", None, "", "")
    # --set is unchecked without a range: any value builds the game
    assert model.game(c=10**6).payoffs[0][0, 0] == 10**6
    assert run("solve", path, "--set", "c=-7").exit_code == 0


def test_strict_names_each_missing_key(tmp_path):
    path = write(tmp_path, QUICK)
    problems = check(path, strict=True)
    assert [(p.key, p.line) for p in problems] == [
        ("description", None),
        ("parameters.c", 6),
        ("parameters.c", 6),
        ("parameters.c", 6),
    ]
    assert [p.message.split(" (")[0] for p in problems[1:]] == [
        "strict: missing 'range'",
        "strict: missing 'unit'",
        "strict: missing 'source'",
    ]
    result = run("validate", "--strict", path)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 4
    assert run("validate", path).exit_code == 0


def test_strict_refuses_an_nfg_game_which_cannot_hold_provenance(tmp_path):
    path = write(tmp_path, NFG, "g.nfg")
    assert check(path) == []
    assert "strict: a .nfg game" in one_error(run("validate", "--strict", path))


def test_present_but_malformed_keys_are_still_errors(tmp_path):
    bad = QUICK.replace("c = { value = 2 }", 'c = { value = 2, source = " ", range = [3, 1] }')
    messages = {p.message for p in check(write(tmp_path, bad))}
    assert "'source' must be a non-empty string" in messages
    assert "range [3, 1] is empty (low > high)" in messages
    desc = check(write(tmp_path, "description = 5\n" + QUICK))
    assert [p.message for p in desc] == ["'description' must be a string"]


@pytest.mark.parametrize(
    "args",
    [
        ("regimes", "--param", "c"),
        ("statics", "--param", "c"),
        ("classify", "--param", "c"),
    ],
)
def test_a_parameter_without_a_range_needs_one_to_be_analysed(tmp_path, args):
    path = write(tmp_path, QUICK)
    command, *rest = args
    line = one_error(run(command, path, *rest))
    assert line.endswith("'c' has no range in the model file: give the interval with --range")
    result = run(command, path, *rest, "--range", "-5:5")
    assert result.exit_code == 0, result.output
    # any non-empty interval is allowed, but not an empty one
    assert "must be non-empty" in one_error(run(command, path, *rest, "--range", "3:1"))


def test_the_library_says_bounds_where_the_command_line_says_range(tmp_path):
    model = leverage.load(write(tmp_path, QUICK))
    with pytest.raises(ParameterError, match="give the interval to analyse as bounds"):
        leverage.regimes(model, "c")
    analysis = leverage.regimes(model, "c", bounds=("-5", "5"))
    assert [c.exact for c in analysis.critical_values] == ["1"]


# --------------------------------------------------------------------- standard input
def _same_run(args_path, args_stdin, text):
    by_path, by_stdin = run(*args_path), run(*args_stdin, input=text)
    assert by_path.exit_code == by_stdin.exit_code == 0, by_stdin.output
    return by_path.stdout, by_stdin.stdout


@pytest.mark.parametrize(
    "command",
    [
        ("solve",),
        ("show", "--symbolic"),
        ("explain",),
        ("convert", "--to", "json"),
        ("regimes", "--param", "interdependence_cost"),
        ("statics", "--param", "interdependence_cost"),
        ("sweep", "--param", "interdependence_cost=0:10:11"),
        ("montecarlo", "-n", "50", "--seed", "1"),
        ("dynamics", "--rule", "fictitious-play"),
        ("classify",),
    ],
)
def test_dash_reads_the_model_from_stdin(command):
    name, *rest = command
    text = CHICKEN.read_text(encoding="utf-8")
    by_path, by_stdin = _same_run((name, CHICKEN, *rest), (name, "-", *rest), text)
    assert by_stdin == by_path.replace(str(CHICKEN), "<stdin>")


def test_stdin_is_recognised_as_nfg_by_content_and_named_stdin():
    result = run("solve", "-", "--format", "json", input=NFG)
    assert result.exit_code == 0, result.output
    assert '"title": "Pennies"' in result.stdout
    assert run("validate", "-", input=NFG).stdout == "<stdin>: ok\n"
    assert run("validate", "-", input=QUICK).stdout == "<stdin>: ok\n"
    line = one_error(run("solve", "-", input=NFG.replace("1 -1 -1 1", "1 -1 x 1")))
    assert line.startswith("leverage: error: <stdin>:2:")
    line = one_error(run("solve", "-", input='title = "t"\n[players]\nA = []\n'))
    assert line.startswith("leverage: error: <stdin>:")
    assert "can be read only once" in one_error(run("validate", "-", "-", input=QUICK))


def test_content_decides_for_other_extensions(tmp_path):
    nfg_as_txt = write(tmp_path, NFG, "game.txt")
    toml_as_dat = write(tmp_path, QUICK, "model.dat")
    assert leverage.load(nfg_as_txt).title == "Pennies"
    assert leverage.load(toml_as_dat).title == "Quick"
    # the .nfg extension always means Gambit, whatever the content
    assert "expected 'NFG'" in one_error(run("solve", write(tmp_path, QUICK, "m.nfg")))


# ---------------------------------------------------------- unreadable files, one wording
def test_one_wording_for_a_missing_file_or_a_folder(tmp_path):
    for command in ("solve", "show", "validate", "classify", "convert", "sweep"):
        extra = {"convert": ["--to", "json"], "sweep": ["--param", "c=0:1:2"]}.get(command, [])
        for name in ("nope.toml", "nope.nfg", "nope"):
            line = one_error(run(command, tmp_path / name, *extra))
            assert line == f"leverage: error: {tmp_path / name}: no such file", command
        line = one_error(run(command, tmp_path, *extra))
        assert line == f"leverage: error: {tmp_path}: is a directory, not a model file"


def test_a_bom_is_named_as_such(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + QUICK.encode())
    line = one_error(run("validate", path))
    assert line.startswith(f"leverage: error: {path}:1: ")
    assert "byte-order mark (BOM)" in line
    # a Gambit file may carry one (Windows tools write it); it is read
    nfg = tmp_path / "bom.nfg"
    nfg.write_bytes(b"\xef\xbb\xbf" + NFG.encode())
    assert leverage.load(nfg).title == "Pennies"


def test_too_large_is_refused_in_one_wording(tmp_path):
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"#" * 5_000_001)
    assert one_error(run("validate", huge)).endswith(
        "file is too large (more than 5,000,000 bytes)"
    )
    line = one_error(run("validate", "-", input="#" * 5_000_001))
    assert line.endswith("<stdin>: file is too large (more than 5,000,000 bytes)")


# ------------------------------------------------------------------- names and labels
@pytest.mark.parametrize(
    ("players", "message"),
    [
        ('Row = ["A", "B"]\n" Row" = ["A", "B"]', "player name ' Row' has leading or trailing"),
        ('Row = ["A", "B"]\n" " = ["A", "B"]', "player name ' ' is blank"),
        ('Row = ["A", "B"]\n"" = ["A", "B"]', "player name is empty"),
        ('Row = ["A", "B"]\nCol = ["A", "B "]', "strategy label 'B ' has leading or trailing"),
        ('Row = ["A", "B"]\nCol = ["A", ""]', "strategy label is empty"),
        ('Row = ["A", "B"]\nCol = ["A", "B\\tC"]', "invisible character U+0009"),
        ('Row = ["A", "B"]\nCol = ["A", "B\\u200b"]', "invisible character U+200B"),
        ('Row = ["A", "B"]\n"Co\\u001bl" = ["A", "B"]', "invisible character U+001B"),
        ('Row = ["A", "B"]\nCol = ["\\u00e9", "e\\u0301"]', "written differently"),
        ('"\\u00c5" = ["A", "B"]\n"A\\u030a" = ["A", "B"]', "written differently"),
        ('Row = ["A", "A"]\nCol = ["A", "B"]', "duplicate strategy 'A'"),
        ('"R:A" = ["x", "y"]\nR = ["A:x", "z"]', "share the CSV column 'R:A:x'"),
        ('payoff = ["Col", "y"]\nCol = ["A", "B"]', "share the CSV column 'payoff:Col'"),
        ('Row = ["A", "A_exact"]\nCol = ["A", "B"]', "share the CSV column 'Row:A_exact'"),
    ],
)
def test_names_and_labels_are_refused_at_read_time(tmp_path, players, message):
    text = f'title = "t"\n[players]\n{players}\n[payoffs]\n"A, A" = [1, 1]\n'
    problems = check(write(tmp_path, text))
    assert problems, players
    first = problems[0]
    assert message in first.message
    assert first.key is not None and first.key.startswith("players")
    assert first.line is not None and 2 <= first.line <= 4


def test_a_bad_label_is_reported_once_not_in_every_outcome(tmp_path):
    text = QUICK.replace('Col = ["A", "B"]', 'Col = ["A", " B"]')
    problems = check(write(tmp_path, text))
    assert [p.key for p in problems] == ["players.Col"]


# a name both readers accept is printed as it is; every other one is refused by both
names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters='"\\'), min_size=0, max_size=4
)


@settings(max_examples=200, deadline=None)
@given(player=names, label=names)
def test_both_readers_agree_on_names(tmp_path_factory, player, label):
    tmp = tmp_path_factory.mktemp("names")
    toml_ok = (
        check(
            write(
                tmp,
                f'title = "t"\n[players]\n"{player}" = ["{label}"]\nOther = ["x"]\n'
                f'[payoffs]\n"{label}, x" = [1, 2]\n',
            )
        )
        == []
        or "," in label
    )
    try:
        read_nfg(f'NFG 1 R "t" {{ "{player}" "Other" }} {{ {{ "{label}" }} {{ "x" }} }} 1 2')
        nfg_ok = True
    except ModelError:
        nfg_ok = False
    expected = name_problem(player, "p") is None and name_problem(label, "s") is None
    expected = expected and unicodedata.normalize("NFC", player) != "Other"
    assert nfg_ok == expected
    assert toml_ok == expected or "," in label


def test_a_written_game_with_a_bad_name_is_refused_where_the_name_is():
    game = leverage.Game.from_arrays(
        [[1, 2]], [[3, 4]], players=("A", "B "), strategies=(["x"], ["y", "z"])
    )
    with pytest.raises(ModelError, match="player name 'B ' has leading or trailing") as info:
        read_nfg(write_nfg(game), file="g.nfg")
    assert (info.value.file, info.value.line, info.value.column) == ("g.nfg", 1, 18)


# ---------------------------------------------------------------------------- limits
def test_many_labels_are_refused_by_size_before_any_label_check(tmp_path):
    labels = ", ".join(f'"s{i}"' for i in range(300_000))
    path = write(tmp_path, f'title = "big"\n[players]\nA = [{labels}]\nB = ["x"]\n[payoffs]\n')
    start = time.perf_counter()
    problems = check(path)
    assert time.perf_counter() - start < 20
    assert "game too large: 300,000 outcomes (limit 100,000)" in problems[0].message


def test_the_duplicate_check_is_linear(tmp_path):
    """90,000 labels under the outcome limit, one repeated at the end: found at once (the
    pairwise check it replaces took minutes)."""
    labels = ", ".join(f'"s{i}"' for i in range(90_000))
    text = (
        f'title = "big"\n[players]\nA = [{labels}, "s5"]\nB = ["x"]\n[payoffs]\n"s1, x" = [1, 2]\n'
    )
    path = write(tmp_path, text)
    start = time.perf_counter()
    problems = check(path)
    assert time.perf_counter() - start < 20
    assert [p.message for p in problems] == ["duplicate strategy 's5'"]
