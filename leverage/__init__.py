"""leverage — game-theoretic models of economic leverage between states.

Load a model file, build its game at chosen parameter values, and find every Nash
equilibrium exactly::

    >>> import leverage
    >>> model = leverage.load("models/rare_earth_controls.toml")   # doctest: +SKIP
    >>> model.game(interdependence_cost=4).equilibria()            # doctest: +SKIP
"""

from .analysis.dynamics import DynamicsResult, dynamics
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
from .teach.classify import Classification, classify
from .teach.exercise import ExerciseSet, exercises
from .teach.explain import Explanation, explain, explain_model
from .teach.report import report_html

__version__ = "0.1.0"

__all__ = [
    "Classification",
    "Component",
    "DynamicsResult",
    "Equilibrium",
    "EvaluationError",
    "ExerciseSet",
    "Explanation",
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
    "classify",
    "dynamics",
    "equilibria",
    "exercises",
    "explain",
    "explain_model",
    "load",
    "loads",
    "montecarlo",
    "regimes",
    "report_html",
    "statics",
    "sweep",
]
