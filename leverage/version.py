"""The version of leverage and the name it is published under (one place; setup.cfg,
``--version`` and every "pip install" hint read it)."""

__version__ = "0.1.0"

DISTRIBUTION = "leverage-games"
"""The distribution name on PyPI: ``pip install leverage-games``.  The import package and
the command stay ``leverage`` (the PyPI name ``leverage`` belongs to another project)."""


def pip_hint(extra: str) -> str:
    """The command that installs an optional extra, e.g. ``pip install 'leverage-games[plot]'``."""
    return f"pip install '{DISTRIBUTION}[{extra}]'"
