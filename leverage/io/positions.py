"""Line numbers of keys in a TOML document.

``tomllib`` reports syntax errors with a line and column but gives no positions for
the keys of a valid document, and error messages about a model must name the line.
This module scans the text once and maps every dotted key path (table headers, plain
and quoted keys, dotted keys) to the line it is defined on.  Keys inside inline tables
map to the line of the enclosing key.
"""

from __future__ import annotations

import re

_BARE = r"[A-Za-z0-9_-]+"
_BASIC = r'"(?:[^"\\]|\\.)*"'
_LITERAL = r"'[^']*'"
_KEY = rf"(?:{_BARE}|{_BASIC}|{_LITERAL})"
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_ASSIGN = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART = re.compile(_KEY)


def _split(dotted: str) -> tuple[str, ...]:
    parts = []
    for match in _PART.finditer(dotted):
        token = match.group(0)
        if token.startswith('"'):
            token = token[1:-1].encode("utf-8").decode("unicode_escape", errors="replace")
        elif token.startswith("'"):
            token = token[1:-1]
        parts.append(token)
    return tuple(parts)


class KeyLines:
    """Map dotted key paths of a TOML text to 1-based line numbers.

    Parameters
    ----------
    text
        The TOML document.

    Examples
    --------
    >>> lines = KeyLines('title = "x"\\n[players]\\nA = ["a"]\\n')
    >>> lines.line("players", "A")
    3
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        in_multiline: str | None = None
        depth = 0  # open brackets of a multi-line array
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline is not None:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            if depth > 0:
                depth += _bracket_balance(line)
                continue
            header = _HEADER.match(line)
            if header:
                table = _split(header.group(1))
                self._lines.setdefault(table, number)
                continue
            assign = _ASSIGN.match(line)
            if assign:
                path = table + _split(assign.group(1))
                self._lines.setdefault(path, number)
                rest = line[assign.end() :]
                for quote in ('"""', "'''"):
                    if rest.count(quote) % 2 == 1:
                        in_multiline = quote
                        break
                else:
                    depth = max(0, _bracket_balance(rest))

    def line(self, *path: str) -> int | None:
        """Line of the longest prefix of ``path`` that was found, or ``None``."""
        for end in range(len(path), 0, -1):
            found = self._lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return None


def _bracket_balance(text: str) -> int:
    balance = 0
    in_string: str | None = None
    for ch in text:
        if in_string:
            if ch == in_string:
                in_string = None
        elif ch in "\"'":
            in_string = ch
        elif ch == "#":
            break
        elif ch in "[{":
            balance += 1
        elif ch in "]}":
            balance -= 1
    return balance
