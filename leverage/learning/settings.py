"""The inputs of a learning run: starting profiles, run lengths, seeds and the recording
grid, shared by :mod:`~leverage.learning.fictitious_play` and
:mod:`~leverage.learning.replicator`.

A starting profile is one probability vector per player, read in exact rationals: each
entry lies in ``[0, 1]`` and each vector sums to exactly 1 (floats are read as typed, so
``0.1`` is ``1/10``).  The default start is the uniform profile ``(1/m, …; 1/n, …)``.

The trajectory is recorded at a grid of steps, not at every step: for fictitious play a
geometric grid in rounds (the empirical frequencies move by ``O(1/t)`` in round ``t``),
for the replicator dynamics an even grid in time; both include ``0``, the last step, the
tenths of the run and, for fictitious play, the round numbers 1, 2, 5, 10, 20, 50, …

The scale of a game is the largest range ``R = max_i (max A_i − min A_i)`` of a player's
payoffs: it sets the replicator step and the regret tolerance, so that neither depends on
the payoff unit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ParameterError, TooLargeError, UnsupportedError

if TYPE_CHECKING:  # pragma: no cover
    from ..games.strategic import Game

Number = Fraction | float
Profile = tuple[tuple[Number, ...], ...]
Progress = Callable[[int, int], None]

#: The learning rules, by their command-line names.
RULES = ("fictitious-play", "replicator")
#: Largest number of rounds (fictitious play) or integration steps (replicator).
MAX_STEPS = 1_000_000
#: Default length of a run, per rule.
DEFAULT_STEPS = {"fictitious-play": 10_000, "replicator": 2000}
#: Default number of recorded points of the trajectory (plus a few round numbers).
DEFAULT_POINTS = 1000
#: Default replicator step, in units of 1 / (largest payoff range).
SCALED_STEP = 0.05
#: Largest accepted ``dt · R`` (far inside RK4's stability region).
MAX_SCALED_STEP = 0.5

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)(/\d+)?")


def as_probability(value: Any, what: str) -> Fraction:
    """Read one probability (or other non-negative rational) exactly.

    Parameters
    ----------
    value
        An int, Fraction, finite float (read as typed: ``0.1`` is ``1/10``) or a string
        such as ``"0.25"`` or ``"1/3"``.
    what
        What the value is, for the error message (``"start of Row"``, ``"weight"``).

    Returns
    -------
    Fraction
        The value; its range is not checked here.

    Raises
    ------
    ParameterError
        A bool, a non-finite float, or text that is not a decimal or a fraction.
    """
    if isinstance(value, bool):
        raise ParameterError(f"{what}: {value!r} is not a probability")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise ParameterError(f"{what}: {value!r} is not a probability")
        return Fraction(repr(float(value)))  # 0.1 means 1/10, as typed
    text = str(value).strip()
    if len(text) > 60 or not _NUMBER.fullmatch(text):
        raise ParameterError(f"{what}: {text!r} is not a number (use e.g. 0.25 or 1/3)")
    try:
        return Fraction(text)
    except ZeroDivisionError:
        raise ParameterError(f"{what}: {text!r} divides by zero") from None


def check_start(start: Sequence[Sequence[Any]], game: Game) -> tuple[tuple[Fraction, ...], ...]:
    """Validate a starting profile: one probability vector per player, summing to 1.

    Parameters
    ----------
    start
        For each player, the probability of each of its strategies in file order.
        Entries may be ints, Fractions, strings (``"1/3"``, ``"0.25"``) or floats
        (read as typed: ``0.1`` is ``1/10``).
    game
        The game the profile is for.

    Returns
    -------
    tuple of tuple of Fraction
        The profile in exact rationals.

    Raises
    ------
    ParameterError
        Wrong number of players or strategies, a probability outside ``[0, 1]``, or a
        vector whose sum is not exactly 1.
    """
    if len(start) != game.n_players:
        raise ParameterError(
            f"the start needs one probability vector per player "
            f"({game.n_players}), got {len(start)}"
        )
    out = []
    for player, labels, probs in zip(game.players, game.strategies, start, strict=True):
        what = f"start of {player}"
        if len(probs) != len(labels):
            raise ParameterError(
                f"{what}: {len(labels)} probabilities needed ({', '.join(labels)}), "
                f"got {len(probs)}"
            )
        vector = tuple(as_probability(p, what) for p in probs)
        if any(p < 0 or p > 1 for p in vector):
            raise ParameterError(f"{what}: probabilities must lie between 0 and 1")
        total = sum(vector, Fraction(0))
        if total != 1:
            raise ParameterError(f"{what}: probabilities must sum to 1, they sum to {total}")
        out.append(vector)
    return tuple(out)


def parse_start(text: str, game: Game) -> tuple[tuple[Fraction, ...], ...]:
    """Read a starting profile written on the command line.

    Players are separated by ``;`` and probabilities by ``,``.  A player with two
    strategies may give only the probability of its first one, so ``"0.8,0.3"`` is a
    start for a 2×2 game; otherwise every probability is listed, players in order
    (``"1/2,1/4,1/4;1/3,1/3,1/3"``; without ``;`` the vectors are read one after the
    other).

    Raises
    ------
    ParameterError
        Malformed numbers or probabilities (see :func:`check_start`).

    Examples
    --------
    >>> from leverage.games.strategic import Game
    >>> g = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [[str(p) for p in s] for s in parse_start("0.8, 1/3", g)]
    [['4/5', '1/5'], ['1/3', '2/3']]
    """
    shape = game.shape
    parts = [p.strip() for p in text.split(";")]
    if len(parts) == 1:
        values = [v.strip() for v in parts[0].split(",")]
        if len(values) == len(shape) and all(k == 2 for k in shape):
            parts = values
        elif len(values) == sum(shape):
            parts, at = [], 0
            for k in shape:
                parts.append(",".join(values[at : at + k]))
                at += k
        else:
            raise ParameterError(
                f"starting point {text!r}: give one probability per player with two "
                f"strategies or all {sum(shape)} probabilities, players separated by ';' "
                f"(e.g. {_start_example(shape)})"
            )
    if len(parts) != len(shape):
        raise ParameterError(
            f"starting point {text!r}: {len(shape)} players need {len(shape)} parts "
            "separated by ';'"
        )
    start: list[list[Any]] = []
    for player, k, part in zip(game.players, shape, parts, strict=True):
        values = [v.strip() for v in part.split(",")]
        if len(values) == 1 and k == 2:
            first = as_probability(values[0], f"start of {player}")
            start.append([first, 1 - first])
        else:
            start.append(values)
    return check_start(start, game)


def _start_example(shape: Sequence[int]) -> str:
    if all(k == 2 for k in shape):
        return ",".join("0.5" for _ in shape)
    return ";".join(",".join(f"1/{k}" for _ in range(k)) for k in shape)


def check_steps(steps: Any) -> int:
    """The number of rounds or integration steps, checked to lie in ``1 … MAX_STEPS``.

    Raises
    ------
    ParameterError
        Not an integer, or less than 1.
    TooLargeError
        More than :data:`MAX_STEPS`.
    """
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)):
        raise ParameterError(f"the number of steps must be an integer, got {steps!r}")
    if steps < 1:
        raise ParameterError("the number of steps must be at least 1")
    if steps > MAX_STEPS:
        raise TooLargeError(f"at most {MAX_STEPS:,} steps are allowed, got {int(steps):,}")
    return int(steps)


def check_seed(seed: Any) -> int | None:
    """A seed for ``numpy.random.PCG64``: ``None`` or a non-negative integer.

    Raises
    ------
    ParameterError
        Anything else.
    """
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ParameterError(f"the seed must be a non-negative integer, got {seed!r}")
    return int(seed)


def check_run(
    game: Game,
    steps: Any,
    start: Sequence[Sequence[Any]] | None,
    points: Any,
    tolerance: Any,
) -> tuple[int, tuple[tuple[Fraction, ...], ...], int, float]:
    """Validate the options every rule shares.

    Returns
    -------
    tuple
        ``(steps, start, points, tolerance)``: the start as exact rationals (uniform when
        ``start`` is ``None``).

    Raises
    ------
    UnsupportedError
        The game does not have exactly two players.
    ParameterError, TooLargeError
        A bad step count, start, number of recorded points or tolerance.
    """
    if game.n_players != 2:
        raise UnsupportedError(
            f"learning dynamics are implemented for two-player games; this game has "
            f"{game.n_players} players"
        )
    steps = check_steps(steps)
    if start is None:
        profile = tuple(tuple(Fraction(1, k) for _ in range(k)) for k in game.shape)
    else:
        profile = check_start(start, game)
    if isinstance(points, bool) or not isinstance(points, (int, np.integer)) or points < 1:
        raise ParameterError("the number of recorded points must be a positive integer")
    if points > 100_000:
        raise TooLargeError("at most 100,000 recorded points are allowed")
    tolerance = float(tolerance)
    if not 0 < tolerance < 1:
        raise ParameterError("the tolerance must lie strictly between 0 and 1")
    return steps, profile, int(points), tolerance


def payoff_ranges(game: Game) -> tuple[float, float]:
    """Each player's payoff range ``max A_i − min A_i`` (``0.0`` for an empty array)."""
    try:
        ranges = tuple(float(np.max(a) - np.min(a)) if a.size else 0.0 for a in game.payoffs)
    except OverflowError:
        ranges = (math.inf,)
    if not all(math.isfinite(r) for r in ranges):
        raise TooLargeError(
            "a payoff is too large for floating-point arithmetic (over 1.8e308 in magnitude)"
        )
    return ranges  # type: ignore[return-value]


def round_numbers(n: int) -> list[int]:
    """0, 1, 2, 5, 10, 20, 50, … up to ``n``, and ``n``.

    Examples
    --------
    >>> round_numbers(300)
    [0, 1, 2, 5, 10, 20, 50, 100, 200, 300]
    """
    out = [0]
    scale = 1
    while scale <= n:
        out += [k * scale for k in (1, 2, 5) if k * scale <= n]
        scale *= 10
    if out[-1] != n:
        out.append(n)
    return out


def record_steps(steps: int, points: int, geometric: bool) -> np.ndarray:
    """The steps at which a run of ``steps`` steps records its state.

    About ``points`` steps spaced geometrically (from 1, with the round numbers of
    :func:`round_numbers`) or evenly (from 0), plus 0, the tenths of the run and the
    last step; sorted, without repeats, as an ``int64`` array.
    """
    marks = set(round_numbers(steps)) if geometric else set()
    marks |= {round(steps * k / 10) for k in range(11)}
    if geometric:
        grid = np.geomspace(1, steps, points)
    else:
        grid = np.linspace(0, steps, points + 1)
    marks |= set(np.round(grid).astype(int).tolist())
    marks |= {0, steps}
    return np.array(sorted(marks), dtype=np.int64)
