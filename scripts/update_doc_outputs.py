#!/usr/bin/env python3
"""Rewrite the outputs shown in the documentation's console blocks with what the
commands print now (the pages tests/test_docs.py checks byte for byte).

Run from the repository root after changing what a command prints, then read the diff:

    python scripts/update_doc_outputs.py docs/tutorial.md docs/tutorial-sensitivity.md
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner

from leverage.cli import cli

PAGES = ["docs/tutorial.md", "docs/tutorial-sensitivity.md", "docs/classroom.md"]


def update(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")

    def block(match: re.Match[str]) -> str:
        lines = match.group(1).splitlines()
        if len(lines) > 1 and lines[0].startswith("$ leverage ") and not lines[1].startswith("$"):
            result = CliRunner().invoke(cli, shlex.split(lines[0][len("$ leverage ") :]))
            got = (result.stdout + result.stderr).rstrip()
            return f"```console\n{lines[0]}\n{got}\n```"
        return match.group(0)

    new = re.sub(r"```console\n(.*?)```", block, text, flags=re.S)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def main(argv: list[str]) -> None:
    for page in argv or PAGES:
        if update(Path(page)):
            print(f"updated {page}")


if __name__ == "__main__":
    main(sys.argv[1:])
