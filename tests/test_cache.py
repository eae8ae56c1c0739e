"""The dataset cache: a repeated load of an unchanged dataset reuses the validated copy, any
changed byte misses, and a corrupt or foreign entry is ignored, never trusted."""

from __future__ import annotations

import os
import pickle

import pytest

from diplonet import _cache as cache
from diplonet.dataset import Dataset, Relation, load_dataset
from diplonet.errors import DataError

from conftest import rel, write_dataset

KINDS = (Dataset, Relation)


@pytest.fixture
def small(tmp_path, monkeypatch):
    """A three-actor dataset, cached although small (the size threshold set to 0)."""
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    folder = write_dataset(
        tmp_path / "data",
        ["A", "B", "C"],
        [rel("A", "B", "diplomatic", 0.6), rel("B", "C", "aid", 0.7)],
    )
    return folder


def entries() -> list:
    folder = cache.cache_dir()
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def test_cache_folder_honours_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "diplonet"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG spec: ignored
    assert cache.cache_dir() == cache.Path(os.path.expanduser("~")) / ".cache" / "diplonet"
    monkeypatch.setenv("DIPLONET_CACHE", "off")
    assert cache.cache_dir() is None


def test_second_load_comes_from_the_cache_and_is_equal(small, monkeypatch):
    first = load_dataset(small, cache="on")
    assert len(entries()) == 1
    calls = []
    monkeypatch.setattr("diplonet.dataset._read_actors", lambda *a: calls.append(a))
    second = load_dataset(small, cache="on")
    assert calls == []  # nothing parsed again
    assert second.relations == first.relations and second.actors == first.actors
    assert second.info == first.info


def test_off_by_default_and_small_datasets_are_not_cached(small, monkeypatch):
    load_dataset(small)
    assert entries() == []
    monkeypatch.setattr(cache, "MIN_BYTES", 10**9)
    load_dataset(small, cache="on")
    assert entries() == []


@pytest.mark.parametrize("name", ["actors.csv", "relations.csv"])
def test_any_changed_byte_misses(small, name):
    load_dataset(small, cache="on")
    path = small / name
    data = bytearray(path.read_bytes())
    # one byte of an evidence or of an id: same size, same shape, different content
    i = data.rindex(b"Test evidence." if name == "relations.csv" else b"\nC,") + (
        name == "actors.csv"
    )
    data[i] = ord("X") if name == "relations.csv" else ord("D")
    path.write_bytes(bytes(data))
    if name == "actors.csv":
        # C became D: the stale copy would pass, a fresh validation must not
        with pytest.raises(DataError, match="'C' is not an actor id"):
            load_dataset(small, cache="on")
    else:
        fresh = load_dataset(small, cache="on")
        assert fresh.relations[-1].evidence.startswith("X")
        assert len(entries()) == 2


def test_invalid_dataset_is_never_cached(small):
    (small / "relations.csv").write_text(
        (small / "relations.csv").read_text() + "A,Nobody,aid,+1,0.5,true,2000,,E,T 2000,high,\n"
    )
    with pytest.raises(DataError):
        load_dataset(small, cache="on")
    assert entries() == []


def test_corrupt_entry_is_ignored_and_replaced(small):
    good = load_dataset(small, cache="on")
    (entry,) = entries()
    blob = bytearray(entry.read_bytes())
    blob[-5] ^= 0xFF  # damage the payload: its checksum no longer matches
    entry.write_bytes(bytes(blob))
    assert cache.load(entry.stem, KINDS) is None
    again = load_dataset(small, cache="on")
    assert again.relations == good.relations
    assert cache.load(entry.stem, KINDS) is not None  # rewritten whole


def test_truncated_and_empty_entries_are_ignored(small):
    load_dataset(small, cache="on")
    (entry,) = entries()
    for blob in (b"", entry.read_bytes()[:40], b"not a cache at all"):
        entry.write_bytes(blob)
        assert cache.load(entry.stem, KINDS) is None


class Boom:
    def __reduce__(self):
        return (os.system, ("echo pwned > /dev/null",))


def test_foreign_pickle_with_a_valid_checksum_is_refused(small):
    load_dataset(small, cache="on")
    (entry,) = entries()
    # a file that passes the checksum but names a global outside diplonet's data classes
    payload = pickle.dumps(Boom())
    import hashlib

    entry.write_bytes(cache.FORMAT + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    assert cache.load(entry.stem, KINDS) is None


def test_entry_writable_by_others_is_not_trusted(small):
    load_dataset(small, cache="on")
    (entry,) = entries()
    assert cache.load(entry.stem, KINDS) is not None
    os.chmod(entry, 0o666)
    assert cache.load(entry.stem, KINDS) is None
    os.chmod(entry, 0o600)
    os.symlink(entry, entry.with_name("link.pickle"))
    assert cache.load("link", KINDS) is None  # no symlinks followed


def test_refresh_validates_again_and_stores(small, monkeypatch):
    load_dataset(small, cache="refresh")
    assert len(entries()) == 1
    calls = []
    real = __import__("diplonet.dataset", fromlist=["_read_actors"])._read_actors
    monkeypatch.setattr("diplonet.dataset._read_actors", lambda *a: calls.append(1) or real(*a))
    load_dataset(small, cache="refresh")
    assert calls == [1]


def test_unwritable_cache_folder_is_no_error(small, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    assert load_dataset(small, cache="on").actors


def test_entry_keeps_every_field_of_every_relation(small):
    first = load_dataset(small, cache="on")
    second = load_dataset(small, cache="on")
    assert [r.__dict__ for r in second.relations] == [r.__dict__ for r in first.relations]
    assert all(type(r) is type(f) for r, f in zip(second.relations, first.relations, strict=True))


def test_entry_of_the_older_layout_is_refused(small):
    good = load_dataset(small, cache="on")
    (entry,) = entries()
    payload = pickle.dumps(good)  # a whole dataset, as the first layout stored it
    import hashlib

    entry.write_bytes(cache.FORMAT + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    assert cache.load(entry.stem, KINDS) is None


def test_columns_kept_beside_a_cached_dataset_are_its_own(small):
    import numpy as np

    from diplonet.network import _Columns

    cold = load_dataset(small, cache="on")
    warm = load_dataset(small, cache="on")
    assert "_raw_columns" in warm.__dict__ and "_raw_columns" not in cold.__dict__
    a, b = _Columns(cold), _Columns(warm)
    for name, value in vars(a).items():
        other = getattr(b, name)
        if isinstance(value, tuple):
            assert all(np.array_equal(x, y) for x, y in zip(value, other, strict=True)), name
        elif isinstance(value, np.ndarray):
            assert np.array_equal(value, other) and value.dtype == other.dtype, name
        else:
            assert value == other, name
