"""Numbers and closed forms for the explanations: exact sympy numbers, an unevaluated
difference ``a - b``, and the simplest form of a closed form.

Printing is done by :mod:`leverage.expr.printing` (plain text ``96·q/25 - 96/25``, LaTeX
``\\mathit{interdependence\\_cost}``) and the document's mathematics by
:mod:`leverage.formats.document`.

Mathematics
-----------
:func:`nice` chooses how a closed form is written: of its cancelled form
``N/D`` (``gcd(N, D) = 1``), the same with numerator and denominator negated
``(-N)/(-D)``, and its factored form, the one with the fewest minus signs, then the
shortest.  All three are equal as rational functions, so the choice is presentation only.

References
----------
- A. Meurer et al., "SymPy: symbolic computing in Python", *PeerJ Computer Science* 3:e103
  (2017): ``cancel`` and ``factor``.
"""

from __future__ import annotations

from typing import Any

import sympy

from ...expr.printing import expr_latex, expr_text, simplest_form
from ...formats.document import Raw, is_compound
from ...numbers import as_sympy

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


# --------------------------------------------------------------------------- numbers
def sym(v: Any) -> Any:
    """A number as a sympy number (:func:`leverage.numbers.as_sympy`)."""
    return as_sympy(v)


def as_expr(v: Any) -> Any:
    """A sympy expression or a number as a sympy object; text is never parsed.

    Raises
    ------
    TypeError
        For anything else (a string, say).
    """
    v = sym(v)
    if not isinstance(v, sympy.Basic):
        raise TypeError(f"not a number or an expression: {v!r}")
    return v


# --------------------------------------------------------------------------- expressions
def minus(a: Any, b: Any) -> Raw:
    """``a - b`` unevaluated, ``b`` in parentheses when negative."""
    tb, lb = expr_text(b), expr_latex(b)
    if is_compound(b):
        tb, lb = f"({tb})", f"\\left({lb}\\right)"
    return Raw(f"{expr_text(a)} - {tb}", f"{expr_latex(a)} - {lb}")


def nice(expr: Any) -> Any:
    """Of an expression's cancelled and factored forms (and the cancelled form with numerator
    and denominator negated), the one with the fewest minus signs, then the shortest
    (:func:`leverage.expr.printing.simplest_form`, compared in plain text)."""
    expr = as_expr(expr)
    if expr.is_Number or not expr.free_symbols:
        return sympy.nsimplify(expr) if expr.is_Float else expr
    try:
        return simplest_form(expr, expr_text)
    except sympy.PolynomialError:  # pragma: no cover - max/min/abs
        return expr
