"""Batched solving of parameterised games: leverage against per-point peer loops, one run.

Two families of games, each solved on the same points by every tool:

* a 2×2 model, ``models/rare_earth_controls.toml``, on a grid of
  ``interdependence_cost`` × ``china_enforcement_reach`` (10⁶ points by default);
* a 4×4 model, ``benchmarks/models/four_by_four.toml`` (payoffs affine in two
  parameters ``s``, ``t``), on the cell midpoints of a grid of the unit square (10⁵ points).

The payoff arrays are evaluated once (``leverage.expr.vectorised``) and given to every
tool.  leverage solves all points with :func:`leverage.solve.batch.kernels.solve_batch`
(ambiguous points re-solved exactly, and counted); the full sweep (compile + evaluate +
solve) is timed too.  The peers — QuantEcon's ``support_enumeration`` (numba), nashpy's
``support_enumeration`` and pygambit's ``enummixed_solve`` — are timed in per-point loops
over a random subsample of the points (their games built before timing), and their
per-point time is extrapolated to all points; a peer that is not installed is skipped.
On the subsample, the points where a peer's equilibrium set differs from leverage's are
counted (same number of equilibria, each matched within 1e-6).

Peak memory of a 10⁷-point sweep of the 2×2 model is measured in a child process
(``tracemalloc`` peak and maximum resident set size).

Usage::

    python benchmarks/batch.py [--points2 1000000] [--points4 100000] [--sample 2000]
                               [--memory-points 10000000] [--seed 0]

Targets from the project's issue 3: at least 50× faster than the QuantEcon loop on 2×2
and 10× on 4×4, at least 1000× faster than the nashpy loop on 2×2, and 10⁷ points of a
2×2 model in well under 2 GiB.  The script prints what is achieved; it is not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import leverage  # noqa: E402
from leverage.analysis.sweep import sweep  # noqa: E402
from leverage.expr.vectorised import compile_payoffs  # noqa: E402
from leverage.solve.batch.kernels import solve_batch  # noqa: E402

MODEL_2X2 = ROOT / "models" / "rare_earth_controls.toml"
GRID_2X2 = ("interdependence_cost", "china_enforcement_reach")
MODEL_4X4 = ROOT / "benchmarks" / "models" / "four_by_four.toml"
GRID_4X4 = ("s", "t")


# --------------------------------------------------------------------------- grids
def grid_2x2(points: int) -> dict[str, np.ndarray]:
    side = round(points**0.5)
    return {GRID_2X2[0]: np.linspace(0, 10, side), GRID_2X2[1]: np.linspace(0, 1, side)}


def grid_4x4(points: int) -> dict[str, np.ndarray]:
    side = round(points**0.5)
    mid = (np.arange(side) + 0.5) / side
    return {GRID_4X4[0]: mid, GRID_4X4[1]: mid.copy()}


def payoff_arrays(model, grid):
    names = list(grid)
    a0, a1 = np.meshgrid(grid[names[0]], grid[names[1]], indexing="ij")
    ev = compile_payoffs(model, names).evaluate({names[0]: a0.ravel(), names[1]: a1.ravel()})
    return ev.payoffs[0], ev.payoffs[1], ev.scales


# --------------------------------------------------------------------------- peers
def peer_quantecon():
    try:
        from quantecon.game_theory import NormalFormGame, Player, support_enumeration
    except ImportError:
        return None

    def build(a, b):
        return NormalFormGame((Player(a), Player(b.T)))

    def solve(g):
        return [(np.asarray(x), np.asarray(y)) for x, y in support_enumeration(g)]

    return "QuantEcon support_enumeration (numba)", build, solve


def peer_nashpy():
    try:
        import nashpy
    except ImportError:
        return None

    def build(a, b):
        return nashpy.Game(a, b)

    def solve(g):
        return list(g.support_enumeration())

    return "nashpy support_enumeration", build, solve


def peer_gambit():
    try:
        import pygambit as gbt
    except ImportError:
        return None

    def build(a, b):
        return gbt.Game.from_arrays(a, b)

    def solve(g):
        result = gbt.nash.enummixed_solve(g, rational=False)
        out = []
        for eq in result.equilibria:
            x, y = ([float(eq[s]) for s in p.strategies] for p in g.players)
            out.append((np.array(x), np.array(y)))
        return out

    return "pygambit enummixed_solve", build, solve


PEERS = {"quantecon": peer_quantecon, "nashpy": peer_nashpy, "gambit": peer_gambit}


def same_set(ours: np.ndarray, theirs, m: int) -> bool:
    """Same number of equilibria, and each of ours matched by one of theirs within 1e-6."""
    if len(ours) != len(theirs):
        return False
    left = [np.concatenate([x, y]) for x, y in theirs]
    for row in ours:
        hit = next((k for k, t in enumerate(left) if np.abs(t - row).max() < 1e-6), None)
        if hit is None:
            return False
        left.pop(hit)
    return True


# --------------------------------------------------------------------------- runs
def timed(func, *args, repeat: int = 1, **kwargs):
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = func(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best, out


def family(label, model_path, grid, args, rng, peer_sample):
    model = leverage.load(model_path)
    a, b, scales = payoff_arrays(model, grid)
    n = len(a)
    m = a.shape[1]
    names = list(grid)
    print(f"\n{label}: {model_path.relative_to(ROOT)}, {n:,} points ({' × '.join(names)})")
    solve_batch(a[:2000], b[:2000], scales=(scales[0][:2000], scales[1][:2000]))  # warm up
    t_ours, result = timed(solve_batch, a, b, scales=scales, repeat=args.repeat)
    t_sweep, _ = timed(sweep, model, grid, repeat=args.repeat)
    tracemalloc.start()  # memory in a separate run: tracing slows allocation down
    solve_batch(a, b, scales=scales)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    per_ours = t_ours / n
    print(
        f"  leverage solve_batch: {per_ours * 1e6:9.3f} µs/point  ({t_ours:.2f} s for all "
        f"{n:,}; {result.n_fallback} ambiguous points re-solved exactly; "
        f"{len(result.structures)} structures; peak traced memory {peak / 2**20:.0f} MiB)"
    )
    print(
        f"  leverage sweep (compile + evaluate + solve): {t_sweep / n * 1e6:9.3f} µs/point "
        f"({t_sweep:.2f} s)"
    )
    print(
        f"  peers: per-point loops on a random subsample, games built before timing, "
        f"time extrapolated to {n:,} points"
    )
    print(
        f"  {'tool':40s} {'µs/point':>10s} {'peer/ours':>10s} {'sample':>7s} "
        f"{'disagree':>9s} {'est. total':>11s}"
    )
    ratios = {}
    for key, make in PEERS.items():
        peer = make()
        if peer is None:
            print(f"  {key:40s} not installed: skipped (pip install {key})")
            continue
        name, build, solve = peer
        size = min(n, peer_sample.get(key, args.sample))
        idx = np.sort(rng.choice(n, size=size, replace=False))
        games = [build(a[i], b[i]) for i in idx]
        per = float("inf")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            solve(games[0])  # warm up (numba compilation)
            for _ in range(1 if key == "nashpy" else args.repeat):  # best of runs, as ours
                start = time.perf_counter()
                found = [solve(g) for g in games]
                per = min(per, (time.perf_counter() - start) / size)
        disagree = sum(
            not same_set(result.rows_at(i)[0], f, m) for i, f in zip(idx, found, strict=True)
        )
        ratios[key] = per / per_ours
        print(
            f"  {name:40s} {per * 1e6:10.1f} {per / per_ours:10.0f}× {size:7d} "
            f"{disagree:9d} {per * n:10.0f}s"
        )
    return ratios


def resident_kib(field: str) -> int:
    """Resident memory of this process in KiB: ``VmRSS`` (now) or ``VmHWM`` (peak), from
    /proc on Linux; elsewhere the peak from getrusage (which may include the parent's)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def memory_child(points: int, store: bool) -> None:
    """Run in a child process: sweep the 2×2 model on ``points`` points, report memory."""
    model = leverage.load(MODEL_2X2)
    base = resident_kib("VmRSS")
    start = time.perf_counter()
    result = sweep(model, grid_2x2(points), store_equilibria=store)
    elapsed = time.perf_counter() - start
    hwm = resident_kib("VmHWM")
    del result
    tracemalloc.start()  # a second run, traced: tracing slows allocation down
    result = sweep(model, grid_2x2(points), store_equilibria=store)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    summary = result.summary()
    print(
        json.dumps(
            {
                "points": len(result),
                "seconds": elapsed,
                "traced_peak": peak,
                "maxrss_kib": hwm,
                "baseline_kib": base,
                "structures": len(summary),
                "exact": result.n_exact,
            }
        )
    )


def memory(points: int) -> None:
    print(f"\nMemory: sweep of the 2×2 model on {points:,} points, in a child process")
    for store in (True, False):
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        cmd = [sys.executable, __file__, "--memory-child", str(points)]
        if not store:
            cmd.append("--structures-only")
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
        data = json.loads(out.stdout.strip().splitlines()[-1])
        what = "equilibria stored" if store else "structures only"
        print(
            f"  {what:18s}: {data['points']:,} points in {data['seconds']:.1f} s "
            f"({data['seconds'] / data['points'] * 1e9:.0f} ns/point); "
            f"traced peak {data['traced_peak'] / 2**30:.2f} GiB; max RSS "
            f"{data['maxrss_kib'] / 2**20:.2f} GiB (of which {data['baseline_kib'] / 2**20:.2f} "
            f"GiB resident before the sweep); {data['exact']} points solved exactly"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points2", type=int, default=10**6, help="points of the 2×2 model")
    parser.add_argument("--points4", type=int, default=10**5, help="points of the 4×4 model")
    parser.add_argument("--sample", type=int, default=2000, help="peer subsample size")
    parser.add_argument(
        "--sample-nashpy-4x4", type=int, default=200, help="nashpy subsample on 4×4 (slow)"
    )
    parser.add_argument("--memory-points", type=int, default=10**7)
    parser.add_argument(
        "--repeat", type=int, default=2, help="timed runs of leverage and of the fast peers (best)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--structures-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child, not args.structures_only)
        return
    rng = np.random.default_rng(args.seed)
    r2 = r4 = {}
    if args.points2:
        r2 = family("2×2 model", MODEL_2X2, grid_2x2(args.points2), args, rng, {})
    if args.points4:
        r4 = family(
            "4×4 model",
            MODEL_4X4,
            grid_4x4(args.points4),
            args,
            rng,
            {"nashpy": args.sample_nashpy_4x4},
        )
    print("\nTargets (issue 3):")
    for label, ratio, target in (
        ("2×2: ≥ 50× QuantEcon", r2.get("quantecon"), 50),
        ("4×4: ≥ 10× QuantEcon", r4.get("quantecon"), 10),
        ("2×2: ≥ 1000× nashpy", r2.get("nashpy"), 1000),
    ):
        if ratio is None:
            print(f"  {label}: not measured (peer not installed, or family not run)")
        else:
            print(f"  {label}: {ratio:.0f}× — {'met' if ratio >= target else 'NOT met'}")
    if args.memory_points:
        memory(args.memory_points)


if __name__ == "__main__":
    main()
