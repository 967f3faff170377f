"""Game representations, never importing a solver: :class:`~leverage.games.strategic.Game`
(a strategic-form game with labelled, exact or float payoff arrays) and
:class:`~leverage.games.model.Model` (a parameterised model read from a file)."""
