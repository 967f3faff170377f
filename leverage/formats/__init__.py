"""Rendering only: payoff tables, equilibria, analyses and documents as text, Markdown,
LaTeX, HTML, JSON and CSV (``plot/`` draws figures with matplotlib, imported lazily).

Nothing here computes game theory; every module renders a result computed below it.
"""
