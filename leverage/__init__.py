"""leverage — game-theoretic models of economic leverage between states.

Load a model file, build its game at chosen parameter values, and find every Nash
equilibrium exactly::

    >>> import leverage
    >>> model = leverage.load("models/rare_earth_controls.toml")   # doctest: +SKIP
    >>> model.game(interdependence_cost=4).equilibria()            # doctest: +SKIP
"""

from .analysis.montecarlo import MonteCarloResult, montecarlo
from .analysis.regimes import RegimeAnalysis, regimes
from .analysis.statics import StaticsAnalysis, statics
from .analysis.sweep import SweepResult, sweep
from .errors import (
    EvaluationError,
    ExpressionError,
    LeverageError,
    ModelError,
    NotRationalError,
    ParameterError,
    TooLargeError,
    UnsupportedError,
)
from .game import Game
from .model import Model, Parameter
from .solve import equilibria
from .solve.result import Component, Equilibrium, Solution
from .spec import check, load, loads

__version__ = "0.1.0"

__all__ = [
    "Component",
    "Equilibrium",
    "EvaluationError",
    "ExpressionError",
    "Game",
    "LeverageError",
    "Model",
    "ModelError",
    "MonteCarloResult",
    "NotRationalError",
    "Parameter",
    "ParameterError",
    "RegimeAnalysis",
    "Solution",
    "StaticsAnalysis",
    "SweepResult",
    "TooLargeError",
    "UnsupportedError",
    "__version__",
    "check",
    "equilibria",
    "load",
    "loads",
    "montecarlo",
    "regimes",
    "statics",
    "sweep",
]
