"""An explanation as plain text for a terminal: wrapped prose, indented derivations.

Paragraphs and list items are wrapped to the width (80 columns by default); a short
piece of inline mathematics is never broken across lines.  The payoff table is
:func:`leverage.formats.strategic.strategic_text`, best responses marked.

Mathematics
-----------
None beyond printing: expressions as in :mod:`.notation`.

References
----------
- M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004): the
  marking of best responses in the table, §2.8.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...formats.strategic import strategic_text
from ...formats.text import WIDTH
from .document import Display, Items, Math, Para, Table
from .facts import parameters_line
from .notation import REL_TEXT, math_text

if TYPE_CHECKING:  # pragma: no cover
    from .facts import ExplanationFacts as Explanation


class _TextRenderer:
    def __init__(self, ex: Explanation, width: int) -> None:
        self.ex = ex
        self.width = width

    def inline(self, parts: Sequence[Any]) -> str:
        out = []
        for part in parts:
            if isinstance(part, Math):
                text = math_text(part.value)
                out.append(text.replace(" ", "\xa0") if len(text) <= self.width // 2 else text)
            else:
                out.append(str(part))
        return "".join(out)

    def wrap(self, text: str, first: str = "", rest: str = "") -> list[str]:
        lines = textwrap.wrap(
            text,
            self.width,
            initial_indent=first,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        return [line.replace("\xa0", " ") for line in lines] or [first.rstrip()]

    def block(self, block: Any) -> list[str]:
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
        if isinstance(block, Table):
            return strategic_text(self.ex.game).splitlines()
        raise TypeError(block)  # pragma: no cover

    def render(self) -> str:
        ex = self.ex
        lines: list[str] = []
        title = f"Explaining: {ex.title}" if ex.title else "Explaining the game"
        lines += self.wrap(title)
        lines.append("=" * min(self.width, max(len(line) for line in lines)))
        if ex.game.parameters:
            lines += self.wrap(parameters_line(ex), "", "  ")
        for n, section in enumerate(ex.sections, start=1):
            heading = f"{n}. {section.title}"
            lines += ["", heading, "-" * len(heading)]
            previous: Any = None
            for block in section.blocks:
                follows = isinstance(previous, Para) and _plain(previous).endswith(":")
                if previous is not None and not (isinstance(block, (Items, Display)) and follows):
                    lines.append("")
                lines += self.block(block)
                previous = block
        return "\n".join(lines) + "\n"


def _plain(para: Para) -> str:
    return "".join(math_text(p.value) if isinstance(p, Math) else str(p) for p in para.parts)


def explanation_text(ex: Explanation, *, width: int = WIDTH) -> str:
    """The explanation as plain text, ``width`` columns (:meth:`.Explanation.to_text`)."""
    return _TextRenderer(ex, width).render()
