"""docs/cli-reference.md, generated from the CLI itself: every command's --help, in one page.

`python tests/cli_reference.py` (or `make readme`) rewrites the page; tests/test_readme.py fails
when the page and the CLI disagree, so the reference can never go stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from typer.main import get_command
from typer.testing import CliRunner

from diplonet.cli import app

PAGE = Path(__file__).resolve().parent.parent / "docs" / "cli-reference.md"
ENV = {"COLUMNS": "100", "DIPLONET_DATA": None}


def command_paths() -> list[list[str]]:
    """Every command's words (``["channels"]``, ``["ingest", "gdelt"]``), in the CLI's order."""
    root = get_command(app)
    out = []
    for name, cmd in root.commands.items():
        sub = getattr(cmd, "commands", None)
        if sub:
            out += [[name, s] for s in sub]
        else:
            out.append([name])
    return out


def render() -> str:
    """The page's text."""
    lines = [
        "# CLI reference",
        "",
        "Every command's `--help`, generated from the CLI (`make readme` regenerates this page; the",
        "tests fail when it is stale). The guide to the commands, with examples, is",
        "[cli.md](cli.md); the rules behind every score, [model.md](model.md).",
        "",
    ]
    top = CliRunner().invoke(app, ["--help"], env=ENV)
    lines += ["## diplonet", "", "```text", top.output.rstrip(), "```", ""]
    for words in command_paths():
        result = CliRunner().invoke(app, [*words, "--help"], env=ENV)
        if result.exit_code != 0:
            raise RuntimeError(f"diplonet {' '.join(words)} --help failed: {result.output}")
        lines += [
            f"## diplonet {' '.join(words)}",
            "",
            "```text",
            result.output.rstrip(),
            "```",
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    print(f"updated {PAGE}", file=sys.stderr)
