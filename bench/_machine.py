"""The machine a benchmark ran on, in one line (benchmarks print it beside their figures)."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def machine() -> str:
    """Host, CPU model, cores, OS and Python version."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{platform.node()} · {cpu} · {os.cpu_count()} cores · {system}"
