"""The support systems of batched support enumeration, solved and classified by sign.

:func:`classify_side` solves one side (row or column player) of a stack of support
pairs of one size — by closed form (``k = 2``), Cramer's rule with Laplace-expanded
:func:`cofactors` (``k ≤`` :data:`~leverage.solve.batch.base.MAX_CRAMER`) or
:func:`gauss_jordan` elimination — and decides, with error margins, whether it is
feasible, infeasible or undecided.  :func:`pure_best_responses` does the same for pure
strategies.  The margins are derived in :mod:`leverage.solve.batch.kernels`.
"""

from __future__ import annotations

import itertools

import numpy as np

from .base import ETA, MAX_CRAMER, SINGULAR_CONDITION

__all__ = ["classify_side", "cofactors", "gauss_jordan", "pure_best_responses"]


def classify_side(
    entries: list[list[np.ndarray]],
    base: list[np.ndarray],
    others: list[list[np.ndarray]],
    rtol: float,
) -> tuple[np.ndarray, np.ndarray, list[np.ndarray], np.ndarray]:
    """Solve and classify one side of a stack of support pairs of size ``k``.

    ``entries[t][s]`` (``t < k - 1``) are the system's rows (payoff differences of the
    chooser between indifferent strategies ``t + 1`` and ``0``, for the mixer's support
    strategy ``s``); ``base[s]`` the chooser's payoff of indifferent strategy 0;
    ``others[q][s]`` its payoff of the ``q``-th strategy outside the indifferent set.
    All arrays broadcast to one shape.  Returns the masks ``ok`` and ``undecided``, the
    ``k`` probability arrays and the chooser's (normalised) payoff, meaningful where
    ``ok``.
    """
    k = len(base)
    if k == 2:
        a, b = entries[0]
        ap, an, bp, bn = a > rtol, a < -rtol, b > rtol, b < -rtol
        pos_ok = ap & bn
        pos_ok |= an & bp
        pos_bad = ap & bp
        pos_bad |= an & bn
        pos_bad |= (a == 0) & (b == 0)  # exactly singular: no vertex (see module doc)
        diff = b - a
        probs = [b / diff, a / diff]
        np.negative(probs[1], out=probs[1])
        err = np.abs(a)
        err += np.abs(b)
        np.divide(ETA, err, out=err)
    elif k <= MAX_CRAMER:
        cof, perm = cofactors(entries)
        margin = [rtol * z for z in perm]
        plus = [c > mg for c, mg in zip(cof, margin, strict=True)]
        minus = [c < -mg for c, mg in zip(cof, margin, strict=True)]
        pos_ok = np.logical_and.reduce(plus) | np.logical_and.reduce(minus)
        det = cof[0]
        total = perm[0]
        for c, z in zip(cof[1:], perm[1:], strict=True):
            det = det + c
            total = total + z
        pos_bad = np.logical_or.reduce(plus) & np.logical_or.reduce(minus)
        pos_bad &= np.abs(det) > rtol * total
        pos_bad |= np.logical_and.reduce([c == 0 for c in cof])  # exactly singular
        probs = [c / det for c in cof]
        err = (4.0 * ETA) * total / np.abs(det)
    else:
        probs, cond, singular = gauss_jordan(entries)
        size = np.maximum(1.0, np.maximum.reduce([np.abs(p) for p in probs]))
        err = ETA * k * cond * size
        tol_p = rtol + err
        pos_ok = ~singular
        pos_bad = ~singular
        for p in probs:
            pos_ok &= p > tol_p
        pos_bad &= np.logical_or.reduce([p < -tol_p for p in probs])
    value = probs[0] * base[0]
    for s in range(1, k):
        value += probs[s] * base[s]
    tol = err
    tol *= 2.0 * k
    tol += rtol
    ok, bad = pos_ok, pos_bad
    if others:
        gain = None
        for row in others:
            g = probs[0] * row[0]
            for s in range(1, k):
                g += probs[s] * row[s]
            gain = g if gain is None else np.maximum(gain, g, out=gain)
        assert gain is not None
        gain -= value
        ok &= gain < -tol
        bad |= gain > tol
    undecided = ok | bad
    np.logical_not(undecided, out=undecided)
    return ok, undecided, probs, value


def cofactors(entries: list[list[np.ndarray]]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Cofactors of the row of ones of ``[entries; 1 … 1]`` (``k × k``), by Laplace
    expansion, with matching bounds.

    ``x_s = cof_s / Σ cof`` solves the system.  ``perm[s]`` is the permanent of the
    minor with every entry ``e`` replaced by ``|e| + 1``: it bounds the terms of the
    expansion (so its rounding error is below ``c u perm``) and every partial derivative
    of the cofactor with respect to an entry (so the effect of errors in the entries).
    """
    k = len(entries) + 1
    last = k - 2
    minors: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray]] = {}
    for c in range(k):
        e = entries[last][c]
        minors[(c,)] = (e, np.abs(e) + 1.0)
    for t in range(last - 1, -1, -1):
        size = k - 1 - t
        row = entries[t]
        mag = [np.abs(e) + 1.0 for e in row]
        level: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray]] = {}
        for cols in itertools.combinations(range(k), size):
            value = perm = None
            for i, c in enumerate(cols):
                sub_v, sub_p = minors[cols[:i] + cols[i + 1 :]]
                term = row[c] * sub_v
                value = term if value is None else (value - term if i % 2 else value + term)
                pterm = mag[c] * sub_p
                perm = pterm if perm is None else perm + pterm
            level[cols] = (value, perm)  # type: ignore[assignment]
        minors = level
    cof, perm = [], []
    for s in range(k):
        v, p = minors[tuple(c for c in range(k) if c != s)]
        cof.append(v if (k - 1 + s) % 2 == 0 else -v)
        perm.append(p)
    return cof, perm


def gauss_jordan(entries: list[list[np.ndarray]]):
    """Last column of the inverse of ``[entries; 1 … 1]`` for a stack, by Gauss–Jordan
    elimination with partial pivoting; also ∞-norm condition numbers and singularity."""
    k = len(entries) + 1
    shape = np.broadcast(*[e for row in entries for e in row]).shape
    s = int(np.prod(shape))
    mat = np.empty((k, k, s))
    for t, row in enumerate(entries):
        for c, e in enumerate(row):
            mat[t, c] = np.broadcast_to(e, shape).ravel()
    mat[k - 1] = 1.0
    aug = np.zeros((k, 2 * k, s))
    aug[:, :k] = mat
    for r in range(k):
        aug[r, k + r] = 1.0
    singular = np.zeros(s, dtype=bool)
    for c in range(k):
        piv = np.argmax(np.abs(aug[c:, c, :]), axis=0) + c
        rows = np.take_along_axis(aug, piv[None, None, :], axis=0)[0]
        np.put_along_axis(aug, piv[None, None, :], aug[c][None], axis=0)
        aug[c] = rows
        pivot = aug[c, c]
        zero = pivot == 0
        singular |= zero
        aug[c] /= np.where(zero, 1.0, pivot)
        factors = aug[:, c, :].copy()
        factors[c] = 0.0
        aug -= factors[:, None, :] * aug[c][None, :, :]
    inv = aug[:, k:, :]
    cond = np.abs(mat).sum(axis=1).max(axis=0) * np.abs(inv).sum(axis=1).max(axis=0)
    singular |= ~(cond <= SINGULAR_CONDITION)
    probs = [inv[r, k - 1].reshape(shape) for r in range(k)]
    return probs, cond.reshape(shape), singular.reshape(shape)


def pure_best_responses(pay: np.ndarray, rtol: float) -> tuple[np.ndarray, np.ndarray]:
    """Pure best responses; ``pay`` is ``(d, c, N)``: the chooser picks one of ``c``
    strategies against each of the opponent's ``d``.  Returns ``ok`` (strictly best by
    the margin) and ``undecided`` (a near tie at the maximum), both ``(d, c, N)``."""
    c = pay.shape[1]
    ok = np.empty(pay.shape, dtype=bool)
    bad = np.empty(pay.shape, dtype=bool)
    best = pay[:, 0].copy()  # the largest and second largest payoff (ties count twice)
    second = np.full_like(best, -np.inf)
    for j in range(1, c):
        np.maximum(second, np.minimum(best, pay[:, j]), out=second)
        np.maximum(best, pay[:, j], out=best)
    for j in range(c):
        rival = np.where(pay[:, j] >= best, second, best)  # best of the other strategies
        ok[:, j] = pay[:, j] - rival > rtol
        bad[:, j] = best - pay[:, j] > rtol
    return ok, ~(ok | bad)
