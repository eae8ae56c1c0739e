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
FORMAT = b"diplonet-dataset-cache 3\n"

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


def store(name: str, dataset, columns: dict[str, list] | None = None) -> None:
    """Write ``dataset`` under ``name`` (atomically, readable by this user only); prune old
    entries. Silently does nothing when the folder cannot be written.

    ``columns``, when given, are the relations' fields by name, as the loader made the
    relations from them (each relation's field read back from its objects otherwise)."""
    import pickle
    import tempfile

    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        payload = pickle.dumps(_pack(dataset, columns), protocol=pickle.HIGHEST_PROTOCOL)
        head = FORMAT + hashlib.sha256(payload).hexdigest().encode() + b"\n"
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(head)
                fh.write(payload)  # not head + payload: a copy of the whole entry
            os.replace(tmp, folder / f"{name}.pickle")
        except BaseException:
            os.unlink(tmp)
            raise
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink()
    except (OSError, pickle.PicklingError, RecursionError):
        pass


# -- the entry's layout: relations by column, each column in its most compact form ----------------
# Unpickling 200,000 relation objects field by field took a second; their columns load in a
# fraction of that. Text is stored as its distinct values joined in one string (one pickle
# item instead of 200,000) and each relation's place among them as packed integers; numbers
# and flags as packed machine values; dates as a table and places in it. The objects are then
# made column by column, as validation makes them.

_TEXT = ("source", "target", "type", "evidence", "citation", "confidence", "note", "file")
_PACKED = {
    "sign": ("q", int),
    "line": ("q", int),
    "strength": ("d", float),
    "directed": ("b", bool),
}
_SEP = "\x00"  # a control character: validated text never holds one (it is checked anyway)


def _pack(dataset, given: dict[str, list] | None = None) -> tuple:
    from operator import attrgetter

    rels = dataset.relations
    names = list(type(rels[0]).__dataclass_fields__) if rels else []
    if given is not None and not all(
        len(given[name]) == len(rels)
        and given[name][0] is getattr(rels[0], name)
        and given[name][-1] is getattr(rels[-1], name)
        for name in names
    ):
        given = None  # not the columns of these relations: read them from the relations
    dates: list[tuple] = []
    slots: dict[int, int] = {id(None): -1}  # a date's place in ``dates``, by identity
    columns = []
    for name in names:
        column = given[name] if given is not None else list(map(attrgetter(name), rels))
        if name in ("start", "end"):
            for key, date in dict(zip(map(id, column), column, strict=True)).items():
                if key not in slots:
                    slots[key] = len(dates)
                    dates.append((date.year, date.month, date.day))
            columns.append(("places", _packed("i", map(slots.__getitem__, map(id, column)))))
        elif name in _TEXT:
            columns.append(_text(name, column))
        elif name in _PACKED and set(map(type, column)) <= {_PACKED[name][1]}:
            code = _PACKED[name][0]
            columns.append(("packed", code, _packed(code, column)))
        else:
            columns.append(("as is", column))
    return (
        "relations by packed column",
        dataset.actors,
        dataset.info,
        dataset.brief_text,
        names,
        len(rels),
        dates,
        columns,
    )


def _packed(code: str, values) -> bytes:
    from array import array

    return array(code, values).tobytes()


def _text(name: str, column: list) -> tuple:
    try:
        if name == "evidence":  # mostly a text per relation: no places (nor hashing) needed
            joined = _SEP.join(column)
            if joined.count(_SEP) != len(column) - 1:  # a value holds the separator
                return ("as is", column)
            return ("text", joined)
        distinct = list(dict.fromkeys(column))
        joined = _SEP.join(distinct)  # a TypeError if a value is not text
    except TypeError:
        return ("as is", column)
    if joined.count(_SEP) != len(distinct) - 1:
        return ("as is", column)
    if len(distinct) == 1:  # one value (a file's name, no notes): every place is 0
        return ("text by place", joined, "B", bytes(len(column)))
    place = dict(zip(distinct, range(len(distinct)), strict=True))
    if len(distinct) <= 256:  # bytes() of a map runs faster than array() of one
        return ("text by place", joined, "B", bytes(map(place.__getitem__, column)))
    return ("text by place", joined, "I", _packed("I", list(map(place.__getitem__, column))))


def _unpacked(column: tuple, n: int) -> list:
    from array import array

    kind = column[0]
    if kind == "as is":
        values = column[1]
    elif kind == "text":
        values = column[1].split(_SEP)
    elif kind == "text by place":
        distinct = column[1].split(_SEP)
        values = list(map(distinct.__getitem__, array(column[2], column[3])))
    elif kind == "packed":
        values = array(column[1], column[2]).tolist()
        if column[1] == "b":
            values = list(map(bool, values))
    elif kind == "places":
        values = array("i", column[1]).tolist()
    else:
        raise ValueError(f"a column of unknown kind {kind!r}")
    if not isinstance(values, list) or len(values) != n:
        raise ValueError("a column of another length")
    return values


def _unpack(entry, Dataset: type, Relation: type):
    # the loader passes its classes in: it imports this module, so this module does not import it
    from .dates import PartialDate

    tag, actors, info, brief_text, names, n, dates, columns = entry
    if tag != "relations by packed column" or names not in (
        [],
        list(Relation.__dataclass_fields__),
    ):
        raise ValueError("an entry of another layout")
    lookup = [PartialDate(*d) for d in dates] + [None]  # place -1: no date
    values = [_unpacked(column, n) for column in columns]
    # the columns as read, kept beside the dataset: a large network starts from them
    # (diplonet.network._Columns) instead of reading every relation's fields again
    raw = dict(zip(names, values, strict=True))
    raw["dates"] = dates
    for name in ("start", "end"):
        if name in raw:
            values[names.index(name)] = list(map(lookup.__getitem__, raw[name]))
    new = object.__new__
    relations = [new(Relation) for _ in range(n if names else 0)]
    fields = [rel.__dict__ for rel in relations]
    # field by field, in blocks of rows, as validation makes them (diplonet.dataset._made)
    for low in range(0, len(fields), 2048):
        block = fields[low : low + 2048]
        for name, column in zip(names, values, strict=True):
            for rel, value in zip(block, column[low : low + 2048], strict=True):
                rel[name] = value
    dataset = Dataset(actors, tuple(relations), info, brief_text)
    dataset.__dict__["_raw_columns"] = raw  # not a field: never pickled (Dataset.__getstate__)
    return dataset
