"""Names in payoff expressions: the parameter and define names, the functions, the symbols.

A model's parameters and defines are named by identifiers that cannot be confused with
Python syntax or with the functions of the expression language; each name stands for one
sympy symbol, ``Symbol(name, real=True)``, shared by every module (sympy compares symbols
by name and assumptions, so a second symbol of the same name with other assumptions would
be a different variable).
"""

from __future__ import annotations

import functools
import keyword
import re

import sympy

from ..errors import ExpressionError

__all__ = [
    "FUNCTION_ARITY",
    "FUNCTION_NAMES",
    "MAX_NAME_LENGTH",
    "check_name",
    "free_names",
    "is_dunder",
    "symbol",
]

MAX_NAME_LENGTH = 64
"""Longest accepted parameter or define name."""

#: Functions an expression may call, with their number of arguments (``None``: two or more).
FUNCTION_ARITY: dict[str, int | None] = {
    "abs": 1,
    "exp": 1,
    "log": 1,
    "max": None,
    "min": None,
    "sqrt": 1,
}
FUNCTION_NAMES: frozenset[str] = frozenset(FUNCTION_ARITY)
"""Functions an expression may call; ``None`` arity means two or more arguments."""

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@functools.cache
def symbol(name: str) -> sympy.Symbol:
    """Return the one sympy symbol used for parameter or define ``name``.

    Parameters
    ----------
    name
        A parameter or define name (see :func:`check_name`).

    Returns
    -------
    sympy.Symbol
        ``Symbol(name, real=True)``, the same object on every call, so that expressions
        built by different modules share their symbols.
    """
    return sympy.Symbol(name, real=True)


def is_dunder(name: str) -> bool:
    """Whether ``name`` has the form ``__x__`` (Python's special names)."""
    return len(name) >= 4 and name.startswith("__") and name.endswith("__")


def check_name(name: str) -> None:
    """Check that ``name`` may name a parameter or a define.

    Parameters
    ----------
    name
        The proposed name.

    Raises
    ------
    ExpressionError
        If ``name`` does not match ``[A-Za-z_][A-Za-z0-9_]*``, is longer than
        :data:`MAX_NAME_LENGTH`, is a Python keyword, a dunder name (``__x__``) or one of
        the function names :data:`FUNCTION_NAMES`.
    """
    if not isinstance(name, str):
        raise ExpressionError(f"a name must be a string, not {type(name).__name__}")
    shown = name if len(name) <= 40 else name[:37] + "..."
    if not IDENTIFIER.match(name):
        raise ExpressionError(
            f"invalid name {shown!r}: use letters, digits and '_' only, not starting with a digit"
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ExpressionError(f"name {shown!r} is longer than {MAX_NAME_LENGTH} characters")
    if keyword.iskeyword(name):
        raise ExpressionError(f"invalid name {name!r}: it is a reserved word")
    if is_dunder(name):
        raise ExpressionError(f"invalid name {name!r}: names like '__x__' are not allowed")
    if name in FUNCTION_NAMES:
        raise ExpressionError(f"invalid name {name!r}: it is the name of a function")


def free_names(expr: sympy.Expr) -> set[str]:
    """Return the names of the symbols occurring in ``expr``.

    Parameters
    ----------
    expr
        A sympy expression, typically from :func:`parse_expression`.

    Returns
    -------
    set of str
        The ``name`` of every free symbol.
    """
    return {str(s.name) for s in expr.free_symbols}
