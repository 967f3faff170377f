"""The facts of an explanation as a JSON-ready dictionary (``leverage explain --format json``).

Exact numbers are rational strings (``"3/4"``), float games' numbers floats, symbolic
expressions plain text in the model language (:mod:`.notation`); strategies and players
are named, not numbered; equilibria are numbered from 1 as in the prose.

Mathematics
-----------
None: a transcription of :mod:`.facts`.

References
----------
- T. Bray (ed.), *The JavaScript Object Notation (JSON) Data Interchange Format*, RFC 8259
  (2017).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sympy

from ...expr.printing import expr_text
from .render import explanation_text

if TYPE_CHECKING:  # pragma: no cover
    from .facts import Condition
    from .facts import ExplanationFacts as Explanation


def _jnum(v: Any) -> Any:
    if isinstance(v, Fraction):
        return str(v)
    if isinstance(v, sympy.Basic):
        return expr_text(v)
    return float(v)


def explanation_dict(ex: Explanation) -> dict[str, Any]:
    """The facts as a JSON-ready dictionary (:meth:`.Explanation.to_dict`)."""
    g = ex.game
    labels = g.strategies

    def against(player: int, prof: Sequence[int | None]) -> list[str | None]:
        return [labels[j][k] if k is not None else None for j, k in enumerate(prof)]

    def cond(c: Condition | None) -> dict[str, Any] | None:
        if c is None:
            return None
        return {
            "condition": f"{expr_text(c.better)} {c.relation} {expr_text(c.worse)}",
            "difference": _jnum(c.difference),
            "focus": c.focus_condition,
        }

    data: dict[str, Any] = {
        "title": g.title,
        "players": list(g.players),
        "strategies": [list(s) for s in labels],
        "parameters": {k: _jnum(v) for k, v in g.parameters.items()},
        "symbolic": ex.symbolic,
        "focus": ex.focus,
        "detailed": ex.detailed,
        "best_responses": [
            {
                "player": g.players[b.player],
                "against": against(b.player, b.against),
                "best": [labels[b.player][k] for k in b.best],
                "payoffs": [_jnum(v) for v in b.payoffs],
                "conditions": [
                    {"best": labels[b.player][x], "other": labels[b.player][y], **(cond(c) or {})}
                    for x, y, c in b.conditions
                ],
            }
            for b in ex.best_responses
        ],
        "dominance": {
            "steps": [
                {
                    "round": s.round,
                    "player": g.players[s.player],
                    "strategy": labels[s.player][s.strategy],
                    "dominated_by": {labels[s.player][k]: str(w) for k, w in s.dominated_by},
                    "comparisons": [
                        {
                            "against": against(s.player, c.against),
                            "dominator": _jnum(c.dominator),
                            "dominated": _jnum(c.dominated),
                            "condition": cond(c.condition),
                        }
                        for c in s.comparisons
                    ],
                }
                for s in ex.dominance
            ],
            "remaining": [[labels[i][k] for k in r] for i, r in enumerate(ex.remaining)],
            "solved": all(len(r) == 1 for r in ex.remaining),
        },
        "pure_equilibria": [
            {
                "equilibrium": p.index + 1,
                "profile": [labels[i][k] for i, k in enumerate(p.profile)],
                "payoffs": [_jnum(v) for v in p.payoffs],
            }
            for p in ex.pure_equilibria
        ],
        "mixed_equilibria": [
            {
                "equilibrium": m.index + 1,
                "strategies": [[_jnum(p) for p in s] for s in m.strategies],
                "payoffs": [_jnum(v) for v in m.payoffs],
                "derivations": [
                    {
                        "player": g.players[d.player],
                        "makes_indifferent": g.players[d.opponent],
                        "support": [labels[d.player][k] for k in d.support],
                        "indifferent_among": [labels[d.opponent][k] for k in d.indifferent_among],
                        "also_equal": [labels[d.opponent][k] for k in d.also_equal],
                        "equations": [
                            f"{expr_text(d.expected[0])} = {expr_text(e)}" for e in d.expected[1:]
                        ],
                        "probabilities": [_jnum(p) for p in d.solution],
                        "value": _jnum(d.value),
                        **(
                            {
                                "formulas": [expr_text(f) for f in d.formulas],
                                "value_formula": expr_text(d.value_formula),
                            }
                            if d.formulas is not None
                            else {}
                        ),
                    }
                    for d in m.derivations
                ],
                "support_checks": [
                    {
                        "player": g.players[c.player],
                        "strategy": labels[c.player][c.strategy],
                        "payoff": _jnum(c.payoff),
                        "equilibrium_payoff": _jnum(c.equilibrium_payoff),
                        "condition": cond(c.condition),
                    }
                    for c in m.checks
                ],
                **(
                    {"payoff_formulas": [expr_text(f) for f in m.payoff_formulas]}
                    if m.payoff_formulas is not None
                    else {}
                ),
            }
            for m in ex.mixed_equilibria
        ],
        "equilibria": [
            {
                "equilibrium": s.index + 1,
                "kind": s.kind,
                "strategies": [[_jnum(p) for p in st] for st in s.strategies],
                "payoffs": [_jnum(v) for v in s.payoffs],
                "pareto_dominated_by": [k + 1 for k in s.pareto_dominated_by],
                "risk_dominant": s.risk_dominant,
                "nash_product": None if s.nash_product is None else _jnum(s.nash_product),
            }
            for s in ex.summaries
        ],
        "degenerate": ex.degenerate,
        "components": None
        if ex.components is None
        else [
            {
                "equilibria": [k + 1 for k in c.equilibria],
                "extremes": [[[_jnum(p) for p in s] for s in side] for side in c.extremes],
            }
            for c in ex.components
        ],
        "text": explanation_text(ex),
    }
    json.dumps(data)  # the contract: JSON-ready
    return data
