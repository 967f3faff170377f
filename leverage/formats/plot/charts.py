"""The regime map of a 2-D sweep and the bars of Monte Carlo shares (matplotlib, the
optional ``[plot]`` extra).

* :func:`plot_structure_map` — each grid cell coloured by its equilibrium structure, each
  region numbered inside (the numbers survive greyscale printing and colour blindness),
  the key below the map naming each number's equilibria.
* :func:`plot_shares` — horizontal bars of outcome shares with their confidence
  intervals, each share written beyond its interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

#: Font size of the key.
KEY_SIZE = 7.5


def inner_cell(mask: np.ndarray) -> tuple[int, int]:
    """A cell of the region ``mask`` (boolean, 2-D) as far inside it as any: the last
    to remain when the region is eroded a cell at a time from its edges (and from the
    edges of the grid)."""
    current = mask.copy()
    while True:
        inner = current.copy()
        inner[1:, :] &= current[:-1, :]
        inner[:-1, :] &= current[1:, :]
        inner[:, 1:] &= current[:, :-1]
        inner[:, :-1] &= current[:, 1:]
        inner[0, :] = inner[-1, :] = False
        inner[:, 0] = inner[:, -1] = False
        if not inner.any():
            break
        current = inner
    cells = np.argwhere(current)
    centre = cells.mean(axis=0)
    best = cells[np.argmin(((cells - centre) ** 2).sum(axis=1))]
    return int(best[0]), int(best[1])


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

    Returns
    -------
    matplotlib.figure.Figure
        A :class:`~leverage.formats.plot.style.PaperFigure`.
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    from .style import COLOURS, figure, text_width, wrap

    used = sorted(set(int(v) for v in np.unique(ids)))
    width = 7.0
    room = width * 72 - 16 - 3.4 * KEY_SIZE
    texts = [f"{k + 1}  {labels[u]}" for k, u in enumerate(used)]
    columns = 2 if max(text_width(t, KEY_SIZE) for t in texts) * 2 + 40 < room else 1
    texts = [wrap(t, room / columns - 8, KEY_SIZE, indent="    ") for t in texts]
    lines = sum(t.count("\n") + 1 for t in texts)
    fig = figure(1, width=width, height=4.6 + 0.17 * -(-lines // columns))
    ax = fig.subplots()
    palette = [COLOURS[k % len(COLOURS)] for k in range(len(used))]
    remap = np.vectorize({u: k for k, u in enumerate(used)}.get)(ids)
    ax.pcolormesh(x, y, remap.T, cmap=ListedColormap(palette), shading="nearest")
    for k in range(len(used)):
        i, j = inner_cell(remap == k)
        circle = {"boxstyle": "circle,pad=0.2", "fc": "white", "ec": "0.3", "lw": 0.6}
        ax.text(x[i], y[j], str(k + 1), ha="center", va="center", fontsize=8, bbox=circle)
    handles = [Patch(facecolor=palette[k], edgecolor="0.3", lw=0.5) for k in range(len(used))]
    fig.legend(
        handles,
        texts,
        loc="outside lower left",
        ncols=columns,
        fontsize=KEY_SIZE,
        frameon=False,
        title="Regions and their equilibria",
        title_fontsize=KEY_SIZE,
        alignment="left",
    )
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        fig.suptitle(wrap(title, width * 72 - 30, 10), fontsize=10)
    return fig


def plot_shares(
    labels: Sequence[str],
    shares: Sequence[float],
    intervals: Sequence[tuple[float, float]],
    *,
    title: str | None = None,
    subtitle: str = "",
) -> Figure:
    """Horizontal bars of outcome shares with their confidence intervals (Monte Carlo).

    Returns
    -------
    matplotlib.figure.Figure
        A :class:`~leverage.formats.plot.style.PaperFigure`.
    """
    from .style import COLOURS, figure, short, wrap

    width = 7.5
    names = [short(label, 40) for label in labels]
    tallest = max((name.count("\n") + 1 for name in names), default=1)
    heading = " — ".join(t for t in (title, subtitle) if t)
    heading = wrap(heading, width * 72 - 30, 10) if heading else ""
    height = max(0.45, 0.16 * tallest + 0.15) * len(labels) + 1.0 + 0.2 * heading.count("\n")
    fig = figure(1, width=width, height=height)
    ax = fig.subplots()
    ys = np.arange(len(labels))[::-1]
    lows = [s - lo for s, (lo, _) in zip(shares, intervals, strict=True)]
    highs = [hi - s for s, (_, hi) in zip(shares, intervals, strict=True)]
    ax.barh(ys, shares, color=COLOURS[0], xerr=[lows, highs], capsize=3, ecolor="black")
    ax.set_yticks(ys, names, fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of draws (bars: 95% Wilson interval)")
    for y, s, (lo, hi) in zip(ys, shares, intervals, strict=True):
        if hi + 0.1 <= 1 or lo < 0.1:  # beyond the interval's end
            ax.text(hi + 0.012, y, f"{s:.3f}", va="center", ha="left", fontsize=8)
        else:  # inside the bar, before the interval
            ax.text(lo - 0.012, y, f"{s:.3f}", va="center", ha="right", fontsize=8, color="white")
    if heading:
        fig.suptitle(heading, fontsize=10)
    return fig
