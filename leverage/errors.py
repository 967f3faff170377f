"""Typed errors raised by the library.

Library code never prints and never exits: it raises one of these, and the command
line turns them into a one-line message and an exit code (2 for bad input, see
``docs/architecture.md``).  Every error carries, where known, the file, the key and the
line the problem was found at, so the message can point a user straight at it.
"""

from __future__ import annotations


class LeverageError(Exception):
    """Base class of every error raised on purpose by :mod:`leverage`.

    Parameters
    ----------
    message
        What went wrong, in one sentence, without location.
    file
        The file the problem was found in, if any.
    key
        The dotted key (``parameters.cost.range``) or payoff outcome concerned, if any.
    line
        The 1-based line in ``file``, if known.
    column
        The 1-based column in ``file``, if known.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        key: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.key = key
        self.line = line
        self.column = column

    def located(
        self,
        *,
        file: str | None = None,
        key: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> LeverageError:
        """Fill in location fields that are still unknown and return ``self``."""
        self.file = self.file or file
        self.key = self.key or key
        self.line = self.line or line
        self.column = self.column or column
        return self

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line:
                where += f":{self.line}"
                if self.column:
                    where += f":{self.column}"
            where += ": "
        key = f"{self.key}: " if self.key else ""
        return f"{where}{key}{self.message}"


class ModelError(LeverageError):
    """A model or game file is invalid (syntax, structure, names, ranges)."""


class ExpressionError(ModelError):
    """A payoff or define expression is malformed, forbidden or too large."""


class ParameterError(LeverageError):
    """A parameter value given by the user is unknown, malformed or out of range."""


class EvaluationError(LeverageError):
    """A payoff cannot be evaluated at the chosen values (division by zero, overflow...)."""


class NotRationalError(EvaluationError):
    """An exact evaluation met an irrational value (``sqrt(2)``, ``exp(1)``)."""


class UnsupportedError(LeverageError):
    """The request is valid but not supported (e.g. mixed equilibria of 3-player games)."""


class TooLargeError(LeverageError):
    """The request would take unreasonable time or memory with the chosen method."""
