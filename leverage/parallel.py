"""One seam for running work in parallel: map a function over chunks, results in order.

The analyses that solve many games (:mod:`leverage.analysis.pipeline`, used by grid
sweeps and Monte Carlo) cut their work into chunks and hand them to an
:class:`Executor`.  An executor calls ``func(shared, item)`` for every item and yields the
results *in the order of the items*, whatever order they finish in, so a result never
depends on the executor or on the number of workers.  ``shared`` is the read-only state
every call needs (a model, compiled payoffs): it is sent to each worker once, not once
per item.

Executors
---------
:class:`SerialExecutor`
    Runs every item in this process, one after the other.
:class:`ProcessExecutor`
    A pool of worker processes (:class:`concurrent.futures.ProcessPoolExecutor`).
    ``shared``, ``func`` and the items must be picklable (``func`` a module-level
    function).

:func:`executor` picks one from a number of jobs.  Another backend (for instance Dask)
plugs in by implementing :meth:`Executor.map` with the same contract.

Number of processes
-------------------
A process pool never has more workers than there are items, nor more than the CPUs this
process may run on (:func:`cpu_count`: ``len(os.sched_getaffinity(0))`` where the
platform has it, else :func:`os.cpu_count`): more processes than CPUs only add start-up
time and memory.  With one worker or a single item no pool is started and the items run
in this process.
"""

from __future__ import annotations

import concurrent.futures
import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar

from .errors import ParameterError

__all__ = [
    "ChunkProgress",
    "Executor",
    "ProcessExecutor",
    "SerialExecutor",
    "cpu_count",
    "executor",
]

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

#: Called as ``progress(done, total)`` after each item, with the number of items done.
ChunkProgress = Callable[[int, int], None]


def cpu_count() -> int:
    """The number of CPUs this process may run on (at least 1).

    ``len(os.sched_getaffinity(0))`` where available (it respects CPU affinity and
    container limits set that way), else :func:`os.cpu_count`.
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - platforms without affinity
        return max(1, os.cpu_count() or 1)


class Executor(ABC, Generic[S, T, R]):
    """Maps ``func(shared, item)`` over items and yields the results in item order."""

    @abstractmethod
    def map(
        self,
        func: Callable[[S, T], R],
        shared: S,
        items: Sequence[T],
        *,
        progress: ChunkProgress | None = None,
    ) -> Iterator[R]:
        """Results of ``func(shared, item)`` for each item, in the order of ``items``.

        Parameters
        ----------
        func
            The work of one item.  For a process pool it must be picklable (a
            module-level function).
        shared
            State every call reads; sent to each worker once.
        items
            The work items (chunks).
        progress
            Called as ``progress(done, len(items))`` each time the next result in order
            is yielded.

        Returns
        -------
        Iterator
            The results, lazily, in order.  An exception raised by ``func`` is raised
            here when its item's result is due.
        """


class SerialExecutor(Executor[S, T, R]):
    """Runs every item in this process, in order."""

    def map(
        self,
        func: Callable[[S, T], R],
        shared: S,
        items: Sequence[T],
        *,
        progress: ChunkProgress | None = None,
    ) -> Iterator[R]:
        """See :meth:`Executor.map`."""
        total = len(items)
        for done, item in enumerate(items, start=1):
            result = func(shared, item)
            if progress is not None:
                progress(done, total)
            yield result


# the shared state of one worker process, set once by its initializer
_WORKER_STATE: list[Any] = []


def _init_worker(func: Callable[[Any, Any], Any], shared: Any) -> None:
    _WORKER_STATE[:] = [func, shared]


def _run_in_worker(item: Any) -> Any:
    func, shared = _WORKER_STATE
    return func(shared, item)


class ProcessExecutor(Executor[S, T, R]):
    """A pool of worker processes.

    Parameters
    ----------
    jobs
        The number of processes asked for; the pool has at most :func:`cpu_count` and at
        most one per item (see the module docstring).

    Raises
    ------
    ParameterError
        ``jobs < 1``.
    """

    def __init__(self, jobs: int) -> None:
        if jobs < 1:
            raise ParameterError("jobs must be at least 1")
        self.jobs = jobs

    def workers(self, items: int) -> int:
        """The number of processes used for ``items`` items."""
        return max(1, min(self.jobs, cpu_count(), items))

    def map(
        self,
        func: Callable[[S, T], R],
        shared: S,
        items: Sequence[T],
        *,
        progress: ChunkProgress | None = None,
    ) -> Iterator[R]:
        """See :meth:`Executor.map`."""
        workers = self.workers(len(items))
        if workers == 1:
            yield from SerialExecutor[S, T, R]().map(func, shared, items, progress=progress)
            return
        total = len(items)
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, initializer=_init_worker, initargs=(func, shared)
        ) as pool:
            for done, result in enumerate(pool.map(_run_in_worker, items), start=1):
                if progress is not None:
                    progress(done, total)
                yield result


def executor(jobs: int = 1) -> Executor[Any, Any, Any]:
    """The executor for a number of jobs: serial for ``1``, else a process pool.

    Parameters
    ----------
    jobs
        Worker processes asked for (capped as the module docstring says).

    Raises
    ------
    ParameterError
        ``jobs < 1``.
    """
    if jobs < 1:
        raise ParameterError("jobs must be at least 1")
    return SerialExecutor() if jobs == 1 else ProcessExecutor(jobs)
