"""Where a cold ``diplonet validate`` spends its CPU time on a generated dataset, and what a warm
load (from the dataset cache) costs: in-process CPU seconds (``time.process_time``), which a busy
machine disturbs far less than wall-clock time, minimum and median of ``--runs``.

Each run validates from scratch and stores the cache entry (as ``validate`` does), timing the
store apart, then loads the dataset back from that entry. A private cache folder is used, never
the user's. ``--src`` times another checkout's code (its ``src`` folder) the same way; the
whole-process figure is ``/usr/bin/time -v diplonet validate --data FOLDER``.

    python bench/validate_phases.py                        # 10,000 actors / 200,000 ties
    python bench/validate_phases.py --actors 1000 --runs 5
    python bench/validate_phases.py --src /path/to/older/checkout/src
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _machine import machine

HERE = Path(__file__).resolve().parent

#: Run in a child process (so that ``--src`` decides which diplonet is imported).
CHILD = """
import gc, json, os, sys, time
sys.path.insert(0, sys.argv[1])
import diplonet.dataset as dataset
from diplonet import _cache
assert dataset.__file__.startswith(sys.argv[1]), dataset.__file__
folder, runs = sys.argv[2], int(sys.argv[3])
clock = time.process_time
store = _cache.store
spent = []


def timed(*args):
    start = clock()
    store(*args)
    spent.append(clock() - start)


_cache.store = timed
out = {"validate": [], "store": [], "warm": []}
for _ in range(runs):
    start = clock()
    dataset.load_dataset(folder, cache="refresh")
    out["validate"].append(clock() - start - spent[-1])
    out["store"].append(spent[-1])
    gc.collect()
    start = clock()
    warm = dataset.load_dataset(folder, cache="on")
    out["warm"].append(clock() - start)
    assert len(warm.relations), "an empty dataset"
    del warm
    gc.collect()
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--src", default=str(HERE.parent / "src"), help="the diplonet to time")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from scale import dataset_for  # generates the dataset once, into the cache folder

    folder = dataset_for(args.actors)
    src = str(Path(args.src).resolve())
    with tempfile.TemporaryDirectory(prefix="diplonet-bench-cache-") as cache:
        env = dict(os.environ, XDG_CACHE_HOME=cache)
        for name in ("PYTHONDONTWRITEBYTECODE", "DIPLONET_CACHE"):  # as an installed tool runs
            env.pop(name, None)
        found = subprocess.run(
            [sys.executable, "-c", CHILD, src, str(folder), str(args.runs)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    figures = json.loads(found.stdout.splitlines()[-1])
    print(f"machine:   {machine()}")
    print(f"dataset:   {folder} ({args.actors:,} actors)")
    print(f"code:      {src}")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"at:        {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {load}")
    for name, label in (
        ("validate", "parse and validate (CPU s)"),
        ("store", "store the cache entry"),
        ("warm", "load from the cache"),
    ):
        values = figures[name]
        print(f"{label:28s} min {min(values):.2f}  median {statistics.median(values):.2f}")


if __name__ == "__main__":
    main()
