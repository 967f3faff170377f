"""Themes: the players' and strategies' labels of each theme, and the one-sentence stories
of the rare-earth theme.

``neutral`` games are played by Row and Column with strategies A/B/C and L/M/R; ``rare-earth``
games by China and the US, with strategies and a story for each exercise taken from the
source below (the payoffs are invented for practice, not estimates).  The labels carry no
mathematics: the order of the strategies is the one the generators' escalation levels assume
(first strategy least escalated).

References
----------
China Musings, "China's Rare Earth Gambit", 17 October 2025 (the numbers in brackets in the
stories are its points).
"""

from __future__ import annotations

__all__ = ["STORIES"]


def theme_labels(
    shape: tuple[int, int], theme: str
) -> tuple[tuple[str, str], tuple[tuple[str, ...], ...]]:
    m, n = shape
    if theme == "rare-earth":
        rows = {2: ("Calibrate", "Overreach"), 3: ("De-escalate", "Calibrate", "Overreach")}[m]
        if n == 2:
            cols: tuple[str, ...] = ("Hold", "Escalate")
        elif m == 3:
            cols = ("De-escalate", "Hold", "Escalate")
        else:
            cols = ("Absorb", "Stockpile", "Diversify")
        return ("China", "US"), (rows, cols)
    cols = ("L", "R") if n == 2 else ("L", "M", "R")
    return ("Row", "Column"), (("A", "B", "C")[:m], cols)


#: One-sentence stories for the rare-earth theme, each grounded in the source's points.
STORIES = (
    "China's tighter rare-earth export rules apply from 1 December 2025: foreign-made goods "
    "with 0.1% or more Chinese rare-earth content will need a licence [2][3][4].",
    "China refines about 88% of the world's rare earths and makes about 90% of its magnets "
    "[8][13], which is what gives its export rules their bite.",
    "Beijing means the new rules as leverage against US technology restrictions, timed ahead "
    "of the APEC meetings [4][18].",
    "Enforcing the rules outside China will be hard: China lacks the mature compliance "
    "network and allied support behind US export controls [9][11][12].",
    "China makes only about 24% of the chips it uses, with 30% projected for 2027 [16], so "
    "wider US chip controls would hurt.",
    "Under the new rules, rare-earth inputs for chips below 14 nm are approved case by case "
    "[2][3][4].",
    "China is unlikely to reverse the rules, but is expected to apply them in a calibrated "
    "way so that compliant buyers still get approvals [19].",
    "Overreach could backfire: the US, the EU and Japan already pursue joint procurement and "
    "strategic stockpiles to diversify away from China [14][18].",
    "Analysts expect competitive confrontation with tactical escalation but no full "
    "decoupling, because interdependence is costly for both sides [17][18].",
    "The US is launching initiatives to secure critical minerals outside China, and Japan is "
    "working with France on rare-earth projects [23][24].",
)
