"""Where `diplonet export` spends its CPU time: one export run in this process, as the command
line runs it, with a CPU timer (``time.process_time``) around each phase.

    python bench/export_profile.py gexf --data ~/.cache/diplonet-bench/scale-v1-10000
    python bench/export_profile.py html graphml json --data DATASET

Run ``diplonet validate --data DATASET`` once first, so that the dataset cache is warm. Phases
nest (the layout is part of the export's contents), so their times do not add up; "total" is
the whole process from the start of this script. The machine is often shared: CPU time says
more than wall-clock time there, and both are printed.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from pathlib import Path

START_CPU, START_WALL = time.process_time(), time.perf_counter()

#: (module, attribute, label): the phases timed, where they exist in the checkout measured.
PHASES = [
    ("diplonet.network", "Network.load", "load the dataset (cache)"),
    ("diplonet.network", "Network.relations", "relations in force"),
    ("diplonet.network", "Network._link_edges", "channel links"),
    ("diplonet._layout", "positions", "layout (with the links)"),
    ("diplonet._layout", "_large_spring", "  igraph Fruchterman-Reingold"),
    ("diplonet._layout", "spread_large", "  spread on a KD-tree"),
    ("diplonet.export", "_parts", "export contents (with the layout)"),
    ("diplonet.export", "export_graph", "export graph (with the layout)"),
    ("diplonet.export", "_networkx_order", "networkx's edge order"),
    ("diplonet.export", "_stream_gexf", "GEXF text"),
    ("diplonet.export", "_stream_graphml", "GraphML text"),
    ("diplonet.export", "_node_link_text", "node-link JSON text"),
    ("diplonet.html", "_page_data", "page data"),
    ("diplonet.export", "_write_parts", "page text"),
]


def _timed(times: dict, label: str, fn):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        begin = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            times[label] = times.get(label, 0.0) + time.process_time() - begin

    return run


def instrument(times: dict) -> None:
    """Wrap each phase of :data:`PHASES` that exists (a cached property's function too)."""
    import importlib
    from functools import cached_property

    for module_name, attr, label in PHASES:
        module = importlib.import_module(module_name)
        owner_name, _, name = attr.rpartition(".")
        owner = getattr(module, owner_name) if owner_name else module
        found = owner.__dict__.get(name) if owner_name else getattr(module, name, None)
        if found is None:
            continue
        if isinstance(found, cached_property):
            found.func = _timed(times, label, found.func)
        elif isinstance(found, classmethod):
            setattr(owner, name, classmethod(_timed(times, label, found.__func__)))
        else:
            setattr(owner, name, _timed(times, label, found))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("formats", nargs="+", help="export formats: gexf, html, graphml, json")
    parser.add_argument("--data", required=True, help="the dataset folder")
    args = parser.parse_args()
    if len(args.formats) > 1:  # one process per format: each pays its own imports and load
        import subprocess

        for fmt in args.formats:
            subprocess.run([sys.executable, __file__, fmt, "--data", args.data], check=False)
        return
    fmt = args.formats[0]
    times: dict[str, float] = {}
    from diplonet import cli

    imported = time.process_time() - START_CPU
    instrument(times)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"x.{fmt}"
        sys.argv = ["diplonet", "export", fmt, "-o", str(out), "--data", args.data]
        try:
            cli.main()
        except SystemExit as exc:
            if exc.code:
                raise
    cpu, wall = time.process_time() - START_CPU, time.perf_counter() - START_WALL
    print(f"export {fmt}: total CPU {cpu:.2f} s, wall {wall:.2f} s", file=sys.stderr)
    print(f"  {'importing the CLI':36s} {imported:6.2f}", file=sys.stderr)
    for _, _, label in PHASES:
        if label in times:
            print(f"  {label:36s} {times[label]:6.2f}", file=sys.stderr)


if __name__ == "__main__":
    main()
