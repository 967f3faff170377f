"""The blocks of a document: prose, inline mathematics, derivations, lists, payoff tables,
sections; and the mathematics they carry, printed as plain text and LaTeX.

A builder writes its content once, as these blocks; each renderer of
:mod:`leverage.formats.document` turns them into its format.

Inline pieces of a paragraph or list item are plain text (``str``, escaped by each
renderer), :class:`Math` (mathematics, printed by :func:`math_text` or :func:`math_latex`),
:class:`Rendered` (already written for each format) and :class:`Link` (a web address).

Mathematics
-----------
Nothing is computed here.  The inline mathematics is an expected payoff written as an
unevaluated sum of products ``c₁·f₁ + c₂·f₂ + …`` (:class:`Sum`), a chain of relations
``a₀ r₁ a₁ r₂ a₂ …`` with ``=``, ``>``, ``≥``, ``⇒``, ``⇔`` (:class:`Chain`), or any
sympy expression or number (printed by :mod:`leverage.expr.printing`).

References
----------
- M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004): the
  explanations written in these blocks follow the order of its ch. 2-4.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from ...expr.escape import latex_escape
from ...expr.printing import expr_latex, expr_text

if TYPE_CHECKING:  # pragma: no cover
    from ...games.strategic import Game

__all__ = [
    "REL_LATEX",
    "REL_TEXT",
    "Chain",
    "Display",
    "Document",
    "Items",
    "Line",
    "Link",
    "Math",
    "Para",
    "PayoffTable",
    "Raw",
    "Rendered",
    "Section",
    "Sum",
    "is_compound",
    "math_latex",
    "math_text",
    "para",
]

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


# --------------------------------------------------------------------------- mathematics
@dataclass(frozen=True)
class Sum:
    """An unevaluated sum of products ``c₁·f₁ + c₂·f₂ + …`` (an expected payoff)."""

    terms: tuple[tuple[Any, Any], ...]


@dataclass(frozen=True)
class Chain:
    """``a₀ r₁ a₁ r₂ a₂ …`` with relations ``=``, ``>``, ``>=``, ``=>``, ``<=>`` …"""

    items: tuple[Any, ...]
    relations: tuple[str, ...]


@dataclass(frozen=True)
class Raw:
    """Mathematics already rendered: plain text and LaTeX."""

    text: str
    latex: str


# --------------------------------------------------------------------------- inline pieces
@dataclass(frozen=True)
class Math:
    """Inline mathematics inside a paragraph."""

    value: Any


@dataclass(frozen=True)
class Rendered:
    """A piece (inline or a whole block) already written for Markdown and LaTeX; plain
    text shows the Markdown, HTML the Markdown escaped."""

    markdown: str
    latex: str


@dataclass(frozen=True)
class Link:
    """A web address in running text (HTML makes it a link)."""

    url: str


# --------------------------------------------------------------------------- blocks
@dataclass(frozen=True)
class Para:
    """A paragraph: inline pieces (prose ``str``, :class:`Math`, :class:`Rendered`,
    :class:`Link`)."""

    parts: tuple[Any, ...]


@dataclass(frozen=True)
class Line:
    """One line of a derivation: an optional label, a lead (``"=>"``), the mathematics."""

    math: Any
    label: str = ""
    lead: str = ""


@dataclass(frozen=True)
class Display:
    """Lines of mathematics (:class:`Line`), each shown on its own line."""

    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Items:
    """A bullet list; each item is a tuple of parts like a paragraph, and may have sub-items
    (``children[k]`` belongs to ``items[k]``)."""

    items: tuple[tuple[Any, ...], ...]
    children: tuple[tuple[tuple[Any, ...], ...], ...] = ()

    def sub(self, k: int) -> tuple[tuple[Any, ...], ...]:
        """The sub-items of item ``k``.

        Parameters
        ----------
        k
            The item's index.

        Returns
        -------
        tuple
            Its sub-items (each a tuple of parts), possibly none.
        """
        return self.children[k] if k < len(self.children) else ()


@dataclass(frozen=True)
class PayoffTable:
    """The payoff table of a game (:mod:`leverage.formats.strategic`), best responses
    marked (``marks``) and the cells of ``equilibria`` marked as a whole.

    ``game=None`` stands for the game of the document, filled in before rendering (an
    explanation writes its table before it knows the equilibria).
    """

    game: Game | None = None
    marks: bool = True
    equilibria: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True)
class Section:
    """A numbered section: a title and its blocks."""

    title: str
    blocks: tuple[Any, ...]


@dataclass(frozen=True)
class Document:
    """A whole document: a title, a lead line of plain text under it, numbered sections.

    Attributes
    ----------
    title
        The title (``""``: none; the HTML and LaTeX renderings then have no heading).
    untitled
        The heading of the plain-text and Markdown renderings when there is no title.
    lead
        A line of plain text under the title (``""``: none).
    sections
        The sections, numbered from 1.
    """

    title: str
    sections: tuple[Section, ...]
    untitled: str = ""
    lead: str = ""


def para(*parts: Any) -> Para:
    """A paragraph of the given parts.

    Parameters
    ----------
    *parts
        Prose (``str``) and inline pieces (:class:`Math` …).

    Returns
    -------
    Para
    """
    return Para(tuple(parts))


# --------------------------------------------------------------------------- printing
def is_compound(e: Any) -> bool:
    """Whether ``e`` needs parentheses as a factor.

    Parameters
    ----------
    e
        A number, an expression or :class:`Raw` mathematics.

    Returns
    -------
    bool
        ``True`` for sums, negative numbers and non-integer rationals.
    """
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
    """Inline mathematics as plain text.

    Parameters
    ----------
    x
        :class:`Sum`, :class:`Chain`, :class:`Raw`, text, a tuple or an expression.

    Returns
    -------
    str
        ``3·p + 1·(1 - p) ≥ 2``.
    """
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
    """Inline mathematics as LaTeX.

    Parameters
    ----------
    x
        As for :func:`math_text`.
    inline
        Without ``\\left``/``\\right`` and ``\\frac`` of expressions, so that it can break
        across lines.

    Returns
    -------
    str
        LaTeX math, without ``$``.
    """
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
