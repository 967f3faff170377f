"""Exact symbolic tools for regime analysis: rational functions and the indifference
systems of support enumeration with a parameter.

Mathematics
-----------
*Payoffs as rational functions.*  With every parameter but one, ``t``, fixed at an exact
rational value, a payoff built from ``+ - * /`` and integer powers is a rational function
``p(t)/q(t)`` with rational coefficients.  :func:`rational_function` converts a sympy
expression into such a pair of polynomials (sympy's sparse ``PolyElement`` over ``QQ``), after
bounding the degree the expression can reach, structurally and before anything is expanded
(:func:`leverage.expr.bounds.degree_bound`, the bound every model file already meets),
so that a hostile expression (``(t**1000)**1000``) is refused instead of expanded.  Scaling all of
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

Real algebraic numbers and simplest rationals are in :mod:`.algebraic`; closed forms are
printed by :func:`leverage.expr.printing.formula_text`.

References
----------
- E. H. Bareiss, "Sylvester's identity and multistep integer-preserving Gaussian
  elimination", Mathematics of Computation 22 (1968) 565-578.
- B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
  form", in Algorithmic Game Theory, ch. 3, CUP 2007.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy
from sympy import QQ
from sympy.polys.rings import PolyElement, PolyRing

from ...errors import EvaluationError, TooLargeError, UnsupportedError
from ...expr.bounds import degree_bound
from ...expr.printing import expression_text

__all__ = [
    "MAX_DEGREE",
    "IndifferenceSystem",
    "bareiss_determinant",
    "degree_bound",
    "indifference_system",
    "rational_function",
    "reduce_fraction",
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
