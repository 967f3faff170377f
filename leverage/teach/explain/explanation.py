"""The explanation with its renderings: text, Markdown, LaTeX, HTML and JSON.

:class:`Explanation` is :class:`~leverage.teach.explain.facts.ExplanationFacts` with one
method per output format; each renderer module reads the facts only, so none of them
depends on this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...formats.notebook import heading
from ...formats.text import WIDTH
from ...records import Record
from .dictout import explanation_dict
from .facts import ExplanationFacts
from .render import explanation_html, explanation_latex, explanation_markdown, explanation_text

__all__ = ["Explanation"]


@dataclass(frozen=True, repr=False)
class Explanation(ExplanationFacts, Record):
    """A worked explanation of a game's equilibria: structured facts plus the reasoning,
    rendered as text, Markdown, LaTeX, HTML or JSON.

    The attributes are those of :class:`~leverage.teach.explain.facts.ExplanationFacts`.
    """

    # ------------------------------------------------------------------ renderings
    def to_text(self, *, width: int = WIDTH) -> str:
        """The explanation as plain text for a terminal (``width`` columns)."""
        return explanation_text(self, width=width)

    def to_markdown(self) -> str:
        """The explanation as Markdown (derivations in fenced code blocks)."""
        return explanation_markdown(self)

    def to_latex(self, *, standalone: bool = True, style: str = "sgame") -> str:
        """The explanation as LaTeX: a standalone document or a fragment to ``\\input``,
        payoff tables in the ``"sgame"`` or ``"tabular"`` style (see
        :func:`~leverage.teach.explain.render.explanation_latex`)."""
        return explanation_latex(self, standalone=standalone, style=style)

    def to_html(self) -> str:
        """The explanation as an HTML fragment (every text escaped) for a report page."""
        return explanation_html(self)

    def to_dict(self) -> dict[str, Any]:
        """The facts as a JSON-ready dictionary (exact numbers as rational strings)."""
        return explanation_dict(self)

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat row per equilibrium explained (:meth:`.Solution.to_rows`)."""
        return self.solution.to_rows()

    def columns(self) -> list[str]:
        """Column names of :meth:`to_rows`."""
        return self.solution.columns()

    # ------------------------------------------------------------------ notebooks
    def __repr__(self) -> str:
        title = f" of {self.game.title!r}" if self.game.title else ""
        n, k = len(self.solution), len(self.sections)
        kind = "symbolic " if self.symbolic else ""
        return (
            f"<{kind}Explanation{title}: {n} equilibri{'um' if n == 1 else 'a'}, "
            f"{k} section{'' if k == 1 else 's'}>"
        )

    def _repr_html_(self) -> str:
        body = self.to_html()
        return f'<div class="leverage">\n{heading(self)}\n{body}\n</div>'
