"""The parser of Gambit ``.nfg`` files: :func:`read_nfg`, :func:`load_nfg` and
:func:`parse_nfg_bytes`.

The file format is described in :mod:`leverage.io.gambit`.  :class:`Parser` reads the
prologue (players, then strategy counts or labels), recognises the body by its first token
like Gambit's own parser, and reads the payoffs of every profile, the first player's
strategy changing fastest (Fortran order), into exact arrays.  Dimensions are checked
against the limits of :mod:`leverage.io.gambit.lexer` before any array is allocated; long
bodies of well-formed numbers or outcome indices are read by one regular expression at a
time (the fast paths), falling back to the token-by-token reading for exact error messages.

References
----------
The Gambit Project, "Game representation formats",
https://gambitproject.readthedocs.io/en/latest/formats.html (sections "The strategic game
(.nfg) file format, payoff version" and "..., outcome version").
"""

from __future__ import annotations

import math
import os
from fractions import Fraction
from typing import NoReturn

import numpy as np

from ...errors import ModelError
from ...games.strategic import Game
from ..names import column_clash, name_problem, normal, twice
from ..source import read_bytes, source_name
from .lexer import (
    COMMA,
    EOF,
    LBRACE,
    MAX_FILE_BYTES,
    MAX_OUTCOMES,
    MAX_PAYOFF_ENTRIES,
    MAX_PLAYERS,
    MAX_PROFILES,
    NUMBER,
    NUMBER_RE,
    RBRACE,
    TEXT,
    WORD,
    BadNumber,
    Lexer,
    Token,
    describe,
    number_value,
    outcome_re,
    plural,
    small_int,
)

__all__ = [
    "Parser",
    "load_nfg",
    "load_nfg_with_comment",
    "parse_nfg_bytes",
    "parse_nfg_bytes_with_comment",
    "read_nfg",
    "read_nfg_with_comment",
]


class Parser:
    """A recursive-descent parser of one ``.nfg`` text; :meth:`parse` returns the game."""

    def __init__(self, text: str, file: str | None) -> None:
        self.lex = Lexer(text, file)
        self.tok: Token = self.lex.next()
        self._numbers: dict[str, Fraction] = {}
        #: The optional comment after the strategies ("" when there is none).
        self.comment = ""

    # -- helpers
    def advance(self) -> Token:
        self.tok = self.lex.next()
        return self.tok

    def fail(self, message: str, tok: Token | None = None) -> NoReturn:
        self.lex.error(message, (tok or self.tok)[2])

    def expect(self, kind: str, what: str) -> Token:
        """Check the current token is of ``kind``, move past it and return it."""
        tok = self.tok
        if tok[0] != kind:
            self.fail(f"expected {what}, found {describe(tok)}")
        self.advance()
        return tok

    def number(self, tok: Token) -> Fraction:
        """The exact value of a number token (cached: payoff tables repeat values)."""
        text = tok[1]
        value = self._numbers.get(text)
        if value is None:
            try:
                value = number_value(text)
            except BadNumber as exc:
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
        self.tok = (EOF, "", len(self.lex.text))

    def bad_payoff(self, what: str) -> NoReturn:
        tok = self.tok
        if tok[0] == WORD and tok[1][0] in "0123456789+-.":
            self.fail(f"invalid number {describe(tok)}")
        self.fail(f"expected {what}, found {describe(tok)}")

    # -- grammar
    def parse(self) -> Game:
        tok = self.tok
        if tok[0] != WORD or tok[1] != "NFG":
            self.fail(f"expected 'NFG' at the start of the file, found {describe(tok)}")
        tok = self.advance()
        if tok[0] != NUMBER or tok[1] != "1":
            self.fail(f"expected the format version 1 after 'NFG', found {describe(tok)}")
        tok = self.advance()
        if tok[0] != WORD or tok[1] not in ("R", "D"):
            self.fail(f"expected 'R' or 'D' after 'NFG 1', found {describe(tok)}")
        self.advance()
        title = self.expect(TEXT, "the game title (a quoted string)")[1]
        players = self.players()
        strategies = self.strategies(players)
        if self.tok[0] == TEXT:  # optional comment
            self.comment = self.tok[1]
            self.advance()
        shape = tuple(len(s) for s in strategies)
        n_profiles = math.prod(shape)
        if self.tok[0] == LBRACE:
            flat = self.outcome_body(len(players), n_profiles)
        elif self.tok[0] in (NUMBER, WORD):
            flat = self.payoff_body(len(players), n_profiles)
        else:
            self.bad_payoff("a list of payoffs or of outcomes")
        if self.tok[0] != EOF:
            self.fail(f"expected end of file, found {describe(self.tok)}")
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
        self.expect(LBRACE, "'{' before the list of players")
        players: list[str] = []
        seen: dict[str, str] = {}
        while self.tok[0] == TEXT:
            tok = self.tok
            self.check_name(tok, "player name")
            key = normal(tok[1])
            if key in seen:
                self.fail(twice("player name", seen[key], tok[1]))
            seen[key] = tok[1]
            if len(players) == MAX_PLAYERS:
                self.fail(f"too many players (at most {MAX_PLAYERS} are supported)")
            players.append(tok[1])
            self.advance()
        if self.tok[0] != RBRACE:
            self.fail(
                f"expected a player name (a quoted string) or '}}', found {describe(self.tok)}"
            )
        if not players:
            self.fail("the game has no players")
        self.advance()
        return players

    def check_name(self, tok: Token, what: str, where: str = "") -> None:
        """Refuse a blank name, or one with surrounding whitespace or an invisible
        character (:func:`leverage.io.names.name_problem`)."""
        problem = name_problem(tok[1], what)
        if problem:
            self.fail(problem + where, tok)

    def check_size(self, profiles: int, n_players: int) -> None:
        if profiles > MAX_PROFILES:
            self.fail(f"game too large: more than {MAX_PROFILES} strategy profiles")
        if profiles * n_players > MAX_PAYOFF_ENTRIES:
            self.fail(f"game too large: more than {MAX_PAYOFF_ENTRIES} payoff entries")

    def strategies(self, players: list[str]) -> list[list[str]]:
        self.expect(LBRACE, "'{' before the strategies")
        n = len(players)
        strategies: list[list[str]] = []
        profiles = 1
        if self.tok[0] == LBRACE:
            for name in players:
                self.expect(LBRACE, f"'{{' before the strategy labels of player {name!r}")
                labels: list[str] = []
                seen: dict[str, str] = {}
                while self.tok[0] == TEXT:
                    label = self.tok[1]
                    self.check_name(self.tok, "strategy label", f" (player {name!r})")
                    key = normal(label)
                    if key in seen:
                        self.fail(
                            twice("strategy label", seen[key], label) + f" of player {name!r}"
                        )
                    seen[key] = label
                    labels.append(label)
                    self.check_size(profiles * len(labels), n)
                    self.advance()
                if self.tok[0] != RBRACE:
                    self.fail(
                        f"expected a strategy label (a quoted string) or '}}' for player "
                        f"{name!r}, found {describe(self.tok)}"
                    )
                if not labels:
                    self.fail(f"player {name!r} has no strategies")
                self.advance()
                profiles *= len(labels)
                strategies.append(labels)
        else:
            for name in players:
                tok = self.tok
                count = small_int(tok, MAX_PROFILES)
                if count is None or count == 0:
                    self.fail(
                        f"expected the number of strategies of player {name!r} "
                        f"(a positive integer), found {describe(tok)}"
                    )
                self.check_size(profiles * count, n)
                profiles *= count
                strategies.append([str(k + 1) for k in range(count)])
                self.advance()
        if self.tok[0] != RBRACE:
            self.fail(
                f"expected '}}' after the strategies of {plural(n, 'player')}, "
                f"found {describe(self.tok)}"
            )
        clash = column_clash(players, strategies)
        if clash:
            self.fail(
                f"two players' strategies (or a strategy and a payoff) would share the CSV "
                f"column {clash!r}: rename one"
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
            if tok[0] == NUMBER:
                values.append(self.number(tok))
                self.advance()
            elif tok[0] == EOF:
                self.fail(f"expected {plural(need, 'payoff')}, found {len(values)}")
            else:
                self.bad_payoff("a payoff (a number)")
        if self.tok[0] != EOF:
            self.fail(
                f"expected end of file after {plural(need, 'payoff')}, found {describe(self.tok)}"
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
                if not NUMBER_RE.match(field):
                    return None
                try:
                    value = number_value(field)
                except BadNumber:
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
        self.expect(LBRACE, "'{' before the list of outcomes")
        outcomes: list[tuple[Fraction, ...]] = []
        text = self.lex.text
        whole = outcome_re(n)
        while self.tok[0] == LBRACE:
            k = len(outcomes) + 1
            if k > MAX_OUTCOMES:
                self.fail(f"too many outcomes (at most {MAX_OUTCOMES})")
            match = whole.match(text, self.tok[2])
            if match is not None:  # fast path: the whole outcome in one match
                number = self.number
                outcomes.append(
                    tuple(number((NUMBER, match.group(i), match.start(i))) for i in range(1, n + 1))
                )
                self.lex.pos = match.end()
                self.advance()
                continue
            self.advance()
            self.expect(TEXT, f"the name of outcome {k} (a quoted string)")
            vector: list[Fraction] = []
            while len(vector) < n:
                tok = self.tok
                if tok[0] == NUMBER:
                    vector.append(self.number(tok))
                    if self.advance()[0] == COMMA:
                        self.advance()
                elif tok[0] == RBRACE:
                    self.fail(f"outcome {k} has {plural(len(vector), 'payoff')}, expected {n}")
                else:
                    self.bad_payoff(f"a payoff of outcome {k} (a number)")
            if self.tok[0] == NUMBER:
                self.fail(f"outcome {k} has more than {plural(n, 'payoff')}")
            self.expect(RBRACE, f"'}}' after the payoffs of outcome {k}")
            outcomes.append(tuple(vector))
        if self.tok[0] != RBRACE:
            self.fail(
                f"expected '{{' (an outcome) or '}}' (end of the outcomes), "
                f"found {describe(self.tok)}"
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
        need = plural(n_profiles, "outcome index", "outcome indices")
        cells: list[tuple[Fraction, ...]] = []
        for _ in range(n_profiles):
            tok = self.tok
            if tok[0] == EOF:
                self.fail(f"expected {need}, found {len(cells)}")
            index = small_int(tok, MAX_OUTCOMES)
            if index is None:
                self.fail(
                    f"expected an outcome index (a non-negative integer), found {describe(tok)}"
                )
            if index > m:
                self.fail(f"outcome index {tok[1][:20]} out of range ({plural(m, 'outcome')})")
            cells.append(table[index])
            self.advance()
        if self.tok[0] != EOF:
            self.fail(f"expected end of file after {need}, found {describe(self.tok)}")
        return [[cell[i] for cell in cells] for i in range(n)]


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
        when the file gives only strategy counts).  The optional comment is dropped
        (:func:`read_nfg_with_comment` returns it).

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
    return Parser(text, file).parse()


def read_nfg_with_comment(text: str, *, file: str | None = None) -> tuple[Game, str]:
    """:func:`read_nfg`, and the file's comment (the optional string after the strategies,
    Gambit's game description; ``""`` when there is none)."""
    parser = Parser(text, file)
    game = parser.parse()
    return game, parser.comment


def load_nfg(path: str | os.PathLike[str]) -> Game:
    """Read a Gambit ``.nfg`` file (UTF-8, falling back to Latin-1) into an exact game.

    Parameters
    ----------
    path
        Path of the file (``"-"``: standard input, named ``<stdin>``); at most
        :data:`MAX_FILE_BYTES` bytes.

    Returns
    -------
    Game
        See :func:`read_nfg`.

    Raises
    ------
    ModelError
        If the file cannot be read, is too large, or is not a valid ``.nfg`` game.
    """
    return load_nfg_with_comment(path)[0]


def load_nfg_with_comment(path: str | os.PathLike[str]) -> tuple[Game, str]:
    """:func:`load_nfg`, and the file's comment (see :func:`read_nfg_with_comment`)."""
    return parse_nfg_bytes_with_comment(read_bytes(path, MAX_FILE_BYTES), file=source_name(path))


def parse_nfg_bytes(data: bytes, *, file: str | None = None) -> Game:
    """:func:`read_nfg` of the bytes of a file (UTF-8, a byte-order mark allowed, else
    Latin-1), at most :data:`MAX_FILE_BYTES` of them."""
    return parse_nfg_bytes_with_comment(data, file=file)[0]


def parse_nfg_bytes_with_comment(data: bytes, *, file: str | None = None) -> tuple[Game, str]:
    """:func:`parse_nfg_bytes`, and the file's comment (see :func:`read_nfg_with_comment`)."""
    if len(data) > MAX_FILE_BYTES:
        raise ModelError(f"file is too large (more than {MAX_FILE_BYTES:,} bytes)", file=file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return read_nfg_with_comment(text, file=file)
