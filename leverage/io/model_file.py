"""Reading and validating model files (TOML).

The format is documented in ``docs/model-format.md``.  :func:`load` returns a
:class:`~leverage.Model` or raises the first problem as a
:class:`~leverage.errors.ModelError`; :func:`check` returns every problem found, so a
user can fix a file in one pass.  Each problem names the file, the key and the line.
Expressions are parsed by :mod:`leverage.expr.parse`, never evaluated as Python.
The validation of each section (players, strategies, parameters, defines, payoffs) is in
:mod:`leverage.io.model_sections`; this module reads the file and assembles the model.
"""

from __future__ import annotations

import os
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import sympy

from ..errors import LeverageError, ModelError
from ..games.model import Model
from ..numbers import to_sympy
from .model_sections import (
    DISTRIBUTIONS,
    MAX_PLAYERS,
    MAX_PROFILES,
    PARAM_KEYS,
    Problems,
    declared_names,
    define_degrees,
    read_defines,
    read_parameters,
    read_payoffs,
    read_players,
    read_strategy_descriptions,
)
from .positions import KeyLines

if sys.version_info >= (3, 11):  # pragma: no cover
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Largest model file read, in bytes.
MAX_FILE_BYTES = 5_000_000

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

__all__ = [
    "DISTRIBUTIONS",
    "MAX_FILE_BYTES",
    "MAX_PLAYERS",
    "MAX_PROFILES",
    "PARAM_KEYS",
    "TOP_KEYS",
    "check",
    "load",
    "loads",
    "model_from_game",
    "read_text",
]


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
    except ValueError:  # an integer beyond Python's 4,300 digits
        return None, [ModelError("invalid TOML: a number has too many digits", file=file)]
    lines = KeyLines(text)
    problems = Problems(file, lines)

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

    players, strategies = read_players(data.get("players"), problems)
    descriptions = read_strategy_descriptions(data.get("strategies"), players, strategies, problems)
    parameters = read_parameters(data.get("parameters", {}), problems)
    # a parameter or define with a problem is still a known name: its problem is reported
    # once, not again as an unknown name in every expression that uses it
    names = set(parameters) | declared_names(data.get("parameters", {}))
    defines = read_defines(data.get("define", {}), names, problems)
    used = names | set(defines) | (declared_names(data.get("define", {})) - names)
    payoffs, keys, key_lines = read_payoffs(
        data.get("payoffs"), players, strategies, used, problems, define_degrees(defines)
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
