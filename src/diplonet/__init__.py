"""diplonet: a diplomatic stakeholder network analyzer.

Load the shipped dataset (or your own) as a :class:`~diplonet.network.Network` and ask who can
carry a message between two actors::

    >>> import diplonet as dn
    >>> net = dn.load(date="2021-05-20")
    >>> [c.via[0] for c in dn.queries.channels(net, "US", "Hamas")][:2]
    ['Qatar', 'Egypt']
"""

from __future__ import annotations

import os

from . import queries
from .dataset import Actor, Dataset, Relation, load_dataset
from .dates import PartialDate
from .errors import DataError, DiplonetError, UnknownActorError
from .network import Network

__version__ = "0.1.0"


def load(data: str | os.PathLike | None = None, date: str | PartialDate | None = None) -> Network:
    """Load a dataset directory (default: the shipped one) as a :class:`Network`.

    Parameters
    ----------
    data : path-like, optional
        Dataset directory with ``actors.csv`` and ``relations.csv``.
    date : str, optional
        Only relations in force on this date (``YYYY[-MM[-DD]]``); default today.

    Raises
    ------
    DataError
        Listing every problem in the dataset.
    """
    return Network.load(data, date=date)


__all__ = [
    "Actor",
    "DataError",
    "Dataset",
    "DiplonetError",
    "Network",
    "PartialDate",
    "Relation",
    "UnknownActorError",
    "load",
    "load_dataset",
    "queries",
]
