"""Gambit's strategic-game file format (``.nfg``), both versions, read and written exactly.

A ``.nfg`` file describes a finite game in strategic form
:math:`G = (N, (S_i)_{i \\in N}, (u_i)_{i \\in N})`.  Its prologue is ::

    NFG 1 R "title" { "Player 1" "Player 2" } <strategies> ["comment"]

where ``<strategies>`` is either a list of strategy *counts* (``{ 3 2 }``, the "payoff
version"; strategies are then labelled ``"1"``, ``"2"``, ...) or a nested list of strategy
*labels* (``{ { "U" "M" "D" } { "L" "R" } }``, the "outcome version").  The body is either

* a flat list of payoffs (payoff version): for every pure-strategy profile the payoff of
  every player, in player order; or
* a list of outcomes ``{ { "name" u_1, u_2 } ... }`` (commas optional) followed by one
  outcome index per profile (outcome version); outcomes are numbered from 1 and index 0 is
  the *null outcome*, paying 0 to every player.

In both bodies the profiles :math:`(s_1, \\dots, s_n)` are enumerated like the digits of a
mixed-radix number with the **first** player's strategy changing fastest, i.e. profile
number :math:`k = \\sum_i s_i \\prod_{j<i} |S_j|` (0-based), which is NumPy's Fortran
(``order="F"``) order.  Like Gambit's own parser (``src/games/file.cc``), the kind of body
is recognised by its first token, so a labelled prologue may be followed by a flat payoff
list; :func:`write_nfg` uses this to keep strategy labels in the payoff version.

Numbers may be integers (``-3``), decimals (``0.88``, ``.5``, ``1.5e-3``) or rationals
(``3/2``); all are read *exactly* as :class:`fractions.Fraction` (0.88 is 22/25, not the
nearest binary float), so the resulting :class:`~leverage.Game` is exact.  The
letter after the version (``R`` rational or ``D`` decimal) is obsolete and both are
accepted.  Whitespace is insignificant outside quoted strings; there are no comments
other than the optional quoted comment string after the strategies.

Quoted strings may contain any character, newlines included; ``\\"`` stands for a quote
and ``\\\\`` for a backslash, and any other backslash is kept literally.  (Gambit itself
only recognises ``\\"`` and writes backslashes unescaped, so labels containing a
backslash do not survive a round trip through Gambit; they do through this module.)

Beyond Gambit's grammar, this reader rejects duplicate player names and duplicate
strategy labels of one player (Gambit silently renames them), because the rest of
:mod:`leverage` addresses strategies by label.  Hostile input is bounded: at most
:data:`MAX_PROFILES` pure-strategy profiles, :data:`MAX_PLAYERS` players, numbers of at
most :data:`MAX_NUMBER_CHARS` characters with decimal exponents of at most
:data:`MAX_EXPONENT`, and files of at most :data:`MAX_FILE_BYTES` bytes; the dimensions
are checked before any payoff array is allocated.

References
----------
The Gambit Project, "Game representation formats",
https://gambitproject.readthedocs.io/en/latest/formats.html (sections "The strategic game
(.nfg) file format, payoff version" and "..., outcome version").
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Literal, NoReturn

import numpy as np

from ..errors import ModelError
from ..games.strategic import Game

__all__ = [
    "MAX_EXPONENT",
    "MAX_FILE_BYTES",
    "MAX_NUMBER_CHARS",
    "MAX_PAYOFF_ENTRIES",
    "MAX_PLAYERS",
    "MAX_PROFILES",
    "load_nfg",
    "read_nfg",
    "write_nfg",
]

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

# ---------------------------------------------------------------------------- lexing
# Token kinds.
_LBRACE = "{"
_RBRACE = "}"
_COMMA = ","
_TEXT = "text"
_NUMBER = "number"
_WORD = "word"
_EOF = "eof"

# A token is (kind, text, offset of its first character).
_Token = tuple[str, str, int]

_NUMBER_PATTERN = r"[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[0-9]+/[0-9]+)"
_NUMBER_RE = re.compile(_NUMBER_PATTERN + r"\Z")
# One match per token: skip blanks, then punctuation, a quote, a number ending at a
# delimiter, or any other run of non-delimiters (a "word": NFG, R, or garbage).
_TOKEN_RE = re.compile(
    rf'[\s\ufeff]*(?:(?P<p>[{{}},])|(?P<q>")|(?P<n>{_NUMBER_PATTERN})(?![^\s\ufeff{{}}",])'
    rf'|(?P<w>[^\s\ufeff{{}}",]+))'
)
_INDEX_RE = re.compile(r"[0-9]+\Z")
_UNESCAPE = re.compile(r'\\([\\"])')


class _Lexer:
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

    def next(self) -> _Token:
        """The next token; ``(_EOF, "", offset)`` at the end, repeatedly."""
        m = _TOKEN_RE.match(self.text, self.pos)
        if m is None:
            # only blanks are left: report the end where the last token ended
            return (_EOF, "", self.pos)
        kind = m.lastgroup
        assert kind is not None
        start = m.start(kind)
        if kind == "q":
            return self._string(start)
        self.pos = m.end()
        word = m.group(kind)
        if kind == "p":
            return (word, word, start)
        return (_NUMBER if kind == "n" else _WORD, word, start)

    def _string(self, start: int) -> _Token:
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
        return (_TEXT, _UNESCAPE.sub(r"\1", text[start + 1 : close]), start)


def _small_int(tok: _Token, cap: int) -> int | None:
    """The value of a non-negative integer token, capped at ``cap + 1``; else ``None``."""
    if tok[0] != _NUMBER or not _INDEX_RE.match(tok[1]):
        return None
    digits = tok[1].lstrip("0") or "0"
    return int(digits) if len(digits) <= len(str(cap)) else cap + 1


def _describe(tok: _Token) -> str:
    kind, text, _ = tok
    if kind == _EOF:
        return "end of file"
    if kind == _TEXT:
        shown = text if len(text) <= 40 else text[:37] + "..."
        return f'the string "{shown}"'
    shown = text if len(text) <= 40 else text[:37] + "..."
    return f"'{shown}'"


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


@functools.lru_cache(maxsize=8)
def _outcome_re(n: int) -> re.Pattern[str]:
    """A regex matching one well-formed outcome ``{ "name" u_1, ..., u_n }`` at once."""
    blank = r"[\s\ufeff]*"
    payoff = rf'{blank}({_NUMBER_PATTERN})(?![^\s\ufeff{{}}",])(?:{blank},)?'
    return re.compile(rf'\{{{blank}"[^"\\]*(?:\\.[^"\\]*)*"{payoff * n}{blank}\}}', re.DOTALL)


class _BadNumber(Exception):
    """A number token that cannot be converted; the message lacks the location."""


def _number_value(text: str) -> Fraction:
    """The exact value of a lexically valid number literal, within the size limits."""
    if len(text) > MAX_NUMBER_CHARS:
        raise _BadNumber(f"number too long ({len(text)} characters, at most {MAX_NUMBER_CHARS})")
    shown = _describe((_NUMBER, text, 0))
    exp = max(text.find("e"), text.find("E"))
    if exp >= 0 and abs(int(text[exp + 1 :])) > MAX_EXPONENT:
        raise _BadNumber(f"exponent of {shown} too large (at most {MAX_EXPONENT})")
    try:
        return Fraction(text)
    except ZeroDivisionError:
        raise _BadNumber(f"invalid number {shown}: division by zero") from None
    except (ValueError, OverflowError):  # pragma: no cover - the lexer checked the syntax
        raise _BadNumber(f"invalid number {shown}") from None


# ---------------------------------------------------------------------------- parsing
class _Parser:
    def __init__(self, text: str, file: str | None) -> None:
        self.lex = _Lexer(text, file)
        self.tok: _Token = self.lex.next()
        self._numbers: dict[str, Fraction] = {}

    # -- helpers
    def advance(self) -> _Token:
        self.tok = self.lex.next()
        return self.tok

    def fail(self, message: str, tok: _Token | None = None) -> NoReturn:
        self.lex.error(message, (tok or self.tok)[2])

    def expect(self, kind: str, what: str) -> _Token:
        """Check the current token is of ``kind``, move past it and return it."""
        tok = self.tok
        if tok[0] != kind:
            self.fail(f"expected {what}, found {_describe(tok)}")
        self.advance()
        return tok

    def number(self, tok: _Token) -> Fraction:
        """The exact value of a number token (cached: payoff tables repeat values)."""
        text = tok[1]
        value = self._numbers.get(text)
        if value is None:
            try:
                value = _number_value(text)
            except _BadNumber as exc:
                self.fail(str(exc), tok)
            if len(self._numbers) < 100_000:
                self._numbers[text] = value
        return value

    def rest_fields(self) -> list[str]:
        """Whitespace-separated fields from the current token to the end of the text."""
        return self.lex.text[self.tok[2] :].split()

    def finish(self) -> None:
        """Skip to the end of the text (after a fast path consumed the rest)."""
        self.lex.pos = len(self.lex.text)
        self.tok = (_EOF, "", len(self.lex.text))

    def bad_payoff(self, what: str) -> NoReturn:
        tok = self.tok
        if tok[0] == _WORD and tok[1][0] in "0123456789+-.":
            self.fail(f"invalid number {_describe(tok)}")
        self.fail(f"expected {what}, found {_describe(tok)}")

    # -- grammar
    def parse(self) -> Game:
        tok = self.tok
        if tok[0] != _WORD or tok[1] != "NFG":
            self.fail(f"expected 'NFG' at the start of the file, found {_describe(tok)}")
        tok = self.advance()
        if tok[0] != _NUMBER or tok[1] != "1":
            self.fail(f"expected the format version 1 after 'NFG', found {_describe(tok)}")
        tok = self.advance()
        if tok[0] != _WORD or tok[1] not in ("R", "D"):
            self.fail(f"expected 'R' or 'D' after 'NFG 1', found {_describe(tok)}")
        self.advance()
        title = self.expect(_TEXT, "the game title (a quoted string)")[1]
        players = self.players()
        strategies = self.strategies(players)
        if self.tok[0] == _TEXT:  # optional comment
            self.advance()
        shape = tuple(len(s) for s in strategies)
        n_profiles = math.prod(shape)
        if self.tok[0] == _LBRACE:
            flat = self.outcome_body(len(players), n_profiles)
        elif self.tok[0] in (_NUMBER, _WORD):
            flat = self.payoff_body(len(players), n_profiles)
        else:
            self.bad_payoff("a list of payoffs or of outcomes")
        if self.tok[0] != _EOF:
            self.fail(f"expected end of file, found {_describe(self.tok)}")
        payoffs = []
        for values in flat:
            arr = np.empty(n_profiles, dtype=object)
            arr[:] = values
            payoffs.append(arr.reshape(shape, order="F"))
        return Game(
            players=tuple(players),
            strategies=tuple(tuple(s) for s in strategies),
            payoffs=tuple(payoffs),
            exact=True,
            title=title,
        )

    def players(self) -> list[str]:
        self.expect(_LBRACE, "'{' before the list of players")
        players: list[str] = []
        while self.tok[0] == _TEXT:
            tok = self.tok
            if tok[1] in players:
                self.fail(f"duplicate player name {tok[1]!r}")
            if len(players) == MAX_PLAYERS:
                self.fail(f"too many players (at most {MAX_PLAYERS} are supported)")
            players.append(tok[1])
            self.advance()
        if self.tok[0] != _RBRACE:
            self.fail(
                f"expected a player name (a quoted string) or '}}', found {_describe(self.tok)}"
            )
        if not players:
            self.fail("the game has no players")
        self.advance()
        return players

    def check_size(self, profiles: int, n_players: int) -> None:
        if profiles > MAX_PROFILES:
            self.fail(f"game too large: more than {MAX_PROFILES} strategy profiles")
        if profiles * n_players > MAX_PAYOFF_ENTRIES:
            self.fail(f"game too large: more than {MAX_PAYOFF_ENTRIES} payoff entries")

    def strategies(self, players: list[str]) -> list[list[str]]:
        self.expect(_LBRACE, "'{' before the strategies")
        n = len(players)
        strategies: list[list[str]] = []
        profiles = 1
        if self.tok[0] == _LBRACE:
            for name in players:
                self.expect(_LBRACE, f"'{{' before the strategy labels of player {name!r}")
                labels: list[str] = []
                seen: set[str] = set()
                while self.tok[0] == _TEXT:
                    label = self.tok[1]
                    if label in seen:
                        self.fail(f"duplicate strategy label {label!r} of player {name!r}")
                    seen.add(label)
                    labels.append(label)
                    self.check_size(profiles * len(labels), n)
                    self.advance()
                if self.tok[0] != _RBRACE:
                    self.fail(
                        f"expected a strategy label (a quoted string) or '}}' for player "
                        f"{name!r}, found {_describe(self.tok)}"
                    )
                if not labels:
                    self.fail(f"player {name!r} has no strategies")
                self.advance()
                profiles *= len(labels)
                strategies.append(labels)
        else:
            for name in players:
                tok = self.tok
                count = _small_int(tok, MAX_PROFILES)
                if count is None or count == 0:
                    self.fail(
                        f"expected the number of strategies of player {name!r} "
                        f"(a positive integer), found {_describe(tok)}"
                    )
                self.check_size(profiles * count, n)
                profiles *= count
                strategies.append([str(k + 1) for k in range(count)])
                self.advance()
        if self.tok[0] != _RBRACE:
            self.fail(
                f"expected '}}' after the strategies of {_plural(n, 'player')}, "
                f"found {_describe(self.tok)}"
            )
        self.advance()
        return strategies

    def payoff_body(self, n: int, n_profiles: int) -> list[list[Fraction]]:
        need = n * n_profiles
        values: list[Fraction] | None = self.fast_numbers(need)
        if values is not None:
            self.finish()
            return [values[i::n] for i in range(n)]
        # slow path, token by token, to locate the error precisely
        values = []
        for _ in range(need):
            tok = self.tok
            if tok[0] == _NUMBER:
                values.append(self.number(tok))
                self.advance()
            elif tok[0] == _EOF:
                self.fail(f"expected {_plural(need, 'payoff')}, found {len(values)}")
            else:
                self.bad_payoff("a payoff (a number)")
        if self.tok[0] != _EOF:
            self.fail(
                f"expected end of file after {_plural(need, 'payoff')}, found {_describe(self.tok)}"
            )
        return [values[i::n] for i in range(n)]

    def fast_numbers(self, need: int) -> list[Fraction] | None:
        """The rest of the text as exactly ``need`` numbers, or ``None`` if it is not."""
        fields = self.rest_fields()
        if len(fields) != need:
            return None
        cache = self._numbers
        values = []
        for field in fields:
            value = cache.get(field)
            if value is None:
                if not _NUMBER_RE.match(field):
                    return None
                try:
                    value = _number_value(field)
                except _BadNumber:
                    return None
                if len(cache) < 100_000:
                    cache[field] = value
            values.append(value)
        return values

    def fast_indices(self, need: int, m: int) -> list[int] | None:
        """The rest of the text as ``need`` outcome indices at most ``m``, or ``None``."""
        fields = self.rest_fields()
        if len(fields) != need or not all(f.isdigit() and f.isascii() for f in fields):
            return None
        cap = len(str(m)) + 1
        indices = [int(f) if len(f) <= cap else m + 1 for f in fields]
        if indices and max(indices) > m:
            return None
        return indices

    def outcome_body(self, n: int, n_profiles: int) -> list[list[Fraction]]:
        self.expect(_LBRACE, "'{' before the list of outcomes")
        outcomes: list[tuple[Fraction, ...]] = []
        text = self.lex.text
        whole = _outcome_re(n)
        while self.tok[0] == _LBRACE:
            k = len(outcomes) + 1
            if k > MAX_OUTCOMES:
                self.fail(f"too many outcomes (at most {MAX_OUTCOMES})")
            match = whole.match(text, self.tok[2])
            if match is not None:  # fast path: the whole outcome in one match
                number = self.number
                outcomes.append(
                    tuple(
                        number((_NUMBER, match.group(i), match.start(i))) for i in range(1, n + 1)
                    )
                )
                self.lex.pos = match.end()
                self.advance()
                continue
            self.advance()
            self.expect(_TEXT, f"the name of outcome {k} (a quoted string)")
            vector: list[Fraction] = []
            while len(vector) < n:
                tok = self.tok
                if tok[0] == _NUMBER:
                    vector.append(self.number(tok))
                    if self.advance()[0] == _COMMA:
                        self.advance()
                elif tok[0] == _RBRACE:
                    self.fail(f"outcome {k} has {_plural(len(vector), 'payoff')}, expected {n}")
                else:
                    self.bad_payoff(f"a payoff of outcome {k} (a number)")
            if self.tok[0] == _NUMBER:
                self.fail(f"outcome {k} has more than {_plural(n, 'payoff')}")
            self.expect(_RBRACE, f"'}}' after the payoffs of outcome {k}")
            outcomes.append(tuple(vector))
        if self.tok[0] != _RBRACE:
            self.fail(
                f"expected '{{' (an outcome) or '}}' (end of the outcomes), "
                f"found {_describe(self.tok)}"
            )
        self.advance()
        null = (Fraction(0),) * n
        table: list[tuple[Fraction, ...]] = [null, *outcomes]
        m = len(outcomes)
        fast = self.fast_indices(n_profiles, m)
        if fast is not None:
            self.finish()
            return [[table[k][i] for k in fast] for i in range(n)]
        # slow path, token by token, to locate the error precisely
        need = _plural(n_profiles, "outcome index", "outcome indices")
        cells: list[tuple[Fraction, ...]] = []
        for _ in range(n_profiles):
            tok = self.tok
            if tok[0] == _EOF:
                self.fail(f"expected {need}, found {len(cells)}")
            index = _small_int(tok, MAX_OUTCOMES)
            if index is None:
                self.fail(
                    f"expected an outcome index (a non-negative integer), found {_describe(tok)}"
                )
            if index > m:
                self.fail(f"outcome index {tok[1][:20]} out of range ({_plural(m, 'outcome')})")
            cells.append(table[index])
            self.advance()
        if self.tok[0] != _EOF:
            self.fail(f"expected end of file after {need}, found {_describe(self.tok)}")
        return [[cell[i] for cell in cells] for i in range(n)]


# ---------------------------------------------------------------------------- public API
def read_nfg(text: str, *, file: str | None = None) -> Game:
    """Parse a Gambit ``.nfg`` strategic game (payoff or outcome version) exactly.

    Parameters
    ----------
    text
        The file's contents.
    file
        File name used in error messages only.

    Returns
    -------
    Game
        An exact game (payoffs are :class:`fractions.Fraction`) with the file's title,
        player names and strategy labels (``"1"``, ``"2"``, ... in the payoff version
        when the file gives only strategy counts).  The optional comment is dropped.

    Raises
    ------
    ModelError
        If the text is not a valid ``.nfg`` game or exceeds the size limits; the error
        carries the 1-based ``line`` and ``column`` of the offending token.

    Examples
    --------
    >>> g = read_nfg('NFG 1 R "Matching pennies" { "A" "B" } { 2 2 }  1 -1 -1 1 -1 1 1 -1')
    >>> g.players, g.strategies
    (('A', 'B'), (('1', '2'), ('1', '2')))
    >>> g.payoff_profile((1, 0))
    (Fraction(-1, 1), Fraction(1, 1))
    """
    return _Parser(text, file).parse()


def load_nfg(path: str | os.PathLike[str]) -> Game:
    """Read a Gambit ``.nfg`` file (UTF-8, falling back to Latin-1) into an exact game.

    Parameters
    ----------
    path
        Path of the file; at most :data:`MAX_FILE_BYTES` bytes.

    Returns
    -------
    Game
        See :func:`read_nfg`.

    Raises
    ------
    ModelError
        If the file cannot be read, is too large, or is not a valid ``.nfg`` game.
    """
    name = os.fsdecode(path)
    too_large = f"file too large (more than {MAX_FILE_BYTES} bytes)"
    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:
            raise ModelError(too_large, file=name)
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)  # the file may have grown since
    except OSError as exc:
        raise ModelError(f"cannot read file: {exc.strerror or exc}", file=name) from None
    if len(data) > MAX_FILE_BYTES:
        raise ModelError(too_large, file=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return read_nfg(text, file=name)


def write_nfg(game: Game, *, version: Literal["payoff", "outcome"] = "outcome") -> str:
    """Serialise a game as a Gambit ``.nfg`` file with exact rational payoffs.

    Parameters
    ----------
    game
        The game to write.  Exact payoffs are written as integers (``3``) or reduced
        fractions (``22/25``); float payoffs as the fraction equal to their shortest
        decimal representation (``0.1`` is written ``1/10``), which converts back to the
        same float.
    version
        ``"outcome"`` (default, what Gambit itself writes): strategy labels, one outcome
        per profile named after its strategy labels, then the outcome indices.
        ``"payoff"``: a flat payoff list, one profile per line; the prologue gives
        strategy counts (``{ 3 2 }``) when every player's labels are the defaults
        ``"1"``, ``"2"``, ..., and the labels otherwise so that they survive the round trip
        (Gambit reads both).

    Returns
    -------
    str
        The file's text, always ``NFG 1 R``, ending with a newline.  Quotes and
        backslashes in labels are escaped with a backslash.  The output depends only on
        the game.

    Raises
    ------
    ModelError
        If a payoff is not finite or not a rational number.
    ValueError
        If ``version`` is neither ``"payoff"`` nor ``"outcome"``.

    Examples
    --------
    >>> g = Game.from_arrays([[1, 0]], [[2, 3]], title="Tiny")
    >>> print(write_nfg(g, version="payoff"), end="")
    NFG 1 R "Tiny" { "1" "2" } { 1 2 }
    <BLANKLINE>
    1 2
    0 3
    """
    if version not in ("payoff", "outcome"):
        raise ValueError(f"version must be 'payoff' or 'outcome', not {version!r}")
    players = [str(p) for p in game.players]
    strategies = [[str(s) for s in labels] for labels in game.strategies]
    shape = tuple(len(s) for s in strategies)
    cache: dict[Any, str] = {}

    def fmt(value: Any) -> str:
        # keyed by type too: 0.1 == Fraction(0.1) but they are written differently
        key = (type(value), value)
        try:
            return cache[key]
        except (KeyError, TypeError):
            pass
        text = _format_number(value)
        try:
            cache[key] = text
        except TypeError:  # pragma: no cover - unhashable payload
            pass
        return text

    # profiles with the first player's strategy changing fastest (Gambit's order), which
    # is NumPy's Fortran order
    columns = [[fmt(v) for v in np.asarray(arr).ravel(order="F").tolist()] for arr in game.payoffs]
    rows = list(zip(*columns, strict=True))

    head = f"NFG 1 R {_quote(game.title)} {{ {' '.join(_quote(p) for p in players)} }}"
    lines: list[str]
    if version == "payoff":
        defaults = all(labels == [str(k + 1) for k in range(len(labels))] for labels in strategies)
        if defaults:
            lines = [f"{head} {{ {' '.join(str(k) for k in shape)} }}", ""]
        else:
            lines = [head, "", *_strategy_block(strategies), '""', ""]
        lines += [" ".join(row) for row in rows]
    else:
        lines = [head, "", *_strategy_block(strategies), '""', "", "{"]
        names = (", ".join(rev[::-1]) for rev in itertools.product(*reversed(strategies)))
        for name, row in zip(names, rows, strict=True):
            lines.append(f"{{ {_quote(name)} {', '.join(row)} }}")
        lines.append("}")
        indices = [str(k + 1) for k in range(len(rows))]
        lines += [" ".join(indices[i : i + 20]) for i in range(0, len(indices), 20)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------- writing helpers
def _quote(label: str) -> str:
    escaped = label.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _strategy_block(strategies: Sequence[Sequence[str]]) -> list[str]:
    body = [f"{{ {' '.join(_quote(s) for s in labels)} }}" for labels in strategies]
    body[0] = "{ " + body[0]
    return [*body, "}"]


def _format_number(value: Any) -> str:
    if isinstance(value, (bool, np.bool_)):
        value = int(value)
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(float(value)):
            raise ModelError(f"payoff {float(value)!r} is not finite and cannot be written")
        return str(Fraction(repr(float(value))))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    try:
        return str(Fraction(value))
    except (TypeError, ValueError) as exc:
        raise ModelError(f"payoff {value!r} is not a rational number") from exc
