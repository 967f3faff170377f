"""Figures (matplotlib, imported only when a plot is asked for): regime and sweep panels
(:mod:`.panels`), the 2-D regime map and Monte Carlo shares (:mod:`.charts`) and learning
trajectories (:mod:`.dynamics`), all drawn in the style of :mod:`.style` (TrueType fonts
in PDFs, reproducible files, series told apart in greyscale)."""
