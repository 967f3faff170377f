"""Player names and strategy labels: when one is acceptable, and when two are the same.

Names and labels are shown in tables, CSV columns, JSON, LaTeX and HTML, so each must be
visible and no two may be shown alike.  Both readers (TOML model files and Gambit ``.nfg``
files) apply the same rules, at read time, before any array is built:

- a name is not blank and has no leading or trailing whitespace (``" Row"`` and ``"Row"``
  print alike, and CSV readers strip them);
- it holds no control, format or line-separator character (Unicode categories ``Cc``,
  ``Cf``, ``Zl``, ``Zp``): the command line shows control characters as ``\\xNN``, so the
  label ``A\\x01`` and the text ``A\\x01`` would print alike, and a zero-width space is
  invisible;
- two players, or two strategies of one player, differ after Unicode NFC normalisation
  (``"é"`` written as one code point or as ``e`` and a combining accent look the same);
- the CSV columns ``<player>:<strategy>`` and ``payoff:<player>`` of the sweep and the
  other tables, and their exact twins ending in ``_exact``, are all distinct (player
  ``"A:B"`` with strategy ``"C"`` and player ``"A"`` with strategy ``"B:C"`` would share a
  column, and so would the strategies ``x_exact`` and ``x`` of one player).

Every check is linear in the number of names (a set or a dict, never a pairwise
comparison), so a hostile file with many labels cannot make it slow.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

__all__ = ["column_clash", "duplicate", "name_problem", "names_problem", "normal", "twice"]

_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}


def name_problem(text: str, what: str) -> str | None:
    """Why ``text`` cannot be a name (``what``: ``"player name"``, ``"strategy label"``),
    or ``None`` when it can."""
    if not text.strip():
        return f"{what} {text!r} is blank" if text else f"{what} is empty"
    if text != text.strip():
        return f"{what} {text!r} has leading or trailing whitespace"
    for ch in text:
        if unicodedata.category(ch) in _INVISIBLE:
            return (
                f"{what} {text!r} may not hold the control or invisible character U+{ord(ch):04X}"
            )
    return None


def normal(name: str) -> str:
    """``name`` in Unicode NFC: two names equal in it look the same."""
    return unicodedata.normalize("NFC", name)


def twice(what: str, first: str, second: str) -> str:
    """The message for ``second``, which repeats ``first`` (``what``: ``"strategy"``)."""
    if first == second:
        return f"duplicate {what} {first!r}"
    return (
        f"{what} {second!a} is {first!a} written differently (the same after "
        "Unicode NFC normalisation)"
    )


def duplicate(names: Iterable[str]) -> tuple[str, str] | None:
    """The first two of ``names`` that are the same after NFC normalisation (the earlier
    one first), or ``None``."""
    seen: dict[str, str] = {}
    for name in names:
        key = normal(name)
        if key in seen:
            return seen[key], name
        seen[key] = name
    return None


def column_clash(players: Sequence[str], strategies: Sequence[Sequence[str]]) -> str | None:
    """A CSV column two different (player, strategy) pairs, or a pair and a player's
    payoff, would share; ``None`` when all are distinct."""
    seen: set[str] = set()
    columns = [f"{p}:{s}" for p, labels in zip(players, strategies, strict=False) for s in labels]
    columns += [f"payoff:{p}" for p in players]
    for base in columns:
        for column in (normal(base), normal(base) + "_exact"):
            if column in seen:
                return column
            seen.add(column)
    return None


def names_problem(players: Sequence[str], strategies: Sequence[Sequence[str]]) -> str | None:
    """The first reason the readers would refuse these names (each name's own problem, a
    repeat, a CSV column clash), or ``None``: what a writer must check so that its file
    reads back."""
    for player, labels in zip(players, strategies, strict=True):
        problem = name_problem(player, "player name")
        for label in labels:
            problem = problem or name_problem(label, f"strategy label of player {player!r}")
        repeat = duplicate(labels)
        if problem or repeat:
            return problem or twice(f"strategy of player {player!r}", *repeat)  # type: ignore[misc]
    repeat = duplicate(players)
    if repeat:
        return twice("player", *repeat)
    clash = column_clash(players, strategies)
    return f"two names would share the CSV column {clash!r}" if clash else None
