"""Regenerate the golden JSON answers for the shipped data (run on purpose: `make golden`).

Each golden file is the CLI's JSON for one query on 20 May 2021, the week of the brief.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from diplonet.cli import app

GOLDEN = Path(__file__).resolve().parent / "golden"
DATE = ["--as-of", "2021-05-20"]
PARTNERS = [x for p in ["Egypt", "Jordan", "Qatar", "Turkey", "UAE"] for x in ("--through", p)]

QUERIES = {
    "channels_US_Hamas": ["channels", "US", "Hamas"],
    "coverage_US_Israel_PA_Hamas": ["channels", "US", "Israel", "PA", "Hamas", *PARTNERS],
    "mediators_Israel_Hamas": ["mediators", "Israel", "Hamas"],
    "paths_US_Hamas": ["paths", "US", "Hamas", "-k", "5", "--max-hops", "4"],
    "channels_US_Hamas_without_Qatar": ["channels", "US", "Hamas", "--without", "Qatar"],
}


def run(args: list[str]) -> object:
    """The parsed JSON answer of one query."""
    result = CliRunner().invoke(app, [*args, *DATE, "--format", "json"])
    if result.exit_code != 0:
        raise SystemExit(f"{' '.join(args)} failed: {result.output}")
    return json.loads(result.stdout)


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name, args in QUERIES.items():
        path = GOLDEN / f"{name}.json"
        path.write_text(
            json.dumps(run(args), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {path.relative_to(GOLDEN.parent.parent)}")


if __name__ == "__main__":
    main()
