"""Grid sweeps: the equilibria of a model at every point of a 1-D or 2-D parameter grid.

:func:`sweep` evaluates a model's payoffs on a grid of values of one or two parameters
(the others held at their values) and finds every equilibrium at every point.  It does not
loop over a per-game solver: payoffs are compiled once to numpy
(:mod:`leverage.expr.vectorised`) and evaluated chunk by chunk, and the games of a chunk
are solved together by :mod:`leverage.solve.batch.kernels` (the pipeline of
:mod:`leverage.analysis.pipeline`, shared with Monte Carlo).  Points where the floating-point
answer is ambiguous — at and very near the critical values where the equilibrium set
changes — are re-solved exactly from the model (the grid value read as the decimal it
prints as, e.g. ``0.87384`` as ``10923/12500``), so the sweep reports, at every point,
exactly what ``leverage solve MODEL --set NAME=VALUE`` reports.

Grids
-----
A 1-D grid is one array of values; a 2-D grid is the Cartesian product of two arrays,
with points numbered row by row: point ``i`` has the first parameter's value
``axes[0][i // n1]`` and the second's ``axes[1][i % n1]`` (``n1 = len(axes[1])``).

Summaries
---------
:meth:`SweepResult.summary` (:mod:`leverage.analysis.sweep_result`) lists where the
equilibrium structure changes: runs of consecutive points (1-D) or the extent of each
structure (2-D).  :func:`~leverage.analysis.grid.grid_values` makes exact rational
grids.

Parallelism
-----------
``jobs > 1`` spreads chunks over worker processes (:mod:`leverage.parallel`, at most one
per CPU); the chunks are the same, and results are merged in grid order, so the result
is identical to ``jobs=1``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ParameterError, UnsupportedError
from ..expr.vectorised import compile_payoffs
from .grid import check_grid
from .pipeline import GridPoints, check_result_size, solve_points
from .sweep_result import SweepResult

if TYPE_CHECKING:  # pragma: no cover
    from ..games.model import Model

__all__ = ["SweepResult", "sweep"]

Progress = Callable[[int, int], None]


def sweep(
    model: Model,
    grid: Mapping[str, Sequence[float] | np.ndarray],
    *,
    values: Mapping[str, Any] | None = None,
    chunk_size: int | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
    exact: bool = False,
    store_equilibria: bool = True,
    rtol: float | None = None,
) -> SweepResult:
    """Every equilibrium of a model at every point of a 1-D or 2-D parameter grid.

    Parameters
    ----------
    model
        A two-player model.
    grid
        One or two parameter names, each mapped to its values (a sequence or 1-D
        array); two names give the Cartesian product, the first varying slowest.
    values
        Values of other parameters (checked against their ranges); the rest keep their
        defaults.
    chunk_size
        Grid points per chunk (bounds memory); default
        :func:`~leverage.solve.batch.kernels.default_chunk_size`.
    progress
        Called as ``progress(done, total)`` after each chunk.
    jobs
        Worker processes; ``1`` (default) solves in this process.  At most one per CPU
        and one per chunk are started (:mod:`leverage.parallel`).  The result does not
        depend on ``jobs``.
    exact
        Solve every point exactly (slow; for small grids and checks).
    store_equilibria
        Keep every equilibrium's probabilities and payoffs (``8 (m + n + 2)`` bytes
        each); when false only the structure of each point is kept, which is enough for
        :meth:`SweepResult.summary`.
    rtol
        Relative margin of the float decisions (default
        :data:`~leverage.solve.batch.kernels.RTOL`).

    Returns
    -------
    SweepResult

    Raises
    ------
    ParameterError
        Unknown parameter, a value outside its range, a parameter both swept and
        fixed, a malformed grid, or ``jobs < 1``.
    TooLargeError
        A result estimated above
        :data:`~leverage.analysis.pipeline.MAX_RESULT_BYTES` (2 GB), refused before
        any work (:func:`~leverage.analysis.pipeline.check_result_size`).
    UnsupportedError
        A model with other than two players.

    Examples
    --------
    >>> import numpy as np
    >>> import leverage
    >>> model = leverage.load("models/chicken.toml")
    >>> result = sweep(model, {"interdependence_cost": np.linspace(0, 4, 9)})
    >>> for run in result.summary():
    ...     print(run["from"], run["to"], run["points"], run["equilibria"])
    0.0 0.5 2 (Straight, Straight)
    1.0 1.0 1 (Swerve, Straight) | (Straight, Swerve) | (Straight, Straight)
    1.5 4.0 6 (Swerve, Straight) | mixed{Swerve+Straight; Swerve+Straight} | (Straight, Swerve)
    >>> result.status_at(2)  # the crash costs what backing down does: degenerate, exact
    'exact'
    """
    if len(model.players) != 2:
        raise UnsupportedError(
            f"sweeps need a two-player model; this one has {len(model.players)} players"
        )
    if jobs < 1:
        raise ParameterError("jobs must be at least 1")
    fixed_raw = dict(values or {})
    names, axes = check_grid(model, grid, fixed_raw)
    size = math.prod(len(a) for a in axes)
    check_result_size(size, model.shape, store=store_equilibria, remedy="sweep a smaller grid")
    compiled = compile_payoffs(model, names, fixed_raw)  # checks values early
    batch = solve_points(
        model,
        GridPoints(names, axes),
        fixed_raw,
        chunk_size=chunk_size,
        jobs=jobs,
        progress=progress,
        exact=exact,
        store_equilibria=store_equilibria,
        rtol=rtol,
        compiled=compiled,
    )
    return SweepResult(
        title=model.title,
        players=tuple(model.players),
        strategies=tuple(tuple(s) for s in model.strategies),
        parameters=names,
        axes=axes,
        fixed=dict(compiled.fixed),
        batch=batch,
    )
