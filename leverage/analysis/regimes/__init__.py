"""Exact regimes of a model in one parameter: critical values and the equilibria between them.

:func:`regimes` (in :mod:`.engine`) finds every value of one parameter where the equilibrium
set of a two-player model changes, exactly, and the equilibria in closed form on each open
interval between them and at each of them; the results are the types of :mod:`.result`.
:mod:`.parametric` holds the parametric game and solves it exactly at one point, on top of
the exact algebra of :mod:`.algebra` (rational functions and the indifference systems of
support enumeration) and the real algebraic numbers of :mod:`.algebraic`.  The
mathematics and references are in the docstrings of those modules.
"""

from .engine import MAX_SYSTEMS, regimes
from .result import CriticalValue, Regime, RegimeAnalysis, RegimeEquilibrium, Span

__all__ = [
    "MAX_SYSTEMS",
    "CriticalValue",
    "Regime",
    "RegimeAnalysis",
    "RegimeEquilibrium",
    "Span",
    "regimes",
]
