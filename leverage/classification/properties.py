"""Structural properties of any finite game: constant-sum, symmetry, exact potential,
dominance solvability and pure equilibria.

Mathematics
-----------
*Constant-sum*: the payoffs add up to the same number in every profile (zero-sum when it is
0), tested exactly.  *Symmetric* (two players, square): ``B[i, π(k)] = A[k, π(i)]`` for a
matching ``π`` of the first player's strategies to the second's — the identity first, then
every permutation for up to :data:`MAX_SYMMETRY_SEARCH` strategies.  *Exact potential game*
(Monderer & Shapley 1996): a function ``P`` with ``u_i(s) − u_i(t_i, s_−i) = P(s) −
P(t_i, s_−i)`` for every player, profile and deviation; ``P`` is built along the path that
changes the players' strategies one at a time from the profile (0, …, 0) and then checked at
every profile, which decides the question exactly (a potential is unique up to a constant;
equivalently, every 4-cycle of unilateral deviations has zero total gain, their Corollary
2.9).  *Dominance solvable*: iterated elimination of strictly dominated strategies (by pure or
mixed strategies) leaves one profile.  *Pure equilibria*: weak ones included.

Exact payoffs are compared exactly; floats with the solver's tolerance
(:func:`leverage.solve.verify.float_tolerance`: 1e-9 times the largest payoff magnitude).

References
----------
- D. Monderer, L. S. Shapley, "Potential games", *Games and Economic Behavior* 14 (1996) 124–143.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..games.strategic import Game
from ..solve.nplayer.pure import pure_equilibria
from ..solve.verify import float_tolerance

__all__ = ["MAX_SYMMETRY_SEARCH", "Properties", "game_properties"]


def _is_zero(value: Any, tol: float) -> bool:
    """Exactly zero (a fraction), or within ``tol`` of zero (a float)."""
    if isinstance(value, Fraction):
        return value == 0
    return abs(float(value)) <= tol


@dataclass(frozen=True)
class Properties:
    """Structural properties of a finite game (see the module docstring).

    Attributes
    ----------
    size
        Strategies per player.
    constant_sum, zero_sum
        Whether the payoffs add up to the same number (zero) in every profile.
    total
        That number, when constant-sum.
    symmetric
        Two players with square payoffs and ``B[i, π(k)] = A[k, π(i)]`` for a matching ``π``.
    matching
        That matching, the second player's strategy index for each of the first player's.
    exact_potential
        Whether the game is an exact potential game.
    potential
        A potential (zero at the first profile), when there is one.
    dominance_solvable
        Whether iterated strict dominance leaves one profile.
    solution
        That profile.
    pure_equilibria
        Every pure Nash equilibrium (weak ones included).
    players, strategies
        Labels.
    """

    size: tuple[int, ...]
    constant_sum: bool
    zero_sum: bool
    total: Any
    symmetric: bool
    matching: tuple[int, ...] | None
    exact_potential: bool
    potential: np.ndarray | None = field(repr=False)
    dominance_solvable: bool
    solution: tuple[int, ...] | None
    pure_equilibria: tuple[tuple[int, ...], ...]
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()

    def _profile(self, profile: Sequence[int]) -> str:
        return ", ".join(self.strategies[i][s] for i, s in enumerate(profile))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``{"size": [2, 2], "zero_sum": false, …}``."""
        out: dict[str, Any] = {
            "size": list(self.size),
            "constant_sum": self.constant_sum,
            "zero_sum": self.zero_sum,
        }
        if self.constant_sum:
            out["total"] = _text(self.total)
        out["symmetric"] = self.symmetric
        if self.symmetric and self.matching is not None:
            if list(self.matching) != list(range(len(self.matching))):
                out["matching"] = {
                    self.strategies[0][k]: self.strategies[1][v]
                    for k, v in enumerate(self.matching)
                }
        out["exact_potential"] = self.exact_potential
        if self.potential is not None and self.potential.ndim == 2:
            out["potential"] = [[_text(v) for v in line] for line in self.potential.tolist()]
        out["dominance_solvable"] = self.dominance_solvable
        if self.solution is not None:
            out["dominance_solution"] = self._profile(self.solution)
        out["pure_equilibria"] = [self._profile(p) for p in self.pure_equilibria]
        return out


def _text(value: Any) -> Any:
    if isinstance(value, Fraction):
        return str(value)
    return float(value)


def game_properties(game: Game) -> Properties:
    """Size, constant-sum, symmetry, exact potential, dominance solvability, pure equilibria.

    Parameters
    ----------
    game
        Any finite game (exact payoffs are compared exactly; floats with a relative
        tolerance of 1e-9).

    Returns
    -------
    Properties

    Examples
    --------
    >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> p = game_properties(pd)
    >>> p.symmetric, p.exact_potential, p.dominance_solvable, p.solution, p.zero_sum
    (True, True, True, (1, 1), False)
    """
    arrays = game.payoffs
    tol = float_tolerance(arrays)
    total_arr = sum(arrays[1:], arrays[0])
    first = total_arr.flat[0]
    constant = all(_is_zero(v - first, tol) for v in total_arr.flat)
    zero = constant and _is_zero(first, tol)
    matching = _symmetry(game, tol)
    potential = _potential(arrays, tol)
    elimination = game.iterated_elimination()
    solution = tuple(r[0] for r in elimination.remaining) if elimination.solved else None
    return Properties(
        size=game.shape,
        constant_sum=constant,
        zero_sum=zero,
        total=first if constant else None,
        symmetric=matching is not None,
        matching=matching,
        exact_potential=potential is not None,
        potential=potential,
        dominance_solvable=elimination.solved,
        solution=solution,
        pure_equilibria=tuple(pure_equilibria(arrays)),
        players=game.players,
        strategies=game.strategies,
    )


#: Largest number of strategies for which every matching is tried in the symmetry test.
MAX_SYMMETRY_SEARCH = 6


def _symmetry(game: Game, tol: float) -> tuple[int, ...] | None:
    if game.n_players != 2 or game.shape[0] != game.shape[1]:
        return None
    a, b = game.payoffs
    m = game.shape[0]

    def works(pi: Sequence[int]) -> bool:
        return all(_is_zero(a[i, pi[k]] - b[k, pi[i]], tol) for i in range(m) for k in range(m))

    identity = tuple(range(m))
    if works(identity):
        return identity
    if m > MAX_SYMMETRY_SEARCH:
        return None
    return next((p for p in itertools.permutations(range(m)) if works(p)), None)


def _potential(arrays: Sequence[np.ndarray], tol: float) -> np.ndarray | None:
    shape = arrays[0].shape
    n = len(shape)
    pot = np.empty(shape, dtype=arrays[0].dtype)
    for s in itertools.product(*(range(k) for k in shape)):
        value = arrays[0][s] * 0
        for k in range(n):
            upto = s[: k + 1] + (0,) * (n - k - 1)
            before = s[:k] + (0,) * (n - k)
            value = value + arrays[k][upto] - arrays[k][before]
        pot[s] = value
    for i, u in enumerate(arrays):
        base_u = np.take(u, [0], axis=i)
        base_p = np.take(pot, [0], axis=i)
        gap = (u - base_u) - (pot - base_p)
        if not all(_is_zero(v, tol) for v in gap.flat):
            return None
    return pot
