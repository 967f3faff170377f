"""Expressions written back in the model-file language.

Expressions are printed with the model file's names (``max``, ``min``, ``abs``,
``sqrt``, ``exp``, ``log``, ``**``), so a written file reads back to the same model.
"""

from __future__ import annotations

from typing import Any

import sympy
from sympy.printing.str import StrPrinter

__all__ = ["ModelPrinter", "expression_text"]


class ModelPrinter(StrPrinter):
    """sympy's string printer, with the model-file names of functions (max, min, abs, exp).

    Subclass it to change how particular nodes print; :func:`expression_text` uses it as is.
    """

    def _print_Max(self, expr: Any) -> str:
        return "max(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Min(self, expr: Any) -> str:
        return "min(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Abs(self, expr: Any) -> str:
        return "abs(" + self._print(expr.args[0]) + ")"

    def _print_Exp1(self, expr: Any) -> str:
        return "exp(1)"

    def _print_Rational(self, expr: Any) -> str:
        return f"({expr.p}/{expr.q})" if expr.q != 1 else str(expr.p)


def expression_text(expr: sympy.Expr) -> str:
    """An expression in the model-file language.

    Examples
    --------
    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> expression_text(sympy.Max(x, 1) + sympy.Rational(1, 2))
    'max(1, x) + (1/2)'
    """
    text = ModelPrinter().doprint(expr)
    return text
