"""A self-contained HTML report of a model: the game, its equilibria and its regimes.

:func:`report_html` gathers in one page what the other commands print one at a time — the
model's description, its players, strategies and parameters with their provenance, the
payoff table with best responses and equilibria marked, every Nash equilibrium in exact
fractions with its payoffs and the selection criteria (Pareto and risk dominance), the
step-by-step explanation of how the equilibria are found, and the regime analysis of one
parameter (the exact critical values, a table of the regimes and a plot).

The page needs no network to be read or printed: the style sheet is inline, the plot is
inline SVG (matplotlib, text drawn as paths so no font is needed), there is no script and
no MathJax (formulas are text: ``a/b``, ``·`` for products, ``<sup>`` for powers), and a
Content-Security-Policy forbids any fetch.  Every text taken from the model file is
HTML-escaped; only ``http``/``https`` addresses in descriptions, sources and references
become links.  The output is a deterministic function of its arguments (the generation
date is an argument, the SVG ids are salted with a constant), so reproducible builds can
compare reports byte for byte.

Mathematics
-----------
No new mathematics: equilibria by exact vertex enumeration (:meth:`leverage.game.Game.
equilibria`; von Stengel 2007), Pareto dominance among the equilibria and risk dominance
(Harsanyi & Selten 1988, §3.9) from :mod:`leverage.solve.properties`, regimes from
:func:`leverage.analysis.regimes.regimes`.

References
----------
- B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
  form", in Algorithmic Game Theory, ch. 3, CUP 2007.
- J. C. Harsanyi and R. Selten, *A General Theory of Equilibrium Selection in Games*,
  MIT Press 1988.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from html import escape
from typing import TYPE_CHECKING, Any

import sympy

from ..errors import ParameterError, TooLargeError, UnsupportedError
from ..formats.text import decimal, number

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.regimes import Regime, RegimeAnalysis, RegimeEquilibrium
    from ..game import Game
    from ..model import Distribution, Model
    from ..solve.result import Equilibrium, Solution

__all__ = ["default_parameter", "report_html"]

#: The parameter analysed by default when the model has it.
DEFAULT_PARAMETER = "interdependence_cost"

_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)


# --------------------------------------------------------------------------- public API


def default_parameter(model: Model) -> str | None:
    """The parameter a report analyses when none is named.

    ``interdependence_cost`` when the model has it (the cost of interdependence is what
    the toolkit is about), else the first parameter whose range is not a single value,
    else ``None`` (no regime section).

    Parameters
    ----------
    model
        The model.

    Returns
    -------
    str or None
    """
    if DEFAULT_PARAMETER in model.parameters:
        return DEFAULT_PARAMETER
    for name, p in model.parameters.items():
        if p.low < p.high:
            return name
    return None


def report_html(
    model: Model,
    values: Mapping[str, Any] | None = None,
    *,
    parameter: str | None = None,
    bounds: tuple[Any, Any] | None = None,
    generated: str | None = None,
    regimes: bool = True,
) -> str:
    """A complete, self-contained HTML page describing ``model`` and its equilibria.

    Parameters
    ----------
    model
        The model (from :func:`leverage.load`).
    values
        Parameter overrides (defaults elsewhere), checked against the ranges; the game is
        solved at these values and the regime analysis holds the other parameters there.
    parameter
        The parameter of the regime analysis; default :func:`default_parameter`.
    bounds
        The interval of the regime analysis (numbers or strings such as ``"7/2"``);
        default the parameter's range.
    generated
        The generation date (any text, e.g. ``"2025-11-02"``) shown in the footer;
        ``None`` leaves it out, so that the page is reproducible.
    regimes
        Whether to include the regime analysis.

    Returns
    -------
    str
        An HTML5 document (UTF-8 text).

    Raises
    ------
    ParameterError
        Unknown parameter, a value or a bound out of range.
    EvaluationError
        A payoff is undefined at these values.

    Notes
    -----
    A regime analysis the model does not support (more than two players, payoffs not
    rational in the parameter, a game too large) is replaced by a short note; so are the
    mixed equilibria of games with more than two players (the pure ones are listed).

    Examples
    --------
    >>> import leverage
    >>> page = report_html(leverage.load("models/chicken.toml"), regimes=False)
    >>> page.startswith("<!DOCTYPE html>")
    True
    """
    overrides = dict(values or {})
    vals = model.values(overrides)  # checks names and ranges first
    name = None
    if regimes:
        name = parameter if parameter is not None else default_parameter(model)
        if name is not None and name not in model.parameters:
            model.values({name: 0})  # raises the usual unknown-parameter error
        if name is None and bounds is not None:
            raise ParameterError(
                "a range was given but the model has no parameter to analyse", file=model.path
            )
    game = model.game(overrides)
    solution, solve_note = _solve(game)

    sections = [
        _section("model", "The model", _model_section(model)),
        _section("players", "Players and strategies", _players_section(model)),
        _section("parameters", "Parameters", _parameters_section(model, vals, overrides)),
        _section("payoffs", "Payoff table", _payoff_section(game, solution)),
        _section("equilibria", "Equilibria", _equilibria_section(game, solution, solve_note)),
        _section("explanation", "Step by step", _explanation_section(model, overrides)),
    ]
    if name is not None:
        body = _regime_section(model, name, bounds, overrides, vals)
        sections.append(_section("regimes", f"Regimes of {name}", body))
    if model.references:
        sections.append(_section("references", "References", _references(model.references)))
    return _page(model, sections, generated)


# --------------------------------------------------------------------------- page


def _page(model: Model, sections: Sequence[tuple[str, str, str]], generated: str | None) -> str:
    from .. import __version__

    title = model.title or _file_name(model) or "Model report"
    shape = "×".join(str(k) for k in model.shape)
    meta = [
        f"{len(model.players)} players",
        f"{shape} strategies",
        f"{len(model.parameters)} parameter{'s' if len(model.parameters) != 1 else ''}",
    ]
    if _file_name(model):
        meta.append(f"<code>{escape(_file_name(model) or '')}</code>")
    nav = "".join(
        f'<li><a href="#{ident}">{escape(heading)}</a></li>' for ident, heading, _ in sections
    )
    body = "\n".join(
        f'<section id="{ident}">\n<h2>{escape(heading)}</h2>\n{content}\n</section>'
        for ident, heading, content in sections
    )
    footer = [f"Generated by leverage {escape(__version__)}"]
    if _file_name(model):
        footer.append(f"from <code>{escape(_file_name(model) or '')}</code>")
    if generated:
        footer.append(f"on {escape(generated)}")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="leverage {escape(__version__)}">
<title>{escape(title)}</title>
<style>
{_CSS}
</style>
</head>
<body>
<main>
<header>
<p class="kicker">Game-theoretic model report</p>
<h1>{escape(title)}</h1>
<p class="meta">{" · ".join(meta)}</p>
</header>
<nav aria-label="Contents"><ol>{nav}</ol></nav>
{body}
</main>
<footer>
<p>{" ".join(footer)}.
Equilibria are computed exactly and verified; see <code>leverage --help</code>.</p>
</footer>
</body>
</html>
"""


def _section(ident: str, heading: str, content: str) -> tuple[str, str, str]:
    return ident, heading, content


def _file_name(model: Model) -> str | None:
    return os.path.basename(model.path) if model.path else None


# --------------------------------------------------------------------------- text helpers


def _linked(text: str) -> str:
    """Escape ``text`` and turn its http(s) addresses into links."""
    out, last = [], 0
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(".,;:!?)]}")
        if url.count("(") > url.count(")") and text[m.start() + len(url) :].startswith(")"):
            url += ")"
        end = m.start() + len(url)
        out.append(escape(text[last : m.start()]))
        out.append(f'<a class="source" href="{escape(url)}" rel="noopener">{escape(url)}</a>')
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def _prose(text: str) -> str:
    """Paragraphs (separated by blank lines) and ``- `` lists of a description, as HTML."""
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        para: list[str] = []
        items: list[list[str]] = []
        for line in chunk.splitlines():
            stripped = line.strip()
            if stripped.startswith(("- ", "* ")):
                if para:
                    blocks.append(f"<p>{_linked(' '.join(para))}</p>")
                    para = []
                items.append([stripped[2:]])
            elif items and line[:1].isspace():
                items[-1].append(stripped)
            else:
                if items:
                    blocks.append(_list(items))
                    items = []
                para.append(stripped)
        if para:
            blocks.append(f"<p>{_linked(' '.join(para))}</p>")
        if items:
            blocks.append(_list(items))
    return "\n".join(blocks)


def _list(items: list[list[str]]) -> str:
    return "<ul>" + "".join(f"<li>{_linked(' '.join(i))}</li>" for i in items) + "</ul>"


def _num(v: Any) -> str:
    """An exact number, with a decimal approximation for a non-terminating fraction."""
    if isinstance(v, Fraction) and v.denominator != 1:
        short = decimal(v)
        approx = f"{float(v):.6g}" if "/" in short else short
        sign = "≈ " if "/" in short else "= "
        return (
            f'<span class="num">{escape(str(v))}</span>'
            f' <span class="approx">({sign}{escape(approx)})</span>'
        )
    return f'<span class="num">{escape(number(v))}</span>'


def _formula(text: str) -> str:
    """A formula in the model-file language as HTML: ``·`` for ``*``, powers raised, and
    line breaks allowed after products, quotients and (not before) ``+`` and ``-``."""

    def plain(part: str) -> str:
        html = escape(part).replace("*", "·<wbr>").replace("/", "/<wbr>")
        return html.replace(" + ", "&nbsp;+ ").replace(" - ", "&nbsp;- ")

    out, last = [], 0
    for m in re.finditer(r"\*\*(\([^()]*\)|-?[\w.]+)", text):
        out.append(plain(text[last : m.start()]))
        out.append(f"<sup>{plain(m.group(1))}</sup>")
        last = m.end()
    out.append(plain(text[last:]))
    return f'<span class="formula">{"".join(out)}</span>'


def _table(
    head: Sequence[str], rows: Sequence[Sequence[str]], cls: str = "", *, stack: bool = True
) -> str:
    """A table inside a horizontally scrollable wrapper (cells and headings are HTML).

    Each cell carries its column heading as ``data-label``, shown above the cell when a
    narrow screen stacks the rows (class ``stack``).
    """
    th = "".join(f'<th scope="col">{h}</th>' for h in head)
    labels = [escape(re.sub(r"<[^>]*>", "", h), quote=True) for h in head]
    body = "".join(
        "<tr>"
        + "".join(f'<td data-label="{lab}">{c}</td>' for lab, c in zip(labels, row, strict=True))
        + "</tr>"
        for row in rows
    )
    classes = f"stack {cls}" if stack else cls
    return (
        f'<div class="scroll"><table class="{classes}"><thead><tr>{th}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _note(text: str) -> str:
    return f'<p class="note">{text}</p>'


# --------------------------------------------------------------------------- sections


def _model_section(model: Model) -> str:
    parts = [_prose(model.description)] if model.description.strip() else []
    if model.defines:
        from ..analysis.symbolic import formula_text

        rows = [
            (f"<code>{escape(n)}</code>", _formula(formula_text(e)))
            for n, e in model.defines.items()
        ]
        parts.append("<h3>Intermediate quantities</h3>")
        parts.append(_table(["name", "definition"], rows, "defines", stack=False))
    return "\n".join(parts) or _note("The model file gives no description.")


def _players_section(model: Model) -> str:
    parts = []
    for player, strategies in zip(model.players, model.strategies, strict=True):
        items = []
        for s in strategies:
            desc = model.strategy_descriptions.get((player, s), "")
            text = f"<strong>{escape(s)}</strong>"
            if desc:
                text += f" — {_linked(desc)}"
            items.append(f"<li>{text}</li>")
        parts.append(
            f'<div class="player"><h3>{escape(player)}</h3><ul>{"".join(items)}</ul></div>'
        )
    return '<div class="players">' + "\n".join(parts) + "</div>"


def _distribution_text(d: Distribution) -> str:
    text = f"{d.kind}({', '.join(decimal(a) for a in d.args)})"
    if d.truncate:
        text += f" truncated to [{decimal(d.truncate[0])}, {decimal(d.truncate[1])}]"
    if d.scale:
        text += f" on [{decimal(d.scale[0])}, {decimal(d.scale[1])}]"
    return text


def _parameters_section(
    model: Model, vals: Mapping[str, Fraction], overrides: Mapping[str, Any]
) -> str:
    if not model.parameters:
        return _note("The model has no parameters: it is a single game.")
    rows = []
    for name, p in model.parameters.items():
        value = escape(decimal(vals[name]))
        if name in overrides:
            value = (
                f'<strong class="set">{value}</strong>'
                f'<br><span class="muted">set; default {escape(decimal(p.value))}</span>'
            )
        label = f"<code>{escape(name)}</code>"
        if p.description:
            label += f'<br><span class="desc">{_linked(p.description)}</span>'
        if p.unit:
            value += f'<br><span class="unit">{escape(p.unit)}</span>'
        uncertainty = escape(_distribution_text(p.distribution)) if p.distribution else "—"
        rows.append(
            (
                label,
                value,
                escape(f"[{decimal(p.low)}, {decimal(p.high)}]"),
                _linked(p.source),
                uncertainty.replace(", ", ",<wbr> "),
            )
        )
    return _table(["parameter", "value", "range", "source", "uncertainty"], rows, "parameters")


def _solve(game: Game) -> tuple[Solution | None, str]:
    """Every equilibrium (exact vertex enumeration); the pure ones when that is refused."""
    try:
        return game.equilibria(), ""
    except UnsupportedError as err:
        reason = str(err).split(";")[0]
    except TooLargeError as err:
        reason = str(err)
    try:
        solution = game.equilibria("pure")
    except (UnsupportedError, TooLargeError):
        return None, f"No equilibria computed: {reason}."
    return solution, f"Only the pure equilibria are listed: {reason}."


def _payoff_section(game: Game, solution: Solution | None) -> str:
    from ..formats.strategic import strategic_html

    eqs = solution.equilibria if solution is not None else ()
    pure = [e.profile for e in eqs if e.profile is not None]
    table = strategic_html(game, marks=True, equilibria=pure)
    where = "at the parameter values above" if game.parameters else "of the game"
    return (
        f"<p>The payoffs {where}, with each player's best responses in bold.</p>\n"
        f'<div class="scroll">{table}</div>'
    )


def _strategy(labels: Sequence[str], probs: Sequence[Any]) -> str:
    used = [(lab, p) for lab, p in zip(labels, probs, strict=True) if p]
    if len(used) == 1:
        return escape(used[0][0])
    return "<br>".join(f"{escape(lab)} {_num(p)}" for lab, p in used)


def _equilibria_section(game: Game, solution: Solution | None, note: str) -> str:
    parts = []
    if solution is None:
        return _note(escape(note))
    from ..formats.text import _status

    parts.append(f"<p>{escape(_status(solution))}</p>")
    if note:
        parts.append(_note(escape(note)))
    eqs = solution.equilibria
    if not eqs:
        parts.append(_note("No equilibrium of this kind exists."))
        return "\n".join(parts)
    head = ["#", "kind"]
    head += [f"{escape(p)} plays" for p in game.players]
    head += [f"payoff {escape(p)}" for p in game.players]
    rows = []
    for k, e in enumerate(eqs, start=1):
        row = [str(k), e.kind]
        row += [_strategy(game.strategies[i], e.strategies[i]) for i in range(game.n_players)]
        row += [_num(v) for v in e.payoffs]
        rows.append(row)
    parts.append(_table(head, rows, "equilibria"))
    parts.append("<h3>Selection among the equilibria</h3>")
    parts.append(_selection(eqs))
    return "\n".join(parts)


def _selection(eqs: Sequence[Equilibrium]) -> str:
    items = []
    if len(eqs) == 1:
        items.append("There is a single equilibrium: no selection problem arises.")
    else:
        dominated = [k for k, e in enumerate(eqs, start=1) if e.pareto_dominated]
        best = [k for k in range(1, len(eqs) + 1) if k not in dominated]
        if dominated:
            verb = "is" if len(dominated) == 1 else "are"
            text = (
                f"Pareto dominance: {_numbers(dominated)} {verb} Pareto-dominated — another "
                "equilibrium gives every player at least as much and some player more"
            )
            if len(best) == 1:
                text += f"; {_numbers(best)} is payoff-dominant: it Pareto-dominates every other"
            items.append(text + ".")
        else:
            items.append(
                "Pareto dominance: no equilibrium is Pareto-dominated by another; "
                "the players disagree on which one they prefer."
            )
    risk = [(k, e.risk_dominant) for k, e in enumerate(eqs, start=1)]
    winners = [k for k, r in risk if r is True]
    applies = [k for k, r in risk if r is not None]
    if winners:
        others = [k for k in applies if k not in winners]
        items.append(
            f"Risk dominance (Harsanyi &amp; Selten 1988): equilibrium {winners[0]} "
            f"risk-dominates {_numbers(others)} — the product of the "
            "players' losses from deviating is larger there, so it is the safer bet when "
            "each is unsure what the other will do."
        )
    elif applies:
        items.append(
            "Risk dominance: the two strict pure equilibria are equally risky "
            "(the products of the deviation losses are equal)."
        )
    elif len(eqs) > 1:
        items.append(
            "Risk dominance (Harsanyi &amp; Selten 1988) compares two strict pure equilibria "
            "of a 2×2 game; it does not apply here."
        )
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _numbers(ks: Sequence[int]) -> str:
    """``"equilibrium 2"``, ``"equilibria 2 and 3"``, ``"equilibria 1, 2 and 4"``."""
    if len(ks) == 1:
        return f"equilibrium {ks[0]}"
    return "equilibria " + ", ".join(map(str, ks[:-1])) + f" and {ks[-1]}"


def _explanation_section(model: Model, overrides: Mapping[str, Any]) -> str:
    from .explain import explain_model

    try:
        explanation = explain_model(model, dict(overrides) or None)
    except (UnsupportedError, TooLargeError) as err:
        return _note(f"No step-by-step explanation: {escape(str(err))}.")
    return f'<div class="explanation">{explanation.to_html()}</div>'


def _references(references: Sequence[str]) -> str:
    return "<ol>" + "".join(f"<li>{_linked(r)}</li>" for r in references) + "</ol>"


# --------------------------------------------------------------------------- regimes


def _regime_section(
    model: Model,
    name: str,
    bounds: tuple[Any, Any] | None,
    overrides: Mapping[str, Any],
    vals: Mapping[str, Fraction],
) -> str:
    from ..analysis.regimes import regimes

    held = {k: v for k, v in overrides.items() if k != name}
    try:
        analysis = regimes(model, name, bounds, values=held)
    except (UnsupportedError, TooLargeError) as err:
        return _note(f"No regime analysis of <code>{escape(name)}</code>: {escape(str(err))}.")
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
            items.append(f"<li>{_formula(c.exact)}{escape(approx)}{what}</li>")
        parts.append("<h3>Critical values</h3><ul>" + "".join(items) + "</ul>")
    else:
        parts.append(
            _note("No critical value: the equilibria keep their structure on the whole range.")
        )
    parts.append("<h3>Regimes</h3>")
    parts.append(_regime_table(analysis, current))
    parts.append(_plot(analysis, p.unit))
    for n in analysis.notes:
        parts.append(_note(escape(n)))
    return "\n".join(parts)


def _contains(regime: Regime, value: Fraction) -> bool:
    v = sympy.Rational(value.numerator, value.denominator)
    if regime.at is not None:
        return bool(sympy.Eq(regime.at.sympy_value, v))
    assert regime.lower is not None and regime.upper is not None
    return bool(regime.lower.sympy_value <= v) and bool(v <= regime.upper.sympy_value)


def _regime_strategies(eq: RegimeEquilibrium, analysis: RegimeAnalysis) -> str:
    lines = []
    for i, player in enumerate(analysis.players):
        used = [(analysis.strategies[i][k], eq.strategies[i][k]) for k in eq.support[i]]
        who = f'<span class="who">{escape(player)}</span>'
        if len(used) == 1:
            lines.append(f"<div>{who} {escape(used[0][0])}</div>")
        else:
            mix = "".join(f'<div class="mix">{escape(lab)} {_formula(p)}</div>' for lab, p in used)
            lines.append(f"<div>{who}{mix}</div>")
    return "".join(lines)


def _regime_table(analysis: RegimeAnalysis, current: Fraction) -> str:
    # a point regime wins over the interval it closes; an interval owns a bound of the range
    ordered = sorted(analysis.regimes, key=lambda r: not r.is_point)
    mine = next((r for r in ordered if _contains(r, current)), None)
    rows = []
    for reg in analysis.regimes:
        here = reg is mine
        label = (
            f"{escape(analysis.parameter)} = {_formula(reg.at.exact)}"
            if reg.at is not None
            else f"{_formula(reg.label)}"
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
                f'<span class="who">{escape(pl)}</span> {_formula(v)}'
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


def _plot(analysis: RegimeAnalysis, unit: str) -> str:
    try:
        fig = analysis.plot(unit=unit)
    except UnsupportedError as err:  # matplotlib missing
        return _note(f"Plot omitted: {escape(str(err))}.")
    svg = _svg(fig)
    caption = (
        f"Equilibrium probabilities and expected payoffs as functions of "
        f"<code>{escape(analysis.parameter)}</code>; shaded bands are the regimes, dotted "
        "lines the critical values."
    )
    return (
        f'<figure class="plot"><div class="figure-scroll">{svg}</div>'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def _svg(fig: Any) -> str:
    """A matplotlib figure as an inline ``<svg>`` element, deterministic and self-contained."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "leverage-report", "svg.fonttype": "path"}):
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


# --------------------------------------------------------------------------- style

_CSS = """\
:root {
  --ink: #1d1d1f; --muted: #5f6368; --rule: #d0d4d9; --tint: #f5f6f8;
  --accent: #1a4f8b; --mark: #fff4c2; --current: #e8f1fb;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: #fff;
  font: 17px/1.55 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia,
    "DejaVu Serif", serif;
}
main, footer { max-width: 52rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding: 2.2rem 0 0.6rem; border-bottom: 2px solid var(--ink); }
h1, h2, h3, .kicker, nav, th, .meta, footer, figcaption, .badge {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
    "DejaVu Sans", Arial, sans-serif;
}
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.2rem 0 0.5rem; }
h2 {
  font-size: 1.3rem; margin: 2.4rem 0 0.8rem; padding-bottom: 0.25rem;
  border-bottom: 1px solid var(--rule);
}
h3 { font-size: 1.05rem; margin: 1.6rem 0 0.5rem; }
.kicker {
  margin: 0; color: var(--accent); font-size: 0.8rem; letter-spacing: 0.08em;
  text-transform: uppercase; font-weight: 600;
}
.meta { margin: 0; color: var(--muted); font-size: 0.9rem; }
nav { font-size: 0.9rem; margin: 1rem 0 0; }
nav ol {
  list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem;
}
a { color: var(--accent); overflow-wrap: anywhere; }
p, ul, ol { margin: 0.6rem 0; }
li { margin: 0.2rem 0; }
code, .formula, .num, .explanation .math {
  font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 0.86em;
}
.formula { overflow-wrap: break-word; }
.mix { padding-left: 1.2em; }
.approx, .muted, .desc { color: var(--muted); }
.desc { font-size: 0.9em; }
.note {
  border-left: 3px solid var(--accent); background: var(--tint);
  padding: 0.5rem 0.8rem; font-size: 0.95rem;
}
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.8rem 0; }
table { border-collapse: collapse; font-size: 0.9rem; line-height: 1.4; min-width: 50%; }
th, td {
  border: 1px solid var(--rule); padding: 0.35rem 0.55rem; vertical-align: top; text-align: left;
}
thead th { background: var(--tint); font-size: 0.85rem; }
table.parameters td:nth-child(3) { white-space: nowrap; }
table.parameters td:first-child { min-width: 11rem; }
table.parameters td:nth-child(2) { min-width: 6rem; }
table.parameters td:nth-child(4) { min-width: 12rem; }
.unit { color: var(--muted); font-size: 0.85em; }
table.regimes { width: 100%; }
table.regimes th:nth-child(1) { width: 30%; }
table.regimes th:nth-child(2) { width: 34%; }
.kind { color: var(--muted); font-size: 0.85em; }
table.equilibria td:first-child { text-align: right; }
table.regimes tr.point td { background: #fafafa; }
table.regimes tr.current td { background: var(--current); }
.badge {
  display: inline-block; margin-top: 0.2rem; padding: 0 0.4rem; border-radius: 0.6rem;
  background: var(--accent); color: #fff; font-size: 0.72rem;
}
.dom { font-size: 0.85em; color: var(--muted); }
.who { font-weight: 600; }
.players {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0 1.5rem;
}
table.strategic-form { min-width: min(22rem, 100%); font-size: 1rem; }
table.strategic-form caption {
  caption-side: bottom; text-align: left; color: var(--muted); font-size: 0.8rem;
  padding-top: 0.4rem; max-width: 40rem;
}
table.strategic-form td { text-align: center; padding: 0.5rem 1rem; white-space: nowrap; }
table.strategic-form thead th { text-align: center; }
table.strategic-form tbody th { background: var(--tint); }
table.strategic-form td, table.strategic-form td * { font-variant-numeric: tabular-nums; }
table.strategic-form strong.br { color: var(--accent); }
table.strategic-form td.ne { background: var(--mark); outline: 2px solid #c9a400; }
table.strategic-form mark { background: transparent; color: inherit; }
.players ul { padding-left: 1.1rem; }
.explanation { overflow-x: auto; }
.explanation section > h2 { display: none; }
.explanation h3 { font-size: 1rem; }
pre.derivation {
  background: var(--tint); padding: 0.6rem 0.8rem; border-radius: 3px; font-size: 0.85rem;
  line-height: 1.45; white-space: pre-wrap; overflow-wrap: break-word;
}
figure.plot { margin: 1.2rem 0; }
figure.plot svg { display: block; width: 100%; height: auto; max-width: 46rem; margin: 0 auto; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 0.4rem; }
footer {
  margin-top: 3rem; padding-top: 0.8rem; padding-bottom: 2rem; border-top: 1px solid var(--rule);
  color: var(--muted); font-size: 0.8rem;
}
@media screen and (max-width: 36rem) {
  body { font-size: 16px; }
  h1 { font-size: 1.5rem; }
  main, footer { padding: 0 0.9rem; }
  th, td { padding: 0.3rem 0.4rem; }
  table.stack, table.stack tbody, table.stack tr, table.stack td {
    display: block; width: 100%; min-width: 0;
  }
  table.stack thead { display: none; }
  table.stack tr { border: 1px solid var(--rule); border-bottom: none; }
  table.stack tbody { border-bottom: 1px solid var(--rule); }
  table.stack td { border: none; border-top: 1px solid var(--rule); }
  table.stack tr td:first-child { border-top: none; }
  table.stack tr + tr { border-top: 2px solid var(--muted); }
  table.stack td[data-label]::before {
    content: attr(data-label); display: block; color: var(--muted); font-size: 0.72rem;
    font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  }
  table.stack td { text-align: left !important; }
  table.stack td.regime { background: var(--tint); font-weight: 600; }
  figure.plot .figure-scroll { overflow-x: auto; }
  figure.plot svg { min-width: 34rem; }
}
@media print {
  @page { margin: 18mm 16mm; }
  body { font-size: 10.5pt; }
  main, footer { max-width: none; padding: 0; }
  nav { display: none; }
  header { padding-top: 0; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 1.6rem; }
  h3 { break-after: avoid; page-break-after: avoid; }
  table.strategic-form, figure, .player, tr, pre { break-inside: avoid; page-break-inside: avoid; }
  .scroll { overflow: visible; }
  figure.plot svg { max-width: 150mm; }
  a { color: inherit; text-decoration: none; }
  thead th, .note, table.regimes tr.current td, table.regimes tr.point td {
    -webkit-print-color-adjust: exact; print-color-adjust: exact;
  }
}"""
