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
from .model_strict import strict_problems
from .positions import KeyLines
from .source import BOM, STDIN_NAME, is_nfg, read_bytes, source_name

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
    """Read a TOML model file (``"-"``: standard input), refusing huge or undecodable ones
    with a ModelError."""
    return _decode(read_bytes(path, MAX_FILE_BYTES), source_name(path))


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise ModelError(f"file is too large (more than {MAX_FILE_BYTES:,} bytes)", file=name)
    if data.startswith(BOM):
        raise ModelError(
            "the file starts with a UTF-8 byte-order mark (BOM), which TOML does not allow: "
            "save it as UTF-8 without a BOM",
            file=name,
            line=1,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ModelError(f"not UTF-8 text (byte {err.start})", file=name) from None


def _read(path: str | os.PathLike[str]) -> tuple[str, bytes, bool]:
    """The name, the bytes and whether it is a ``.nfg`` game (by extension or content)."""
    from .gambit import MAX_FILE_BYTES as NFG_BYTES

    data = read_bytes(path, max(MAX_FILE_BYTES, NFG_BYTES))
    return source_name(path), data, is_nfg(path, data)


def check(path: str | os.PathLike[str], *, strict: bool = False) -> list[ModelError]:
    """Every problem in a model file (an empty list when it is valid).

    Parameters
    ----------
    path
        A ``.toml`` model file or a Gambit ``.nfg`` game (recognised by its content too);
        ``"-"`` reads standard input.
    strict
        Also hold the file to the standard of a published model: a ``description``, and
        for every parameter a ``range``, a ``unit`` and a ``source``.
    """
    try:
        name, data, nfg = _read(path)
        if nfg:
            _nfg_model(data, name)
            return [_strict_nfg(name)] if strict else []
        text = _decode(data, name)
    except ModelError as err:
        return [err]
    return _parse(text, name, strict=strict)[1]


def load(path: str | os.PathLike[str]) -> Model:
    """Read and validate a model file.

    Parameters
    ----------
    path
        A ``.toml`` model file, or a Gambit ``.nfg`` game (read as a model without
        parameters), recognised by its extension or else by its content; ``"-"`` reads
        standard input (named ``<stdin>`` in messages).

    Returns
    -------
    Model

    Raises
    ------
    ModelError
        The first problem found, naming file, key and line; ``err.problems`` lists
        all of them.
    """
    name, data, nfg = _read(path)
    if nfg:
        return _nfg_model(data, name)
    return loads(_decode(data, name), file=name)


def _nfg_model(data: bytes, name: str) -> Model:
    from .gambit import parse_nfg_bytes_with_comment

    game, comment = parse_nfg_bytes_with_comment(data, file=name)
    return model_from_game(game, path=name, description=comment)


def _strict_nfg(name: str) -> ModelError:
    return ModelError(
        "strict: a .nfg game has no description, units or sources; convert it to a model file",
        file=name,
    )


def loads(text: str, *, file: str = "<string>") -> Model:
    """Read and validate a model from TOML text (see :func:`load`)."""
    model, problems = _parse(text, file)
    if problems:
        first = problems[0]
        first.problems = problems  # type: ignore[attr-defined]
        raise first
    assert model is not None
    return model


def model_from_game(
    game: Any, *, path: str | None = None, description: str = "", like: Model | None = None
) -> Model:
    """Wrap a plain :class:`~leverage.Game` as a model without parameters.

    Parameters
    ----------
    game
        The game.
    path
        The file it was read from, if any (its name is the title of an untitled game).
    description
        The model's description, e.g. a ``.nfg`` file's comment.
    like
        The model ``game`` was evaluated from (``like.game(values)``): its title,
        description, references, metadata and strategy descriptions are kept, and the
        description says at which parameter values the game was taken.
    """
    payoffs = tuple(
        np.vectorize(to_sympy, otypes=[object])(a)
        if game.exact
        else np.vectorize(sympy.Float, otypes=[object])(a)
        for a in game.payoffs
    )
    extra: dict[str, Any] = {}
    if like is not None:
        path = path or like.path
        description = description or like.description
        if game.parameters:
            values = ", ".join(f"{k} = {v}" for k, v in game.parameters.items())
            description = f"{description}\n\nThe game at {values}.".strip()
        extra = {
            "references": like.references,
            "strategy_descriptions": dict(like.strategy_descriptions),
            "authors": like.authors,
            "tags": like.tags,
            "notes": like.notes,
            "version": like.version,
        }
    return Model(
        title=game.title or (Path(path).stem if path and path != STDIN_NAME else ""),
        description=description,
        players=game.players,
        strategies=game.strategies,
        parameters={},
        defines={},
        payoffs=payoffs,
        path=path,
        **extra,
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


def _parse(text: str, file: str, *, strict: bool = False) -> tuple[Model | None, list[ModelError]]:
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
    if not isinstance(description, str):
        problems.add("'description' must be a string", "description")
        description = ""
    references = data.get("references", [])
    if not isinstance(references, list) or not all(isinstance(r, str) for r in references):
        problems.add("'references' must be a list of strings", "references")
        references = []
    # metadata, unused in computations but kept in the model so that writing it back
    # (leverage.io.model_toml) loses nothing
    lists: dict[str, Any] = {}
    for key in ("authors", "tags"):
        lists[key] = data.get(key, [])
        if not isinstance(lists[key], list) or not all(isinstance(v, str) for v in lists[key]):
            problems.add(f"'{key}' must be a list of strings", key)
            lists[key] = []
    texts: dict[str, Any] = {}
    for key in ("notes", "version"):
        texts[key] = data.get(key, "")
        if not isinstance(texts[key], str):
            problems.add(f"'{key}' must be a string", key)
            texts[key] = ""

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
    if strict:
        strict_problems(data, problems)
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
        authors=tuple(lists["authors"]),
        tags=tuple(lists["tags"]),
        notes=texts["notes"],
        version=texts["version"],
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
