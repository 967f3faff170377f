"""Human-readable renderings: terminal tables, Markdown, LaTeX and CSV.

Terminal output is laid out for a terminal of ``width`` columns (80 by default; the
command line passes ``$COLUMNS``): a payoff table when it fits, one line per outcome when
it does not; equilibria as one block each, probabilities as exact fractions when the
game was solved exactly.  Every paragraph is wrapped by :func:`wrap`, which never splits
``name = value`` or an interval ``(a, b)``.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..expr.escape import latex_escape, markdown_escape

if TYPE_CHECKING:  # pragma: no cover
    from ..games.strategic import Game
    from ..solve.result import Equilibrium, Solution

WIDTH = 80
"""The default width of terminal text, in characters."""

_NBSP = "\xa0"
#: ``name = value`` and the inside of a short interval or pair, ``(1/2, 3)`` / ``[0, 1]``,
#: are held together when text is wrapped.
_HOLD = (
    (re.compile(r"(\S) = (\S)"), rf"\1{_NBSP}={_NBSP}\2"),
    (re.compile(r"([(\[][^\s(),\[\]]+), (?=[^\s(),\[\]]+[)\]])"), rf"\1,{_NBSP}"),
)
#: A short bracketed name such as ``d[Row Swerve]``, and a mixed profile
#: ``mixed{A+B; C+D}``, is one word.
_BRACKETED = re.compile(r"\[[^\[\]]{1,40}\]|\{[^{}]{1,60}\}")


def wrap(text: str, width: int = WIDTH, *, indent: str = "", subsequent: str = "") -> list[str]:
    """``text`` as lines of at most ``width`` characters (a word longer than a line stays
    whole); ``name = value``, ``(a, b)`` and ``d[Row Swerve]`` are never split, nor words
    at hyphens.

    >>> wrap("Parameters: interdependence_cost = 10923/12500, cost = 2", 40)
    ['Parameters:', 'interdependence_cost = 10923/12500,', 'cost = 2']
    >>> wrap("on (10923/12500, 101/25) and beyond", 20)
    ['on', '(10923/12500, 101/25)', 'and beyond']
    """
    held = text.replace(_NBSP, " ")
    for pattern, repl in _HOLD:
        held = pattern.sub(repl, held)
    held = _BRACKETED.sub(lambda m: m.group(0).replace(" ", _NBSP), held)
    return wrap_held(held, width, indent=indent, subsequent=subsequent)


def wrap_held(text: str, width: int, *, indent: str = "", subsequent: str = "") -> list[str]:
    """``text``, in which no-break spaces hold pieces together, as lines of at most
    ``width`` characters (a longer piece stays whole, words are not split at hyphens),
    the no-break spaces shown as spaces; at least one line."""
    lines = textwrap.wrap(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace(_NBSP, " ") for line in lines] or [indent.rstrip()]


def number(v: Any) -> str:
    """A payoff or probability for display: fractions exactly, floats to 6 digits."""
    if isinstance(v, Fraction):
        return str(v)
    if isinstance(v, (float, np.floating)):
        text = f"{float(v):.6g}"
        return "0" if text == "-0" else text
    return str(v)


def decimal(v: Any) -> str:
    """A parameter value: a short terminating decimal when exact (``0.88``), else as
    :func:`number` (``1/3``)."""
    if isinstance(v, Fraction) and v.denominator != 1:
        den = v.denominator
        while den % 2 == 0:
            den //= 2
        while den % 5 == 0:
            den //= 5
        if den == 1:
            text = f"{float(v):.10g}"
            if Fraction(text) == v:
                return text
    return number(v)


def payoff(v: Any) -> str:
    """A payoff: exact, with a decimal approximation when it is a non-integer fraction."""
    if isinstance(v, Fraction) and v.denominator != 1:
        approx = decimal(v)
        if "/" in approx:
            approx = f"≈ {float(v):.4g}"
        return f"{v} ({approx})"
    return number(v)


def mixed(labels: Sequence[str], probs: Sequence[Any]) -> str:
    """``"Calibrate 1/4, Overreach 3/4"``; a pure strategy is just its label."""
    used = [(lab, p) for lab, p in zip(labels, probs, strict=True) if p]
    if len(used) == 1:
        return used[0][0]
    return ", ".join(f"{lab} {number(p)}" for lab, p in used)


# ------------------------------------------------------------------ payoff tables
def _cell(game_or_cells: Any, idx: tuple[int, ...]) -> str:
    return ", ".join(number(arr[idx]) for arr in game_or_cells)


def payoff_table(
    players: Sequence[str],
    strategies: Sequence[Sequence[str]],
    arrays: Sequence[np.ndarray],
    *,
    width: int = WIDTH,
    marks: set[tuple[int, ...]] | None = None,
) -> str:
    """A payoff table: a grid for two players when it fits ``width``, else a list.

    Parameters
    ----------
    players, strategies
        Labels.
    arrays
        One payoff array per player (numbers or sympy expressions).
    width
        Maximum line width.
    marks
        Profiles to mark with ``*`` (e.g. pure equilibria).
    """
    marks = marks or set()
    if len(players) == 2:
        rows, cols = strategies
        cells = [
            [_cell(arrays, (r, c)) + ("*" if (r, c) in marks else "") for c in range(len(cols))]
            for r in range(len(rows))
        ]
        first = max(len(players[0]), *(len(r) for r in rows))
        widths = [
            max(len(cols[c]), *(len(cells[r][c]) for r in range(len(rows))))
            for c in range(len(cols))
        ]
        total = first + sum(w + 3 for w in widths)
        if total <= width:
            header = f"{players[0]:<{first}}" + "".join(
                f" | {cols[c]:>{widths[c]}}" for c in range(len(cols))
            )
            title = " " * first + f"   {players[1]} →"
            rule = "-" * len(header)
            lines = [title, header, rule]
            for r, label in enumerate(rows):
                lines.append(
                    f"{label:<{first}}"
                    + "".join(f" | {cells[r][c]:>{widths[c]}}" for c in range(len(cols)))
                )
            lines.append(f"(payoffs: {players[0]}, {players[1]})")
            return "\n".join(lines)
    lines = [f"Outcome ({', '.join(players)})  →  payoffs"]
    for idx in np.ndindex(*(len(s) for s in strategies)):
        label = ", ".join(strategies[i][k] for i, k in enumerate(idx))
        mark = " *" if idx in marks else ""
        text = f"{label}: {_cell(arrays, idx)}{mark}"
        lines.extend(wrap(text, width, subsequent="    ") or [text])
    return "\n".join(lines)


def game_table(game: Game, *, width: int = WIDTH) -> str:
    """The payoff table of a game (see :func:`payoff_table`)."""
    return payoff_table(game.players, game.strategies, game.payoffs, width=width)


# ------------------------------------------------------------------ solutions
def solution_status(solution: Solution) -> str:
    """One sentence on how complete ``solution`` is: ``"3 Nash equilibria (vertex
    enumeration, exact arithmetic); nondegenerate game; complete."``"""
    n = len(solution.equilibria)
    noun = "equilibrium" if n == 1 else "equilibria"
    method = {
        "vertex": "vertex enumeration",
        "support": "support enumeration",
        "pure": "pure-strategy search",
        "lemke-howson": "Lemke–Howson",
    }.get(solution.method, solution.method)
    arith = "exact arithmetic" if solution.game.exact else "floating-point payoffs"
    text = f"{n} Nash {noun} ({method}, {arith})"
    if solution.degenerate:
        text += "; degenerate game: extreme equilibria listed"
    elif solution.degenerate is False:
        text += "; nondegenerate game"
    if solution.complete and solution.method in ("vertex", "support"):
        text += "; complete"
    return text + "."


def _tags(e: Equilibrium, count: int = 2) -> str:
    tags: list[str] = [e.kind]
    if e.pareto_dominated is True:
        tags.append("Pareto-dominated")
    elif e.pareto_dominated is False and count > 1:
        tags.append("not Pareto-dominated")
    if e.risk_dominant is True:
        tags.append("risk-dominant")
    return ", ".join(tags)


def solution_table(solution: Solution, *, width: int = WIDTH) -> str:
    """Equilibria as readable blocks for a terminal."""
    game = solution.game
    lines = []
    if game.title:
        lines.extend(wrap(game.title, width))
    if game.parameters:
        params = ", ".join(f"{k} = {decimal(v)}" for k, v in game.parameters.items())
        lines.extend(wrap("Parameters: " + params, width, subsequent="  "))
    lines.extend(wrap(solution_status(solution), width))
    name_w = max(len(p) for p in game.players)
    for k, e in enumerate(solution.equilibria, start=1):
        lines.append("")
        lines.append(f"{k}. {_tags(e, len(solution.equilibria))}")
        for i, player in enumerate(game.players):
            strat = mixed(game.strategies[i], e.strategies[i])
            pay = payoff(e.payoffs[i])
            prefix = f"   {player:<{name_w}}  "
            indent = " " * len(prefix)
            body = f"{strat}  →  payoff {pay}"
            if len(prefix) + len(body) <= width:
                lines.append(prefix + body)
                continue
            wrapped = wrap(strat, width - len(prefix)) or [strat]
            lines.append(prefix + wrapped[0])
            lines.extend(indent + w for w in wrapped[1:])
            lines.append(indent + f"→  payoff {pay}")
    if solution.components is not None:
        lines.append("")
        lines.append(f"Maximal convex components: {len(solution.components)}")
        for k, comp in enumerate(solution.components, start=1):
            members = ", ".join(str(i + 1) for i in comp.equilibria)
            lines.append(f"  C{k}: convex hull of equilibria {members}")
            for i, player in enumerate(game.players):
                ext = "; ".join(mixed(game.strategies[i], s) for s in comp.extremes[i])
                lines.extend(
                    wrap(
                        f"{player}: any mix of [{ext}]",
                        width,
                        indent="      ",
                        subsequent="        ",
                    )
                )
    for note in solution.notes:
        lines.append("")
        lines.extend(wrap("Note: " + note, width, subsequent="  "))
    return "\n".join(lines)


def solution_markdown(solution: Solution, *, table: str | None = None) -> str:
    """Equilibria as a Markdown table, after the game's payoff ``table`` when given."""
    game = solution.game
    head = ["#", "kind", *game.players, *(f"payoff {p}" for p in game.players)]
    lines = []
    if game.title:
        lines.append(f"**{markdown_escape(game.title, pipes_only=True)}**\n")
    if table:
        lines.append(table + "\n")
    lines.append(solution_status(solution) + "\n")
    lines.append("| " + " | ".join(markdown_escape(h, pipes_only=True) for h in head) + " |")
    lines.append("|" + "---|" * len(head))
    for k, e in enumerate(solution.equilibria, start=1):
        row = [str(k), _tags(e, len(solution.equilibria))]
        row += [mixed(game.strategies[i], e.strategies[i]) for i in range(game.n_players)]
        row += [number(v) for v in e.payoffs]
        lines.append("| " + " | ".join(markdown_escape(c, pipes_only=True) for c in row) + " |")
    for note in solution.notes:
        lines.append(f"\n*Note:* {markdown_escape(note, pipes_only=True)}")
    return "\n".join(lines)


# ------------------------------------------------------------------ LaTeX
def latex_number(v: Any) -> str:
    """A number in LaTeX math: fractions as ``\\frac``."""
    if isinstance(v, Fraction) and v.denominator != 1:
        sign = "-" if v < 0 else ""
        return f"{sign}\\frac{{{abs(v.numerator)}}}{{{v.denominator}}}"
    return number(v)


def equilibria_latex(solution: Solution) -> str:
    """The equilibria of ``solution`` as a LaTeX ``tabular``: kind, strategies (with
    probabilities for mixed ones) and payoffs, numbers exact (``\\frac``)."""
    game = solution.game
    out = []
    out.append("\\begin{tabular}{r" + "l" * (2 * game.n_players + 1) + "}")
    head = ["\\#", "kind"] + [latex_escape(p) for p in game.players]
    head += [f"$u_{{\\text{{{latex_escape(p)}}}}}$" for p in game.players]
    out.append(" & ".join(head) + " \\\\ \\hline")
    for k, e in enumerate(solution.equilibria, start=1):
        row = [str(k), e.kind]
        for i in range(game.n_players):
            parts = [
                f"{latex_escape(lab)}~${latex_number(p)}$"
                if len(e.support(i)) > 1
                else latex_escape(lab)
                for lab, p in zip(game.strategies[i], e.strategies[i], strict=True)
                if p
            ]
            row.append(", ".join(parts))
        row += [f"${latex_number(v)}$" for v in e.payoffs]
        out.append(" & ".join(row) + " \\\\")
    out.append("\\end{tabular}")
    return "\n".join(out)


# ------------------------------------------------------------------ CSV
def dominance_text(game: Game, result: Any, *, width: int = WIDTH) -> str:
    """The rounds of iterated elimination of strictly dominated strategies."""
    lines = ["Iterated elimination of strictly dominated strategies:"]
    if not result.steps:
        lines.append("  no strategy is strictly dominated.")
    for step in result.steps:
        player = game.players[step.player]
        labels = game.strategies[step.player]
        by = step.dominated_by
        if len(by) == 1:
            dom = labels[by[0][0]]
        else:
            dom = "the mix " + ", ".join(f"{labels[k]} {number(w)}" for k, w in by)
        text = (
            f"  round {step.round}: {player}'s {labels[step.strategy]} is strictly "
            f"dominated by {dom}"
        )
        lines.extend(wrap(text, width, subsequent="    "))
    left = "; ".join(
        f"{p}: {', '.join(game.strategies[i][k] for k in result.remaining[i])}"
        for i, p in enumerate(game.players)
    )
    lines.extend(wrap("  Remaining: " + left, width, subsequent="    "))
    if result.solved:
        lines.append("  The game is dominance solvable.")
    return "\n".join(lines)


def dominance_dict(game: Game, result: Any) -> dict[str, Any]:
    """The elimination rounds as a JSON-ready dictionary."""
    return {
        "steps": [
            {
                "round": s.round,
                "player": game.players[s.player],
                "strategy": game.strategies[s.player][s.strategy],
                "dominated_by": {game.strategies[s.player][k]: str(w) for k, w in s.dominated_by},
            }
            for s in result.steps
        ],
        "remaining": [
            [game.strategies[i][k] for k in result.remaining[i]] for i in range(game.n_players)
        ],
        "solved": result.solved,
    }
