"""The parametric game of a regime analysis, and the exact solving of it at one point.

:class:`Engine` holds a two-player model with one parameter ``t`` free (and, optionally,
some parameters kept symbolic) and carries out steps 1-3 of the analysis described in
:mod:`leverage.analysis.regimes.engine`, which assembles the regimes from its results.

Mathematics
-----------
Each player's payoffs are rational functions of ``t``, scaled by their common denominator so
that the indifference systems of :mod:`leverage.analysis.regimes.algebra` are polynomial in
``t``.  The engine builds every such system (each pair ``(U, W)`` of equal size on each
side), and

- :meth:`Engine.candidates`: the real roots in the open range of their determinants,
  numerators and slacks and of the payoffs' denominators, from their irreducible factors
  over ``QQ``, with the origin of each factor;
- :meth:`Engine.solve_rational`: the exact vertex enumeration at a rational point, with a
  nonsingular defining system for each equilibrium;
- :meth:`Engine.solve_algebraic`: the complete exact vertex enumeration at an irrational
  candidate ``α`` in ``QQ(α)``, deciding each sign by divisibility by the minimal polynomial
  of ``α`` or by the sign on a neighbouring interval;
- :meth:`Engine.formulas` and :meth:`Engine.formulas_m`: the closed forms of an equilibrium
  in ``t`` (and the symbolic parameters), by Cramer's rule on its defining systems;
- :meth:`Engine.threshold_formulas`: a candidate as a formula in the symbolic parameters.

References
----------
- B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
  form", in Algorithmic Game Theory, ch. 3, CUP 2007.
- D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash equilibria for
  two-player games", Economic Theory 42 (2010) 9-37.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sympy
from sympy import QQ
from sympy.polys.rings import PolyElement, ring

from ...errors import EvaluationError, TooLargeError
from ...expr import symbol
from ...games.strategic import Game
from ...numbers import to_fraction, to_sympy
from .algebra import (
    MAX_BOUND_FACTOR,
    MAX_DEGREE,
    IndifferenceSystem,
    indifference_system,
    rational_function,
    reduce_fraction,
    to_poly,
)
from .algebraic import RealAlgebraic
from .result import Key, Region, Side, SystemEquilibrium

if TYPE_CHECKING:  # pragma: no cover
    from ...games.model import Model

__all__ = [
    "Engine",
    "ratio_expr",
    "to_qq",
]


def to_qq(v: Fraction) -> Any:
    """The rational ``v`` as an element of sympy's field ``QQ``."""
    return QQ(v.numerator, v.denominator)


class Engine:
    """Holds the parametric game and carries out the analysis of the module docstring."""

    def __init__(
        self,
        model: Model,
        parameter: str,
        values: dict[str, Fraction],
        symbolic: tuple[str, ...],
    ) -> None:
        self.model = model
        self.parameter = parameter
        self.values = values
        self.symbolic = symbolic
        self.t = symbol(parameter)
        self.m, self.n = model.shape
        exprs = model.symbolic_payoffs(expand_defines=True)
        numeric = {symbol(k): to_sympy(v) for k, v in values.items() if k != parameter}
        self.ring, _ = ring([self.t], QQ)
        self.constraints, self.denominators = self._scaled(exprs, numeric, self.ring)
        degree = max(
            p.degree() for side in ("x", "y") for row in self.constraints[side] for p in row
        )
        if (min(self.m, self.n) + 1) * degree > MAX_BOUND_FACTOR * MAX_DEGREE:
            raise TooLargeError(
                f"payoffs of degree up to {degree} in {parameter} (once over a common "
                f"denominator) in a {self.m}×{self.n} game lead to polynomials of too high a "
                f"degree (limit {MAX_DEGREE}); regimes cannot be computed exactly"
            )
        self.systems: dict[Side, dict[tuple[Key, Key], IndifferenceSystem]] = {}
        for side in ("x", "y"):
            own, opp = (self.m, self.n) if side == "x" else (self.n, self.m)
            table = {}
            for k in range(1, min(own, opp) + 1):
                for u in itertools.combinations(range(own), k):
                    for w in itertools.combinations(range(opp), k):
                        table[(u, w)] = indifference_system(self.constraints[side], u, w, self.ring)
            self.systems[side] = table
        self._polys: dict[PolyElement, sympy.Poly] = {}
        self._integer_coeffs: dict[PolyElement, list[int]] = {}
        if symbolic:
            sym_subs = {k: v for k, v in numeric.items() if str(k) not in symbolic}
            self.ring_m, *_ = ring([self.t, *(symbol(s) for s in symbolic)], QQ)
            self.constraints_m, self.denominators_m = self._scaled(exprs, sym_subs, self.ring_m)
            self._systems_m: dict[tuple[Side, Key, Key], IndifferenceSystem] = {}
            self._specialise = [
                (self.ring_m.gens[i + 1], QQ.from_sympy(numeric[symbol(s)]))
                for i, s in enumerate(symbolic)
            ]

    # ----------------------------------------------------------------- set-up
    def _scaled(
        self, exprs: tuple[Any, ...], subs: dict[sympy.Symbol, sympy.Expr], rng: Any
    ) -> tuple[dict[Side, list[list[PolyElement]]], dict[Side, PolyElement]]:
        scaled = []
        dens = []
        for i, arr in enumerate(exprs):
            fracs = {}
            for idx in itertools.product(range(self.m), range(self.n)):
                key = self.model.payoff_keys.get(idx) or ", ".join(
                    self.model.strategies[p][s] for p, s in enumerate(idx)
                )
                what = f'the payoff of {self.model.players[i]} at "{key}"'
                fracs[idx] = rational_function(
                    arr[idx].xreplace(subs),
                    rng,
                    what=what,
                    parameter=", ".join((self.parameter, *self.symbolic)),
                )
            den = rng.one
            for _, d in fracs.values():
                den = den.lcm(d)
            mat = [
                [fracs[(r, c)][0] * den.exquo(fracs[(r, c)][1]) for c in range(self.n)]
                for r in range(self.m)
            ]
            scaled.append(mat)
            dens.append(den)
        a_mat, b_mat = scaled
        b_t = [[b_mat[r][c] for r in range(self.m)] for c in range(self.n)]
        return {"x": b_t, "y": a_mat}, {"x": dens[1], "y": dens[0]}

    def sign_at(self, p: PolyElement, q: Fraction) -> int:
        """The sign of a nonzero univariate ``p`` at the rational ``q`` (integer Horner on
        ``p`` times a positive constant, homogenised by the denominator of ``q``)."""
        coeffs = self._integer_coeffs.get(p)
        if coeffs is None:
            dense = p.to_dense()
            scale = math.lcm(*(int(c.denominator) for c in dense))
            coeffs = [int(c.numerator) * (scale // int(c.denominator)) for c in dense]
            self._integer_coeffs[p] = coeffs
        a, b = q.numerator, q.denominator
        value, power = coeffs[0], 1
        for c in coeffs[1:]:
            power *= b
            value = value * a + c * power
        return (value > 0) - (value < 0)

    def poly(self, p: PolyElement) -> sympy.Poly:
        """``p`` as a sympy Poly in the parameter (cached)."""
        if p not in self._polys:
            self._polys[p] = to_poly(p, self.t)
        return self._polys[p]

    # ----------------------------------------------------------------- candidates
    def candidates(
        self, low: Fraction, high: Fraction
    ) -> tuple[list[RealAlgebraic], dict[sympy.Poly, list[tuple[Any, ...]]]]:
        """Candidate values strictly inside ``(low, high)``, sorted, and the origins (which
        polynomial of which system) of each irreducible factor."""
        origins: dict[sympy.Poly, list[tuple[Any, ...]]] = {}

        def add(p: PolyElement, origin: tuple[Any, ...]) -> None:
            if p.degree() < 1:
                return
            if p.degree() > MAX_DEGREE:
                raise TooLargeError(
                    f"a polynomial of degree {p.degree()} in {self.parameter} arises "
                    f"(limit {MAX_DEGREE}); regimes cannot be computed exactly"
                )
            origins.setdefault(self.poly(p).monic(), []).append(origin)

        for side in ("x", "y"):
            add(self.denominators[side], ("pole", side))
        for side, table in self.systems.items():
            for (u, w), s in table.items():
                if not s.det:
                    continue
                add(s.det, (side, u, w, "det", None))
                for p, num in enumerate(s.numerators):
                    add(num, (side, u, w, "num", p))
                for r, slack in s.slacks.items():
                    add(slack, (side, u, w, "slack", r))
        factors: dict[sympy.Poly, list[tuple[Any, ...]]] = {}
        for p, where in origins.items():
            for f, _ in p.factor_list()[1]:
                factors.setdefault(f.monic(), []).extend(where)
        lo = RealAlgebraic.rational(low, self.t)
        hi = RealAlgebraic.rational(high, self.t)
        roots = [
            r
            for f in factors
            for r in RealAlgebraic.roots(f)
            if r.compare(lo) > 0 and r.compare(hi) < 0
        ]
        roots.sort(key=functools.cmp_to_key(lambda a, b: a.compare(b)))
        return roots, factors

    # ----------------------------------------------------------------- rational points
    def game_at(self, q: Fraction) -> Game:
        """The exact game at ``q`` (the model's own evaluation where it is defined)."""
        try:
            return self.model.game({**self.values, self.parameter: q}, exact=True)
        except EvaluationError:
            # a removable singularity of the written formulas: use the reduced ones
            scale = {side: self.denominators[side](to_qq(q)) for side in ("x", "y")}
            a = [
                [self._frac(self.constraints["y"][i][j], scale["y"], q) for j in range(self.n)]
                for i in range(self.m)
            ]
            b = [
                [self._frac(self.constraints["x"][j][i], scale["x"], q) for j in range(self.n)]
                for i in range(self.m)
            ]
            return Game.from_arrays(
                a, b, players=self.model.players, strategies=self.model.strategies
            )

    @staticmethod
    def _frac(p: PolyElement, scale: Any, q: Fraction) -> Fraction:
        v = p(to_qq(q)) / scale
        return to_fraction(v)

    def is_pole(self, point: RealAlgebraic) -> bool:
        return any(point.sign(self.poly(self.denominators[s])) == 0 for s in ("x", "y"))

    def solve_rational(self, q: Fraction) -> Region:
        """Exact vertex enumeration at ``q`` with the defining system of each equilibrium."""
        if self.is_pole(RealAlgebraic.rational(q, self.t)):
            return Region((), frozenset(), False, [], undefined=True)
        game = self.game_at(q)
        solution = game.equilibria()
        a, b = (arr.tolist() for arr in game.payoffs)
        eqs = []
        for e in solution:
            x, y = e.strategies
            ux, uy = e.support(0), e.support(1)
            col = [sum(b[i][j] * x[i] for i in range(self.m)) for j in range(self.n)]
            row = [sum(a[i][j] * y[j] for j in range(self.n)) for i in range(self.m)]
            br_x = tuple(j for j in range(self.n) if col[j] == max(col))
            br_y = tuple(i for i in range(self.m) if row[i] == max(row))
            sx = self._pick("x", ux, br_x, uy, q)
            sy = self._pick("y", uy, br_y, ux, q)
            eqs.append(SystemEquilibrium((ux, uy), (x, y), e.payoffs, ((ux, sx), (uy, sy))))
        eqs.sort(key=lambda e: (e.support, [float(v) for s in e.values for v in s]))
        dominance = set()
        for i, k in itertools.permutations(range(self.m), 2):
            if all(a[i][j] > a[k][j] for j in range(self.n)):
                dominance.add((0, i, k))
        for j, k in itertools.permutations(range(self.n), 2):
            if all(b[i][j] > b[i][k] for i in range(self.m)):
                dominance.add((1, j, k))
        struct = tuple(sorted(e.support for e in eqs))
        return Region(struct, frozenset(dominance), bool(solution.degenerate), eqs)

    def _pick(self, side: Side, support: Key, best: Key, prefer: Key, q: Fraction) -> Key:
        options = [prefer] if len(prefer) == len(support) and set(prefer) <= set(best) else []
        options += list(itertools.combinations(best, len(support)))
        for w in options:
            if self.systems[side][(support, w)].det(to_qq(q)) != 0:
                return w
        raise RuntimeError(  # pragma: no cover - an extreme equilibrium is a vertex
            f"no nonsingular system for support {support} at {q}"
        )

    # ----------------------------------------------------------------- algebraic points
    def solve_algebraic(
        self, alpha: RealAlgebraic, near: Fraction, vanishing: Sequence[tuple[Any, ...]]
    ) -> Region:
        """Complete exact vertex enumeration at an irrational candidate ``α``, in ``QQ(α)``.

        ``vanishing`` lists the polynomials (by origin) that the minimal polynomial of ``α``
        divides: exactly those vanish at ``α``.  Every other polynomial has no root between
        ``α`` and ``near``, a rational point of a neighbouring interval, so it has the same
        sign at both.
        """
        zero = set(vanishing)

        def sign(p: PolyElement, origin: tuple[Any, ...]) -> int:
            if not p or origin in zero:
                return 0
            return self.sign_at(p, near)

        if any(("pole", side) in zero for side in ("x", "y")):
            return Region((), frozenset(), False, [], undefined=True)
        vertices: dict[Side, list[tuple[Key, Key, set[int], IndifferenceSystem]]] = {}
        degenerate = False
        for side in ("x", "y"):
            sign_d = sign(self.denominators[side], ("pole", side))
            found: dict[tuple[Any, ...], tuple[Key, Key, set[int], IndifferenceSystem]] = {}
            for (u, w), s in self.systems[side].items():
                if not s.det:
                    continue
                sign_det = sign(s.det, (side, u, w, "det", None))
                if sign_det == 0 or any(
                    sign(num, (side, u, w, "num", p)) * sign_det <= 0
                    for p, num in enumerate(s.numerators)
                ):
                    continue
                best = set(w)
                feasible = True
                for r, slack in s.slacks.items():
                    sgn = sign(slack, (side, u, w, "slack", r)) * sign_det * sign_d
                    if sgn < 0:
                        feasible = False
                        break
                    if sgn == 0:
                        best.add(r)
                if not feasible:
                    continue
                # a vertex is determined by its support and its full set of tight constraints
                key = (u, frozenset(best))
                if key not in found:
                    degenerate = degenerate or len(best) > len(u)
                    found[key] = (u, w, best, s)
            vertices[side] = list(found.values())

        cache: dict[tuple[Side, Key, Key], tuple[list[Any], Any]] = {}

        def values(side: Side, s: IndifferenceSystem, size: int) -> tuple[list[Any], Any]:
            key = (side, s.support, s.tight)
            if key in cache:
                return cache[key]
            det = self.poly(s.det)
            vec: list[Any] = [sympy.Integer(0)] * size
            for i, num in zip(s.support, s.numerators, strict=True):
                vec[i] = alpha.evaluate(alpha.reduce(self.poly(num), det))
            den = det * self.poly(self.denominators[side])
            cache[key] = (vec, alpha.evaluate(alpha.reduce(self.poly(s.value), den)))
            return cache[key]

        eqs = []
        for ux, wx, best_x, sx in vertices["x"]:
            for uy, wy, best_y, sy in vertices["y"]:
                if set(ux) <= best_y and set(uy) <= best_x:
                    x, vx = values("x", sx, self.m)
                    y, vy = values("y", sy, self.n)
                    systems = ((ux, wx), (uy, wy))
                    eqs.append(SystemEquilibrium((ux, uy), (tuple(x), tuple(y)), (vy, vx), systems))
        eqs.sort(key=lambda e: (e.support, [float(v) for s in e.values for v in s]))
        struct = tuple(sorted(e.support for e in eqs))
        return Region(struct, frozenset(), degenerate, eqs)

    # ----------------------------------------------------------------- closed forms
    def formulas(
        self, eq: SystemEquilibrium
    ) -> tuple[list[list[tuple[PolyElement, PolyElement]]], list[Any]]:
        """Probabilities and payoffs of ``eq`` as reduced fractions of polynomials in ``t``."""
        probs: list[list[tuple[PolyElement, PolyElement]]] = []
        pays: list[Any] = [None, None]
        for player, side in ((0, "x"), (1, "y")):
            u, w = eq.systems[player]
            s = self.systems[side][(u, w)]
            size = self.m if side == "x" else self.n
            vec = [(self.ring.zero, self.ring.one)] * size
            for idx, num in zip(u, s.numerators, strict=True):
                vec[idx] = reduce_fraction(num, s.det)
            probs.append(vec)
            pays[1 - player] = reduce_fraction(s.value, s.det * self.denominators[side])
        return probs, pays

    def formulas_m(self, eq: SystemEquilibrium) -> tuple[list[list[sympy.Expr]], list[sympy.Expr]]:
        """With symbolic parameters: the closed forms in ``t`` and those parameters."""
        probs: list[list[sympy.Expr]] = []
        pays: list[sympy.Expr] = [sympy.Integer(0), sympy.Integer(0)]
        for player, side in ((0, "x"), (1, "y")):
            u, w = eq.systems[player]
            s = self.system_m(side, u, w)
            size = self.m if side == "x" else self.n
            vec = [sympy.Integer(0)] * size
            for idx, num in zip(u, s.numerators, strict=True):
                vec[idx] = _expr(num.cancel(s.det))
            probs.append(vec)
            pays[1 - player] = _expr(s.value.cancel(s.det * self.denominators_m[side]))
        return probs, pays

    def system_m(self, side: Side, u: Key, w: Key) -> IndifferenceSystem:
        key = (side, u, w)
        if key not in self._systems_m:
            self._systems_m[key] = indifference_system(self.constraints_m[side], u, w, self.ring_m)
        return self._systems_m[key]

    # ----------------------------------------------------------------- symbolic thresholds
    def threshold_formulas(self, point: RealAlgebraic, origins: list[tuple[Any, ...]]) -> list[Any]:
        """Formulas, in the symbolic parameters, of the candidate ``point``."""
        found: list[Any] = []
        for origin in origins[:50]:
            if origin[0] == "pole":
                poly = self.denominators_m[origin[1]]
            else:
                side, u, w, kind, index = origin
                s = self.system_m(side, u, w)
                poly = {
                    "det": s.det,
                    "num": s.numerators[index] if kind == "num" else None,
                    "slack": s.slacks.get(index) if kind == "slack" else None,
                }[kind]
            if not poly:
                continue
            for g, _ in poly.factor_list()[1]:
                tau = self._root_formula(g, point)
                if tau is not None and not any(sympy.simplify(tau - f) == 0 for f in found):
                    found.append(tau)
        return found

    def _root_formula(self, g: PolyElement, point: RealAlgebraic) -> Any:
        degree = g.degree(0)
        if degree < 1 or degree > 2:
            return None
        special = to_poly(g.evaluate(self._specialise), self.t)
        if special.is_zero or not special.rem(point.poly).is_zero:
            return None
        t_gen = self.ring_m.gens[0]
        c = [_expr(g.coeff_wrt(t_gen, k)) for k in range(degree + 1)]
        if degree == 1:
            return sympy.cancel(-c[0] / c[1])
        disc = sympy.factor(c[1] ** 2 - 4 * c[2] * c[0])
        branches = [(-c[1] + sgn * sympy.sqrt(disc)) / (2 * c[2]) for sgn in (1, -1)]
        subs = {symbol(s): to_sympy(self.values[s]) for s in self.symbolic}
        try:
            numeric = [complex(sympy.N(b.subs(subs), 30)) for b in branches]
        except (TypeError, ValueError, ZeroDivisionError):  # pragma: no cover - defensive
            return None
        target = float(point)
        return branches[min(range(2), key=lambda k: abs(numeric[k] - target))]


def _expr(fraction: tuple[PolyElement, PolyElement] | PolyElement) -> sympy.Expr:
    if isinstance(fraction, tuple):
        num, den = fraction
        return num.as_expr() / den.as_expr()
    return fraction.as_expr()


def ratio_expr(fraction: tuple[PolyElement, PolyElement]) -> sympy.Expr:
    """The reduced fraction ``(num, den)`` as a sympy expression, with a monic denominator."""
    num, den = fraction
    lc = den.LC
    return sympy.cancel(num.quo_ground(lc).as_expr() / den.quo_ground(lc).as_expr())
