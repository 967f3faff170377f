"""The two-population replicator dynamics (Taylor & Jonker 1978; Taylor 1979), integrated
by fixed-step fourth-order Runge–Kutta, its vector field and its conserved quantity.

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
Sigmund 2003).  Strategies absent from the start stay absent.  The notes of a run cite
the facts that apply.

References
----------
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
    regret_pair,
)
from .settings import (
    DEFAULT_POINTS,
    DEFAULT_STEPS,
    MAX_SCALED_STEP,
    SCALED_STEP,
    Number,
    Profile,
    Progress,
    check_run,
    check_seed,
    payoff_ranges,
    record_steps,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..games.strategic import Game
    from ..solve.result import Solution


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
    >>> from leverage.games.strategic import Game
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
    steps, start_profile, points, tolerance = check_run(game, steps, start, points, tolerance)
    seed = check_seed(seed)
    m, n = game.shape
    if seed is not None:
        rng = np.random.Generator(np.random.PCG64(seed))
        draws = [rng.dirichlet(np.ones(k)) for k in (m, n)]
        start_profile = tuple(_close(d) for d in draws)
    scale = max(payoff_ranges(game))
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
    record = record_steps(steps, points, geometric=False)
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
    regret = np.array([regret_pair(a, b, xs[k], ys[k]) for k in range(len(record))])
    x, y = xs[-1], ys[-1]
    final: Profile = (tuple(float(p) for p in x), tuple(float(p) for p in y))
    notes: list[str] = []
    solution = reference_solution(game, notes)
    notes += _replicator_notes(game, solution, start_profile, (x, y))
    return finish_run(
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


# ---------------------------------------------------------------------- theorems
def _replicator_notes(
    game: Game, solution: Solution | None, start: Profile, end: tuple[np.ndarray, np.ndarray]
) -> list[str]:
    notes = []
    fgame = game.as_float()
    x0 = np.array([float(p) for p in start[0]])
    y0 = np.array([float(p) for p in start[1]])
    dx, dy = replicator_field(fgame.payoffs[0], fgame.payoffs[1], x0, y0)
    if max(np.abs(dx).max(), np.abs(dy).max()) <= 1e-12 * max(1.0, *payoff_ranges(game)):
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
    if is_zero_sum(game) and solution is not None:
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
