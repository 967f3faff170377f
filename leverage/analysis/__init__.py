"""Sensitivity analysis: how the equilibria of a model move with its parameters."""
