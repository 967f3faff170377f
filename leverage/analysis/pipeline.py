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

Memory
------
A result holds every point, so its size is known before any work:
:func:`result_bytes` estimates it (:data:`POINT_BYTES` per point for its structure,
status and offsets, counted twice for the copy made when the chunks are merged, plus
``8 (m + n + 2)`` bytes for one stored equilibrium per point: a lower bound when points
have several), and :func:`check_result_size` refuses, before anything is allocated, a
request whose estimate exceeds :data:`MAX_RESULT_BYTES` (2 GB).  A fixed bound, not a
share of the memory free at the time, so that a request is accepted or refused alike on
every machine; 2 GB fits a laptop's memory alongside everything else.  At that bound a
sweep of a 2×2 model has 25 million points with its equilibria and 62 million
with only their structures; a Monte Carlo run of one drawn parameter 41 million draws.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ParameterError, TooLargeError
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
    "MAX_RESULT_BYTES",
    "POINT_BYTES",
    "DrawnPoints",
    "GridPoints",
    "PointPlan",
    "PointSet",
    "Progress",
    "check_result_size",
    "chunk_bounds",
    "result_bytes",
    "run_chunk",
    "solve_points",
]

#: Called as ``progress(done, total)`` with the number of points solved so far.
Progress = Callable[[int, int], None]


#: The largest result, in bytes, that a sweep or a Monte Carlo run may build (estimated
#: by :func:`result_bytes` before any work; see the module docstring).
MAX_RESULT_BYTES = 2_000_000_000
#: Bytes per point of a result without its equilibria: structure id (4), status (1) and
#: offset (8) in the chunks and again in the merged arrays, rounded up.
POINT_BYTES = 32


def result_bytes(points: int, shape: Sequence[int], *, store: bool, per_point: int = 0) -> int:
    """The estimated size in bytes of the result of ``points`` points of an ``m × n`` game.

    Parameters
    ----------
    points
        The number of points.
    shape
        The numbers of strategies ``(m, n)``.
    store
        Whether each point's equilibria are kept (one per point is counted: its
        ``m + n`` probabilities and two payoffs).
    per_point
        Further bytes per point the caller keeps (e.g. drawn values).

    Examples
    --------
    >>> result_bytes(1_000_000, (2, 2), store=False)
    32000000
    >>> result_bytes(1_000_000, (2, 2), store=True)
    80000000
    """
    each = POINT_BYTES + per_point
    if store:
        each += 8 * (sum(shape) + len(shape))
    return points * each


def check_result_size(
    points: int,
    shape: Sequence[int],
    *,
    store: bool,
    per_point: int = 0,
    what: str = "a sweep",
    noun: str = "points",
    remedy: str = "use fewer points",
) -> None:
    """Refuse a result larger than :data:`MAX_RESULT_BYTES` (see :func:`result_bytes`).

    Raises
    ------
    TooLargeError
        The estimate exceeds the bound; the message gives the estimate, the bound and
        ``remedy`` (with ``store``: keep only the structures, ``store_equilibria=False``).
    """
    need = result_bytes(points, shape, store=store, per_point=per_point)
    if need <= MAX_RESULT_BYTES:
        return
    if store:
        remedy = f"keep only the structures (store_equilibria=False) or {remedy}"
    raise TooLargeError(
        f"{what} of {points:,} {noun} would need about {_gigabytes(need)} of memory "
        f"(at most {_gigabytes(MAX_RESULT_BYTES)}); {remedy}"
    )


def _gigabytes(size: int) -> str:
    digits = 1 if size < 1e10 else 0
    return f"{size / 1e9:,.{digits}f}".removesuffix(".0") + " GB"


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
    with contextlib.closing(pool.map(run_chunk, plan, bounds, progress=report)) as chunks:
        for chunk in chunks:  # an exception here stops the workers at once
            merger.add(chunk)
    return merger.finish()
