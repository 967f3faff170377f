"""The pieces questions and answers are written in: exact numbers, formulas, profiles,
mixed strategies and payoff tables as blocks of :mod:`leverage.formats.document`, and
the two renderings of a list of blocks (Markdown, LaTeX).

An inline piece is plain text (escaped for LaTeX; Markdown already) or a
:class:`~leverage.formats.document.Rendered` with its two renderings; numbers are exact
(``3/4``, ``\\frac{3}{4}``).  Payoff tables are written by
:mod:`leverage.formats.strategic` (best responses marked and pure equilibria boxed in the
keys) or, for a parametric game, by :class:`~.parametric.ParametricGame`.  No mathematics
is implemented here.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ...expr.printing import formula_latex, formula_plain
from ...formats.document import Items, Para, PayoffTable, Rendered
from ...formats.document.latex import blocks_latex
from ...formats.document.markdown import blocks_markdown
from ...formats.text import latex_number
from ...games.strategic import Game

if TYPE_CHECKING:  # pragma: no cover
    from .parametric import ParametricGame

__all__ = [
    "Block",
    "Inline",
    "exact_number",
    "formula_piece",
    "mix_pieces",
    "parametric_table",
    "payoff_pieces",
    "payoff_table",
    "profile_label",
    "render_latex",
    "render_markdown",
    "who",
]

Inline = str | Rendered
"""An inline piece of a question or answer."""

Block = Para | Items | PayoffTable | Rendered
"""A block of a question or answer."""


def exact_number(v: Any) -> Rendered:
    """An exact number: ``3/4`` and ``$\\frac{3}{4}$``.

    Parameters
    ----------
    v
        A rational number.

    Returns
    -------
    Rendered
    """
    value = Fraction(v)
    return Rendered(str(value), f"${latex_number(value)}$")


def formula_piece(text: str) -> Rendered:
    """A formula in model-file syntax (``c/2 - 1``, ``c**2/4``) as mathematics.

    Parameters
    ----------
    text
        The formula.

    Returns
    -------
    Rendered
        :func:`~leverage.expr.printing.formula_plain` and, in ``$``,
        :func:`~leverage.expr.printing.formula_latex`.
    """
    return Rendered(formula_plain(text), f"${formula_latex(text)}$")


def payoff_table(
    game: Game, marks: bool = False, equilibria: Sequence[tuple[int, ...]] = ()
) -> PayoffTable:
    """The payoff table of a question (no marks) or of a key (``marks``: best responses
    marked, ``equilibria`` boxed).

    Parameters
    ----------
    game
        The game.
    marks
        Mark the best responses.
    equilibria
        Profiles to box.

    Returns
    -------
    PayoffTable
    """
    return PayoffTable(game, marks, tuple(equilibria))


def parametric_table(game: ParametricGame) -> Rendered:
    """The payoff table of a parametric game, payoffs as expressions of its parameter.

    Parameters
    ----------
    game
        The parametric game.

    Returns
    -------
    Rendered
        Its Markdown and LaTeX tables.
    """
    return Rendered(game.markdown(), game.latex())


def profile_label(game: Game, profile: Sequence[int]) -> str:
    """A pure profile by its strategies' labels: ``(Up, Left)``.

    Parameters
    ----------
    game
        The game.
    profile
        One strategy index per player.

    Returns
    -------
    str
    """
    return "(" + ", ".join(game.strategies[p][k] for p, k in enumerate(profile)) + ")"


def payoff_pieces(values: Sequence[Any]) -> list[Inline]:
    """A payoff vector ``(3/4, 1)``, numbers exact.

    Parameters
    ----------
    values
        One payoff per player.

    Returns
    -------
    list
        Inline pieces.
    """
    out: list[Inline] = ["("]
    for k, v in enumerate(values):
        out += [", "] if k else []
        out.append(exact_number(v))
    return [*out, ")"]


def mix_pieces(labels: Sequence[str], probs: Sequence[Any]) -> list[Inline]:
    """A mixed strategy ``Up 1/3, Down 2/3`` (strategies played with probability 0 left
    out).

    Parameters
    ----------
    labels
        The strategies' labels.
    probs
        Their probabilities.

    Returns
    -------
    list
        Inline pieces.
    """
    out: list[Inline] = []
    for label, p in zip(labels, probs, strict=True):
        if p:
            out += [", "] if out else []
            out += [f"{label} ", exact_number(p)]
    return out


def who(player: str, start: bool = False) -> str:
    """A player's name in running text: "the US" (at the start of a sentence "The US").

    Parameters
    ----------
    player
        The name.
    start
        At the start of a sentence.

    Returns
    -------
    str
    """
    if player == "US":
        return "The US" if start else "the US"
    return player


def render_markdown(blocks: Sequence[Block]) -> str:
    """Blocks as Markdown (prose is Markdown already: not escaped).

    Parameters
    ----------
    blocks
        The blocks.

    Returns
    -------
    str
    """
    return blocks_markdown(blocks, escape=False)


def render_latex(blocks: Sequence[Block]) -> str:
    """Blocks as LaTeX (payoff tables in the ``sgame`` style).

    Parameters
    ----------
    blocks
        The blocks.

    Returns
    -------
    str
    """
    return blocks_latex(blocks)
