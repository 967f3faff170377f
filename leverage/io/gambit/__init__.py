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
other than the optional quoted comment string after the strategies (Gambit's description
of the game: :func:`read_nfg_with_comment` returns it, :func:`write_nfg` writes it).

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

The package: :mod:`.lexer` splits the text into tokens and converts numbers exactly, within
the limits; :mod:`.reader` parses the tokens into a game (:func:`read_nfg`, :func:`load_nfg`);
:mod:`.writer` serialises a game (:func:`write_nfg`).

References
----------
The Gambit Project, "Game representation formats",
https://gambitproject.readthedocs.io/en/latest/formats.html (sections "The strategic game
(.nfg) file format, payoff version" and "..., outcome version").
"""

from .lexer import (
    MAX_EXPONENT,
    MAX_FILE_BYTES,
    MAX_NUMBER_CHARS,
    MAX_OUTCOMES,
    MAX_PAYOFF_ENTRIES,
    MAX_PLAYERS,
    MAX_PROFILES,
)
from .reader import (
    load_nfg,
    load_nfg_with_comment,
    parse_nfg_bytes,
    parse_nfg_bytes_with_comment,
    read_nfg,
    read_nfg_with_comment,
)
from .writer import write_nfg

__all__ = [
    "MAX_EXPONENT",
    "MAX_FILE_BYTES",
    "MAX_NUMBER_CHARS",
    "MAX_OUTCOMES",
    "MAX_PAYOFF_ENTRIES",
    "MAX_PLAYERS",
    "MAX_PROFILES",
    "load_nfg",
    "load_nfg_with_comment",
    "parse_nfg_bytes",
    "parse_nfg_bytes_with_comment",
    "read_nfg",
    "read_nfg_with_comment",
    "write_nfg",
]
