"""Documentation cannot drift: every command documented, README set-up matches CI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leverage.cli import all_commands, cli

ROOT = Path(__file__).parent.parent


def test_every_command_and_option_is_documented():
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name, command in all_commands():
        assert f"## `leverage {name}`" in doc, f"command {name} missing from docs/cli.md"
        section = doc.split(f"## `leverage {name}`", 1)[1].split("\n## ", 1)[0]
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in section, f"{opt} of {name} missing from docs/cli.md"
        assert command.help, f"command {name} has no help text"


def test_readme_setup_commands_match_ci():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, flags=re.S)
    assert blocks[0].startswith("pip install . && leverage solve models/")
    model = blocks[0].split("leverage solve ", 1)[1].split()[0]
    assert (ROOT / model).exists()
    test_command = blocks[1].strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_docs_exist_and_link():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for link in re.findall(r"\]\((docs/[^)]+)\)", readme):
        assert (ROOT / link).exists(), link


def _console_blocks(path):
    text = path.read_text(encoding="utf-8")
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        lines = block.splitlines()
        if len(lines) > 1 and lines[0].startswith("$ leverage ") and not lines[1].startswith("$"):
            yield lines[0][len("$ leverage ") :], "\n".join(lines[1:])


@pytest.mark.parametrize("page", ["tutorial.md", "tutorial-sensitivity.md", "classroom.md"])
def test_tutorial_outputs_are_real(monkeypatch, page):
    import shlex

    from click.testing import CliRunner

    monkeypatch.chdir(ROOT)
    blocks = list(_console_blocks(ROOT / "docs" / page))
    assert len(blocks) >= 3
    for command, expected in blocks:
        result = CliRunner().invoke(cli, shlex.split(command))
        got = (result.stdout + result.stderr).rstrip()
        assert got == expected.rstrip(), f"docs/{page} is out of date for: {command}"


def test_model_format_examples_are_valid_and_current():
    import leverage

    doc = (ROOT / "docs" / "model-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", doc, flags=re.S)
    complete = [b for b in blocks if "[payoffs]" in b and "title" in b]
    assert complete, "docs/model-format.md needs at least one complete example"
    for block in complete:
        model = leverage.loads(block, file="docs/model-format.md")
        assert model.game().equilibria()
    shipped = (ROOT / "models" / "rare_earth_controls.toml").read_text(encoding="utf-8")
    if any(b.strip() == shipped.strip() for b in blocks):
        return
    # the worked example quotes the shipped model: it must load to the same game
    worked = max(complete, key=len)
    a = leverage.loads(worked, file="doc").game()
    b = leverage.load(ROOT / "models" / "rare_earth_controls.toml").game()
    assert all((x == y).all() for x, y in zip(a.payoffs, b.payoffs))


def test_the_api_reference_lists_every_public_name_with_its_docstring():
    import inspect
    import re

    import leverage

    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `leverage\.(\w+)(?:\(\))?` \| (.*) \|$", page, flags=re.M))
    assert set(rows) | {"__version__"} == set(leverage.__all__)
    for name, text in rows.items():
        doc = (inspect.getdoc(getattr(leverage, name)) or "").split("\n\n")[0].replace("\n", " ")
        doc = re.sub(r":(func|class|meth|mod|data|attr):`~?([^`]+)`", r"`\2`", doc)
        assert text == doc.replace("``", "`"), name
