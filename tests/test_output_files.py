"""Output files (``-o``, ``--plot``, ``--key``): written atomically, never destructively.

A regular file is replaced through a temporary file renamed into place (a failure leaves
the old file); a symbolic link is written through to its target and stays a link; a
device or a pipe is written directly; a read-only file, a file with other hard links, a
folder, an empty name and a missing folder are refused with exit code 2 and one line.
A new file gets the permissions a plain ``open()`` gives it; an existing one keeps its.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from leverage.cli import cli

MODEL = str(Path(__file__).parent.parent / "models" / "chicken.toml")


def run(*args: str):
    return CliRunner().invoke(cli, ["solve", MODEL, *args])


def one_line_error(result, text: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and text in lines[0], result.stderr


def test_a_symbolic_link_is_written_through_and_stays_a_link(tmp_path):
    real, link = tmp_path / "real.txt", tmp_path / "link.txt"
    real.write_text("old\n")
    link.symlink_to(real)
    assert run("-o", str(link)).exit_code == 0
    assert link.is_symlink() and real.read_text().startswith("Chicken")


def test_a_pipe_and_a_device_are_written_directly(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    assert run("-o", str(fifo)).exit_code == 0
    reader.join(timeout=30)
    assert got and got[0].startswith("Chicken")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert run("-o", os.devnull).exit_code == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_read_only_and_hard_linked_files_are_refused_and_kept(tmp_path):
    ro = tmp_path / "ro.txt"
    ro.write_text("keep\n")
    ro.chmod(0o444)
    one_line_error(run("-o", str(ro)), "is read-only")
    assert ro.read_text() == "keep\n"
    linked, other = tmp_path / "a.txt", tmp_path / "b.txt"
    linked.write_text("keep\n")
    os.link(linked, other)
    one_line_error(run("-o", str(linked)), "other hard links")
    assert other.read_text() == "keep\n" and os.stat(linked).st_ino == os.stat(other).st_ino


def test_modes_follow_the_umask_for_new_files_and_are_kept_for_old_ones(tmp_path):
    old = tmp_path / "old.txt"
    old.write_text("x\n")
    old.chmod(0o640)
    assert run("-o", str(old)).exit_code == 0
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    previous = os.umask(0o027)
    try:
        assert run("-o", str(tmp_path / "new.txt")).exit_code == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".leverage-")]


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["-o", ""], "output file name is empty"),
        (["-o", "/nonexistent-folder/x.txt"], "no such directory"),
    ],
)
def test_bad_output_names_are_one_line_errors(args, text):
    one_line_error(run(*args), text)


@pytest.mark.parametrize("plot", ["", "figure.txt"])
def test_a_bad_plot_name_is_refused_before_any_output(tmp_path, plot):
    result = CliRunner().invoke(
        cli, ["regimes", MODEL, "--param", "interdependence_cost", "--plot", plot]
    )
    one_line_error(result, "plots are written as .png, .pdf or .svg")
