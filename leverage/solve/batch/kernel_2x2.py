"""The float kernel for 2×2 games: the signs of the four payoff differences decide.

Each player's best response against each pure strategy of the other is given by the sign
of one payoff difference; the five candidate equilibria (four pure profiles and the
completely mixed one) follow, with closed forms for the mixed probabilities and payoffs.
A difference within the margin of its scale makes the point ambiguous (see
:mod:`leverage.solve.batch.kernels`).
"""

from __future__ import annotations

import numpy as np

from .base import FloatChunk, empty_rows, max_abs, tolerance_scale

__all__ = ["kernel_2x2"]


# 2×2 equilibria in structure order: (0,)(0,)  (0,)(1,)  (0,1)(0,1)  (1,)(0,)  (1,)(1,)
_SUPPORTS_2X2 = (
    ((0,), (0,)),
    ((0,), (1,)),
    ((0, 1), (0, 1)),
    ((1,), (0,)),
    ((1,), (1,)),
)
_CODE_STRUCTURES = [
    tuple(s for bit, s in enumerate(_SUPPORTS_2X2) if code >> bit & 1) for code in range(32)
]
_CODE_COUNTS = np.array([bin(code).count("1") for code in range(32)], dtype=np.int64)
_ROWS_2X2 = np.array(
    [[1, 0, 1, 0], [1, 0, 0, 1], [0, 0, 0, 0], [0, 1, 1, 0], [0, 1, 0, 1]], dtype=np.float64
)
_CELLS_2X2 = np.array([0, 1, 0, 2, 3], dtype=np.int64)  # flat cell of each pure profile


def kernel_2x2(
    a: np.ndarray,
    b: np.ndarray,
    given: tuple[np.ndarray, np.ndarray] | None,
    rtol: float,
    store: bool,
) -> FloatChunk:
    """Closed form for 2×2 games: the signs of the four payoff differences decide."""
    npts = len(a)
    af = a.reshape(npts, 4)
    bf = b.reshape(npts, 4)
    a00, a01, a10, a11 = (af[:, c] for c in range(4))
    b00, b01, b10, b11 = (bf[:, c] for c in range(4))
    with np.errstate(all="ignore"):
        amax, bmax = max_abs(a), max_abs(b)
        finite = np.isfinite(amax) & np.isfinite(bmax)
        sa = tolerance_scale(amax, None if given is None else given[0])
        sb = tolerance_scale(bmax, None if given is None else given[1])
        da0 = a00 - a10  # row 0 over row 1 against column 0
        da1 = a01 - a11
        db0 = b00 - b01  # column 0 over column 1 against row 0
        db1 = b10 - b11
        ma = rtol * sa
        mb = rtol * sb
        ambiguous = np.abs(da0) <= ma
        ambiguous |= np.abs(da1) <= ma
        ambiguous |= np.abs(db0) <= mb
        ambiguous |= np.abs(db1) <= mb
        ambiguous |= ~np.isfinite(sa)
        ambiguous |= ~np.isfinite(sb)
        ambiguous &= finite
        ok = finite & ~ambiguous
        pa0, pa1, pb0, pb1 = da0 > 0, da1 > 0, db0 > 0, db1 > 0
        masks = (
            ok & pa0 & pb0,
            ok & pa1 & ~pb0,
            ok & (pa0 != pa1) & (pb0 != pb1),
            ok & ~pa0 & pb1,
            ok & ~pa1 & ~pb1,
        )
        code = np.zeros(npts, dtype=np.int64)
        for bit, mk in enumerate(masks):
            code |= mk.astype(np.int64) << bit
        present = np.flatnonzero(np.bincount(code, minlength=32)[1:]) + 1
        first = np.array([np.argmax(code == c) for c in present], dtype=np.int64)
        order = present[np.argsort(first, kind="stable")]
        lut = np.full(32, -1, dtype=np.int32)
        lut[order] = np.arange(len(order), dtype=np.int32)
        ids = lut[code]
        table = [_CODE_STRUCTURES[c] for c in order]
        counts = _CODE_COUNTS[code]
        if not store:
            return FloatChunk(ambiguous, finite, ids, table, counts, empty_rows(4), empty_rows(2))
        # rows in (point, rank) order, i.e. compressed sparse rows
        point, rank = np.divmod(np.flatnonzero(np.stack(masks, axis=1).reshape(-1)), 5)
        strategies = np.take(_ROWS_2X2, rank, axis=0)
        cell = _CELLS_2X2[rank] + 4 * point
        payoffs = np.empty((len(point), 2))
        payoffs[:, 0] = af.reshape(-1)[cell]
        payoffs[:, 1] = bf.reshape(-1)[cell]
        mixed = np.flatnonzero(rank == 2)
        if len(mixed):
            idx = point[mixed]
            q = da1[idx] / (da1[idx] - da0[idx])  # column player's weight on column 0
            p = db1[idx] / (db1[idx] - db0[idx])  # row player's weight on row 0
            strategies[mixed] = np.stack([p, 1.0 - p, q, 1.0 - q], axis=1)
            payoffs[mixed, 0] = q * a00[idx] + (1.0 - q) * a01[idx]
            payoffs[mixed, 1] = p * b00[idx] + (1.0 - p) * b10[idx]
    return FloatChunk(ambiguous, finite, ids, table, counts, strategies, payoffs)
