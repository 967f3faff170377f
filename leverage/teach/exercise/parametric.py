"""Games with one cost parameter: payoffs ``base − w·c``, written as a model file, a
Markdown table or a LaTeX ``sgame``.

Mathematics
-----------
Player ``i``'s payoff in cell ``(r, k)`` is ``base[i][r][k] − weights[r][k]·c``, with integer
bases and rational weights shared by the two players, for ``c`` in the closed range
:data:`COST_RANGE`.  Payoffs are affine in ``c``, so the game at any rational ``c`` is exact
and the model file (``5 - 3*c/4``) is read back by :func:`leverage.loads` into the same
rational functions for :func:`leverage.regimes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy

from ...expr import symbol
from ...expr.escape import latex_escape
from ...expr.printing import formula_plain
from ...formats.marks import legend_sentence
from ...games.model import Model, Parameter
from ...games.strategic import Game
from ...io.model_toml import model_toml
from ...numbers import to_sympy

__all__ = ["COST_RANGE", "ParametricGame"]

#: Range of the cost parameter of the regimes exercises.
COST_RANGE = (Fraction(0), Fraction(10))


@dataclass(frozen=True)
class ParametricGame:
    """A bimatrix game whose payoffs are ``base - weight · c`` for one parameter ``c``.

    Attributes
    ----------
    players, strategies
        Labels.
    base
        Each player's payoffs at ``c = 0`` (integers), as ``base[player][row][column]``.
    weights
        The weight of ``c`` in each cell, the same for both players.
    parameter
        The parameter's name.
    bounds
        The closed range of the parameter.
    """

    players: tuple[str, str]
    strategies: tuple[tuple[str, ...], ...]
    base: tuple[tuple[tuple[int, ...], ...], ...]
    weights: tuple[tuple[Fraction, ...], ...]
    parameter: str = "c"
    bounds: tuple[Fraction, Fraction] = COST_RANGE

    def at(self, value: Fraction | int) -> Game:
        """The exact game at ``parameter = value``."""
        v = Fraction(value)
        arrays = [
            [
                [Fraction(b) - w * v for b, w in zip(brow, wrow, strict=True)]
                for brow, wrow in zip(self.base[p], self.weights, strict=True)
            ]
            for p in range(2)
        ]
        return Game.from_arrays(*arrays, players=self.players, strategies=self.strategies)

    def expression(self, player: int, row: int, column: int) -> str:
        """The payoff as an expression of the model-file language, e.g. ``5 - 3*c/4``."""
        b, w = self.base[player][row][column], self.weights[row][column]
        if w == 0:
            return str(b)
        term = self.parameter if w.numerator == 1 else f"{w.numerator}*{self.parameter}"
        term += f"/{w.denominator}" if w.denominator != 1 else ""
        return f"-{term}" if b == 0 else f"{b} - {term}"

    def _tex(self, player: int, row: int, column: int) -> str:
        b, w = self.base[player][row][column], self.weights[row][column]
        if w == 0:
            return str(b)
        c = self.parameter
        if w.denominator == 1:
            term = c if w == 1 else f"{w.numerator}{c}"
        else:
            term = f"\\tfrac{{{'' if w.numerator == 1 else w.numerator}{c}}}{{{w.denominator}}}"
        return f"-{term}" if b == 0 else f"{b} - {term}"

    def model(self, title: str = "Exercise", description: str = "An exercise game.") -> Model:
        """The game as a :class:`~leverage.Model` with the one parameter ``c``."""
        c = symbol(self.parameter)
        payoffs = tuple(
            np.array(
                [
                    [sympy.Integer(b) - to_sympy(w) * c for b, w in zip(brow, wrow, strict=True)]
                    for brow, wrow in zip(self.base[player], self.weights, strict=True)
                ],
                dtype=object,
            )
            for player in range(2)
        )
        low, high = self.bounds
        parameter = Parameter(self.parameter, low, low, high, source="assumption")
        return Model(
            title=title,
            description=description,
            players=self.players,
            strategies=self.strategies,
            parameters={self.parameter: parameter},
            defines={},
            payoffs=payoffs,
        )

    def toml(self, title: str = "Exercise", description: str = "An exercise game.") -> str:
        """The game as a model file (see docs/model-format.md)."""
        return model_toml(self.model(title, description))

    def markdown(self) -> str:
        """The payoff table in Markdown, payoffs as expressions of the parameter."""
        rows, cols = self.strategies
        lines = [
            f"| {self.players[0]} \\ {self.players[1]} | " + " | ".join(cols) + " |",
            "|---|" + ":---:|" * len(cols),
        ]
        for r, name in enumerate(rows):
            cells = [
                ", ".join(formula_plain(self.expression(p, r, c)) for p in range(2))
                for c in range(len(cols))
            ]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        legend = legend_sentence(self.players, None, None)
        return "\n".join(lines) + "\n\n" + legend

    def latex(self) -> str:
        """The payoff table as an ``sgame`` environment, centred, with a legend."""
        rows, cols = self.strategies
        lines = [
            "\\begin{center}",
            "\\renewcommand{\\gamestretch}{2.2}\\ssualfalse",
            f"\\begin{{game}}{{{len(rows)}}}{{{len(cols)}}}"
            f"[{{{latex_escape(self.players[0])}}}][{{{latex_escape(self.players[1])}}}]",
            "  & " + " & ".join(latex_escape(c) for c in cols) + " \\\\",
        ]
        for r, name in enumerate(rows):
            cells = [
                "$" + ", ".join(self._tex(p, r, c) for p in range(2)) + "$"
                for c in range(len(cols))
            ]
            end = " \\\\" if r < len(rows) - 1 else ""
            lines.append(f"{latex_escape(name)} & " + " & ".join(cells) + end)
        legend = legend_sentence([latex_escape(p) for p in self.players], None, None)
        lines += ["\\end{game}", "\\par\\smallskip", f"{{\\footnotesize {legend}\\par}}"]
        return "\n".join([*lines, "\\end{center}"])
