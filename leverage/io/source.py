"""Where a model comes from: a file or standard input, read with one wording for every
failure, and recognised as TOML or Gambit ``.nfg`` by its content.

``"-"`` names standard input (as in most command-line tools); messages call it
:data:`STDIN_NAME`.  :func:`read_bytes` reads at most a given number of bytes and turns a
missing file, a folder, an unreadable or an over-large file into a
:class:`~leverage.errors.ModelError` worded the same way for every format.  :func:`is_nfg`
recognises a Gambit strategic game by its extension or, for any other name (standard input,
a file without the extension), by its first word ``NFG``, which no TOML document can start
with (a bare key must be followed by ``=``, ``.`` or ``]``).
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

from ..errors import ModelError

__all__ = ["BOM", "STDIN", "STDIN_NAME", "is_nfg", "read_bytes", "source_name"]

#: The name of standard input as a model path.
STDIN = "-"
#: How messages name standard input.
STDIN_NAME = "<stdin>"
#: The UTF-8 encoding of the byte-order mark U+FEFF.
BOM = b"\xef\xbb\xbf"

_NFG_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*NFG\s")


def source_name(path: str | os.PathLike[str]) -> str:
    """How messages name ``path``: :data:`STDIN_NAME` for ``"-"``, else the path."""
    name = os.fspath(path)
    return STDIN_NAME if name == STDIN else name


def _read_up_to(stream: Any, size: int, chunk: int = 1 << 20) -> bytes:
    """At most ``size`` bytes of ``stream``, read a megabyte at a time: ``read(size)``
    itself would allocate ``size`` bytes (50 MB for a .nfg file) however short the file."""
    parts: list[bytes] = []
    left = size
    while left > 0:
        part = stream.read(min(chunk, left))
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def read_bytes(path: str | os.PathLike[str], limit: int) -> bytes:
    """The contents of ``path`` (``"-"``: standard input), at most ``limit`` bytes.

    Raises
    ------
    ModelError
        Naming the file: no such file, a folder, unreadable, or larger than ``limit``.
    """
    name = source_name(path)
    too_large = ModelError(f"file is too large (more than {limit:,} bytes)", file=name)
    try:
        if os.fspath(path) == STDIN:
            data = _read_up_to(sys.stdin.buffer, limit + 1)
        else:
            if os.path.isfile(path) and os.path.getsize(path) > limit:
                raise too_large  # refused before reading a byte of it
            with open(path, "rb") as fh:
                data = _read_up_to(fh, limit + 1)  # the file may have grown since
    except FileNotFoundError:
        raise ModelError("no such file", file=name) from None
    except IsADirectoryError:
        raise ModelError("is a directory, not a model file", file=name) from None
    except OSError as err:
        raise ModelError(f"cannot read file: {err.strerror or err}", file=name) from None
    if len(data) > limit:
        raise too_large
    return data


def is_nfg(path: str | os.PathLike[str], data: bytes) -> bool:
    """Whether ``data`` read from ``path`` is a Gambit ``.nfg`` game: by the extension
    ``.nfg``, else by its first word ``NFG`` (TOML otherwise)."""
    if os.fspath(path).lower().endswith(".nfg"):
        return True
    return _NFG_START.match(data[:64]) is not None
