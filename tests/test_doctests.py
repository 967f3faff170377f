"""Run the examples in the package's docstrings, so they cannot drift from the code."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import leverage

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(leverage.__path__, prefix="leverage.")
    if "__main__" not in m.name
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, monkeypatch):
    from pathlib import Path

    monkeypatch.chdir(Path(__file__).parent.parent)
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
