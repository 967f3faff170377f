"""``leverage sweep``: the equilibria of a model on a 1-D or 2-D grid of parameter values.

A thin layer over :func:`leverage.analysis.sweep.sweep` (payoffs compiled once, games
solved in vectorised float batches, ambiguous points re-solved exactly).  Each
``--param NAME=START:STOP:STEPS`` is read by :func:`leverage.analysis.grid.grid_values`:
``STEPS`` evenly spaced points of the exact rational grid
``START + (STOP - START)·k/(STEPS - 1)``, each the float nearest to its grid point.
Output: a summary of runs (1-D) or regions (2-D), CSV, JSON, and an optional plot.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import click

from ...formats.english import counted
from ...games.model import parse_assignments
from ...io.model_file import load
from ..options import (
    Failure,
    csv_pieces,
    csv_text,
    format_option,
    handle_errors,
    hold_option,
    json_pieces,
    model_argument,
    output_option,
    plot_option,
    progress,
    save_figure,
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


def _grid(specs: tuple[str, ...]) -> dict[str, Any]:
    from ...analysis.grid import MAX_STEPS, grid_values
    from ...games.model import parse_value

    grid: dict[str, Any] = {}
    for spec in specs:
        name, sep, rest = spec.partition("=")
        parts = rest.split(":")
        if not sep or not name.strip() or len(parts) != 3:
            raise Failure(f"--param expects NAME=START:STOP:STEPS, got {spec!r}")
        start, stop = (parse_value(v, name=name) for v in parts[:2])
        try:
            steps = int(parts[2])
        except ValueError:
            raise Failure(f"--param {spec!r}: STEPS must be a whole number") from None
        if steps < 1 or steps > MAX_STEPS:
            raise Failure(f"--param {spec!r}: STEPS must be between 1 and {MAX_STEPS:,}")
        grid[name.strip()] = grid_values(start, stop, steps)
    if not 1 <= len(grid) <= 2:
        raise Failure("give one or two --param NAME=START:STOP:STEPS")
    return grid


@click.command(name="sweep", epilog=EPILOG)
@model_argument
@click.option(
    "--param",
    "params",
    multiple=True,
    required=True,
    metavar="NAME=START:STOP:STEPS",
    help="A swept parameter and its grid (STEPS evenly spaced values); give one "
    "or two (a 2-D grid).",
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
    grid = _grid(params)
    total = 1
    for values in grid.values():
        total *= len(values)
    with progress(total, "Sweeping", show=total >= 100_000) as report:
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
        head = result.to_json(points=False)
        if summary:
            text = json.dumps(head, indent=2, ensure_ascii=False)
        else:
            pieces = json_pieces(head, "points", result.iter_points_json())
    elif output_format == "csv":
        if summary:
            rows = [{k: v for k, v in row.items() if k != "bounds"} for row in result.summary()]
            text = csv_text(rows)
        else:
            pieces = csv_pieces(result.iter_rows())
    else:
        lines = [model.title] if model.title else []
        sizes = " × ".join(
            f"{p} ({counted(len(a), 'value', 'values')})"
            for p, a in zip(result.parameters, result.axes, strict=True)
        )
        lines.append(
            f"Sweep of {sizes}: {counted(len(result), 'point', 'points')}, "
            f"{result.n_exact:,} solved exactly, {result.n_undefined:,} undefined."
        )
        lines.append("")
        if len(result.parameters) == 1:
            name = result.parameters[0]
            lines.append(f"{'from':>12} {'to':>12} {'points':>9}  equilibria ({name})")
            for row in result.summary():
                lines.append(
                    f"{row['from']:>12.6g} {row['to']:>12.6g} {row['points']:>9,}  "
                    + row["equilibria"]
                )
        else:
            p0, p1 = result.parameters
            lines.append(f"{'share':>7} {'points':>9}  equilibria; extent in {p0} × {p1}")
            for row in result.summary():
                b = row["bounds"]
                lines.append(
                    f"{row['share']:>7.3f} {row['points']:>9,}  {row['equilibria']}; "
                    f"[{b[p0][0]:.4g}, {b[p0][1]:.4g}] × [{b[p1][0]:.4g}, {b[p1][1]:.4g}]"
                )
        text = "\n".join(lines)
    if plot_path is not None:
        from ...formats.plot.panels import plot_sweep

        units = [model.parameters[p].unit for p in result.parameters]
        save_figure(plot_sweep(result, units=units, title=model.title), plot_path)
    if pieces is not None:
        write_pieces(output, pieces)
    else:
        write(output, text)
