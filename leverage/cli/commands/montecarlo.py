"""``leverage montecarlo``: how often each equilibrium structure arises under uncertainty.

A thin layer over :func:`leverage.analysis.montecarlo.montecarlo`: every parameter with a
distribution in the model file is drawn (seeded, reproducible), each draw is solved, and
the share of each equilibrium structure is printed with its 95% Wilson score interval
(Wilson 1927, *JASA* 22:209–212); ``--event`` adds the probability that a profile is
played in some equilibrium.
"""

from __future__ import annotations

import click

from ...formats import text as fmt
from ...formats.text import wrap
from ...games.model import parse_assignments
from ...io.model_file import load
from ...solve.cost import points_cost
from ..options import (
    format_option,
    handle_errors,
    model_argument,
    output_option,
    plot_option,
    progress,
    save_figure,
    terminal_width,
    write,
)

EPILOG = """\b
Examples:
  leverage montecarlo models/rare_earth_controls.toml -n 10000 --seed 1
  leverage montecarlo models/rare_earth_controls.toml -n 5000 --seed 2 \\
      --event "Overreach, Escalate" --format json
  leverage montecarlo models/escalation_ladder.toml -n 100000 --jobs 2"""


@click.command(name="montecarlo", epilog=EPILOG)
@model_argument
@click.option(
    "-n",
    "--samples",
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
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes that solve the draws (at most one per CPU); the result is "
    "the same for any number.",
)
@output_option
@handle_errors
def command(
    model_path: str,
    samples: int,
    seed: int,
    events: tuple[str, ...],
    assignments: tuple[str, ...],
    output_format: str,
    plot_path: str | None,
    jobs: int,
    output: str | None,
) -> None:
    """Draw the uncertain parameters of MODEL and count the equilibrium structures.

    Every parameter with a distribution in the model file is drawn; each draw is
    solved and the share of each equilibrium structure is reported with its 95%
    Wilson interval.
    """
    from ...analysis.montecarlo import montecarlo

    model = load(model_path)
    slow = points_cost(model.shape, samples).work >= 100_000  # solved one by one, exactly
    with progress(samples, "Solving draws", show=samples >= 100_000 or slow) as report:
        result = montecarlo(
            model,
            samples,
            seed,
            values=parse_assignments(assignments),
            events=events,
            progress=report,
            jobs=jobs,
        )
    if output_format == "json":
        text = result.to_json()
    else:
        width = terminal_width(output)
        lines = wrap(model.title, width) if model.title else []
        lines.extend(
            wrap(
                f"{result.samples:,} draws (seed {result.seed}) of: {', '.join(result.varied)}",
                width,
                subsequent="  ",
            )
        )
        if result.held:
            held = ", ".join(f"{k} = {fmt.decimal(v)}" for k, v in result.held.items())
            lines.extend(wrap(f"held (not drawn): {held}", width, subsequent="  "))
        lines.append("")
        lines.append(f"{'share':>7}  {'95% interval':<17}  equilibria")
        for o in result.outcomes:
            interval = f"[{o.ci95[0]:.3f}, {o.ci95[1]:.3f}]"
            lines.extend(
                wrap(f"{o.share:>7.3f}  {interval:<17}  {o.label}", width, subsequent=" " * 28)
            )
        if result.events:
            lines.append("")
            lines.append("Events (profile played with positive probability in some equilibrium):")
            for name, (_count, share, ci) in result.events.items():
                row = f"{share:>7.3f}  [{ci[0]:.3f}, {ci[1]:.3f}]  {name}"
                lines.extend(wrap(row, width, subsequent=" " * 28))
        text = "\n".join(lines)
    if plot_path is not None:
        save_figure(result.plot(title=model.title), plot_path)
    write(output, text)
