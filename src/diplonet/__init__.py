"""diplonet: a diplomatic stakeholder network analyzer.

Load the shipped dataset (or your own) and ask who can carry a message between two actors::

    >>> import diplonet as dn
    >>> net = dn.load(date="2021-05-20")
    >>> net.channels("US", "Hamas")["via"].str[0].tolist()[:2]
    ['Qatar', 'Egypt']

:func:`load` returns a :class:`~diplonet.api.StakeholderNetwork` whose methods mirror the CLI
and return pandas DataFrames. The core (:class:`~diplonet.network.Network` and the functions of
:mod:`diplonet.paths`, :mod:`diplonet.mediation`, :mod:`diplonet.brokerage`, :mod:`diplonet.balance`,
:mod:`diplonet.resilience`, ...) works without pandas; ``docs/api.md`` maps every module.
"""

from __future__ import annotations

import os

from .dataset import Actor, Dataset, Relation, load_dataset
from .dates import PartialDate
from .errors import DataError, DiplonetError, UnknownActorError
from .network import Network

__version__ = "0.1.0"


def load(data: str | os.PathLike | None = None, date: str | PartialDate | None = None):
    """Load a dataset directory (default: the shipped one) as a
    :class:`~diplonet.api.StakeholderNetwork` (see :func:`diplonet.api.load`).

    Parameters
    ----------
    data : path-like, optional
        A dataset directory with ``actors.csv`` and ``relations.csv``.
    date : str or PartialDate, optional
        Only relations in force on this date; default the dataset's curated_through (else
        today).

    Returns
    -------
    StakeholderNetwork

    Raises
    ------
    DataError
        Listing every problem in the dataset (a missing directory is one).
    DiplonetError
        When ``date`` is not a date.
    """
    from .api import load as _load  # pandas loads only when the API is used

    return _load(data, date=date)


#: The topic modules, imported on first use (``dn.paths.channels(...)``) so that ``import
#: diplonet`` stays quick for the CLI.
_LAZY_MODULES = ("balance", "brokerage", "mediation", "paths", "resilience")


def __getattr__(name: str):
    if name == "StakeholderNetwork":
        from .api import StakeholderNetwork

        return StakeholderNetwork
    if name in _LAZY_MODULES:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'diplonet' has no attribute {name!r}")


__all__ = [
    "Actor",
    "DataError",
    "Dataset",
    "DiplonetError",
    "Network",
    "PartialDate",
    "Relation",
    "StakeholderNetwork",
    "UnknownActorError",
    "load",
    "load_dataset",
]
