"""Compact HTML for Jupyter: what ``_repr_html_`` shows for games, models and results.

Each rendering is a ``<div class="leverage">`` fragment with no style and no script:
a bold heading (the object's short ``repr``), the payoff table where there is one
(:func:`leverage.formats.strategic.strategic_html`, best responses in bold, pure
equilibria highlighted) and a table of rows (the equilibria, the points, the outcomes,
…), cut after :data:`MAX_ROWS` rows with a line saying how many were left out and how to
get them all (``to_dataframe()``).  Every text, from a title to a strategy label, is
escaped with :func:`html.escape`, so a hostile label cannot inject markup.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .strategic import strategic_html
from .text import decimal, mixed, number, solution_status

if TYPE_CHECKING:  # pragma: no cover
    from ..games.model import Model
    from ..games.strategic import Game
    from ..solve.result import Solution

#: The most rows a notebook table shows.
MAX_ROWS = 20
#: The most payoff cells drawn as a payoff table; larger games show their size only.
MAX_CELLS = 400

esc = html.escape


def cell(value: Any) -> str:
    """A value for a table cell: ``""`` for ``None``, floats to 6 digits, escaped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, tuple)):
        return esc(", ".join(number(v) for v in value))
    return esc(number(value))


def rows_table(rows: Sequence[dict[str, Any]], *, limit: int = MAX_ROWS) -> str:
    """Flat rows as an HTML ``<table class="leverage-rows">``, at most ``limit`` rows.

    Examples
    --------
    >>> print(rows_table([{"kind": "pure", "p": 0.5}, {"kind": "<b>", "p": None}]))
    <table class="leverage-rows">
    <thead><tr><th>kind</th><th>p</th></tr></thead>
    <tbody>
    <tr><td>pure</td><td>0.5</td></tr>
    <tr><td>&lt;b&gt;</td><td></td></tr>
    </tbody>
    </table>
    """
    if not rows:
        return "<p><em>no rows</em></p>"
    columns = list(rows[0])
    lines = ['<table class="leverage-rows">']
    lines.append(
        "<thead><tr>" + "".join(f"<th>{esc(str(c))}</th>" for c in columns) + "</tr></thead>"
    )
    lines.append("<tbody>")
    for row in rows[:limit]:
        lines.append("<tr>" + "".join(f"<td>{cell(row.get(c))}</td>" for c in columns) + "</tr>")
    lines.append("</tbody>")
    lines.append("</table>")
    if len(rows) > limit:
        lines.append(
            f"<p><em>{len(rows) - limit:,} more rows not shown; to_dataframe() or "
            "to_rows() has them all.</em></p>"
        )
    return "\n".join(lines)


def heading(obj: Any) -> str:
    """The first line of ``repr(obj)``, escaped and bold."""
    return f"<p><strong>{esc(repr(obj).splitlines()[0])}</strong></p>"


def _div(parts: Sequence[str]) -> str:
    return '<div class="leverage">\n' + "\n".join(p for p in parts if p) + "\n</div>"


def _payoff_table(game: Game, equilibria: Sequence[tuple[int, ...]] = ()) -> str:
    cells = 1
    for k in game.shape:
        cells *= k
    if cells > MAX_CELLS:
        return f"<p><em>{cells:,} outcomes: too many to draw as a table.</em></p>"
    return strategic_html(game, equilibria=equilibria)


def game_html(game: Game) -> str:
    """A game: its heading and its payoff table."""
    return _div([heading(game), _payoff_table(game)])


def equilibria_rows(solution: Solution) -> list[dict[str, Any]]:
    """The equilibria as display rows: number, kind, each player's strategy in words
    (``"Calibrate 1/4, Overreach 3/4"``) and each payoff."""
    game = solution.game
    rows = []
    for k, e in enumerate(solution.equilibria, start=1):
        row: dict[str, Any] = {"#": k, "kind": e.kind}
        for i, player in enumerate(game.players):
            row[player] = mixed(game.strategies[i], e.strategies[i])
        for player, value in zip(game.players, e.payoffs, strict=True):
            row[f"payoff {player}"] = value
        rows.append(row)
    return rows


def solution_html(solution: Solution) -> str:
    """A solution: the marked payoff table, its completeness and its equilibria."""
    pure = [e.profile for e in solution.equilibria if e.profile is not None]
    parts = [
        heading(solution),
        _payoff_table(solution.game, pure),
        f"<p>{esc(solution_status(solution))}</p>",
        rows_table(equilibria_rows(solution)),
    ]
    parts += [f"<p><em>Note:</em> {esc(note)}</p>" for note in solution.notes]
    return _div(parts)


def model_html(model: Model) -> str:
    """A model: its heading, description, players with their strategies, parameters."""
    parts = [heading(model)]
    if model.description:
        first = model.description.strip().split("\n\n")[0]
        parts.append(f"<p>{esc(' '.join(first.split()))}</p>")
    players = "; ".join(
        f"{p}: {', '.join(s)}" for p, s in zip(model.players, model.strategies, strict=True)
    )
    parts.append(f"<p>Strategies: {esc(players)}</p>")
    rows = []
    for p in model.parameters.values():
        low, high = getattr(p, "low", None), getattr(p, "high", None)
        rows.append(
            {
                "parameter": p.name,
                "value": decimal(p.value),
                "unit": p.unit,
                "range": ""
                if low is None or high is None
                else f"[{decimal(low)}, {decimal(high)}]",
                "source": p.source,
            }
        )
    if rows:
        parts.append(rows_table(rows, limit=len(rows)))
    return _div(parts)


def record_html(record: Any) -> str:
    """Any result: a game or a solution as above, any other result as its heading and
    the table of its ``notebook_rows()``."""
    from ..games.strategic import Game
    from ..solve.result import Solution

    if isinstance(record, Game):
        return game_html(record)
    if isinstance(record, Solution):
        return solution_html(record)
    return _div([heading(record), rows_table(record.notebook_rows())])
