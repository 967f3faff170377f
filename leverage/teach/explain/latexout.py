"""An explanation as LaTeX: a document ``pdflatex`` compiles, or a fragment to ``\\input``.

Prose is escaped and its typographic symbols (``—``, ``≈``, ``⇒`` …) become commands;
inline mathematics is breakable (``(a)/(b)`` rather than ``\\frac`` of expressions);
derivations are ``align*`` environments, a long chain split one relation per row.  The
payoff table is :func:`leverage.formats.strategic_latex.strategic_latex` (``sgame`` or
``tabular``) for two and three players, a list of cells otherwise.

Mathematics
-----------
None beyond printing: expressions as in :mod:`.notation`.

References
----------
- M. J. Osborne, ``sgame``: LaTeX macros for strategic games (CTAN ``sgame``, v2.15),
  the ``game`` environment.
- American Mathematical Society, *User's Guide for the amsmath Package* (version 2.1,
  2020): ``align*``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...errors import ParameterError
from ...expr.escape import latex_escape
from ...expr.printing import expr_latex
from ...formats.strategic_latex import LATEX_STYLES, latex_document, strategic_latex
from .document import Chain, Display, Items, Math, Para, Table
from .facts import parameters_line, pure_profiles
from .notation import REL_LATEX, math_latex, math_text, sym

if TYPE_CHECKING:  # pragma: no cover
    from .facts import ExplanationFacts as Explanation

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


def _prose(text: str) -> str:
    """Plain text as LaTeX: special characters escaped, typographic symbols as commands."""
    return "".join(_LATEX_UNICODE.get(ch, ch) for ch in latex_escape(text))


def _inline(parts: Sequence[Any]) -> str:
    out = []
    for part in parts:
        if isinstance(part, Math):
            out.append("$" + math_latex(part.value, inline=True) + "$")
        else:
            out.append(_prose(str(part)))
    return "".join(out)


def _table(ex: Explanation, style: str) -> str:
    game = ex.game
    if game.n_players in (2, 3):
        return strategic_latex(game, style=style, equilibria=pure_profiles(ex))
    rows = []
    for idx in game.profiles():
        label = ", ".join(game.strategies[p][k] for p, k in enumerate(idx))
        pays = ", ".join(expr_latex(sym(arr[idx])) for arr in game.payoffs)
        rows.append(f"\\item {latex_escape(label)}: ${pays}$")
    return "\\begin{itemize}\n" + "\n".join(rows) + "\n\\end{itemize}"


def _display(block: Display) -> str:
    rows = []
    for line in block.lines:
        label = f"\\text{{{_prose(line.label)}}}" if line.label else ""
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


def _block(ex: Explanation, block: Any, style: str) -> str:
    if isinstance(block, Para):
        return _inline(block.parts)
    if isinstance(block, Items):
        rows = []
        for k, item in enumerate(block.items):
            rows.append("\\item " + _inline(item))
            if block.sub(k):
                rows.append("\\begin{itemize}")
                rows += ["\\item " + _inline(child) for child in block.sub(k)]
                rows.append("\\end{itemize}")
        return "\\begin{itemize}\n" + "\n".join(rows) + "\n\\end{itemize}\n"
    if isinstance(block, Display):
        return _display(block)
    if isinstance(block, Table):
        return _table(ex, style)
    raise TypeError(block)  # pragma: no cover


def _body(ex: Explanation, style: str) -> str:
    out = ["\\begin{sloppypar}"]
    if ex.game.parameters:
        # a long list of names: ragged right, not stretched across the line
        out.append("{\\raggedright " + _prose(parameters_line(ex)) + "\\par}\n")
    for n, section in enumerate(ex.sections, start=1):
        out.append(f"\\subsection*{{{n}. {_prose(section.title)}}}\n")
        previous: Any = None
        for block in section.blocks:
            # a derivation continues the paragraph that introduces it (no blank line)
            glue = "\n" if isinstance(block, Display) and previous is not None else "\n\n"
            out.append((glue if previous is not None else "") + _block(ex, block, style))
            previous = block
        out.append("\n")
    out.append("\\end{sloppypar}")
    return "".join(out)


def explanation_latex(ex: Explanation, *, standalone: bool = True, style: str = "sgame") -> str:
    """The explanation as LaTeX (:meth:`.Explanation.to_latex`).

    Parameters
    ----------
    ex
        The explanation.
    standalone
        A complete document (compiles on its own with ``pdflatex``) rather than a
        fragment to ``\\input``.
    style
        ``"sgame"`` (the ``sgame`` package's game tables) or ``"tabular"``.

    Raises
    ------
    ParameterError
        For an unknown ``style``.
    """
    if style not in LATEX_STYLES:
        raise ParameterError(f"unknown LaTeX style {style!r}; choose sgame or tabular")
    body = _body(ex, style)
    if not standalone:
        return body
    doc = latex_document(body, title=f"Explaining: {ex.title}" if ex.title else None)
    layout = "\\setlength{\\parindent}{0pt}\\setlength{\\parskip}{0.6\\baselineskip}"
    if "amsmath" not in doc:
        layout = "\\usepackage{amsmath}\n" + layout
    return doc.replace("\\begin{document}", layout + "\n\\begin{document}", 1)
