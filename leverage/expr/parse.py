"""Safe payoff expressions: parse model-file text into sympy expressions.

A payoff or define in a model file is a small arithmetic expression over named parameters,
such as ``"refining_share * enforcement - interdependence_cost"``.  This module turns such
text into a :class:`sympy.Expr` **without ever evaluating it as Python** (docs/architecture.md,
contract "Expressions are parsed, never evaluated as Python"): the text is parsed by
:func:`ast.parse` in ``eval`` mode and the syntax tree is walked node by node; only the
following grammar is accepted, everything else raises :class:`~leverage.errors.ExpressionError`
naming what was found and where::

    expr   := number | name | expr ('+' | '-' | '*' | '/' | '**') expr
            | ('-' | '+') expr | '(' expr ')' | func '(' expr [',' expr]* ')'
    func   := min | max | abs | exp | log | sqrt

Mathematics
-----------
*Exact decimals.*  A decimal literal is read as the rational number its text denotes,
not as the nearest binary float: ``0.88`` is :math:`22/25` and ``1e-3`` is :math:`1/1000`.
Numbers given directly (TOML numbers) follow the same rule: a ``float`` is read through its
shortest decimal representation (``repr``), a :class:`decimal.Decimal` exactly.

*Bounded sizes.*  A hostile file must not hang the process.  The text, the number of syntax
nodes and the nesting depth are bounded here before any sympy object is built; every
literal, sum, product and numeric power is checked by :mod:`leverage.expr.bounds` before
sympy computes it (sympy evaluates numeric powers eagerly).  ``min``/``max``/``abs`` of
symbolic arguments are built unevaluated, because sympy's pairwise simplification of
``Max`` is quadratic with a large constant.

Evaluation of the parsed trees is in :mod:`leverage.expr.evaluate` (one point, exactly
or in floats) and :mod:`leverage.expr.vectorised` (many points, numpy, through
:mod:`leverage.expr.arrays`), both walking the tree with :mod:`leverage.expr.walk`.

References
----------
- Python Software Foundation, ``ast`` — Abstract Syntax Trees,
  https://docs.python.org/3/library/ast.html
"""

from __future__ import annotations

import ast
import difflib
import math
import warnings
from collections.abc import Collection, Mapping
from decimal import Decimal

import sympy

from ..errors import ExpressionError
from .bounds import (
    LITERAL_BITS,
    MAX_LITERAL_DIGITS,
    check_degree,
    check_numbers_in,
    checked_power,
    checked_product,
    checked_sum,
    decimal_to_rational,
)
from .names import FUNCTION_ARITY, FUNCTION_NAMES, is_dunder, symbol

__all__ = ["MAX_DEPTH", "MAX_LENGTH", "MAX_NODES", "parse_expression"]

MAX_LENGTH = 10_000
"""Longest accepted expression text, in characters."""
MAX_NODES = 5_000
"""Largest accepted number of syntax-tree nodes."""
MAX_DEPTH = 100
"""Deepest accepted nesting (a chain ``a + b - c`` or ``a * b / c`` counts as one level)."""

_FORBIDDEN_NODES: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access",
    ast.Subscript: "subscript",
    ast.Slice: "slice",
    ast.Lambda: "lambda",
    ast.ListComp: "list comprehension",
    ast.SetComp: "set comprehension",
    ast.DictComp: "dict comprehension",
    ast.GeneratorExp: "generator expression",
    ast.Compare: "comparison",
    ast.BoolOp: "boolean operator",
    ast.IfExp: "conditional expression",
    ast.NamedExpr: "assignment expression ':='",
    ast.JoinedStr: "f-string",
    ast.FormattedValue: "f-string",
    ast.Starred: "starred expression",
    ast.List: "list",
    ast.Tuple: "tuple",
    ast.Set: "set",
    ast.Dict: "dict",
    ast.Await: "'await'",
    ast.Yield: "'yield'",
    ast.YieldFrom: "'yield from'",
}

_FORBIDDEN_OPERATORS: dict[type[ast.AST], str] = {
    ast.Mod: "operator '%' (modulo)",
    ast.FloorDiv: "operator '//' (floor division)",
    ast.MatMult: "operator '@' (matrix product)",
    ast.LShift: "operator '<<' (bit shift)",
    ast.RShift: "operator '>>' (bit shift)",
    ast.BitAnd: "operator '&' (bitwise and)",
    ast.BitOr: "operator '|' (bitwise or)",
    ast.BitXor: "operator '^' (bitwise xor; write powers as '**')",
    ast.Not: "operator 'not'",
    ast.Invert: "operator '~' (bitwise not)",
}


# --------------------------------------------------------------------------- parsing


class _Parser:
    """Walks one :mod:`ast` tree and builds the sympy expression, with all guards."""

    def __init__(
        self, text: str, names: Collection[str], degrees: Mapping[str, int] | None = None
    ) -> None:
        self.degrees = {symbol(k): v for k, v in (degrees or {}).items()}
        self.original = text
        self.text = text.lstrip()
        self.lead = text[: len(text) - len(self.text)]
        self.names = names if isinstance(names, (set, frozenset)) else frozenset(names)
        self.multiline = "\n" in text.rstrip()

    # ---- positions and messages

    def where(self, lineno: int | None, col: int | None) -> str:
        """Format a position in the stripped text as one in the original text."""
        if not lineno or col is None:
            return ""
        lead_lines = self.lead.split("\n")
        line = len(lead_lines) - 1 + lineno
        column = col + 1 + (len(lead_lines[-1]) if lineno == 1 else 0)
        if self.multiline:
            return f" (line {line}, column {column})"
        return f" (column {column})"

    def where_index(self, index: int) -> str:
        """Format a 0-based index into the original text as a position."""
        before = self.original[:index]
        line = before.count("\n") + 1
        column = index - (before.rfind("\n") + 1) + 1
        if self.multiline:
            return f" (line {line}, column {column})"
        return f" (column {column})"

    def at(self, node: ast.AST) -> str:
        return self.where(getattr(node, "lineno", None), getattr(node, "col_offset", None))

    def snippet(self, node: ast.AST) -> str:
        segment = ast.get_source_segment(self.text, node) or ""
        segment = " ".join(segment.split())
        return segment if len(segment) <= 40 else segment[:37] + "..."

    def error(self, message: str, node: ast.AST) -> ExpressionError:
        return ExpressionError(message + self.at(node))

    def forbidden(self, what: str, node: ast.AST) -> ExpressionError:
        shown = self.snippet(node)
        found = f"{what} {shown!r}" if shown else what
        return self.error(f"{found} is not allowed in an expression", node)

    # ---- entry point

    def parse(self) -> sympy.Expr:
        if not self.text:
            raise ExpressionError("empty expression")
        for index, char in enumerate(self.original):
            if not char.isascii():
                raise ExpressionError(
                    f"non-ASCII character {char!r} (U+{ord(char):04X}) in expression"
                    + self.where_index(index)
                    + "; write e.g. '-' for minus, '*' for times"
                )
        if "#" in self.original:
            raise ExpressionError(
                "comments ('#') are not allowed in an expression"
                + self.where_index(self.original.index("#"))
            )
        try:
            with warnings.catch_warnings():
                # Python warns on stderr about text such as "1and c" while parsing it;
                # the text is refused below with a located error, so stay silent
                warnings.simplefilter("ignore")
                tree = ast.parse(self.text, mode="eval")
        except SyntaxError as exc:
            message = str(exc.msg)
            if "Exceeds the limit" in message:
                message = f"number literal has more than {MAX_LITERAL_DIGITS} digits"
            raise ExpressionError(
                f"invalid expression: {message}" + self.where(exc.lineno, (exc.offset or 1) - 1)
            ) from None
        except (RecursionError, MemoryError):
            raise ExpressionError(
                f"expression is too long or too deeply nested (at most {MAX_DEPTH} levels)"
            ) from None
        except ValueError as exc:  # e.g. null characters
            raise ExpressionError(f"invalid expression: {exc}") from None
        self.check_size(tree.body)
        result = self.build(tree.body)
        if result.has(
            sympy.S.ComplexInfinity,
            sympy.S.NaN,
            sympy.S.Infinity,
            sympy.S.NegativeInfinity,
            sympy.S.ImaginaryUnit,
        ):
            raise ExpressionError(
                "expression is undefined or not a real number "
                "(division by zero, log of a non-positive number or root of a negative one)"
            )
        check_degree(result, self.degrees)
        return result

    def check_size(self, root: ast.expr) -> None:
        """Bound the node count and the nesting depth, without recursion."""
        count = 0
        stack: list[tuple[ast.AST, int]] = [(root, 1)]
        while stack:
            node, depth = stack.pop()
            count += 1
            if count > MAX_NODES:
                raise ExpressionError(f"expression is too long (more than {MAX_NODES} elements)")
            if depth > MAX_DEPTH:
                raise self.error(
                    f"expression is nested too deeply (more than {MAX_DEPTH} levels)", node
                )
            group = _chain_group(node)
            for child in ast.iter_child_nodes(node):
                if isinstance(child, _UNCOUNTED):
                    continue
                same_chain = (
                    group is not None
                    and isinstance(node, ast.BinOp)
                    and child is node.left
                    and _chain_group(child) == group
                )
                stack.append((child, depth if same_chain else depth + 1))

    # ---- tree walk

    def build(self, node: ast.AST) -> sympy.Expr:
        if isinstance(node, ast.BinOp):
            return self.binop(node)
        if isinstance(node, ast.UnaryOp):
            return self.unary(node)
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        for kind, what in _FORBIDDEN_NODES.items():
            if isinstance(node, kind):
                raise self.forbidden(what, node)
        raise self.forbidden(f"construct {type(node).__name__}", node)

    def name(self, node: ast.Name) -> sympy.Expr:
        name = node.id
        if name in FUNCTION_NAMES:
            raise self.error(f"function '{name}' must be called, e.g. {name}(...)", node)
        if is_dunder(name):
            raise self.error(f"name {name!r} is not allowed in an expression", node)
        if name in self.names:
            return symbol(name)
        message = f"unknown name {name!r}"
        close = difflib.get_close_matches(name, sorted(self.names), n=1)
        if close:
            message += f" (did you mean {close[0]!r}?)"
        raise self.error(message, node)

    def constant(self, node: ast.Constant) -> sympy.Expr:
        value = node.value
        if isinstance(value, bool):
            raise self.forbidden("boolean", node)
        if isinstance(value, int):
            if value.bit_length() > LITERAL_BITS:
                raise self.error(f"integer literal has more than {MAX_LITERAL_DIGITS} digits", node)
            return sympy.Integer(value)
        if isinstance(value, float):
            text = (ast.get_source_segment(self.text, node) or repr(value)).replace("_", "")
            try:
                return decimal_to_rational(Decimal(text), "number literal")
            except ExpressionError as exc:
                raise self.error(exc.message, node) from None
        if isinstance(value, complex):
            raise self.forbidden("complex number", node)
        if isinstance(value, str):
            raise self.forbidden("string", node)
        if isinstance(value, bytes):
            raise self.forbidden("bytes literal", node)
        raise self.forbidden(f"constant {value!r}", node)

    def unary(self, node: ast.UnaryOp) -> sympy.Expr:
        if isinstance(node.op, ast.USub):
            return -self.build(node.operand)
        if isinstance(node.op, ast.UAdd):
            return self.build(node.operand)
        raise self.forbidden(_FORBIDDEN_OPERATORS[type(node.op)], node)

    def binop(self, node: ast.BinOp) -> sympy.Expr:
        op = node.op
        if isinstance(op, (ast.Add, ast.Sub)):
            return self.chain(node, (ast.Add, ast.Sub))
        if isinstance(op, (ast.Mult, ast.Div)):
            return self.chain(node, (ast.Mult, ast.Div))
        if isinstance(op, ast.Pow):
            return self.power(self.build(node.left), self.build(node.right), node)
        raise self.forbidden(_FORBIDDEN_OPERATORS.get(type(op), "operator"), node)

    def chain(self, node: ast.BinOp, ops: tuple[type[ast.operator], ...]) -> sympy.Expr:
        """Build ``a + b - c ...`` or ``a * b / c ...`` as one n-ary sympy node."""
        items: list[tuple[ast.operator | None, ast.expr]] = []
        current: ast.expr = node
        while isinstance(current, ast.BinOp) and isinstance(current.op, ops):
            items.append((current.op, current.right))
            current = current.left
        items.append((None, current))
        items.reverse()
        args: list[sympy.Expr] = []
        for op, operand in items:
            value = self.build(operand)
            if isinstance(op, ast.Sub):
                value = -value
            elif isinstance(op, ast.Div):
                if value == 0:
                    raise self.error("division by zero", operand)
                value = self.power(value, sympy.Integer(-1), operand)
            args.append(value)
        if ops[0] is ast.Add:
            return self.add(args, node)
        return self.mul(args, node)

    def add(self, args: list[sympy.Expr], node: ast.AST) -> sympy.Expr:
        try:
            return checked_sum(args)
        except ExpressionError as exc:
            raise self.error(exc.message, node) from None

    def mul(self, args: list[sympy.Expr], node: ast.AST) -> sympy.Expr:
        try:
            return checked_product(args)
        except ExpressionError as exc:
            raise self.error(exc.message, node) from None

    def power(self, base: sympy.Expr, exponent: sympy.Expr, node: ast.AST) -> sympy.Expr:
        try:
            return checked_power(base, exponent)
        except ExpressionError as exc:
            raise self.error(exc.message, node) from None

    def call(self, node: ast.Call) -> sympy.Expr:
        func = node.func
        if not isinstance(func, ast.Name):
            if isinstance(func, ast.Attribute):
                raise self.forbidden("attribute access", func)
            raise self.forbidden("call of a computed function", node)
        name = func.id
        allowed = ", ".join(sorted(FUNCTION_NAMES))
        if name not in FUNCTION_NAMES:
            if name in self.names:
                raise self.error(
                    f"{name!r} is a parameter, not a function (write '{name} * (...)' to multiply)",
                    node,
                )
            message = f"call to function {name!r} is not allowed (allowed: {allowed})"
            close = difflib.get_close_matches(name.lower(), sorted(FUNCTION_NAMES), n=1)
            if close:
                message += f"; did you mean {close[0]!r}?"
            raise self.error(message, node)
        if node.keywords:
            keyword_node = node.keywords[0]
            shown = f"'{keyword_node.arg}='" if keyword_node.arg else "'**'"
            raise self.error(f"keyword argument {shown} in call to {name}()", keyword_node)
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.forbidden("starred argument", arg)
        arity = FUNCTION_ARITY[name]
        if arity is None and len(node.args) < 2:
            raise self.error(f"{name}() needs at least two arguments", node)
        if arity is not None and len(node.args) != arity:
            raise self.error(f"{name}() takes exactly one argument", node)
        args = [self.build(arg) for arg in node.args]
        if name in ("min", "max"):
            if all(arg.is_Rational for arg in args):
                return min(args) if name == "min" else max(args)
            cls = sympy.Min if name == "min" else sympy.Max
            unique = list(dict.fromkeys(args))
            return unique[0] if len(unique) == 1 else cls(*unique, evaluate=False)
        (arg,) = args
        if name == "abs":
            return abs(arg) if arg.is_Rational else sympy.Abs(arg, evaluate=False)
        if name == "sqrt":
            return self.power(arg, sympy.Rational(1, 2), node)
        if name == "log":
            if not arg.free_symbols and arg.is_extended_positive is False:
                shown = str(arg)
                shown = f" ({shown})" if len(shown) <= 40 else ""
                raise self.error(f"log of a non-positive number{shown}", node)
            return sympy.log(arg)
        try:  # name == "exp"
            check_numbers_in(arg, "in the argument of exp")
        except ExpressionError as exc:
            raise self.error(exc.message, node) from None
        for term in sympy.Add.make_args(arg):  # sympy turns exp(c*log(u)) into u**c
            coefficient, rest = term.as_coeff_Mul()
            if isinstance(rest, sympy.log):
                self.power(rest.args[0], coefficient, node)
        return sympy.exp(arg)


_UNCOUNTED = (ast.expr_context, ast.operator, ast.unaryop, ast.boolop, ast.cmpop)


def _chain_group(node: ast.AST) -> int | None:
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, (ast.Add, ast.Sub)):
            return 1
        if isinstance(node.op, (ast.Mult, ast.Div)):
            return 2
    return None


def parse_expression(
    text: str | int | float | Decimal,
    names: Collection[str],
    degrees: Mapping[str, int] | None = None,
) -> sympy.Expr:
    """Parse a payoff or define expression into a sympy expression, safely.

    Parameters
    ----------
    text
        The expression as written in a model file (``"0.88 * x / (1 + y)"``), or a number
        given directly: an ``int``, a :class:`decimal.Decimal` (read exactly) or a ``float``
        (read through its shortest decimal representation, so ``0.88`` is ``22/25``).
    names
        The parameter and define names the expression may use.
    degrees
        The degree in the parameters of each define name (:func:`~leverage.expr.bounds.
        degree_bound` of its expression); every other name has degree 1.

    Returns
    -------
    sympy.Expr
        The expression; decimals are exact rationals, names are :func:`symbol` symbols, and
        its free symbols are among ``names``.

    Raises
    ------
    ExpressionError
        If the text is not a valid expression of the accepted grammar, uses an unknown
        name, or exceeds a size limit (:data:`MAX_LENGTH`, :data:`MAX_NODES`,
        :data:`MAX_DEPTH`, :data:`MAX_LITERAL_DIGITS`, :data:`MAX_CONSTANT_EXPONENT`,
        :data:`MAX_CONSTANT_BITS`, :data:`MAX_RADICAL_COST`, :data:`MAX_DEGREE`).  The
        message says what was found and, where known, at which column of the expression.

    Examples
    --------
    >>> parse_expression("0.88 * share - cost", {"share", "cost"})
    -cost + 22*share/25
    >>> parse_expression("-2**2", set())
    -4
    """
    if isinstance(text, bool):
        raise ExpressionError("expected an expression or a number, got a boolean")
    if isinstance(text, int):
        if text.bit_length() > LITERAL_BITS:
            raise ExpressionError(f"number has more than {MAX_LITERAL_DIGITS} digits")
        return sympy.Integer(text)
    if isinstance(text, Decimal):
        return decimal_to_rational(text, "number")
    if isinstance(text, float):
        if not math.isfinite(text):
            raise ExpressionError(f"number {text} is not finite")
        return decimal_to_rational(Decimal(repr(text)), "number")
    if not isinstance(text, str):
        raise ExpressionError(
            f"expected an expression (a string) or a number, got {type(text).__name__}"
        )
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"expression is too long ({len(text)} characters, at most {MAX_LENGTH})"
        )
    return _Parser(text, names, degrees).parse()
