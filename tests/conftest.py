"""Shared test set-up: terminal text is 80 columns wide unless a test sets COLUMNS."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_terminal_width(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
