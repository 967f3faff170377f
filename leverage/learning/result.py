"""The result of a learning run and what its end point is worth: regrets, the nearest
equilibrium and the convergence verdict.

Measuring the end point
-----------------------
Player ``i``'s *regret* at a profile is what it would gain by switching to its best
response (``max_k (A y)_k − xᵀA y`` for the row player); the profile is an
``ε``-equilibrium for ``ε`` the larger regret, and a Nash equilibrium when both are zero.
It is exact for fictitious play on exact games, in floating point otherwise.  The
*distance* to an equilibrium is the largest difference in any probability (max-norm),
measured to each equilibrium the exact solver (:meth:`Game.equilibria`) reports; for a
degenerate game, whose equilibria form continua, it is measured to the extreme
equilibria listed, an upper bound.  A run is called *converged* when, over the last
quarter of its recorded points, ``ε`` stays within ``tolerance`` times the largest range
of a player's payoffs (a numerical verdict on a finite run, not a theorem: the notes of
:mod:`~leverage.learning.fictitious_play` and :mod:`~leverage.learning.replicator` cite
the theorems that apply).

References
----------
J. F. Nash, "Non-cooperative games", *Annals of Mathematics* 54 (1951) (equilibrium as
zero regret).  D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of
Nash equilibria for two-player games", *Economic Theory* 42 (2010) (the extreme
equilibria of degenerate games).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import TooLargeError
from ..records import Record, checked_columns
from .settings import Number, Profile, payoff_ranges, round_numbers

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ..games.strategic import Game
    from ..solve.result import Equilibrium, Solution


@dataclass(frozen=True, repr=False)
class DynamicsResult(Record):
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
        return self.tolerance * max(payoff_ranges(self.game))

    @property
    def time_label(self) -> str:
        """``"round"`` (fictitious play) or ``"time"`` (replicator)."""
        return "round" if self.rule == "fictitious-play" else "time"

    def __repr__(self) -> str:
        title = f" on {self.game.title!r}" if self.game.title else ""
        verdict = "converged" if self.converged else "not converged"
        eq = self.nearest_equilibrium
        near = ""
        if eq is not None and self.nearest is not None:
            near = f", nearest equilibrium {eq.kind} #{self.nearest + 1}"
        return (
            f"<DynamicsResult {self.rule}{title}: {self.steps:,} steps, {verdict}"
            f"{near}, max regret {float(self.max_regret):.3g}>"
        )

    def notebook_rows(self) -> list[dict[str, Any]]:
        """The summary's points of the trajectory (:meth:`summary_indices`)."""
        rows = self.to_rows()
        return [rows[k] for k in self.summary_indices()]

    # ------------------------------------------------------------------ rows
    def columns(self) -> list[str]:
        """Column names of :meth:`to_rows`: ``step``, ``time``, one
        ``"<player>:<strategy>"`` column per strategy, ``"regret:<player>"`` per
        player and ``max_regret``."""
        cols = ["step", "time"]
        for player, labels in zip(self.game.players, self.game.strategies, strict=True):
            cols += [f"{player}:{s}" for s in labels]
        cols += [f"regret:{p}" for p in self.game.players]
        return checked_columns([*cols, "max_regret"])

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
    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (documented in docs/json.md).

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
            wanted = [s for s in round_numbers(self.steps) if s in where]
        else:
            wanted = sorted({round(self.steps * k / (rows - 1)) for k in range(rows)})
            wanted = [s for s in wanted if s in where]
        if steps[-1] not in wanted:
            wanted.append(steps[-1])
        return [where[s] for s in wanted]

    def to_table(self, *, width: int = 80) -> str:
        """A plain-text report: the run, a short trajectory table, the end point, its
        regret, the nearest equilibrium, the verdict and the notes
        (:func:`leverage.formats.dynamics.dynamics_table`)."""
        from ..formats.dynamics import dynamics_table

        return dynamics_table(self, width=width)

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
        from ..formats.plot.dynamics import plot_dynamics

        return plot_dynamics(self, title=title)


# ---------------------------------------------------------------------- measures
def regrets(game: Game, profile: Sequence[Sequence[Number]]) -> tuple[Number, ...]:
    """Each player's regret at a mixed profile of a two-player game: the gain from its
    best pure deviation (exact when the game and the profile are exact).

    Examples
    --------
    >>> from leverage.games.strategic import Game
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


def regret_pair(a: np.ndarray, b: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Both players' regrets at ``(x, y)`` in floating point (clipped at 0), for float
    payoff arrays ``a`` and ``b``: the fast form of :func:`regrets`."""
    ay = a @ y
    xb = x @ b
    return np.array([max(float(ay.max() - x @ ay), 0.0), max(float(xb.max() - xb @ y), 0.0)])


def is_zero_sum(game: Game) -> bool:
    """Whether ``A + B`` is constant (a constant-sum game: to learning, zero-sum)."""
    total = game.payoffs[0] + game.payoffs[1]
    return bool(np.all(total == total.flat[0]))


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


def _converged(
    game: Game, regret: np.ndarray, step: np.ndarray, steps: int, tolerance: float
) -> bool:
    scale = max(payoff_ranges(game))
    tail = regret[step >= 0.75 * steps]
    if not len(tail):
        tail = regret[-1:]
    return bool(np.all(tail <= tolerance * scale + 1e-12 * max(scale, 1.0)))


# ---------------------------------------------------------------------- assembly
def reference_solution(game: Game, notes: list[str]) -> Solution | None:
    """The game's equilibria from the exact solver, or ``None`` (with a note appended
    to ``notes``) when the game is too large to enumerate."""
    try:
        return game.equilibria()
    except TooLargeError:
        notes.append("The game is too large to enumerate its equilibria for comparison.")
        return None


def finish_run(
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
    """Measure a finished run (nearest equilibrium, distance, convergence verdict) and
    assemble its :class:`DynamicsResult`; the arguments are its fields, ``record`` the
    recorded steps and ``regret`` the regrets at them."""
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
