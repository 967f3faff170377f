"""Compiling LaTeX in tests: ``pdflatex`` with the ``sgame`` package, when installed.

The tests that compile skip (with the reason) on machines without TeX Live or without
``sgame.sty`` (Debian: ``texlive-latex-base``, ``texlive-games``); the structural checks
of the LaTeX run everywhere.  CI installs both and sets ``LEVERAGE_TEST_EXTERNAL=required``,
under which a missing program fails these tests instead of skipping them.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

import pytest


@functools.cache
def latex_missing() -> str | None:
    """Why LaTeX cannot be compiled here, or None when it can."""
    if shutil.which("pdflatex") is None or shutil.which("kpsewhich") is None:
        return "pdflatex is not installed"
    found = subprocess.run(["kpsewhich", "sgame.sty"], capture_output=True, text=True)
    if not found.stdout.strip():
        return "the sgame LaTeX package is not installed (Debian: texlive-games)"
    return None


#: Whether the programs outside Python must be there (CI installs them): then a test that
#: needs one runs, and fails, instead of skipping.
EXTERNAL_REQUIRED = os.environ.get("LEVERAGE_TEST_EXTERNAL") == "required"

#: Decorator for tests that compile LaTeX.
needs_latex = pytest.mark.skipif(
    latex_missing() is not None and not EXTERNAL_REQUIRED, reason=str(latex_missing())
)


def compile_latex(tmp_path: Path, name: str, source: str) -> Path:
    """Compile ``source`` with ``pdflatex -halt-on-error``; fail the test with the
    LaTeX errors if it does not compile.  Returns the PDF's path."""
    tex = tmp_path / f"{name}.tex"
    tex.write_text(source, encoding="utf-8")
    result = subprocess.run(
        ["pdflatex", "-halt-on-error", "-interaction=nonstopmode", tex.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    errors = [line for line in result.stdout.splitlines() if line.startswith("!")]
    assert result.returncode == 0, f"{name}: {errors or result.stdout[-2000:]}"
    pdf = tmp_path / f"{name}.pdf"
    assert pdf.stat().st_size > 1000
    return pdf
