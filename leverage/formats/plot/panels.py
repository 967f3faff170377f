"""Plots of regimes and sweeps (matplotlib, the optional ``[plot]`` extra).

Figures are built with :class:`matplotlib.figure.Figure` directly — no pyplot state,
no windows — so library code stays side-effect free; save them with
``fig.savefig("regimes.pdf")`` (vector output for PDF and SVG, TrueType fonts, no dates:
see :mod:`.style`).

* :func:`plot_regimes` — for one parameter: each player's equilibrium probabilities and
  the expected payoffs as functions of the parameter, computed from the exact closed
  forms; regime bands shaded and numbered; critical values marked with their exact
  values along the top.
* :func:`plot_sweep` — a 1-D sweep as above from the grid points, or a 2-D sweep as a
  regime map (:func:`.charts.plot_structure_map`).

In the 1-D figures a strategy (or, in the payoff panel, a player) has its own colour,
marker and line width, and an equilibrium of a regime its own line style and marker
fill (:func:`.style.series_style`), so the figure reads in greyscale and curves that
coincide (a symmetric game's players) both show.  The key below the panels names, for
each band, its equilibria with their line styles; the strategy and player legends sit
right of their panels.  Nothing is drawn outside the figure or over the data.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ...solve.structure import describe
from .charts import plot_shares, plot_structure_map

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ...analysis.regimes.engine import RegimeAnalysis

__all__ = ["plot_regimes", "plot_shares", "plot_structure_map", "plot_sweep"]

BAND_COLOURS = ("#efefef", "#ffffff")
#: Font size of legends and the key.
KEY_SIZE = 7.5
#: Where the band labels sit above the probabilities (data coordinates; at most 1 is data).
BAND_LABEL_LEVELS = (1.12, 1.24)


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
    panel, and the key below naming each band's equilibria."""

    def __init__(
        self,
        players: Sequence[str],
        strategies: Sequence[Sequence[str]],
        xlim: tuple[float, float],
    ) -> None:
        from .style import figure

        self.players, self.strategies, self.xlim = players, strategies, xlim
        self.fig = figure(len(players) + 1, height=2.0)
        grid = self.fig.add_gridspec(len(players) + 1, 1)
        self.axes = [self.fig.add_subplot(grid[0])]
        for k in range(1, len(players) + 1):
            self.axes.append(self.fig.add_subplot(grid[k], sharex=self.axes[0]))
        self.key: list[tuple[str, Any]] = []
        self.labels: list[tuple[float, str]] = []
        #: Colour and marker offset of the players in the payoff panel, after the strategies.
        self.offset = max(len(s) for s in strategies)

    def band(self, number: int, a: float, b: float) -> None:
        """Shade band ``number`` (from 0) on ``[a, b]`` and label it R1, R2, …"""
        for ax in self.axes:
            ax.axvspan(a, b, color=BAND_COLOURS[number % 2], zorder=0, lw=0)
        self.labels.append(((a + b) / 2, f"R{number + 1}"))

    def boundary(self, x: float) -> None:
        """Mark a boundary between regimes with a thin line on every panel."""
        for ax in self.axes:
            ax.axvline(x, color="0.35", lw=0.7, ls=(0, (4, 3)), zorder=1)

    def entry(self, number: int, interval: str, equilibria: Sequence[str]) -> None:
        """Name band ``number``'s equilibria in the key, each with its line style."""
        from .style import legend_handle

        head = f"R{number + 1} {interval}: "
        if not equilibria:
            self.key.append((head + "no equilibrium", legend_handle(-1, 0, linestyle="none")))
        for e, text in enumerate(equilibria):
            self.key.append((head + text, legend_handle(-1, e)))
            head = f"R{number + 1}: "

    def probability(self, i: int, s: int, e: int, n_eq: int, xs: Any, ys: Any) -> None:
        """Player ``i``'s probability of strategy ``s`` in equilibrium ``e`` of a band."""
        self._curve(self.axes[i], s, e, (len(self.strategies[i]), n_eq), xs, ys, 0)

    def payoff(self, p: int, e: int, n_eq: int, xs: Any, ys: Any) -> None:
        """Player ``p``'s expected payoff in equilibrium ``e`` of a band."""
        self._curve(self.axes[-1], p, e, (len(self.players), n_eq), xs, ys, self.offset)

    def _curve(
        self, ax: Any, k: int, e: int, of: tuple[int, int], xs: Any, ys: Any, offset: int
    ) -> None:
        from .style import marker_indices, marker_slot, series_style

        style = series_style(k, e, of, offset=offset)
        style["markevery"] = marker_indices(xs, self.xlim, marker_slot(k, e, of))
        ax.plot(xs, ys, **style)

    def finish(
        self,
        *,
        xlabel: str,
        xlim: tuple[float, float],
        title: str | None,
        critical: Sequence[tuple[float, str]] = (),
    ) -> Figure:
        """Axis labels, legends (strategies and players), band labels, critical values,
        the key and the title."""
        from .style import legend_handle, short, wrap

        axes, players, strategies = self.axes, self.players, self.strategies
        levels = self._band_levels(xlim)
        top = BAND_LABEL_LEVELS[max(levels, default=0)] + 0.09
        for i, player in enumerate(players):
            axes[i].set_ylabel(f"{short(player, 16)}:\nprobability")
            axes[i].set_ylim(-0.05, top if i == 0 else 1.05)
            axes[i].set_yticks([0, 0.25, 0.5, 0.75, 1])
            handles = [legend_handle(s, None) for s in range(len(strategies[i]))]
            labels = [short(name, 18) for name in strategies[i]]
            axes[i].legend(
                handles,
                labels,
                fontsize=KEY_SIZE,
                loc="upper left",
                bbox_to_anchor=(1.01, 1),
                borderaxespad=0,
            )
            axes[i].tick_params(labelbottom=False)
        for (x, text), level in zip(self.labels, levels, strict=True):
            axes[0].text(
                x,
                BAND_LABEL_LEVELS[level],
                text,
                ha="center",
                va="center",
                fontsize=7,
                color="0.15",
            )
        handles = [legend_handle(p, None, offset=self.offset) for p in range(len(players))]
        axes[-1].legend(
            handles,
            [short(p, 18) for p in players],
            fontsize=KEY_SIZE,
            loc="upper left",
            bbox_to_anchor=(1.01, 1),
            borderaxespad=0,
        )
        axes[-1].set_ylabel("expected payoff")
        axes[-1].set_xlabel(xlabel)
        axes[-1].set_xlim(*xlim)
        if critical:
            self._critical(critical, xlim)
        self._draw_key()
        if title:
            self.fig.suptitle(wrap(title, self.fig.get_figwidth() * 72 - 30, 10), fontsize=10)
        return self.fig

    def _band_levels(self, xlim: tuple[float, float]) -> list[int]:
        """The height of each band label: the lower row, or the upper one when it would
        touch its left neighbour."""
        span = (xlim[1] - xlim[0]) or 1.0
        levels: list[int] = []
        for k, (x, _) in enumerate(self.labels):
            close = k and (x - self.labels[k - 1][0]) / span < 0.05 and levels[-1] == 0
            levels.append(1 if close else 0)
        return levels

    def _critical(self, critical: Sequence[tuple[float, str]], xlim: tuple[float, float]) -> None:
        """The critical values written with their exact values above the first panel, at
        the top of their boundary lines; when neighbours would touch, written upright and
        moved apart, each joined to its line by a thin leader."""
        from .style import text_width

        xs = [x for x, _ in critical]
        labels = [text for _, text in critical]
        span = (xlim[1] - xlim[0]) or 1.0
        scale = (self.fig.get_figwidth() - 2.4) * 72 / span  # axes width ≈ figure − 2.4 in
        at = [(x - xlim[0]) * scale for x in xs]
        needs = [
            (text_width(a, 7) + text_width(b, 7)) / 2 + 4 for a, b in itertools.pairwise(labels)
        ]
        crowded = any(b - a < n for (a, b), n in zip(itertools.pairwise(at), needs, strict=True))
        ax = self.axes[0]
        if not crowded:
            for x, text in critical:
                ax.annotate(
                    text,
                    (x, 1),
                    xycoords=("data", "axes fraction"),
                    xytext=(0, 3),
                    textcoords="offset points",
                    fontsize=7,
                    ha="center",
                    va="bottom",
                    label="critical value",
                )
            return
        gap = 11.0  # points between upright labels (7-point text is about 9 high)
        placed = list(at)
        for k in range(1, len(placed)):
            placed[k] = max(placed[k], placed[k - 1] + gap)
        right = span * scale
        for k in reversed(range(len(placed))):
            limit = right if k == len(placed) - 1 else placed[k + 1] - gap
            placed[k] = min(placed[k], limit)
        for (x, text), a, p in zip(critical, at, placed, strict=True):
            leader = {"arrowstyle": "-", "lw": 0.5, "color": "0.4", "shrinkA": 0, "shrinkB": 0}
            ax.annotate(
                text,
                (x, 1),
                xycoords=("data", "axes fraction"),
                xytext=(p - a, 8),
                textcoords="offset points",
                fontsize=7,
                ha="center",
                va="bottom",
                rotation=90,
                label="critical value",
                arrowprops=leader if abs(p - a) > 0.5 else None,
            )

    def _draw_key(self) -> None:
        """The key as a figure legend below the panels, its entries wrapped to the
        figure's width (measured with the font), in two columns when they fit."""
        from .style import text_width, wrap

        if not self.key:
            return
        width = self.fig.get_figwidth() * 72 - 16 - 4.6 * KEY_SIZE  # less handle and pads
        texts = [text for text, _ in self.key]
        longest = max(text_width(t, KEY_SIZE) for t in texts)
        columns = 2 if len(texts) > 2 and 2 * longest + 4.6 * KEY_SIZE + 24 < width else 1
        texts = [wrap(t, width / columns - 8, KEY_SIZE, indent="    ") for t in texts]
        lines = sum(t.count("\n") + 1 for t in texts)
        rows = -(-lines // columns) if columns > 1 else lines
        self.fig.set_figheight(self.fig.get_figheight() + 0.16 * rows + 0.3)
        self.fig.legend(
            [h for _, h in self.key],
            texts,
            loc="outside lower left",
            ncols=columns,
            fontsize=KEY_SIZE,
            frameon=False,
            handlelength=3.2,
            title="Regimes and their equilibria (line style: which equilibrium)",
            title_fontsize=KEY_SIZE,
            alignment="left",
        )


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
        A :class:`~leverage.formats.plot.style.PaperFigure`.

    Raises
    ------
    UnsupportedError
        matplotlib is not installed.
    """
    players = analysis.players
    strategies = analysis.strategies
    name = analysis.parameter
    intervals = [r for r in analysis.regimes if not r.is_point]
    xlim = (float(analysis.bounds[0]), float(analysis.bounds[1]))
    panels = _Panels(players, strategies, xlim)
    for band, regime in enumerate(intervals):
        assert regime.lower is not None and regime.upper is not None
        a, b = regime.lower.value, regime.upper.value
        panels.band(band, a, b)
        panels.entry(
            band,
            regime.label,
            [describe((tuple(eq.support),), players, strategies) for eq in regime.equilibria],
        )
        xs = np.linspace(a, b, points)
        n_eq = len(regime.equilibria)
        for e, eq in enumerate(regime.equilibria):
            for i in range(len(players)):
                for s, expr in enumerate(eq.strategy_exprs[i]):
                    f = _evaluator(expr, name)
                    panels.probability(i, s, e, n_eq, xs, [f(x) for x in xs])
            for p, expr in enumerate(eq.payoff_exprs):
                f = _evaluator(expr, name)
                panels.payoff(p, e, n_eq, xs, [f(x) for x in xs])
    for cv in analysis.critical_values:
        panels.boundary(cv.value)
    return panels.finish(
        xlabel=_label(name, unit),
        xlim=xlim,
        title=title,
        critical=[
            (cv.value, cv.exact if len(cv.exact) <= 14 else f"{cv.value:.4g}")
            for cv in analysis.critical_values
        ],
    )


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

    Returns
    -------
    matplotlib.figure.Figure
        A :class:`~leverage.formats.plot.style.PaperFigure`.
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
    x = result.axes[0]
    panels = _Panels(players, strategies, (float(x[0]), float(x[-1])))
    n = len(x)
    picks = np.unique(np.linspace(0, n - 1, min(n, 4000)).astype(int))
    m = len(strategies[0])
    for band, run in enumerate(runs):
        a, b = run["from"], run["to"]
        low = x[0] if band == 0 else (runs[band - 1]["to"] + a) / 2
        high = x[-1] if band == len(runs) - 1 else (b + runs[band + 1]["from"]) / 2
        panels.band(band, low, high)
        if band:
            panels.boundary(low)
        sid = run["structure"]
        eqs = () if sid is None else result.batch.structures[sid]
        panels.entry(
            band,
            f"[{a:.6g}, {b:.6g}]" if a != b else f"at {a:.6g}",
            [describe((eq,), players, strategies) for eq in eqs] if sid is not None else [],
        )
        if sid is None:
            continue
        inside = picks[(picks >= run["first"]) & (picks <= run["last"])]
        points = [int(i) for i in inside if result.status_at(int(i)) != "undefined"]
        if not points:
            continue
        xs = x[points]
        rows = np.array([result.batch.rows_at(i)[0] for i in points])  # (points, eq, m + n)
        pays = np.array([result.batch.rows_at(i)[1] for i in points])  # (points, eq, 2)
        for e in range(len(eqs)):
            for s in range(m):
                panels.probability(0, s, e, len(eqs), xs, rows[:, e, s])
            for s in range(len(strategies[1])):
                panels.probability(1, s, e, len(eqs), xs, rows[:, e, m + s])
            for p in range(len(players)):
                panels.payoff(p, e, len(eqs), xs, pays[:, e, p])
    return panels.finish(
        xlabel=_label(result.parameters[0], units[0]),
        xlim=(float(x[0]), float(x[-1])),
        title=title,
    )
