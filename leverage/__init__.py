"""leverage — game-theoretic models of economic leverage between states.

Load a model file, build its game at chosen parameter values, and find every Nash
equilibrium exactly::

    >>> import leverage
    >>> model = leverage.load("models/rare_earth_controls.toml")   # doctest: +SKIP
    >>> model.game(interdependence_cost=4).equilibria()            # doctest: +SKIP
"""

from typing import TYPE_CHECKING, Any

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

#: The analyses and the teaching tools, imported when first used (``leverage.regimes``
#: …) so that ``import leverage`` and every command line call do not pay for all of
#: them: name -> the module that defines it.
_LAZY = {
    "DynamicsResult": "analysis.dynamics",
    "dynamics": "analysis.dynamics",
    "MonteCarloResult": "analysis.montecarlo",
    "montecarlo": "analysis.montecarlo",
    "RegimeAnalysis": "analysis.regimes",
    "regimes": "analysis.regimes",
    "StaticsAnalysis": "analysis.statics",
    "statics": "analysis.statics",
    "SweepResult": "analysis.sweep",
    "sweep": "analysis.sweep",
    "Classification": "teach.classify",
    "classify": "teach.classify",
    "ExerciseSet": "teach.exercise",
    "exercises": "teach.exercise",
    "Explanation": "teach.explain",
    "explain": "teach.explain",
    "explain_model": "teach.explain",
    "report_html": "teach.report",
}

if TYPE_CHECKING:  # pragma: no cover - what static checkers see
    from .analysis.dynamics import DynamicsResult, dynamics
    from .analysis.montecarlo import MonteCarloResult, montecarlo
    from .analysis.regimes import RegimeAnalysis, regimes
    from .analysis.statics import StaticsAnalysis, statics
    from .analysis.sweep import SweepResult, sweep
    from .teach.classify import Classification, classify
    from .teach.exercise import ExerciseSet, exercises
    from .teach.explain import Explanation, explain, explain_model
    from .teach.report import report_html


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
