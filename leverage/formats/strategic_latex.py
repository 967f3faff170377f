"""Strategic-form (payoff-matrix) tables in LaTeX, best responses underlined and pure
equilibria boxed, and a document around them that ``pdflatex`` compiles.

Two styles (:data:`LATEX_STYLES`): ``sgame`` uses the ``game`` environment of Martin J.
Osborne's ``sgame`` package (CTAN ``sgame``, v2.15), the look of most game-theory
textbooks; ``tabular`` needs no package beyond LaTeX itself.  Three-player games are drawn
as one table per strategy of the third player, side by side.  Numbers are exact: fractions
as ``\\frac``.  The conventions of all formats are listed in
:mod:`leverage.formats.strategic`; the marks are computed by :mod:`leverage.formats.marks`.

References
----------
- M. J. Osborne, ``sgame``: LaTeX macros for strategic games (CTAN ``sgame``, v2.15).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import LeverageError, UnsupportedError
from ..expr.escape import latex_escape
from ..games.strategic import Game
from .marks import equilibrium_cells, legend_sentence, mark_arrays
from .text import equilibria_latex, latex_number

if TYPE_CHECKING:  # pragma: no cover
    from ..solve.result import Solution

__all__ = ["LATEX_STYLES", "latex_document", "strategic_latex", "strategic_solution_latex"]

#: The LaTeX table styles accepted by :func:`strategic_latex`.
LATEX_STYLES = ("sgame", "tabular")

#: Row height (as a multiple of the normal one) of the tables, leaving room for the
#: boxes; taller when some payoff is a fraction (``\\frac`` stands above and below the line).
_STRETCH = "1.7"
_STRETCH_FRACTIONS = "2.4"


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
        f"{game.n_players} players (use the table, markdown or json format for its outcome list)"
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
    boxed = equilibrium_cells(game, equilibria)
    br = mark_arrays(game, marks)
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
    legend = legend_sentence(
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
