"""igraph, imported without matplotlib in a command's process.

Importing igraph imports ``matplotlib.pyplot`` when matplotlib is installed (its drawing modules
subclass matplotlib's artists as they load): 0.7 s of a 0.8 s import, for drawing that diplonet
never asks of igraph. The command line (:func:`diplonet.cli.main`) sets :data:`HIDE_MATPLOTLIB`,
and igraph is then imported as if matplotlib were absent. A library user's process is left as
it is: there igraph may be asked to draw later, so it is imported as usual.
"""

from __future__ import annotations

import sys

__all__ = ["HIDE_MATPLOTLIB", "load"]

#: Whether igraph is imported without matplotlib (set by the command line's entry point; the
#: process runs one command and exits, and no command draws with igraph).
HIDE_MATPLOTLIB = False


def load():
    """The ``igraph`` module, imported as :data:`HIDE_MATPLOTLIB` says.

    Returns
    -------
    module
        ``igraph``. When it is imported here with :data:`HIDE_MATPLOTLIB` set and matplotlib not
        yet imported, igraph's own plotting with matplotlib is unavailable in this process;
        matplotlib itself is not affected.
    """
    if "igraph" in sys.modules or not HIDE_MATPLOTLIB or "matplotlib" in sys.modules:
        import igraph

        return igraph
    # a None entry makes `import matplotlib` raise ImportError, which igraph expects when
    # matplotlib is not installed; the entry is removed at once, so matplotlib still imports
    sys.modules["matplotlib"] = None  # type: ignore[assignment]
    try:
        import igraph
    finally:
        if sys.modules.get("matplotlib", 0) is None:
            del sys.modules["matplotlib"]
    return igraph
