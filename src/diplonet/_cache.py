"""A cache of validated datasets in the user's cache folder, so that a repeated query on an
unchanged large dataset neither parses nor validates it again.

An entry is keyed by the SHA-256 of every byte the loader reads (``dataset.json``, the brief,
``actors.csv``, the relation files) and of the loader's own source, so any change to the data or
to the rules misses. It is read back only if it is a regular file of this user's, not writable
by others, whose own SHA-256 checks out, through an unpickler that builds nothing but diplonet's
data classes: a corrupt, truncated or foreign file is ignored and replaced, never trusted. No
function here raises: any trouble means an ordinary load.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

__all__ = [
    "cache_dir",
    "FORMAT",
    "KEEP",
    "key",
    "load",
    "MIN_BYTES",
    "store",
]

#: Datasets smaller than this (all files together) are validated every time: it takes
#: milliseconds, and the cache folder stays empty for the shipped data.
MIN_BYTES = 1_000_000

#: How many datasets the cache keeps (the most recently used).
KEEP = 4

#: Bumped when the layout of an entry changes.
FORMAT = b"diplonet-dataset-cache 2\n"

#: The only globals an entry may name: diplonet's data classes and a path.
_ALLOWED = {
    ("diplonet.dataset", "Actor"),
    ("diplonet.dataset", "Relation"),
    ("diplonet.dataset", "DatasetInfo"),
    ("diplonet.dataset", "Dataset"),
    ("diplonet.dates", "PartialDate"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
}

#: The sources whose rules shape a validated dataset.
_SOURCES = ("dataset.py", "dates.py", "vocab.py", "_reading.py", "_cache.py")


def cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/diplonet`` (default ``~/.cache/diplonet``); None when
    ``DIPLONET_CACHE=off`` turns the cache off."""
    if os.environ.get("DIPLONET_CACHE", "").lower() in ("0", "off", "no", "false"):
        return None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base or not os.path.isabs(base):  # the XDG spec: a relative value is ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "diplonet"


def key(parts: list[tuple[str, bytes]]) -> str:
    """The entry's name: SHA-256 over the loader's source and each (name, content) read."""
    h = hashlib.sha256(FORMAT)
    here = Path(__file__).parent
    for name in _SOURCES:
        try:
            h.update((here / name).read_bytes())
        except OSError:
            h.update(name.encode())
    for name, data in parts:
        h.update(f"\0{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def load(name: str, kinds: tuple[type, type]):
    """The dataset stored under ``name``, or None (absent, foreign, corrupt or unreadable).

    ``kinds`` is ``(Dataset, Relation)``: the loader passes its own classes, since it imports
    this module and this module must not import it (no import cycle)."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{name}.pickle"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o022:
            return None
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            blob = fh.read()
    except OSError:
        return None
    finally:
        os.close(fd)
    head = len(FORMAT)
    digest, payload = blob[head : head + 64], blob[head + 65 :]
    if blob[:head] != FORMAT or blob[head + 64 : head + 65] != b"\n":
        return None
    if hashlib.sha256(payload).hexdigest().encode() != digest:
        return None
    import io
    import pickle  # here, not at the top: small datasets never pay for it

    class Unpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str):
            if (module, name) not in _ALLOWED:
                raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a dataset cache")
            return super().find_class(module, name)

    try:
        dataset = _unpack(Unpickler(io.BytesIO(payload)).load(), *kinds)
    except Exception:  # a damaged entry of any kind: load the dataset the ordinary way
        return None
    # the unpickler built only diplonet's classes; the entry must be a Dataset (checked by name:
    # the loader imports this module, so this module does not import the loader)
    if not isinstance(dataset, kinds[0]):
        return None
    try:
        os.utime(path)  # recently used: kept by the pruning
    except OSError:
        pass
    return dataset


def store(name: str, dataset) -> None:
    """Write ``dataset`` under ``name`` (atomically, readable by this user only); prune old
    entries. Silently does nothing when the folder cannot be written."""
    import pickle
    import tempfile

    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        payload = pickle.dumps(_pack(dataset), protocol=pickle.HIGHEST_PROTOCOL)
        blob = FORMAT + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, folder / f"{name}.pickle")
        except BaseException:
            os.unlink(tmp)
            raise
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink()
    except (OSError, pickle.PicklingError, RecursionError):
        pass


# -- the entry's layout: relations by column -------------------------------------------------------
# Unpickling 200,000 relation objects field by field took a second; their columns (lists of
# strings and numbers, each date once) load in a fifth of that, and the objects are then made
# in one loop, as validation makes them.


def _pack(dataset) -> tuple:
    from operator import attrgetter

    rels = dataset.relations
    names = list(type(rels[0]).__dataclass_fields__) if rels else []
    table: dict[int, int] = {}
    dates: list[tuple] = []

    def index(date) -> int:
        if date is None:
            return -1
        found = table.get(id(date))
        if found is None:
            found = table[id(date)] = len(dates)
            dates.append((date.year, date.month, date.day))
        return found

    columns = []
    for name in names:
        column = list(map(attrgetter(name), rels))
        if name in ("start", "end"):
            column = [index(d) for d in column]
        columns.append(column)
    return (
        "relations by column",
        dataset.actors,
        dataset.info,
        dataset.brief_text,
        names,
        dates,
        columns,
    )


def _unpack(entry, Dataset: type, Relation: type):
    # the loader passes its classes in: it imports this module, so this module does not import it
    from .dates import PartialDate

    tag, actors, info, brief_text, names, dates, columns = entry
    if tag != "relations by column" or names != list(Relation.__dataclass_fields__):
        raise ValueError("an entry of another layout")
    table = [PartialDate(*d) for d in dates]
    # the columns as read, kept beside the dataset: a large network starts from them
    # (diplonet.network._Columns) instead of reading every relation's fields again
    raw = dict(zip(names, columns, strict=True))
    raw["dates"] = dates
    for name in ("start", "end"):
        at = names.index(name)
        columns[at] = [table[i] if i >= 0 else None for i in columns[at]]
    new = object.__new__
    relations = []
    append = relations.append
    for values in zip(*columns, strict=True):
        rel = new(Relation)
        rel.__dict__.update(zip(names, values, strict=True))  # as validation makes them
        append(rel)
    dataset = Dataset(actors, tuple(relations), info, brief_text)
    dataset.__dict__["_raw_columns"] = raw  # not a field: never pickled (Dataset.__getstate__)
    return dataset
