"""The report page's style sheet, inline in the page (no file to fetch, no package data).

One sheet serves the screen, a phone and print: serif body text with sans-serif headings
and tables, monospace numbers and formulas; the payoff table marks best responses and
pure equilibria (classes ``br`` and ``ne`` of
:func:`leverage.formats.strategic.strategic_html`); below ``36rem`` the tables of class
``stack`` stack their rows and show each cell's ``data-label`` above it; in print the
navigation is hidden and tables, figures and derivations are kept on one page.

Mathematics
-----------
None.

References
----------
- W3C, *CSS Paged Media Module Level 3* (``@page``, ``break-inside``).
- W3C, *CSS Color Adjustment Module Level 1* (``print-color-adjust``).
"""

__all__ = ["CSS"]

CSS = """\
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
