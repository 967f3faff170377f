"""The descriptive sections of the report: the model (description and intermediate
quantities), the players and their strategies, the parameters with their provenance and
uncertainty, the payoff table, the step-by-step explanation and the references.

Each function returns the HTML body of one ``<section>``; :mod:`.page` adds the heading.
Every text from the model file is escaped (:mod:`.markup`).

Mathematics
-----------
None here: the payoff table marks best responses and pure equilibria
(:func:`leverage.formats.strategic.strategic_html`); the explanation is
:func:`leverage.teach.explain.explain_model`.

References
----------
- M. J. Osborne, *An Introduction to Game Theory*, OUP 2004, ch. 2 (the strategic form
  and best responses shown in the payoff table).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from html import escape
from typing import TYPE_CHECKING, Any

from ...errors import TooLargeError, UnsupportedError
from ...expr.printing import formula_html
from ...formats.text import decimal
from .markup import linked, note, prose, table

if TYPE_CHECKING:  # pragma: no cover
    from ...games.model import Distribution, Model
    from ...games.strategic import Game
    from ...solve.result import Solution

__all__ = [
    "distribution_text",
    "explanation_section",
    "model_section",
    "parameters_section",
    "payoff_section",
    "players_section",
    "references_section",
]


def model_section(model: Model) -> str:
    """The model's description and its intermediate quantities (``[define]``).

    Parameters
    ----------
    model
        The model.

    Returns
    -------
    str
        HTML; a note when the file gives no description and no definitions.
    """
    parts = [prose(model.description)] if model.description.strip() else []
    if model.defines:
        from ...expr.printing import formula_text

        rows = [
            (f"<code>{escape(n)}</code>", formula_html(formula_text(e)))
            for n, e in model.defines.items()
        ]
        parts.append("<h3>Intermediate quantities</h3>")
        parts.append(table(["name", "definition"], rows, "defines", stack=False))
    return "\n".join(parts) or note("The model file gives no description.")


def players_section(model: Model) -> str:
    """Each player with its strategies, in file order, and their descriptions.

    Parameters
    ----------
    model
        The model.

    Returns
    -------
    str
        A ``<div class="players">`` with one ``<div class="player">`` per player.
    """
    parts = []
    for player, strategies in zip(model.players, model.strategies, strict=True):
        items = []
        for s in strategies:
            desc = model.strategy_descriptions.get((player, s), "")
            text = f"<strong>{escape(s)}</strong>"
            if desc:
                text += f" — {linked(desc)}"
            items.append(f"<li>{text}</li>")
        parts.append(
            f'<div class="player"><h3>{escape(player)}</h3><ul>{"".join(items)}</ul></div>'
        )
    return '<div class="players">' + "\n".join(parts) + "</div>"


def distribution_text(d: Distribution) -> str:
    """A parameter's distribution with its numbers as short decimals (plain text).

    Unlike :meth:`leverage.games.model.Distribution.describe`, which prints fractions, the
    numbers read as in the model file (:func:`leverage.formats.text.decimal`).

    Parameters
    ----------
    d
        The distribution.

    Returns
    -------
    str
        E.g. ``"uniform(0.5, 6)"`` or ``"normal(2, 1) truncated to [0, 10]"``.

    Examples
    --------
    >>> from leverage.games.model import Distribution
    >>> distribution_text(Distribution("uniform", (Fraction(1, 2), Fraction(6))))
    'uniform(0.5, 6)'
    """
    text = f"{d.kind}({', '.join(decimal(a) for a in d.args)})"
    if d.truncate:
        text += f" truncated to [{decimal(d.truncate[0])}, {decimal(d.truncate[1])}]"
    if d.scale:
        text += f" on [{decimal(d.scale[0])}, {decimal(d.scale[1])}]"
    return text


def parameters_section(
    model: Model, vals: Mapping[str, Fraction], overrides: Mapping[str, Any]
) -> str:
    """The table of parameters: value (and default when set), range, source, uncertainty.

    Parameters
    ----------
    model
        The model.
    vals
        Every parameter's value in the report (defaults with ``overrides`` applied).
    overrides
        The values set by the caller, marked as such.

    Returns
    -------
    str
        HTML; a note when the model has no parameters.
    """
    if not model.parameters:
        return note("The model has no parameters: it is a single game.")
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
            label += f'<br><span class="desc">{linked(p.description)}</span>'
        if p.unit:
            value += f'<br><span class="unit">{escape(p.unit)}</span>'
        uncertainty = escape(distribution_text(p.distribution)) if p.distribution else "—"
        rows.append(
            (
                label,
                value,
                escape(f"[{decimal(p.bounds[0])}, {decimal(p.bounds[1])}]") if p.bounds else "—",
                linked(p.source) if p.source else "—",
                uncertainty.replace(", ", ",<wbr> "),
            )
        )
    return table(["parameter", "value", "range", "source", "uncertainty"], rows, "parameters")


def payoff_section(game: Game, solution: Solution | None) -> str:
    """The payoff table with best responses in bold and the pure equilibria highlighted.

    Parameters
    ----------
    game
        The game at the report's parameter values.
    solution
        Its equilibria (``None`` when none were computed: nothing is highlighted).

    Returns
    -------
    str
        A sentence and the table of :func:`leverage.formats.strategic.strategic_html`.
    """
    from ...formats.strategic import strategic_html

    eqs = solution.equilibria if solution is not None else ()
    pure = [e.profile for e in eqs if e.profile is not None]
    html = strategic_html(game, marks=True, equilibria=pure)
    where = "at the parameter values above" if game.parameters else "of the game"
    return (
        f"<p>The payoffs {where}, with each player's best responses in bold.</p>\n"
        f'<div class="scroll">{html}</div>'
    )


def explanation_section(model: Model, overrides: Mapping[str, Any]) -> str:
    """The step-by-step explanation (:meth:`leverage.teach.explain.Explanation.to_html`).

    Parameters
    ----------
    model
        The model.
    overrides
        The parameter values set by the caller.

    Returns
    -------
    str
        A ``<div class="explanation">``; a note when the game cannot be explained.
    """
    from ..explain import explain_model

    try:
        explanation = explain_model(model, dict(overrides) or None)
    except (UnsupportedError, TooLargeError) as err:
        return note(f"No step-by-step explanation: {escape(str(err))}.")
    return f'<div class="explanation">{explanation.to_html()}</div>'


def references_section(references: Sequence[str]) -> str:
    """The model's references as a numbered list, their web addresses linked.

    Parameters
    ----------
    references
        The references, as in the model file.

    Returns
    -------
    str
        An ``<ol>``.
    """
    return "<ol>" + "".join(f"<li>{linked(r)}</li>" for r in references) + "</ol>"
