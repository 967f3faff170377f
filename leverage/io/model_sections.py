"""Validation of each section of a TOML model file: players, strategies, parameters, defines,
payoffs.

:func:`leverage.io.model_file.load` parses the TOML and calls the readers of this module on
the sections it holds.  Each reader returns what it could read of its section and records
every problem it finds in a :class:`Problems`, located by the dotted key and its line, so
that :func:`leverage.io.model_file.check` can report all the problems of a file at once.

Mathematics
-----------
A model is a game in strategic form whose payoffs are expressions in the parameters: for
``n`` players with strategy sets ``S_1, ..., S_n``, the ``payoffs`` section must give one
expression per player for each of the ``|S_1| ⋯ |S_n|`` pure-strategy profiles (at most
:data:`MAX_PROFILES`).  Parameter values, ranges and distribution arguments are read as exact
rationals (:func:`leverage.games.model.parse_value`); a range must contain the value, and a
distribution's support must lie inside the range (a normal or lognormal one is truncated to
it).  Expressions are parsed by
:mod:`leverage.expr.parse` against the names defined so far, never evaluated as Python.

References
----------
The format is documented in ``docs/model-format.md``; TOML is specified at
https://toml.io/en/v1.0.0.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from ..errors import ExpressionError, LeverageError, ModelError, ParameterError
from ..expr import check_name, degree_bound, parse_expression, symbol
from ..games.model import Distribution, Parameter, parse_value
from .names import column_clash, duplicate, name_problem, twice
from .positions import KeyLines

__all__ = [
    "DISTRIBUTIONS",
    "MAX_PLAYERS",
    "MAX_PROFILES",
    "PARAM_KEYS",
    "Problems",
    "declared_names",
    "define_degrees",
    "read_defines",
    "read_parameters",
    "read_payoffs",
    "read_players",
    "read_strategy_descriptions",
]

#: Largest number of outcomes (pure-strategy profiles) a model file may declare.
MAX_PROFILES = 100_000
#: Largest number of players.
MAX_PLAYERS = 16

PARAM_KEYS = {"value", "range", "unit", "description", "source", "distribution"}
DISTRIBUTIONS = {"uniform": 2, "normal": 2, "triangular": 3, "beta": 2, "lognormal": 2}


class Problems:
    """Collects located problems while reading one file.

    Parameters
    ----------
    file
        The file name the problems name.
    lines
        The line of each key of the file.
    """

    def __init__(self, file: str, lines: KeyLines) -> None:
        self.file = file
        self.lines = lines
        self.items: list[ModelError] = []
        #: Players whose strategy labels have a problem: an outcome or a description that
        #: names one of their labels is not reported again as naming an unknown strategy.
        self.doubtful: set[str] = set()

    def add(self, message: str, *path: str, error: type[ModelError] = ModelError) -> None:
        """Record ``message`` at the key ``path`` (dotted, with its line)."""
        key = _dotted(path) if path else None
        self.items.append(error(message, file=self.file, key=key, line=self.lines.line(*path)))

    def extend(self, err: LeverageError, *path: str) -> None:
        """Record the error ``err``, located at the key ``path`` when given."""
        located = ModelError(
            err.message,
            file=self.file,
            key=_dotted(path) if path else err.key,
            line=self.lines.line(*path) if path else err.line,
            column=None,
        )
        if isinstance(err, ExpressionError):
            located = ExpressionError(
                err.message, file=self.file, key=located.key, line=located.line
            )
        self.items.append(located)


def _dotted(path: tuple[str, ...]) -> str:
    parts = []
    for p in path:
        parts.append(p if re.fullmatch(r"[A-Za-z0-9_-]+", p) else f'"{p}"')
    return ".".join(parts)


def read_players(raw: Any, problems: Problems) -> tuple[list[str], list[list[str]]]:
    """The ``[players]`` table: the players and each one's strategy labels."""
    if not isinstance(raw, dict) or not raw:
        problems.add("a [players] table is required, naming each player's strategies", "players")
        return [], []
    if len(raw) < 2:
        problems.add("a game needs at least two players", "players")
    if len(raw) > MAX_PLAYERS:
        problems.add(f"too many players ({len(raw)}; limit {MAX_PLAYERS})", "players")
        return [], []
    # the size first, before any label is looked at
    size = 1
    for strats in raw.values():
        size *= max(1, len(strats)) if isinstance(strats, list) else 1
    if size > MAX_PROFILES:
        problems.add(f"game too large: {size:,} outcomes (limit {MAX_PROFILES:,})", "players")
        return [], []
    players, strategies = [], []
    before = len(problems.items)
    for name, strats in raw.items():
        bad = name_problem(name, "player name")
        if bad:
            problems.add(bad, "players", name)
        if (
            not isinstance(strats, list)
            or not strats
            or not all(isinstance(s, str) for s in strats)
        ):
            problems.add("expected a non-empty list of strategy labels", "players", name)
            strats = []
        labelled = len(problems.items)
        for s in strats:
            bad = name_problem(s, "strategy label")
            if bad is None and "," in s:
                bad = f"strategy label {s!r} may not contain a comma"
            if bad:
                problems.add(bad, "players", name)
        dup = duplicate(strats)
        if dup:
            problems.add(twice("strategy", *dup), "players", name)
        players.append(name)
        strategies.append(list(dict.fromkeys(strats)))
        if len(problems.items) > labelled:
            problems.doubtful.add(name)
    dup = duplicate(players)
    if dup:
        problems.add(twice("player", *dup), "players", dup[1])
    clash = None if len(problems.items) > before else column_clash(players, strategies)
    if clash:
        problems.add(
            f"two players' strategies (or a strategy and a payoff) would share the CSV "
            f"column {clash!r}: rename one",
            "players",
        )
    return players, strategies


def read_strategy_descriptions(
    raw: Any, players: list[str], strategies: list[list[str]], problems: Problems
) -> dict[tuple[str, str], str]:
    """The optional ``[strategies]`` table: a description of each ``(player, strategy)``."""
    out: dict[tuple[str, str], str] = {}
    if raw is None:
        return out
    if not isinstance(raw, dict):
        problems.add("[strategies] must hold one table per player", "strategies")
        return out
    for player, table in raw.items():
        if player not in players:
            problems.add(f"unknown player {player!r}", "strategies", player)
            continue
        if not isinstance(table, dict):
            problems.add("expected a table of strategy descriptions", "strategies", player)
            continue
        labels = strategies[players.index(player)]
        for label, text in table.items():
            if label not in labels:
                if player in problems.doubtful:
                    continue  # its labels have a problem, reported where they are
                problems.add(f"unknown strategy {label!r} of {player}", "strategies", player, label)
            elif not isinstance(text, str):
                problems.add("a strategy description must be a string", "strategies", player, label)
            else:
                out[(player, label)] = text
    return out


def _number(raw: Any, problems: Problems, *path: str) -> Fraction | None:
    try:
        return parse_value(raw, name=path[-1])
    except ParameterError as err:
        problems.add(err.message.split(": ", 1)[-1], *path)
        return None


def declared_names(raw: Any) -> set[str]:
    """The valid names a ``[parameters]`` or ``[define]`` table declares, whether or not
    their entries are valid: an expression that uses one is not reported again as using
    an unknown name (the entry's own problem is reported once, where it is)."""
    if not isinstance(raw, dict):
        return set()
    out = set()
    for name in raw:
        try:
            check_name(name)
        except ExpressionError:
            continue
        out.add(name)
    return out


def read_parameters(raw: Any, problems: Problems) -> dict[str, Parameter]:
    """The ``[parameters]`` table: value, range, unit, source and distribution of each."""
    out: dict[str, Parameter] = {}
    if not isinstance(raw, dict):
        problems.add("[parameters] must hold one table per parameter", "parameters")
        return out
    for name, table in raw.items():
        path = ("parameters", name)
        try:
            check_name(name)
        except ExpressionError as err:
            problems.add(err.message, *path)
            continue
        if not isinstance(table, dict):
            problems.add("expected a table with a value (and range, unit, source)", *path)
            continue
        for key in table:
            if key not in PARAM_KEYS:
                problems.add(
                    f"unknown key {key!r} (allowed: {', '.join(sorted(PARAM_KEYS))})", *path, key
                )
        bad = len(problems.items)
        if "value" not in table:
            problems.add("missing 'value'", *path)
        if "source" in table and (
            not isinstance(table["source"], str) or not table["source"].strip()
        ):
            problems.add("'source' must be a non-empty string", *path, "source")
        value = _number(table["value"], problems, *path, "value") if "value" in table else None
        rng = table.get("range")
        low = high = None
        if rng is None:
            pass  # no range: values are unchecked and an analysis needs explicit bounds
        elif not isinstance(rng, list) or len(rng) != 2:
            problems.add("'range' must be [low, high]", *path, "range")
        else:
            low = _number(rng[0], problems, *path, "range")
            high = _number(rng[1], problems, *path, "range")
            if low is not None and high is not None and low > high:
                problems.add(f"range [{low}, {high}] is empty (low > high)", *path, "range")
        if value is not None and low is not None and high is not None and not low <= value <= high:
            problems.add(f"value {value} is outside the range [{low}, {high}]", *path, "value")
        for key in ("unit", "description"):
            if key in table and not isinstance(table[key], str):
                problems.add(f"'{key}' must be a string", *path, key)
        dist = None
        if "distribution" in table:
            dist = _distribution(table["distribution"], low, high, problems, *path, "distribution")
        if len(problems.items) > bad or value is None:
            continue
        out[name] = Parameter(
            name=name,
            value=value,
            low=low,
            high=high,
            source=table.get("source", "").strip(),
            unit=table.get("unit", ""),
            description=table.get("description", ""),
            distribution=dist,
        )
    return out


def _distribution(
    raw: Any, low: Fraction | None, high: Fraction | None, problems: Problems, *path: str
) -> Distribution | None:
    if not isinstance(raw, dict):
        problems.add("expected an inline table such as { uniform = [0, 1] }", *path)
        return None
    kinds = [k for k in raw if k in DISTRIBUTIONS]
    extra = [k for k in raw if k not in DISTRIBUTIONS and k not in ("truncate", "scale")]
    if len(kinds) != 1 or extra:
        problems.add(
            "give exactly one of " + ", ".join(DISTRIBUTIONS) + " (plus truncate/scale)", *path
        )
        return None
    kind = kinds[0]
    args_raw = raw[kind]
    if not isinstance(args_raw, list) or len(args_raw) != DISTRIBUTIONS[kind]:
        problems.add(f"{kind} takes a list of {DISTRIBUTIONS[kind]} numbers", *path)
        return None
    args = [_number(v, problems, *path) for v in args_raw]
    if any(a is None for a in args):
        return None
    fargs = tuple(a for a in args if a is not None)
    bounds = {}
    for key in ("truncate", "scale"):
        if key in raw:
            if (key == "scale") != (kind == "beta") and key == "scale":
                problems.add("'scale' applies to beta only", *path)
                return None
            if key == "truncate" and kind not in ("normal", "lognormal"):
                problems.add("'truncate' applies to normal and lognormal only", *path)
                return None
            b = raw[key]
            if not isinstance(b, list) or len(b) != 2:
                problems.add(f"'{key}' must be [low, high]", *path)
                return None
            lo, hi = _number(b[0], problems, *path), _number(b[1], problems, *path)
            if lo is None or hi is None or lo >= hi:
                problems.add(f"'{key}' must be [low, high] with low < high", *path)
                return None
            bounds[key] = (lo, hi)
    message = None
    if kind == "uniform" and not fargs[0] < fargs[1]:
        message = "uniform needs low < high"
    elif (kind == "triangular" and not fargs[0] <= fargs[1] <= fargs[2]) or (
        kind == "triangular" and fargs[0] == fargs[2]
    ):
        message = "triangular needs low <= mode <= high with low < high"
    elif kind in ("normal", "lognormal") and fargs[1] <= 0:
        message = f"{kind} needs a positive standard deviation"
    elif kind == "beta" and (fargs[0] <= 0 or fargs[1] <= 0):
        message = "beta needs positive shape parameters"
    if message:
        problems.add(message, *path)
        return None
    truncate = bounds.get("truncate")
    if kind in ("normal", "lognormal") and low is not None and high is not None:
        lo, hi = truncate if truncate else (low, high)
        truncate = (max(lo, low), min(hi, high))
        if kind == "lognormal":
            truncate = (max(truncate[0], Fraction(0)), truncate[1])
        if truncate[0] >= truncate[1]:
            problems.add("truncation leaves nothing inside the parameter's range", *path)
            return None
    dist = Distribution(kind, fargs, truncate, bounds.get("scale"))
    lo_s, hi_s = dist.support()
    if (
        low is not None
        and high is not None
        and (lo_s is None or hi_s is None or lo_s < low or hi_s > high)
    ):
        problems.add(
            f"the distribution's support [{lo_s}, {hi_s}] is not inside the range [{low}, {high}]",
            *path,
        )
        return None
    return dist


def read_defines(raw: Any, names: set[str], problems: Problems) -> dict[str, sympy.Expr]:
    """The ``[define]`` table: named expressions in the parameters ``names`` (and earlier
    defines)."""
    out: dict[str, sympy.Expr] = {}
    if not isinstance(raw, dict):
        problems.add("[define] must map names to expressions", "define")
        return out
    known = set(names)
    for name, text in raw.items():
        path = ("define", name)
        try:
            check_name(name)
        except ExpressionError as err:
            problems.add(err.message, *path)
            continue
        if name in names:
            problems.add(f"{name!r} is already a parameter", *path)
            continue
        if not isinstance(text, (str, int, Decimal)) or isinstance(text, bool):
            problems.add("expected an expression (a string or a number)", *path)
            continue
        try:
            out[name] = parse_expression(text, known, define_degrees(out))
        except ExpressionError as err:
            problems.extend(err, *path)
        known.add(name)
    return out


def define_degrees(defines: dict[str, sympy.Expr]) -> dict[str, int]:
    """The degree in the parameters of each define (:func:`leverage.expr.degree_bound`, a
    define counting as the degree of its own expression), in file order."""
    degrees: dict[str, int] = {}
    for name, expr in defines.items():
        degrees[name] = degree_bound(expr, {symbol(k): v for k, v in degrees.items()})
    return degrees


def read_payoffs(
    raw: Any,
    players: list[str],
    strategies: list[list[str]],
    names: set[str],
    problems: Problems,
    degrees: dict[str, int] | None = None,
) -> tuple[tuple[np.ndarray, ...] | None, dict[tuple[int, ...], str], dict[str, int]]:
    """The ``[payoffs]`` table: one expression per player for every profile; ``degrees``
    are those of the defines (:func:`define_degrees`).

    Returns the payoff arrays (``None`` when a problem was found), the key of each profile
    and the line of each payoff key.
    """
    keys: dict[tuple[int, ...], str] = {}
    key_lines: dict[str, int] = {}
    if not isinstance(raw, dict) or not raw:
        problems.add("a [payoffs] table is required, one entry per outcome", "payoffs")
        return None, keys, key_lines
    if not players or any(not s for s in strategies):
        return None, keys, key_lines
    n = len(players)
    shape = tuple(len(s) for s in strategies)
    arrays = [np.empty(shape, dtype=object) for _ in range(n)]
    index = [{s: k for k, s in enumerate(labels)} for labels in strategies]
    seen: dict[tuple[int, ...], str] = {}
    for key, entry in raw.items():
        path = ("payoffs", key)
        labels = [part.strip() for part in key.split(",")]
        if len(labels) != n:
            problems.add(
                f"outcome {key!r} names {len(labels)} strategies; expected one per player "
                f"({', '.join(players)})",
                *path,
            )
            continue
        profile = []
        for i, label in enumerate(labels):
            if label not in index[i]:
                if players[i] in problems.doubtful:
                    break  # its labels have a problem, reported where they are
                problems.add(
                    f"unknown strategy {label!r} of {players[i]} "
                    f"(strategies: {', '.join(strategies[i])})",
                    *path,
                )
                break
            profile.append(index[i][label])
        else:
            prof = tuple(profile)
            if prof in seen:
                problems.add(f"outcome given twice (also as {seen[prof]!r})", *path)
                continue
            seen[prof] = key
            keys[prof] = key
            key_lines[f"payoffs.{key}"] = problems.lines.line(*path) or 0
            if not isinstance(entry, list) or len(entry) != n:
                got = len(entry) if isinstance(entry, list) else "not a list"
                problems.add(f"expected {n} payoffs (one per player), got {got}", *path)
                continue
            for i, text in enumerate(entry):
                if isinstance(text, bool) or not isinstance(text, (str, int, Decimal)):
                    problems.add(f"payoff {i + 1} must be an expression or a number", *path)
                    continue
                try:
                    arrays[i][prof] = parse_expression(text, names, degrees)
                except ExpressionError as err:
                    problems.extend(
                        ExpressionError(f"payoff {i + 1} ({players[i]}): {err.message}"), *path
                    )
    missing = [p for p in np.ndindex(*shape) if p not in seen]
    if missing and not problems.doubtful:
        shown = ", ".join(
            repr(", ".join(strategies[i][k] for i, k in enumerate(p))) for p in missing[:3]
        )
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        problems.add(f"missing outcome {shown}{more}", "payoffs")
    if problems.items:
        return None, keys, key_lines
    return tuple(arrays), keys, key_lines
