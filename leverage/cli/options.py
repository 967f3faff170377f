"""Shared plumbing of the command line: errors, atomic output, progress bars, options.

Every command module imports from here, so that each command file holds only its own
options and its call into the library.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import click

from ..errors import LeverageError
from ..formats.strategic_latex import LATEX_STYLES
from ..games.model import Model, parse_assignments
from ..records import json_dumps
from . import signals
from .wording import cli_message

Progress = Callable[[int, int], None]


#: Control characters (C0 but tab and newline, DEL, C1) as visible escapes: a model's
#: title or label must not move the cursor, clear the screen or set the terminal's title.
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if c not in (9, 10)}


def visible(text: str) -> str:
    """``text`` with every control character but tab and newline shown as ``\\xNN``.

    Everything the command line prints or writes goes through it; JSON, HTML and LaTeX
    escaping are their formats' own (and already leave no control character).
    """
    return text.translate(_CONTROLS)


def echo_error(message: str) -> None:
    """The one error line of the contract: ``leverage: error: …`` on stderr."""
    click.echo(visible(f"leverage: error: {message}"), err=True)


class Failure(click.ClickException):
    exit_code = 2

    def show(self, file: Any = None) -> None:
        echo_error(self.message)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except LeverageError as err:
            raise Failure(cli_message(err)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except RecursionError:
            raise Failure("input too deeply nested") from None
        except MemoryError:
            raise Failure("out of memory: the input is too large") from None
        except Exception as err:  # pragma: no cover - a bug
            if isinstance(err, ValueError) and "integer string conversion" in str(err):
                # the bounds of leverage.expr.bounds keep inputs far below; a result of a
                # large game may still pass Python's limit when printed
                raise Failure("a number in the result has more than 4,300 digits") from None
            if os.environ.get("LEVERAGE_DEBUG"):
                raise
            click.echo(
                visible(
                    f"leverage: internal error: {type(err).__name__}: {err} "
                    "(please report it; set LEVERAGE_DEBUG=1 for a traceback)"
                ),
                err=True,
            )
            sys.exit(1)

    return wrapper


def _replaceable(output: str, target: str, info: os.stat_result | None) -> tuple[str, int]:
    """The folder ``target`` is written in and the permission bits the file gets, after
    refusing every target that an atomic replace would damage.

    A new file gets what a plain ``open()`` would give it (``0o666`` less the umask); an
    existing regular file keeps its mode.  Refused (exit 2): a missing folder, a folder or
    socket, a file with other hard links (they would stop sharing it) and a read-only
    file.
    """
    directory = os.path.dirname(target)
    if not os.path.isdir(directory):
        raise Failure(f"{output}: cannot write: no such directory {directory}")
    if info is None:
        umask = os.umask(0)
        os.umask(umask)
        return directory, 0o666 & ~umask
    if not stat.S_ISREG(info.st_mode):
        raise Failure(f"{output}: is not a regular file, a device or a pipe; not written")
    if info.st_nlink > 1:
        raise Failure(f"{output}: has other hard links; refusing to replace it")
    if not info.st_mode & stat.S_IWUSR:
        raise Failure(f"{output}: is read-only; not written")
    return directory, stat.S_IMODE(info.st_mode)


def _atomic(output: str, suffix: str, fill: Callable[[str], None]) -> None:
    """Write ``output``: a regular file through a temporary file in its folder renamed
    into place, so a failure (or a signal) leaves the old file, or none, never a partial
    one; through a symbolic link to its target (the link stays); into a device or a pipe
    directly (``-o /dev/stdout``); see :func:`_replaceable` for what is refused."""
    if output == "":
        raise Failure("the output file name is empty")
    target = os.path.realpath(output)
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        fill(target)
        return
    directory, mode = _replaceable(output, target, info)
    tmp = None
    try:  # one block from the temporary file's creation: Ctrl-C or SIGTERM removes it
        try:
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=".leverage-", suffix=suffix)
        except OSError as err:
            raise Failure(f"{output}: cannot write: {err.strerror}") from None
        os.close(fd)
        fill(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def write(output: str | None, text: str) -> None:
    """Print ``text``, or write it to ``output`` (atomically; see :func:`_atomic`)."""
    write_pieces(output, [text])


#: Characters of streamed output gathered before each write to stdout.
_FLUSH_CHARS = 1 << 16


def write_pieces(output: str | None, pieces: Iterable[str]) -> None:
    """Print a text given in pieces, as they come, or write it to ``output`` (atomically;
    see :func:`_atomic`): a CSV or JSON text of millions of points is never held whole.
    The text ends with a newline, as with :func:`write`."""
    signals.check()  # a stopped command writes nothing, even if the signal's exception was lost
    to_stdout = output is None or output == "-"

    def emit(put: Callable[[str], Any]) -> None:
        batch: list[str] = []
        size = 0
        last = ""
        for piece in pieces:
            if not piece:
                continue
            batch.append(visible(piece))
            size += len(piece)
            last = piece[-1]
            if size >= _FLUSH_CHARS:
                put("".join(batch))
                batch, size = [], 0
        if last != "\n":
            batch.append("\n")
        put("".join(batch))

    if to_stdout:
        emit(lambda text: click.echo(text, nl=False))
        return

    def fill(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            emit(fh.write)

    _atomic(output or "", ".tmp", fill)


@contextlib.contextmanager
def progress(total: int, label: str, *, show: bool = True) -> Iterator[Progress | None]:
    """A progress callback drawing a bar on stderr when it is a terminal, else None."""
    if not (show and sys.stderr.isatty()):
        yield None
        return
    bar = click.progressbar(length=total, label=label, file=sys.stderr)

    def update(done: int, _total: int) -> None:
        bar.update(done - bar.pos)

    try:
        yield update
    finally:
        bar.render_finish()


#: The ``MODEL`` argument: a model file (``.toml`` or ``.nfg``, recognised by its content
#: too) or ``-`` for standard input; a missing file or a folder is reported by the loader,
#: in the same words by every command.
model_argument = click.argument("model_path", metavar="MODEL", type=click.Path(allow_dash=True))
#: ``-o FILE``: write the result to a file (atomically) instead of stdout.
output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to a file."
)
#: ``--set NAME=VALUE`` for the analysis commands, where one parameter varies.
hold_option = click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="NAME=VALUE",
    help="Hold another parameter at this value (checked against its range).",
)
#: ``--range A:B`` for the one-parameter analyses.
range_option = click.option(
    "--range",
    "bounds",
    metavar="A:B",
    help="The interval to analyse (default: the parameter's range); exact values "
    "such as 1/3 are allowed.",
)


def format_option(choices: Sequence[str], help: str, *, default: str | None = None) -> Any:
    """``--format``: one of ``choices`` (the first is the default), stored as
    ``output_format``."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default=default or choices[0],
        show_default=True,
        help=help,
    )


#: The figure formats ``--plot`` writes.
PLOT_SUFFIXES = (".png", ".pdf", ".svg")


def _check_plot_path(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    # checked before any work, so a bad name never leaves the text output half done
    if value is not None and os.path.splitext(value)[1].lower() not in PLOT_SUFFIXES:
        raise Failure(f"{value or repr(value)}: plots are written as .png, .pdf or .svg")
    return value


def plot_option(help: str) -> Any:
    """``--plot FILE``: also draw a figure (.png, .pdf or .svg), stored as ``plot_path``."""
    return click.option(
        "--plot",
        "plot_path",
        type=click.Path(dir_okay=False),
        callback=_check_plot_path,
        help=help,
    )


#: ``--latex-style sgame|tabular`` for the commands that print strategic-form tables.
latex_style_option = click.option(
    "--latex-style",
    type=click.Choice(LATEX_STYLES),
    default=None,
    help="With --format latex: the payoff table as an sgame 'game' environment "
    "(default; needs \\usepackage{sgame}) or a plain tabular.",
)


def check_latex_style(latex_style: str | None, output_format: str) -> None:
    """``--latex-style`` only makes sense with ``--format latex`` (exit 2 otherwise)."""
    if latex_style is not None and output_format != "latex":
        raise Failure("--latex-style needs --format latex")


def set_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--set name=value`` (repeatable) and ``--float``, shared by commands that build games."""
    func = click.option(
        "--float",
        "use_float",
        is_flag=True,
        help="Use floating-point payoffs instead of exact rationals.",
    )(func)
    return click.option(
        "--set",
        "assignments",
        multiple=True,
        metavar="NAME=VALUE",
        help="Override a parameter (checked against its range); repeatable. "
        "Values may be decimals or fractions: 0.88, 22/25.",
    )(func)


def build_game(model: Model, assignments: tuple[str, ...], use_float: bool) -> Any:
    values = parse_assignments(assignments)
    return model.game(values, exact=False if use_float else None)


def parse_range(text: str | None) -> tuple[str, str] | None:
    if text is None:
        return None
    low, sep, high = text.partition(":")
    if not sep or not low.strip() or not high.strip():
        raise Failure(f"--range expects LOW:HIGH, got {text!r}")
    return low.strip(), high.strip()


def param_interval(
    parameter: str | None, bounds: str | None
) -> tuple[str | None, tuple[str, str] | None]:
    """The parameter and interval of ``--param NAME=A:B`` or ``--param NAME --range A:B``
    (both forms are accepted, as ``sweep`` accepts ``--param NAME=A:B:N``)."""
    if parameter is None or "=" not in parameter:
        return parameter, parse_range(bounds)
    name, _, interval = parameter.partition("=")
    if bounds is not None:
        raise Failure(f"give the interval once: --param {parameter} or --range {bounds}")
    low, sep, high = interval.partition(":")
    if not name.strip() or not sep or not low.strip() or not high.strip() or ":" in high:
        raise Failure(f"--param expects NAME or NAME=LOW:HIGH, got {parameter!r}")
    return name.strip(), (low.strip(), high.strip())


def terminal_width(output: str | None = None) -> int:
    """The width terminal text is wrapped at: ``$COLUMNS`` when set (at least 40), else
    the terminal's width when standard output is one, else 80.  Text written to a file
    (``-o``) is always 80 columns wide, so files do not depend on the terminal."""
    if output is not None and output != "-":
        return 80
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit():
        return min(max(int(columns), 40), 1000)
    if sys.stdout.isatty():
        with contextlib.suppress(OSError):
            return min(max(os.get_terminal_size(sys.stdout.fileno()).columns, 40), 1000)
    return 80


def check_parameter(model: Model, name: str) -> None:
    if name not in model.parameters:
        model.values({name: 0})  # raises the usual unknown-parameter error


@contextlib.contextmanager
def located(path: str) -> Iterator[None]:
    """Errors raised inside name ``path`` as their file when they name none (a table whose
    columns would collide is a problem of the model's names)."""
    try:
        yield
    except LeverageError as err:
        raise err.located(file=path) from None


def csv_cell(value: Any) -> Any:
    """A value in a CSV cell, by the one convention of every command (docs/cli.md): a
    float as its shortest round-trip repr (``0.1``, ``-0.0`` as ``0.0``), a boolean as
    ``true``/``false``, ``None`` as an empty cell; exact values are strings already, in
    their own ``*_exact`` columns."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value + 0.0)  # -0.0 + 0.0 is 0.0
    return value


def csv_text(rows: list[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """``rows`` as CSV: a header of ``columns`` (default: the first row's keys), then one
    line per row, each cell by :func:`csv_cell` (empty without rows and columns)."""
    return "".join(csv_pieces(rows, columns))


def csv_pieces(
    rows: Iterable[dict[str, Any]], columns: Sequence[str] | None = None, *, batch: int = 10_000
) -> Iterator[str]:
    """:func:`csv_text` of rows that come one at a time, ``batch`` rows per piece (so a
    sweep of millions of points is written in constant memory)."""
    import csv
    import io

    rows = iter(rows)
    first = next(rows, None)
    names = list(columns) if columns is not None else list(first) if first is not None else []
    if not names:
        return
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(names)
    if first is None:
        yield buf.getvalue()
        return
    writer.writerow([csv_cell(first[name]) for name in names])
    for count, row in enumerate(rows, start=2):
        writer.writerow([csv_cell(row[name]) for name in names])
        if count % batch == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def json_pieces(head: dict[str, Any], key: str, items: Iterable[Any]) -> Iterator[str]:
    """``json.dumps({**head, key: list(items)}, indent=2, ensure_ascii=False)`` (``key``
    not in ``head``), byte for byte, in pieces: one per item of the list."""

    def dumps(value: Any) -> str:
        return json_dumps(value)

    text = dumps(head)
    yield (text[:-2] + ",\n") if head else "{\n"  # without its closing "\n}"
    items = iter(items)
    empty = object()
    first = next(items, empty)
    if first is empty:
        yield f"  {dumps(key)}: []\n}}"
        return
    yield f"  {dumps(key)}: ["
    for count, item in enumerate(itertools.chain([first], items)):
        lines = dumps(item).split("\n")
        yield ("\n" if count == 0 else ",\n") + "\n".join("    " + line for line in lines)
    yield "\n  ]\n}"


def save_figure(fig: Any, path: str) -> None:
    """Save a figure atomically (no partial file on failure), as :func:`write` writes."""
    signals.check()
    ext = os.path.splitext(path)[1].lower()
    if ext not in PLOT_SUFFIXES:
        raise Failure(f"{path or repr(path)}: plots are written as .png, .pdf or .svg")
    _atomic(path, ext, lambda tmp: fig.savefig(tmp, dpi=200))
