"""Guarded evaluation of parsed payoff expressions, exactly or in floats.

:func:`evaluate` walks the sympy tree built by :func:`leverage.expr.parse.parse_expression`
itself (no ``subs``/``evalf``/``lambdify``), compiled once per expression into nested
closures by the two back ends here of the one walk of :mod:`leverage.expr.walk`.

Mathematics
-----------
In exact mode evaluation computes in :class:`fractions.Fraction`; a rational power
:math:`(n/d)^{p/q}` in lowest terms is rational iff :math:`n` and :math:`d` are perfect
:math:`q`-th powers (unique factorisation), checked with integer roots.  :math:`e^a` is
irrational for every rational :math:`a \\ne 0` and :math:`\\log a` for every rational
:math:`a > 0, a \\ne 1` (Lindemann 1882, Hermite 1873; see Niven, *Irrational Numbers*,
1956, ch. 9), so exact evaluation raises :class:`~leverage.errors.NotRationalError`
there.  Float mode raises :class:`~leverage.errors.EvaluationError` for division by
zero, overflow and non-real results.  Powers and sizes are bounded
(:data:`~leverage.expr.bounds.EVAL_MAX_EXPONENT`, :data:`~leverage.expr.bounds.EVAL_MAX_BITS`)
so evaluation cannot hang.

References
----------
I. Niven, *Irrational Numbers*, Carus Mathematical Monographs 11, MAA, 1956.
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import NoReturn, TypeVar

import sympy

from ..errors import EvaluationError, NotRationalError
from ..numbers import integer_root, to_fraction
from .bounds import EVAL_MAX_BITS, EVAL_MAX_EXPONENT, MAX_DIGITS
from .walk import Walker, not_a_real_number, unsupported_operation

T = TypeVar("T")
#: A number of either arithmetic.
Num = TypeVar("Num", Fraction, float)

__all__ = ["Values", "compile_expression", "evaluate"]


Values = Mapping[str, Fraction | float]
"""Parameter values by name, as accepted by :func:`evaluate`."""


def _int_power(base: Fraction, n: int, expr: sympy.Expr) -> Fraction:
    if n == 0:
        return Fraction(1)
    if base == 0:
        if n < 0:
            raise EvaluationError(f"division by zero in {expr}")
        return base
    if base in (1, -1):
        return base if n % 2 else Fraction(1)
    size = max(base.numerator.bit_length() - 1, base.denominator.bit_length() - 1) * abs(n)
    if abs(n) > EVAL_MAX_EXPONENT or size > EVAL_MAX_BITS:
        raise EvaluationError(f"value too large: {_short(base)}**{n} in {expr}")
    return _sized(base**n, expr)


def _short(value: Fraction) -> str:
    """``value`` as text, or its size when it is too long to show (or to convert)."""
    num, den = value.numerator.bit_length(), value.denominator.bit_length()
    if max(num, den) <= 200:
        return str(value)
    return f"(a number of about {math.ceil(max(num, den) * math.log10(2))} digits)"


def _sized(value: Fraction, expr: sympy.Expr) -> Fraction:
    """``value``, refused when its numerator or denominator exceeds :data:`EVAL_MAX_BITS`."""
    if max(value.numerator.bit_length(), value.denominator.bit_length()) > EVAL_MAX_BITS:
        raise EvaluationError(
            f"value too large: more than {MAX_DIGITS} digits in {expr} "
            "(exact values are limited in size)"
        )
    return value


def _rational_power(base: Fraction, exponent: Fraction, expr: sympy.Expr) -> Fraction:
    p, q = exponent.numerator, exponent.denominator
    if q == 1:
        return _int_power(base, p, expr)
    if base < 0:
        raise EvaluationError(
            f"not a real number: negative base {_short(base)} to the power {exponent} in {expr}"
        )
    if base == 0 or base == 1:
        return _int_power(base, p, expr)
    if abs(exponent) > EVAL_MAX_EXPONENT:
        raise EvaluationError(f"value too large: {_short(base)}**({exponent}) in {expr}")
    num = integer_root(base.numerator, q)
    den = integer_root(base.denominator, q) if num is not None else None
    if num is None or den is None:
        raise NotRationalError(f"{_short(base)}**({exponent}) is irrational (in {expr})")
    return _int_power(Fraction(num, den), p, expr)


def _exact_value(value: object, name: str) -> Fraction:
    if type(value) is Fraction:
        return value
    if isinstance(value, bool):
        raise EvaluationError(f"value of {name!r} is not a number (bool)")
    if isinstance(value, numbers.Rational):  # int, Fraction, numpy integers, sympy.Rational
        return to_fraction(value)
    if isinstance(value, (numbers.Real, Decimal)):  # float, numpy floats, Decimal
        try:
            return Fraction(value)  # type: ignore[arg-type]
        except (ValueError, OverflowError, TypeError):
            raise EvaluationError(f"value of {name!r} is not finite ({value})") from None
    raise EvaluationError(f"value of {name!r} is not a number ({type(value).__name__})")


def _float_value(value: object, name: str) -> float:
    if type(value) is float:
        result = value
    elif isinstance(value, bool):
        raise EvaluationError(f"value of {name!r} is not a number (bool)")
    elif isinstance(value, (numbers.Real, Decimal, sympy.Rational)):
        try:
            result = float(value)
        except OverflowError:
            raise EvaluationError(f"value of {name!r} is too large for a float") from None
    else:
        raise EvaluationError(f"value of {name!r} is not a number ({type(value).__name__})")
    if not math.isfinite(result):
        raise EvaluationError(f"value of {name!r} is not finite ({value})")
    return result


def _lookup(name: str, convert: Callable[[object, str], T]) -> Callable[[Values], T]:
    """A compiled parameter: its value in ``values``, checked and converted by ``convert``
    (the exact or the float arithmetic)."""

    def lookup(values: Values) -> T:
        try:
            value = values[name]
        except KeyError:
            raise EvaluationError(f"no value given for {name!r}") from None
        return convert(value, name)

    return lookup


def _raiser(error: Exception) -> Callable[[Values], NoReturn]:
    def fail(values: Values) -> NoReturn:
        raise error

    return fail


def _constant(value: Num) -> Callable[[Values], Num]:
    return lambda values: value


class _PointCompiler(Walker[Callable[[Values], Num]]):
    """What the exact and the float arithmetic share: ``abs``, ``min``, ``max``, and the
    errors for other atoms (when evaluated) and other operations (when compiled)."""

    def atom(self, expr: sympy.Expr) -> Callable[[Values], Num]:
        return _raiser(not_a_real_number(expr))

    def abs(self, expr: sympy.Abs) -> Callable[[Values], Num]:
        (arg,) = self.walk_args(expr)
        return lambda values: abs(arg(values))

    def minimum(self, expr: sympy.Min) -> Callable[[Values], Num]:
        args = self.walk_args(expr)
        return lambda values: min(f(values) for f in args)

    def maximum(self, expr: sympy.Max) -> Callable[[Values], Num]:
        args = self.walk_args(expr)
        return lambda values: max(f(values) for f in args)

    def unsupported(self, expr: sympy.Expr) -> Callable[[Values], Num]:
        self.walk_args(expr)  # an unsupported argument is named first
        raise unsupported_operation(expr)


class _ExactCompiler(_PointCompiler[Fraction]):
    """Compiles a tree into a function computing in :class:`fractions.Fraction`."""

    def symbol(self, name: str) -> Callable[[Values], Fraction]:
        return _lookup(name, _exact_value)

    def rational(self, expr: sympy.Rational) -> Callable[[Values], Fraction]:
        return _constant(to_fraction(expr))

    def float_constant(self, expr: sympy.Float) -> Callable[[Values], Fraction]:
        return _constant(to_fraction(sympy.Rational(expr)))

    def number_symbol(self, expr: sympy.NumberSymbol) -> Callable[[Values], Fraction]:
        return _raiser(NotRationalError(f"{expr} is irrational"))

    def add(self, expr: sympy.Add) -> Callable[[Values], Fraction]:
        args = self.walk_args(expr)

        def add(values: Values) -> Fraction:
            total = args[0](values)
            for f in args[1:]:
                total += f(values)
            return _sized(total, expr)

        return add

    def mul(self, expr: sympy.Mul) -> Callable[[Values], Fraction]:
        args = self.walk_args(expr)

        def mul(values: Values) -> Fraction:
            product = args[0](values)
            for f in args[1:]:
                product = _sized(product * f(values), expr)
            return product

        return mul

    def power(self, expr: sympy.Pow) -> Callable[[Values], Fraction]:
        base, exponent_f = self.walk_args(expr)
        exponent = expr.exp
        if exponent.is_Integer:
            n = int(exponent)
            return lambda values: _int_power(base(values), n, expr)
        return lambda values: _rational_power(base(values), exponent_f(values), expr)

    def exp(self, expr: sympy.exp) -> Callable[[Values], Fraction]:
        (arg,) = self.walk_args(expr)

        def exp_(values: Values) -> Fraction:
            if arg(values) == 0:
                return Fraction(1)
            raise NotRationalError(f"exp of a non-zero rational is irrational (in {expr})")

        return exp_

    def log(self, expr: sympy.log) -> Callable[[Values], Fraction]:
        (arg,) = self.walk_args(expr)

        def log_(values: Values) -> Fraction:
            value = arg(values)
            if value <= 0:
                raise EvaluationError(f"log of a non-positive value {_short(value)} in {expr}")
            if value == 1:
                return Fraction(0)
            raise NotRationalError(f"log of a rational other than 1 is irrational (in {expr})")

        return log_


def _finite(value: float, expr: sympy.Expr) -> float:
    if not math.isfinite(value):
        raise EvaluationError(f"value too large (overflow) in {expr}")
    return value


def _float_power(base: float, exponent: float, expr: sympy.Expr) -> float:
    if base == 0 and exponent < 0:
        raise EvaluationError(f"division by zero (zero to a negative power) in {expr}")
    if base < 0 and not exponent.is_integer():
        raise EvaluationError(
            f"not a real number: negative base {base} to the power {exponent} in {expr}"
        )
    try:
        return _finite(math.pow(base, exponent), expr)
    except OverflowError:
        raise EvaluationError(f"value too large (overflow) in {expr}") from None


class _FloatCompiler(_PointCompiler[float]):
    """Compiles a tree into a function computing in ``float``, refusing overflow."""

    def symbol(self, name: str) -> Callable[[Values], float]:
        return _lookup(name, _float_value)

    def rational(self, expr: sympy.Expr) -> Callable[[Values], float]:
        try:
            constant = _finite(float(expr), expr)
        except (OverflowError, EvaluationError):
            shown = _short(to_fraction(expr)) if expr.is_Rational else str(expr)
            error = EvaluationError(f"constant {shown} is too large for a float")
            return _raiser(error)
        return _constant(constant)

    float_constant = rational
    number_symbol = rational

    def mul(self, expr: sympy.Mul) -> Callable[[Values], float]:
        numerator = []
        denominator = []
        for factor in expr.args:
            if factor.is_Pow and factor.exp.is_Integer and factor.exp < 0:
                inverse = sympy.Pow(factor.base, -factor.exp, evaluate=False)
                denominator.append(self.walk(inverse if factor.exp != -1 else factor.base))
            else:
                numerator.append(self.walk(factor))

        def mul(values: Values) -> float:
            product = 1.0
            for f in numerator:
                product *= f(values)
            if denominator:
                divisor = 1.0
                for f in denominator:
                    divisor *= f(values)
                if divisor == 0:
                    raise EvaluationError(f"division by zero in {expr}")
                product /= divisor
            return _finite(product, expr)

        return mul

    def add(self, expr: sympy.Add) -> Callable[[Values], float]:
        args = self.walk_args(expr)

        def add(values: Values) -> float:
            total = 0.0
            for f in args:
                total += f(values)
            return _finite(total, expr)

        return add

    def power(self, expr: sympy.Pow) -> Callable[[Values], float]:
        base, exponent_f = self.walk_args(expr)
        exponent = expr.exp
        if exponent == -1:

            def inverse(values: Values) -> float:
                value = base(values)
                if value == 0:
                    raise EvaluationError(f"division by zero in {expr}")
                return _finite(1.0 / value, expr)

            return inverse
        if exponent == sympy.S.Half:

            def sqrt_(values: Values) -> float:
                value = base(values)
                if value < 0:
                    raise EvaluationError(f"square root of a negative value {value} in {expr}")
                return math.sqrt(value)

            return sqrt_
        return lambda values: _float_power(base(values), exponent_f(values), expr)

    def exp(self, expr: sympy.exp) -> Callable[[Values], float]:
        (arg,) = self.walk_args(expr)

        def exp_(values: Values) -> float:
            try:
                return _finite(math.exp(arg(values)), expr)
            except OverflowError:
                raise EvaluationError(f"value too large (overflow) in {expr}") from None

        return exp_

    def log(self, expr: sympy.log) -> Callable[[Values], float]:
        (arg,) = self.walk_args(expr)

        def log_(values: Values) -> float:
            value = arg(values)
            if value <= 0:
                raise EvaluationError(f"log of a non-positive value {value} in {expr}")
            return math.log(value)

        return log_


_EXACT = _ExactCompiler()
_FLOAT = _FloatCompiler()


@functools.lru_cache(maxsize=4096)
def _compiled(expr: sympy.Expr, exact: bool) -> Callable[[Values], Fraction | float]:
    try:
        if exact:
            return _EXACT.walk(expr)
        return _FLOAT.walk(expr)
    except RecursionError:
        raise EvaluationError("expression is nested too deeply to evaluate") from None


def compile_expression(
    expr: sympy.Expr, *, exact: bool = True
) -> Callable[[Values], Fraction | float]:
    """Compile ``expr`` once into a function of the parameter values.

    Parameters
    ----------
    expr
        An expression built from numbers, symbols, ``+ * **``, ``Min``, ``Max``, ``Abs``,
        ``exp``, ``log`` and sympy constants (``E``, ``pi``), as produced by
        :func:`parse_expression` and substitution of defines.
    exact
        Compute in :class:`fractions.Fraction` (default) or in ``float``.

    Returns
    -------
    callable
        ``f(values)`` with the semantics and errors of :func:`evaluate`.  Compiled
        functions are cached per expression, so repeated calls cost one dictionary look-up.

    Raises
    ------
    EvaluationError
        If ``expr`` contains an operation outside the list above.
    """
    return _compiled(expr, exact)


def evaluate(expr: sympy.Expr, values: Values, *, exact: bool = True) -> Fraction | float:
    """Evaluate an expression at given parameter values, exactly or in floats.

    Parameters
    ----------
    expr
        An expression from :func:`parse_expression` (possibly after substituting defines).
    values
        A value for every free symbol, by name: :class:`fractions.Fraction`, ``int``,
        :class:`decimal.Decimal` or ``float`` (a float is read exactly, as the binary number
        it is, in exact mode).
    exact
        If true (default), compute in :class:`fractions.Fraction`; otherwise in ``float``.

    Returns
    -------
    Fraction or float
        The value; a ``Fraction`` when ``exact`` is true.

    Raises
    ------
    NotRationalError
        In exact mode, when the value is irrational: ``sqrt(2)``, ``exp(a)`` for
        ``a != 0``, ``log(a)`` for ``a != 1``, constants such as ``E``.
    EvaluationError
        On a missing value, division by zero, log of a non-positive number, a negative number
        to a fractional power (not real), or a value too large (exact powers beyond
        :data:`EVAL_MAX_EXPONENT` or :data:`EVAL_MAX_BITS`, float overflow).

    Examples
    --------
    >>> from fractions import Fraction
    >>> from leverage.expr.parse import parse_expression
    >>> e = parse_expression("0.88 * x / (1 + y)", {"x", "y"})
    >>> evaluate(e, {"x": 5, "y": Fraction(1, 10)})
    Fraction(4, 1)
    >>> evaluate(parse_expression("sqrt(9/4)", ()), {})
    Fraction(3, 2)
    """
    try:
        return _compiled(expr, exact)(values)
    except RecursionError:
        raise EvaluationError("expression is nested too deeply to evaluate") from None
    except ZeroDivisionError:
        raise EvaluationError(f"division by zero in {expr}") from None
