"""Exact regimes: where, as one parameter moves, the equilibrium set of a model changes.

Mathematics
-----------
Hold every parameter but one, ``t``, at exact rational values (``values``).  Each payoff of a
two-player model is then a rational function of ``t`` with rational coefficients (defines are
expanded first), and each player's payoffs are scaled by their common denominator so that
the indifference systems of :mod:`leverage.analysis.regimes.algebra` are polynomial in ``t``.

1. **Candidates.**  For every pair ``(U, W)`` of equal size on each side — exactly the linear
   systems vertex enumeration solves — the determinant, the numerator of every probability
   and the numerator of every slack are polynomials in ``t``; the payoff differences that
   decide best responses and pure dominance are the slacks of the systems of size one, and
   the poles of the payoffs are the roots of the denominators.  On an open interval where
   none of these polynomials vanishes, their signs are constant, so the feasible systems,
   the vertices of both best-response polytopes and their labels do not change: the extreme
   equilibria (completely labelled vertex pairs; von Stengel 2007, Avis et al. 2010) keep
   their supports, and each follows the closed form of its system.  The candidates are the
   real roots of these polynomials in the open range, computed exactly (rational, radical or
   ``CRootOf``) from their irreducible factors over ``QQ``.
2. **Intervals.**  Each open interval between consecutive candidates is solved at a rational
   point strictly inside it (the simplest one) by the exact vertex enumeration of
   :meth:`~leverage.Game.equilibria`; for each equilibrium a nonsingular subsystem of its
   tight constraints gives its probabilities and payoffs as rational functions of ``t``.
3. **Points.**  At a rational candidate the game is solved exactly in the same way (it is
   typically degenerate there: its extreme equilibria are listed).  At an irrational one,
   ``α``, with minimal polynomial ``f``, every system is solved exactly in the field
   ``QQ(α)``: a polynomial of the systems vanishes at ``α`` iff ``f`` divides it, and
   otherwise has the sign it has on the interval to the left (no root lies in between), so
   the feasible systems and the labels — a complete vertex enumeration at ``α`` — are
   decided exactly; probabilities and payoffs are computed modulo ``f``.
4. **Critical values.**  A candidate is critical when the structure (the supports of the
   equilibria) differs between the interval on its left, the point and the interval on its
   right; when a strict dominance relation between two pure strategies holds on one side
   only (unless ``dominance=False``); when the closed forms differ across it; or when the
   game is undefined there (a pole).  Intervals separated by a non-critical
   candidate are merged.  A bound of the range is reported as a critical value, with its own
   regime, when the structure there differs from the interval next to it (the mixed
   equilibrium of the Stag Hunt, for example, disappears at a stranding cost of 0).

With ``symbolic`` names, the same analysis runs at the given values of those parameters, and
each threshold is also given as a formula in them — the root, in ``t``, of the factor of a
candidate polynomial that vanishes there — and each equilibrium's closed form as a function
of ``t`` and them.  The order of the regimes is the one at the given values; the formulas hold
wherever that order does.

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
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sympy
from sympy import QQ
from sympy.polys.rings import PolyElement, ring

from ...errors import EvaluationError, ParameterError, TooLargeError, UnsupportedError
from ...expr import symbol
from ...expr.printing import formula_text
from ...games.model import parameter_interval
from ...games.strategic import Game
from ...solve.structure import Structure, describe
from .algebra import (
    MAX_BOUND_FACTOR,
    MAX_DEGREE,
    IndifferenceSystem,
    indifference_system,
    rational_function,
    reduce_fraction,
    to_poly,
)
from .algebraic import RealAlgebraic, simplest_rational

if TYPE_CHECKING:  # pragma: no cover
    from ...games.model import Model

__all__ = [
    "MAX_SYSTEMS",
    "CriticalValue",
    "Regime",
    "RegimeAnalysis",
    "RegimeEquilibrium",
    "regimes",
]

MAX_SYSTEMS = 1_000
"""Most indifference systems (both players) solved symbolically: a 5×5 game needs 502 (and
takes seconds to a minute), a 6×6 game 1,846."""

Side = str  # "x": the row player's strategy (column player indifferent); "y": the column's
Key = tuple[int, ...]


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class CriticalValue:
    """An exact value of the analysed parameter.

    Attributes
    ----------
    exact
        Exact text: ``"7/2"``, ``"1 + sqrt(2)"``, ``"CRootOf(c**3 - c - 1, 0)"``.
    value
        The nearest float.
    sympy_value
        The exact sympy number.
    formula
        With ``symbolic`` parameters: the value as a formula in them (``"loss_value"``), or
        several formulas joined by ``" = "`` when they coincide at the given values; ``None``
        otherwise or when no closed form was found.
    undefined
        Whether some payoff has a pole here (the game is not defined).
    changes
        What changes here: ``"equilibria"`` (the supports of the equilibria differ between
        the point and an interval next to it), ``"dominance"`` (a strict dominance relation
        between pure strategies holds on one side only), ``"closed form"`` (same supports,
        different formulas), ``"undefined"`` (a pole).  Empty for a bound of the range that
        is not critical.
    """

    exact: str
    value: float
    sympy_value: Any = field(repr=False, compare=False)
    formula: str | None = None
    undefined: bool = False
    changes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """``{"exact": "7/2", "value": 3.5, "changes": [...]}`` (plus ``formula`` and
        ``undefined`` when set)."""
        out: dict[str, Any] = {"exact": self.exact, "value": self.value}
        if self.changes:
            out["changes"] = list(self.changes)
        if self.formula is not None:
            out["formula"] = self.formula
        if self.undefined:
            out["undefined"] = True
        return out


@dataclass(frozen=True)
class RegimeEquilibrium:
    """One equilibrium of a regime, in closed form.

    Attributes
    ----------
    strategies
        For each player, the probability of each of its strategies: a formula in the
        parameter (model-file language) on an interval, an exact number at a point.
    payoffs
        Each player's expected payoff, likewise.
    kind
        ``"pure"`` or ``"mixed"``.
    support
        For each player, the indices of the strategies played with positive probability.
    strategy_exprs, payoff_exprs
        The same as sympy expressions (in the symbol :func:`leverage.expr.parse.symbol` of the
        parameter).
    """

    strategies: tuple[tuple[str, ...], ...]
    payoffs: tuple[str, ...]
    kind: str
    support: tuple[tuple[int, ...], ...]
    strategy_exprs: tuple[tuple[Any, ...], ...] = field(repr=False, compare=False)
    payoff_exprs: tuple[Any, ...] = field(repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        """``{"strategies": [[...], [...]], "payoffs": [...], "kind": ...}``."""
        return {
            "strategies": [list(s) for s in self.strategies],
            "payoffs": list(self.payoffs),
            "kind": self.kind,
        }


class Span:
    """What a regime of a one-parameter analysis shares: it is an open interval
    ``(lower, upper)`` or a single value ``at`` of the parameter, each end or value
    having an ``exact`` text (used by :class:`Regime` and by the class regimes of
    :mod:`leverage.classification`)."""

    lower: Any
    upper: Any
    at: Any

    @property
    def is_point(self) -> bool:
        """Whether this regime is a single value of the parameter."""
        return self.at is not None

    @property
    def label(self) -> str:
        """``"(0, 7/2)"`` for an interval, ``"at 7/2"`` for a point."""
        if self.at is not None:
            return f"at {self.at.exact}"
        assert self.lower is not None and self.upper is not None
        return f"({self.lower.exact}, {self.upper.exact})"

    def span_dict(self) -> dict[str, Any]:
        """``{"at": …}`` for a point, ``{"from": …, "to": …}`` for an interval."""
        if self.at is not None:
            return {"at": self.at.exact}
        assert self.lower is not None and self.upper is not None
        return {"from": self.lower.exact, "to": self.upper.exact}


@dataclass(frozen=True)
class Regime(Span):
    """The equilibria on an open interval of the parameter, or at one value of it.

    Attributes
    ----------
    structure
        The supports of the equilibria (see :mod:`leverage.solve.structure`).
    description
        The structure in words, e.g. ``"(Calibrate, Escalate)"``.
    equilibria
        The (extreme) equilibria, in closed form.
    degenerate
        Whether the game is degenerate here (then the equilibria listed are the extreme
        points of the equilibrium set).
    lower, upper
        The ends of an open interval (``None`` for a point).  An end that is a bound of the
        range with no point regime of its own belongs to the interval.
    at
        The value of a point regime (``None`` for an interval).
    test_point
        The rational point an interval was solved at.
    undefined
        Whether the game is undefined at this point (a pole of some payoff).
    dominance
        On an interval: the strict dominance relations between pure strategies that hold
        throughout it, e.g. ``"China: Calibrate strictly dominates Overreach"``.
    ends
        The exact ends (a point regime: twice its value), as
        :class:`~leverage.analysis.regimes.algebraic.RealAlgebraic` numbers for exact comparisons.
    """

    structure: Structure
    description: str
    equilibria: tuple[RegimeEquilibrium, ...]
    degenerate: bool
    lower: CriticalValue | None = None
    upper: CriticalValue | None = None
    at: CriticalValue | None = None
    test_point: Fraction | None = None
    undefined: bool = False
    dominance: tuple[str, ...] = ()
    ends: tuple[RealAlgebraic, RealAlgebraic] | None = field(
        default=None, repr=False, compare=False
    )

    def to_json(self) -> dict[str, Any]:
        """The regime in the JSON form of ``leverage regimes --format json``."""
        out = self.span_dict()
        if self.at is not None:
            if self.at.formula is not None:
                out["at_formula"] = self.at.formula
        else:
            assert self.lower is not None and self.upper is not None
            if self.lower.formula is not None:
                out["from_formula"] = self.lower.formula
            if self.upper.formula is not None:
                out["to_formula"] = self.upper.formula
        out["structure"] = self.description
        out["degenerate"] = self.degenerate
        if self.dominance:
            out["dominance"] = list(self.dominance)
        if self.undefined:
            out["undefined"] = True
        out["equilibria"] = [e.to_json() for e in self.equilibria]
        return out


@dataclass(frozen=True)
class RegimeAnalysis:
    """The regimes of a model in one parameter (see :func:`regimes`).

    Attributes
    ----------
    parameter
        The parameter analysed.
    bounds
        The closed range analysed.
    critical_values
        The values where the equilibrium set changes, in increasing order.
    regimes
        Intervals and points covering the range, in order.
    players, strategies
        Labels of the model.
    values
        The values the other parameters were held at.
    symbolic
        The parameters kept symbolic.
    notes
        Remarks for the reader.
    """

    parameter: str
    bounds: tuple[Fraction, Fraction]
    critical_values: tuple[CriticalValue, ...]
    regimes: tuple[Regime, ...]
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    values: dict[str, Fraction] = field(default_factory=dict)
    symbolic: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """``{"parameter", "range", "critical_values", "regimes", ...}`` (issue 3's form)."""
        out: dict[str, Any] = {
            "parameter": self.parameter,
            "range": [str(self.bounds[0]), str(self.bounds[1])],
            "critical_values": [c.to_json() for c in self.critical_values],
            "regimes": [r.to_json() for r in self.regimes],
            "values": {k: str(v) for k, v in self.values.items()},
        }
        if self.symbolic:
            out["symbolic"] = list(self.symbolic)
        if self.notes:
            out["notes"] = list(self.notes)
        return out

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat row per (regime, equilibrium), for CSV and tables.

        Keys: ``regime``, ``from``, ``to``, ``at``, ``structure``, ``degenerate``,
        ``equilibrium``, ``kind``, ``<player>.<strategy>`` for each probability and
        ``payoff.<player>`` for each payoff; empty strings where not applicable.
        """
        prob_keys = [
            f"{p}.{s}"
            for p, strats in zip(self.players, self.strategies, strict=True)
            for s in strats
        ]
        pay_keys = [f"payoff.{p}" for p in self.players]
        rows = []
        for k, reg in enumerate(self.regimes):
            base = {
                "regime": k,
                "from": reg.lower.exact if reg.lower else "",
                "to": reg.upper.exact if reg.upper else "",
                "at": reg.at.exact if reg.at else "",
                "structure": reg.description,
                "degenerate": reg.degenerate,
            }
            if not reg.equilibria:
                rows.append(
                    {**base, "equilibrium": "", "kind": ""}
                    | dict.fromkeys(prob_keys + pay_keys, "")
                )
            for e_index, eq in enumerate(reg.equilibria):
                probs = [p for s in eq.strategies for p in s]
                row = {**base, "equilibrium": e_index, "kind": eq.kind}
                row.update(zip(prob_keys, probs, strict=True))
                row.update(zip(pay_keys, eq.payoffs, strict=True))
                rows.append(row)
        return rows

    def plot(self, *, unit: str = "", title: str | None = None) -> Any:
        """A matplotlib figure of the equilibria across the regimes (see
        :func:`leverage.formats.plot.panels.plot_regimes`)."""
        from ...formats.plot.panels import plot_regimes

        return plot_regimes(self, unit=unit, title=title)

    def __repr__(self) -> str:
        crit = ", ".join(
            c.exact if c.exact == f"{c.value:g}" else f"{c.exact} ≈ {c.value:.6g}"
            for c in self.critical_values
        )
        lines = [
            f"<RegimeAnalysis of {self.parameter} on [{self.bounds[0]}, {self.bounds[1]}]: "
            f"{len(self.critical_values)} critical value(s){': ' + crit if crit else ''}>"
        ]
        for reg in self.regimes:
            lines.append(f"  {reg.label}: {reg.description}")
            for eq in reg.equilibria:
                if eq.kind == "mixed":
                    strat = "; ".join("(" + ", ".join(s) + ")" for s in eq.strategies)
                    lines.append(f"      mixed {strat}  payoffs ({', '.join(eq.payoffs)})")
        return "\n".join(lines)


# --------------------------------------------------------------------------- internals


@dataclass
class _Eq:
    support: tuple[tuple[int, ...], tuple[int, ...]]
    values: tuple[tuple[Any, ...], tuple[Any, ...]]
    payoffs: tuple[Any, ...]
    systems: tuple[tuple[Key, Key], tuple[Key, Key]]


@dataclass
class _Region:
    structure: Structure
    dominance: frozenset[tuple[int, int, int]]
    degenerate: bool
    equilibria: list[_Eq]
    undefined: bool = False

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.undefined, self.structure, self.dominance)


def _rational_expr(v: Fraction) -> sympy.Rational:
    return sympy.Rational(v.numerator, v.denominator)


def _qq(v: Fraction) -> Any:
    return QQ(v.numerator, v.denominator)


class _Engine:
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
        numeric = {symbol(k): _rational_expr(v) for k, v in values.items() if k != parameter}
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
            scale = {side: self.denominators[side](_qq(q)) for side in ("x", "y")}
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
        v = p(_qq(q)) / scale
        return Fraction(int(v.numerator), int(v.denominator))

    def is_pole(self, point: RealAlgebraic) -> bool:
        return any(point.sign(self.poly(self.denominators[s])) == 0 for s in ("x", "y"))

    def solve_rational(self, q: Fraction) -> _Region:
        """Exact vertex enumeration at ``q`` with the defining system of each equilibrium."""
        if self.is_pole(RealAlgebraic.rational(q, self.t)):
            return _Region((), frozenset(), False, [], undefined=True)
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
            eqs.append(_Eq((ux, uy), (x, y), e.payoffs, ((ux, sx), (uy, sy))))
        eqs.sort(key=lambda e: (e.support, [float(v) for s in e.values for v in s]))
        dominance = set()
        for i, k in itertools.permutations(range(self.m), 2):
            if all(a[i][j] > a[k][j] for j in range(self.n)):
                dominance.add((0, i, k))
        for j, k in itertools.permutations(range(self.n), 2):
            if all(b[i][j] > b[i][k] for i in range(self.m)):
                dominance.add((1, j, k))
        struct = tuple(sorted(e.support for e in eqs))
        return _Region(struct, frozenset(dominance), bool(solution.degenerate), eqs)

    def _pick(self, side: Side, support: Key, best: Key, prefer: Key, q: Fraction) -> Key:
        options = [prefer] if len(prefer) == len(support) and set(prefer) <= set(best) else []
        options += list(itertools.combinations(best, len(support)))
        for w in options:
            if self.systems[side][(support, w)].det(_qq(q)) != 0:
                return w
        raise RuntimeError(  # pragma: no cover - an extreme equilibrium is a vertex
            f"no nonsingular system for support {support} at {q}"
        )

    # ----------------------------------------------------------------- algebraic points
    def solve_algebraic(
        self, alpha: RealAlgebraic, near: Fraction, vanishing: Sequence[tuple[Any, ...]]
    ) -> _Region:
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
            return _Region((), frozenset(), False, [], undefined=True)
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
                    eqs.append(_Eq((ux, uy), (tuple(x), tuple(y)), (vy, vx), systems))
        eqs.sort(key=lambda e: (e.support, [float(v) for s in e.values for v in s]))
        struct = tuple(sorted(e.support for e in eqs))
        return _Region(struct, frozenset(), degenerate, eqs)

    # ----------------------------------------------------------------- closed forms
    def formulas(self, eq: _Eq) -> tuple[list[list[tuple[PolyElement, PolyElement]]], list[Any]]:
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

    def formulas_m(self, eq: _Eq) -> tuple[list[list[sympy.Expr]], list[sympy.Expr]]:
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
        subs = {symbol(s): _rational_expr(self.values[s]) for s in self.symbolic}
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


def _ratio_expr(fraction: tuple[PolyElement, PolyElement]) -> sympy.Expr:
    num, den = fraction
    lc = den.LC
    return sympy.cancel(num.quo_ground(lc).as_expr() / den.quo_ground(lc).as_expr())


# --------------------------------------------------------------------------- public API


def regimes(
    model: Model,
    parameter: str,
    bounds: tuple[Any, Any] | None = None,
    *,
    values: Mapping[str, Any] | None = None,
    symbolic: Sequence[str] = (),
    dominance: bool = True,
) -> RegimeAnalysis:
    """Every critical value of ``parameter`` and the equilibria between and at them, exactly.

    Parameters
    ----------
    model
        A two-player model whose payoffs are rational functions of ``parameter`` once the
        other parameters have their values.
    parameter
        The parameter to move.
    bounds
        The closed range ``(low, high)`` to analyse (numbers or strings such as ``"7/2"``);
        default the parameter's declared range, which it must lie in.
    values
        Values of the other parameters (defaults elsewhere), checked against their ranges.
    symbolic
        Other parameters to keep symbolic in the thresholds and closed forms; the order of
        the regimes is the one at their values.
    dominance
        Also count as critical the values where a strict dominance relation between two
        pure strategies starts or stops holding (even if the equilibria do not change).

    Returns
    -------
    RegimeAnalysis

    Raises
    ------
    ParameterError
        Unknown parameter, bounds outside the range or empty, bad ``values`` or ``symbolic``.
    UnsupportedError
        A model with other than two players, or a payoff that is not a rational function of
        the parameter (``max``, ``sqrt``, ``exp``... of it).
    TooLargeError
        Too many strategies, or polynomials of too high a degree.

    Examples
    --------
    >>> import leverage
    >>> chicken = leverage.load("models/chicken.toml")
    >>> analysis = regimes(chicken, "interdependence_cost")
    >>> [c.exact for c in analysis.critical_values]
    ['1']
    >>> [r.label for r in analysis.regimes]
    ['(0, 1)', 'at 1', '(1, 10)']
    >>> analysis.regimes[-1].equilibria[1].strategies[0]
    ('(interdependence_cost - 1)/interdependence_cost', '1/interdependence_cost')
    >>> regimes(chicken, "interdependence_cost", symbolic=["loss_value"]).critical_values[0].formula
    'loss_value'
    """
    low, high, vals, syms = _check_arguments(model, parameter, bounds, values, symbolic)
    m, n = model.shape
    cost = 2 * (math.comb(m + n, m) - 1)
    if cost > MAX_SYSTEMS:
        raise TooLargeError(
            f"exact regimes of a {m}×{n} game mean solving {cost:,} symbolic systems "
            f"(limit {MAX_SYSTEMS:,}); use a sweep instead"
        )
    engine = _Engine(model, parameter, vals, syms)
    roots, factors = engine.candidates(low, high)
    points = [RealAlgebraic.rational(low, engine.t), *roots, RealAlgebraic.rational(high, engine.t)]
    for a, b in itertools.pairwise(points):
        a.separate(b)
    tests = [simplest_rational(a.hi, b.lo) for a, b in itertools.pairwise(points)]
    inter = [engine.solve_rational(q) for q in tests]
    forms: list[Counter[Any]] = []
    for q, reg in zip(tests, inter, strict=True):
        flat = [_flat(engine.formulas(e)) for e in reg.equilibria]
        for e, f in zip(reg.equilibria, flat, strict=True):
            _check_at(f, e, q)
        forms.append(
            Counter((e.support, tuple(f)) for e, f in zip(reg.equilibria, flat, strict=True))
        )
    at = [
        engine.solve_rational(p.lo)
        if p.is_rational
        else engine.solve_algebraic(p, tests[k - 1], factors[p.poly])
        for k, p in enumerate(points)
    ]
    last = len(points) - 1
    changes: list[tuple[str, ...]] = [()] * len(points)
    for k in range(len(points)):
        found: list[str] = []
        left = inter[k - 1] if k > 0 else None
        right = inter[k] if k < last else None
        sides = [r for r in (left, right) if r is not None]
        if any(r.structure != at[k].structure for r in sides):
            found.append("equilibria")
        if left is not None and right is not None:
            if dominance and left.dominance != right.dominance:
                found.append("dominance")
            if left.structure == right.structure and forms[k - 1] != forms[k]:
                found.append("closed form")
        if at[k].undefined:
            found = ["undefined"]
        changes[k] = tuple(found)
    critical = [bool(c) for c in changes]

    taus: dict[int, Any] = {}

    def value(k: int) -> CriticalValue:
        point = points[k]
        formula = None
        if syms and critical[k]:
            found = engine.threshold_formulas(point, factors.get(point.poly, []))
            formula = " = ".join(formula_text(f) for f in found) or None
            if found:
                taus[k] = found[0]
            elif k in (0, last):
                taus[k] = point.expr
        return CriticalValue(
            point.text, float(point), point.expr, formula, at[k].undefined, changes[k]
        )

    values_at = {k: value(k) for k in range(len(points)) if critical[k] or k in (0, last)}
    out: list[Regime] = []
    if critical[0]:
        out.append(_point_regime(engine, at[0], values_at[0], points[0], taus.get(0)))
    start = 0
    for k in range(1, last + 1):
        if k < last and not critical[k]:
            continue
        merged = inter[start:k]
        out.append(
            Regime(
                structure=merged[0].structure,
                description=describe(merged[0].structure, model.players, model.strategies),
                equilibria=tuple(_interval_equilibrium(engine, e) for e in merged[0].equilibria),
                degenerate=any(r.degenerate for r in merged),
                lower=values_at[start],
                upper=values_at[k],
                test_point=tests[start],
                dominance=_dominance_text(
                    frozenset.intersection(*(r.dominance for r in merged)), model
                ),
                ends=(points[start], points[k]),
            )
        )
        if critical[k]:
            out.append(_point_regime(engine, at[k], values_at[k], points[k], taus.get(k)))
        start = k
    notes = []
    degenerate = [r.label for r in out if r.degenerate and not r.is_point]
    if degenerate:
        notes.append(
            "the game is degenerate on " + ", ".join(degenerate) + ": the equilibria listed "
            "there are the extreme ones, and convex combinations within a component are "
            "equilibria too"
        )
    if syms:
        held = ", ".join(f"{s} = {vals[s]}" for s in syms)
        notes.append(
            f"thresholds and closed forms are formulas in {', '.join(syms)}; the order of "
            f"the regimes is the one at {held}, and the formulas hold as long as that "
            "order does"
        )
    return RegimeAnalysis(
        parameter=parameter,
        bounds=(low, high),
        critical_values=tuple(values_at[k] for k in range(len(points)) if critical[k]),
        regimes=tuple(out),
        players=model.players,
        strategies=model.strategies,
        values={k: v for k, v in vals.items() if k != parameter},
        symbolic=syms,
        notes=tuple(notes),
    )


def _check_arguments(
    model: Model,
    parameter: str,
    bounds: tuple[Any, Any] | None,
    values: Mapping[str, Any] | None,
    symbolic: Sequence[str],
) -> tuple[Fraction, Fraction, dict[str, Fraction], tuple[str, ...]]:
    if len(model.players) != 2:
        raise UnsupportedError(
            f"exact regimes need a two-player model; this one has {len(model.players)} players"
        )
    low, high, vals = parameter_interval(model, parameter, bounds, values)
    syms = tuple(dict.fromkeys(symbolic))
    for s in syms:
        if s == parameter:
            raise ParameterError(f"{s!r} is the parameter analysed; it cannot also be symbolic")
        if s not in model.parameters:
            model.values({s: 0})
    return low, high, vals, syms


def _flat(forms: tuple[list[list[Any]], list[Any]]) -> list[Any]:
    probs, pays = forms
    return [f for vec in probs for f in vec] + list(pays)


def _check_at(forms: list[Any], eq: _Eq, q: Fraction) -> None:
    expected = [v for vec in eq.values for v in vec] + list(eq.payoffs)
    for (num, den), v in zip(forms, expected, strict=True):
        got = num(_qq(q)) / den(_qq(q))
        if Fraction(int(got.numerator), int(got.denominator)) != v:
            raise RuntimeError(  # pragma: no cover - a bug, never a user error
                f"closed form disagrees with the solver at {q}: {got} != {v}"
            )


def _dominance_text(relations: frozenset[tuple[int, int, int]], model: Model) -> tuple[str, ...]:
    return tuple(
        f"{model.players[p]}: {model.strategies[p][i]} strictly dominates {model.strategies[p][k]}"
        for p, i, k in sorted(relations)
    )


def _kind(support: tuple[tuple[int, ...], ...]) -> str:
    return "pure" if all(len(s) == 1 for s in support) else "mixed"


def _interval_equilibrium(engine: _Engine, eq: _Eq) -> RegimeEquilibrium:
    if engine.symbolic:
        probs_m, pays_m = engine.formulas_m(eq)
        probs = [[sympy.cancel(p) for p in vec] for vec in probs_m]
        pays = [sympy.cancel(p) for p in pays_m]
    else:
        probs_f, pays_f = engine.formulas(eq)
        probs = [[_ratio_expr(p) for p in vec] for vec in probs_f]
        pays = [_ratio_expr(p) for p in pays_f]
    return RegimeEquilibrium(
        strategies=tuple(tuple(formula_text(p) for p in vec) for vec in probs),
        payoffs=tuple(formula_text(p) for p in pays),
        kind=_kind(eq.support),
        support=eq.support,
        strategy_exprs=tuple(tuple(vec) for vec in probs),
        payoff_exprs=tuple(pays),
    )


def _point_regime(
    engine: _Engine, region: _Region, at: CriticalValue, point: RealAlgebraic, tau: Any
) -> Regime:
    model = engine.model
    eqs = []
    for e in region.equilibria:
        if tau is not None:
            probs_m, pays_m = engine.formulas_m(e)
            probs = [[_simplify(p.subs(engine.t, tau)) for p in vec] for vec in probs_m]
            pays = [_simplify(p.subs(engine.t, tau)) for p in pays_m]
            strat_text = tuple(tuple(formula_text(p) for p in vec) for vec in probs)
            pay_text = tuple(formula_text(p) for p in pays)
        else:
            probs = [[_number(v) for v in vec] for vec in e.values]
            pays = [_number(v) for v in e.payoffs]
            strat_text = tuple(tuple(str(p) for p in vec) for vec in probs)
            pay_text = tuple(str(p) for p in pays)
        eqs.append(
            RegimeEquilibrium(
                strategies=strat_text,
                payoffs=pay_text,
                kind=_kind(e.support),
                support=e.support,
                strategy_exprs=tuple(tuple(vec) for vec in probs),
                payoff_exprs=tuple(pays),
            )
        )
    return Regime(
        structure=region.structure,
        description="undefined (pole)"
        if region.undefined
        else describe(region.structure, model.players, model.strategies),
        equilibria=tuple(eqs),
        degenerate=region.degenerate,
        at=at,
        undefined=region.undefined,
        ends=(point, point),
    )


def _number(v: Any) -> Any:
    if isinstance(v, Fraction):
        return sympy.Rational(v.numerator, v.denominator)
    return v


def _simplify(expr: sympy.Expr) -> sympy.Expr:
    expr = sympy.cancel(sympy.together(expr))
    if expr.has(sympy.Pow) and any(
        a.is_Pow and not a.exp.is_Integer for a in sympy.preorder_traversal(expr)
    ):
        expr = sympy.radsimp(expr)
    return expr
