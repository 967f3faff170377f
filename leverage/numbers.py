"""Exact numbers: conversions between Python's, numpy's and sympy's rationals, exact roots.

Every layer of leverage computes with :class:`fractions.Fraction` where payoffs are
rational; sympy appears in the expression language and in the symbolic analyses.  The
conversions between the two, and the exact integer root the expression evaluator and
parser both need, are written here once.

Mathematics
-----------
A rational number has one representation :math:`p/q` in lowest terms with :math:`q > 0`;
:class:`~fractions.Fraction`, :class:`sympy.Rational` and the rationals of sympy's
polynomial domains (``QQ``) all store exactly that pair, so :func:`to_fraction` and
:func:`to_sympy` are exact and mutually inverse.  A binary float (or a
:class:`~decimal.Decimal`) is itself a rational number; :func:`to_fraction` with
``inexact=True`` and :func:`rational` read it by its exact value, never by a nearby
decimal.  :func:`integer_root` decides whether :math:`n = r^q` for an integer :math:`r`
by Newton's method on integers, which decreases monotonically to
:math:`\\lfloor n^{1/q} \\rfloor` from any start above it.
"""

from __future__ import annotations

import math
import numbers
from fractions import Fraction
from typing import Any

import sympy

__all__ = ["as_sympy", "integer_root", "rational", "to_fraction", "to_sympy"]


def to_sympy(value: Any) -> sympy.Rational:
    """The sympy rational equal to a :class:`~fractions.Fraction` or an integer.

    Parameters
    ----------
    value
        A :class:`~fractions.Fraction`, an ``int`` (or a numpy integer), or any rational
        with integer ``numerator`` and ``denominator``.

    Returns
    -------
    sympy.Rational
        ``Rational(value.numerator, value.denominator)``; an :class:`sympy.Integer` when
        the denominator is 1.

    Examples
    --------
    >>> to_sympy(Fraction(-3, 6))
    -1/2
    """
    return sympy.Rational(int(value.numerator), int(value.denominator))


def as_sympy(value: Any) -> Any:
    """A number as a sympy number: a Fraction or an integer exactly, a float as a
    :class:`sympy.Float`; sympy objects (and anything else) unchanged.

    Examples
    --------
    >>> as_sympy(Fraction(1, 2)), as_sympy(3), as_sympy(0.25)
    (1/2, 3, 0.250000000000000)
    """
    if isinstance(value, (Fraction, numbers.Integral)) and not isinstance(value, bool):
        return to_sympy(Fraction(value))
    if isinstance(value, numbers.Real) and not isinstance(value, sympy.Basic):
        return sympy.Float(float(value))
    return value


def to_fraction(value: Any, *, inexact: bool = False) -> Fraction:
    """The :class:`~fractions.Fraction` equal to a rational number of any library.

    Parameters
    ----------
    value
        A :class:`~fractions.Fraction` (returned as it is), a :class:`sympy.Rational`,
        an ``int`` or numpy integer, or any rational with integer ``numerator`` and
        ``denominator`` (such as sympy's ``QQ`` elements).
    inexact
        Also accept other numbers: a float (or numpy float, or any other real number)
        is read by the exact binary value of ``float(value)``; anything else is passed to
        ``Fraction()`` (a :class:`~decimal.Decimal` is read exactly, a string parsed).

    Returns
    -------
    Fraction

    Raises
    ------
    TypeError
        If ``value`` is not rational and ``inexact`` is false.
    ValueError, OverflowError
        With ``inexact``, for a non-finite or unreadable value (as ``Fraction()`` raises).

    Examples
    --------
    >>> to_fraction(sympy.Rational(2, 4))
    Fraction(1, 2)
    >>> to_fraction(0.5, inexact=True)
    Fraction(1, 2)
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    numerator = getattr(value, "numerator", None)
    denominator = getattr(value, "denominator", None)
    if isinstance(value, numbers.Rational) or (
        numerator is not None and denominator is not None and not isinstance(value, float)
    ):
        return Fraction(int(numerator), int(denominator))  # type: ignore[arg-type]
    if not inexact:
        raise TypeError(f"not a rational number: {value!r}")
    if isinstance(value, numbers.Real):
        return Fraction(float(value))
    return Fraction(value)


def rational(value: Any) -> Fraction:
    """An exact rational from an int, a Fraction or another rational type, and from any
    other number by the exact binary value of ``float(value)`` (a float, a Decimal, a
    sympy irrational), as the solvers need for float games.

    Examples
    --------
    >>> rational(3)
    Fraction(3, 1)
    >>> rational(0.1) == Fraction(0.1)
    True
    """
    try:
        return to_fraction(value)
    except TypeError:
        return Fraction(float(value))


def integer_root(n: int, q: int) -> int | None:
    """Return ``r`` with ``r**q == n`` for ``n >= 0``, or ``None`` if there is none."""
    if n < 2 or q == 1:
        return n
    if q >= n.bit_length():
        return None  # a root r >= 2 needs n >= 2**q
    if q == 2:
        r = math.isqrt(n)
    else:
        r = 1 << -(-n.bit_length() // q)  # >= the root; Newton decreases monotonically
        while True:
            s = ((q - 1) * r + n // r ** (q - 1)) // q
            if s >= r:
                break
            r = s
    return r if r**q == n else None
