"""The result of a grid sweep: every point's equilibria, summaries, rows and JSON.

:class:`SweepResult` is what :func:`leverage.analysis.sweep.sweep` returns: the grid
(one or two axes, points numbered row by row: point ``i`` of a 2-D grid has the first
parameter's value ``axes[0][i // n1]`` and the second's ``axes[1][i % n1]``) and, per
point, the equilibrium structure, how it was solved and the equilibria
(:class:`~leverage.solve.batch.result.BatchResult`).

Summaries
---------
What a reader wants from a million points is where the answer changes.  For a 1-D sweep,
:meth:`SweepResult.summary` lists the *runs*: maximal sequences of consecutive grid
points with the same equilibrium structure (the same supports, see
:mod:`leverage.solve.structure`), each with its first and last parameter value.  For
a 2-D sweep it lists each structure once, with its number of points, its share of the
grid and its bounding box in both parameters (a regime map is drawn by the plotting
code).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..records import Record, checked_columns, json_text
from ..solve.batch.kernels import EXACT, FALLBACK, STATUS_NAMES, UNDEFINED, BatchResult
from ..solve.structure import Structure, describe

if TYPE_CHECKING:  # pragma: no cover
    from ..solve.result import Equilibrium

__all__ = ["SweepResult", "equilibrium_kind"]

Row = dict[str, Any]


@dataclass(frozen=True, eq=False)
class SweepResult(Record):
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
            f"{self.n_exact} point{'' if self.n_exact == 1 else 's'} solved exactly, "
            f"{self.n_undefined} undefined>"
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
        """The equilibria at point ``i`` (floats), in the order of their structure, each
        named with the model's players and strategies."""
        return tuple(e.named(self.players, self.strategies) for e in self.batch.equilibria_at(i))

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

        The swept parameters, ``point`` (from 1), ``structure`` (from 1: the ``k``-th of
        :meth:`to_dict`'s ``structures``), ``status``, ``equilibrium`` (within the
        point, from 1), ``kind`` (``pure``, ``mixed`` or ``undefined``), one
        ``"<player>:<strategy>"`` column per strategy (its probability) and one
        ``"payoff:<player>"`` column per player (the CSV conventions of docs/cli.md).

        Raises
        ------
        ModelError
            A parameter, player or strategy name would give two columns one name (a
            parameter named ``point``).
        """
        cols = [*self.parameters, "point", "structure", "status", "equilibrium", "kind"]
        players = zip(self.players, self.strategies, strict=True)
        cols += [f"{p}:{s}" for p, ss in players for s in ss]
        cols += [f"payoff:{p}" for p in self.players]
        return checked_columns(cols)

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
            head["point"] = i + 1
            head["structure"] = int(ids[i]) + 1 if ids[i] >= 0 else None
            head["status"] = STATUS_NAMES[int(status[i])]
            if status[i] == UNDEFINED:
                row = dict(head, equilibrium=None, kind="undefined")
                row.update(dict.fromkeys(strategy_cols + payoff_cols))
                yield row
                continue
            strategies, payoffs = self.batch.rows_at(i)
            rows = zip(strategies.tolist(), payoffs.tolist(), strict=True)
            for k, (probs, pay) in enumerate(rows, start=1):
                row = dict(head, equilibrium=k, kind=equilibrium_kind(probs, m))
                row.update(zip(strategy_cols, probs, strict=True))
                row.update(zip(payoff_cols, pay, strict=True))
                yield row

    def summary_rows(self) -> list[Row]:
        """:meth:`summary` as flat CSV rows: indices from 1 (``structure``, ``first``,
        ``last``), a 2-D region's extent as ``<parameter>_from`` and ``<parameter>_to``."""
        rows = []
        for row in self.summary():
            flat: Row = {}
            for key, value in row.items():
                if key == "bounds":
                    for p, (low, high) in value.items():
                        flat[f"{p}_from"], flat[f"{p}_to"] = low, high
                elif key in ("structure", "first", "last"):
                    flat[key] = None if value is None else value + 1
                else:
                    flat[key] = value
            rows.append(flat)
        if rows:
            checked_columns(list(rows[0]))
        return rows

    def to_rows(self) -> list[Row]:
        """All rows of :meth:`iter_rows` as a list (for CSV output and data frames)."""
        return list(self.iter_rows())

    def notebook_rows(self) -> list[Row]:
        """The :meth:`summary` (runs or regions), for the notebook table."""
        rows = []
        for row in self.summary():
            flat = {k: v for k, v in row.items() if k != "bounds"}
            for p, (low, high) in row.get("bounds", {}).items():
                flat[p] = f"{low:.6g} – {high:.6g}"
            rows.append(flat)
        return rows

    def to_json(self, *, points: bool = True, indent: int | None = 2) -> str:
        """:meth:`to_dict` as the JSON text ``leverage sweep --format json`` prints."""
        return json_text(self.to_dict(points=points), indent=indent)

    def to_dict(self, *, points: bool = True) -> dict[str, Any]:
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
            out["points"] = list(self.iter_points_json())
        return out

    def iter_points_json(self) -> Iterator[dict[str, Any]]:
        """The ``"points"`` of :meth:`to_json`, one point at a time (so that a writer
        can stream millions of them)."""
        return (self._point_json(i) for i in range(len(self)))

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
            {
                "strategies": [probs[:m], probs[m:]],
                "payoffs": pay,
                "kind": equilibrium_kind(probs, m),
            }
            for probs, pay in zip(strategies.tolist(), payoffs.tolist(), strict=True)
        ]
        return item


def equilibrium_kind(probs: Sequence[float], m: int) -> str:
    """``"pure"`` if both players' probabilities (the row player's ``m`` first) have one
    nonzero entry, else ``"mixed"``."""
    rows = sum(1 for p in probs[:m] if p)
    cols = sum(1 for p in probs[m:] if p)
    return "pure" if rows == 1 and cols == 1 else "mixed"
