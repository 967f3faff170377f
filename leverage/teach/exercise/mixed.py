"""``mixed`` exercises: a game with a unique, mixed, Nash equilibrium.

Mathematics
-----------
The game has a unique Nash equilibrium, completely mixed for 2×2 and 3×3 (a nondegenerate
2×3 game cannot have one: in a nondegenerate game both supports of an equilibrium have the
same size, von Stengel 2007), where the question states the support.  Every probability has a
denominator of at most :data:`~.draw.MAX_DENOMINATOR`.

For square games an equilibrium is *planted*: with positive integer weights ``w`` (sum at most
:data:`~.draw.MAX_DENOMINATOR`, gcd 1) for the column player's mix ``y = w / Σw``, the rows of
the row player's payoffs are drawn with equal weighted sums ``Σ_k w_k·A[r][k]``, so that every
row earns the same against ``y``; the columns of the column player's payoffs likewise against
the row player's mix.  The exact solver must then confirm that the equilibrium is the only
one, and its indifference conditions are checked again (:mod:`~.verify`).

References
----------
B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
form", in *Algorithmic Game Theory*, ch. 3, CUP 2007.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ...formats.document import Items, Para
from ...formats.english import and_list
from .draw import HIGH, LOW, MAX_DENOMINATOR, Draft, Draw, DrawContext
from .text import Block, Inline, exact_number, mix_pieces, payoff_pieces, payoff_table, who
from .verify import expected_payoffs, verify


def _weight_vectors(size: int) -> list[tuple[int, ...]]:
    """Positive integer weights with sum at most :data:`MAX_DENOMINATOR` and gcd 1."""
    from math import gcd

    return [
        w
        for w in itertools.product(range(1, MAX_DENOMINATOR + 1), repeat=size)
        if sum(w) <= MAX_DENOMINATOR and gcd(*w) == 1
    ]


def _planted(draw: Draw, weights: Sequence[int], lines: int) -> list[list[int]] | None:
    """``lines`` distinct payoff lines ``u`` with ``sum_k weights[k] * u[k]`` all equal."""
    size = len(weights)
    total = draw.integer(LOW * sum(weights), HIGH * sum(weights))
    out: list[list[int]] = []
    for _ in range(40 * lines):
        if len(out) == lines:
            break
        head = [draw.integer(LOW, HIGH) for _ in range(size - 1)]
        rest = total - sum(w * u for w, u in zip(weights, head, strict=False))
        if rest % weights[-1] == 0 and LOW <= rest // weights[-1] <= HIGH:
            line = [*head, rest // weights[-1]]
            if line not in out:
                out.append(line)
    return out if len(out) == lines else None


def draft_mixed(draw: Draw, ctx: DrawContext) -> Draft | None:
    m, n = ctx.shape
    if m == n:
        wx, wy = draw.choice(_weight_vectors(m)), draw.choice(_weight_vectors(n))
        a_rows = _planted(draw, wy, m)  # rows of a: Row indifferent against y
        b_cols = _planted(draw, wx, n)  # columns of b: Column indifferent against x
        if a_rows is None or b_cols is None:
            return None
        a = a_rows
        b = [[b_cols[c][r] for c in range(n)] for r in range(m)]
    else:
        a, b = draw.matrix(m, n), draw.matrix(m, n)
    game = ctx.game(a, b)
    solution = game.equilibria()
    if solution.degenerate or len(solution) != 1 or solution[0].kind != "mixed":
        return None
    e = solution[0]
    x, y = (tuple(Fraction(p) for p in s) for s in e.strategies)
    u, v = (Fraction(w) for w in e.payoffs)
    if any(p.denominator > MAX_DENOMINATOR for p in (*x, *y)):
        return None
    support = (e.support(0), e.support(1))
    if min(len(support[0]), len(support[1])) < 2:
        return None
    rows_pay, cols_pay = expected_payoffs(game, x, y)
    verify(
        all(rows_pay[r] == u if r in support[0] else rows_pay[r] < u for r in range(m))
        and all(cols_pay[c] == v if c in support[1] else cols_pay[c] < v for c in range(n))
        and sum(x) == 1
        and sum(y) == 1,
        "the mixed equilibrium fails its indifference conditions",
    )
    rows, cols = game.strategies
    full = len(support[0]) == m and len(support[1]) == n
    if full:
        text = (
            "This game has a unique Nash equilibrium, in which both players mix over all their "
            "strategies. Find it and each player's expected payoff."
        )
    else:
        used = [[game.strategies[p][k] for k in support[p]] for p in range(2)]
        unused = [
            [s for k, s in enumerate(game.strategies[p]) if k not in support[p]] for p in range(2)
        ]
        never = "; ".join(
            f"{who(game.players[p])} never plays {and_list(unused[p])}"
            for p in range(2)
            if unused[p]
        )
        text = (
            f"This game has a unique Nash equilibrium, in which {who(game.players[0])} mixes "
            f"{and_list(used[0])} and {who(game.players[1])} mixes {and_list(used[1])} ({never}). "
            "Find it and each player's expected payoff."
        )
    question: list[Block] = [payoff_table(game), Para((text,))]

    def check(player: int, pays: list[Any], value: Fraction) -> tuple[Inline, ...]:
        labels = game.strategies[player]
        inside = [labels[k] for k in support[player]]
        other = 1 - player
        parts: list[Inline] = [
            f"Against {who(game.players[other])}'s mix, {who(game.players[player])}'s "
            f"{and_list(inside)} each earn ",
            exact_number(value),
        ]
        for k in range(len(labels)):
            if k not in support[player]:
                parts += [f"; {labels[k]} earns only ", exact_number(pays[k])]
        return (*parts, ".")

    answer: list[Block] = [
        payoff_table(game, True),
        Para(
            (
                f"{who(game.players[0], True)}: ",
                *mix_pieces(rows, x),
                f". {who(game.players[1], True)}: ",
                *mix_pieces(cols, y),
                ". Expected payoffs ",
                *payoff_pieces(e.payoffs),
                ".",
            )
        ),
        Items((check(0, rows_pay, u), check(1, cols_pay, v))),
    ]
    data = {
        "support": [[game.strategies[p][k] for k in support[p]] for p in range(2)],
        "strategies": [[str(p) for p in x], [str(p) for p in y]],
        "payoffs": [str(u), str(v)],
        "completely_mixed": full,
    }
    return Draft(game, question, answer, data)
