"""Renderings of sensitivity analyses: regimes, comparative statics, sweeps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..expr.escape import latex_escape, markdown_escape
from ..expr.printing import formula_dotted
from .text import WIDTH, wrap

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis.regimes.engine import RegimeAnalysis, RegimeEquilibrium
    from ..analysis.statics import StaticsAnalysis


def _eq_lines(eq: RegimeEquilibrium, players: Any, strategies: Any) -> list[str]:
    parts = []
    for i, player in enumerate(players):
        used = [
            (label, p)
            for label, p, s in zip(
                strategies[i], eq.strategies[i], range(len(strategies[i])), strict=True
            )
            if s in eq.support[i]
        ]
        if len(used) == 1:
            parts.append(f"{player} {used[0][0]}")
        else:
            parts.append(f"{player} " + ", ".join(f"{lab} {formula_dotted(p)}" for lab, p in used))
    pays = ", ".join(f"{p} {formula_dotted(v)}" for p, v in zip(players, eq.payoffs, strict=True))
    return ["; ".join(parts), "payoffs: " + pays]


def regimes_table(analysis: RegimeAnalysis, *, width: int = WIDTH) -> str:
    """Regimes as readable text: critical values, then each regime's equilibria."""
    lo, hi = analysis.bounds
    lines = [f"Regimes of {analysis.parameter} on [{lo}, {hi}]"]
    if analysis.values:
        fixed = ", ".join(
            f"{k} = {v}" for k, v in analysis.values.items() if k != analysis.parameter
        )
        lines.extend(wrap("Other parameters: " + fixed, width, subsequent="  "))
    if analysis.critical_values:
        crit = ", ".join(
            c.exact if c.exact == f"{c.value:g}" else f"{formula_dotted(c.exact)} (≈ {c.value:.6g})"
            for c in analysis.critical_values
        )
        lines.extend(wrap("Critical values: " + crit, width, subsequent="  "))
        for c in analysis.critical_values:
            if c.formula:
                exact, formula = formula_dotted(c.exact), formula_dotted(c.formula)
                lines.append(f"  {exact}: {analysis.parameter} = {formula}")
    else:
        lines.append("No critical value: the equilibria keep their structure on the whole range.")
    for reg in analysis.regimes:
        lines.append("")
        head = reg.label + ("  (degenerate)" if reg.degenerate else "")
        if reg.undefined:
            head += "  (the game is undefined here)"
        lines.append(head)
        for d in reg.dominance:
            lines.extend(wrap(d, width, indent="   ", subsequent="     "))
        for k, eq in enumerate(reg.equilibria, start=1):
            first, second = _eq_lines(eq, analysis.players, analysis.strategies)
            lines.extend(
                wrap(
                    f"{k}. {eq.kind}: {first}",
                    width,
                    indent="   ",
                    subsequent="      ",
                )
            )
            lines.extend(wrap(second, width, indent="      ", subsequent="        "))
    for note in analysis.notes:
        lines.append("")
        lines.extend(wrap("Note: " + note, width, subsequent="  "))
    return "\n".join(lines)


def statics_table(result: StaticsAnalysis, *, width: int = WIDTH) -> str:
    """Comparative statics as readable text: the sentences, then every derivative that is
    not trivially constant (probabilities of pure strategies are 0 or 1)."""
    lo, hi = result.bounds
    lines = [f"Comparative statics in {result.parameter} on [{lo}, {hi}]"]
    for sentence in result.sentences():
        lines.extend(wrap(sentence, width, indent="- ", subsequent="  "))
    lines.append("")
    lines.append("Derivatives:")
    for row in result.to_rows():
        if row["strategy"] and row["formula_exact"] in ("0", "1"):
            continue
        what = f"{row['player']} {row['strategy'] or 'payoff'}"
        lines.extend(
            wrap(
                f"({row['from_exact']}, {row['to_exact']}) {row['equilibrium']}: d[{what}] = "
                f"{formula_dotted(row['derivative_exact'])}  ({row['sign']})",
                width,
                indent="  ",
                subsequent="      ",
            )
        )
    return "\n".join(lines)


def regimes_markdown(analysis: RegimeAnalysis) -> str:
    """Regimes as a Markdown table, one row per equilibrium."""
    lines = [
        f"**Regimes of `{analysis.parameter}` on [{analysis.bounds[0]}, {analysis.bounds[1]}]**",
        "",
        "| regime | structure | equilibrium | payoffs |",
        "|---|---|---|---|",
    ]
    for reg in analysis.regimes:
        if not reg.equilibria:
            structure = markdown_escape(reg.description, pipes_only=True)
            lines.append(f"| {reg.label} | {structure} | | |")
        for eq in reg.equilibria:
            first, second = _eq_lines(eq, analysis.players, analysis.strategies)
            cells = [reg.label, reg.description, first, second.removeprefix("payoffs: ")]
            lines.append(
                "| " + " | ".join(markdown_escape(c, pipes_only=True) for c in cells) + " |"
            )
    return "\n".join(lines)


def regimes_latex(analysis: RegimeAnalysis) -> str:
    """Regimes as a LaTeX ``tabular`` (formulas in monospace)."""
    out = [
        "\\begin{tabular}{lll}",
        f"{latex_escape(analysis.parameter)} & equilibrium & payoffs \\\\ \\hline",
    ]
    for reg in analysis.regimes:
        for eq in reg.equilibria or ():
            first, second = _eq_lines(eq, analysis.players, analysis.strategies)
            out.append(
                f"{latex_escape(reg.label)} & \\texttt{{{latex_escape(first)}}} & "
                f"\\texttt{{{latex_escape(second.removeprefix('payoffs: '))}}} \\\\"
            )
    out.append("\\end{tabular}")
    return "\n".join(out)
