"""Exact numbers: conversions between Python's, numpy's and sympy's rationals, exact roots.

Every layer of leverage computes with :class:`fractions.Fraction` where payoffs are
rational; sympy appears in the expression language and in the symbolic analyses.  The
conversions between the two, and the exact integer root the expression evaluator and
parser both need, are written here once.
"""

from __future__ import annotations

import math
import numbers
from fractions import Fraction
from typing import Any

__all__ = ["integer_root", "rational"]


def rational(value: Any) -> Fraction:
    """An exact rational from an int, a Fraction, another rational type or a float
    (by its exact binary value)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
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
