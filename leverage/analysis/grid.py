"""The grids of a sweep: exact rational grids as floats, and the check of a grid.

:func:`grid_values` gives ``steps`` evenly spaced values between two exact ends, each the
float nearest to its point of the exact rational grid
``start + (stop - start)·k/(steps - 1)`` (so ``0:10:1001`` contains exactly ``7.6``,
where ``numpy.linspace`` gives ``7.6000000000000005``); it is what ``leverage sweep
--param NAME=START:STOP:STEPS`` sweeps.  :func:`check_grid` validates the grid mapping
given to :func:`leverage.analysis.sweep.sweep`.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ParameterError, TooLargeError

if TYPE_CHECKING:  # pragma: no cover
    from ..games.model import Model

__all__ = ["MAX_STEPS", "check_grid", "grid_values"]

#: The most points of one grid axis (8 bytes each: 800 MB of floats).
MAX_STEPS = 100_000_000


def grid_values(start: Fraction | int | str, stop: Fraction | int | str, steps: int) -> np.ndarray:
    """``steps`` evenly spaced values from ``start`` to ``stop``, each the float nearest
    to the exact rational grid point (so ``0:10:1001`` contains exactly ``7.6``).

    Parameters
    ----------
    start, stop
        The ends of the grid (both included), exact: fractions, integers or strings
        such as ``"1/3"`` or ``"0.1"`` (read by :class:`fractions.Fraction`).
    steps
        The number of points, at least 1 (one point: ``start``).

    Returns
    -------
    numpy.ndarray
        ``float(start + (stop - start) * k / (steps - 1))`` for ``k = 0 … steps - 1``,
        each correctly rounded.

    Raises
    ------
    ParameterError
        ``steps`` below 1.
    TooLargeError
        ``steps`` above :data:`MAX_STEPS` (the grid would not fit in memory).

    Examples
    --------
    >>> float(grid_values(0, 10, 1001)[760])
    7.6
    >>> grid_values("1/3", 1, 3).tolist()
    [0.3333333333333333, 0.6666666666666666, 1.0]
    """
    start, stop = Fraction(start), Fraction(stop)
    if steps < 1:
        raise ParameterError("a grid needs at least one step")
    if steps > MAX_STEPS:
        raise TooLargeError(f"a grid has at most {MAX_STEPS:,} steps, got {steps:,}")
    if steps == 1:
        return np.array([float(start)])
    n = steps - 1
    den = start.denominator * stop.denominator * n
    first = start.numerator * stop.denominator * n
    step = stop.numerator * start.denominator - start.numerator * stop.denominator
    if max(abs(first), abs(first + step * n), den) < 2**53:
        k = np.arange(steps, dtype=np.float64)
        return (first + step * k) / den  # exact integers, one correctly rounded division
    return np.array([float(start + (stop - start) * Fraction(k, n)) for k in range(steps)])


def check_grid(
    model: Model, grid: Mapping[str, Any], values: Mapping[str, Any]
) -> tuple[tuple[str, ...], tuple[np.ndarray, ...]]:
    """The swept parameters and their values as float arrays, checked.

    Parameters
    ----------
    model
        The model swept.
    grid
        One or two parameter names, each mapped to its values.
    values
        The other parameters' values (a swept parameter must not be among them).

    Returns
    -------
    tuple
        The names, in grid order, and one float array of values per name.

    Raises
    ------
    ParameterError
        Not one or two parameters, a parameter both swept and fixed, values that are
        not a non-empty 1-D sequence of finite numbers in a sensible range, or values
        outside the parameter's range (an unknown name too).
    """
    if not isinstance(grid, Mapping) or not 1 <= len(grid) <= 2:
        raise ParameterError("a sweep takes a mapping of one or two parameters to their values")
    names = tuple(grid)
    axes = []
    for name in names:
        if name in values:
            raise ParameterError(
                f"parameter {name!r} is both swept and fixed; give it one way only",
                file=model.path,
            )
        try:
            arr = np.array(grid[name], dtype=np.float64)
        except (TypeError, ValueError):
            raise ParameterError(f"values of {name!r} must be numbers") from None
        if arr.ndim != 1 or not len(arr):
            raise ParameterError(f"values of {name!r} must be a non-empty 1-D sequence")
        if not np.isfinite(arr).all():
            raise ParameterError(f"values of {name!r} must be finite numbers")
        size = np.abs(arr)
        odd = (arr != 0) & ((size < 1e-300) | (size >= 1e300))
        if odd.any():  # as leverage.games.model.parse_value, which the exact fallback uses
            raise ParameterError(
                f"{name}: value {arr[odd][0]!r} is out of any sensible range", file=model.path
            )
        # range check (and unknown names) by the model, on the extreme values
        model.values({**values, name: float(arr.min())})
        model.values({**values, name: float(arr.max())})
        axes.append(arr)
    return names, tuple(axes)
