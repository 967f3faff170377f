"""The version of leverage (one place; setup.cfg and ``--version`` read it)."""

__version__ = "0.1.0"
