"""GDELT exports aggregated by DuckDB with the SQL of :mod:`diplonet.gdelt_sql`.

DuckDB reads the exports (plain, zipped, or globs of them) in parallel and runs the query; no
event passes through Python. Files are read in batches so that a terminal can show progress and
zipped exports are unpacked into a temporary folder one batch at a time. Rows DuckDB's CSV reader
refuses (wrong number of columns, not UTF-8) come back with their line numbers; for rows that
fail a check in SQL, the line is found by searching the file's bytes for the row's fields. DuckDB is
imported here only, so the other commands start as fast as before.
"""

from __future__ import annotations

import glob
import mmap
import os
import shutil
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .dates import PartialDate
from .errors import DiplonetError
from .gdelt import (
    MAX_BAD_LINES,
    N_COLUMNS,
    ActorMap,
    Aggregate,
    IngestReport,
    _bounded,
    bad_reason,
    is_zip,
    open_export,
)
from .gdelt_sql import literal, stage_events, stage_relations

__all__ = [
    "BATCH_BYTES",
    "check_header",
    "COLUMNS",
    "expand",
    "files_source",
    "fill_report",
    "FINGERPRINT",
    "FINGERPRINT_COLUMNS",
    "ingest_duckdb",
    "Progress",
]

#: Files read by one query: about this many bytes (unpacked), so progress moves and the
#: unpacked copies of zipped exports take bounded disk.
BATCH_BYTES = 256_000_000
COLUMNS = [f"c{i:02d}" for i in range(N_COLUMNS)]


def expand(files: Iterable[str | os.PathLike]) -> list[Path]:
    """The files named, with glob patterns (``*``, ``?``, ``[...]``) expanded in sorted order.

    A name that exists as a file is taken as it is, even if it holds pattern characters.

    Parameters
    ----------
    files : iterable of path-like
        File names or glob patterns.

    Returns
    -------
    list of Path
        Every file, in the order given, each pattern's matches in sorted order.

    Raises
    ------
    DiplonetError
        When a file does not exist or a pattern matches nothing.
    """
    out = []
    for item in files:
        text = str(item)
        if not Path(text).exists() and glob.has_magic(text):
            matches = sorted(glob.glob(text))
            if not matches:
                raise DiplonetError(f"{text}: no file matches")
            out.extend(Path(m) for m in matches)
        else:
            out.append(Path(text))
    for path in out:
        if not path.is_file():  # also refuses a FIFO or a device, which could never end
            what = "file not found" if not path.exists() else "not a regular file"
            raise DiplonetError(f"{path}: {what}")
    return out


def check_header(path: Path) -> None:
    """Refuse a file whose first line of text does not have the 61 columns of an export.

    Parameters
    ----------
    path : Path
        A plain or zipped export; blank lines before the first row are skipped.

    Raises
    ------
    DiplonetError
        Naming the file and line, as the streaming reader does; for a file that is empty or
        whose first line is not UTF-8; or for a damaged zip.
    """
    with open_export(path) as fh:
        for number, raw in enumerate(_bounded(fh), start=1):
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:  # UTF-16, binary: not an export at all
                raise DiplonetError(
                    f"{path}: not a GDELT 2.0 events export: line {number} is not UTF-8 text"
                ) from None
            n = len(text.rstrip("\r\n").split("\t"))
            if n != N_COLUMNS:
                raise DiplonetError(
                    f"{path}: not a GDELT 2.0 events export: line {number} has {n} "
                    f"tab-separated columns, expected {N_COLUMNS}"
                )
            return
    raise DiplonetError(f"{path}: empty file: not a GDELT 2.0 events export")


def _size(path: Path) -> int:
    if is_zip(path):
        try:
            with zipfile.ZipFile(path) as zf:
                return sum(i.file_size for i in zf.infolist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise DiplonetError(f"{path}: damaged zip file ({exc})") from None
    return path.stat().st_size


def _batches(paths: list[Path]) -> list[list[int]]:
    batches, current, size = [], [], 0
    for i, path in enumerate(paths):
        n = _size(path)
        if current and size + n > BATCH_BYTES:
            batches.append(current)
            current, size = [], 0
        current.append(i)
        size += n
    if current:
        batches.append(current)
    return batches


def files_source(readable: dict[int, str], dialect: str = "duckdb") -> str:
    """The rows of plain exports, read by DuckDB, in the columns of ``stage_events``.

    Parameters
    ----------
    readable : dict
        File index (the order files were given in) → the path DuckDB reads.
    dialect : str
        How the paths are quoted (:func:`~diplonet.gdelt_sql.literal`); the query itself
        uses DuckDB's ``read_csv``.

    Returns
    -------
    str
        A ``SELECT`` of the columns :func:`~diplonet.gdelt_sql.stage_events` takes as its
        ``source``; the rows DuckDB's reader refuses are stored in its reject tables.
    """
    paths = "[" + ", ".join(literal(p, dialect) for p in readable.values()) + "]"
    index = " UNION ALL ".join(
        f"SELECT {literal(p, dialect)} AS path, {i} AS file_index" for i, p in readable.items()
    )
    columns = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in COLUMNS) + "}"
    not_null = "[" + ", ".join(f"'{c}'" for c in COLUMNS) + "]"
    g = "TRY_CAST(r.c30 AS DOUBLE)"
    if len(readable) == 1:  # no file names to match: the index is a constant
        (only,) = readable
        index_sql, join, names = f"{only} AS file_index", "", "false"
    else:
        index_sql, join, names = (
            "f.file_index",
            f"\n  JOIN ({index}) AS f ON f.path = r.filename",
            "true",
        )
    return f"""  SELECT {index_sql}, TRY_CAST(r.c00 AS BIGINT) AS ord_event, r.c00 AS event_id,
    CASE WHEN regexp_full_match(r.c01, '[0-9]{{8}}') THEN r.c01 END AS day,
    r.c01 AS sqldate_text, r.c26 AS code, r.c29 AS quad,
    CASE WHEN isnan({g}) THEN NULL ELSE {g} END AS g, r.c30 AS g_text,
    r.c05 AS a1_code, r.c06 AS a1_name, r.c07 AS a1_country, r.c08 AS a1_group, r.c12 AS a1_role,
    r.c15 AS a2_code, r.c16 AS a2_name, r.c17 AS a2_country, r.c18 AS a2_group, r.c22 AS a2_role,
    r.c60 AS url
  FROM read_csv({paths}, delim = '\t', header = false, quote = '', escape = '',
    auto_detect = false, columns = {columns}, force_not_null = {not_null},
    filename = {names}, store_rejects = true) AS r{join}"""


#: The fields that identify a row that fails a check, to find its line (not the whole line:
#: carrying all 61 columns through the query would make DuckDB parse every one of them).
FINGERPRINT_COLUMNS = (0, 1, 26, 29, 30, 60)
FINGERPRINT = " || chr(9) || ".join(
    f"x.{c}" for c in ("event_id", "sqldate_text", "code", "quad", "g_text", "url")
)


@dataclass
class Progress:
    """Files, rows, rate and events kept, rewritten in place on a terminal; silent otherwise.

    Attributes
    ----------
    total_files : int
        How many files the ingest reads.
    stream : file-like, optional
        Where the line is written (default: stderr); nothing is written unless it is a
        terminal.
    started : float
        The ``time.perf_counter()`` the rate is measured from, set when the object is made
        (a value passed is replaced).
    """

    total_files: int
    stream: object = None
    started: float = 0.0

    def __post_init__(self):
        self.stream = self.stream or sys.stderr
        self.started = time.perf_counter()
        self.on = bool(getattr(self.stream, "isatty", lambda: False)())

    def update(self, files: int, rows: int, kept: int, done: bool = False) -> None:
        if not self.on:
            return
        rate = rows / max(time.perf_counter() - self.started, 1e-9)
        line = f"files {files}/{self.total_files}  rows {rows:,}  {rate:,.0f} rows/s  events kept {kept:,}"
        self.stream.write("\r" + line + ("\n" if done else ""))
        self.stream.flush()


def _find_lines(path: Path, fingerprints: list[str]) -> list[int | None]:
    """The line numbers of the rows with these fingerprints, in the order given.

    A fingerprint is the row's fields :data:`FINGERPRINT_COLUMNS` joined by tabs. The search
    for a line starting with its first two fields, and the counting of newlines, run over the
    bytes (C speed), never line by line in Python; a row that appears again is found again.
    """
    if path.stat().st_size == 0:
        return [None] * len(fingerprints)
    positions: list[int] = []
    seen: Counter = Counter()
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        for fingerprint in fingerprints:
            fields = fingerprint.split("\t")
            needle = (fields[0] + "\t" + fields[1] + "\t").encode("utf-8")
            skip, start = seen[fingerprint], 0
            while (pos := mm.find(needle, start)) >= 0:
                start = pos + 1
                if pos and mm[pos - 1] != 10:
                    continue
                end = mm.find(b"\n", pos)
                line = mm[pos : end if end >= 0 else len(mm)].decode("utf-8", "replace")
                row = line.rstrip("\r").split("\t")
                if len(row) == N_COLUMNS and [row[i] for i in FINGERPRINT_COLUMNS] == fields:
                    if skip == 0:
                        break
                    skip -= 1
            seen[fingerprint] += 1
            positions.append(pos)
        lines, done, count = {}, 0, 0
        for pos in sorted(p for p in positions if p >= 0):
            while done < pos:  # count newlines up to pos, a chunk at a time
                step = min(pos, done + (1 << 24))
                count += mm[done:step].count(b"\n")
                done = step
            lines[pos] = count + 1
    return [lines.get(p) if p >= 0 else None for p in positions]


def ingest_duckdb(
    files: Iterable[str | os.PathLike],
    actor_map: ActorMap,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    period: str = "month",
    progress: Callable | None = None,
    threads: int | None = None,
) -> IngestReport:
    """Read GDELT 2.0 exports with DuckDB and aggregate the events between mapped actors.

    Gives the same report as :func:`diplonet.gdelt.ingest`, the streaming reference: the same
    relations field by field, the same counts, and the rows that do not parse with their file
    and line (up to the first 50, in file order).

    Parameters
    ----------
    files : iterable of path-like
        Plain or zipped exports, or glob patterns of them.
    actor_map : ActorMap
        The mapping rules.
    since, until : PartialDate, optional
        Keep the events of these days (inclusive).
    period : {'month', 'quarter', 'year'}
    progress : Progress, optional
        Told after each batch of files.
    threads : int, optional
        DuckDB's threads (default: one per core).

    Returns
    -------
    IngestReport

    Raises
    ------
    DiplonetError
        When a file is missing, a zip is damaged, or a file is not a GDELT 2.0 events export.

    Examples
    --------
    >>> from diplonet.gdelt import load_actor_map
    >>> report = ingest_duckdb(["tests/data/gdelt/20191024143000.export.CSV"], load_actor_map())
    >>> report.rows, report.bad
    (2111, 0)
    """
    import duckdb

    paths = expand(files)
    for path in paths:
        check_header(path)
    report = IngestReport(period=period, files=[str(p) for p in paths])
    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")  # ours says files, rows and events kept
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    rejected: list[tuple[int, int, str]] = []  # file index, line, reason
    failed: list[tuple[int, int | None, str]] = []
    created = False
    with tempfile.TemporaryDirectory(prefix="diplonet-gdelt-") as tmp:
        for batch in _batches(paths):
            readable = {}
            for i in batch:
                if is_zip(paths[i]):
                    target = Path(tmp) / f"{i}.CSV"
                    with open_export(paths[i]) as src, open(target, "wb") as dst:
                        try:
                            shutil.copyfileobj(src, dst, 1 << 20)
                        except (zipfile.BadZipFile, OSError, EOFError) as exc:
                            raise DiplonetError(f"{paths[i]}: damaged zip file ({exc})") from None
                    readable[i] = str(target)
                else:
                    readable[i] = str(paths[i])
            query = stage_events(
                files_source(readable), actor_map, "duckdb", since, until, period, raw=FINGERPRINT
            )
            verb = "INSERT INTO stage_events" if created else "CREATE TEMP TABLE stage_events AS"
            try:
                con.execute(f"{verb} SELECT * FROM ({query})")
            except duckdb.Error as exc:
                raise DiplonetError(
                    f"reading {', '.join(str(paths[i]) for i in batch)}: {exc}"
                ) from None
            created = True
            rejected.extend(_rejects(con, readable))
            if len(failed) < MAX_BAD_LINES:
                failed.extend(_failed_rows(con, batch, readable))
            if progress:
                rows, kept = con.execute(
                    "SELECT SUM(n), SUM(CASE WHEN status = 'kept' THEN n ELSE 0 END) FROM stage_events"
                ).fetchone()
                progress.update(batch[-1] + 1, (rows or 0) + len(rejected), kept or 0)
            for i in batch:
                if readable[i] != str(paths[i]):
                    os.remove(readable[i])
        result = con.execute(stage_relations("stage_events")).fetchall()
        names = [d[0] for d in con.description]
    fill_report(report, [dict(zip(names, row, strict=True)) for row in result])
    report.rows += len(rejected)
    report.bad += len(rejected)
    examples = sorted(
        [(i, line, reason) for i, line, reason in rejected]
        + [(i, line or 0, reason) for i, line, reason in failed]
    )
    report.bad_lines = [(str(paths[i]), line, reason) for i, line, reason in examples][
        :MAX_BAD_LINES
    ]
    if progress:
        progress.update(len(paths), report.rows, report.kept, done=True)
    return report


def _rejects(con, readable: dict[int, str]) -> list[tuple[int, int, str]]:
    """The rows DuckDB's reader refused in the last query: (file index, line, reason)."""
    by_path = {p: i for i, p in readable.items()}
    rows = con.execute(
        """SELECT s.file_path, e.line, e.error_type, e.csv_line
           FROM reject_errors AS e JOIN reject_scans AS s USING (scan_id, file_id)
           ORDER BY s.file_path, e.line"""
    ).fetchall()
    out, seen = [], set()
    for path, line, kind, text in rows:
        if (path, line) in seen or path not in by_path:
            continue
        seen.add((path, line))
        if kind == "INVALID ENCODING":
            reason = "not UTF-8 text"
        elif kind in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
            n = len((text or "").strip("\r\n").split("\t"))
            reason = f"{n} columns, expected {N_COLUMNS}"
        else:
            reason = f"{kind.lower()}"
        out.append((by_path[path], int(line), reason))
    con.execute("DROP TABLE IF EXISTS reject_errors")
    con.execute("DROP TABLE IF EXISTS reject_scans")
    return out


def _failed_rows(con, batch: list[int], readable: dict[int, str]):
    """The first rows of this batch that failed a check in SQL, with their lines found."""
    rows = con.execute(
        f"""SELECT file_index, status, sqldate_text, g_text, code, quad, raw, n
            FROM stage_events
            WHERE status LIKE 'bad%' AND file_index BETWEEN {min(batch)} AND {max(batch)}
            ORDER BY file_index, ord_event, event_id
            LIMIT {MAX_BAD_LINES}"""
    ).fetchall()
    out = []
    for i in sorted({r[0] for r in rows}):
        mine = [r for r in rows if r[0] == i]
        raws = [r[6] for r in mine for _ in range(r[7])]
        lines = iter(_find_lines(Path(readable[i]), raws))
        for _, status, sqldate, g, code, quad, _raw, n in mine:
            for _ in range(n):
                out.append((i, next(lines), bad_reason(status, sqldate, g, code, quad)))
    return out


def fill_report(report: IngestReport, rows: list[dict]) -> IngestReport:
    """Fill ``report`` from the rows of :func:`~diplonet.gdelt_sql.stage_relations`.

    Counts are added to those already in the report; the relations' aggregates and periods
    are set. The ``bad`` rows are not read here (the caller finds their lines).

    Parameters
    ----------
    report : IngestReport
        The report to fill, changed in place.
    rows : list of dict
        The query's rows, as column name → value.

    Returns
    -------
    IngestReport
        ``report`` itself.
    """
    counts: Counter = Counter()
    for r in rows:
        kind = r["kind"]
        if kind == "relation":
            key = (r["source"], r["target"], r["period"])
            ids = r["event_ids"].split(";") if r["event_ids"] else []
            urls = r["source_urls"].split(" ") if r["source_urls"] else []
            report.aggregates[key] = Aggregate(
                counts=Counter({q: int(r[f"q{q}"]) for q in "1234" if r[f"q{q}"]}),
                tenths=int(r["tenths"]),
                ids=ids,
                urls=urls,
                events=int(r["events"]),
            )
            report.periods[r["period"]] = (r["pstart"], r["pend"])
        elif kind == "count":
            counts[r["source"]] += int(r["events"])
        elif kind == "unmapped":
            report.unmapped[r["source"]] += int(r["events"])
    report.rows += sum(counts.values())
    report.bad += sum(n for s, n in counts.items() if s.startswith("bad"))
    report.out_of_range += counts["out_of_range"]
    report.unmapped_rows += counts["unmapped"]
    report.same_actor += counts["same_actor"]
    report.kept += counts["kept"]
    return report
