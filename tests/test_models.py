"""Every shipped model loads, builds, solves, and carries its provenance."""

from __future__ import annotations

from pathlib import Path

import pytest

import leverage
from leverage.io.model_file import check

MODELS = sorted((Path(__file__).parent.parent / "models").glob("*.toml"))
US_CHINA = {"rare_earth_controls", "overreach_diversification", "escalation_ladder"}


def test_models_are_shipped():
    names = {p.stem for p in MODELS}
    assert US_CHINA <= names
    assert {
        "prisoners_dilemma",
        "chicken",
        "stag_hunt",
        "battle_of_the_sexes",
        "matching_pennies",
        "deadlock",
        "rock_paper_scissors",
    } <= names


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_model_loads_builds_and_solves(path):
    # a shipped model is publication grade: a description, and for every parameter a
    # range, a unit and a source (a quick model of a user may leave them out)
    assert check(path, strict=True) == []
    model = leverage.load(path)
    assert model.title and model.description.strip()
    game = model.game()
    assert game.exact
    solution = game.equilibria()
    assert solution.complete and len(solution) >= 1
    # every parameter says where its value comes from, and its value is in range
    for p in model.parameters.values():
        assert p.source.strip() and p.unit.strip() and p.bounds is not None
        low, high = p.bounds
        assert low <= p.value <= high
        if p.distribution is not None:
            lo, hi = p.distribution.support()
            assert lo is not None and hi is not None and low <= lo and hi <= high
    # an interdependence cost parameter, per side where it differs
    assert any(name.startswith("interdependence_cost") for name in model.parameters)


def _without_key(text: str, table: str, key: str) -> str:
    """``text`` without the line ``key = …`` of the table ``[table]``."""
    lines = text.splitlines(keepends=True)
    start = lines.index(f"[{table}]\n")
    for i in range(start + 1, len(lines)):
        if lines[i].startswith("["):
            break
        if lines[i].startswith(f"{key} = "):
            del lines[i]
            return "".join(lines)
    raise AssertionError(f"no {key} in [{table}]")


@pytest.mark.parametrize("key", ["range", "unit", "source"])
def test_strict_needs_what_a_shipped_model_has(tmp_path, key):
    """Each shipped model's parameters, one key left out: the file still loads (the key
    is optional for a quick model) but fails the strict check, at that parameter."""
    for path in MODELS:
        model = leverage.load(path)
        name = next(iter(model.parameters))
        text = path.read_text(encoding="utf-8")
        if key == "range":  # a distribution must lie inside a range it then lacks
            text = text.replace("distribution = ", "# distribution = ")
        target = tmp_path / path.name
        target.write_text(_without_key(text, f"parameters.{name}", key), encoding="utf-8")
        assert check(target) == []
        problems = check(target, strict=True)
        assert [(p.key, p.message.split(" (")[0]) for p in problems] == [
            (f"parameters.{name}", f"strict: missing {key!r}")
        ]
        assert getattr(
            leverage.load(target).parameters[name], key if key != "range" else "bounds"
        ) in ("", None)


def test_strict_needs_a_description(tmp_path):
    for path in MODELS:
        text = path.read_text(encoding="utf-8")
        start = text.index('description = """')
        end = text.index('"""', start + 17) + 3
        target = tmp_path / path.name
        target.write_text(text[:start] + text[end:], encoding="utf-8")
        assert check(target) == []
        assert leverage.load(target).description == ""
        assert [p.key for p in check(target, strict=True)] == ["description"]


@pytest.mark.parametrize("path", [p for p in MODELS if p.stem in US_CHINA], ids=lambda p: p.stem)
def test_us_china_models_cite_the_source(path):
    text = path.read_text(encoding="utf-8")
    assert "Rare Earth Gambit" in text and "2025-10-17" in text
    model = leverage.load(path)
    assert all(
        model.strategy_descriptions.get((pl, s))
        for pl, ss in zip(model.players, model.strategies)
        for s in ss
    )


def test_rare_earth_seed_figures():
    model = leverage.load(Path(__file__).parent.parent / "models" / "rare_earth_controls.toml")
    p = model.parameters
    from fractions import Fraction

    # China Musings, "China's Rare Earth Gambit", 2025-10-17, [8][13] and [16]
    assert p["refining_share"].value == Fraction(22, 25)
    assert p["magnet_share"].value == Fraction(9, 10)
    assert p["chip_self_sufficiency"].value == Fraction(6, 25)
    assert p["chip_self_sufficiency"].high >= Fraction(3, 10)
    assert p["china_enforcement_reach"].value < p["us_enforcement_reach"].value


def test_validate_reports_a_root_cause_once_not_its_consequences(tmp_path):
    # an out-of-range value used by a define and by payoffs was reported again as an
    # "unknown name" (with wrong did-you-mean hints) in every expression using it
    from click.testing import CliRunner

    from leverage.cli import cli

    bad = tmp_path / "bad.toml"
    bad.write_text(
        'title = "t"\ndescription = "d"\n[players]\nR = ["A", "B"]\nC = ["L", "R"]\n'
        '[parameters.c]\nvalue = 9\nrange = [0, 5]\nsource = "assumption"\n'
        '[define]\nk = "2 * c"\nm = "k + zz"\n'
        '[payoffs]\n"A, L" = ["k", "c"]\n"A, R" = ["m", "1"]\n"B, L" = ["1", "0"]\n'
        '"B, R" = ["0", "k"]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    # the range problem, and the one genuinely unknown name; nothing about c, k or m
    assert len(lines) == 2, result.stderr
    assert "parameters.c.value: value 9 is outside the range [0, 5]" in lines[0]
    assert "define.m" in lines[1] and "unknown name 'zz'" in lines[1]
