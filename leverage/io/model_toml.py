"""Writing a model as a TOML model file that :func:`leverage.load` reads back."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import TYPE_CHECKING

from ..expr.printing import expression_text

if TYPE_CHECKING:  # pragma: no cover
    from ..games.model import Model

__all__ = ["model_toml"]


def _toml_str(text: str) -> str:
    # a TOML basic string: JSON's escapes are TOML's, except that TOML also wants DEL escaped
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _multiline_safe(text: str) -> bool:
    """Whether ``text`` can stand verbatim in a TOML multi-line basic string."""
    if "\\" in text or '"""' in text:
        return False
    return not any((ord(ch) < 32 and ch not in "\n\t") or ord(ch) == 127 for ch in text)


def _toml_value(v: Fraction) -> str:
    return str(v.numerator) if v.denominator == 1 else _toml_str(str(v))


def model_toml(model: Model) -> str:
    """A model as a TOML model file that :func:`leverage.load` reads back."""
    out = [f"title = {_toml_str(model.title)}"]
    if model.description and _multiline_safe(model.description):
        out.append(f'description = """\n{model.description}\n"""')
    elif model.description:
        out.append(f"description = {_toml_str(model.description)}")
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
        if p.bounds:
            out.append(f"range = [{_toml_value(p.bounds[0])}, {_toml_value(p.bounds[1])}]")
        if p.unit:
            out.append(f"unit = {_toml_str(p.unit)}")
        if p.description:
            out.append(f"description = {_toml_str(p.description)}")
        if p.source:
            out.append(f"source = {_toml_str(p.source)}")
        if p.distribution:
            d = p.distribution
            parts = [f"{d.kind} = [" + ", ".join(_toml_value(a) for a in d.args) + "]"]
            if d.truncate and d.kind not in ("normal", "lognormal"):
                parts.append(
                    f"truncate = [{_toml_value(d.truncate[0])}, {_toml_value(d.truncate[1])}]"
                )
            elif d.truncate and (d.truncate[0], d.truncate[1]) != p.bounds:
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
