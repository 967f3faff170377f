"""Bounds on the numbers sympy is asked to compute while an expression is parsed.

Sympy evaluates numeric sub-expressions eagerly: ``2**100000`` is computed when the power
is built, and ``2**(1/3) * 3**(1/5)`` is simplified by trial factoring.  A hostile model
file must not hang the process, so every sum, product and power the parser builds is
checked here first; the parser (:mod:`leverage.expr.parse`) adds the position in the text
to the message.

Mathematics
-----------
*Literal size.*  A decimal literal is read as the exact rational its text denotes; its
digits before and after the point are bounded by :data:`MAX_LITERAL_DIGITS`.

*Integer powers.*  For a numeric exponent :math:`|e| \\le` :data:`MAX_CONSTANT_EXPONENT`;
the result of a rational :math:`b` raised to an integer :math:`e` has about
:math:`\\lceil\\log_2 b\\rceil\\,|e|` bits, which must stay below
:data:`MAX_CONSTANT_BITS`.  The coefficients of a sum or product are bounded the same way.

*Radicals.*  Sympy simplifies an irrational numeric power :math:`b^{p/q}` by trial
factoring of the base, at a cost growing with (bits of :math:`b`) times
:math:`\\max(|p|, q)`; the sum of these products over the radicals of an expression is
bounded by :data:`MAX_RADICAL_COST`.  A rational power :math:`(n/d)^{p/q}` in lowest terms
is rational iff :math:`n` and :math:`d` are perfect :math:`q`-th powers (unique
factorisation), decided exactly by :func:`leverage.numbers.integer_root`; such powers are
computed as rationals and cost nothing.

*Non-numeric exponents.*  Sympy splits numeric terms out of an exponent (``3**(2**1000 - c)``
makes it compute :math:`3^{2^{1000}}`), so every rational inside an exponent that is not
itself a number, and inside the argument of ``exp``, is at most
:data:`MAX_CONSTANT_EXPONENT` in absolute value.

*Degree.*  :func:`degree_bound` bounds, structurally and before anything is expanded, the
degree of an expression written as one fraction :math:`p/q` of polynomials in its
parameters: a symbol has degree 1 (a define the degree of its own expression), a sum
:math:`p_1/q_1 + p_2/q_2` degree :math:`\\max(\\deg p_1 + \\deg q_2, \\deg p_2 + \\deg q_1)`
over :math:`\\deg q_1 + \\deg q_2`, a product the sums, an integer power :math:`e` times, a
fractional power :math:`p/q` about :math:`|p|/q` times; a function counts as the largest
degree of its arguments.  Every payoff and define is refused beyond :data:`MAX_DEGREE`,
so that exact evaluation, the exact solvers and the symbolic analyses (regimes, statics,
the symbolic explanation) never meet a polynomial of huge degree.

*Digits.*  One bound, :data:`MAX_DIGITS`, holds for every exact number a model file can
produce: literals and parameter values (:data:`MAX_LITERAL_DIGITS`), the constants the
parser computes (:data:`MAX_CONSTANT_DIGITS` for numerator and denominator together) and
every value computed by exact evaluation (:data:`EVAL_MAX_BITS`), so no payoff has more
digits than Python converts to text (4,300).

*Magnitude.*  Parameter values and the payoffs of a game are below :data:`MAX_MAGNITUDE`
(:math:`10^{301}`) in absolute value, so the float methods (batched kernels, learning
dynamics, classification tolerances) and every printed approximation can use them.

*Exact evaluation.*  :mod:`leverage.expr.evaluate` computes powers of Fractions itself,
bounded by :data:`EVAL_MAX_EXPONENT` and :data:`EVAL_MAX_BITS`; every sum, product and
power it computes is checked against :data:`EVAL_MAX_BITS` (a bit length is free to read).

*Work.*  Formulas shown to the reader are factored only when their numbers are within
:data:`FACTOR_MAX_BITS`; the exact regime analyses bound the degree of the polynomials whose
roots they compute (:mod:`leverage.analysis.regimes.algebra`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal

import sympy

from ..errors import ExpressionError
from ..numbers import integer_root

__all__ = [
    "EVAL_MAX_BITS",
    "EVAL_MAX_EXPONENT",
    "FACTOR_MAX_BITS",
    "LITERAL_BITS",
    "MAX_CONSTANT_BITS",
    "MAX_CONSTANT_DIGITS",
    "MAX_CONSTANT_EXPONENT",
    "MAX_DEGREE",
    "MAX_DIGITS",
    "MAX_LITERAL_DIGITS",
    "MAX_MAGNITUDE",
    "MAX_RADICAL_COST",
    "check_degree",
    "checked_power",
    "checked_product",
    "checked_sum",
    "decimal_to_rational",
    "degree_bound",
    "rational_bits",
]

MAX_DIGITS = 1_000
"""Most decimal digits of any exact number a model file produces: a literal, a parameter
value, a constant the parser computes, a value of exact evaluation (numerator or
denominator; the computed ones by their size in bits, :data:`LITERAL_BITS`)."""
MAX_LITERAL_DIGITS = MAX_DIGITS
"""Most decimal digits in a number literal (numerator or denominator)."""
MAX_CONSTANT_EXPONENT = 1_000
"""Largest absolute value of a numeric exponent accepted at parse time, and of every
number inside a non-numeric exponent or the argument of ``exp``."""
LITERAL_BITS = math.ceil(MAX_DIGITS * math.log2(10))
"""Bits of the largest integer of :data:`MAX_DIGITS` digits."""
MAX_CONSTANT_DIGITS = 2 * MAX_DIGITS
"""Most decimal digits, numerator and denominator together, of a number sympy is asked to
compute at parse time (each of them has at most :data:`MAX_DIGITS`, as in a literal)."""
MAX_CONSTANT_BITS = 2 * LITERAL_BITS
""":data:`MAX_CONSTANT_DIGITS` in bits: the largest estimated size of a number sympy is
asked to compute at parse time."""
MAX_RADICAL_COST = 4_096
"""Bound on (bits of base) x max(|p|, q) for irrational numeric powers ``b**(p/q)``."""
MAX_MAGNITUDE = 10**301
"""Parameter values and payoffs are smaller than this in absolute value (a decimal exponent
of at most 300), so that every value also has a float (floats reach about 1.8e308)."""
MAX_DEGREE = 50
"""Largest degree a payoff or define may reach in the parameters, by :func:`degree_bound`."""

FACTOR_MAX_BITS = 256
"""Formulas shown to the reader (symbolic explanations, regime thresholds) are factored only
when every number in them has at most this many bits: factoring a polynomial with huge
coefficients (Wang's algorithm) can take minutes."""

EVAL_MAX_EXPONENT = 10_000
"""Largest absolute integer exponent computed by exact evaluation."""
EVAL_MAX_BITS = LITERAL_BITS
"""Largest size, in bits, of the numerator or denominator of a value computed by exact
evaluation (:data:`MAX_DIGITS` digits)."""

NOT_REAL = "negative number to a fractional power (the result is not real)"
TOO_LARGE = "numbers in the expression are too large"
ROOT_TOO_LARGE = "exponent too large: numeric root too large to simplify exactly"


def bits(n: int) -> int:
    """Bits of ``|n|``."""
    return abs(int(n)).bit_length()


def rational_bits(r: sympy.Rational) -> int:
    """Bits of the numerator plus bits of the denominator of ``r``."""
    return bits(r.p) + bits(r.q)


def decimal_to_rational(value: Decimal, what: str) -> sympy.Rational:
    """The exact rational of a finite decimal with at most :data:`MAX_LITERAL_DIGITS` digits
    before and after the point; ``what`` names it in the error message."""
    if not value.is_finite():
        raise ExpressionError(f"{what} {value} is not a finite number")
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite decimals have an integer exponent
    if len(digits) + max(exponent, 0) > MAX_LITERAL_DIGITS or -exponent > MAX_LITERAL_DIGITS:
        raise ExpressionError(
            f"{what} has too many digits (at most {MAX_LITERAL_DIGITS} before or after the point)"
        )
    num, den = value.as_integer_ratio()
    return sympy.Rational(num, den)


def numeric_parts(expr: sympy.Expr) -> tuple[int, list[tuple[int, sympy.Rational]]]:
    """Split the parts of ``expr`` sympy distributes a power over.

    Returns the bits of the rational coefficient and, for each numeric radical factor
    ``b**e`` (rational ``b``, non-integer rational ``e``), the pair (bits of ``b``, ``e``).
    """
    coefficient_bits = 0
    radicals: list[tuple[int, sympy.Rational]] = []
    for factor in sympy.Mul.make_args(expr):
        if factor.is_Rational:
            coefficient_bits += rational_bits(factor)
        elif factor.is_Pow and factor.base.is_Rational and factor.exp.is_Rational:
            radicals.append((rational_bits(factor.base), factor.exp))
    return coefficient_bits, radicals


def radical_cost(bits: int, exponent: sympy.Rational) -> int:
    """The simplification cost (bits of base) x max(|p|, q) of a radical ``b**(p/q)``."""
    return bits * max(abs(int(exponent.p)), int(exponent.q))


def checked_sum(args: list[sympy.Expr]) -> sympy.Expr:
    """``Add(*args)``, refused if the rational coefficients are too large.

    Raises
    ------
    ExpressionError
        Without a position; the parser adds it.
    """
    total = 0
    for arg in args:
        for term in sympy.Add.make_args(arg):
            coefficient = term.as_coeff_Mul()[0]
            if coefficient.is_Rational:
                total += rational_bits(coefficient)
    if total > MAX_CONSTANT_BITS:
        raise ExpressionError(TOO_LARGE)
    return sympy.Add(*args)


def checked_product(args: list[sympy.Expr]) -> sympy.Expr:
    """``Mul(*args)``, refused if the coefficients or the numeric roots are too large.

    Raises
    ------
    ExpressionError
        Without a position; the parser adds it.
    """
    total = 0
    cost = 0
    for arg in args:
        coefficient_bits, radicals = numeric_parts(arg)
        total += coefficient_bits
        cost += sum(radical_cost(b, e) for b, e in radicals)
    if total > MAX_CONSTANT_BITS:
        raise ExpressionError(TOO_LARGE)
    if cost > MAX_RADICAL_COST:
        raise ExpressionError("product of numeric roots is too large to simplify exactly")
    return sympy.Mul(*args)


def power_bits(base: sympy.Expr, n: int, coefficient_bits: int) -> int:
    """Estimated bits of the coefficient of ``base**n``: exact logarithms for a rational
    base (so ``10**999`` counts as the 999 digits it has), bit lengths otherwise."""
    if base.is_Rational:
        p, q = abs(int(base.p)), int(base.q)
        return math.ceil(n * (math.log2(p) + math.log2(q)))
    return coefficient_bits * n


def check_numbers_in(expr: sympy.Expr, where: str) -> None:
    """Refuse a rational of absolute value over :data:`MAX_CONSTANT_EXPONENT` in ``expr``
    (a non-numeric exponent or the argument of ``exp``; ``where`` names it)."""
    for atom in expr.atoms(sympy.Rational):
        if abs(atom) > MAX_CONSTANT_EXPONENT:
            raise ExpressionError(
                f"number too large {where} (numbers there are limited to "
                f"{MAX_CONSTANT_EXPONENT} in absolute value)"
            )


def check_power(base: sympy.Expr, exponent: sympy.Expr) -> None:
    """Raise if sympy could take unreasonable time or memory computing ``base**exponent``."""
    if not exponent.is_Rational:
        # sympy keeps the power unevaluated, but splits numeric terms out of the exponent
        check_numbers_in(exponent, "in an exponent")
        return
    if base == 0 and exponent < 0:
        raise ExpressionError("division by zero (zero to a negative power)")
    if base.is_Rational and base in (0, 1):
        return
    if abs(exponent) > MAX_CONSTANT_EXPONENT:
        raise ExpressionError(
            f"exponent too large (numeric exponents are limited to "
            f"{MAX_CONSTANT_EXPONENT} in absolute value)"
        )
    coefficient_bits, radicals = numeric_parts(base)
    if exponent.is_Integer:
        size = power_bits(base, abs(int(exponent.p)), coefficient_bits)
        if size > MAX_CONSTANT_BITS:
            digits = math.ceil(size / math.log2(10))
            raise ExpressionError(
                f"exponent too large: the result would have about {digits} digits "
                f"(at most {MAX_CONSTANT_DIGITS}, numerator and denominator together)"
            )
    elif coefficient_bits and not base.is_Rational:
        radicals.append((coefficient_bits, sympy.Integer(1)))
    cost = sum(radical_cost(b, e * exponent) for b, e in radicals)
    if cost > MAX_RADICAL_COST:
        raise ExpressionError(ROOT_TOO_LARGE)


def checked_power(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    """``base**exponent``, refused if too costly (:func:`check_power`) or not real.

    A rational power of a rational that is itself rational is computed exactly; a
    negative numeric base to a fractional power is refused.

    Raises
    ------
    ExpressionError
        Without a position; the parser adds it.
    """
    check_power(base, exponent)
    if base.is_Rational and exponent.is_Rational and not exponent.is_Integer:
        if base < 0:
            raise ExpressionError(NOT_REAL)
        p, q = int(exponent.p), int(exponent.q)
        num, den = integer_root(int(base.p), q), integer_root(int(base.q), q)
        if num is not None and den is not None:
            return sympy.Rational(num, den) ** p
        if radical_cost(rational_bits(base), exponent) > MAX_RADICAL_COST:
            raise ExpressionError(ROOT_TOO_LARGE)
    if (
        exponent.is_Rational
        and not exponent.is_Integer
        and not base.is_Rational
        and not base.free_symbols
        and base.is_extended_negative
    ):
        raise ExpressionError(NOT_REAL)
    return sympy.Pow(base, exponent)


# --------------------------------------------------------------------------- degree


def degree_bound(
    expr: sympy.Expr,
    degrees: Mapping[sympy.Symbol, int] | None = None,
    memo: dict[sympy.Expr, tuple[int, int]] | None = None,
) -> int:
    """An upper bound on the degree of ``expr`` written as one fraction of polynomials.

    Parameters
    ----------
    expr
        A sympy expression.
    degrees
        The degree of a symbol that stands for an expression (a define); other symbols
        have degree 1.
    memo
        Cache shared between calls (sympy expressions share subtrees).

    Returns
    -------
    int
        The larger of the bounds on the degrees of numerator and denominator, computed
        structurally (see the module docstring), without expanding anything.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> degree_bound(x**3 * y + 1 / x)
    5
    >>> degree_bound(x**2, {x: 10})
    20
    """
    memo = {} if memo is None else memo
    return max(_bound(expr, degrees or {}, memo))


def _bound(
    expr: sympy.Expr, degrees: Mapping[sympy.Symbol, int], memo: dict[sympy.Expr, tuple[int, int]]
) -> tuple[int, int]:
    if expr in memo:
        return memo[expr]
    result: tuple[int, int]
    if expr.is_Symbol:
        result = (degrees.get(expr, 1), 0)
    elif expr.is_Add:
        num, den = 0, 0
        for arg in expr.args:
            n, d = _bound(arg, degrees, memo)
            num, den = max(num + d, n + den), den + d
        result = (num, den)
    elif expr.is_Mul:
        num, den = 0, 0
        for arg in expr.args:
            n, d = _bound(arg, degrees, memo)
            num, den = num + n, den + d
        result = (num, den)
    elif expr.is_Pow and expr.exp.is_Rational:
        n, d = _bound(expr.base, degrees, memo)
        e = abs(expr.exp)
        n, d = math.ceil(e * n), math.ceil(e * d)
        result = (n, d) if expr.exp >= 0 else (d, n)
    elif expr.args:
        result = (max(max(_bound(arg, degrees, memo)) for arg in expr.args), 0)
    else:
        result = (0, 0)
    memo[expr] = result
    return result


def check_degree(expr: sympy.Expr, degrees: Mapping[sympy.Symbol, int] | None = None) -> int:
    """The :func:`degree_bound` of ``expr``, refused beyond :data:`MAX_DEGREE`.

    Raises
    ------
    ExpressionError
        Without a position: the degree belongs to the whole expression.
    """
    degree = degree_bound(expr, degrees)
    if degree > MAX_DEGREE:
        raise ExpressionError(
            f"degree too high: the expression may have degree up to {degree} in the "
            f"parameters (at most {MAX_DEGREE})"
        )
    return degree
