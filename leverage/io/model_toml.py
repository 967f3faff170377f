"""Writing a model as a TOML model file that :func:`leverage.load` reads back to the same
model.

:func:`model_toml` writes every field a model file can hold: title, description,
references, authors, tags, notes and version; players and strategies with their
descriptions; each parameter's value, range, unit, description, source and distribution;
the defines and the payoffs.  Reading the text back (:func:`leverage.io.model_file.loads`)
gives the same players, strategies, parameters and exactly the same expressions.

What the writer guarantees, and how:

* *Strings* are TOML basic strings with escapes (``\\"``, ``\\\\``, ``\\n``, ``\\t``, and
  ``\\uXXXX`` for every other control character: C0, DEL and C1), so no text can end a
  string early or add a key (no TOML injection), and no control character is written raw.
  A description or notes are written as a multi-line string only when they hold no
  backslash, no ``\"\"\"`` and no control character but newline and tab.
* *Games* a model file cannot hold (fewer than two players, more than
  :data:`~leverage.io.model_sections.MAX_PLAYERS`, more than
  :data:`~leverage.io.model_sections.MAX_PROFILES` outcomes) and *labels* the model reader
  would change or refuse are refused with a
  :class:`~leverage.errors.ModelError`: empty or blank player names and strategy labels,
  surrounding blanks (the reader strips them) and commas in strategy labels (the reader
  splits outcomes such as ``"Swerve, Straight"`` at commas).  Such labels are valid in a
  Gambit ``.nfg`` file; rename them there (or in Python) before converting.
* *Numbers.*  A parameter's value, range and distribution arguments are written as TOML
  integers, as exact TOML decimals (``0.88``, ``1e400``) when their denominator divides a
  power of ten, and otherwise as a string ``"p/q"`` (at most 100 characters, the reader's
  limit).  In expressions, an integer of more than :data:`CHUNK_DIGITS` digits (the
  expression parser refuses literals of more than
  :data:`~leverage.expr.bounds.MAX_LITERAL_DIGITS`) is written in base
  :math:`B = 10^{900}` by Horner's rule, :math:`(\\dots(a_m B + a_{m-1}) B + \\dots) B + a_0`
  with :math:`0 \\le a_k < B`, which the parser evaluates back to the same integer; floats
  (from a game evaluated in floating point) as their shortest decimal representation,
  which reads back as an exact rational whose nearest float is that float.
* *Expressions* other than small numbers are parsed back as they are written, and one
  that does not read back to the same expression (for instance one too long for the
  parser's limits) is refused, naming its key, instead of being written.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sympy
from sympy.printing.precedence import precedence

from ..errors import ExpressionError, ModelError, ParameterError
from ..expr import parse_expression
from ..expr.printing import ModelPrinter
from ..games.model import parse_value
from .model_sections import MAX_PLAYERS, MAX_PROFILES
from .names import names_problem

if TYPE_CHECKING:  # pragma: no cover
    from ..games.model import Model, Parameter

__all__ = ["CHUNK_DIGITS", "MAX_VALUE_CHARS", "FilePrinter", "model_toml", "toml_string"]

#: Digits of each literal an integer too long for one literal is written with.
CHUNK_DIGITS = 900
#: The longest ``"p/q"`` string the model reader accepts as a value.
MAX_VALUE_CHARS = 100

# TOML's short escapes; every other control character is written \\uXXXX
_SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_CONTROLS = [*range(0x20), 0x7F, *range(0x80, 0xA0)]
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPES = str.maketrans({**{c: f"\\u{c:04x}" for c in _CONTROLS}, **_SHORT})


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string: quotes, backslashes and every control character
    (C0, DEL, C1) escaped.  A lone surrogate (possible only in a Python string) is refused
    with a :class:`~leverage.errors.ModelError`: TOML cannot hold it.

    >>> print(toml_string('say "hi"\\\\ \\x7f'))
    "say \\"hi\\"\\\\ \\u007f"
    """
    if _SURROGATE.search(text):
        raise ModelError(f"{text[:40]!r} holds a lone surrogate, which is not Unicode text")
    return '"' + text.translate(_ESCAPES) + '"'


def _multiline_safe(text: str) -> bool:
    """Whether ``text`` can stand verbatim in a TOML multi-line basic string."""
    if "\\" in text or '"""' in text or _SURROGATE.search(text):
        return False
    return not any(ord(ch) in _CONTROLS and ch not in "\n\t" for ch in text)


def _long_text(key: str, text: str, *, stripped: bool = False) -> str:
    """``key = text``, as a multi-line string when that is safe and ``text`` has several
    lines (``stripped``: the reader strips the value, so a final newline may be added)."""
    if "\n" in text and _multiline_safe(text):
        if stripped:
            return f'{key} = """\n{text}\n"""'
        if not text.endswith('"'):
            return f'{key} = """\n{text}"""'
    return f"{key} = {toml_string(text)}"


def _strings(key: str, items: tuple[str, ...]) -> list[str]:
    return [f"{key} = [" + ", ".join(toml_string(s) for s in items) + "]"] if items else []


# ------------------------------------------------------------------------------- labels
def _check_labels(model: Model) -> None:
    """Refuse games a model file cannot hold (players, size) and names the model reader
    would strip, merge or split (see the module doc)."""

    def refuse(what: str, reason: str) -> None:
        raise ModelError(
            f"{what} {reason}, which a model file cannot hold (its reader strips blanks "
            "and splits outcomes at commas): rename it before converting",
            file=model.path,
        )

    if not 2 <= len(model.players) <= MAX_PLAYERS:
        raise ModelError(
            f"a model file holds games of 2 to {MAX_PLAYERS} players, not {len(model.players)}",
            file=model.path,
        )
    outcomes = math.prod(len(labels) for labels in model.strategies)
    if outcomes > MAX_PROFILES:
        raise ModelError(
            f"game too large for a model file: {outcomes:,} outcomes (limit {MAX_PROFILES:,})",
            file=model.path,
        )
    problem = names_problem(model.players, model.strategies)
    if problem:
        raise ModelError(
            f"{problem}: a model file cannot hold it; rename it before converting", file=model.path
        )
    for player, labels in zip(model.players, model.strategies, strict=True):
        for label in labels:
            if "," in label:
                refuse(f"strategy label {label!r} of player {player!r}", "contains a comma")


# ------------------------------------------------------------------------------- numbers
def _scientific(n: int) -> str:
    """An integer as its shortest text: ``12`` or ``12e30`` (an exact TOML decimal)."""
    zeros = 0
    while n and n % 10**100 == 0:
        n //= 10**100
        zeros += 100
    while n and n % 10 == 0:
        n //= 10
        zeros += 1
    digits = str(n)
    return f"{digits}e{zeros}" if zeros > 2 else digits + "0" * zeros


def _decimal(v: Fraction) -> str | None:
    """``v`` as an exact TOML decimal (``-0.88``, ``1e400``, ``2.5e-30``), or ``None`` when
    its denominator does not divide a power of ten."""
    q = v.denominator
    twos = (q & -q).bit_length() - 1
    fives = 0
    rest = q >> twos
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    if rest != 1:
        return None
    places = max(twos, fives)
    n = abs(v.numerator) * 2 ** (places - twos) * 5 ** (places - fives)
    sign = "-" if v < 0 else ""
    if places == 0:
        text = _scientific(n)
        return sign + (text if "e" in text else text + ".0")
    digits = str(n)
    if places < 20:
        digits = digits.rjust(places + 1, "0")
        return f"{sign}{digits[:-places]}.{digits[-places:]}"
    mantissa = digits[0] + "." + (digits[1:] or "0")
    return f"{sign}{mantissa}e{len(digits) - 1 - places}"


def _toml_value(v: Fraction, where: str) -> str:
    """An exact number as the model reader reads it back (see the module doc)."""
    if v.numerator.bit_length() + v.denominator.bit_length() > 14_000:
        raise ModelError("the number is too large to be written (over 4,000 digits)", key=where)
    if v.denominator == 1:
        return _scientific(v.numerator) if v >= 0 else "-" + _scientific(-v.numerator)
    text = _decimal(v)
    if text is not None:
        assert Fraction(Decimal(text)) == v, text  # how the reader reads a TOML decimal
        return text
    sign = "-" if v < 0 else ""
    ratio = f"{sign}{_scientific(abs(v.numerator))}/{_scientific(v.denominator)}"
    try:
        same = len(ratio) <= MAX_VALUE_CHARS and parse_value(ratio) == v
    except ParameterError:
        same = False
    if not same:
        raise ModelError(
            f"the fraction {v} cannot be written so that it reads back (a fraction in a "
            f"model file is a string of at most {MAX_VALUE_CHARS} characters)",
            key=where,
        )
    return toml_string(ratio)


def _integer_text(n: int) -> str:
    """An integer as model-file text that the expression parser reads back."""
    if abs(n) < 10**CHUNK_DIGITS:
        return str(n)
    base = 10**CHUNK_DIGITS
    chunks = []
    rest = abs(n)
    while rest:
        rest, chunk = divmod(rest, base)
        chunks.append(chunk)
    text = str(chunks.pop())
    for chunk in reversed(chunks):
        text = f"({text})*10**{CHUNK_DIGITS}" + (f" + {chunk}" if chunk else "")
    return f"(-({text}))" if n < 0 else f"({text})"


class FilePrinter(ModelPrinter):
    """The model-file printer, with integers too long for one literal written by Horner's
    rule and floats as their shortest decimal."""

    def _print_Integer(self, expr: Any) -> str:
        return _integer_text(int(expr.p))

    def _print_Rational(self, expr: Any) -> str:
        if expr.q == 1:
            return _integer_text(int(expr.p))
        return f"({_integer_text(int(expr.p))}/{_integer_text(int(expr.q))})"

    def _print_Mul(self, expr: Any) -> str:
        # sympy writes 18229/(1000*(x + 1)) for (18229/1000)/(x + 1), which the parser
        # reads as 18229/(1000*x + 1000): write a fractional coefficient as one factor
        coefficient, rest = expr.as_coeff_Mul()
        if not coefficient.is_Rational or coefficient.q == 1 or rest == 1:
            return str(super()._print_Mul(expr))
        sign = "-" if coefficient < 0 else ""
        return f"{sign}{self._print(abs(coefficient))}*{self.parenthesize(rest, precedence(expr))}"

    def _print_Float(self, expr: Any) -> str:
        value = float(expr)
        if not math.isfinite(value):
            raise ModelError(f"the payoff {value} is not finite")
        return f"({value!r})" if value < 0 else repr(value)


def _simple(expr: sympy.Expr) -> bool:
    return bool(expr.is_Rational) and max(abs(int(expr.p)), int(expr.q)) < 10**CHUNK_DIGITS


class _Writer:
    """Prints the expressions of one model, checking that each reads back."""

    def __init__(self, model: Model) -> None:
        self.printer = FilePrinter()
        self.names = set(model.parameters) | set(model.defines)
        self.path = model.path
        self.seen: dict[sympy.Expr, str] = {}

    def text(self, expr: sympy.Expr, key: str) -> str:
        cached = self.seen.get(expr)
        if cached is not None:
            return cached
        text = self.printer.doprint(expr)
        if not _simple(expr):
            try:
                back = parse_expression(text, self.names)
            except ExpressionError as err:
                raise ModelError(
                    f"the expression cannot be written so that it reads back: {err.message}",
                    file=self.path,
                    key=key,
                ) from None
            same = float(back) == float(expr) if expr.is_Float else back == expr
            if not same:
                raise ModelError(
                    f"the expression {text[:60]!r} does not read back to itself",
                    file=self.path,
                    key=key,
                )
        if len(self.seen) < 10_000:
            self.seen[expr] = text
        return text


def _parameter(p: Parameter) -> list[str]:
    where = f"parameters.{p.name}"
    out = ["", f"[{where}]", f"value = {_toml_value(p.value, where + '.value')}"]
    if p.bounds is not None:
        low, high = (_toml_value(b, where + ".range") for b in p.bounds)
        out.append(f"range = [{low}, {high}]")
    if p.unit:
        out.append(f"unit = {toml_string(p.unit)}")
    if p.description:
        out.append(_long_text("description", p.description))
    if p.source:
        out.append(f"source = {toml_string(p.source)}")
    d = p.distribution
    if d is not None:
        where += ".distribution"

        def pair(key: str, bounds: tuple[Fraction, Fraction]) -> str:
            return f"{key} = [{_toml_value(bounds[0], where)}, {_toml_value(bounds[1], where)}]"

        parts = [f"{d.kind} = [" + ", ".join(_toml_value(a, where) for a in d.args) + "]"]
        # the reader truncates normal and lognormal draws to the range: written only when
        # narrower
        if d.truncate and (d.truncate[0], d.truncate[1]) != p.bounds:
            parts.append(pair("truncate", d.truncate))
        if d.scale:
            parts.append(pair("scale", d.scale))
        out.append("distribution = { " + ", ".join(parts) + " }")
    return out


def model_toml(model: Model) -> str:
    """A model as a TOML model file that :func:`leverage.load` reads back to the same model.

    Parameters
    ----------
    model
        The model (read from a model file or a ``.nfg`` file, or built in Python).

    Returns
    -------
    str
        The file's text.  An empty description becomes "Converted from FILE".

    Raises
    ------
    ModelError
        A player name or strategy label the model reader would change (blank, surrounding
        blanks, a comma in a strategy label), a number too long to be written, or an
        expression that would not read back (see the module documentation).
    """
    _check_labels(model)
    title = model.title.strip() or (Path(model.path).stem if model.path else "") or "A game"
    out = [f"title = {toml_string(title)}"]
    description = model.description.strip() or f"Converted from {model.path or 'a game'}"
    out.append(_long_text("description", description, stripped=True))
    out += _strings("references", model.references)
    out += _strings("authors", model.authors)
    out += _strings("tags", model.tags)
    if model.notes:
        out.append(_long_text("notes", model.notes))
    if model.version:
        out.append(f"version = {toml_string(model.version)}")
    out += ["", "[players]"]
    for player, strats in zip(model.players, model.strategies, strict=True):
        out.append(f"{toml_string(player)} = [" + ", ".join(toml_string(s) for s in strats) + "]")
    by_player: dict[str, list[tuple[str, str]]] = {}
    for (player, label), text in model.strategy_descriptions.items():
        by_player.setdefault(player, []).append((label, text))
    for player, items in by_player.items():
        out += ["", f"[strategies.{toml_string(player)}]"]
        out += [f"{toml_string(label)} = {toml_string(text)}" for label, text in items]
    for p in model.parameters.values():
        try:
            out += _parameter(p)
        except ModelError as err:
            raise err.located(file=model.path) from None
    writer = _Writer(model)
    if model.defines:
        out += ["", "[define]"]
        out += [
            f"{name} = {toml_string(writer.text(e, f'define.{name}'))}"
            for name, e in model.defines.items()
        ]
    out += ["", "[payoffs]"]
    for idx in model.profiles():
        key = ", ".join(model.strategies[i][k] for i, k in enumerate(idx))
        vals = ", ".join(
            toml_string(writer.text(arr[idx], f'payoffs."{key}"[{i}]'))
            for i, arr in enumerate(model.payoffs)
        )
        out.append(f"{toml_string(key)} = [{vals}]")
    return "\n".join(out) + "\n"
