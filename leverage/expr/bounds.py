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

*Exact evaluation.*  :mod:`leverage.expr.evaluate` computes powers of Fractions itself,
bounded by :data:`EVAL_MAX_EXPONENT` and :data:`EVAL_MAX_BITS`.
"""

from __future__ import annotations

import math
from decimal import Decimal

import sympy

from ..errors import ExpressionError
from ..numbers import integer_root

__all__ = [
    "EVAL_MAX_BITS",
    "EVAL_MAX_EXPONENT",
    "LITERAL_BITS",
    "MAX_CONSTANT_BITS",
    "MAX_CONSTANT_EXPONENT",
    "MAX_LITERAL_DIGITS",
    "MAX_RADICAL_COST",
    "checked_power",
    "checked_product",
    "checked_sum",
    "decimal_to_rational",
]

MAX_LITERAL_DIGITS = 1_000
"""Most decimal digits in a number literal (numerator or denominator)."""
MAX_CONSTANT_EXPONENT = 1_000
"""Largest absolute value of a numeric exponent accepted at parse time."""
MAX_CONSTANT_BITS = 100_000
"""Largest estimated size, in bits, of a number sympy is asked to compute at parse time."""
MAX_RADICAL_COST = 4_096
"""Bound on (bits of base) x max(|p|, q) for irrational numeric powers ``b**(p/q)``."""

EVAL_MAX_EXPONENT = 10_000
"""Largest absolute integer exponent computed by exact evaluation."""
EVAL_MAX_BITS = 1_000_000
"""Largest estimated size, in bits, of a power computed by exact evaluation."""

LITERAL_BITS = math.ceil(MAX_LITERAL_DIGITS * math.log2(10))
"""Bits of the largest integer of :data:`MAX_LITERAL_DIGITS` digits."""

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


def check_power(base: sympy.Expr, exponent: sympy.Expr) -> None:
    """Raise if sympy could take unreasonable time or memory computing ``base**exponent``."""
    if not exponent.is_Rational:
        return  # symbolic or irrational exponent: sympy keeps the power unevaluated
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
        size = coefficient_bits * abs(int(exponent.p))
        if size > MAX_CONSTANT_BITS:
            raise ExpressionError(f"exponent too large: the result would have about {size} bits")
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
