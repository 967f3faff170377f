"""Exact linear programming: the simplex method in rational arithmetic.

Solves

.. math::

    \\max_x \\; c^\\top x \\quad\\text{s.t.}\\quad A_{ub} x \\le b_{ub},\\;
    A_{eq} x = b_{eq},\\; x \\ge 0

exactly, for the small programs that arise in game theory (dominance by mixed
strategies, minimax values, equilibrium checks).

Method
------
*Two-phase simplex* (Dantzig 1963, ch. 5).  Every constraint is written as an
equation with a right-hand side ``b >= 0``; an inequality with ``b >= 0`` starts with
its slack variable in the basis, every other row with an artificial variable.  Phase 1
maximises minus the sum of the artificial variables; the program is infeasible iff that
optimum is negative.  Artificial variables left in the basis at level zero are pivoted
out (or their row dropped when it is redundant) and phase 2 maximises ``c @ x`` from the
feasible basis found.

*Bland's rule* (Bland 1977): the entering variable is the lowest-indexed one with a
positive reduced profit, the leaving variable the lowest-indexed one among the rows
tied in the minimum-ratio test.  With this rule the simplex method never cycles, so it
terminates even on degenerate programs such as Beale's (1955) example, on which the
textbook largest-coefficient rule (Dantzig's) cycles for ever.  Bland's rule alone
often needs many more pivots than Dantzig's, so the solver uses Dantzig's rule after a
non-degenerate pivot and Bland's rule after a degenerate one; the leaving variable is
always chosen by Bland's tie-break.  This is still finite: the objective is constant
only along degenerate pivots, and a run of degenerate pivots is a run of Bland pivots
after its first step, which Bland's theorem bounds.

*Integer rows.*  No :class:`~fractions.Fraction` is formed inside the iterations.  Each
tableau row is stored as a list of Python integers that is a positive multiple of the
true (rational) row: a pivot on ``(r, s)`` with pivot entry ``p > 0`` replaces every
other row ``R_i`` that has ``f = R_i[s] != 0`` by ``p * R_i - f * R_r`` (a positive
multiple of the rational update ``R_i - (f / p) R_r``) and divides it by the gcd of its
entries.  The ratio test and the sign tests of the simplex method only compare entries
of one row with each other, so the unknown positive row scales never matter; a basic
variable's value is read off at the end as ``R_i[rhs] / R_i[basic column]``.  Input rows
are first multiplied by the lcm of their denominators, which does not change the
feasible set (an inequality row is scaled together with its right-hand side, and its
slack variable is rescaled with it).

References
----------
E. M. L. Beale, "Cycling in the dual simplex algorithm", Naval Research Logistics
Quarterly 2 (1955) 269–275.
R. G. Bland, "New finite pivoting rules for the simplex method", Mathematics of
Operations Research 2 (1977) 103–107.
G. B. Dantzig, *Linear Programming and Extensions*, Princeton University Press (1963).
V. Chvátal, *Linear Programming*, W. H. Freeman (1983), ch. 3 (Bland's rule, the
two-phase method and Beale's example in the form used in the tests).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from ..numbers import to_fraction

__all__ = ["LPResult", "maximize"]

Status = Literal["optimal", "infeasible", "unbounded"]
Scalar = Fraction | int | float
"""A coefficient: exact rationals and ints, or floats taken at their exact binary value."""


@dataclass(frozen=True)
class LPResult:
    """The outcome of a linear program.

    Attributes
    ----------
    status
        ``"optimal"``, ``"infeasible"`` (no ``x`` satisfies the constraints) or
        ``"unbounded"`` (the objective is unbounded above on the feasible set).
    value
        The optimal objective value when ``status == "optimal"``, else ``None``.
    x
        An optimal basic solution (a vertex of the feasible set) when
        ``status == "optimal"``, else ``None``.
    """

    status: Status
    value: Fraction | None
    x: tuple[Fraction, ...] | None


def _fraction(value: Any) -> Fraction:
    """``value`` as an exact rational (floats by their exact binary value); a non-finite
    float raises :class:`ValueError` naming it as a coefficient."""
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Rational):
        if not math.isfinite(float(value)):
            raise ValueError(f"linear program coefficient {value!r} is not finite")
    return to_fraction(value, inexact=True)


def _integer_row(values: Sequence[Fraction]) -> list[int]:
    """A positive multiple of ``values`` with coprime integer entries."""
    lcm = 1
    for v in values:
        d = v.denominator
        if d != 1:
            lcm = lcm * d // math.gcd(lcm, d)
    row = [v.numerator * (lcm // v.denominator) for v in values]
    return _reduced(row)


def _reduced(row: list[int]) -> list[int]:
    """``row`` divided by the (positive) gcd of its entries."""
    g = math.gcd(*row)
    if g > 1:
        return [v // g for v in row]
    return row


class _Tableau:
    """Integer-row simplex tableau (see the module docstring).

    ``rows[i]`` holds the coefficients of constraint ``i`` followed by its right-hand
    side; ``objs[k]`` holds reduced costs (``-c`` convention: a negative entry marks a
    column whose entry increases the objective) followed by the objective value.
    ``basis[i]`` is the column basic in row ``i``.
    """

    def __init__(self, rows: list[list[int]], objs: list[list[int]], basis: list[int]) -> None:
        self.rows = rows
        self.objs = objs
        self.basis = basis

    def pivot(self, r: int, s: int) -> None:
        """Pivot on row ``r`` and column ``s`` (the entry must be non-zero)."""
        pr = self.rows[r]
        p = pr[s]
        if p < 0:
            pr = [-v for v in pr]
            p = -p
        self.rows[r] = pr
        for group in (self.rows, self.objs):
            for i, row in enumerate(group):
                if row is pr:
                    continue
                f = row[s]
                if f:
                    group[i] = _reduced([p * v - f * w for v, w in zip(row, pr, strict=True)])
        self.basis[r] = s

    def entering(self, obj: int, n_cols: int, bland: bool) -> int:
        """The entering column ``< n_cols``, or ``-1`` when the basis is optimal.

        Bland's rule takes the lowest column with a negative reduced cost; otherwise
        Dantzig's rule takes the most negative one (lowest index among ties).  The row
        is a positive multiple of the true reduced costs, so comparing its entries
        with each other is exact.
        """
        row = self.objs[obj]
        best, best_j = 0, -1
        for j in range(n_cols):
            v = row[j]
            if v < best:
                if bland:
                    return j
                best, best_j = v, j
        return best_j

    def leaving(self, s: int) -> int:
        """Minimum-ratio test in column ``s``, ties to the lowest basic variable."""
        best = -1
        best_b = best_a = 0
        basis = self.basis
        for i, row in enumerate(self.rows):
            a = row[s]
            if a > 0:
                b = row[-1]
                if best < 0:
                    best, best_b, best_a = i, b, a
                    continue
                lhs, rhs = b * best_a, best_b * a
                if lhs < rhs or (lhs == rhs and basis[i] < basis[best]):
                    best, best_b, best_a = i, b, a
        return best

    def run(self, obj: int, n_cols: int) -> bool:
        """Iterate to optimality of ``objs[obj]``; ``False`` when it is unbounded.

        A pivot follows Bland's rule whenever the previous pivot was degenerate and
        Dantzig's rule otherwise.  This terminates: the objective never decreases and
        rises at every non-degenerate pivot, so an infinite run would end in an
        infinite sequence of degenerate pivots, all chosen by Bland's rule after the
        first one -- which Bland's theorem excludes.
        """
        bland = False
        while True:
            s = self.entering(obj, n_cols, bland)
            if s < 0:
                return True
            r = self.leaving(s)
            if r < 0:
                return False
            bland = self.rows[r][-1] == 0
            self.pivot(r, s)


def _matrix(
    a: Sequence[Sequence[Any]] | None, b: Sequence[Any] | None, n: int, name: str
) -> list[tuple[list[Fraction], Fraction]]:
    if a is None and b is None:
        return []
    if a is None or b is None:
        raise ValueError(f"A_{name} and b_{name} must be given together")
    a_list = list(a)
    b_list = list(b)
    if len(a_list) != len(b_list):
        raise ValueError(f"A_{name} has {len(a_list)} rows but b_{name} has {len(b_list)}")
    out = []
    for k, (row, rhs) in enumerate(zip(a_list, b_list, strict=True)):
        coeffs = [_fraction(v) for v in row]
        if len(coeffs) != n:
            raise ValueError(f"row {k} of A_{name} has {len(coeffs)} entries, expected {n}")
        out.append((coeffs, _fraction(rhs)))
    return out


def _initial_tableau(
    cost: list[Fraction],
    ub: list[tuple[list[Fraction], Fraction]],
    eq: list[tuple[list[Fraction], Fraction]],
) -> tuple[_Tableau, int]:
    """The starting tableau and the index of the first artificial column.

    ``objs[0]`` is the phase-2 objective; ``objs[1]``, present when artificial
    variables are needed, the phase-1 objective.
    """
    n = len(cost)
    m_ub = len(ub)
    # Rows: [x (n) | slacks (m_ub) | artificials (n_art) | rhs]; decide artificials first.
    int_rows: list[list[int]] = []
    needs_art: list[bool] = []
    slack_sign: list[int] = []
    for k, (coeffs, rhs) in enumerate(ub + eq):
        row = _integer_row([*coeffs, rhs])
        negate = row[-1] < 0
        if negate:
            row = [-v for v in row]
        int_rows.append(row)
        if k < m_ub:
            slack_sign.append(-1 if negate else 1)
            needs_art.append(negate)
        else:
            needs_art.append(True)
    n_art = sum(needs_art)
    art_start = n + m_ub
    width = art_start + n_art

    rows: list[list[int]] = []
    basis: list[int] = []
    art = art_start
    for k, row in enumerate(int_rows):
        full = [0] * (width + 1)
        full[:n] = row[:n]
        full[-1] = row[-1]
        if k < m_ub:
            full[n + k] = slack_sign[k]
        if needs_art[k]:
            full[art] = 1
            basis.append(art)
            art += 1
        else:
            basis.append(n + k)
        rows.append(full)

    c_row = _integer_row(cost) if n else []
    obj2 = [-v for v in c_row] + [0] * (width - n + 1)
    objs = [obj2]
    if n_art:
        # maximise -sum(artificials): priced out, the row is minus the sum of their rows
        obj1 = [0] * (width + 1)
        for k, row in enumerate(rows):
            if needs_art[k]:
                for j in range(art_start):
                    obj1[j] -= row[j]
                obj1[-1] -= row[-1]
        objs.append(obj1)
    return _Tableau(rows, objs, basis), art_start


def maximize(
    c: Sequence[Scalar],
    A_ub: Sequence[Sequence[Scalar]],
    b_ub: Sequence[Scalar],
    A_eq: Sequence[Sequence[Scalar]] | None = None,
    b_eq: Sequence[Scalar] | None = None,
) -> LPResult:
    """Maximise ``c @ x`` subject to ``A_ub @ x <= b_ub``, ``A_eq @ x == b_eq``, ``x >= 0``.

    Parameters
    ----------
    c
        Objective coefficients, one per variable.
    A_ub, b_ub
        Inequality constraints (possibly empty lists).
    A_eq, b_eq
        Equality constraints, or ``None`` for none.

    Entries may be ``Fraction``, ``int`` or ``float`` (floats are taken at their exact
    binary value); all arithmetic is exact.

    Returns
    -------
    LPResult
        ``status`` ``"optimal"`` with the optimal ``value`` and an optimal vertex ``x``,
        or ``"infeasible"`` / ``"unbounded"`` with ``value`` and ``x`` set to ``None``.

    Raises
    ------
    ValueError
        If the dimensions do not agree or a coefficient is not a finite number.

    Notes
    -----
    Two-phase simplex in integer-scaled rows, Dantzig's entering rule after
    non-degenerate pivots and Bland's anti-cycling rule after degenerate ones; see the
    module docstring.  Terminates on every input.

    Examples
    --------
    >>> from fractions import Fraction
    >>> r = maximize([3, 2], [[1, 1], [1, 3]], [4, 6])
    >>> r.status, r.value, r.x
    ('optimal', Fraction(12, 1), (Fraction(4, 1), Fraction(0, 1)))
    >>> maximize([1], [[-1]], [-1], [[1]], [0]).status
    'infeasible'
    >>> maximize([1, 1], [[1, -1]], [1]).status
    'unbounded'
    """
    cost = [_fraction(v) for v in c]
    n = len(cost)
    ub = _matrix(A_ub, b_ub, n, "ub")
    eq = _matrix(A_eq, b_eq, n, "eq")

    tab, art_start = _initial_tableau(cost, ub, eq)
    n_art = len(tab.objs) - 1

    if n_art:
        tab.run(1, art_start)  # phase 1 is bounded above by 0
        if tab.objs[1][-1] != 0:
            return LPResult("infeasible", None, None)
        # Drive artificial variables (all at level zero) out of the basis.
        keep: list[int] = []
        for i in range(len(tab.rows)):
            if tab.basis[i] >= art_start:
                row = tab.rows[i]
                j = next((j for j in range(art_start) if row[j] != 0), -1)
                if j < 0:
                    continue  # redundant equation: drop the row
                tab.pivot(i, j)
            keep.append(i)
        tab.rows = [[*tab.rows[i][:art_start], tab.rows[i][-1]] for i in keep]
        tab.basis = [tab.basis[i] for i in keep]
        tab.objs = [[*tab.objs[0][:art_start], tab.objs[0][-1]]]

    if not tab.run(0, art_start):
        return LPResult("unbounded", None, None)

    x = [Fraction(0)] * n
    for row, j in zip(tab.rows, tab.basis, strict=True):
        if j < n:
            x[j] = Fraction(row[-1], row[j])
    value = sum((ci * xi for ci, xi in zip(cost, x, strict=True) if ci and xi), Fraction(0))
    return LPResult("optimal", value, tuple(x))
