"""Tests for :mod:`leverage.expr.parse`: the safe expression parser and the guarded evaluator.

The oracle for arithmetic is Python's own :class:`fractions.Fraction`, which implements
exact rational arithmetic independently of sympy.
"""

from __future__ import annotations

import math
import time
from decimal import Decimal
from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from leverage.errors import EvaluationError, ExpressionError, NotRationalError
from leverage.expr import (
    FUNCTION_NAMES,
    MAX_DEPTH,
    check_name,
    compile_expression,
    evaluate,
    free_names,
    parse_expression,
    symbol,
)

NAMES = frozenset({"x", "y", "z", "chokepoint", "interdependence_cost", "share", "elasticity"})


def value(text: str, **values: Fraction | int | float) -> Fraction:
    """Parse ``text`` over :data:`NAMES` and evaluate it exactly."""
    result = evaluate(parse_expression(text, NAMES), values)
    assert isinstance(result, Fraction)
    return result


# ------------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.88", Fraction(22, 25)),
        ("0.1", Fraction(1, 10)),
        ("1e-3", Fraction(1, 1000)),
        ("2.5E2", Fraction(250)),
        (".5", Fraction(1, 2)),
        ("1_000.5", Fraction(2001, 2)),
        ("0.1 + 0.2", Fraction(3, 10)),  # exact, unlike binary floats
        ("1e400", Fraction(10**400)),  # beyond float range, still exact
        ("42", Fraction(42)),
        ("0x10", Fraction(16)),
    ],
)
def test_decimal_literals_are_exact(text: str, expected: Fraction) -> None:
    expr = parse_expression(text, ())
    assert expr == sympy.Rational(expected.numerator, expected.denominator)
    assert value(text) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0.88, sympy.Rational(22, 25)),
        (1e-3, sympy.Rational(1, 1000)),
        (2.0, sympy.Integer(2)),
        (Decimal("0.88"), sympy.Rational(22, 25)),
        (Decimal("-1.250"), sympy.Rational(-5, 4)),
        (7, sympy.Integer(7)),
        (-3, sympy.Integer(-3)),
    ],
)
def test_numbers_given_directly(number: float | Decimal | int, expected: sympy.Rational) -> None:
    result = parse_expression(number, ())
    assert result == expected
    assert isinstance(result, sympy.Rational)


@pytest.mark.parametrize(
    "number",
    [float("inf"), float("-inf"), float("nan"), Decimal("NaN"), Decimal("Infinity"), True],
)
def test_non_finite_and_boolean_numbers_rejected(number: object) -> None:
    with pytest.raises(ExpressionError):
        parse_expression(number, ())  # type: ignore[arg-type]


def test_non_string_non_number_rejected() -> None:
    with pytest.raises(ExpressionError, match="list"):
        parse_expression([1], ())  # type: ignore[arg-type]


# --------------------------------------------------------------- grammar, precedence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-2**2", -4),  # ** binds tighter than unary minus, as in Python
        ("(-2)**2", 4),
        ("2**-1", Fraction(1, 2)),
        ("2**3**2", 512),  # ** is right-associative
        ("2*3 + 4", 10),
        ("2*(3 + 4)", 14),
        ("1 - 2 - 3", -4),  # left-associative
        ("8/2/2", 2),
        ("8/(2/2)", 8),
        ("--2", 2),
        ("+3", 3),
        ("-(1 - 4)", 3),
        ("7/2", Fraction(7, 2)),
        ("max(1, 2.5, -3) - min(4, 1/3)", Fraction(13, 6)),
        ("abs(-3/4)", Fraction(3, 4)),
        ("sqrt(9/4)", Fraction(3, 2)),
        ("exp(0) + log(1)", 1),
        ("max(1, 2) - 2**3", -6),
    ],
)
def test_constant_arithmetic(text: str, expected: Fraction | int) -> None:
    assert value(text) == expected


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("-x**2", {"x": 3}, -9),
        ("x - y - z", {"x": 1, "y": 2, "z": 3}, -4),
        ("0.88 * x / (1 + y)", {"x": 5, "y": Fraction(1, 10)}, 4),
        ("chokepoint - interdependence_cost", {"chokepoint": 5, "interdependence_cost": 2}, 3),
        ("-interdependence_cost", {"interdependence_cost": Fraction(5, 2)}, Fraction(-5, 2)),
        ("max(x, y) - min(x, z) + abs(z)", {"x": 1, "y": 2, "z": -3}, 8),
        ("share ** elasticity", {"share": Fraction(27, 8), "elasticity": Fraction(2, 3)}, 2.25),
        ("x / y / z", {"x": 1, "y": 2, "z": 4}, Fraction(1, 8)),
    ],
)
def test_symbolic_arithmetic(
    text: str, values: dict[str, Fraction | int], expected: Fraction | float
) -> None:
    assert value(text, **values) == expected
    assert evaluate(parse_expression(text, NAMES), values, exact=False) == pytest.approx(
        float(expected), rel=1e-15
    )


def test_names_become_shared_real_symbols() -> None:
    expr = parse_expression("chokepoint - interdependence_cost", NAMES)
    assert free_names(expr) == {"chokepoint", "interdependence_cost"}
    assert expr == symbol("chokepoint") - symbol("interdependence_cost")
    assert parse_expression("x", NAMES) is symbol("x")
    assert symbol("x").is_real


def test_names_may_be_any_collection() -> None:
    assert parse_expression("x + y", ["x", "y"]) == symbol("x") + symbol("y")
    assert parse_expression("x", ("x",)) is symbol("x")


# --------------------------------------------------------------- forbidden constructs


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("__import__('os').system('x')", "attribute access"),
        ("x.__class__", "attribute access 'x.__class__'"),
        ("x.real", "attribute access"),
        ("[1][0]", "subscript"),
        ("x[0]", "subscript"),
        ("'a'", "string"),
        ("b'a'", "bytes"),
        ("lambda: 1", "lambda"),
        ("open('f')", "call to function 'open'"),
        ("exec('1')", "call to function 'exec'"),
        ("globals()", "call to function 'globals'"),
        ("Max(x, y)", "did you mean 'max'"),
        ("x(1 + y)", "'x' is a parameter, not a function"),
        ("(x for x in y)", "generator expression"),
        ("[x for x in y]", "list comprehension"),
        ("{x for x in y}", "set comprehension"),
        ("{x: x for x in y}", "dict comprehension"),
        ("1 if x else 2", "conditional expression"),
        ("x < y", "comparison"),
        ("x == y", "comparison"),
        ("x and y", "boolean operator"),
        ("not x", "'not'"),
        ("(x := 1)", "':='"),
        ("f'{x}'", "f-string"),
        ("max(*x)", "starred"),
        ("max(x, key=y)", "keyword argument 'key='"),
        ("max(**x)", "keyword argument"),
        ("x % 2", "'%'"),
        ("x // 2", "'//'"),
        ("x @ y", "'@'"),
        ("x ^ 2", "write powers as '**'"),
        ("x & y", "'&'"),
        ("x | y", "'|'"),
        ("x << 1", "'<<'"),
        ("x >> 1", "'>>'"),
        ("~x", "'~'"),
        ("[x]", "list"),
        ("(x, y)", "tuple"),
        ("{x}", "set"),
        ("{x: y}", "dict"),
        ("True", "boolean"),
        ("None", "None"),
        ("...", "Ellipsis"),
        ("1j", "complex number"),
        ("__x__", "'__x__' is not allowed"),
        ("max", "must be called"),
        ("max(x)", "at least two arguments"),
        ("sqrt(x, y)", "exactly one argument"),
        ("log()", "exactly one argument"),
        ("(x)(1)", "not a function"),
        ("x # comment", "comments"),
        ("x \u2212 1", "non-ASCII character"),
        ("x +", "invalid expression"),
        ("x = 1", "invalid expression"),
        ("", "empty expression"),
        ("   ", "empty expression"),
        ("1\0", "invalid expression"),
    ],
)
def test_forbidden_constructs(text: str, fragment: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression(text, NAMES)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("x + y.z", 5),
        ("x + open('f')", 5),
        ("1 + 2 % x", 5),
        ("x + foo", 5),
        ("  x +* 1", 6),  # leading blanks are counted
        ("x + max(y, key=z)", 12),
        ("x / 0", 5),
        ("x # c", 3),
        ("ab \u2212 1", 4),
    ],
)
def test_error_column(text: str, column: int) -> None:
    with pytest.raises(ExpressionError, match=rf"column {column}\)"):
        parse_expression(text, NAMES | {"ab"})


def test_error_line_in_multiline_expression() -> None:
    with pytest.raises(ExpressionError, match=r"line 2, column 3"):
        parse_expression("(x +\n  foo)", NAMES)


def test_unknown_name_suggests_close_match() -> None:
    with pytest.raises(ExpressionError, match="unknown name 'interdependence_cst'") as info:
        parse_expression("chokepoint - interdependence_cst", NAMES)
    assert "did you mean 'interdependence_cost'" in str(info.value)


def test_unknown_name_without_close_match() -> None:
    with pytest.raises(ExpressionError) as info:
        parse_expression("foo", {"x"})
    assert "unknown name 'foo'" in str(info.value)
    assert "did you mean" not in str(info.value)


@pytest.mark.parametrize(
    "text", ["x / 0", "x / (y - y)", "1 / (2 - 2)", "0 ** -1", "log(0)", "log(-2)", "sqrt(-1)"]
)
def test_undefined_constants_rejected(text: str) -> None:
    with pytest.raises(ExpressionError):
        parse_expression(text, NAMES)


@pytest.mark.parametrize("text", ["(-8)**(1/3)", "sqrt(1 - sqrt(2))", "log(1 - sqrt(2))"])
def test_non_real_constants_rejected(text: str) -> None:
    with pytest.raises(ExpressionError):
        parse_expression(text, NAMES)


# ----------------------------------------------------------------- sizes and hostility


HOSTILE = [
    "9**9**9",
    "2**2**2**2**2**2",
    "10**10**10",
    "(10**1000)**1000",
    "2**(10**6)",
    "x**(10**9)",
    "(2*x)**(10**9)",
    "exp(10**30 * log(3) / 7)",
    "(2**3000 + 1)**(999/1000)",
    "1000000007**(999/1000)",
    "sqrt(2)**100000",
    "(" * 10_000,
    "(" * 199 + "x" + ")" * 199 + "**" * 10,
    "-" * 9_999 + "1",
    "-" * (MAX_DEPTH + 1) + "1",
    "1" * 1_001,
    "1" * 9_999,
    "0x" + "f" * 5_000,
    "1e-100000",
    "1e100000",
    "0." + "0" * 2_000 + "1",
    "x" * 100_000,
    "x+" * 50_000 + "x",
    "+".join(["x"] * 4_000),
    "*".join(["99**1000"] * 800),
    "*".join(["sqrt(1000003)"] * 600),
    "max(" * 150 + "x" + ", y)" * 150,
    "sqrt(" * 150 + "2" + ")" * 150,
    "sqrt(" * 99 + "2" + " - 1)" * 99,
]


def test_hostile_inputs_fail_fast() -> None:
    start = time.perf_counter()
    for text in HOSTILE:
        with pytest.raises(ExpressionError):
            parse_expression(text, NAMES)
    assert time.perf_counter() - start < 5.0  # loose: each one fails in milliseconds


@pytest.mark.parametrize(
    "text",
    [
        "2**1000",
        "x**50",  # MAX_DEGREE
        "(x + 1)**0.123456",
        "share ** elasticity",
        "9" * 1_000,
        "-" * (MAX_DEPTH - 1) + "1",
        "+".join(["x"] * 500),  # a long sum is one level, not 500
        "sqrt(2) * sqrt(3)",
        "2**(1/3)",
        "exp(1000)",
    ],
)
def test_large_but_reasonable_inputs_accepted(text: str) -> None:
    expr = parse_expression(text, NAMES)
    assert free_names(expr) <= NAMES


def test_long_sum_is_built_flat() -> None:
    expr = parse_expression(" + ".join(f"{k}*x" for k in range(1, 301)), NAMES)
    assert expr == 45150 * symbol("x")


# -------------------------------------------------------------------------- names


@pytest.mark.parametrize("name", ["x", "cost_2", "_private", "InterdependenceCost", "a" * 64])
def test_valid_names(name: str) -> None:
    check_name(name)


@pytest.mark.parametrize(
    "name",
    ["", "2x", "x-y", "x y", "a.b", "lambda", "None", "__class__", "a" * 65, "ω", "max", "sqrt"],
)
def test_invalid_names(name: str) -> None:
    with pytest.raises(ExpressionError):
        check_name(name)


def test_function_names_are_the_whitelist() -> None:
    assert {"min", "max", "abs", "exp", "log", "sqrt"} == FUNCTION_NAMES


# ---------------------------------------------------------------------- evaluation


def test_exact_and_float_evaluation() -> None:
    expr = parse_expression("0.88 * x / (1 + y) - max(x, y)", NAMES)
    values = {"x": Fraction(3, 7), "y": Fraction(5, 11)}
    exact = evaluate(expr, values)
    expected = Fraction(22, 25) * Fraction(3, 7) / (1 + Fraction(5, 11)) - Fraction(5, 11)
    assert exact == expected
    assert isinstance(exact, Fraction)
    approx = evaluate(expr, values, exact=False)
    assert isinstance(approx, float)
    assert approx == pytest.approx(float(expected), rel=1e-14)
    assert compile_expression(expr)(values) == exact


def test_float_values_are_read_exactly_in_exact_mode() -> None:
    assert value("x", x=0.1) == Fraction(0.1) != Fraction(1, 10)


def test_numpy_and_decimal_values() -> None:
    np = pytest.importorskip("numpy")
    expr = parse_expression("x * y", NAMES)
    assert evaluate(expr, {"x": np.int64(3), "y": np.float64(0.5)}) == Fraction(3, 2)
    assert evaluate(expr, {"x": Decimal("0.1"), "y": 10}) == 1  # type: ignore[dict-item]
    assert evaluate(expr, {"x": np.int64(3), "y": Decimal("0.5")}, exact=False) == 1.5  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("sqrt(x)", {"x": Fraction(9, 4)}, Fraction(3, 2)),
        ("x**(2/3)", {"x": Fraction(27, 8)}, Fraction(9, 4)),
        ("x**(-3/2)", {"x": Fraction(4, 9)}, Fraction(27, 8)),
        ("x**y", {"x": Fraction(16, 81), "y": Fraction(1, 4)}, Fraction(2, 3)),
        ("x**y", {"x": 0, "y": Fraction(1, 2)}, 0),
        ("x**y", {"x": 1, "y": Fraction(1, 10**6)}, 1),
        ("exp(x)", {"x": 0}, 1),
        ("log(x)", {"x": 1}, 0),
        ("x**0", {"x": 0}, 1),
    ],
)
def test_exact_powers_and_functions(
    text: str, values: dict[str, Fraction | int], expected: Fraction | int
) -> None:
    assert value(text, **values) == expected


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("sqrt(2)", {}),
        ("sqrt(x)", {"x": 2}),
        ("x**(1/3)", {"x": Fraction(9, 8)}),
        ("x**y", {"x": 2, "y": 0.35}),
        ("exp(x)", {"x": 1}),
        ("log(x)", {"x": 2}),
    ],
)
def test_irrational_values_raise_not_rational(text: str, values: dict[str, object]) -> None:
    with pytest.raises(NotRationalError):
        evaluate(parse_expression(text, NAMES), values)  # type: ignore[arg-type]


def test_irrational_values_evaluate_in_floats() -> None:
    assert evaluate(parse_expression("sqrt(2)", ()), {}, exact=False) == math.sqrt(2)
    assert evaluate(parse_expression("exp(x)", NAMES), {"x": 1}, exact=False) == math.e
    assert evaluate(parse_expression("log(x)", NAMES), {"x": 2.0}, exact=False) == math.log(2)


def test_sympy_constants_after_simplification() -> None:
    expr = sympy.E * symbol("x") + sympy.pi
    with pytest.raises(NotRationalError):
        evaluate(expr, {"x": 1})
    assert evaluate(expr, {"x": 2}, exact=False) == pytest.approx(2 * math.e + math.pi)
    assert evaluate(sympy.Float(0.5) * symbol("x"), {"x": 3}) == Fraction(3, 2)


@pytest.mark.parametrize("exact", [True, False])
@pytest.mark.parametrize(
    ("text", "values", "fragment"),
    [
        ("x / y", {"x": 1, "y": 0}, "division by zero"),
        ("1 / (x - y)", {"x": 2, "y": 2}, "division by zero"),
        ("x**-2", {"x": 0}, "division by zero"),
        ("x**y", {"x": 0, "y": -1}, "division by zero"),
        ("log(x)", {"x": 0}, "non-positive"),
        ("log(x)", {"x": -1}, "non-positive"),
        ("sqrt(x)", {"x": -4}, "negative"),
        ("x**y", {"x": -8, "y": Fraction(1, 3)}, "not a real number"),
        ("x**y", {"x": 10, "y": 100_000}, "too large"),
        ("x + y", {"x": 1}, "'y'"),
        ("x", {"x": float("nan")}, "not finite"),
        ("x", {"x": "1"}, "not a number"),
    ],
)
def test_evaluation_errors(
    text: str, values: dict[str, object], fragment: str, exact: bool
) -> None:
    expr = parse_expression(text, NAMES)
    with pytest.raises(EvaluationError) as info:
        evaluate(expr, values, exact=exact)  # type: ignore[arg-type]
    assert fragment in str(info.value)
    assert not isinstance(info.value, NotRationalError)


@pytest.mark.parametrize(
    ("text", "values"),
    [("x * y", {"x": 1e200, "y": 1e200}), ("exp(x)", {"x": 1000}), ("x**y", {"x": 10.0, "y": 400})],
)
def test_float_overflow_raises(text: str, values: dict[str, float]) -> None:
    expr = parse_expression(text, NAMES)
    with pytest.raises(EvaluationError, match="too large"):
        evaluate(expr, values, exact=False)


def test_exact_power_size_guard_is_fast() -> None:
    expr = parse_expression("x**y", NAMES)
    start = time.perf_counter()
    for big in (10**4 + 1, 10**9, 10**100):
        with pytest.raises(EvaluationError, match="too large"):
            evaluate(expr, {"x": 3, "y": big})
    with pytest.raises(EvaluationError, match="too large"):
        evaluate(expr, {"x": 2**200, "y": 9_000})  # 1.8 million bits
    assert time.perf_counter() - start < 1.0
    assert evaluate(expr, {"x": -1, "y": 10**100 + 1}) == -1


def test_unsupported_sympy_operation() -> None:
    with pytest.raises(EvaluationError, match="unsupported"):
        evaluate(sympy.sin(symbol("x")), {"x": 0})


# ------------------------------------------------------------------ property tests

VARIABLES = ("x", "y", "z")

leaves = st.one_of(
    st.integers(-9, 9).map(lambda n: ("num", n)),
    st.sampled_from(VARIABLES).map(lambda name: ("var", name)),
)
trees = st.recursive(
    leaves,
    lambda children: st.tuples(st.sampled_from("+-*/"), children, children),
    max_leaves=12,
)
variable_values = st.fixed_dictionaries(
    {name: st.fractions(min_value=-10, max_value=10, max_denominator=12) for name in VARIABLES}
)


def tree_text(tree: tuple) -> str:
    if tree[0] == "num":
        return f"({tree[1]})" if tree[1] < 0 else str(tree[1])
    if tree[0] == "var":
        return str(tree[1])
    op, left, right = tree
    return f"({tree_text(left)} {op} {tree_text(right)})"


def tree_value(tree: tuple, values: dict[str, Fraction]) -> Fraction:
    """Independent oracle: Python's Fraction arithmetic (ZeroDivisionError on x/0)."""
    if tree[0] == "num":
        return Fraction(tree[1])
    if tree[0] == "var":
        return values[tree[1]]
    op, left, right = tree
    a, b = tree_value(left, values), tree_value(right, values)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    return a / b


@settings(max_examples=200, deadline=None)
@given(tree=trees, values=variable_values)
def test_arithmetic_matches_fraction_oracle(tree: tuple, values: dict[str, Fraction]) -> None:
    try:
        expected = tree_value(tree, values)
    except ZeroDivisionError:
        assume(False)
        return
    expr = parse_expression(tree_text(tree), VARIABLES)
    assert free_names(expr) <= set(VARIABLES)
    assert evaluate(expr, values) == expected
    approx = evaluate(expr, values, exact=False)
    assert math.isclose(approx, float(expected), rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=100, deadline=None)
@given(number=st.decimals(min_value=-(10**12), max_value=10**12, places=6))
def test_decimal_text_is_read_exactly(number: Decimal) -> None:
    text = str(number)
    expected = Fraction(text)
    assert parse_expression(text, ()) == sympy.Rational(expected.numerator, expected.denominator)
    assert parse_expression(number, ()) == parse_expression(text, ())


TOKENS = [
    "x",
    "y",
    "1",
    "2.5",
    "0",
    "+",
    "-",
    "*",
    "/",
    "**",
    "(",
    ")",
    "max(",
    "sqrt(",
    "log(",
    ",",
    " ",
    "1e3",
    "x.y",
    "[",
    "]",
    "'",
    "%",
    "__",
    "=",
    "<",
    "lambda",
    ":",
]


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.lists(st.sampled_from(TOKENS), max_size=25).map("".join),
        st.text(max_size=40),
    )
)
def test_arbitrary_text_parses_or_raises_expression_error(text: str) -> None:
    try:
        expr = parse_expression(text, {"x", "y"})
    except ExpressionError:
        return
    assert isinstance(expr, sympy.Expr)
    assert free_names(expr) <= {"x", "y"}
    assert not expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo, sympy.I)
    for exact in (True, False):  # evaluation fails, if at all, with its own typed error
        try:
            result = evaluate(expr, {"x": Fraction(7, 2), "y": -2}, exact=exact)
        except EvaluationError:
            continue
        assert isinstance(result, Fraction if exact else float)
