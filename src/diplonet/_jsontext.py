"""JSON text of many flat records, column by column: the text ``json.dumps`` writes, faster.

An export holds hundreds of thousands of records with the same few keys. ``json.dumps``
encodes every value of every record one by one (with an indent, in Python). Here each column
is encoded at once (by C functions mapped over it), and each record is filled into a template
of its keys. Anything that is not a flat record of strings, numbers, booleans and None is
declined (None), and the caller uses ``json.dumps``.
"""

from __future__ import annotations

import math
from json.encoder import encode_basestring

__all__ = ["column", "flat", "records", "table"]

_SCALARS = {str, int, float, bool, type(None)}
_BOOLS = {True: "true", False: "false"}


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _scalar(value) -> str:
    t = type(value)
    if t is str:
        return encode_basestring(value)
    if t is bool:
        return _BOOLS[value]
    if t is int:
        return int.__repr__(value)
    if t is float:
        return _float(value)
    return "null"


def flat(columns: list[list]) -> bool:
    """Whether every value of every column is one :func:`column` writes."""
    return all(set(map(type, values)) <= _SCALARS for values in columns)


def column(values: list) -> list[str] | None:
    """Each value as ``json.dumps(value, ensure_ascii=False)`` writes it; None if one is not a
    string, an int, a float, a bool or None (a subclass of one neither)."""
    kinds = set(map(type, values))
    if not kinds <= _SCALARS:
        return None
    if kinds == {str}:
        return list(map(encode_basestring, values))
    if kinds == {int}:
        return list(map(int.__repr__, values))
    if kinds == {bool}:
        return list(map(_BOOLS.__getitem__, values))
    if kinds == {float} and all(map(math.isfinite, values)):
        return list(map(float.__repr__, values))
    return list(map(_scalar, values))


def table(
    names: list[str],
    columns: list[list],
    begin: str = "{",
    item_sep: str = ",",
    key_sep: str = ":",
    end: str = "}",
) -> list[str] | None:
    """The JSON text of each row of a table, as ``json.dumps(dict(zip(names, row)),
    ensure_ascii=False)`` writes it inside a larger value: ``begin``, the items joined by
    ``item_sep`` (each key, ``key_sep``, its value), then ``end``; ``{}`` without names.

    Parameters
    ----------
    names : list of str
        The keys, distinct, in order.
    columns : list of list
        One list of values per key, all of one length; values flat (see :func:`column`).
    begin, item_sep, key_sep, end : str
        The text around and between the items: ``"{"``, ``","``, ``":"``, ``"}"`` for compact
        JSON; for ``indent=2`` at depth 2, ``"{\\n      "``, ``",\\n      "``, ``": "``,
        ``"\\n    }"``.

    Returns
    -------
    list of str or None
        One text per row; None when a name is not a string or a value is not flat (or there
        are no names).
    """
    if not names or len(names) != len(columns):
        return None
    if not all(type(k) is str for k in names) or len(set(names)) != len(names):
        return None
    texts = []
    for values in columns:
        col = column(values)
        if col is None:
            return None
        texts.append(col)

    from itertools import repeat

    count = len(texts[0])
    parts = [repeat(begin + encode_basestring(names[0]) + key_sep, count), texts[0]]
    for name, col in zip(names[1:], texts[1:], strict=True):
        parts += [repeat(item_sep + encode_basestring(name) + key_sep, count), col]
    parts.append(repeat(end, count))
    return list(map("".join, zip(*parts, strict=True)))


def records(
    rows: list[dict],
    begin: str = "{",
    item_sep: str = ",",
    key_sep: str = ":",
    end: str = "}",
    after: dict[str, list] | None = None,
) -> list[str] | None:
    """:func:`table` for dicts, which may differ in their keys: each dict's text, in order.

    ``after`` gives columns added after each dict's own keys (as ``{**row, name: value}``);
    a row that already has one of their names is declined (None).
    """
    after = after or {}
    shapes: dict[tuple, list[int]] = {}
    for i, row in enumerate(rows):
        keys = tuple(row)
        found = shapes.get(keys)
        if found is None:
            shapes[keys] = [i]
        else:
            found.append(i)
    single = len(shapes) == 1
    texts: list = [] if single else [None] * len(rows)
    for keys, where in shapes.items():
        if after.keys() & set(keys):
            return None
        group = rows if single else [rows[i] for i in where]
        columns = [[row[k] for row in group] for k in keys]
        for values in after.values():
            columns.append(values if single else [values[i] for i in where])
        if keys or after:
            done = table([*keys, *after], columns, begin, item_sep, key_sep, end)
        else:
            done = ["{}"] * len(where)
        if done is None:
            return None
        if single:
            return done
        for i, text in zip(where, done, strict=True):
            texts[i] = text
    return texts
