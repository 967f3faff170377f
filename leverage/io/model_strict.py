"""What ``validate --strict`` asks of a publication-grade model file, beyond what every
model file needs (:mod:`leverage.io.model_sections`): a description, and for every
parameter its range, unit and source."""

from __future__ import annotations

from typing import Any

from .model_sections import Problems

__all__ = ["STRICT_PARAMETER_KEYS", "strict_problems"]

#: What :func:`strict_problems` requires of every parameter, with why.
STRICT_PARAMETER_KEYS = {
    "range": "the values it may take, [low, high]",
    "unit": "what it is measured in",
    "source": 'a seed figure, a citation, or "assumption"',
}


def strict_problems(data: dict[str, Any], problems: Problems) -> None:
    """Record what a publication-grade model lacks: a ``description``, and for every
    parameter a ``range``, a ``unit`` and a ``source`` (each may be left out of a
    quick model).  Entries that are present but malformed are the readers' problems."""
    description = data.get("description")
    if description is None or (isinstance(description, str) and not description.strip()):
        problems.add("strict: a non-empty 'description' is required", "description")
    parameters = data.get("parameters")
    if not isinstance(parameters, dict):
        return
    for name, table in parameters.items():
        if not isinstance(table, dict):
            continue
        for key, meaning in STRICT_PARAMETER_KEYS.items():
            if key not in table:
                problems.add(f"strict: missing {key!r} ({meaning})", "parameters", name)
