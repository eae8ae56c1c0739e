"""python-igraph, imported without its matplotlib drawing backend when matplotlib is not
loaded yet.

Importing igraph imports ``matplotlib.pyplot`` when matplotlib is installed (its drawing
modules look for it at import time): 0.6 s of the 0.7 s igraph costs to import, for drawing
code diplonet never calls (it draws with matplotlib itself). So the first import hides
matplotlib from igraph; igraph's own ``plot`` with the matplotlib backend then asks for
matplotlib in that process. A process that has already imported matplotlib (a notebook)
imports igraph as usual.
"""

from __future__ import annotations

import sys
from types import ModuleType

__all__ = ["igraph"]


def igraph() -> ModuleType:
    """The ``igraph`` module (an optional dependency of large-network commands).

    Returns
    -------
    module
        ``igraph``, imported on the first call.
    """
    found = sys.modules.get("igraph")
    if found is not None:
        return found
    if "matplotlib" in sys.modules:
        import igraph as ig

        return ig
    sys.modules["matplotlib"] = None  # type: ignore[assignment]  # import matplotlib: ImportError
    try:
        import igraph as ig
    finally:
        del sys.modules["matplotlib"]
    return ig
