#!/usr/bin/env python3
"""Record what the ``leverage`` command prints and writes for a fixed set of calls.

Usage::

    python scripts/cli_snapshot.py OUTDIR          # record
    diff -r OLD_OUTDIR NEW_OUTDIR                  # compare two recordings

Each call runs in a fresh scratch folder that holds copies of ``models/``, the Gambit
files of ``tests/data/`` and a few deliberately broken model files, so that every
command, output format and error class is covered. For each call the recording keeps
the exit code, stdout, stderr and every file the call wrote (text verbatim, binary
files by SHA-256). A refactoring that keeps behaviour keeps every recording
byte-identical; ``diff -r`` shows exactly where it does not.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BROKEN = {
    "syntax.toml": 'title = "x"\n[players\nRow = ["A"]\n',
    "range.toml": (
        'title = "Out of range"\ndescription = "d"\n[players]\nR = ["A", "B"]\nC = ["L", "R"]\n'
        '[parameters.c]\nvalue = 9\nrange = [0, 5]\nsource = "assumption"\n'
        '[define]\nk = "2 * c"\n'
        '[payoffs]\n"A, L" = ["k", "0"]\n"A, R" = ["0", "1"]\n"B, L" = ["1", "0"]\n'
        '"B, R" = ["0", "k"]\n'
    ),
    "missing.toml": (
        'title = "Missing outcome"\ndescription = "d"\n[players]\nR = ["A", "B"]\nC = ["L", "R"]\n'
        '[payoffs]\n"A, L" = ["1", "0"]\n"A, R" = ["0", "1"]\n"B, L" = ["1", "0"]\n'
    ),
    "unknown.toml": (
        'title = "Unknown name"\ndescription = "d"\n[players]\nR = ["A", "B"]\nC = ["L", "R"]\n'
        '[payoffs]\n"A, L" = ["zeta", "0"]\n"A, R" = ["0", "1"]\n"B, L" = ["1", "0"]\n'
        '"B, R" = ["0", "1"]\n'
    ),
    "hostile.toml": (
        'title = "Hostile"\ndescription = "d"\n[players]\nR = ["A", "B"]\nC = ["L", "R"]\n'
        '[payoffs]\n"A, L" = ["__import__(\'os\').system(\'true\')", "0"]\n'
        '"A, R" = ["0", "1"]\n"B, L" = ["1", "0"]\n"B, R" = ["0", "1"]\n'
    ),
    "tower.toml": (
        'title = "Tower"\ndescription = "d"\n[players]\nR = ["A", "B"]\nC = ["L", "R"]\n'
        '[payoffs]\n"A, L" = ["9**9**9**9", "0"]\n"A, R" = ["0", "1"]\n"B, L" = ["1", "0"]\n'
        '"B, R" = ["0", "1"]\n'
    ),
    "bad.nfg": 'NFG 1 R "bad" { "A" "B" }\n{ 2 2 }\n1 2 3\n',
    "three.toml": (
        'title = "Three players"\ndescription = "A tiny three-player game."\n[players]\n'
        'P1 = ["A", "B"]\nP2 = ["L", "R"]\nP3 = ["X"]\n'
        '[payoffs]\n"A, L, X" = ["1", "1", "1"]\n"A, R, X" = ["0", "0", "0"]\n'
        '"B, L, X" = ["0", "0", "0"]\n"B, R, X" = ["1", "1", "1"]\n'
    ),
}

RE = "models/rare_earth_controls.toml"
CH = "models/chicken.toml"
PD = "models/prisoners_dilemma.toml"
SH = "models/stag_hunt.toml"
MP = "models/matching_pennies.toml"
BOS = "models/battle_of_the_sexes.toml"
LADDER = "models/escalation_ladder.toml"
OD = "models/overreach_diversification.toml"
RPS = "models/rock_paper_scissors.toml"
DL = "models/deadlock.toml"
MODELS = [RE, CH, PD, SH, MP, BOS, LADDER, OD, RPS, DL]
IC = "interdependence_cost"


def calls() -> list[list[str]]:
    c: list[list[str]] = [["--help"], ["--version"], ["nonsense"]]
    for cmd in (
        "solve show explain validate convert montecarlo regimes statics sweep classify "
        "exercise report dynamics"
    ).split():
        c.append([cmd, "--help"])
    for m in MODELS:
        c.append(["solve", m])
        c.append(["solve", m, "--format", "json"])
    for fmt in ("csv", "markdown", "latex"):
        c.append(["solve", RE, "--format", fmt])
    c += [
        ["solve", CH, "--set", f"{IC}=4"],
        ["solve", CH, "--set", f"{IC}=1/2", "--format", "json"],
        ["solve", CH, "--float"],
        ["solve", RE, "--dominance"],
        ["solve", RE, "--dominance", "--format", "json"],
        ["solve", LADDER, "--components"],
        ["solve", LADDER, "--method", "support"],
        ["solve", LADDER, "--method", "pure"],
        ["solve", LADDER, "--method", "lemke-howson"],
        ["solve", LADDER, "--method", "lemke-howson", "--label", "2"],
        ["solve", PD, "--format", "latex", "--latex-style", "tabular"],
        ["solve", PD, "--latex-style", "tabular"],
        ["solve", "tests/data/nfg_selten_payoff.nfg"],
        ["solve", "tests/data/nfg_selten_outcome.nfg", "--format", "json"],
        ["solve", "tests/data/nfg_three_player.nfg", "--method", "pure"],
        ["solve", "tests/data/nfg_three_player.nfg"],
        ["solve", "three.toml", "--method", "pure"],
        ["solve", "three.toml", "--dominance", "--method", "pure"],
        ["solve", "three.toml"],
        ["solve", CH, "-o", "out/solve.json", "--format", "json"],
        # errors
        ["solve", "syntax.toml"],
        ["solve", "range.toml"],
        ["solve", "missing.toml"],
        ["solve", "unknown.toml"],
        ["solve", "hostile.toml"],
        ["solve", "tower.toml"],
        ["solve", "bad.nfg"],
        ["solve", "nonexistent.toml"],
        ["solve", CH, "--set", "nope=1"],
        ["solve", CH, "--set", f"{IC}=99"],
        ["solve", CH, "--set", f"{IC}"],
        ["solve", CH, "--method", "magic"],
        ["solve", CH, "--label", "7", "--method", "lemke-howson"],
        ["solve", CH, "--bogus"],
        ["solve", "unknown.toml", "-o", "out/never.json"],
    ]
    for m in (RE, CH, LADDER):
        c.append(["show", m])
        c.append(["show", m, "--symbolic"])
    c += [
        ["show", RE, "--symbolic", "--expand"],
        ["show", RE, "--format", "markdown"],
        ["show", RE, "--format", "latex"],
        ["show", RE, "--format", "latex", "--latex-style", "tabular"],
        ["show", CH, "--set", f"{IC}=3", "--float"],
        ["show", "tests/data/nfg_selten_payoff.nfg"],
        ["show", "three.toml"],
    ]
    for m in (RE, CH, MP, LADDER, OD):
        c.append(["explain", m])
    for fmt in ("markdown", "latex", "html", "json"):
        c.append(["explain", CH, "--format", fmt])
    c += [
        ["explain", RE, "--symbolic"],
        ["explain", CH, "--symbolic", "--focus", "loss_value"],
        ["explain", RE, "--symbolic", "--format", "latex", "-o", "out/why.tex"],
        ["explain", OD, "--float"],
        ["explain", SH, "--format", "latex", "--latex-style", "tabular"],
        ["explain", "three.toml"],
        ["explain", CH, "--float", "--symbolic"],
        ["validate", *MODELS],
        ["validate", "range.toml"],
        ["validate", "missing.toml", "unknown.toml", "syntax.toml"],
        ["validate", "hostile.toml"],
        ["validate", "tests/data/nfg_selten_payoff.nfg"],
        ["convert", CH, "--to", "nfg"],
        ["convert", CH, "--to", "toml"],
        ["convert", CH, "--to", "json"],
        ["convert", CH, "--to", "latex"],
        ["convert", RE, "--to", "nfg", "-o", "out/re.nfg"],
        ["convert", "tests/data/nfg_selten_outcome.nfg", "--to", "toml"],
        ["convert", "tests/data/nfg_three_player.nfg", "--to", "toml"],
        ["convert", CH, "--to", "xml"],
        ["montecarlo", RE, "-n", "500", "--seed", "1"],
        ["montecarlo", RE, "-n", "500", "--seed", "1", "--format", "json"],
        ["montecarlo", CH, "-n", "300", "--seed", "2", "--event", "Straight, Straight"],
        ["montecarlo", OD, "-n", "200"],
        ["montecarlo", LADDER, "-n", "200", "--seed", "3", "--format", "json"],
        ["montecarlo", RE, "-n", "100", "--plot", "out/mc.png"],
        ["montecarlo", RE, "-n", "0"],
        ["montecarlo", RE, "--event", "Nope, Never"],
        ["montecarlo", "three.toml", "-n", "10"],
    ]
    for m in MODELS:
        c.append(["regimes", m, "--param", IC])
    for fmt in ("json", "markdown", "latex", "csv"):
        c.append(["regimes", RE, "--param", IC, "--format", fmt])
    c += [
        ["regimes", RE, "--param", IC, "--no-dominance"],
        ["regimes", RE, "--param", IC, "--range", "1/2:9"],
        ["regimes", CH, "--param", IC, "--symbolic", "loss_value"],
        ["regimes", CH, "--param", IC, "--symbolic", "loss_value", "--format", "json"],
        ["regimes", RE, "--param", IC, "--plot", "out/regimes.svg"],
        ["regimes", CH, "--param", IC, "--set", "win_value=2"],
        ["regimes", CH, "--param", "nope"],
        ["regimes", CH, "--param", IC, "--range", "5:1"],
        ["regimes", CH, "--param", IC, "--range", "0:100"],
        ["regimes", CH],
    ]
    for m in (RE, CH, LADDER, OD):
        c.append(["statics", m, "--param", IC])
    c += [
        ["statics", CH, "--param", IC, "--format", "json"],
        ["statics", CH, "--param", IC, "--format", "csv"],
        ["statics", CH, "--param", IC, "--range", "2:3"],
        ["statics", CH, "--param", "nope"],
        ["sweep", RE, "--param", f"{IC}=0:10:11"],
        ["sweep", RE, "--param", f"{IC}=0:10:11", "--summary"],
        ["sweep", RE, "--param", f"{IC}=0:10:11", "--format", "csv"],
        ["sweep", RE, "--param", f"{IC}=0:10:6", "--format", "json"],
        ["sweep", RE, "--param", f"{IC}=0:10:6", "--format", "json", "--summary"],
        ["sweep", CH, "--param", f"{IC}=0:3:4", "--param", "loss_value=0:2:3"],
        ["sweep", CH, "--param", f"{IC}=0:3:4", "--param", "loss_value=0:2:3", "--summary"],
        ["sweep", CH, "--param", f"{IC}=0:3:7", "--format", "csv", "--set", "win_value=2"],
        ["sweep", CH, "--param", f"{IC}=0:3:31", "--jobs", "2", "--summary"],
        ["sweep", CH, "--param", f"{IC}=0:3:7", "--plot", "out/sweep.png"],
        ["sweep", LADDER, "--param", f"{IC}=0:10:21", "--summary"],
        ["sweep", CH, "--param", f"{IC}=0:3"],
        ["sweep", CH, "--param", "nope=0:1:3"],
        ["sweep", CH, "--param", f"{IC}=0:300:3"],
        ["classify", *MODELS],
        ["classify", RE, CH, "--format", "json"],
        ["classify", CH, "--param", IC],
        ["classify", CH, "--param", IC, "--format", "json"],
        ["classify", RE, "--param", IC, "--range", "0:5"],
        ["classify", CH, "--set", f"{IC}=1/2"],
        ["classify", CH, "--float"],
        ["classify", "three.toml"],
        ["classify", LADDER, "--param", IC],
    ]
    for kind in ("pure", "dominance", "mixed", "classify", "regimes"):
        c.append(["exercise", "--kind", kind, "--seed", "3", "--count", "3"])
    c += [
        ["exercise", "--kind", "mixed", "--theme", "rare-earth", "--seed", "7", "--count", "4"],
        ["exercise", "--kind", "dominance", "--size", "3x3", "--seed", "2", "--count", "2"],
        ["exercise", "--kind", "pure", "--size", "2x3", "--seed", "5", "--format", "latex"],
        ["exercise", "--kind", "pure", "--seed", "5", "--format", "json", "--count", "2"],
        [
            "exercise",
            "--kind",
            "mixed",
            "--seed",
            "7",
            "--count",
            "2",
            "-o",
            "out/sheet.md",
            "--key",
            "out/key.md",
        ],
        ["exercise", "--kind", "nope"],
        ["exercise", "--kind", "pure", "--count", "0"],
        ["report", RE, "--no-date"],
        ["report", CH, "--no-date", "--param", "loss_value"],
        ["report", LADDER, "--no-date", "--no-regimes"],
        ["report", CH, "--date", "2026-01-02", "-o", "out/ch.html"],
        ["report", CH, "--date", "yesterday"],
        ["dynamics", MP, "--rule", "fictitious-play", "--steps", "200"],
        ["dynamics", MP, "--rule", "replicator", "--steps", "200"],
        ["dynamics", SH, "--rule", "replicator", "--start", "0.8,0.3", "--format", "json"],
        ["dynamics", RPS, "--rule", "fictitious-play", "--steps", "300", "--format", "csv"],
        ["dynamics", CH, "--rule", "fictitious-play", "--seed", "4", "--steps", "100"],
        ["dynamics", BOS, "--rule", "replicator", "--seed", "4", "--steps", "100"],
        ["dynamics", MP, "--rule", "replicator", "--steps", "100", "--plot", "out/dyn.png"],
        ["dynamics", MP, "--rule", "nope"],
        ["dynamics", MP, "--rule", "replicator", "--start", "2,2"],
        ["dynamics", "three.toml", "--rule", "replicator"],
        # lists of three or more (English lists), three players, 3x3 mixtures
        ["show", "three.toml", "--format", "markdown"],
        ["show", "three.toml", "--format", "latex"],
        ["solve", "three.toml", "--method", "pure", "--format", "markdown"],
        ["explain", RPS],
        ["explain", RPS, "--format", "markdown"],
        ["report", RPS, "--no-date", "--no-regimes"],
        ["exercise", "--kind", "mixed", "--size", "3x3", "--seed", "4", "--count", "3"],
        ["exercise", "--kind", "regimes", "--seed", "11", "--count", "4"],
        ["show", LADDER, "--format", "markdown"],
        ["convert", "three.toml", "--to", "toml"],
        ["montecarlo", RE, "-n", "300", "--seed", "5", "--jobs", "2"],
    ]
    return c


def _record(index: int, args: list[str], work: Path, out: Path, exe: str) -> None:
    scratch = work / f"call{index:03d}"
    shutil.copytree(work / "base", scratch, symlinks=True)
    before = {p for p in scratch.rglob("*") if p.is_file()}
    env = dict(os.environ, COLUMNS="80", SOURCE_DATE_EPOCH="0", PYTHONHASHSEED="0")
    env["MPLCONFIGDIR"] = str(work / "mpl")  # a fixed svg.hashsalt: SVG ids repeat
    env.pop("LEVERAGE_DEBUG", None)
    proc = subprocess.run(
        [exe, *args], cwd=scratch, capture_output=True, env=env, timeout=600, check=False
    )
    lines = [
        "$ leverage " + " ".join(args),
        f"exit {proc.returncode}",
        "--- stdout",
        proc.stdout.decode("utf-8", "backslashreplace"),
        "--- stderr",
        proc.stderr.decode("utf-8", "backslashreplace"),
    ]
    for path in sorted(p for p in scratch.rglob("*") if p.is_file() and p not in before):
        data = path.read_bytes()
        rel = path.relative_to(scratch)
        if path.suffix in (".png", ".pdf"):
            lines += [f"--- file {rel} (binary, {len(data)} bytes)"]
        else:
            digest = hashlib.sha256(data).hexdigest()
            lines += [f"--- file {rel} sha256 {digest}", data.decode("utf-8", "backslashreplace")]
    (out / f"{index:03d}.txt").write_text("\n".join(lines), encoding="utf-8")
    shutil.rmtree(scratch)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__ or "")
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    exe = shutil.which("leverage")
    if exe is None:
        sys.stderr.write("the leverage command is not on PATH\n")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = work / "base"
        shutil.copytree(ROOT / "models", base / "models")
        shutil.copytree(ROOT / "tests" / "data", base / "tests" / "data")
        (base / "out").mkdir()
        (work / "mpl").mkdir()
        (work / "mpl" / "matplotlibrc").write_text("svg.hashsalt: leverage\n", encoding="utf-8")
        for name, text in BROKEN.items():
            (base / name).write_text(text, encoding="utf-8")
        todo = calls()
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            list(pool.map(lambda ia: _record(ia[0], ia[1], work, out, exe), enumerate(todo)))
    sys.stderr.write(f"recorded {len(todo)} calls in {out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
