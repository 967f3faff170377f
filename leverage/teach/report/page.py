"""The report page: :func:`report_html` solves the game, builds the sections in order and
wraps them in one HTML5 document — head with the Content-Security-Policy and the inline
style sheet, header, table of contents, sections, footer.

The page is a deterministic function of the arguments: the generation date is one of
them (``None`` leaves it out) and nothing else varies between runs.

Mathematics
-----------
None here; see :mod:`.equilibria` and :mod:`.regimes`.

References
----------
- W3C, *Content Security Policy Level 3*: ``default-src 'none'`` forbids every fetch;
  the inline style sheet and ``data:`` images stay allowed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from ...errors import ParameterError
from .equilibria import equilibria_section, solve
from .regimes import regime_section
from .sections import (
    explanation_section,
    model_section,
    parameters_section,
    payoff_section,
    players_section,
    references_section,
)
from .style import CSS

if TYPE_CHECKING:  # pragma: no cover
    from ...games.model import Model

__all__ = ["DEFAULT_PARAMETER", "default_parameter", "report_html"]

#: The parameter analysed by default when the model has it.
DEFAULT_PARAMETER = "interdependence_cost"


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
        if p.bounds and p.bounds[0] < p.bounds[1]:
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
    solution, solve_note = solve(game)

    sections = [
        ("model", "The model", model_section(model)),
        ("players", "Players and strategies", players_section(model)),
        ("parameters", "Parameters", parameters_section(model, vals, overrides)),
        ("payoffs", "Payoff table", payoff_section(game, solution)),
        ("equilibria", "Equilibria", equilibria_section(game, solution, solve_note)),
        ("explanation", "Step by step", explanation_section(model, overrides)),
    ]
    if name is not None:
        body = regime_section(model, name, bounds, overrides, vals)
        sections.append(("regimes", f"Regimes of {name}", body))
    if model.references:
        sections.append(("references", "References", references_section(model.references)))
    return _page(model, sections, generated)


def _file_name(model: Model) -> str | None:
    """The model file's name without its folder (``None`` for a model built in memory)."""
    return os.path.basename(model.path) if model.path else None


def _page(model: Model, sections: Sequence[tuple[str, str, str]], generated: str | None) -> str:
    """The HTML document around ``sections`` (each ``(id, heading, body HTML)``)."""
    from ...version import __version__

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
{CSS}
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
