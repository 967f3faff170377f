"""The distribution's name, its metadata and the documentation it installs."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

from click.testing import CliRunner

from leverage.cli import cli
from leverage.version import DISTRIBUTION, pip_hint

ROOT = Path(__file__).parent.parent


def _metadata() -> configparser.SectionProxy:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    return config["metadata"]


def test_the_distribution_name_is_the_free_one():
    # 'leverage' on PyPI is another project (a cloud-infrastructure CLI): we publish as
    # leverage-games, while the import package and the command stay 'leverage'.
    assert _metadata()["name"] == DISTRIBUTION == "leverage-games"
    assert pip_hint("plot") == "pip install 'leverage-games[plot]'"


def test_every_install_hint_names_the_distribution():
    texts = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
    texts += sorted((ROOT / "leverage").rglob("*.py"))
    for path in texts:
        for hint in re.findall(r"pip install '?([\w.-]+)\[", path.read_text(encoding="utf-8")):
            assert hint in (DISTRIBUTION, "."), f"{path}: pip install {hint}[...]"


def test_metadata_has_a_home_page():
    meta = _metadata()
    assert meta["url"].startswith("https://")
    assert "Homepage" in meta["project_urls"]


def test_docs_lists_and_prints_every_installed_document():
    runner = CliRunner()
    listing = runner.invoke(cli, ["docs"])
    assert listing.exit_code == 0
    for path in sorted((ROOT / "docs").glob("*.md")):
        heading = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
        assert f"  {path.stem} " in listing.stdout and heading in listing.stdout
        shown = runner.invoke(cli, ["docs", path.stem])
        assert shown.exit_code == 0
        assert shown.stdout == path.read_text(encoding="utf-8")


def test_docs_unknown_topic_is_one_line_with_the_closest_name():
    result = CliRunner().invoke(cli, ["docs", "tutorail"])
    assert result.exit_code == 2
    assert result.stderr == "leverage: error: no document 'tutorail'; did you mean 'tutorial'?\n"


def test_help_points_to_installed_docs():
    result = CliRunner().invoke(cli, ["--help"])
    assert "leverage docs" in result.stdout
    assert "source tree" not in result.stdout


def test_every_document_is_installed_as_a_data_file():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    assert config["options.data_files"][f"share/doc/{DISTRIBUTION}"].strip() == "docs/*.md"
