"""The explanation as a document of :mod:`leverage.formats.document`, and its renderings.

:func:`explanation_document` gives the document its title (``Explaining: …``), the
parameters line and the sections built by :mod:`.build`, with the payoff table of the
game filled in (its pure equilibria marked); the renderers of
:mod:`leverage.formats.document` write it as text, Markdown, LaTeX or HTML.  Nothing is
computed or written out here beyond those headings.
"""

from __future__ import annotations

from typing import Any

from ...formats.document import Document, PayoffTable, Section
from ...formats.document.html import document_html
from ...formats.document.latex import document_latex
from ...formats.document.markdown import document_markdown
from ...formats.document.text import document_text
from ...formats.text import WIDTH
from .facts import ExplanationFacts, parameters_line, pure_profiles

__all__ = [
    "explanation_document",
    "explanation_html",
    "explanation_latex",
    "explanation_markdown",
    "explanation_text",
]


def explanation_document(ex: ExplanationFacts) -> Document:
    """The explanation as a document, ready to render.

    Parameters
    ----------
    ex
        The explanation.

    Returns
    -------
    Document
        Titled ``Explaining: <title>`` (untitled: ``Explaining the game``), the parameters
        as its lead, every payoff table of the game with its pure equilibria marked.
    """
    table = PayoffTable(ex.game, equilibria=tuple(pure_profiles(ex)))

    def fill(block: Any) -> Any:
        if isinstance(block, PayoffTable) and block.game is None:
            return table
        return block

    sections = tuple(Section(s.title, tuple(fill(b) for b in s.blocks)) for s in ex.sections)
    return Document(
        title=f"Explaining: {ex.title}" if ex.title else "",
        untitled="Explaining the game",
        lead=parameters_line(ex),
        sections=sections,
    )


def explanation_text(ex: ExplanationFacts, *, width: int = WIDTH) -> str:
    """The explanation as plain text, ``width`` columns (:meth:`.Explanation.to_text`)."""
    return document_text(explanation_document(ex), width=width)


def explanation_markdown(ex: ExplanationFacts) -> str:
    """The explanation as Markdown (:meth:`.Explanation.to_markdown`)."""
    return document_markdown(explanation_document(ex))


def explanation_html(ex: ExplanationFacts) -> str:
    """The explanation as an HTML fragment (:meth:`.Explanation.to_html`)."""
    return document_html(explanation_document(ex), cls="leverage-explanation")


def explanation_latex(
    ex: ExplanationFacts, *, standalone: bool = True, style: str = "sgame"
) -> str:
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
    return document_latex(explanation_document(ex), standalone=standalone, style=style)
