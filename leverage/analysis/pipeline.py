"""The equilibria of a model at many parameter points: compile, batch, exact fallback.

Grid sweeps (:mod:`leverage.analysis.sweep`) and Monte Carlo
(:mod:`leverage.analysis.montecarlo`) both solve a two-player model at many points of
its parameter space.  :func:`solve_points` does it once for both:

1. *compile*: the payoffs are compiled to numpy once
   (:func:`leverage.expr.vectorised.compile_payoffs`), the other parameters fixed;
2. *batch*: the points are cut into chunks (:func:`chunk_bounds`); the payoffs of a
   chunk are evaluated together and its games solved together by the certified float
   kernels (:func:`leverage.solve.batch.kernels.solve_chunk`);
3. *exact fallback*: points whose float answer the kernels cannot certify are re-solved
   exactly from the model (each value read as the decimal it prints as), so every point
   reports what :meth:`leverage.Game.equilibria` reports there;
4. *merge*: the chunks are joined in point order
   (:class:`~leverage.solve.batch.fallback.Merger`).

The chunks go through one :class:`~leverage.parallel.Executor`: serial for ``jobs=1``,
else a process pool.  The chunks do not depend on ``jobs`` and are merged in order, so
neither does the result.

Which points are solved is a :class:`PointSet`: :class:`GridPoints` (the Cartesian
product of one or two axes, numbered row by row) or :class:`DrawnPoints` (given arrays,
e.g. random draws).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ParameterError
from ..expr.vectorised import CompiledPayoffs, compile_payoffs
from ..parallel import executor
from ..solve.batch.fallback import Chunk, Merger
from ..solve.batch.kernels import BatchResult, default_chunk_size, solve_chunk
from ..solve.cost import check_points
from ..solve.verify import float_tolerance

if TYPE_CHECKING:  # pragma: no cover
    from ..games.model import Model
    from ..solve.result import Solution

__all__ = [
    "DrawnPoints",
    "GridPoints",
    "PointPlan",
    "PointSet",
    "Progress",
    "chunk_bounds",
    "run_chunk",
    "solve_points",
]

#: Called as ``progress(done, total)`` with the number of points solved so far.
Progress = Callable[[int, int], None]


# ============================================================================ points


class PointSet(ABC):
    """The parameter values of ``N`` points, by name (picklable)."""

    #: The parameters that vary from point to point.
    names: tuple[str, ...]

    @abstractmethod
    def __len__(self) -> int:
        """The number of points."""

    @abstractmethod
    def arrays(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """The values of each varying parameter at points ``start … stop - 1``."""


class GridPoints(PointSet):
    """The Cartesian product of one or two axes; point ``i`` of a 2-D grid has the
    first parameter's value ``axes[0][i // n1]`` and the second's ``axes[1][i % n1]``.

    Parameters
    ----------
    names
        The one or two parameters, in grid order.
    axes
        Their values (float arrays).
    """

    def __init__(self, names: Sequence[str], axes: Sequence[np.ndarray]) -> None:
        self.names = tuple(names)
        self.axes = tuple(axes)

    def __len__(self) -> int:
        return int(np.prod([len(a) for a in self.axes]))

    def arrays(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """See :meth:`PointSet.arrays`."""
        idx = np.arange(start, stop)
        if len(self.axes) == 1:
            return {self.names[0]: self.axes[0][idx]}
        n1 = len(self.axes[1])
        return {self.names[0]: self.axes[0][idx // n1], self.names[1]: self.axes[1][idx % n1]}


class DrawnPoints(PointSet):
    """Points given value by value: one array of equal length per parameter.

    Parameters
    ----------
    values
        Each varying parameter mapped to its values at every point.
    """

    def __init__(self, values: Mapping[str, np.ndarray]) -> None:
        self.names = tuple(values)
        self.values = {k: np.asarray(v, dtype=float) for k, v in values.items()}
        self.size = len(next(iter(self.values.values()))) if self.values else 0

    def __len__(self) -> int:
        return self.size

    def arrays(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """See :meth:`PointSet.arrays`."""
        return {k: v[start:stop] for k, v in self.values.items()}


# ============================================================================ plan


class PointPlan:
    """Everything needed to solve a range of points (picklable; the compiled payoffs
    are rebuilt, once, in each process that runs a chunk).

    Parameters
    ----------
    model
        A two-player model.
    points
        The points.
    values
        Values of the other parameters (as given by the user).
    exact
        Solve every point exactly.
    store
        Keep every equilibrium's probabilities and payoffs.
    rtol
        Relative margin of the float decisions (``None``: the kernels' default).
    compiled
        The payoffs already compiled for ``points.names`` and ``values``, if at hand.
    """

    def __init__(
        self,
        model: Model,
        points: PointSet,
        values: Mapping[str, Any],
        *,
        exact: bool = False,
        store: bool = True,
        rtol: float | None = None,
        compiled: CompiledPayoffs | None = None,
    ) -> None:
        self.model = model
        self.points = points
        self.values = dict(values)
        self.exact = exact
        self.store = store
        self.rtol = rtol
        self._compiled = compiled

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_compiled"] = None
        return state

    @property
    def compiled(self) -> CompiledPayoffs:
        """The payoffs compiled for the varying parameters (built on first use)."""
        if self._compiled is None:
            self._compiled = compile_payoffs(self.model, self.points.names, self.values)
        return self._compiled

    def exact_solver(
        self, arrays: Mapping[str, np.ndarray], start: int
    ) -> Callable[[int], Solution]:
        """The exact solver of point ``i`` (``start <= i``) of a chunk: the model's game
        at the point's values (each read as the decimal it prints as)."""

        def solve(i: int) -> Solution:
            overrides = dict(self.values)
            for name, arr in arrays.items():
                overrides[name] = float(arr[i - start])
            game = self.model.game(overrides)
            if not self.exact:
                # a payoff beyond the float range sends every point here: refuse it once
                float_tolerance(game.payoffs)
            return game.equilibria()

        return solve

    def run(self, start: int, stop: int) -> Chunk:
        """Solve points ``start … stop - 1``: float kernels, exact fallback."""
        arrays = self.points.arrays(start, stop)
        shape = self.model.shape
        if self.exact:
            a = b = np.zeros((stop - start, *shape))
            scales = None
        else:
            ev = self.compiled.evaluate(arrays)
            a, b = ev.payoffs
            scales = (ev.scales[0], ev.scales[1])
        kwargs: dict[str, Any] = {} if self.rtol is None else {"rtol": self.rtol}
        return solve_chunk(
            a,
            b,
            scales=scales,
            exact_solver=self.exact_solver(arrays, start),
            offset=start,
            exact=self.exact,
            store=self.store,
            **kwargs,
        )


def run_chunk(plan: PointPlan, bounds: tuple[int, int]) -> Chunk:
    """Solve one chunk of a plan (the work item given to the executor)."""
    return plan.run(*bounds)


def chunk_bounds(total: int, size: int) -> list[tuple[int, int]]:
    """``(start, stop)`` of consecutive chunks of ``size`` points covering ``total``."""
    return [(s, min(total, s + size)) for s in range(0, total, size)]


# ============================================================================ driver


def solve_points(
    model: Model,
    points: PointSet,
    values: Mapping[str, Any],
    *,
    chunk_size: int | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    exact: bool = False,
    store_equilibria: bool = True,
    rtol: float | None = None,
    compiled: CompiledPayoffs | None = None,
) -> BatchResult:
    """Every equilibrium of a two-player model at every point of a point set.

    Parameters
    ----------
    model
        A two-player model.
    points
        The points (their parameters vary; the others are fixed by ``values``).
    values
        Values of the other parameters.
    chunk_size
        Points per chunk (bounds memory); default
        :func:`~leverage.solve.batch.kernels.default_chunk_size`.
    jobs
        Worker processes (see :mod:`leverage.parallel`, which caps them at the CPU
        count); the result does not depend on it.
    progress
        Called as ``progress(done, total)`` (points) after each chunk.
    exact
        Solve every point exactly.
    store_equilibria
        Keep every equilibrium's probabilities and payoffs (else structures only).
    rtol
        Relative margin of the float decisions (default
        :data:`~leverage.solve.batch.base.RTOL`).
    compiled
        The payoffs already compiled for ``points.names`` and ``values`` (else
        compiled here).

    Returns
    -------
    BatchResult
        The points' results, in point order.

    Raises
    ------
    ParameterError
        ``chunk_size`` or ``jobs`` below 1.
    TooLargeError
        Solving the points one by one would exceed the bound of
        :func:`leverage.solve.cost.check_points`.
    """
    pool = executor(jobs)
    plan = PointPlan(
        model, points, values, exact=exact, store=store_equilibria, rtol=rtol, compiled=compiled
    )
    plan.compiled  # noqa: B018 - compile (and check the values) before any chunk
    total = len(points)
    check_points(model.shape, total, exact)
    size = chunk_size or default_chunk_size(model.shape)
    if size < 1:
        raise ParameterError("chunk_size must be positive")
    bounds = chunk_bounds(total, size)

    def report(done: int, _chunks: int) -> None:
        if progress is not None:
            progress(bounds[done - 1][1], total)

    merger = Merger((model.shape[0], model.shape[1]), store_equilibria)
    for chunk in pool.map(run_chunk, plan, bounds, progress=report):
        merger.add(chunk)
    return merger.finish()
