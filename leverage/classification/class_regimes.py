"""Class regimes: how the Robinson–Goforth class of a 2×2 model changes as one parameter
moves, with the exact thresholds where it changes.

Mathematics
-----------
With every parameter but one, ``t``, at exact values, each payoff is a rational function of
``t``.  The ordinal ranking of a player changes only where the difference of two of its own
payoffs changes sign, i.e. at real roots of ``num_p·den_q − num_q·den_p``; poles are where the
game is undefined.  Between consecutive roots the class is constant and is computed at a
rational point; at a root (rational, or irrational and then exact via its minimal polynomial)
the ranking is decided exactly from the signs of those polynomials.  The equilibrium regimes
of a 2×2 game (:func:`leverage.regimes`) change only where a best response or
a strict dominance relation changes, that is where ``u_i(s) − u_i(t_i, s_−i)`` changes sign:
an ordinal change, so every such critical value is also a class threshold.

References
----------
- D. Robinson, D. Goforth, *The Topology of the 2×2 Games: A New Periodic Table*, Routledge 2005.
- B. R. Bruns, "Names for Games: Locating 2 × 2 Games", *Games* 6(4) (2015) 495–520.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sympy
from sympy import QQ
from sympy.polys.rings import PolyElement, ring

from ..analysis.regimes.algebra import MAX_DEGREE, rational_function
from ..analysis.regimes.algebra import to_poly as _to_poly
from ..analysis.regimes.algebraic import RealAlgebraic, simplest_rational
from ..analysis.regimes.result import Span
from ..errors import TooLargeError, UnsupportedError
from ..expr import symbol
from ..games.model import parameter_interval
from ..games.strategic import Game
from ..numbers import to_fraction, to_sympy
from ..records import Record
from .classification import Classification, classify, classify_ranks

if TYPE_CHECKING:  # pragma: no cover
    from ..games.model import Model

__all__ = ["ClassRegime", "ClassRegimes", "ClassThreshold", "classify_range"]


@dataclass(frozen=True)
class ClassThreshold:
    """A value of the parameter where some player's ranking of the outcomes changes.

    Attributes
    ----------
    exact
        Exact text (``"7/2"``, ``"1 + sqrt(2)"``, ``"CRootOf(…)"``).
    value
        The nearest float.
    sympy_value
        The exact sympy number.
    class_change
        Whether the class differs on the two sides (or at a bound, from the inside).
    undefined
        Whether a payoff has a pole here.
    ties
        The payoffs that are equal here, e.g. ``"China: (Calibrate, Hold) = (Overreach, Hold)"``.
    """

    exact: str
    value: float
    sympy_value: Any = field(repr=False, compare=False)
    class_change: bool = True
    undefined: bool = False
    ties: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """``{"exact": …, "value": …, "class_change": …, "ties": […]}``."""
        out: dict[str, Any] = {
            "exact": self.exact,
            "value": self.value,
            "class_change": self.class_change,
        }
        if self.undefined:
            out["undefined"] = True
        if self.ties:
            out["ties"] = list(self.ties)
        return out


@dataclass(frozen=True)
class ClassRegime(Span):
    """The class on an open interval of the parameter, or at one value of it.

    Attributes
    ----------
    lower, upper
        The ends of an interval (``None`` for a point).
    at
        The value of a point (``None`` for an interval).
    classification
        The classification there (``None`` where the game is undefined).
    test_point
        The rational point an interval was classified at.
    """

    lower: ClassThreshold | None
    upper: ClassThreshold | None
    at: ClassThreshold | None
    classification: Classification | None
    test_point: Fraction | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of one regime."""
        out = self.span_dict()
        c = self.classification
        if c is None:
            out["undefined"] = True
            return out
        out.update(
            {
                "class": c.label,
                "index": c.index,
                "name": c.name,
                "pure_equilibria": c.pure_equilibria,
            }
        )
        if c.tied:
            out["borders"] = list(c.borders)
        return out


@dataclass(frozen=True)
class ClassRegimes(Record):
    """How the class of a 2×2 model changes as one parameter moves (:func:`classify_range`).

    Attributes
    ----------
    parameter
        The parameter analysed.
    bounds
        The closed range analysed.
    thresholds
        Every value in the range where some ranking changes (or a bound where the class
        differs from the inside), increasing.
    regimes
        Intervals and points covering the range, in order.
    values
        The values the other parameters were held at.
    """

    parameter: str
    bounds: tuple[Fraction, Fraction]
    thresholds: tuple[ClassThreshold, ...]
    regimes: tuple[ClassRegime, ...]
    values: dict[str, Fraction] = field(default_factory=dict)

    @property
    def class_changes(self) -> tuple[ClassThreshold, ...]:
        """The thresholds where the class changes."""
        return tuple(t for t in self.thresholds if t.class_change)

    def to_dict(self) -> dict[str, Any]:
        """``{"parameter", "range", "values", "thresholds", "regimes"}``."""
        return {
            "parameter": self.parameter,
            "range": [str(self.bounds[0]), str(self.bounds[1])],
            "values": {k: str(v) for k, v in self.values.items()},
            "thresholds": [t.to_dict() for t in self.thresholds],
            "regimes": [r.to_dict() for r in self.regimes],
        }

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat row per regime: ``regime, from, to, at, class, index, name, borders,
        pure_equilibria`` (empty strings where not applicable)."""
        rows = []
        for k, reg in enumerate(self.regimes):
            c = reg.classification
            rows.append(
                {
                    "regime": k,
                    "from": reg.lower.exact if reg.lower else "",
                    "to": reg.upper.exact if reg.upper else "",
                    "at": reg.at.exact if reg.at else "",
                    "class": (c.label or "") if c else "undefined",
                    "index": (c.index or "") if c else "",
                    "name": (c.name or "") if c else "",
                    "borders": " ".join(c.borders) if c else "",
                    "pure_equilibria": c.pure_equilibria if c else "",
                }
            )
        return rows


def _check_range(
    model: Model,
    parameter: str,
    bounds: tuple[Any, Any] | None,
    values: Mapping[str, Any] | None,
) -> tuple[Fraction, Fraction, dict[str, Fraction]]:
    if len(model.players) != 2 or model.shape != (2, 2):
        dims = "×".join(str(k) for k in model.shape)
        raise UnsupportedError(
            f"class regimes are defined for 2×2 games; this model is {dims}", file=model.path
        )
    return parameter_interval(model, parameter, bounds, values)


def classify_range(
    model: Model,
    parameter: str,
    bounds: tuple[Any, Any] | None = None,
    values: Mapping[str, Any] | None = None,
) -> ClassRegimes:
    """The class of a 2×2 model on every interval of one parameter, with exact thresholds.

    Parameters
    ----------
    model
        A two-player 2×2 model whose payoffs are rational functions of ``parameter`` once
        the other parameters have their values.
    parameter
        The parameter to move.
    bounds
        The closed range ``(low, high)`` (numbers or strings such as ``"7/2"``); default
        the parameter's declared range, which it must lie in.
    values
        Values of the other parameters (defaults elsewhere), checked against their ranges.

    Returns
    -------
    ClassRegimes

    Raises
    ------
    UnsupportedError
        Not a 2×2 model, or a payoff that is not a rational function of the parameter.
    ParameterError
        Unknown parameter, bad bounds or values.
    TooLargeError
        Polynomials of too high a degree.

    Examples
    --------
    >>> import leverage
    >>> chicken = leverage.load("models/chicken.toml")
    >>> result = classify_range(chicken, "interdependence_cost")
    >>> [(r.label, r.classification.label) for r in result.regimes]
    [('at 0', 'tied'), ('(0, 1)', 'Pd'), ('at 1', 'tied'), ('(1, 10)', 'Ch')]
    """
    low, high, vals = _check_range(model, parameter, bounds, values)
    t = symbol(parameter)
    rng, _ = ring([t], QQ)
    subs = {symbol(k): to_sympy(v) for k, v in vals.items() if k != parameter}
    exprs = model.symbolic_payoffs(expand_defines=True)
    cells = [(0, 0), (0, 1), (1, 0), (1, 1)]
    funcs = [
        {
            cell: rational_function(
                exprs[i][cell].xreplace(subs),
                rng,
                what=f"the payoff of {model.players[i]} at "
                f'"{model.strategies[0][cell[0]]}, {model.strategies[1][cell[1]]}"',
                parameter=parameter,
            )
            for cell in cells
        }
        for i in range(2)
    ]
    comparisons: dict[tuple[int, tuple[int, int], tuple[int, int]], PolyElement] = {}
    polys: list[PolyElement] = []
    for i in range(2):
        for p, q in itertools.combinations(cells, 2):
            (np_, dp), (nq, dq) = funcs[i][p], funcs[i][q]
            comparisons[(i, p, q)] = np_ * dq - nq * dp
            polys.append(comparisons[(i, p, q)])
        polys.extend(d for _, d in funcs[i].values())
    factors: dict[sympy.Poly, None] = {}
    for poly in polys:
        if poly.degree() < 1:
            continue
        if poly.degree() > MAX_DEGREE:
            raise TooLargeError(
                f"a polynomial of degree {poly.degree()} in {parameter} arises "
                f"(limit {MAX_DEGREE}); class regimes cannot be computed exactly"
            )
        for f, _ in _to_poly(poly, t).factor_list()[1]:
            factors[f.monic()] = None
    lo_pt, hi_pt = RealAlgebraic.rational(low, t), RealAlgebraic.rational(high, t)
    roots = [
        r
        for f in factors
        for r in RealAlgebraic.roots(f)
        if r.compare(lo_pt) > 0 and r.compare(hi_pt) < 0
    ]
    roots.sort(key=functools.cmp_to_key(lambda a, b: a.compare(b)))
    points = [lo_pt, *roots, hi_pt]
    for a, b in itertools.pairwise(points):
        a.separate(b)

    def at(point: RealAlgebraic) -> tuple[Classification | None, tuple[str, ...]]:
        signs: dict[tuple[int, tuple[int, int]], int] = {}
        for i in range(2):
            for cell in cells:
                s = point.sign(_to_poly(funcs[i][cell][1], t))
                if s == 0:
                    return None, ()
                signs[(i, cell)] = s
        if point.is_rational:
            q = point.value
            x = QQ(q.numerator, q.denominator)
            arrays = [
                [
                    [to_fraction(funcs[i][(r, c)][0](x) / funcs[i][(r, c)][1](x)) for c in range(2)]
                    for r in range(2)
                ]
                for i in range(2)
            ]
            game = Game.from_arrays(
                *arrays, players=model.players, strategies=model.strategies, title=model.title
            )
            found = classify(game)
        else:
            levels = []
            for i in range(2):

                def compare(p: tuple[int, int], q: tuple[int, int], i: int = i) -> int:
                    if p == q:
                        return 0
                    key = (i, p, q) if (i, p, q) in comparisons else (i, q, p)
                    s = point.sign(_to_poly(comparisons[key], t)) * signs[(i, p)] * signs[(i, q)]
                    return s if key[1] == p else -s

                ordered = sorted(cells, key=functools.cmp_to_key(compare))
                level, rank = 1, {ordered[0]: 1}
                for a, b in itertools.pairwise(ordered):
                    level += compare(a, b) != 0
                    rank[b] = level
                levels.append(((rank[(0, 0)], rank[(0, 1)]), (rank[(1, 0)], rank[(1, 1)])))
            found = classify_ranks(levels[0], levels[1], model.players, model.strategies, None)
        return found, _tie_text(found, model.players)

    tests = [simplest_rational(a.hi, b.lo) for a, b in itertools.pairwise(points)]
    inside = [at(RealAlgebraic.rational(q, t))[0] for q in tests]
    marks = [at(p) for p in points]
    last = len(points) - 1

    def key(c: Classification | None) -> Any:
        return None if c is None else c.key

    thresholds = []
    for k, point in enumerate(points):
        found, ties = marks[k]
        sides = [inside[j] for j in (k - 1, k) if 0 <= j < len(inside)]
        change = any(key(c) != key(found) for c in sides) or len({key(c) for c in sides}) > 1
        thresholds.append(
            ClassThreshold(point.text, float(point), point.expr, change, found is None, ties)
        )
    shown = [0 < k < last or thresholds[k].class_change for k in range(len(points))]
    regimes: list[ClassRegime] = []
    for k in range(len(points)):
        if shown[k]:
            regimes.append(ClassRegime(None, None, thresholds[k], marks[k][0]))
        if k < last:
            regimes.append(ClassRegime(thresholds[k], thresholds[k + 1], None, inside[k], tests[k]))
    return ClassRegimes(
        parameter=parameter,
        bounds=(low, high),
        thresholds=tuple(th for th, s in zip(thresholds, shown, strict=True) if s),
        regimes=tuple(regimes),
        values={k: v for k, v in vals.items() if k != parameter},
    )


def _tie_text(found: Classification | None, players: Sequence[str]) -> tuple[str, ...]:
    if found is None or not found.tied:
        return ()
    return tuple(
        f"{p}: " + " = ".join(f"({cell})" for cell in group)
        for p in players
        for group in found.ties.get(p, ())
    )
