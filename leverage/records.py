"""One way to serialise every result: ``to_dict()``, ``to_json()``, ``to_rows()``,
``to_dataframe()``, and its table in a notebook.

Every result of the library (a :class:`~leverage.Solution`, a sweep, a Monte Carlo
run, a regime analysis, a learning run, a classification, an explanation …) mixes in
:class:`Record` and so answers the same calls:

- ``to_dict()``: a JSON-ready dictionary (the object ``--format json`` prints, without
  the ``schema`` key);
- ``to_json()``: that object as a JSON string, with :data:`SCHEMA_KEY` first, exactly
  what the command line prints;
- ``to_rows()``: a list of flat dictionaries of JSON-ready values (one per
  equilibrium, per grid point, per outcome …), ``to_dataframe()`` the same rows as a
  :class:`pandas.DataFrame`.  pandas is optional, imported only when a data frame is
  asked for: ``pip install 'leverage-games[dataframe]'``;
- ``_repr_html_()``: a compact escaped HTML table for Jupyter, drawn by
  :mod:`leverage.formats.notebook`.

Every JSON object the command line writes carries ``"schema": SCHEMA_VERSION``
(docs/json.md): the version of the layout of the JSON output, raised when a key changes
its meaning or disappears (new keys do not raise it).  The constant lives here, below
every result, so that each result's ``to_json()`` stamps it without importing the
renderers; :mod:`leverage.formats.jsonout` re-exports it for the command line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .errors import ModelError

#: The key that carries the version of the JSON layout in every top-level object.
SCHEMA_KEY = "schema"
#: The version of the JSON layout of every command (see docs/json.md).
SCHEMA_VERSION = 1

#: The message of the :class:`ImportError` raised when pandas is missing.
PANDAS_MISSING = "to_dataframe() needs pandas: pip install 'leverage-games[dataframe]'"


def checked_columns(names: Sequence[str]) -> list[str]:
    """``names`` as a list, after checking that no column name appears twice.

    Rows are dictionaries, so two columns of one name would silently become one (a
    parameter named ``point`` overwriting the point index, a player named ``payoff``).

    Raises
    ------
    ModelError
        A name appears twice; the message names it.

    Examples
    --------
    >>> checked_columns(["point", "kind"])
    ['point', 'kind']
    """
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ModelError(
                f"the table would have two columns named {name!r} (a parameter, player or "
                "strategy is named like another column); rename it in the model, or use "
                "the JSON output"
            )
        seen.add(name)
    return list(names)


def json_document(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as a top-level JSON object: :data:`SCHEMA_KEY` first, then its keys.

    Examples
    --------
    >>> json_document({"title": "Chicken"})
    {'schema': 1, 'title': 'Chicken'}
    """
    return {SCHEMA_KEY: SCHEMA_VERSION, **{k: v for k, v in data.items() if k != SCHEMA_KEY}}


#: DEL and the C1 controls, which ``json.dumps(..., ensure_ascii=False)`` leaves raw, as
#: JSON's ``\u`` escapes (the C0 controls it escapes itself).
_JSON_CONTROLS = {c: f"\\u{c:04x}" for c in [0x7F, *range(0x80, 0xA0)]}


def json_dumps(value: Any, *, indent: int | None = 2) -> str:
    """``json.dumps`` with non-ASCII characters kept but every control character
    escaped, so the text never holds one raw (a terminal would obey it) and stays valid
    JSON however it is shown.

    Examples
    --------
    >>> json_dumps({"title": "a\x7fb"}, indent=None)
    '{"title": "a\\\\u007fb"}'
    """
    return json.dumps(value, indent=indent, ensure_ascii=False).translate(_JSON_CONTROLS)


def json_text(data: dict[str, Any], *, indent: int | None = 2) -> str:
    """The JSON text of ``data`` as a top-level object (see :func:`json_document`):
    non-ASCII characters kept, control characters escaped, ``indent`` spaces per level."""
    return json_dumps(json_document(data), indent=indent)


def dataframe(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> Any:
    """``rows`` as a :class:`pandas.DataFrame`, its columns in the rows' key order.

    Parameters
    ----------
    rows
        Flat dictionaries, all with the same keys.
    columns
        The columns, in order, when there may be no rows (default: the first row's keys).

    Raises
    ------
    ImportError
        pandas is not installed; the message names the extra to install.

    Examples
    --------
    >>> dataframe([{"equilibrium": 1, "kind": "pure"}]).columns.tolist()
    ['equilibrium', 'kind']
    """
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(PANDAS_MISSING) from exc
    if columns is None:
        columns = list(rows[0]) if rows else []
    return pandas.DataFrame.from_records(list(rows), columns=list(columns))


class Record:
    """The serialisations every result shares, built on its ``to_dict()`` and
    ``to_rows()``.

    A result defines ``to_dict()`` (a JSON-ready dictionary) and ``to_rows()`` (flat
    rows); it may define ``columns()`` (the column names, so that an empty result still
    has them) and ``notebook_rows()`` (the rows its notebook table shows, by default
    :meth:`to_rows`).
    """

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary of the result."""
        raise NotImplementedError

    def to_rows(self) -> list[dict[str, Any]]:
        """The result as flat rows of JSON-ready values."""
        raise NotImplementedError

    def to_json(self, *, indent: int | None = 2) -> str:
        """The result as a JSON string: :meth:`to_dict` with the ``schema`` version first,
        as ``--format json`` prints it (docs/json.md)."""
        return json_text(self.to_dict(), indent=indent)

    def to_dataframe(self) -> Any:
        """:meth:`to_rows` as a :class:`pandas.DataFrame` (needs pandas: ``pip install
        'leverage-games[dataframe]'``)."""
        columns = getattr(self, "columns", None)
        return dataframe(self.to_rows(), columns() if callable(columns) else None)

    def notebook_rows(self) -> list[dict[str, Any]]:
        """The rows the notebook table shows (by default :meth:`to_rows`)."""
        return self.to_rows()

    def _repr_html_(self) -> str:
        from .formats.notebook import record_html

        return record_html(self)
