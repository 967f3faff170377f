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

LaTeX comes in two styles (:data:`LATEX_STYLES`): ``sgame`` uses the ``game``
environment of Martin J. Osborne's ``sgame`` package (CTAN ``sgame``, v2.15), the look of
most game-theory textbooks; ``tabular`` needs no package beyond LaTeX itself.  Three-
player games are drawn as one table per strategy of the third player, side by side.
:func:`latex_document` wraps any of these in a document that ``pdflatex`` compiles.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import LeverageError, UnsupportedError
from ..expr.escape import latex_escape, markdown_escape
from ..games.strategic import Game
from ..solve.best_response import best_responses
from .english import and_list

if TYPE_CHECKING:  # pragma: no cover
    from ..games.model import Model
    from ..solve.result import Solution
from .text import (
    equilibria_latex,
    latex_number,
    number,
    payoff_table,
    solution_markdown,
)

#: The LaTeX table styles accepted by :func:`strategic_latex`.
LATEX_STYLES = ("sgame", "tabular")

#: Row height (as a multiple of the normal one) of the tables, leaving room for the
#: boxes; taller when some payoff is a fraction (``\\frac`` stands above and below the line).
_STRETCH = "1.7"
_STRETCH_FRACTIONS = "2.4"


# ------------------------------------------------------------------ shared helpers
def _profiles(game: Game, equilibria: Sequence[tuple[int, ...]]) -> set[tuple[int, ...]]:
    """The equilibrium profiles as a set, each checked to be a profile of ``game``."""
    out: set[tuple[int, ...]] = set()
    for profile in equilibria:
        idx = tuple(int(k) for k in profile)
        if len(idx) != game.n_players or any(
            not 0 <= k < n for k, n in zip(idx, game.shape, strict=True)
        ):
            raise LeverageError(
                f"equilibrium profile {tuple(profile)} is not a profile of a game of shape "
                f"{game.shape}"
            )
        out.add(idx)
    return out


def _mark_arrays(game: Game, marks: bool) -> tuple[np.ndarray, ...]:
    if marks:
        return best_responses(game)
    return tuple(np.zeros(game.shape, dtype=bool) for _ in game.players)


def _legend(players: Sequence[str], br: str | None, ne: str | None) -> str:
    """The legend sentence(s), e.g. for LaTeX with ``br = "underlined"``."""
    text = f"Each cell gives the payoffs of {and_list(players)}, in that order."
    if br is not None:
        article = "An" if br.lstrip("*_[")[:1] in tuple("aeiou") else "A"
        text += f" {article} {br} payoff is a best response to the other strategies in its cell."
    if ne is not None:
        text += f" A {ne} cell is a pure Nash equilibrium."
    return text


# ------------------------------------------------------------------ LaTeX
def _tex_number(v: Any) -> str:
    """A payoff in LaTeX math: exact fractions as ``\\frac``, float exponents as powers."""
    text = latex_number(v)
    if "e" in text and not text.startswith("\\"):
        mantissa, _, exponent = text.partition("e")
        return f"{mantissa} \\times 10^{{{int(exponent)}}}"
    return text


def _tex_label(text: str) -> str:
    """A strategy or player name in LaTeX text mode, safe at the start of a row."""
    escaped = latex_escape(text)
    if escaped[:1] in ("[", "*"):
        # after ``\\`` a leading [ or * would be read as an option of the line break
        escaped = "{}" + escaped
    return escaped or "{}"


def _tex_cell(game: Game, idx: tuple[int, ...], br: Sequence[np.ndarray], boxed: bool) -> str:
    parts = []
    for p, arr in enumerate(game.payoffs):
        value = _tex_number(arr[idx])
        parts.append(f"\\underline{{{value}}}" if br[p][idx] else value)
    cell = "$" + ", ".join(parts) + "$"
    return f"\\fbox{{{cell}}}" if boxed else cell


def _slices(game: Game) -> list[tuple[tuple[int, ...], str | None]]:
    """The (third-player index, label) of each two-dimensional table to draw."""
    if game.n_players == 2:
        return [((), None)]
    if game.n_players == 3:
        third = game.players[2]
        return [((k,), f"{third}: {s}") for k, s in enumerate(game.strategies[2])]
    raise UnsupportedError(
        f"strategic-form tables are drawn for two- and three-player games; this game has "
        f"{game.n_players} players (use --format table, markdown or json for its outcome list)"
    )


def _sgame_env(game: Game, cells: list[list[str]], label: str | None) -> str:
    rows, cols = game.strategies[0], game.strategies[1]
    head = f"\\begin{{game}}{{{len(rows)}}}{{{len(cols)}}}"
    head += f"[{{{_tex_label(game.players[0])}}}][{{{_tex_label(game.players[1])}}}]"
    if label is not None:
        head += f"[{{{_tex_label(label)}}}]"
    # sgame: the first & of the body must follow a space token (sgame manual, §3.1)
    lines = [head, "  & " + " & ".join(_tex_label(c) for c in cols) + " \\\\"]
    for r, name in enumerate(rows):
        end = " \\\\" if r < len(rows) - 1 else ""
        lines.append(f"{_tex_label(name)} & " + " & ".join(cells[r]) + end)
    lines.append("\\end{game}")
    return "\n".join(lines)


def _tabular_env(game: Game, cells: list[list[str]], label: str | None) -> str:
    rows, cols = game.strategies[0], game.strategies[1]
    n = len(cols)
    rule = f"\\cline{{2-{n + 1}}}"
    lines = [
        f"\\begin{{tabular}}{{r|{'c|' * n}}}",
        f"\\multicolumn{{1}}{{c}}{{}} & \\multicolumn{{{n}}}{{c}}"
        f"{{{_tex_label(game.players[1])}}} \\\\",
        f"\\multicolumn{{1}}{{r}}{{{_tex_label(game.players[0])}}} & "
        + " & ".join(f"\\multicolumn{{1}}{{c}}{{{_tex_label(c)}}}" for c in cols)
        + f" \\\\ {rule}",
    ]
    for r, name in enumerate(rows):
        lines.append(f"{_tex_label(name)} & " + " & ".join(cells[r]) + f" \\\\ {rule}")
    lines.append("\\end{tabular}")
    table = "\n".join(lines)
    if label is None:
        return table
    return (
        "\\begin{tabular}[t]{@{}c@{}}\n"
        + table
        + f" \\\\[0.5ex]\n{_tex_label(label)}\n\\end{{tabular}}"
    )


def strategic_latex(
    game: Game,
    *,
    style: str = "sgame",
    marks: bool = True,
    equilibria: Sequence[tuple[int, ...]] = (),
    caption: str | None = None,
) -> str:
    """The game's payoff table in LaTeX, best responses underlined, equilibria boxed.

    A best-response payoff is typeset ``\\underline{...}``; a cell listed in
    ``equilibria`` is boxed with ``\\fbox``.  A legend sentence under the table says
    so (and gives the order of the payoffs).

    Parameters
    ----------
    game
        A two- or three-player game (three players: one table per strategy of the
        third player, side by side, each labelled with that strategy).
    style
        ``"sgame"``: the ``game`` environment of the ``sgame`` package (load it with
        ``\\usepackage{sgame}``); ``"tabular"``: a plain ``tabular`` with ruled cells.
    marks
        Underline the best-response payoffs.
    equilibria
        Profiles (strategy-index tuples) to box, normally the pure equilibria.
    caption
        Plain text (it is escaped).  When given, the result is a ``table`` float with
        ``\\caption`` (the legend appended to the caption); otherwise a non-floating
        ``center`` environment with the legend in small type under the table.

    Returns
    -------
    str
        The environment only: include it in a document whose preamble loads
        ``amsmath`` and, for the sgame style, ``sgame`` (see :func:`latex_document`).

    Raises
    ------
    UnsupportedError
        For games with other than two or three players.
    LeverageError
        For an unknown style or an equilibrium profile that does not fit the game.

    Examples
    --------
    >>> from leverage.solve.best_response import pure_equilibrium_profiles
    >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                       players=("Row", "Column"), strategies=(("C", "D"), ("C", "D")))
    >>> tex = strategic_latex(pd, equilibria=pure_equilibrium_profiles(pd))
    >>> print(tex.splitlines()[5])
    D & $\\underline{5}, 0$ & \\fbox{$\\underline{1}, \\underline{1}$}
    """
    if style not in LATEX_STYLES:
        raise LeverageError(f"unknown LaTeX style {style!r}; choose one of {LATEX_STYLES}")
    slices = _slices(game)
    boxed = _profiles(game, equilibria)
    br = _mark_arrays(game, marks)
    tables = []
    for rest, label in slices:
        cells = [
            [
                _tex_cell(game, (r, c, *rest), br, (r, c, *rest) in boxed)
                for c in range(game.shape[1])
            ]
            for r in range(game.shape[0])
        ]
        env = _sgame_env if style == "sgame" else _tabular_env
        tables.append(env(game, cells, label))
    body = "\n\\hspace{2em}\n".join(tables)
    fractions = any(
        isinstance(v, Fraction) and v.denominator != 1 for arr in game.payoffs for v in arr.flat
    )
    factor = _STRETCH_FRACTIONS if fractions else _STRETCH
    if style == "sgame":
        # \ssualfalse: do not stretch the space under the column labels as well
        setup = f"\\renewcommand{{\\gamestretch}}{{{factor}}}\\ssualfalse"
    else:
        setup = f"\\renewcommand{{\\arraystretch}}{{{factor}}}"
    legend = _legend(
        [latex_escape(p) for p in game.players],
        "underlined" if marks else None,
        "boxed" if boxed else None,
    )
    if caption is not None:
        title = latex_escape(caption.strip())
        if title and title[-1] not in ".?!":
            title += "."
        return "\n".join(
            [
                "\\begin{table}[htbp]",
                "\\centering",
                setup,
                body,
                f"\\caption[{{{title}}}]{{{title} {legend}}}",
                "\\end{table}",
            ]
        )
    return "\n".join(
        [
            "\\begin{center}",
            setup,
            body,
            "\\par\\smallskip",
            f"{{\\footnotesize {legend}\\par}}",
            "\\end{center}",
        ]
    )


def strategic_solution_latex(solution: Solution, *, style: str = "sgame") -> str:
    """A solved game for a paper: its payoff table, then the list of its equilibria.

    The table is :func:`strategic_latex` with the best responses underlined and the
    pure equilibria of ``solution`` boxed; the list is the equilibria table of
    :func:`leverage.formats.text.equilibria_latex` (a ``tabular``).  Games that cannot
    be drawn as a table (four or more players) get the list only.

    Parameters
    ----------
    solution
        A solution returned by :func:`leverage.solve.equilibria`.
    style
        One of :data:`LATEX_STYLES`.

    Returns
    -------
    str
        A LaTeX fragment (see :func:`latex_document` for the packages it needs).
    """
    if style not in LATEX_STYLES:
        raise LeverageError(f"unknown LaTeX style {style!r}; choose one of {LATEX_STYLES}")
    game = solution.game
    listing = equilibria_latex(solution)
    if game.n_players not in (2, 3):
        return listing
    pure = [e.profile for e in solution.equilibria if e.profile is not None]
    return strategic_latex(game, style=style, equilibria=pure) + "\n\n" + listing


def latex_document(body: str, *, title: str | None = None) -> str:
    """A standalone LaTeX document around ``body`` that ``pdflatex`` compiles.

    The preamble loads what the tables of this module and
    :func:`leverage.formats.text.equilibria_latex` use: ``amsmath`` (``\\text``,
    ``\\tfrac``, ``\\boxed``) and ``sgame`` (CTAN; in TeX Live's ``texlive-games``,
    Debian package ``texlive-games``).

    Parameters
    ----------
    body
        LaTeX to put between ``\\begin{document}`` and ``\\end{document}``.
    title
        Plain text (escaped) set as an unnumbered section heading above the body.

    Returns
    -------
    str
        The whole document, ending with a newline.
    """
    lines = [
        "\\documentclass[11pt]{article}",
        "\\usepackage[utf8]{inputenc}",
        "\\usepackage{amsmath}",
        "\\usepackage{sgame}",
        "\\pagestyle{empty}",
        "\\begin{document}",
    ]
    if title:
        lines.append(f"\\section*{{{latex_escape(title)}}}")
    lines += [body.rstrip("\n"), "\\end{document}", ""]
    return "\n".join(lines)


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
    boxed = _profiles(game, equilibria)
    br = _mark_arrays(game, marks)

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
    legend = _legend(
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
    br = _mark_arrays(game, marks)
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
    boxed = _profiles(game, equilibria)
    br = _mark_arrays(game, marks)
    esc = html.escape

    def td(idx: tuple[int, ...]) -> str:
        text = _plain_cell(game, idx, br, '<strong class="br">{}</strong>')
        return f'<td class="ne"><mark>{text}</mark></td>' if idx in boxed else f"<td>{text}</td>"

    legend = _legend(
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
    game: Game,
    values: Mapping[str, Any],
    *,
    equilibria: Sequence[tuple[int, ...]] = (),
) -> str:
    """A model as Markdown: its title, the marked payoff table of ``game`` and the
    parameters at ``values`` with units, ranges and sources (``leverage show --format
    markdown``)."""
    from .text import decimal

    lines = [f"**{markdown_escape(model.title)}**", ""] if model.title else []
    lines.append(strategic_markdown(game, equilibria=equilibria))
    if model.parameters:
        lines += ["", "| parameter | value | unit | range | source |", "|---|---|---|---|---|"]
        for p in model.parameters.values():
            rng = f"[{decimal(p.low)}, {decimal(p.high)}]"
            cells = [p.name, decimal(values[p.name]), p.unit, rng, p.source]
            lines.append("| " + " | ".join(markdown_escape(c) for c in cells) + " |")
    return "\n".join(lines)
