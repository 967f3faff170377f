"""Reproducible exercise sets with answer keys, checked by the exact solver.

Each exercise is found by *generate and test* (:mod:`~leverage.teach.exercise.draw`): small
integer payoff matrices (0 to 9) are drawn from a seeded stream, and a candidate is kept only
when the project's exact solver (:meth:`leverage.Game.equilibria`, vertex enumeration in
rational arithmetic) and the tools above it say it meets the requirements of its kind.  Each
kind is a module whose docstring states its mathematics:

``pure`` (:mod:`~leverage.teach.exercise.pure`)
    Find every pure-strategy Nash equilibrium.  The game is nondegenerate, and the set
    mixes games with 0, 1 and 2 pure equilibria.
``dominance`` (:mod:`~leverage.teach.exercise.dominance`)
    The game is solved by iterated elimination of strictly dominated strategies in a stated
    number of rounds, each round removing every strictly dominated strategy of both players
    (by Gilboa, Kalai and Zemel (1990) any order leaves the same profile); the survivor is
    the unique Nash equilibrium.  For 2×3 and 3×3 sets of three or more, the last exercise
    needs a mixed strategy as a dominator and is flagged as harder.
``mixed`` (:mod:`~leverage.teach.exercise.mixed`)
    The game has a unique Nash equilibrium, completely mixed for 2×2 and 3×3 (von Stengel
    2007), every probability with a denominator of at most 6.
``classify`` (:mod:`~leverage.teach.exercise.named`)
    Name a 2×2 game: its Robinson–Goforth class (:func:`leverage.classification.classify`)
    is one of six symmetric classes with common names (:data:`COMMON_NAMES`), rows and
    columns shuffled.
``regimes`` (:mod:`~leverage.teach.exercise.regimes`)
    Payoffs ``base - w·c`` with a cost ``c ∈ [0, 10]`` weighted by how far the two players
    escalate; find the one to three exact thresholds of ``c`` where the set of equilibria
    changes (:func:`leverage.regimes`).

Every answer is checked again, at generation time and independently of the solver that
produced it (:mod:`~leverage.teach.exercise.verify`).  A failed check raises
:class:`RuntimeError`: the key is never printed wrong.  Sheets, keys and JSON are written by
:mod:`~leverage.teach.exercise.sheets`; the themes' labels and stories are in
:mod:`~leverage.teach.exercise.themes`.

Reproducibility
---------------
Exercise ``k`` of a set is drawn from ``random.Random("leverage-exercise:SEED:k")``, using
only its ``random()`` method, whose sequence for a given seed Python guarantees not to
change between versions; no other random source is used.  The same seed and options
therefore give byte-identical sheets and keys with the same version of ``leverage`` (and
of sympy, which writes the closed forms of the ``regimes`` keys) on any platform, and the
first ``K`` exercises of a longer set are those of the set of ``K`` (except a harder last
one).  Changes to the generator in a later version of ``leverage`` may change the sets;
the key names the version that wrote it.

References
----------
I. Gilboa, E. Kalai and E. Zemel, "On the order of eliminating dominated strategies",
Operations Research Letters 9 (1990) 85–89.
B. von Stengel, "Equilibrium computation for two-player games in strategic and
extensive form", in *Algorithmic Game Theory*, ch. 3, CUP 2007.
China Musings, "China's Rare Earth Gambit", 17 October 2025 (the themed stories).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...errors import ParameterError, TooLargeError, UnsupportedError
from .dominance import draft_dominance
from .draw import HIGH as HIGH
from .draw import LOW as LOW
from .draw import MAX_DENOMINATOR as MAX_DENOMINATOR
from .draw import Draft, Draw, DrawContext
from .mixed import draft_mixed
from .named import COMMON_NAMES, draft_classify
from .parametric import COST_RANGE as COST_RANGE
from .parametric import ParametricGame
from .pure import draft_pure
from .regimes import draft_regimes
from .sheets import FORMATS, Exercise, ExerciseSet
from .text import render_markdown
from .themes import STORIES, theme_labels
from .verify import brute_pure

__all__ = [
    "FORMATS",
    "KINDS",
    "MAX_COUNT",
    "SIZES",
    "THEMES",
    "Exercise",
    "ExerciseSet",
    "ParametricGame",
    "exercises",
]

KINDS = ("pure", "dominance", "mixed", "classify", "regimes")
SIZES = {"2x2": (2, 2), "2x3": (2, 3), "3x3": (3, 3)}
THEMES = ("neutral", "rare-earth")
#: Most exercises in one set.
MAX_COUNT = 100
#: Most candidate games drawn for one exercise before giving up.
MAX_DRAWS = 20_000
#: Most exact regime analyses run for one exercise (each takes ~0.1 s).
MAX_REGIME_ANALYSES = 300


def _targets(kind: str, size: str, seed: int, count: int) -> list[Any]:
    draw = Draw(f"leverage-exercise:{seed}:{kind}:{size}:targets")
    if kind == "pure":
        cycle = draw.shuffled([0, 1, 2])
    elif kind == "classify":
        cycle = draw.shuffled(COMMON_NAMES)
    elif kind == "dominance":
        cycle = {"2x2": [2, 1, 2], "2x3": [2, 3], "3x3": [2, 3, 4]}[size]
        cycle = draw.shuffled(cycle)
    else:
        cycle = [None]
    return [cycle[k % len(cycle)] for k in range(count)]


def exercises(
    kind: str,
    size: str = "2x2",
    *,
    seed: int,
    count: int = 5,
    theme: str | None = None,
) -> ExerciseSet:
    """A reproducible set of exercises with a verified answer key.

    Parameters
    ----------
    kind
        ``"pure"``, ``"dominance"``, ``"mixed"``, ``"classify"`` (2×2 only) or
        ``"regimes"`` (see the module docstring for what each asks).
    size
        ``"2x2"``, ``"2x3"`` or ``"3x3"``.
    seed
        A non-negative integer; the same seed and options give the same set.
    count
        Number of exercises, 1 to :data:`MAX_COUNT`.
    theme
        ``None`` or ``"neutral"`` (players Row and Column, strategies A/B/C and L/M/R)
        or ``"rare-earth"`` (China and the US, with a one-sentence story per exercise
        from the 2025 rare-earth export controls).

    Returns
    -------
    ExerciseSet

    Raises
    ------
    ParameterError
        For an unknown kind, size or theme, or a count or seed out of range.
    UnsupportedError
        For ``classify`` with a size other than 2×2.
    TooLargeError
        If no game meeting the requirements is found within :data:`MAX_DRAWS` draws
        (try another seed).

    Examples
    --------
    >>> s = exercises("pure", seed=1, count=3)
    >>> [len(item.answer["pure_equilibria"]) for item in s.items]
    [2, 0, 1]
    >>> s.sheet().splitlines()[0]
    '# Exercises: Pure-strategy Nash equilibria (2x2 games)'
    """
    if kind not in KINDS:
        raise ParameterError(f"unknown exercise kind {kind!r}; choose one of {', '.join(KINDS)}")
    if size not in SIZES:
        raise ParameterError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
    theme = theme or "neutral"
    if theme not in THEMES:
        raise ParameterError(f"unknown theme {theme!r}; choose one of {', '.join(THEMES)}")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNT:
        raise ParameterError(f"count must be an integer from 1 to {MAX_COUNT}, got {count!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ParameterError(f"seed must be a non-negative integer, got {seed!r}")
    if kind == "classify" and size != "2x2":
        raise UnsupportedError(f"classify exercises are 2x2 games only, not {size}")
    shape = SIZES[size]
    players, strategies = theme_labels(shape, theme)
    makers: dict[str, Callable[..., Draft | None]] = {
        "pure": draft_pure,
        "dominance": draft_dominance,
        "mixed": draft_mixed,
        "classify": draft_classify,
        "regimes": draft_regimes,
    }
    stories = Draw(f"leverage-exercise:{seed}:stories").shuffled(STORIES)
    targets = _targets(kind, size, seed, count)
    seen: set[tuple[Any, ...]] = set()
    items = []
    for index in range(count):
        draw = Draw(f"leverage-exercise:{seed}:{index}")
        ctx = DrawContext(
            shape, players, strategies, index, count, targets[index], theme, brute_pure
        )
        extra: tuple[Any, ...] = ([MAX_REGIME_ANALYSES],) if kind == "regimes" else ()
        draft = None
        for _ in range(MAX_DRAWS):
            draft = makers[kind](draw, ctx, *extra)
            if draft is not None:
                key = tuple(str(v) for arr in draft.game.payoffs for v in arr.flat)
                if draft.parametric is not None:
                    key += tuple(str(w) for row in draft.parametric.weights for w in row)
                if key not in seen:
                    seen.add(key)
                    break
                draft = None
        if draft is None:
            raise TooLargeError(
                f"no {size} {kind} exercise meeting the requirements was found within "
                f"{MAX_DRAWS:,} draws for exercise {index + 1} (seed {seed}); try another seed"
            )
        story = stories[index % len(stories)] if theme == "rare-earth" else ""
        items.append(
            Exercise(
                number=index + 1,
                kind=kind,
                game=draft.game,
                question=render_markdown(draft.question),
                answer=draft.data,
                story=story,
                harder=draft.harder,
                parametric=draft.parametric,
                question_blocks=tuple(draft.question),
                answer_blocks=tuple(draft.answer),
            )
        )
    return ExerciseSet(kind, size, seed, theme, tuple(items))
