"""leverage — game-theoretic models of economic leverage between states.

Load a model file, build its game at chosen parameter values, and find every Nash
equilibrium exactly::

    >>> import leverage
    >>> model = leverage.load("models/rare_earth_controls.toml")   # doctest: +SKIP
    >>> model.game(interdependence_cost=4).equilibria()            # doctest: +SKIP
"""

import typing

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
from .games.model import Model, Parameter
from .games.strategic import Game
from .io.model_file import check, load, loads
from .solve import equilibria
from .solve.result import Component, Equilibrium, Solution
from .version import __version__

#: The analyses and the teaching tools, imported when first used (``leverage.regimes``
#: …) so that ``import leverage`` and every command line call do not pay for all of
#: them: name -> the module that defines it.
_LAZY = {
    "DynamicsResult": "learning.run",
    "dynamics": "learning.run",
    "MonteCarloResult": "analysis.montecarlo",
    "montecarlo": "analysis.montecarlo",
    "RegimeAnalysis": "analysis.regimes.result",
    "regimes": "analysis.regimes.engine",
    "StaticsAnalysis": "analysis.statics",
    "statics": "analysis.statics",
    "SweepResult": "analysis.sweep",
    "sweep": "analysis.sweep",
    "grid_values": "analysis.grid",
    "Classification": "classification",
    "classify": "classification",
    "ExerciseSet": "teach.exercise",
    "exercises": "teach.exercise",
    "Explanation": "teach.explain",
    "explain": "teach.explain",
    "explain_model": "teach.explain",
    "report_html": "teach.report",
}

if typing.TYPE_CHECKING:  # pragma: no cover - what static checkers see
    from .analysis.grid import grid_values
    from .analysis.montecarlo import MonteCarloResult, montecarlo
    from .analysis.regimes import RegimeAnalysis, regimes
    from .analysis.statics import StaticsAnalysis, statics
    from .analysis.sweep import SweepResult, sweep
    from .classification import Classification, classify
    from .learning.run import DynamicsResult, dynamics
    from .teach.exercise import ExerciseSet, exercises
    from .teach.explain import Explanation, explain, explain_model
    from .teach.report import report_html


def __getattr__(name: str) -> typing.Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    # the documented public names only: not the subpackages (leverage.solve, …), which
    # are imported as a side effect, nor the typing helpers of this module
    return sorted(__all__)


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
    "grid_values",
    "load",
    "loads",
    "montecarlo",
    "regimes",
    "report_html",
    "statics",
    "sweep",
]
