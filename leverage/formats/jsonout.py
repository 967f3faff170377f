"""The JSON contract of ``leverage solve --format json`` (docs/json.md), and the
``schema`` version every command's JSON object carries.

One object: ``title``, ``players``, ``strategies``, ``parameters`` (floats),
``equilibria`` (each with ``strategies`` as float probabilities in file order,
``exact`` as rational strings when solved exactly, ``payoffs`` as floats and ``kind``),
and ``degenerate``.  Extra keys (``method``, ``complete``, ``notes``, per-equilibrium
``exact_payoffs``, ``pareto_dominated``, ``risk_dominant``, ``components``) add to
the contract without changing it.

Every top-level JSON object the command line writes starts with ``"schema":
SCHEMA_VERSION`` (:func:`json_document`, :func:`json_text`).  The constant is defined
once, in :mod:`leverage.records`, below every result type, so that each result's
``to_json()`` carries it too; it is re-exported here for the renderers and the commands.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..records import SCHEMA_KEY, SCHEMA_VERSION, json_document, json_text

if TYPE_CHECKING:  # pragma: no cover
    from ..games.strategic import Game
    from ..solve.result import Solution

__all__ = [
    "SCHEMA_KEY",
    "SCHEMA_VERSION",
    "game_dict",
    "json_document",
    "json_text",
    "solution_dict",
    "solution_json",
]


def _num(v: Fraction | float) -> float:
    return float(v)


def solution_dict(solution: Solution) -> dict[str, Any]:
    """The JSON-ready dictionary of a solution (see the module docstring)."""
    game = solution.game
    eqs = []
    for e in solution.equilibria:
        item: dict[str, Any] = {
            "strategies": [[_num(p) for p in s] for s in e.strategies],
        }
        if e.exact:
            item["exact"] = [[str(p) for p in s] for s in e.strategies]
        item["payoffs"] = [_num(v) for v in e.payoffs]
        if e.exact:
            item["exact_payoffs"] = [str(v) for v in e.payoffs]
        item["kind"] = e.kind
        item["pareto_dominated"] = e.pareto_dominated
        if e.risk_dominant is not None:
            item["risk_dominant"] = e.risk_dominant
        eqs.append(item)
    out: dict[str, Any] = {
        "title": game.title,
        "players": list(game.players),
        "strategies": [list(s) for s in game.strategies],
        "parameters": {k: _num(v) for k, v in game.parameters.items()},
        "equilibria": eqs,
        "degenerate": solution.degenerate,
        "method": solution.method,
        "complete": solution.complete,
        "exact": game.exact,
        "notes": list(solution.notes),
    }
    if solution.components is not None:
        out["components"] = [
            {
                "extremes": [
                    [[str(p) if e_exact else _num(p) for p in s] for s in side]
                    for side in c.extremes
                    for e_exact in [game.exact]
                ],
                "equilibria": list(c.equilibria),
            }
            for c in solution.components
        ]
    return out


def solution_json(solution: Solution, *, indent: int | None = 2) -> str:
    """The solution as a JSON string, as ``leverage solve --format json`` prints it."""
    return json_text(solution_dict(solution), indent=indent)


def game_dict(game: Game) -> dict[str, Any]:
    """A game as a JSON-ready dictionary (exact payoffs as rational strings)."""

    def conv(v: Any) -> Any:
        return str(v) if isinstance(v, Fraction) else float(v)

    return {
        "title": game.title,
        "players": list(game.players),
        "strategies": [list(s) for s in game.strategies],
        "parameters": {k: float(v) for k, v in game.parameters.items()},
        "exact": game.exact,
        "payoffs": [_nested(arr, conv) for arr in game.payoffs],
    }


def _nested(arr: Any, conv: Any) -> Any:
    if getattr(arr, "ndim", 0) == 0:
        return conv(arr[()] if hasattr(arr, "shape") else arr)
    return [_nested(sub, conv) for sub in arr]
