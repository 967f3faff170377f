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

Stopping
--------
A pool never outlives the work it was started for.  When the iterator returned by
:meth:`ProcessExecutor.map` stops early — an exception in the caller (``KeyboardInterrupt``
on Ctrl-C, or whatever the caller's signal handler raises), or the iterator closed — its
workers are terminated (``SIGTERM``, then ``SIGKILL`` after a second) and joined before
the exception goes on.  The workers ignore ``SIGINT`` (a Ctrl-C on a terminal reaches the
whole process group: the parent alone decides what happens) and take the default action
on ``SIGTERM``; both signals stay blocked in the parent while it forks them, so no
worker can be interrupted before it has set this up.  A worker also dies with its
parent, even one killed by ``SIGKILL``: on Linux by ``prctl(PR_SET_PDEATHSIG)``, and
everywhere by a thread that waits on :func:`multiprocessing.parent_process`'s sentinel.
At most two items per worker are submitted ahead of the result being read, so results
the caller has not asked for do not pile up in memory.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Generator, Iterator, Sequence
from multiprocessing.context import BaseContext
from typing import Any, Generic, TypeVar, cast

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
    ) -> Generator[R, None, None]:
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
        Generator
            The results, lazily, in order.  An exception raised by ``func`` is raised
            here when its item's result is due.  Close it (``contextlib.closing``) when
            stopping before the end, so that any workers stop at once.
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
    ) -> Generator[R, None, None]:
        """See :meth:`Executor.map`."""
        total = len(items)
        for done, item in enumerate(items, start=1):
            result = func(shared, item)
            if progress is not None:
                progress(done, total)
            yield result


# the shared state of one worker process, set once by its initializer
_WORKER_STATE: list[Any] = []

#: The signals blocked while workers are forked, and set up first thing in a worker.
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
#: ``prctl`` option: the signal a process gets when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1
#: Items submitted ahead of the one whose result is due, per worker.
_AHEAD = 2
#: Seconds a terminated worker has to exit before it is killed.
_GRACE = 1.0


def _die_with_parent() -> None:
    """Make this worker exit as soon as its parent process is gone."""
    parent = multiprocessing.parent_process()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if parent is None:  # pragma: no cover - not started by multiprocessing
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="leverage-parent-watch", daemon=True).start()


def _init_worker(func: Callable[[Any, Any], Any], shared: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    _die_with_parent()
    _WORKER_STATE[:] = [func, shared]


def _run_in_worker(item: Any) -> Any:
    func, shared = _WORKER_STATE
    return func(shared, item)


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    """Hold ``SIGINT`` and ``SIGTERM`` back (in this thread) while workers may be
    forked: a child starts with them blocked until its initializer has set them up."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class _RecordingContext:
    """A multiprocessing context that remembers the processes it creates (so that the
    pool's workers can be terminated through public API)."""

    def __init__(self, base: BaseContext) -> None:
        self._base: Any = base  # a context; its Process is a class per start method
        self.processes: list[Any] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._base, name)

    def Process(self, *args: Any, **kwargs: Any) -> Any:  # multiprocessing's name
        process = self._base.Process(*args, **kwargs)
        self.processes.append(process)
        return process


def _stop_workers(processes: Sequence[Any]) -> None:
    """Terminate and join the processes; kill those still alive after :data:`_GRACE`."""
    started = [p for p in processes if p.pid is not None]
    for p in started:
        with contextlib.suppress(OSError, ValueError):
            p.terminate()
    for p in started:
        with contextlib.suppress(OSError, ValueError):
            p.join(_GRACE)
            if p.is_alive():
                p.kill()
                p.join()


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
    ) -> Generator[R, None, None]:
        """See :meth:`Executor.map`; closing the iterator early (or an exception while
        it runs) terminates the workers (see the module docstring)."""
        workers = self.workers(len(items))
        if workers == 1:
            yield from SerialExecutor[S, T, R]().map(func, shared, items, progress=progress)
            return
        total = len(items)
        context = _RecordingContext(multiprocessing.get_context())
        pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers,
            mp_context=cast(BaseContext, context),
            initializer=_init_worker,
            initargs=(func, shared),
        )
        pending: collections.deque[concurrent.futures.Future[R]] = collections.deque()
        submitted = 0
        finished = False
        try:
            for done in range(1, total + 1):
                while submitted < total and len(pending) < _AHEAD * workers:
                    with _signals_blocked():
                        pending.append(pool.submit(_run_in_worker, items[submitted]))
                    submitted += 1
                result = pending.popleft().result()
                if progress is not None:
                    progress(done, total)
                yield result
            finished = True
        finally:
            if not finished:
                # never cancel a future here: the pool's manager thread would then fail
                # on it (InvalidStateError) once it sees the terminated workers
                _stop_workers(context.processes)
            pool.shutdown(wait=True)


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
