"""English for the renderings: lists of names (``A, B, and C``) and possessives.

One form of list is used everywhere: items separated by commas, with a serial comma
before the conjunction once there are three (``A and B``; ``Row, Column, and Third``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

__all__ = ["and_join", "and_list", "counted", "possessive"]

T = TypeVar("T")


def and_join(items: Sequence[T], conj: str = "and") -> list[T | str]:
    """The items with the separators of an English list between them.

    Parameters
    ----------
    items
        The items (text, or pieces of a rich-text paragraph).
    conj
        The conjunction before the last item.

    Returns
    -------
    list
        ``[a]``, ``[a, " and ", b]``, ``[a, ", ", b, ", and ", c]``.
    """
    out: list[T | str] = []
    last = len(items) - 1
    for k, item in enumerate(items):
        if k:
            out.append(", " if k < last else f" {conj} " if last == 1 else f", {conj} ")
        out.append(item)
    return out


def and_list(names: Sequence[str], conj: str = "and") -> str:
    """An English list of names.

    Parameters
    ----------
    names
        The names.
    conj
        The conjunction before the last name.

    Returns
    -------
    str
        ``""``, ``"A"``, ``"A and B"``, ``"A, B, and C"``.

    Examples
    --------
    >>> and_list(["Row", "Column", "Third"])
    'Row, Column, and Third'
    """
    return "".join(and_join(names, conj))


def possessive(name: str) -> str:
    """A name's possessive: ``China's``, ``Jones'``.

    Parameters
    ----------
    name
        A player's name.

    Returns
    -------
    str
        The name with ``'s``, or ``'`` after a final ``s``.
    """
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def counted(n: int, singular: str, plural: str) -> str:
    """``n`` and the noun in the right number: ``1 equilibrium``, ``3 equilibria``.

    Examples
    --------
    >>> counted(1, "value", "values"), counted(2, "value", "values")
    ('1 value', '2 values')
    """
    return f"{n:,} {singular if n == 1 else plural}"
