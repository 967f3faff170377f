"""The writer of Gambit ``.nfg`` files: :func:`write_nfg`, exact rational payoffs.

The file format is described in :mod:`leverage.io.gambit`.  The outcome version (what
Gambit itself writes) lists strategy labels, one outcome per profile named after its
strategy labels, and the outcome indices; the payoff version a flat payoff list, one profile
per line, the first player's strategy changing fastest.  Exact payoffs are written as
integers or reduced fractions, floats as the fraction equal to their shortest decimal
representation, so that reading the file back gives the same numbers.  The title and the
comment (Gambit's game description) are quoted strings, a quote and a backslash escaped.
A number is at most :data:`~leverage.io.gambit.lexer.MAX_NUMBER_CHARS` characters long,
the limit of the reader (and about Python's own limit on the digits of an integer,
which pygambit's reader is subject to): a payoff beyond it is refused, naming its profile,
rather than written into a file that neither reads back.

References
----------
The Gambit Project, "Game representation formats",
https://gambitproject.readthedocs.io/en/latest/formats.html (sections "The strategic game
(.nfg) file format, payoff version" and "..., outcome version").
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from ...errors import ModelError
from ...games.strategic import Game
from .lexer import MAX_NUMBER_CHARS

__all__ = ["write_nfg"]


def write_nfg(
    game: Game, *, version: Literal["payoff", "outcome"] = "outcome", comment: str = ""
) -> str:
    """Serialise a game as a Gambit ``.nfg`` file with exact rational payoffs.

    Parameters
    ----------
    game
        The game to write.  Exact payoffs are written as integers (``3``) or reduced
        fractions (``22/25``); float payoffs as the fraction equal to their shortest
        decimal representation (``0.1`` is written ``1/10``), which converts back to the
        same float.
    version
        ``"outcome"`` (default, what Gambit itself writes): strategy labels, one outcome
        per profile named after its strategy labels, then the outcome indices.
        ``"payoff"``: a flat payoff list, one profile per line; the prologue gives
        strategy counts (``{ 3 2 }``) when every player's labels are the defaults
        ``"1"``, ``"2"``, ..., and the labels otherwise so that they survive the round trip
        (Gambit reads both).
    comment
        The file's comment, Gambit's description of the game (e.g. a model's
        description); by default none.

    Returns
    -------
    str
        The file's text, always ``NFG 1 R``, ending with a newline.  Quotes and
        backslashes in labels are escaped with a backslash.  The output depends only on
        the game.

    Raises
    ------
    ModelError
        If a payoff is not finite or not a rational number, or is written with more than
        :data:`~leverage.io.gambit.lexer.MAX_NUMBER_CHARS` characters.
    ValueError
        If ``version`` is neither ``"payoff"`` nor ``"outcome"``.

    Examples
    --------
    >>> g = Game.from_arrays([[1, 0]], [[2, 3]], title="Tiny")
    >>> print(write_nfg(g, version="payoff"), end="")
    NFG 1 R "Tiny" { "1" "2" } { 1 2 }
    <BLANKLINE>
    1 2
    0 3
    """
    if version not in ("payoff", "outcome"):
        raise ValueError(f"version must be 'payoff' or 'outcome', not {version!r}")
    players = [str(p) for p in game.players]
    strategies = [[str(s) for s in labels] for labels in game.strategies]
    shape = tuple(len(s) for s in strategies)
    cache: dict[Any, str] = {}

    def fmt(value: Any) -> str:
        # keyed by type too: 0.1 == Fraction(0.1) but they are written differently
        key = (type(value), value)
        try:
            return cache[key]
        except (KeyError, TypeError):
            pass
        text = _format_number(value)
        try:
            cache[key] = text
        except TypeError:  # pragma: no cover - unhashable payload
            pass
        return text

    # profiles with the first player's strategy changing fastest (Gambit's order), which
    # is NumPy's Fortran order
    columns = []
    for i, arr in enumerate(game.payoffs):
        flat = np.asarray(arr).ravel(order="F").tolist()
        try:
            columns.append([fmt(v) for v in flat])
        except ModelError as err:
            k = next(k for k, v in enumerate(flat) if not _writable(v))
            profile = np.unravel_index(k, shape, order="F")
            where = ", ".join(strategies[j][int(s)] for j, s in enumerate(profile))
            raise ModelError(f"payoff of {players[i]!r} at ({where}): {err.message}") from None
    rows = list(zip(*columns, strict=True))

    head = f"NFG 1 R {_quote(game.title)} {{ {' '.join(_quote(p) for p in players)} }}"
    lines: list[str]
    if version == "payoff":
        defaults = all(labels == [str(k + 1) for k in range(len(labels))] for labels in strategies)
        if defaults:
            lines = [f"{head} {{ {' '.join(str(k) for k in shape)} }}"]
            lines += [_quote(comment), ""] if comment else [""]
        else:
            lines = [head, "", *_strategy_block(strategies), _quote(comment), ""]
        lines += [" ".join(row) for row in rows]
    else:
        lines = [head, "", *_strategy_block(strategies), _quote(comment), "", "{"]
        names = (", ".join(rev[::-1]) for rev in itertools.product(*reversed(strategies)))
        for name, row in zip(names, rows, strict=True):
            lines.append(f"{{ {_quote(name)} {', '.join(row)} }}")
        lines.append("}")
        indices = [str(k + 1) for k in range(len(rows))]
        lines += [" ".join(indices[i : i + 20]) for i in range(0, len(indices), 20)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------- writing helpers
def _quote(label: str) -> str:
    escaped = label.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _strategy_block(strategies: Sequence[Sequence[str]]) -> list[str]:
    body = [f"{{ {' '.join(_quote(s) for s in labels)} }}" for labels in strategies]
    body[0] = "{ " + body[0]
    return [*body, "}"]


def _writable(value: Any) -> bool:
    try:
        _format_number(value)
    except ModelError:
        return False
    return True


def _format_number(value: Any) -> str:
    if isinstance(value, (bool, np.bool_)):
        value = int(value)
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(float(value)):
            raise ModelError(f"payoff {float(value)!r} is not finite and cannot be written")
        return str(Fraction(repr(float(value))))
    if isinstance(value, (int, np.integer)):
        value = Fraction(int(value))
    try:
        exact = Fraction(value)
    except (TypeError, ValueError) as exc:
        raise ModelError(f"payoff {value!r} is not a rational number") from exc
    # bound the length before converting to text (Python refuses to print integers of
    # more than 4300 digits): 3.33 bits per digit, so this bound is never too small
    bits = exact.numerator.bit_length() + exact.denominator.bit_length()
    if bits > 3.33 * MAX_NUMBER_CHARS:
        raise ModelError(_too_long(f"about {int(bits * math.log10(2)):,} digits"))
    text = str(exact)
    if len(text) > MAX_NUMBER_CHARS:
        raise ModelError(_too_long(f"{len(text):,} characters"))
    return text


def _too_long(size: str) -> str:
    return (
        f"the number has {size}, more than a .nfg number may have ({MAX_NUMBER_CHARS:,} characters)"
    )
