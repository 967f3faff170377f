"""``leverage classify``: what kind of game a model is, and how that changes with a parameter.

A thin layer over :mod:`leverage.classification`: it loads each model, classifies the game at
the chosen values (or, with ``--param``, across a range of one parameter) and formats the
result as text or JSON.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

import click

from ...classification import Classification, ClassRegimes, classify, classify_range
from ...games.model import parse_assignments
from ...io.model_file import load
from ..options import (
    Failure,
    build_game,
    format_option,
    handle_errors,
    output_option,
    parse_range,
    write,
)

WIDTH = 80

EPILOG = """\b
Examples:
  leverage classify models/prisoners_dilemma.toml
  leverage classify models/*.toml --format json
  leverage classify models/chicken.toml --set interdependence_cost=1/2
  leverage classify models/rare_earth_controls.toml --param interdependence_cost
  leverage classify models/chicken.toml --param interdependence_cost --range 0:3"""


def _wrap(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ", break_on_hyphens=False
    )


def _equilibria(k: int) -> str:
    return f"{k} pure equilibri{'um' if k == 1 else 'a'}"


def classification_text(c: Classification, *, indent: str = "  ") -> list[str]:
    """The text form of one classification (lines of at most 80 columns)."""
    lines: list[str] = []
    if c.game_class is not None:
        gc = c.game_class
        lines += _wrap(f"class {c.index}: {c.name}; {_equilibria(c.pure_equilibria)}", indent)
        lines += _wrap(
            f"patterns: {c.players[0]} {gc.row.name}, {c.players[1]} {gc.column.name} "
            f"(grid {gc.grid[0]}, {gc.grid[1]})",
            indent,
        )
        if c.orientation is not None:
            rows, cols = c.orientation
            lines += _wrap(
                f"standard orientation: rows {', '.join(rows)}; columns {', '.join(cols)}",
                indent,
            )
    elif c.tied:
        lines += _wrap(
            f"tied: borders {', '.join(c.borders)}; {_equilibria(c.pure_equilibria)}", indent
        )
        lines += _wrap("bordering classes: " + ", ".join(c.border_names), indent)
        ties = "; ".join(
            f"{p}: " + " and ".join(" = ".join(f"({cell})" for cell in group) for group in groups)
            for p, groups in c.ties.items()
        )
        lines += _wrap(f"ties: {ties}", indent)
    else:
        dims = "×".join(str(k) for k in c.size)
        lines += _wrap(
            f"{dims} game with {len(c.players)} players (no Robinson–Goforth class); "
            f"{_equilibria(c.pure_equilibria)}",
            indent,
        )
    sd = c.snyder_diesing
    if sd is not None:
        sides = "; ".join(
            f"{p} {order}" + (f" ({kind})" if kind else "")
            for p, order, kind in zip(c.players, sd.orders, sd.types, strict=True)
        )
        game = f"; game: {sd.game}" if sd.game else ""
        lines += _wrap(f"Snyder–Diesing (C = first strategy): {sides}{game}", indent)
    if c.properties is not None:
        lines += _wrap("properties: " + _properties_text(c), indent)
    return lines


def _properties_text(c: Classification) -> str:
    p = c.properties
    assert p is not None
    parts = ["×".join(str(k) for k in p.size)]
    if p.zero_sum:
        parts.append("zero-sum")
    elif p.constant_sum:
        parts.append("constant-sum")
    else:
        parts.append("not constant-sum")
    if len(p.size) == 2 and p.size[0] == p.size[1]:
        parts.append("symmetric" if p.symmetric else "not symmetric")
    parts.append("exact potential" if p.exact_potential else "no exact potential")
    if p.solution is not None:
        profile = ", ".join(p.strategies[i][s] for i, s in enumerate(p.solution))
        parts.append(f"dominance solvable ({profile})")
    else:
        parts.append("not dominance solvable")
    return "; ".join(parts)


def regimes_text(result: ClassRegimes, path: str) -> list[str]:
    """The text form of :func:`~leverage.classification.classify_range`."""
    lo, hi = result.bounds
    lines = [f"Classes of {result.parameter} on [{lo}, {hi}] in {path}"]
    if result.values:
        fixed = ", ".join(f"{k} = {v}" for k, v in result.values.items())
        lines += textwrap.wrap("Other parameters: " + fixed, WIDTH, subsequent_indent="  ")
    if result.thresholds:
        crit = ", ".join(
            t.exact if t.exact == f"{t.value:g}" else f"{t.exact} (≈ {t.value:.6g})"
            for t in result.thresholds
        )
        lines += textwrap.wrap("Thresholds: " + crit, WIDTH, subsequent_indent="  ")
    else:
        lines.append("Thresholds: none (the class is the same on the whole range)")
    for reg in result.regimes:
        lines.append("")
        lines.append(reg.label)
        c = reg.classification
        if c is None:
            lines.append("   undefined (a payoff has a pole)")
            continue
        if c.tied:
            lines += _wrap(
                f"tied, borders {' '.join(c.borders)}; {_equilibria(c.pure_equilibria)}", "   "
            )
            if reg.at is not None and reg.at.ties:
                lines += _wrap("ties: " + "; ".join(reg.at.ties), "   ")
        else:
            lines += _wrap(f"{c.index}: {c.name}; {_equilibria(c.pure_equilibria)}", "   ")
    return lines


@click.command(name="classify", epilog=EPILOG)
@click.argument("paths", metavar="MODEL...", nargs=-1, required=True, type=click.Path())
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a parameter (checked against its range); repeatable. With --param, "
    "hold another parameter at this value.",
)
@click.option(
    "--float",
    "use_float",
    is_flag=True,
    help="Use floating-point payoffs instead of exact rationals.",
)
@click.option(
    "--param",
    "parameter",
    metavar="NAME",
    help="Show how the class of a 2×2 model changes as this parameter moves, with exact "
    "thresholds.",
)
@click.option(
    "--range",
    "bounds",
    metavar="A:B",
    help="With --param: the interval to analyse (default: the parameter's range); exact "
    "values such as 1/3 are allowed.",
)
@format_option(
    ["table", "json"],
    "Output format.",
)
@output_option
@handle_errors
def command(
    paths: tuple[str, ...],
    assignments: tuple[str, ...],
    use_float: bool,
    parameter: str | None,
    bounds: str | None,
    output_format: str,
    output: str | None,
) -> None:
    """Classify each MODEL: its class among the 144 strict ordinal 2×2 games
    (Robinson–Goforth topology, with Bruns's names and codes), each side's Snyder–Diesing
    crisis type, and properties of any game (zero- or constant-sum, symmetric, exact
    potential, dominance solvable, pure equilibria).

    With --param, report the class on every interval of one parameter and at the exact
    thresholds where a player's ranking of the outcomes changes.
    """
    if bounds is not None and parameter is None:
        raise Failure("--range needs --param")
    if parameter is not None and use_float:
        raise Failure("--float cannot be combined with --param (thresholds are exact)")
    records: list[dict[str, Any]] = []
    texts: list[list[str]] = []
    for path in paths:
        model = load(path)
        if parameter is not None:
            result = classify_range(
                model, parameter, parse_range(bounds), values=parse_assignments(assignments)
            )
            records.append({"file": path, **result.to_dict()})
            texts.append(regimes_text(result, path))
        else:
            c = classify(build_game(model, assignments, use_float))
            records.append({"file": path, **c.to_dict()})
            texts.append([path, *classification_text(c)])
    if output_format == "json":
        text = json.dumps(records, indent=2, ensure_ascii=False)
    else:
        text = "\n\n".join("\n".join(lines) for lines in texts)
    write(output, text)
