"""Fuzzing the command line with hostile input: the contract of docs/architecture.md.

Whatever the input, every command exits 0 or 2; on 2 it writes one line on stderr
starting ``leverage: error:`` (``validate`` one such line per problem) and nothing on
stdout; it never shows a traceback or an internal error, and it never hangs: every case
must finish within :data:`TIME_LIMIT` seconds (a ``SIGALRM`` ends it and fails the test).

Two sources of input, both drawn by hypothesis, derandomized and without a database so
that CI runs the same cases every time:

1. random formulas of the expression grammar (numbers from tiny to huge, the parameters,
   ``+ - * / **``, unary minus, the six functions), placed in a payoff and a define of a
   small model;
2. byte and line mutations of the shipped model files and of the Gambit ``.nfg`` files in
   ``tests/data``.
"""

from __future__ import annotations

import json
import signal
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leverage.cli import cli

ROOT = Path(__file__).parent.parent
MODELS = sorted((ROOT / "models").glob("*.toml"))
NFG = sorted((ROOT / "tests" / "data").glob("*.nfg"))

TIME_LIMIT = 10
"""Seconds one command may take on one fuzzed input."""

FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


class TimeLimit(BaseException):
    """Raised by the alarm; a BaseException, so the CLI's handler of unexpected errors
    does not turn it into an internal-error line."""


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise TimeLimit()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check_contract(args: list[str]) -> int:
    """Run one command in-process and assert the contract; return its exit code."""
    try:
        with time_limit(TIME_LIMIT):
            result = CliRunner().invoke(cli, args, catch_exceptions=False)
    except TimeLimit:
        pytest.fail(f"leverage {' '.join(args)} ran past {TIME_LIMIT} s")
    stderr = result.stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, (args, stderr)
    assert result.exit_code in (0, 2), (args, result.exit_code, stderr)
    if result.exit_code == 2:
        lines = stderr.strip().splitlines()
        assert lines and all(line.startswith("leverage: error:") for line in lines), (
            args,
            stderr,
        )
        if args[0] != "validate":  # validate reports every problem, one line each
            assert len(lines) == 1, (args, lines)
            assert result.stdout == "", (args, result.stdout)
    return result.exit_code


# --------------------------------------------------------------------------- formulas

NAMES = ("c", "d", "k")
"""The parameters c, d and the define k of the fuzzed model."""

numbers = st.one_of(
    st.integers(0, 10).map(str),
    st.integers(0, 10**30).map(str),
    st.sampled_from(
        ["0.5", "1e-3", "2.5e10", "1e300", "1e-300", "1e999", "9" * 400, "1e308", "0.0"]
    ),
    st.integers(1, 5000).map(lambda n: f"1e{n}"),
    st.integers(1, 5000).map(lambda n: f"1e-{n}"),
)
atoms = st.one_of(numbers, st.sampled_from(NAMES))


def combine(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "**"]), inner).map(
        lambda t: f"({t[0]} {t[1]} {t[2]})"
    )
    unary = inner.map(lambda e: f"-{e}")
    one = st.tuples(st.sampled_from(["exp", "log", "sqrt", "abs"]), inner).map(
        lambda t: f"{t[0]}({t[1]})"
    )
    two = st.tuples(st.sampled_from(["min", "max"]), inner, inner).map(
        lambda t: f"{t[0]}({t[1]}, {t[2]})"
    )
    power = st.tuples(inner, st.sampled_from(["1000", "999", "-3", "0.5", "1/3", "2**1000"])).map(
        lambda t: f"({t[0]})**{t[1]}"
    )
    return st.one_of(binary, unary, one, two, power)


formulas = st.recursive(atoms, combine, max_leaves=10)

COMMANDS = [
    ["show", "--symbolic"],
    ["explain", "--symbolic"],
    ["regimes", "--param", "c"],
    ["statics", "--param", "c"],
    ["sweep", "--param", "c=1:3:5"],
    ["montecarlo", "-n", "500"],
    ["dynamics", "--rule", "fictitious-play", "--steps", "50"],
    ["dynamics", "--rule", "replicator", "--steps", "50"],
    ["classify"],
    ["convert", "--to", "toml"],
    ["convert", "--to", "nfg"],
    ["validate"],
]


def fuzz_model(payoff: str, define: str) -> str:
    return textwrap.dedent(
        f"""\
        title = "fuzz"
        description = "a fuzzed model"
        [players]
        R = ["A", "B"]
        C = ["C", "D"]
        [parameters.c]
        value = 2
        range = [1, 3]
        source = "assumption"
        distribution = {{ uniform = [1, 3] }}
        [parameters.d]
        value = 0.5
        range = [0, 1]
        source = "assumption"
        [define]
        k = {json.dumps(define)}
        [payoffs]
        "A, C" = [{json.dumps(payoff)}, 1]
        "A, D" = [0, "k"]
        "B, C" = ["c", 0]
        "B, D" = [1, "d"]
        """
    )


@FUZZ
@given(
    payoff=formulas,
    define=formulas.filter(lambda f: "k" not in f),
    commands=st.lists(st.sampled_from(COMMANDS), min_size=2, max_size=2),
)
def test_random_formulas_keep_the_contract(tmp_path, payoff, define, commands):
    path = tmp_path / "fuzz.toml"
    path.write_text(fuzz_model(payoff, define), encoding="utf-8")
    check_contract(["solve", str(path)])
    for command in commands:
        check_contract([command[0], str(path), *command[1:]])


# --------------------------------------------------------------------------- mutations

INSERTS = [
    b"",
    b"\n",
    b'"',
    b"'",
    b"[",
    b"]",
    b"=",
    b",",
    b"#",
    b"\\",
    b"\x00",
    b"\xff",
    b"\x1b[2J",
    b"9" * 5000,
    b"1e5000",
    b"**1000",
    b"**-3**(2**1000 - 1)",
    b"*1e300*1e300",
    b"-",
    b"{",
    b"}",
    b"0",
]


@st.composite
def mutated(draw: st.DrawFn, files: list[Path]) -> tuple[str, bytes]:
    """One of ``files`` with one to three byte or line mutations."""
    path = draw(st.sampled_from(files))
    data = path.read_bytes()
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["replace", "insert", "delete-line", "repeat-line", "cut"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "replace":
            data = data[:at] + draw(st.sampled_from(INSERTS)) + data[at + 1 :]
        elif kind == "insert":
            data = data[:at] + draw(st.sampled_from(INSERTS)) + data[at:]
        elif kind == "cut":
            data = data[:at]
        else:
            lines = data.split(b"\n")
            k = draw(st.integers(0, len(lines) - 1))
            if kind == "delete-line":
                del lines[k]
            else:
                lines.insert(k, lines[k])
            data = b"\n".join(lines)
    return path.suffix, data


MODEL_COMMANDS = [
    ["show"],
    ["explain"],
    ["classify"],
    ["validate"],
    ["convert", "--to", "toml"],
    ["montecarlo", "-n", "200"],
    ["dynamics", "--rule", "fictitious-play", "--steps", "50"],
]


@FUZZ
@given(case=mutated(MODELS), command=st.sampled_from(MODEL_COMMANDS))
def test_mutated_model_files_keep_the_contract(tmp_path, case, command):
    suffix, data = case
    path = tmp_path / f"mutant{suffix}"
    path.write_bytes(data)
    check_contract(["solve", str(path)])
    check_contract([command[0], str(path), *command[1:]])


@FUZZ
@given(
    case=mutated(NFG),
    command=st.sampled_from([["show"], ["classify"], ["convert", "--to", "toml"]]),
)
def test_mutated_nfg_files_keep_the_contract(tmp_path, case, command):
    suffix, data = case
    path = tmp_path / f"mutant{suffix}"
    path.write_bytes(data)
    check_contract(["solve", str(path)])
    check_contract([command[0], str(path), *command[1:]])


def test_the_time_limit_fires():
    # the fuzz tests' guard itself: a case that runs too long fails instead of hanging
    with pytest.raises(TimeLimit), time_limit(1):
        while True:
            pass
