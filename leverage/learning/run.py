"""Learning and evolutionary dynamics of two-player games: fictitious play and the
two-population replicator dynamics, for watching play approach (or circle) equilibria.

This module is the entry point: :func:`dynamics` runs a rule by its command-line name,
and every public name of the modules below is importable from here.

* Fictitious play (Brown 1951; Robinson 1951), :mod:`~leverage.learning.fictitious_play`:
  each round both players best-respond to the empirical frequencies of the other's past
  plays, ``i_t ∈ argmax_i (A c2)_i``, ``j_t ∈ argmax_j (c1ᵀ B)_j``; computed exactly,
  jumping over the rounds in which the best responses do not change.
* The two-population replicator dynamics (Taylor & Jonker 1978; Taylor 1979),
  :mod:`~leverage.learning.replicator`: ``ẋ_i = x_i ((A y)_i − xᵀA y)``,
  ``ẏ_j = y_j ((Bᵀx)_j − xᵀB y)``, integrated by fixed-step RK4 with
  ``dt = 0.05 / R`` (``R`` the largest payoff range) by default.
* The end point, :mod:`~leverage.learning.result`: each player's regret (the
  end point is an ``ε``-equilibrium for ``ε`` the larger), the max-norm distance to the
  nearest equilibrium from the exact solver, and whether ``ε`` stayed within
  ``tolerance · R`` over the last quarter of the run.
* Starts, run lengths and the recording grid: :mod:`~leverage.learning.settings`;
  the text report: :mod:`leverage.formats.dynamics`; the figures:
  :mod:`~leverage.formats.plot.dynamics`.

References
----------
G. W. Brown, "Iterative solution of games by fictitious play", in *Activity Analysis of
Production and Allocation*, Wiley, 1951, 374–376.
J. Robinson, "An iterative method of solving a game", *Annals of Mathematics* 54 (1951).
P. D. Taylor and L. B. Jonker, "Evolutionarily stable strategies and game dynamics",
*Mathematical Biosciences* 40 (1978).  P. D. Taylor, "Evolutionarily stable strategies
with two types of player", *Journal of Applied Probability* 16 (1979).
J. Hofbauer and K. Sigmund, *Evolutionary Games and Population Dynamics*, Cambridge
University Press, 1998.
The convergence theorems the runs cite are referenced in the rules' modules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ParameterError
from .fictitious_play import fictitious_play
from .replicator import conserved_quantity, replicator, replicator_field
from .result import DynamicsResult, regrets
from .settings import (
    DEFAULT_POINTS,
    DEFAULT_STEPS,
    MAX_SCALED_STEP,
    MAX_STEPS,
    RULES,
    SCALED_STEP,
    Number,
    Profile,
    Progress,
    check_start,
    parse_start,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..games.strategic import Game

__all__ = [
    "DEFAULT_POINTS",
    "DEFAULT_STEPS",
    "MAX_SCALED_STEP",
    "MAX_STEPS",
    "RULES",
    "SCALED_STEP",
    "DynamicsResult",
    "Number",
    "Profile",
    "Progress",
    "check_start",
    "conserved_quantity",
    "dynamics",
    "fictitious_play",
    "parse_start",
    "regrets",
    "replicator",
    "replicator_field",
]


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
        A two-player game (:class:`~leverage.Game`).
    rule
        ``"fictitious-play"`` (:func:`fictitious_play`) or ``"replicator"``
        (:func:`replicator`).
    steps
        Rounds of fictitious play (default 10,000) or RK4 steps of the replicator
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
    >>> from leverage.games.strategic import Game
    >>> stag = Game.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]],
    ...                         strategies=(("Stag", "Hare"), ("Stag", "Hare")))
    >>> dynamics(stag, "replicator", start=[[0.8, 0.2], [0.8, 0.2]]).nearest_equilibrium
    Equilibrium(1: Stag; 2: Stag → payoffs 4, 4)
    >>> dynamics(stag, "replicator").nearest_equilibrium
    Equilibrium(1: Hare; 2: Hare → payoffs 3, 3)
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
