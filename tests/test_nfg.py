"""Tests of the Gambit ``.nfg`` reader and writer (:mod:`leverage.io.gambit`).

The two example files are copied from the Gambit documentation, "Game representation
formats" (https://gambitproject.readthedocs.io/en/latest/formats.html): the payoff and
the outcome version of Selten (IJGT 1975), Figure 2, in normal form (Gambit's ``e02.nfg``).
pygambit, when installed, serves as an independent oracle in both directions.
"""

from __future__ import annotations

import io
import re
import time
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from leverage.errors import ModelError
from leverage.games.strategic import Game
from leverage.io import gambit as nfg
from leverage.io.gambit import load_nfg, read_nfg, write_nfg
from leverage.io.gambit import reader as nfg_reader
from leverage.io.names import column_clash, name_problem, normal

try:
    import pygambit as gbt
except ImportError:  # pragma: no cover - pygambit is a test extra
    gbt = None

needs_gambit = pytest.mark.skipif(gbt is None, reason="pygambit not installed")

DATA = Path(__file__).parent / "data"

# From the Gambit documentation, "The strategic game (.nfg) file format, payoff version"
# (Gambit's contrib/games/e02.nfg).
DOC_PAYOFF = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
{ "Player 1" "Player 2" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
"""

# From the Gambit documentation, "The strategic game (.nfg) file format, outcome version":
# "This file defines the same game as the example in the previous section."
DOC_OUTCOME = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }

{
{ "1" "2" "3" }
{ "1" "2" }
}

{
{ "" 1, 1 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
{ "" 0, 3 }
{ "" 2, 0 }
}
1 2 3 4 5 6
"""

# The documentation's reading of the flat list: profile (1,1) pays 1 1, then player 1's
# strategy increments first: (2,1) pays 0 2, (3,1) pays 0 2, then (1,2) pays 1 1, ...
SELTEN_A = [[1, 1], [0, 0], [0, 2]]
SELTEN_B = [[1, 1], [2, 3], [2, 0]]


def payoff_lists(game: Game) -> list[list]:
    """Payoff arrays as nested lists (for exact equality with plain ints/Fractions)."""
    return [arr.tolist() for arr in game.payoffs]


def assert_same_game(a: Game, b: Game) -> None:
    assert a.title == b.title
    assert a.players == b.players
    assert a.strategies == b.strategies
    for x, y in zip(a.payoffs, b.payoffs, strict=True):
        assert x.shape == y.shape
        for idx in np.ndindex(x.shape):
            assert x[idx] == y[idx], idx
            assert isinstance(x[idx], Fraction) and isinstance(y[idx], Fraction)


# ----------------------------------------------------------------------------- documented examples
def test_doc_payoff_version() -> None:
    g = read_nfg(DOC_PAYOFF)
    assert g.title == "Selten (IJGT, 75), Figure 2, normal form"
    assert g.players == ("Player 1", "Player 2")
    assert g.strategies == (("1", "2", "3"), ("1", "2"))
    assert g.exact
    assert payoff_lists(g) == [SELTEN_A, SELTEN_B]
    assert all(isinstance(v, Fraction) for arr in g.payoffs for v in arr.flat)


def test_doc_outcome_version_is_the_same_game() -> None:
    assert_same_game(read_nfg(DOC_OUTCOME), read_nfg(DOC_PAYOFF))


def test_data_files_match_the_doc_text() -> None:
    assert_same_game(load_nfg(DATA / "nfg_selten_payoff.nfg"), read_nfg(DOC_PAYOFF))
    assert_same_game(load_nfg(str(DATA / "nfg_selten_outcome.nfg")), read_nfg(DOC_OUTCOME))


def test_three_player_sample_file() -> None:
    # Decimal, exponent, signed and rational numbers; outcomes with and without commas;
    # the null outcome 0; escaped quotes; a two-line comment containing braces and digits.
    g = load_nfg(DATA / "nfg_three_player.nfg")
    assert g.title == 'A three-player "test" game'
    assert g.players == ("Row", "Col", 'Tie "breaker"')
    assert g.strategies == (("U", "D"), ("L", "R"), ("W",))
    # indices 1 0 3 2 for profiles (U,L), (D,L), (U,R), (D,R) -- first player fastest
    f = Fraction
    assert payoff_lists(g) == [
        [[[f(1, 2)], [f(1, 2)]], [[0], [15]]],
        [[[f(1, 4)], [f(3, 4)]], [[0], [-2]]],
        [[[-3], [0]], [[0], [4]]],
    ]


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        ("0.88", Fraction(22, 25)),
        ("0.1", Fraction(1, 10)),
        ("3/2", Fraction(3, 2)),
        ("-3/2", Fraction(-3, 2)),
        ("+7", Fraction(7)),
        (".5", Fraction(1, 2)),
        ("-.5", Fraction(-1, 2)),
        ("3.", Fraction(3)),
        ("1e-3", Fraction(1, 1000)),
        ("1.5E+2", Fraction(150)),
        ("12.800000", Fraction(64, 5)),
        ("007", Fraction(7)),
    ],
)
def test_numbers_are_exact(literal: str, value: Fraction) -> None:
    g = read_nfg(f'NFG 1 D "" {{ "A" }} {{ 1 }} {literal}')
    assert g.payoffs[0][0] == value
    assert isinstance(g.payoffs[0][0], Fraction)


def test_whitespace_and_layout_are_insignificant() -> None:
    squeezed = 'NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"{"Player 1""Player 2"}{3 2}'
    squeezed += "\t1\r\n1\f0\v2 0 2 1 1 0 3 2 0"
    assert_same_game(read_nfg(squeezed), read_nfg(DOC_PAYOFF))
    head, body = DOC_OUTCOME.split("}\n", 1)  # the title contains commas: keep it
    outcome = head + "}" + body.replace("\n", " ").replace("{ {", "{{").replace(", ", " ")
    assert_same_game(read_nfg(outcome), read_nfg(DOC_PAYOFF))


def test_strings() -> None:
    text = r'NFG 1 R "a \"b\" c\\d\e' + "\n" + r'2" { "P" } { { "x\"" } } 5'
    g = read_nfg(text)
    assert g.title == 'a "b" c\\d\\e\n2'  # \" and \\ are escapes, \e is kept as it is
    assert g.players == ("P",)
    assert g.strategies == (('x"',),)


def test_labelled_prologue_with_flat_payoffs_and_counts_with_outcomes() -> None:
    # Like Gambit, the body's kind is told by its first token, not by the prologue.
    labelled_flat = (
        'NFG 1 R "" { "P" "Q" } { { "a" "b" "c" } { "d" "e" } } "" 1 1 0 2 0 2 1 1 0 3 2 0'
    )
    g = read_nfg(labelled_flat)
    assert g.strategies == (("a", "b", "c"), ("d", "e"))
    assert payoff_lists(g) == [SELTEN_A, SELTEN_B]
    counts_outcomes = DOC_OUTCOME.replace('{\n{ "1" "2" "3" }\n{ "1" "2" }\n}', "{ 3 2 }")
    assert_same_game(read_nfg(counts_outcomes), read_nfg(DOC_PAYOFF))


def test_null_outcome_pays_zero() -> None:
    g = read_nfg('NFG 1 R "" { "A" "B" } { 2 1 } { { "o" 4 5 } } 0 1')
    assert payoff_lists(g) == [[[0], [4]], [[0], [5]]]


# ----------------------------------------------------------------------------- writing
def test_write_payoff_version_uses_counts_for_default_labels() -> None:
    text = write_nfg(read_nfg(DOC_OUTCOME), version="payoff")
    assert text == (
        'NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" } { 3 2 }\n'
        "\n1 1\n0 2\n0 2\n1 1\n0 3\n2 0\n"
    )


def test_write_outcome_version_layout() -> None:
    g = Game.from_arrays(
        [[Fraction(22, 25), 0]],
        [[-1, Fraction(1, 3)]],
        players=("Row", 'C "x"'),
        strategies=(("Up",), ("L", "R\\")),
        title="T",
    )
    assert write_nfg(g) == (
        'NFG 1 R "T" { "Row" "C \\"x\\"" }\n\n'
        '{ { "Up" }\n{ "L" "R\\\\" }\n}\n""\n\n'
        '{\n{ "Up, L" 22/25, -1 }\n{ "Up, R\\\\" 0, 1/3 }\n}\n1 2\n'
    )


def test_write_is_deterministic_and_validates_version() -> None:
    g = read_nfg(DOC_PAYOFF)
    assert write_nfg(g) == write_nfg(read_nfg(DOC_OUTCOME))
    with pytest.raises(ValueError, match="version"):
        write_nfg(g, version="bogus")  # type: ignore[arg-type]


def test_write_float_game() -> None:
    g = Game.from_arrays([[0.1, -2.5], [1e-7, 3.0]], [[1 / 3, 0.0], [2.0, -0.75]])
    assert not g.exact
    text = write_nfg(g, version="payoff")
    assert "1/10" in text and "1/10000000" in text
    back = read_nfg(text)
    for x, y in zip(g.payoffs, back.payoffs, strict=True):
        assert [float(v) for v in y.flat] == list(x.flat)


def test_write_rejects_non_finite_payoffs() -> None:
    g = Game.from_arrays([np.nan, 1.0], exact=False)
    with pytest.raises(ModelError, match="not finite"):
        write_nfg(g)


# names and labels the readers accept (leverage.io.names): not blank, no surrounding
# whitespace, no control or invisible character, distinct after NFC normalisation
labels = st.text(min_size=1, max_size=6).filter(lambda s: name_problem(s, "name") is None)
fractions = st.builds(Fraction, st.integers(-60, 60), st.integers(1, 12))


@st.composite
def games(draw: st.DrawFn, label: st.SearchStrategy[str] = labels) -> Game:
    n = draw(st.integers(1, 3))
    shape = draw(st.lists(st.integers(1, 3), min_size=n, max_size=n))
    players = draw(st.lists(label, min_size=n, max_size=n, unique_by=normal))
    if draw(st.booleans()):
        strategies = [[str(k + 1) for k in range(m)] for m in shape]
    else:
        strategies = [
            draw(st.lists(label, min_size=m, max_size=m, unique_by=normal)) for m in shape
        ]
    assume(column_clash(players, strategies) is None)
    size = int(np.prod(shape))
    arrays = [
        np.array(draw(st.lists(fractions, min_size=size, max_size=size)), dtype=object).reshape(
            shape
        )
        for _ in range(n)
    ]
    return Game.from_arrays(
        *arrays, players=players, strategies=strategies, title=draw(label), exact=True
    )


@settings(max_examples=150, deadline=None)
@given(game=games(), version=st.sampled_from(["payoff", "outcome"]))
def test_round_trip(game: Game, version: str) -> None:
    text = write_nfg(game, version=version)  # type: ignore[arg-type]
    assert_same_game(read_nfg(text), game)
    assert text.startswith("NFG 1 R ")
    assert write_nfg(read_nfg(text), version=version) == text  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- pygambit oracle
def gambit_payoffs(game: object) -> list[list]:
    return [arr.tolist() for arr in game.to_arrays()]  # type: ignore[attr-defined]


def gambit_labels(game: object) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    players = list(game.players)  # type: ignore[attr-defined]
    return (
        tuple(p.label for p in players),
        tuple(tuple(s.label for s in p.strategies) for p in players),
    )


# pygambit 16.7 accepts only labels of printable ASCII words separated by single spaces,
# renames empty ones, writes backslashes unescaped, and (a bug) refuses a label equal to
# the default label "k" another player or strategy still has while the file is read:
# draw labels it can represent.
ascii_labels = (
    st.lists(
        st.text(
            alphabet=st.characters(min_codepoint=33, max_codepoint=126, exclude_characters="\\"),
            min_size=1,
            max_size=3,
        ),
        min_size=1,
        max_size=3,
    )
    .map(" ".join)
    .filter(lambda s: not s.isdigit())
)


@needs_gambit
def test_pygambit_agrees_on_doc_examples() -> None:
    for text in (DOC_PAYOFF, DOC_OUTCOME):
        ours = read_nfg(text)
        theirs = gbt.read_nfg(io.StringIO(text))
        assert gambit_payoffs(theirs) == payoff_lists(ours)
        assert gambit_labels(theirs) == (ours.players, ours.strategies)


@needs_gambit
@settings(max_examples=60, deadline=None)
@given(game=games(ascii_labels), version=st.sampled_from(["payoff", "outcome"]))
def test_pygambit_reads_what_we_write(game: Game, version: str) -> None:
    theirs = gbt.read_nfg(io.StringIO(write_nfg(game, version=version)))  # type: ignore[arg-type]
    assert theirs.title == game.title
    assert gambit_labels(theirs) == (game.players, game.strategies)
    assert gambit_payoffs(theirs) == payoff_lists(game)


@needs_gambit
@settings(max_examples=60, deadline=None)
@given(game=games(ascii_labels))
def test_we_read_what_pygambit_writes(game: Game) -> None:
    arrays = [
        np.vectorize(lambda v: gbt.Rational(v.numerator, v.denominator), otypes=[object])(a)
        for a in game.payoffs
    ]
    g = gbt.Game.from_arrays(*arrays, title=game.title)
    for player, name, strategy_labels in zip(g.players, game.players, game.strategies, strict=True):
        player.label = name
        for strategy, label in zip(player.strategies, strategy_labels, strict=True):
            strategy.label = label
    ours = read_nfg(g.to_nfg())
    assert_same_game(ours, game)


@needs_gambit
def test_pygambit_catalog_files_agree() -> None:
    root = Path(gbt.__file__).parent / "catalog_data"
    files = sorted(root.rglob("*.nfg"))
    if not files:
        pytest.skip("this pygambit has no .nfg catalog files")
    for path in files:
        ours = load_nfg(path)
        theirs = gbt.read_nfg(str(path))
        assert ours.title == theirs.title, path
        assert gambit_labels(theirs) == (ours.players, ours.strategies), path
        assert gambit_payoffs(theirs) == payoff_lists(ours), path


# ----------------------------------------------------------------------------- malformed input
H = 'NFG 1 R "t" { "A" "B" }\n'  # line 1; what follows starts on line 2
OUT = H + '{ { "x" "y" } { "z" } }\n{\n'  # outcome lists start on line 4


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("", "expected 'NFG' at the start of the file, found end of file", 1, 1),
        ('EFG 2 R "t" { "A" }', "expected 'NFG'", 1, 1),
        ('NFG 2 R "t"', "expected the format version 1 after 'NFG', found '2'", 1, 5),
        ('NFG 1 X "t"', "expected 'R' or 'D' after 'NFG 1', found 'X'", 1, 7),
        ('NFG 1 R { "A" }', "expected the game title (a quoted string), found '{'", 1, 9),
        ('NFG 1 R "t"\n "A" "B" }', "expected '{' before the list of players", 2, 2),
        ('NFG 1 R "t" { "A" 3 }', "expected a player name (a quoted string) or '}'", 1, 19),
        ('NFG 1 R "t" { } { }', "the game has no players", 1, 15),
        ('NFG 1 R "t" { "A" "A" } { 2 2 }', "duplicate player name 'A'", 1, 19),
        ('NFG 1 R "t" { "A" "" } { 2 2 }', "player name is empty", 1, 19),
        ('NFG 1 R "t" { "A" "  " } { 2 2 }', "player name '  ' is blank", 1, 19),
        ('NFG 1 R "t" { "A" " A" } { 2 2 }', "player name ' A' has leading or trailing", 1, 19),
        ('NFG 1 R "t" { "A" "B\x07" } { 2 2 }', "invisible character U+0007", 1, 19),
        ('NFG 1 R "t" { "\u00e9" "e\u0301" } { 1 1 }', "written differently", 1, 19),
        (H + '{ { "x" "x " } { "y" } }', "label 'x ' has leading or trailing whitespace", 2, 9),
        (H + '{ { "x" "" } { "y" } }', "strategy label is empty (player 'A')", 2, 9),
        (H + '{ { "x" } { "\u00e9" "e\u0301" } }', "'e\\u0301' is '\\xe9' written", 2, 17),
        ('NFG 1 R "t" { "A:B" "A" } { { "C" } { "B:C" } } 1 2', "share the CSV column", 1, 47),
        ('NFG 1 R "t" { "A" "B } { 1 1 }\n1 2', "unterminated string", 1, 19),
        (H + "  2 2 }", "expected '{' before the strategies, found '2'", 2, 3),
        (H + '{ { "x" "x" } { "y" } }', "duplicate strategy label 'x' of player 'A'", 2, 9),
        (H + '{ { "x" } { } } 1 1', "player 'B' has no strategies", 2, 13),
        (H + '{ { "x" } 2 }', "expected '{' before the strategy labels of player 'B'", 2, 11),
        (H + "{ 2 0 }", "expected the number of strategies of player 'B'", 2, 5),
        (H + "{ 2 1.5 }", "(a positive integer), found '1.5'", 2, 5),
        (H + "{ 2 2 2 }", "expected '}' after the strategies of 2 players, found '2'", 2, 7),
        (H + "{ 2 1 }", "expected a list of payoffs or of outcomes, found end of file", 2, 8),
        (H + "{ 2 1 }\n1 2\n3\n\n", "expected 4 payoffs, found 3", 4, 2),
        (H + "{ 1 1 }\n1 2 3", "expected end of file after 2 payoffs, found '3'", 3, 5),
        (H + "{ 1 1 }\n1, 2", "expected a payoff (a number), found ','", 3, 2),
        (H + "{ 1 1 }\n1 foo", "expected a payoff (a number), found 'foo'", 3, 3),
        (H + "{ 1 1 }\n1 2x", "invalid number '2x'", 3, 3),
        (H + "{ 1 1 }\n1 1/2/3", "invalid number '1/2/3'", 3, 3),
        (H + "{ 1 1 }\n1/0 2", "invalid number '1/0': division by zero", 3, 1),
        (H + "{ 1 1 }\n1e999999999 2", "exponent of '1e999999999' too large", 3, 1),
        (H + "{ 1 1 }\n1 " + "9" * 5000, "number too long", 3, 3),
        (
            OUT + '{ "" 1, 2 }\n{ "" 3, 4 }\n}\n1 7\n',
            "outcome index 7 out of range (2 outcomes)",
            7,
            3,
        ),
        (OUT + '{ "" 1 }\n}\n1 1', "outcome 1 has 1 payoff, expected 2", 4, 8),
        (OUT + '{ "" 1, 2, 3 }\n}\n1 1', "outcome 1 has more than 2 payoffs", 4, 12),
        (OUT + "{ 1, 2 }\n}\n1 1", "expected the name of outcome 1 (a quoted string)", 4, 3),
        (OUT + '{ "" 1, 2 }\n{ "" x 3 }', "expected a payoff of outcome 2 (a number)", 5, 6),
        (OUT + '{ "" 1, 2 } 3\n}\n1 1', "expected '{' (an outcome) or '}'", 4, 13),
        (OUT + '{ "" 1, 2 }\n{ "" 3, 1/0 }', "invalid number '1/0': division by zero", 5, 9),
        (OUT + '{ "" 1, 2 }\n}\n1\n', "expected 2 outcome indices, found 1", 6, 2),
        (OUT + '{ "" 1, 2 }\n}\n-1 1', "expected an outcome index (a non-negative integer)", 6, 1),
        (OUT + '{ "" 1, 2 }\n}\n1 1.0', "found '1.0'", 6, 3),
        (OUT + '{ "" 1, 2 }\n}\n1 1 1', "expected end of file after 2 outcome indices", 6, 5),
        (OUT + '{ "" 1, 2 }\n}\n1 1 "x"', 'found the string "x"', 6, 5),
    ],
)
def test_malformed_input(text: str, message: str, line: int, column: int) -> None:
    with pytest.raises(ModelError) as info:
        read_nfg(text, file="bad.nfg")
    err = info.value
    assert message in err.message
    assert (err.file, err.line, err.column) == ("bad.nfg", line, column)
    assert str(err).startswith(f"bad.nfg:{line}:{column}: ")


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        (H + "{ 1001 1000 }", 2, 8),  # 1 001 000 profiles
        (H + "{ 1000000000000000000000000000000 1 }", 2, 3),
        (H.replace('"B"', '"B" "C"') + "{ 100 100 101 }", 2, 11),
        (H + '{ { "a" "b" } { ' + " ".join(f'"{k}"' for k in range(500_001)) + " } }", 2, None),
    ],
)
def test_game_too_large_is_refused_before_allocation(
    text: str, line: int, column: int | None
) -> None:
    start = time.perf_counter()
    with pytest.raises(ModelError, match="game too large") as info:
        read_nfg(text)
    # a guard against a hang (a quadratic label check runs for minutes on 500,001
    # labels), not a speed target: generous, since CI machines are shared and slow
    assert time.perf_counter() - start < 60
    assert info.value.line == line
    if column is not None:
        assert info.value.column == column


def test_too_many_players() -> None:
    names = " ".join(f'"P{k}"' for k in range(nfg.MAX_PLAYERS + 1))
    with pytest.raises(ModelError, match="too many players"):
        read_nfg(f'NFG 1 R "" {{ {names} }} {{ {" ".join(["1"] * (nfg.MAX_PLAYERS + 1))} }} 1')


def test_hostile_input_does_not_hang() -> None:
    start = time.perf_counter()
    for text in [
        "{" * 200_000,
        'NFG 1 R "' + "x" * 2_000_000,  # unterminated string
        'NFG 1 R "' + "\\" * 1_000_001 + '"',  # odd run: the last quote is escaped
        H + "{ 1 1 }\n" + "1" * 10**6,
    ]:
        with pytest.raises(ModelError):
            read_nfg(text)
    assert time.perf_counter() - start < 10


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_mutated_files_fail_cleanly(data: st.DataObject) -> None:
    # Random edits of valid files either parse to a game that round-trips or raise a
    # located ModelError -- never another exception.
    text = data.draw(
        st.sampled_from([DOC_PAYOFF, DOC_OUTCOME, (DATA / "nfg_three_player.nfg").read_text()])
    )
    edits = st.tuples(
        st.integers(0, len(text)),
        st.integers(0, 3),
        st.text('{}",\\ \n0123456789./-+eRDx', max_size=2),
    )
    for pos, length, insert in data.draw(st.lists(edits, min_size=1, max_size=4)):
        text = text[:pos] + insert + text[pos + length :]
    try:
        game = read_nfg(text)
    except ModelError as err:
        assert err.line is not None and err.line >= 1
        assert err.column is not None and err.column >= 1
    else:
        assert_same_game(read_nfg(write_nfg(game)), game)


def test_slow_paths_agree_with_fast_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    # The reader parses well-formed payoff lists, outcomes and index lists in bulk and
    # falls back to token-by-token parsing (which locates errors); both must agree.
    texts = [DOC_PAYOFF, DOC_OUTCOME, (DATA / "nfg_three_player.nfg").read_text()]
    texts += [write_nfg(read_nfg(t), version=v) for t in texts for v in ("payoff", "outcome")]
    fast = [read_nfg(t) for t in texts]
    monkeypatch.setattr(nfg_reader, "outcome_re", lambda n: re.compile(r"(?!)"))
    monkeypatch.setattr(nfg_reader.Parser, "fast_numbers", lambda self, need: None)
    monkeypatch.setattr(nfg_reader.Parser, "fast_indices", lambda self, need, m: None)
    for text, game in zip(texts, fast, strict=True):
        assert_same_game(read_nfg(text), game)


# ----------------------------------------------------------------------------- loading
def test_load_encodings(tmp_path: Path) -> None:
    text = 'NFG 1 R "café" { "Ñ" } { 1 } 2'
    latin = tmp_path / "nfg_latin1.nfg"
    latin.write_bytes(text.encode("latin-1"))
    bom = tmp_path / "nfg_bom.nfg"
    bom.write_bytes(text.encode("utf-8-sig"))
    for path in (latin, bom):
        g = load_nfg(path)
        assert (g.title, g.players) == ("café", ("Ñ",))


def test_load_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "missing.nfg"
    with pytest.raises(ModelError, match=r": no such file$") as info:
        load_nfg(missing)  # in the words of the TOML reader (one wording for every format)
    assert info.value.file == str(missing)
    with pytest.raises(ModelError, match=r": is a directory, not a model file$"):
        load_nfg(tmp_path)
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "t" { "A" } { 2 }\n1\n')
    with pytest.raises(ModelError, match="expected 2 payoffs, found 1") as info:
        load_nfg(bad)
    assert str(info.value) == f"{bad}:2:2: expected 2 payoffs, found 1"
    monkeypatch.setattr(nfg_reader, "MAX_FILE_BYTES", 10)
    with pytest.raises(ModelError, match="file is too large"):
        load_nfg(bad)
