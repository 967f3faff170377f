"""Pure-strategy Nash equilibria and best responses of n-player games.

A profile ``s`` is a (weak) pure Nash equilibrium when every player's strategy is a
best response: ``u_i(s) ≥ u_i(t_i, s_{-i})`` for every player ``i`` and strategy
``t_i``.  Ties are kept, so weak equilibria are reported too.  Computed with one
maximum per player along its own axis (exact on object arrays of fractions).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def best_response_masks(payoffs: Sequence[np.ndarray]) -> list[np.ndarray]:
    """For each player, a boolean array marking profiles where it best-responds.

    Parameters
    ----------
    payoffs
        One payoff array per player, all of shape ``(k_1, ..., k_n)``.

    Returns
    -------
    list of numpy.ndarray
        ``masks[i][s]`` is true when ``s_i`` is a best response of player ``i`` to
        ``s_{-i}``.
    """
    masks = []
    for i, arr in enumerate(payoffs):
        best = np.max(arr, axis=i, keepdims=True)
        masks.append(np.asarray(arr == best, dtype=bool))
    return masks


def pure_equilibria(payoffs: Sequence[np.ndarray]) -> list[tuple[int, ...]]:
    """Every pure-strategy Nash equilibrium, weak ones included.

    Parameters
    ----------
    payoffs
        One payoff array per player.

    Returns
    -------
    list of tuple of int
        Profiles (strategy indices) in lexicographic order.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.array([[3, 0], [5, 1]]); b = a.T
    >>> pure_equilibria([a, b])
    [(1, 1)]
    """
    masks = best_response_masks(payoffs)
    both = np.logical_and.reduce(masks)
    return [tuple(int(v) for v in idx) for idx in zip(*np.nonzero(both), strict=True)]
