"""Every printer of formulas: sympy expressions (and formulas already written in the
model-file language) as model-file text, plain text, LaTeX and HTML.

The variants are subclasses of one printer, :class:`ModelPrinter` (sympy's string printer
with the model file's names ``max``, ``min``, ``abs``, ``exp``):

=====================  =================================  ==============================
printer / function     writes                             used by
=====================  =================================  ==============================
:func:`expression_text`  ``max(1, x) + (1/2)``: reads back  model files, error messages
:func:`formula_text`     ``c/(c + 3)``: plain rationals,     regime thresholds, statics,
                         the simplest form                  the report's definitions
:func:`expr_text`        ``96·q/25 - 96/25``: ``·``, ``^``,  explanations (plain text)
                         floats to six digits
:func:`expr_latex`       ``\\frac{96 q}{25}``,               explanations (LaTeX)
                         ``\\mathit{cost}``, ``p_{1}``
=====================  =================================  ==============================

A formula already written in the model-file language (``c**2*d - 1/2``, as the regime
analysis and the exercises hold them) is printed for a reader by :func:`formula_plain`
(``c^2d - 1/2``), :func:`formula_dotted` (``c^2·d - 1/2``), :func:`formula_latex` and
:func:`formula_html` (``·``, ``<sup>``).

Mathematics
-----------
:func:`simplest_form` chooses how a closed form is written: of its cancelled form
``N/D`` (``gcd(N, D) = 1``), the same with numerator and denominator negated
``(-N)/(-D)``, and its factored form, the one with the fewest minus signs, then the
shortest.  All three are equal as rational functions, so the choice is presentation only.

References
----------
- A. Meurer et al., "SymPy: symbolic computing in Python", *PeerJ Computer Science* 3:e103
  (2017): ``cancel``, ``factor`` and the printers subclassed here.
- WHATWG, *HTML Living Standard*, "The ``wbr`` element": line-break opportunities in
  formulas.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from html import escape
from typing import Any

import numpy as np
import sympy
from sympy.printing.str import StrPrinter

from ..numbers import as_sympy
from .bounds import FACTOR_MAX_BITS, rational_bits
from .escape import latex_escape

__all__ = [
    "FormulaPrinter",
    "ModelPrinter",
    "TextPrinter",
    "expr_latex",
    "expr_text",
    "expression_text",
    "float_text",
    "formula_dotted",
    "formula_html",
    "formula_latex",
    "formula_plain",
    "formula_text",
    "latex_symbol",
    "simplest_form",
]

_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


# --------------------------------------------------------------------------- printers
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


class FormulaPrinter(ModelPrinter):
    """The model-file printer, with plain rationals (``x - 99/500``, not ``x + (-99/500)``);
    for the rational functions and square roots printed with it that is the same language."""

    def _print_Rational(self, expr: Any) -> str:
        return str(StrPrinter._print_Rational(self, expr))


class TextPrinter(ModelPrinter):
    """Plain-text mathematics: plain rationals, floats to six significant digits, ``E``."""

    def _print_Rational(self, expr: Any) -> str:
        return f"{expr.p}/{expr.q}" if expr.q != 1 else str(expr.p)

    def _print_Float(self, expr: Any) -> str:
        return float_text(expr)

    def _print_Exp1(self, expr: Any) -> str:
        return str(StrPrinter._print_Exp1(self, expr))  # sympy's "E"


# --------------------------------------------------------------------------- model file
def expression_text(expr: sympy.Expr) -> str:
    """An expression in the model-file language.

    Parameters
    ----------
    expr
        A sympy expression.

    Returns
    -------
    str
        Text that the model-file parser reads back to ``expr``.

    Examples
    --------
    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> expression_text(sympy.Max(x, 1) + sympy.Rational(1, 2))
    'max(1, x) + (1/2)'
    """
    return str(ModelPrinter().doprint(expr))


def simplest_form(expr: sympy.Expr, text: Callable[[sympy.Expr], str]) -> sympy.Expr:
    """Of ``expr``'s cancelled and factored forms (factored only when its numbers are within
    :data:`~leverage.expr.bounds.FACTOR_MAX_BITS`), and the cancelled form with numerator
    and denominator negated, the one whose ``text`` has the fewest minus signs, then is
    the shortest (the first such form on a tie).

    Parameters
    ----------
    expr
        A rational function of its symbols.
    text
        The printer the forms are compared in.

    Returns
    -------
    sympy.Expr
        The chosen form (equal to ``expr``).

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
    size = max((rational_bits(a) for a in cancelled.atoms(sympy.Rational)), default=0)
    if size <= FACTOR_MAX_BITS:  # factoring over huge coefficients can take minutes
        try:
            forms.append(sympy.factor(cancelled))
        except sympy.PolynomialError:  # pragma: no cover - defensive: factor refuses radicals
            pass
    return min(forms, key=lambda f: (text(f).count("-"), len(text(f))))


def formula_text(expr: sympy.Expr) -> str:
    """A closed form in the model-file language, in its simplest form (:func:`simplest_form`).

    Parameters
    ----------
    expr
        A rational function (or a rational number).

    Returns
    -------
    str
        The text, rationals plain (:class:`FormulaPrinter`).

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
    printer = FormulaPrinter()
    return str(printer.doprint(simplest_form(expr, printer.doprint)))


# --------------------------------------------------------------------------- plain text
def float_text(v: Any) -> str:
    """A float to six significant digits (``-0`` as ``0``).

    Parameters
    ----------
    v
        A Python, numpy or sympy float.

    Returns
    -------
    str
        ``"0.333333"``, ``"1e+07"``.
    """
    text = f"{float(v):.6g}"
    return "0" if text == "-0" else text


def expr_text(e: Any) -> str:
    """A number or expression as plain text for a reader.

    Parameters
    ----------
    e
        A ``Fraction``, a float or a sympy object.

    Returns
    -------
    str
        ``96·q/25 - 96/25``: ``·`` for products, ``^`` for powers, model-file functions.
    """
    if isinstance(e, Fraction):
        return str(e)
    if isinstance(e, (float, np.floating)):
        return float_text(e)
    return formula_dotted(str(TextPrinter().doprint(e)))


# --------------------------------------------------------------------------- LaTeX
def latex_symbol(name: str) -> str:
    """A symbol's name in LaTeX.

    Parameters
    ----------
    name
        The name: one letter, a letter with subscript digits (``p₁``), or an identifier.

    Returns
    -------
    str
        ``q``, ``p_{1}``, ``\\mathit{cost}`` (an identifier's ``_`` escaped).
    """
    if len(name) == 1:
        return name
    if name[1:].isdigit():  # p₁, q₂ … (subscript digits)
        return f"{name[0]}_{{{name[1:].translate(_DIGITS)}}}"
    return "\\mathit{" + latex_escape(name) + "}"


def expr_latex(e: Any, inline: bool = False) -> str:
    """A number or expression in LaTeX.

    Parameters
    ----------
    e
        A number (``int``, ``Fraction``, float) or a sympy expression.
    inline
        Write a fraction whose denominator has symbols as ``(a) / (b)``, which can break
        across lines, rather than ``\\frac``.

    Returns
    -------
    str
        LaTeX math (without ``$``); floats to six digits, symbols by :func:`latex_symbol`.
    """
    if isinstance(e, (Fraction, int, np.integer)):
        e = as_sympy(e)
    if isinstance(e, (float, np.floating, sympy.Float)):
        return float_text(e)
    names = {s: latex_symbol(s.name) for s in getattr(e, "free_symbols", ())}
    e = e.xreplace({f: sympy.Symbol(float_text(f)) for f in e.atoms(sympy.Float)})
    if inline and e.free_symbols:
        num, den = sympy.fraction(e)
        if den.free_symbols:
            sign = "-" if num.could_extract_minus_sign() else ""
            num = -num if sign else num
            parts = [expr_latex(num), expr_latex(den)]
            parts = [f"({p})" if " " in p else p for p in parts]  # breakable, unlike \\left
            return f"{sign}{parts[0]} / {parts[1]}"
    return str(sympy.latex(e, symbol_names=names, mul_symbol="dot"))


# --------------------------------------------------------------------------- written formulas
def formula_plain(text: str) -> str:
    """A formula written in the model-file language, for a reader: ``^`` for powers,
    products by juxtaposition.

    Parameters
    ----------
    text
        The formula, e.g. ``"3*c/4 - 1"``.

    Returns
    -------
    str
        ``"3c/4 - 1"``.
    """
    return text.replace("**", "^").replace("*", "")


def formula_dotted(text: str) -> str:
    """A formula written in the model-file language, for a reader of plain text: ``^``
    for powers and ``·`` for products (``**`` is Python's, not a reader's).

    Parameters
    ----------
    text
        The formula, e.g. ``"-101/(15*c**2)"``.

    Returns
    -------
    str
        ``"-101/(15·c^2)"``; ``"c**(-2)"`` becomes ``"c^(-2)"``.

    >>> formula_dotted("3*c**(-2) - 1/2")
    '3·c^(-2) - 1/2'
    """
    return text.replace("**", "^").replace("*", "·")


def formula_latex(text: str) -> str:
    """A formula written in the model-file language as LaTeX math (without ``$``).

    Parameters
    ----------
    text
        The formula, e.g. ``"c**2/4"``.

    Returns
    -------
    str
        ``"c^2/4"``: ``^`` for powers, products by a space.
    """
    return text.replace("**", "^").replace("*", " ")


def formula_html(text: str) -> str:
    """A formula written in the model-file language as HTML.

    ``·`` for ``*``, powers raised with ``<sup>``, and line breaks allowed after products,
    quotients and (not before) ``+`` and ``-``.

    Parameters
    ----------
    text
        The formula, e.g. ``"c**2*d - 1/2"``.

    Returns
    -------
    str
        A ``<span class="formula">``, its text escaped.

    Examples
    --------
    >>> formula_html("c**2*d")
    '<span class="formula">c<sup>2</sup>·<wbr>d</span>'
    """

    def plain(part: str) -> str:
        html = escape(part).replace("*", "·<wbr>").replace("/", "/<wbr>")
        return html.replace(" + ", "&nbsp;+ ").replace(" - ", "&nbsp;- ")

    out, last = [], 0
    for m in re.finditer(r"\*\*(\([^()]*\)|-?[\w.]+)", text):
        out.append(plain(text[last : m.start()]))
        out.append(f"<sup>{plain(m.group(1))}</sup>")
        last = m.end()
    out.append(plain(text[last:]))
    return f'<span class="formula">{"".join(out)}</span>'
