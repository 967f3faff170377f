"""Learning dynamics: fictitious play (exact) and two-population replicator dynamics (RK4),
their settings and results, and :func:`~leverage.learning.run.dynamics`, which runs one."""
