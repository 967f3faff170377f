"""``leverage report``: a self-contained HTML page on a model (:mod:`leverage.teach.report`)."""

from __future__ import annotations

import datetime as dt
import os

import click

from ...games.model import parse_assignments
from ...io.model_file import load
from ..options import (
    Failure,
    handle_errors,
    model_argument,
    output_option,
    param_interval,
    write,
)


def generation_date(date: str | None, no_date: bool) -> str | None:
    """The date printed in the footer.

    ``--no-date``: none.  ``--date``: that ISO date.  Otherwise the date of
    ``SOURCE_DATE_EPOCH`` (UTC) when it is set, as reproducible builds ask
    (https://reproducible-builds.org/specs/source-date-epoch/), else today's date.

    Raises
    ------
    Failure
        A malformed ``--date`` or ``SOURCE_DATE_EPOCH``.
    """
    if no_date:
        return None
    if date is not None:
        try:
            return dt.date.fromisoformat(date).isoformat()
        except ValueError:
            raise Failure(f"--date expects YYYY-MM-DD, got {date!r}") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
        except (ValueError, OverflowError, OSError):
            raise Failure(
                f"SOURCE_DATE_EPOCH must be a whole number of seconds, got {epoch!r}"
            ) from None
    return dt.date.today().isoformat()


@click.command(
    name="report",
    epilog="""\b
Examples:
  leverage report models/rare_earth_controls.toml -o rare_earth.html
  leverage report models/chicken.toml --set interdependence_cost=4 -o chicken.html
  leverage report models/stag_hunt.toml --param stag_value --range 4:8 -o stag.html
  SOURCE_DATE_EPOCH=0 leverage report models/chicken.toml --no-regimes > chicken.html""",
)
@model_argument
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a parameter (checked against its range); repeatable. The game is "
    "solved there and the regime analysis holds the other parameters there.",
)
@click.option(
    "--param",
    "parameter",
    metavar="NAME[=A:B]",
    help="The parameter of the regime analysis (default: interdependence_cost when the "
    "model has it, else the first parameter with a range).",
)
@click.option(
    "--range",
    "bounds",
    metavar="A:B",
    help="The interval of the regime analysis (default: the parameter's range); exact "
    "values such as 1/3 are allowed.",
)
@click.option("--no-regimes", "no_regimes", is_flag=True, help="Leave out the regime analysis.")
@click.option(
    "--date",
    "date",
    metavar="YYYY-MM-DD",
    help="The generation date shown in the footer (default: SOURCE_DATE_EPOCH when set, "
    "else today).",
)
@click.option("--no-date", "no_date", is_flag=True, help="Leave the date out of the footer.")
@output_option
@handle_errors
def command(
    model_path: str,
    assignments: tuple[str, ...],
    parameter: str | None,
    bounds: str | None,
    no_regimes: bool,
    date: str | None,
    no_date: bool,
    output: str | None,
) -> None:
    """Write a self-contained HTML report of MODEL: description, players, parameters
    with their sources, payoff table, equilibria, explanation and regimes.

    The page needs no network (inline style sheet, inline SVG plot, no scripts), prints
    cleanly and reads on a phone. It is written to stdout unless -o is given.
    """
    parameter, interval = param_interval(parameter, bounds)
    from ...teach.report import report_html

    if no_regimes and (parameter or bounds):
        raise Failure("--no-regimes cannot be combined with --param or --range")
    generated = generation_date(date, no_date)
    model = load(model_path)
    html = report_html(
        model,
        parse_assignments(assignments),
        parameter=parameter,
        bounds=interval,
        generated=generated,
        regimes=not no_regimes,
    )
    write(output, html)
