"""The explanation with its renderings: text, Markdown, LaTeX, HTML and JSON.

:class:`Explanation` is :class:`~leverage.teach.explain.facts.ExplanationFacts` with one
method per output format; each renderer module reads the facts only, so none of them
depends on this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...formats.text import WIDTH
from .dictout import explanation_dict
from .facts import ExplanationFacts
from .render import explanation_html, explanation_latex, explanation_markdown, explanation_text

__all__ = ["Explanation"]


@dataclass(frozen=True)
class Explanation(ExplanationFacts):
    """A worked explanation of a game's equilibria: structured facts plus the reasoning.

    Attributes
    ----------
    game
        The game explained.
    solution
        The solver's result the explanation derives (the authority).
    symbolic
        Whether the derivation is in terms of the model's parameters.
    detailed
        ``False`` for large games, which get a summary.
    best_responses
        Every (player, others' profile) with its best responses (empty in summary mode).
    dominance
        The eliminated strategies with their comparisons, in the engine's order.
    remaining
        The strategies surviving iterated strict dominance.
    pure_equilibria, mixed_equilibria
        The equilibria with their derivations.
    summaries
        One per reported equilibrium: payoffs, Pareto dominance, risk dominance.
    degenerate
        The solver's flag (``None`` for three or more players).
    components
        Degenerate two-player games: the maximal convex components.
    focus
        The parameter conditions are solved for (symbolic explanations).
    symbolic_payoffs, defines
        Symbolic explanations: the model's payoff expressions and its defined quantities.
    sections
        The narrative, as blocks of :mod:`leverage.formats.document`.
    """

    # ------------------------------------------------------------------ renderings
    def to_text(self, *, width: int = WIDTH) -> str:
        """The explanation as plain text for a terminal (``width`` columns)."""
        return explanation_text(self, width=width)

    def to_markdown(self) -> str:
        """The explanation as Markdown (derivations in fenced code blocks)."""
        return explanation_markdown(self)

    def to_latex(self, *, standalone: bool = True, style: str = "sgame") -> str:
        """The explanation as LaTeX.

        Parameters
        ----------
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
        return explanation_latex(self, standalone=standalone, style=style)

    def to_html(self) -> str:
        """The explanation as an HTML fragment (every text escaped) for a report page."""
        return explanation_html(self)

    def to_dict(self) -> dict[str, Any]:
        """The facts as a JSON-ready dictionary (exact numbers as rational strings)."""
        return explanation_dict(self)
