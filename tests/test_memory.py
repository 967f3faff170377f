"""Huge grids and outputs (issue 9): refused up front, or streamed in constant memory.

Before, a 10⁵×10⁵ sweep grid or ``montecarlo -n 10000000000`` grew until allocation
failed after a minute, and a 10⁶-point CSV took 2.7 GB.  Now the size of a result is
estimated before any work (:func:`leverage.analysis.pipeline.result_bytes`) and refused
beyond :data:`~leverage.analysis.pipeline.MAX_RESULT_BYTES`; CSV and JSON with every
point are written point by point.
"""

from __future__ import annotations

import csv
import io
import tracemalloc

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import leverage
from leverage import TooLargeError
from leverage.analysis.grid import grid_values
from leverage.analysis.pipeline import MAX_RESULT_BYTES, check_result_size, result_bytes
from leverage.analysis.sweep import sweep
from leverage.cli import cli
from leverage.cli.options import csv_pieces, csv_text, json_pieces, write_pieces
from leverage.records import json_dumps

MODEL = "models/rare_earth_controls.toml"
HUGE = [
    "--param",
    "interdependence_cost=0:10:100000",
    "--param",
    "china_enforcement_reach=0:1:100000",
]


def invoke_measured(args):
    """Run the command line in-process; its result and the peak memory it allocated."""
    tracemalloc.start()
    try:
        result = CliRunner().invoke(cli, args)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    ("extra", "remedy"),
    [
        (["--format", "csv"], "keep only the structures (--summary) or sweep a smaller grid"),
        (["--format", "json"], "keep only the structures (--summary) or sweep a smaller grid"),
        (["--summary"], "; sweep a smaller grid"),
    ],
)
def test_a_huge_sweep_grid_is_refused_before_any_allocation(extra, remedy):
    result, peak = invoke_measured(["sweep", MODEL, *HUGE, *extra])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("leverage: error: a sweep of 10,000,000,000")
    assert lines[0].endswith(remedy)
    assert "(at most 2 GB)" in lines[0]
    assert peak < 50e6  # 10¹⁰ points would be hundreds of GB


def test_a_huge_monte_carlo_run_is_refused_before_drawing():
    result, peak = invoke_measured(["montecarlo", MODEL, "-n", "10000000000"])
    assert result.exit_code == 2
    assert result.output.startswith("leverage: error: a Monte Carlo run of 10,000,000,000 draws")
    assert result.output.rstrip().endswith("use fewer draws")
    assert peak < 50e6


def test_the_bound_is_where_the_estimate_crosses_it():
    shape = leverage.load(MODEL).shape
    for store in (False, True):
        largest = MAX_RESULT_BYTES // result_bytes(1, shape, store=store)
        check_result_size(largest, shape, store=store)  # accepted …
        with pytest.raises(TooLargeError, match=f"{largest + 1:,} points"):  # … one more not
            check_result_size(largest + 1, shape, store=store)


@pytest.mark.parametrize("store", [False, True])
def test_the_estimate_bounds_the_arrays_of_a_result(store):
    # at interdependence_cost in [8, 10] the model has one pure equilibrium everywhere
    # (Calibrate, Hold), so one stored equilibrium per point is exact
    model = leverage.load(MODEL)
    points = 20_000
    result = sweep(
        model, {"interdependence_cost": grid_values(8, 10, points)}, store_equilibria=store
    )
    batch = result.batch
    assert [len(s) for s in result.structures] == [1]
    held = batch.structure_ids.nbytes + batch.status.nbytes + batch.offsets.nbytes
    if store:
        held += sum(a.nbytes for a in [*batch.strategies, *batch.payoffs])
    estimate = result_bytes(points, model.shape, store=store)
    assert held <= estimate <= 3 * held


# ---------------------------------------------------------------- streaming

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    head=st.dictionaries(st.text().filter(lambda k: k != "points"), json_values, max_size=4),
    items=st.lists(json_values, max_size=5),
)
def test_streamed_json_is_json_dumps_byte_for_byte(head, items):
    # the one JSON text of the command line: json.dumps with control characters escaped
    whole = json_dumps({**head, "points": items})
    assert "".join(json_pieces(head, "points", iter(items))) == whole


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    rows=st.lists(st.fixed_dictionaries({"a": st.integers(), "b": st.text()}), max_size=30),
    batch=st.integers(1, 7),
)
def test_streamed_csv_is_the_whole_csv(rows, batch):
    streamed = "".join(csv_pieces(iter(rows), batch=batch))
    assert streamed == csv_text(rows)
    assert list(csv.DictReader(io.StringIO(streamed))) == [
        {k: str(v) for k, v in r.items()} for r in rows
    ]


def test_a_long_csv_is_written_in_constant_memory(tmp_path):
    model = leverage.load(MODEL)
    result = sweep(model, {"interdependence_cost": grid_values(0, 10, 20_000)})
    target = tmp_path / "sweep.csv"
    tracemalloc.start()
    try:
        write_pieces(str(target), csv_pieces(result.iter_rows(), batch=1_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    text = target.read_text()
    assert text == csv_text(result.to_rows())
    assert peak < len(text) / 2  # the whole text (or its rows as dicts) is never held
