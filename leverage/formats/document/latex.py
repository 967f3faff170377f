"""A document as LaTeX: a document ``pdflatex`` compiles, or a fragment to ``\\input``.

Prose is escaped and its typographic symbols (``—``, ``≈``, ``⇒`` …) become commands;
inline mathematics is breakable (``(a)/(b)`` rather than ``\\frac`` of expressions);
derivations are ``align*`` environments, a long chain split one relation per row.  Payoff
tables are :func:`leverage.formats.strategic_latex.strategic_latex` (``sgame`` or
``tabular``) for two and three players, a list of cells otherwise.

References
----------
- M. J. Osborne, ``sgame``: LaTeX macros for strategic games (CTAN ``sgame``, v2.15),
  the ``game`` environment.
- American Mathematical Society, *User's Guide for the amsmath Package* (version 2.1,
  2020): ``align*``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...errors import ParameterError
from ...expr.escape import latex_escape
from ...expr.printing import expr_latex
from ..strategic_latex import LATEX_STYLES, latex_document, strategic_latex
from .model import (
    REL_LATEX,
    Chain,
    Display,
    Document,
    Items,
    Link,
    Math,
    Para,
    PayoffTable,
    Rendered,
    math_latex,
    math_text,
)

__all__ = ["block_latex", "blocks_latex", "document_latex", "inline_latex", "prose_latex"]

_LATEX_UNICODE = {
    "—": "---",
    "–": "--",
    "≈": "$\\approx$",
    "·": "$\\cdot$",
    "⇒": "$\\Rightarrow$",
    "⇔": "$\\Leftrightarrow$",
    "≥": "$\\ge$",
    "≤": "$\\le$",
    "→": "$\\to$",
    "×": "$\\times$",
    "−": "$-$",
}


def prose_latex(text: str) -> str:
    """Plain text as LaTeX: special characters escaped, typographic symbols as commands.

    Parameters
    ----------
    text
        Plain text.

    Returns
    -------
    str
        LaTeX text mode, e.g. ``a---b $\\Rightarrow$ c`` for ``a—b ⇒ c``.
    """
    return "".join(_LATEX_UNICODE.get(ch, ch) for ch in latex_escape(text))


def inline_latex(parts: Sequence[Any]) -> str:
    """Inline pieces as LaTeX (mathematics breakable).

    Parameters
    ----------
    parts
        The pieces.

    Returns
    -------
    str
    """
    out = []
    for part in parts:
        if isinstance(part, Math):
            out.append("$" + math_latex(part.value, inline=True) + "$")
        elif isinstance(part, Rendered):
            out.append(part.latex)
        elif isinstance(part, Link):
            out.append(prose_latex(part.url))
        else:
            out.append(prose_latex(str(part)))
    return "".join(out)


def _table(block: PayoffTable, style: str) -> str:
    game = block.game
    if game is None:
        raise ValueError("a payoff table without its game")  # pragma: no cover
    if game.n_players in (2, 3):
        return strategic_latex(game, style=style, marks=block.marks, equilibria=block.equilibria)
    rows = []
    for idx in game.profiles():
        label = ", ".join(game.strategies[p][k] for p, k in enumerate(idx))
        pays = ", ".join(expr_latex(arr[idx]) for arr in game.payoffs)
        rows.append(f"\\item {latex_escape(label)}: ${pays}$")
    return "\\begin{itemize}\n" + "\n".join(rows) + "\n\\end{itemize}"


def _display(block: Display) -> str:
    rows = []
    for line in block.lines:
        label = f"\\text{{{prose_latex(line.label)}}}" if line.label else ""
        lead = REL_LATEX.get(line.lead, line.lead)
        math = line.math
        if isinstance(math, Chain) and len(math_text(math)) > 60:
            # a long chain: one relation per row, aligned under the first item
            k = 2 if len(math_text(math.items[0])) <= 20 else 1
            head = math_latex(Chain(math.items[:k], math.relations[: k - 1]))
            rows.append(f"{label} &\\; {lead} {head}")
            for rel, item in zip(math.relations[k - 1 :], math.items[k:], strict=True):
                rel_l = REL_LATEX.get(rel, rel)
                rows.append(f" &\\; {rel_l} {math_latex(item)}")
        else:
            rows.append(f"{label} &\\; {lead} {math_latex(math)}")
    return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"


def block_latex(block: Any, *, style: str = "sgame") -> str:
    """One block as LaTeX.

    Parameters
    ----------
    block
        A block of :mod:`.model`.
    style
        The style of payoff tables, one of
        :data:`~leverage.formats.strategic_latex.LATEX_STYLES`.

    Returns
    -------
    str
        The LaTeX, without a final newline.
    """
    if isinstance(block, Para):
        return inline_latex(block.parts)
    if isinstance(block, Items):
        rows = []
        for k, item in enumerate(block.items):
            rows.append("\\item " + inline_latex(item))
            if block.sub(k):
                rows.append("\\begin{itemize}")
                rows += ["\\item " + inline_latex(child) for child in block.sub(k)]
                rows.append("\\end{itemize}")
        return "\\begin{itemize}\n" + "\n".join(rows) + "\n\\end{itemize}"
    if isinstance(block, Display):
        return _display(block)
    if isinstance(block, PayoffTable):
        return _table(block, style)
    if isinstance(block, Rendered):
        return block.latex
    raise TypeError(block)  # pragma: no cover


def blocks_latex(blocks: Sequence[Any], *, style: str = "sgame") -> str:
    """Blocks as LaTeX, separated by blank lines.

    Parameters
    ----------
    blocks
        Blocks of :mod:`.model`.
    style
        As for :func:`block_latex`.

    Returns
    -------
    str
    """
    return "\n\n".join(block_latex(b, style=style) for b in blocks)


def _body(doc: Document, style: str) -> str:
    out = ["\\begin{sloppypar}"]
    if doc.lead:
        # a long list of names: ragged right, not stretched across the line
        out.append("{\\raggedright " + prose_latex(doc.lead) + "\\par}\n")
    for n, section in enumerate(doc.sections, start=1):
        out.append(f"\\subsection*{{{n}. {prose_latex(section.title)}}}\n")
        previous: Any = None
        for block in section.blocks:
            # a derivation continues the paragraph that introduces it (no blank line)
            glue = "\n" if isinstance(block, Display) and previous is not None else "\n\n"
            text = block_latex(block, style=style)
            if isinstance(block, Items):
                text += "\n"  # a list ends its paragraph with a blank line
            out.append((glue if previous is not None else "") + text)
            previous = block
        out.append("\n")
    out.append("\\end{sloppypar}")
    return "".join(out)


def document_latex(doc: Document, *, standalone: bool = True, style: str = "sgame") -> str:
    """A whole document as LaTeX: numbered ``\\subsection*`` sections, the lead ragged right.

    Parameters
    ----------
    doc
        The document.
    standalone
        A complete document (compiles on its own with ``pdflatex``; its title a
        ``\\section*``) rather than a fragment to ``\\input``.
    style
        ``"sgame"`` (the ``sgame`` package's game tables) or ``"tabular"``.

    Returns
    -------
    str

    Raises
    ------
    ParameterError
        For an unknown ``style``.
    """
    if style not in LATEX_STYLES:
        raise ParameterError(f"unknown LaTeX style {style!r}; choose sgame or tabular")
    body = _body(doc, style)
    if not standalone:
        return body
    text = latex_document(body, title=doc.title or None)
    layout = "\\setlength{\\parindent}{0pt}\\setlength{\\parskip}{0.6\\baselineskip}"
    if "amsmath" not in text:
        layout = "\\usepackage{amsmath}\n" + layout
    return text.replace("\\begin{document}", layout + "\n\\begin{document}", 1)
