"""Mathematics as plain text and LaTeX, and the simplest form of a closed form.

Expressions are printed in the model-file language (``max``, ``min``, ``abs``) with
plain rationals (``96·q/25 - 96/25``, ``·`` for products, ``^`` for powers) or as LaTeX
(``\\mathit{interdependence\\_cost}``, unknowns ``p_{1}, p_{2}``).  Floats show six
significant digits.

Mathematics
-----------
:func:`nice` chooses how a closed form is written: of its cancelled form
``N/D`` (``gcd(N, D) = 1``), the same with numerator and denominator negated
``(-N)/(-D)``, and its factored form, the one with the fewest minus signs, then the
shortest.  All three are equal as rational functions, so the choice is presentation only.

References
----------
- A. Meurer et al., "SymPy: symbolic computing in Python", *PeerJ Computer Science* 3:e103
  (2017): ``cancel``, ``factor`` and the printers used here.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from ...expr.escape import latex_escape
from ...expr.printing import expr_latex, expr_text, simplest_form
from .document import Chain, Raw, Sum

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

REL_TEXT = {">=": "≥", "<=": "≤", "=>": "⇒", "<=>": "⇔", "!=": "≠"}
"""Relations in plain text."""

REL_LATEX = {
    ">=": "\\ge",
    "<=": "\\le",
    "=>": "\\;\\Rightarrow\\;",
    "<=>": "\\;\\Leftrightarrow\\;",
    "!=": "\\neq",
}
"""Relations in LaTeX."""


# --------------------------------------------------------------------------- numbers
def sym(v: Any) -> Any:
    """A number as a sympy number (Fractions exactly); sympy objects unchanged."""
    if isinstance(v, Fraction):
        return sympy.Rational(v.numerator, v.denominator)
    if isinstance(v, (int, np.integer)):
        return sympy.Integer(int(v))
    if isinstance(v, (float, np.floating)):
        return sympy.Float(float(v))
    return v


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
def is_compound(e: Any) -> bool:
    """Whether ``e`` needs parentheses as a factor."""
    if isinstance(e, Raw):
        return " " in e.text
    if isinstance(e, Fraction):
        return e < 0 or e.denominator != 1
    if isinstance(e, (float, np.floating)):
        return bool(e < 0)
    if isinstance(e, sympy.Basic):
        if e.is_Number:
            return bool(e < 0) or not e.is_Integer
        return bool(e.is_Add) or e.could_extract_minus_sign()
    return False


def math_text(x: Any) -> str:
    """Inline mathematics (:class:`.Sum`, :class:`.Chain`, :class:`.Raw`, a tuple, an
    expression) as plain text."""
    if isinstance(x, Sum):
        out = []
        for c, f in x.terms:
            ct, ft = math_text(c), math_text(f)
            out.append(
                ("(" + ct + ")" if is_compound(c) else ct)
                + "·"
                + ("(" + ft + ")" if is_compound(f) else ft)
            )
        return " + ".join(out) if out else "0"
    if isinstance(x, Chain):
        parts = [math_text(x.items[0])]
        for rel, item in zip(x.relations, x.items[1:], strict=True):
            parts.append(REL_TEXT.get(rel, rel))
            parts.append(math_text(item))
        return " ".join(parts)
    if isinstance(x, Raw):
        return x.text
    if isinstance(x, str):
        return x
    if isinstance(x, tuple):
        return "(" + ", ".join(math_text(v) for v in x) + ")"
    return expr_text(x)


def math_latex(x: Any, inline: bool = False) -> str:
    """Inline mathematics as LaTeX (``inline``: without ``\\left``/``\\right``, so that
    it can break across lines)."""
    if isinstance(x, Sum):
        out = []
        for c, f in x.terms:
            ct, ft = math_latex(c, inline), math_latex(f, inline)
            left, right = ("(", ")") if inline else ("\\left(", "\\right)")
            if is_compound(c):
                ct = left + ct + right
            if is_compound(f):
                ft = left + ft + right
            out.append(ct + " \\cdot " + ft)
        return " + ".join(out) if out else "0"
    if isinstance(x, Chain):
        parts = [math_latex(x.items[0], inline)]
        for rel, item in zip(x.relations, x.items[1:], strict=True):
            parts.append(REL_LATEX.get(rel, rel))
            parts.append(math_latex(item, inline))
        return " ".join(parts)
    if isinstance(x, Raw):
        return x.latex
    if isinstance(x, str):
        return "\\text{" + latex_escape(x) + "}"
    if isinstance(x, tuple):
        return "(" + ", ".join(math_latex(v, inline) for v in x) + ")"
    return expr_latex(x, inline)


def minus(a: Any, b: Any) -> Raw:
    """``a - b`` unevaluated, ``b`` in parentheses when negative."""
    tb, lb = expr_text(b), expr_latex(b)
    if is_compound(b):
        tb, lb = f"({tb})", f"\\left({lb}\\right)"
    return Raw(f"{expr_text(a)} - {tb}", f"{expr_latex(a)} - {lb}")


def nice(expr: Any) -> Any:
    """Of an expression's cancelled and factored forms (and the cancelled form with numerator
    and denominator negated), the one with the fewest minus signs, then the shortest."""
    expr = as_expr(expr)
    if expr.is_Number or not expr.free_symbols:
        return sympy.nsimplify(expr) if expr.is_Float else expr
    try:
        return simplest_form(expr, expr_text)
    except sympy.PolynomialError:  # pragma: no cover - max/min/abs
        return expr
