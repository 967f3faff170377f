"""The ``leverage`` command line: a thin layer over the Python API.

This module holds the ``leverage`` group (its help, epilog and ``--version``) and
registers the commands, one per module in :mod:`leverage.cli.commands`, each built with the
shared plumbing of :mod:`leverage.cli.options`.  Each command parses its options, calls one
library function, formats the result and turns library errors into a one-line message
with exit code 2 (bad input or usage).  An unexpected exception is exit code 1; Ctrl-C
and ``SIGTERM`` stop every worker and exit 130 and 143 with one line
(:mod:`leverage.cli.signals`).  Output
files are written only once the whole result is ready (to a temporary file renamed into
place), so a failing command leaves no partial file.
"""

from __future__ import annotations

import difflib
import importlib
import sys
from typing import Any

import click

from ..version import __version__

#: The commands, one module each in :mod:`leverage.cli.commands`.  A command's module (and
#: the library it calls) is imported only when that command runs or help lists it.
COMMANDS = (
    "solve",
    "show",
    "validate",
    "convert",
    "montecarlo",
    "regimes",
    "statics",
    "sweep",
    "explain",
    "classify",
    "exercise",
    "report",
    "dynamics",
    "docs",
)


class _LazyGroup(click.Group):
    """A group that imports ``leverage.cli.commands.<name>`` on first use of ``name``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; a usage error is one line on stderr and exit code 2 (the
        contract of docs/architecture.md), not click's four-line usage block."""
        kwargs["standalone_mode"] = False
        from .signals import Stopped, stopping_on_signals

        try:
            with stopping_on_signals():
                code = super().main(*args, **kwargs)
        except Stopped as err:  # Ctrl-C or SIGTERM; workers and temporary files are gone
            click.echo(f"leverage: {err.message}", err=True)
            sys.exit(err.exit_code)
        except click.exceptions.NoArgsIsHelpError as err:
            err.show()  # the help, on stderr, exit 2, as click prints it
            sys.exit(2)
        except click.UsageError as err:
            path = err.ctx.command_path if err.ctx is not None else "leverage"
            from .options import echo_error

            message = " ".join(err.format_message().split())  # one line, always
            echo_error(f"{message} (see '{path} --help')")
            sys.exit(2)
        except click.ClickException as err:
            err.show()
            sys.exit(err.exit_code)
        except click.Abort:
            click.echo("leverage: interrupted", err=True)
            sys.exit(130)
        # without standalone mode click returns the code of ctx.exit() (--help, --version)
        sys.exit(code if isinstance(code, int) else 0)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise click.UsageError(f"no such command {name!r}{hint}", ctx)
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: click.Context, cmd_name: str) -> Any:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            module = importlib.import_module(f".commands.{cmd_name}", __package__)
            self.add_command(module.command)
        return self.commands.get(cmd_name)


@click.group(
    cls=_LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 88},
    epilog="""\b
Examples:
  leverage solve models/rare_earth_controls.toml
  leverage show models/rare_earth_controls.toml --symbolic
  leverage validate models/*.toml
  leverage explain models/chicken.toml
  leverage classify models/*.toml

Documentation: leverage docs (tutorial, model format, CLI, JSON, Python API).""",
)
@click.version_option(__version__, prog_name="leverage")
def cli() -> None:
    """Game-theoretic models of economic leverage between states.

    Reads a model file (TOML, or a Gambit .nfg game), builds its payoff matrices and
    finds every Nash equilibrium exactly.  Exit codes: 0 success, 2 bad input or
    usage (one line on stderr naming file, key and line), 1 internal error.
    """


def all_commands() -> list[tuple[str, click.Command]]:
    """Every command as ``(name, command)``, in alphabetical order (importing each
    command's module)."""
    with click.Context(cli) as ctx:
        return [(name, cli.get_command(ctx, name)) for name in cli.list_commands(ctx)]


def main() -> None:
    """Entry point of the ``leverage`` console script."""
    cli(prog_name="leverage")
