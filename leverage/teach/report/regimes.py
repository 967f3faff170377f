"""The regime section of the report: how the equilibria change as one parameter moves —
its exact critical values, a table of the regimes with the current value marked, and a
plot as inline SVG.

The plot is :meth:`leverage.analysis.regimes.engine.RegimeAnalysis.plot` saved by matplotlib as
SVG with its text drawn as paths (no font needed), its ids salted with a constant and its
date and creator left out, so that the same analysis always gives the same bytes; the
``<svg>`` element loses its fixed size and scales to the page.

Mathematics
-----------
Regimes and critical values from :func:`leverage.regimes`: the
parameter's range is cut at the exact values where the structure of the equilibria (their
supports), a strict dominance or a closed form changes, or the game is undefined; the
intervals between and the critical points are the regimes.  The current value is marked
in the point regime equal to it, else in the first interval (closed) containing it.

References
----------
- B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
  form", in Algorithmic Game Theory, ch. 3, CUP 2007.
- Matplotlib, ``rcParams["svg.hashsalt"]`` and ``rcParams["svg.fonttype"]``: deterministic
  ids and text as paths.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from fractions import Fraction
from html import escape
from typing import TYPE_CHECKING, Any

import sympy

from ...errors import TooLargeError, UnsupportedError
from ...expr.printing import formula_html
from ...formats.text import decimal
from ...numbers import to_sympy
from .markup import note

if TYPE_CHECKING:  # pragma: no cover
    from ...analysis.regimes.engine import Regime, RegimeAnalysis, RegimeEquilibrium
    from ...games.model import Model

__all__ = ["regime_plot", "regime_section", "regime_table", "svg"]

#: The salt of matplotlib's SVG ids: a constant, so the page is reproducible.
SVG_SALT = "leverage-report"


def regime_section(
    model: Model,
    name: str,
    bounds: tuple[Any, Any] | None,
    overrides: Mapping[str, Any],
    vals: Mapping[str, Fraction],
) -> str:
    """The regime analysis of parameter ``name``: critical values, table and plot.

    Parameters
    ----------
    model
        The model.
    name
        The parameter analysed.
    bounds
        The interval analysed (``None``: the parameter's range).
    overrides
        The parameter values set by the caller; the others than ``name`` are held there.
    vals
        Every parameter's value in the report (the current value of ``name`` is marked).

    Returns
    -------
    str
        HTML; a note when the model does not support a regime analysis.
    """
    from ...analysis.regimes.engine import regimes

    held = {k: v for k, v in overrides.items() if k != name}
    try:
        analysis = regimes(model, name, bounds, values=held)
    except (UnsupportedError, TooLargeError) as err:
        return note(f"No regime analysis of <code>{escape(name)}</code>: {escape(str(err))}.")
    current = vals[name]
    lo, hi = analysis.bounds
    p = model.parameters[name]
    unit = f" ({escape(p.unit)})" if p.unit else ""
    parts = [
        f"<p>How the equilibria change as <code>{escape(name)}</code>{unit} moves over "
        f"[{escape(str(lo))}, {escape(str(hi))}], the other parameters held at the values "
        f"above; its current value is {escape(decimal(current))}. Thresholds are exact.</p>"
    ]
    if analysis.critical_values:
        items = []
        for c in analysis.critical_values:
            approx = "" if c.exact == f"{c.value:g}" else f" ≈ {c.value:.6g}"
            what = f" — {escape(', '.join(c.changes))} change" if c.changes else ""
            if c.undefined:
                what = " — the game is undefined here"
            items.append(f"<li>{formula_html(c.exact)}{escape(approx)}{what}</li>")
        parts.append("<h3>Critical values</h3><ul>" + "".join(items) + "</ul>")
    else:
        parts.append(
            note("No critical value: the equilibria keep their structure on the whole range.")
        )
    parts.append("<h3>Regimes</h3>")
    parts.append(regime_table(analysis, current))
    parts.append(regime_plot(analysis, p.unit))
    for n in analysis.notes:
        parts.append(note(escape(n)))
    return "\n".join(parts)


def _contains(regime: Regime, value: Fraction) -> bool:
    """Whether ``value`` lies in ``regime`` (a point, or a closed interval)."""
    v = to_sympy(value)
    if regime.at is not None:
        return bool(sympy.Eq(regime.at.sympy_value, v))
    assert regime.lower is not None and regime.upper is not None
    return bool(regime.lower.sympy_value <= v) and bool(v <= regime.upper.sympy_value)


def _regime_strategies(eq: RegimeEquilibrium, analysis: RegimeAnalysis) -> str:
    """Each player's strategy in a regime's equilibrium; mixed ones with their formulas."""
    lines = []
    for i, player in enumerate(analysis.players):
        used = [(analysis.strategies[i][k], eq.strategies[i][k]) for k in eq.support[i]]
        who = f'<span class="who">{escape(player)}</span>'
        if len(used) == 1:
            lines.append(f"<div>{who} {escape(used[0][0])}</div>")
        else:
            mix = "".join(
                f'<div class="mix">{escape(lab)} {formula_html(p)}</div>' for lab, p in used
            )
            lines.append(f"<div>{who}{mix}</div>")
    return "".join(lines)


def regime_table(analysis: RegimeAnalysis, current: Fraction) -> str:
    """The regimes, one row per equilibrium, the regime of the current value marked.

    Parameters
    ----------
    analysis
        The regime analysis.
    current
        The parameter's current value.

    Returns
    -------
    str
        A ``<table class="stack regimes">`` in a scrollable wrapper; the regime cell
        spans the rows of its equilibria and carries its flags (degenerate, undefined,
        current value, dominance).
    """
    # a point regime wins over the interval it closes; an interval owns a bound of the range
    ordered = sorted(analysis.regimes, key=lambda r: not r.is_point)
    mine = next((r for r in ordered if _contains(r, current)), None)
    rows = []
    for reg in analysis.regimes:
        here = reg is mine
        label = (
            f"{escape(analysis.parameter)} = {formula_html(reg.at.exact)}"
            if reg.at is not None
            else f"{formula_html(reg.label)}"
        )
        if reg.degenerate:
            label += '<br><span class="muted">degenerate</span>'
        if reg.undefined:
            label += '<br><span class="muted">game undefined</span>'
        if here:
            label += '<br><span class="badge">current value</span>'
        for d in reg.dominance:
            label += f'<br><span class="dom">{escape(d)}</span>'
        eqs = reg.equilibria
        cls = ' class="point"' if reg.is_point else ""
        cls = ' class="current"' if here else cls
        span = f' rowspan="{len(eqs)}"' if len(eqs) > 1 else ""
        if not eqs:
            rows.append(
                f'<tr{cls}><td>{label}</td><td colspan="2" data-label="equilibrium">'
                "no equilibrium</td></tr>"
            )
            continue
        for k, eq in enumerate(eqs):
            pays = "<br>".join(
                f'<span class="who">{escape(pl)}</span> {formula_html(v)}'
                for pl, v in zip(analysis.players, eq.payoffs, strict=True)
            )
            first = f'<td class="regime"{span}>{label}</td>' if k == 0 else ""
            rows.append(
                f'<tr{cls}>{first}<td data-label="equilibrium">'
                f'<div class="kind">{escape(eq.kind)}</div>'
                f'{_regime_strategies(eq, analysis)}</td><td data-label="payoffs">{pays}</td></tr>'
            )
    head = (
        f'<th scope="col">{escape(analysis.parameter)}</th>'
        '<th scope="col">equilibrium</th><th scope="col">payoffs</th>'
    )
    return (
        f'<div class="scroll"><table class="stack regimes"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def regime_plot(analysis: RegimeAnalysis, unit: str) -> str:
    """The regime plot as a ``<figure>`` with inline SVG and a caption.

    Parameters
    ----------
    analysis
        The regime analysis.
    unit
        The parameter's unit, for the axis label.

    Returns
    -------
    str
        The figure; a note when matplotlib is missing.
    """
    try:
        fig = analysis.plot(unit=unit)
    except UnsupportedError as err:  # matplotlib missing
        return note(f"Plot omitted: {escape(str(err))}.")
    image = svg(fig)
    caption = (
        f"Equilibrium probabilities and expected payoffs as functions of "
        f"<code>{escape(analysis.parameter)}</code>; shaded bands are the regimes, dotted "
        "lines the critical values."
    )
    return (
        f'<figure class="plot"><div class="figure-scroll">{image}</div>'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def svg(fig: Any) -> str:
    """A matplotlib figure as an inline ``<svg>`` element, deterministic and self-contained.

    Parameters
    ----------
    fig
        A matplotlib figure.

    Returns
    -------
    str
        The ``<svg>`` element, without XML prolog, doctype, metadata or fixed size, with
        ``role="img"`` and an ``aria-label``.
    """
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": SVG_SALT, "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.DOTALL)
    text = re.sub(
        r'<svg([^>]*?)\swidth="[^"]*"\s+height="[^"]*"',
        r'<svg\1 role="img" aria-label="Regime plot" preserveAspectRatio="xMidYMid meet"',
        text,
        count=1,
    )
    return text.strip()
