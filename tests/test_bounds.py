"""One set of bounds (exponent, degree, digits, magnitude) for every command.

Each hostile file of issue 9 is run through every command that reads a model: every one
must refuse it the same way, at load, with one line naming the key, in well under a second
(the file used to hang a command or end it in an internal error).  The bounds themselves
are checked against sympy: the structural degree bound is an upper bound on the true
degree of the expression written as one fraction.
"""

from __future__ import annotations

import json
import re
import textwrap
from fractions import Fraction

import numpy as np
import pytest
import sympy
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import leverage
from leverage.cli import cli
from leverage.errors import EvaluationError, ExpressionError, TooLargeError
from leverage.expr import evaluate, parse_expression, symbol
from leverage.expr.bounds import (
    EVAL_MAX_BITS,
    MAX_CONSTANT_EXPONENT,
    MAX_DEGREE,
    MAX_DIGITS,
    MAX_MAGNITUDE,
    degree_bound,
)
from leverage.expr.printing import formula_text
from leverage.io.model_sections import define_degrees

from .test_fuzz import check_contract, fuzz_model


def model_text(payoff: str = "c", value: str = "2", defines: dict[str, str] | None = None) -> str:
    """A 2×2 model whose payoff of R at "A, C" is ``payoff``; parameter c in [1, 3]."""
    define = ""
    if defines:
        define = "[define]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in defines.items())
    return (
        textwrap.dedent(
            f"""\
        title = "t"
        description = "d"
        [players]
        R = ["A", "B"]
        C = ["C", "D"]
        [parameters.c]
        value = {value}
        range = [1, 3]
        source = "assumption"
        distribution = {{ uniform = [1, 3] }}
        """
        )
        + define
        + textwrap.dedent(
            f"""\
        [payoffs]
        "A, C" = [{json.dumps(payoff)}, 1]
        "A, D" = [0, 2]
        "B, C" = [3, 0]
        "B, D" = [1, "c"]
        """
        )
    )


# The files of issue 9 and what every command must say about them.
HOSTILE = {
    "define-chain": (
        model_text("d", defines={"a": "c**1000", "b": "a**20", "d": "b**100"}),
        "define.a: degree too high",
    ),
    "value-1e5000": (model_text(value="1e5000"), "parameters.c.value: value 1E+5000 is out of"),
    "value-5000-digits": (model_text(value="9" * 5000), "a number has too many digits"),
    "log-huge-negative": (model_text("log(-10**999) + c"), "log of a non-positive number"),
    "sqrt-huge-negative": (model_text("sqrt(-10**999) + c"), "(the result is not real)"),
    "log-of-huge-negative-at-defaults": (
        model_text("log(c - 10**999)"),
        "log of a non-positive value (a number of about 1000 digits)",
    ),
    "tower-exponent": (model_text("c**-3**(2**1000 - c)"), "number too large in an exponent"),
    "degree-1000": (model_text("c**1000 - 3*c**999 + 1"), "degree up to 1000"),
    "degree-999": (model_text("-c**999"), "degree up to 999"),
    "overflow": (model_text("c*1e300*1e300"), "payoff too large: 1e301 or more"),
    "exp-tower": (
        model_text("log(exp(exp(10**999))**(-2/5))"),
        "number too large in the argument of exp",
    ),
    "huge-denominator": (model_text("c/(2**1000)**15"), "about 4516 digits (at most 2000"),
}

COMMANDS = {
    "validate": ["validate"],
    "show": ["show"],
    "show --symbolic": ["show", "--symbolic"],
    "solve": ["solve"],
    "solve --float": ["solve", "--float"],
    "explain": ["explain"],
    "explain --symbolic": ["explain", "--symbolic"],
    "regimes": ["regimes", "--param", "c"],
    "statics": ["statics", "--param", "c"],
    "sweep": ["sweep", "--param", "c=1:3:3"],
    "dynamics": ["dynamics", "--rule", "fictitious-play", "--steps", "10"],
    "replicator": ["dynamics", "--rule", "replicator", "--steps", "10"],
    "classify": ["classify"],
    "classify --param": ["classify", "--param", "c"],
    "report": ["report", "--no-date", "-o", "{tmp}/report.html"],
    "convert toml": ["convert", "--to", "toml"],
    "convert nfg": ["convert", "--to", "nfg"],
    "montecarlo": ["montecarlo", "-n", "10000"],
}


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    paths = {}
    for name, (text, _) in HOSTILE.items():
        path = folder / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        paths[name] = str(path)
    return paths


@pytest.mark.parametrize("case", list(HOSTILE))
def test_every_command_refuses_a_hostile_file_the_same_way(case, hostile_files, tmp_path):
    path = hostile_files[case]
    expected = HOSTILE[case][1]
    lines = set()
    for name, args in COMMANDS.items():
        argv = [args[0], path, *(a.replace("{tmp}", str(tmp_path)) for a in args[1:])]
        result = CliRunner().invoke(cli, argv, catch_exceptions=False)
        assert result.exit_code == 2, (name, result.output, result.stderr)
        assert result.stdout == "", name
        err = result.stderr.strip().splitlines()
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        if name == "validate":  # validate lists every problem; the first is the same
            err = err[:1]
        assert len(err) == 1, (name, err)
        assert err[0].startswith(f"leverage: error: {path}"), (name, err)
        assert expected in err[0], (name, err)
        lines.add(err[0])
    assert len(lines) == 1, lines  # the same message from every command
    assert not (tmp_path / "report.html").exists()


def test_the_refusal_names_the_key_and_line(hostile_files):
    result = CliRunner().invoke(cli, ["solve", hostile_files["degree-1000"]])
    assert f'{hostile_files["degree-1000"]}:12: payoffs."A, C": payoff 1 (R): ' in result.stderr
    result = CliRunner().invoke(cli, ["solve", hostile_files["define-chain"]])
    assert f"{hostile_files['define-chain']}:12: define.a: " in result.stderr


# --------------------------------------------------------------------------- the bounds


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x**1000", "degree up to 1000"),
        ("(x**2 + 1)**26", "degree up to 52"),
        ("1/x**51", "degree up to 51"),
        ("x**50 + 1/x", "degree up to 51"),  # over one denominator: (x**51 + 1)/x
        ("exp(x**51)", "degree up to 51"),  # inside a function too
        ("x**(c + 1001)", "number too large in an exponent"),
        ("2**(x/1001 + 2**1000)", "number too large in an exponent"),
        ("exp(1001)", "number too large in the argument of exp"),
        ("exp(x - 10**999)", "number too large in the argument of exp"),
        ("(10**667)**3", "digits (at most 2000, numerator and denominator together)"),
        ("(10**500)**5", "about 2501 digits"),
        ("c/(2**1000)**15", "about 4516 digits"),
    ],
)
def test_beyond_the_bounds_is_refused(text, message):
    with pytest.raises(ExpressionError, match=re.escape(message)):
        parse_expression(text, {"x", "c"})


@pytest.mark.parametrize(
    "text",
    [
        f"x**{MAX_DEGREE}",
        "(x**2 + 1)**25",
        "x**25 / (x + 1)**25",
        f"x**(c + {MAX_CONSTANT_EXPONENT})",
        f"exp({MAX_CONSTANT_EXPONENT} - x)",
        "exp(-0.05 * x)",
        "10**999",
        "(10**999)**2",
        "1e999 * 2",
        "(2**1000)**3",
    ],
)
def test_within_the_bounds_is_accepted(text):
    parse_expression(text, {"x", "c"})


def test_a_define_counts_with_the_degree_of_its_expression():
    a = parse_expression("c**10", {"c"})
    b = parse_expression("a**5 + c", {"c", "a"}, {"a": 10})
    assert define_degrees({"a": a, "b": b}) == {"a": 10, "b": 50}
    with pytest.raises(ExpressionError, match="degree up to 60"):
        parse_expression("b * a", {"c", "a", "b"}, {"a": 10, "b": 50})


def polynomials():
    """Random rational expressions in x and y with small integer exponents."""
    x, y = sympy.symbols("x y")
    atoms = st.sampled_from([x, y, sympy.Integer(2), sympy.Rational(1, 3), x + 1, y - x])
    return st.recursive(
        atoms,
        lambda inner: st.one_of(
            st.tuples(inner, inner).map(lambda p: p[0] + p[1]),
            st.tuples(inner, inner).map(lambda p: p[0] * p[1]),
            st.tuples(inner, st.integers(-3, 3)).map(lambda p: p[0] ** p[1]),
        ),
        max_leaves=8,
    )


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(polynomials())
def test_degree_bound_is_an_upper_bound(expr):
    # the structural bound (no expansion) against sympy's exact reduced fraction
    num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
    x, y = sympy.symbols("x y")
    true = max(sympy.Poly(num, x, y).total_degree(), sympy.Poly(den, x, y).total_degree())
    assert degree_bound(expr) >= true


def test_exact_evaluation_refuses_values_beyond_the_digits_bound():
    expr = parse_expression("x * y", {"x", "y"})
    big = Fraction(10**600)
    with pytest.raises(EvaluationError, match=f"more than {MAX_DIGITS} digits"):
        evaluate(expr, {"x": big, "y": big})
    # within the bound the value is exact
    assert evaluate(expr, {"x": big, "y": Fraction(10**300)}) == 10**900
    assert (10**900).bit_length() <= EVAL_MAX_BITS


def test_an_error_never_prints_a_number_past_pythons_digit_limit():
    # the message shows the size of a huge value, not its 5,000 digits (converting them to
    # text raised ValueError: Exceeds the limit (4300 digits) for integer string conversion)
    expr = parse_expression("log(x)", {"x"})
    with pytest.raises(EvaluationError, match="about 5000 digits") as info:
        evaluate(expr, {"x": Fraction(-(10**4999))})
    assert len(str(info.value)) < 200


def test_payoffs_stay_within_float_range():
    model = leverage.loads(model_text("c * 1e300 * 4"))  # 8e300: within
    assert model.game().payoffs[0][0, 0] == 8 * 10**300
    with pytest.raises(EvaluationError, match="payoff too large"):
        model.game({"c": 3})  # 1.2e301
    assert MAX_MAGNITUDE == 10**301


def test_float_methods_refuse_payoffs_beyond_float_range():
    # a Game built from Python can hold any exact payoff; the float methods say why they
    # cannot use it instead of ending in OverflowError
    huge = 10**400
    game = leverage.Game.from_arrays(
        np.array([[huge, 0], [0, 1]], dtype=object), np.array([[1, 0], [0, 1]], dtype=object)
    )
    assert len(game.equilibria()) == 3  # exact solving is fine
    with pytest.raises(TooLargeError, match="floating-point"):
        leverage.classify(game)
    with pytest.raises(TooLargeError, match="floating-point"):
        leverage.dynamics(game, "fictitious-play", steps=5)
    with pytest.raises(TooLargeError, match="floating-point"):
        leverage.dynamics(game, "replicator", steps=5)


def test_exponent_bound_keeps_parsing_fast():
    # c**-3**(2**1000 - c) made sympy compute 3**(2**1000): it hung for minutes
    with pytest.raises(ExpressionError, match="exponent"):
        parse_expression("c**-3**(2**1000 - c)", {"c"})
    assert symbol("c") in parse_expression("c**-3**(1000 - c)", {"c"}).free_symbols


def test_explain_symbolic_does_not_factor_huge_coefficients(tmp_path):
    # found by tests/test_fuzz.py: sympy.factor on a two-parameter polynomial with
    # 930-digit coefficients (Wang's algorithm) ran for minutes; such formulas are shown
    # cancelled, not factored (leverage.expr.bounds.FACTOR_MAX_BITS)
    path = tmp_path / "m.toml"
    path.write_text(fuzz_model("---(k - 1e-928)", "(-10)**1/3"), encoding="utf-8")
    assert check_contract(["explain", str(path), "--symbolic"]) == 0
    c, d = sympy.symbols("c d")
    expr = (c * d + sympy.Rational(1, 10**928)) / (c - d)
    assert formula_text(expr) == formula_text(sympy.cancel(expr))


def test_a_result_past_pythons_digit_limit_is_one_error_line(tmp_path, monkeypatch):
    # the last line of defence: the bounds keep every payoff within 1,000 digits, but the
    # exact results of a large game may still pass the 4,300 digits Python converts to text
    import leverage.formats.text as text

    def table(*args, **kwargs):
        return str(10**5000)

    monkeypatch.setattr(text, "solution_table", table)
    path = tmp_path / "m.toml"
    path.write_text(model_text(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["solve", str(path)])
    assert result.exit_code == 2
    assert result.stderr == "leverage: error: a number in the result has more than 4,300 digits\n"


def test_a_constant_beyond_floats_is_left_to_the_exact_solver():
    # found by tests/test_fuzz.py: a 400-digit integer inside max() ended sweep and
    # montecarlo in "OverflowError: int too large to convert to float"; the batched float
    # evaluation now gives it an infinite value and error bound, so the exact solver
    # decides every point (the payoff itself, c - 1e-100, is an ordinary number)
    model = leverage.loads(model_text("c - 1e300 / max(1" + "0" * 400 + ", c)"))
    grid = np.linspace(1, 3, 5)
    result = leverage.sweep(model, {"c": grid})
    assert result.n_exact == len(grid)
    for i, c in enumerate(grid):
        exact = model.game({"c": float(c)}).equilibria()
        assert [e.strategies for e in result.equilibria_at(i)] == [
            tuple(tuple(map(float, s)) for s in e.strategies) for e in exact
        ]


def test_python_syntax_warnings_do_not_reach_stderr(tmp_path):
    # ast.parse warns "invalid decimal literal" for "1and c" (Python 3.11+); the contract
    # is one error line on stderr
    model = tmp_path / "w.toml"
    model.write_text(
        'title = "t"\n[players]\nRow = ["A", "B"]\nCol = ["C", "D"]\n'
        '[parameters.c]\nvalue = 2\n[payoffs]\n"A, C" = ["1and c", "0"]\n'
        '"A, D" = ["0", "1"]\n"B, C" = ["1", "0"]\n"B, D" = ["0", "1"]\n',
        encoding="utf-8",
    )
    # a real process: pytest would catch the warning before it reached stderr
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "leverage", "solve", str(model)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "SyntaxWarning" not in result.stderr
