"""Command modules of the ``leverage`` command line, one click command per module.

Each module defines ``command`` (a :class:`click.Command`), built from the shared
plumbing in :mod:`leverage.cli.options`; :mod:`leverage.cli` registers them.  Like
the group itself these modules are a thin layer: parse options, call one library
function, format its result.
"""
