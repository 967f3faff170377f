"""Exact fallback and merging: finish the chunks of a batched solve and join them.

:func:`finish_chunk` re-solves the ambiguous (or all) points of a chunk with an exact
solver and merges them with the float results into a :class:`Chunk`, its structures
numbered by first appearance so that ids do not depend on chunking; :class:`Merger`
joins the chunks, in order, into one :class:`~leverage.solve.batch.result.BatchResult`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ...errors import EvaluationError
from ..structure import Structure, structure
from .base import (
    EXACT,
    FALLBACK,
    MAX_MESSAGES,
    UNDEFINED,
    ExactSolver,
    FloatChunk,
    empty_rows,
)
from .result import BatchResult

if TYPE_CHECKING:  # pragma: no cover
    from ..result import Solution

__all__ = ["Chunk", "Merger", "exact_rows", "finish_chunk"]


@dataclass
class Chunk:
    """The finished result of one chunk (float and exact points merged)."""

    ids: np.ndarray  # (Nc,) local structure ids, -1 undefined
    table: list[Structure]
    status: np.ndarray
    counts: np.ndarray
    strategies: np.ndarray
    payoffs: np.ndarray
    messages: dict[int, str]


def exact_rows(solution: Solution) -> tuple[Structure, list[list[float]], list[list[float]]]:
    """The structure of an exact solution and its equilibria as float rows
    (probabilities, payoffs), in the order of the batch: sorted supports, ties broken by
    decreasing probabilities."""
    eqs = sorted(
        solution.equilibria,
        key=lambda e: (
            tuple(e.support(p) for p in range(2)),
            tuple(-float(v) for s in e.strategies for v in s),
        ),
    )
    strategies = [[float(v) for s in e.strategies for v in s] for e in eqs]
    payoffs = [[float(v) for v in e.payoffs] for e in eqs]
    return structure(solution), strategies, payoffs


def finish_chunk(
    shape: tuple[int, int],
    npts: int,
    fl: FloatChunk | None,
    exact_solver: ExactSolver,
    offset: int,
    store: bool,
) -> Chunk:
    """Add the exact solutions of ambiguous (or all) points to the float results."""
    m, n = shape
    messages: dict[int, str] = {}
    if fl is None:
        status = np.full(npts, EXACT, dtype=np.uint8)
        ids = np.full(npts, -1, dtype=np.int32)
        table: list[Structure] = []
        counts = np.zeros(npts, dtype=np.int64)
        todo = np.arange(npts)
    else:
        status = np.zeros(npts, dtype=np.uint8)
        ids, table, counts = fl.ids, list(fl.table), fl.counts
        todo = np.flatnonzero(fl.ambiguous | ~fl.finite)
        status[todo] = FALLBACK
        if not len(todo):
            return Chunk(ids, table, status, counts, fl.strategies, fl.payoffs, messages)
        ids, counts = ids.copy(), counts.copy()
    index = {s: i for i, s in enumerate(table)}
    rows: dict[int, tuple[list[list[float]], list[list[float]]]] = {}
    for i in todo.tolist():
        try:
            solution = exact_solver(offset + i)
        except EvaluationError as err:
            status[i] = UNDEFINED
            if len(messages) < MAX_MESSAGES:
                messages[i] = str(err)
            continue
        struct, strat, pay = exact_rows(solution)
        if struct not in index:
            index[struct] = len(table)
            table.append(struct)
        ids[i] = index[struct]
        counts[i] = len(strat)
        rows[i] = (strat, pay)
    # number structures by first appearance, so that ids do not depend on chunking
    if table:
        valid = np.flatnonzero(ids >= 0)
        first = np.full(len(table), npts, dtype=np.int64)
        np.minimum.at(first, ids[valid], valid)
        order = np.argsort(first, kind="stable")
        renumber = np.empty(len(table) + 1, dtype=np.int32)
        renumber[order] = np.arange(len(table), dtype=np.int32)
        renumber[-1] = -1
        ids = renumber[ids]
        table = [table[o] for o in order]
    if not store:
        return Chunk(ids, table, status, counts, empty_rows(m + n), empty_rows(2), messages)
    starts = np.cumsum(counts) - counts
    strategies = np.zeros((int(counts.sum()), m + n))
    payoffs = np.zeros((int(counts.sum()), 2))
    if fl is not None and len(fl.strategies):
        float_points = np.flatnonzero(fl.counts)
        owner = np.repeat(float_points, fl.counts[float_points])
        slot = np.arange(len(owner)) - np.repeat(
            np.cumsum(fl.counts[float_points]) - fl.counts[float_points], fl.counts[float_points]
        )
        pos = starts[owner] + slot
        strategies[pos] = fl.strategies
        payoffs[pos] = fl.payoffs
    for i, (strat, pay) in rows.items():
        if strat:
            lo = int(starts[i])
            strategies[lo : lo + len(strat)] = strat
            payoffs[lo : lo + len(pay)] = pay
    return Chunk(ids, table, status, counts, strategies, payoffs, messages)


class Merger:
    """Concatenates chunks, mapping local structure ids to one global table."""

    def __init__(self, shape: tuple[int, int], store: bool) -> None:
        self.shape = shape
        self.store = store
        self.table: list[Structure] = []
        self.index: dict[Structure, int] = {}
        self.parts: list[Chunk] = []
        self.size = 0
        self.messages: dict[int, str] = {}

    def add(self, chunk: Chunk) -> None:
        """Append the next chunk (in point order), renumbering its structure ids."""
        remap = np.empty(len(chunk.table) + 1, dtype=np.int32)
        remap[-1] = -1
        for local, struct in enumerate(chunk.table):
            if struct not in self.index:
                self.index[struct] = len(self.table)
                self.table.append(struct)
            remap[local] = self.index[struct]
        chunk.ids = remap[chunk.ids]
        for i, msg in chunk.messages.items():
            if len(self.messages) < MAX_MESSAGES:
                self.messages[self.size + i] = msg
        self.size += len(chunk.ids)
        self.parts.append(chunk)

    def finish(self) -> BatchResult:
        """The merged result; equilibrium rows stay in their chunks (no copy)."""
        m, n = self.shape
        parts = self.parts
        self.parts = []
        ids = np.empty(self.size, dtype=np.int32)
        status = np.empty(self.size, dtype=np.uint8)
        offsets = np.zeros(self.size + 1, dtype=np.int64)
        at = 0
        for p in parts:
            size = len(p.ids)
            ids[at : at + size] = p.ids
            status[at : at + size] = p.status
            np.cumsum(p.counts, out=offsets[at + 1 : at + size + 1])
            offsets[at + 1 : at + size + 1] += offsets[at]
            at += size
        return BatchResult(
            shape=(m, n),
            structures=tuple(self.table),
            structure_ids=ids,
            status=status,
            offsets=offsets,
            strategies=[p.strategies for p in parts if len(p.strategies)],
            payoffs=[p.payoffs for p in parts if len(p.payoffs)],
            messages=self.messages,
            stored=self.store,
        )
