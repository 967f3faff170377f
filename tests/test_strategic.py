"""Best responses and the strategic-form tables (LaTeX, Markdown, text, HTML), and the
``solve``/``show`` options that print them."""

from __future__ import annotations

import re
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pygambit as gbt
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import leverage
from leverage.cli import cli
from leverage.errors import LeverageError, UnsupportedError
from leverage.expr.escape import markdown_escape
from leverage.formats.strategic import strategic_html, strategic_markdown, strategic_text
from leverage.formats.strategic_latex import (
    LATEX_STYLES,
    latex_document,
    strategic_latex,
    strategic_solution_latex,
)
from leverage.games.strategic import Game
from leverage.solve.best_response import best_responses, pure_equilibrium_profiles
from leverage.solve.nplayer.pure import pure_equilibria

from .latex import compile_latex, needs_latex
from .strategies import bimatrix

ROOT = Path(__file__).parent.parent
MODELS = sorted((ROOT / "models").glob("*.toml"))
TWO_PLAYER = [p for p in MODELS if leverage.load(p).game().n_players == 2]


def model_game(name: str) -> Game:
    return leverage.load(ROOT / "models" / f"{name}.toml").game()


# ---------------------------------------------------------------- hypothesis games
@st.composite
def games(draw, exact: bool = True):
    """Games with 1-4 players and 1-3 strategies each; exact payoffs are small fractions
    (many ties), float payoffs small integers or halves as floats."""
    n = draw(st.integers(1, 4))
    shape = tuple(draw(st.integers(1, 3)) for _ in range(n))
    size = int(np.prod(shape))
    if exact:
        values = st.builds(Fraction, st.integers(-3, 3), st.sampled_from([1, 2, 3]))
    else:
        values = st.integers(-6, 6).map(lambda k: k / 2)
    arrays = [
        np.array(draw(st.lists(values, min_size=size, max_size=size)), dtype=object).reshape(shape)
        for _ in range(n)
    ]
    return Game.from_arrays(*arrays, exact=exact)


def brute_force_marks(game: Game) -> list[np.ndarray]:
    """The definition: s_p is a best response to s_-p when no t_p pays p strictly more."""
    marks = []
    for p, arr in enumerate(game.payoffs):
        mark = np.zeros(game.shape, dtype=bool)
        for s in game.profiles():
            deviations = ((*s[:p], t, *s[p + 1 :]) for t in range(game.shape[p]))
            mark[s] = all(arr[s] >= arr[d] for d in deviations)
        marks.append(mark)
    return marks


@settings(max_examples=150, deadline=None)
@given(st.one_of(games(exact=True), games(exact=False)))
def test_best_responses_match_the_definition(game):
    marks = best_responses(game)
    assert len(marks) == game.n_players
    for got, expected in zip(marks, brute_force_marks(game), strict=True):
        assert got.dtype == bool and got.shape == game.shape
        assert (got == expected).all()
    # every opponent profile has at least one best response
    for p, mark in enumerate(marks):
        assert mark.any(axis=p).all()


@settings(max_examples=150, deadline=None)
@given(st.one_of(games(exact=True), games(exact=False)))
def test_pure_profiles_agree_with_the_pure_solver(game):
    profiles = pure_equilibrium_profiles(game)
    assert profiles == pure_equilibria(game.payoffs)
    assert profiles == sorted(profiles)
    if game.n_players >= 2:
        solved = [e.profile for e in game.equilibria("pure")]
        assert sorted(solved) == profiles


@settings(max_examples=100, deadline=None)
@given(bimatrix(max_size=4, values=st.integers(-3, 3)))
def test_pure_profiles_agree_with_gambit(ab):
    a, b = ab
    game = Game.from_arrays(a, b)
    g = gbt.Game.from_arrays(a.tolist(), b.tolist())
    found = set()
    for eq in gbt.nash.enumpure_solve(g).equilibria:
        found.add(
            tuple(
                next(k for k, s in enumerate(player.strategies) if eq[s] == 1)
                for player in g.players
            )
        )
    assert set(pure_equilibrium_profiles(game)) == found


def test_exact_comparison_distinguishes_what_floats_cannot():
    # a payoff difference of 10**-20 is exact in rationals and lost in binary floats
    tiny = Fraction(1, 10**20)
    game = Game.from_arrays([[1], [1 + tiny]], [[0], [0]])
    assert best_responses(game)[0].tolist() == [[False], [True]]
    assert best_responses(game.as_float())[0].tolist() == [[True], [True]]


# ---------------------------------------------------------------- shipped models
def test_prisoners_dilemma_marks():
    # Defect strictly dominates Cooperate for both players, so every best response is
    # Defect and (Defect, Defect) is the only equilibrium (Osborne 2004, §2.2 and §2.8.3).
    game = model_game("prisoners_dilemma")
    row, col = best_responses(game)
    assert row.tolist() == [[False, False], [True, True]]
    assert col.tolist() == [[False, True], [False, True]]
    assert pure_equilibrium_profiles(game) == [(1, 1)]


def test_battle_of_the_sexes_marks():
    # Two pure equilibria on the diagonal, the coordination outcomes (Osborne 2004, §2.7.2).
    game = model_game("battle_of_the_sexes")
    row, col = best_responses(game)
    assert row.tolist() == [[True, False], [False, True]]
    assert col.tolist() == [[True, False], [False, True]]
    assert pure_equilibrium_profiles(game) == [(0, 0), (1, 1)]


def test_matching_pennies_has_no_marked_pair():
    # Matching Pennies has no pure equilibrium (Osborne 2004, §2.7.3): in every cell
    # exactly one player best-responds.
    game = model_game("matching_pennies")
    row, col = best_responses(game)
    assert (row ^ col).all()
    assert pure_equilibrium_profiles(game) == []
    tex = strategic_latex(game)
    assert "\\fbox" not in tex
    assert tex.count("\\underline{") == 4
    for cell in re.findall(r"\$([^$]*)\$", tex):
        assert cell.count("\\underline") == 1


# ---------------------------------------------------------------- LaTeX structure
def strip_escapes(tex: str) -> str:
    """LaTeX source with escaped characters (\\&, \\{, ...) and line breaks removed."""
    return re.sub(r"\\[&%$#_{}\\]", "", tex)


def assert_balanced(tex: str) -> None:
    plain = strip_escapes(tex)
    depth = 0
    for ch in plain:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0, tex
    assert depth == 0, tex
    stack = []
    for kind, env in re.findall(r"\\(begin|end)\{([^}]*)\}", plain):
        if kind == "begin":
            stack.append(env)
        else:
            assert stack and stack.pop() == env, tex
    assert not stack, tex
    assert plain.count("$") % 2 == 0
    for ch in "%#_":
        assert ch not in plain, (ch, tex)  # every special character in a name is escaped


@pytest.mark.parametrize("style", LATEX_STYLES)
@pytest.mark.parametrize("path", TWO_PLAYER, ids=lambda p: p.stem)
def test_latex_structure_of_the_shipped_models(path, style):
    game = leverage.load(path).game()
    pure = pure_equilibrium_profiles(game)
    tex = strategic_latex(game, style=style, equilibria=pure)
    assert_balanced(tex)
    env = "game" if style == "sgame" else "tabular"
    assert tex.count(f"\\begin{{{env}}}") == 1
    marks = best_responses(game)
    assert tex.count("\\underline{") == sum(int(m.sum()) for m in marks)
    assert tex.count("\\fbox{") == len(pure)
    assert ("boxed cell" in tex) == bool(pure)
    # one row per strategy of the row player, in order
    rows = [line.split(" & ")[0] for line in tex.splitlines() if "$" in line]
    assert rows == list(game.strategies[0])
    captioned = strategic_latex(game, style=style, caption="A 50% test_game")
    assert_balanced(captioned)
    assert captioned.startswith("\\begin{table}") and "A 50\\% test\\_game." in captioned


NASTY = Game.from_arrays(
    [[3, 0, Fraction(-1, 2)], [5, 1, 0]],
    [[3, 5, 1], [0, 1, Fraction(7, 3)]],
    players=("R&D_1 {x}", "50% #2 ~^\\"),
    strategies=(("a&b", "[c]_%"), ("*x", "y$", "}z{")),
)


@pytest.mark.parametrize("style", LATEX_STYLES)
def test_latex_escapes_names(style):
    tex = strategic_latex(NASTY, style=style, equilibria=pure_equilibrium_profiles(NASTY))
    assert_balanced(tex)
    for escaped in ("R\\&D\\_1 \\{x\\}", "50\\% \\#2", "a\\&b", "[c]\\_\\%", "y\\$", "\\}z\\{"):
        assert escaped in tex
    # a row starting with [ must not be read as the optional argument of \\
    assert "\n{}[c]" in tex
    assert "\\frac{7}{3}" in tex and "-\\frac{1}{2}" in tex


def test_latex_marks_can_be_turned_off_and_profiles_checked():
    game = model_game("prisoners_dilemma")
    plain = strategic_latex(game, marks=False)
    assert "\\underline" not in plain and "underlined" not in plain
    with pytest.raises(LeverageError, match="not a profile"):
        strategic_latex(game, equilibria=[(2, 0)])
    with pytest.raises(LeverageError, match="style"):
        strategic_latex(game, style="booktabs")


def three_player_game() -> Game:
    rng = np.random.default_rng(3)
    arrays = [rng.integers(-2, 3, size=(2, 3, 2)) for _ in range(3)]
    return Game.from_arrays(
        *arrays, players=("A", "B", "C"), strategies=(("u", "d"), ("l", "m", "r"), ("W", "E"))
    )


@pytest.mark.parametrize("style", LATEX_STYLES)
def test_three_players_one_table_per_strategy_of_the_third(style):
    game = three_player_game()
    pure = pure_equilibrium_profiles(game)
    tex = strategic_latex(game, style=style, equilibria=pure)
    assert_balanced(tex)
    assert "C: W" in tex and "C: E" in tex
    env = "game" if style == "sgame" else "tabular"
    assert tex.count(f"\\begin{{{env}}}") == (2 if style == "sgame" else 4)
    assert tex.count("\\underline{") == sum(int(m.sum()) for m in best_responses(game))
    assert tex.count("\\fbox{") == len(pure)


def test_four_players_are_refused():
    game = Game.from_arrays(*[np.zeros((2, 2, 2, 2), dtype=int)] * 4)
    with pytest.raises(UnsupportedError, match="two- and three-player"):
        strategic_latex(game)
    # the other formats list the outcomes instead
    assert strategic_markdown(game).count("\n|") == 17
    assert strategic_html(game).count("<tr>") == 17


def test_latex_document_preamble():
    doc = latex_document("BODY", title="R&D")
    assert doc.startswith("\\documentclass")
    for package in ("amsmath", "sgame"):
        assert f"\\usepackage{{{package}}}" in doc
    assert "\\section*{R\\&D}" in doc and doc.endswith("\\end{document}\n")
    assert doc.index("\\begin{document}") < doc.index("BODY") < doc.index("\\end{document}")


# ---------------------------------------------------------------- Markdown, text, HTML
def test_markdown_prisoners_dilemma():
    game = model_game("prisoners_dilemma")
    md = strategic_markdown(game, equilibria=pure_equilibrium_profiles(game))
    lines = md.splitlines()
    assert lines[0] == "| Row \\ Column | Cooperate | Defect |"
    assert lines[2] == "| Cooperate | 3, 3 | 0, **5** |"
    assert lines[3] == "| Defect | **5**, 0 | [**1**, **1**] |"
    assert "**bold**" in lines[-1] and "[bracketed]" in lines[-1]


def test_markdown_escapes_and_fractions():
    md = strategic_markdown(NASTY)
    header = md.splitlines()[0]
    # 4 columns: the unescaped pipes are exactly the 5 separators
    assert len(re.findall(r"(?<!\\)\|", header)) == 5
    assert "\\*x" in md and "1/2" in md and "7/3" in md
    assert markdown_escape("a|b") == "a\\|b"


def test_text_fits_80_columns_and_marks_with_stars():
    for path in MODELS:
        game = leverage.load(path).game()
        text = strategic_text(game)
        assert max(len(line) for line in text.splitlines()) <= 80, path.stem
        payoff_text = text.rsplit("\n", 1)[0]
        assert payoff_text.count("*") == sum(int(m.sum()) for m in best_responses(game))
    assert "*" not in strategic_text(model_game("chicken"), marks=False)


class _Checker(HTMLParser):
    VOID = ("br", "img")

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.classes: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script" or any(k.startswith("on") for k, _ in attrs)
        self.classes += [v for k, v in attrs if k == "class"]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack.pop() == tag


def test_html_is_well_formed_escaped_and_marked():
    game = Game.from_arrays(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=("<script>alert(1)</script>", "B&C"),
        strategies=(("x", "y"), ("<b>", '"q"')),
    )
    out = strategic_html(game, equilibria=pure_equilibrium_profiles(game))
    checker = _Checker()
    checker.feed(out)
    assert checker.stack == [] and checker.scripts == 0
    assert checker.classes.count("br") == 4 and checker.classes.count("ne") == 1
    assert "&lt;script&gt;" in out and "B&amp;C" in out and "&quot;q&quot;" in out
    assert out.startswith('<table class="strategic-form">')


# ---------------------------------------------------------------- compiling
@needs_latex
@pytest.mark.parametrize("style", LATEX_STYLES)
def test_every_shipped_two_player_model_compiles(tmp_path, style):
    for path in TWO_PLAYER:
        game = leverage.load(path).game()
        body = strategic_latex(game, style=style, equilibria=pure_equilibrium_profiles(game))
        compile_latex(tmp_path, f"{path.stem}-{style}", latex_document(body, title=game.title))
    # the awkward names, a caption, three players, and solve's table plus equilibrium list
    extras = [
        strategic_latex(NASTY, style=style, caption="Names & 100% _odd_ {braces}"),
        strategic_latex(three_player_game(), style=style),
        strategic_solution_latex(model_game("rare_earth_controls").equilibria(), style=style),
    ]
    compile_latex(tmp_path, f"extras-{style}", latex_document("\n\n".join(extras)))


# ---------------------------------------------------------------- command line
def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


PD = ROOT / "models" / "prisoners_dilemma.toml"


def test_solve_latex_styles():
    default = run("solve", PD, "--format", "latex")
    assert default.exit_code == 0
    assert "\\begin{game}{2}{2}" in default.output
    assert "\\fbox{$\\underline{1}, \\underline{1}$}" in default.output
    # then the list of equilibria, as before
    assert default.output.rstrip().endswith("\\end{tabular}")
    assert "& pure & Defect & Defect &" in default.output
    tabular = run("solve", PD, "--format", "latex", "--latex-style", "tabular")
    assert tabular.exit_code == 0
    assert "\\begin{game}" not in tabular.output and "\\cline{2-3}" in tabular.output


@pytest.mark.parametrize(
    "args",
    [
        ("solve", PD, "--latex-style", "tabular"),
        ("solve", PD, "--format", "json", "--latex-style", "sgame"),
        ("show", PD, "--latex-style", "sgame"),
        ("show", PD, "--format", "markdown", "--latex-style", "tabular"),
        ("show", PD, "--format", "latex", "--symbolic"),
    ],
)
def test_bad_option_combinations_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("leverage: error: --")


def test_show_formats():
    table = run("show", PD)
    assert table.exit_code == 0 and "source:" in table.output
    md = run("show", PD, "--format", "markdown")
    assert md.exit_code == 0
    assert "| Defect | **5**, 0 | [**1**, **1**] |" in md.output
    assert "| temptation | 5 |" in md.output
    tex = run("show", PD, "--format", "latex", "--latex-style", "tabular", "--set", "temptation=6")
    assert tex.exit_code == 0
    assert "\\begin{tabular}" in tex.output and "\\underline{6}" in tex.output
    assert_balanced(tex.output)


def test_three_player_pure_solve_prints_tables(tmp_path):
    path = tmp_path / "three.nfg"
    game = three_player_game()
    from leverage.io.gambit import write_nfg

    path.write_text(write_nfg(game), encoding="utf-8")
    result = run("solve", path, "--method", "pure", "--format", "latex")
    assert result.exit_code == 0, result.output
    assert result.output.count("\\begin{game}") == 2
    assert result.output.count("\\fbox{") == len(pure_equilibrium_profiles(game))
