"""Teaching tools: step-by-step explanations, classification of games, exercises, reports.

These modules sit above the solvers and the sensitivity analysis: they reuse the exact
equilibria, the iterated elimination and the regime machinery, and present the reasoning
the way a textbook would.
"""
