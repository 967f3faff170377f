"""Figures (matplotlib, imported only when a plot is asked for): regime and sweep panels
(:mod:`.panels`) and learning trajectories (:mod:`.dynamics`)."""
