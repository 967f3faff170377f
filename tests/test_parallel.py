"""The executor seam: results in item order, progress, and the process cap."""

from __future__ import annotations

import os

import pytest

from leverage import ParameterError
from leverage.parallel import ProcessExecutor, SerialExecutor, cpu_count, executor


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
