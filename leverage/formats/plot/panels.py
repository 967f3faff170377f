"""Plots of regimes and sweeps (matplotlib, the optional ``[plot]`` extra).

Figures are built with :class:`matplotlib.figure.Figure` directly — no pyplot state,
no windows — so library code stays side-effect free; save them with
``fig.savefig("regimes.pdf")`` (vector output for PDF and SVG).

* :func:`plot_regimes` — for one parameter: each player's equilibrium probabilities and
  the expected payoffs as functions of the parameter, computed from the exact closed
  forms; regime bands shaded and labelled; critical values marked with their exact
  values.
* :func:`plot_sweep` — a 1-D sweep as above from the grid points, or a 2-D sweep as a
  regime map whose legend names each region's equilibria.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import UnsupportedError
from ...solve.structure import describe
from ...version import pip_hint

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ...analysis.regimes.engine import RegimeAnalysis

#: Line styles distinguishing several equilibria of one regime.
STYLES = ("-", "--", ":", "-.")
BAND_COLOURS = ("#f2f2f2", "#ffffff")
#: Colours of strategies (probability panels) and players (payoff panel).
COLOURS = tuple(f"C{k}" for k in range(10))


def figure(rows: int, width: float = 7.0, height: float = 2.3) -> Figure:
    """An empty constrained-layout figure, ``width`` inches wide and ``height`` inches
    per row of ``rows`` (plus 0.6 for the title).

    Raises
    ------
    UnsupportedError
        matplotlib is not installed.
    """
    try:
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - depends on the environment
        raise UnsupportedError(f"plots need matplotlib: {pip_hint('plot')}") from None
    fig = Figure(figsize=(width, height * rows + 0.6), layout="constrained")
    return fig


def _label(parameter: str, unit: str) -> str:
    return f"{parameter} ({unit})" if unit else parameter


def _evaluator(expr: Any, name: str) -> Any:
    from ...expr.evaluate import compile_expression

    fn = compile_expression(expr, exact=False)

    def at(x: float) -> float:
        try:
            return float(fn({name: x}))
        except Exception:  # a pole or an undefined value: leave a gap
            return float("nan")

    return at


class _Panels:
    """The layout shared by the 1-D plots: one probability panel per player, a payoff
    panel, and a text key below naming the numbered regime bands."""

    def __init__(self, players: Sequence[str], bands: int) -> None:
        fig = figure(len(players) + 1, height=2.1)
        fig.set_figheight(fig.get_figheight() + 0.22 * bands + 0.3)
        self.ratios = [*([3.0] * (len(players) + 1)), 0.35 * bands + 0.4]
        grid = fig.add_gridspec(len(players) + 2, 1, height_ratios=self.ratios)
        axes = [fig.add_subplot(grid[0])]
        for k in range(1, len(players) + 1):
            axes.append(fig.add_subplot(grid[k], sharex=axes[0]))
        key = fig.add_subplot(grid[-1])
        key.axis("off")
        self.fig, self.axes, self.key, self.grid = fig, axes, key, grid
        self.bands = bands
        self.key_lines: list[str] = []

    def band(self, number: int, a: float, b: float, text: str) -> None:
        """Shade band ``number`` (from 0) on ``[a, b]``, label it R1, R2, … and add
        ``text`` to the key."""
        for ax in self.axes:
            ax.axvspan(a, b, color=BAND_COLOURS[number % 2], zorder=0)
        self.axes[0].text(
            (a + b) / 2,
            1.03,
            f"R{number + 1}",
            ha="center",
            va="bottom",
            fontsize=8,
            transform=self.axes[0].get_xaxis_transform(),
        )
        self.key_lines.append(f"R{number + 1} {text}")

    def boundary(self, x: float) -> None:
        """Mark a boundary between regimes with a dashed line on every panel."""
        for ax in self.axes:
            ax.axvline(x, color="0.3", lw=0.8, ls="--", zorder=1)

    def finish(
        self,
        players: Sequence[str],
        strategies: Sequence[Sequence[str]],
        *,
        xlabel: str,
        xlim: tuple[float, float],
        title: str | None,
    ) -> Figure:
        """Axis labels, legends (colours of strategies and players), the key, the title."""
        from matplotlib.lines import Line2D

        axes = self.axes
        for i, player in enumerate(players):
            axes[i].set_ylabel(f"{player}:\nprobability")
            axes[i].set_ylim(-0.05, 1.05)
            handles = [Line2D([], [], color=COLOURS[s % 10]) for s in range(len(strategies[i]))]
            axes[i].legend(
                handles, strategies[i], fontsize=7, loc="center left", bbox_to_anchor=(1, 0.5)
            )
            axes[i].tick_params(labelbottom=False)
        handles = [Line2D([], [], color=COLOURS[i % 10]) for i in range(len(players))]
        axes[-1].legend(handles, players, fontsize=7, loc="center left", bbox_to_anchor=(1, 0.5))
        axes[-1].set_ylabel("expected payoff")
        axes[-1].set_xlabel(xlabel)
        axes[-1].set_xlim(*xlim)
        self._draw_key()
        if title:
            self.fig.suptitle(title, fontsize=10)
        return self.fig

    def _draw_key(self) -> None:
        """Write the key, wrapping long lines to the figure's width (8-point monospace
        is about 0.067 inch a character) and growing the key panel to fit them."""
        import textwrap

        width = max(40, int(self.fig.get_figwidth() / 0.067) - 4)
        lines: list[str] = []
        for line in self.key_lines:
            label = line.partition(" ")[0]
            lines += textwrap.wrap(
                line, width, subsequent_indent=" " * (len(label) + 1), break_on_hyphens=False
            ) or [line]
        extra = len(lines) - self.bands
        if extra > 0:
            self.fig.set_figheight(self.fig.get_figheight() + 0.22 * extra)
            self.ratios[-1] = 0.35 * len(lines) + 0.4
            self.grid.set_height_ratios(self.ratios)
        self.key.text(0, 1, "\n".join(lines), va="top", ha="left", fontsize=8, family="monospace")


def plot_regimes(
    analysis: RegimeAnalysis, *, unit: str = "", points: int = 400, title: str | None = None
) -> Figure:
    """Equilibrium probabilities and payoffs across the regimes of one parameter.

    Parameters
    ----------
    analysis
        The result of :func:`leverage.regimes`.
    unit
        The parameter's unit, for the axis label.
    points
        Evaluation points per regime.
    title
        Figure title (default: none).

    Returns
    -------
    matplotlib.figure.Figure
    """
    players = analysis.players
    strategies = analysis.strategies
    name = analysis.parameter
    intervals = [r for r in analysis.regimes if not r.is_point]
    panels = _Panels(players, len(intervals))
    axes = panels.axes
    marks = {"-": "—", "--": "--", ":": "··", "-.": "-·"}
    for band, regime in enumerate(intervals):
        assert regime.lower is not None and regime.upper is not None
        a, b = regime.lower.value, regime.upper.value
        eqs = "   ".join(
            marks[STYLES[k % len(STYLES)]]
            + " "
            + describe((tuple(eq.support),), players, strategies)
            for k, eq in enumerate(regime.equilibria)
        )
        panels.band(band, a, b, f"{regime.label}:  {eqs or 'no equilibrium'}")
        xs = np.linspace(a, b, points)
        for k, eq in enumerate(regime.equilibria):
            style = STYLES[k % len(STYLES)]
            for i in range(len(players)):
                for s, expr in enumerate(eq.strategy_exprs[i]):
                    f = _evaluator(expr, name)
                    axes[i].plot(xs, [f(x) for x in xs], style, color=COLOURS[s % 10], lw=1.6)
            for i, expr in enumerate(eq.payoff_exprs):
                f = _evaluator(expr, name)
                axes[-1].plot(xs, [f(x) for x in xs], style, color=COLOURS[i % 10], lw=1.6)
    for cv in analysis.critical_values:
        panels.boundary(cv.value)
        axes[-1].annotate(
            cv.exact if len(cv.exact) <= 14 else f"{cv.value:.4g}",
            (cv.value, 0),
            xycoords=("data", "axes fraction"),
            xytext=(2, 2),
            textcoords="offset points",
            fontsize=7,
            rotation=90,
            va="bottom",
        )
    return panels.finish(
        players,
        strategies,
        xlabel=_label(name, unit),
        xlim=(float(analysis.bounds[0]), float(analysis.bounds[1])),
        title=title,
    )


def plot_structure_map(
    x: np.ndarray,
    y: np.ndarray,
    ids: np.ndarray,
    labels: Sequence[str],
    *,
    xlabel: str,
    ylabel: str,
    title: str | None = None,
) -> Figure:
    """A regime map of a 2-D sweep: each grid cell coloured by its structure.

    Parameters
    ----------
    x, y
        The grid values along each axis.
    ids
        Structure index of each grid point, shape ``(len(x), len(y))``.
    labels
        Description of each structure index (legend).
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    fig = figure(1, width=7.5, height=4.5)
    ax = fig.subplots()
    used = sorted(set(int(v) for v in np.unique(ids)))
    palette = [f"C{k % 10}" for k in range(len(used))]
    remap = np.vectorize({u: k for k, u in enumerate(used)}.get)(ids)
    ax.pcolormesh(x, y, remap.T, cmap=ListedColormap(palette), shading="nearest")
    handles = [Patch(color=palette[k], label=labels[u]) for k, u in enumerate(used)]
    ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title, fontsize=10)
    return fig


def plot_sweep(result: Any, *, units: Sequence[str] = (), title: str | None = None) -> Figure:
    """A sweep: 1-D as probabilities and payoffs against the parameter with its regime
    bands; 2-D as a regime map.

    Parameters
    ----------
    result
        A :class:`~leverage.analysis.sweep.SweepResult`.
    units
        Units of the swept parameters, for the axis labels.
    title
        Figure title.
    """
    units = list(units) + [""] * (len(result.parameters) - len(units))
    if len(result.parameters) == 2:
        labels = [result.describe_structure(k) for k in range(len(result.structures))]
        ids = result.structure_grid()
        if (ids < 0).any():
            labels = [*labels, "undefined"]
            ids = np.where(ids < 0, len(labels) - 1, ids)
        return plot_structure_map(
            result.axes[0],
            result.axes[1],
            ids,
            labels,
            xlabel=_label(result.parameters[0], units[0]),
            ylabel=_label(result.parameters[1], units[1]),
            title=title,
        )
    players, strategies = result.players, result.strategies
    runs = result.summary()
    panels = _Panels(players, len(runs))
    axes = panels.axes
    x = result.axes[0]
    n = len(x)
    picks = np.unique(np.linspace(0, n - 1, min(n, 4000)).astype(int))
    m = len(strategies[0])
    probs: list[list[list[tuple[float, float]]]] = [[[] for _ in s] for s in strategies]
    pays: list[list[tuple[float, float]]] = [[] for _ in players]
    for i in picks:
        if result.status_at(int(i)) == "undefined":
            continue
        rows, payoffs = result.batch.rows_at(int(i))
        for row, pay in zip(rows.tolist(), payoffs.tolist(), strict=True):
            for s in range(m):
                probs[0][s].append((x[i], row[s]))
            for s in range(len(strategies[1])):
                probs[1][s].append((x[i], row[m + s]))
            for p in range(len(players)):
                pays[p].append((x[i], pay[p]))
    for p in range(len(players)):
        for s, pts in enumerate(probs[p]):
            if pts:
                xs, ys = zip(*pts, strict=True)
                axes[p].scatter(xs, ys, s=4, color=COLOURS[s % 10], linewidths=0)
        if pays[p]:
            xs, ys = zip(*pays[p], strict=True)
            axes[-1].scatter(xs, ys, s=4, color=COLOURS[p % 10], linewidths=0)
    for band, run in enumerate(runs):
        a, b = run["from"], run["to"]
        panels.band(band, a, b, f"[{a:.6g}, {b:.6g}]:  {run['equilibria']}")
        if band:
            panels.boundary((runs[band - 1]["to"] + a) / 2)
    return panels.finish(
        players,
        strategies,
        xlabel=_label(result.parameters[0], units[0]),
        xlim=(float(x[0]), float(x[-1])),
        title=title,
    )


def plot_shares(
    labels: Sequence[str],
    shares: Sequence[float],
    intervals: Sequence[tuple[float, float]],
    *,
    title: str | None = None,
    subtitle: str = "",
) -> Figure:
    """Horizontal bars of outcome shares with their confidence intervals (Monte Carlo)."""
    fig = figure(1, width=7.5, height=0.45 * len(labels) + 1.2)
    ax = fig.subplots()
    ys = np.arange(len(labels))[::-1]
    lows = [s - lo for s, (lo, _) in zip(shares, intervals, strict=True)]
    highs = [hi - s for s, (_, hi) in zip(shares, intervals, strict=True)]
    ax.barh(ys, shares, color="C0", xerr=[lows, highs], capsize=3)
    ax.set_yticks(ys, labels, fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of draws (bars: 95% Wilson interval)")
    for y, s in zip(ys, shares, strict=True):
        ax.text(min(s + 0.02, 0.9), y, f"{s:.3f}", va="center", fontsize=8)
    heading = " — ".join(t for t in (title, subtitle) if t)
    if heading:
        ax.set_title(heading, fontsize=10)
    return fig
