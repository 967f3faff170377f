"""Every example in a ``--help`` text runs as shown (exit 0), so help cannot drift."""

from __future__ import annotations

import glob
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from leverage.cli import all_commands, cli

ROOT = Path(__file__).parent.parent


def _examples() -> list[str]:
    found = []
    for _, command in [("", cli), *all_commands()]:
        lines = (command.epilog or "").replace("\\\n", " ").splitlines()
        found += [" ".join(line.split()) for line in lines if line.strip().startswith("leverage ")]
    return found


EXAMPLES = _examples()


def test_every_command_shows_examples():
    shown = {example.split()[1] for example in EXAMPLES}
    assert shown == {name for name, _ in all_commands()}


@pytest.mark.parametrize("example", EXAMPLES)
def test_help_example_runs(example, tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")  # the [plot] extra, installed by the test extras
    (tmp_path / "models").symlink_to(ROOT / "models")
    shutil.copy(ROOT / "models" / "chicken.toml", tmp_path / "my_model.toml")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    # the .nfg file the examples name, as `leverage convert` writes it
    assert (
        runner.invoke(
            cli, ["convert", "models/chicken.toml", "--to", "nfg", "-o", "game.nfg"]
        ).exit_code
        == 0
    )
    args = []
    for word in shlex.split(example)[1:]:
        args += sorted(glob.glob(word)) if "*" in word else [word]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, f"{example}: {result.stderr or result.output}"
