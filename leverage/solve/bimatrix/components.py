"""Maximal convex components (maximal Nash subsets) of a bimatrix game.

Join extreme equilibria ``(x, y)`` into a bipartite graph between the extreme
strategies of the two players.  A product ``conv(X) × conv(Y)`` consists of equilibria
if and only if every ``(x, y)`` with ``x ∈ X`` and ``y ∈ Y`` is an extreme equilibrium,
so the maximal convex sets of equilibria are the maximal bicliques of that graph
(Millham 1974; Winkels 1979; the "EEE"/clique method of Audet, Hansen, Jaumard &
Savard 2001, used by Avis et al. 2010 and by Gambit's ``enummixed``).

Maximal bicliques are found by closing under intersection: every maximal biclique's
``Y`` is an intersection of neighbourhoods ``N(x)``, and its ``X`` is then the set of
all ``x`` adjacent to the whole of ``Y``.
"""

from __future__ import annotations

from collections.abc import Sequence


def maximal_bicliques(
    edges: Sequence[tuple[int, int]],
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Maximal bicliques of a bipartite graph.

    Parameters
    ----------
    edges
        Pairs ``(x, y)`` of left and right node indices.

    Returns
    -------
    list of (tuple, tuple)
        Each maximal biclique as ``(left nodes, right nodes)``, sorted.
    """
    neighbours: dict[int, int] = {}
    for x, y in edges:
        neighbours[x] = neighbours.get(x, 0) | (1 << y)
    family: set[int] = set(neighbours.values())
    frontier = set(family)
    while frontier:
        new: set[int] = set()
        for mask in frontier:
            for nb in neighbours.values():
                inter = mask & nb
                if inter and inter not in family:
                    new.add(inter)
        family |= new
        frontier = new
    result: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    seen = set()
    for ymask in family:
        xs = tuple(sorted(x for x, nb in neighbours.items() if nb & ymask == ymask))
        # the closure of ymask: all y adjacent to every x in xs
        closed = ~0
        for x in xs:
            closed &= neighbours[x]
        if closed != ymask or (xs, ymask) in seen:
            continue
        seen.add((xs, ymask))
        ys = tuple(j for j in range(ymask.bit_length()) if ymask >> j & 1)
        result.append((xs, ys))
    result.sort()
    return result
