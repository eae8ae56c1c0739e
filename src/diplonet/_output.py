"""Formatting of results for people (aligned tables) and scripts (JSON, CSV).

Every command's output goes through these helpers, so tables look alike and JSON/CSV stay
stable. Nothing here computes an answer.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from collections.abc import Iterable, Sequence

from .vocab import OUTPUT_FORMATS

__all__ = [
    "FORMATS",
    "score",
    "table",
    "to_csv",
    "to_json",
    "width",
    "wrap",
    "write_csv",
]

FORMATS = OUTPUT_FORMATS


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """An aligned plain-text table; numeric columns are right-aligned.

    >>> print(table(["id", "score"], [["Qatar", 0.9], ["Egypt", 0.75]]))
    id     score
    -----  -----
    Qatar    0.9
    Egypt   0.75
    """
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(value))
    numeric = [
        bool(cells) and all(_is_number(row[i]) or row[i] in ("", "—") for row in cells)
        for i in range(len(headers))
    ]

    def fmt(values: Sequence[str]) -> str:
        parts = [
            v.rjust(widths[i]) if numeric[i] else v.ljust(widths[i]) for i, v in enumerate(values)
        ]
        return "  ".join(parts).rstrip()

    lines = [fmt(list(headers)), "  ".join("-" * w for w in widths)]
    lines += [fmt(row) for row in cells]
    return "\n".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3g}" if value < 0.001 else f"{value:.3f}".rstrip("0").rstrip(".")
    return str(value)


def score(value: float) -> str:
    """A score or strength for tables: three decimals."""
    return f"{value:.3f}"


def to_json(data: object) -> str:
    """Indented, UTF-8 JSON (non-ASCII names stay readable)."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def write_csv(fh, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write CSV rows to ``fh`` with ``\\n`` line ends, quoting every field of a row that holds
    a ``\\r`` (the csv module quotes only the line terminator's characters, and a bare ``\\r``
    would end the line for any reader); None becomes an empty field.

    >>> buf = io.StringIO()
    >>> write_csv(buf, ["id", "note"], [["A", "one\\rtwo"], ["B", None]])
    >>> buf.getvalue()
    'id,note\\n"A","one\\rtwo"\\nB,\\n'
    """
    plain = csv.writer(fh, lineterminator="\n")
    quoted = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_ALL)
    plain.writerow(headers)
    for row in rows:
        cells = ["" if v is None else v for v in row]
        (quoted if any("\r" in str(v) for v in cells) else plain).writerow(cells)


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV with a header row; None becomes an empty field."""
    buf = io.StringIO()
    write_csv(buf, headers, rows)
    return buf.getvalue().rstrip("\n")


def width() -> int:
    """The terminal width to wrap prose to (100 when not a terminal)."""
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))


def wrap(text: str, indent: int) -> str:
    """Wrap prose to the terminal width with a hanging ``indent``."""
    pad = " " * indent
    return textwrap.fill(text, width=width(), initial_indent=pad, subsequent_indent=pad)
