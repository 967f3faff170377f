"""The payoff-expression language of model files: parsed, never evaluated as Python.

:mod:`~leverage.expr.parse` turns text into sympy expressions over a whitelist of
operations (names and symbols in :mod:`~leverage.expr.names`, the bounds on the numbers
sympy computes in :mod:`~leverage.expr.bounds`).  :mod:`~leverage.expr.walk` is the one
walk over those trees, with three back ends: :mod:`~leverage.expr.evaluate` evaluates them
exactly (Fractions) or in floats at a point; :mod:`~leverage.expr.arrays` with numpy at many
points at once, with rounding-error bounds, for the payoff programs of
:mod:`~leverage.expr.vectorised`.  :mod:`~leverage.expr.printing` writes them back in the
model-file language.
"""

from .bounds import (
    MAX_CONSTANT_BITS,
    MAX_CONSTANT_EXPONENT,
    MAX_DEGREE,
    MAX_DIGITS,
    MAX_LITERAL_DIGITS,
    MAX_MAGNITUDE,
    MAX_RADICAL_COST,
    degree_bound,
)
from .evaluate import compile_expression, evaluate
from .names import FUNCTION_NAMES, check_name, free_names, symbol
from .parse import MAX_DEPTH, MAX_LENGTH, MAX_NODES, parse_expression

__all__ = [
    "FUNCTION_NAMES",
    "MAX_CONSTANT_BITS",
    "MAX_CONSTANT_EXPONENT",
    "MAX_DEGREE",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_LENGTH",
    "MAX_LITERAL_DIGITS",
    "MAX_MAGNITUDE",
    "MAX_NODES",
    "MAX_RADICAL_COST",
    "check_name",
    "compile_expression",
    "degree_bound",
    "evaluate",
    "free_names",
    "parse_expression",
    "symbol",
]
