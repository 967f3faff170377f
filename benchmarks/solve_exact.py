"""Exact equilibrium enumeration: leverage against nashpy and pygambit, same run.

For random integer games of each size 2×2 … 6×6 (and optionally more), time per game
of

* leverage's default method (``Game.equilibria()``: exact vertex enumeration),
* nashpy's ``support_enumeration`` (floating point), and
* pygambit's ``enummixed_solve(rational=True)`` (exact),

and count the (distinct) equilibria each finds.  Games are built before timing for every tool.
Prints ratios (peer time / leverage time: above 1 means leverage is faster) and the
number of equilibria nashpy misses relative to the exact set.

Usage::

    python benchmarks/solve_exact.py [--games 30] [--max-size 6] [--seed 0]
"""

from __future__ import annotations

import argparse
import time
import warnings
from fractions import Fraction

import nashpy
import numpy as np
import pygambit as gbt

from leverage import Game


def _time(func, items):
    start = time.perf_counter()
    out = [func(x) for x in items]
    return (time.perf_counter() - start) / len(items), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--games", type=int, default=30, help="games per size")
    parser.add_argument("--max-size", type=int, default=6)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    warnings.simplefilter("ignore")
    header = (
        f"{'size':>5} {'leverage':>10} {'gambit':>10} {'nashpy':>10} "
        f"{'gambit/lev':>10} {'nashpy/lev':>10} {'#eq lev':>8} {'#eq gbt':>8} "
        f"{'#eq nashpy':>10} {'nashpy missed':>13}"
    )
    print(header)
    print("-" * len(header))
    for n in range(2, args.max_size + 1):
        pairs = [
            (rng.integers(-20, 21, (n, n)), rng.integers(-20, 21, (n, n)))
            for _ in range(args.games)
        ]
        ours = [Game.from_arrays(a.tolist(), b.tolist()) for a, b in pairs]
        gambit = [gbt.Game.from_arrays(a.tolist(), b.tolist()) for a, b in pairs]
        nash = [nashpy.Game(a, b) for a, b in pairs]
        t_lev, r_lev = _time(lambda g: g.equilibria(), ours)
        t_gbt, r_gbt = _time(lambda g: gbt.nash.enummixed_solve(g, rational=True), gambit)
        t_nash, r_nash = _time(lambda g: list(g.support_enumeration()), nash)
        n_lev = sum(len(s) for s in r_lev)
        n_gbt = sum(len({str(e) for e in r.equilibria}) for r in r_gbt)  # distinct
        n_nash = sum(len(r) for r in r_nash)
        missed = 0
        for sol, found in zip(r_lev, r_nash, strict=True):
            for eq in sol:
                x = np.array([float(p) for p in eq.strategies[0]])
                y = np.array([float(p) for p in eq.strategies[1]])
                if not any(np.allclose(x, fx) and np.allclose(y, fy) for fx, fy in found):
                    missed += 1
        # the exact sets must agree with gambit
        for sol, res, g in zip(r_lev, r_gbt, gambit, strict=True):
            theirs = {
                tuple(tuple(Fraction(str(e[s])) for s in p.strategies) for p in g.players)
                for e in res.equilibria
            }
            if theirs != {tuple(tuple(s) for s in e.strategies) for e in sol}:
                print(f"  DISAGREEMENT with gambit on a {n}x{n} game")
        print(
            f"{n}x{n:<3} {t_lev * 1e3:>8.2f}ms {t_gbt * 1e3:>8.2f}ms {t_nash * 1e3:>8.2f}ms "
            f"{t_gbt / t_lev:>10.1f} {t_nash / t_lev:>10.1f} {n_lev:>8} {n_gbt:>8} "
            f"{n_nash:>10} {missed:>13}"
        )


if __name__ == "__main__":
    main()
