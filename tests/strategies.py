"""Shared hypothesis strategies for games (one place, as in Axelrod's tests/property.py)."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st


@st.composite
def bimatrix(draw, min_size=1, max_size=5, values=st.integers(-6, 6), square=False):
    """Two integer payoff matrices of the same random shape."""
    m = draw(st.integers(min_size, max_size))
    n = m if square else draw(st.integers(min_size, max_size))
    cells = st.lists(values, min_size=m * n, max_size=m * n)
    a = np.array(draw(cells), dtype=object).reshape(m, n)
    b = np.array(draw(cells), dtype=object).reshape(m, n)
    return a, b


def degenerate_bimatrix(min_size=2, max_size=4, square=False):
    """Games with payoffs in {0, 1}: degenerate more often than not."""
    return bimatrix(min_size, max_size, st.integers(0, 1), square)


#: Pieces of text that break naive writers: quotes, backslashes, TOML's and Gambit's
#: delimiters, commas and blanks, control characters (C0, DEL, C1), line separators and
#: characters outside the BMP.
NASTY_PIECES = [
    '"',
    '"""',
    "\\",
    "\\u0041",
    "'",
    "'''",
    ",",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\x00",
    "\x01",
    "\x1b]0;pwned\x07",
    "\x7f",
    "\x85",
    "\u2028",
    "\xa0",
    "=",
    "#",
    "[",
    "]",
    "{",
    "}",
    "é",
    "中",
    "🎲",
]


def nasty_text(min_size=0, max_size=6):
    """Text made of :data:`NASTY_PIECES` and arbitrary characters."""
    # any character that a text file can hold (not a lone surrogate)
    char = st.characters(exclude_categories=("Cs",))
    piece = st.one_of(st.sampled_from(NASTY_PIECES), char, st.sampled_from("abAB1"))
    return st.lists(piece, min_size=min_size, max_size=max_size).map("".join)


def model_label(strategy=True):
    """Nasty labels that a model file can hold: not blank, no surrounding blanks and, for a
    strategy label, no comma (the model reader strips labels and splits outcomes at
    commas)."""
    from leverage.io.names import name_problem

    return nasty_text(1, 5).filter(
        lambda s: name_problem(s, "label") is None and not (strategy and "," in s)
    )
