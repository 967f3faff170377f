"""The look every figure shares, and the settings that make its files fit for a journal.

* :func:`figure` makes a :class:`PaperFigure`: a constrained-layout
  :class:`matplotlib.figure.Figure` whose ``savefig`` embeds TrueType fonts in PDF and
  PostScript (``pdf.fonttype = ps.fonttype = 42``; matplotlib's default, Type 3, fails
  the font checks of journals and of PDF/A), writes no creation date and salts SVG ids
  with a constant, so the same figure gives the same bytes.  The settings hold only while
  the file is written (a :func:`matplotlib.rc_context`): the rcParams of the caller's
  session are left as they were.
* :func:`series_style` gives each series of a panel its own colour, marker and line
  width and each equilibrium its own line style and marker fill, so the curves stay
  apart in greyscale; series that coincide stay visible (the earlier one wider, drawn
  below; markers of different series and equilibria at staggered places).
* :func:`wrap` breaks a label into lines no wider than a given number of points,
  measured with the font, so keys and legends never run off the figure.

matplotlib is imported when this module is: import it only to draw.
"""

from __future__ import annotations

import os
import textwrap
from typing import Any

from ...errors import UnsupportedError
from ...version import pip_hint

try:
    import matplotlib
    from matplotlib.figure import Figure
except ImportError:  # pragma: no cover - depends on the environment
    raise UnsupportedError(f"plots need matplotlib: {pip_hint('plot')}") from None

#: The Okabe–Ito palette (colour-blind safe), ordered so that neighbours also differ in
#: lightness; yellow, faint on white, comes last.
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442")
#: Markers of the series of a panel (strategies, or players in a payoff panel).
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
#: Line styles of the equilibria of one regime.
STYLES = ("-", "--", ":", "-.")
#: Marker fills of the equilibria of one regime (with :data:`STYLES`).
FILLS = ("full", "none", "left", "top")
#: The colour of reference lines (tolerances) apart from the data.
ACCENT = "#D55E00"
#: Distance between two markers of one curve, as a fraction of the axes' diagonal.
MARKER_STEP = 0.11

#: The font type of PDF and PostScript files: 42, TrueType (matplotlib's default is 3).
FONT_TYPE = 42
#: The salt of SVG ids when the caller has set none.
SVG_SALT = "leverage"
#: Metadata that would make two writes of one figure differ (``None`` drops a key).
NO_DATES = {"pdf": {"CreationDate": None}, "svg": {"Date": None}, "ps": {"CreationDate": None}}


class PaperFigure(Figure):
    """A figure whose files are reproducible and embed TrueType fonts (see the module
    docstring); otherwise a plain :class:`matplotlib.figure.Figure`."""

    def savefig(self, fname: Any, *args: Any, **kwargs: Any) -> None:
        """:meth:`matplotlib.figure.Figure.savefig` with fonts of type 42 in PDF and
        PostScript, no dates in the metadata and a constant SVG salt."""
        fmt = kwargs.get("format")
        if fmt is None and isinstance(fname, (str, os.PathLike)):
            fmt = os.path.splitext(os.fspath(fname))[1][1:]
        fmt = str(fmt or matplotlib.rcParams["savefig.format"]).lower()
        if fmt in NO_DATES:
            kwargs["metadata"] = {**NO_DATES[fmt], **(kwargs.get("metadata") or {})}
        salt = matplotlib.rcParams["svg.hashsalt"] or SVG_SALT
        with matplotlib.rc_context(
            {"pdf.fonttype": FONT_TYPE, "ps.fonttype": FONT_TYPE, "svg.hashsalt": salt}
        ):
            super().savefig(fname, *args, **kwargs)


def figure(rows: int, width: float = 7.0, height: float = 2.3) -> PaperFigure:
    """An empty constrained-layout :class:`PaperFigure`, ``width`` inches wide and
    ``height`` inches per row of ``rows`` (plus 0.6 for the title)."""
    return PaperFigure(figsize=(width, height * rows + 0.6), layout="constrained")


def series_style(
    k: int, equilibrium: int = 0, of: tuple[int, int] = (1, 1), *, offset: int = 0
) -> dict[str, Any]:
    """The :meth:`~matplotlib.axes.Axes.plot` keywords of series ``k`` (a strategy, or a
    player in a payoff panel) in equilibrium ``equilibrium`` of a regime.

    Parameters
    ----------
    k, equilibrium
        Indices of the series and of the equilibrium.
    of
        How many series and equilibria the panel has: each (series, equilibrium) pair
        gets its own place for markers along the curve, so coinciding curves show the
        markers of both.
    offset
        Added to ``k`` to choose the colour and marker (the players of a payoff panel
        follow the strategies of the panels above, so no colour means two things); the
        width and marker size follow ``k`` alone.
    """
    fill = FILLS[equilibrium % len(FILLS)]
    colour = COLOURS[(k + offset) % len(COLOURS)]
    return {
        "color": colour,
        "marker": MARKERS[(k + offset) % len(MARKERS)],
        "linestyle": STYLES[equilibrium % len(STYLES)],
        "fillstyle": fill,
        "markerfacecolor": "white" if fill == "none" else colour,
        "markerfacecoloralt": "white",
        "markeredgewidth": 1.0,
        "markersize": max(5.5 - 1.0 * k, 3.5),
        "linewidth": max(2.2 - 0.9 * k, 1.0),
        "markevery": (MARKER_STEP * marker_slot(k, equilibrium, of), MARKER_STEP),
        "zorder": 2 + 0.01 * k,
    }


def marker_slot(k: int, equilibrium: int, of: tuple[int, int]) -> float:
    """Where, between 0 and 1, the markers of series ``k`` in ``equilibrium`` sit within
    each marker interval: every (series, equilibrium) pair of a panel has its own place."""
    series, equilibria = max(of[0], 1), max(of[1], 1)
    return (k * equilibria + equilibrium + 0.5) / (series * equilibria)


def marker_indices(xs: Any, bounds: tuple[float, float], slot: float, count: int = 9) -> list[int]:
    """The indices of ``xs`` (increasing) to mark: one per ``1/count`` of the axis
    ``bounds``, at ``slot`` within each interval (so the markers of curves on one axis
    line up by series, whichever stretch of the axis a curve covers), and at least one
    on any curve, however short."""
    import numpy as np

    values = np.asarray(xs, dtype=float)
    if not len(values):
        return []
    low, high = float(values[0]), float(values[-1])
    step = (bounds[1] - bounds[0]) / count
    targets = bounds[0] + step * (np.arange(count) + slot)
    inside = targets[(targets >= low) & (targets <= high)]
    if not len(inside):
        inside = np.array([low + (high - low) * slot])
    nearest = np.abs(values[None, :] - inside[:, None]).argmin(axis=1)
    return sorted({int(i) for i in nearest})


def legend_handle(k: int, equilibrium: int | None = 0, *, offset: int = 0, **style: Any) -> Any:
    """A legend handle drawn like series ``k`` (``equilibrium`` ``None``: the series
    alone, solid) or, with ``k = -1``, like equilibrium ``equilibrium`` of any series;
    ``style`` overrides keywords."""
    from matplotlib.lines import Line2D

    keywords = series_style(max(k, 0), equilibrium or 0, offset=offset)
    keywords.pop("markevery")
    keywords.pop("zorder")
    if equilibrium is None:
        keywords["linestyle"] = "-"
    if k < 0:
        keywords.update(color="0.2", markerfacecolor="0.2", linewidth=1.4, markersize=5.5)
        if keywords["fillstyle"] == "none":
            keywords["markerfacecolor"] = "white"
    keywords.update(style)
    return Line2D([], [], **keywords)


def text_width(text: str, size: float, family: str | None = None) -> float:
    """The width in points of one line of ``text`` at ``size`` points."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(size=size, family=family)
    width, _, _ = TextToPath().get_text_width_height_descent(text, prop, ismath=False)
    return float(width)


def wrap(text: str, points: float, size: float, *, indent: str = "") -> str:
    """``text`` broken at spaces into lines at most ``points`` wide at ``size`` points
    (a word longer than a line is broken inside); later lines start with ``indent``."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate, size) > points:
                lines.append(line)
                line = indent + word
            else:
                line = candidate
            while len(line) > len(indent) + 1 and text_width(line, size) > points:
                cut = max(_longest_prefix(line, points, size), len(indent) + 1)
                lines.append(line[:cut])
                line = indent + line[cut:]
        lines.append(line)
    return "\n".join(lines)


def _longest_prefix(line: str, points: float, size: float) -> int:
    """The length of the longest prefix of ``line`` that fits in ``points``."""
    low, high = 1, len(line)
    while low < high:
        mid = (low + high + 1) // 2
        if text_width(line[:mid], size) <= points:
            low = mid
        else:
            high = mid - 1
    return low


def short(text: str, width: int) -> str:
    """``text`` broken into lines of about ``width`` characters (for tick and legend
    labels whose room is not known until the figure is laid out)."""
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False) or [text])
