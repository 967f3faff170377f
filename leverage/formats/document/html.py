"""A document as an HTML fragment: every text escaped, inline mathematics in
``<span class="math">``, derivations in ``<pre class="derivation">``, web addresses as
links, payoff tables from :func:`leverage.formats.strategic.strategic_html`.

References
----------
- WHATWG, *HTML Living Standard*, "Character references": what :func:`html.escape`
  guards against.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from ..strategic import strategic_html
from .model import (
    REL_TEXT,
    Display,
    Document,
    Items,
    Link,
    Math,
    Para,
    PayoffTable,
    Rendered,
    math_text,
)

__all__ = ["block_html", "blocks_html", "document_html", "inline_html"]


def inline_html(parts: Sequence[Any]) -> str:
    """Inline pieces as HTML.

    Parameters
    ----------
    parts
        The pieces.

    Returns
    -------
    str
        Prose escaped, mathematics in ``<span class="math">``, links as
        ``<a class="source" rel="noopener">``.
    """
    out = []
    for part in parts:
        if isinstance(part, Math):
            out.append('<span class="math">' + escape(math_text(part.value)) + "</span>")
        elif isinstance(part, Rendered):
            out.append(escape(part.markdown))
        elif isinstance(part, Link):
            url = escape(part.url)
            out.append(f'<a class="source" href="{url}" rel="noopener">{url}</a>')
        else:
            out.append(escape(str(part)))
    return "".join(out)


def block_html(block: Any, *, compact: bool = False) -> str:
    """One block as HTML.

    Parameters
    ----------
    block
        A block of :mod:`.model`.
    compact
        A list on one line (``<ul><li>…</li></ul>``) rather than one item a line.

    Returns
    -------
    str
    """
    if isinstance(block, Para):
        return "<p>" + inline_html(block.parts) + "</p>"
    if isinstance(block, Items):
        rows = []
        for k, item in enumerate(block.items):
            sub = "".join("<li>" + inline_html(c) + "</li>" for c in block.sub(k))
            rows.append("<li>" + inline_html(item) + (f"<ul>{sub}</ul>" if sub else "") + "</li>")
        if compact:
            return "<ul>" + "".join(rows) + "</ul>"
        return "<ul>\n" + "\n".join(rows) + "\n</ul>"
    if isinstance(block, Display):
        rows = []
        for line in block.lines:
            lead = REL_TEXT.get(line.lead, line.lead)
            text = (line.label + "  " if line.label else "") + (lead + " " if lead else "")
            rows.append(escape(text + math_text(line.math)))
        return '<pre class="derivation">' + "\n".join(rows) + "</pre>"
    if isinstance(block, PayoffTable):
        if block.game is None:
            raise ValueError("a payoff table without its game")  # pragma: no cover
        return strategic_html(block.game, marks=block.marks, equilibria=block.equilibria)
    if isinstance(block, Rendered):
        return escape(block.markdown)
    raise TypeError(block)  # pragma: no cover


def blocks_html(blocks: Sequence[Any], *, compact: bool = False) -> str:
    """Blocks as HTML, one a line.

    Parameters
    ----------
    blocks
        Blocks of :mod:`.model`.
    compact
        As for :func:`block_html`.

    Returns
    -------
    str
    """
    return "\n".join(block_html(b, compact=compact) for b in blocks)


def document_html(doc: Document, *, cls: str = "") -> str:
    """A whole document as an HTML ``<section>``: ``<h2>`` title, lead, ``<h3>`` numbered
    sections.

    Parameters
    ----------
    doc
        The document (no ``<h2>`` without a title).
    cls
        The class of the ``<section>``.

    Returns
    -------
    str
        The fragment, ending with a newline.
    """
    out = [f'<section class="{escape(cls)}">' if cls else "<section>"]
    if doc.title:
        out.append(f"<h2>{escape(doc.title)}</h2>")
    if doc.lead:
        out.append(f"<p>{escape(doc.lead)}</p>")
    for n, section in enumerate(doc.sections, start=1):
        out.append(f"<h3>{n}. {escape(section.title)}</h3>")
        out += [block_html(b) for b in section.blocks]
    out.append("</section>")
    return "\n".join(out) + "\n"
