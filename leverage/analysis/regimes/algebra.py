"""Exact symbolic tools for regime analysis: rational functions, real algebraic numbers and
the indifference systems of support enumeration with a parameter.

Mathematics
-----------
*Payoffs as rational functions.*  With every parameter but one, ``t``, fixed at an exact
rational value, a payoff built from ``+ - * /`` and integer powers is a rational function
``p(t)/q(t)`` with rational coefficients.  :func:`rational_function` converts a sympy
expression into such a pair of polynomials (sympy's sparse ``PolyElement`` over ``QQ``), after
bounding the degree the expression can reach, structurally and before anything is expanded,
so that a hostile model (``(t**1000)**1000``) is refused instead of expanded.  Scaling all of
one player's payoffs by the common denominator ``D(t)`` changes neither the solutions of its
indifference equations nor the zeros of its payoff differences, so the systems below are
polynomial.

*Indifference systems.*  For a player whose opponent's payoffs (one row per opponent strategy)
are ``C``, a support ``U`` of the player's own strategies and a set ``W`` of opponent
strategies with ``|U| = |W| = k``, the mixed strategy ``z`` on ``U`` that makes the opponent
indifferent among ``W`` solves ::

    C[W, U] z - w·1 = 0,    1ᵀz = 1,

a ``(k+1)×(k+1)`` linear system ``M (z, w) = e``.  By Cramer's rule ``z_p = C_p / det M`` and
``w = C_k / det M``, where ``C_p`` are the cofactors of the last row of ``M`` and
``det M = Σ_{p<k} C_p``; every cofactor is a ``k×k`` determinant computed by fraction-free
Gaussian elimination (Bareiss 1968), exactly.  The opponent's slack of strategy ``r ∉ W`` is
``w − (C z)_r = (C_k − Σ_p C[r, U_p] C_p) / det M``.  These are the systems that vertex and
support enumeration solve (von Stengel 2007, §3): as ``t`` moves, the set of vertices of the
best-response polytopes and their labels — hence the set of extreme equilibria — can change
only where one of these polynomials changes sign or vanishes.

*Real algebraic numbers.*  A root of a polynomial with rational coefficients is represented
by its minimal polynomial (irreducible over ``QQ``) and an isolating interval with rational
end points (Collins & Akritas 1976, as implemented by sympy's ``Poly.intervals``).  Two such
numbers are compared, and the sign of a polynomial at one is decided, exactly: a polynomial
``g`` vanishes at a root of the irreducible ``f`` iff ``f`` divides ``g``; otherwise the
interval is refined until ``g`` has no root in it.  Values in ``QQ(α)`` are kept canonical as
polynomials of degree below ``deg f`` (arithmetic modulo ``f``).

References
----------
- E. H. Bareiss, "Sylvester's identity and multistep integer-preserving Gaussian
  elimination", Mathematics of Computation 22 (1968) 565-578.
- G. E. Collins, A. G. Akritas, "Polynomial real root isolation using Descartes' rule of
  signs", Proc. SYMSAC 1976, 272-275.
- B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
  form", in Algorithmic Game Theory, ch. 3, CUP 2007.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy
from sympy import QQ
from sympy.polys.rings import PolyElement, PolyRing
from sympy.printing.str import StrPrinter

from ...errors import EvaluationError, TooLargeError, UnsupportedError
from ...expr.printing import ModelPrinter, expression_text
from ...numbers import to_fraction, to_sympy

__all__ = [
    "MAX_DEGREE",
    "IndifferenceSystem",
    "RealAlgebraic",
    "bareiss_determinant",
    "degree_bound",
    "formula_text",
    "indifference_system",
    "rational_function",
    "reduce_fraction",
    "simplest_rational",
    "to_poly",
]

MAX_DEGREE = 50
"""Largest degree, in the parameter, of a polynomial whose roots are computed."""
MAX_BOUND_FACTOR = 4
"""A payoff is refused when its degree may exceed ``MAX_BOUND_FACTOR * MAX_DEGREE`` before it
is even expanded (the structural bound of :func:`degree_bound`)."""

RationalFunction = tuple[PolyElement, PolyElement]
"""A rational function as (numerator, denominator)."""


# --------------------------------------------------------------------------- rational functions


def degree_bound(expr: sympy.Expr, memo: dict[sympy.Expr, tuple[int, int]] | None = None) -> int:
    """An upper bound on the total degree of ``expr`` as a rational function.

    Parameters
    ----------
    expr
        A sympy expression built from numbers, symbols, sums, products and integer powers.
    memo
        Cache shared between calls (sympy expressions share subtrees).

    Returns
    -------
    int
        A bound on the degree of the numerator and of the denominator once ``expr`` is
        written as one fraction; functions and non-integer powers count as degree 0 here
        (they are refused by :func:`rational_function`).
    """
    memo = {} if memo is None else memo
    num, den = _bound(expr, memo)
    return max(num, den)


def _bound(expr: sympy.Expr, memo: dict[sympy.Expr, tuple[int, int]]) -> tuple[int, int]:
    if expr in memo:
        return memo[expr]
    result: tuple[int, int]
    if expr.is_Symbol:
        result = (1, 0)
    elif expr.is_Add:
        num, den = 0, 0
        for arg in expr.args:
            n, d = _bound(arg, memo)
            num, den = max(num + d, n + den), den + d
        result = (num, den)
    elif expr.is_Mul:
        num, den = 0, 0
        for arg in expr.args:
            n, d = _bound(arg, memo)
            num, den = num + n, den + d
        result = (num, den)
    elif expr.is_Pow and expr.exp.is_Integer:
        n, d = _bound(expr.base, memo)
        e = int(expr.exp)
        result = (e * n, e * d) if e >= 0 else (-e * d, -e * n)
    else:
        result = (0, 0)
    memo[expr] = result
    return result


def rational_function(
    expr: sympy.Expr, ring: PolyRing, *, what: str, parameter: str
) -> RationalFunction:
    """``expr`` as a reduced fraction of polynomials in the generators of ``ring``.

    Parameters
    ----------
    expr
        A sympy expression whose only symbols are generators of ``ring``.
    ring
        A polynomial ring over ``QQ``.
    what
        Names the payoff in error messages.
    parameter
        The parameter analysed, for error messages.

    Returns
    -------
    (numerator, denominator)
        Coprime polynomials; the denominator is nonzero.

    Raises
    ------
    UnsupportedError
        When ``expr`` is not a rational function with rational coefficients (it uses
        ``max``, ``sqrt``, an irrational constant...).
    TooLargeError
        When its degree may exceed the limits.
    """
    bound = degree_bound(expr)
    if bound > MAX_BOUND_FACTOR * MAX_DEGREE:
        raise TooLargeError(
            f"{what} may have degree up to {bound} in its symbols (limit {MAX_DEGREE}); "
            "regimes cannot be computed exactly"
        )
    gens = {g.as_expr(): g for g in ring.gens}
    memo: dict[sympy.Expr, RationalFunction] = {}

    def convert(node: sympy.Expr) -> RationalFunction:
        if node in memo:
            return memo[node]
        result: RationalFunction
        if node.is_Rational:
            result = (ring.ground_new(QQ.from_sympy(node)), ring.one)
        elif node.is_Symbol:
            if node not in gens:  # pragma: no cover - callers substitute every other name
                raise UnsupportedError(f"{what} depends on {node} which has no value")
            result = (gens[node], ring.one)
        elif node.is_Add or node.is_Mul:
            num, den = convert(node.args[0])
            for arg in node.args[1:]:
                n, d = convert(arg)
                if node.is_Add:
                    num, den = num * d + n * den, den * d
                else:
                    num, den = num * n, den * d
                num, den = reduce_fraction(num, den)
            result = (num, den)
        elif node.is_Pow and node.exp.is_Integer:
            num, den = convert(node.base)
            e = int(node.exp)
            if e < 0:
                if not num:
                    raise EvaluationError(f"{what}: division by zero")
                num, den, e = den, num, -e
            result = reduce_fraction(num**e, den**e)
        else:
            raise UnsupportedError(_unsupported_message(node, what, parameter))
        memo[node] = result
        return result

    num, den = convert(expr)
    return reduce_fraction(num, den)


def _unsupported_message(node: sympy.Expr, what: str, parameter: str) -> str:
    if isinstance(node, (sympy.Max, sympy.Min)):
        used = "max/min"
    elif isinstance(node, sympy.Abs):
        used = "abs"
    elif isinstance(node, sympy.exp):
        used = "exp"
    elif isinstance(node, sympy.log):
        used = "log"
    elif node.is_Pow:
        used = "a non-integer power or sqrt"
    else:
        used = f"{type(node).__name__}"
    return (
        f"{what} is not a rational function of {parameter} with rational coefficients "
        f"(it uses {used}: {expression_text(node)}); exact regimes need payoffs built from "
        "+ - * / and integer powers once the other parameters have their values"
    )


def reduce_fraction(num: PolyElement, den: PolyElement) -> RationalFunction:
    """``num/den`` in lowest terms with a monic denominator: the canonical form of a
    rational function, so that equal functions have equal pairs."""
    if not num:
        return num, den.ring.one
    num, den = num.cancel(den)
    lc = den.LC
    if lc != 1:
        num, den = num.quo_ground(lc), den.quo_ground(lc)
    return num, den


def to_poly(p: PolyElement, gen: sympy.Symbol) -> sympy.Poly:
    """A univariate ring element as a :class:`sympy.Poly` over ``QQ`` in ``gen``."""
    return sympy.Poly.from_dict(dict(p.to_dict()) or {(0,): QQ.zero}, gen, domain=QQ)


# --------------------------------------------------------------------------- systems


def bareiss_determinant(rows: Sequence[Sequence[PolyElement]], ring: PolyRing) -> PolyElement:
    """Determinant of a square matrix of polynomials, fraction-free (Bareiss 1968).

    Every division is exact (``exquo``), so no rational functions appear.
    """
    n = len(rows)
    if n == 0:
        return ring.one
    m = [list(r) for r in rows]
    sign = 1
    prev = ring.one
    for k in range(n - 1):
        if not m[k][k]:
            swap = next((r for r in range(k + 1, n) if m[r][k]), None)
            if swap is None:
                return ring.zero
            m[k], m[swap] = m[swap], m[k]
            sign = -sign
        for i in range(k + 1, n):
            for j in range(k + 1, n):
                m[i][j] = (m[i][j] * m[k][k] - m[i][k] * m[k][j]).exquo(prev)
        prev = m[k][k]
    return m[n - 1][n - 1] * sign


@dataclass(frozen=True)
class IndifferenceSystem:
    """The solution of one indifference system, as polynomials (see the module docstring).

    Attributes
    ----------
    support
        ``U``: the player's own strategies played with positive probability.
    tight
        ``W``: the opponent's strategies made equally good (and best).
    det
        ``det M``; the system is singular where it vanishes.
    numerators
        ``C_p``: the probability of ``support[p]`` is ``numerators[p] / det``.
    value
        ``C_k``: the opponent's payoff (times the opponent's payoff denominator) is
        ``value / det``.
    slacks
        For each opponent strategy ``r`` outside ``tight``: the numerator of
        ``w - (C z)_r`` over ``det`` (times the opponent's payoff denominator).
    """

    support: tuple[int, ...]
    tight: tuple[int, ...]
    det: PolyElement
    numerators: tuple[PolyElement, ...]
    value: PolyElement
    slacks: dict[int, PolyElement]


def indifference_system(
    constraints: Sequence[Sequence[PolyElement]],
    support: tuple[int, ...],
    tight: tuple[int, ...],
    ring: PolyRing,
) -> IndifferenceSystem:
    """Solve ``C[W, U] z = w·1, 1ᵀz = 1`` by cofactors (see the module docstring).

    Parameters
    ----------
    constraints
        The opponent's (scaled, polynomial) payoffs: one row per opponent strategy, one
        column per own strategy.
    support, tight
        ``U`` and ``W``, of equal size.
    ring
        The polynomial ring of the entries.
    """
    k = len(support)
    top = [[constraints[w][u] for u in support] + [-ring.one] for w in tight]
    cof = []
    for p in range(k + 1):
        minor = [row[:p] + row[p + 1 :] for row in top]
        d = bareiss_determinant(minor, ring)
        cof.append(d if (k + p) % 2 == 0 else -d)
    det = sum(cof[:k], ring.zero)
    value = cof[k]
    slacks = {}
    for r in range(len(constraints)):
        if r not in tight:
            slack = value
            for p, u in enumerate(support):
                slack -= constraints[r][u] * cof[p]
            slacks[r] = slack
    return IndifferenceSystem(support, tight, det, tuple(cof[:k]), value, slacks)


# --------------------------------------------------------------------------- text


class _FormulaPrinter(ModelPrinter):
    """The model-file printer, with plain rationals (``x - 99/500``, not ``x + (-99/500)``);
    for the rational functions and square roots printed here that is the same language."""

    def _print_Rational(self, expr: Any) -> str:
        return str(StrPrinter._print_Rational(self, expr))


def formula_text(expr: sympy.Expr) -> str:
    """A closed form in the model-file language.

    Of the cancelled and factored forms, and the cancelled form with numerator and
    denominator negated, the one with the fewest minus signs, then the shortest.

    Examples
    --------
    >>> c = sympy.Symbol("c")
    >>> formula_text(c / (c + 3))
    'c/(c + 3)'
    >>> formula_text(sympy.Rational(-7, 2))
    '-7/2'
    """
    if expr.is_Rational:
        return str(expr)
    printer = _FormulaPrinter()
    return printer.doprint(simplest_form(expr, printer.doprint))


def simplest_form(expr: sympy.Expr, text: Callable[[sympy.Expr], str]) -> sympy.Expr:
    """Of ``expr``'s cancelled and factored forms, and the cancelled form with numerator
    and denominator negated, the one whose ``text`` has the fewest minus signs, then is
    the shortest (the first such form on a tie).

    Raises
    ------
    sympy.PolynomialError
        When ``expr`` cannot be cancelled (``max``, ``min``, ``abs`` of a symbol).
    """
    cancelled = sympy.cancel(expr)
    forms = [cancelled]
    num, den = sympy.fraction(cancelled)
    if den != 1:
        forms.append(sympy.expand(-num) / sympy.expand(-den))
    try:
        forms.append(sympy.factor(cancelled))
    except sympy.PolynomialError:  # pragma: no cover - defensive: factor refuses some radicals
        pass
    return min(forms, key=lambda f: (text(f).count("-"), len(text(f))))


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
            return str(self.expr)
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
