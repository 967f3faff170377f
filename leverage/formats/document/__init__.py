"""The one document model of the toolkit's prose outputs, and its renderers.

Explanations (:mod:`leverage.teach.explain`), exercise sheets
(:mod:`leverage.teach.exercise`) and the report's descriptions
(:mod:`leverage.teach.report`) write their content once, as the blocks of
:mod:`.model` (paragraphs, lists, derivations, payoff tables, sections); the renderers turn
them into plain text (:mod:`.text`), Markdown (:mod:`.markdown`), LaTeX (:mod:`.latex`) and
HTML (:mod:`.html`).  What to say stays in ``teach``; how it is written lives here.
"""

from __future__ import annotations

from .model import (
    REL_LATEX,
    REL_TEXT,
    Chain,
    Display,
    Document,
    Items,
    Line,
    Link,
    Math,
    Para,
    PayoffTable,
    Raw,
    Rendered,
    Section,
    Sum,
    is_compound,
    math_latex,
    math_text,
    para,
)

__all__ = [
    "REL_LATEX",
    "REL_TEXT",
    "Chain",
    "Display",
    "Document",
    "Items",
    "Line",
    "Link",
    "Math",
    "Para",
    "PayoffTable",
    "Raw",
    "Rendered",
    "Section",
    "Sum",
    "is_compound",
    "math_latex",
    "math_text",
    "para",
]
