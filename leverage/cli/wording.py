"""Library errors re-worded for the command line: API terms become the flags.

The library says what to change in the terms of its API (``method="pure"``,
``symbolic=True``); a user of the command line needs the flag instead (``--method
pure``, ``--symbolic``).  :func:`cli_message` rewrites the message of a library error
with :data:`PHRASES`, so that the command line prints exactly what it printed when the
library named the flags itself.
"""

from __future__ import annotations

import re

from ..errors import LeverageError

__all__ = ["PHRASES", "cli_message", "reword"]

#: ``(pattern, replacement)`` pairs applied in order to a library error's message.
PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    # leverage.games.model.parse_assignments
    (re.compile(r"^an assignment must be name=value, got "), "--set expects name=value, got "),
    # leverage.learning.settings.parse_start
    (re.compile(r"^starting point "), "--start "),
    # leverage.solve.equilibria
    (re.compile(r'\bmethod="([a-z-]+)"'), r"--method \1"),
    # leverage.formats.strategic (LaTeX tables of games of four or more players)
    (
        re.compile(r"\buse the table, markdown or json format for its outcome list\b"),
        "use --format table, markdown or json for its outcome list",
    ),
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
