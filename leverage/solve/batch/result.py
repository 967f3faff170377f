"""The compact result of a batched solve: structures, status and equilibrium rows.

:class:`BatchResult` holds, for ``N`` games, a structure id per point (into a table of
distinct structures, :mod:`leverage.solve.structure`), a status code per point
(:mod:`leverage.solve.batch.base`) and the equilibria as compressed sparse rows of
float64 probabilities and payoffs; no Python object is made per point.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ...errors import ParameterError
from ..result import Equilibrium
from ..structure import Structure
from .base import FALLBACK, UNDEFINED, empty_rows

__all__ = ["BatchResult"]


class BatchResult:
    """Equilibria of ``N`` games, stored compactly.

    Attributes
    ----------
    shape
        ``(m, n)``, the number of strategies of each player.
    structures
        The table of distinct equilibrium structures, in order of first appearance.
    structure_ids
        ``int32`` array ``(N,)``: index into :attr:`structures`, ``-1`` where undefined.
    status
        ``uint8`` array ``(N,)``: :data:`BATCHED`, :data:`FALLBACK`, :data:`EXACT` or
        :data:`UNDEFINED`.
    offsets
        ``int64`` array ``(N + 1,)``: the equilibria of point ``i`` are the rows
        ``offsets[i]:offsets[i + 1]`` of :attr:`strategies` and :attr:`payoffs`, in the
        order of its structure (sorted supports; ties broken by probabilities).
    messages
        Why points are undefined, by point index (at most :data:`MAX_MESSAGES`).
    stored
        Whether probabilities and payoffs were kept (else only structures and counts).
    """

    def __init__(
        self,
        shape: tuple[int, int],
        structures: tuple[Structure, ...],
        structure_ids: np.ndarray,
        status: np.ndarray,
        offsets: np.ndarray,
        strategies: Sequence[np.ndarray],
        payoffs: Sequence[np.ndarray],
        messages: dict[int, str] | None = None,
        stored: bool = True,
    ) -> None:
        self.shape = shape
        self.structures = structures
        self.structure_ids = structure_ids
        self.status = status
        self.offsets = offsets
        self.messages = dict(messages or {})
        self.stored = stored
        # equilibrium rows are kept in the chunks they were computed in (no copy)
        self._strategies = list(strategies)
        self._payoffs = list(payoffs)
        sizes = [len(p) for p in self._strategies]
        self._row_starts = np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)])

    def __len__(self) -> int:
        return len(self.structure_ids)

    def __repr__(self) -> str:
        return (
            f"<BatchResult: {len(self)} games {self.shape[0]}×{self.shape[1]}, "
            f"{len(self.structures)} structures, {self.n_fallback} solved exactly, "
            f"{self.n_undefined} undefined>"
        )

    @property
    def strategies(self) -> np.ndarray:
        """``float64`` array ``(E, m + n)``: each equilibrium's probabilities, the row
        player's then the column player's (exactly ``0.0`` off the support)."""
        self._materialise()
        return self._strategies[0]

    @property
    def payoffs(self) -> np.ndarray:
        """``float64`` array ``(E, 2)``: each equilibrium's expected payoffs."""
        self._materialise()
        return self._payoffs[0]

    def _materialise(self) -> None:
        if len(self._strategies) != 1:
            m, n = self.shape
            strategies = np.concatenate(self._strategies) if self._strategies else None
            payoffs = np.concatenate(self._payoffs) if self._payoffs else None
            self._strategies = [strategies if strategies is not None else empty_rows(m + n)]
            self._payoffs = [payoffs if payoffs is not None else empty_rows(2)]
            self._row_starts = np.array([0, len(self._strategies[0])], dtype=np.int64)

    @property
    def n_fallback(self) -> int:
        """Number of points re-solved exactly because the float answer was ambiguous."""
        return int(np.count_nonzero(self.status == FALLBACK))

    @property
    def n_undefined(self) -> int:
        """Number of points where some payoff is undefined."""
        return int(np.count_nonzero(self.status == UNDEFINED))

    def equilibrium_counts(self) -> np.ndarray:
        """Number of equilibria at each point (``0`` where undefined)."""
        return np.diff(self.offsets)

    def structure_at(self, i: int) -> Structure | None:
        """The structure (sorted supports) at point ``i``; ``None`` where undefined."""
        sid = int(self.structure_ids[i])
        return None if sid < 0 else self.structures[sid]

    def rows_at(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities ``(k, m + n)`` and payoffs ``(k, 2)`` of the ``k`` equilibria at
        point ``i`` (views, not copies).

        Raises
        ------
        ParameterError
            If equilibria were not stored (``store_equilibria=False``).
        """
        if not self.stored:
            raise ParameterError("equilibria were not stored (store_equilibria=False)")
        lo, hi = int(self.offsets[i]), int(self.offsets[i + 1])
        part = int(np.searchsorted(self._row_starts, lo, side="right")) - 1
        part = min(max(part, 0), len(self._strategies) - 1)
        base = int(self._row_starts[part])
        return (
            self._strategies[part][lo - base : hi - base],
            self._payoffs[part][lo - base : hi - base],
        )

    def equilibria_at(self, i: int) -> tuple[Equilibrium, ...]:
        """The equilibria at point ``i``, as float :class:`~leverage.Equilibrium` objects.

        Raises
        ------
        ParameterError
            If equilibria were not stored (``store_equilibria=False``).
        """
        strategies, payoffs = self.rows_at(i)
        m = self.shape[0]
        out = []
        for row, pay in zip(strategies.tolist(), payoffs.tolist(), strict=True):
            out.append(Equilibrium((tuple(row[:m]), tuple(row[m:])), tuple(pay), exact=False))
        return tuple(out)

    def counts(self) -> dict[int, int]:
        """Number of points per structure id (``-1``: undefined points), ids ascending."""
        ids, cnt = np.unique(self.structure_ids, return_counts=True)
        return {int(i): int(c) for i, c in zip(ids, cnt, strict=True)}
