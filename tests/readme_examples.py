"""The console examples of the README and of every page in docs/, run for real.

A block fenced as ```console holds one or more `$ diplonet ...` commands, each followed by its
output. `python tests/readme_examples.py` (or `make readme`) rewrites every output from a fresh
run; `tests/test_readme.py` fails when a page and the real output differ.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from diplonet.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"
#: Every page whose console examples are run: the README and docs/*.md.
PAGES = [README, *sorted((README.parent / "docs").glob("*.md"))]
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
ENV = {"COLUMNS": "100", "DIPLONET_DATA": None}


def commands(block: str) -> list[tuple[str, str]]:
    """(command line, shown output) pairs of one console block."""
    pairs: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            pairs.append((line[2:], []))
        elif pairs:
            pairs[-1][1].append(line)
    return [(cmd, "\n".join(out).rstrip("\n")) for cmd, out in pairs]


def run(command: str) -> str:
    """The text `command` prints (stdout and stderr, as a terminal shows them)."""
    args = shlex.split(command)
    if args[0] != "diplonet":
        raise ValueError(f"README console blocks may only run diplonet: {command}")
    if args[1] in ("plot", "export") or "-o" in args:
        # commands that write files run in a scratch folder: the README shows what they print
        with tempfile.TemporaryDirectory() as scratch:
            here = os.getcwd()
            for name in ("tests", "data"):  # inputs the examples name stay reachable
                os.symlink(README.parent / name, Path(scratch) / name)
            os.chdir(scratch)
            try:
                result = CliRunner().invoke(app, args[1:], env=ENV)
            finally:
                os.chdir(here)
    else:
        result = CliRunner().invoke(app, args[1:], env=ENV)
    text = result.output.rstrip("\n")
    if result.exit_code not in (0, 2):
        raise RuntimeError(f"{command} crashed: {result.exception!r}")
    return text


def examples(text: str) -> list[tuple[str, str]]:
    """Every (command, shown output) pair in the README text."""
    return [pair for block in BLOCK.findall(text) for pair in commands(block)]


def update(text: str) -> str:
    """The README with every console block's outputs regenerated."""

    def redo(match: re.Match) -> str:
        lines = []
        for command, _ in commands(match.group(1)):
            lines.append(f"$ {command}")
            out = run(command)
            if out:
                lines.append(out)
        return "```console\n" + "\n".join(lines) + "\n```"

    return BLOCK.sub(redo, text)


if __name__ == "__main__":
    os.chdir(README.parent)
    for page in PAGES:
        page.write_text(update(page.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"updated {page}", file=sys.stderr)
