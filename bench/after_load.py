"""CPU seconds each query takes once the network is loaded, on the generated datasets of scale.py.

Issue 15 sets targets "after load" (channels and mediators 0.2 s, paths -k 10 1 s, resilience
and spoilers 2 s, diff 5 s, brokers and balance 10 s): this measures them as a command runs
them, in a fresh process per query, as the command line does (the dataset from its cache, the
network on its date with its channel links, the loaded objects frozen out of the collector,
igraph imported without matplotlib),
then the query's first call and its records, in CPU seconds of that process (a busy VM's
wall clock says little). Prints the median of ``--runs`` runs beside the target and the
machine it ran on.

    python bench/after_load.py                  # 10,000 actors, three runs
    python bench/after_load.py --sizes 1000 --runs 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

from _machine import machine
from scale import dataset_for, pairs

#: (label, the answers call, the issue's target in seconds)
QUERIES = [
    (
        "channels between hubs, -k 20",
        "answers.channels(net, hubs[0], [hubs[1]], k=20).records()",
        0.2,
    ),
    ("mediators between hubs, -k 20", "answers.mediators(net, *hubs, k=20).records()", 0.2),
    ("paths between hubs, -k 10", "answers.paths(net, *hubs, k=10).records()", 1.0),
    ("paths, poorly connected pair, -k 10", "answers.paths(net, *poor, k=10).records()", 1.0),
    ("resilience between hubs (table)", "answers.resilience(net, *hubs)", 2.0),
    ("spoilers between hubs", "answers.spoilers(net, *hubs).records()", 2.0),
    ("diff 2000-01-01 2020-01-01 (table)", "answers.diff(net, '2000-01-01', '2020-01-01')", 5.0),
    ("brokers", "answers.brokers(net).records()", 10.0),
    ("balance", "answers.balance(net).records()", 10.0),
]

_CHILD = """
import gc, sys, time
from pathlib import Path
from diplonet import _igraph, answers
from diplonet.network import Network
_igraph.HIDE_MATPLOTLIB = True  # as diplonet.cli.main sets it
folder, hubs, poor, call = Path(sys.argv[1]), sys.argv[2:4], sys.argv[4:6], sys.argv[6]
net = Network.load(folder, cache="on")
net.links
gc.freeze()
start = time.process_time()
eval(call)
print(time.process_time() - start)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="Only the queries whose label starts so.")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    print(f"machine: {machine()}")
    print(f"each figure: CPU seconds after load, the median of {args.runs} fresh processes\n")
    for n in args.sizes:
        folder = dataset_for(n)
        p = pairs(folder)
        print(f"| {n:,} actors, after load | CPU s | target |")
        print("|---|---|---|")
        for label, call, target in QUERIES:
            if args.only and not any(label.startswith(o) for o in args.only):
                continue
            cmd = [sys.executable, "-c", _CHILD, str(folder), *p["hubs"], *p["poor"], call]
            times = []
            for _ in range(args.runs):
                done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
                if done.returncode:
                    print(done.stderr, file=sys.stderr)
                    return 1
                times.append(float(done.stdout.split()[-1]))
            mark = "" if statistics.median(times) <= target else " (not met)"
            print(f"| {label} | {statistics.median(times):.2f}{mark} | {target:g} |", flush=True)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
