"""A fraction-free simplex tableau with the lexicographic minimum-ratio test.

The tableaux of the best-response polytopes that :mod:`.lemke_howson` pivots on: the
system ``B^T x + s = 1`` for ``P`` and ``r + A y = 1`` for ``Q``, over variables named by
their labels.

Mathematics
-----------
Integer pivoting
    The tableau is a matrix of Python integers equal to ``det(M) · M⁻¹ [columns | 1]``
    for the current basis matrix ``M``.  A pivot on row ``r``, column ``c`` leaves row
    ``r`` unchanged and replaces every other row ``R_i`` by
    ``(T_rc · R_i − T_ic · R_r) / d``, where ``d`` is the previous pivot element; the
    division is exact because every entry is a minor of the original system
    (Bareiss 1968; the scheme of ``lrs``, Avis 2000; von Stengel 2007, §3.5).

Lexicographic ratio test
    The right-hand side ``1`` is perturbed to ``1 + (ε, ε², …)``, which makes every
    system nondegenerate; symbolically, ties of the minimum-ratio test are broken by the
    ratios of the tableau columns of the initial slack variables, in order (von Stengel
    2007, §3.6; Dantzig, Orden & Wolfe 1955).  From a lexico-positive initial tableau the
    test has a unique winner, because the rows of the basis inverse are linearly
    independent.

References
----------
E. H. Bareiss, "Sylvester's identity and multistep integer-preserving Gaussian
elimination", Mathematics of Computation 22 (1968) 565–578.
D. Avis, "lrs: a revised implementation of the reverse search vertex enumeration
algorithm", in *Polytopes — Combinatorics and Computation*, Birkhäuser (2000).
B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
form", ch. 3 of N. Nisan et al. (eds.), *Algorithmic Game Theory*, Cambridge University
Press (2007).
G. B. Dantzig, A. Orden and P. Wolfe, "The generalized simplex method for minimizing a
linear form under linear inequality restraints", Pacific J. Math. 5 (1955) 183–195.
"""

from __future__ import annotations

from ..verify import VerificationError

__all__ = ["Tableau"]


class Tableau:
    """A fraction-free tableau in dictionary form over variables named by labels.

    Only the columns of the non-basic variables are stored: ``rows[i][c]`` is the
    coefficient of variable ``nonbasic[c]`` in row ``i`` and ``rows[i][-1]`` the
    right-hand side, all equal to ``det · M⁻¹`` times the original system, where ``M``
    is the current basis matrix and ``det > 0`` its determinant up to sign.  The
    (implicit) column of the variable ``basis[i]`` basic in row ``i`` is ``det · e_i``
    and its value is ``rows[i][-1] / det``.  ``slacks`` lists the initial basic (slack)
    variables in row order; their columns, ``det · M⁻¹``, are the coefficients of the
    perturbation ``(ε, ε², …)`` of the right-hand side in the lexicographic test.
    """

    def __init__(self, rows: list[list[int]], basis: list[int], nonbasic: list[int]) -> None:
        self.rows = rows
        self.basis = basis
        self.nonbasic = nonbasic
        self.position = {var: c for c, var in enumerate(nonbasic)}
        self.slacks = list(basis)
        self.det = 1

    def _column(self, var: int) -> list[int]:
        """The full column of variable ``var`` (explicit or ``det · e_i``)."""
        c = self.position.get(var)
        if c is not None:
            return [row[c] for row in self.rows]
        column = [0] * len(self.rows)
        column[self.basis.index(var)] = self.det
        return column

    def leaving_row(self, var: int) -> int:
        """The row chosen by the lexicographic minimum-ratio test for entering ``var``.

        Among rows ``i`` with a positive entry ``T[i][var]``, keep those minimising
        ``T[i][rhs] / T[i][var]``; break ties by ``T[i][s] / T[i][var]`` for the initial
        slack variables ``s`` in order.  The comparisons are cross-multiplications of
        integers (the divisors are positive), so they are exact.
        """
        rows = self.rows
        col = self.position[var]
        candidates = [i for i, row in enumerate(rows) if row[col] > 0]
        if not candidates:
            raise VerificationError(
                f"Lemke–Howson: variable {var} has no positive entry, but the "
                "best-response polytopes of a positive game are bounded"
            )
        keys: list[list[int]] = [[row[-1] for row in rows]]
        level = 0
        while len(candidates) > 1:
            if level == len(keys):
                if level > len(self.slacks):
                    raise VerificationError(
                        "Lemke–Howson: lexicographic ratio test left a tie (singular basis)"
                    )
                keys.append(self._column(self.slacks[level - 1]))
            key = keys[level]
            best = candidates[0]
            best_num, best_den = key[best], rows[best][col]
            kept = [best]
            for i in candidates[1:]:
                num, den = key[i], rows[i][col]
                lhs, rhs = num * best_den, best_num * den
                if lhs < rhs:
                    best_num, best_den = num, den
                    kept = [i]
                elif lhs == rhs:
                    kept.append(i)
            candidates = kept
            level += 1
        return candidates[0]

    def pivot(self, r: int, var: int) -> int:
        """Bring ``var`` into the basis in row ``r``; return the variable that left.

        Integer pivoting (Bareiss 1968): row ``r`` is kept, every other row ``R_i``
        becomes ``(p · R_i − R_i[c] · R_r) / d`` with ``p`` the pivot entry and ``d`` the
        previous one (exact divisions), and column ``c`` is taken over by the leaving
        variable, with entries ``d`` in row ``r`` and ``−R_i[c]`` elsewhere.
        """
        rows = self.rows
        c = self.position.pop(var)
        pivot_row = rows[r]
        p = pivot_row[c]
        d = self.det
        for i, row in enumerate(rows):
            if i == r:
                continue
            f = row[c]
            if f:
                new = [(p * v - f * w) // d for v, w in zip(row, pivot_row, strict=True)]
                new[c] = -f
                rows[i] = new
            elif p != d:
                rows[i] = [p * v // d for v in row]
        pivot_row[c] = d
        self.det = p
        leaving = self.basis[r]
        self.basis[r] = var
        self.nonbasic[c] = leaving
        self.position[leaving] = c
        return leaving

    def values(self, labels: range) -> list[int]:
        """``det`` times the values of the variables ``labels`` (zero when non-basic)."""
        out = dict.fromkeys(labels, 0)
        for i, var in enumerate(self.basis):
            if var in out:
                out[var] = self.rows[i][-1]
        return [out[v] for v in labels]
