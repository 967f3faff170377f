"""One walk over the sympy trees of the expression language, shared by every evaluator.

The parser (:mod:`leverage.expr.parse`) builds sympy expressions from numbers, symbols,
``+``, ``*``, ``**``, ``Min``, ``Max``, ``Abs``, ``exp`` and ``log``; substitution of
defines and sympy constants (``E``, ``pi``) add nothing else.  Each evaluator compiles such
a tree once, bottom-up, into a function of the parameter values: the exact one into
Fractions and the float one (:mod:`leverage.expr.evaluate`), the vectorised one into numpy
arrays with rounding-error bounds (:mod:`leverage.expr.arrays`).  :class:`Walker` holds the
one dispatch over the node types: a subclass says what to build at each kind of node, and
every other node type is refused by :meth:`Walker.unsupported`.  No node is ever
evaluated by sympy (no ``subs``, ``evalf`` or ``lambdify``).

Mathematics
-----------
The node kinds partition the accepted trees: a symbol; an integer; a non-integer rational;
a binary float constant (``sympy.Float``); a named constant (``sympy.NumberSymbol``); any
other atom (infinities, ``nan``, ``I``: not finite real numbers); and the operations
:math:`a_1 + \\dots + a_k`, :math:`a_1 \\cdots a_k`, :math:`a^b`, :math:`e^a`,
:math:`\\log a`, :math:`|a|`, :math:`\\min(a_1, \\dots)`, :math:`\\max(a_1, \\dots)`.
A back end recurses into the arguments itself (:meth:`Walker.walk`), so it may rewrite a
node first (a float product divides by the factors with negative integer exponents).
"""

from __future__ import annotations

from typing import Generic, TypeVar

import sympy

from ..errors import EvaluationError

__all__ = ["Walker", "not_a_real_number", "unsupported_operation"]

T = TypeVar("T")


def not_a_real_number(expr: sympy.Expr) -> EvaluationError:
    """The error for an atom that is no finite real number (``oo``, ``nan``, ``I``)."""
    return EvaluationError(f"{expr} is not a finite real number")


def unsupported_operation(expr: sympy.Expr) -> EvaluationError:
    """The error for a node outside the grammar of the module docstring."""
    return EvaluationError(f"unsupported operation {type(expr).__name__} in {expr}")


class Walker(Generic[T]):
    """Compile a sympy tree into a ``T`` by one method per node kind.

    Subclasses implement the methods that raise :class:`NotImplementedError` here; the
    defaults treat an integer as a rational and refuse other atoms and other operations
    when the tree is compiled.
    """

    def walk(self, expr: sympy.Expr) -> T:
        """Compile ``expr``: dispatch on its node kind."""
        if expr.is_Symbol:
            return self.symbol(str(expr.name))
        if expr.is_Integer:
            return self.integer(expr)
        if expr.is_Rational:
            return self.rational(expr)
        if isinstance(expr, sympy.Float):
            return self.float_constant(expr)
        if isinstance(expr, sympy.NumberSymbol):
            return self.number_symbol(expr)
        if expr.is_Atom:
            return self.atom(expr)
        if expr.is_Add:
            return self.add(expr)
        if expr.is_Mul:
            return self.mul(expr)
        if expr.is_Pow:
            return self.power(expr)
        if isinstance(expr, sympy.exp):
            return self.exp(expr)
        if isinstance(expr, sympy.log):
            return self.log(expr)
        if isinstance(expr, sympy.Abs):
            return self.abs(expr)
        if isinstance(expr, sympy.Min):
            return self.minimum(expr)
        if isinstance(expr, sympy.Max):
            return self.maximum(expr)
        return self.unsupported(expr)

    def walk_args(self, expr: sympy.Expr) -> list[T]:
        """The compiled arguments of ``expr``, in order."""
        return [self.walk(arg) for arg in expr.args]

    # ---- leaves
    def symbol(self, name: str) -> T:
        """A parameter or define, by name."""
        raise NotImplementedError

    def integer(self, expr: sympy.Integer) -> T:
        """An integer constant; by default as :meth:`rational`."""
        return self.rational(expr)

    def rational(self, expr: sympy.Rational) -> T:
        """A rational constant."""
        raise NotImplementedError

    def float_constant(self, expr: sympy.Float) -> T:
        """A binary float constant; by default refused as :meth:`atom`."""
        return self.atom(expr)

    def number_symbol(self, expr: sympy.NumberSymbol) -> T:
        """A named irrational constant such as ``E`` or ``pi``."""
        raise NotImplementedError

    def atom(self, expr: sympy.Expr) -> T:
        """Any other atom; by default refused at once."""
        raise not_a_real_number(expr)

    # ---- operations
    def add(self, expr: sympy.Add) -> T:
        """A sum :math:`a_1 + \\dots + a_k`."""
        raise NotImplementedError

    def mul(self, expr: sympy.Mul) -> T:
        """A product :math:`a_1 \\cdots a_k`."""
        raise NotImplementedError

    def power(self, expr: sympy.Pow) -> T:
        """A power :math:`a^b`."""
        raise NotImplementedError

    def exp(self, expr: sympy.exp) -> T:
        """:math:`e^a`."""
        raise NotImplementedError

    def log(self, expr: sympy.log) -> T:
        """:math:`\\log a`."""
        raise NotImplementedError

    def abs(self, expr: sympy.Abs) -> T:
        """:math:`|a|`."""
        raise NotImplementedError

    def minimum(self, expr: sympy.Min) -> T:
        """:math:`\\min(a_1, \\dots, a_k)`."""
        raise NotImplementedError

    def maximum(self, expr: sympy.Max) -> T:
        """:math:`\\max(a_1, \\dots, a_k)`."""
        raise NotImplementedError

    def unsupported(self, expr: sympy.Expr) -> T:
        """Any other operation: refused when the tree is compiled."""
        raise unsupported_operation(expr)
