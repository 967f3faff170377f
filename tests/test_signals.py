"""Ctrl-C, SIGTERM and SIGKILL against real ``leverage`` processes (issue 9).

Each test starts the command line with :class:`subprocess.Popen` on a run that takes
tens of seconds, waits (by reading ``/proc``) until its signal handlers are installed and,
with ``--jobs 2``, until its workers exist, sends the signal and checks the contract of
docs/cli.md: exit 130 or 143, one line on stderr, nothing on stdout, no worker left
alive, no temporary file left.  Linux only (``/proc``); CI runs on Linux.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from leverage.parallel import cpu_count

from .procs import wait_gone

ROOT = Path(__file__).resolve().parent.parent
MODEL = str(ROOT / "models" / "rare_earth_controls.toml")
#: 16 million points: about 30 s of work on one core, far longer than any test waits.
LONG_SWEEP = [
    "sweep",
    MODEL,
    "--param",
    "interdependence_cost=0:10:4000",
    "--param",
    "china_enforcement_reach=0:1:4000",
    "--summary",
]
#: Half a million CSV rows: a second to solve, then far longer to write.
LONG_CSV = ["sweep", MODEL, "--param", "interdependence_cost=0:10:500000", "--format", "csv"]

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/status").exists(), reason="reads processes from /proc (Linux)"
)
needs_two_cpus = pytest.mark.skipif(
    cpu_count() < 2, reason="--jobs 2 starts no worker process on a single CPU"
)


@pytest.fixture(scope="module", autouse=True)
def _bytecode_compiled():
    """Every module compiled to bytecode first, as pip does when it installs a package:
    CPython loses an exception raised by a signal handler while compile() runs (the
    import of a module without a cached .pyc), and a lost signal lets these runs go on
    for their whole length (see test_a_signal_whose_exception_is_lost_still_stops_the_command)."""
    import compileall

    assert compileall.compile_dir(str(ROOT / "leverage"), quiet=1)


def start(args: list[str], tmp_path: Path) -> subprocess.Popen[str]:
    """``python -m leverage ARGS`` in its own process group (as a shell job is)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), LEVERAGE_DEBUG="")
    # a Python-level handler here becomes the default disposition in the child, even if
    # this process was started with SIGINT ignored (a background job)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "leverage", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            env=env,
            start_new_session=True,
        )
    finally:
        signal.signal(signal.SIGINT, previous)


def children(pid: int) -> set[int]:
    """The live child processes of ``pid``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def catches(pid: int, sig: int) -> bool:
    """Whether ``pid`` has a handler for ``sig`` (the SigCgt mask of /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (sig - 1) & 1)
    return False


def wait_for(condition, what: str, proc: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            raise AssertionError(f"exited {proc.returncode} before {what}: {proc.stderr.read()}")
        if time.monotonic() > deadline:  # pragma: no cover - a broken machine
            proc.kill()
            raise AssertionError(f"no {what} after {timeout} s")
        time.sleep(0.05)


def finish(proc: subprocess.Popen[str]) -> tuple[str, str]:
    try:
        return proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:  # the bug of issue 9: it never exits
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError("still running 30 s after the signal") from None


EXPECTED = {signal.SIGINT: (130, "interrupted"), signal.SIGTERM: (143, "terminated")}


@pytest.mark.parametrize("jobs", [1, pytest.param(2, marks=needs_two_cpus)])
@pytest.mark.parametrize(
    ("sig", "group"),
    [
        (signal.SIGINT, True),  # Ctrl-C on a terminal: the whole foreground group
        (signal.SIGINT, False),  # kill -INT PID
        (signal.SIGTERM, False),  # kill PID
    ],
)
def test_a_signal_while_computing_stops_everything(tmp_path, sig, group, jobs):
    proc = start([*LONG_SWEEP, "--jobs", str(jobs)], tmp_path)
    pid = proc.pid
    wait_for(lambda: catches(pid, signal.SIGTERM), "signal handler", proc)
    workers: set[int] = set()
    if jobs > 1:
        wait_for(lambda: len(children(pid)) >= 2, "workers", proc)
        workers = children(pid)
    (os.killpg if group else os.kill)(pid, sig)
    out, err = finish(proc)
    code, word = EXPECTED[sig]
    assert (proc.returncode, err, out) == (code, f"leverage: {word}\n", "")
    assert not wait_gone(workers), "workers outlived the command"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_writing_leaves_the_old_file_and_no_temporary_file(tmp_path, sig):
    target = tmp_path / "sweep.csv"
    target.write_text("old\n")
    proc = start([*LONG_CSV, "-o", str(target)], tmp_path)

    def writing() -> bool:
        return any(p.name.startswith(".leverage-") and p.stat().st_size for p in tmp_path.iterdir())

    wait_for(writing, "temporary file being written", proc)
    os.kill(proc.pid, sig)
    out, err = finish(proc)
    code, word = EXPECTED[sig]
    assert (proc.returncode, err, out) == (code, f"leverage: {word}\n", "")
    assert [p.name for p in tmp_path.iterdir()] == ["sweep.csv"]
    assert target.read_text() == "old\n"


@needs_two_cpus
def test_workers_die_with_a_killed_parent(tmp_path):
    proc = start([*LONG_SWEEP, "--jobs", "2"], tmp_path)
    wait_for(lambda: len(children(proc.pid)) >= 2, "workers", proc)
    workers = children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)  # no handler runs: the workers must notice alone
    proc.communicate(timeout=30)  # the pipes close only once the workers are gone too
    assert proc.returncode == -signal.SIGKILL
    assert not wait_gone(workers), "workers orphaned"


@needs_two_cpus
def test_sigint_while_montecarlo_workers_run(tmp_path):
    # a 3×3 game: the draws are solved for about ten seconds
    model = str(ROOT / "models" / "rock_paper_scissors.toml")
    proc = start(["montecarlo", model, "-n", "1000000", "--jobs", "2"], tmp_path)
    wait_for(lambda: len(children(proc.pid)) >= 2, "workers", proc)
    workers = children(proc.pid)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = finish(proc)
    assert (proc.returncode, err, out) == (130, "leverage: interrupted\n", "")
    assert not wait_gone(workers)


def test_a_signal_whose_exception_is_lost_still_stops_the_command(capsys):
    # CPython drops an exception raised by a signal handler while compile() turns a
    # module's source into bytecode (seen in about 1 run in 20 of the test above in a
    # fresh checkout: the sweep then finished with exit 0).  The signal is remembered:
    # nothing is written afterwards, and the command still ends stopped.
    from leverage.cli import signals
    from leverage.cli.options import write

    with pytest.raises(signals.Stopped) as stopped:
        with signals.stopping_on_signals():
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.2)  # the handler runs here and raises Stopped
            except signals.Stopped:
                pass  # lost, as CPython loses it
            write(None, "the whole output")
    assert stopped.value.exit_code == 143
    assert capsys.readouterr().out == ""
    # and a command that was not stopped is not
    with signals.stopping_on_signals():
        write(None, "fine")
    assert capsys.readouterr().out == "fine\n"
