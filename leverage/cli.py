"""The ``leverage`` command line: a thin layer over the Python API.

Each command parses its options, calls one library function, formats the result and
turns library errors into a one-line message with exit code 2 (bad input or usage).
An unexpected exception is exit code 1.  Output files are written only once the whole
result is ready (to a temporary file renamed into place), so a failing command leaves
no partial file.
"""

from __future__ import annotations

import sys
from fractions import Fraction
from typing import Any

import click

from . import __version__
from .clikit import Failure as _Failure
from .clikit import build_game as _game
from .clikit import (
    check_latex_style,
    format_option,
    hold_option,
    latex_style_option,
    output_option,
    plot_option,
    range_option,
    set_option,
)
from .clikit import check_parameter as _check_parameter
from .clikit import csv_text as _csv
from .clikit import handle_errors as _handle_errors
from .clikit import parse_range as _range
from .clikit import progress as _progress
from .clikit import save_figure as _save_figure
from .clikit import write as _write
from .errors import LeverageError
from .formats import text as fmt
from .formats.strategic import strategic_solution_latex
from .model import parse_assignments
from .solve import METHODS, enumeration_cost, equilibria
from .spec import check, load

#: Show a progress bar for enumerations solving at least this many systems.
PROGRESS_THRESHOLD = 200_000

EPILOG_SOLVE = """\b
Examples:
  leverage solve models/rare_earth_controls.toml
  leverage solve models/chicken.toml --set interdependence_cost=4 --format json
  leverage solve game.nfg --method vertex --components
  leverage solve models/prisoners_dilemma.toml --format latex --latex-style tabular
"""


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 88},
    epilog="""\b
Examples:
  leverage solve models/rare_earth_controls.toml
  leverage show models/rare_earth_controls.toml --symbolic
  leverage validate models/*.toml

Documentation: docs/ in the source tree (tutorial, model format, CLI, JSON).""",
)
@click.version_option(__version__, prog_name="leverage")
def cli() -> None:
    """Game-theoretic models of economic leverage between states.

    Reads a model file (TOML, or a Gambit .nfg game), builds its payoff matrices and
    finds every Nash equilibrium exactly.  Exit codes: 0 success, 2 bad input or
    usage (one line on stderr naming file, key and line), 1 internal error.
    """


@cli.command(epilog=EPILOG_SOLVE)
@click.argument("model_path", metavar="MODEL", type=click.Path(dir_okay=False))
@set_option
@click.option(
    "--method",
    type=click.Choice(METHODS),
    default="auto",
    show_default=True,
    help="auto: exact and complete for the size (vertex enumeration for two players); "
    "vertex, support: exact enumeration; pure: pure equilibria only (any number of "
    "players); lemke-howson: one equilibrium, fast on large games.",
)
@click.option(
    "--components", is_flag=True, help="List the maximal convex components (degenerate games)."
)
@click.option(
    "--dominance",
    is_flag=True,
    help="Also show iterated elimination of strictly dominated strategies (pure and "
    "mixed dominators), round by round.",
)
@click.option(
    "--label",
    "initial_label",
    type=int,
    default=0,
    show_default=True,
    help="Lemke–Howson: the label dropped first (0..m+n-1).",
)
@format_option(
    ["table", "json", "csv", "markdown", "latex"],
    "Output format; json follows the documented contract (docs/json.md).",
)
@latex_style_option
@output_option
@_handle_errors
def solve(
    model_path: str,
    assignments: tuple[str, ...],
    use_float: bool,
    method: str,
    components: bool,
    dominance: bool,
    initial_label: int,
    output_format: str,
    latex_style: str | None,
    output: str | None,
) -> None:
    """Find the Nash equilibria of MODEL.

    Every equilibrium is verified (no player gains by deviating, checked exactly)
    before it is printed.  For degenerate games the extreme equilibria are listed and
    the game is flagged; --components shows the convex sets they span.  --format latex
    prints the payoff table (best responses underlined, pure equilibria boxed) and the
    list of equilibria.
    """
    check_latex_style(latex_style, output_format)
    model = load(model_path)
    game = _game(model, assignments, use_float)
    long_enumeration = (
        method in ("auto", "vertex", "support")
        and game.n_players == 2
        and enumeration_cost(game.shape) >= PROGRESS_THRESHOLD
    )
    cost = enumeration_cost(game.shape) if game.n_players == 2 else 0
    with _progress(cost, "Enumerating", show=long_enumeration) as progress:
        solution = equilibria(
            game,
            method,
            components=components,
            progress=progress,
            initial_label=initial_label,
        )
    elimination = game.iterated_elimination() if dominance else None
    if output_format == "json":
        import json

        from .formats.jsonout import solution_dict

        data = solution_dict(solution)
        if elimination is not None:
            data["dominance"] = fmt.dominance_dict(game, elimination)
        text = json.dumps(data, indent=2, ensure_ascii=False)
    elif output_format == "csv":
        text = fmt.solution_csv(solution)
    elif output_format == "markdown":
        from .formats.strategic import strategic_solution_markdown

        text = strategic_solution_markdown(solution)
    elif output_format == "latex":
        text = strategic_solution_latex(solution, style=latex_style or "sgame")
    else:
        text = fmt.solution_table(solution)
        if elimination is not None:
            text = fmt.dominance_text(game, elimination) + "\n\n" + text
    _write(output, text)


@cli.command(
    epilog="""\b
Examples:
  leverage show models/rare_earth_controls.toml
  leverage show models/rare_earth_controls.toml --symbolic
  leverage show models/chicken.toml --set interdependence_cost=3
  leverage show models/battle_of_the_sexes.toml --format latex --latex-style sgame"""
)
@click.argument("model_path", metavar="MODEL", type=click.Path(dir_okay=False))
@set_option
@click.option("--symbolic", is_flag=True, help="Show payoffs as expressions of the parameters.")
@click.option(
    "--expand",
    is_flag=True,
    help="With --symbolic: replace defined quantities by their definitions.",
)
@format_option(
    ["table", "markdown", "latex"],
    "table: for a terminal; markdown, latex: the payoff table for notes and papers, "
    "best responses and pure equilibria marked (with the parameters in markdown).",
)
@latex_style_option
@_handle_errors
def show(
    model_path: str,
    assignments: tuple[str, ...],
    use_float: bool,
    symbolic: bool,
    expand: bool,
    output_format: str,
    latex_style: str | None,
) -> None:
    """Show the payoff table of MODEL, with its parameters and their sources."""
    from .formats.modelout import expression_text

    check_latex_style(latex_style, output_format)
    if symbolic and output_format != "table":
        raise _Failure("--symbolic works with --format table only")
    model = load(model_path)
    if output_format != "table":
        from .formats import strategic
        from .solve.bestresponse import pure_equilibrium_profiles

        game = _game(model, assignments, use_float)
        pure = pure_equilibrium_profiles(game)
        if output_format == "latex":
            text = strategic.strategic_latex(game, style=latex_style or "sgame", equilibria=pure)
        else:
            values = model.values(parse_assignments(assignments))
            text = strategic.model_markdown(model, game, values, equilibria=pure)
        _write(None, text)
        return
    lines = [model.title] if model.title else []
    if symbolic:
        arrays = model.symbolic_payoffs(expand_defines=expand)
        import numpy as np

        shown = tuple(np.vectorize(expression_text, otypes=[object])(a) for a in arrays)
        lines.append(fmt.payoff_table(model.players, model.strategies, shown))
        if model.defines and not expand:
            lines.append("")
            lines.append("where")
            for name, expr in model.defines.items():
                lines.append(f"  {name} = {expression_text(expr)}")
    else:
        game = _game(model, assignments, use_float)
        lines.append(fmt.game_table(game))
    if model.parameters:
        lines.append("")
        lines.append("Parameters:")
        values = model.values(parse_assignments(assignments))
        for p in model.parameters.values():
            unit = f" {p.unit}" if p.unit else ""
            rng = f"[{fmt.decimal(p.low)}, {fmt.decimal(p.high)}]"
            line = f"  {p.name} = {fmt.decimal(values[p.name])}{unit}  range {rng}"
            lines.append(line)
            lines.append(f"      source: {p.source}")
    _write(None, "\n".join(lines))


@cli.command(
    epilog="""\b
Examples:
  leverage validate models/*.toml
  leverage validate my_model.toml"""
)
@click.argument("paths", metavar="MODEL...", nargs=-1, required=True, type=click.Path())
@_handle_errors
def validate(paths: tuple[str, ...]) -> None:
    """Check model files and report every problem found (exit 2 if any)."""
    failed = 0
    for path in paths:
        if path.lower().endswith(".nfg"):
            try:
                load(path)
                problems = []
            except LeverageError as err:
                problems = [err]
        else:
            problems = list(check(path))
        if problems:
            failed += 1
            for problem in problems:
                click.echo(f"leverage: error: {' '.join(str(problem).split())}", err=True)
        else:
            click.echo(f"{path}: ok")
    if failed:
        sys.exit(2)


@cli.command(
    epilog="""\b
Examples:
  leverage convert models/chicken.toml --to nfg -o chicken.nfg
  leverage convert game.nfg --to toml -o game.toml
  leverage convert models/rare_earth_controls.toml --to latex --set interdependence_cost=4"""
)
@click.argument("model_path", metavar="MODEL", type=click.Path(dir_okay=False))
@click.option(
    "--to",
    "target",
    type=click.Choice(["nfg", "toml", "json", "latex"]),
    required=True,
    help="nfg: Gambit strategic game (numeric, at the chosen values); toml: a model "
    "file; json: the game's payoffs; latex: the payoff table.",
)
@set_option
@output_option
@_handle_errors
def convert(
    model_path: str,
    target: str,
    assignments: tuple[str, ...],
    use_float: bool,
    output: str | None,
) -> None:
    """Convert MODEL to another format."""
    import json

    from .formats import modelout
    from .formats.nfg import write_nfg

    model = load(model_path)
    if target == "toml":
        if assignments:
            from .spec import model_from_game

            text = modelout.model_toml(model_from_game(_game(model, assignments, use_float)))
        else:
            text = modelout.model_toml(model)
    else:
        game = _game(model, assignments, use_float)
        if target == "nfg":
            text = write_nfg(game.as_exact())
        elif target == "json":
            text = json.dumps(modelout.game_dict(game), indent=2, ensure_ascii=False)
        else:
            from .formats.strategic import strategic_latex

            text = strategic_latex(game, style="tabular", marks=False)
    _write(output, text)


@cli.command(
    epilog="""\b
Examples:
  leverage montecarlo models/rare_earth_controls.toml -n 10000 --seed 1
  leverage montecarlo models/rare_earth_controls.toml -n 5000 --seed 2 \\
      --event "Overreach, Escalate" --format json"""
)
@click.argument("model_path", metavar="MODEL", type=click.Path(dir_okay=False))
@click.option(
    "-n",
    "samples",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Number of draws.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed of the random generator: the same seed gives the same numbers.",
)
@click.option(
    "--event",
    "events",
    multiple=True,
    metavar="PROFILE",
    help='A profile such as "Overreach, Escalate": report the probability that it '
    "is played with positive probability in some equilibrium. Repeatable.",
)
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="NAME=VALUE",
    help="Fix a parameter that has no distribution (checked against its range).",
)
@format_option(
    ["table", "json"],
    "Output format.",
)
@plot_option("Also draw the shares with their 95% intervals (.png, .pdf or .svg).")
@output_option
@_handle_errors
def montecarlo(
    model_path: str,
    samples: int,
    seed: int,
    events: tuple[str, ...],
    assignments: tuple[str, ...],
    output_format: str,
    plot_path: str | None,
    output: str | None,
) -> None:
    """Draw the uncertain parameters of MODEL and count the equilibrium structures.

    Every parameter with a distribution in the model file is drawn; each draw is
    solved and the share of each equilibrium structure is reported with its 95%
    Wilson interval.
    """
    import json

    from .analysis.montecarlo import montecarlo as run_montecarlo

    model = load(model_path)
    with _progress(samples, "Solving draws", show=samples >= 100_000) as progress:
        result = run_montecarlo(
            model,
            samples,
            seed,
            values=parse_assignments(assignments),
            events=events,
            progress=progress,
        )
    if output_format == "json":
        text = json.dumps(result.to_json(), indent=2, ensure_ascii=False)
    else:
        lines = [model.title] if model.title else []
        import textwrap

        lines.extend(
            textwrap.wrap(
                f"{result.samples:,} draws (seed {result.seed}) of: {', '.join(result.varied)}",
                fmt.WIDTH,
                subsequent_indent="  ",
            )
        )
        lines.append("")
        lines.append(f"{'share':>7}  {'95% interval':<17}  equilibria")
        for o in result.outcomes:
            interval = f"[{o.ci95[0]:.3f}, {o.ci95[1]:.3f}]"
            lines.append(f"{o.share:>7.3f}  {interval:<17}  {o.label}")
        if result.events:
            lines.append("")
            lines.append("Events (profile played with positive probability in some equilibrium):")
            for name, (_count, share, ci) in result.events.items():
                lines.append(f"{share:>7.3f}  [{ci[0]:.3f}, {ci[1]:.3f}]  {name}")
        text = "\n".join(lines)
    if plot_path:
        _save_figure(result.plot(title=model.title), plot_path)
    _write(output, text)


@cli.command(
    epilog="""\b
Examples:
  leverage regimes models/rare_earth_controls.toml --param interdependence_cost
  leverage regimes models/chicken.toml --param interdependence_cost --range 0:5 --format json
  leverage regimes models/chicken.toml --param interdependence_cost --symbolic loss_value
  leverage regimes models/rare_earth_controls.toml --param interdependence_cost --plot r.pdf"""
)
@click.argument("model_path", metavar="MODEL", type=click.Path(dir_okay=False))
@click.option(
    "--param",
    "parameter",
    required=True,
    metavar="NAME",
    help="The parameter whose critical values are sought.",
)
@range_option
@hold_option
@click.option(
    "--symbolic",
    "symbolic",
    multiple=True,
    metavar="NAME",
    help="Keep this other parameter symbolic: thresholds become formulas. Repeatable.",
)
@format_option(
    ["table", "json", "markdown", "latex", "csv"],
    "Output format.",
)
@plot_option("Also draw the equilibria across the regimes (.png, .pdf or .svg).")
@click.option(
    "--no-dominance",
    "no_dominance",
    is_flag=True,
    help="Report only values where the equilibria change, not those where a strict "
    "dominance relation flips with the equilibria unchanged.",
)
@output_option
@_handle_errors
def regimes(
    model_path: str,
    parameter: str,
    bounds: str | None,
    assignments: tuple[str, ...],
    symbolic: tuple[str, ...],
    output_format: str,
    plot_path: str | None,
    no_dominance: bool,
    output: str | None,
) -> None:
    """Find, exactly, every value of a parameter where the equilibria of MODEL change.

    Holding the other parameters fixed, the critical values are the roots of payoff
    differences and of the support-enumeration conditions, computed with sympy and
    checked by solving the game exactly on each side.  Each regime lists its equilibria
    as closed-form functions of the parameter.
    """
    import json

    from .analysis.regimes import regimes as find_regimes
    from .formats import analysis as afmt

    model = load(model_path)
    _check_parameter(model, parameter)
    analysis = find_regimes(
        model,
        parameter,
        _range(bounds),
        values=parse_assignments(assignments),
        symbolic=symbolic,
        dominance=not no_dominance,
    )
    if output_format == "json":
        text = json.dumps(analysis.to_json(), indent=2, ensure_ascii=False)
    elif output_format == "markdown":
        text = afmt.regimes_markdown(analysis)
    elif output_format == "latex":
        text = afmt.regimes_latex(analysis)
    elif output_format == "csv":
        text = _csv(analysis.to_rows())
    else:
        text = afmt.regimes_table(analysis)
    if plot_path:
        from .analysis.plot import plot_regimes

        unit = model.parameters[parameter].unit
        fig = plot_regimes(analysis, unit=unit, title=model.title)
        _save_figure(fig, plot_path)
    _write(output, text)


@cli.command(
    epilog="""\b
Examples:
  leverage statics models/chicken.toml --param interdependence_cost
  leverage statics models/rare_earth_controls.toml --param interdependence_cost --format json"""
)
@click.argument("model_path", metavar="MODEL", type=click.Path(dir_okay=False))
@click.option(
    "--param", "parameter", required=True, metavar="NAME", help="The parameter to differentiate by."
)
@range_option
@hold_option
@format_option(
    ["table", "json", "csv"],
    "Output format.",
)
@output_option
@_handle_errors
def statics(
    model_path: str,
    parameter: str,
    bounds: str | None,
    assignments: tuple[str, ...],
    output_format: str,
    output: str | None,
) -> None:
    """Comparative statics: how each equilibrium probability and payoff of MODEL moves
    with a parameter, regime by regime, with the derivative and its sign."""
    import json

    from .analysis.statics import statics as find_statics

    model = load(model_path)
    _check_parameter(model, parameter)
    result = find_statics(model, parameter, _range(bounds), values=parse_assignments(assignments))
    if output_format == "json":
        text = json.dumps(result.to_json(), indent=2, ensure_ascii=False)
    elif output_format == "csv":
        text = _csv(result.to_rows())
    else:
        lines = [f"Comparative statics in {parameter} on [{result.bounds[0]}, {result.bounds[1]}]"]
        import textwrap

        for sentence in result.sentences():
            lines.extend(
                textwrap.wrap(sentence, fmt.WIDTH, initial_indent="- ", subsequent_indent="  ")
            )
        lines.append("")
        lines.append("Derivatives:")
        for row in result.to_rows():
            if row["strategy"] and row["formula"] in ("0", "1"):
                continue
            what = f"{row['player']} {row['strategy'] or 'payoff'}"
            lines.extend(
                textwrap.wrap(
                    f"({row['from']}, {row['to']}) {row['equilibrium']}: d[{what}] = "
                    f"{row['derivative']}  ({row['sign']})",
                    fmt.WIDTH,
                    initial_indent="  ",
                    subsequent_indent="      ",
                )
            )
        text = "\n".join(lines)
    _write(output, text)


def grid_values(start: Fraction, stop: Fraction, steps: int) -> Any:
    """``steps`` evenly spaced values from ``start`` to ``stop``, each the float nearest
    to the exact rational grid point (so ``0:10:1001`` contains exactly ``7.6``)."""
    import numpy as np

    if steps == 1:
        return np.array([float(start)])
    n = steps - 1
    den = start.denominator * stop.denominator * n
    first = start.numerator * stop.denominator * n
    step = stop.numerator * start.denominator - start.numerator * stop.denominator
    if max(abs(first), abs(first + step * n), den) < 2**53:
        k = np.arange(steps, dtype=np.float64)
        return (first + step * k) / den  # exact integers, one correctly rounded division
    return np.array([float(start + (stop - start) * Fraction(k, n)) for k in range(steps)])


def _grid(specs: tuple[str, ...]) -> dict[str, Any]:
    from .model import parse_value

    grid: dict[str, Any] = {}
    for spec in specs:
        name, sep, rest = spec.partition("=")
        parts = rest.split(":")
        if not sep or not name.strip() or len(parts) != 3:
            raise _Failure(f"--param expects NAME=START:STOP:STEPS, got {spec!r}")
        start, stop = (parse_value(v, name=name) for v in parts[:2])
        try:
            steps = int(parts[2])
        except ValueError:
            raise _Failure(f"--param {spec!r}: STEPS must be a whole number") from None
        if steps < 1 or steps > 100_000_000:
            raise _Failure(f"--param {spec!r}: STEPS must be between 1 and 100,000,000")
        grid[name.strip()] = grid_values(start, stop, steps)
    if not 1 <= len(grid) <= 2:
        raise _Failure("give one or two --param NAME=START:STOP:STEPS")
    return grid


@cli.command(
    epilog="""\b
Examples:
  leverage sweep models/rare_earth_controls.toml --param interdependence_cost=0:10:1001 --summary
  leverage sweep models/chicken.toml --param interdependence_cost=0:10:201 --plot chicken.pdf
  leverage sweep models/rare_earth_controls.toml --param interdependence_cost=0:10:201 \\
      --param china_enforcement_reach=0:1:101 --plot map.png --summary
  leverage sweep models/stag_hunt.toml --param interdependence_cost=0:5:51 --format csv -o s.csv"""
)
@click.argument("model_path", metavar="MODEL", type=click.Path(dir_okay=False))
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
@_handle_errors
def sweep(
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
    import json

    from .analysis.sweep import sweep as run_sweep

    model = load(model_path)
    grid = _grid(params)
    total = 1
    for values in grid.values():
        total *= len(values)
    with _progress(total, "Sweeping", show=total >= 100_000) as progress:
        result = run_sweep(
            model,
            grid,
            values=parse_assignments(assignments),
            progress=progress,
            jobs=jobs,
            store_equilibria=not (summary and output_format != "csv") or bool(plot_path),
        )
    if output_format == "json":
        text = json.dumps(result.to_json(points=not summary), indent=2, ensure_ascii=False)
    elif output_format == "csv":
        if summary:
            rows = [{k: v for k, v in row.items() if k != "bounds"} for row in result.summary()]
            text = _csv(rows)
        else:
            text = _csv(result.to_rows())
    else:
        lines = [model.title] if model.title else []
        sizes = " × ".join(
            f"{p} ({len(a)} values)" for p, a in zip(result.parameters, result.axes, strict=True)
        )
        lines.append(
            f"Sweep of {sizes}: {len(result):,} points, "
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
    if plot_path:
        from .analysis.plot import plot_sweep

        units = [model.parameters[p].unit for p in result.parameters]
        _save_figure(plot_sweep(result, units=units, title=model.title), plot_path)
    _write(output, text)


from .commands import classify, dynamics, exercise, explain, report  # noqa: E402

for _module in (explain, classify, exercise, report, dynamics):
    cli.add_command(_module.command)


def main() -> None:
    """Entry point of the ``leverage`` console script."""
    cli(prog_name="leverage")
