"""The ``diplonet`` command line: a thin layer over :mod:`diplonet.answers`.

:mod:`~diplonet.cli.core` holds the app, the shared options, the error wrapper and
:func:`~diplonet.cli.core.emit`; one module per command group registers its commands on it:

- :mod:`~diplonet.cli.queries`: ``channels``, ``mediators``, ``paths``
- :mod:`~diplonet.cli.browse`: ``actors``, ``show``, ``relations``, ``types``, ``validate``
- :mod:`~diplonet.cli.analysis`: ``brokers``, ``balance``, ``resilience``, ``spoilers``,
  ``backtest``
- :mod:`~diplonet.cli.history`: ``diff``, ``timeline``
- :mod:`~diplonet.cli.draw`: ``plot``, ``diagram``, ``export``
- :mod:`~diplonet.cli.events`: ``ingest gdelt``, ``merge``, ``compare``

Every query takes the same scenario options and ``--format table|json|csv``. Bad input of any
kind exits with code 2 and one message on stderr, never a traceback. Only networkx and typer
load on this path: pandas and matplotlib stay out of it so queries answer instantly.
"""

from __future__ import annotations

import os
import sys

from . import analysis, browse, draw, events, history, queries  # noqa: F401  (register commands)
from .core import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    from .. import _igraph

    _igraph.HIDE_MATPLOTLIB = True  # one command, then exit: igraph never draws here
    try:
        app()
    except BrokenPipeError:
        # `diplonet relations | head`: the reader left; exit quietly like other Unix tools.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
