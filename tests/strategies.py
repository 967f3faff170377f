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
