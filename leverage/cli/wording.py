"""Library errors and notes re-worded for the command line: API terms become the flags.

The library says what to change in the terms of its API (``method="pure"``,
``symbolic=True``); a user of the command line needs the flag instead (``--method
pure``, ``--symbolic``).  :func:`cli_message` rewrites the message of a library error,
and :func:`reword_notes` the notes of a solution, with :data:`PHRASES`, so that the
command line prints exactly what it printed when the library named the flags itself.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from ..errors import LeverageError

if TYPE_CHECKING:  # pragma: no cover
    from ..solve.result import Solution

__all__ = ["PHRASES", "cli_message", "reword", "reword_notes"]

#: ``(pattern, replacement)`` pairs applied in order to a library error's message.
PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    # leverage.games.model.parse_assignments
    (re.compile(r"^an assignment must be name=value, got "), "--set expects name=value, got "),
    # leverage.games.model.parameter_interval (a parameter without a range)
    (re.compile(r"\bgive the interval to analyse as bounds$"), "give the interval with --range"),
    # leverage.learning.settings.parse_start
    (re.compile(r"^starting point "), "--start "),
    # leverage.solve.cost.check_points (sweeps and Monte Carlo have no --method)
    (
        re.compile(r'\bsolve single points with method="([a-z-]+)"'),
        r"solve single points with leverage solve --method \1",
    ),
    # leverage.solve.equilibria (errors and the notes of a solution)
    (re.compile(r'\bmethod="([a-z-]+)"'), r"--method \1"),
    (re.compile(r"\(see components=True\)"), "(see --components)"),
    # leverage.solve.cost (iterated dominance: the command line has no pure-only option)
    (
        re.compile(r"\buse mixed=False for dominance by pure strategies only\b"),
        "in Python, Game.iterated_elimination(mixed=False) checks pure dominators only",
    ),
    # leverage.formats.strategic (LaTeX tables of games of four or more players)
    (
        re.compile(r"\buse the table, markdown or json format for its outcome list\b"),
        "use --format table, markdown or json for its outcome list",
    ),
    # leverage.analysis.pipeline.check_result_size (sweep)
    (re.compile(r"\(store_equilibria=False\)"), "(--summary)"),
    # leverage.teach.explain.build.explain_model
    (re.compile(r"\bdrop symbolic=True\b"), "drop --symbolic"),
)


def reword(message: str) -> str:
    """``message`` with the API terms of :data:`PHRASES` replaced by their flags."""
    for pattern, replacement in PHRASES:
        message = pattern.sub(replacement, message)
    return message


def cli_message(err: LeverageError) -> str:
    """The one-line command-line message of a library error: its location, key and
    re-worded message (see :meth:`leverage.errors.LeverageError.__str__`), whitespace
    collapsed."""
    original = err.message
    try:
        err.message = reword(original)
        text = str(err)
    finally:
        err.message = original
    return " ".join(text.split())


def reword_notes(solution: Solution) -> Solution:
    """``solution`` with its notes re-worded for the command line (the same object when
    no note changes)."""
    notes = tuple(reword(note) for note in solution.notes)
    if notes == solution.notes:
        return solution
    return dataclasses.replace(solution, notes=notes)
