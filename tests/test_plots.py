"""Figures fit for a paper: every key and legend inside the figure and off the data, each
curve told apart without colour, coinciding curves both visible, TrueType fonts in PDFs
(checked with ``pdffonts`` from poppler-utils where it is installed; CI installs it and
then requires it) and the same bytes from the same figure."""

from __future__ import annotations

import itertools
import pickle
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import leverage
from leverage.analysis.regimes.engine import regimes
from leverage.analysis.sweep import sweep
from leverage.cli import cli

from .latex import EXTERNAL_REQUIRED

matplotlib = pytest.importorskip("matplotlib")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from leverage.formats.plot.charts import inner_cell  # noqa: E402
from leverage.formats.plot.style import COLOURS, text_width, wrap  # noqa: E402

MODELS = Path(__file__).parent.parent / "models"
CHICKEN = MODELS / "chicken.toml"
RARE = MODELS / "rare_earth_controls.toml"
PD = MODELS / "prisoners_dilemma.toml"
LADDER = MODELS / "escalation_ladder.toml"

needs_pdffonts = pytest.mark.skipif(
    shutil.which("pdffonts") is None and not EXTERNAL_REQUIRED,
    reason="pdffonts is not installed (Debian: poppler-utils)",
)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


ROW = "Ministry of Commerce and its export-control bureau"
COLUMN = "Department of Commerce Bureau of Industry and Security"
SWERVE = "Back down and reopen the licence channel quietly"
STRAIGHT = "Hold firm and extend the controls to every component"


def long_names(tmp_path: Path) -> Path:
    """Chicken with a long title, long player names and long strategy names."""
    title = "A very long title for a figure in a journal article, " * 3 + "the end"
    s, t = SWERVE, STRAIGHT
    text = f"""
title = "{title}"
description = "Chicken with long names."
[players]
"{ROW}" = ["{s}", "{t}"]
"{COLUMN}" = ["{s}", "{t}"]
[parameters.interdependence_cost]
value = 2
range = [0, 10]
source = "assumption"
description = "Cost of the crash"
distribution = {{ uniform = [0.5, 6] }}
[parameters.win_value]
value = 1
range = [0.5, 5]
source = "assumption"
description = "Gain from holding firm alone"
[payoffs]
"{s}, {s}" = ["0", "0"]
"{s}, {t}" = ["-1", "win_value"]
"{t}, {s}" = ["win_value", "-1"]
"{t}, {t}" = ["-interdependence_cost", "-interdependence_cost"]
"""
    path = tmp_path / "long.toml"
    path.write_text(text, encoding="utf-8")
    return path


def figures(tmp_path: Path) -> dict[str, object]:
    """Every kind of regime and sweep figure, on shipped models and on long names."""
    chicken, rare, long = (leverage.load(p) for p in (CHICKEN, RARE, long_names(tmp_path)))
    ladder = leverage.load(LADDER)
    c = np.linspace(0, 10, 101)
    return {
        # seven critical values, two of them 0.07 apart on [0, 10]
        "regimes crowded": regimes(ladder, "interdependence_cost").plot(title=ladder.title),
        "regimes chicken": regimes(chicken, "interdependence_cost").plot(title=chicken.title),
        "regimes rare earth": regimes(rare, "interdependence_cost").plot(title=rare.title),
        "regimes long names": regimes(long, "interdependence_cost").plot(title=long.title),
        "sweep chicken": sweep(chicken, {"interdependence_cost": c}).plot(title=chicken.title),
        "sweep rare earth": sweep(rare, {"interdependence_cost": c}).plot(title=rare.title),
        "sweep long names": sweep(long, {"interdependence_cost": c}).plot(title=long.title),
        "map rare earth": sweep(
            rare,
            {"interdependence_cost": c[::4], "china_enforcement_reach": np.linspace(0, 1, 21)},
        ).plot(title=rare.title),
        "map long names": sweep(
            long, {"interdependence_cost": c[::4], "win_value": np.linspace(0.5, 5, 10)}
        ).plot(title=long.title),
        "montecarlo long names": leverage.montecarlo(long, 500, seed=1).plot(title=long.title),
    }


def rendered(fig):
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def test_keys_legends_and_labels_lie_inside_the_figure_and_off_the_data(tmp_path):
    for name, fig in figures(tmp_path).items():
        renderer = rendered(fig)
        box = fig.bbox
        legends = [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend())]
        assert legends or name.startswith("montecarlo"), name
        for legend in legends:
            extent = legend.get_window_extent(renderer)
            assert box.x0 - 1 <= extent.x0 and extent.x1 <= box.x1 + 1, (name, extent, box)
            assert box.y0 - 1 <= extent.y0 and extent.y1 <= box.y1 + 1, (name, extent, box)
            for ax in fig.axes:  # never over the data
                assert not extent.overlaps(ax.get_window_extent(renderer)), name
        # and nothing else drawn (titles, labels, ticks, band labels) runs off the figure
        tight, page = fig.get_tightbbox(renderer), fig.bbox_inches
        assert page.x0 - 0.01 <= tight.x0 and tight.x1 <= page.x1 + 0.01, (name, tight)
        assert page.y0 - 0.01 <= tight.y0 and tight.y1 <= page.y1 + 0.01, (name, tight)


@pytest.mark.parametrize(
    ("model", "rule"),
    [("stag_hunt", "replicator"), ("matching_pennies", "fictitious-play"),
     ("rock_paper_scissors", "replicator")],
)  # fmt: skip
def test_learning_figures_lie_inside_the_figure(tmp_path, model, rule):
    from leverage.learning.run import dynamics

    game = leverage.load(MODELS / f"{model}.toml").game()
    fig = dynamics(game, rule, steps=2000).plot(title="A long title " * 12)
    renderer = rendered(fig)
    tight, page = fig.get_tightbbox(renderer), fig.bbox_inches
    assert page.x0 - 0.01 <= tight.x0 and tight.x1 <= page.x1 + 0.01, tight
    assert page.y0 - 0.01 <= tight.y0 and tight.y1 <= page.y1 + 0.01, tight
    for legend in fig.legends:  # the figure's own legends sit off the panels
        for ax in fig.axes:
            assert not legend.get_window_extent(renderer).overlaps(ax.get_window_extent(renderer))


def test_the_key_names_every_regime_and_its_equilibria():
    analysis = regimes(leverage.load(RARE), "interdependence_cost")
    fig = analysis.plot()
    (key,) = fig.legends
    text = " ".join(t.get_text().replace("\n", " ") for t in key.get_texts())
    text = re.sub(r"\s+", " ", text)
    intervals = [r for r in analysis.regimes if not r.is_point]
    for n, regime in enumerate(intervals, 1):
        assert f"R{n} {regime.label}:" in text
        for eq in regime.equilibria:
            profile = ", ".join(
                analysis.strategies[i][eq.support[i][0]] for i in range(len(analysis.players))
            )
            assert f"({profile})" in text
    texts = fig.axes[0].texts
    labels = {t.get_text() for t in texts if t.get_label() != "critical value"}
    assert labels == {f"R{n}" for n in range(1, len(intervals) + 1)}
    critical = [t.get_text() for t in texts if t.get_label() == "critical value"]
    # docs/models.md: the critical values 10923/12500 and 38/5
    assert "10923/12500" in critical and "38/5" in critical


def test_every_curve_carries_a_marker_however_short():
    # escalation_ladder.toml has a regime (401/500, 10923/12500) 0.07 wide on [0, 10]
    analysis = regimes(leverage.load(LADDER), "interdependence_cost")
    fig = analysis.plot()
    short = [r for r in analysis.regimes if not r.is_point and r.upper.value - r.lower.value < 0.1]
    assert short
    for ax in fig.axes:
        for line in curves(ax):
            assert len(line.get_markevery()) >= 1
    critical = [t for t in fig.axes[0].texts if t.get_label() == "critical value"]
    renderer = rendered(fig)
    boxes = [Text.get_window_extent(t, renderer) for t in critical]  # without leaders
    assert len(boxes) == len(analysis.critical_values)
    for a, b in itertools.combinations(boxes, 2):  # no two labels on top of each other
        assert not a.overlaps(b)


def curves(ax):
    """The data curves of an axes (not the regime boundaries)."""
    return [line for line in ax.get_lines() if line.get_marker() not in ("None", "", None)]


@pytest.mark.parametrize("kind", ["regimes", "sweep"])
def test_each_strategy_player_and_equilibrium_has_its_own_colour_marker_and_line_style(kind):
    chicken = leverage.load(CHICKEN)
    if kind == "regimes":
        fig = regimes(chicken, "interdependence_cost", ("2", "10")).plot()
    else:
        fig = sweep(chicken, {"interdependence_cost": np.linspace(2, 10, 41)}).plot()
    # above c = 1 Chicken has three equilibria (Osborne 2004, ch. 4): three line styles
    *probabilities, payoffs = fig.axes[:3]
    strategy_colours = set()
    for ax in [*probabilities, payoffs]:
        lines = curves(ax)
        assert len(lines) == 3 * 2  # two strategies (or two players) × three equilibria
        looks = {
            (to_rgb(ln.get_color()), ln.get_marker(), ln.get_linestyle(), ln.get_fillstyle())
            for ln in lines
        }
        assert len(looks) == len(lines)
        for a in lines:
            for b in lines:
                if a is b:
                    continue
                same_series = (a.get_color(), a.get_marker()) == (b.get_color(), b.get_marker())
                if not same_series:  # another strategy or player: colour, marker and width
                    assert to_rgb(a.get_color()) != to_rgb(b.get_color())
                    assert a.get_marker() != b.get_marker()
                    assert a.get_linewidth() != b.get_linewidth()
                else:  # another equilibrium: line style and marker fill
                    assert a.get_linestyle() != b.get_linestyle()
                    assert a.get_fillstyle() != b.get_fillstyle()
        if ax is not payoffs:
            strategy_colours |= {to_rgb(ln.get_color()) for ln in lines}
    # a colour means one thing: the players' colours are not the strategies'
    assert not strategy_colours & {to_rgb(ln.get_color()) for ln in curves(payoffs)}


def pixels_near(image: np.ndarray, colour: str) -> int:
    target = np.array(to_rgb(colour)) * 255
    return int((np.abs(image[..., :3].astype(float) - target).max(axis=-1) < 40).sum())


@pytest.mark.parametrize("kind", ["regimes", "sweep"])
def test_coinciding_curves_both_show(kind):
    # the Prisoner's Dilemma is symmetric: both players get the same payoff in its one
    # equilibrium (Defect, Defect), so their payoff curves coincide everywhere
    model = leverage.load(PD)
    if kind == "regimes":
        analysis = regimes(model, "interdependence_cost")
        fig = analysis.plot()
    else:
        fig = sweep(model, {"interdependence_cost": np.linspace(0, 2.5, 51)}).plot()
    payoffs = fig.axes[len(model.players)]
    first, second = curves(payoffs)[:2]
    assert np.allclose(first.get_ydata(), second.get_ydata())
    rendered(fig)
    image = np.asarray(fig.canvas.buffer_rgba())
    extent = payoffs.get_window_extent()
    height = image.shape[0]
    crop = image[
        int(height - extent.y1) + 2 : int(height - extent.y0) - 2,
        int(extent.x0) + 2 : int(extent.x1) - 2,
    ]
    for line in (first, second):
        assert pixels_near(crop, line.get_color()) > 50, line.get_label()


def pdf_fonts(path: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return out.stdout.splitlines()[2:]


@needs_pdffonts
def test_pdfs_embed_truetype_fonts_not_type_3(tmp_path):
    commands = {
        "sweep": ["sweep", CHICKEN, "--param", "interdependence_cost=0:10:21", "--summary"],
        "map": [
            "sweep",
            CHICKEN,
            "--param",
            "interdependence_cost=0:10:11",
            "--param",
            "win_value=0.5:5:5",
            "--summary",
        ],
        "regimes": ["regimes", RARE, "--param", "interdependence_cost"],
        "montecarlo": ["montecarlo", RARE, "-n", "300", "--seed", "1"],
        "dynamics": ["dynamics", MODELS / "stag_hunt.toml", "--rule", "replicator"],
    }
    before = dict(matplotlib.rcParams)
    paths = []
    for name, args in commands.items():
        path = tmp_path / f"{name}.pdf"
        result = run(*args, "--plot", path)
        assert result.exit_code == 0, result.stderr
        paths.append(path)
    api = tmp_path / "api.pdf"  # a figure saved from Python, as a notebook user would
    regimes(leverage.load(CHICKEN), "interdependence_cost").plot().savefig(api)
    paths.append(api)
    for path in paths:
        fonts = pdf_fonts(path)
        assert fonts, path.name
        assert not [f for f in fonts if "Type 3" in f], (path.name, fonts)
        assert any("TrueType" in f for f in fonts), (path.name, fonts)
    # the settings were local to the writes: the session's rcParams are as they were
    assert dict(matplotlib.rcParams) == before


def test_figures_can_be_pickled():
    # as matplotlib's own figures can (a secondary axis, for one, could not)
    fig = regimes(leverage.load(RARE), "interdependence_cost").plot(title="t")
    copy = pickle.loads(pickle.dumps(fig))
    assert type(copy) is type(fig) and len(copy.axes) == len(fig.axes)


def test_the_same_figure_gives_the_same_bytes(tmp_path):
    for ext in ("pdf", "svg", "png"):
        outputs = []
        for k in range(2):
            path = tmp_path / f"r{k}.{ext}"
            result = run("regimes", CHICKEN, "--param", "interdependence_cost", "--plot", path)
            assert result.exit_code == 0, result.stderr
            outputs.append(path.read_bytes())
        assert outputs[0] == outputs[1], ext
        assert b"CreationDate" not in outputs[0] and b"<dc:date>" not in outputs[0]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet="abcdefghij klmnop-", min_size=1, max_size=40), min_size=1),
    st.floats(30, 300),
)
def test_wrapped_lines_fit_and_keep_every_character(words, points):
    text = " ".join(words)
    lines = wrap(text, points, 8).split("\n")
    for line in lines:
        assert len(line) == 1 or text_width(line, 8) <= points + 1e-6
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 12), st.integers(1, 12), st.integers(0, 2**32 - 1))
def test_region_numbers_sit_inside_their_region(rows, columns, seed):
    mask = np.random.default_rng(seed).random((rows, columns)) < 0.5
    if not mask.any():
        mask[rows // 2, columns // 2] = True
    i, j = inner_cell(mask)
    assert mask[i, j]


def test_neighbouring_colours_differ_in_lightness():
    # series 0 and 1 (a 2×2 game's strategies) and 2 and 3 (its players in the payoff
    # panel) stay apart when printed in greyscale (luma, ITU-R BT.601)
    grey = [float(np.dot(to_rgb(c), [0.299, 0.587, 0.114])) for c in COLOURS]
    assert abs(grey[0] - grey[1]) > 0.15 and abs(grey[2] - grey[3]) > 0.15
