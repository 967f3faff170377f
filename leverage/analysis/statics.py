"""Comparative statics: how each equilibrium's probabilities and payoffs move with a parameter.

Mathematics
-----------
On each open interval of :func:`~leverage.regimes`, every equilibrium's
probabilities and expected payoffs are rational functions ``f = p/q`` of the parameter
``t`` (the closed forms of its indifference system), with no pole inside the interval (they
are bounded, and payoffs have poles only where the game is undefined, which ends a regime).
Their derivatives ``f' = (p'q - pq')/q²`` are computed symbolically and cancelled.  The sign
of ``f'`` on the interval ``(a, b)`` is decided exactly: ``f'`` is identically zero
("constant"), or its numerator has a root of odd multiplicity strictly inside ``(a, b)``
("changes sign"; roots are compared with the ends, which may be irrational, by root
isolation), or else it has one sign on the whole interval, read off at rational points
inside it ("increasing" or "decreasing": a root of even multiplicity is a point where ``f'``
touches zero, and ``f`` is still strictly monotone).

This is the form in which formal theorists state hypotheses ("the probability that China
overreaches decreases in the interdependence cost"); see e.g. Tsebelis (1989) on the
comparative statics of mixed equilibria, where a player's probabilities move with the
*opponent's* payoffs.

References
----------
- G. Tsebelis, "The abuse of probability in political analysis: the Robinson Crusoe
  fallacy", American Political Science Review 83 (1989) 77-91.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sympy

from ..errors import UnsupportedError
from ..expr import symbol
from ..expr.printing import formula_text
from ..numbers import to_sympy
from ..records import Record
from ..solve.structure import describe
from .regimes import CriticalValue, Regime, RegimeAnalysis, regimes
from .regimes.algebraic import RealAlgebraic

if TYPE_CHECKING:  # pragma: no cover
    from ..games.model import Model

__all__ = ["Derivative", "StaticsAnalysis", "StaticsEquilibrium", "StaticsRegime", "statics"]

SIGNS = ("increasing", "decreasing", "constant", "changes sign")
_VERBS = {
    "increasing": "increases in",
    "decreasing": "decreases in",
    "constant": "does not depend on",
    "changes sign": "is not monotone in",
}


#: The most sentences ``repr`` of an analysis lists.
REPR_LINES = 6


@dataclass(frozen=True)
class Derivative:
    """The derivative of one equilibrium quantity with respect to the parameter.

    Attributes
    ----------
    player
        The player concerned.
    strategy
        The strategy whose probability is differentiated, or ``None`` for the player's
        expected payoff.
    formula
        The quantity as a function of the parameter.
    derivative
        Its derivative, simplified.
    sign
        ``"increasing"``, ``"decreasing"``, ``"constant"`` or ``"changes sign"`` on the
        regime's interval.
    """

    player: str
    strategy: str | None
    formula: str
    derivative: str
    sign: str

    @property
    def quantity(self) -> str:
        """``"probability"`` or ``"payoff"``."""
        return "payoff" if self.strategy is None else "probability"

    def to_dict(self) -> dict[str, Any]:
        """The derivative as a JSON-ready dictionary."""
        return {
            "player": self.player,
            "strategy": self.strategy,
            "quantity": self.quantity,
            "formula": self.formula,
            "derivative": self.derivative,
            "sign": self.sign,
        }


@dataclass(frozen=True)
class StaticsEquilibrium:
    """The derivatives of one equilibrium of a regime.

    Attributes
    ----------
    description
        The equilibrium by its supports, e.g. ``"(Calibrate, Escalate)"``.
    kind
        ``"pure"`` or ``"mixed"``.
    derivatives
        One per strategy of each player (probabilities), then one per player (payoffs).
    """

    description: str
    kind: str
    derivatives: tuple[Derivative, ...]

    def to_dict(self) -> dict[str, Any]:
        """The equilibrium's derivatives as a JSON-ready dictionary."""
        return {
            "equilibrium": self.description,
            "kind": self.kind,
            "derivatives": [d.to_dict() for d in self.derivatives],
        }


@dataclass(frozen=True)
class StaticsRegime:
    """The comparative statics on one open interval of the parameter.

    Attributes
    ----------
    lower, upper
        The ends of the interval.
    description
        The regime's equilibria in words.
    equilibria
        The derivatives of each equilibrium.
    """

    lower: CriticalValue
    upper: CriticalValue
    description: str
    equilibria: tuple[StaticsEquilibrium, ...]

    @property
    def label(self) -> str:
        """``"(0, 7/2)"``."""
        return f"({self.lower.exact}, {self.upper.exact})"

    def to_dict(self) -> dict[str, Any]:
        """The regime as a JSON-ready dictionary."""
        return {
            "from": self.lower.exact,
            "to": self.upper.exact,
            "structure": self.description,
            "equilibria": [e.to_dict() for e in self.equilibria],
        }


@dataclass(frozen=True)
class StaticsAnalysis(Record):
    """Comparative statics of a model in one parameter (see :func:`statics`).

    Attributes
    ----------
    parameter
        The parameter.
    bounds
        The range analysed.
    regimes
        One entry per open interval of the regime analysis.
    values
        The values the other parameters were held at.
    """

    parameter: str
    bounds: tuple[Fraction, Fraction]
    regimes: tuple[StaticsRegime, ...]
    values: dict[str, Fraction]
    analysis: RegimeAnalysis | None = field(default=None, repr=False, compare=False)

    def plot(self, *, unit: str = "", title: str | None = None) -> Any:
        """A matplotlib figure of the equilibria whose derivatives are reported, across
        the regimes (see :func:`leverage.formats.plot.panels.plot_regimes`)."""
        from ..formats.plot.panels import plot_regimes

        if self.analysis is None:
            raise UnsupportedError("this result was built without its regime analysis")
        return plot_regimes(self.analysis, unit=unit, title=title)

    def to_dict(self) -> dict[str, Any]:
        """``{"parameter", "range", "values", "regimes": [{"from", "to", "equilibria"}]}``."""
        return {
            "parameter": self.parameter,
            "range": [str(self.bounds[0]), str(self.bounds[1])],
            "values": {k: str(v) for k, v in self.values.items()},
            "regimes": [r.to_dict() for r in self.regimes],
        }

    def columns(self) -> list[str]:
        """Column names of :meth:`to_rows`."""
        return [
            "from", "from_exact", "to", "to_exact", "equilibrium", "kind", "player",
            "quantity", "strategy", "formula_exact", "derivative_exact", "sign",
        ]  # fmt: skip

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat row per derivative (the CSV conventions of docs/cli.md): ``from`` and
        ``to`` (floats) with ``from_exact`` and ``to_exact``, ``equilibrium`` (its
        profile), ``kind``, ``player``, ``quantity``, ``strategy`` (``None`` for a
        payoff), ``formula_exact`` and ``derivative_exact`` (closed forms in the
        parameter), ``sign``."""
        rows = []
        for reg in self.regimes:
            for eq in reg.equilibria:
                for d in eq.derivatives:
                    rows.append(
                        {
                            "from": reg.lower.value,
                            "from_exact": reg.lower.exact,
                            "to": reg.upper.value,
                            "to_exact": reg.upper.exact,
                            "equilibrium": eq.description,
                            "kind": eq.kind,
                            "player": d.player,
                            "quantity": d.quantity,
                            "strategy": d.strategy,
                            "formula_exact": d.formula,
                            "derivative_exact": d.derivative,
                            "sign": d.sign,
                        }
                    )
        return rows

    def sentences(self) -> list[str]:
        """The results as statements a formal theorist would write.

        Every expected payoff, and the probability of each strategy in a mixed support, e.g.
        ``"China's probability of Overreach decreases in interdependence_cost on (0, 7/2)"``;
        when a regime has several equilibria, the equilibrium is named at the end.
        """
        out = []
        for reg in self.regimes:
            several = len(reg.equilibria) > 1
            for eq in reg.equilibria:
                tail = f" (equilibrium {eq.description})" if several else ""
                for d in eq.derivatives:
                    if d.strategy is not None and d.formula in ("0", "1"):
                        continue
                    what = (
                        f"{d.player}'s expected payoff"
                        if d.strategy is None
                        else f"{d.player}'s probability of {d.strategy}"
                    )
                    out.append(f"{what} {_VERBS[d.sign]} {self.parameter} on {reg.label}{tail}")
        return out

    def __repr__(self) -> str:
        lines = [
            f"<StaticsAnalysis of {self.parameter} on [{self.bounds[0]}, {self.bounds[1]}]: "
            f"{len(self.regimes)} regime(s)>"
        ]
        sentences = self.sentences()
        lines += [f"  {s}" for s in sentences[:REPR_LINES]]
        if len(sentences) > REPR_LINES:
            lines.append(f"  … {len(sentences) - REPR_LINES} more (sentences() has them all)")
        return "\n".join(lines)


def statics(
    model: Model,
    parameter: str,
    bounds: tuple[Any, Any] | None = None,
    *,
    values: Mapping[str, Any] | None = None,
) -> StaticsAnalysis:
    """The derivative of every equilibrium probability and payoff in each regime, with its sign.

    Parameters
    ----------
    model, parameter, bounds, values
        As for :func:`~leverage.regimes`.  The regimes are its open
        intervals with ``dominance=False``: split only where the equilibria change.

    Returns
    -------
    StaticsAnalysis

    Raises
    ------
    ParameterError, UnsupportedError, TooLargeError
        As :func:`~leverage.regimes`.

    Examples
    --------
    >>> import leverage
    >>> chicken = leverage.load("models/chicken.toml")
    >>> result = statics(chicken, "interdependence_cost")
    >>> result.sentences()[0]
    "Row's expected payoff decreases in interdependence_cost on (0, 1)"
    >>> [s.split(" (equilibrium")[0] for s in result.sentences() if "of Straight" in s]
    ["Row's probability of Straight decreases in interdependence_cost on (1, 10)",
     "Column's probability of Straight decreases in interdependence_cost on (1, 10)"]
    """
    analysis = regimes(model, parameter, bounds, values=values, dominance=False)
    t = symbol(parameter)
    out = []
    for reg in analysis.regimes:
        if reg.is_point:
            continue
        assert reg.lower is not None and reg.upper is not None
        eqs = []
        for eq in reg.equilibria:
            derivs = []
            for player, name in enumerate(model.players):
                for k, strategy in enumerate(model.strategies[player]):
                    derivs.append(_derivative(name, strategy, eq.strategy_exprs[player][k], t, reg))
            for player, name in enumerate(model.players):
                derivs.append(_derivative(name, None, eq.payoff_exprs[player], t, reg))
            struct = (eq.support,)
            eqs.append(
                StaticsEquilibrium(
                    description=describe(struct, model.players, model.strategies),
                    kind=eq.kind,
                    derivatives=tuple(derivs),
                )
            )
        out.append(StaticsRegime(reg.lower, reg.upper, reg.description, tuple(eqs)))
    return StaticsAnalysis(parameter, analysis.bounds, tuple(out), analysis.values, analysis)


def _derivative(
    player: str, strategy: str | None, expr: sympy.Expr, t: sympy.Symbol, reg: Regime
) -> Derivative:
    d = sympy.cancel(sympy.diff(expr, t))
    return Derivative(
        player=player,
        strategy=strategy,
        formula=formula_text(expr),
        derivative=formula_text(d),
        sign=sign_on_interval(d, t, reg),
    )


def sign_on_interval(expr: sympy.Expr, t: sympy.Symbol, reg: Regime) -> str:
    """The sign of a rational function of ``t`` on a regime's open interval, exactly.

    Parameters
    ----------
    expr
        A rational function of ``t`` with rational coefficients and no pole inside the
        interval.
    t
        Its variable.
    reg
        An interval regime (its exact ends and rational test point are used).

    Returns
    -------
    str
        ``"increasing"`` when positive except at isolated points, ``"decreasing"`` when
        negative likewise, ``"constant"`` when identically zero, ``"changes sign"``
        otherwise.
    """
    if expr == 0:
        return "constant"
    assert reg.ends is not None and reg.test_point is not None
    low, high = reg.ends
    num, den = sympy.fraction(sympy.cancel(expr))
    for part in (num, den):
        poly = sympy.Poly(part, t, domain=sympy.QQ)
        for factor, mult in poly.factor_list()[1]:
            if mult % 2 == 0:
                continue
            for root in RealAlgebraic.roots(factor):
                if root.compare(low) > 0 and root.compare(high) < 0:
                    return "changes sign"
    # one sign on the interval: read it at a rational point where expr does not vanish
    q = reg.test_point
    upper = high.lo if not high.is_rational else high.value
    for _ in range(sympy.degree(num, t) + 2):
        v = expr.subs(t, to_sympy(q))
        if v != 0:
            return "increasing" if v > 0 else "decreasing"
        q = (q + upper) / 2
    raise RuntimeError("no point of nonzero value found")  # pragma: no cover
