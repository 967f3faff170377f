"""Equilibrium solvers.

:func:`equilibria` is the single entry point: it turns a :class:`~leverage.Game`
into a verified :class:`~leverage.solve.result.Solution` with the chosen method.

Methods
-------
``"auto"`` (default)
    Two players: ``"vertex"`` (exact and complete).  Three or more players: refused,
    because mixed equilibria of such games are not supported yet; ask for ``"pure"``.
``"vertex"``
    Vertex enumeration of the best-response polytopes (:mod:`.bimatrix.vertex`): every extreme
    equilibrium, degeneracy detected, components on request.
``"support"``
    Support enumeration (:mod:`.bimatrix.support`): complete for nondegenerate games.
``"pure"``
    Pure-strategy equilibria only, any number of players (:mod:`.nplayer.pure`).
``"lemke-howson"``
    One equilibrium by complementary pivoting (:mod:`.bimatrix.lemke_howson`), fast on large
    games; not complete.

Every equilibrium is verified (zero regret, exactly for exact games) before it is
returned.  Float games are solved exactly on the exact binary values of their payoffs
and reported as floats, so round-off can neither lose nor invent an equilibrium.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from ..errors import ParameterError, UnsupportedError
from .bimatrix.components import maximal_bicliques
from .bimatrix.fraction_free import positive_integer_matrix
from .bimatrix.support import support_enumeration
from .bimatrix.vertex import enumerate_vertex_pairs
from .cost import check, estimate, typical_pivots, vertex_systems
from .nplayer.pure import pure_equilibria
from .result import Component, Equilibrium, Solution, normalise
from .selection import pareto_dominated, risk_dominance
from .verify import (
    VerificationError,
    bimatrix_payoffs_and_regrets,
    check_equilibrium,
    expected_payoffs,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..games.strategic import Game

METHODS = ("auto", "vertex", "support", "pure", "lemke-howson")

Progress = Callable[[int, int], None]
Profile = tuple[tuple[Fraction, ...], ...]


def enumeration_cost(shape: Sequence[int]) -> int:
    """Number of linear systems vertex or support enumeration solves for a shape
    (:func:`leverage.solve.cost.vertex_systems`)."""
    m, n = shape
    return vertex_systems(m, n)


def equilibria(
    game: Game,
    method: str = "auto",
    *,
    components: bool = False,
    progress: Progress | None = None,
    max_cost: int | None = -1,
    initial_label: int = 0,
) -> Solution:
    """Nash equilibria of a game, each verified.

    Parameters
    ----------
    game
        The game to solve.
    method
        One of ``"auto"``, ``"vertex"``, ``"support"``, ``"pure"``, ``"lemke-howson"``.
    components
        Also compute the maximal convex components (vertex enumeration only).
    progress
        Called as ``progress(done, total)`` during long enumerations (``total`` is the
        estimate of :func:`leverage.solve.cost.estimate`, in its unit).
    max_cost
        The method's cost is estimated before it starts (:mod:`leverage.solve.cost`) and
        refused beyond this bound, in the estimate's unit, with
        :class:`~leverage.errors.TooLargeError` naming the method to use instead; ``-1``
        (the default) for the documented bound of the method
        (:data:`leverage.solve.cost.LIMITS`), ``None`` for no bound.
    initial_label
        The label Lemke–Howson starts by dropping.

    Returns
    -------
    Solution
        The equilibria with their payoffs, kind and properties.

    Raises
    ------
    UnsupportedError
        Mixed equilibria asked of a game with three or more players.
    TooLargeError
        The method's estimated cost exceeds ``max_cost``.

    Examples
    --------
    >>> from leverage import Game
    >>> g = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [e.strategies for e in g.equilibria()]
    [((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))]
    """
    if method not in METHODS:
        raise ParameterError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if components and method not in ("auto", "vertex"):
        raise ParameterError('components need vertex enumeration (method="vertex")')
    exact_game = game.as_exact()
    payoffs = exact_game.payoffs
    n_players = game.n_players
    if n_players != 2 and method not in ("pure",):
        raise UnsupportedError(
            f"mixed equilibria of games with {n_players} players are not supported yet; "
            'use method="pure" for the pure equilibria'
        )
    if method == "auto":
        method = "vertex"
    check(game.shape, method, max_cost)
    notes: list[str] = []
    comps: tuple[Component, ...] | None = None
    degenerate: bool | None = None
    profiles: list[Profile]
    if method == "pure":
        profiles = [_pure_profile(exact_game.shape, p) for p in pure_equilibria(payoffs)]
        complete = True
        notes.append("pure equilibria only: mixed equilibria were not searched for")
    else:
        a_int = positive_integer_matrix(payoffs[0])
        b_int = positive_integer_matrix(payoffs[1])
        if method == "vertex":
            result = enumerate_vertex_pairs(a_int, b_int, progress=progress)
            degenerate = result.degenerate
            profiles = [
                (normalise(p.x.numerators), normalise(p.y.numerators)) for p in result.pairs
            ]
            complete = True
            if degenerate:
                notes.append(
                    "degenerate game: the equilibria listed are the extreme points of the "
                    "equilibrium set; convex combinations within a component are also "
                    "equilibria (see components=True)"
                )
            if components:
                edges = [(p.x_index, p.y_index) for p in result.pairs]
                comps = _components(result.pairs, edges)
        elif method == "support":
            profiles = [tuple(p) for p in support_enumeration(a_int, b_int, progress=progress)]
            degenerate = enumerate_vertex_pairs(a_int, b_int).degenerate
            complete = not degenerate
            if degenerate:
                notes.append(
                    "degenerate game: support enumeration may miss equilibria here; "
                    'use method="vertex" for all extreme equilibria'
                )
        else:  # lemke-howson
            from .bimatrix.lemke_howson import lemke_howson

            work = estimate(game.shape, method).work
            expected = typical_pivots(*game.shape)

            def pivoted(done: int, _limit: int) -> None:
                if progress is not None:  # the path's length is not known: cap the bar
                    progress(min(done, expected - 1) * work // expected, work)

            x, y = lemke_howson(a_int, b_int, initial_label=initial_label, progress=pivoted)
            if progress is not None:
                progress(work, work)
            profiles = [(tuple(x), tuple(y))]
            complete = False
            notes.append("Lemke–Howson finds one equilibrium; others may exist")
    return _build_solution(game, profiles, method, complete, degenerate, comps, notes)


def _check_probabilities(profile: Profile) -> None:
    for probs in profile:
        if any(p < 0 for p in probs) or sum(probs) != 1:
            raise VerificationError(f"not a probability vector: {probs}")


def _pure_profile(shape: Sequence[int], profile: Sequence[int]) -> Profile:
    return tuple(
        tuple(Fraction(1 if k == s else 0) for k in range(size))
        for size, s in zip(shape, profile, strict=True)
    )


def _components(pairs: Sequence, edges: list[tuple[int, int]]) -> tuple[Component, ...]:
    index_of = {(p.x_index, p.y_index): k for k, p in enumerate(pairs)}
    xs = {p.x_index: normalise(p.x.numerators) for p in pairs}
    ys = {p.y_index: normalise(p.y.numerators) for p in pairs}
    comps = []
    for left, right in maximal_bicliques(edges):
        members = tuple(sorted(index_of[(x, y)] for x in left for y in right))
        comps.append(
            Component(
                extremes=(tuple(xs[x] for x in left), tuple(ys[y] for y in right)),
                equilibria=members,
            )
        )
    return tuple(comps)


def _build_solution(
    game: Game,
    profiles: Sequence[Profile],
    method: str,
    complete: bool,
    degenerate: bool | None,
    comps: tuple[Component, ...] | None,
    notes: Sequence[str],
) -> Solution:
    exact_payoffs = game.as_exact().payoffs
    if game.n_players == 2:
        a_list, b_list = exact_payoffs[0].tolist(), exact_payoffs[1].tolist()
        pay: list[tuple[Fraction | float, ...]] = []
        for prof in profiles:
            _check_probabilities(prof)
            u2, regret = bimatrix_payoffs_and_regrets(a_list, b_list, prof[0], prof[1])
            if regret != (0, 0):
                raise VerificationError(f"not an equilibrium (regrets {regret}): {prof}")
            pay.append(u2)
    else:
        pay = [expected_payoffs(exact_payoffs, prof) for prof in profiles]
        for prof in profiles:
            check_equilibrium(exact_payoffs, prof, exact=True)
    dominated = pareto_dominated(pay)
    pure_profiles: list[tuple[int, int] | None] = [
        (prof[0].index(1), prof[1].index(1))
        if len(prof) == 2 and all(max(s) == 1 for s in prof)
        else None
        for prof in profiles
    ]
    risk: list[bool | None] = [None] * len(profiles)
    if game.n_players == 2 and game.shape == (2, 2):
        risk = risk_dominance(exact_payoffs[0], exact_payoffs[1], pure_profiles)
    eqs = []
    for prof, u, dom, rd in zip(profiles, pay, dominated, risk, strict=True):
        if game.exact:
            eqs.append(Equilibrium(prof, tuple(u), True, dom, rd))
        else:
            eqs.append(
                Equilibrium(
                    tuple(tuple(float(p) for p in s) for s in prof),
                    tuple(float(v) for v in u),
                    False,
                    dom,
                    rd,
                )
            )
    if not game.exact:
        # the float game's payoffs were solved exactly; recheck what we report, in floats
        for e in eqs:
            check_equilibrium(game.payoffs, e.strategies, exact=False)
    return Solution(
        game=game,
        equilibria=tuple(eqs),
        method=method,
        complete=complete,
        degenerate=degenerate,
        components=comps,
        notes=tuple(notes),
    )


__all__ = ["METHODS", "enumeration_cost", "equilibria"]
