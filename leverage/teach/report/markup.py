"""Small HTML builders shared by the report's sections: escaped text with its web
addresses as links and a description's paragraphs and lists (both written as blocks of
:mod:`leverage.formats.document` and rendered by its HTML renderer), exact numbers,
tables that stack on a phone, and notes.  Formulas are printed by
:func:`leverage.expr.printing.formula_html`.

Every text that may come from a model file is escaped with :func:`html.escape`; only
``http``/``https`` addresses become links (so ``javascript:`` never does).  Numbers are
printed by :func:`leverage.formats.text.number` and :func:`leverage.formats.text.decimal`,
as everywhere else in the toolkit.

Mathematics
-----------
None beyond printing: a fraction whose decimal expansion terminates is shown with its
decimal (``7/4 (= 1.75)``), any other with a six-digit approximation (``1/3 (≈ 0.333333)``).

References
----------
- WHATWG, *HTML Living Standard*, "Character references": what :func:`html.escape`
  guards against.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction
from html import escape
from typing import Any

from ...formats.document import Items
from ...formats.document.html import block_html, blocks_html, inline_html
from ...formats.document.parse import linked_parts, prose_blocks
from ...formats.text import decimal, number

__all__ = ["bullets", "linked", "note", "num", "prose", "table"]


def linked(text: str) -> str:
    """Escape ``text`` and turn its http(s) addresses into links.

    Parameters
    ----------
    text
        Plain text, e.g. a parameter's source.

    Returns
    -------
    str
        HTML; trailing punctuation (and an unbalanced closing parenthesis) stays outside
        the link (:func:`leverage.formats.document.parse.linked_parts`).

    Examples
    --------
    >>> linked("see https://example.org/a?b=1&c=2.")
    'see <a class="source" href="https://example.org/a?b=1&amp;c=2" rel="noopener">\
https://example.org/a?b=1&amp;c=2</a>.'
    """
    return inline_html(linked_parts(text))


def prose(text: str) -> str:
    """Paragraphs (separated by blank lines) and ``- `` lists of a description, as HTML.

    Parameters
    ----------
    text
        A model's description: paragraphs separated by blank lines; a line starting with
        ``- `` or ``* `` opens a list item, an indented line continues it.

    Returns
    -------
    str
        ``<p>`` and ``<ul>`` elements, one a line, the text escaped and linked
        (:func:`leverage.formats.document.parse.prose_blocks`).

    Examples
    --------
    >>> print(prose("One\\ntwo.\\n\\n- a & b\\n  c"))
    <p>One two.</p>
    <ul><li>a &amp; b c</li></ul>
    """
    return blocks_html(prose_blocks(text), compact=True)


def bullets(items: Sequence[Sequence[str]]) -> str:
    """A ``<ul>`` of plain-text items, each given as its lines (joined by spaces).

    Parameters
    ----------
    items
        The items, each a sequence of text lines.

    Returns
    -------
    str
        The list, every item escaped and linked (:func:`linked`).
    """
    return block_html(Items(tuple(linked_parts(" ".join(i)) for i in items)), compact=True)


def num(v: Any) -> str:
    """An exact number, with a decimal approximation for a non-integer fraction.

    Parameters
    ----------
    v
        A number (``Fraction``, ``int`` or float).

    Returns
    -------
    str
        ``<span class="num">`` with the number, followed for a non-integer fraction by
        ``<span class="approx">`` with ``(= decimal)`` or ``(≈ 6 digits)``.

    Examples
    --------
    >>> num(Fraction(1, 3))
    '<span class="num">1/3</span> <span class="approx">(≈ 0.333333)</span>'
    >>> num(Fraction(7, 4))
    '<span class="num">7/4</span> <span class="approx">(= 1.75)</span>'
    """
    if isinstance(v, Fraction) and v.denominator != 1:
        short = decimal(v)
        approx = f"{float(v):.6g}" if "/" in short else short
        sign = "≈ " if "/" in short else "= "
        return (
            f'<span class="num">{escape(str(v))}</span>'
            f' <span class="approx">({sign}{escape(approx)})</span>'
        )
    return f'<span class="num">{escape(number(v))}</span>'


def table(
    head: Sequence[str], rows: Sequence[Sequence[str]], cls: str = "", *, stack: bool = True
) -> str:
    """A table inside a horizontally scrollable wrapper (cells and headings are HTML).

    Each cell carries its column heading as ``data-label``, shown above the cell when a
    narrow screen stacks the rows (class ``stack``).

    Parameters
    ----------
    head
        The column headings (HTML).
    rows
        The rows, each with one cell (HTML) per heading.
    cls
        Further classes of the ``<table>``; the last one names the table.
    stack
        Whether the rows stack on a narrow screen.

    Returns
    -------
    str
        ``<div class="scroll"><table>…</table></div>``.
    """
    th = "".join(f'<th scope="col">{h}</th>' for h in head)
    labels = [escape(re.sub(r"<[^>]*>", "", h), quote=True) for h in head]
    body = "".join(
        "<tr>"
        + "".join(f'<td data-label="{lab}">{c}</td>' for lab, c in zip(labels, row, strict=True))
        + "</tr>"
        for row in rows
    )
    classes = f"stack {cls}" if stack else cls
    return (
        f'<div class="scroll"><table class="{classes}"><thead><tr>{th}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def note(text: str) -> str:
    """A remark set apart from the text.

    Parameters
    ----------
    text
        The remark, already HTML (escape model text first).

    Returns
    -------
    str
        A ``<p class="note">``.
    """
    return f'<p class="note">{text}</p>'
