"""The document model of an explanation: prose, inline mathematics, derivations, lists.

The builder writes the reasoning once, as these blocks; each renderer
(:mod:`.textout`, :mod:`.markdownout`, :mod:`.latexout`, :mod:`.htmlout`) turns them into
its format, and :mod:`.notation` prints the mathematics they carry.

Mathematics
-----------
Nothing is computed here.  The inline mathematics is an expected payoff written as an
unevaluated sum of products ``c₁·f₁ + c₂·f₂ + …`` (:class:`Sum`), a chain of relations
``a₀ r₁ a₁ r₂ a₂ …`` with ``=``, ``>``, ``≥``, ``⇒``, ``⇔`` (:class:`Chain`), or any
sympy expression or number.

References
----------
- M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004): the
  order of the reasoning (best responses, dominance, equilibria) follows its ch. 2-4.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Sum:
    """An unevaluated sum of products ``c₁·f₁ + c₂·f₂ + …`` (an expected payoff)."""

    terms: tuple[tuple[Any, Any], ...]


@dataclass(frozen=True)
class Chain:
    """``a₀ r₁ a₁ r₂ a₂ …`` with relations ``=``, ``>``, ``>=``, ``=>``, ``<=>`` …"""

    items: tuple[Any, ...]
    relations: tuple[str, ...]


@dataclass(frozen=True)
class Raw:
    """Mathematics already rendered: plain text and LaTeX."""

    text: str
    latex: str


@dataclass(frozen=True)
class Math:
    """Inline mathematics inside a paragraph."""

    value: Any


@dataclass(frozen=True)
class Para:
    """A paragraph: prose (``str``) and inline mathematics (:class:`Math`)."""

    parts: tuple[Any, ...]


@dataclass(frozen=True)
class Line:
    """One line of a derivation: an optional label, a lead (``"=>"``), the mathematics."""

    math: Any
    label: str = ""
    lead: str = ""


@dataclass(frozen=True)
class Display:
    """Lines of mathematics (:class:`Line`), each shown on its own line."""

    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Items:
    """A bullet list; each item is a tuple of parts like a paragraph, and may have sub-items
    (``children[k]`` belongs to ``items[k]``)."""

    items: tuple[tuple[Any, ...], ...]
    children: tuple[tuple[tuple[Any, ...], ...], ...] = ()

    def sub(self, k: int) -> tuple[tuple[Any, ...], ...]:
        """The sub-items of item ``k``."""
        return self.children[k] if k < len(self.children) else ()


@dataclass(frozen=True)
class Table:
    """The payoff table of the game, with best responses (and equilibria) marked."""

    symbolic: bool = False


@dataclass(frozen=True)
class Section:
    """A numbered section of the explanation: a title and its blocks."""

    title: str
    blocks: tuple[Any, ...]


def para(*parts: Any) -> Para:
    """A paragraph of the given parts (prose and :class:`Math`)."""
    return Para(tuple(parts))
