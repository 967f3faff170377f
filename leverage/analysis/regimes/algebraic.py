"""Exact real numbers for regime analysis: real algebraic numbers, compared and evaluated
exactly, and the simplest rational inside an interval.

Mathematics
-----------
*Real algebraic numbers.*  A root of a polynomial with rational coefficients is represented
by its minimal polynomial (irreducible over ``QQ``) and an isolating interval with rational
end points (Collins & Akritas 1976, as implemented by sympy's ``Poly.intervals``).  Two such
numbers are compared, and the sign of a polynomial at one is decided, exactly: a polynomial
``g`` vanishes at a root of the irreducible ``f`` iff ``f`` divides ``g``; otherwise the
interval is refined until ``g`` has no root in it.  Values in ``QQ(α)`` are kept canonical as
polynomials of degree below ``deg f`` (arithmetic modulo ``f``).

*Simplest rationals.*  The rational with the smallest denominator strictly inside an
interval is found by the continued-fraction construction (the Stern–Brocot tree).

References
----------
- G. E. Collins, A. G. Akritas, "Polynomial real root isolation using Descartes' rule of
  signs", Proc. SYMSAC 1976, 272-275.
- R. L. Graham, D. E. Knuth, O. Patashnik, *Concrete Mathematics*, 2nd ed. (1994), §4.5:
  the Stern–Brocot tree.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import sympy
from sympy import QQ

from ...expr.printing import FormulaPrinter, expression_text
from ...numbers import to_fraction, to_sympy

__all__ = ["RealAlgebraic", "simplest_rational"]


# --------------------------------------------------------------------------- rationals


def simplest_rational(lo: Fraction, hi: Fraction) -> Fraction:
    """The rational with the smallest denominator (then numerator) strictly inside ``(lo, hi)``.

    The classical continued-fraction construction (Stern–Brocot tree).

    Examples
    --------
    >>> simplest_rational(Fraction(1, 3), Fraction(1, 2))
    Fraction(2, 5)
    >>> simplest_rational(Fraction(-1), Fraction(3))
    Fraction(0, 1)
    """
    if not lo < hi:
        raise ValueError("empty interval")
    if lo < 0 < hi:
        return Fraction(0)
    if hi <= 0:
        return -simplest_rational(-hi, -lo)
    return _simplest_positive(lo, hi)


def _simplest_positive(lo: Fraction, hi: Fraction | None) -> Fraction:
    # simplest rational in the open interval (lo, hi), 0 <= lo, hi = None for infinity
    n = math.floor(lo) + 1
    if hi is None or n < hi:
        return Fraction(n)
    whole = math.floor(lo)
    a, b = lo - whole, hi - whole  # 0 <= a < b <= 1
    inner = _simplest_positive(1 / b, None if a == 0 else 1 / a)
    return whole + 1 / inner


# --------------------------------------------------------------------------- algebraic numbers


class RealAlgebraic:
    """An exact real algebraic number: a root of an irreducible polynomial over ``QQ``.

    Parameters
    ----------
    poly
        Its minimal polynomial (monic, irreducible over ``QQ``), a :class:`sympy.Poly`.
    index
        Which real root of ``poly`` (0 = smallest).
    lo, hi
        An isolating interval: the number is the only root of ``poly`` in ``[lo, hi]``
        (``lo == hi`` for a rational number).
    """

    __slots__ = ("_expr", "hi", "index", "lo", "poly")

    def __init__(self, poly: sympy.Poly, index: int, lo: Fraction, hi: Fraction) -> None:
        self.poly = poly
        self.index = index
        self.lo = lo
        self.hi = hi
        self._expr: sympy.Expr | None = None

    @classmethod
    def rational(cls, value: Fraction, gen: sympy.Symbol) -> RealAlgebraic:
        """The rational number ``value``."""
        poly = sympy.Poly(gen - to_sympy(value), gen, domain=QQ)
        return cls(poly, 0, value, value)

    @classmethod
    def roots(cls, poly: sympy.Poly) -> list[RealAlgebraic]:
        """Every real root of an irreducible polynomial, in increasing order."""
        poly = poly.monic()
        if poly.degree() == 1:
            r = -poly.nth(0)
            return [cls.rational(to_fraction(r), poly.gen)]
        out = []
        for index, ((a, b), _) in enumerate(poly.intervals()):
            out.append(cls(poly, index, to_fraction(a), to_fraction(b)))
        return out

    @property
    def is_rational(self) -> bool:
        """Whether the number is rational."""
        return self.lo == self.hi

    @property
    def value(self) -> Fraction:
        """The value of a rational number."""
        if not self.is_rational:
            raise ValueError("not a rational number")
        return self.lo

    def refine(self) -> None:
        """Shrink the isolating interval to about a quarter of its width."""
        if self.is_rational:
            return
        eps = to_sympy(self.hi - self.lo) / 4
        a, b = self.poly.refine_root(to_sympy(self.lo), to_sympy(self.hi), eps=eps)
        self.lo, self.hi = to_fraction(a), to_fraction(b)

    def compare(self, other: RealAlgebraic) -> int:
        """-1, 0 or 1 as ``self`` is less than, equal to or greater than ``other``."""
        if self.is_rational and other.is_rational:
            return (self.lo > other.lo) - (self.lo < other.lo)
        if self.poly == other.poly and self.index == other.index:
            return 0
        while True:
            if self.hi <= other.lo:
                return -1
            if other.hi <= self.lo:
                return 1
            self.refine()
            other.refine()

    def compare_rational(self, value: Fraction) -> int:
        """-1, 0 or 1 as ``self`` is less than, equal to or greater than ``value``."""
        return self.compare(RealAlgebraic.rational(value, self.poly.gen))

    def separate(self, other: RealAlgebraic) -> None:
        """Refine until ``self.hi < other.lo`` (requires ``self < other``)."""
        while not self.hi < other.lo:
            self.refine()
            other.refine()

    def sign(self, g: sympy.Poly) -> int:
        """The sign of the polynomial ``g`` at this number, exactly.

        ``g`` vanishes here iff the minimal polynomial divides it; otherwise its remainder
        is evaluated in interval arithmetic on the isolating interval, refined until the
        result excludes zero.
        """
        if g.is_zero:
            return 0
        if self.is_rational:
            return _sign(g.eval(to_sympy(self.lo)))
        r = g.rem(self.poly)
        if r.is_zero:
            return 0
        coeffs = [to_fraction(c) for c in r.all_coeffs()]
        while True:
            low, high = coeffs[0], coeffs[0]
            for c in coeffs[1:]:
                products = (low * self.lo, low * self.hi, high * self.lo, high * self.hi)
                low, high = min(products) + c, max(products) + c
            if low > 0:
                return 1
            if high < 0:
                return -1
            self.refine()

    def reduce(self, num: sympy.Poly, den: sympy.Poly) -> sympy.Poly:
        """``num/den`` at this number as the canonical polynomial of degree below the
        minimal polynomial's (``den`` must not vanish here)."""
        return (num * den.invert(self.poly)).rem(self.poly)

    def evaluate(self, canonical: sympy.Poly) -> sympy.Expr:
        """The exact sympy value of a canonical polynomial (see :meth:`reduce`) here."""
        if self.poly.degree() > 2:
            coeffs = canonical.all_coeffs()[::-1]
            return sympy.Add(*(c * self.expr**k for k, c in enumerate(coeffs)))
        return sympy.expand(canonical.as_expr().subs(self.poly.gen, self.expr))

    @property
    def expr(self) -> sympy.Expr:
        """The number as an exact sympy expression (rational, radical or ``CRootOf``)."""
        if self._expr is None:
            if self.is_rational:
                self._expr = to_sympy(self.lo)
            elif self.poly.degree() == 2:
                self._expr = self.poly.real_roots()[self.index]
            else:
                self._expr = sympy.CRootOf(self.poly, self.index)
        return self._expr

    @property
    def text(self) -> str:
        """Exact text: ``7/2``, ``1 + sqrt(2)``, ``CRootOf(x**3 - x - 1, 0)``."""
        if self.is_rational:
            return str(self.lo)
        if self.poly.degree() == 2:
            return str(FormulaPrinter().doprint(self.expr))
        return f"CRootOf({expression_text(self.poly.as_expr())}, {self.index})"

    def __float__(self) -> float:
        if self.is_rational:
            return float(self.lo)
        while self.hi - self.lo > abs(self.lo) * Fraction(1, 10**18) + Fraction(1, 10**300):
            self.refine()
        return float((self.lo + self.hi) / 2)

    def __repr__(self) -> str:
        return f"<RealAlgebraic {self.text} ≈ {float(self):.12g}>"


def _sign(v: Any) -> int:
    return int(bool(v > 0)) - int(bool(v < 0))
