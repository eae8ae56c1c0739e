"""GDELT 2.0 event exports into diplonet relations of type ``events``.

Reads the 61-column, tab-separated, header-less event exports (plain or zipped), streams them
line by line with bounded memory, maps each event's two actors to diplonet actors with the table
``data/gdelt_actors.csv``, and aggregates the events of each ordered pair (Actor1 → Actor2) and
period into one relation.

Actor mapping, first rule that matches wins, tried on each side of an event:

1. **name**: the actor's name (``Actor1Name``), e.g. ``HAMAS``. Rows whose actor is ``-``
   exclude a name (``WORLD BANK`` carries the UN's known group but is not the UN).
2. **group**: the known-group code (``Actor1KnownGroupCode``), e.g. ``HMS`` → Hamas.
3. **group in the code**: a known-group code among the three-letter segments of the actor code
   (``PSEREBHMS`` → HMS → Hamas), since real rows often leave the known-group field empty.
4. **country**: the actor code starts with the country code (``USAGOV``, not ``MNCUSA``, a US
   company) and its first role (``Actor1Type1Code``) is one the row allows: ``none`` (the state
   itself) or state roles (GOV, MIL, LEG, JUD, COP, SPY, ELI). ``PSE`` maps to the PA only with
   the government role.

Anything else stays unmapped and is counted by code (reported, never dropped silently); so are
rows that do not parse, with their line numbers. Event codes are read as text: ``010`` (make a
statement, Goldstein 0.0) is not ``10`` (demand, -5.0). A code must be in the CAMEO table
(``data/cameo_goldstein.txt``) and the row's Goldstein value must be its code's, which catches
codes whose leading zero was lost upstream.

Aggregation, per ordered pair and period (month, quarter or year): event counts per QuadClass
(1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict), the sum
and mean of the Goldstein scale (Goldstein 1992: -10 most conflictual, +10 most cooperative).
The relation's sign is the sign of the mean (+1 when it is 0 or more), its strength
``max(0.05, |mean| / 10)``, its confidence ``medium`` from 10 events and ``low`` below. Its
evidence names the counts; up to 100 event ids and 10 source URLs are kept with it.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import functools
import io
import math
import os
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ._reading import FileProblem, control_character, read_text, surrogate
from .dataset import EVENT_COLUMNS, RELATION_COLUMNS, RELATION_OPTIONAL, default_data_dir
from .dates import PartialDate
from .errors import DiplonetError
from .vocab import PERIODS

N_COLUMNS = 61
#: Column positions in a GDELT 2.0 events export (see the codebook's header row).
COL = {
    "GLOBALEVENTID": 0,
    "SQLDATE": 1,
    "Actor1Code": 5,
    "Actor1Name": 6,
    "Actor1CountryCode": 7,
    "Actor1KnownGroupCode": 8,
    "Actor1Type1Code": 12,
    "Actor2Code": 15,
    "Actor2Name": 16,
    "Actor2CountryCode": 17,
    "Actor2KnownGroupCode": 18,
    "Actor2Type1Code": 22,
    "EventCode": 26,
    "QuadClass": 29,
    "GoldsteinScale": 30,
    "SOURCEURL": 60,
}
QUADS = {
    "1": "verbal_cooperation",
    "2": "material_cooperation",
    "3": "verbal_conflict",
    "4": "material_conflict",
}
MAX_IDS, MAX_URLS, MAX_BAD_LINES = 100, 10, 50


# -- actor mapping -------------------------------------------------------------------------------


@dataclass
class ActorMap:
    """The mapping rules of ``gdelt_actors.csv`` (see the module docstring).

    A rule whose actor is None excludes: the side it matches maps to no actor, and the later
    rules are not tried.

    Attributes
    ----------
    names : dict of str to str or None
        Actor name (upper case, as in ``Actor1Name``) → actor id, or None to exclude it.
    groups : dict of str to str or None
        Known-group code (``HMS``) → actor id, tried on the known-group field and then on the
        three-letter segments of the actor code.
    countries : dict of str to (str or None, frozenset of str)
        Country code → (actor id, the first roles it accepts: ``none`` for the state itself,
        or codes such as ``GOV`` and ``MIL``).

    Examples
    --------
    >>> amap = ActorMap(groups={"HMS": "Hamas"}, countries={"USA": ("US", frozenset({"GOV"}))})
    >>> amap.actor("PSEREBHMS", "", "PSE", "", "REB"), amap.actor("USAGOV", "", "USA", "", "GOV")
    ('Hamas', 'US')
    >>> amap.actor("USABUS", "", "USA", "", "BUS") is None
    True
    """

    names: dict[str, str | None] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    countries: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)

    def actor(self, code: str, name: str, country: str, group: str, role: str) -> str | None:
        """The diplonet actor id of one side of an event, or None."""
        key = name.strip().upper()
        if key in self.names:
            return self.names[key]
        if group and group in self.groups:
            return self.groups[group]
        for i in range(3, len(code), 3):
            segment = code[i : i + 3]
            if segment in self.groups:
                return self.groups[segment]
        if country and country in self.countries and code.startswith(country):
            actor, roles = self.countries[country]
            if (role or "none") in roles:
                return actor
        return None


def load_actor_map(
    path: str | os.PathLike | None = None, actors: Iterable[str] | None = None
) -> ActorMap:
    """Read a mapping table; rows for actors not in ``actors`` (when given) are skipped.

    Parameters
    ----------
    path : path-like, optional
        A CSV with the columns ``actor``, ``match`` (``name``, ``group`` or ``country``),
        ``value`` and, for countries, ``roles`` (separated by ``;``; default ``none``). An
        actor of ``-`` excludes the value. Default: the shipped ``gdelt_actors.csv``.
    actors : iterable of str, optional
        The actor ids to keep (those of the dataset the relations are for); exclusions are
        always kept.

    Returns
    -------
    ActorMap

    Raises
    ------
    DiplonetError
        When the file cannot be read, or a row lacks its actor or value or has another match.
    """
    path = Path(path) if path else default_data_dir() / "gdelt_actors.csv"
    keep = set(actors) if actors is not None else None
    amap = ActorMap()
    try:
        text = read_text(path)
    except FileProblem as exc:
        raise DiplonetError(f"cannot read the GDELT actor map {path}: {exc}") from None
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        actor, match, value = (
            row.get("actor", ""),
            row.get("match", ""),
            (row.get("value") or "").strip(),
        )
        if not actor or not value or match not in ("name", "group", "country"):
            raise DiplonetError(
                f"{path}:{line}: expected actor, match (name, group or country) and value"
            )
        if actor != "-" and keep is not None and actor not in keep:
            continue
        target = None if actor == "-" else actor
        if match == "name":
            amap.names[value.upper()] = target
        elif match == "group":
            amap.groups[value] = target
        else:
            roles = frozenset(
                r.strip() for r in (row.get("roles") or "none").split(";") if r.strip()
            )
            amap.countries[value] = (target, roles)
    return amap


# -- reading exports -----------------------------------------------------------------------------


#: The longest line read from an export (a real row is under 2 KB); longer ones are bad rows.
MAX_LINE_BYTES = 1 << 20
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def _bounded(fh) -> Iterator[bytes]:
    """Lines of at most :data:`MAX_LINE_BYTES`; the rest of a longer line is dropped, so a file
    without line breaks never fills memory (the line is kept truncated and fails to parse)."""
    while True:
        line = fh.readline(MAX_LINE_BYTES)
        if not line:
            return
        if len(line) == MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := fh.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            line = b"\x00 line too long"
        yield line


def is_zip(path: Path) -> bool:
    """Whether ``path`` is (or, by its name, should be) a zip archive."""
    return path.name.lower().endswith(".zip") or zipfile.is_zipfile(path)


@contextlib.contextmanager
def open_export(path: Path) -> Iterator[IO[bytes]]:
    """The bytes of a plain or zipped export, as a binary stream.

    Raises
    ------
    DiplonetError
        When a zip holds other than one file, or is damaged, truncated, encrypted or compressed
        by a method zipfile does not know (read errors are raised as the stream is read, with
        the same message).
    """
    with open(path, "rb") as fh:
        magic = fh.read(4)
    if not zipfile.is_zipfile(path):
        if magic in _ZIP_MAGIC or path.name.lower().endswith(".zip"):
            raise DiplonetError(f"{path}: damaged zip file (truncated?): cannot read it")
        with open(path, "rb") as fh:
            yield fh
        return
    member = "?"
    try:
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if not m.endswith("/")]
            if len(members) != 1:
                raise DiplonetError(
                    f"{path}: expected one file inside the zip, found {len(members)}"
                )
            member = members[0]
            with zf.open(member) as fh:
                yield fh
    except DiplonetError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise DiplonetError(f"{path}: damaged zip file ({member}): {exc}") from None
    except RuntimeError as exc:  # an encrypted member
        raise DiplonetError(f"{path}: cannot read {member} in the zip: {exc}") from None
    except NotImplementedError as exc:  # a compression method zipfile does not know
        raise DiplonetError(f"{path}: cannot read {member} in the zip: {exc}") from None


def _lines(path: Path) -> Iterator[bytes]:
    """The raw lines of a plain or zipped export, read in a stream, each bounded in length."""
    with open_export(path) as fh:
        yield from _bounded(fh)


@dataclass
class Aggregate:
    """The events of one ordered pair in one period, by whichever engine counted them.

    The Goldstein total is kept in integer tenths (every CAMEO value has one decimal), so the sum
    does not depend on the order the events were added in: the streaming reader and the SQL
    engines, which add in different orders, give the same total to the last digit.
    """

    counts: Counter = field(default_factory=Counter)
    tenths: int = 0
    ids: list = field(default_factory=list)
    urls: list = field(default_factory=list)
    events: int | None = None  # set by the SQL engines, which keep only the first ids

    @property
    def n(self) -> int:
        return self.events if self.events is not None else sum(self.counts.values())

    @property
    def goldstein(self) -> float:
        """The sum of the Goldstein values."""
        return self.tenths / 10

    @property
    def mean(self) -> float:
        """The mean Goldstein value (computed from integers, the same in every engine)."""
        return self.tenths / (10 * self.n)


def tenths(goldstein: float) -> int:
    """A Goldstein value in integer tenths, rounded half up: ``FLOOR(g * 10 + 0.5)`` in SQL.

    >>> tenths(-9.2), tenths(2.8), tenths(0.0)
    (-92, 28, 0)
    """
    return math.floor(goldstein * 10 + 0.5)


@dataclass
class IngestReport:
    """What an ingest read, kept, skipped and why.

    Every engine (:func:`ingest`, :func:`diplonet.gdelt_duckdb.ingest_duckdb`, the BigQuery
    query) fills the same report; :func:`relation_rows` turns it into relations.

    Attributes
    ----------
    files : list of str
        The files read, in order.
    rows : int
        Non-blank lines read, those that fail a check included.
    bad : int
        Rows that do not parse or fail a check (date, Goldstein value, CAMEO code, QuadClass).
    bad_lines : list of (str, int, str)
        The first :data:`MAX_BAD_LINES` of them: file, line number and reason.
    out_of_range : int
        Good rows outside the days asked for.
    unmapped_rows : int
        Rows with a side that maps to no actor.
    same_actor : int
        Rows whose two sides map to the same actor.
    kept : int
        Events aggregated into relations.
    unmapped : collections.Counter
        Rows by the unmapped actor code (or name, when the code is empty).
    aggregates : dict
        ``(source, target, period label)`` → :class:`Aggregate`.
    periods : dict
        Period label → (first, last) as partial-date text, e.g. ``"2021-Q2"`` →
        ``("2021-04", "2021-06")``.
    period : str
        ``"month"``, ``"quarter"`` or ``"year"``.
    """

    files: list[str] = field(default_factory=list)
    rows: int = 0
    bad: int = 0
    bad_lines: list[tuple[str, int, str]] = field(default_factory=list)
    out_of_range: int = 0
    unmapped_rows: int = 0
    same_actor: int = 0
    kept: int = 0
    unmapped: Counter = field(default_factory=Counter)
    aggregates: dict = field(default_factory=dict)
    periods: dict = field(default_factory=dict)  # label → (start, end)
    period: str = "month"

    def bad_row(self, file: str, line: int, reason: str) -> None:
        self.bad += 1
        if len(self.bad_lines) < MAX_BAD_LINES:
            self.bad_lines.append((file, line, reason))


def _period(day: _dt.date, period: str) -> tuple[str, str, str]:
    """(label, start, end) of the period holding ``day``, as partial dates."""
    year = f"{day.year:04d}"
    if period == "year":
        return year, year, year
    if period == "quarter":
        q = (day.month - 1) // 3
        return f"{year}-Q{q + 1}", f"{year}-{3 * q + 1:02d}", f"{year}-{3 * q + 3:02d}"
    label = f"{year}-{day.month:02d}"
    return label, label, label


MISSING = object()


def bad_reason(
    status: str, sqldate: str = "", goldstein: str = "", code: str = "", quad: str = ""
) -> str:
    """Why a row fails a check, from its fields as text (the same words in every engine).

    >>> bad_reason("bad_goldstein", goldstein="0.0", code="10")
    "GoldsteinScale 0.0 does not match CAMEO code '10' (-5.0): was a leading zero lost?"
    """
    if status == "bad_value":
        return f"bad SQLDATE {sqldate!r} or GoldsteinScale {goldstein!r}"
    if status == "bad_code":
        return f"EventCode {code!r} is not a CAMEO event code"
    value = float(goldstein)
    if status == "bad_goldstein":
        return (
            f"GoldsteinScale {value} does not match CAMEO code {code!r} ({cameo_codes()[code]}): "
            "was a leading zero lost?"
        )
    return f"bad QuadClass {quad!r} or GoldsteinScale {value}"


@functools.cache
def _cameo_table(path: Path) -> dict[str, float]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            code, value = line.split("\t")[:2]
            table[code.strip()] = float(value)
    return table


def cameo_codes(path: str | os.PathLike | None = None) -> dict[str, float]:
    """CAMEO event codes (as text) with their Goldstein values, from the shipped table.

    ``010`` (make a statement, 0.0) and ``10`` (demand, -5.0) are different codes.
    """
    return dict(_cameo_table(Path(path) if path else default_data_dir() / "cameo_goldstein.txt"))


#: Events before this year are refused as bad rows (GDELT's backfile starts in 1979).
FIRST_YEAR = 1900
_SQLDATE = re.compile(r"[0-9]{8}")


def _day(text: str, period: str, since: PartialDate | None, until: PartialDate | None):
    """The period of a SQLDATE, None when outside since/until, False when not a date."""
    try:
        if not _SQLDATE.fullmatch(text):  # int() would take "+1", " 1", "1_0"; SQL does not
            raise ValueError
        day = _dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    if day.year < FIRST_YEAR or day > _dt.date.today():  # the dataset would refuse it
        return False
    if since is not None or until is not None:
        d = PartialDate(day.year, day.month, day.day)
        if (since and d.compare(since) < 0) or (until and d.compare(until) > 0):
            return None
    return _period(day, period)


def ingest(
    files: Iterable[str | os.PathLike],
    actor_map: ActorMap,
    since: PartialDate | None = None,
    until: PartialDate | None = None,
    period: str = "month",
) -> IngestReport:
    """Read GDELT 2.0 exports and aggregate the events between mapped actors.

    The streaming reference that the SQL engines match: one line at a time, in bounded memory.

    Parameters
    ----------
    files : iterable of path-like
        Plain or zipped exports (no glob patterns: see
        :func:`diplonet.gdelt_duckdb.expand`).
    actor_map : ActorMap
        The mapping rules (:func:`load_actor_map`).
    since, until : PartialDate, optional
        Keep the events of these days (inclusive); the others are counted as out of range.
    period : {'month', 'quarter', 'year'}
        The period each relation aggregates.

    Returns
    -------
    IngestReport

    Raises
    ------
    DiplonetError
        When a file is missing or is not a GDELT 2.0 events export (its first line does not
        have 61 tab-separated columns), or ``period`` is not one of the three. Rows that do
        not parse later in a file are counted and reported with their line numbers instead.
    """
    if period not in PERIODS:
        raise DiplonetError(f"period {period!r}: use {', '.join(PERIODS)}")
    report = IngestReport(period=period)
    cameo = cameo_codes()
    aggs: dict[tuple[str, str, str], Aggregate] = report.aggregates
    periods = report.periods
    days: dict[str, tuple | None | bool] = {}  # SQLDATE → period, None (out of range), False (bad)
    sides: dict[
        tuple, str | None
    ] = {}  # an actor's five fields → diplonet id (a few thousand distinct)
    c = COL
    for file in files:
        path = Path(file)
        if not path.is_file():  # also refuses a FIFO or a device, which could never end
            what = "file not found" if not path.exists() else "not a regular file"
            raise DiplonetError(f"{path}: {what}")
        report.files.append(str(path))
        first = True
        for number, raw in enumerate(_lines(path), start=1):
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                if first:  # UTF-16, binary: not an export at all
                    raise DiplonetError(
                        f"{path}: not a GDELT 2.0 events export: line {number} is not UTF-8 text"
                    ) from None
                report.rows += 1
                report.bad_row(str(path), number, "not UTF-8 text")
                continue
            f = text.rstrip("\r\n").split("\t")
            if first:
                first = False
                if len(f) != N_COLUMNS:
                    raise DiplonetError(
                        f"{path}: not a GDELT 2.0 events export: line {number} has {len(f)} "
                        f"tab-separated columns, expected {N_COLUMNS}"
                    )
            report.rows += 1
            if len(f) != N_COLUMNS:
                report.bad_row(str(path), number, f"{len(f)} columns, expected {N_COLUMNS}")
                continue
            date_text, quad, code = f[1], f[29], f[26]
            when = days.get(date_text)
            if when is None:
                when = days[date_text] = _day(date_text, period, since, until)
            try:
                goldstein = float(f[30])
            except ValueError:
                goldstein = math.nan
            if when is False or math.isnan(goldstein):
                report.bad_row(str(path), number, bad_reason("bad_value", date_text, f[30]))
                continue
            if code not in cameo:
                report.bad_row(str(path), number, bad_reason("bad_code", code=code))
                continue
            if abs(cameo[code] - goldstein) > 0.05:
                report.bad_row(str(path), number, bad_reason("bad_goldstein", "", f[30], code))
                continue
            if quad not in QUADS or not -10 <= goldstein <= 10:
                report.bad_row(str(path), number, bad_reason("bad_quad", "", f[30], code, quad))
                continue
            if when is None:
                report.out_of_range += 1
                continue
            side_a, side_b = (f[5], f[6], f[7], f[8], f[12]), (f[15], f[16], f[17], f[18], f[22])
            a = sides.get(side_a, MISSING)
            if a is MISSING:
                a = sides[side_a] = actor_map.actor(*side_a)
            b = sides.get(side_b, MISSING)
            if b is MISSING:
                b = sides[side_b] = actor_map.actor(*side_b)
            if a is None or b is None:
                report.unmapped_rows += 1
                if a is None and (f[5] or f[6]):
                    report.unmapped[f[5] or f[6]] += 1
                if b is None and (f[15] or f[16]):
                    report.unmapped[f[15] or f[16]] += 1
                continue
            if a == b:
                report.same_actor += 1
                continue
            label, start, end = when
            periods[label] = (start, end)
            agg = aggs.get((a, b, label))
            if agg is None:
                agg = aggs[(a, b, label)] = Aggregate()
            agg.counts[quad] += 1
            agg.tenths += tenths(goldstein)
            eid = f[c["GLOBALEVENTID"]]
            if len(agg.ids) < MAX_IDS and _clean(eid, MAX_ID) and ";" not in eid:
                agg.ids.append(eid)
            url = f[c["SOURCEURL"]]
            if _clean(url, MAX_URL) and len(agg.urls) < MAX_URLS and url not in agg.urls:
                agg.urls.append(url)
            report.kept += 1
        if first:
            raise DiplonetError(f"{path}: empty file: not a GDELT 2.0 events export")
    return report


#: The longest event id and source URL kept with a relation (longer ones are counted, not kept).
MAX_ID, MAX_URL = 40, 2000


def _clean(text: str, limit: int) -> bool:
    """Whether an id or URL can be kept: short, no space, no control character."""
    return (
        bool(text)
        and len(text) <= limit
        and not any(ch.isspace() for ch in text)
        and (control_character(text) is None and surrogate(text) is None)
    )


def relation_rows(report: IngestReport) -> list[dict]:
    """The aggregated relations, in the dataset's columns plus the event columns.

    Parameters
    ----------
    report : IngestReport
        A filled report, from any engine.

    Returns
    -------
    list of dict
        One row of text values per pair and period, sorted by period label, then source and
        target: type ``events``, directed, the sign of the mean Goldstein value, strength
        ``max(0.05, |mean| / 10)``, confidence ``medium`` from 10 events, evidence naming the
        counts per QuadClass, the first event ids (with ``;+N more`` when some were not kept)
        and source URLs.
    """
    rows = []
    for (a, b, label), agg in sorted(
        report.aggregates.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1])
    ):
        n, mean = agg.n, agg.mean
        start, end = report.periods[label]
        counts = {QUADS[q]: agg.counts.get(q, 0) for q in QUADS}
        evidence = (
            f"GDELT 2.0: {n} events from {a} to {b} in {label} ({counts['verbal_cooperation']} verbal "
            f"cooperation, {counts['material_cooperation']} material cooperation, {counts['verbal_conflict']} "
            f"verbal conflict, {counts['material_conflict']} material conflict); mean Goldstein {mean:+.2f}"
        )
        more = f";+{n - len(agg.ids)} more" if n > len(agg.ids) else ""
        rows.append(
            {
                "source": a,
                "target": b,
                "type": "events",
                "sign": "+1" if mean >= 0 else "-1",
                "strength": f"{max(0.05, min(1.0, abs(mean) / 10)):.3f}",
                "directed": "true",
                "start": start,
                "end": end,
                "evidence": evidence,
                "citation": f"GDELT 2.0 event exports, {label}",
                "confidence": "medium" if n >= 10 else "low",
                "note": f"aggregated by diplonet ingest gdelt, per {report.period}",
                "events": str(n),
                **{k: str(v) for k, v in counts.items()},
                "goldstein_mean": f"{mean:.4f}",
                "goldstein_sum": f"{agg.goldstein:.4f}",
                "event_ids": ";".join(agg.ids) + more,
                "source_urls": " ".join(agg.urls),
            }
        )
    return rows


def write_relations(rows: list[dict], path: Path) -> None:
    """Write the rows as a relations CSV (the dataset's columns, then the event columns).

    Parameters
    ----------
    rows : list of dict
        Rows of :func:`relation_rows`; a missing column is written empty, an extra key ignored.
    path : Path
        The file to write (replaced if it exists).
    """
    from ._output import write_csv

    columns = (*RELATION_COLUMNS, *RELATION_OPTIONAL)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        write_csv(fh, columns, ([row.get(c, "") for c in columns] for row in rows))


__all__ = [
    "ActorMap",
    "EVENT_COLUMNS",
    "IngestReport",
    "ingest",
    "load_actor_map",
    "relation_rows",
    "write_relations",
]
