"""Grid sweeps: the equilibria of a model at every point of a 1-D or 2-D parameter grid.

:func:`sweep` evaluates a model's payoffs on a grid of values of one or two parameters
(the others held at their values) and finds every equilibrium at every point.  It does not
loop over a per-game solver: payoffs are compiled once to numpy
(:mod:`leverage.expr.vectorised`) and evaluated chunk by chunk, and the games of a chunk
are solved together by :mod:`leverage.solve.batch.kernels`.  Points where the floating-point
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
What a reader wants from a million points is where the answer changes.  For a 1-D sweep,
:meth:`SweepResult.summary` lists the *runs*: maximal sequences of consecutive grid
points with the same equilibrium structure (the same supports, see
:mod:`leverage.solve.structure`), each with its first and last parameter value.  For
a 2-D sweep it lists each structure once, with its number of points, its share of the
grid and its bounding box in both parameters (a regime map is drawn by the plotting
code).

Parallelism
-----------
``jobs > 1`` spreads chunks over worker processes; the chunks are the same, and results
are merged in grid order, so the result is identical to ``jobs=1``.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ParameterError, UnsupportedError
from ..expr.vectorised import CompiledPayoffs, compile_payoffs
from ..solve.batch.kernels import (
    EXACT,
    FALLBACK,
    STATUS_NAMES,
    UNDEFINED,
    BatchResult,
    Chunk,
    Merger,
    default_chunk_size,
    solve_chunk,
)
from ..solve.structure import Structure, describe

if TYPE_CHECKING:  # pragma: no cover
    from ..games.model import Model
    from ..solve.result import Equilibrium, Solution

__all__ = ["SweepResult", "sweep"]

Progress = Callable[[int, int], None]
Row = dict[str, Any]


# ============================================================================ result


@dataclass(frozen=True, eq=False)
class SweepResult:
    """The equilibria of a model at every point of a grid.

    Attributes
    ----------
    title
        The model's title.
    players, strategies
        The model's players and each player's strategy labels.
    parameters
        The one or two swept parameters, in grid order.
    axes
        The values of each swept parameter (float arrays).
    fixed
        The exact values of the other parameters.
    batch
        The per-point results (structure ids, status, equilibria); see
        :class:`~leverage.solve.batch.kernels.BatchResult`.
    """

    title: str
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    parameters: tuple[str, ...]
    axes: tuple[np.ndarray, ...]
    fixed: dict[str, Fraction]
    batch: BatchResult

    # ---------------------------------------------------------------- points
    @property
    def shape(self) -> tuple[int, ...]:
        """Number of values of each swept parameter."""
        return tuple(len(a) for a in self.axes)

    def __len__(self) -> int:
        return int(np.prod(self.shape))

    def __repr__(self) -> str:
        pairs = zip(self.parameters, self.axes, strict=True)
        grid = " × ".join(f"{p} ({len(a)})" for p, a in pairs)
        return (
            f"<SweepResult {self.title!r}: {grid}, {len(self.structures)} structures, "
            f"{self.n_exact} points solved exactly, {self.n_undefined} undefined>"
        )

    def index(self, i: int) -> tuple[int, ...]:
        """Grid indices (one per swept parameter) of point ``i``."""
        if len(self.axes) == 1:
            return (int(i),)
        i0, i1 = divmod(int(i), len(self.axes[1]))
        return (i0, i1)

    def values_at(self, i: int) -> dict[str, float]:
        """The swept parameters' values at point ``i``."""
        pairs = zip(self.parameters, self.axes, self.index(i), strict=True)
        return {p: float(a[k]) for p, a, k in pairs}

    def point_values(self) -> tuple[np.ndarray, ...]:
        """For each swept parameter, its value at every point (arrays of length ``N``)."""
        if len(self.axes) == 1:
            return (self.axes[0],)
        n1 = len(self.axes[1])
        return (np.repeat(self.axes[0], n1), np.tile(self.axes[1], len(self.axes[0])))

    # ---------------------------------------------------------------- structures
    @property
    def structures(self) -> tuple[Structure, ...]:
        """The distinct equilibrium structures, in order of first appearance."""
        return self.batch.structures

    @property
    def structure_ids(self) -> np.ndarray:
        """Structure id of every point (``-1`` where undefined), in point order."""
        return self.batch.structure_ids

    def structure_grid(self) -> np.ndarray:
        """Structure ids arranged as the grid: shape ``(n0,)`` or ``(n0, n1)``."""
        return self.batch.structure_ids.reshape(self.shape)

    def structure_at(self, i: int) -> Structure | None:
        """The structure at point ``i`` (``None`` where undefined)."""
        return self.batch.structure_at(i)

    def describe_structure(self, sid: int) -> str:
        """A short name for structure ``sid``, e.g. ``(Calibrate, Escalate)``; ``-1`` is
        ``"undefined"``."""
        if sid < 0:
            return "undefined"
        return describe(self.batch.structures[sid], self.players, self.strategies)

    def equilibria_at(self, i: int) -> tuple[Equilibrium, ...]:
        """The equilibria at point ``i`` (floats), in the order of their structure."""
        return self.batch.equilibria_at(i)

    def status_at(self, i: int) -> str:
        """How point ``i`` was solved: ``"batched"``, ``"exact"`` or ``"undefined"``."""
        return STATUS_NAMES[int(self.batch.status[i])]

    @property
    def n_exact(self) -> int:
        """Number of points solved exactly (ambiguous in floats, or all if requested)."""
        status = self.batch.status
        return int(np.count_nonzero((status == FALLBACK) | (status == EXACT)))

    @property
    def n_undefined(self) -> int:
        """Number of points where some payoff is undefined."""
        return self.batch.n_undefined

    def counts(self) -> dict[int, int]:
        """Number of points per structure id (``-1``: undefined)."""
        return self.batch.counts()

    def plot(self, *, units: Sequence[str] = (), title: str | None = None) -> Any:
        """A matplotlib figure: 1-D probabilities and payoffs with regime bands, 2-D a
        regime map (see :func:`leverage.formats.plot.panels.plot_sweep`)."""
        from ..formats.plot.panels import plot_sweep

        return plot_sweep(self, units=units, title=title if title is not None else self.title)

    # ---------------------------------------------------------------- summaries
    def summary(self) -> list[Row]:
        """Where the equilibrium structure changes (see the module docstring).

        Returns
        -------
        list of dict
            1-D: one dict per run of consecutive points with the same structure, with
            keys ``structure`` (id, ``None`` if undefined), ``equilibria`` (its
            description), ``from`` and ``to`` (first and last parameter value),
            ``points``, ``first`` and ``last`` (point indices) and ``exact`` (points
            of the run solved exactly).  2-D: one dict per structure (undefined last),
            with ``structure``, ``equilibria``, ``points``, ``share`` and ``bounds``
            (``{parameter: [min, max]}``).
        """
        ids = self.batch.structure_ids
        if not len(ids):
            return []
        if len(self.axes) == 1:
            return self._runs(ids)
        return self._regions(ids)

    def _runs(self, ids: np.ndarray) -> list[Row]:
        axis = self.axes[0]
        starts = np.concatenate([[0], np.flatnonzero(ids[1:] != ids[:-1]) + 1])
        ends = np.concatenate([starts[1:], [len(ids)]]) - 1
        solved = (self.batch.status == FALLBACK) | (self.batch.status == EXACT)
        exact = np.concatenate([[0], np.cumsum(solved)])
        runs = []
        for first, last in zip(starts.tolist(), ends.tolist(), strict=True):
            sid = int(ids[first])
            runs.append(
                {
                    "structure": sid if sid >= 0 else None,
                    "equilibria": self.describe_structure(sid),
                    "from": float(axis[first]),
                    "to": float(axis[last]),
                    "points": last - first + 1,
                    "first": first,
                    "last": last,
                    "exact": int(exact[last + 1] - exact[first]),
                }
            )
        return runs

    def _regions(self, ids: np.ndarray) -> list[Row]:
        n1 = len(self.axes[1])
        labels = np.where(ids < 0, len(self.structures), ids)  # undefined last
        size = len(self.structures) + 1
        counts = np.bincount(labels, minlength=size)
        idx = np.arange(len(ids))
        i0, i1 = idx // n1, idx % n1
        bounds = []
        for arr in (i0, i1):
            lo = np.full(size, len(ids), dtype=np.int64)
            hi = np.full(size, -1, dtype=np.int64)
            np.minimum.at(lo, labels, arr)
            np.maximum.at(hi, labels, arr)
            bounds.append((lo, hi))
        out = []
        for label in range(size):
            if not counts[label]:
                continue
            sid = label if label < len(self.structures) else -1
            box = {
                p: [float(a[bounds[d][0][label]]), float(a[bounds[d][1][label]])]
                for d, (p, a) in enumerate(zip(self.parameters, self.axes, strict=True))
            }
            out.append(
                {
                    "structure": sid if sid >= 0 else None,
                    "equilibria": self.describe_structure(sid),
                    "points": int(counts[label]),
                    "share": float(counts[label]) / len(ids),
                    "bounds": box,
                }
            )
        return out

    # ---------------------------------------------------------------- rows
    def columns(self) -> list[str]:
        """Column names of :meth:`to_rows`, in order.

        The swept parameters, ``point``, ``structure``, ``status``, ``equilibrium``
        (index within the point, from 0), ``kind`` (``pure``, ``mixed`` or
        ``undefined``), one ``"<player>:<strategy>"`` column per strategy (its
        probability) and one ``"payoff:<player>"`` column per player.
        """
        cols = [*self.parameters, "point", "structure", "status", "equilibrium", "kind"]
        players = zip(self.players, self.strategies, strict=True)
        cols += [f"{p}:{s}" for p, ss in players for s in ss]
        cols += [f"payoff:{p}" for p in self.players]
        return cols

    def iter_rows(self) -> Iterator[Row]:
        """One row per point per equilibrium (see :meth:`columns`); an undefined point
        gives one row with ``kind`` ``"undefined"`` and empty (``None``) values."""
        cols = self.columns()
        strategy_cols = cols[len(self.parameters) + 5 : len(cols) - len(self.players)]
        payoff_cols = cols[len(cols) - len(self.players) :]
        m = len(self.strategies[0])
        values = self.point_values()
        status = self.batch.status
        ids = self.batch.structure_ids
        for i in range(len(self)):
            head: Row = {p: float(v[i]) for p, v in zip(self.parameters, values, strict=True)}
            head["point"] = i
            head["structure"] = int(ids[i]) if ids[i] >= 0 else None
            head["status"] = STATUS_NAMES[int(status[i])]
            if status[i] == UNDEFINED:
                row = dict(head, equilibrium=None, kind="undefined")
                row.update(dict.fromkeys(strategy_cols + payoff_cols))
                yield row
                continue
            strategies, payoffs = self.batch.rows_at(i)
            rows = zip(strategies.tolist(), payoffs.tolist(), strict=True)
            for k, (probs, pay) in enumerate(rows):
                row = dict(head, equilibrium=k, kind=_kind(probs, m))
                row.update(zip(strategy_cols, probs, strict=True))
                row.update(zip(payoff_cols, pay, strict=True))
                yield row

    def to_rows(self) -> list[Row]:
        """All rows of :meth:`iter_rows` as a list (for CSV output and data frames)."""
        return list(self.iter_rows())

    def to_json(self, *, points: bool = True) -> dict[str, Any]:
        """A JSON-serialisable dict of the sweep.

        Parameters
        ----------
        points
            Include every point's equilibria (``"points"``); otherwise only the grid,
            the structures and the summary.

        Returns
        -------
        dict
            ``title``, ``players``, ``strategies``, ``parameters`` (swept, in grid
            order), ``grid`` (``{parameter: [values]}``), ``fixed`` (``{parameter:
            value}``), ``size``, ``exact_points``, ``undefined_points``, ``structures``
            (``[{"id", "equilibria", "supports", "points"}]``), ``summary`` (as
            :meth:`summary`) and, if asked, ``points``: ``[{"values", "structure",
            "status", "equilibria": [{"strategies", "payoffs", "kind"}]}]`` (with
            ``"error"`` for undefined points).
        """
        counts = self.counts()
        out: dict[str, Any] = {
            "title": self.title,
            "players": list(self.players),
            "strategies": [list(s) for s in self.strategies],
            "parameters": list(self.parameters),
            "grid": {p: a.tolist() for p, a in zip(self.parameters, self.axes, strict=True)},
            "fixed": {k: float(v) for k, v in self.fixed.items()},
            "size": len(self),
            "exact_points": self.n_exact,
            "undefined_points": self.n_undefined,
            "structures": [
                {
                    "id": sid,
                    "equilibria": self.describe_structure(sid),
                    "supports": [[list(s) for s in eq] for eq in struct],
                    "points": counts.get(sid, 0),
                }
                for sid, struct in enumerate(self.structures)
            ],
            "summary": self.summary(),
        }
        if points:
            out["points"] = [self._point_json(i) for i in range(len(self))]
        return out

    def _point_json(self, i: int) -> dict[str, Any]:
        status = int(self.batch.status[i])
        item: dict[str, Any] = {
            "values": self.values_at(i),
            "structure": int(self.batch.structure_ids[i]) if status != UNDEFINED else None,
            "status": STATUS_NAMES[status],
        }
        if status == UNDEFINED:
            item["equilibria"] = []
            item["error"] = self.batch.messages.get(i, "a payoff is undefined")
            return item
        m = len(self.strategies[0])
        strategies, payoffs = self.batch.rows_at(i)
        item["equilibria"] = [
            {"strategies": [probs[:m], probs[m:]], "payoffs": pay, "kind": _kind(probs, m)}
            for probs, pay in zip(strategies.tolist(), payoffs.tolist(), strict=True)
        ]
        return item


def _kind(probs: Sequence[float], m: int) -> str:
    rows = sum(1 for p in probs[:m] if p)
    cols = sum(1 for p in probs[m:] if p)
    return "pure" if rows == 1 and cols == 1 else "mixed"


# ============================================================================ plan


class _Plan:
    """Everything a worker needs to solve a range of grid points (picklable)."""

    def __init__(
        self,
        model: Model,
        names: tuple[str, ...],
        axes: tuple[np.ndarray, ...],
        values: dict[str, Any],
        exact: bool,
        store: bool,
        rtol: float | None,
    ) -> None:
        self.model = model
        self.names = names
        self.axes = axes
        self.values = values
        self.exact = exact
        self.store = store
        self.rtol = rtol
        self._compiled: CompiledPayoffs | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_compiled"] = None
        return state

    @property
    def compiled(self) -> CompiledPayoffs:
        if self._compiled is None:
            self._compiled = compile_payoffs(self.model, self.names, self.values)
        return self._compiled

    def point_arrays(self, start: int, stop: int) -> dict[str, np.ndarray]:
        idx = np.arange(start, stop)
        if len(self.axes) == 1:
            return {self.names[0]: self.axes[0][idx]}
        n1 = len(self.axes[1])
        return {self.names[0]: self.axes[0][idx // n1], self.names[1]: self.axes[1][idx % n1]}

    def exact_solver(self, arrays: dict[str, np.ndarray], start: int) -> Callable[[int], Solution]:
        def solve(i: int) -> Solution:
            overrides = dict(self.values)
            for name, arr in arrays.items():
                overrides[name] = float(arr[i - start])
            return self.model.game(overrides).equilibria()

        return solve

    def run(self, start: int, stop: int) -> Chunk:
        arrays = self.point_arrays(start, stop)
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


_WORKER_PLAN: list[_Plan] = []


def _init_worker(plan: _Plan) -> None:
    _WORKER_PLAN[:] = [plan]


def _run_in_worker(bounds: tuple[int, int]) -> Chunk:
    return _WORKER_PLAN[0].run(*bounds)


# ============================================================================ sweep


def _check_grid(
    model: Model, grid: Mapping[str, Any], values: Mapping[str, Any]
) -> tuple[tuple[str, ...], tuple[np.ndarray, ...]]:
    if not isinstance(grid, Mapping) or not 1 <= len(grid) <= 2:
        raise ParameterError("a sweep takes a mapping of one or two parameters to their values")
    names = tuple(grid)
    axes = []
    for name in names:
        if name in values:
            raise ParameterError(
                f"parameter {name!r} is both swept and fixed; give it one way only",
                file=model.path,
            )
        try:
            arr = np.array(grid[name], dtype=np.float64)
        except (TypeError, ValueError):
            raise ParameterError(f"values of {name!r} must be numbers") from None
        if arr.ndim != 1 or not len(arr):
            raise ParameterError(f"values of {name!r} must be a non-empty 1-D sequence")
        if not np.isfinite(arr).all():
            raise ParameterError(f"values of {name!r} must be finite numbers")
        size = np.abs(arr)
        odd = (arr != 0) & ((size < 1e-300) | (size >= 1e300))
        if odd.any():  # as leverage.games.model.parse_value, which the exact fallback uses
            raise ParameterError(
                f"{name}: value {arr[odd][0]!r} is out of any sensible range", file=model.path
            )
        # range check (and unknown names) by the model, on the extreme values
        model.values({**values, name: float(arr.min())})
        model.values({**values, name: float(arr.max())})
        axes.append(arr)
    return names, tuple(axes)


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
        Worker processes; ``1`` (default) solves in this process.  The result does not
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
    names, axes = _check_grid(model, grid, fixed_raw)
    compiled = compile_payoffs(model, names, fixed_raw)  # checks values early
    plan = _Plan(model, names, axes, fixed_raw, exact, store_equilibria, rtol)
    plan._compiled = compiled
    total = int(np.prod([len(a) for a in axes]))
    size = chunk_size or default_chunk_size(model.shape)
    if size < 1:
        raise ParameterError("chunk_size must be positive")
    bounds = [(s, min(total, s + size)) for s in range(0, total, size)]
    merger = Merger((model.shape[0], model.shape[1]), store_equilibria)
    if jobs == 1 or len(bounds) == 1:
        for lo, hi in bounds:
            merger.add(plan.run(lo, hi))
            if progress is not None:
                progress(hi, total)
    else:
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=jobs, initializer=_init_worker, initargs=(plan,)
        ) as pool:
            for (_, hi), chunk in zip(bounds, pool.map(_run_in_worker, bounds), strict=True):
                merger.add(chunk)
                if progress is not None:
                    progress(hi, total)
    return SweepResult(
        title=model.title,
        players=tuple(model.players),
        strategies=tuple(tuple(s) for s in model.strategies),
        parameters=names,
        axes=axes,
        fixed=dict(compiled.fixed),
        batch=merger.finish(),
    )
