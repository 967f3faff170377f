"""The text report of a learning run (:class:`~leverage.learning.run.DynamicsResult`).

No mathematics is done here: the report shows what the analysis computed — the rule and
its start, the trajectory at a few recorded points (rounds 1, 2, 5, 10, … for fictitious
play, evenly spaced times for the replicator dynamics) with the largest regret ``ε``,
the end point (exact rationals with their decimals when exact), its regrets, the nearest
equilibrium from the exact solver and its max-norm distance, the convergence verdict
and the notes citing the theorems that apply (see :mod:`leverage.learning.run`).
The trajectory table is split into blocks of columns that fit the width.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from .text import WIDTH, decimal, number, payoff, wrap

if TYPE_CHECKING:  # pragma: no cover
    from ..learning.result import DynamicsResult
    from ..learning.settings import Number


def dynamics_table(result: DynamicsResult, *, width: int = WIDTH) -> str:
    """A plain-text report of a learning run: the run, a short trajectory table, the end
    point, its regret, the nearest equilibrium, the verdict and the notes.

    Parameters
    ----------
    result
        The run (:func:`leverage.learning.run.dynamics`).
    width
        Wrap lines at this many characters.

    Returns
    -------
    str
        The report, without a final newline.
    """
    game = result.game
    lines = [game.title] if game.title else []
    if game.parameters:
        params = ", ".join(f"{k} = {decimal(v)}" for k, v in game.parameters.items())
        lines += _wrap(f"Parameters: {params}", width, 2)
    start = "; ".join(
        f"{p} {_mixed(labels, probs)}"
        for p, labels, probs in zip(game.players, game.strategies, result.start, strict=True)
    )
    if result.rule == "fictitious-play":
        ties = "the first strategy" if result.seed is None else f"at random (seed {result.seed})"
        plural = "" if result.weight == 1 else "s"
        lines += _wrap(
            f"Fictitious play, {result.steps:,} rounds, starting from {start} "
            f"(worth {result.weight} round{plural}); ties go to {ties}.",
            width,
        )
    else:
        assert result.dt is not None
        drawn = f" (drawn with seed {result.seed})" if result.seed is not None else ""
        lines += _wrap(
            f"Replicator dynamics, {result.steps:,} RK4 steps of dt = {result.dt:.4g} "
            f"(time {result.steps * result.dt:.4g}), starting from {start}{drawn}.",
            width,
        )
    lines.append("")
    lines += _trajectory_table(result, result.summary_indices(), width)
    lines.append("")
    how = "exact" if result.exact else "floating point"
    lines.append(f"End point ({result.time_label} {_time_text(result, -1)}, {how}):")
    pad = max(len(p) for p in game.players)
    for p, labels, probs in zip(game.players, game.strategies, result.final, strict=True):
        lines += _wrap(f"  {p:<{pad}}  {_mixed(labels, probs, approx=True)}", width, 4)
    regrets = ", ".join(
        f"{p} {_value(r)}" for p, r in zip(game.players, result.final_regrets, strict=True)
    )
    lines += _wrap(
        f"Regret (what a player gains by switching to its best response; {how}): "
        f"{regrets}. The end point is an ε-equilibrium with {_equals('ε', result.max_regret)}.",
        width,
    )
    eq = result.nearest_equilibrium
    if eq is not None and result.distance is not None:
        assert result.solution is not None and result.nearest is not None
        count = len(result.solution)
        kind = "extreme equilibria" if result.solution.degenerate else "equilibria"
        which = (
            "The only equilibrium (exact solver):"
            if count == 1
            else f"Nearest of the {count} {kind} (exact solver): #{result.nearest + 1},"
        )
        profile = "; ".join(
            f"{p} {_mixed(labels, probs)}"
            for p, labels, probs in zip(game.players, game.strategies, eq.strategies, strict=True)
        )
        lines += _wrap(
            f"{which} {profile}. Distance {_value(result.distance)} "
            "(largest difference in a probability).",
            width,
        )
    if result.converged:
        verdict = f"yes: ε stayed within {result.threshold:.4g}"
    else:
        verdict = f"no: ε exceeded {result.threshold:.4g}"
    lines += _wrap(
        f"Converged: {verdict} (= {result.tolerance:g} × the largest payoff range) over the "
        "last quarter of the run.",
        width,
    )
    for note in result.notes:
        lines += _wrap(f"Note: {note}", width, 2)
    return "\n".join(lines)


def _wrap(text: str, width: int, indent: int = 0) -> list[str]:
    return wrap(text, width, subsequent=" " * indent) or [""]


def _mixed(labels: Sequence[str], probs: Sequence[Number], *, approx: bool = False) -> str:
    used = [(lab, p) for lab, p in zip(labels, probs, strict=True) if p]
    if len(used) == 1 and used[0][1] == 1:
        return used[0][0]
    parts = []
    for lab, p in used:
        text = number(p)
        if approx and isinstance(p, Fraction) and p.denominator != 1:
            text += f" (≈ {float(p):.4f})"
        parts.append(f"{lab} {text}")
    return ", ".join(parts)


def _value(v: Number) -> str:
    """A regret or distance: a short exact fraction with its decimal, else a decimal."""
    if isinstance(v, Fraction):
        if v.denominator == 1 or len(str(v)) <= 12:
            return payoff(v)
        return f"≈ {float(v):.4g}"
    return f"{float(v):.4g}"


def _equals(name: str, v: Number) -> str:
    text = _value(v)
    return f"{name} {text}" if text.startswith("≈") else f"{name} = {text}"


def _time_text(result: DynamicsResult, k: int) -> str:
    if result.rule == "fictitious-play":
        return f"{int(result.step[k]):,}"
    return f"{float(result.time[k]):.4g}"


def _trajectory_table(result: DynamicsResult, picks: Sequence[int], width: int) -> list[str]:
    """The trajectory at the picked points, split into blocks that fit ``width``."""
    game = result.game
    head = result.time_label
    times = [_time_text(result, k) for k in picks]
    tw = max(len(head), *(len(t) for t in times))
    columns: list[tuple[str, str, list[str]]] = []  # (player, label, cells)
    for i, (player, labels) in enumerate(zip(game.players, game.strategies, strict=True)):
        for s, label in enumerate(labels):
            cells = [f"{result.strategies[i][k, s]:.4f}" for k in picks]
            columns.append((player, label[:12], cells))
    regret_cells = [f"{float(max(result.regrets[k])):.3g}" for k in picks]
    blocks: list[list[tuple[str, str, list[str]]]] = [[]]
    used = tw
    for col in columns:
        w = max(6, len(col[1])) + 2
        if blocks[-1] and used + w > width - 12:
            blocks.append([])
            used = tw
        blocks[-1].append(col)
        used += w
    out: list[str] = []
    for b, block in enumerate(blocks):
        widths = [max(6, len(c[1])) for c in block]
        players_line = " " * tw
        labels_line = f"{head:>{tw}}"
        at = 0
        while at < len(block):
            end = at
            while end < len(block) and block[end][0] == block[at][0]:
                end += 1
            span = sum(widths[at:end]) + 2 * (end - at)
            players_line += f"  {block[at][0][: span - 2]:<{span - 2}}"
            at = end
        for (_, label, _), w in zip(block, widths, strict=True):
            labels_line += f"  {label:>{w}}"
        last = b == len(blocks) - 1
        if last:
            labels_line += "  max regret"
        out += [players_line.rstrip(), labels_line]
        for r in range(len(picks)):
            line = f"{times[r]:>{tw}}"
            for (_, _, cells), w in zip(block, widths, strict=True):
                line += f"  {cells[r]:>{w}}"
            if last:
                line += f"  {regret_cells[r]:>10}"
            out.append(line)
        if not last:
            out.append("")
    return out
