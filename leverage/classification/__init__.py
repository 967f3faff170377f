"""Classification of games: the Robinson–Goforth class of a 2×2 game, its name, the
Snyder–Diesing crisis types of its players, and structural properties of any finite game.

Mathematics
-----------
Each concern is a module of its own, whose docstring states its mathematics:

- :mod:`~leverage.classification.ordinal`: the 144 classes of strict ordinal 2×2 games
  (576 strict games up to relabelling rows and columns), their standard orientation, the 12
  symmetric games that name the patterns, Bruns's codes and names, ordinal ranks and the
  refinements of tied rankings;
- :mod:`~leverage.classification.snyder_diesing`: each side's crisis type (own move first,
  the first strategy read as C) and the named pairings;
- :mod:`~leverage.classification.properties`: constant-sum, symmetry up to a matching of
  strategies, exact potential (Monderer & Shapley 1996), dominance solvability, pure equilibria;
- :mod:`~leverage.classification.classification`: :func:`classify`, which puts these
  together, tied 2×2 games reported with the classes they border;
- :mod:`~leverage.classification.class_regimes`: :func:`classify_range`, the class on every interval
  of one parameter, with exact (rational or algebraic) thresholds.

Every name is importable from this package, e.g. ``from leverage.classification import
classify, classify_range, all_classes``.

References
----------
- D. Robinson, D. Goforth, *The Topology of the 2×2 Games: A New Periodic Table*, Routledge 2005.
- B. R. Bruns, "Names for Games: Locating 2 × 2 Games", *Games* 6(4) (2015) 495–520.
- G. H. Snyder, P. Diesing, *Conflict Among Nations*, Princeton University Press 1977, ch. 2.
- A. Rapoport, M. Guyer, "A taxonomy of 2 × 2 games", *General Systems* 11 (1966) 203–214.
- D. Monderer, L. S. Shapley, "Potential games", *Games and Economic Behavior* 14 (1996) 124–143.
"""

from __future__ import annotations

from .class_regimes import ClassRegime, ClassRegimes, ClassThreshold, classify_range
from .classification import Classification, classify
from .ordinal import SYMMETRIC_GAMES, GameClass, SymmetricGame, all_classes, class_of
from .ordinal import Ranks as Ranks
from .properties import MAX_SYMMETRY_SEARCH as MAX_SYMMETRY_SEARCH
from .properties import Properties, game_properties
from .snyder_diesing import SNYDER_DIESING_GAMES, SNYDER_DIESING_TYPES, SnyderDiesing

__all__ = [
    "SNYDER_DIESING_GAMES",
    "SNYDER_DIESING_TYPES",
    "SYMMETRIC_GAMES",
    "ClassRegime",
    "ClassRegimes",
    "ClassThreshold",
    "Classification",
    "GameClass",
    "Properties",
    "SnyderDiesing",
    "SymmetricGame",
    "all_classes",
    "class_of",
    "classify",
    "classify_range",
    "game_properties",
]
