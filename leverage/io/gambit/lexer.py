"""The tokenizer of Gambit ``.nfg`` files, the exact conversion of numbers, and the limits.

The grammar is described in :mod:`leverage.io.gambit`.  Tokens are braces, commas, quoted
strings (``\\"`` a quote, ``\\\\`` a backslash, any other backslash kept), numbers
(integers, decimals with an optional exponent, or rationals ``p/q``, each ending at a
delimiter) and any other run of non-delimiters (a "word").  Whitespace, including a
byte-order mark, separates tokens.  A number literal is converted exactly to a
:class:`fractions.Fraction` (``0.88`` is ``22/25``), after checking its length and its
decimal exponent against :data:`MAX_NUMBER_CHARS` and :data:`MAX_EXPONENT`, so that a hostile
file cannot make the conversion expensive.

References
----------
The Gambit Project, "Game representation formats",
https://gambitproject.readthedocs.io/en/latest/formats.html (sections "The strategic game
(.nfg) file format, payoff version" and "..., outcome version").
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction
from typing import NoReturn

from ...errors import ModelError

#: Largest number of pure-strategy profiles (product of the strategy counts) accepted.
MAX_PROFILES = 10**6
#: Largest number of payoff entries (profiles times players) accepted.
MAX_PAYOFF_ENTRIES = 10**7
#: Largest number of players accepted (NumPy arrays have at most 32 dimensions).
MAX_PLAYERS = 32
#: Largest number of outcomes accepted in the outcome version.
MAX_OUTCOMES = 10**6
#: Largest ``.nfg`` file :func:`load_nfg` reads, in bytes (50 MB).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Longest number literal accepted, in characters.
MAX_NUMBER_CHARS = 4000
#: Largest absolute decimal exponent accepted (``1e4000``).
MAX_EXPONENT = 4000

# Token kinds.
LBRACE = "{"
RBRACE = "}"
COMMA = ","
TEXT = "text"
NUMBER = "number"
WORD = "word"
EOF = "eof"

# A token is (kind, text, offset of its first character).
Token = tuple[str, str, int]

_NUMBER_PATTERN = r"[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[0-9]+/[0-9]+)"
NUMBER_RE = re.compile(_NUMBER_PATTERN + r"\Z")
# One match per token: skip blanks, then punctuation, a quote, a number ending at a
# delimiter, or any other run of non-delimiters (a "word": NFG, R, or garbage).
_TOKEN_RE = re.compile(
    rf'[\s\ufeff]*(?:(?P<p>[{{}},])|(?P<q>")|(?P<n>{_NUMBER_PATTERN})(?![^\s\ufeff{{}}",])'
    rf'|(?P<w>[^\s\ufeff{{}}",]+))'
)
_INDEX_RE = re.compile(r"[0-9]+\Z")
_UNESCAPE = re.compile(r'\\([\\"])')


class Lexer:
    """Split ``.nfg`` text into tokens lazily, remembering offsets for error messages."""

    def __init__(self, text: str, file: str | None) -> None:
        self.text = text
        self.file = file
        self.pos = 0

    def error(self, message: str, offset: int) -> NoReturn:
        """Raise a :class:`ModelError` located at character ``offset`` of the text."""
        line = self.text.count("\n", 0, offset) + 1
        column = offset - self.text.rfind("\n", 0, offset)
        raise ModelError(message, file=self.file, line=line, column=column)

    def next(self) -> Token:
        """The next token; ``(EOF, "", offset)`` at the end, repeatedly."""
        m = _TOKEN_RE.match(self.text, self.pos)
        if m is None:
            # only blanks are left: report the end where the last token ended
            return (EOF, "", self.pos)
        kind = m.lastgroup
        assert kind is not None
        start = m.start(kind)
        if kind == "q":
            return self._string(start)
        self.pos = m.end()
        word = m.group(kind)
        if kind == "p":
            return (word, word, start)
        return (NUMBER if kind == "n" else WORD, word, start)

    def _string(self, start: int) -> Token:
        text = self.text
        search = start + 1
        while True:
            close = text.find('"', search)
            if close < 0:
                self.error("unterminated string", start)
            backslashes = 0
            k = close - 1
            while k > start and text[k] == "\\":
                backslashes += 1
                k -= 1
            if backslashes % 2 == 0:
                break
            search = close + 1
        self.pos = close + 1
        return (TEXT, _UNESCAPE.sub(r"\1", text[start + 1 : close]), start)


def small_int(tok: Token, cap: int) -> int | None:
    """The value of a non-negative integer token, capped at ``cap + 1``; else ``None``."""
    if tok[0] != NUMBER or not _INDEX_RE.match(tok[1]):
        return None
    digits = tok[1].lstrip("0") or "0"
    return int(digits) if len(digits) <= len(str(cap)) else cap + 1


def describe(tok: Token) -> str:
    """A token as error messages show it: ``'foo'``, ``the string "x"``, ``end of file``."""
    kind, text, _ = tok
    if kind == EOF:
        return "end of file"
    if kind == TEXT:
        shown = text if len(text) <= 40 else text[:37] + "..."
        return f'the string "{shown}"'
    shown = text if len(text) <= 40 else text[:37] + "..."
    return f"'{shown}'"


def plural(n: int, word: str, words: str | None = None) -> str:
    """``"1 outcome"``, ``"2 outcomes"`` (``words`` for an irregular plural)."""
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


@functools.lru_cache(maxsize=8)
def outcome_re(n: int) -> re.Pattern[str]:
    """A regex matching one well-formed outcome ``{ "name" u_1, ..., u_n }`` at once."""
    blank = r"[\s\ufeff]*"
    payoff = rf'{blank}({_NUMBER_PATTERN})(?![^\s\ufeff{{}}",])(?:{blank},)?'
    return re.compile(rf'\{{{blank}"[^"\\]*(?:\\.[^"\\]*)*"{payoff * n}{blank}\}}', re.DOTALL)


class BadNumber(Exception):
    """A number token that cannot be converted; the message lacks the location."""


def number_value(text: str) -> Fraction:
    """The exact value of a lexically valid number literal, within the size limits."""
    if len(text) > MAX_NUMBER_CHARS:
        raise BadNumber(f"number too long ({len(text)} characters, at most {MAX_NUMBER_CHARS})")
    shown = describe((NUMBER, text, 0))
    exp = max(text.find("e"), text.find("E"))
    if exp >= 0 and abs(int(text[exp + 1 :])) > MAX_EXPONENT:
        raise BadNumber(f"exponent of {shown} too large (at most {MAX_EXPONENT})")
    try:
        return Fraction(text)
    except ZeroDivisionError:
        raise BadNumber(f"invalid number {shown}: division by zero") from None
    except (ValueError, OverflowError):  # pragma: no cover - the lexer checked the syntax
        raise BadNumber(f"invalid number {shown}") from None
