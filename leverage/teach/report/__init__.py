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

The modules, one concern each:

- :mod:`.page` — :func:`report_html`, :func:`default_parameter` and the document skeleton;
- :mod:`.sections` — model, players, parameters, payoff table, explanation, references;
- :mod:`.equilibria` — the equilibria and the selection among them;
- :mod:`.regimes` — critical values, the regime table and the inline SVG plot;
- :mod:`.markup` — small HTML builders (escaping, links, numbers, formulas, tables);
- :mod:`.style` — the inline style sheet.

Mathematics
-----------
No new mathematics: equilibria by exact vertex enumeration (:meth:`leverage.Game.
equilibria`; von Stengel 2007), Pareto dominance among the equilibria and risk dominance
(Harsanyi & Selten 1988, §3.9) from :mod:`leverage.solve.selection`, regimes from
:func:`leverage.regimes`.

References
----------
- B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
  form", in Algorithmic Game Theory, ch. 3, CUP 2007.
- J. C. Harsanyi and R. Selten, *A General Theory of Equilibrium Selection in Games*,
  MIT Press 1988.
"""

from __future__ import annotations

from .page import DEFAULT_PARAMETER, default_parameter, report_html

__all__ = ["DEFAULT_PARAMETER", "default_parameter", "report_html"]
