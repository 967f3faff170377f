"""Shared pieces of the batched solver: tolerances, status codes and scaling.

The constants of :mod:`leverage.solve.batch.kernels` (its module docstring derives them),
the per-point status codes of :class:`~leverage.solve.batch.result.BatchResult`, the
float result of one chunk (:class:`FloatChunk`) and the per-point tolerance scale: the
largest absolute payoff (or a given rounding-error scale) rounded up to a power of two,
so that dividing payoffs by it is exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..structure import Structure

if TYPE_CHECKING:  # pragma: no cover
    from ..result import Solution

__all__ = [
    "BATCHED",
    "ETA",
    "EXACT",
    "FALLBACK",
    "MAX_BATCH_STRATEGIES",
    "MAX_CRAMER",
    "MAX_MESSAGES",
    "RTOL",
    "SINGULAR_CONDITION",
    "STATUS_NAMES",
    "UNDEFINED",
    "UNIT_ROUNDOFF",
    "ExactSolver",
    "FloatChunk",
    "Progress",
    "empty_rows",
    "max_abs",
    "tolerance_scale",
]

#: Relative margin below which a float decision counts as undecided.
RTOL = 1e-9
#: Largest number of strategies of a player solved in batches (beyond: point by point).
MAX_BATCH_STRATEGIES = 8
#: Condition number beyond which a solved support system counts as singular.
SINGULAR_CONDITION = 1e13
#: Largest support size solved by Cramer's rule (Laplace expansion); beyond, Gauss–Jordan.
MAX_CRAMER = 6
#: At most this many messages about undefined points are kept.
MAX_MESSAGES = 1000

#: Status codes of :attr:`BatchResult.status`.
BATCHED = 0  #: decided in floating point
FALLBACK = 1  #: ambiguous in floating point (or not finite), re-solved exactly
EXACT = 2  #: solved exactly as requested (or because the game is too large to batch)
UNDEFINED = 3  #: some payoff is undefined at this point: no equilibria

STATUS_NAMES = {BATCHED: "batched", FALLBACK: "exact", EXACT: "exact", UNDEFINED: "undefined"}

#: The unit roundoff of float64.
UNIT_ROUNDOFF = 2.0**-53
#: Bound on the relative error of normalised payoffs and their differences.
ETA = 256 * UNIT_ROUNDOFF

#: Called as ``progress(done, total)`` after each chunk.

Progress = Callable[[int, int], None]
#: ``exact_solver(i)``: the exact solution of game ``i`` (may raise EvaluationError).
ExactSolver = Callable[[int], "Solution"]


@dataclass
class FloatChunk:
    """Float results of one chunk, for its decided points only."""

    ambiguous: np.ndarray  # (Nc,) finite and ambiguous
    finite: np.ndarray  # (Nc,)
    ids: np.ndarray  # (Nc,) int32 local structure ids of decided points, -1 elsewhere
    table: list[Structure]
    counts: np.ndarray  # (Nc,) equilibria per decided point
    strategies: np.ndarray  # (E, m + n) in point order
    payoffs: np.ndarray  # (E, 2)


def max_abs(arr: np.ndarray) -> np.ndarray:
    """Largest absolute entry of each game (``nan`` propagates), without slow reductions."""
    flat = arr.reshape(len(arr), -1)
    out = np.abs(flat[:, 0])
    for c in range(1, flat.shape[1]):
        np.maximum(out, np.abs(flat[:, c]), out=out)
    return out


def tolerance_scale(amax: np.ndarray, given: np.ndarray | None) -> np.ndarray:
    """The tolerance scale, rounded up to a power of two so that dividing payoffs by it
    is exact (equal payoffs stay equal, differences keep their sign)."""
    s = amax if given is None else np.maximum(amax, given)
    s = np.where(s == 0, 1.0, s)
    # 2**floor(log2 s), by clearing the mantissa bits, then doubled: a power of two >= s
    # (subnormal s give 0 here and are replaced by the smallest normal number)
    bits = s.view(np.int64) & np.int64(0x7FF0000000000000)
    power = bits.view(np.float64) * 2.0
    return np.where(power > 0, power, np.finfo(np.float64).tiny)


def empty_rows(width: int) -> np.ndarray:
    """An empty ``(0, width)`` float array (no equilibrium rows)."""
    return np.zeros((0, width))
