"""The equilibria section of the report: every Nash equilibrium in exact fractions with
its payoffs, and the selection among them by Pareto and risk dominance.

Mathematics
-----------
Equilibria by exact vertex enumeration (:meth:`leverage.Game.equilibria`;
von Stengel 2007), falling back to the pure equilibria when the game is too large or has
more than two players.  An equilibrium is Pareto-dominated when another gives every
player at least as much and some player more; of two strict pure equilibria of a 2×2
game, one risk-dominates the other when the product of the players' losses from
deviating is larger there (Harsanyi & Selten 1988, §3.9).  Both flags are computed by
:mod:`leverage.solve.selection`; this module only words them.

References
----------
- B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
  form", in Algorithmic Game Theory, ch. 3, CUP 2007.
- J. C. Harsanyi and R. Selten, *A General Theory of Equilibrium Selection in Games*,
  MIT Press 1988.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from ...errors import TooLargeError, UnsupportedError
from ...formats.english import and_list
from .markup import note, num, table

if TYPE_CHECKING:  # pragma: no cover
    from ...games.strategic import Game
    from ...solve.result import Equilibrium, Solution

__all__ = ["equilibria_section", "selection", "solve"]


def solve(game: Game) -> tuple[Solution | None, str]:
    """Every equilibrium (exact vertex enumeration); the pure ones when that is refused.

    Parameters
    ----------
    game
        The game.

    Returns
    -------
    tuple
        The solution (``None`` when not even the pure equilibria could be computed) and
        a note for the reader (empty when every equilibrium was found).
    """
    try:
        return game.equilibria(), ""
    except UnsupportedError as err:
        reason = str(err).split(";")[0]
    except TooLargeError as err:
        reason = str(err)
    try:
        solution = game.equilibria("pure")
    except (UnsupportedError, TooLargeError):
        return None, f"No equilibria computed: {reason}."
    return solution, f"Only the pure equilibria are listed: {reason}."


def _strategy(labels: Sequence[str], probs: Sequence[Any]) -> str:
    """A pure strategy's label, or each used strategy with its exact probability."""
    used = [(lab, p) for lab, p in zip(labels, probs, strict=True) if p]
    if len(used) == 1:
        return escape(used[0][0])
    return "<br>".join(f"{escape(lab)} {num(p)}" for lab, p in used)


def equilibria_section(game: Game, solution: Solution | None, notice: str) -> str:
    """The table of equilibria (kind, strategies, payoffs) and the selection among them.

    Parameters
    ----------
    game
        The game.
    solution
        Its equilibria, from :func:`solve` (``None``: only ``notice`` is shown).
    notice
        The note of :func:`solve` (plain text; empty for none).

    Returns
    -------
    str
        HTML.
    """
    parts = []
    if solution is None:
        return note(escape(notice))
    from ...formats.text import solution_status

    parts.append(f"<p>{escape(solution_status(solution))}</p>")
    if notice:
        parts.append(note(escape(notice)))
    eqs = solution.equilibria
    if not eqs:
        parts.append(note("No equilibrium of this kind exists."))
        return "\n".join(parts)
    head = ["#", "kind"]
    head += [f"{escape(p)} plays" for p in game.players]
    head += [f"payoff {escape(p)}" for p in game.players]
    rows = []
    for k, e in enumerate(eqs, start=1):
        row = [str(k), e.kind]
        row += [_strategy(game.strategies[i], e.strategies[i]) for i in range(game.n_players)]
        row += [num(v) for v in e.payoffs]
        rows.append(row)
    parts.append(table(head, rows, "equilibria"))
    parts.append("<h3>Selection among the equilibria</h3>")
    parts.append(selection(eqs))
    return "\n".join(parts)


def selection(eqs: Sequence[Equilibrium]) -> str:
    """What Pareto and risk dominance say about a list of equilibria, in words.

    Parameters
    ----------
    eqs
        The equilibria, numbered from 1 in this order.

    Returns
    -------
    str
        A ``<ul>`` of sentences.
    """
    items = []
    if len(eqs) == 1:
        items.append("There is a single equilibrium: no selection problem arises.")
    else:
        dominated = [k for k, e in enumerate(eqs, start=1) if e.pareto_dominated]
        best = [k for k in range(1, len(eqs) + 1) if k not in dominated]
        if dominated:
            verb = "is" if len(dominated) == 1 else "are"
            text = (
                f"Pareto dominance: {_numbers(dominated)} {verb} Pareto-dominated — another "
                "equilibrium gives every player at least as much and some player more"
            )
            if len(best) == 1:
                text += f"; {_numbers(best)} is payoff-dominant: it Pareto-dominates every other"
            items.append(text + ".")
        else:
            items.append(_undominated(eqs))
    risk = [(k, e.risk_dominant) for k, e in enumerate(eqs, start=1)]
    winners = [k for k, r in risk if r is True]
    applies = [k for k, r in risk if r is not None]
    if winners:
        others = [k for k in applies if k not in winners]
        items.append(
            f"Risk dominance (Harsanyi &amp; Selten 1988): equilibrium {winners[0]} "
            f"risk-dominates {_numbers(others)} — the product of the "
            "players' losses from deviating is larger there, so it is the safer bet when "
            "each is unsure what the other will do."
        )
    elif applies:
        items.append(
            "Risk dominance: the two strict pure equilibria are equally risky "
            "(the products of the deviation losses are equal)."
        )
    elif len(eqs) > 1:
        items.append(
            "Risk dominance (Harsanyi &amp; Selten 1988) compares two strict pure equilibria "
            "of a 2×2 game; it does not apply here."
        )
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _undominated(eqs: Sequence[Equilibrium]) -> str:
    """The Pareto sentence when no equilibrium is Pareto-dominated: either every one pays
    each player the same (the players are indifferent), or the players disagree."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for k, e in enumerate(eqs, start=1):
        groups.setdefault(tuple(e.payoffs), []).append(k)
    text = "Pareto dominance: no equilibrium is Pareto-dominated by another; "
    if len(groups) == 1:
        return text + "all pay each player the same, so no player prefers one to another."
    text += "the players disagree on which one they prefer"
    ties = [ks for ks in groups.values() if len(ks) > 1]
    for ks in ties:
        text += f"; {_numbers(ks)} pay each player the same"
    return text + "."


def _numbers(ks: Sequence[int]) -> str:
    """``"equilibrium 2"``, ``"equilibria 2 and 3"``, ``"equilibria 1, 2, and 4"``.

    >>> _numbers([1, 2, 4])
    'equilibria 1, 2, and 4'
    """
    if len(ks) == 1:
        return f"equilibrium {ks[0]}"
    return "equilibria " + and_list([str(k) for k in ks])
