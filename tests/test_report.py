"""`leverage report`: a self-contained, escaped, well-formed HTML page whose facts are the
solver's; rendered by headless Chromium when one is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

import leverage
from leverage.analysis.regimes.engine import regimes
from leverage.cli import cli
from leverage.teach.report import default_parameter, report_html

from .latex import EXTERNAL_REQUIRED

ROOT = Path(__file__).parent.parent
MODELS = ROOT / "models"
RARE = MODELS / "rare_earth_controls.toml"
CHICKEN = MODELS / "chicken.toml"
STAG = MODELS / "stag_hunt.toml"

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}

EVIL = """\
title = "Evil <script>alert('t')</script> & \\"quoted\\" game"
description = \"\"\"
Names with <script>alert(1)</script>, & ampersands and "quotes".
See https://example.org/a?b=1&c=2 and javascript:alert(3) and <a href="http://evil">x</a>.

- item with <b>bold</b>
  continued & more
\"\"\"
references = ["Ref <i>one</i> https://example.com/x.", "javascript:alert(4)"]

[players]
"Row <script>" = ["Up & \\"away\\"", "<img src=x>"]
"Col 'q'" = ["Left</td>", "Right"]

[strategies."Row <script>"]
"Up & \\"away\\"" = "goes <up> & \\"away\\""

[parameters.c]
value = 2
range = [0, 10]
unit = "units <u>"
description = "a <desc> & 'x'"
source = "assumption <src> see http://example.net/p?x=1&z=2"

[payoffs]
"Up & \\"away\\", Left</td>" = ["1", "1"]
"Up & \\"away\\", Right" = ["0", "0"]
"<img src=x>, Left</td>" = ["0", "0"]
"<img src=x>, Right" = ["c", "c / 2"]
"""


class Page(HTMLParser):
    """Checks that tags balance and collects text, attributes and table cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []  # (tag, name, value)
        self.text: list[str] = []
        self.tables: dict[str, list[list[str]]] = {}  # class -> rows of cell texts
        self._table: str | None = None
        self._cell: list[str] | None = None
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            self.attrs.append((tag, name, value))
            if name == "id":
                self.ids.append(value)
        cls = dict(attrs).get("class") or ""
        if tag == "table":
            self._table = cls.split()[-1] if cls else ""  # the last class names the table
            self.tables.setdefault(self._table, [])
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        for name, value in attrs:
            self.attrs.append((tag, name, value))

    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append(f"end tag of void element {tag}")
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()
        if tag in ("td", "th") and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    assert page.errors == []
    assert page.stack == [], f"unclosed: {page.stack}"
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    return page


def external_references(html: str, page: Page) -> list[str]:
    """Every attribute or CSS construct that would fetch something, except source links."""
    bad = []
    for tag, name, value in page.attrs:
        if name in ("src", "href", "xlink:href", "srcset", "poster", "data", "action"):
            value = (value or "").strip()
            if value.startswith(("#", "data:")):
                continue
            if tag == "a" and name == "href" and re.match(r"https?://", value):
                continue  # a link to a source is fine: it fetches nothing on viewing
            bad.append(f"<{tag} {name}={value!r}>")
    for pattern in (r"<link\b", r"@import", r"url\(\s*['\"]?(?!data:|#)", r"<script\b"):
        bad += re.findall(pattern, html, flags=re.IGNORECASE)
    return bad


def without_approx(text: str) -> str:
    return re.sub(r"\s*\((=|≈) [^)]*\)", "", text)


@pytest.fixture(scope="module")
def rare_html() -> str:
    return report_html(leverage.load(RARE), generated="2025-11-02")


@pytest.fixture(scope="module")
def chicken_html() -> str:
    return report_html(leverage.load(CHICKEN))


# ------------------------------------------------------------------ structure


@pytest.mark.parametrize("fixture", ["rare_html", "chicken_html"])
def test_well_formed_and_self_contained(fixture, request):
    html = request.getfixturevalue(fixture)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    page = parse(html)
    assert external_references(html, page) == []
    # the viewer's browser is told not to fetch anything either
    assert "default-src 'none'" in html
    assert "@media print" in html and 'name="viewport"' in html
    assert html.count("<svg") == 1 and "<metadata>" not in html


def test_every_shipped_model_reports():
    for path in sorted(MODELS.glob("*.toml")):
        model = leverage.load(path)
        html = report_html(model, regimes=False)
        parse(html)
        assert model.parameters == {} or default_parameter(model) == "interdependence_cost"


def test_deterministic_and_dated_only_on_request():
    model = leverage.load(CHICKEN)
    first, second = report_html(model), report_html(model)
    assert first == second
    assert " on 20" not in first.split("<footer>")[1]
    dated = report_html(model, generated="1999-12-31")
    assert "from <code>chicken.toml</code> on 1999-12-31" in dated
    assert f"leverage {leverage.__version__}" in dated


# ------------------------------------------------------------------ escaping


def test_user_text_is_escaped(tmp_path):
    path = tmp_path / "evil.toml"
    path.write_text(EVIL, encoding="utf-8")
    model = leverage.load(path)
    html = report_html(model)
    page = parse(html)
    assert external_references(html, page) == []
    # nothing the model file says becomes markup
    for raw in ("<script", "<img", "<b>", "<i>", "<u>", "<up>", "<desc>", "<src>", "</td>,"):
        assert raw not in html, raw
    assert "&lt;script&gt;" in html and "&lt;img src=x&gt;" in html
    assert '<a href="http://evil">' not in html
    text = "".join(page.text)
    for name in (*model.players, *model.strategies[0], *model.strategies[1], model.title):
        assert name in text  # shown verbatim once unescaped by the parser
    assert 'goes <up> & "away"' in text and "a <desc> & 'x'" in text
    # http(s) addresses become links, escaped; other schemes never do
    hrefs = [v for tag, name, v in page.attrs if tag == "a" and name == "href"]
    assert "https://example.org/a?b=1&c=2" in hrefs
    assert "http://example.net/p?x=1&z=2" in hrefs
    assert "https://example.com/x" in hrefs  # trailing full stop left out
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html
    assert not any(v.lower().startswith("javascript") for v in hrefs)
    assert [v for v in hrefs if not v.startswith("#")] == [
        "https://example.org/a?b=1&c=2",
        "http://evil",  # the address inside the escaped <a href="..."> text
        "http://example.net/p?x=1&z=2",
        "https://example.com/x",
    ]


# ------------------------------------------------------------------ content facts


def _equilibrium_rows(html: str) -> list[list[str]]:
    rows = parse(html).tables["equilibria"]
    return [[without_approx(c) for c in row] for row in rows[1:]]


def _expected_rows(game: leverage.Game) -> list[list[str]]:
    out = []
    for k, e in enumerate(game.equilibria(), start=1):
        row = [str(k), e.kind]
        for labels, probs in zip(game.strategies, e.strategies):
            used = [(lab, p) for lab, p in zip(labels, probs) if p]
            row.append(used[0][0] if len(used) == 1 else "\n".join(f"{a} {p}" for a, p in used))
        row += [str(v) for v in e.payoffs]
        out.append(row)
    return out


@pytest.mark.parametrize(
    "path, values",
    [
        (CHICKEN, {}),
        (CHICKEN, {"interdependence_cost": "7/2"}),
        (STAG, {}),
        (RARE, {"china_enforcement_reach": "0.8"}),
        (MODELS / "rock_paper_scissors.toml", {}),
    ],
)
def test_equilibria_are_the_solvers(path, values):
    model = leverage.load(path)
    html = report_html(model, values, regimes=False)
    assert _equilibrium_rows(html) == _expected_rows(model.game(values))


def test_chicken_facts(chicken_html):
    # Chicken at interdependence_cost = 2: two pure equilibria and the mixed one where each
    # swerves with probability c/(c+... ) = 1/2 (models/chicken.toml; Rapoport & Chammah 1966)
    rows = _equilibrium_rows(chicken_html)
    assert [r[1] for r in rows] == ["pure", "pure", "mixed"]
    assert rows[2][2:] == ["Swerve 1/2\nStraight 1/2"] * 2 + ["-1/2", "-1/2"]
    section = chicken_html.split('<section id="equilibria">')[1].split("</section>")[0]
    assert "no equilibrium is Pareto-dominated" in section
    assert "equally risky" in section and "risk-dominates" not in section  # symmetric game
    # the regime analysis of the default parameter: one critical value, at 1
    analysis = regimes(leverage.load(CHICKEN), "interdependence_cost")
    assert [c.exact for c in analysis.critical_values] == ["1"]
    assert 'id="regimes"' in chicken_html and "Regimes of interdependence_cost" in chicken_html


def test_stag_hunt_payoff_and_risk_dominance():
    # Harsanyi & Selten (1988, §3.9): in the Stag Hunt (Stag, Stag) is payoff-dominant and
    # (Hare, Hare) risk-dominant when hunting hare is safe enough. At the defaults of
    # models/stag_hunt.toml (stag 4, hare 3) the deviation-loss products are
    # (4 - 3)(4 - 3) = 1 at (Stag, Stag) and (3 - 0)(3 - 0) = 9 at (Hare, Hare).
    model = leverage.load(STAG)
    game = model.game()
    assert game.payoff_profile((0, 0)) == (4, 4) and game.payoff_profile((1, 1)) == (3, 3)
    profiles = [e.profile for e in game.equilibria()]
    stag, hare = profiles.index((0, 0)) + 1, profiles.index((1, 1)) + 1
    html = report_html(model, regimes=False)
    section = html.split('<section id="equilibria">')[1].split("</section>")[0]
    assert f"equilibrium {stag} is payoff-dominant" in section
    assert f"equilibrium {hare} risk-dominates equilibrium {stag}" in section


def test_rare_earth_regimes(rare_html):
    # critical values of interdependence_cost, as derived in models/rare_earth_controls.toml
    page = parse(rare_html)
    text = "".join(page.text)
    for exact in ("10923/12500", "36214/9375", "38/5"):
        assert exact in text
    analysis = regimes(leverage.load(RARE), "interdependence_cost")
    rows = page.tables["regimes"][1:]
    assert len(rows) == sum(max(1, len(r.equilibria)) for r in analysis.regimes)
    # the current value 2 lies in (10923/12500, 36214/9375): one row carries the badge
    current = [r for r in rows if "current value" in r[0]]
    assert len(current) == 1 and current[0][0].startswith("(10923/12500, 36214/9375)")
    assert "on 2025-11-02" in rare_html
    assert "-96/25" in text and "56/25" in text  # (Calibrate, Escalate) at the defaults
    for p in leverage.load(RARE).parameters.values():
        assert p.source.split(",")[0] in text


def test_current_value_follows_set():
    model = leverage.load(RARE)
    html = report_html(model, {"interdependence_cost": "38/5"})
    rows = parse(html).tables["regimes"][1:]
    current = [r for r in rows if "current value" in r[0]]
    assert len(current) == 1 and current[0][0].startswith("interdependence_cost = 38/5")
    assert "set; default 2" in html


def test_parameter_and_bounds():
    model = leverage.load(CHICKEN)
    html = report_html(model, parameter="win_value", bounds=("1/2", "3"))
    assert "Regimes of win_value" in html and "[1/2, 3]" in html
    with pytest.raises(leverage.ParameterError):
        report_html(model, parameter="nope")
    with pytest.raises(leverage.ParameterError):
        report_html(model, bounds=("0", "99"))


def _model(tmp_path, text: str, name: str = "m.toml") -> leverage.Model:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return leverage.load(path)


PLAIN = """\
title = "Plain"
description = "No parameters."
[players]
A = ["x", "y"]
B = ["l", "r"]
[payoffs]
"x, l" = ["1", "1"]
"x, r" = ["0", "0"]
"y, l" = ["0", "0"]
"y, r" = ["{d}", "{d}"]
"""


def test_default_parameter_choice(tmp_path):
    plain = _model(tmp_path, PLAIN.format(d="2"))
    assert default_parameter(plain) is None
    html = report_html(plain)
    assert 'id="regimes"' not in html and "no parameters" in html
    with pytest.raises(leverage.ParameterError):
        report_html(plain, bounds=(0, 1))
    text = PLAIN.format(d="d") + (
        '[parameters.fixed]\nvalue = 1\nrange = [1, 1]\nsource = "assumption"\n'
        '[parameters.d]\nvalue = 2\nrange = [0, 5]\nsource = "assumption"\n'
    )
    model = _model(tmp_path, text)
    assert default_parameter(model) == "d"
    assert "Regimes of d" in report_html(model)


def test_unsupported_regimes_become_a_note(tmp_path):
    param = '[parameters.c]\nvalue = 2\nrange = [0, 5]\nsource = "assumption"\n'
    model = _model(tmp_path, PLAIN.format(d="max(c, 1)") + param)
    html = report_html(model)
    parse(html)
    assert "No regime analysis of <code>c</code>" in html
    # a three-player game: pure equilibria only, and a note instead of regimes
    nfg = leverage.load(ROOT / "tests" / "data" / "nfg_three_player.nfg")
    html = report_html(nfg)
    parse(html)
    assert "Only the pure equilibria are listed" in html


# ------------------------------------------------------------------ command line


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def test_cli_writes_file_and_stdout(tmp_path):
    out = tmp_path / "r.html"
    result = run("report", CHICKEN, "--no-date", "-o", out)
    assert result.exit_code == 0 and result.output == ""
    html = out.read_text(encoding="utf-8")
    assert html == report_html(leverage.load(str(CHICKEN))) + ""
    result = run("report", CHICKEN, "--no-date", "--no-regimes")
    assert result.exit_code == 0
    assert result.output == report_html(leverage.load(str(CHICKEN)), regimes=False)


def test_cli_dates(tmp_path):
    result = run("report", CHICKEN, "--no-regimes", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert "on 2023-11-14" in result.output  # 1700000000 s = 2023-11-14T22:13:20Z
    result = run("report", CHICKEN, "--no-regimes", "--date", "2020-02-29")
    assert "on 2020-02-29" in result.output
    result = run("report", CHICKEN, "--no-regimes", "--no-date", env={"SOURCE_DATE_EPOCH": "0"})
    assert " on 19" not in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--param", "nope"], "unknown parameter 'nope'"),
        (["--set", "interdependence_cost=99"], "outside its range"),
        (["--range", "0:99"], "must be non-empty and lie within"),
        (["--range", "3"], "--range expects LOW:HIGH"),
        (["--date", "yesterday"], "--date expects YYYY-MM-DD"),
        (["--no-regimes", "--param", "win_value"], "cannot be combined"),
    ],
)
def test_cli_bad_input(tmp_path, args, message):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", str(CHICKEN), *args, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("leverage: error:") and message in lines[0]
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_cli_bad_epoch():
    result = CliRunner().invoke(cli, ["report", str(CHICKEN)], env={"SOURCE_DATE_EPOCH": "x"})
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH" in result.stderr


# ------------------------------------------------------------------ a real browser

CHROME = next(
    (shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)),
    None,
)


def _chrome(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROME is not None
    command = [
        CHROME,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.skipif(
    CHROME is None and not EXTERNAL_REQUIRED,
    reason="no chromium, chromium-browser or google-chrome on PATH",
)
def test_renders_in_headless_chromium(tmp_path):
    image = pytest.importorskip("matplotlib.image")
    report = tmp_path / "report.html"
    assert run("report", RARE, "--date", "2025-11-02", "-o", report).exit_code == 0
    url = report.resolve().as_uri()

    dom = _chrome("--dump-dom", url, profile=tmp_path / "profile1")
    assert dom.returncode == 0, dom.stderr[-2000:]
    for fact in (
        "Rare-earth controls vs. chip controls",
        "Calibrate",
        "Escalate",
        "-96/25",
        "10923/12500",
        "38/5",
        "current value",
        "on 2025-11-02",
        "<svg",
    ):
        assert fact in dom.stdout, fact

    shot = tmp_path / "shot.png"
    done = _chrome(
        f"--screenshot={shot}", "--window-size=1000,2000", url, profile=tmp_path / "profile2"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    pixels = image.imread(str(shot))
    assert pixels.shape[:2] == (2000, 1000)
    rgb = pixels[..., :3]
    ink = (rgb < 0.6).all(axis=-1).mean()  # dark pixels: text and rules
    assert 0.005 < ink < 0.5, ink


def test_mixed_equilibria_match_the_closed_forms():
    # models/rare_earth_controls.toml, derived in its description: at a China enforcement
    # reach of 0.8 the only equilibrium is mixed, China overreaching with probability
    # 17500/18173 and the US escalating with probability 62375/95384.
    html = report_html(leverage.load(RARE), {"china_enforcement_reach": "0.8"}, regimes=False)
    (row,) = _equilibrium_rows(html)
    assert row[1] == "mixed"
    assert row[2] == f"Calibrate {1 - Fraction(17500, 18173)}\nOverreach 17500/18173"
    assert row[3] == f"Hold {1 - Fraction(62375, 95384)}\nEscalate 62375/95384"
    # Chicken: each holds firm with probability win / (win + cost - loss) = 1/(7/2) = 2/7
    html = report_html(leverage.load(CHICKEN), {"interdependence_cost": "7/2"}, regimes=False)
    assert _equilibrium_rows(html)[2][2:4] == ["Swerve 5/7\nStraight 2/7"] * 2


def test_formulas_render_powers_and_products(tmp_path):
    define = '[define]\nsq = "c**2 * d"\n'
    params = (
        '[parameters.c]\nvalue = 2\nrange = [1, 5]\nsource = "assumption"\n'
        '[parameters.d]\nvalue = 1\nrange = [1, 5]\nsource = "assumption"\n'
    )
    model = _model(tmp_path, PLAIN.format(d="sq") + params + define)
    html = report_html(model)
    page = parse(html)
    assert "c<sup>2</sup>·<wbr>d" in html  # the define, as sympy prints it: c**2*d
    assert "**" not in "".join(page.text)
    # in the regime analysis of c the payoff of (y, r) is the closed form c**2 (d = 1)
    rows = page.tables["regimes"][1:]
    assert any("c2" in cell for row in rows for cell in row)


def test_selection_says_indifferent_not_disagree_when_equilibria_pay_the_same():
    # Row's first strategy dominates; Column is indifferent: the pure equilibria (A, C) and
    # (A, D) both pay (1, 1), so neither player prefers one (issue 9: the report said the
    # players "disagree on which one they prefer").
    from leverage import Game
    from leverage.teach.report.equilibria import selection

    eqs = list(Game.from_arrays([[1, 1], [0, 0]], [[1, 1], [0, 0]]).equilibria())
    assert [e.payoffs for e in eqs] == [(1, 1), (1, 1)]
    text = selection(eqs)
    assert "disagree" not in text
    assert "all pay each player the same" in text


def test_selection_names_ties_among_undominated_equilibria():
    from leverage import Game
    from leverage.teach.report.equilibria import selection

    # Battle of the sexes with Column's second strategy duplicated: equilibria 2 and 3
    # pay (1, 2) and 1 pays (2, 1): a real disagreement, and a tie the text must name.
    game = Game.from_arrays([[2, 0, 0], [0, 1, 1]], [[1, 0, 0], [0, 2, 2]])
    pure = [e for e in game.equilibria() if e.kind == "pure"]
    assert [e.payoffs for e in pure] == [(2, 1), (1, 2), (1, 2)]
    text = selection(pure)
    assert (
        "the players disagree on which one they prefer; "
        "equilibria 2 and 3 pay each player the same." in text
    )
