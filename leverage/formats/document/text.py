"""A document as plain text for a terminal: wrapped prose, indented derivations.

Paragraphs and list items are wrapped to the width (80 columns by default); a short
piece of inline mathematics is never broken across lines.  Payoff tables are
:func:`leverage.formats.strategic.strategic_text`, best responses marked.

References
----------
- M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004): the
  marking of best responses in the table, §2.8.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..strategic import strategic_text
from ..text import WIDTH, wrap_held
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

__all__ = ["document_text", "plain"]


class TextRenderer:
    """Renders blocks as lines of plain text, ``width`` columns.

    Parameters
    ----------
    width
        The line width.
    """

    def __init__(self, width: int = WIDTH) -> None:
        self.width = width

    def inline(self, parts: Sequence[Any]) -> str:
        """Inline pieces as one line of text (short mathematics unbreakable).

        Parameters
        ----------
        parts
            The pieces.

        Returns
        -------
        str
            The text, short mathematics joined by no-break spaces.
        """
        out = []
        for part in parts:
            if isinstance(part, Math):
                text = math_text(part.value)
                out.append(text.replace(" ", "\xa0") if len(text) <= self.width // 2 else text)
            elif isinstance(part, Rendered):
                out.append(part.markdown)
            elif isinstance(part, Link):
                out.append(part.url)
            else:
                out.append(str(part))
        return "".join(out)

    def wrap(self, text: str, first: str = "", rest: str = "") -> list[str]:
        """Text wrapped to the width, with indents.

        Parameters
        ----------
        text
            The text (no-break spaces hold pieces together).
        first, rest
            The indent of the first line and of the others.

        Returns
        -------
        list of str
            The lines (at least one).
        """
        return wrap_held(text, self.width, indent=first, subsequent=rest)

    def block(self, block: Any) -> list[str]:
        """One block as lines.

        Parameters
        ----------
        block
            A block of :mod:`.model`.

        Returns
        -------
        list of str
        """
        if isinstance(block, Para):
            return self.wrap(self.inline(block.parts))
        if isinstance(block, Items):
            out = []
            for k, item in enumerate(block.items):
                out += self.wrap(self.inline(item), "  - ", "    ")
                for child in block.sub(k):
                    out += self.wrap(self.inline(child), "      · ", "        ")
            return out
        if isinstance(block, Display):
            label_w = max((len(line.label) for line in block.lines), default=0)
            out = []
            for line in block.lines:
                head = "    " + (f"{line.label:<{label_w}}  " if label_w else "")
                lead = REL_TEXT.get(line.lead, line.lead)
                text = (lead + " " if lead else "") + math_text(line.math)
                out += self.wrap(text, head, " " * (len(head) + 4))
            return out
        if isinstance(block, PayoffTable):
            if block.game is None:
                raise ValueError("a payoff table without its game")  # pragma: no cover
            return strategic_text(block.game, marks=block.marks).splitlines()
        if isinstance(block, Rendered):
            return block.markdown.splitlines()
        raise TypeError(block)  # pragma: no cover

    def document(self, doc: Document) -> str:
        """A whole document: title underlined, lead, numbered sections.

        A list or derivation that follows a paragraph ending in ``:`` continues it (no
        blank line between).

        Parameters
        ----------
        doc
            The document.

        Returns
        -------
        str
            The text, ending with a newline.
        """
        lines: list[str] = []
        lines += self.wrap(doc.title or doc.untitled)
        lines.append("=" * min(self.width, max(len(line) for line in lines)))
        if doc.lead:
            lines += self.wrap(doc.lead, "", "  ")
        for n, section in enumerate(doc.sections, start=1):
            heading = f"{n}. {section.title}"
            lines += ["", heading, "-" * len(heading)]
            previous: Any = None
            for block in section.blocks:
                follows = isinstance(previous, Para) and plain(previous).endswith(":")
                if previous is not None and not (isinstance(block, (Items, Display)) and follows):
                    lines.append("")
                lines += self.block(block)
                previous = block
        return "\n".join(lines) + "\n"


def plain(block: Para) -> str:
    """A paragraph's text, unwrapped (mathematics as plain text).

    Parameters
    ----------
    block
        The paragraph.

    Returns
    -------
    str
    """
    return "".join(
        math_text(p.value)
        if isinstance(p, Math)
        else p.markdown
        if isinstance(p, Rendered)
        else p.url
        if isinstance(p, Link)
        else str(p)
        for p in block.parts
    )


def document_text(doc: Document, *, width: int = WIDTH) -> str:
    """A document as plain text.

    Parameters
    ----------
    doc
        The document.
    width
        The line width.

    Returns
    -------
    str
        The text, ending with a newline.
    """
    return TextRenderer(width).document(doc)
