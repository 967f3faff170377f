"""``convert`` outputs read back to the same game (issue 9).

Properties, over random models and random ``.nfg`` games with adversarial labels and texts
(quotes, backslashes, ``\"\"\"``, control characters, DEL, C1, commas, blanks, unicode) and
numbers beyond the parsers' literal limits:

* model → TOML (:func:`leverage.io.model_toml.model_toml`) → :func:`leverage.io.model_file.loads`
  gives the same model: metadata, players, strategies, parameters, the same expressions;
* ``.nfg`` → model → TOML → model → ``.nfg`` gives the same game, or the TOML writer refuses
  exactly the labels a model file cannot hold;
* model → ``.nfg`` is read by :mod:`leverage.io.gambit` and by pygambit (the independent
  oracle) to the same payoffs, title and description.

The command itself is checked through click's runner: it refuses to write onto its input
(same path, relative path, symbolic and hard link), refuses what cannot be written, and
every file it writes reads back.
"""

from __future__ import annotations

import functools
import io
import math
import os
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import leverage
from leverage.cli import cli
from leverage.errors import LeverageError, ModelError
from leverage.expr import parse_expression
from leverage.games.model import Distribution, Model, Parameter
from leverage.games.strategic import Game
from leverage.io.gambit import MAX_NUMBER_CHARS, read_nfg_with_comment, write_nfg
from leverage.io.model_file import loads, model_from_game
from leverage.io.model_toml import model_toml
from leverage.io.names import names_problem

from .strategies import model_label, nasty_text

try:
    import pygambit as gbt
except ImportError:  # pragma: no cover - pygambit is a test extra
    gbt = None

ROOT = Path(__file__).resolve().parent.parent
CHICKEN = str(ROOT / "models" / "chicken.toml")
#: C0 controls but tab and newline, DEL and C1: never written raw
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# ----------------------------------------------------------------------------- strategies
def _parens(text: str) -> str:
    return f"({text})"


@st.composite
def constants(draw: st.DrawFn) -> str:
    """Number literals, and large integers and fractions (within the bounds of
    docs/model-format.md: a product of four of them stays below 1e301)."""
    kind = draw(st.sampled_from(["int", "decimal", "fraction", "huge", "huge fraction"]))
    if kind == "int":
        return _parens(str(draw(st.integers(-50, 50))))
    if kind == "decimal":
        return _parens(str(draw(st.decimals(-100, 100, places=3))))
    if kind == "fraction":
        return f"({draw(st.integers(-99, 99))}/{draw(st.integers(1, 99))})"
    big = f"10**{draw(st.integers(20, 68))}*{draw(st.integers(1, 999))}"
    big += f" + {draw(st.integers(0, 10**20))}"
    if kind == "huge":
        return _parens(("-" if draw(st.booleans()) else "") + big)
    den = f"{draw(st.integers(1, 999))}*10**{draw(st.integers(1, 200))} + 1"
    return f"(({big})/({den}))"


@functools.cache
def expression_text(names: tuple[str, ...], depth: int = 2) -> st.SearchStrategy[str]:
    """Expression texts in ``names`` (built once per names: building is slow)."""
    leaves = [constants()]
    if names:
        leaves.append(st.sampled_from(names))
    leaf = st.one_of(*leaves)
    if depth == 0:
        return leaf
    sub = expression_text(names, depth - 1)

    @st.composite
    def node(draw: st.DrawFn) -> str:
        op = draw(st.sampled_from(["leaf", "+", "-", "*", "/", "**", "max", "min", "abs", "f"]))
        a, b = draw(sub), draw(sub)
        if op == "leaf":
            return a
        if op in "+-*":
            return f"({a} {op} {b})"
        if op == "/":
            return f"({a} / (1 + ({b})**2))"
        if op == "**":
            name = draw(st.sampled_from(names)) if names else "2"
            return f"({name})**{draw(st.integers(0, 3))}"
        if op in ("max", "min"):
            return f"{op}({a}, {b})"
        if op == "abs":
            return f"abs({a})"
        name = draw(st.sampled_from(names)) if names else "3"
        f = draw(st.sampled_from(["sqrt(1 + {0}**2)", "exp({0}/(1 + {0}**2))", "log(2 + {0}**2)"]))
        return f.format(name)

    return node()


small = st.fractions(min_value=-10, max_value=10, max_denominator=60)
values = st.one_of(
    small,
    st.decimals(-1000, 1000, places=4).map(Fraction),
    st.integers(-60, 60).map(lambda k: Fraction(Decimal(f"1.5e{k}"))),
    st.integers(1, 10**30).map(lambda n: Fraction(n, 3 * 10**30)),
)


PLAYER, LABEL, TEXT = model_label(strategy=False), model_label(), nasty_text()
SOURCE = nasty_text(1).map(str.strip).filter(bool)


@st.composite
def parameters(draw: st.DrawFn, name: str) -> Parameter:
    # every number as a model file gives it (an integer, a decimal or a short fraction)
    low, lo, mode, hi, high = sorted(draw(st.lists(values, min_size=5, max_size=5)))
    value = draw(st.sampled_from([low, lo, mode, hi, high]))
    dist = None
    kind = draw(st.sampled_from([None, "uniform", "triangular", "beta", "normal", "lognormal"]))
    if kind is not None and lo < hi:
        if kind == "uniform":
            dist = Distribution("uniform", (lo, hi))
        elif kind == "triangular":
            dist = Distribution("triangular", (lo, mode, hi))
        elif kind == "beta":
            shape = st.fractions(Fraction(1, 10), 10, max_denominator=60)
            dist = Distribution("beta", (draw(shape), draw(shape)), scale=(lo, hi))
        else:
            truncate = (low, high) if draw(st.booleans()) else (lo, hi)
            if kind == "lognormal":
                assume(truncate[1] > 0)
                truncate = (max(truncate[0], Fraction(0)), truncate[1])
            sd = draw(st.fractions(Fraction(1, 50), 10, max_denominator=60))
            dist = Distribution(kind, (draw(small), sd), truncate=truncate)
    return Parameter(
        name=name,
        value=value,
        low=low,
        high=high,
        source=draw(SOURCE),
        unit=draw(TEXT),
        description=draw(TEXT),
        distribution=dist,
    )


@st.composite
def models(
    draw: st.DrawFn,
    player: st.SearchStrategy[str] | None = None,
    label: st.SearchStrategy[str] | None = None,
    text: st.SearchStrategy[str] | None = None,
) -> Model:
    """Random valid models: nasty labels and texts, parameters with distributions, defines,
    payoff expressions with long numbers (filtered to those the reader accepts)."""
    player = PLAYER if player is None else player
    label = LABEL if label is None else label
    text = TEXT if text is None else text
    n = draw(st.integers(2, 3))
    players = draw(st.lists(player, min_size=n, max_size=n, unique=True))
    most = 3 if n == 2 else 2
    strategies = [draw(st.lists(label, min_size=1, max_size=most, unique=True)) for _ in players]
    assume(names_problem(players, strategies) is None)  # the readers' rules for names
    k = draw(st.integers(0, 3))
    params = {f"p{i}": draw(parameters(f"p{i}")) for i in range(k)}
    names = list(params)
    defines: dict[str, sympy.Expr] = {}
    for i in range(draw(st.integers(0, 2))):
        try:
            defines[f"d{i}"] = parse_expression(draw(expression_text(tuple(names), 1)), names)
        except LeverageError:
            assume(False)
        names.append(f"d{i}")
    shape = tuple(len(s) for s in strategies)
    payoffs = []
    for _ in players:
        arr = np.empty(shape, dtype=object)
        for idx in np.ndindex(*shape):
            try:
                arr[idx] = parse_expression(draw(expression_text(tuple(names))), names)
            except LeverageError:
                assume(False)
        payoffs.append(arr)
    labels = [(p, s) for p, ss in zip(players, strategies, strict=True) for s in ss]
    described = draw(st.lists(st.sampled_from(labels), unique=True, max_size=3))
    model = Model(
        title=draw(text),
        description=draw(text),
        players=tuple(players),
        strategies=tuple(tuple(s) for s in strategies),
        parameters=params,
        defines=defines,
        payoffs=tuple(payoffs),
        references=tuple(draw(st.lists(text, max_size=2))),
        strategy_descriptions={key: draw(text) for key in described},
        authors=tuple(draw(st.lists(text, max_size=2))),
        tags=tuple(draw(st.lists(text, max_size=3))),
        notes=draw(text),
        version=draw(text),
    )
    try:
        model.game()
    except (LeverageError, ArithmeticError, ValueError):
        # undefined at the defaults (the reader refuses such models), or (ValueError)
        # Python's digit limit met by evaluation (another part of issue 9)
        assume(False)
    return model


def assert_same_model(back: Model, model: Model) -> None:
    """``back`` (read from what was written) is ``model``, as the reader normalises it."""
    fallback = Path(model.path).stem if model.path else "A game"
    assert back.title == (model.title.strip() or fallback)
    assert back.description == (
        model.description.strip() or f"Converted from {model.path or 'a game'}"
    )
    for key in ("references", "authors", "tags", "notes", "version", "strategy_descriptions"):
        assert getattr(back, key) == getattr(model, key), key
    assert back.players == model.players
    assert back.strategies == model.strategies
    assert back.parameters == model.parameters
    assert list(back.defines) == list(model.defines)
    for name, expr in model.defines.items():
        assert back.defines[name] == expr, name
    for mine, theirs in zip(back.payoffs, model.payoffs, strict=True):
        for idx in np.ndindex(*mine.shape):
            assert mine[idx] == theirs[idx], idx
    a, b = back.game(), model.game()
    assert a.exact == b.exact
    for x, y in zip(a.payoffs, b.payoffs, strict=True):
        assert x.tolist() == y.tolist()


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ----------------------------------------------------------------------------- model → TOML
@SETTINGS
@given(models())
def test_model_toml_reads_back_to_the_same_model(model: Model) -> None:
    text = model_toml(model)
    assert not RAW_CONTROL.search(text)
    back = loads(text)
    assert_same_model(back, model)
    assert model_toml(back) == text


def test_shipped_models_read_back_to_themselves() -> None:
    for path in sorted((ROOT / "models").glob("*.toml")):
        model = leverage.load(path)
        back = loads(model_toml(model), file=str(path))
        assert_same_model(back, model)
        assert back.tags and back.tags == model.tags  # every shipped model has tags


def test_descriptions_cannot_inject_toml() -> None:
    # a description that ends the multi-line string and adds a key, and a backslash
    hostile = 'x\n"""\n[payoffs]\n"a, b" = ["99", "99"]\n# \\'
    model = loads(model_toml(model_from_game(Game.from_arrays([[1]], [[2]]))))
    model = Model(**{**model.__dict__, "description": hostile, "notes": hostile + '"'})
    back = loads(model_toml(model))
    assert back.description == hostile.strip() and back.notes == hostile + '"'
    assert back.game().payoffs[0].tolist() == [[1]]


def test_numbers_at_the_bounds_read_back() -> None:
    # payoffs stay below 1e301 in absolute value; a denominator may have 1,000 digits
    huge = 10**300 + 1
    tiny = Fraction(1, 10**999 + 1)
    game = Game.from_arrays([[huge, tiny]], [[-huge, Fraction(-huge, 3)]])
    text = model_toml(model_from_game(game))
    back = loads(text)
    assert back.game().payoffs[0].tolist() == [[huge, tiny]]
    assert back.game().payoffs[1].tolist() == [[-huge, Fraction(-huge, 3)]]
    # parameter values: exact decimals far beyond a float, and long fractions
    value = Fraction(10**299) / 3  # written "1e299/3"
    param = Parameter("c", value, Fraction(Decimal("-1.5e-300")), Fraction(10**300), "a")
    model = Model(**{**back.__dict__, "parameters": {"c": param}})
    assert loads(model_toml(model)).parameters["c"] == param


def test_too_long_expressions_are_refused_naming_the_payoff() -> None:
    # 10**12000 // 7 has more digits than an expression may have characters
    game = Game.from_arrays([[10**12000 // 7, 0]], [[0, 0]], strategies=[["U"], ["L", "R"]])
    with pytest.raises(ModelError, match="cannot be written so that it reads back") as err:
        model_toml(model_from_game(game))
    assert err.value.key == 'payoffs."U, L"[0]'


@SETTINGS
@given(st.data())
def test_float_games_read_back_to_the_same_floats(data: st.DataObject) -> None:
    floats = st.floats(-1e300, 1e300)  # payoffs stay below 1e301
    a = np.array(data.draw(st.lists(floats, min_size=4, max_size=4)), dtype=float)
    game = Game.from_arrays(a.reshape(2, 2), -a.reshape(2, 2), exact=False)
    back = loads(model_toml(model_from_game(game))).game(exact=False)
    for x, y in zip(back.payoffs, game.payoffs, strict=True):
        assert x.tolist() == y.tolist()


# ----------------------------------------------------------------------------- .nfg ↔ TOML
def valid_for_a_model(game: Game) -> bool:
    # the readers' own rules for names (leverage.io.names), and no comma in a strategy
    # label (a model file's outcome keys are split at commas)
    return (
        2 <= len(game.players)
        and names_problem(game.players, game.strategies) is None
        and all("," not in s for labels in game.strategies for s in labels)
    )


# payoffs below the magnitude bound 1e301 (docs/model-format.md), with long denominators
big_fractions = st.one_of(
    st.fractions(max_denominator=1000),
    st.integers(-(10**300), 10**300).map(Fraction),
    st.builds(Fraction, st.integers(-(10**300), 10**300), st.integers(1, 10**990)),
)


@st.composite
def nfg_games(draw: st.DrawFn, label: st.SearchStrategy[str] = nasty_text()) -> Game:
    n = draw(st.integers(1, 3))
    shape = draw(st.lists(st.integers(1, 3), min_size=n, max_size=n))
    players = draw(st.lists(label, min_size=n, max_size=n, unique=True))
    strategies = [draw(st.lists(label, min_size=m, max_size=m, unique=True)) for m in shape]
    size = int(np.prod(shape))
    arrays = [
        np.array(draw(st.lists(big_fractions, min_size=size, max_size=size)), dtype=object).reshape(
            shape
        )
        for _ in range(n)
    ]
    return Game.from_arrays(
        *arrays, players=players, strategies=strategies, title=draw(label), exact=True
    )


@SETTINGS
@given(game=nfg_games(), comment=nasty_text(), version=st.sampled_from(["payoff", "outcome"]))
def test_nfg_to_toml_to_nfg_is_the_same_game(game: Game, comment: str, version: str) -> None:
    text = write_nfg(game, version=version, comment=comment)  # type: ignore[arg-type]
    if names_problem(game.players, game.strategies) is not None:
        # names the readers refuse (a control character, a repeat after NFC, a CSV
        # column clash): refused when read, and `convert --to nfg` refuses to write them
        with pytest.raises(ModelError):
            read_nfg_with_comment(text)
        return
    read, read_comment = read_nfg_with_comment(text)
    assert read_comment == comment
    model = model_from_game(read, path="game.nfg", description=read_comment)
    if not valid_for_a_model(game):
        with pytest.raises(ModelError, match="a model file"):
            model_toml(model)
        return
    toml = model_toml(model)
    assert not RAW_CONTROL.search(toml)
    back = loads(toml)
    assert_same_model(back, model)
    again, again_comment = read_nfg_with_comment(
        write_nfg(back.game(), version=version, comment=back.description)  # type: ignore[arg-type]
    )
    assert again_comment == (comment.strip() or "Converted from game.nfg")
    assert again.players == game.players and again.strategies == game.strategies
    for x, y in zip(again.payoffs, game.payoffs, strict=True):
        assert x.tolist() == y.tolist()


def test_nfg_numbers_are_refused_beyond_what_readers_read() -> None:
    fits = Game.from_arrays([[10 ** (MAX_NUMBER_CHARS - 1)]], [[Fraction(1, 3)]])
    assert read_nfg_with_comment(write_nfg(fits))[0].payoffs[0][0, 0] == fits.payoffs[0][0, 0]
    for big in (10**MAX_NUMBER_CHARS, 10**20000):
        game = Game.from_arrays([[0, big]], [[0, 0]], strategies=[["U"], ["L", "R"]])
        with pytest.raises(ModelError, match=r"payoff of '1' at \(U, R\).*\.nfg number"):
            write_nfg(game)


# ----------------------------------------------------------------------------- model → .nfg
# pygambit 16.7 reads labels of printable ASCII words separated by single spaces (and no
# backslash, which it does not unescape), and ASCII titles and descriptions
ascii_word = st.text(
    alphabet=st.characters(min_codepoint=33, max_codepoint=126, exclude_characters="\\,"),
    min_size=1,
    max_size=3,
)
ascii_label = (
    st.lists(ascii_word, min_size=1, max_size=2).map(" ".join).filter(lambda s: not s.isdigit())
)
ascii_text = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=126, exclude_characters="\\"),
    max_size=20,
).map(str.strip)


def digits(n: int) -> int:
    """Decimal digits of ``n`` (without converting it to text: Python refuses beyond 4300)."""
    return len(str(n)) if n.bit_length() < 10_000 else math.floor(math.log10(abs(n))) + 1


@pytest.mark.skipif(gbt is None, reason="pygambit not installed")
@SETTINGS
@given(models(player=ascii_label, label=ascii_label, text=ascii_text))
def test_model_to_nfg_reads_the_same_in_leverage_and_pygambit(model: Model) -> None:
    game = model.game().as_exact()
    try:
        text = write_nfg(game, comment=model.description)
    except ModelError as err:  # a payoff too long for any .nfg reader
        assert ".nfg number" in err.message
        assert any(
            digits(v.numerator) + digits(v.denominator) > MAX_NUMBER_CHARS - 2
            for arr in game.payoffs
            for v in arr.ravel().tolist()
        )
        return
    ours, comment = read_nfg_with_comment(text)
    assert comment == model.description and ours.title == model.title
    theirs = gbt.read_nfg(io.StringIO(text))
    assert theirs.title == model.title and theirs.description == model.description
    expected = [arr.tolist() for arr in game.payoffs]
    assert [arr.tolist() for arr in ours.payoffs] == expected
    assert [arr.tolist() for arr in theirs.to_arrays()] == expected


# ----------------------------------------------------------------------------- the command
def run(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_error_line(result: object) -> str:
    assert result.exit_code == 2, (result.output, result.stderr)  # type: ignore[attr-defined]
    assert result.stdout == ""  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and "Traceback" not in lines[0], lines
    return lines[0]


def test_convert_refuses_to_overwrite_its_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = tmp_path / "game.toml"
    model.write_text(Path(CHICKEN).read_text())
    before = model.read_bytes()
    (tmp_path / "link.toml").symlink_to(model)
    os.link(model, tmp_path / "hard.toml")
    monkeypatch.chdir(tmp_path)
    for output in ("game.toml", "./game.toml", str(model), "link.toml", "hard.toml"):
        for target in ("toml", "nfg"):
            line = one_error_line(run("convert", model, "--to", target, "-o", output))
            assert line == (
                f"leverage: error: {output}: is the model file {model} itself; not overwritten"
            )
    assert model.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["game.toml", "hard.toml", "link.toml"]


def test_convert_refuses_labels_a_model_file_cannot_hold(tmp_path: Path) -> None:
    nfg = tmp_path / "odd.nfg"
    nfg.write_text('NFG 1 R "t" { "A" "B" } { { "a,b" } { "x" } }\n1 2\n')
    out = tmp_path / "odd.toml"
    line = one_error_line(run("convert", nfg, "--to", "toml", "-o", out))
    assert f"{nfg}: strategy label 'a,b' of player 'A' contains a comma" in line
    assert not out.exists()
    # a label with surrounding blanks is refused when the .nfg file is read
    nfg.write_text('NFG 1 R "t" { "A" "B" } { { " a" } { "x" } }\n1 2\n')
    line = one_error_line(run("convert", nfg, "--to", "toml", "-o", out))
    assert "strategy label ' a' has leading or trailing whitespace" in line
    assert not out.exists()


def test_no_writer_writes_a_control_character_in_a_name() -> None:
    # the readers refuse control characters in names (leverage.io.names), so the TOML
    # writer refuses to write them rather than write a file that does not read back
    game = Game.from_arrays(
        [[1, 2]], [[3, 4]], players=["Row", "Column"], strategies=[["Swerve\x07"], ["L", "R"]]
    )
    with pytest.raises(ModelError, match="control or invisible character U\\+0007"):
        model_toml(model_from_game(game))
    with pytest.raises(ModelError, match="control or invisible character"):
        read_nfg_with_comment(write_nfg(game))


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(models())
def test_every_file_convert_writes_reads_back(tmp_path_factory: object, model: Model) -> None:
    tmp = tmp_path_factory.mktemp("convert")  # type: ignore[attr-defined]
    source = tmp / "model.toml"
    source.write_text(model_toml(model), encoding="utf-8")
    original = leverage.load(source)
    toml = tmp / "out.toml"
    result = run("convert", source, "--to", "toml", "-o", toml)
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    back = leverage.load(toml)
    assert_same_model(back, original)
    nfg = tmp / "out.nfg"
    result = run("convert", source, "--to", "nfg", "-o", nfg)
    game = original.game().as_exact()
    if result.exit_code == 0:  # type: ignore[attr-defined]
        read = leverage.load(nfg)
        assert read.description == original.description and read.title == original.title
        assert [a.tolist() for a in read.game().payoffs] == [a.tolist() for a in game.payoffs]
    else:  # refused: a control character, or a payoff too long for a .nfg number
        line = one_error_line(result)
        assert "control character" in line or ".nfg number" in line, line
        assert not nfg.exists()


@pytest.mark.parametrize("use_float", [False, True])
def test_convert_at_values_keeps_the_metadata_and_the_game(tmp_path: Path, use_float: bool) -> None:
    rare = ROOT / "models" / "rare_earth_controls.toml"
    out = tmp_path / "at4.toml"
    flags = ["--float"] if use_float else []
    result = run(
        "convert", rare, "--to", "toml", "--set", "interdependence_cost=4", *flags, "-o", out
    )
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    model, back = leverage.load(rare), leverage.load(out)
    assert back.tags == model.tags and back.references == model.references
    assert back.strategy_descriptions == model.strategy_descriptions
    assert back.description.startswith(model.description)
    assert "interdependence_cost = 4" in back.description and not back.parameters
    expected = model.game(interdependence_cost=4, exact=not use_float)
    for x, y in zip(back.game(exact=not use_float).payoffs, expected.payoffs, strict=True):
        assert x.tolist() == y.tolist()
