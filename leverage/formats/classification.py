"""Text of classifications: a game's Robinson–Goforth class, its Snyder–Diesing types and
properties, and the classes of a 2×2 model across a parameter (lines of at most ``width``
columns, 80 by default)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .text import WIDTH, wrap

if TYPE_CHECKING:  # pragma: no cover
    from ..classification import Classification, ClassRegimes

__all__ = ["classification_text", "regimes_text"]


def _wrap(width: int, text: str, indent: str = "  ") -> list[str]:
    return wrap(text, width, indent=indent, subsequent=indent + "  ")


def _equilibria(k: int) -> str:
    return f"{k} pure equilibri{'um' if k == 1 else 'a'}"


def classification_text(c: Classification, *, indent: str = "  ", width: int = WIDTH) -> list[str]:
    """The text form of one classification (lines of at most 80 columns)."""
    lines: list[str] = []
    if c.game_class is not None:
        gc = c.game_class
        lines += _wrap(
            width, f"class {c.index}: {c.name}; {_equilibria(c.pure_equilibria)}", indent
        )
        lines += _wrap(
            width,
            f"patterns: {c.players[0]} {gc.row.name}, {c.players[1]} {gc.column.name} "
            f"(grid {gc.grid[0]}, {gc.grid[1]})",
            indent,
        )
        if c.orientation is not None:
            rows, cols = c.orientation
            lines += _wrap(
                width,
                f"standard orientation: rows {', '.join(rows)}; columns {', '.join(cols)}",
                indent,
            )
    elif c.tied:
        lines += _wrap(
            width, f"tied: borders {', '.join(c.borders)}; {_equilibria(c.pure_equilibria)}", indent
        )
        lines += _wrap(width, "bordering classes: " + ", ".join(c.border_names), indent)
        ties = "; ".join(
            f"{p}: " + " and ".join(" = ".join(f"({cell})" for cell in group) for group in groups)
            for p, groups in c.ties.items()
        )
        lines += _wrap(width, f"ties: {ties}", indent)
    else:
        dims = "×".join(str(k) for k in c.size)
        lines += _wrap(
            width,
            f"{dims} game with {len(c.players)} players (no Robinson–Goforth class); "
            f"{_equilibria(c.pure_equilibria)}",
            indent,
        )
    sd = c.snyder_diesing
    if sd is not None:
        sides = "; ".join(
            f"{p} {order}" + (f" ({kind})" if kind else "")
            for p, order, kind in zip(c.players, sd.orders, sd.types, strict=True)
        )
        game = f"; game: {sd.game}" if sd.game else ""
        lines += _wrap(width, f"Snyder–Diesing (C = first strategy): {sides}{game}", indent)
    if c.properties is not None:
        lines += _wrap(width, "properties: " + _properties_text(c), indent)
    return lines


def _properties_text(c: Classification) -> str:
    p = c.properties
    assert p is not None
    parts = ["×".join(str(k) for k in p.size)]
    if p.zero_sum:
        parts.append("zero-sum")
    elif p.constant_sum:
        parts.append("constant-sum")
    else:
        parts.append("not constant-sum")
    if len(p.size) == 2 and p.size[0] == p.size[1]:
        parts.append("symmetric" if p.symmetric else "not symmetric")
    parts.append("exact potential" if p.exact_potential else "no exact potential")
    if p.solution is not None:
        profile = ", ".join(p.strategies[i][s] for i, s in enumerate(p.solution))
        parts.append(f"dominance solvable ({profile})")
    else:
        parts.append("not dominance solvable")
    return "; ".join(parts)


def regimes_text(result: ClassRegimes, path: str, *, width: int = WIDTH) -> list[str]:
    """The text form of :func:`~leverage.classification.classify_range`."""
    lo, hi = result.bounds
    lines = wrap(f"Classes of {result.parameter} on [{lo}, {hi}] in {path}", width, subsequent="  ")
    if result.values:
        fixed = ", ".join(f"{k} = {v}" for k, v in result.values.items())
        lines += wrap("Other parameters: " + fixed, width, subsequent="  ")
    if result.thresholds:
        crit = ", ".join(
            t.exact if t.exact == f"{t.value:g}" else f"{t.exact} (≈ {t.value:.6g})"
            for t in result.thresholds
        )
        lines += wrap("Thresholds: " + crit, width, subsequent="  ")
    else:
        lines.append("Thresholds: none (the class is the same on the whole range)")
    for reg in result.regimes:
        lines.append("")
        lines.append(reg.label)
        c = reg.classification
        if c is None:
            lines.append("   undefined (a payoff has a pole)")
            continue
        if c.tied:
            lines += _wrap(
                width,
                f"tied, borders {' '.join(c.borders)}; {_equilibria(c.pure_equilibria)}",
                "   ",
            )
            if reg.at is not None and reg.at.ties:
                lines += _wrap(width, "ties: " + "; ".join(reg.at.ties), "   ")
        else:
            lines += _wrap(width, f"{c.index}: {c.name}; {_equilibria(c.pure_equilibria)}", "   ")
    return lines
