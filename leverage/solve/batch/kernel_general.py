"""The float kernel for ``m × n`` games: equal-size support enumeration over stacks.

For every support size ``k``, the column sides of all support pairs are solved at once
for all points of a chunk, then the row sides of the pairs whose column side is
feasible (compressed); equilibria are collected by (rank, point) and assembled into
structures and compressed rows without sorting.  The mathematics and the rules that make
a point ambiguous are in :mod:`leverage.solve.batch.kernels`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..structure import Structure
from .base import FloatChunk, empty_rows, max_abs, tolerance_scale
from .systems import classify_side, pure_best_responses

__all__ = ["SupportLayout", "SupportPairs", "kernel_general", "support_layout"]


@dataclass(frozen=True)
class SupportPairs:
    """Support pairs of size ``k`` and their global rank in structure order."""

    k: int
    rows: np.ndarray  # (R, k) row supports
    cols: np.ndarray  # (C, k) column supports
    rows_out: np.ndarray  # (R, m - k) rows outside each row support
    cols_out: np.ndarray  # (C, n - k) columns outside each column support
    rank: np.ndarray  # (R, C) global rank


@dataclass(frozen=True)
class SupportLayout:
    """Every support pair of equal size of an ``m × n`` game, by size, and the pairs in
    structure order (sorted by row support, then column support)."""

    m: int
    n: int
    by_k: tuple[SupportPairs, ...]
    supports: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]  # by rank

    @property
    def count(self) -> int:
        """The number of support pairs."""
        return len(self.supports)


_LAYOUTS: dict[tuple[int, int], SupportLayout] = {}


def _complement(sets: list[tuple[int, ...]], size: int) -> np.ndarray:
    out = [[v for v in range(size) if v not in s] for s in sets]
    return np.array(out, dtype=np.intp).reshape(len(sets), size - len(sets[0]))


def support_layout(m: int, n: int) -> SupportLayout:
    """The support pairs of ``m × n`` games (built once per shape, then cached)."""
    if (m, n) not in _LAYOUTS:
        by_size = []
        for k in range(1, min(m, n) + 1):
            rows = list(itertools.combinations(range(m), k))
            cols = list(itertools.combinations(range(n), k))
            by_size.append((k, rows, cols))
        ordered = sorted((r, c) for _, rows, cols in by_size for r in rows for c in cols)
        rank_of = {p: i for i, p in enumerate(ordered)}
        by_k = tuple(
            SupportPairs(
                k,
                np.array(rows, dtype=np.intp),
                np.array(cols, dtype=np.intp),
                _complement(rows, m),
                _complement(cols, n),
                np.array([[rank_of[(r, c)] for c in cols] for r in rows], dtype=np.int64),
            )
            for k, rows, cols in by_size
        )
        _LAYOUTS[(m, n)] = SupportLayout(m, n, by_k, tuple(ordered))
    return _LAYOUTS[(m, n)]


def kernel_general(
    a: np.ndarray,
    b: np.ndarray,
    given: tuple[np.ndarray, np.ndarray] | None,
    rtol: float,
    store: bool,
) -> FloatChunk:
    """Equal-size support enumeration over stacks, for any ``m × n``."""
    npts, m, n = a.shape
    layout = support_layout(m, n)
    with np.errstate(all="ignore"):
        amax, bmax = max_abs(a), max_abs(b)
        finite = np.isfinite(amax) & np.isfinite(bmax)
        sa = tolerance_scale(amax, None if given is None else given[0])
        sb = tolerance_scale(bmax, None if given is None else given[1])
        ambiguous = ~(np.isfinite(sa) & np.isfinite(sb))
        # normalised payoffs, strategy axes first and points last (contiguous)
        b_rc = np.ascontiguousarray((b / sb[:, None, None]).transpose(1, 2, 0))  # B[i, j]
        a_cr = np.ascontiguousarray((a / sa[:, None, None]).transpose(2, 1, 0))  # A[i, j]ᵀ
        a_flat = a_cr.reshape(-1)
        eqmat = np.zeros((layout.count, npts), dtype=bool)  # equilibria by (rank, point)
        found: list[tuple[Any, ...]] = []
        for pairs in layout.by_k:
            if pairs.k == 1:
                ok_x, und_x = pure_best_responses(b_rc, rtol)
                ok_yt, und_yt = pure_best_responses(a_cr, rtol)
                ambiguous |= und_x.any(axis=(0, 1)) | und_yt.any(axis=(0, 1))
                eq = ok_x & ok_yt.transpose(1, 0, 2)
                r_idx, c_idx, p_idx = _unravel(np.flatnonzero(eq), n, npts)
                eqmat[pairs.rank[r_idx, c_idx], p_idx] = True
                u = a[p_idx, pairs.rows[r_idx, 0], pairs.cols[c_idx, 0]]
                v = b[p_idx, pairs.rows[r_idx, 0], pairs.cols[c_idx, 0]]
                found.append((1, p_idx, pairs.rank[r_idx, c_idx], r_idx, c_idx, None, None, u, v))
                continue
            ok_x, und_x, px, vx = _column_side(b_rc, pairs, rtol)
            ambiguous |= und_x.any(axis=(0, 1))
            flat = np.flatnonzero(ok_x)
            r_idx, c_idx, p_idx = _unravel(flat, len(pairs.cols), npts)
            ok_y, und_y, py, vy = _row_side(a_flat, m, n, npts, pairs, r_idx, c_idx, p_idx, rtol)
            ambiguous[p_idx[und_y]] = True
            sel = np.flatnonzero(ok_y)
            r_idx, c_idx, p_idx, flat = r_idx[sel], c_idx[sel], p_idx[sel], flat[sel]
            eqmat[pairs.rank[r_idx, c_idx], p_idx] = True
            xs = np.stack([p.reshape(-1)[flat] for p in px], axis=1)
            ys = np.stack([p[sel] for p in py], axis=1)
            u = vy[sel] * sa[p_idx]  # row player's payoff: its value at y, unnormalised
            v = vx.reshape(-1)[flat] * sb[p_idx]
            found.append((pairs.k, p_idx, pairs.rank[r_idx, c_idx], r_idx, c_idx, xs, ys, u, v))
        ambiguous |= np.count_nonzero(eqmat, axis=0) % 2 == 0
        ambiguous &= finite
    decided = finite & ~ambiguous
    return _assemble_general(layout, found, eqmat, decided, ambiguous, finite, store)


def _unravel(flat: np.ndarray, cols: int, npts: int) -> tuple[np.ndarray, ...]:
    """Indices ``(r, c, p)`` of flat positions in an array of shape ``(R, cols, npts)``."""
    rc, p = np.divmod(flat, npts)
    r, c = np.divmod(rc, cols)
    return r, c, p


def _column_side(pay: np.ndarray, pairs: SupportPairs, rtol: float):
    """Column sides of all pairs of one size: ``pay`` is ``B`` as ``(m, n, N)``."""
    k = pairs.k
    rr = [pairs.rows[:, s][:, None] for s in range(k)]  # (R, 1)
    cc = [pairs.cols[:, t][None, :] for t in range(k)]  # (1, C)
    base = [pay[rr[s], cc[0]] for s in range(k)]
    entries = [[pay[rr[s], cc[t]] - base[s] for s in range(k)] for t in range(1, k)]
    others = [
        [pay[rr[s], pairs.cols_out[:, q][None, :]] for s in range(k)]
        for q in range(pairs.cols_out.shape[1])
    ]
    return classify_side(entries, base, others, rtol)


def _row_side(
    a_flat: np.ndarray,
    m: int,
    n: int,
    npts: int,
    pairs: SupportPairs,
    r_idx: np.ndarray,
    c_idx: np.ndarray,
    p_idx: np.ndarray,
    rtol: float,
):
    """Row sides of the listed pairs only (compressed): ``a_flat`` is ``Aᵀ`` flattened."""
    k = pairs.k
    rows = pairs.rows[r_idx]  # (L, k)
    cols = pairs.cols[c_idx]
    rows_out = pairs.rows_out[r_idx]

    # flat index of Aᵀ[j, i] at point p: (j m + i) N + p
    col_at = [cols[:, s] * (m * npts) + p_idx for s in range(k)]
    row_at = [rows[:, t] * npts for t in range(k)]
    out_at = [rows_out[:, q] * npts for q in range(m - k)]
    base = [a_flat[col_at[s] + row_at[0]] for s in range(k)]
    entries = [[a_flat[col_at[s] + row_at[t]] - base[s] for s in range(k)] for t in range(1, k)]
    others = [[a_flat[col_at[s] + out_at[q]] for s in range(k)] for q in range(m - k)]
    return classify_side(entries, base, others, rtol)


def _assemble_general(
    layout: SupportLayout,
    found: list[tuple[Any, ...]],
    eqmat: np.ndarray,
    decided: np.ndarray,
    ambiguous: np.ndarray,
    finite: np.ndarray,
    store: bool,
) -> FloatChunk:
    """Structures and compressed rows of the decided points, without sorting: the row of
    an equilibrium is its point's start plus the number of lower-ranked equilibria there."""
    npts = eqmat.shape[1]
    m, n = layout.m, layout.n
    eqmat[:, ~decided] = False
    before = np.cumsum(eqmat, axis=0, dtype=np.int32)  # equilibria of rank <= r at p
    counts = before[-1].astype(np.int64)
    dec = np.flatnonzero(decided)
    ids = np.full(npts, -1, dtype=np.int32)
    table: list[Structure] = []
    if len(dec):
        keys, inverse = _unique_columns(eqmat[:, dec])
        supports = layout.supports
        table = [tuple([supports[r] for r in np.flatnonzero(key)]) for key in keys]
        ids[dec] = inverse.astype(np.int32)
    if not store:
        return FloatChunk(ambiguous, finite, ids, table, counts, empty_rows(m + n), empty_rows(2))
    total = int(counts.sum())
    starts = np.cumsum(counts) - counts
    strategies = np.zeros((total, m + n))
    payoffs = np.empty((total, 2))
    flat_s = strategies.reshape(-1)  # 1-D scatters are much faster than 2-D ones
    flat_p = payoffs.reshape(-1)
    for k, p_idx, rank, r_idx, c_idx, px, py, u, v in found:
        keep = np.flatnonzero(decided[p_idx])
        p_idx, rank, r_idx, c_idx = p_idx[keep], rank[keep], r_idx[keep], c_idx[keep]
        pos = starts[p_idx] + before.reshape(-1)[rank * npts + p_idx] - 1
        row = pos * (m + n)
        pairs = layout.by_k[k - 1]
        for s in range(k):
            flat_s[row + pairs.rows[r_idx, s]] = 1.0 if px is None else px[keep, s]
            flat_s[row + m + pairs.cols[c_idx, s]] = 1.0 if py is None else py[keep, s]
        flat_p[2 * pos] = u[keep]
        flat_p[2 * pos + 1] = v[keep]
    return FloatChunk(ambiguous, finite, ids, table, counts, strategies, payoffs)


def _unique_columns(matrix: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Distinct columns of a boolean matrix and the inverse, numbered in order of first
    appearance (columns packed into bytes, then compared as one word or one blob)."""
    packed = np.ascontiguousarray(np.packbits(matrix, axis=0).T)
    width = packed.shape[1]
    view: np.ndarray
    if width <= 8:
        padded = np.zeros((len(packed), 8), dtype=np.uint8)
        padded[:, :width] = packed
        view = padded.view(np.uint64)[:, 0]
    else:
        view = np.ascontiguousarray(packed).view(np.dtype((np.void, width)))[:, 0]
    _, first, inverse = np.unique(view, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    remap = np.empty(len(order), dtype=np.int64)
    remap[order] = np.arange(len(order))
    return [matrix[:, first[o]] for o in order], remap[inverse.ravel()]
