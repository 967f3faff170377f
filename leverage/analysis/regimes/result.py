"""The results of a regime analysis: critical values, regimes and their equilibria.

:func:`leverage.analysis.regimes.engine.regimes` returns a :class:`RegimeAnalysis`: the
critical values of one parameter in increasing order and the regimes that cover the range
analysed, each an open interval between consecutive critical values or a single critical
value, with its equilibria in closed form.

Mathematics
-----------
A critical value is a real algebraic number (rational, radical or ``CRootOf``), kept as its
exact text and sympy value; the ends of a regime are also kept as
:class:`~leverage.analysis.regimes.algebraic.RealAlgebraic` numbers, so that regimes can be
compared exactly.  On an interval, each equilibrium's probabilities and payoffs are rational
functions of the parameter; at a point, exact numbers (or formulas in the symbolic
parameters).  See :mod:`leverage.analysis.regimes.engine` for how they are computed.

References
----------
- B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
  form", in Algorithmic Game Theory, ch. 3, CUP 2007.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ...records import Record, checked_columns
from ...solve.structure import Structure
from .algebraic import RealAlgebraic

#: The most regimes ``repr`` of an analysis lists.
REPR_REGIMES = 8

__all__ = [
    "CriticalValue",
    "Key",
    "Regime",
    "RegimeAnalysis",
    "RegimeEquilibrium",
    "Region",
    "Side",
    "Span",
    "SystemEquilibrium",
]


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

    def to_dict(self) -> dict[str, Any]:
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

    def to_dict(self) -> dict[str, Any]:
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

    def to_dict(self) -> dict[str, Any]:
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
        out["equilibria"] = [e.to_dict() for e in self.equilibria]
        return out


@dataclass(frozen=True)
class RegimeAnalysis(Record):
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

    def to_dict(self) -> dict[str, Any]:
        """``{"parameter", "range", "critical_values", "regimes", ...}`` (issue 3's form)."""
        out: dict[str, Any] = {
            "parameter": self.parameter,
            "range": [str(self.bounds[0]), str(self.bounds[1])],
            "critical_values": [c.to_dict() for c in self.critical_values],
            "regimes": [r.to_dict() for r in self.regimes],
            "values": {k: str(v) for k, v in self.values.items()},
        }
        if self.symbolic:
            out["symbolic"] = list(self.symbolic)
        if self.notes:
            out["notes"] = list(self.notes)
        return out

    def to_rows(self) -> list[dict[str, Any]]:
        """One flat row per (regime, equilibrium), for CSV and tables.

        Keys (the CSV conventions of docs/cli.md): ``regime`` and ``equilibrium`` (from
        1), ``from``, ``to`` and ``at`` (floats) with ``from_exact``, ``to_exact`` and
        ``at_exact`` (exact values), ``structure``, ``degenerate``, ``kind``, then one
        ``<player>:<strategy>_exact`` per probability and ``payoff:<player>_exact`` per
        payoff: closed forms in the parameter, so they have no float column.  ``None``
        where not applicable.
        """
        prob_keys = [
            f"{p}:{s}_exact"
            for p, strats in zip(self.players, self.strategies, strict=True)
            for s in strats
        ]
        pay_keys = [f"payoff:{p}_exact" for p in self.players]
        head = ["regime", "from", "from_exact", "to", "to_exact", "at", "at_exact"]
        checked_columns(
            [*head, "structure", "degenerate", "equilibrium", "kind", *prob_keys, *pay_keys]
        )
        rows = []
        for k, reg in enumerate(self.regimes, start=1):
            base: dict[str, Any] = {"regime": k}
            for name, point in (("from", reg.lower), ("to", reg.upper), ("at", reg.at)):
                base[name] = point.value if point else None
                base[f"{name}_exact"] = point.exact if point else None
            base |= {"structure": reg.description, "degenerate": reg.degenerate}
            if not reg.equilibria:
                rows.append(
                    {**base, "equilibrium": None, "kind": None}
                    | dict.fromkeys(prob_keys + pay_keys)
                )
            for e_index, eq in enumerate(reg.equilibria, start=1):
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
        for reg in self.regimes[:REPR_REGIMES]:
            lines.append(f"  {reg.label}: {reg.description}")
            for eq in reg.equilibria:
                if eq.kind == "mixed":
                    strat = "; ".join("(" + ", ".join(s) + ")" for s in eq.strategies)
                    lines.append(f"      mixed {strat}  payoffs ({', '.join(eq.payoffs)})")
        if len(self.regimes) > REPR_REGIMES:
            more = len(self.regimes) - REPR_REGIMES
            lines.append(f"  … {more} more regimes (regimes has them all)")
        return "\n".join(lines)


# --------------------------------------------------------------------------- per point
# what :class:`leverage.analysis.regimes.parametric.Engine` finds at one value

Side = str  # "x": the row player's strategy (column player indifferent); "y": the column's
Key = tuple[int, ...]


@dataclass
class SystemEquilibrium:
    """An extreme equilibrium found at one point, with the systems that define it.

    Attributes
    ----------
    support
        The supports of both players.
    values
        The exact mixed strategies at the point.
    payoffs
        The exact expected payoffs at the point.
    systems
        For each player ``(U, W)``: its support ``U`` and a set ``W`` of opponent strategies
        of the same size on which the opponent is indifferent, whose indifference system is
        nonsingular at the point; its closed form holds on the whole regime.
    """

    support: tuple[tuple[int, ...], tuple[int, ...]]
    values: tuple[tuple[Any, ...], tuple[Any, ...]]
    payoffs: tuple[Any, ...]
    systems: tuple[tuple[Key, Key], tuple[Key, Key]]


@dataclass
class Region:
    """What the engine finds at one point of the parameter.

    Attributes
    ----------
    structure
        The supports of the equilibria, sorted.
    dominance
        The strict dominance relations ``(player, dominant, dominated)`` between pure
        strategies.
    degenerate
        Whether the game is degenerate there.
    equilibria
        The extreme equilibria with their defining systems.
    undefined
        Whether some payoff has a pole there.
    """

    structure: Structure
    dominance: frozenset[tuple[int, int, int]]
    degenerate: bool
    equilibria: list[SystemEquilibrium]
    undefined: bool = False

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.undefined, self.structure, self.dominance)
