"""Throughput and peak memory of `diplonet ingest gdelt` on a large input built from the real sample.

Builds a file of N rows (default 2,000,000, about 1.3 GB, like a few days of GDELT) by repeating
the 2,111 rows of the real 15-minute export with fresh event ids and dates spread over a month,
then times, each in its own process so peak memory is its own:

- `stream`: the streaming reference (line by line, pure Python);
- `duckdb`: the default engine, the aggregation's SQL run by DuckDB over the same file;
- `pandas` (with --engines): pandas.read_csv in chunks of 200,000 rows with the same mapping,
  vectorised, the alternative measured before DuckDB.

Both diplonet engines must give the same relations; the bench checks it.

Two more processes bound what DuckDB can reach here, measured the same way:

- `duckdb floor`: Python, the dataset and DuckDB imported, a connection made, no row read: the
  peak memory below which no in-process DuckDB engine can go;
- `duckdb read`: DuckDB's CSV reader alone counting the rows of the same file with the 61 columns
  the engine declares: the throughput no query over these files can beat.

Prints rows per second, wall time, CPU time (user + system: steadier than wall time on a shared
machine) and peak resident memory (ru_maxrss of the process, which counts DuckDB's shared library
and Python's heap alike) for each, the ratios to the streaming baseline, the load average and the
machine.

    python bench/gdelt_ingest.py [--rows N] [--engines stream,duckdb,pandas] [--bounds]
"""

from __future__ import annotations

import argparse
import json
import os
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
ru = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": time.perf_counter() - t, "rows": report.rows, "kept": report.kept, "relations": len(rows),
                  "peak_mb": ru.ru_maxrss / 1024, "cpu": ru.ru_utime + ru.ru_stime,
                  "digest": hashlib.sha256(repr(rows).encode()).hexdigest()}))
"""

DUCKDB = STREAM.replace(
    "from diplonet.gdelt import ingest,",
    "from diplonet.gdelt_duckdb import ingest_duckdb as ingest\nfrom diplonet.gdelt import",
)

FLOOR = """
import sys, time, json, resource
t = time.perf_counter()
from diplonet.dataset import load_dataset
from diplonet.gdelt import load_actor_map
ds = load_dataset()
amap = load_actor_map(actors=ds.actors)
import duckdb
duckdb.connect().execute("SELECT 1").fetchall()
ru = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": time.perf_counter() - t, "rows": 0, "peak_mb": ru.ru_maxrss / 1024,
                  "cpu": ru.ru_utime + ru.ru_stime}))
"""

READ = """
import sys, time, json, resource
t = time.perf_counter()
import duckdb
columns = "{" + ", ".join(f"'c{i:02d}': 'VARCHAR'" for i in range(61)) + "}"
con = duckdb.connect()
con.execute("SET preserve_insertion_order = false")
(rows,) = con.execute(f\"\"\"SELECT count(*) FROM read_csv('{sys.argv[1]}', delim = '\\t', header = false,
    quote = '', escape = '', auto_detect = false, columns = {columns})\"\"\").fetchone()
ru = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": time.perf_counter() - t, "rows": rows, "peak_mb": ru.ru_maxrss / 1024,
                  "cpu": ru.ru_utime + ru.ru_stime}))
"""

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
ru = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": time.perf_counter() - t, "rows": rows, "kept": kept, "relations": len({k[:3] for k in totals}),
                  "peak_mb": ru.ru_maxrss / 1024, "cpu": ru.ru_utime + ru.ru_stime}))
"""


def run(code: str, path: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--engines", default="stream,duckdb")
    parser.add_argument(
        "--bounds", action="store_true", help="also measure DuckDB's memory floor and bare CSV read"
    )
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
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        results = {}
        for engine in args.engines.split(","):
            code = {"stream": STREAM, "duckdb": DUCKDB, "pandas": PANDAS}[engine]
            r = results[engine] = run(code, path)
            print(
                f"{engine + ':':<14} {r['rows'] / r['seconds']:>10,.0f} rows/s  {r['seconds']:6.1f} s  "
                f"CPU {r['cpu']:5.1f} s  peak {r['peak_mb']:6.0f} MB  "
                f"({r['kept']:,} events kept, {r['relations']} pair-months)"
            )
        if args.bounds:
            for name, code in (("duckdb floor", FLOOR), ("duckdb read", READ)):
                r = results[name] = run(code, path)
                rate = f"{r['rows'] / r['seconds']:>10,.0f} rows/s" if r["rows"] else f"{'-':>17}"
                print(
                    f"{name + ':':<14} {rate}  {r['seconds']:6.1f} s  CPU {r['cpu']:5.1f} s  "
                    f"peak {r['peak_mb']:6.0f} MB  "
                    + ("(no row read)" if name.endswith("floor") else "(CSV reader alone, count)")
                )
        print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if "stream" in results and "duckdb" in results:
            s, d = results["stream"], results["duckdb"]
            assert d["digest"] == s["digest"], "DuckDB and the streaming reference disagree"
            print(
                f"baseline (stream) beside duckdb: {s['seconds'] / d['seconds']:.1f}x the throughput, "
                f"{d['cpu'] / s['cpu']:.2f}x the CPU time, {d['peak_mb'] / s['peak_mb']:.1f}x the peak memory; "
                "same relations (goal: 10x the throughput at no more memory)"
            )
            for name in ("duckdb read", "duckdb floor"):
                if name in results:
                    b = results[name]
                    what = (
                        f"at most {s['seconds'] / b['seconds']:.1f}x the throughput"
                        if b["rows"]
                        else f"at least {b['peak_mb'] / s['peak_mb']:.1f}x the peak memory"
                    )
                    print(f"{name} bounds duckdb to {what} of the stream here")
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
