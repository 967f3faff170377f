"""``classify`` exercises: name a classic 2×2 game.

Mathematics
-----------
2×2 games with distinct payoffs for each player, named by
:func:`leverage.classification.classify`: a game is kept when its Robinson–Goforth class is
the set's next target among six symmetric classes with common names (:data:`COMMON_NAMES`),
rows and columns shuffled so that the pattern must be recognised (relabelling rows and
columns does not change the class).  The row player's four payoffs are distinct; with
probability 1/2 the column player ranks the outcomes as the transpose of the row player's (an
ordinally symmetric game, so a named class is likely), else independently.  The key gives each
player's ranking of the four outcomes and the pure equilibria, checked cell by cell.

References
----------
D. Robinson, D. Goforth, *The Topology of the 2×2 Games: A New Periodic Table*, Routledge 2005.
B. R. Bruns, "Names for Games: Locating 2 × 2 Games", *Games* 6(4) (2015) 495–520.
"""

from __future__ import annotations

from ...formats.document import Items, Para, Rendered
from ...formats.english import and_list
from ...games.strategic import Game
from .draw import HIGH, LOW, Draft, Draw, DrawContext
from .pure import pure_profile_data
from .text import Block, Inline, exact_number, payoff_table, profile_label, who
from .verify import verify

__all__ = ["COMMON_NAMES"]


#: The classes of 2×2 games the ``classify`` exercises use: the symmetric Robinson–Goforth
#: classes every course names (Bruns 2015's names, as :func:`leverage.classification.classify`
#: reports them).
COMMON_NAMES = (
    "Prisoner's Dilemma",
    "Chicken",
    "Stag Hunt",
    "Battle of the Sexes",
    "Deadlock",
    "Harmony",
)


def _ranking(game: Game, player: int) -> list[Inline]:
    """``(B, L) 9 > (A, L) 7 > ...``: a player's ranking of the four outcomes."""
    arr = game.payoffs[player]
    cells = sorted(game.profiles(), key=lambda idx: arr[idx], reverse=True)
    out: list[Inline] = []
    for k, idx in enumerate(cells):
        out += [Rendered(" > ", " $>$ ")] if k else []
        out += [f"{profile_label(game, idx)} ", exact_number(arr[idx])]
    return out


def draft_classify(draw: Draw, ctx: DrawContext) -> Draft | None:
    from ...classification import classify

    # Row's payoffs: four distinct values.  Column's: with probability 1/2 ranked as the
    # transpose of Row's (an ordinally symmetric game, so a named class is likely), else
    # independent; then rows and columns are relabelled at random (the class is unchanged).
    a = draw.shuffled(range(LOW, HIGH + 1))[:4]
    b_values = sorted(draw.shuffled(range(LOW, HIGH + 1))[:4])
    if draw.integer(0, 1):
        transpose = [a[0], a[2], a[1], a[3]]
        order = sorted(range(4), key=transpose.__getitem__)
        b = [0] * 4
        for rank, cell in enumerate(order):
            b[cell] = b_values[rank]
    else:
        b = draw.shuffled(b_values)
    rows = draw.shuffled([0, 1])
    cols = draw.shuffled([0, 1])
    a_m = [[a[2 * r + c] for c in cols] for r in rows]
    b_m = [[b[2 * r + c] for c in cols] for r in rows]
    game = ctx.game(a_m, b_m)
    result = classify(game)
    if result.name != ctx.target or result.index is None:
        return None
    solution = game.equilibria()
    profiles = sorted(e.profile for e in solution.pure() if e.profile is not None)
    verify(
        profiles == ctx.pure_check(game) and result.pure_equilibria == len(profiles),
        "the classification's pure equilibria differ from the solver's",
    )
    question: list[Block] = [
        payoff_table(game),
        Para(
            (
                "Which well-known 2x2 game is this (one of "
                + and_list(COMMON_NAMES)
                + ", with rows and columns possibly swapped)? Justify "
                "your answer from each player's ranking of the four outcomes, and give its "
                "pure-strategy equilibria.",
            )
        ),
    ]
    aliases = result.game_class.aliases if result.game_class is not None else ()
    also = f" (also called {and_list(list(aliases))})" if aliases else ""
    answer: list[Block] = [
        payoff_table(game, True, tuple(profiles)),
        Para(
            (
                f"{result.name}{also}: Robinson-Goforth class {result.index} in Bruns's "
                "notation; both players rank the outcomes in the same pattern.",
            )
        ),
        Items(
            tuple(
                (f"{who(game.players[p], True)}'s ranking: ", *_ranking(game, p), ".")
                for p in range(2)
            )
        ),
        Para(
            (
                "Pure equilibria: "
                + ("; ".join(profile_label(game, p) for p in profiles) if profiles else "none")
                + ".",
            )
        ),
    ]
    data = {
        "name": result.name,
        "index": result.index,
        "classification": result.to_dict(),
        "pure_equilibria": [pure_profile_data(game, p) for p in profiles],
    }
    return Draft(game, question, answer, data)
