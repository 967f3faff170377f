"""``pure`` exercises: find every pure-strategy Nash equilibrium.

Mathematics
-----------
A profile is a pure Nash equilibrium when each player's strategy is a best response to the
other's: the row player's payoff is the largest in its column and the column player's the
largest in its row.  The game is drawn until it is nondegenerate and has the set's target
number of pure equilibria (0, 1 and 2, in a shuffled cycle); the key marks best responses,
lists each player's best response to each of the other's strategies, and when there is no
pure equilibrium gives the mixed one (a nondegenerate game has an odd number of equilibria).
The solver's pure equilibria are checked cell by cell (:mod:`~.verify`).

References
----------
J. Nash, "Non-cooperative games", *Annals of Mathematics* 54 (1951) 286–295.
"""

from __future__ import annotations

from typing import Any

from ...formats.document import Items, Para
from ...games.strategic import Game
from .draw import Draft, Draw, DrawContext
from .text import Block, Inline, mix_pieces, payoff_pieces, payoff_table, profile_label, who
from .verify import verify


def pure_profile_data(game: Game, profile: tuple[int, ...]) -> dict[str, Any]:
    return {
        "profile": list(profile),
        "strategies": [game.strategies[p][k] for p, k in enumerate(profile)],
        "payoffs": [str(v) for v in game.payoff_profile(profile)],
    }


def draft_pure(draw: Draw, ctx: DrawContext) -> Draft | None:
    m, n = ctx.shape
    game = ctx.game(draw.matrix(m, n), draw.matrix(m, n))
    solution = game.equilibria()
    if solution.degenerate or len(solution.pure()) != ctx.target:
        return None
    profiles = [e.profile for e in solution.pure() if e.profile is not None]
    verify(
        sorted(profiles) == ctx.pure_check(game), "pure equilibria differ from a cell-by-cell check"
    )
    question: list[Block] = [
        payoff_table(game),
        Para(
            ("Find every pure-strategy Nash equilibrium of this game, or show that it has none.",)
        ),
    ]
    answer: list[Block] = [payoff_table(game, True, tuple(profiles))]
    if profiles:
        parts: list[Inline] = ["Pure equilibria: " if len(profiles) > 1 else "Pure equilibrium: "]
        for k, prof in enumerate(profiles):
            parts += ["; "] if k else []
            parts += [
                profile_label(game, prof),
                " with payoffs ",
                *payoff_pieces(game.payoff_profile(prof)),
            ]
        answer.append(Para((*parts, ".")))
    else:
        answer.append(Para(("None: no cell is a best response for both players.",)))
    a, b = (arr.tolist() for arr in game.payoffs)
    rows, cols = game.strategies
    row_br = [max(range(m), key=[a[r][c] for r in range(m)].__getitem__) for c in range(n)]
    col_br = [max(range(n), key=b[r].__getitem__) for r in range(m)]
    answer.append(
        Items(
            (
                (
                    f"{who(game.players[0], True)}'s best response: "
                    + "; ".join(f"to {cols[c]}, {rows[row_br[c]]}" for c in range(n))
                    + ".",
                ),
                (
                    f"{who(game.players[1], True)}'s best response: "
                    + "; ".join(f"to {rows[r]}, {cols[col_br[r]]}" for r in range(m))
                    + ".",
                ),
            )
        )
    )
    if not profiles:
        if len(solution) == 1:
            e = solution[0]
            answer.append(
                Para(
                    (
                        "Its only equilibrium is mixed: ",
                        f"{who(game.players[0])} ",
                        *mix_pieces(rows, e.strategies[0]),
                        f"; {who(game.players[1])} ",
                        *mix_pieces(cols, e.strategies[1]),
                        ".",
                    )
                )
            )
        else:
            text = (
                "Its only equilibrium is mixed."
                if len(solution) == 1
                else f"Its {len(solution)} equilibria are all mixed."
            )
            answer.append(Para((text,)))
    data = {
        "pure_equilibria": [pure_profile_data(game, p) for p in profiles],
        "equilibria": len(solution),
    }
    return Draft(game, question, answer, data)
