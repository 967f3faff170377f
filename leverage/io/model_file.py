"""Reading and validating model files (TOML).

The format is documented in ``docs/model-format.md``.  :func:`load` returns a
:class:`~leverage.Model` or raises the first problem as a
:class:`~leverage.errors.ModelError`; :func:`check` returns every problem found, so a
user can fix a file in one pass.  Each problem names the file, the key and the line.
Expressions are parsed by :mod:`leverage.expr.parse`, never evaluated as Python.
"""

from __future__ import annotations

import os
import re
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import sympy

from ..errors import ExpressionError, LeverageError, ModelError, ParameterError
from ..expr import check_name, parse_expression
from ..games.model import Distribution, Model, Parameter, parse_value
from ..numbers import to_sympy
from .positions import KeyLines

if sys.version_info >= (3, 11):  # pragma: no cover
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Largest model file read, in bytes.
MAX_FILE_BYTES = 5_000_000
#: Largest number of outcomes (pure-strategy profiles) a model file may declare.
MAX_PROFILES = 100_000
#: Largest number of players.
MAX_PLAYERS = 16

TOP_KEYS = {
    "title",
    "description",
    "references",
    "players",
    "strategies",
    "parameters",
    "define",
    "payoffs",
    "authors",
    "tags",
    "notes",
    "version",
}
PARAM_KEYS = {"value", "range", "unit", "description", "source", "distribution"}
DISTRIBUTIONS = {"uniform": 2, "normal": 2, "triangular": 3, "beta": 2, "lognormal": 2}


class _Problems:
    """Collects located problems while reading one file."""

    def __init__(self, file: str, lines: KeyLines) -> None:
        self.file = file
        self.lines = lines
        self.items: list[ModelError] = []

    def add(self, message: str, *path: str, error: type[ModelError] = ModelError) -> None:
        key = _dotted(path) if path else None
        self.items.append(error(message, file=self.file, key=key, line=self.lines.line(*path)))

    def extend(self, err: LeverageError, *path: str) -> None:
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


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a model file, refusing huge or undecodable ones with a ModelError."""
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if size > MAX_FILE_BYTES:
            raise ModelError(
                f"file is too large ({size:,} bytes; limit {MAX_FILE_BYTES:,})", file=name
            )
        with open(name, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ModelError("no such file", file=name) from None
    except IsADirectoryError:
        raise ModelError("is a directory, not a model file", file=name) from None
    except OSError as err:
        raise ModelError(f"cannot read file: {err.strerror}", file=name) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ModelError(f"not UTF-8 text (byte {err.start})", file=name) from None


def check(path: str | os.PathLike[str]) -> list[ModelError]:
    """Every problem in a model file (an empty list when it is valid).

    Parameters
    ----------
    path
        A ``.toml`` model file.
    """
    try:
        text = read_text(path)
    except ModelError as err:
        return [err]
    return _parse(text, os.fspath(path))[1]


def load(path: str | os.PathLike[str]) -> Model:
    """Read and validate a model file.

    Parameters
    ----------
    path
        A ``.toml`` model file (or a Gambit ``.nfg`` file, read as a model without
        parameters).

    Returns
    -------
    Model

    Raises
    ------
    ModelError
        The first problem found, naming file, key and line; ``err.problems`` lists
        all of them.
    """
    name = os.fspath(path)
    if name.lower().endswith(".nfg"):
        from .gambit import load_nfg

        return model_from_game(load_nfg(name), path=name)
    text = read_text(name)
    return loads(text, file=name)


def loads(text: str, *, file: str = "<string>") -> Model:
    """Read and validate a model from TOML text (see :func:`load`)."""
    model, problems = _parse(text, file)
    if problems:
        first = problems[0]
        first.problems = problems  # type: ignore[attr-defined]
        raise first
    assert model is not None
    return model


def model_from_game(game: Any, *, path: str | None = None) -> Model:
    """Wrap a plain :class:`~leverage.Game` as a model without parameters."""
    payoffs = tuple(
        np.vectorize(to_sympy, otypes=[object])(a)
        if game.exact
        else np.vectorize(sympy.Float, otypes=[object])(a)
        for a in game.payoffs
    )
    return Model(
        title=game.title or (Path(path).stem if path else ""),
        description="",
        players=game.players,
        strategies=game.strategies,
        parameters={},
        defines={},
        payoffs=payoffs,
        path=path,
    )


def _toml_error(err: Exception, file: str) -> ModelError:
    msg = str(err)
    match = re.search(r"\(at line (\d+), column (\d+)\)", msg)
    line = col = None
    if match:
        line, col = int(match.group(1)), int(match.group(2))
        msg = msg[: match.start()].strip()
    elif "at end of document" in msg:
        msg = msg.replace("(at end of document)", "").strip() + " at end of document"
    return ModelError(f"invalid TOML: {msg}", file=file, line=line, column=col)


def _parse(text: str, file: str) -> tuple[Model | None, list[ModelError]]:
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as err:
        return None, [_toml_error(err, file)]
    except RecursionError:
        return None, [ModelError("invalid TOML: nesting too deep", file=file)]
    lines = KeyLines(text)
    problems = _Problems(file, lines)

    for key in data:
        if key not in TOP_KEYS:
            problems.add(f"unknown key {key!r} (allowed: {', '.join(sorted(TOP_KEYS))})", key)

    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.add("a non-empty string 'title' is required", "title")
        title = ""
    description = data.get("description", "")
    if not isinstance(description, str) or not description.strip():
        problems.add("a non-empty string 'description' is required", "description")
        description = ""
    references = data.get("references", [])
    if not isinstance(references, list) or not all(isinstance(r, str) for r in references):
        problems.add("'references' must be a list of strings", "references")
        references = []

    players, strategies = _players(data.get("players"), problems)
    descriptions = _strategy_descriptions(data.get("strategies"), players, strategies, problems)
    parameters = _parameters(data.get("parameters", {}), problems)
    names = set(parameters)
    defines = _defines(data.get("define", {}), names, problems)
    payoffs, keys, key_lines = _payoffs(
        data.get("payoffs"), players, strategies, names | set(defines), problems
    )
    for name in defines:
        key_lines[f"define.{name}"] = lines.line("define", name) or 0
    if problems.items or payoffs is None:
        if not problems.items:
            problems.add("no payoffs")
        return None, problems.items
    model = Model(
        title=title.strip(),
        description=description.strip(),
        players=tuple(players),
        strategies=tuple(tuple(s) for s in strategies),
        parameters=parameters,
        defines=defines,
        payoffs=payoffs,
        references=tuple(references),
        strategy_descriptions=descriptions,
        path=file,
        payoff_keys=keys,
        key_lines=key_lines,
    )
    # evaluating at the defaults catches division by zero and the like at load time
    try:
        model.game()
    except LeverageError as err:
        problems.items.append(
            ModelError(
                f"at the default parameter values: {err.message}",
                file=file,
                key=err.key,
                line=err.line,
            )
        )
        return None, problems.items
    return model, problems.items


def _players(raw: Any, problems: _Problems) -> tuple[list[str], list[list[str]]]:
    if not isinstance(raw, dict) or not raw:
        problems.add("a [players] table is required, naming each player's strategies", "players")
        return [], []
    if len(raw) < 2:
        problems.add("a game needs at least two players", "players")
    if len(raw) > MAX_PLAYERS:
        problems.add(f"too many players ({len(raw)}; limit {MAX_PLAYERS})", "players")
        return [], []
    players, strategies = [], []
    size = 1
    for name, strats in raw.items():
        if (
            not isinstance(strats, list)
            or not strats
            or not all(isinstance(s, str) for s in strats)
        ):
            problems.add("expected a non-empty list of strategy labels", "players", name)
            strats = []
        labels = [s.strip() for s in strats]
        for s in labels:
            if not s:
                problems.add("empty strategy label", "players", name)
            elif "," in s:
                problems.add(f"strategy label {s!r} may not contain a comma", "players", name)
        dupes = sorted({s for s in labels if labels.count(s) > 1})
        if dupes:
            problems.add(f"duplicate strategy {dupes[0]!r}", "players", name)
        players.append(name.strip())
        strategies.append(labels)
        size *= max(1, len(labels))
    if size > MAX_PROFILES:
        problems.add(f"game too large: {size:,} outcomes (limit {MAX_PROFILES:,})", "players")
        return [], []
    return players, strategies


def _strategy_descriptions(
    raw: Any, players: list[str], strategies: list[list[str]], problems: _Problems
) -> dict[tuple[str, str], str]:
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
                problems.add(f"unknown strategy {label!r} of {player}", "strategies", player, label)
            elif not isinstance(text, str):
                problems.add("a strategy description must be a string", "strategies", player, label)
            else:
                out[(player, label)] = text
    return out


def _number(raw: Any, problems: _Problems, *path: str) -> Fraction | None:
    try:
        return parse_value(raw, name=path[-1])
    except ParameterError as err:
        problems.add(err.message.split(": ", 1)[-1], *path)
        return None


def _parameters(raw: Any, problems: _Problems) -> dict[str, Parameter]:
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
            problems.add("expected a table with value, range and source", *path)
            continue
        for key in table:
            if key not in PARAM_KEYS:
                problems.add(
                    f"unknown key {key!r} (allowed: {', '.join(sorted(PARAM_KEYS))})", *path, key
                )
        bad = len(problems.items)
        if "value" not in table:
            problems.add("missing 'value'", *path)
        if "source" not in table:
            problems.add("missing 'source' (a seed figure, a citation, or \"assumption\")", *path)
        elif not isinstance(table["source"], str) or not table["source"].strip():
            problems.add("'source' must be a non-empty string", *path, "source")
        value = _number(table["value"], problems, *path, "value") if "value" in table else None
        rng = table.get("range")
        low = high = None
        if rng is None:
            problems.add("missing 'range' = [low, high]", *path)
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
        if len(problems.items) > bad or value is None or low is None or high is None:
            continue
        out[name] = Parameter(
            name=name,
            value=value,
            low=low,
            high=high,
            source=table["source"].strip(),
            unit=table.get("unit", ""),
            description=table.get("description", ""),
            distribution=dist,
        )
    return out


def _distribution(
    raw: Any, low: Fraction | None, high: Fraction | None, problems: _Problems, *path: str
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


def _defines(raw: Any, names: set[str], problems: _Problems) -> dict[str, sympy.Expr]:
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
            out[name] = parse_expression(text, known)
        except ExpressionError as err:
            problems.extend(err, *path)
        known.add(name)
    return out


def _payoffs(
    raw: Any,
    players: list[str],
    strategies: list[list[str]],
    names: set[str],
    problems: _Problems,
) -> tuple[tuple[np.ndarray, ...] | None, dict[tuple[int, ...], str], dict[str, int]]:
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
                    arrays[i][prof] = parse_expression(text, names)
                except ExpressionError as err:
                    problems.extend(
                        ExpressionError(f"payoff {i + 1} ({players[i]}): {err.message}"), *path
                    )
    missing = [p for p in np.ndindex(*shape) if p not in seen]
    if missing:
        shown = ", ".join(
            repr(", ".join(strategies[i][k] for i, k in enumerate(p))) for p in missing[:3]
        )
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        problems.add(f"missing outcome {shown}{more}", "payoffs")
    if problems.items:
        return None, keys, key_lines
    return tuple(arrays), keys, key_lines
