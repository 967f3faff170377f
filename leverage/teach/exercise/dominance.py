"""``dominance`` exercises: iterated elimination of strictly dominated strategies.

Mathematics
-----------
A strategy is strictly dominated when another strategy, or a mix of strategies, earns strictly
more against every remaining strategy of the other player.  Each round removes every strictly
dominated strategy of both players (:meth:`~leverage.Game.iterated_elimination`); by
Gilboa, Kalai and Zemel (1990) any order of elimination leaves the same profile, so the number
of rounds of this canonical order is well defined.  A game is kept when it is solved in the
set's target number of rounds (1 or 2 for 2×2, 2 or 3 for 2×3, 2 to 4 for 3×3) with every
dominator a pure strategy; the survivor is then the unique Nash equilibrium.  For 2×3 and
3×3 sets of three or more, the last exercise needs a mixed strategy as a dominator and is
flagged as harder; the key shows the two-strategy mix ``w·i + (1 − w)·j`` with the smallest
denominator (at most :data:`~.draw.MAX_DENOMINATOR`) that dominates, easier to check by hand
than the one linear programming finds.  Every inequality of the key is checked again.

References
----------
I. Gilboa, E. Kalai and E. Zemel, "On the order of eliminating dominated strategies",
Operations Research Letters 9 (1990) 85–89.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from fractions import Fraction

from ...formats.document import Items, Para, Rendered
from .draw import MAX_DENOMINATOR, Draft, Draw, DrawContext
from .pure import pure_profile_data
from .text import (
    Block,
    Inline,
    exact_number,
    mix_pieces,
    payoff_pieces,
    payoff_table,
    profile_label,
    who,
)
from .verify import verify


def draft_dominance(draw: Draw, ctx: DrawContext) -> Draft | None:
    m, n = ctx.shape
    harder = ctx.shape != (2, 2) and ctx.count >= 3 and ctx.index == ctx.count - 1
    game = ctx.game(draw.matrix(m, n), draw.matrix(m, n))
    result = game.iterated_elimination()
    if not result.solved:
        return None
    pure_only = game.iterated_elimination(mixed=False)
    if harder:
        if pure_only.solved:
            return None
    elif pure_only.steps != result.steps or result.rounds != ctx.target:
        return None
    solution = game.equilibria()
    survivor = tuple(r[0] for r in result.remaining)
    if len(solution) != 1 or solution[0].profile != survivor:
        return None  # (cannot happen for strict dominance; kept as a guard)
    labels = game.strategies
    a, b = (arr.tolist() for arr in game.payoffs)
    remaining = [list(range(m)), list(range(n))]
    items: list[tuple[Inline, ...]] = []
    steps_data = []
    for round_number in range(1, result.rounds + 1):
        steps = [s for s in result.steps if s.round == round_number]
        for step in steps:
            p = step.player
            others = remaining[1 - p]

            def pay(own: int, other: int, p: int = p) -> Fraction:
                return Fraction(a[own][other] if p == 0 else b[other][own])

            parts: list[Inline] = [
                f"Round {round_number}: {who(game.players[p])}'s {labels[p][step.strategy]} is "
                "strictly dominated by "
            ]
            dominator = step.dominated_by
            if len(dominator) == 1:
                parts.append(labels[p][dominator[0][0]])
            else:
                dominator = _simple_mix(pay, step.strategy, remaining[p], others) or dominator
                weights = dict(dominator)
                mix = [weights.get(k, Fraction(0)) for k in range(len(labels[p]))]
                parts += ["the mix ", *mix_pieces(labels[p], mix)]
            parts.append(" (")
            for k, t in enumerate(others):
                dominating = sum((w * pay(s, t) for s, w in dominator), Fraction(0))
                dominated = pay(step.strategy, t)
                verify(
                    dominating > dominated
                    and set(dict(dominator)) <= set(remaining[p])
                    and sum(w for _, w in dominator) == 1
                    and all(w > 0 for _, w in dominator),
                    f"elimination of {labels[p][step.strategy]} is not a strict dominance",
                )
                parts += ["; "] if k else []
                parts += [
                    exact_number(dominating),
                    Rendered(" > ", " $>$ "),
                    exact_number(dominated),
                ]
                parts.append(f" against {labels[1 - p][t]}")
            items.append((*parts, ")."))
            steps_data.append(
                {
                    "round": round_number,
                    "player": game.players[p],
                    "strategy": labels[p][step.strategy],
                    "dominated_by": {labels[p][k]: str(w) for k, w in dominator},
                }
            )
        for step in steps:
            remaining[step.player].remove(step.strategy)
    verify(
        tuple(tuple(r) for r in remaining) == result.remaining
        and ctx.pure_check(game) == [survivor],
        "the survivor of elimination is not the unique pure equilibrium",
    )
    eliminations = len(result.steps)
    rounds_text = "1 round" if result.rounds == 1 else f"{result.rounds} rounds"
    question: list[Block] = [
        payoff_table(game),
        Para(
            (
                "Solve this game by iterated elimination of strictly dominated strategies. "
                f"If each round removes every strictly dominated strategy of both players, it "
                f"takes {rounds_text} ({eliminations} eliminations in all). Which profile "
                "survives?",
            )
        ),
    ]
    if harder:
        question.append(
            Para(
                ("Harder: one strategy is dominated only by a mixed strategy, not by a pure one.",)
            )
        )
    answer: list[Block] = [
        payoff_table(game, True, (survivor,)),
        Items(tuple(items)),
        Para(
            (
                f"Survivor: {profile_label(game, survivor)} with payoffs ",
                *payoff_pieces(game.payoff_profile(survivor)),
                "; it is the game's only Nash equilibrium.",
            )
        ),
    ]
    data = {
        "rounds": result.rounds,
        "eliminations": steps_data,
        "solution": pure_profile_data(game, survivor),
        "mixed_dominator": harder,
    }
    return Draft(game, question, answer, data, harder=harder)


def _simple_mix(
    pay: Callable[[int, int], Fraction], strategy: int, own: Sequence[int], others: Sequence[int]
) -> tuple[tuple[int, Fraction], ...] | None:
    """A strictly dominating mix of two strategies with the smallest denominator (at most
    :data:`MAX_DENOMINATOR`), easier to check by hand than the one linear programming
    finds; ``None`` if there is none."""
    candidates = [k for k in own if k != strategy]
    for q in range(2, MAX_DENOMINATOR + 1):
        for i, j in itertools.combinations(candidates, 2):
            for num in range(1, q):
                w = Fraction(num, q)
                if w.denominator == q and all(
                    w * pay(i, t) + (1 - w) * pay(j, t) > pay(strategy, t) for t in others
                ):
                    return ((i, w), (j, 1 - w))
    return None
