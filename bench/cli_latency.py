"""How long `diplonet channels US Hamas` takes, against `python -c "import networkx, typer"`.

The CLI should answer within the time Python needs to import the two libraries it is built on
(issue 15: a ratio of at most 1.0; the first round's budget was 1.5). Both run as a user's
install runs them, with bytecode caches: PYTHONDONTWRITEBYTECODE is dropped from their
environment (where it is set, every diplonet module would be compiled again on every run). Runs are interleaved (query, baseline, query, ...) so that drift in machine load hits
both equally; the figure is the ratio of the medians. Prints the machine it ran on.

    python bench/cli_latency.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _machine import machine

BUDGET = 1.0

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    exe = shutil.which("diplonet", path=str(Path(sys.executable).parent)) or shutil.which(
        "diplonet"
    )
    if exe is None:
        print("diplonet is not installed next to this Python; run `make bench`", file=sys.stderr)
        return 2
    query = [exe, "channels", "US", "Hamas"]
    baseline = [sys.executable, "-c", "import networkx, typer"]
    for cmd in (query, baseline):  # warm the file cache and .pyc files
        timed(cmd)
    q, b = [], []
    for _ in range(args.runs):
        q.append(timed(query))
        b.append(timed(baseline))
    mq, mb = statistics.median(q), statistics.median(b)
    ratio = mq / mb
    print(f"machine:   {machine()}")
    print(f"runs:      {args.runs} interleaved pairs")
    for label, runs, med in (("query", q, mq), ("baseline", b, mb)):
        spread = f"min {min(runs) * 1000:.0f}, max {max(runs) * 1000:.0f}"
        print(f"{label + ':':<10} median {med * 1000:.0f} ms ({spread})")
    print(
        "           query: diplonet channels US Hamas; baseline: python -c 'import networkx, typer'"
    )
    print(f"ratio:     {ratio:.2f} (budget {BUDGET})  {'OK' if ratio <= BUDGET else 'OVER BUDGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
