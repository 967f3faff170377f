"""Vectorised payoff evaluation: a model's payoffs at many parameter points at once.

:func:`compile_payoffs` turns the payoff expressions of a :class:`~leverage.Model`
into a function of arrays of parameter values that returns float payoff arrays of shape
``(N, *game_shape)``, one game per point.  The sympy trees built by
:mod:`leverage.expr.parse` (numbers, symbols, ``+``, ``*``, ``**``, ``Min``, ``Max``, ``Abs``,
``exp``, ``log``) are compiled by the one walk of :mod:`leverage.expr.walk`, each node to a
numpy operation (:mod:`leverage.expr.arrays`); nothing is ever evaluated as Python text,
and no other node type is accepted.  The ``define`` quantities are
computed once per point, in file order; subexpressions that do not depend on the varying
parameters are computed once, at compile time.

Mathematics
-----------
*Rounding-error bounds.*  Alongside each value the evaluator carries a first-order running
error bound :math:`e` (Higham 2002, §3.3; the rules per operation are in
:mod:`leverage.expr.arrays`): the float result differs from the exact value of the
expression at the point by at most about :math:`c\\,u\\,e`, with :math:`u = 2^{-53}` the
unit roundoff and :math:`c` the number of operations on a path through the tree.

The per-point, per-player *scale* :math:`S = \\max_{\\text{cells}} \\max(e, |v|)` is
what the batched solver (:mod:`leverage.solve.batch.kernels`) measures its tolerances
against: a payoff comparison decided by more than :math:`10^{-9} S` cannot be reversed
by the rounding of the evaluation (:math:`10^{-9} \\gg c\\,u`).  Catastrophic
cancellation inside an expression raises :math:`e` above :math:`|v|` and so widens the
tolerance automatically.

*Undefined points.*  Where a payoff is undefined (division by zero, the logarithm of a
non-positive number, a negative number to a fractional power) or overflows, numpy
yields ``inf`` or ``nan``; such points are reported in
:attr:`PayoffEvaluation.finite`, never dropped silently.

References
----------
N. J. Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., SIAM 2002,
§3.3 (running error analysis).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Protocol

import numpy as np
import sympy

from ..errors import EvaluationError, ParameterError
from .arrays import ArrayCompiler, Env, Node


class Model(Protocol):
    """What the compiler reads of a model (:class:`leverage.Model` has it): the
    expression layer does not depend on the game representations above it."""

    # read-only members, as on the frozen dataclass :class:`leverage.Model`
    @property
    def parameters(self) -> Mapping[str, Any]: ...
    @property
    def defines(self) -> Mapping[str, sympy.Expr]: ...
    @property
    def payoffs(self) -> tuple[np.ndarray, ...]: ...
    @property
    def shape(self) -> tuple[int, ...]: ...
    @property
    def path(self) -> str | None: ...

    def values(self, overrides: Mapping[str, Any] | None = ...) -> dict[str, Fraction]: ...


__all__ = ["CompiledPayoffs", "PayoffEvaluation", "compile_payoffs"]


@dataclass(frozen=True)
class PayoffEvaluation:
    """Payoffs of a model at ``N`` parameter points.

    Attributes
    ----------
    payoffs
        One float64 array per player, of shape ``(N, *game_shape)``.
    scales
        One float64 array of shape ``(N,)`` per player: at each point, the largest
        rounding-error magnitude of that player's payoffs (at least the largest absolute
        payoff; see the module docstring).  ``inf`` where no bound is known.
    finite
        Boolean array of shape ``(N,)``: ``False`` where some payoff is undefined or
        overflows (``nan`` or ``inf``).
    """

    payoffs: tuple[np.ndarray, ...]
    scales: tuple[np.ndarray, ...]
    finite: np.ndarray


class CompiledPayoffs:
    """Payoff expressions of a model compiled to numpy; call with arrays of values.

    Create with :func:`compile_payoffs`.  Calling the object with a mapping from each
    varying parameter to a 1-D array of ``N`` values returns the payoff arrays;
    :meth:`evaluate` also returns error scales and the mask of defined points.
    """

    def __init__(
        self, model: Model, varying: Sequence[str], values: Mapping[str, Any] | None = None
    ) -> None:
        varying = tuple(varying)
        if len(set(varying)) != len(varying):
            raise ParameterError(f"parameter listed twice among {', '.join(varying)}")
        for name in varying:
            if name not in model.parameters:
                hint = difflib.get_close_matches(name, list(model.parameters), n=1)
                extra = f"; did you mean {hint[0]!r}?" if hint else ""
                raise ParameterError(f"unknown parameter {name!r}{extra}", file=model.path)
        overrides = dict(values or {})
        both = sorted(set(overrides) & set(varying))
        if both:
            raise ParameterError(
                f"parameter {both[0]!r} is both varied and fixed; give it one way only",
                file=model.path,
            )
        fixed = model.values(overrides)
        self.model = model
        self.varying: tuple[str, ...] = varying
        self.fixed: dict[str, Fraction] = {k: v for k, v in fixed.items() if k not in varying}
        self.shape: tuple[int, ...] = model.shape
        deps = set(varying)
        for name, expr in model.defines.items():
            if {str(s.name) for s in expr.free_symbols} & deps:
                deps.add(name)
        self._dependent = frozenset(deps)
        fixed_env: Env = {}
        for name, value in self.fixed.items():
            v = np.float64(float(value))
            fixed_env[name] = (v, abs(v))
        self._fixed_env = fixed_env
        self._programs: dict[bool, _Program] = {}

    # ------------------------------------------------------------------ public
    def __call__(self, points: Mapping[str, Any]) -> tuple[np.ndarray, ...]:
        """Payoff arrays, one per player, of shape ``(N, *game_shape)``."""
        return self.evaluate(points, bounds=False).payoffs

    def evaluate(self, points: Mapping[str, Any], *, bounds: bool = True) -> PayoffEvaluation:
        """Payoffs at ``N`` points, with error scales and the mask of defined points.

        Parameters
        ----------
        points
            For each varying parameter, a 1-D array-like of ``N`` values (the same ``N``
            for all).  Values are not range-checked here.
        bounds
            Also compute the rounding-error scales (about twice the work); when false,
            :attr:`PayoffEvaluation.scales` holds the largest absolute payoffs.

        Returns
        -------
        PayoffEvaluation

        Raises
        ------
        ParameterError
            Missing or unknown parameter names, arrays of different lengths.
        """
        arrays = self._check_points(points)
        n = len(next(iter(arrays.values()))) if arrays else 1
        program = self._program(bounds)
        env: Env = dict(program.fixed_env)
        with np.errstate(all="ignore"):
            for name, arr in arrays.items():
                env[name] = (arr, np.abs(arr) if bounds else None)
            for name, node in program.defines:
                env[name] = node(env)
            results = [node(env) for node in program.unique]
            payoffs = []
            scales = []
            finite = np.ones(n, dtype=bool)
            magnitudes = [np.maximum(np.abs(v), e) if bounds else None for v, e in results]
            for cells in program.cells:
                out = np.empty((n, *self.shape), dtype=np.float64)
                flat = out.reshape(n, int(np.prod(self.shape)))
                largest = np.zeros(n, dtype=np.float64)  # nan and inf propagate
                scale = np.zeros(n, dtype=np.float64)
                for cell, k in cells:
                    v = results[k][0]
                    flat[:, cell] = v
                    largest = np.maximum(largest, np.abs(v))
                    mag = magnitudes[k]
                    if mag is not None:
                        scale = np.maximum(scale, mag)
                finite &= np.isfinite(largest)
                scale = np.maximum(scale, largest)
                scale[np.isnan(scale)] = np.inf
                payoffs.append(out)
                scales.append(scale)
        return PayoffEvaluation(tuple(payoffs), tuple(scales), finite)

    # ------------------------------------------------------------------ internals
    def _check_points(self, points: Mapping[str, Any]) -> dict[str, np.ndarray]:
        names = set(points)
        missing = [v for v in self.varying if v not in names]
        extra = sorted(names - set(self.varying))
        if missing or extra:
            what = f"missing {', '.join(missing)}" if missing else f"unexpected {', '.join(extra)}"
            raise ParameterError(
                f"points must give exactly the varying parameters "
                f"({', '.join(self.varying) or 'none'}): {what}"
            )
        arrays: dict[str, np.ndarray] = {}
        length = None
        for name in self.varying:
            arr = np.ascontiguousarray(points[name], dtype=np.float64)
            if arr.ndim != 1:
                raise ParameterError(f"values of {name!r} must be a 1-D array")
            if length is not None and len(arr) != length:
                raise ParameterError("all parameter arrays must have the same length")
            length = len(arr)
            arrays[name] = arr
        return arrays

    def _program(self, bounds: bool) -> _Program:
        if bounds not in self._programs:
            self._programs[bounds] = _Builder(self, bounds).build()
        return self._programs[bounds]


@dataclass(frozen=True)
class _Program:
    fixed_env: Env
    defines: list[tuple[str, Node]]
    unique: list[Node]
    cells: list[list[tuple[int, int]]]  # per player: (flat cell, unique expression)


class _Builder:
    """Compiles a model's defines and payoffs (:class:`~leverage.expr.arrays.ArrayCompiler`),
    folding the subexpressions that do not depend on the varying parameters."""

    def __init__(self, compiled: CompiledPayoffs, bounds: bool) -> None:
        self.c = compiled
        self.compiler = ArrayCompiler(bounds)
        self.env: Env = dict(compiled._fixed_env)

    def build(self) -> _Program:
        model = self.c.model
        defines: list[tuple[str, Node]] = []
        with np.errstate(all="ignore"):
            for name, expr in model.defines.items():
                node = self.node(expr)
                if name in self.c._dependent:
                    defines.append((name, node))
                else:
                    self.env[name] = node(self.env)  # constant: computed once
            index_of: dict[sympy.Expr, int] = {}
            unique: list[Node] = []
            cells: list[list[tuple[int, int]]] = []
            for arr in model.payoffs:
                player_cells = []
                for idx, expr in np.ndenumerate(arr):
                    if expr not in index_of:
                        index_of[expr] = len(unique)
                        unique.append(self.node(expr))
                    player_cells.append((int(np.ravel_multi_index(idx, arr.shape)), index_of[expr]))
                cells.append(player_cells)
        return _Program(dict(self.env), defines, unique, cells)

    # ---- dependency and constant folding

    def depends(self, expr: sympy.Expr) -> bool:
        return any(str(s.name) in self.c._dependent for s in expr.free_symbols)

    def node(self, expr: sympy.Expr) -> Node:
        try:
            compiled = self.compiler.walk(expr)
        except RecursionError:
            raise EvaluationError("expression is nested too deeply to evaluate") from None
        if not self.depends(expr) and not expr.is_Symbol:
            value = compiled(self.env)  # fold: fixed values only
            return lambda env: value
        return compiled


def compile_payoffs(
    model: Model, varying: Sequence[str], values: Mapping[str, Any] | None = None
) -> CompiledPayoffs:
    """Compile a model's payoffs into a vectorised function of the varying parameters.

    Parameters
    ----------
    model
        The model.
    varying
        Names of the parameters that vary from point to point.
    values
        Values of other parameters (checked against their ranges); the rest keep their
        defaults.

    Returns
    -------
    CompiledPayoffs
        ``f(points)`` with ``points`` a mapping from each varying parameter to a 1-D
        array of ``N`` values returns one float64 array of shape ``(N, *model.shape)`` per
        player; ``f.evaluate(points)`` also returns error scales and the mask of points
        where every payoff is defined (see :class:`PayoffEvaluation`).

    Raises
    ------
    ParameterError
        Unknown parameter, a fixed value out of range, or a parameter both varied and
        fixed.
    EvaluationError
        An expression contains an operation other than those listed in the module
        docstring.

    Examples
    --------
    >>> import numpy as np
    >>> import leverage
    >>> model = leverage.load("models/chicken.toml")
    >>> f = compile_payoffs(model, ["interdependence_cost"])
    >>> row, column = f({"interdependence_cost": np.array([2.0, 4.0])})
    >>> row.shape
    (2, 2, 2)
    >>> row[1].tolist()
    [[0.0, -1.0], [1.0, -4.0]]
    """
    return CompiledPayoffs(model, varying, values)
