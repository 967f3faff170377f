"""``leverage docs``: the documentation that is installed with the package.

The Markdown files of ``docs/`` are installed with the distribution (as data files, under
``share/doc/leverage-games``), so a user who installed with pip has the tutorial and the
references without the source tree.  This command lists them, or prints one.
"""

from __future__ import annotations

import difflib
from importlib import metadata
from pathlib import Path

import click

from ...version import DISTRIBUTION
from ..options import Failure, handle_errors, output_option, write

EPILOG = """\b
Examples:
  leverage docs
  leverage docs tutorial
  leverage docs model-format -o model-format.md"""


def docs_folder() -> Path | None:
    """Where the documentation is: the installed data files, else (an editable install, a
    source checkout) the ``docs/`` folder beside the package; None if neither exists."""
    try:
        files = metadata.distribution(DISTRIBUTION).files or []
    except metadata.PackageNotFoundError:
        files = []
    for file in files:
        if file.name == "cli.md" and file.parent.name == DISTRIBUTION:
            folder = Path(str(file.locate())).parent
            if folder.is_dir():
                return folder
    source = Path(__file__).resolve().parents[3] / "docs"
    return source if (source / "cli.md").is_file() else None


def topics(folder: Path) -> dict[str, Path]:
    """Each document by its topic name (the file name without ``.md``), sorted."""
    return {path.stem: path for path in sorted(folder.glob("*.md"))}


def title(path: Path) -> str:
    """The document's first heading."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


@click.command(name="docs", epilog=EPILOG)
@click.argument("topic", required=False)
@output_option
@handle_errors
def command(topic: str | None, output: str | None) -> None:
    """List the documentation installed with leverage, or print TOPIC (Markdown).

    The documents are the tutorials, the how-to guides and the references of the model
    format, the command line, the JSON output and the Python API.
    """
    folder = docs_folder()
    if folder is None:
        raise Failure("the documentation is not installed with this copy of leverage")
    found = topics(folder)
    if topic is None:
        width = max(map(len, found))
        lines = [f"  {name:<{width}}  {title(path)}" for name, path in found.items()]
        write(output, "\n".join(["Documentation (leverage docs TOPIC):", *lines]))
        return
    name = topic.removesuffix(".md")
    if name not in found:
        close = difflib.get_close_matches(name, list(found), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; one of {', '.join(found)}"
        raise Failure(f"no document {topic!r}{hint}")
    write(output, found[name].read_text(encoding="utf-8"))
