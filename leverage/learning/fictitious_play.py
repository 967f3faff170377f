"""Fictitious play (Brown 1951; Robinson 1951), computed exactly, with run-length jumps.

Each round both players simultaneously play a best response to the empirical frequencies
of the other's past plays.  With play counts ``c1`` (row) and ``c2`` (column)::

    i_t ∈ argmax_i (A c2)_i,    j_t ∈ argmax_j (c1ᵀ B)_j,    c1[i_t] += 1,  c2[j_t] += 1

and the empirical mixed strategies are ``x_t = c1 / Σc1``, ``y_t = c2 / Σc2``.  The start
is a prior: ``counts = weight · start`` (by default the uniform strategies, worth one
round).  Ties are broken in favour of the first strategy in file order, or, with a seed,
uniformly at random by numpy's ``Generator(PCG64(seed))``.

The process is computed in exact integer arithmetic (payoffs scaled by the common
denominator, Python integers), so ties are detected exactly and the final point is an
exact rational.  While the same profile ``(i, j)`` stays the best response, payoffs
against the counts grow linearly in the number of rounds, so the round at which a best
response changes is solved for directly; the result is identical to playing round by
round (the tests check it) but costs one iteration per change of play, which makes 10⁶
rounds cheap.

Known results (the notes of a run cite those that apply): fictitious play converges (its
empirical frequencies approach the set of equilibria) in every zero-sum game (Robinson
1951), in nondegenerate 2×2 games (Miyasawa 1961), in nondegenerate 2×n games (Berger
2005) and in games with identical interests (Monderer & Shapley 1996), hence in exact
potential games, whose best responses are those of the identical-interest game of their
potential; in Shapley's (1964) 3×3 game it cycles with ever longer periods and never
converges.

References
----------
G. W. Brown, "Iterative solution of games by fictitious play", in *Activity Analysis of
Production and Allocation*, Wiley, 1951, 374–376.
J. Robinson, "An iterative method of solving a game", *Annals of Mathematics* 54 (1951).
K. Miyasawa, "On the convergence of the learning process in a 2×2 non-zero-sum two-person
game", Econometric Research Program, Princeton, Research Memorandum 33 (1961).
L. S. Shapley, "Some topics in two-person games", in *Advances in Game Theory*, Annals of
Mathematics Studies 52 (1964).
D. Monderer and L. S. Shapley, "Fictitious play property for games with identical
interests", *Journal of Economic Theory* 68 (1996).
U. Berger, "Fictitious play in 2×n games", *Journal of Economic Theory* 120 (2005).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ParameterError
from .result import (
    DynamicsResult,
    finish_run,
    is_zero_sum,
    reference_solution,
)
from .settings import (
    DEFAULT_POINTS,
    DEFAULT_STEPS,
    Number,
    Profile,
    Progress,
    as_probability,
    check_run,
    check_seed,
    payoff_ranges,
    record_steps,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..games.strategic import Game
    from ..solve.result import Solution


def _lcm_denominator(values: Any) -> int:
    den = 1
    for v in values:
        den = math.lcm(den, Fraction(v).denominator)
    return den


def _run_length(u: list[int], inc: list[int], i: int, strict_all: bool) -> int | None:
    """Rounds (≥ 1), from now, during which strategy ``i`` stays the chosen best response
    while the payoffs ``u`` grow by ``inc`` per round; ``None`` when it stays forever."""
    best: int | None = None
    ui, ai = u[i], inc[i]
    for k, (uk, ak) in enumerate(zip(u, inc, strict=True)):
        if k == i or ak <= ai:
            continue
        gap, closing = ui - uk, ak - ai
        if strict_all or k < i:
            rounds = -(-gap // closing)  # rounds r with gap − r·closing > 0
        else:
            rounds = gap // closing + 1  # rounds r with gap − r·closing ≥ 0
        best = rounds if best is None else min(best, rounds)
    return best


def _choose(u: list[int], rng: np.random.Generator | None) -> tuple[int, bool]:
    top = max(u)
    ties = [k for k, v in enumerate(u) if v == top]
    if rng is None or len(ties) == 1:
        return ties[0], len(ties) > 1
    return ties[int(rng.integers(len(ties)))], True


def fictitious_play(
    game: Game,
    *,
    steps: int = DEFAULT_STEPS["fictitious-play"],
    start: Sequence[Sequence[Any]] | None = None,
    weight: Any = 1,
    seed: int | None = None,
    points: int = DEFAULT_POINTS,
    tolerance: float = 0.01,
    progress: Progress | None = None,
) -> DynamicsResult:
    """Discrete-time fictitious play (Brown 1951), computed exactly.

    Parameters
    ----------
    game
        A two-player game.
    steps
        Number of rounds (at most :data:`MAX_STEPS`).
    start
        The initial empirical frequencies, one probability vector per player (default:
        uniform).  Fractions, decimal strings and floats are accepted.
    weight
        How many rounds the start counts for (a positive rational): the initial counts
        are ``weight · start``.
    seed
        ``None``: ties go to the first strategy in file order.  An integer: ties are
        broken uniformly at random by ``Generator(PCG64(seed))``.
    points
        About how many points of the trajectory to record (geometrically spaced in
        rounds, plus rounds 1, 2, 5, 10, …).
    tolerance
        Relative regret tolerance of the ``converged`` verdict.
    progress
        Called as ``progress(round, steps)`` while the rounds are played.

    Returns
    -------
    DynamicsResult

    Examples
    --------
    >>> from leverage.games.strategic import Game
    >>> mp = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> run = fictitious_play(mp, steps=3)
    >>> [[str(p) for p in s] for s in run.final]
    [['7/8', '1/8'], ['3/8', '5/8']]
    >>> fictitious_play(mp, steps=10_000).converged
    True
    """
    steps, start_profile, points, tolerance = check_run(game, steps, start, points, tolerance)
    payoff_ranges(game)  # regrets are reported as floats: refuse payoffs beyond their range
    seed = check_seed(seed)
    w = as_probability(weight, "weight") if not isinstance(weight, Fraction) else weight
    if w <= 0:
        raise ParameterError("the weight of the start must be positive")
    exact_game = game.as_exact()
    a_frac, b_frac = exact_game.payoffs
    m, n = game.shape
    la, lb = _lcm_denominator(a_frac.flat), _lcm_denominator(b_frac.flat)
    a = [[int(a_frac[i, j] * la) for j in range(n)] for i in range(m)]
    b = [[int(b_frac[i, j] * lb) for j in range(n)] for i in range(m)]
    prior = [[w * p for p in s] for s in start_profile]
    d = _lcm_denominator([*prior[0], *prior[1]])
    c1 = [int(p * d) for p in prior[0]]
    c2 = [int(p * d) for p in prior[1]]
    u = [sum(a[i][j] * c2[j] for j in range(n)) for i in range(m)]
    v = [sum(b[i][j] * c1[i] for i in range(m)) for j in range(n)]
    col_inc = [[d * a[i][j] for i in range(m)] for j in range(n)]
    row_inc = [[d * b[i][j] for j in range(n)] for i in range(m)]
    rng = None if seed is None else np.random.Generator(np.random.PCG64(seed))

    record = record_steps(steps, points, geometric=True)
    xs = np.empty((len(record), m))
    ys = np.empty((len(record), n))
    regret = np.empty((len(record), 2))

    def exact_regrets() -> tuple[Fraction, Fraction]:
        s1, s2 = sum(c1), sum(c2)
        r1 = Fraction(s1 * max(u) - sum(c * x for c, x in zip(c1, u, strict=True)), s1 * s2 * la)
        r2 = Fraction(s2 * max(v) - sum(c * x for c, x in zip(c2, v, strict=True)), s1 * s2 * lb)
        return r1, r2

    def note(k: int) -> None:
        s1, s2 = sum(c1), sum(c2)
        xs[k] = [c / s1 for c in c1]
        ys[k] = [c / s2 for c in c2]
        regret[k] = [float(r) for r in exact_regrets()]

    note(0)
    t = 0
    for k, target in enumerate(record[1:].tolist(), start=1):
        while t < target:
            i, tie_i = _choose(u, rng)
            j, tie_j = _choose(v, rng)
            if rng is not None and (tie_i or tie_j):
                length = 1
            else:
                limits = [
                    target - t,
                    _run_length(u, col_inc[j], i, rng is not None),
                    _run_length(v, row_inc[i], j, rng is not None),
                ]
                length = min(x for x in limits if x is not None)
            c1[i] += length * d
            c2[j] += length * d
            inc_u, inc_v = col_inc[j], row_inc[i]
            for r in range(m):
                u[r] += length * inc_u[r]
            for c in range(n):
                v[c] += length * inc_v[c]
            t += length
        note(k)
        if progress is not None:
            progress(t, steps)

    s1, s2 = sum(c1), sum(c2)
    final_exact = (tuple(Fraction(c, s1) for c in c1), tuple(Fraction(c, s2) for c in c2))
    final_regrets: tuple[Number, ...] = exact_regrets()
    final: Profile = final_exact
    if not game.exact:
        final = tuple(tuple(float(p) for p in s) for s in final_exact)
        final_regrets = tuple(float(r) for r in final_regrets)
    notes: list[str] = []
    solution = reference_solution(game, notes)
    notes += _fp_notes(game, solution)
    return finish_run(
        game,
        "fictitious-play",
        steps,
        record,
        record.astype(float),
        (xs, ys),
        regret,
        start_profile,
        final,
        final_regrets,
        tolerance,
        solution,
        notes,
        weight=w,
        seed=seed,
    )


# ---------------------------------------------------------------------- theorems
def _is_potential(game: Game) -> bool:
    """Whether a bimatrix game is an exact potential game: ``A − B`` is a sum of a
    function of the column and a function of the row (then best responses, against any
    mixed strategy, are those of the identical-interest game with the potential as
    payoff; Monderer & Shapley 1996)."""
    d = game.payoffs[0] - game.payoffs[1]
    return bool(np.all(d - d[:1, :] - d[:, :1] + d[0, 0] == 0))


def _fp_notes(game: Game, solution: Solution | None) -> list[str]:
    m, n = game.shape
    nondegenerate = solution is not None and solution.degenerate is False
    reasons = []
    if is_zero_sum(game):
        reasons.append("zero-sum (Robinson 1951)")
    if _is_potential(game):
        reasons.append(
            "an exact potential game (to fictitious play, a game of identical interests: "
            "Monderer & Shapley 1996)"
        )
    if nondegenerate and m == n == 2:
        reasons.append("a nondegenerate 2×2 game (Miyasawa 1961)")
    elif nondegenerate and min(m, n) == 2:
        reasons.append("a nondegenerate 2×n game (Berger 2005)")
    if reasons:
        listed = ", ".join(reasons[:-1]) + (" and " if len(reasons) > 1 else "") + reasons[-1]
        return [
            f"Fictitious play is known to converge to the equilibria of this game, which is "
            f"{listed}. What converges are the empirical frequencies, not the play of each "
            "round, and it can be slow."
        ]
    return [
        "None of the convergence theorems (zero-sum, potential or nondegenerate 2×n "
        "games) covers this game: fictitious play may cycle for ever, as in Shapley's "
        "(1964) 3×3 example."
    ]
