"""Batched, certified support enumeration for many bimatrix games of one shape (numpy),
with exact re-solving wherever a float decision cannot be certified; see
:mod:`.kernels` for the mathematics."""
