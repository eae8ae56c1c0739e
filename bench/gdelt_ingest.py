"""Throughput and peak memory of `diplonet ingest gdelt` on a large input built from the real sample.

Builds a file of N rows (default 2,000,000, about 1.3 GB, like a few days of GDELT) by repeating
the 2,111 rows of the real 15-minute export with fresh event ids and dates spread over a month,
then times, each in its own process so peak memory is its own:

- `stream`: the streaming reference (line by line, pure Python);
- `duckdb`: the default engine, the aggregation's SQL run by DuckDB over the same file;
- `pandas` (with --engines): pandas.read_csv in chunks of 200,000 rows with the same mapping,
  vectorised, the alternative measured before DuckDB.

Both diplonet engines must give the same relations; the bench checks it.

Prints rows per second, wall time and peak resident memory for each, and the machine.

    python bench/gdelt_ingest.py [--rows N] [--engines stream,duckdb,pandas]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _machine import machine

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CANDIDATES = [
    REPO / "tests" / "data" / "gdelt" / "20191024143000.export.CSV",
    REPO.parent / "shared" / "gdelt" / "20191024143000.export.CSV",
]


def build(path: Path, rows: int) -> None:
    sample = next(p for p in SAMPLE_CANDIDATES if p.is_file())
    lines = [
        line.rstrip("\n").split("\t") for line in sample.read_text(encoding="utf-8").splitlines()
    ]
    with open(path, "w", encoding="utf-8") as out:
        for i in range(rows):
            f = list(lines[i % len(lines)])
            f[0] = str(900_000_000 + i)
            f[1] = f"201910{1 + i % 28:02d}"
            out.write("\t".join(f) + "\n")


STREAM = """
import sys, time, json, resource, hashlib
from diplonet.dataset import load_dataset
from diplonet.gdelt import ingest, load_actor_map, relation_rows
t = time.perf_counter()
ds = load_dataset()
report = ingest([sys.argv[1]], load_actor_map(actors=ds.actors))
rows = relation_rows(report)
print(json.dumps({"seconds": time.perf_counter() - t, "rows": report.rows, "kept": report.kept, "relations": len(rows),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "digest": hashlib.sha256(repr(rows).encode()).hexdigest()}))
"""

DUCKDB = STREAM.replace(
    "from diplonet.gdelt import ingest,",
    "from diplonet.gdelt_duckdb import ingest_duckdb as ingest\nfrom diplonet.gdelt import",
)

PANDAS = """
import sys, time, json, resource
import pandas as pd
from diplonet.dataset import load_dataset
from diplonet.gdelt import load_actor_map
t = time.perf_counter()
ds = load_dataset()
amap = load_actor_map(actors=ds.actors)
cols = [0, 1, 5, 6, 7, 8, 12, 15, 16, 17, 18, 22, 26, 29, 30, 60]
kept = rows = 0
totals = {}
for chunk in pd.read_csv(sys.argv[1], sep="\\t", header=None, usecols=cols, dtype=str, keep_default_na=False,
                         chunksize=200_000, quoting=3, engine="c"):
    rows += len(chunk)
    side = {}
    for n, (code, name, country, group, role) in ((1, (5, 6, 7, 8, 12)), (2, (15, 16, 17, 18, 22))):
        keys = chunk[[code, name, country, group, role]].drop_duplicates()
        lookup = {tuple(k): amap.actor(*k) for k in keys.itertuples(index=False, name=None)}
        side[n] = [lookup[k] for k in chunk[[code, name, country, group, role]].itertuples(index=False, name=None)]
    chunk = chunk.assign(a=side[1], b=side[2], g=pd.to_numeric(chunk[30], errors="coerce"), month=chunk[1].str[:6])
    chunk = chunk[chunk.a.notna() & chunk.b.notna() & (chunk.a != chunk.b)]
    kept += len(chunk)
    for key, g in chunk.groupby(["a", "b", "month", 29])["g"]:
        s, c = totals.get(key, (0.0, 0))
        totals[key] = (s + g.sum(), c + len(g))
print(json.dumps({"seconds": time.perf_counter() - t, "rows": rows, "kept": kept, "relations": len({k[:3] for k in totals}),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--engines", default="stream,duckdb")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.export.CSV"
        t = time.perf_counter()
        build(path, args.rows)
        size = path.stat().st_size / 1e6
        print(f"machine:  {machine()}")
        print(
            f"input:    {args.rows:,} rows, {size:,.0f} MB, built from the real sample in {time.perf_counter() - t:.1f} s"
        )
        results = {}
        for engine in args.engines.split(","):
            code = {"stream": STREAM, "duckdb": DUCKDB, "pandas": PANDAS}[engine]
            proc = subprocess.run(
                [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
            )
            r = results[engine] = json.loads(proc.stdout.strip().splitlines()[-1])
            print(
                f"{engine + ':':<9} {r['rows'] / r['seconds']:>10,.0f} rows/s  {r['seconds']:6.1f} s  "
                f"peak {r['peak_mb']:6.0f} MB  ({r['kept']:,} events kept, {r['relations']} pair-months)"
            )
        if "stream" in results and "duckdb" in results:
            s, d = results["stream"], results["duckdb"]
            assert d["digest"] == s["digest"], "DuckDB and the streaming reference disagree"
            print(
                f"duckdb/stream: {s['seconds'] / d['seconds']:.1f}x the throughput, "
                f"{d['peak_mb'] / s['peak_mb']:.1f}x the peak memory; same relations"
            )
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
