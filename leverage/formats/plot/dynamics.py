"""Figures of learning runs (:meth:`DynamicsResult.plot
<leverage.learning.result.DynamicsResult.plot>`), drawn with matplotlib
(the optional ``[plot]`` extra, imported lazily).

* A 2×2 game: the path in the unit square, ``x = P(row plays its first strategy)``,
  ``y = P(column plays its first strategy)``, over the direction field of the rule —
  the replicator field ``(ẋ, ẏ)`` (:func:`~leverage.learning.replicator.replicator_field`)
  as stream lines, or, for fictitious play, the unit vectors from each point towards the
  pure best responses against it (Brown 1951) — with each player's indifference line
  (``y = (a₂₂ − a₁₂) / (a₁₁ − a₁₂ − a₂₁ + a₂₂)`` for the row player, the interior
  nullcline of both rules) and the Nash equilibria from the exact solver marked; beside
  it each player's first-strategy probability and the regret ``ε`` over time.
* Larger games: one panel per player — a two-strategy player's first probability over
  time, a three-strategy player's path in its simplex in barycentric coordinates
  (corners ``(0, 0)``, ``(1, 0)``, ``(1/2, √3/2)``), more strategies as probabilities
  over time — and the regret over time.

Fictitious play is drawn on a logarithmic round axis (its frequencies move by
``O(1/t)`` in round ``t``), the regret on a logarithmic axis with the convergence
tolerance dashed.

References
----------
G. W. Brown, "Iterative solution of games by fictitious play", in *Activity Analysis of
Production and Allocation*, Wiley, 1951.  J. Hofbauer and K. Sigmund, *Evolutionary Games
and Population Dynamics*, Cambridge University Press, 1998 (phase portraits of the
replicator dynamics in the square and the simplex).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ...learning.replicator import replicator_field
from ...learning.settings import payoff_ranges

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ...learning.result import DynamicsResult

#: Colour map of the path: dark (start) to light (end).
PATH_COLOURS = "viridis"


def plot_dynamics(result: DynamicsResult, *, title: str | None = None) -> Figure:
    """The figure of :meth:`DynamicsResult.plot
    <leverage.learning.result.DynamicsResult.plot>` (see there and the module
    docstring for its panels).

    Parameters
    ----------
    result
        A learning run.
    title
        Figure title (default: the game's title); the rule, the length of the run and
        the verdict are added below it.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    UnsupportedError
        matplotlib is not installed.
    """
    from .style import figure, wrap

    game = result.game
    rule = "Fictitious play" if result.rule == "fictitious-play" else "Replicator dynamics"
    length = (
        f"{result.steps:,} rounds"
        if result.rule == "fictitious-play"
        else f"time 0–{float(result.time[-1]):.4g}"
    )
    verdict = "converged" if result.converged else "did not converge"
    heading = title if title is not None else game.title
    subtitle = f"{rule}, {length}: {verdict}"
    if game.shape == (2, 2):
        fig = figure(1, width=11.0, height=5.6)
        grid = fig.add_gridspec(2, 2, width_ratios=[1.15, 1])
        square = fig.add_subplot(grid[:, 0])
        probs = fig.add_subplot(grid[0, 1])
        regret = fig.add_subplot(grid[1, 1], sharex=probs)
        _draw_square(square, result)
        _draw_first_probabilities(probs, result)
        probs.tick_params(labelbottom=False)
        probs.set_xlabel("")
    else:
        panels = [_panel_kind(k) for k in game.shape]
        widths = [1.0 if kind == "triangle" else 1.25 for kind in panels] + [1.1]
        fig = figure(1, width=4.3 * len(widths), height=4.6)
        grid = fig.add_gridspec(1, len(widths), width_ratios=widths)
        for i, kind in enumerate(panels):
            ax = fig.add_subplot(grid[0, i])
            if kind == "triangle":
                _draw_triangle(ax, result, i)
            else:
                _draw_over_time(ax, result, i, first_only=kind == "segment")
        regret = fig.add_subplot(grid[0, -1])
        if result.nearest_equilibrium is not None:
            subtitle += " (dotted: the nearest equilibrium)"
        if "triangle" in panels:
            handles, labels = fig.axes[panels.index("triangle")].get_legend_handles_labels()
            fig.legend(handles, labels, loc="outside lower left", ncol=3, fontsize=8, frameon=False)
    _draw_regret(regret, result)
    heading = wrap(heading, fig.get_figwidth() * 72 - 30, 11) if heading else ""
    fig.suptitle(f"{heading}\n{subtitle}" if heading else subtitle, fontsize=11)
    return fig


def _mark_equilibria(ax: Axes, xs: Sequence[float], ys: Sequence[float]) -> None:
    """Nash equilibria as red stars (drawn under the end marker)."""
    ax.scatter(
        xs,
        ys,
        marker="*",
        s=260,
        color="#d62728",
        edgecolors="black",
        linewidths=0.8,
        zorder=6,
        label="Nash equilibrium",
    )


def _panel_kind(strategies: int) -> str:
    return {2: "segment", 3: "triangle"}.get(strategies, "lines")


def _time_axis(ax: Axes, result: DynamicsResult) -> tuple[np.ndarray, slice]:
    """The x values of the time plots and the recorded points to draw (fictitious play
    is drawn on a logarithmic round axis, without round 0)."""
    if result.rule == "fictitious-play":
        ax.set_xscale("log")
        ax.set_xlabel("round")
        return result.time, slice(1, None)
    ax.set_xlabel("time")
    return result.time, slice(0, None)


def _equilibria(result: DynamicsResult) -> list[tuple[tuple[float, ...], ...]]:
    if result.solution is None:
        return []
    return [e.as_floats() for e in result.solution.equilibria]


def _path(ax: Axes, px: np.ndarray, py: np.ndarray, *, arrows: int = 6) -> None:
    """The path coloured from dark (start) to light (end), with arrowheads showing the
    direction of motion and markers at both ends."""
    from matplotlib import colormaps
    from matplotlib.collections import LineCollection

    cmap = colormaps[PATH_COLOURS]
    points = np.column_stack([px, py])
    if len(points) > 1:
        segments = np.stack([points[:-1], points[1:]], axis=1)
        shades = np.linspace(0.0, 0.85, len(segments))
        ax.add_collection(
            LineCollection(list(segments), colors=cmap(shades), linewidths=1.8, zorder=3)
        )
        lengths = np.hypot(np.diff(px), np.diff(py))
        arc = np.concatenate([[0.0], np.cumsum(lengths)])
        placed = [points[0], points[-1]]
        gap = 0.07 * max(float(np.ptp(px)), float(np.ptp(py)), 0.3)
        even = (np.arange(arrows) + 0.5) / arrows
        for f in [*even, *np.linspace(0.02, 0.98, 49)]:
            if len(placed) - 2 >= arrows or arc[-1] <= 1e-9:
                break
            k = int(np.searchsorted(arc, f * arc[-1], side="right"))
            k = min(max(k, 1), len(points) - 1)
            if lengths[k - 1] <= 0:
                continue
            direction = (points[k] - points[k - 1]) / lengths[k - 1]
            at = points[k - 1] + direction * (f * arc[-1] - arc[k - 1])
            if min(np.hypot(*(at - q)) for q in placed) < gap:
                continue
            placed.append(at)
            ax.annotate(
                "",
                xy=at + direction * 1e-3,
                xytext=at - direction * 1e-3,
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": cmap(0.85 * k / len(points)),
                    "lw": 0,
                    "mutation_scale": 16,
                },
                zorder=4,
            )
    ax.scatter(
        [px[0]], [py[0]], s=60, facecolors="white", edgecolors="black", zorder=5, label="start"
    )
    ax.scatter([px[-1]], [py[-1]], s=30, color="black", marker="s", zorder=7, label="end")


def _draw_square(ax: Axes, result: DynamicsResult) -> None:
    """The 2×2 picture: x = P(row's first strategy), y = P(column's first strategy)."""
    game = result.game
    a, b = (np.asarray(p, dtype=float) for p in game.as_float().payoffs)
    (row, col), (rs, cs) = game.players, game.strategies
    # direction field of the rule on a grid
    if result.rule == "replicator":  # flow lines of the replicator field
        g = np.linspace(0.0, 1.0, 41)
        gx, gy = np.meshgrid(g, g)
        dx, dy = replicator_field(
            a, b, np.stack([gx, 1 - gx], axis=-1), np.stack([gy, 1 - gy], axis=-1)
        )
        ax.streamplot(
            gx,
            gy,
            dx[..., 0],
            dy[..., 0],
            density=0.9,
            color="0.75",
            linewidth=0.8,
            arrowsize=0.9,
            zorder=1,
        )
    else:  # fictitious play moves towards the current best responses (Brown 1951)
        g = np.linspace(0.04, 0.96, 16)
        gx, gy = np.meshgrid(g, g)
        ay = np.einsum("ij,...j->...i", a, np.stack([gy, 1 - gy], axis=-1))
        xb = np.einsum("...i,ij->...j", np.stack([gx, 1 - gx], axis=-1), b)
        u = np.where(ay[..., 0] > ay[..., 1], 1.0, np.where(ay[..., 0] < ay[..., 1], 0.0, gx))
        v = np.where(xb[..., 0] > xb[..., 1], 1.0, np.where(xb[..., 0] < xb[..., 1], 0.0, gy))
        u, v = u - gx, v - gy
        speed = np.hypot(u, v)
        moving = speed > 1e-9
        safe = np.where(moving, speed, 1.0)
        ax.quiver(
            gx[moving],
            gy[moving],
            (u / safe)[moving],
            (v / safe)[moving],
            color="0.72",
            angles="xy",
            scale=34,
            width=0.0035,
            headwidth=4,
            zorder=1,
        )
    # where each player is indifferent (the interior nullclines of both rules)
    den_r = a[0, 0] - a[0, 1] - a[1, 0] + a[1, 1]
    if den_r:
        q = (a[1, 1] - a[0, 1]) / den_r
        if 0 < q < 1:
            ax.axhline(q, color="0.45", lw=0.9, ls="--", zorder=2)
            ax.text(
                0.01, q, f" {row} indifferent", ha="left", va="bottom", fontsize=7.5, color="0.35"
            )
    den_c = b[0, 0] - b[1, 0] - b[0, 1] + b[1, 1]
    if den_c:
        p = (b[1, 1] - b[1, 0]) / den_c
        if 0 < p < 1:
            ax.axvline(p, color="0.45", lw=0.9, ls="--", zorder=2)
            ax.text(
                p,
                0.99,
                f" {col} indifferent",
                ha="left",
                va="top",
                fontsize=7.5,
                color="0.35",
                rotation=90,
            )
    _path(ax, result.strategies[0][:, 0], result.strategies[1][:, 0])
    eqs = _equilibria(result)
    if eqs:
        _mark_equilibria(ax, [e[0][0] for e in eqs], [e[1][0] for e in eqs])
    for cx, cy in ((0, 0), (0, 1), (1, 0), (1, 1)):
        text = f"{rs[0] if cx else rs[1]}, {cs[0] if cy else cs[1]}"
        ax.annotate(
            text,
            (cx, cy),
            xytext=(-11 if cx else 11, -11 if cy else 11),
            textcoords="offset points",
            ha="right" if cx else "left",
            va="top" if cy else "bottom",
            fontsize=7.5,
            color="0.3",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "0.8", "alpha": 0.85},
            zorder=7,
        )
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_aspect("equal")
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_xlabel(f"P({row} plays {rs[0]})")
    ax.set_ylabel(f"P({col} plays {cs[0]})")
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False)


def _draw_first_probabilities(ax: Axes, result: DynamicsResult) -> None:
    """Each player's first-strategy probability over time: its own colour, marker, width
    and line style (a symmetric game's players coincide and both stay visible), the
    nearest equilibrium dotted."""
    from .style import series_style

    t, keep = _time_axis(ax, result)
    eq = result.nearest_equilibrium
    players = result.game.players
    for i, (player, labels) in enumerate(zip(players, result.game.strategies, strict=True)):
        style = series_style(i, i, (len(players), len(players)))
        ax.plot(
            t[keep], result.strategies[i][keep, 0], **style, label=f"P({player} plays {labels[0]})"
        )
        if eq is not None:
            ax.axhline(float(eq.strategies[i][0]), color=style["color"], lw=0.9, ls=":")
    ax.set_ylim(-0.03, 1.03)
    ax.set_ylabel("probability")
    ax.legend(fontsize=7.5, loc="best")
    if eq is not None:
        ax.set_title("dotted: the nearest equilibrium", fontsize=8, loc="right")


def _draw_over_time(ax: Axes, result: DynamicsResult, i: int, *, first_only: bool) -> None:
    """A player's probabilities over time (a 2-strategy player: its first strategy, the
    segment [0, 1] unfolded in time), with the nearest equilibrium dotted."""
    from .style import series_style

    t, keep = _time_axis(ax, result)
    labels = result.game.strategies[i]
    eq = result.nearest_equilibrium
    shown = range(1) if first_only else range(len(labels))
    for s in shown:
        # solid, dashed, dash-dot: dotted is kept for the equilibrium
        style = series_style(s, (0, 1, 3)[s % 3], (len(shown), 4))
        ax.plot(t[keep], result.strategies[i][keep, s], **style, label=labels[s])
        if eq is not None:
            ax.axhline(float(eq.strategies[i][s]), color=style["color"], lw=0.9, ls=":")
    ax.set_ylim(-0.03, 1.03)
    player = result.game.players[i]
    ax.set_ylabel(f"P({player} plays {labels[0]})" if first_only else "probability")
    ax.set_title(player, fontsize=10)
    if not first_only:  # below the panel, off the curves
        ax.legend(fontsize=7.5, loc="upper center", bbox_to_anchor=(0.5, -0.14),
                  ncols=len(labels) if len(labels) <= 5 else 4, frameon=False)  # fmt: skip


def _draw_triangle(ax: Axes, result: DynamicsResult, i: int) -> None:
    """A 3-strategy player's path in its simplex, in barycentric coordinates."""
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])
    labels = result.game.strategies[i]
    ax.fill(corners[:, 0], corners[:, 1], color="#f6f6f6", zorder=0)
    ax.plot([*corners[:, 0], 0.0], [*corners[:, 1], 0.0], color="0.3", lw=1, zorder=1)
    for k in range(3):  # light lines through the centre, towards each corner
        mid = (corners[(k + 1) % 3] + corners[(k + 2) % 3]) / 2
        ax.plot([corners[k, 0], mid[0]], [corners[k, 1], mid[1]], color="0.85", lw=0.7, zorder=1)
    offsets = [(0, -8, "center", "top"), (0, -8, "center", "top"), (0, 8, "center", "bottom")]
    for k, (dx, dy, ha, va) in enumerate(offsets):
        ax.annotate(
            labels[k],
            corners[k],
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=9,
        )
    pts = result.strategies[i] @ corners
    _path(ax, pts[:, 0], pts[:, 1])
    eqs = _equilibria(result)
    if eqs:
        eq_pts = np.array([e[i] for e in eqs]) @ corners
        _mark_equilibria(ax, eq_pts[:, 0].tolist(), eq_pts[:, 1].tolist())
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-0.12, 1.0)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(result.game.players[i], fontsize=10)


def _draw_regret(ax: Axes, result: DynamicsResult) -> None:
    from matplotlib.ticker import NullFormatter

    from .style import ACCENT

    t, keep = _time_axis(ax, result)
    eps = result.regrets[keep].max(axis=1)
    level = result.threshold
    floor = 1e-12 * max((*payoff_ranges(result.game), 1.0))  # round-off level
    ax.plot(t[keep], np.maximum(eps, floor), color="black", lw=1.3, label="ε (largest regret)")
    if level > 0:
        ax.axhline(
            level,
            color=ACCENT,
            lw=1.0,
            ls="--",
            label=f"tolerance ({result.tolerance:g} × payoff range)",
        )
    ax.set_yscale("log")
    low, high = ax.get_ylim()
    ax.set_ylim(min(low, high / 100), high)
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_ylabel("ε: most a player gains by deviating")
    ax.legend(fontsize=7.5, loc="best")
