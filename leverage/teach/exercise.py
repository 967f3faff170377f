"""Reproducible exercise sets with answer keys, checked by the exact solver.

Each exercise is found by *generate and test*: small integer payoff matrices (0 to 9) are
drawn from a seeded stream, and a candidate is kept only when the project's exact solver
(:meth:`leverage.game.Game.equilibria`, vertex enumeration in rational arithmetic) and
the tools above it say it meets the requirements of its kind:

``pure``
    Find every pure-strategy Nash equilibrium.  The game is nondegenerate, and the set
    mixes games with 0, 1 and 2 pure equilibria.
``dominance``
    The game is solved by iterated elimination of strictly dominated strategies
    (:meth:`~leverage.game.Game.iterated_elimination`) in a stated number of rounds, each
    round removing every strictly dominated strategy of both players (the canonical
    order: by Gilboa, Kalai and Zemel (1990) any order leaves the same profile): 1 or 2
    rounds for 2×2, 2 or 3 for 2×3, 2 to 4 for 3×3, every dominator a pure strategy.  The
    survivor is then the unique Nash equilibrium.  For 2×3 and 3×3 sets of three or more,
    the last exercise needs a mixed strategy as a dominator and is flagged as harder; the
    key shows the two-strategy mix with the smallest denominator that dominates.
``mixed``
    The game has a unique Nash equilibrium, completely mixed for 2×2 and 3×3 (a
    nondegenerate 2×3 game cannot have one: in a nondegenerate game both supports of an
    equilibrium have the same size, von Stengel 2007), where the question states the
    support.
    Every probability has a denominator of at most 6.
``classify``
    2×2 games with distinct payoffs for each player, named by
    :func:`leverage.teach.classify.classify`: a game is kept when its Robinson–Goforth
    class is the set's next target among six symmetric classes with common names
    (:data:`COMMON_NAMES`: Prisoner's Dilemma, Chicken, Stag Hunt, Battle of the Sexes,
    Deadlock, Harmony), rows and columns shuffled so that the pattern must be recognised.
``regimes``
    Payoffs ``base - w·c`` with a cost ``c ∈ [0, 10]`` weighted by how far the two players
    escalate (``w = 0`` when neither does, ``1`` when both do fully).  The thresholds of
    ``c`` where the set of equilibria changes come from
    :func:`leverage.analysis.regimes.regimes`; a game is kept when it has one to three
    thresholds, all rational with denominators at most 6 and strictly inside the range,
    at each of which the supports of the equilibria change, and is nondegenerate between
    them.  For 2×2 games the one-sided share ``u`` is 0, 1/4 or 1/2; for larger games
    ``w`` is the mean of the two players' escalation levels.

Every answer is checked again, at generation time and independently of the solver that
produced it (best responses, dominance inequalities and indifference conditions
recomputed in exact arithmetic; the regimes re-solved at points inside and between the
thresholds).  A failed check raises :class:`RuntimeError`: the key is never printed wrong.

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

import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..errors import ParameterError, TooLargeError, UnsupportedError
from ..formats.strategic import latex_document, strategic_latex, strategic_markdown
from ..formats.text import latex_escape, latex_number
from ..game import Game
from ..solve.result import Solution

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
FORMATS = ("markdown", "latex")
#: Most exercises in one set.
MAX_COUNT = 100
#: Most candidate games drawn for one exercise before giving up.
MAX_DRAWS = 20_000
#: Most exact regime analyses run for one exercise (each takes ~0.1 s).
MAX_REGIME_ANALYSES = 300
#: Payoffs are drawn from these integers.
LOW, HIGH = 0, 9
#: Largest denominator of a probability (mixed) or a threshold (regimes).
MAX_DENOMINATOR = 6
#: Range of the cost parameter of the regimes exercises.
COST_RANGE = (Fraction(0), Fraction(10))

#: LaTeX set-up at the start of every document body: no indent, space between paragraphs.
_TEX_SETUP = "\\setlength{\\parindent}{0pt}\\setlength{\\parskip}{0.8ex plus 0.2ex}"


# ============================================================================ labels and stories
def _labels(
    shape: tuple[int, int], theme: str
) -> tuple[tuple[str, str], tuple[tuple[str, ...], ...]]:
    m, n = shape
    if theme == "rare-earth":
        rows = {2: ("Calibrate", "Overreach"), 3: ("De-escalate", "Calibrate", "Overreach")}[m]
        if n == 2:
            cols: tuple[str, ...] = ("Hold", "Escalate")
        elif m == 3:
            cols = ("De-escalate", "Hold", "Escalate")
        else:
            cols = ("Absorb", "Stockpile", "Diversify")
        return ("China", "US"), (rows, cols)
    cols = ("L", "R") if n == 2 else ("L", "M", "R")
    return ("Row", "Column"), (("A", "B", "C")[:m], cols)


#: One-sentence stories for the rare-earth theme, each grounded in the source's points.
STORIES = (
    "China's tighter rare-earth export rules apply from 1 December 2025: foreign-made goods "
    "with 0.1% or more Chinese rare-earth content will need a licence [2][3][4].",
    "China refines about 88% of the world's rare earths and makes about 90% of its magnets "
    "[8][13], which is what gives its export rules their bite.",
    "Beijing means the new rules as leverage against US technology restrictions, timed ahead "
    "of the APEC meetings [4][18].",
    "Enforcing the rules outside China will be hard: China lacks the mature compliance "
    "network and allied support behind US export controls [9][11][12].",
    "China makes only about 24% of the chips it uses, with 30% projected for 2027 [16], so "
    "wider US chip controls would hurt.",
    "Under the new rules, rare-earth inputs for chips below 14 nm are approved case by case "
    "[2][3][4].",
    "China is unlikely to reverse the rules, but is expected to apply them in a calibrated "
    "way so that compliant buyers still get approvals [19].",
    "Overreach could backfire: the US, the EU and Japan already pursue joint procurement and "
    "strategic stockpiles to diversify away from China [14][18].",
    "Analysts expect competitive confrontation with tactical escalation but no full "
    "decoupling, because interdependence is costly for both sides [17][18].",
    "The US is launching initiatives to secure critical minerals outside China, and Japan is "
    "working with France on rare-earth projects [23][24].",
)


# ============================================================================ seeded draws
class _Draw:
    """Seeded draws using only ``random.Random.random`` (its sequence is version-stable)."""

    def __init__(self, seed: str) -> None:
        self._random = random.Random(seed)

    def integer(self, low: int, high: int) -> int:
        """A uniform integer in ``[low, high]``."""
        return min(high, low + int(self._random.random() * (high - low + 1)))

    def choice(self, items: Sequence[Any]) -> Any:
        """A uniform element of a non-empty sequence."""
        return items[self.integer(0, len(items) - 1)]

    def shuffled(self, items: Sequence[Any]) -> list[Any]:
        """A uniformly shuffled copy (Fisher–Yates)."""
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = self.integer(0, i)
            out[i], out[j] = out[j], out[i]
        return out

    def matrix(self, m: int, n: int) -> list[list[int]]:
        """An ``m × n`` matrix of payoffs in ``[LOW, HIGH]``."""
        return [[self.integer(LOW, HIGH) for _ in range(n)] for _ in range(m)]


# ============================================================================ rich text
@dataclass(frozen=True)
class _Math:
    """An inline piece with its Markdown and its LaTeX rendering."""

    md: str
    tex: str


Inline = str | _Math


@dataclass(frozen=True)
class _Para:
    parts: tuple[Inline, ...]


@dataclass(frozen=True)
class _Items:
    items: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class _Table:
    """A payoff table; ``marks``: best responses marked and ``equilibria`` boxed (keys)."""

    game: Game
    marks: bool = False
    equilibria: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True)
class _ParamTable:
    game: ParametricGame


Block = _Para | _Items | _Table | _ParamTable


def _num(v: Any) -> _Math:
    value = Fraction(v)
    return _Math(str(value), f"${latex_number(value)}$")


def _formula(text: str) -> _Math:
    """A formula in model-file syntax (``c/2 - 1``, ``c**2/4``) as math."""
    tex = text.replace("**", "^").replace("*", " ")
    return _Math(text.replace("**", "^").replace("*", ""), f"${tex}$")


def _profile(game: Game, profile: Sequence[int]) -> str:
    return "(" + ", ".join(game.strategies[p][k] for p, k in enumerate(profile)) + ")"


def _payoffs(values: Sequence[Any]) -> list[Inline]:
    out: list[Inline] = ["("]
    for k, v in enumerate(values):
        out += [", "] if k else []
        out.append(_num(v))
    return [*out, ")"]


def _mix(labels: Sequence[str], probs: Sequence[Any]) -> list[Inline]:
    out: list[Inline] = []
    for label, p in zip(labels, probs, strict=True):
        if p:
            out += [", "] if out else []
            out += [f"{label} ", _num(p)]
    return out


def _who(player: str, start: bool = False) -> str:
    """A player's name in running text: "the US" (at the start of a sentence "The US")."""
    if player == "US":
        return "The US" if start else "the US"
    return player


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _render_md(blocks: Sequence[Block]) -> str:
    out = []
    for block in blocks:
        if isinstance(block, _Para):
            out.append(_inline_md(block.parts))
        elif isinstance(block, _Items):
            out.append("\n".join("- " + _inline_md(item) for item in block.items))
        elif isinstance(block, _Table):
            out.append(
                strategic_markdown(block.game, marks=block.marks, equilibria=block.equilibria)
            )
        else:
            out.append(block.game.markdown())
    return "\n\n".join(out)


def _inline_md(parts: Sequence[Inline]) -> str:
    return "".join(p.md if isinstance(p, _Math) else p for p in parts)


def _inline_tex(parts: Sequence[Inline]) -> str:
    return "".join(p.tex if isinstance(p, _Math) else latex_escape(p) for p in parts)


def _render_tex(blocks: Sequence[Block]) -> str:
    out = []
    for block in blocks:
        if isinstance(block, _Para):
            out.append(_inline_tex(block.parts))
        elif isinstance(block, _Items):
            items = "\n".join("\\item " + _inline_tex(item) for item in block.items)
            out.append("\\begin{itemize}\n" + items + "\n\\end{itemize}")
        elif isinstance(block, _Table):
            out.append(strategic_latex(block.game, marks=block.marks, equilibria=block.equilibria))
        else:
            out.append(block.game.latex())
    return "\n\n".join(out)


# ============================================================================ parametric games
@dataclass(frozen=True)
class ParametricGame:
    """A bimatrix game whose payoffs are ``base - weight · c`` for one parameter ``c``.

    Attributes
    ----------
    players, strategies
        Labels.
    base
        Each player's payoffs at ``c = 0`` (integers), as ``base[player][row][column]``.
    weights
        The weight of ``c`` in each cell, the same for both players.
    parameter
        The parameter's name.
    bounds
        The closed range of the parameter.
    """

    players: tuple[str, str]
    strategies: tuple[tuple[str, ...], ...]
    base: tuple[tuple[tuple[int, ...], ...], ...]
    weights: tuple[tuple[Fraction, ...], ...]
    parameter: str = "c"
    bounds: tuple[Fraction, Fraction] = COST_RANGE

    def at(self, value: Fraction | int) -> Game:
        """The exact game at ``parameter = value``."""
        v = Fraction(value)
        arrays = [
            [
                [Fraction(b) - w * v for b, w in zip(brow, wrow, strict=True)]
                for brow, wrow in zip(self.base[p], self.weights, strict=True)
            ]
            for p in range(2)
        ]
        return Game.from_arrays(*arrays, players=self.players, strategies=self.strategies)

    def expression(self, player: int, row: int, column: int) -> str:
        """The payoff as an expression of the model-file language, e.g. ``5 - 3*c/4``."""
        b, w = self.base[player][row][column], self.weights[row][column]
        if w == 0:
            return str(b)
        term = self.parameter if w.numerator == 1 else f"{w.numerator}*{self.parameter}"
        term += f"/{w.denominator}" if w.denominator != 1 else ""
        return f"-{term}" if b == 0 else f"{b} - {term}"

    def _tex(self, player: int, row: int, column: int) -> str:
        b, w = self.base[player][row][column], self.weights[row][column]
        if w == 0:
            return str(b)
        c = self.parameter
        if w.denominator == 1:
            term = c if w == 1 else f"{w.numerator}{c}"
        else:
            term = f"\\tfrac{{{'' if w.numerator == 1 else w.numerator}{c}}}{{{w.denominator}}}"
        return f"-{term}" if b == 0 else f"{b} - {term}"

    def toml(self, title: str = "Exercise", description: str = "An exercise game.") -> str:
        """The game as a model file (see docs/model-format.md)."""
        quote = '", "'
        rows, cols = self.strategies
        lines = [
            f'title = "{title}"',
            f'description = "{description}"',
            "",
            "[players]",
            f'{self.players[0]} = ["{quote.join(rows)}"]',
            f'{self.players[1]} = ["{quote.join(cols)}"]',
            "",
            f"[parameters.{self.parameter}]",
            f"value = {self.bounds[0]}",
            f"range = [{self.bounds[0]}, {self.bounds[1]}]",
            'source = "assumption"',
            "",
            "[payoffs]",
        ]
        for r, c in itertools.product(range(len(rows)), range(len(cols))):
            pay = quote.join(self.expression(p, r, c) for p in range(2))
            lines.append(f'"{rows[r]}, {cols[c]}" = ["{pay}"]')
        return "\n".join(lines) + "\n"

    def markdown(self) -> str:
        """The payoff table in Markdown, payoffs as expressions of the parameter."""
        rows, cols = self.strategies
        lines = [
            f"| {self.players[0]} \\ {self.players[1]} | " + " | ".join(cols) + " |",
            "|---|" + ":---:|" * len(cols),
        ]
        for r, name in enumerate(rows):
            cells = [
                ", ".join(self.expression(p, r, c).replace("*", "") for p in range(2))
                for c in range(len(cols))
            ]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        legend = (
            f"Each cell gives the payoffs of {self.players[0]} and {self.players[1]}, "
            "in that order."
        )
        return "\n".join(lines) + "\n\n" + legend

    def latex(self) -> str:
        """The payoff table as an ``sgame`` environment, centred, with a legend."""
        rows, cols = self.strategies
        lines = [
            "\\begin{center}",
            "\\renewcommand{\\gamestretch}{2.2}\\ssualfalse",
            f"\\begin{{game}}{{{len(rows)}}}{{{len(cols)}}}"
            f"[{{{latex_escape(self.players[0])}}}][{{{latex_escape(self.players[1])}}}]",
            "  & " + " & ".join(latex_escape(c) for c in cols) + " \\\\",
        ]
        for r, name in enumerate(rows):
            cells = [
                "$" + ", ".join(self._tex(p, r, c) for p in range(2)) + "$"
                for c in range(len(cols))
            ]
            end = " \\\\" if r < len(rows) - 1 else ""
            lines.append(f"{latex_escape(name)} & " + " & ".join(cells) + end)
        legend = (
            f"Each cell gives the payoffs of {latex_escape(self.players[0])} and "
            f"{latex_escape(self.players[1])}, in that order."
        )
        lines += ["\\end{game}", "\\par\\smallskip", f"{{\\footnotesize {legend}\\par}}"]
        return "\n".join([*lines, "\\end{center}"])


# ============================================================================ results
@dataclass(frozen=True)
class Exercise:
    """One exercise: its game, question and verified answer.

    Attributes
    ----------
    number
        1-based position in the set.
    kind
        One of :data:`KINDS`.
    game
        The game (for ``regimes``: the game at ``c = 0``; see ``parametric``).
    question
        The question, in Markdown.
    answer
        The verified answer, JSON-ready (exact numbers as strings); its keys depend on
        the kind (see docs/exercise.md).
    story
        The one-sentence story (rare-earth theme), else ``""``.
    harder
        Whether the exercise is flagged as harder.
    parametric
        For ``regimes``: the game with its payoffs as functions of ``c``.
    """

    number: int
    kind: str
    game: Game
    question: str
    answer: dict[str, Any]
    story: str = ""
    harder: bool = False
    parametric: ParametricGame | None = None
    question_blocks: tuple[Block, ...] = field(default=(), repr=False, compare=False)
    answer_blocks: tuple[Block, ...] = field(default=(), repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The exercise as JSON-ready data: labels, payoffs, question and answer."""
        out: dict[str, Any] = {
            "number": self.number,
            "players": list(self.game.players),
            "strategies": [list(s) for s in self.game.strategies],
        }
        if self.parametric is not None:
            pg = self.parametric
            m, n = self.game.shape
            out["parameter"] = {"name": pg.parameter, "range": [str(b) for b in pg.bounds]}
            out["payoffs"] = [
                [[pg.expression(p, r, c) for c in range(n)] for r in range(m)] for p in range(2)
            ]
        else:
            out["payoffs"] = [
                [[str(v) for v in row] for row in a.tolist()] for a in self.game.payoffs
            ]
        if self.story:
            out["story"] = self.story
        out["question"] = self.question
        if self.harder:
            out["harder"] = True
        out["answer"] = self.answer
        return out


_TITLES = {
    "pure": "Pure-strategy Nash equilibria",
    "dominance": "Iterated elimination of strictly dominated strategies",
    "mixed": "Mixed-strategy equilibria",
    "classify": "Naming classic games",
    "regimes": "Thresholds of a cost parameter",
}


@dataclass(frozen=True)
class ExerciseSet:
    """A reproducible set of exercises (see :func:`exercises`).

    Attributes
    ----------
    kind, size, seed, theme
        The options the set was generated with.
    items
        The exercises, in order.
    """

    kind: str
    size: str
    seed: int
    theme: str
    items: tuple[Exercise, ...]

    @property
    def command(self) -> str:
        """The command line that regenerates this set."""
        text = (
            f"leverage exercise --kind {self.kind} --size {self.size} "
            f"--seed {self.seed} --count {len(self.items)}"
        )
        return text + (f" --theme {self.theme}" if self.theme != "neutral" else "")

    @property
    def title(self) -> str:
        """The title of the sheet."""
        return f"Exercises: {_TITLES[self.kind]} ({self.size} games)"

    def _intro(self) -> list[Block]:
        rows, cols = self.items[0].game.players if self.items else ("Row", "Column")
        blocks: list[Block] = [
            _Para(
                (
                    f"In each table {_who(rows)} chooses a row and {_who(cols)} a column; "
                    f"each cell gives {_who(rows)}'s payoff, then {_who(cols)}'s.",
                )
            )
        ]
        if self.theme == "rare-earth":
            blocks.append(
                _Para(
                    (
                        "The stories follow ",
                        _Math(
                            'China Musings, "China\'s Rare Earth Gambit"',
                            "China Musings, ``China's Rare Earth Gambit''",
                        ),
                        ", 17 October 2025 (numbers in brackets are its points); the payoffs "
                        "are invented for practice, not estimates.",
                    )
                )
            )
        blocks.append(
            _Para(
                (
                    _Math(
                        f"Set: `{self.command}`",
                        f"{{\\raggedright Set: \\texttt{{{latex_escape(self.command)}}}\\par}}",
                    ),
                )
            )
        )
        return blocks

    def _key_intro(self) -> list[Block]:
        from .. import __version__

        return [
            _Para(
                (
                    "Every answer was found and checked in exact arithmetic by leverage "
                    f"{__version__} when the set was generated (",
                    _Math(f"`{self.command}`", f"\\texttt{{{latex_escape(self.command)}}}"),
                    ").",
                )
            )
        ]

    def _check_format(self, format: str) -> None:
        if format not in FORMATS:
            raise ParameterError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")

    def _sheet_body(self, format: str) -> str:
        parts = []
        for item in self.items:
            heading = f"Exercise {item.number}" + (" (harder)" if item.harder else "")
            blocks: list[Block] = []
            if item.story:
                blocks.append(_Para((item.story,)))
            blocks += list(item.question_blocks)
            if format == "markdown":
                parts.append(f"## {heading}\n\n" + _render_md(blocks))
            else:
                parts.append(f"\\subsection*{{{latex_escape(heading)}}}\n" + _render_tex(blocks))
        return "\n\n".join(parts)

    def _key_body(self, format: str) -> str:
        parts = []
        for item in self.items:
            heading = f"Exercise {item.number}"
            if format == "markdown":
                parts.append(f"## {heading}\n\n" + _render_md(item.answer_blocks))
            else:
                parts.append(f"\\subsection*{{{heading}}}\n" + _render_tex(item.answer_blocks))
        return "\n\n".join(parts)

    def sheet(self, format: str = "markdown") -> str:
        """The exercise sheet, a complete Markdown or LaTeX (``pdflatex``) document.

        Parameters
        ----------
        format
            ``"markdown"`` or ``"latex"``.
        """
        self._check_format(format)
        intro = self._intro()
        if format == "markdown":
            return f"# {self.title}\n\n{_render_md(intro)}\n\n{self._sheet_body(format)}\n"
        body = _TEX_SETUP + "\n\n" + _render_tex(intro) + "\n\n" + self._sheet_body(format)
        return latex_document(body, title=self.title)

    def key(self, format: str = "markdown") -> str:
        """The answer key, a complete document of its own (a second handout).

        Tables mark best responses and box (bracket in Markdown) pure equilibria.

        Parameters
        ----------
        format
            ``"markdown"`` or ``"latex"``.
        """
        self._check_format(format)
        title = "Answer key: " + self.title.removeprefix("Exercises: ")
        intro = self._key_intro()
        if format == "markdown":
            return f"# {title}\n\n{_render_md(intro)}\n\n{self._key_body(format)}\n"
        body = _TEX_SETUP + "\n\n" + _render_tex(intro) + "\n\n" + self._key_body(format)
        return latex_document(body, title=title)

    def document(self, format: str = "markdown") -> str:
        """Sheet and key in one document, the key after a page break (LaTeX
        ``\\clearpage``; Markdown a horizontal rule and an HTML page-break marker).

        Parameters
        ----------
        format
            ``"markdown"`` or ``"latex"``.
        """
        self._check_format(format)
        if format == "markdown":
            return (
                self.sheet(format)
                + '\n---\n\n<div style="page-break-before: always"></div>\n\n'
                + self.key(format)
            )
        title = "Answer key: " + self.title.removeprefix("Exercises: ")
        body = (
            _TEX_SETUP
            + "\n\n"
            + _render_tex(self._intro())
            + "\n\n"
            + self._sheet_body(format)
            + f"\n\n\\clearpage\n\\section*{{{latex_escape(title)}}}\n"
            + _render_tex(self._key_intro())
            + "\n\n"
            + self._key_body(format)
        )
        return latex_document(body, title=self.title)

    def to_dict(self) -> dict[str, Any]:
        """The set as JSON-ready data: options, and every exercise with its answer."""
        from .. import __version__

        return {
            "kind": self.kind,
            "size": self.size,
            "seed": self.seed,
            "count": len(self.items),
            "theme": self.theme,
            "generator": f"leverage {__version__}",
            "command": self.command,
            "exercises": [item.to_dict() for item in self.items],
        }


# ============================================================================ verification
def _verify(condition: bool, what: str) -> None:
    """Raise an internal error when a generated answer fails its independent check."""
    if not condition:
        raise RuntimeError(f"exercise generator: the answer key failed verification: {what}")


def _brute_pure(game: Game) -> list[tuple[int, int]]:
    """Pure equilibria by checking every cell (exact), independently of the solver."""
    a, b = (arr.tolist() for arr in game.payoffs)
    m, n = game.shape
    return [
        (r, c)
        for r in range(m)
        for c in range(n)
        if a[r][c] == max(a[k][c] for k in range(m)) and b[r][c] == max(b[r][k] for k in range(n))
    ]


def _expected(
    game: Game, x: Sequence[Fraction], y: Sequence[Fraction]
) -> tuple[list[Any], list[Any]]:
    """Each pure strategy's expected payoff against the other player's mix."""
    a, b = (arr.tolist() for arr in game.payoffs)
    m, n = game.shape
    rows = [sum((a[r][c] * y[c] for c in range(n)), Fraction(0)) for r in range(m)]
    cols = [sum((b[r][c] * x[r] for r in range(m)), Fraction(0)) for c in range(n)]
    return rows, cols


# ============================================================================ generators
@dataclass
class _Draft:
    game: Game
    question: list[Block]
    answer: list[Block]
    data: dict[str, Any]
    harder: bool = False
    parametric: ParametricGame | None = None


@dataclass(frozen=True)
class _Context:
    shape: tuple[int, int]
    players: tuple[str, str]
    strategies: tuple[tuple[str, ...], ...]
    index: int
    count: int
    target: Any
    theme: str

    def game(self, a: Any, b: Any) -> Game:
        return Game.from_arrays(a, b, players=self.players, strategies=self.strategies)


def _pure_profile_data(game: Game, profile: tuple[int, ...]) -> dict[str, Any]:
    return {
        "profile": list(profile),
        "strategies": [game.strategies[p][k] for p, k in enumerate(profile)],
        "payoffs": [str(v) for v in game.payoff_profile(profile)],
    }


def _targets(kind: str, size: str, seed: int, count: int) -> list[Any]:
    draw = _Draw(f"leverage-exercise:{seed}:{kind}:{size}:targets")
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


def _pure(draw: _Draw, ctx: _Context) -> _Draft | None:
    m, n = ctx.shape
    game = ctx.game(draw.matrix(m, n), draw.matrix(m, n))
    solution = game.equilibria()
    if solution.degenerate or len(solution.pure()) != ctx.target:
        return None
    profiles = [e.profile for e in solution.pure() if e.profile is not None]
    _verify(
        sorted(profiles) == _brute_pure(game), "pure equilibria differ from a cell-by-cell check"
    )
    question: list[Block] = [
        _Table(game),
        _Para(
            ("Find every pure-strategy Nash equilibrium of this game, or show that it has none.",)
        ),
    ]
    answer: list[Block] = [_Table(game, True, tuple(profiles))]
    if profiles:
        parts: list[Inline] = ["Pure equilibria: " if len(profiles) > 1 else "Pure equilibrium: "]
        for k, prof in enumerate(profiles):
            parts += ["; "] if k else []
            parts += [_profile(game, prof), " with payoffs ", *_payoffs(game.payoff_profile(prof))]
        answer.append(_Para((*parts, ".")))
    else:
        answer.append(_Para(("None: no cell is a best response for both players.",)))
    a, b = (arr.tolist() for arr in game.payoffs)
    rows, cols = game.strategies
    row_br = [max(range(m), key=[a[r][c] for r in range(m)].__getitem__) for c in range(n)]
    col_br = [max(range(n), key=b[r].__getitem__) for r in range(m)]
    answer.append(
        _Items(
            (
                (
                    f"{_who(game.players[0], True)}'s best response: "
                    + "; ".join(f"to {cols[c]}, {rows[row_br[c]]}" for c in range(n))
                    + ".",
                ),
                (
                    f"{_who(game.players[1], True)}'s best response: "
                    + "; ".join(f"to {rows[r]}, {cols[col_br[r]]}" for r in range(m))
                    + ".",
                ),
            )
        )
    )
    if not profiles:
        if len(solution) == 1:
            e = solution[0]
            answer.append(
                _Para(
                    (
                        "Its only equilibrium is mixed: ",
                        f"{_who(game.players[0])} ",
                        *_mix(rows, e.strategies[0]),
                        f"; {_who(game.players[1])} ",
                        *_mix(cols, e.strategies[1]),
                        ".",
                    )
                )
            )
        else:
            answer.append(_Para((f"Its {len(solution)} equilibria are all mixed.",)))
    data = {
        "pure_equilibria": [_pure_profile_data(game, p) for p in profiles],
        "equilibria": len(solution),
    }
    return _Draft(game, question, answer, data)


def _dominance(draw: _Draw, ctx: _Context) -> _Draft | None:
    m, n = ctx.shape
    harder = ctx.shape != (2, 2) and ctx.count >= 3 and ctx.index == ctx.count - 1
    game = ctx.game(draw.matrix(m, n), draw.matrix(m, n))
    result = game.iterated_elimination()
    if not result.solved:
        return None
    pure_only = game.iterated_elimination(mixed=False)
    if harder:
        if pure_only.solved:
            return None
    elif pure_only.steps != result.steps or result.rounds != ctx.target:
        return None
    solution = game.equilibria()
    survivor = tuple(r[0] for r in result.remaining)
    if len(solution) != 1 or solution[0].profile != survivor:
        return None  # (cannot happen for strict dominance; kept as a guard)
    labels = game.strategies
    a, b = (arr.tolist() for arr in game.payoffs)
    remaining = [list(range(m)), list(range(n))]
    items: list[tuple[Inline, ...]] = []
    steps_data = []
    for round_number in range(1, result.rounds + 1):
        steps = [s for s in result.steps if s.round == round_number]
        for step in steps:
            p = step.player
            others = remaining[1 - p]

            def pay(own: int, other: int, p: int = p) -> Fraction:
                return Fraction(a[own][other] if p == 0 else b[other][own])

            parts: list[Inline] = [
                f"Round {round_number}: {_who(game.players[p])}'s {labels[p][step.strategy]} is "
                "strictly dominated by "
            ]
            dominator = step.dominated_by
            if len(dominator) == 1:
                parts.append(labels[p][dominator[0][0]])
            else:
                dominator = _simple_mix(pay, step.strategy, remaining[p], others) or dominator
                weights = dict(dominator)
                mix = [weights.get(k, Fraction(0)) for k in range(len(labels[p]))]
                parts += ["the mix ", *_mix(labels[p], mix)]
            parts.append(" (")
            for k, t in enumerate(others):
                dominating = sum((w * pay(s, t) for s, w in dominator), Fraction(0))
                dominated = pay(step.strategy, t)
                _verify(
                    dominating > dominated
                    and set(dict(dominator)) <= set(remaining[p])
                    and sum(w for _, w in dominator) == 1
                    and all(w > 0 for _, w in dominator),
                    f"elimination of {labels[p][step.strategy]} is not a strict dominance",
                )
                parts += ["; "] if k else []
                parts += [_num(dominating), _Math(" > ", " $>$ "), _num(dominated)]
                parts.append(f" against {labels[1 - p][t]}")
            items.append((*parts, ")."))
            steps_data.append(
                {
                    "round": round_number,
                    "player": game.players[p],
                    "strategy": labels[p][step.strategy],
                    "dominated_by": {labels[p][k]: str(w) for k, w in dominator},
                }
            )
        for step in steps:
            remaining[step.player].remove(step.strategy)
    _verify(
        tuple(tuple(r) for r in remaining) == result.remaining and _brute_pure(game) == [survivor],
        "the survivor of elimination is not the unique pure equilibrium",
    )
    eliminations = len(result.steps)
    rounds_text = "1 round" if result.rounds == 1 else f"{result.rounds} rounds"
    question: list[Block] = [
        _Table(game),
        _Para(
            (
                "Solve this game by iterated elimination of strictly dominated strategies. "
                f"If each round removes every strictly dominated strategy of both players, it "
                f"takes {rounds_text} ({eliminations} eliminations in all). Which profile "
                "survives?",
            )
        ),
    ]
    if harder:
        question.append(
            _Para(
                ("Harder: one strategy is dominated only by a mixed strategy, not by a pure one.",)
            )
        )
    answer: list[Block] = [
        _Table(game, True, (survivor,)),
        _Items(tuple(items)),
        _Para(
            (
                f"Survivor: {_profile(game, survivor)} with payoffs ",
                *_payoffs(game.payoff_profile(survivor)),
                "; it is the game's only Nash equilibrium.",
            )
        ),
    ]
    data = {
        "rounds": result.rounds,
        "eliminations": steps_data,
        "solution": _pure_profile_data(game, survivor),
        "mixed_dominator": harder,
    }
    return _Draft(game, question, answer, data, harder=harder)


def _simple_mix(
    pay: Callable[[int, int], Fraction], strategy: int, own: Sequence[int], others: Sequence[int]
) -> tuple[tuple[int, Fraction], ...] | None:
    """A strictly dominating mix of two strategies with the smallest denominator (at most
    :data:`MAX_DENOMINATOR`), easier to check by hand than the one linear programming
    finds; ``None`` if there is none."""
    candidates = [k for k in own if k != strategy]
    for q in range(2, MAX_DENOMINATOR + 1):
        for i, j in itertools.combinations(candidates, 2):
            for num in range(1, q):
                w = Fraction(num, q)
                if w.denominator == q and all(
                    w * pay(i, t) + (1 - w) * pay(j, t) > pay(strategy, t) for t in others
                ):
                    return ((i, w), (j, 1 - w))
    return None


def _weight_vectors(size: int) -> list[tuple[int, ...]]:
    """Positive integer weights with sum at most :data:`MAX_DENOMINATOR` and gcd 1."""
    from math import gcd

    return [
        w
        for w in itertools.product(range(1, MAX_DENOMINATOR + 1), repeat=size)
        if sum(w) <= MAX_DENOMINATOR and gcd(*w) == 1
    ]


def _planted(draw: _Draw, weights: Sequence[int], lines: int) -> list[list[int]] | None:
    """``lines`` distinct payoff lines ``u`` with ``sum_k weights[k] * u[k]`` all equal."""
    size = len(weights)
    total = draw.integer(LOW * sum(weights), HIGH * sum(weights))
    out: list[list[int]] = []
    for _ in range(40 * lines):
        if len(out) == lines:
            break
        head = [draw.integer(LOW, HIGH) for _ in range(size - 1)]
        rest = total - sum(w * u for w, u in zip(weights, head, strict=False))
        if rest % weights[-1] == 0 and LOW <= rest // weights[-1] <= HIGH:
            line = [*head, rest // weights[-1]]
            if line not in out:
                out.append(line)
    return out if len(out) == lines else None


def _mixed(draw: _Draw, ctx: _Context) -> _Draft | None:
    m, n = ctx.shape
    if m == n:
        wx, wy = draw.choice(_weight_vectors(m)), draw.choice(_weight_vectors(n))
        a_rows = _planted(draw, wy, m)  # rows of a: Row indifferent against y
        b_cols = _planted(draw, wx, n)  # columns of b: Column indifferent against x
        if a_rows is None or b_cols is None:
            return None
        a = a_rows
        b = [[b_cols[c][r] for c in range(n)] for r in range(m)]
    else:
        a, b = draw.matrix(m, n), draw.matrix(m, n)
    game = ctx.game(a, b)
    solution = game.equilibria()
    if solution.degenerate or len(solution) != 1 or solution[0].kind != "mixed":
        return None
    e = solution[0]
    x, y = (tuple(Fraction(p) for p in s) for s in e.strategies)
    u, v = (Fraction(w) for w in e.payoffs)
    if any(p.denominator > MAX_DENOMINATOR for p in (*x, *y)):
        return None
    support = (e.support(0), e.support(1))
    if min(len(support[0]), len(support[1])) < 2:
        return None
    rows_pay, cols_pay = _expected(game, x, y)
    _verify(
        all(rows_pay[r] == u if r in support[0] else rows_pay[r] < u for r in range(m))
        and all(cols_pay[c] == v if c in support[1] else cols_pay[c] < v for c in range(n))
        and sum(x) == 1
        and sum(y) == 1,
        "the mixed equilibrium fails its indifference conditions",
    )
    rows, cols = game.strategies
    full = len(support[0]) == m and len(support[1]) == n
    if full:
        text = (
            "This game has a unique Nash equilibrium, in which both players mix over all their "
            "strategies. Find it and each player's expected payoff."
        )
    else:
        used = [[game.strategies[p][k] for k in support[p]] for p in range(2)]
        unused = [
            [s for k, s in enumerate(game.strategies[p]) if k not in support[p]] for p in range(2)
        ]
        never = "; ".join(
            f"{_who(game.players[p])} never plays {_and(unused[p])}" for p in range(2) if unused[p]
        )
        text = (
            f"This game has a unique Nash equilibrium, in which {_who(game.players[0])} mixes "
            f"{_and(used[0])} and {_who(game.players[1])} mixes {_and(used[1])} ({never}). "
            "Find it and each player's expected payoff."
        )
    question: list[Block] = [_Table(game), _Para((text,))]

    def check(player: int, pays: list[Any], value: Fraction) -> tuple[Inline, ...]:
        labels = game.strategies[player]
        inside = [labels[k] for k in support[player]]
        other = 1 - player
        parts: list[Inline] = [
            f"Against {_who(game.players[other])}'s mix, {_who(game.players[player])}'s "
            f"{_and(inside)} each earn ",
            _num(value),
        ]
        for k in range(len(labels)):
            if k not in support[player]:
                parts += [f"; {labels[k]} earns only ", _num(pays[k])]
        return (*parts, ".")

    answer: list[Block] = [
        _Table(game, True),
        _Para(
            (
                f"{_who(game.players[0], True)}: ",
                *_mix(rows, x),
                f". {_who(game.players[1], True)}: ",
                *_mix(cols, y),
                ". Expected payoffs ",
                *_payoffs(e.payoffs),
                ".",
            )
        ),
        _Items((check(0, rows_pay, u), check(1, cols_pay, v))),
    ]
    data = {
        "support": [[game.strategies[p][k] for k in support[p]] for p in range(2)],
        "strategies": [[str(p) for p in x], [str(p) for p in y]],
        "payoffs": [str(u), str(v)],
        "completely_mixed": full,
    }
    return _Draft(game, question, answer, data)


#: The classes of 2×2 games the ``classify`` exercises use: the symmetric Robinson–Goforth
#: classes every course names (Bruns 2015's names, as :func:`leverage.teach.classify.classify`
#: reports them).
COMMON_NAMES = (
    "Prisoner's Dilemma",
    "Chicken",
    "Stag Hunt",
    "Battle of the Sexes",
    "Deadlock",
    "Harmony",
)


def _ranking(game: Game, player: int) -> list[Inline]:
    """``(B, L) 9 > (A, L) 7 > ...``: a player's ranking of the four outcomes."""
    arr = game.payoffs[player]
    cells = sorted(game.profiles(), key=lambda idx: arr[idx], reverse=True)
    out: list[Inline] = []
    for k, idx in enumerate(cells):
        out += [_Math(" > ", " $>$ ")] if k else []
        out += [f"{_profile(game, idx)} ", _num(arr[idx])]
    return out


def _classify(draw: _Draw, ctx: _Context) -> _Draft | None:
    from .classify import classify

    # Row's payoffs: four distinct values.  Column's: with probability 1/2 ranked as the
    # transpose of Row's (an ordinally symmetric game, so a named class is likely), else
    # independent; then rows and columns are relabelled at random (the class is unchanged).
    a = draw.shuffled(range(LOW, HIGH + 1))[:4]
    b_values = sorted(draw.shuffled(range(LOW, HIGH + 1))[:4])
    if draw.integer(0, 1):
        transpose = [a[0], a[2], a[1], a[3]]
        order = sorted(range(4), key=transpose.__getitem__)
        b = [0] * 4
        for rank, cell in enumerate(order):
            b[cell] = b_values[rank]
    else:
        b = draw.shuffled(b_values)
    rows = draw.shuffled([0, 1])
    cols = draw.shuffled([0, 1])
    a_m = [[a[2 * r + c] for c in cols] for r in rows]
    b_m = [[b[2 * r + c] for c in cols] for r in rows]
    game = ctx.game(a_m, b_m)
    result = classify(game)
    if result.name != ctx.target or result.index is None:
        return None
    solution = game.equilibria()
    profiles = sorted(e.profile for e in solution.pure() if e.profile is not None)
    _verify(
        profiles == _brute_pure(game) and result.pure_equilibria == len(profiles),
        "the classification's pure equilibria differ from the solver's",
    )
    question: list[Block] = [
        _Table(game),
        _Para(
            (
                "Which well-known 2x2 game is this (one of "
                + ", ".join(COMMON_NAMES[:-1])
                + f" and {COMMON_NAMES[-1]}, with rows and columns possibly swapped)? Justify "
                "your answer from each player's ranking of the four outcomes, and give its "
                "pure-strategy equilibria.",
            )
        ),
    ]
    aliases = result.game_class.aliases if result.game_class is not None else ()
    also = f" (also called {_and(list(aliases))})" if aliases else ""
    answer: list[Block] = [
        _Table(game, True, tuple(profiles)),
        _Para(
            (
                f"{result.name}{also}: Robinson-Goforth class {result.index} in Bruns's "
                "notation; both players rank the outcomes in the same pattern.",
            )
        ),
        _Items(
            tuple(
                (f"{_who(game.players[p], True)}'s ranking: ", *_ranking(game, p), ".")
                for p in range(2)
            )
        ),
        _Para(
            (
                "Pure equilibria: "
                + ("; ".join(_profile(game, p) for p in profiles) if profiles else "none")
                + ".",
            )
        ),
    ]
    data = {
        "name": result.name,
        "index": result.index,
        "classification": result.to_dict(),
        "pure_equilibria": [_pure_profile_data(game, p) for p in profiles],
    }
    return _Draft(game, question, answer, data)


def _cost_weights(shape: tuple[int, int], unilateral: Fraction) -> tuple[tuple[Fraction, ...], ...]:
    """Weight of the cost in each cell: ``ℓr·ℓc·(1 - 2u) + u·(ℓr + ℓc)`` with escalation
    levels ``ℓ`` from 0 (first strategy) to 1 (last); 0 when neither escalates, ``u`` when
    one escalates fully and the other not at all, 1 when both escalate fully."""
    m, n = shape
    out = []
    for r in range(m):
        lr = Fraction(r, m - 1)
        out.append(
            tuple(
                lr * Fraction(c, n - 1) * (1 - 2 * unilateral)
                + unilateral * (lr + Fraction(c, n - 1))
                for c in range(n)
            )
        )
    return tuple(out)


def _structure(solution: Solution) -> tuple[Any, ...]:
    return tuple(sorted((e.support(0), e.support(1)) for e in solution))


def _regimes(draw: _Draw, ctx: _Context, budget: list[int]) -> _Draft | None:
    from ..analysis.regimes import regimes
    from ..spec import loads

    m, n = ctx.shape
    unilateral = (
        draw.choice([Fraction(0), Fraction(1, 4), Fraction(1, 2)])
        if m == n == 2
        else Fraction(1, 2)
    )
    pg = ParametricGame(
        players=ctx.players,
        strategies=ctx.strategies,
        base=(tuple(map(tuple, draw.matrix(m, n))), tuple(map(tuple, draw.matrix(m, n)))),
        weights=_cost_weights(ctx.shape, unilateral),
    )
    low, high = pg.bounds
    at_ends = [pg.at(low).equilibria(), pg.at(high).equilibria()]
    if any(s.degenerate for s in at_ends) or _structure(at_ends[0]) == _structure(at_ends[1]):
        return None  # cheap filter: at least one change, nondegenerate at both ends
    if budget[0] <= 0:
        return None
    budget[0] -= 1
    analysis = regimes(
        loads(pg.toml(), file="<exercise>"), pg.parameter, pg.bounds, dominance=False
    )
    crit = analysis.critical_values
    if not 1 <= len(crit) <= 3:
        return None
    thresholds = []
    for cv in crit:
        if cv.changes != ("equilibria",) or not cv.sympy_value.is_Rational:
            return None
        t = Fraction(int(cv.sympy_value.p), int(cv.sympy_value.q))
        if not low < t < high or t.denominator > MAX_DENOMINATOR:
            return None
        thresholds.append(t)
    if any(r.degenerate for r in analysis.regimes if not r.is_point):
        return None
    # independent check: re-solve inside each interval and at each threshold
    for reg in analysis.regimes:
        if reg.is_point:
            assert reg.at is not None
            points = [Fraction(reg.at.exact)]
        else:
            assert reg.lower is not None and reg.upper is not None
            lo, hi = Fraction(reg.lower.exact), Fraction(reg.upper.exact)
            points = [lo + (hi - lo) * Fraction(k, 4) for k in (1, 2, 3)]
        found = {_structure(pg.at(q).equilibria()) for q in points}
        _verify(found == {reg.structure}, f"regime {reg.label} does not hold at {points}")
    regs = analysis.regimes
    ends = [low]
    for reg in regs:
        if not reg.is_point:
            assert reg.lower is not None and reg.upper is not None
            ends += [Fraction(reg.lower.exact), Fraction(reg.upper.exact)]
    _verify(
        [Fraction(r.at.exact) for r in regs if r.at is not None] == thresholds
        and ends[1:] == [low, *[t for t in thresholds for _ in (0, 1)], high],
        "the regimes do not tile the range at the thresholds",
    )
    for k, reg in enumerate(regs):
        if reg.is_point:
            around = {regs[j].structure for j in (k - 1, k, k + 1) if 0 <= j < len(regs)}
            _verify(len(around) > 1, f"the equilibria do not change {reg.label}")
    if ctx.theme != "rare-earth":
        cost = "a cost parameter"
    else:
        if ctx.shape != (2, 2):
            share = "a smaller share of it the less the two sides escalate"
        elif unilateral:
            share = f"{unilateral} of it if only one side escalates"
        else:
            share = "nothing if only one side escalates"
        cost = (
            "the interdependence cost: what each side loses if the contested trade breaks "
            f"down completely ({share})"
        )
    question: list[Block] = [
        _ParamTable(pg),
        _Para(
            (
                "The payoffs depend on ",
                _Math(pg.parameter, f"${pg.parameter}$"),
                f", {cost}, with ",
                _Math(
                    f"{low} ≤ {pg.parameter} ≤ {high}", f"${low} \\le {pg.parameter} \\le {high}$"
                ),
                ". For which values of ",
                _Math(pg.parameter, f"${pg.parameter}$"),
                " does the set of Nash equilibria change? Give each threshold exactly, and the "
                "equilibria in each range.",
            )
        ),
    ]
    thr: list[Inline] = ["Thresholds: "]
    for k, t in enumerate(thresholds):
        thr += [" and " if k == len(thresholds) - 1 and k else (", " if k else "")]
        thr += [_Math(f"{pg.parameter} = {t}", f"${pg.parameter} = {latex_number(t)}$")]
    base = pg.at(low)
    items = []
    for reg in analysis.regimes:
        if reg.is_point:
            assert reg.at is not None
            where = _Math(
                f"{pg.parameter} = {reg.at.exact}",
                f"${pg.parameter} = {latex_number(Fraction(reg.at.exact))}$",
            )
        else:
            assert reg.lower is not None and reg.upper is not None
            lo_t, hi_t = Fraction(reg.lower.exact), Fraction(reg.upper.exact)
            lo_s = "≤" if lo_t == low else "<"
            hi_s = "≤" if hi_t == high else "<"
            tex = {"≤": "\\le", "<": "<"}
            where = _Math(
                f"{lo_t} {lo_s} {pg.parameter} {hi_s} {hi_t}",
                f"${latex_number(lo_t)} {tex[lo_s]} {pg.parameter} "
                f"{tex[hi_s]} {latex_number(hi_t)}$",
            )
        parts: list[Inline] = [where, ": "]
        for k, eq in enumerate(reg.equilibria):
            parts += ["; "] if k else []
            if eq.kind == "pure":
                parts.append(_profile(base, [s[0] for s in eq.support]))
            else:
                parts.append("mixed: ")
                for p in range(2):
                    labels = pg.strategies[p]
                    parts += [", "] if p else []
                    support = eq.support[p]
                    if len(support) == 1:
                        parts.append(f"{_who(pg.players[p])} {labels[support[0]]}")
                        continue
                    parts.append(f"{_who(pg.players[p])} (")
                    for j, k2 in enumerate(support):
                        parts += [", "] if j else []
                        parts += [f"{labels[k2]} ", _formula(eq.strategies[p][k2])]
                    parts.append(")")
        if reg.degenerate and reg.is_point:
            parts.append(" (degenerate: extreme equilibria listed)")
        items.append((*parts, "."))
    answer: list[Block] = [_ParamTable(pg), _Para((*thr, ".")), _Items(tuple(items))]
    data = {
        "thresholds": [str(t) for t in thresholds],
        "regimes": [reg.to_json() for reg in analysis.regimes],
    }
    return _Draft(pg.at(low), question, answer, data, parametric=pg)


# ============================================================================ entry point
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
    players, strategies = _labels(shape, theme)
    makers: dict[str, Callable[..., _Draft | None]] = {
        "pure": _pure,
        "dominance": _dominance,
        "mixed": _mixed,
        "classify": _classify,
        "regimes": _regimes,
    }
    stories = _Draw(f"leverage-exercise:{seed}:stories").shuffled(STORIES)
    targets = _targets(kind, size, seed, count)
    seen: set[tuple[Any, ...]] = set()
    items = []
    for index in range(count):
        draw = _Draw(f"leverage-exercise:{seed}:{index}")
        ctx = _Context(shape, players, strategies, index, count, targets[index], theme)
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
                question=_render_md(draft.question),
                answer=draft.data,
                story=story,
                harder=draft.harder,
                parametric=draft.parametric,
                question_blocks=tuple(draft.question),
                answer_blocks=tuple(draft.answer),
            )
        )
    return ExerciseSet(kind, size, seed, theme, tuple(items))
