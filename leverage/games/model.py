"""Models: players, strategies, parameters and payoff expressions.

A :class:`Model` is what a model file declares.  It becomes a :class:`~leverage.Game`
once every parameter has a value: :meth:`Model.game` evaluates the ``define``
quantities in order and then every payoff expression, exactly in rationals when all
payoffs are rational (decimals in a file are exact decimals), in floats otherwise or
on request.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from ..errors import EvaluationError, NotRationalError, ParameterError
from ..expr import evaluate, symbol
from ..expr.bounds import MAX_MAGNITUDE
from .strategic import Game

Number = Fraction | float


@dataclass(frozen=True)
class Distribution:
    """A probability distribution of an uncertain parameter (for Monte Carlo).

    Attributes
    ----------
    kind
        ``"uniform"``, ``"normal"``, ``"triangular"``, ``"beta"`` or ``"lognormal"``.
    args
        The distribution's arguments, as in the model file (e.g. ``(low, high)``).
    truncate
        Bounds the draws are truncated to (normal and lognormal are always truncated,
        at least to the parameter's range).
    scale
        For ``beta``: the interval ``[low, high]`` the unit interval is mapped to.
    """

    kind: str
    args: tuple[Fraction, ...]
    truncate: tuple[Fraction, Fraction] | None = None
    scale: tuple[Fraction, Fraction] | None = None

    def support(self) -> tuple[Fraction | None, Fraction | None]:
        """Lowest and highest value a draw can take (``None`` for unbounded)."""
        if self.kind == "uniform":
            return self.args[0], self.args[1]
        if self.kind == "triangular":
            return self.args[0], self.args[2]
        if self.kind == "beta":
            return self.scale if self.scale else (Fraction(0), Fraction(1))
        if self.truncate:
            return self.truncate
        return (Fraction(0) if self.kind == "lognormal" else None), None

    def describe(self) -> str:
        """A short human-readable form, e.g. ``uniform(1/2, 6)``."""
        text = f"{self.kind}({', '.join(str(a) for a in self.args)})"
        if self.truncate:
            text += f" truncated to [{self.truncate[0]}, {self.truncate[1]}]"
        if self.scale:
            text += f" on [{self.scale[0]}, {self.scale[1]}]"
        return text


@dataclass(frozen=True)
class Parameter:
    """A named model parameter with its provenance.

    Attributes
    ----------
    name
        Identifier used in expressions.
    value
        Default value (exact).
    low, high
        Admissible range, inclusive; both ``None`` when the model file gives no range
        (values are then unchecked, and a one-parameter analysis needs explicit bounds).
    source
        Where the value comes from: a seed figure, a citation, or ``"assumption"``
        (``""`` when the model file gives none).
    unit, description
        Optional documentation.
    distribution
        Optional :class:`Distribution` for Monte Carlo.
    """

    name: str
    value: Fraction
    low: Fraction | None = None
    high: Fraction | None = None
    source: str = ""
    unit: str = ""
    description: str = ""
    distribution: Distribution | None = None

    @property
    def bounds(self) -> tuple[Fraction, Fraction] | None:
        """The range ``(low, high)``, or ``None`` when the parameter has none."""
        if self.low is None or self.high is None:
            return None
        return self.low, self.high


@dataclass(frozen=True, eq=False)
class Model:
    """A parameterised game as declared in a model file.

    Attributes
    ----------
    title, description
        What the model is and how its payoffs derive from its parameters.
    players
        Player names in order.
    strategies
        Each player's strategy labels in order.
    parameters
        Parameters by name, in file order.
    defines
        Named intermediate quantities (sympy expressions of parameters and earlier
        defines), in file order.
    payoffs
        One object array per player of sympy expressions, indexed by profile.
    references
        Citations.
    strategy_descriptions
        Optional one-line description per (player, strategy).
    path
        The file the model was read from, if any.
    authors, tags, notes, version
        Metadata of the model file, kept so that writing the model back loses nothing;
        not used in any computation.
    """

    title: str
    description: str
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    parameters: dict[str, Parameter]
    defines: dict[str, sympy.Expr]
    payoffs: tuple[np.ndarray, ...]
    references: tuple[str, ...] = ()
    strategy_descriptions: dict[tuple[str, str], str] = field(default_factory=dict)
    path: str | None = None
    payoff_keys: dict[tuple[int, ...], str] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    notes: str = ""
    version: str = ""

    # --------------------------------------------------------------- parameters
    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(len(s) for s in self.strategies)

    def values(self, overrides: Mapping[str, Any] | None = None) -> dict[str, Fraction]:
        """Parameter values: defaults, replaced by checked ``overrides``.

        Parameters
        ----------
        overrides
            New values by parameter name: numbers, or strings such as ``"0.88"``,
            ``"1/3"``.  Each must lie within the parameter's range (unchecked for a
            parameter without one).

        Raises
        ------
        ParameterError
            Unknown name, malformed value, or value out of range.
        """
        values = {name: p.value for name, p in self.parameters.items()}
        for name, raw in (overrides or {}).items():
            if name not in self.parameters:
                hint = difflib.get_close_matches(name, list(self.parameters), n=1)
                known = ", ".join(self.parameters) or "none"
                extra = f"; did you mean {hint[0]!r}?" if hint else f" (parameters: {known})"
                raise ParameterError(f"unknown parameter {name!r}{extra}", file=self.path)
            value = parse_value(raw, name=name)
            bounds = self.parameters[name].bounds
            if bounds is not None and not bounds[0] <= value <= bounds[1]:
                raise ParameterError(
                    f"value {_show(value)} of {name!r} is outside its range "
                    f"[{_show(bounds[0])}, {_show(bounds[1])}]",
                    file=self.path,
                )
            values[name] = value
        return values

    # --------------------------------------------------------------- games
    def game(
        self, values: Mapping[str, Any] | None = None, /, *, exact: bool | None = None, **kw: Any
    ) -> Game:
        """The game at the given parameter values (defaults elsewhere).

        Parameters
        ----------
        values
            Parameter overrides as a mapping (alternatively as keyword arguments).
        exact
            ``None`` (default): exact rationals when every payoff is rational, floats
            otherwise.  ``True``: exact, or :class:`~leverage.errors.NotRationalError`.
            ``False``: floats.
        **kw
            Parameter overrides, e.g. ``interdependence_cost=4``.

        Returns
        -------
        Game

        Raises
        ------
        ParameterError
            Unknown parameter or value out of range.
        EvaluationError
            A payoff is undefined at these values (division by zero, overflow...).

        Examples
        --------
        >>> import leverage
        >>> m = leverage.load("models/chicken.toml")        # doctest: +SKIP
        >>> m.game(interdependence_cost=4).equilibria()               # doctest: +SKIP
        """
        overrides = dict(values or {})
        overrides.update(kw)
        vals = self.values(overrides)
        if exact is None:
            try:
                return self._evaluate(vals, True)
            except NotRationalError:
                return self._evaluate(vals, False)
        return self._evaluate(vals, exact)

    def _evaluate(self, vals: Mapping[str, Fraction], exact: bool) -> Game:
        env: dict[str, Number] = dict(vals) if exact else {k: float(v) for k, v in vals.items()}
        for name, expr in self.defines.items():
            try:
                env[name] = evaluate(expr, env, exact=exact)
            except EvaluationError as err:
                raise err.located(
                    file=self.path, key=f"define.{name}", line=self.key_lines.get(f"define.{name}")
                ) from None
        arrays = []
        for i, exprs in enumerate(self.payoffs):
            out = np.empty(exprs.shape, dtype=object if exact else float)
            for idx, expr in np.ndenumerate(exprs):
                try:
                    out[idx] = _in_range(evaluate(expr, env, exact=exact))
                except EvaluationError as err:
                    key = self.payoff_keys.get(idx, str(idx))
                    raise err.located(
                        file=self.path,
                        key=f'payoffs."{key}"[{i}]',
                        line=self.key_lines.get(f"payoffs.{key}"),
                    ) from None
            arrays.append(out)
        return Game(
            players=self.players,
            strategies=self.strategies,
            payoffs=tuple(arrays),
            exact=exact,
            title=self.title,
            parameters={k: (v if exact else float(v)) for k, v in vals.items()},
        )

    def symbolic_payoffs(self, *, expand_defines: bool = False) -> tuple[np.ndarray, ...]:
        """Payoff arrays of sympy expressions.

        Parameters
        ----------
        expand_defines
            Replace define names by their definitions, so that the expressions use
            parameters only.
        """
        if not expand_defines:
            return self.payoffs
        subs: dict[sympy.Symbol, sympy.Expr] = {}
        for name, expr in self.defines.items():
            subs[symbol(name)] = expr.xreplace(subs)
        return tuple(
            np.vectorize(lambda e: e.xreplace(subs), otypes=[object])(arr) for arr in self.payoffs
        )

    def profiles(self) -> list[tuple[int, ...]]:
        """All pure-strategy profiles as index tuples."""
        return list(itertools.product(*(range(k) for k in self.shape)))

    def __repr__(self) -> str:
        dims = "×".join(str(k) for k in self.shape)
        return (
            f"<Model {self.title!r}: {dims}, players {', '.join(self.players)}, "
            f"{len(self.parameters)} parameters>"
        )

    def _repr_markdown_(self) -> str:
        from ..formats.strategic import model_markdown

        return model_markdown(self, description=True)

    def _repr_html_(self) -> str:
        from ..formats.notebook import model_html

        return model_html(self)


def parameter_interval(
    model: Model,
    parameter: str,
    bounds: tuple[Any, Any] | None,
    values: Mapping[str, Any] | None,
) -> tuple[Fraction, Fraction, dict[str, Fraction]]:
    """Check the arguments of a one-parameter analysis: ``parameter`` exists, is not
    also held at a value, and ``bounds`` (default: its declared range) is a non-empty
    interval inside its declared range (any non-empty interval for a parameter without a
    range, which then needs ``bounds``).

    Returns
    -------
    (low, high, values)
        The interval, exactly, and the values of every parameter (``values`` applied).

    Raises
    ------
    ParameterError
        Unknown parameter (located, with a suggestion), a value given for the analysed
        parameter, bounds outside its range, or no bounds for a parameter without a range.
    """
    if parameter not in model.parameters:
        model.values({parameter: 0})  # raises the located error with a suggestion
    if values and parameter in values:
        raise ParameterError(
            f"{parameter!r} is the parameter analysed: give its range as bounds, not a value",
            file=model.path,
        )
    vals = model.values(values)
    declared = model.parameters[parameter].bounds
    if bounds is None:
        if declared is None:
            raise ParameterError(
                f"{parameter!r} has no range in the model file: give the interval to "
                "analyse as bounds",
                file=model.path,
            )
        low, high = declared
    else:
        low, high = (parse_value(b, name=f"bound of {parameter}") for b in bounds)
    if declared is None:
        if not low < high:
            raise ParameterError(
                f"range [{low}, {high}] of {parameter!r} must be non-empty", file=model.path
            )
    elif not declared[0] <= low < high <= declared[1]:
        raise ParameterError(
            f"range [{low}, {high}] of {parameter!r} must be non-empty and lie within its "
            f"declared range [{declared[0]}, {declared[1]}]",
            file=model.path,
        )
    return low, high, vals


def _in_range(value: Fraction | float) -> Fraction | float:
    """A payoff, refused at :data:`~leverage.expr.bounds.MAX_MAGNITUDE` or beyond."""
    if not -MAX_MAGNITUDE < value < MAX_MAGNITUDE:  # also refuses nan
        raise EvaluationError(
            "payoff too large: 1e301 or more in absolute value (payoffs stay below, so that "
            "floating-point methods can use them)"
        )
    return value


def parse_value(raw: Any, *, name: str = "value") -> Fraction:
    """An exact parameter value from a number or a string (``"0.88"``, ``"1/3"``).

    Raises
    ------
    ParameterError
        When ``raw`` is not a finite number, or is beyond the bounds every value meets:
        magnitude at most 1e300 and beyond 1e-300, at most 100 characters or digits.
    """
    if isinstance(raw, bool):
        raise ParameterError(f"{name}: expected a number, got {raw!r}")
    if isinstance(raw, Fraction):
        return raw
    if isinstance(raw, int):
        if abs(raw) >= MAX_MAGNITUDE:
            raise ParameterError(f"{name}: value is out of any sensible range (1e301 or more)")
        return Fraction(raw)
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise ParameterError(f"{name}: value {raw} is not finite")
        if raw and abs(raw.adjusted()) > 300:
            raise ParameterError(f"{name}: value {raw} is out of any sensible range")
        if len(raw.as_tuple().digits) > 100:
            raise ParameterError(f"{name}: value has too many digits (at most 100)")
        return Fraction(raw)
    if isinstance(raw, float):
        raw = repr(raw)
    if isinstance(raw, str):
        text = raw.strip()
        if len(text) > 100:
            raise ParameterError(f"{name}: value is too long")
        try:
            if text.count("/") > 1:
                # "1/2/3" is ambiguous (Python reads (1/2)/3; a/(b/c) was read before):
                # a value is a decimal or one fraction p/q
                raise ParameterError(
                    f"{name}: {raw!r} is not a number (give a decimal or one fraction p/q)"
                )
            if "/" in text:
                num, _, den = text.partition("/")
                return Fraction(parse_value(num, name=name)) / parse_value(den, name=name)
            dec = Decimal(text)
            if not dec.is_finite():
                raise ParameterError(f"{name}: value {text!r} is not finite")
            if abs(dec.adjusted()) > 300:
                raise ParameterError(f"{name}: value {text!r} is out of any sensible range")
            return Fraction(dec)
        except (InvalidOperation, ValueError, ZeroDivisionError):
            raise ParameterError(f"{name}: {raw!r} is not a number") from None
    raise ParameterError(f"{name}: expected a number, got {type(raw).__name__}")


def parse_assignments(items: Sequence[str]) -> dict[str, Fraction]:
    """Parse ``name=value`` strings (as the command line's ``--set`` gives them) into exact
    values.

    Raises
    ------
    ParameterError
        A string without ``=`` or without a name, or a malformed value.
    """
    out: dict[str, Fraction] = {}
    for item in items:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ParameterError(f"an assignment must be name=value, got {item!r}")
        out[name] = parse_value(raw, name=name)
    return out


def _show(value: Fraction) -> str:
    return str(value) if value.denominator == 1 else f"{value} (= {float(value):g})"
