"""bimatrix."""
