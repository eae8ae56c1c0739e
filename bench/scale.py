"""How diplonet scales: each command on generated datasets beside the same work in plain networkx.

A seeded generator writes valid datasets (skewed degrees, about 20% hostile ties, dates
1950-2021, a ``curated_through``) into a cache folder, never into the repository. Each diplonet
command runs as a whole process, as a user runs it, median of ``--runs``; beside it, a short
script does the same work with plain networkx on the same CSVs in the same run. Peak memory is
the child's maximum resident set. Prints a table with the machine it ran on.

    python bench/scale.py                      # 1,000 actors / 20,000 ties and 10,000 / 200,000
    python bench/scale.py --sizes 1000 --runs 1 --timeout 60
    python bench/scale.py --generate-only      # print the folders of the generated datasets
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _machine import machine

#: Ties per actor in every generated dataset (20,000 ties for 1,000 actors).
TIES_PER_ACTOR = 20
CURATED_THROUGH = "2021-12-31"
COOPERATIVE = (
    ("diplomatic", False),
    ("contact", False),
    ("security_cooperation", False),
    ("alliance", False),
    ("normalization", False),
    ("aid", True),
    ("mediation", True),
    ("hosting", True),
    ("sponsorship", True),
)
HOSTILE = (
    ("rivalry", False),
    ("hostility", False),
    ("severed", False),
    ("sanctions", True),
    ("no_contact", True),
)
GENERATOR_VERSION = 1


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "diplonet-bench"


def generate(actors: int, folder: Path, seed: int = 15) -> Path:
    """Write a valid dataset of ``actors`` actors and ``TIES_PER_ACTOR`` ties each to ``folder``.

    Degrees are skewed (an actor's chance to be an end falls as 1/(rank + 10)), about one tie in
    five is hostile, and ties start between 1950 and 2021, a third of them ending before 2022.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    ids = [f"A{i:05d}" for i in range(actors)]
    blocs = [f"Bloc{b}" for b in range(12)]
    kinds = ["state"] * 7 + [
        "non-state armed group",
        "international organisation",
        "governing authority",
    ]
    with open(folder / "actors.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "kind", "groups", "bloc", "aliases", "lat", "lon"])
        for i, a in enumerate(ids):
            w.writerow(
                [
                    a,
                    f"Actor {i}",
                    rng.choice(kinds),
                    f"G{i % 7}" if i % 3 == 0 else "",
                    rng.choice(blocs),
                    f"alias-{i}",
                    round(rng.uniform(-60, 70), 4),
                    round(rng.uniform(-180, 180), 4),
                ]
            )
    cum = list(itertools.accumulate(1 / (r + 10) for r in range(actors)))
    seen = set()
    n = actors * TIES_PER_ACTOR
    with open(folder / "relations.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "source",
                "target",
                "type",
                "sign",
                "strength",
                "directed",
                "start",
                "end",
                "evidence",
                "citation",
                "confidence",
            ]
        )
        written = 0
        while written < n:
            a, b = rng.choices(ids, cum_weights=cum, k=2)
            if a == b:
                continue
            hostile = rng.random() < 0.2
            rtype, directed = rng.choice(HOSTILE if hostile else COOPERATIVE)
            y = rng.randint(1950, 2021)
            start = f"{y}-{rng.randint(1, 12):02d}" if rng.random() < 0.5 else str(y)
            key = ((a, b) if directed else tuple(sorted((a, b)))) + (rtype, start)
            if key in seen:
                continue
            seen.add(key)
            end = ""
            if rng.random() < 0.33 and y < 2021:
                end = str(rng.randint(y + 1, 2021))
            w.writerow(
                [
                    a,
                    b,
                    rtype,
                    "-1" if hostile else "+1",
                    rng.choice((0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)),
                    "true" if directed else "false",
                    start,
                    end,
                    f"Generated tie {written}",
                    f"Generated record, {y}",
                    rng.choice(("high", "medium", "low")),
                ]
            )
            written += 1
    (folder / "dataset.json").write_text(
        json.dumps({"title": f"Generated: {actors} actors", "curated_through": CURATED_THROUGH})
    )
    return folder


def dataset_for(actors: int) -> Path:
    folder = cache_root() / f"scale-v{GENERATOR_VERSION}-{actors}"
    if not (folder / "dataset.json").is_file():
        cache_root().mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix="gen-", dir=cache_root()))
        generate(actors, tmp)
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)
    return folder


def pairs(folder: Path) -> dict[str, tuple[str, str]]:
    """Two hubs (the most tied actors) and a poorly connected pair (among the least tied)."""
    degree: dict[str, int] = {}
    with open(folder / "relations.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for end in (row["source"], row["target"]):
                degree[end] = degree.get(end, 0) + 1
    ranked = sorted(degree, key=lambda a: (-degree[a], a))
    return {"hubs": (ranked[0], ranked[1]), "poor": (ranked[-1], ranked[-2])}


# -- the plain networkx side -----------------------------------------------------------------------

_READ = """
import csv, math, sys, networkx as nx
d = sys.argv[1]
G = nx.Graph()
with open(d + "/actors.csv", encoding="utf-8") as fh:
    for row in csv.DictReader(fh):
        G.add_node(row["id"], **row)
with open(d + "/relations.csv", encoding="utf-8") as fh:
    rows = list(csv.DictReader(fh))
for r in rows:
    s = float(r["strength"]) * int(r["sign"])
    a, b = r["source"], r["target"]
    if G.has_edge(a, b):
        G[a][b]["net"] += s
    else:
        G.add_edge(a, b, net=s)
for a, b, e in G.edges(data=True):
    e["cost"] = -math.log(min(0.95, abs(e["net"])) or 0.01)
"""

BASELINES = {
    "validate": "",
    "paths": "from itertools import islice\n"
    "list(islice(nx.shortest_simple_paths(G, sys.argv[2], sys.argv[3], weight='cost'), 10))",
    "mediators": "set(G[sys.argv[2]]) & set(G[sys.argv[3]])",
    "brokers": "nx.betweenness_centrality(G, k=min(len(G), 500), seed=0, weight='cost')",
    "balance": "nx.triangles(G)",
    "resilience": "nx.node_connectivity(G, sys.argv[2], sys.argv[3]);"
    "nx.minimum_node_cut(G, sys.argv[2], sys.argv[3])",
    "spoilers": "[(x, G[x]) for x in G]",
    "diff": "[r for r in rows if r['start'][:4] <= '2020' and r['start'][:4] > '2000']",
    "export gexf": "import tempfile; nx.write_gexf(G, tempfile.mktemp(suffix='.gexf'))",
    "export html": "import json; json.dumps(nx.node_link_data(G, edges='links'))",
    "export graphml": "import tempfile; nx.write_graphml(G, tempfile.mktemp(suffix='.graphml'))",
    "export json": "import json; json.dumps(nx.node_link_data(G, edges='links'), indent=2)",
    "plot": "import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt;"
    "nx.draw(G, nx.random_layout(G, seed=0), node_size=2, width=0.1);"
    "import tempfile; plt.savefig(tempfile.mktemp(suffix='.png'))",
}


def commands(folder: Path, out: Path) -> list[tuple[str, list[str], str, list[str]]]:
    """(label, diplonet arguments, baseline key, baseline arguments) for one dataset."""
    p = pairs(folder)
    hubs, poor = p["hubs"], p["poor"]
    d = ["--data", str(folder)]
    return [
        ("validate", ["validate", *d], "validate", []),
        ("channels between hubs", ["channels", *hubs, "--no-evidence", *d], "mediators", [*hubs]),
        ("mediators between hubs", ["mediators", *hubs, "--no-evidence", *d], "mediators", [*hubs]),
        (
            "paths between hubs, -k 10",
            ["paths", *hubs, "-k", "10", "--no-evidence", *d],
            "paths",
            [*hubs],
        ),
        (
            "paths, poorly connected pair, -k 10",
            ["paths", *poor, "-k", "10", "--no-evidence", *d],
            "paths",
            [*poor],
        ),
        ("brokers", ["brokers", *d], "brokers", []),
        ("balance", ["balance", *d], "balance", []),
        ("resilience between hubs", ["resilience", *hubs, *d], "resilience", [*hubs]),
        ("spoilers between hubs", ["spoilers", *hubs, *d], "spoilers", []),
        ("diff 2000-01-01 2020-01-01", ["diff", "2000-01-01", "2020-01-01", *d], "diff", []),
        ("export gexf", ["export", "gexf", "-o", str(out / "x.gexf"), *d], "export gexf", []),
        ("export html", ["export", "html", "-o", str(out / "x.html"), *d], "export html", []),
        (
            "export graphml",
            ["export", "graphml", "-o", str(out / "x.graphml"), *d],
            "export graphml",
            [],
        ),
        ("export json", ["export", "json", "-o", str(out / "x.json"), *d], "export json", []),
        ("plot", ["plot", "-o", str(out / "x.png"), *d], "plot", []),
    ]


def run(cmd: list[str], timeout: float, env: dict) -> tuple[float | None, float, int]:
    """Seconds (None when killed at ``timeout``), peak memory in MB, and the exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            elapsed = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            return elapsed, usage.ru_maxrss / 1024, proc.returncode
        if time.perf_counter() > deadline:
            proc.kill()
            _, _, usage = os.wait4(proc.pid, 0)
            return None, usage.ru_maxrss / 1024, -9
        time.sleep(0.01)


def measure(cmd, runs, timeout, env) -> tuple[str, float]:
    times, peak, code = [], 0.0, 0
    for _ in range(runs):
        t, mem, code = run(cmd, timeout, env)
        peak = max(peak, mem)
        if t is None:
            return f"> {timeout:.0f} s (killed)", peak
        times.append(t)
    text = f"{statistics.median(times):.2f} s"
    return (text if code in (0, 2) else text + f" (exit {code})"), peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--only", nargs="*", help="Only the commands whose label starts so.")
    parser.add_argument("--no-baseline", action="store_true", help="Skip the networkx side.")
    parser.add_argument(
        "--src", help="Run diplonet from this source folder (e.g. an older checkout's src)."
    )
    parser.add_argument("--generate-only", action="store_true")
    args = parser.parse_args()
    folders = {n: dataset_for(n) for n in args.sizes}
    if args.generate_only:
        for n, f in folders.items():
            print(f"{n} actors: {f}")
        return 0
    env = dict(os.environ)
    if args.src:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [args.src, env.get("PYTHONPATH")]))
    diplonet = [sys.executable, "-m", "diplonet"]
    print(f"machine: {machine()}")
    print(f"each figure: the median of {args.runs} whole-process runs; peak memory in MB")
    print(f"cache: {env.get('XDG_CACHE_HOME') or '~/.cache'} (a dataset cache may be warm)\n")
    with tempfile.TemporaryDirectory(prefix="diplonet-scale-") as tmp:
        out = Path(tmp)
        for n, folder in folders.items():
            print(f"| {n:,} actors / {n * TIES_PER_ACTOR:,} ties | diplonet | peak MB | networkx |")
            print("|---|---|---|---|")
            for label, cmd, key, bargs in commands(folder, out):
                if args.only and not any(label.startswith(o) for o in args.only):
                    continue
                ours, peak = measure([*diplonet, *cmd], args.runs, args.timeout, env)
                theirs = ""
                if not args.no_baseline:
                    script = _READ + BASELINES[key]
                    base = [sys.executable, "-c", script, str(folder), *bargs]
                    theirs, _ = measure(base, args.runs, args.timeout, env)
                print(f"| {label} | {ours} | {peak:.0f} | {theirs} |", flush=True)
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
