"""The executor seam: results in item order, progress, and the process cap."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

import pytest

from leverage import ParameterError
from leverage.parallel import ProcessExecutor, SerialExecutor, cpu_count, executor

from .procs import wait_gone


def square_plus(shared: int, item: int) -> int:
    return item * item + shared


def fail_on_three(shared: int, item: int) -> int:
    if item == 3:
        raise ValueError("three")
    return item


@pytest.mark.parametrize("pool", [SerialExecutor(), ProcessExecutor(2)])
def test_results_in_item_order_with_progress(pool):
    seen = []
    out = list(pool.map(square_plus, 10, list(range(7)), progress=lambda d, t: seen.append((d, t))))
    assert out == [i * i + 10 for i in range(7)]
    assert seen == [(d, 7) for d in range(1, 8)]


@pytest.mark.parametrize("pool", [SerialExecutor(), ProcessExecutor(2)])
def test_errors_reach_the_caller(pool):
    with pytest.raises(ValueError, match="three"):
        list(pool.map(fail_on_three, 0, [1, 2, 3, 4]))


def test_workers_are_capped_at_cpus_and_items():
    cpus = cpu_count()
    assert 1 <= cpus <= (os.cpu_count() or 1)
    assert ProcessExecutor(10_000).workers(10_000) == cpus
    assert ProcessExecutor(8).workers(1) == 1
    assert ProcessExecutor(1).workers(5) == 1


def test_executor_choice():
    assert isinstance(executor(1), SerialExecutor)
    assert isinstance(executor(3), ProcessExecutor)
    with pytest.raises(ParameterError):
        executor(0)
    with pytest.raises(ParameterError):
        ProcessExecutor(0)


# ---------------------------------------------------------------- stopping (issue 9)
# A pool must not outlive the work it was started for: closing its iterator early, or an
# exception on its way out (Ctrl-C in a notebook), terminates the workers at once instead
# of waiting for the items still queued (before, a KeyboardInterrupt waited for them all).

needs_two_cpus = pytest.mark.skipif(cpu_count() < 2, reason="a pool needs two CPUs")


def pid_or_sleep(shared: float, item: int) -> int:
    if item >= 2:
        time.sleep(shared)  # far longer than any test waits
    return os.getpid()


class Stop(BaseException):
    """What a caller's signal handler might raise (as the CLI's does)."""


@needs_two_cpus
@pytest.mark.skipif(not Path("/proc/self").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("how", ["close", "exception in progress", "exception in the loop"])
def test_stopping_early_terminates_the_workers(how):
    pool = ProcessExecutor(2)
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        if how == "exception in progress" and done == 2:
            raise Stop

    results = pool.map(pid_or_sleep, 600.0, list(range(8)), progress=progress)
    started = time.monotonic()
    with pytest.raises(Stop) if how != "close" else contextlib.nullcontext():
        with contextlib.closing(results):
            for pid in results:
                seen.append(pid)
                if len(seen) == 2:
                    if how == "exception in the loop":
                        raise Stop
                    if how == "close":
                        break
    assert time.monotonic() - started < 30  # not the 600 s the queued items would take
    workers = set(seen) - {os.getpid()}
    assert workers, "the items ran in worker processes"
    assert not wait_gone(workers, 5)


@needs_two_cpus
def test_workers_ignore_sigint_and_die_with_their_parent():
    # the worker's own view: SIGINT ignored (the parent decides), SIGTERM default, and a
    # parent-death signal (Linux) or watch thread
    out = list(ProcessExecutor(2).map(worker_view, None, [0, 1, 2, 3]))
    for sigint, sigterm, watch in out:
        assert sigint == signal.SIG_IGN
        assert sigterm == signal.SIG_DFL
        assert watch


def worker_view(_shared: None, _item: int) -> tuple[object, object, bool]:
    import threading

    watching = any(t.name == "leverage-parent-watch" for t in threading.enumerate())
    return signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM), watching
