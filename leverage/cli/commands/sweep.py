"""``leverage sweep``: the equilibria of a model on a 1-D or 2-D grid of parameter values.

A thin layer over :func:`leverage.analysis.sweep.sweep` (payoffs compiled once, games
solved in vectorised float batches, ambiguous points re-solved exactly).  Each
``--param NAME=START:STOP:STEPS`` is read by :func:`leverage.analysis.grid.grid_values`:
``STEPS`` evenly spaced points of the exact rational grid
``START + (STOP - START)·k/(STEPS - 1)``, each the float nearest to its grid point.
Output: a summary of runs (1-D) or regions (2-D), CSV, JSON, and an optional plot.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import click

from ...formats.english import counted
from ...formats.jsonout import json_document, json_text
from ...formats.text import wrap
from ...games.model import parse_assignments
from ...io.model_file import load
from ...solve.cost import points_cost
from ..options import (
    Failure,
    check_parameter,
    csv_pieces,
    csv_text,
    format_option,
    handle_errors,
    hold_option,
    json_pieces,
    located,
    model_argument,
    output_option,
    plot_option,
    progress,
    save_figure,
    terminal_width,
    write,
    write_pieces,
)

EPILOG = """\b
Examples:
  leverage sweep models/rare_earth_controls.toml --param interdependence_cost=0:10:1001 --summary
  leverage sweep models/chicken.toml --param interdependence_cost=0:10:201 --plot chicken.pdf
  leverage sweep models/rare_earth_controls.toml --param interdependence_cost=0:10:201 \\
      --param china_enforcement_reach=0:1:101 --plot map.png --summary
  leverage sweep models/stag_hunt.toml --param interdependence_cost=0:5:51 --format csv -o s.csv"""


#: Grid points of an axis whose ``--param`` gives no ``:STEPS``.
DEFAULT_STEPS = 101


def _grid(model: Any, specs: tuple[str, ...], bounds: str | None) -> dict[str, Any]:
    """The grid of ``--param NAME[=START:STOP[:STEPS]]`` (and ``--range START:STOP[:STEPS]``
    for a single ``--param NAME``); without an interval, the parameter's declared range;
    without ``STEPS``, :data:`DEFAULT_STEPS` points."""
    from ...analysis.grid import MAX_STEPS, grid_values
    from ...games.model import parse_value

    if not 1 <= len(specs) <= 2:
        raise Failure("give one or two --param NAME=START:STOP:STEPS")
    grid: dict[str, Any] = {}
    for spec in specs:
        name, sep, rest = spec.partition("=")
        name = name.strip()
        if not name:
            raise Failure(f"--param expects NAME=START:STOP:STEPS, got {spec!r}")
        if name in grid:
            raise Failure(f"--param {name} is given twice (a 2-D sweep needs two parameters)")
        check_parameter(model, name)
        if bounds is not None:
            if sep or len(specs) != 1:
                raise Failure("--range goes with a single --param NAME (or give NAME=A:B:N)")
            sep, rest = "=", bounds
        parts = rest.split(":") if sep else []
        if sep and len(parts) not in (2, 3):
            raise Failure(f"--param expects NAME=START:STOP:STEPS, got {spec!r}")
        if parts:
            start, stop = (parse_value(v, name=name) for v in parts[:2])
        else:
            declared = model.parameters[name]
            if getattr(declared, "low", None) is None:
                raise Failure(f"parameter {name!r} has no range: give --param {name}=START:STOP:N")
            start, stop = declared.low, declared.high
        try:
            steps = int(parts[2]) if len(parts) == 3 else DEFAULT_STEPS
        except ValueError:
            raise Failure(f"--param {spec!r}: STEPS must be a whole number") from None
        if steps < 1 or steps > MAX_STEPS:
            raise Failure(f"--param {spec!r}: STEPS must be between 1 and {MAX_STEPS:,}")
        grid[name] = grid_values(start, stop, steps)
    return grid


@click.command(name="sweep", epilog=EPILOG)
@model_argument
@click.option(
    "--param",
    "params",
    multiple=True,
    required=True,
    metavar="NAME[=START:STOP[:STEPS]]",
    help="A swept parameter and its grid (STEPS evenly spaced values, default "
    f"{DEFAULT_STEPS}; default interval: the parameter's range); give one or two (a 2-D grid).",
)
@click.option(
    "--range",
    "bounds",
    metavar="START:STOP[:STEPS]",
    help="The grid of a single --param NAME, as in regimes and statics.",
)
@hold_option
@click.option(
    "--summary",
    is_flag=True,
    help="Only the runs of consecutive points with the same equilibria (1-D), or "
    "each region's extent (2-D).",
)
@format_option(
    ["table", "csv", "json"],
    "table: the summary; csv: one row per point and equilibrium; json: "
    "everything (points omitted with --summary).",
)
@plot_option(
    "Also draw the sweep (.png, .pdf or .svg): 1-D probabilities and payoffs "
    "with regime bands, 2-D a regime map."
)
@click.option(
    "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes."
)
@output_option
@handle_errors
def command(
    model_path: str,
    params: tuple[str, ...],
    bounds: str | None,
    assignments: tuple[str, ...],
    summary: bool,
    output_format: str,
    plot_path: str | None,
    jobs: int,
    output: str | None,
) -> None:
    """Solve MODEL at every point of a 1-D or 2-D grid of parameter values.

    Payoffs are compiled once and the games solved in vectorised batches; points where
    the floating-point answer is ambiguous (at and near critical values) are re-solved
    exactly, so no equilibrium is lost.
    """
    from ...analysis.sweep import sweep

    model = load(model_path)
    grid = _grid(model, params, bounds)
    total = 1
    for values in grid.values():
        total *= len(values)
    slow = points_cost(model.shape, total).work >= 100_000  # solved one by one, exactly
    with progress(total, "Sweeping", show=total >= 100_000 or slow) as report:
        result = sweep(
            model,
            grid,
            values=parse_assignments(assignments),
            progress=report,
            jobs=jobs,
            store_equilibria=not summary or plot_path is not None,
        )
    pieces: Iterable[str] | None = None  # CSV and JSON of every point: streamed
    if output_format == "json":
        document = json_document(result.to_dict(points=False))
        if summary:
            text = json_text(document)
        else:
            pieces = json_pieces(document, "points", result.iter_points_json())
    elif output_format == "csv":
        if summary:
            with located(model_path):
                text = csv_text(result.summary_rows())
        else:
            with located(model_path):
                columns = result.columns()  # refuses names that would share a column
            pieces = csv_pieces(result.iter_rows(), columns)
    else:
        width = terminal_width(output)
        lines = wrap(model.title, width) if model.title else []
        sizes = " × ".join(
            f"{p} ({counted(len(a), 'value', 'values')})"
            for p, a in zip(result.parameters, result.axes, strict=True)
        )
        header = (
            f"Sweep of {sizes}: {counted(len(result), 'point', 'points')}, "
            f"{result.n_exact:,} solved exactly, {result.n_undefined:,} undefined."
        )
        lines += wrap(header, width, subsequent="  ")
        lines.append("")
        if len(result.parameters) == 1:
            name = result.parameters[0]
            head = f"{'from':>12} {'to':>12} {'points':>9}  equilibria ({name})"
            lines += wrap(head, width, subsequent=" " * 37)
            for row in result.summary():
                text = f"{row['from']:>12.6g} {row['to']:>12.6g} {row['points']:>9,}  "
                lines += wrap(text + row["equilibria"], width, subsequent=" " * 37)
        else:
            p0, p1 = result.parameters
            head = f"{'share':>7} {'points':>9}  equilibria; extent in {p0} × {p1}"
            lines += wrap(head, width, subsequent=" " * 19)
            for row in result.summary():
                b = row["bounds"]
                text = (
                    f"{row['share']:>7.3f} {row['points']:>9,}  {row['equilibria']}; "
                    f"[{b[p0][0]:.4g}, {b[p0][1]:.4g}] × [{b[p1][0]:.4g}, {b[p1][1]:.4g}]"
                )
                lines += wrap(text, width, subsequent=" " * 19)
        text = "\n".join(lines)
    if plot_path is not None:
        from ...formats.plot.panels import plot_sweep

        units = [model.parameters[p].unit for p in result.parameters]
        save_figure(plot_sweep(result, units=units, title=model.title), plot_path)
    if pieces is not None:
        write_pieces(output, pieces)
    else:
        write(output, text)
