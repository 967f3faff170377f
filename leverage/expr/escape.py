"""Plain text escaped for LaTeX and for Markdown: the one implementation of each.

They live at the lowest layer that needs them (:mod:`leverage.expr.printing` writes symbol
names such as ``interdependence_cost`` in LaTeX), so that every rendering above — tables,
explanations, exercises, reports — escapes text the same way.

References
----------
- J. MacFarlane, *CommonMark Spec*, version 0.31.2 (2024), "Backslash escapes"; GitHub,
  *GitHub Flavored Markdown Spec*, "Tables (extension)": an unescaped ``|`` ends a cell.
- L. Lamport, *LaTeX: A Document Preparation System*, 2nd ed. (1994), §3.1: the ten special
  characters ``# $ % & ~ _ ^ \\ { }``.
"""

from __future__ import annotations

import re

__all__ = ["latex_escape", "markdown_escape"]

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}

_MD_SPECIAL = re.compile(r"[\\`*|<>#]|\[(?=[^\]]*\]\()|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")


def latex_escape(text: str) -> str:
    """Escape the LaTeX special characters of plain text.

    Parameters
    ----------
    text
        Plain text (a name, a caption).

    Returns
    -------
    str
        The text for LaTeX text mode: ``# $ % & _ { }`` backslashed, ``\\ ~ ^`` as
        ``\\textbackslash{}``, ``\\textasciitilde{}``, ``\\textasciicircum{}``.

    Examples
    --------
    >>> print(latex_escape("50% of R&D_cost"))
    50\\% of R\\&D\\_cost
    """
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def markdown_escape(text: str, *, pipes_only: bool = False) -> str:
    """Escape the Markdown punctuation in ``text`` that would change a table cell.

    Parameters
    ----------
    text
        Plain text.
    pipes_only
        Escape only ``|`` (which would end a table cell): the equilibria and regime tables
        of :mod:`leverage.formats.text` and :mod:`leverage.formats.regimes` hold formulas
        (``c**2``, ``x < 1/2``) that read better unescaped in the source.

    Returns
    -------
    str
        The text with a backslash before: backslash, backquote, ``*``, ``|``, ``<``,
        ``>``, ``#``, an ``_`` that is not inside a word (GitHub-flavoured Markdown never
        emphasises intraword ``_``) and a ``[`` that would open a link; the rest is left
        alone so the source stays readable.

    Examples
    --------
    >>> print(markdown_escape("refining_share | *x* [8]"))
    refining_share \\| \\*x\\* [8]
    >>> print(markdown_escape("c**2 | x", pipes_only=True))
    c**2 \\| x
    """
    if pipes_only:
        return text.replace("|", "\\|")
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), text)
