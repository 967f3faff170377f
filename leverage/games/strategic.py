"""Games in strategic (normal) form with labelled players and strategies.

A :class:`Game` holds one payoff array per player, indexed by pure-strategy profiles:
``payoffs[i][s_1, ..., s_n]`` is player ``i``'s payoff when player ``k`` plays its
strategy ``s_k``.  Payoffs are exact (``fractions.Fraction`` in object arrays) whenever
they are rational; otherwise, or on request, floats.  Solvers work on these arrays and
know nothing of model files.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ModelError, UnsupportedError
from ..numbers import to_fraction
from ..records import Record
from ..version import pip_hint

if TYPE_CHECKING:  # pragma: no cover
    from ..solve.dominance import DominanceResult
    from ..solve.result import Solution

Number = Fraction | float


def _as_fraction(value: Any) -> Fraction:
    """A payoff as an exact rational (floats by their exact binary value, strings such as
    ``"1/3"`` parsed); a non-finite float raises :class:`~leverage.errors.ModelError`."""
    if isinstance(value, (float, np.floating)) and not np.isfinite(value):
        raise ModelError(f"payoff {value!r} is not finite")
    return to_fraction(value, inexact=True)


@dataclass(frozen=True, eq=False)
class Game(Record):
    """A finite game in strategic form.

    Parameters
    ----------
    players
        Player names, in order.
    strategies
        For each player, its strategy labels in order.
    payoffs
        One array per player of shape ``tuple(len(s) for s in strategies)``; object
        arrays of :class:`fractions.Fraction` when ``exact``, ``float64`` otherwise.
    exact
        Whether payoffs are exact rationals.
    title
        A human-readable title.
    parameters
        The parameter values the game was built at (empty for a plain game).

    Examples
    --------
    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                      players=("Row", "Column"),
    ...                      strategies=(("C", "D"), ("C", "D")))
    >>> g.shape
    (2, 2)
    >>> g.payoff_profile((1, 1))
    (Fraction(1, 1), Fraction(1, 1))
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: tuple[np.ndarray, ...]
    exact: bool = True
    title: str = ""
    parameters: dict[str, Number] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n = len(self.players)
        if n < 1 or len(self.strategies) != n or len(self.payoffs) != n:
            raise ModelError("a game needs one strategy list and one payoff array per player")
        shape = tuple(len(s) for s in self.strategies)
        for i, arr in enumerate(self.payoffs):
            if arr.shape != shape:
                raise ModelError(
                    f"payoff array of player {self.players[i]!r} has shape {arr.shape}, "
                    f"expected {shape}"
                )

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_arrays(
        cls,
        *arrays: Any,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        exact: bool | None = None,
        title: str = "",
    ) -> Game:
        """Build a game from one payoff array per player.

        As in nashpy, ``Game.from_arrays(A)`` with a single matrix is the zero-sum game
        in which the column player's payoffs are ``-A``.

        Parameters
        ----------
        *arrays
            Array-likes of equal shape, one per player (two for a bimatrix game; one
            matrix alone for a two-player zero-sum game).
            Entries may be ints, Fractions, decimal strings (``"0.88"``) or floats.
        players, strategies
            Labels; default ``("1", "2", ...)`` and ``("1", "2", ...)`` per player.
        exact
            ``True`` converts every entry to an exact rational (floats by their exact
            binary value); ``False`` stores floats; ``None`` (default) is exact unless
            some entry is a float.
        title
            Optional title.

        Examples
        --------
        >>> pennies = Game.from_arrays([[1, -1], [-1, 1]])
        >>> pennies.payoffs[1].tolist()
        [[Fraction(-1, 1), Fraction(1, 1)], [Fraction(1, 1), Fraction(-1, 1)]]
        """
        if not arrays:
            raise ModelError("at least one payoff array is required")
        objs = [np.array(a, dtype=object) for a in arrays]
        shape = objs[0].shape
        if any(o.shape != shape for o in objs):
            raise ModelError("payoff arrays must all have the same shape")
        zero_sum = len(objs) == 1 and len(shape) == 2
        n = 2 if zero_sum else len(objs)
        if len(objs) == 1 and len(shape) != 1 and not zero_sum:
            raise ModelError(
                "one payoff array is a zero-sum game's 2-dimensional matrix or a "
                f"one-player game's vector, got shape {shape}"
            )
        if len(shape) != n:
            # a single 2-D array per player is the bimatrix case; anything else must match
            raise ModelError(f"{n} players need {n}-dimensional payoff arrays, got {shape}")
        if exact is None:
            exact = not any(isinstance(v, (float, np.floating)) for o in objs for v in o.flat)
        if exact:
            payoffs = tuple(_to_fraction_array(o) for o in objs)
        else:
            payoffs = tuple(np.array(o, dtype=float) for o in objs)
        if zero_sum:
            payoffs = (payoffs[0], -payoffs[0])
        players = tuple(players) if players is not None else tuple(str(i + 1) for i in range(n))
        if strategies is None:
            strategies = [tuple(str(k + 1) for k in range(size)) for size in shape]
        return cls(
            players=tuple(players),
            strategies=tuple(tuple(s) for s in strategies),
            payoffs=payoffs,
            exact=bool(exact),
            title=title,
        )

    @classmethod
    def from_nashpy(
        cls,
        game: Any,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        exact: bool | None = None,
        title: str = "",
    ) -> Game:
        """A game read from a :class:`nashpy.Game`, to solve it exactly.

        nashpy computes in floating point, and its enumeration can miss equilibria of
        games with ties through round-off; ``Game.from_nashpy(g).equilibria()`` lists
        every equilibrium, each verified in exact rational arithmetic.

        Parameters
        ----------
        game
            A ``nashpy.Game`` (anything with a ``payoff_matrices`` pair of arrays); a
            zero-sum game built as ``nashpy.Game(A)`` carries ``(A, -A)``.
        players, strategies, exact, title
            As for :meth:`from_arrays`: integer payoffs are exact, float payoffs are
            floats unless ``exact=True`` (then each is read by its exact binary value).

        Examples
        --------
        >>> import nashpy
        >>> g = Game.from_nashpy(nashpy.Game([[1, -1], [-1, 1]]))
        >>> [eq.strategies for eq in g.equilibria()]
        [((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))]
        """
        matrices = getattr(game, "payoff_matrices", None)
        if matrices is None:
            raise ModelError(
                f"expected a nashpy.Game (with payoff_matrices), got {type(game).__name__}"
            )
        arrays = [np.asarray(m) for m in matrices]
        return cls.from_arrays(
            *[a.tolist() for a in arrays],
            players=players,
            strategies=strategies,
            exact=exact,
            title=title,
        )

    def to_nashpy(self) -> Any:
        """This two-player game as a :class:`nashpy.Game` (payoffs as floats).

        Needs nashpy (``pip install 'leverage-games[nashpy]'``).  The conversion to floats
        is nashpy's arithmetic: ``Game.from_nashpy(g.to_nashpy())`` has the payoffs of
        ``g.as_float()``.

        Raises
        ------
        UnsupportedError
            For a game that does not have exactly two players.
        """
        if self.n_players != 2:
            raise UnsupportedError(f"nashpy games have two players; this one has {self.n_players}")
        try:
            import nashpy
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise UnsupportedError(f"to_nashpy needs nashpy: {pip_hint('nashpy')}") from exc
        row, column = (np.array(a, dtype=float) for a in self.payoffs)
        return nashpy.Game(row, column)

    # ------------------------------------------------------------------ basic facts
    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(len(s) for s in self.strategies)

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self.players)

    def profiles(self) -> Iterator[tuple[int, ...]]:
        """All pure-strategy profiles, as index tuples, in lexicographic order."""
        return itertools.product(*(range(k) for k in self.shape))

    def payoff_profile(self, profile: Sequence[int]) -> tuple[Number, ...]:
        """The payoff of every player at a pure-strategy profile."""
        idx = tuple(profile)
        return tuple(arr[idx] for arr in self.payoffs)

    # ------------------------------------------------------------------ profiles
    def expected_payoffs(self, profile: Sequence[Any]) -> tuple[Number, ...]:
        """Each player's expected payoff when each plays its strategy in ``profile``.

        nashpy writes this ``game[sigma_r, sigma_c]``.

        Parameters
        ----------
        profile
            One strategy per player: a pure strategy by index or label, or a mixed
            strategy as a sequence of probabilities over the player's strategies.

        Returns
        -------
        tuple
            One expected payoff per player: exact rationals when the game is exact and
            every probability is an int or a :class:`~fractions.Fraction`, else floats.

        Examples
        --------
        >>> pennies = Game.from_arrays([[1, -1], [-1, 1]])
        >>> half = [Fraction(1, 2), Fraction(1, 2)]
        >>> pennies.expected_payoffs([half, 0])
        (Fraction(0, 1), Fraction(0, 1))
        >>> pennies.expected_payoffs([0, 1])
        (Fraction(-1, 1), Fraction(1, 1))
        """
        from ..solve.verify import expected_payoffs

        return tuple(expected_payoffs(self.payoffs, self.mixed_profile(profile)))

    def regret(self, profile: Sequence[Any]) -> tuple[Number, ...]:
        """Each player's regret at ``profile``: the most it could gain by deviating.

        A player's regret is its best pure strategy's payoff against the others'
        strategies minus its expected payoff; it is never negative, and a profile is a
        Nash equilibrium exactly when every regret is zero (Nash 1951).

        Parameters
        ----------
        profile
            One strategy per player, as for :meth:`expected_payoffs`.

        Examples
        --------
        >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
        ...                       strategies=(("C", "D"), ("C", "D")))
        >>> pd.regret(("C", "C"))
        (Fraction(2, 1), Fraction(2, 1))
        >>> pd.regret(("D", "D"))
        (Fraction(0, 1), Fraction(0, 1))
        """
        from ..solve.verify import regrets

        values = regrets(self.payoffs, self.mixed_profile(profile))
        return tuple(v if isinstance(v, Fraction) else max(float(v), 0.0) for v in values)

    def is_best_response(self, player: int | str, strategy: Any, profile: Sequence[Any]) -> bool:
        """Whether ``strategy`` of ``player`` is a best response to the others' strategies
        in ``profile`` (its own entry in ``profile`` is ignored).

        A mixed strategy is a best response when every strategy it plays with positive
        probability is.  Exact games are checked exactly; float games to within
        ``1e-9`` times the largest payoff.  nashpy's ``is_best_response(sigma_r,
        sigma_c)`` is ``(g.is_best_response(0, sigma_r, profile),
        g.is_best_response(1, sigma_c, profile))`` with ``profile = (sigma_r, sigma_c)``.

        Parameters
        ----------
        player
            The player, by index or name.
        strategy
            Its strategy: an index, a label or a sequence of probabilities.
        profile
            One strategy per player, as for :meth:`expected_payoffs`.

        Examples
        --------
        >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
        ...                       players=("Row", "Column"),
        ...                       strategies=(("C", "D"), ("C", "D")))
        >>> pd.is_best_response("Row", "D", ("C", "C"))
        True
        >>> pd.is_best_response("Row", "C", ("C", "C"))
        False
        """
        from ..solve.verify import float_tolerance, strategy_payoffs
        from .profiles import mixed_strategy, player_index

        i = player_index(self.players, player)
        mixed = list(self.mixed_profile(profile))
        mixed[i] = mixed_strategy(self.strategies[i], strategy, player=self.players[i])
        values = strategy_payoffs(self.payoffs, mixed, i)
        best = max(values)
        slack = 0 if self.exact and isinstance(best, Fraction) else float_tolerance(self.payoffs)
        return all(best - v <= slack for v, p in zip(values, mixed[i], strict=True) if p)

    def mixed_profile(self, profile: Sequence[Any]) -> tuple[tuple[Number, ...], ...]:
        """``profile`` as one probability vector per player (pure strategies given by
        index or label become unit vectors; exact numbers stay exact).

        Examples
        --------
        >>> Game.from_arrays([[1, -1], [-1, 1]]).mixed_profile((0, "2"))
        ((Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)))
        """
        from .profiles import mixed_profile

        return mixed_profile(self.players, self.strategies, profile)

    def to_dict(self) -> dict[str, Any]:
        """The game as ``leverage convert --to json`` writes it: labels, parameters and
        ``payoffs`` (one nested list per player; exact payoffs as rational strings)."""
        from ..formats.jsonout import game_dict

        return game_dict(self)

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat row per pure-strategy profile: each player's strategy label, then
        ``"payoff:<player>"`` (a float) and, when exact, ``"payoff:<player>_exact"``."""
        from .profiles import profile_rows

        return profile_rows(self.players, self.strategies, self.payoffs, exact=self.exact)

    def as_float(self) -> Game:
        """The same game with float payoffs."""
        if not self.exact:
            return self
        return Game(
            players=self.players,
            strategies=self.strategies,
            payoffs=tuple(np.array(a, dtype=float) for a in self.payoffs),
            exact=False,
            title=self.title,
            parameters=dict(self.parameters),
        )

    def as_exact(self) -> Game:
        """The same game with exact payoffs (floats by their exact binary value)."""
        if self.exact:
            return self
        return Game(
            players=self.players,
            strategies=self.strategies,
            payoffs=tuple(_to_fraction_array(a) for a in self.payoffs),
            exact=True,
            title=self.title,
            parameters=dict(self.parameters),
        )

    def exact_payoffs(self) -> tuple[np.ndarray, ...]:
        """Payoff arrays as exact rationals (floats converted by their binary value)."""
        return self.as_exact().payoffs

    # ------------------------------------------------------------------ solving
    def equilibria(
        self, method: str = "auto", *, exact: bool | None = None, **options: Any
    ) -> Solution:
        """Every Nash equilibrium the chosen method finds, each verified.

        Parameters
        ----------
        method
            ``"auto"``, ``"vertex"``, ``"support"``, ``"pure"`` or ``"lemke-howson"``; see
            :func:`leverage.solve.equilibria` for these and the other options.
        exact
            ``None`` (default) keeps the game's arithmetic; ``False`` reports floats;
            ``True`` converts float payoffs to their exact binary values first.

        Examples
        --------
        >>> g = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
        >>> [e.kind for e in g.equilibria()]
        ['pure', 'pure', 'mixed']
        """
        from ..solve import equilibria

        game = self
        if exact is False:
            game = self.as_float()
        elif exact is True:
            game = self.as_exact()
        return equilibria(game, method=method, **options)

    def iterated_elimination(
        self, *, mixed: bool = True, max_cost: int | None = -1
    ) -> DominanceResult:
        """Iterated elimination of strictly dominated strategies, with each step recorded.

        Parameters
        ----------
        mixed
            Also eliminate strategies dominated only by a mixed strategy.
        max_cost
            The bound on the estimated cost (see
            :func:`leverage.solve.dominance.iterated_elimination`).

        Examples
        --------
        >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> pd.iterated_elimination().remaining
        ((1,), (1,))
        """
        from ..solve.dominance import iterated_elimination

        return iterated_elimination(self.payoffs, mixed=mixed, max_cost=max_cost)

    # ------------------------------------------------------------------ display
    def __repr__(self) -> str:
        dims = "×".join(str(k) for k in self.shape)
        kind = "exact" if self.exact else "float"
        title = f" {self.title!r}" if self.title else ""
        return f"<Game{title}: {dims}, players {', '.join(self.players)}, {kind} payoffs>"

    def __str__(self) -> str:
        """The title and the payoff table, best responses marked with ``*``.

        Examples
        --------
        >>> print(Game.from_arrays([[1, -1], [-1, 1]], players=("Row", "Column"),
        ...                        strategies=(("H", "T"), ("H", "T")),
        ...                        title="Matching pennies"))
        Matching pennies
              Column →
        Row |      H |      T
        ---------------------
        H   | 1*, -1 | -1, 1*
        T   | -1, 1* | 1*, -1
        (payoffs: Row, Column)
        * marks a best response to the other strategies of its cell.
        """
        from ..formats.strategic import strategic_text

        table = strategic_text(self)
        return f"{self.title}\n{table}" if self.title else table

    def _repr_markdown_(self) -> str:
        from ..formats.strategic import strategic_markdown

        return strategic_markdown(self)


def _to_fraction_array(arr: Any) -> np.ndarray:
    obj = np.array(arr, dtype=object)
    out = np.empty(obj.shape, dtype=object)
    for idx, v in np.ndenumerate(obj):
        out[idx] = _as_fraction(v)
    return out
