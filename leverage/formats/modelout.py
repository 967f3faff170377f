"""Writing models and games: TOML model files, game JSON, expression text.

Expressions are printed in the model-file language (``max``, ``min``, ``abs``,
``sqrt``, ``exp``, ``log``, ``**``), so a written file reads back to the same model.
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sympy
from sympy.printing.str import StrPrinter

if TYPE_CHECKING:  # pragma: no cover
    from ..game import Game
    from ..model import Model


class ModelPrinter(StrPrinter):
    """sympy's string printer, with the model-file names of functions (max, min, abs, exp).

    Subclass it to change how particular nodes print; :func:`expression_text` uses it as is.
    """

    def _print_Max(self, expr: Any) -> str:
        return "max(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Min(self, expr: Any) -> str:
        return "min(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Abs(self, expr: Any) -> str:
        return "abs(" + self._print(expr.args[0]) + ")"

    def _print_Exp1(self, expr: Any) -> str:
        return "exp(1)"

    def _print_Rational(self, expr: Any) -> str:
        return f"({expr.p}/{expr.q})" if expr.q != 1 else str(expr.p)


def expression_text(expr: sympy.Expr) -> str:
    """An expression in the model-file language.

    Examples
    --------
    >>> import sympy
    >>> x = sympy.Symbol("x")
    >>> expression_text(sympy.Max(x, 1) + sympy.Rational(1, 2))
    'max(1, x) + (1/2)'
    """
    text = ModelPrinter().doprint(expr)
    return text


def _toml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _toml_value(v: Fraction) -> str:
    return str(v.numerator) if v.denominator == 1 else _toml_str(str(v))


def model_toml(model: Model) -> str:
    """A model as a TOML model file that :func:`leverage.load` reads back."""
    out = [f"title = {_toml_str(model.title)}"]
    if model.description:
        out.append(f'description = """\n{model.description}\n"""')
    else:
        out.append(f"description = {_toml_str('Converted from ' + (model.path or 'a game'))}")
    if model.references:
        out.append("references = [" + ", ".join(_toml_str(r) for r in model.references) + "]")
    out += ["", "[players]"]
    for player, strats in zip(model.players, model.strategies, strict=True):
        out.append(f"{_toml_str(player)} = [" + ", ".join(_toml_str(s) for s in strats) + "]")
    by_player: dict[str, list[tuple[str, str]]] = {}
    for (player, label), text in model.strategy_descriptions.items():
        by_player.setdefault(player, []).append((label, text))
    for player, items in by_player.items():
        out += ["", f"[strategies.{_toml_str(player)}]"]
        out += [f"{_toml_str(label)} = {_toml_str(text)}" for label, text in items]
    for p in model.parameters.values():
        out += ["", f"[parameters.{p.name}]", f"value = {_toml_value(p.value)}"]
        out.append(f"range = [{_toml_value(p.low)}, {_toml_value(p.high)}]")
        if p.unit:
            out.append(f"unit = {_toml_str(p.unit)}")
        if p.description:
            out.append(f"description = {_toml_str(p.description)}")
        out.append(f"source = {_toml_str(p.source)}")
        if p.distribution:
            d = p.distribution
            parts = [f"{d.kind} = [" + ", ".join(_toml_value(a) for a in d.args) + "]"]
            if d.truncate and d.kind not in ("normal", "lognormal"):
                parts.append(
                    f"truncate = [{_toml_value(d.truncate[0])}, {_toml_value(d.truncate[1])}]"
                )
            elif d.truncate and (d.truncate[0], d.truncate[1]) != (p.low, p.high):
                parts.append(
                    f"truncate = [{_toml_value(d.truncate[0])}, {_toml_value(d.truncate[1])}]"
                )
            if d.scale:
                parts.append(f"scale = [{_toml_value(d.scale[0])}, {_toml_value(d.scale[1])}]")
            out.append("distribution = { " + ", ".join(parts) + " }")
    if model.defines:
        out += ["", "[define]"]
        out += [f"{name} = {_toml_str(expression_text(e))}" for name, e in model.defines.items()]
    out += ["", "[payoffs]"]
    for idx in model.profiles():
        key = ", ".join(model.strategies[i][k] for i, k in enumerate(idx))
        vals = ", ".join(_toml_str(expression_text(arr[idx])) for arr in model.payoffs)
        out.append(f"{_toml_str(key)} = [{vals}]")
    return "\n".join(out) + "\n"


def game_dict(game: Game) -> dict[str, Any]:
    """A game as a JSON-ready dictionary (exact payoffs as rational strings)."""

    def conv(v: Any) -> Any:
        return str(v) if isinstance(v, Fraction) else float(v)

    return {
        "title": game.title,
        "players": list(game.players),
        "strategies": [list(s) for s in game.strategies],
        "parameters": {k: float(v) for k, v in game.parameters.items()},
        "exact": game.exact,
        "payoffs": [_nested(arr, conv) for arr in game.payoffs],
    }


def _nested(arr: Any, conv: Any) -> Any:
    if getattr(arr, "ndim", 0) == 0:
        return conv(arr[()] if hasattr(arr, "shape") else arr)
    return [_nested(sub, conv) for sub in arr]
