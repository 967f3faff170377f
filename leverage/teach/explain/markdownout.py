"""An explanation as Markdown: prose escaped, mathematics in code spans, derivations in
fenced code blocks, the payoff table as a pipe table.

Mathematics
-----------
None beyond printing: expressions as plain text (:mod:`.notation`).

References
----------
- J. MacFarlane, *CommonMark Spec*, version 0.31.2 (2024): code spans, fenced code blocks,
  and the characters escaped by :func:`leverage.expr.escape.markdown_escape`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...expr.escape import markdown_escape
from ...formats.strategic import strategic_markdown
from .document import Display, Items, Math, Para, Table
from .facts import parameters_line, pure_profiles
from .notation import REL_TEXT, math_text

if TYPE_CHECKING:  # pragma: no cover
    from .facts import ExplanationFacts as Explanation


def _inline(parts: Sequence[Any]) -> str:
    out = []
    for part in parts:
        if isinstance(part, Math):
            out.append("`" + math_text(part.value).replace("`", "'") + "`")
        else:
            out.append(markdown_escape(str(part)))
    return "".join(out)


def _block(ex: Explanation, block: Any) -> str:
    if isinstance(block, Para):
        return _inline(block.parts)
    if isinstance(block, Items):
        rows = []
        for k, item in enumerate(block.items):
            rows.append("- " + _inline(item))
            rows += ["  - " + _inline(child) for child in block.sub(k)]
        return "\n".join(rows)
    if isinstance(block, Display):
        label_w = max((len(line.label) for line in block.lines), default=0)
        rows = []
        for line in block.lines:
            head = f"{line.label:<{label_w}}  " if label_w else ""
            lead = REL_TEXT.get(line.lead, line.lead)
            rows.append(head + (lead + " " if lead else "") + math_text(line.math))
        return "```text\n" + "\n".join(rows) + "\n```"
    if isinstance(block, Table):
        return strategic_markdown(ex.game, equilibria=pure_profiles(ex))
    raise TypeError(block)  # pragma: no cover


def explanation_markdown(ex: Explanation) -> str:
    """The explanation as Markdown (:meth:`.Explanation.to_markdown`)."""
    title = f"Explaining: {ex.title}" if ex.title else "Explaining the game"
    out = [f"# {markdown_escape(title)}"]
    if ex.game.parameters:
        out.append(markdown_escape(parameters_line(ex)))
    for n, section in enumerate(ex.sections, start=1):
        out.append(f"## {n}. {markdown_escape(section.title)}")
        out += [_block(ex, b) for b in section.blocks]
    return "\n\n".join(out) + "\n"
