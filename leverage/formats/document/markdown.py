"""A document as Markdown: prose escaped, mathematics in code spans, derivations in fenced
code blocks, payoff tables as pipe tables.

References
----------
- J. MacFarlane, *CommonMark Spec*, version 0.31.2 (2024): code spans, fenced code blocks,
  autolinks, and the characters escaped by :func:`leverage.expr.escape.markdown_escape`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...expr.escape import markdown_escape
from ..strategic import strategic_markdown
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

__all__ = ["blocks_markdown", "document_markdown", "inline_markdown"]


def inline_markdown(parts: Sequence[Any], *, escape: bool = True) -> str:
    """Inline pieces as Markdown.

    Parameters
    ----------
    parts
        The pieces.
    escape
        Escape the prose (:func:`~leverage.expr.escape.markdown_escape`); ``False``: the
        prose is Markdown already.

    Returns
    -------
    str
    """
    out = []
    for part in parts:
        if isinstance(part, Math):
            out.append("`" + math_text(part.value).replace("`", "'") + "`")
        elif isinstance(part, Rendered):
            out.append(part.markdown)
        elif isinstance(part, Link):
            out.append(f"<{part.url}>")
        else:
            out.append(markdown_escape(str(part)) if escape else str(part))
    return "".join(out)


def block_markdown(block: Any, *, escape: bool = True) -> str:
    """One block as Markdown.

    Parameters
    ----------
    block
        A block of :mod:`.model`.
    escape
        As for :func:`inline_markdown`.

    Returns
    -------
    str
    """
    if isinstance(block, Para):
        return inline_markdown(block.parts, escape=escape)
    if isinstance(block, Items):
        rows = []
        for k, item in enumerate(block.items):
            rows.append("- " + inline_markdown(item, escape=escape))
            rows += ["  - " + inline_markdown(child, escape=escape) for child in block.sub(k)]
        return "\n".join(rows)
    if isinstance(block, Display):
        label_w = max((len(line.label) for line in block.lines), default=0)
        rows = []
        for line in block.lines:
            head = f"{line.label:<{label_w}}  " if label_w else ""
            lead = REL_TEXT.get(line.lead, line.lead)
            rows.append(head + (lead + " " if lead else "") + math_text(line.math))
        return "```text\n" + "\n".join(rows) + "\n```"
    if isinstance(block, PayoffTable):
        if block.game is None:
            raise ValueError("a payoff table without its game")  # pragma: no cover
        return strategic_markdown(block.game, marks=block.marks, equilibria=block.equilibria)
    if isinstance(block, Rendered):
        return block.markdown
    raise TypeError(block)  # pragma: no cover


def blocks_markdown(blocks: Sequence[Any], *, escape: bool = True) -> str:
    """Blocks as Markdown, separated by blank lines.

    Parameters
    ----------
    blocks
        Blocks of :mod:`.model`.
    escape
        As for :func:`inline_markdown`.

    Returns
    -------
    str
    """
    return "\n\n".join(block_markdown(b, escape=escape) for b in blocks)


def document_markdown(doc: Document) -> str:
    """A whole document as Markdown: ``#`` title, lead, ``##`` numbered sections.

    Parameters
    ----------
    doc
        The document.

    Returns
    -------
    str
        The Markdown, ending with a newline.
    """
    out = [f"# {markdown_escape(doc.title or doc.untitled)}"]
    if doc.lead:
        out.append(markdown_escape(doc.lead))
    for n, section in enumerate(doc.sections, start=1):
        out.append(f"## {n}. {markdown_escape(section.title)}")
        out += [block_markdown(b) for b in section.blocks]
    return "\n\n".join(out) + "\n"
