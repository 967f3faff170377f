"""Solvers for games with any number of players (today: the pure equilibria)."""
