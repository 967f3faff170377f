"""Rich text for questions and answers: paragraphs, lists and payoff tables of inline
pieces, each rendered once as Markdown and once as LaTeX.

An inline piece is plain text (escaped for LaTeX) or a :class:`_Math` with its two
renderings; numbers are exact (``3/4``, ``\\frac{3}{4}``).  Payoff tables are written by
:mod:`leverage.formats.strategic` (best responses marked and pure equilibria boxed in the
keys) or, for a parametric game, by :class:`~.parametric.ParametricGame`.  No mathematics
is implemented here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ...expr.escape import latex_escape
from ...expr.printing import formula_latex, formula_plain
from ...formats.strategic import strategic_markdown
from ...formats.strategic_latex import strategic_latex
from ...formats.text import latex_number
from ...games.strategic import Game

if TYPE_CHECKING:  # pragma: no cover
    from .parametric import ParametricGame


@dataclass(frozen=True)
class _Math:
    """An inline piece with its Markdown and its LaTeX rendering."""

    md: str
    tex: str


Inline = str | _Math


@dataclass(frozen=True)
class _Para:
    parts: tuple[Inline, ...]


@dataclass(frozen=True)
class _Items:
    items: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class _Table:
    """A payoff table; ``marks``: best responses marked and ``equilibria`` boxed (keys)."""

    game: Game
    marks: bool = False
    equilibria: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True)
class _ParamTable:
    game: ParametricGame


Block = _Para | _Items | _Table | _ParamTable


def _num(v: Any) -> _Math:
    value = Fraction(v)
    return _Math(str(value), f"${latex_number(value)}$")


def _formula(text: str) -> _Math:
    """A formula in model-file syntax (``c/2 - 1``, ``c**2/4``) as math."""
    return _Math(formula_plain(text), f"${formula_latex(text)}$")


def _profile(game: Game, profile: Sequence[int]) -> str:
    return "(" + ", ".join(game.strategies[p][k] for p, k in enumerate(profile)) + ")"


def _payoffs(values: Sequence[Any]) -> list[Inline]:
    out: list[Inline] = ["("]
    for k, v in enumerate(values):
        out += [", "] if k else []
        out.append(_num(v))
    return [*out, ")"]


def _mix(labels: Sequence[str], probs: Sequence[Any]) -> list[Inline]:
    out: list[Inline] = []
    for label, p in zip(labels, probs, strict=True):
        if p:
            out += [", "] if out else []
            out += [f"{label} ", _num(p)]
    return out


def _who(player: str, start: bool = False) -> str:
    """A player's name in running text: "the US" (at the start of a sentence "The US")."""
    if player == "US":
        return "The US" if start else "the US"
    return player


def _render_md(blocks: Sequence[Block]) -> str:
    out = []
    for block in blocks:
        if isinstance(block, _Para):
            out.append(_inline_md(block.parts))
        elif isinstance(block, _Items):
            out.append("\n".join("- " + _inline_md(item) for item in block.items))
        elif isinstance(block, _Table):
            out.append(
                strategic_markdown(block.game, marks=block.marks, equilibria=block.equilibria)
            )
        else:
            out.append(block.game.markdown())
    return "\n\n".join(out)


def _inline_md(parts: Sequence[Inline]) -> str:
    return "".join(p.md if isinstance(p, _Math) else p for p in parts)


def _inline_tex(parts: Sequence[Inline]) -> str:
    return "".join(p.tex if isinstance(p, _Math) else latex_escape(p) for p in parts)


def _render_tex(blocks: Sequence[Block]) -> str:
    out = []
    for block in blocks:
        if isinstance(block, _Para):
            out.append(_inline_tex(block.parts))
        elif isinstance(block, _Items):
            items = "\n".join("\\item " + _inline_tex(item) for item in block.items)
            out.append("\\begin{itemize}\n" + items + "\n\\end{itemize}")
        elif isinstance(block, _Table):
            out.append(strategic_latex(block.game, marks=block.marks, equilibria=block.equilibria))
        else:
            out.append(block.game.latex())
    return "\n\n".join(out)
