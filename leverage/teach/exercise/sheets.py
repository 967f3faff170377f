"""Exercises and exercise sets, and their renderings: the sheet, the answer key and both in
one document, in Markdown or LaTeX (``pdflatex`` with ``sgame.sty``), and JSON-ready data.

No mathematics is implemented here: the questions and verified answers are built by the
generators (:mod:`leverage.teach.exercise`), and this module lays them out.  Exact numbers
are written as rational strings in JSON and as ``\\frac`` in LaTeX.  The key names the
version of ``leverage`` that wrote it, and the command line that regenerates the set.

References
----------
China Musings, "China's Rare Earth Gambit", 17 October 2025 (cited in the introduction of a
rare-earth sheet).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...errors import ParameterError
from ...expr.escape import latex_escape
from ...formats.document import Para, Rendered
from ...formats.strategic_latex import latex_document
from ...games.strategic import Game
from ...records import Record
from .parametric import ParametricGame
from .text import Block, render_latex, render_markdown, who

__all__ = ["FORMATS", "Exercise", "ExerciseSet"]

FORMATS = ("markdown", "latex")

#: LaTeX set-up at the start of every document body: no indent, space between paragraphs.
_TEX_SETUP = "\\setlength{\\parindent}{0pt}\\setlength{\\parskip}{0.8ex plus 0.2ex}"


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


@dataclass(frozen=True, repr=False)
class ExerciseSet(Record):
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

    def __repr__(self) -> str:
        n = len(self.items)
        return (
            f"<ExerciseSet {self.kind} ({self.size} games), seed {self.seed}: "
            f"{n} exercise{'' if n == 1 else 's'}>"
        )

    def to_rows(self) -> list[dict[str, Any]]:
        """One row per exercise: ``number``, ``kind``, ``players``, ``size``, ``harder``,
        ``question`` (Markdown)."""
        return [
            {
                "number": item.number,
                "kind": item.kind,
                "players": ", ".join(item.game.players),
                "size": "×".join(str(k) for k in item.game.shape),
                "harder": item.harder,
                "question": item.question,
            }
            for item in self.items
        ]

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
            Para(
                (
                    f"In each table {who(rows)} chooses a row and {who(cols)} a column; "
                    f"each cell gives {who(rows)}'s payoff, then {who(cols)}'s.",
                )
            )
        ]
        if self.theme == "rare-earth":
            blocks.append(
                Para(
                    (
                        "The stories follow ",
                        Rendered(
                            'China Musings, "China\'s Rare Earth Gambit"',
                            "China Musings, ``China's Rare Earth Gambit''",
                        ),
                        ", 17 October 2025 (numbers in brackets are its points); the payoffs "
                        "are invented for practice, not estimates.",
                    )
                )
            )
        blocks.append(
            Para(
                (
                    Rendered(
                        f"Set: `{self.command}`",
                        f"{{\\raggedright Set: \\texttt{{{latex_escape(self.command)}}}\\par}}",
                    ),
                )
            )
        )
        return blocks

    def _key_intro(self) -> list[Block]:
        from ...version import __version__

        return [
            Para(
                (
                    "Every answer was found and checked in exact arithmetic by leverage "
                    f"{__version__} when the set was generated (",
                    Rendered(f"`{self.command}`", f"\\texttt{{{latex_escape(self.command)}}}"),
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
                blocks.append(Para((item.story,)))
            blocks += list(item.question_blocks)
            if format == "markdown":
                parts.append(f"## {heading}\n\n" + render_markdown(blocks))
            else:
                parts.append(f"\\subsection*{{{latex_escape(heading)}}}\n" + render_latex(blocks))
        return "\n\n".join(parts)

    def _key_body(self, format: str) -> str:
        parts = []
        for item in self.items:
            heading = f"Exercise {item.number}"
            if format == "markdown":
                parts.append(f"## {heading}\n\n" + render_markdown(item.answer_blocks))
            else:
                parts.append(f"\\subsection*{{{heading}}}\n" + render_latex(item.answer_blocks))
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
            return f"# {self.title}\n\n{render_markdown(intro)}\n\n{self._sheet_body(format)}\n"
        body = _TEX_SETUP + "\n\n" + render_latex(intro) + "\n\n" + self._sheet_body(format)
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
            return f"# {title}\n\n{render_markdown(intro)}\n\n{self._key_body(format)}\n"
        body = _TEX_SETUP + "\n\n" + render_latex(intro) + "\n\n" + self._key_body(format)
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
            + render_latex(self._intro())
            + "\n\n"
            + self._sheet_body(format)
            + f"\n\n\\clearpage\n\\section*{{{latex_escape(title)}}}\n"
            + render_latex(self._key_intro())
            + "\n\n"
            + self._key_body(format)
        )
        return latex_document(body, title=self.title)

    def to_dict(self) -> dict[str, Any]:
        """The set as JSON-ready data: options, and every exercise with its answer."""
        from ...version import __version__

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
