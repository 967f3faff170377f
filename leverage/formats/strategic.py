"""Strategic-form (payoff-matrix) tables for handouts and papers, best responses marked.

A two-player game is drawn as the usual bimatrix: the first player chooses a row, the
second a column, and each cell lists both payoffs (row player's first).  A payoff is
*marked* when it is a best response of its player to the other players' strategies in
that cell (:func:`leverage.solve.best_response.best_responses`, exact on exact games);
a cell in which every payoff is marked is a pure Nash equilibrium.  This is the
"underline the best responses" method taught in every first course (Osborne, *An
Introduction to Game Theory*, 2004, §2.8.3; Gibbons, *A Primer in Game Theory*, 1992,
§1.1.C).  Cells the caller names as equilibria (normally the pure equilibria found by a
solver) are marked again, as a whole.

Conventions, the same in every format:

========  ==========================  ===========================
format    best-response payoff        pure-equilibrium cell
========  ==========================  ===========================
LaTeX     ``\\underline{3}``           ``\\fbox{...}`` (boxed cell)
Markdown  ``**3**`` (bold)             ``[...]`` (cell in brackets)
text      ``3*``                       —
HTML      ``<strong class="br">``      ``<td class="ne"><mark>``
========  ==========================  ===========================

Each rendering states its convention in a legend line under the table.  Numbers are
exact: fractions as ``\\frac`` in LaTeX and ``a/b`` elsewhere.

This module draws the text, Markdown and HTML tables; the LaTeX ones (styles ``sgame``
and ``tabular``, and a compilable document around them) are in
:mod:`leverage.formats.strategic_latex`, and the marks shared by all in
:mod:`leverage.formats.marks`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..expr.escape import markdown_escape
from ..games.strategic import Game
from .marks import equilibrium_cells, legend_sentence, mark_arrays
from .text import number, payoff_table, solution_markdown

if TYPE_CHECKING:  # pragma: no cover
    from ..games.model import Model
    from ..solve.result import Solution


# ------------------------------------------------------------------ Markdown
def _plain_cell(
    game: Game,
    idx: tuple[int, ...],
    br: Sequence[np.ndarray],
    fmt: str,
    sep: str = ", ",
) -> str:
    return sep.join(
        (fmt.format(number(arr[idx])) if br[p][idx] else number(arr[idx]))
        for p, arr in enumerate(game.payoffs)
    )


def strategic_markdown(
    game: Game,
    *,
    marks: bool = True,
    equilibria: Sequence[tuple[int, ...]] = (),
) -> str:
    """The payoff table as a GitHub-flavoured Markdown table.

    A best-response payoff is **bold** (``**3**``); a cell listed in ``equilibria`` is
    put in square brackets (``[**1**, **1**]``).  A legend line under the table says
    so.  Games with other than two players are shown as a list of outcomes, one row
    per pure-strategy profile.

    Parameters
    ----------
    game
        Any game.
    marks
        Bold the best-response payoffs.
    equilibria
        Profiles (strategy-index tuples) to bracket, normally the pure equilibria.

    Returns
    -------
    str
        The table and its legend line.

    Examples
    --------
    >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                       players=("Row", "Column"), strategies=(("C", "D"), ("C", "D")))
    >>> print(strategic_markdown(pd, equilibria=[(1, 1)]).splitlines()[3])
    | D | **5**, 0 | [**1**, **1**] |
    """
    boxed = equilibrium_cells(game, equilibria)
    br = mark_arrays(game, marks)

    def cell(idx: tuple[int, ...]) -> str:
        text = _plain_cell(game, idx, br, "**{}**")
        return f"[{text}]" if idx in boxed else text

    if game.n_players == 2:
        rows, cols = game.strategies
        lines = [
            f"| {markdown_escape(game.players[0])} \\ {markdown_escape(game.players[1])} | "
            + " | ".join(markdown_escape(c) for c in cols)
            + " |",
            "|---|" + ":---:|" * len(cols),
        ]
        for r, name in enumerate(rows):
            lines.append(
                f"| {markdown_escape(name)} | "
                + " | ".join(cell((r, c)) for c in range(len(cols)))
                + " |"
            )
    else:
        lines = [
            "| " + " | ".join(markdown_escape(p) for p in game.players) + " | payoffs |",
            "|" + "---|" * game.n_players + ":---:|",
        ]
        for idx in game.profiles():
            names = [markdown_escape(game.strategies[p][k]) for p, k in enumerate(idx)]
            lines.append("| " + " | ".join(names) + f" | {cell(idx)} |")
    legend = legend_sentence(
        [markdown_escape(p) for p in game.players],
        "**bold**" if marks else None,
        "[bracketed]" if boxed else None,
    )
    return "\n".join(lines) + "\n\n" + legend


# ------------------------------------------------------------------ plain text
def strategic_text(game: Game, *, marks: bool = True) -> str:
    """The payoff table for a terminal, best-response payoffs followed by ``*``.

    Two-player games are a grid when it fits 80 columns (every shipped model does),
    otherwise, and for other numbers of players, one line per outcome (see
    :func:`leverage.formats.text.payoff_table`).

    Parameters
    ----------
    game
        Any game.
    marks
        Mark the best-response payoffs with ``*``.

    Returns
    -------
    str
        The table, with a legend line when marks are shown.

    Examples
    --------
    >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                       players=("Row", "Column"), strategies=(("C", "D"), ("C", "D")))
    >>> print(strategic_text(pd))
          Column →
    Row |     C |      D
    --------------------
    C   |  3, 3 |  0, 5*
    D   | 5*, 0 | 1*, 1*
    (payoffs: Row, Column)
    * marks a best response to the other strategies of its cell.
    """
    br = mark_arrays(game, marks)
    shown = []
    for p, arr in enumerate(game.payoffs):
        out = np.empty(game.shape, dtype=object)
        for idx, v in np.ndenumerate(arr):
            out[idx] = number(v) + ("*" if br[p][idx] else "")
        shown.append(out)
    text = payoff_table(game.players, game.strategies, shown)
    if marks:
        text += "\n* marks a best response to the other strategies of its cell."
    return text


# ------------------------------------------------------------------ HTML
def strategic_html(
    game: Game,
    *,
    marks: bool = True,
    equilibria: Sequence[tuple[int, ...]] = (),
) -> str:
    """The payoff table as an HTML ``<table>`` fragment (no styles, no scripts).

    The table has class ``strategic-form``; a best-response payoff is a
    ``<strong class="br">`` (bold); the content of a cell listed in ``equilibria`` is
    wrapped in ``<mark>`` (highlighted) inside a ``<td class="ne">``.  Both are visible
    without a stylesheet, and the classes let a page restyle them.  A ``<caption>``
    states the payoff order and these conventions.  Every name is escaped with
    :func:`html.escape`.
    Games with other than two players are listed one outcome per row.

    Parameters
    ----------
    game
        Any game.
    marks
        Mark the best-response payoffs.
    equilibria
        Profiles (strategy-index tuples) to mark, normally the pure equilibria.

    Returns
    -------
    str
        The ``<table>...</table>`` element.
    """
    boxed = equilibrium_cells(game, equilibria)
    br = mark_arrays(game, marks)
    esc = html.escape

    def td(idx: tuple[int, ...]) -> str:
        text = _plain_cell(game, idx, br, '<strong class="br">{}</strong>')
        return f'<td class="ne"><mark>{text}</mark></td>' if idx in boxed else f"<td>{text}</td>"

    legend = legend_sentence(
        [esc(p) for p in game.players],
        "bold" if marks else None,
        "highlighted" if boxed else None,
    )
    lines = ['<table class="strategic-form">', f"<caption>{legend}</caption>", "<thead>"]
    if game.n_players == 2:
        rows, cols = game.strategies
        lines.append(
            f'<tr><td></td><th scope="colgroup" colspan="{len(cols)}">'
            f"{esc(game.players[1])}</th></tr>"
        )
        lines.append(
            f'<tr><th scope="col">{esc(game.players[0])}</th>'
            + "".join(f'<th scope="col">{esc(c)}</th>' for c in cols)
            + "</tr>"
        )
        lines += ["</thead>", "<tbody>"]
        for r, name in enumerate(rows):
            lines.append(
                f'<tr><th scope="row">{esc(name)}</th>'
                + "".join(td((r, c)) for c in range(len(cols)))
                + "</tr>"
            )
    else:
        lines.append(
            "<tr>"
            + "".join(f'<th scope="col">{esc(p)}</th>' for p in game.players)
            + '<th scope="col">payoffs</th></tr>'
        )
        lines += ["</thead>", "<tbody>"]
        for idx in game.profiles():
            names = "".join(f"<td>{esc(game.strategies[p][k])}</td>" for p, k in enumerate(idx))
            lines.append(f"<tr>{names}{td(idx)}</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def strategic_solution_markdown(solution: Solution) -> str:
    """A solved game for notes and notebooks: the title, the payoff table with best
    responses in bold and the pure equilibria in brackets (:func:`strategic_markdown`),
    then the table of equilibria (:func:`leverage.formats.text.solution_markdown`)."""
    pure = [e.profile for e in solution.equilibria if e.profile is not None]
    table = strategic_markdown(solution.game, equilibria=pure)
    return solution_markdown(solution, table=table)


def model_markdown(
    model: Model,
    game: Game | None = None,
    values: Mapping[str, Any] | None = None,
    *,
    equilibria: Sequence[tuple[int, ...]] = (),
    description: bool = False,
) -> str:
    """A model as Markdown: its title, optionally its description, the marked payoff table
    of ``game`` (when given) and the parameters at ``values`` (default: the model's
    values) with units, ranges and sources.

    ``leverage show --format markdown`` prints it with the game; a notebook shows it
    with the description and without a game (``Model._repr_markdown_``).
    """
    from .text import decimal

    values = model.values() if values is None else values
    lines = [f"**{markdown_escape(model.title)}**", ""] if model.title else []
    if description and model.description:
        lines += [model.description.strip(), ""]
    if game is not None:
        lines.append(strategic_markdown(game, equilibria=equilibria))
    if model.parameters:
        if lines and lines[-1] != "":
            lines.append("")
        lines += ["| parameter | value | unit | range | source |", "|---|---|---|---|---|"]
        for p in model.parameters.values():
            rng = f"[{decimal(p.bounds[0])}, {decimal(p.bounds[1])}]" if p.bounds else ""
            cells = [p.name, decimal(values[p.name]), p.unit, rng, p.source]
            lines.append("| " + " | ".join(markdown_escape(c) for c in cells) + " |")
    return "\n".join(lines)
