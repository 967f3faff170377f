"""Monte Carlo over uncertain parameters.

Every parameter with a ``distribution`` in the model file is drawn independently; the
others stay at their values (or the user's overrides).  Each draw is solved, and the
frequency of each equilibrium *structure* (see :mod:`leverage.solve.structure`) is
reported with a 95% Wilson score interval (Wilson 1927; Brown, Cai & DasGupta 2001,
who recommend it over the normal approximation for proportions).

Draws come from numpy's ``Generator(PCG64(seed))``: the same seed and the same numpy
version give the same numbers on every machine.  Distributions:

* ``uniform [a, b]``, ``triangular [low, mode, high]`` — by inverse transform;
* ``normal [mean, sd]`` and ``lognormal [mu, sigma]`` — truncated to their bounds (at
  least the parameter's range) by redrawing the values that fall outside;
* ``beta [alpha, beta]`` on ``[0, 1]`` or on its ``scale``.

Two-player draws are solved by the pipeline of :mod:`leverage.analysis.pipeline` (the
one grid sweeps use: payoffs compiled once, certified float kernels in batches, exact
re-solving where the floats cannot decide); others one by one.  ``jobs > 1`` spreads
the chunks of draws over worker processes (:mod:`leverage.parallel`): the draws are made
first, in this process, and the chunks merged in order, so the result is the same.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ParameterError
from ..parallel import executor
from ..records import Record
from ..solve.structure import Structure, describe
from .pipeline import DrawnPoints, check_result_size, chunk_bounds, solve_points

if TYPE_CHECKING:  # pragma: no cover
    from ..games.model import Distribution, Model

#: Two-sided 95% normal quantile.
Z95 = 1.959963984540054
#: Redraw rounds for truncated distributions before giving up.
MAX_REDRAWS = 1000


def wilson_interval(count: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a binomial proportion ``count / n``.

    Examples
    --------
    >>> lo, hi = wilson_interval(50, 100)
    >>> round(lo, 4), round(hi, 4)
    (0.4038, 0.5962)
    """
    if n <= 0:
        return 0.0, 1.0
    p = count / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = 0.0 if count == 0 else max(0.0, centre - half)
    hi = 1.0 if count == n else min(1.0, centre + half)
    return lo, hi


def draw(dist: Distribution, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` draws from a model-file distribution.

    Parameters
    ----------
    dist
        The distribution (with its truncation bounds).
    n
        Number of draws.
    rng
        The random generator (consumed).
    """
    args = [float(a) for a in dist.args]
    if dist.kind == "uniform":
        return args[0] + (args[1] - args[0]) * rng.random(n)
    if dist.kind == "triangular":
        low, mode, high = args
        u = rng.random(n)
        cut = (mode - low) / (high - low)
        left = low + np.sqrt(u * (high - low) * (mode - low))
        right = high - np.sqrt((1 - u) * (high - low) * (high - mode))
        return np.where(u < cut, left, right)
    if dist.kind == "beta":
        out = rng.beta(args[0], args[1], n)
        if dist.scale:
            lo, hi = float(dist.scale[0]), float(dist.scale[1])
            out = lo + (hi - lo) * out
        return out

    def sample(k: int) -> np.ndarray:
        if dist.kind == "normal":
            return rng.normal(args[0], args[1], k)
        return rng.lognormal(args[0], args[1], k)

    lo, hi = (
        (float(dist.truncate[0]), float(dist.truncate[1])) if dist.truncate else (-np.inf, np.inf)
    )
    out = sample(n)
    bad = (out < lo) | (out > hi)
    rounds = 0
    while bad.any():
        rounds += 1
        if rounds > MAX_REDRAWS:
            raise ParameterError(
                f"{dist.describe()}: almost no mass inside its bounds; widen the truncation"
            )
        out[bad] = sample(int(bad.sum()))
        bad = (out < lo) | (out > hi)
    return out


def draw_parameters(model: Model, n: int, seed: int) -> dict[str, np.ndarray]:
    """Draws of every parameter that has a distribution, in file order."""
    rng = np.random.Generator(np.random.PCG64(seed))
    out = {}
    for name, p in model.parameters.items():
        if p.distribution is not None:
            out[name] = draw(p.distribution, n, rng)
    return out


@dataclass(frozen=True)
class Outcome:
    """How often one equilibrium structure occurred."""

    structure: Structure
    label: str
    count: int
    share: float
    ci95: tuple[float, float]


@dataclass(frozen=True)
class MonteCarloResult(Record):
    """The result of :func:`montecarlo`.

    Attributes
    ----------
    samples, seed
        Number of draws and the seed.
    varied
        Names of the parameters drawn.
    outcomes
        Each structure seen, most frequent first.
    events
        For each requested profile, the share of draws in which it is played with
        positive probability in some equilibrium, with its interval.
    held
        Parameters that have a distribution but were held at a value (``values``), not
        drawn.
    """

    samples: int
    seed: int
    varied: tuple[str, ...]
    outcomes: tuple[Outcome, ...]
    events: dict[str, tuple[int, float, tuple[float, float]]]
    held: dict[str, Fraction] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form documented in docs/json.md."""
        return {
            "samples": self.samples,
            "seed": self.seed,
            "varied": list(self.varied),
            "outcomes": [
                {"equilibria": o.label, "count": o.count, "share": o.share, "ci95": list(o.ci95)}
                for o in self.outcomes
            ],
            "events": {
                k: {"count": c, "share": s, "ci95": list(ci)}
                for k, (c, s, ci) in self.events.items()
            },
            **({"held": {k: float(v) for k, v in self.held.items()}} if self.held else {}),
        }

    def plot(self, *, title: str | None = None) -> Any:
        """A matplotlib figure: the share of each outcome with its 95% interval."""
        from ..formats.plot.panels import plot_shares

        labels = [o.label for o in self.outcomes]
        shares = [o.share for o in self.outcomes]
        intervals = [o.ci95 for o in self.outcomes]
        subtitle = f"{self.samples:,} draws, seed {self.seed}"
        return plot_shares(labels, shares, intervals, title=title, subtitle=subtitle)

    def columns(self) -> list[str]:
        """Column names of :meth:`to_rows`."""
        return ["equilibria", "count", "share", "ci95_low", "ci95_high"]

    def __repr__(self) -> str:
        top = f", most often {self.outcomes[0].label!r}" if self.outcomes else ""
        return (
            f"<MonteCarloResult: {self.samples:,} draws of {', '.join(self.varied) or 'nothing'}"
            f" (seed {self.seed}), {len(self.outcomes)} outcomes{top}>"
        )

    def to_rows(self) -> list[dict[str, Any]]:
        """One row per outcome."""
        return [
            {
                "equilibria": o.label,
                "count": o.count,
                "share": o.share,
                "ci95_low": o.ci95[0],
                "ci95_high": o.ci95[1],
            }
            for o in self.outcomes
        ]


StructureSolver = Callable[
    ["Model", Mapping[str, np.ndarray], Mapping[str, Any]], Sequence[Structure | None]
]

#: Draws per work item when draws are solved one by one (models of three or more players).
EACH_CHUNK = 64


def solve_each_chunk(
    shared: tuple[Model, DrawnPoints, Mapping[str, Any]], bounds: tuple[int, int]
) -> list[Structure | None]:
    """The structures of draws ``bounds[0] … bounds[1] - 1``, each solved by
    :meth:`leverage.Game.equilibria` in floats (the work item of :func:`solve_each`)."""
    from ..solve.structure import structure

    model, points, values = shared
    arrays = points.arrays(*bounds)
    out: list[Structure | None] = []
    for i in range(bounds[1] - bounds[0]):
        point = dict(values)
        point.update({k: float(v[i]) for k, v in arrays.items()})
        out.append(structure(model.game(point, exact=False).equilibria()))
    return out


def solve_each(
    model: Model,
    draws: Mapping[str, np.ndarray],
    values: Mapping[str, Any],
    *,
    jobs: int = 1,
) -> list[Structure | None]:
    """Structures of all draws, each game solved on its own (any number of players).

    Parameters
    ----------
    model
        The model.
    draws
        Each drawn parameter mapped to its values at every draw.
    values
        The other parameters' values.
    jobs
        Worker processes (:mod:`leverage.parallel`); the result does not depend on it.
    """
    points = DrawnPoints(draws)
    bounds = chunk_bounds(len(points), EACH_CHUNK)
    out: list[Structure | None] = []
    parts = executor(jobs).map(solve_each_chunk, (model, points, dict(values)), bounds)
    with contextlib.closing(parts):  # an exception here stops the workers at once
        for part in parts:
            out.extend(part)
    return out


def solve_batched(
    model: Model,
    draws: Mapping[str, np.ndarray],
    values: Mapping[str, Any],
    progress: Callable[[int, int], None] | None = None,
    *,
    jobs: int = 1,
    chunk_size: int | None = None,
) -> list[Structure | None]:
    """Structures of all draws, solved in vectorised batches (two-player models).

    The pipeline of :mod:`leverage.analysis.pipeline`: payoffs compiled once
    (:mod:`leverage.expr.vectorised`), the draws solved chunk by chunk by the certified
    float kernels (:mod:`leverage.solve.batch.kernels`), and draws whose floating-point
    answer is ambiguous re-solved exactly from the model.  A draw where a payoff is
    undefined gives ``None``.

    Parameters
    ----------
    model
        A two-player model.
    draws
        Each drawn parameter mapped to its values at every draw.
    values
        The other parameters' values.
    progress
        Called as ``progress(done, total)`` after each chunk.
    jobs
        Worker processes (:mod:`leverage.parallel`); the result does not depend on it.
    chunk_size
        Draws per chunk (default
        :func:`~leverage.solve.batch.kernels.default_chunk_size`); nor on this.
    """
    points = DrawnPoints(draws)
    result = solve_points(
        model,
        points,
        values,
        chunk_size=chunk_size,
        jobs=jobs,
        progress=progress,
        store_equilibria=False,
    )
    return [result.structure_at(i) for i in range(len(points))]


def montecarlo(
    model: Model,
    n: int = 10_000,
    seed: int = 0,
    *,
    values: Mapping[str, Any] | None = None,
    events: Sequence[str] = (),
    solver: StructureSolver | None = None,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
    chunk_size: int | None = None,
) -> MonteCarloResult:
    """Frequencies of equilibrium structures under parameter uncertainty.

    Parameters
    ----------
    model
        A model whose uncertain parameters carry a ``distribution``.
    n
        Number of draws.
    seed
        Seed of the random generator (reproducible).
    values
        Parameters held at a value (checked against their ranges): a parameter with a
        distribution is then held, not drawn.  Every other parameter's draws are the ones
        it gets without the hold (the random stream is the same).
    events
        Profiles such as ``"Overreach, Escalate"`` (one strategy label per player).
    solver
        How to solve the draws (default: vectorised batches for two players, with exact
        re-solving of ambiguous draws; one by one otherwise).
    progress
        Called as ``progress(done, total)`` while batched draws are solved.
    jobs
        Worker processes for solving the draws (:mod:`leverage.parallel`; at most one
        per CPU); the draws and the result do not depend on it.  Not used with a
        custom ``solver``.
    chunk_size
        Two-player draws solved per chunk (bounds memory; default
        :func:`~leverage.solve.batch.kernels.default_chunk_size`); the result does not
        depend on it.

    Raises
    ------
    ParameterError
        No parameter has a distribution (or every one is held), ``n`` is not positive,
        ``seed`` is negative,
        ``jobs`` is below 1, a held value is out of range, or an event names an unknown
        strategy.
    TooLargeError
        ``n`` draws estimated above
        :data:`~leverage.analysis.pipeline.MAX_RESULT_BYTES` (2 GB), refused before
        drawing (:func:`~leverage.analysis.pipeline.check_result_size`).
    """
    if n <= 0:
        raise ParameterError("the number of samples must be positive")
    if seed < 0:
        raise ParameterError(f"the seed must be a non-negative integer, got {seed}")
    if jobs < 1:
        raise ParameterError("jobs must be at least 1")
    fixed = dict(values or {})
    checked = model.values(fixed)  # names and ranges of the held parameters
    uncertain = sum(1 for p in model.parameters.values() if p.distribution is not None)
    check_result_size(  # the draws (8 bytes each) and a structure per draw, before drawing
        n,
        model.shape,
        store=False,
        per_point=8 * uncertain + 8,
        what="a Monte Carlo run",
        noun="draws",
        remedy="use fewer draws",
    )
    drawn = draw_parameters(model, n, seed)
    if not drawn:
        raise ParameterError(
            "no parameter of this model has a distribution; add e.g. "
            "distribution = { uniform = [low, high] } to a parameter"
        )
    draws = {k: v for k, v in drawn.items() if k not in fixed}
    if not draws:
        raise ParameterError(
            "every parameter with a distribution is held at a value: nothing to draw"
        )
    held = {k: checked[k] for k in drawn if k in fixed}
    profiles = [_parse_event(model, e) for e in events]
    structures: Sequence[Structure | None]
    if solver is not None:
        structures = solver(model, draws, fixed)
    elif len(model.players) == 2:
        structures = solve_batched(model, draws, fixed, progress, jobs=jobs, chunk_size=chunk_size)
    else:
        structures = solve_each(model, draws, fixed, jobs=jobs)
    counts: dict[Structure, int] = {}
    undefined = 0
    for s in structures:
        if s is None:
            undefined += 1
        else:
            counts[s] = counts.get(s, 0) + 1
    outcomes = tuple(
        Outcome(s, describe(s, model.players, model.strategies), c, c / n, wilson_interval(c, n))
        for s, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    if undefined:
        outcomes += (
            Outcome(
                (),
                "undefined (a payoff cannot be evaluated)",
                undefined,
                undefined / n,
                wilson_interval(undefined, n),
            ),
        )
    event_results = {}
    for text, prof in zip(events, profiles, strict=True):
        hit = sum(
            c
            for s, c in counts.items()
            if any(all(prof[i] in eq[i] for i in range(len(prof))) for eq in s)
        )
        event_results[text] = (hit, hit / n, wilson_interval(hit, n))
    return MonteCarloResult(n, seed, tuple(draws), outcomes, event_results, held)


def _parse_event(model: Model, text: str) -> tuple[int, ...]:
    labels = [t.strip() for t in text.split(",")]
    if len(labels) != len(model.players):
        raise ParameterError(
            f"event {text!r} must name one strategy per player ({', '.join(model.players)})"
        )
    out = []
    for i, label in enumerate(labels):
        if label not in model.strategies[i]:
            raise ParameterError(
                f"event {text!r}: {label!r} is not a strategy of {model.players[i]} "
                f"({', '.join(model.strategies[i])})"
            )
        out.append(model.strategies[i].index(label))
    return tuple(out)
