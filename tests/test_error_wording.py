"""Library errors and notes speak the API, the command line speaks flags.

No error raised outside :mod:`leverage.cli` names a command-line flag (``--set``,
``--method``): the library says it in API terms (``method="pure"``) and the command line
re-words it (:mod:`leverage.cli.wording`), so its output names the flags as before.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from leverage import Game, ParameterError, UnsupportedError, equilibria
from leverage.cli import cli
from leverage.cli.wording import reword
from leverage.games.model import parse_assignments

PKG = Path(__file__).parent.parent / "leverage"
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")


def _raised_strings(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            for sub in ast.walk(node.exc):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                    yield sub.lineno, sub.value


def test_no_library_error_names_a_flag():
    found = []
    for path in sorted(PKG.rglob("*.py")):
        if path.relative_to(PKG).parts[0] == "cli":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, text in _raised_strings(tree):
            if FLAG.search(text):
                found.append(f"{path.relative_to(PKG.parent)}:{line}: {text!r}")
    assert not found, "library errors naming a command-line flag:\n" + "\n".join(found)


def test_the_scan_sees_flags():
    tree = ast.parse('raise ValueError(f"use --method pure, got {x!r}", "a--b")')
    assert sorted(FLAG.search(t) is not None for _, t in _raised_strings(tree)) == [False, True]


@pytest.mark.parametrize(
    ("api", "cli_text"),
    [
        ("an assignment must be name=value, got 'x'", "--set expects name=value, got 'x'"),
        ("starting point '0.5': give one", "--start '0.5': give one"),
        (
            'components need vertex enumeration (method="vertex")',
            "components need vertex enumeration (--method vertex)",
        ),
        (
            'limit 10); use method="lemke-howson" for one equilibrium, or method="pure"',
            "limit 10); use --method lemke-howson for one equilibrium, or --method pure",
        ),
        (
            "5 players (use the table, markdown or json format for its outcome list)",
            "5 players (use --format table, markdown or json for its outcome list)",
        ),
        ("drop symbolic=True or choose", "drop --symbolic or choose"),
        ("also equilibria (see components=True)", "also equilibria (see --components)"),
        ("nothing to change here", "nothing to change here"),
    ],
)
def test_cli_rewording(api, cli_text):
    assert reword(api) == cli_text


def test_the_api_says_it_in_api_terms_and_the_cli_with_flags():
    with pytest.raises(ParameterError, match=r"^an assignment must be name=value"):
        parse_assignments(["cost"])
    game = Game.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(ParameterError, match=r'\(method="vertex"\)'):
        equilibria(game, "pure", components=True)
    result = CliRunner().invoke(cli, ["solve", "models/chicken.toml", "--set", "cost"])
    assert result.exit_code == 2
    assert "--set expects name=value, got 'cost'" in result.stderr


def test_three_players_mixed_message():
    cube = [[[1, 0], [0, 1]], [[0, 1], [1, 0]]]
    game = Game.from_arrays(cube, cube, cube)
    with pytest.raises(UnsupportedError, match=r'use method="pure" for the pure'):
        equilibria(game)


def test_solution_notes_speak_the_api_and_the_cli_rewords_them():
    from leverage.cli.wording import reword_notes

    game = Game.from_arrays([[1, 1], [0, 0]], [[1, 1], [0, 0]])  # degenerate
    solution = equilibria(game)
    assert any("(see components=True)" in n for n in solution.notes)
    assert not any(FLAG.search(n) for n in solution.notes)
    shown = reword_notes(solution)
    assert any("(see --components)" in n for n in shown.notes)
    assert shown.equilibria == solution.equilibria
    support = equilibria(game, "support")
    assert any('use method="vertex"' in n for n in support.notes)
    assert any("use --method vertex" in n for n in reword_notes(support).notes)


#: The library strings that may show a command line, and why.
SHOWS_A_COMMAND = {
    "teach/exercise/sheets.py": "an exercise sheet prints the command that reproduces it",
    "teach/report/page.py": "the report's footer points to leverage --help",
    "teach/report/style.py": "CSS custom properties (--ink, --rule …), not flags",
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = body[0] if body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def test_no_library_string_names_a_flag():
    # wider than the raise statements: messages built first and raised (or collected as
    # validation problems) later are strings too
    found = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG)
        if rel.parts[0] == "cli" or rel.as_posix() in SHOWS_A_COMMAND:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and FLAG.search(node.value)
            ):
                found.append(f"{rel}:{node.lineno}: {node.value[:60]!r}")
    assert not found, "library strings naming a command-line flag:\n" + "\n".join(found)
