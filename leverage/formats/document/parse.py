"""Plain text as document pieces: web addresses as :class:`~.model.Link`, and a
description's paragraphs and ``- `` lists as :class:`~.model.Para` and
:class:`~.model.Items` blocks.

Only ``http``/``https`` addresses are recognised (so ``javascript:`` never becomes a link);
trailing punctuation, and a closing parenthesis that the address does not open, stay
outside it.
"""

from __future__ import annotations

import re
from typing import Any

from .model import Items, Link, Para

__all__ = ["URL", "linked_parts", "prose_blocks"]

#: An ``http``/``https`` address in free text (trailing punctuation is trimmed later).
URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)


def linked_parts(text: str) -> tuple[Any, ...]:
    """Text as inline pieces, its web addresses as :class:`~.model.Link`.

    Parameters
    ----------
    text
        Plain text, e.g. a parameter's source.

    Returns
    -------
    tuple
        ``str`` and :class:`~.model.Link` pieces, in order (empty text pieces kept, so
        that the pieces always alternate text, link, text …).

    Examples
    --------
    >>> linked_parts("see https://example.org/a.")
    ('see ', Link(url='https://example.org/a'), '.')
    """
    out: list[Any] = []
    last = 0
    for m in URL.finditer(text):
        url = m.group(0).rstrip(".,;:!?)]}")
        if url.count("(") > url.count(")") and text[m.start() + len(url) :].startswith(")"):
            url += ")"
        out += [text[last : m.start()], Link(url)]
        last = m.start() + len(url)
    out.append(text[last:])
    return tuple(out)


def prose_blocks(text: str) -> list[Para | Items]:
    """A description's paragraphs and lists as blocks.

    Parameters
    ----------
    text
        Paragraphs separated by blank lines; a line starting with ``- `` or ``* `` opens a
        list item, an indented line continues it.

    Returns
    -------
    list
        :class:`~.model.Para` and :class:`~.model.Items` blocks, lines joined by spaces
        and web addresses as links (:func:`linked_parts`).
    """
    blocks: list[Para | Items] = []

    def flush_items(items: list[list[str]]) -> None:
        blocks.append(Items(tuple(linked_parts(" ".join(i)) for i in items)))

    for chunk in re.split(r"\n\s*\n", text.strip()):
        para: list[str] = []
        items: list[list[str]] = []
        for line in chunk.splitlines():
            stripped = line.strip()
            if stripped.startswith(("- ", "* ")):
                if para:
                    blocks.append(Para(linked_parts(" ".join(para))))
                    para = []
                items.append([stripped[2:]])
            elif items and line[:1].isspace():
                items[-1].append(stripped)
            else:
                if items:
                    flush_items(items)
                    items = []
                para.append(stripped)
        if para:
            blocks.append(Para(linked_parts(" ".join(para))))
        if items:
            flush_items(items)
    return blocks
