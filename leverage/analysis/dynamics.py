"""Learning and evolutionary dynamics of two-player games: fictitious play and the
two-population replicator dynamics, for watching play approach (or circle) equilibria.

Fictitious play (Brown 1951; Robinson 1951)
-------------------------------------------
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

Known results: fictitious play converges (its empirical frequencies approach the set of
equilibria) in every zero-sum game (Robinson 1951), in nondegenerate 2×2 games (Miyasawa
1961), in nondegenerate 2×n games (Berger 2005) and in games with identical interests
(Monderer & Shapley 1996), hence in exact potential games, whose best responses are
those of the identical-interest game of their potential; in Shapley's (1964) 3×3 game it
cycles with ever longer periods and never converges.

Replicator dynamics (Taylor & Jonker 1978; two populations: Taylor 1979)
------------------------------------------------------------------------
The share of each strategy grows at the rate by which its payoff exceeds the average of
its population::

    ẋ_i = x_i ((A y)_i − xᵀA y),        ẏ_j = y_j ((Bᵀx)_j − xᵀB y).

It is integrated with the classical fixed-step fourth-order Runge–Kutta method in numpy
(no SciPy needed), with step ``dt = 0.05 / R`` by default, ``R`` the largest range of a
player's payoffs: the replicator dynamics of payoffs scaled by ``c`` is the same flow
with time scaled by ``1/c``, so this default makes the computed path independent of the
payoff unit.  Facts the tests check: if a zero-sum game has an interior equilibrium
``(x*, y*)``, then ``H = Σ x*_i ln x_i + Σ y*_j ln y_j`` is constant along interior
orbits, which are therefore closed or quasi-periodic around it (Hofbauer & Sigmund 1998);
an interior orbit that converges converges to a Nash equilibrium, and the asymptotically
stable states are exactly the strict equilibria (Ritzberger & Weibull 1995; Hofbauer &
Sigmund 2003).  Strategies absent from the start stay absent.

Measuring the end point
-----------------------
Player ``i``'s *regret* at a profile is what it would gain by switching to its best
response (``max_k (A y)_k − xᵀA y`` for the row player); the profile is an
``ε``-equilibrium for ``ε`` the larger regret, and a Nash equilibrium when both are zero.
It is exact for fictitious play on exact games, in floating point otherwise.  The
*distance* to an equilibrium is the largest difference in any probability (max-norm),
measured to each equilibrium the exact solver (:meth:`Game.equilibria`) reports.  A run
is called *converged* when, over the last quarter of its recorded points, ``ε`` stays
within ``tolerance`` times the largest range of a player's payoffs (a numerical verdict
on a finite run, not a theorem: the notes cite the theorems that apply).

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
P. D. Taylor and L. B. Jonker, "Evolutionarily stable strategies and game dynamics",
*Mathematical Biosciences* 40 (1978).  P. D. Taylor, "Evolutionarily stable strategies
with two types of player", *Journal of Applied Probability* 16 (1979).
K. Ritzberger and J. W. Weibull, "Evolutionary selection in normal-form games",
*Econometrica* 63 (1995).
J. Hofbauer and K. Sigmund, *Evolutionary Games and Population Dynamics*, Cambridge
University Press, 1998; "Evolutionary game dynamics", *Bull. AMS* 40 (2003).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ParameterError, TooLargeError, UnsupportedError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..game import Game
    from ..solve.result import Equilibrium, Solution

Number = Fraction | float
Profile = tuple[tuple[Number, ...], ...]
Progress = Callable[[int, int], None]

#: The learning rules, by their command-line names.
RULES = ("fictitious-play", "replicator")
#: Largest number of rounds (fictitious play) or integration steps (replicator).
MAX_STEPS = 1_000_000
#: Default length of a run, per rule.
DEFAULT_STEPS = {"fictitious-play": 10_000, "replicator": 2000}
#: Default number of recorded points of the trajectory (plus a few round numbers).
DEFAULT_POINTS = 1000
#: Default replicator step, in units of 1 / (largest payoff range).
SCALED_STEP = 0.05
#: Largest accepted ``dt · R`` (far inside RK4's stability region).
MAX_SCALED_STEP = 0.5

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)(/\d+)?")


# ---------------------------------------------------------------------- inputs
def _probability(value: Any, what: str) -> Fraction:
    if isinstance(value, bool):
        raise ParameterError(f"{what}: {value!r} is not a probability")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise ParameterError(f"{what}: {value!r} is not a probability")
        return Fraction(repr(float(value)))  # 0.1 means 1/10, as typed
    text = str(value).strip()
    if len(text) > 60 or not _NUMBER.fullmatch(text):
        raise ParameterError(f"{what}: {text!r} is not a number (use e.g. 0.25 or 1/3)")
    try:
        return Fraction(text)
    except ZeroDivisionError:
        raise ParameterError(f"{what}: {text!r} divides by zero") from None


def check_start(start: Sequence[Sequence[Any]], game: Game) -> tuple[tuple[Fraction, ...], ...]:
    """Validate a starting profile: one probability vector per player, summing to 1.

    Parameters
    ----------
    start
        For each player, the probability of each of its strategies in file order.
        Entries may be ints, Fractions, strings (``"1/3"``, ``"0.25"``) or floats
        (read as typed: ``0.1`` is ``1/10``).
    game
        The game the profile is for.

    Returns
    -------
    tuple of tuple of Fraction
        The profile in exact rationals.

    Raises
    ------
    ParameterError
        Wrong number of players or strategies, a probability outside ``[0, 1]``, or a
        vector whose sum is not exactly 1.
    """
    if len(start) != game.n_players:
        raise ParameterError(
            f"the start needs one probability vector per player "
            f"({game.n_players}), got {len(start)}"
        )
    out = []
    for player, labels, probs in zip(game.players, game.strategies, start, strict=True):
        what = f"start of {player}"
        if len(probs) != len(labels):
            raise ParameterError(
                f"{what}: {len(labels)} probabilities needed ({', '.join(labels)}), "
                f"got {len(probs)}"
            )
        vector = tuple(_probability(p, what) for p in probs)
        if any(p < 0 or p > 1 for p in vector):
            raise ParameterError(f"{what}: probabilities must lie between 0 and 1")
        total = sum(vector, Fraction(0))
        if total != 1:
            raise ParameterError(f"{what}: probabilities must sum to 1, they sum to {total}")
        out.append(vector)
    return tuple(out)


def parse_start(text: str, game: Game) -> tuple[tuple[Fraction, ...], ...]:
    """Read a starting profile written on the command line.

    Players are separated by ``;`` and probabilities by ``,``.  A player with two
    strategies may give only the probability of its first one, so ``"0.8,0.3"`` is a
    start for a 2×2 game; otherwise every probability is listed, players in order
    (``"1/2,1/4,1/4;1/3,1/3,1/3"``; without ``;`` the vectors are read one after the
    other).

    Raises
    ------
    ParameterError
        Malformed numbers or probabilities (see :func:`check_start`).

    Examples
    --------
    >>> from leverage.game import Game
    >>> g = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [[str(p) for p in s] for s in parse_start("0.8, 1/3", g)]
    [['4/5', '1/5'], ['1/3', '2/3']]
    """
    shape = game.shape
    parts = [p.strip() for p in text.split(";")]
    if len(parts) == 1:
        values = [v.strip() for v in parts[0].split(",")]
        if len(values) == len(shape) and all(k == 2 for k in shape):
            parts = values
        elif len(values) == sum(shape):
            parts, at = [], 0
            for k in shape:
                parts.append(",".join(values[at : at + k]))
                at += k
        else:
            raise ParameterError(
                f"--start {text!r}: give one probability per player with two strategies "
                f"or all {sum(shape)} probabilities, players separated by ';' "
                f"(e.g. {_start_example(shape)})"
            )
    if len(parts) != len(shape):
        raise ParameterError(
            f"--start {text!r}: {len(shape)} players need {len(shape)} parts separated by ';'"
        )
    start: list[list[Any]] = []
    for player, k, part in zip(game.players, shape, parts, strict=True):
        values = [v.strip() for v in part.split(",")]
        if len(values) == 1 and k == 2:
            first = _probability(values[0], f"start of {player}")
            start.append([first, 1 - first])
        else:
            start.append(values)
    return check_start(start, game)


def _start_example(shape: Sequence[int]) -> str:
    if all(k == 2 for k in shape):
        return ",".join("0.5" for _ in shape)
    return ";".join(",".join(f"1/{k}" for _ in range(k)) for k in shape)


def _check_steps(steps: Any) -> int:
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)):
        raise ParameterError(f"the number of steps must be an integer, got {steps!r}")
    if steps < 1:
        raise ParameterError("the number of steps must be at least 1")
    if steps > MAX_STEPS:
        raise TooLargeError(f"at most {MAX_STEPS:,} steps are allowed, got {int(steps):,}")
    return int(steps)


def _check_seed(seed: Any) -> int | None:
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ParameterError(f"the seed must be a non-negative integer, got {seed!r}")
    return int(seed)


def _payoff_ranges(game: Game) -> tuple[float, float]:
    return tuple(float(np.max(a) - np.min(a)) if a.size else 0.0 for a in game.payoffs)  # type: ignore[return-value]


# ---------------------------------------------------------------------- result
@dataclass(frozen=True)
class DynamicsResult:
    """A trajectory of a learning rule and what its end point is worth.

    Attributes
    ----------
    game
        The game played.
    rule
        ``"fictitious-play"`` or ``"replicator"``.
    steps
        Rounds of fictitious play, or integration steps of the replicator dynamics.
    step
        The recorded steps (``0`` is the start), an integer array of length ``k``.
    time
        The recorded times: the round for fictitious play, ``step · dt`` for the
        replicator dynamics.
    strategies
        For each player, a ``(k, strategies)`` float array of its mixed strategy at each
        recorded step.
    regrets
        A ``(k, 2)`` float array: each player's regret at each recorded step.
    start
        The starting profile (exact rationals).
    final
        The end point: exact rationals for fictitious play on an exact game, else floats.
    final_regrets
        Each player's regret at the end point (exact when ``exact``).
    exact
        Whether ``final``, ``final_regrets`` and ``distance`` are exact rationals.
    solution
        The game's equilibria from the exact solver (``None`` when the game is too large
        to enumerate).
    nearest
        Index into ``solution`` of the equilibrium nearest to the end point.
    distance
        Max-norm distance from the end point to that equilibrium.
    converged
        Whether the largest regret stayed within :attr:`threshold` over the last
        quarter of the recorded points.
    tolerance
        The relative tolerance of ``converged``.
    dt
        Replicator time step (``None`` for fictitious play).
    weight
        Fictitious play: how many rounds the start counts for (``None`` otherwise).
    seed
        The seed used (random tie-breaking or random start), if any.
    notes
        Sentences for the reader: the theorems that apply, caveats.
    """

    game: Game
    rule: str
    steps: int
    step: np.ndarray
    time: np.ndarray
    strategies: tuple[np.ndarray, ...]
    regrets: np.ndarray
    start: tuple[tuple[Fraction, ...], ...]
    final: Profile
    final_regrets: tuple[Number, ...]
    exact: bool
    solution: Solution | None
    nearest: int | None
    distance: Number | None
    converged: bool
    tolerance: float
    dt: float | None = None
    weight: Fraction | None = None
    seed: int | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def nearest_equilibrium(self) -> Equilibrium | None:
        """The equilibrium (from the exact solver) nearest to the end point."""
        if self.solution is None or self.nearest is None:
            return None
        return self.solution.equilibria[self.nearest]

    @property
    def max_regret(self) -> Number:
        """The end point is an ``ε``-equilibrium for this ``ε`` (the larger regret)."""
        return max(self.final_regrets)

    @property
    def threshold(self) -> float:
        """The regret below which a run counts as converged: ``tolerance`` times the
        largest range of a player's payoffs."""
        return self.tolerance * max(_payoff_ranges(self.game))

    @property
    def time_label(self) -> str:
        """``"round"`` (fictitious play) or ``"time"`` (replicator)."""
        return "round" if self.rule == "fictitious-play" else "time"

    # ------------------------------------------------------------------ rows
    def columns(self) -> list[str]:
        """Column names of :meth:`to_rows`: ``step``, ``time``, one
        ``"<player>:<strategy>"`` column per strategy, ``"regret:<player>"`` per
        player and ``max_regret``."""
        cols = ["step", "time"]
        for player, labels in zip(self.game.players, self.game.strategies, strict=True):
            cols += [f"{player}:{s}" for s in labels]
        cols += [f"regret:{p}" for p in self.game.players]
        return [*cols, "max_regret"]

    def to_rows(self) -> list[dict[str, Any]]:
        """One row per recorded point (see :meth:`columns`), floats."""
        cols = self.columns()
        rows = []
        for k in range(len(self.step)):
            values: list[Any] = [int(self.step[k]), float(self.time[k])]
            for arr in self.strategies:
                values += [float(v) for v in arr[k]]
            values += [float(v) for v in self.regrets[k]]
            values.append(float(max(self.regrets[k])))
            rows.append(dict(zip(cols, values, strict=True)))
        return rows

    # ------------------------------------------------------------------ json
    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable dict (documented in the ``dynamics`` CLI reference).

        Keys: ``title``, ``players``, ``strategies``, ``parameters``, ``rule``,
        ``steps``, ``dt``, ``weight``, ``seed``, ``tie_break``, ``start`` (floats) and
        ``start_exact``, ``trajectory`` (``[{"step", "time", "strategies",
        "regrets"}]``), ``final`` (``step``, ``time``, ``strategies``, ``regrets``,
        ``max_regret`` and, when exact, ``exact``, ``exact_regrets``),
        ``nearest_equilibrium`` (``strategies``, ``exact``, ``payoffs``, ``kind``,
        ``index``, ``distance``, ``exact_distance``; ``null`` when unknown),
        ``equilibria`` (how many), ``converged``, ``tolerance``, ``notes``.
        """
        game = self.game
        final: dict[str, Any] = {
            "step": int(self.step[-1]),
            "time": float(self.time[-1]),
            "strategies": [[float(p) for p in s] for s in self.final],
            "regrets": [float(r) for r in self.final_regrets],
            "max_regret": float(self.max_regret),
        }
        if self.exact:
            final["exact"] = [[str(p) for p in s] for s in self.final]
            final["exact_regrets"] = [str(r) for r in self.final_regrets]
        nearest: dict[str, Any] | None = None
        eq = self.nearest_equilibrium
        if eq is not None and self.distance is not None:
            nearest = {"index": self.nearest, "strategies": [list(s) for s in eq.as_floats()]}
            if eq.exact:
                nearest["exact"] = [[str(p) for p in s] for s in eq.strategies]
            nearest["payoffs"] = [float(v) for v in eq.payoffs]
            nearest["kind"] = eq.kind
            nearest["distance"] = float(self.distance)
            if self.exact:
                nearest["exact_distance"] = str(self.distance)
        tie_break = None
        if self.rule == "fictitious-play":
            tie_break = "first" if self.seed is None else "random"
        return {
            "title": game.title,
            "players": list(game.players),
            "strategies": [list(s) for s in game.strategies],
            "parameters": {k: float(v) for k, v in game.parameters.items()},
            "rule": self.rule,
            "steps": self.steps,
            "dt": self.dt,
            "weight": None if self.weight is None else str(self.weight),
            "seed": self.seed,
            "tie_break": tie_break,
            "start": [[float(p) for p in s] for s in self.start],
            "start_exact": [[str(p) for p in s] for s in self.start],
            "trajectory": [
                {
                    "step": int(self.step[k]),
                    "time": float(self.time[k]),
                    "strategies": [[float(v) for v in arr[k]] for arr in self.strategies],
                    "regrets": [float(v) for v in self.regrets[k]],
                }
                for k in range(len(self.step))
            ],
            "final": final,
            "nearest_equilibrium": nearest,
            "equilibria": None if self.solution is None else len(self.solution),
            "converged": self.converged,
            "tolerance": self.tolerance,
            "notes": list(self.notes),
        }

    # ------------------------------------------------------------------ text
    def summary_indices(self, rows: int = 11) -> list[int]:
        """Indices of the recorded points shown in the text table: rounds 0, 1, 2, 5,
        10, 20, 50, … for fictitious play; ``rows`` evenly spaced times for the
        replicator dynamics; always the last point."""
        steps = [int(s) for s in self.step]
        where = {s: k for k, s in enumerate(steps)}
        if self.rule == "fictitious-play":
            wanted = [s for s in _round_numbers(self.steps) if s in where]
        else:
            wanted = sorted({round(self.steps * k / (rows - 1)) for k in range(rows)})
            wanted = [s for s in wanted if s in where]
        if steps[-1] not in wanted:
            wanted.append(steps[-1])
        return [where[s] for s in wanted]

    def to_table(self, *, width: int = 80) -> str:
        """A plain-text report: the run, a short trajectory table, the end point, its
        regret, the nearest equilibrium, the verdict and the notes."""
        from ..formats.text import decimal

        game = self.game
        lines = [game.title] if game.title else []
        if game.parameters:
            params = ", ".join(f"{k} = {decimal(v)}" for k, v in game.parameters.items())
            lines += _wrap(f"Parameters: {params}", width, 2)
        start = "; ".join(
            f"{p} {_mixed(labels, probs)}"
            for p, labels, probs in zip(game.players, game.strategies, self.start, strict=True)
        )
        if self.rule == "fictitious-play":
            ties = "the first strategy" if self.seed is None else f"at random (seed {self.seed})"
            plural = "" if self.weight == 1 else "s"
            lines += _wrap(
                f"Fictitious play, {self.steps:,} rounds, starting from {start} "
                f"(worth {self.weight} round{plural}); ties go to {ties}.",
                width,
            )
        else:
            assert self.dt is not None
            drawn = f" (drawn with seed {self.seed})" if self.seed is not None else ""
            lines += _wrap(
                f"Replicator dynamics, {self.steps:,} RK4 steps of dt = {self.dt:.4g} "
                f"(time {self.steps * self.dt:.4g}), starting from {start}{drawn}.",
                width,
            )
        lines.append("")
        lines += _trajectory_table(self, self.summary_indices(), width)
        lines.append("")
        how = "exact" if self.exact else "floating point"
        lines.append(f"End point ({self.time_label} {_time_text(self, -1)}, {how}):")
        pad = max(len(p) for p in game.players)
        for p, labels, probs in zip(game.players, game.strategies, self.final, strict=True):
            lines += _wrap(f"  {p:<{pad}}  {_mixed(labels, probs, approx=True)}", width, 4)
        regrets = ", ".join(
            f"{p} {_value(r)}" for p, r in zip(game.players, self.final_regrets, strict=True)
        )
        lines += _wrap(
            f"Regret (what a player gains by switching to its best response; {how}): "
            f"{regrets}. The end point is an ε-equilibrium with {_equals('ε', self.max_regret)}.",
            width,
        )
        eq = self.nearest_equilibrium
        if eq is not None and self.distance is not None:
            assert self.solution is not None and self.nearest is not None
            count = len(self.solution)
            kind = "extreme equilibria" if self.solution.degenerate else "equilibria"
            which = (
                "The only equilibrium (exact solver):"
                if count == 1
                else f"Nearest of the {count} {kind} (exact solver): #{self.nearest + 1},"
            )
            profile = "; ".join(
                f"{p} {_mixed(labels, probs)}"
                for p, labels, probs in zip(
                    game.players, game.strategies, eq.strategies, strict=True
                )
            )
            lines += _wrap(
                f"{which} {profile}. Distance {_value(self.distance)} "
                "(largest difference in a probability).",
                width,
            )
        if self.converged:
            verdict = f"yes: ε stayed within {self.threshold:.4g}"
        else:
            verdict = f"no: ε exceeded {self.threshold:.4g}"
        lines += _wrap(
            f"Converged: {verdict} (= {self.tolerance:g} × the largest payoff range) over the "
            "last quarter of the run.",
            width,
        )
        for note in self.notes:
            lines += _wrap(f"Note: {note}", width, 2)
        return "\n".join(lines)

    # ------------------------------------------------------------------ plot
    def plot(self, *, title: str | None = None) -> Figure:
        """A matplotlib figure of the trajectory (matplotlib is imported lazily).

        For a 2×2 game: the path in the unit square (``x`` = probability of the row
        player's first strategy, ``y`` = that of the column player's first strategy),
        over the direction field of the rule, with the Nash equilibria from the exact
        solver marked; beside it each player's first-strategy probability and the regret
        over time.  Otherwise one panel per player (two strategies: probability over
        time; three: a path in the triangle in barycentric coordinates; more:
        probabilities over time) and the regret over time.

        Parameters
        ----------
        title
            Figure title (default: the game's title and the rule).
        """
        return plot_dynamics(self, title=title)


def _wrap(text: str, width: int, indent: int = 0) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width, subsequent_indent=" " * indent) or [""]


def _mixed(labels: Sequence[str], probs: Sequence[Number], *, approx: bool = False) -> str:
    from ..formats.text import number

    used = [(lab, p) for lab, p in zip(labels, probs, strict=True) if p]
    if len(used) == 1 and used[0][1] == 1:
        return used[0][0]
    parts = []
    for lab, p in used:
        text = number(p)
        if approx and isinstance(p, Fraction) and p.denominator != 1:
            text += f" (≈ {float(p):.4f})"
        parts.append(f"{lab} {text}")
    return ", ".join(parts)


def _value(v: Number) -> str:
    """A regret or distance: a short exact fraction with its decimal, else a decimal."""
    if isinstance(v, Fraction):
        if v.denominator == 1 or len(str(v)) <= 12:
            from ..formats.text import payoff

            return payoff(v)
        return f"≈ {float(v):.4g}"
    return f"{float(v):.4g}"


def _equals(name: str, v: Number) -> str:
    text = _value(v)
    return f"{name} {text}" if text.startswith("≈") else f"{name} = {text}"


def _time_text(result: DynamicsResult, k: int) -> str:
    if result.rule == "fictitious-play":
        return f"{int(result.step[k]):,}"
    return f"{float(result.time[k]):.4g}"


def _trajectory_table(result: DynamicsResult, picks: Sequence[int], width: int) -> list[str]:
    """The trajectory at the picked points, split into blocks that fit ``width``."""
    game = result.game
    head = result.time_label
    times = [_time_text(result, k) for k in picks]
    tw = max(len(head), *(len(t) for t in times))
    columns: list[tuple[str, str, list[str]]] = []  # (player, label, cells)
    for i, (player, labels) in enumerate(zip(game.players, game.strategies, strict=True)):
        for s, label in enumerate(labels):
            cells = [f"{result.strategies[i][k, s]:.4f}" for k in picks]
            columns.append((player, label[:12], cells))
    regret_cells = [f"{float(max(result.regrets[k])):.3g}" for k in picks]
    blocks: list[list[tuple[str, str, list[str]]]] = [[]]
    used = tw
    for col in columns:
        w = max(6, len(col[1])) + 2
        if blocks[-1] and used + w > width - 12:
            blocks.append([])
            used = tw
        blocks[-1].append(col)
        used += w
    out: list[str] = []
    for b, block in enumerate(blocks):
        widths = [max(6, len(c[1])) for c in block]
        players_line = " " * tw
        labels_line = f"{head:>{tw}}"
        at = 0
        while at < len(block):
            end = at
            while end < len(block) and block[end][0] == block[at][0]:
                end += 1
            span = sum(widths[at:end]) + 2 * (end - at)
            players_line += f"  {block[at][0][: span - 2]:<{span - 2}}"
            at = end
        for (_, label, _), w in zip(block, widths, strict=True):
            labels_line += f"  {label:>{w}}"
        last = b == len(blocks) - 1
        if last:
            labels_line += "  max regret"
        out += [players_line.rstrip(), labels_line]
        for r in range(len(picks)):
            line = f"{times[r]:>{tw}}"
            for (_, _, cells), w in zip(block, widths, strict=True):
                line += f"  {cells[r]:>{w}}"
            if last:
                line += f"  {regret_cells[r]:>10}"
            out.append(line)
        if not last:
            out.append("")
    return out


def _round_numbers(n: int) -> list[int]:
    """0, 1, 2, 5, 10, 20, 50, … up to ``n``, and ``n``."""
    out = [0]
    scale = 1
    while scale <= n:
        out += [k * scale for k in (1, 2, 5) if k * scale <= n]
        scale *= 10
    if out[-1] != n:
        out.append(n)
    return out


# ---------------------------------------------------------------------- common
def _regret_pair(a: np.ndarray, b: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    ay = a @ y
    xb = x @ b
    return np.array([max(float(ay.max() - x @ ay), 0.0), max(float(xb.max() - xb @ y), 0.0)])


def regrets(game: Game, profile: Sequence[Sequence[Number]]) -> tuple[Number, ...]:
    """Each player's regret at a mixed profile of a two-player game: the gain from its
    best pure deviation (exact when the game and the profile are exact).

    Examples
    --------
    >>> from leverage.game import Game
    >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> [str(r) for r in regrets(pd, [[1, 0], [1, 0]])]
    ['2', '2']
    """
    x, y = (list(s) for s in profile)
    out: list[Number] = []
    a, b = game.payoffs
    exact = game.exact and all(isinstance(p, (int, Fraction)) for p in [*x, *y])
    zero: Number = Fraction(0) if exact else 0.0
    conv: Callable[[Any], Number] = (lambda v: v) if exact else float
    rows = [sum((conv(a[i, j]) * conv(y[j]) for j in range(len(y))), zero) for i in range(len(x))]
    cols = [sum((conv(b[i, j]) * conv(x[i]) for i in range(len(x))), zero) for j in range(len(y))]
    avg_r = sum((conv(x[i]) * rows[i] for i in range(len(x))), zero)
    avg_c = sum((conv(y[j]) * cols[j] for j in range(len(y))), zero)
    for best, avg in ((max(rows), avg_r), (max(cols), avg_c)):
        gap = best - avg
        out.append(gap if exact else max(float(gap), 0.0))
    return tuple(out)


def _nearest(solution: Solution, final: Profile, exact: bool) -> tuple[int | None, Number | None]:
    best: tuple[int | None, Number | None] = (None, None)
    for k, eq in enumerate(solution.equilibria):
        if exact and eq.exact:
            d: Number = max(
                abs(Fraction(p) - Fraction(q))
                for s, t in zip(final, eq.strategies, strict=True)
                for p, q in zip(s, t, strict=True)
            )
        else:
            d = max(
                abs(float(p) - float(q))
                for s, t in zip(final, eq.strategies, strict=True)
                for p, q in zip(s, t, strict=True)
            )
        if best[1] is None or d < best[1]:
            best = (k, d)
    return best


def _record_steps(steps: int, points: int, geometric: bool) -> np.ndarray:
    marks = set(_round_numbers(steps)) if geometric else set()
    marks |= {round(steps * k / 10) for k in range(11)}
    if geometric:
        grid = np.geomspace(1, steps, points)
    else:
        grid = np.linspace(0, steps, points + 1)
    marks |= set(np.round(grid).astype(int).tolist())
    marks |= {0, steps}
    return np.array(sorted(marks), dtype=np.int64)


def _is_zero_sum(game: Game) -> bool:
    total = game.payoffs[0] + game.payoffs[1]
    return bool(np.all(total == total.flat[0]))


def _is_potential(game: Game) -> bool:
    """Whether a bimatrix game is an exact potential game: ``A − B`` is a sum of a
    function of the column and a function of the row (then best responses, against any
    mixed strategy, are those of the identical-interest game with the potential as
    payoff; Monderer & Shapley 1996)."""
    d = game.payoffs[0] - game.payoffs[1]
    return bool(np.all(d - d[:1, :] - d[:, :1] + d[0, 0] == 0))


def _converged(
    game: Game, regret: np.ndarray, step: np.ndarray, steps: int, tolerance: float
) -> bool:
    scale = max(_payoff_ranges(game))
    tail = regret[step >= 0.75 * steps]
    if not len(tail):
        tail = regret[-1:]
    return bool(np.all(tail <= tolerance * scale + 1e-12 * max(scale, 1.0)))


# ---------------------------------------------------------------------- fictitious play
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
    >>> from leverage.game import Game
    >>> mp = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> run = fictitious_play(mp, steps=3)
    >>> [[str(p) for p in s] for s in run.final]
    [['7/8', '1/8'], ['3/8', '5/8']]
    >>> fictitious_play(mp, steps=10_000).converged
    True
    """
    steps, start_profile, points, tolerance = _common(game, steps, start, points, tolerance)
    seed = _check_seed(seed)
    w = _probability(weight, "weight") if not isinstance(weight, Fraction) else weight
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

    record = _record_steps(steps, points, geometric=True)
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
    solution = _solve(game, notes)
    notes += _fp_notes(game, solution)
    return _finish(
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


def _fp_notes(game: Game, solution: Solution | None) -> list[str]:
    m, n = game.shape
    nondegenerate = solution is not None and solution.degenerate is False
    reasons = []
    if _is_zero_sum(game):
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


# ---------------------------------------------------------------------- replicator
def replicator_field(
    a: np.ndarray, b: np.ndarray, x: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The two-population replicator vector field at ``(x, y)``.

    ``ẋ_i = x_i ((A y)_i − xᵀA y)`` and ``ẏ_j = y_j ((Bᵀx)_j − xᵀB y)``.  ``x`` and
    ``y`` may carry leading batch dimensions (``(..., m)`` and ``(..., n)``).

    Examples
    --------
    >>> a = np.array([[1.0, -1.0], [-1.0, 1.0]])
    >>> dx, dy = replicator_field(a, -a, np.array([0.5, 0.5]), np.array([0.75, 0.25]))
    >>> dx.tolist(), dy.tolist()
    ([0.25, -0.25], [0.0, 0.0])
    """
    ay = np.einsum("ij,...j->...i", a, y)
    xb = np.einsum("...i,ij->...j", x, b)
    dx = x * (ay - np.sum(x * ay, axis=-1, keepdims=True))
    dy = y * (xb - np.sum(xb * y, axis=-1, keepdims=True))
    return dx, dy


def replicator(
    game: Game,
    *,
    steps: int = DEFAULT_STEPS["replicator"],
    start: Sequence[Sequence[Any]] | None = None,
    dt: float | None = None,
    seed: int | None = None,
    points: int = DEFAULT_POINTS,
    tolerance: float = 0.01,
    progress: Progress | None = None,
) -> DynamicsResult:
    """The two-population replicator dynamics, integrated by fixed-step RK4.

    Parameters
    ----------
    game
        A two-player game.
    steps
        Number of RK4 steps (at most :data:`MAX_STEPS`); the run lasts ``steps · dt``.
    start
        The initial shares, one probability vector per player (default: uniform, or
        random with ``seed``).
    dt
        The time step (default ``0.05 / R``, ``R`` the largest range of a player's
        payoffs); ``dt · R`` must not exceed 0.5.
    seed
        Draw the start uniformly from the product of simplices (``Generator(PCG64(seed))``)
        instead of the uniform profile; not allowed together with ``start``.
    points
        How many points of the trajectory to record, evenly spaced in time.
    tolerance
        Relative regret tolerance of the ``converged`` verdict.
    progress
        Called as ``progress(step, steps)`` during the integration.

    Returns
    -------
    DynamicsResult

    Examples
    --------
    >>> from leverage.game import Game
    >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> run = replicator(pd)
    >>> run.converged, [round(p, 4) for p in run.final[0]]
    (True, [0.0, 1.0])
    """
    if seed is not None and start is not None:
        raise ParameterError(
            "the replicator rule uses the seed to draw a random start: give a start or "
            "a seed, not both"
        )
    steps, start_profile, points, tolerance = _common(game, steps, start, points, tolerance)
    seed = _check_seed(seed)
    m, n = game.shape
    if seed is not None:
        rng = np.random.Generator(np.random.PCG64(seed))
        draws = [rng.dirichlet(np.ones(k)) for k in (m, n)]
        start_profile = tuple(_close(d) for d in draws)
    scale = max(_payoff_ranges(game))
    if dt is None:
        dt = SCALED_STEP / scale if scale > 0 else SCALED_STEP
    else:
        dt = float(dt)
        if not math.isfinite(dt) or dt <= 0:
            raise ParameterError("the time step dt must be positive")
        if dt * scale > MAX_SCALED_STEP:
            raise ParameterError(
                f"the time step dt = {dt:g} is too large for payoffs ranging over {scale:g}: "
                f"use dt ≤ {MAX_SCALED_STEP / scale:.4g}"
            )
    fgame = game.as_float()
    a, b = (np.asarray(p, dtype=float) for p in fgame.payoffs)
    # one state z = (x, y): payoffs M z = (A y, Bᵀx); K sums within each population
    big = np.zeros((m + n, m + n))
    big[:m, m:] = a
    big[m:, :m] = b.T
    blocks = np.zeros((m + n, m + n))
    blocks[:m, :m] = 1.0
    blocks[m:, m:] = 1.0

    def field(z: np.ndarray) -> np.ndarray:
        g = big @ z
        return z * (g - blocks @ (z * g))

    z = np.array([float(p) for s in start_profile for p in s])
    record = _record_steps(steps, points, geometric=False)
    states = np.empty((len(record), m + n))
    states[0] = z
    half, sixth = dt / 2, dt / 6
    t = 0
    for k, target in enumerate(record[1:].tolist(), start=1):
        for _ in range(target - t):
            k1 = field(z)
            k2 = field(z + half * k1)
            k3 = field(z + half * k2)
            k4 = field(z + dt * k3)
            z = z + sixth * (k1 + 2 * (k2 + k3) + k4)
        t = target
        z = np.maximum(z, 0.0)  # guard round-off; the flow keeps each simplex
        z /= blocks @ z
        states[k] = z
        if progress is not None:
            progress(t, steps)
    xs, ys = states[:, :m], states[:, m:]
    regret = np.array([_regret_pair(a, b, xs[k], ys[k]) for k in range(len(record))])
    x, y = xs[-1], ys[-1]
    final: Profile = (tuple(float(p) for p in x), tuple(float(p) for p in y))
    notes: list[str] = []
    solution = _solve(game, notes)
    notes += _replicator_notes(game, solution, start_profile, (x, y))
    return _finish(
        game,
        "replicator",
        steps,
        record,
        record * dt,
        (xs, ys),
        regret,
        start_profile,
        final,
        tuple(float(r) for r in regret[-1]),
        tolerance,
        solution,
        notes,
        dt=dt,
        seed=seed,
    )


def _close(draw: np.ndarray) -> tuple[Fraction, ...]:
    """A random probability vector in millionths, every entry positive, summing to 1."""
    ticks = [max(round(float(p) * 1_000_000), 1) for p in draw]
    ticks[int(np.argmax(ticks))] += 1_000_000 - sum(ticks)
    return tuple(Fraction(k, 1_000_000) for k in ticks)


def conserved_quantity(
    game: Game, equilibrium: Sequence[Sequence[Number]], x: np.ndarray, y: np.ndarray
) -> np.ndarray:
    """``H = Σ x*_i ln x_i + Σ y*_j ln y_j`` at points ``(x, y)`` (batch dimensions
    allowed), for an interior equilibrium ``(x*, y*)``.

    Constant along interior orbits of the replicator dynamics of a zero-sum game
    (Hofbauer & Sigmund 1998): its derivative is ``x*ᵀA y − xᵀA y*``, which vanishes
    because each player is indifferent among its strategies at the equilibrium.
    """
    xe = np.array([float(p) for p in equilibrium[0]])
    ye = np.array([float(p) for p in equilibrium[1]])
    with np.errstate(divide="ignore"):
        return np.sum(xe * np.log(x), axis=-1) + np.sum(ye * np.log(y), axis=-1)


def _replicator_notes(
    game: Game, solution: Solution | None, start: Profile, end: tuple[np.ndarray, np.ndarray]
) -> list[str]:
    notes = []
    fgame = game.as_float()
    x0 = np.array([float(p) for p in start[0]])
    y0 = np.array([float(p) for p in start[1]])
    dx, dy = replicator_field(fgame.payoffs[0], fgame.payoffs[1], x0, y0)
    if max(np.abs(dx).max(), np.abs(dy).max()) <= 1e-12 * max(1.0, *_payoff_ranges(game)):
        notes.append(
            "The start is a rest point of the replicator dynamics (every strategy in use "
            "earns the same), so nothing moves: choose another start."
        )
    if any(p == 0 for s in start for p in s):
        notes.append(
            "The start gives some strategies a zero share: the replicator dynamics never "
            "brings them back, so the end point need not be an equilibrium."
        )
        return notes
    if _is_zero_sum(game) and solution is not None:
        interior = [e for e in solution.equilibria if all(p > 0 for s in e.strategies for p in s)]
        if interior:
            eq = interior[0].strategies
            h0 = float(conserved_quantity(game, eq, x0, y0))
            h1 = float(conserved_quantity(game, eq, end[0], end[1]))
            notes.append(
                "Zero-sum game with an interior equilibrium: H = Σ x*ᵢ ln xᵢ + Σ y*ⱼ ln yⱼ "
                "is conserved, so interior orbits circle the equilibrium instead of "
                f"converging (Hofbauer & Sigmund 1998); H = {h0:.6f} at the start, "
                f"{h1:.6f} at the end."
            )
            return notes
    notes.append(
        "Only strict equilibria attract nearby starts under the two-population "
        "replicator dynamics (Ritzberger & Weibull 1995); an interior path that "
        "converges ends at a Nash equilibrium (Hofbauer & Sigmund 2003)."
    )
    return notes


# ---------------------------------------------------------------------- shared steps
def _common(
    game: Game,
    steps: Any,
    start: Sequence[Sequence[Any]] | None,
    points: Any,
    tolerance: Any,
) -> tuple[int, tuple[tuple[Fraction, ...], ...], int, float]:
    if game.n_players != 2:
        raise UnsupportedError(
            f"learning dynamics are implemented for two-player games; this game has "
            f"{game.n_players} players"
        )
    steps = _check_steps(steps)
    if start is None:
        profile = tuple(tuple(Fraction(1, k) for _ in range(k)) for k in game.shape)
    else:
        profile = check_start(start, game)
    if isinstance(points, bool) or not isinstance(points, (int, np.integer)) or points < 1:
        raise ParameterError("the number of recorded points must be a positive integer")
    if points > 100_000:
        raise TooLargeError("at most 100,000 recorded points are allowed")
    tolerance = float(tolerance)
    if not 0 < tolerance < 1:
        raise ParameterError("the tolerance must lie strictly between 0 and 1")
    return steps, profile, int(points), tolerance


def _solve(game: Game, notes: list[str]) -> Solution | None:
    """The game's equilibria from the exact solver, or ``None`` (with a note) when the
    game is too large to enumerate."""
    try:
        return game.equilibria()
    except TooLargeError:
        notes.append("The game is too large to enumerate its equilibria for comparison.")
        return None


def _finish(
    game: Game,
    rule: str,
    steps: int,
    record: np.ndarray,
    time: np.ndarray,
    strategies: tuple[np.ndarray, np.ndarray],
    regret: np.ndarray,
    start: tuple[tuple[Fraction, ...], ...],
    final: Profile,
    final_regrets: tuple[Number, ...],
    tolerance: float,
    solution: Solution | None,
    notes: list[str],
    *,
    dt: float | None = None,
    weight: Fraction | None = None,
    seed: int | None = None,
) -> DynamicsResult:
    exact = rule == "fictitious-play" and game.exact
    nearest: int | None = None
    distance: Number | None = None
    if solution is not None and solution.equilibria:
        nearest, distance = _nearest(solution, final, exact)
        if solution.degenerate:
            notes.append(
                "The game is degenerate: its equilibria form continua, and the distance is "
                "to the nearest extreme equilibrium listed (an upper bound)."
            )
    return DynamicsResult(
        game=game,
        rule=rule,
        steps=steps,
        step=record,
        time=time,
        strategies=strategies,
        regrets=regret,
        start=start,
        final=final,
        final_regrets=final_regrets,
        exact=exact,
        solution=solution,
        nearest=nearest,
        distance=distance,
        converged=_converged(game, regret, record, steps, tolerance),
        tolerance=tolerance,
        dt=dt,
        weight=weight,
        seed=seed,
        notes=tuple(notes),
    )


def dynamics(
    game: Game,
    rule: str,
    *,
    steps: int | None = None,
    start: Sequence[Sequence[Any]] | None = None,
    seed: int | None = None,
    weight: Any = None,
    dt: float | None = None,
    points: int = DEFAULT_POINTS,
    tolerance: float = 0.01,
    progress: Progress | None = None,
) -> DynamicsResult:
    """Run a learning rule on a two-player game from a starting profile.

    Parameters
    ----------
    game
        A two-player game (:class:`~leverage.game.Game`).
    rule
        ``"fictitious-play"`` (:func:`fictitious_play`) or ``"replicator"``
        (:func:`replicator`).
    steps
        Rounds of fictitious play (default 1000) or RK4 steps of the replicator
        dynamics (default 2000); at most :data:`MAX_STEPS`.
    start
        The starting profile, one probability vector per player (default uniform);
        see :func:`parse_start` for the command-line form.
    seed
        Fictitious play: break ties at random with this seed (default: the first
        strategy).  Replicator: draw a random interior start.
    weight
        Fictitious play only: how many rounds the start counts for (default 1).
    dt
        Replicator only: the time step (default ``0.05 / R``).
    points
        About how many points of the trajectory to record.
    tolerance
        A run has converged when the largest regret stays within ``tolerance`` times the
        largest payoff range over the last quarter of the run.
    progress
        Called as ``progress(done, steps)`` during long runs.

    Returns
    -------
    DynamicsResult

    Raises
    ------
    UnsupportedError
        The game does not have exactly two players.
    ParameterError, TooLargeError
        A bad rule, start, step count, weight or time step.

    Examples
    --------
    >>> from leverage.game import Game
    >>> stag = Game.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    >>> dynamics(stag, "replicator", start=[[0.8, 0.2], [0.8, 0.2]]).nearest_equilibrium
    <Equilibrium pure: (1, 0); (1, 0) payoffs (4, 4)>
    >>> dynamics(stag, "replicator").nearest_equilibrium
    <Equilibrium pure: (0, 1); (0, 1) payoffs (3, 3)>
    """
    if rule not in RULES:
        raise ParameterError(f"unknown rule {rule!r}: choose {' or '.join(RULES)}")
    if steps is None:
        steps = DEFAULT_STEPS[rule]
    if rule == "fictitious-play":
        if dt is not None:
            raise ParameterError("a time step applies to the replicator rule only")
        return fictitious_play(
            game,
            steps=steps,
            start=start,
            weight=1 if weight is None else weight,
            seed=seed,
            points=points,
            tolerance=tolerance,
            progress=progress,
        )
    if weight is not None:
        raise ParameterError("a start weight applies to fictitious play only")
    return replicator(
        game,
        steps=steps,
        start=start,
        dt=dt,
        seed=seed,
        points=points,
        tolerance=tolerance,
        progress=progress,
    )


# ---------------------------------------------------------------------- plots
#: Colour map of the path: dark (start) to light (end).
PATH_COLOURS = "viridis"


def plot_dynamics(result: DynamicsResult, *, title: str | None = None) -> Figure:
    """The figure of :meth:`DynamicsResult.plot`."""
    from .plot import _figure

    game = result.game
    rule = "Fictitious play" if result.rule == "fictitious-play" else "Replicator dynamics"
    length = (
        f"{result.steps:,} rounds"
        if result.rule == "fictitious-play"
        else f"time 0–{float(result.time[-1]):.4g}"
    )
    verdict = "converged" if result.converged else "did not converge"
    heading = title if title is not None else game.title
    subtitle = f"{rule}, {length}: {verdict}"
    if game.shape == (2, 2):
        fig = _figure(1, width=11.0, height=5.6)
        grid = fig.add_gridspec(2, 2, width_ratios=[1.15, 1])
        square = fig.add_subplot(grid[:, 0])
        probs = fig.add_subplot(grid[0, 1])
        regret = fig.add_subplot(grid[1, 1], sharex=probs)
        _draw_square(square, result)
        _draw_first_probabilities(probs, result)
        probs.tick_params(labelbottom=False)
        probs.set_xlabel("")
    else:
        panels = [_panel_kind(k) for k in game.shape]
        widths = [1.0 if kind == "triangle" else 1.25 for kind in panels] + [1.1]
        fig = _figure(1, width=4.3 * len(widths), height=4.6)
        grid = fig.add_gridspec(1, len(widths), width_ratios=widths)
        for i, kind in enumerate(panels):
            ax = fig.add_subplot(grid[0, i])
            if kind == "triangle":
                _draw_triangle(ax, result, i)
            else:
                _draw_over_time(ax, result, i, first_only=kind == "segment")
        regret = fig.add_subplot(grid[0, -1])
        if "triangle" in panels:
            handles, labels = fig.axes[panels.index("triangle")].get_legend_handles_labels()
            fig.legend(handles, labels, loc="lower left", ncol=3, fontsize=8, frameon=False)
    _draw_regret(regret, result)
    fig.suptitle(f"{heading}\n{subtitle}" if heading else subtitle, fontsize=11)
    return fig


def _mark_equilibria(ax: Axes, xs: Sequence[float], ys: Sequence[float]) -> None:
    """Nash equilibria as red stars (drawn under the end marker)."""
    ax.scatter(
        xs,
        ys,
        marker="*",
        s=260,
        color="#d62728",
        edgecolors="black",
        linewidths=0.8,
        zorder=6,
        label="Nash equilibrium",
    )


def _panel_kind(strategies: int) -> str:
    return {2: "segment", 3: "triangle"}.get(strategies, "lines")


def _time_axis(ax: Axes, result: DynamicsResult) -> tuple[np.ndarray, slice]:
    """The x values of the time plots and the recorded points to draw (fictitious play
    is drawn on a logarithmic round axis, without round 0)."""
    if result.rule == "fictitious-play":
        ax.set_xscale("log")
        ax.set_xlabel("round")
        return result.time, slice(1, None)
    ax.set_xlabel("time")
    return result.time, slice(0, None)


def _equilibria(result: DynamicsResult) -> list[tuple[tuple[float, ...], ...]]:
    if result.solution is None:
        return []
    return [e.as_floats() for e in result.solution.equilibria]


def _path(ax: Axes, px: np.ndarray, py: np.ndarray, *, arrows: int = 6) -> None:
    """The path coloured from dark (start) to light (end), with arrowheads showing the
    direction of motion and markers at both ends."""
    from matplotlib import colormaps
    from matplotlib.collections import LineCollection

    cmap = colormaps[PATH_COLOURS]
    points = np.column_stack([px, py])
    if len(points) > 1:
        segments = np.stack([points[:-1], points[1:]], axis=1)
        shades = np.linspace(0.0, 0.85, len(segments))
        ax.add_collection(
            LineCollection(list(segments), colors=cmap(shades), linewidths=1.8, zorder=3)
        )
        lengths = np.hypot(np.diff(px), np.diff(py))
        arc = np.concatenate([[0.0], np.cumsum(lengths)])
        placed = [points[0], points[-1]]
        gap = 0.07 * max(float(np.ptp(px)), float(np.ptp(py)), 0.3)
        even = (np.arange(arrows) + 0.5) / arrows
        for f in [*even, *np.linspace(0.02, 0.98, 49)]:
            if len(placed) - 2 >= arrows or arc[-1] <= 1e-9:
                break
            k = int(np.searchsorted(arc, f * arc[-1], side="right"))
            k = min(max(k, 1), len(points) - 1)
            if lengths[k - 1] <= 0:
                continue
            direction = (points[k] - points[k - 1]) / lengths[k - 1]
            at = points[k - 1] + direction * (f * arc[-1] - arc[k - 1])
            if min(np.hypot(*(at - q)) for q in placed) < gap:
                continue
            placed.append(at)
            ax.annotate(
                "",
                xy=at + direction * 1e-3,
                xytext=at - direction * 1e-3,
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": cmap(0.85 * k / len(points)),
                    "lw": 0,
                    "mutation_scale": 16,
                },
                zorder=4,
            )
    ax.scatter(
        [px[0]], [py[0]], s=60, facecolors="white", edgecolors="black", zorder=5, label="start"
    )
    ax.scatter([px[-1]], [py[-1]], s=30, color="black", marker="s", zorder=7, label="end")


def _draw_square(ax: Axes, result: DynamicsResult) -> None:
    """The 2×2 picture: x = P(row's first strategy), y = P(column's first strategy)."""
    game = result.game
    a, b = (np.asarray(p, dtype=float) for p in game.as_float().payoffs)
    (row, col), (rs, cs) = game.players, game.strategies
    # direction field of the rule on a grid
    if result.rule == "replicator":  # flow lines of the replicator field
        g = np.linspace(0.0, 1.0, 41)
        gx, gy = np.meshgrid(g, g)
        dx, dy = replicator_field(
            a, b, np.stack([gx, 1 - gx], axis=-1), np.stack([gy, 1 - gy], axis=-1)
        )
        ax.streamplot(
            gx,
            gy,
            dx[..., 0],
            dy[..., 0],
            density=0.9,
            color="0.75",
            linewidth=0.8,
            arrowsize=0.9,
            zorder=1,
        )
    else:  # fictitious play moves towards the current best responses (Brown 1951)
        g = np.linspace(0.04, 0.96, 16)
        gx, gy = np.meshgrid(g, g)
        ay = np.einsum("ij,...j->...i", a, np.stack([gy, 1 - gy], axis=-1))
        xb = np.einsum("...i,ij->...j", np.stack([gx, 1 - gx], axis=-1), b)
        u = np.where(ay[..., 0] > ay[..., 1], 1.0, np.where(ay[..., 0] < ay[..., 1], 0.0, gx))
        v = np.where(xb[..., 0] > xb[..., 1], 1.0, np.where(xb[..., 0] < xb[..., 1], 0.0, gy))
        u, v = u - gx, v - gy
        speed = np.hypot(u, v)
        moving = speed > 1e-9
        safe = np.where(moving, speed, 1.0)
        ax.quiver(
            gx[moving],
            gy[moving],
            (u / safe)[moving],
            (v / safe)[moving],
            color="0.72",
            angles="xy",
            scale=34,
            width=0.0035,
            headwidth=4,
            zorder=1,
        )
    # where each player is indifferent (the interior nullclines of both rules)
    den_r = a[0, 0] - a[0, 1] - a[1, 0] + a[1, 1]
    if den_r:
        q = (a[1, 1] - a[0, 1]) / den_r
        if 0 < q < 1:
            ax.axhline(q, color="0.45", lw=0.9, ls="--", zorder=2)
            ax.text(
                0.01, q, f" {row} indifferent", ha="left", va="bottom", fontsize=7.5, color="0.35"
            )
    den_c = b[0, 0] - b[1, 0] - b[0, 1] + b[1, 1]
    if den_c:
        p = (b[1, 1] - b[1, 0]) / den_c
        if 0 < p < 1:
            ax.axvline(p, color="0.45", lw=0.9, ls="--", zorder=2)
            ax.text(
                p,
                0.99,
                f" {col} indifferent",
                ha="left",
                va="top",
                fontsize=7.5,
                color="0.35",
                rotation=90,
            )
    _path(ax, result.strategies[0][:, 0], result.strategies[1][:, 0])
    eqs = _equilibria(result)
    if eqs:
        _mark_equilibria(ax, [e[0][0] for e in eqs], [e[1][0] for e in eqs])
    for cx, cy in ((0, 0), (0, 1), (1, 0), (1, 1)):
        text = f"{rs[0] if cx else rs[1]}, {cs[0] if cy else cs[1]}"
        ax.annotate(
            text,
            (cx, cy),
            xytext=(-11 if cx else 11, -11 if cy else 11),
            textcoords="offset points",
            ha="right" if cx else "left",
            va="top" if cy else "bottom",
            fontsize=7.5,
            color="0.3",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "0.8", "alpha": 0.85},
            zorder=7,
        )
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_aspect("equal")
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_xlabel(f"P({row} plays {rs[0]})")
    ax.set_ylabel(f"P({col} plays {cs[0]})")
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False)


def _draw_first_probabilities(ax: Axes, result: DynamicsResult) -> None:
    from .plot import COLOURS

    t, keep = _time_axis(ax, result)
    eq = result.nearest_equilibrium
    for i, (player, labels) in enumerate(
        zip(result.game.players, result.game.strategies, strict=True)
    ):
        ax.plot(
            t[keep],
            result.strategies[i][keep, 0],
            color=COLOURS[i],
            lw=1.5,
            label=f"P({player} plays {labels[0]})",
        )
        if eq is not None:
            ax.axhline(float(eq.strategies[i][0]), color=COLOURS[i], lw=0.9, ls="--")
    ax.set_ylim(-0.03, 1.03)
    ax.set_ylabel("probability")
    ax.legend(fontsize=7.5, loc="best")
    if eq is not None:
        ax.set_title("dashed: the nearest equilibrium", fontsize=8, loc="right")


def _draw_over_time(ax: Axes, result: DynamicsResult, i: int, *, first_only: bool) -> None:
    """A player's probabilities over time (a 2-strategy player: its first strategy, the
    segment [0, 1] unfolded in time), with the nearest equilibrium dashed."""
    from .plot import COLOURS

    t, keep = _time_axis(ax, result)
    labels = result.game.strategies[i]
    eq = result.nearest_equilibrium
    shown = range(1) if first_only else range(len(labels))
    for s in shown:
        ax.plot(
            t[keep], result.strategies[i][keep, s], color=COLOURS[s % 10], lw=1.5, label=labels[s]
        )
        if eq is not None:
            ax.axhline(float(eq.strategies[i][s]), color=COLOURS[s % 10], lw=0.9, ls="--")
    ax.set_ylim(-0.03, 1.03)
    player = result.game.players[i]
    ax.set_ylabel(f"P({player} plays {labels[0]})" if first_only else "probability")
    ax.set_title(player, fontsize=10)
    if not first_only:
        ax.legend(fontsize=7.5, loc="best")


def _draw_triangle(ax: Axes, result: DynamicsResult, i: int) -> None:
    """A 3-strategy player's path in its simplex, in barycentric coordinates."""
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])
    labels = result.game.strategies[i]
    ax.fill(corners[:, 0], corners[:, 1], color="#f6f6f6", zorder=0)
    ax.plot([*corners[:, 0], 0.0], [*corners[:, 1], 0.0], color="0.3", lw=1, zorder=1)
    for k in range(3):  # light lines through the centre, towards each corner
        mid = (corners[(k + 1) % 3] + corners[(k + 2) % 3]) / 2
        ax.plot([corners[k, 0], mid[0]], [corners[k, 1], mid[1]], color="0.85", lw=0.7, zorder=1)
    offsets = [(0, -8, "center", "top"), (0, -8, "center", "top"), (0, 8, "center", "bottom")]
    for k, (dx, dy, ha, va) in enumerate(offsets):
        ax.annotate(
            labels[k],
            corners[k],
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=9,
        )
    pts = result.strategies[i] @ corners
    _path(ax, pts[:, 0], pts[:, 1])
    eqs = _equilibria(result)
    if eqs:
        eq_pts = np.array([e[i] for e in eqs]) @ corners
        _mark_equilibria(ax, eq_pts[:, 0].tolist(), eq_pts[:, 1].tolist())
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-0.12, 1.0)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(result.game.players[i], fontsize=10)


def _draw_regret(ax: Axes, result: DynamicsResult) -> None:
    from matplotlib.ticker import NullFormatter

    from .plot import COLOURS

    t, keep = _time_axis(ax, result)
    eps = result.regrets[keep].max(axis=1)
    level = result.threshold
    floor = 1e-12 * max((*_payoff_ranges(result.game), 1.0))  # round-off level
    ax.plot(t[keep], np.maximum(eps, floor), color="black", lw=1.3, label="ε (largest regret)")
    if level > 0:
        ax.axhline(
            level,
            color=COLOURS[3],
            lw=1.0,
            ls="--",
            label=f"tolerance ({result.tolerance:g} × payoff range)",
        )
    ax.set_yscale("log")
    low, high = ax.get_ylim()
    ax.set_ylim(min(low, high / 100), high)
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_ylabel("ε: most a player gains by deviating")
    ax.legend(fontsize=7.5, loc="best")
