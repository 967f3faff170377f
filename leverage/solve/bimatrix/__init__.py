"""Exact solvers for two-player games: vertex and support enumeration on fraction-free
integer algebra, Lemke–Howson on an integer tableau, and the convex components of a
degenerate game's equilibrium set."""
