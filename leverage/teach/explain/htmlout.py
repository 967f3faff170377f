"""An explanation as an HTML fragment for a report page: every text escaped, inline
mathematics in ``<span class="math">``, derivations in ``<pre class="derivation">``, the
payoff table from :func:`leverage.formats.strategic.strategic_html`.

Mathematics
-----------
None beyond printing: expressions as plain text (:mod:`.notation`).

References
----------
- WHATWG, *HTML Living Standard*, "Character references": what
  :func:`html.escape` guards against.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...formats.strategic import strategic_html
from .document import Display, Items, Math, Para, Table
from .facts import parameters_line, pure_profiles
from .notation import REL_TEXT, math_text

if TYPE_CHECKING:  # pragma: no cover
    from .facts import ExplanationFacts as Explanation


def _inline(parts: Sequence[Any]) -> str:
    out = []
    for part in parts:
        if isinstance(part, Math):
            out.append('<span class="math">' + html.escape(math_text(part.value)) + "</span>")
        else:
            out.append(html.escape(str(part)))
    return "".join(out)


def _block(ex: Explanation, block: Any) -> str:
    if isinstance(block, Para):
        return "<p>" + _inline(block.parts) + "</p>"
    if isinstance(block, Items):
        rows = []
        for k, item in enumerate(block.items):
            sub = "".join("<li>" + _inline(c) + "</li>" for c in block.sub(k))
            rows.append("<li>" + _inline(item) + (f"<ul>{sub}</ul>" if sub else "") + "</li>")
        return "<ul>\n" + "\n".join(rows) + "\n</ul>"
    if isinstance(block, Display):
        rows = []
        for line in block.lines:
            lead = REL_TEXT.get(line.lead, line.lead)
            text = (line.label + "  " if line.label else "") + (lead + " " if lead else "")
            rows.append(html.escape(text + math_text(line.math)))
        return '<pre class="derivation">' + "\n".join(rows) + "</pre>"
    if isinstance(block, Table):
        return strategic_html(ex.game, equilibria=pure_profiles(ex))
    raise TypeError(block)  # pragma: no cover


def explanation_html(ex: Explanation) -> str:
    """The explanation as an HTML fragment (:meth:`.Explanation.to_html`)."""
    out = ['<section class="leverage-explanation">']
    if ex.title:
        out.append(f"<h2>{html.escape('Explaining: ' + ex.title)}</h2>")
    if ex.game.parameters:
        out.append(f"<p>{html.escape(parameters_line(ex))}</p>")
    for n, section in enumerate(ex.sections, start=1):
        out.append(f"<h3>{n}. {html.escape(section.title)}</h3>")
        out += [_block(ex, b) for b in section.blocks]
    out.append("</section>")
    return "\n".join(out) + "\n"
