"""The numpy back end of the expression walk: values at many points, with error bounds.

:class:`ArrayCompiler` compiles a sympy tree of the expression language
(:mod:`leverage.expr.walk`) into a function of an environment mapping each name to a pair
(values, bound): numpy arrays of shape ``(N,)`` or float64 scalars.  It is the compiler
behind :func:`leverage.expr.vectorised.compile_payoffs`; nothing is evaluated as Python
text, and every node type outside the grammar is refused when the tree is compiled.

Mathematics
-----------
*Rounding-error bounds.*  Alongside each value :math:`v` the evaluator carries a bound
:math:`e` such that the float result differs from the exact value of the expression at
the point (parameters read as the exact decimals they denote) by at most about
:math:`c\\,u\\,e`, with :math:`u = 2^{-53}` the unit roundoff and :math:`c` a small
constant (the number of operations on a path through the tree).  This is first-order
running error analysis (Higham 2002, §3.3): with :math:`e \\ge |v|` at every node,

* inputs and inexact constants: :math:`e = |v|` (one rounding);
* :math:`a_1 + \\dots + a_k`: :math:`e = \\sum e_i + (k-1) \\sum |a_i|`;
* :math:`ab`: :math:`e = |a| e_b + |b| e_a + |ab|`;
* :math:`a^p`: :math:`e = |v|\\,(|p|\\, e_a/|a| + |p| + 1)` (infinite at :math:`a = 0` for
  non-integer or negative :math:`p`, where no first-order bound exists);
* :math:`\\exp a`: :math:`e = |v| (e_a + 1)`; :math:`\\log a`: :math:`e = e_a/|a| + |v|`;
* :math:`|a|`, :math:`\\min`, :math:`\\max`: the largest :math:`e` of the arguments.

Without bounds (``bounds=False``) only the values are computed; the bounds are ``None``.

References
----------
N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM 2002,
§3.3 (running error analysis).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import sympy

from ..errors import EvaluationError
from .walk import Walker

__all__ = ["MAX_EXACT_INTEGER", "ArrayCompiler", "Env", "Node", "Pair", "Value"]

Value = Any  # np.ndarray of shape (N,) or a numpy float64 scalar
Pair = tuple[Value, Value]
"""A value and its error bound (``None`` when bounds are not computed)."""
Env = dict[str, Pair]
Node = Callable[[Env], Pair]

MAX_EXACT_INTEGER = 2**53
"""Integers up to this magnitude are exact in float64 (error bound 0)."""
MAX_FLOAT_INTEGER = int(np.finfo(np.float64).max)
"""Integers beyond this magnitude have no float64."""


def _beyond_floats(positive: bool) -> Node:
    """A constant beyond the float range: an infinite value with an infinite error bound,
    so that every point using it is left to the exact solver (as a non-finite result)."""
    v = np.float64(np.inf if positive else -np.inf)
    e = np.float64(np.inf)
    return lambda env: (v, e)


class ArrayCompiler(Walker[Node]):
    """Compiles sympy trees to closures over numpy, with or without error bounds.

    Parameters
    ----------
    bounds
        Also compute the running error bound of every node (see the module docstring).
    """

    def __init__(self, bounds: bool) -> None:
        self.bounds = bounds

    # ---- leaves
    def symbol(self, name: str) -> Node:
        def symbol(env: Env) -> Pair:
            try:
                return env[name]
            except KeyError:
                raise EvaluationError(f"no value given for {name!r}") from None

        return symbol

    def integer(self, expr: sympy.Integer) -> Node:
        n = int(expr)
        if abs(n) > MAX_FLOAT_INTEGER:
            return _beyond_floats(n > 0)
        v = np.float64(n)
        e = np.float64(0.0 if abs(n) <= MAX_EXACT_INTEGER else abs(v))
        return lambda env: (v, e)

    def rational(self, expr: sympy.Expr) -> Node:
        try:
            c = np.float64(float(expr))
        except OverflowError:
            c = np.float64(np.inf if expr > 0 else -np.inf)
        if not np.isfinite(c):
            return _beyond_floats(bool(c > 0))
        ce = abs(c)
        return lambda env: (c, ce)

    number_symbol = rational

    # ---- operations
    def exp(self, expr: sympy.exp) -> Node:
        b = self.bounds
        (fa,) = self.walk_args(expr)

        def exp_(env: Env) -> Pair:
            a, ea = fa(env)
            v = np.exp(a)
            return v, (v * (ea + 1.0) if b else None)

        return exp_

    def log(self, expr: sympy.log) -> Node:
        b = self.bounds
        (fa,) = self.walk_args(expr)

        def log_(env: Env) -> Pair:
            a, ea = fa(env)
            v = np.log(a)
            return v, (ea / np.abs(a) + np.abs(v) if b else None)

        return log_

    def abs(self, expr: sympy.Abs) -> Node:
        (fa,) = self.walk_args(expr)

        def abs_(env: Env) -> Pair:
            a, ea = fa(env)
            return np.abs(a), ea

        return abs_

    def minimum(self, expr: sympy.Min) -> Node:
        return self.extremum(self.walk_args(expr), np.minimum)

    def maximum(self, expr: sympy.Max) -> Node:
        return self.extremum(self.walk_args(expr), np.maximum)

    def extremum(self, funcs: list[Node], op: Callable[[Value, Value], Value]) -> Node:
        """``min`` or ``max`` (``op``) of compiled arguments; the bound is the largest."""
        b = self.bounds

        def extremum(env: Env) -> Pair:
            pairs = [f(env) for f in funcs]
            v = pairs[0][0]
            e = pairs[0][1]
            for pv, pe in pairs[1:]:
                v = op(v, pv)
                if b:
                    e = np.maximum(e, pe)
            return v, e

        return extremum

    def add(self, expr: sympy.Add) -> Node:
        b = self.bounds
        funcs = self.walk_args(expr)
        k = len(funcs)

        def add_(env: Env) -> Pair:
            pairs = [f(env) for f in funcs]
            v = pairs[0][0]
            for pv, _ in pairs[1:]:
                v = v + pv
            if not b:
                return v, None
            e = pairs[0][1]
            mag = np.abs(pairs[0][0])
            for pv, pe in pairs[1:]:
                e = e + pe
                mag = mag + np.abs(pv)
            return v, e + (k - 1) * mag

        return add_

    def mul(self, expr: sympy.Mul) -> Node:
        b = self.bounds
        coefficient, rest = expr.as_coeff_Mul()
        factors = [self.walk(a) for a in sympy.Mul.make_args(rest)]
        coef = None if coefficient == 1 else np.float64(float(coefficient))
        coef_exact = coefficient.is_Integer and abs(int(coefficient)) <= MAX_EXACT_INTEGER

        def mul_(env: Env) -> Pair:
            v, e = factors[0](env)
            for f in factors[1:]:
                w, ew = f(env)
                if b:
                    e = np.abs(v) * ew + np.abs(w) * e
                v = v * w
                if b:
                    e = e + np.abs(v)
            if coef is not None:
                v = coef * v
                if b:
                    e = abs(coef) * e + (0.0 if coef_exact else np.abs(v))
            return v, e

        return mul_

    def power(self, expr: sympy.Pow) -> Node:
        b = self.bounds
        base = self.walk(expr.base)
        exponent = expr.exp
        if exponent.is_Integer:
            n = int(exponent)
            if n == -1:

                def inverse(env: Env) -> Pair:
                    a, ea = base(env)
                    v = 1.0 / a
                    return v, (np.abs(v) * (ea / np.abs(a) + 1.0) if b else None)

                return inverse
            if n == 2:

                def square(env: Env) -> Pair:
                    a, ea = base(env)
                    v = a * a
                    return v, (2.0 * np.abs(a) * ea + np.abs(v) if b else None)

                return square
            fn = float(n)

            def int_power(env: Env) -> Pair:
                a, ea = base(env)
                v = np.power(a, fn)
                if not b:
                    return v, None
                rel = relative(ea, a)
                return v, np.abs(v) * (abs(fn) * rel + abs(fn) + 1.0)

            return int_power
        if exponent.is_Rational:
            p = float(exponent)
            func = np.sqrt if exponent == sympy.S.Half else (lambda a: np.power(a, p))

            def rational_power(env: Env) -> Pair:
                a, ea = base(env)
                v = func(a)
                if not b:
                    return v, None
                rel = relative(ea, a)
                return v, np.abs(v) * (abs(p) * rel + abs(p) + 2.0) + zero_base(a, ea)

            return rational_power
        expo = self.walk(exponent)

        def general_power(env: Env) -> Pair:
            a, ea = base(env)
            x, ex = expo(env)
            v = np.power(a, x)
            if not b:
                return v, None
            rel = relative(ea, a)
            log_a = np.log(np.abs(a))
            return v, np.abs(v) * (np.abs(x) * rel + np.abs(log_a) * ex + 2.0) + zero_base(a, ea)

        return general_power


def relative(e: Value, a: Value) -> Value:
    """``e / |a|``, infinite where ``a == 0 < e`` and zero where both vanish."""
    with np.errstate(all="ignore"):
        r = e / np.abs(a)
    if np.ndim(r):
        r = np.where((e == 0), 0.0, r)
    elif e == 0:
        r = np.float64(0.0)
    return r


def zero_base(a: Value, e: Value) -> Value:
    """No first-order bound for ``a**p`` (0 < p < 1) at ``a == 0``: infinite there."""
    if np.ndim(a):
        return np.where((a == 0) & (e > 0), np.inf, 0.0)
    return np.float64(np.inf if (a == 0 and e > 0) else 0.0)
